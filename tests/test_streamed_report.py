"""`checker check --format json|sarif` are written as each document is finished (checker.report.
streamed), and their bytes are those of the whole report serialised at the end, as before: the
report built whole (``ci.run_checks``) and encoded by ``commands.check._format``.  Compared on the
example articles and our own ones, with the things that shape a report: a baseline (matched across
documents), an input error, a forced locale (header written at once) or none (spooled), a review
dismissal, an inline suppression, ``--jobs 2``, ``--output`` and the indented form of a terminal.
"""
from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from checker import ci
from checker.cli import build_parser, main
from checker.commands.check import _format
from checker.i18n import using_locale
from checker.reader import reading

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

OWN = {
    "town.md": "# 乡镇简报\n\n全镇共排查隐患420处，已整改315处，整改率达80%。\n\n"
               "<!-- checker-disable-next-line rate: 整改率按已验收的隐患计算 -->\n"
               "全镇共受理投诉300件，办结240件，办结率达90%。\n",
    "agency.txt": "The agency received 1,260 complaints and resolved 1,198 of them, a resolution rate of 97.5%.\n"
                  "Staff fell from 412 to 326, a decrease of 18.2%.\n",
    "clean.txt": "共受理纠纷200起，化解150起，化解率75%。\n",
}


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> Path:
    """The example articles and our own in tmp_path, which is also the working directory."""
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    shutil.copytree(EXAMPLES, docs, ignore=shutil.ignore_patterns("ci"))
    for name, text in OWN.items():
        (docs / name).write_text(text, encoding="utf-8")
    return docs


def whole(argv: list[str], pretty: bool = False) -> tuple[int, str]:
    """Exit code and output of the report built whole and serialised at the end (the former way)."""
    args = build_parser().parse_args(argv)
    with reading(max_bytes=None, encoding=None, lang=None):
        settings = ci.settings_from(args)
        with using_locale(args.locale or settings.config.locale, force=True):
            report, pack = ci.run_checks(settings)
            code = 2 if report["errors"] else ci.exit_code(report, settings.fail_on)
            return code, _format(report, pack, args.format, code, pretty=pretty)


def streamed(capsys, argv: list[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(argv)
    return code, capsys.readouterr().out


def same(capsys, *argv: str) -> str:
    """Assert that the streamed output equals the whole report's, bytes and exit code; return it."""
    argv = ["check", *argv]
    now = streamed(capsys, argv)
    assert now == whole(argv)
    return now[1]


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_streamed_equals_the_whole_report(corpus, capsys, fmt):
    out = same(capsys, "--format", fmt, "--no-baseline", "--jobs", "1", "docs")
    data = json.loads(out)
    if fmt == "json":
        assert data["summary"]["documents"] == 7 and data["summary"]["suppressed"] == 1
        assert {d["language"] for d in data["documents"]} == {"zh", "en"}
    else:
        assert len(data["runs"][0]["results"]) >= 5
        assert any(r.get("suppressions") for r in data["runs"][0]["results"])
    # one article, none at all (an input error only), two processes, a forced locale
    same(capsys, "--format", fmt, "--no-baseline", "docs/agency.txt")
    same(capsys, "--format", fmt, "--no-baseline", "missing.md")
    same(capsys, "--format", fmt, "--no-baseline", "--jobs", "2", "docs", "missing.md", "docs/town.md")
    same(capsys, "--format", fmt, "--no-baseline", "--locale", "zh", "docs")


@pytest.mark.document_locale
def test_streamed_equals_the_whole_report_in_each_document_language(corpus, capsys):
    zh = json.loads(same(capsys, "--format", "json", "--no-baseline", "docs/town.md", "docs/clean.txt"))
    assert zh["locale"] == "zh"
    mixed = json.loads(same(capsys, "--format", "json", "--no-baseline", "docs"))
    assert mixed["locale"] == "en" and any("率" in c["message"] for d in mixed["documents"] for c in d["checks"])
    same(capsys, "--format", "sarif", "--no-baseline", "docs")


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_baseline_and_review_states(corpus, capsys, tmp_path, fmt):
    assert main(["baseline", "create", "docs", "--file", "base.json"]) == 0
    (corpus / "later.txt").write_text(OWN["agency.txt"], encoding="utf-8")  # its findings: in the baseline
    (corpus / "town.md").write_text(OWN["town.md"] + "\n打掉团伙12个，其中涉黑组织15个。\n", encoding="utf-8")
    out = same(capsys, "--format", fmt, "--baseline", "base.json", "docs")
    if fmt == "json":
        report = json.loads(out)
        assert report["baseline"]["matched"] > 0 and report["summary"]["failing"] >= 1
        # the same fingerprints twice: the entries were used by agency.txt, later.txt's are new
        later = next(d for d in report["documents"] if d["path"].endswith("later.txt"))
        assert {c.get("baseline") for c in later["checks"] if c["verdict"] == "inconsistent"} == {"new"}

    store = pytest.importorskip("checker.review.store")
    report = json.loads(streamed(capsys, ["check", "--format", "json", "--no-baseline", "docs/agency.txt"])[1])
    check = next(c for c in report["documents"][0]["checks"] if c["verdict"] == "inconsistent")
    signature = store.content_signature(check["quote"], ((n["role"], n["text"]) for n in check["numbers"]))
    with store.ReviewStore(tmp_path / "reviews.sqlite") as s:
        s.set_verdict(check["id"], "dismissed", reviewer="ana", signature=signature, path="docs/agency.txt",
                      rule=check["rule"], quote=check["quote"])
    out = same(capsys, "--format", fmt, "--db", "reviews.sqlite", "--baseline", "base.json", "docs")
    assert "ana" in out


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_output_file_and_terminal_summary(corpus, capsys, tmp_path, fmt):
    from checker.report.findings_text import render_summary

    argv = ["check", "--format", fmt, "--no-baseline", "--output", "report.out", "docs", "missing.md"]
    code = main(argv)
    out = capsys.readouterr().out
    written = (tmp_path / "report.out").read_text(encoding="utf-8")
    args = build_parser().parse_args(argv)
    settings = ci.settings_from(args)
    report, pack = ci.run_checks(settings)
    assert code == 2 and written == _format(report, pack, fmt, code)
    buf = io.StringIO()
    render_summary(report, buf)
    assert out == buf.getvalue() and "missing.md" not in out and "[rate]" in out


def test_indented_for_a_terminal(corpus, capsys):
    """``--format json`` on a terminal is indented: the streamed writer indents each document the same."""
    from checker.report.streamed import write_json
    from checker.streaming import CheckStream

    for paths in (["docs"], ["missing.md"], ["docs/agency.txt"]):
        argv = ["check", "--format", "json", "--no-baseline", *paths]
        settings = ci.settings_from(build_parser().parse_args(argv))
        buf = io.StringIO()
        write_json(CheckStream(settings, lambda e: None, document=True, line=False), buf, indent=1)
        assert buf.getvalue() == whole(argv, pretty=True)[1]
    assert buf.getvalue().startswith('{\n "schema_version": 1,\n') and '\n  {\n   "path": ' in buf.getvalue()


@pytest.mark.document_locale  # no CHECKER_LOCALE: only --locale forces one
def test_spooled_only_until_the_header_is_known(corpus, capsys, monkeypatch):
    """Without a forced locale the documents wait in a temporary file (the locale comes first); with
    one they are written at once: the first document is out before the second is checked."""
    from checker import pipeline

    seen: list[str] = []
    real = pipeline.check_document

    def spy(document, pack):
        seen.append(capsys.readouterr().out)  # what had been written when this document started
        return real(document, pack)

    monkeypatch.setattr(pipeline, "check_document", spy)
    main(["check", "--format", "json", "--no-baseline", "--jobs", "1", "--locale", "en", "docs"])
    assert seen[0].endswith('"locale": "en", "documents": [') and seen[1].startswith('{"path": "docs/')
    seen.clear()
    capsys.readouterr()
    main(["check", "--format", "json", "--no-baseline", "--jobs", "1", "docs"])
    assert not any(seen)  # the language of every document decides the header
