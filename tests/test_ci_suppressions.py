"""Inline suppressions in Markdown and HTML articles: next-line, line and block directives, a
reason required (else a `suppression` warning), listed in the JSON report and by `checker
suppressions`."""
from __future__ import annotations

import json

import jsonschema
import pytest

from checker.suppress import parse
from ci_helpers import ERROR_ARTICLE, failing, run, run_json
from conftest import REPO

SCHEMA = json.loads((REPO / "checker" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
PART = "打掉团伙12个，其中涉黑组织15个。"  # part_le_whole, error


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path.name


def test_next_line_skips_blank_lines_and_names_the_rule(cwd, capsys):
    name = write(cwd / "a.md", "<!-- checker-disable-next-line rate: the rate counts closed cases only -->\n\n"
                 + ERROR_ARTICLE + ERROR_ARTICLE)
    code, report = run_json(capsys, name)
    doc = report["documents"][0]
    jsonschema.validate(report, SCHEMA)
    rates = [c for c in doc["checks"] if c["rule"] == "rate"]
    assert [bool(c.get("suppressed")) for c in rates] == [True, False]  # only the next line
    assert rates[0]["suppressed"] == {"kind": "inSource", "reason": "the rate counts closed cases only",
                                      "rules": ["rate"], "line": 1, "directive": "next-line"}
    assert doc["suppressions"][0]["covers"] == {"start_line": 3, "end_line": 3}
    assert code == 1 and report["summary"]["suppressed"] == 1 and report["summary"]["failing"] == 1


def test_a_suppression_of_another_rule_does_not_apply(cwd, capsys):
    name = write(cwd / "a.md", "<!-- checker-disable-next-line sum: not this one -->\n" + ERROR_ARTICLE)
    code, report = run_json(capsys, name)
    assert code == 1 and report["summary"]["suppressed"] == 0


def test_disable_line_and_all(cwd, capsys):
    name = write(cwd / "a.html", f"<p>{PART}<!-- checker-disable-line all: figures from the bureau --></p>\n"
                 f"<p>{PART}</p>\n")
    code, report = run_json(capsys, name)
    flags = [bool(c.get("suppressed")) for c in report["documents"][0]["checks"] if c["verdict"] == "inconsistent"]
    assert flags == [True, False] and code == 1


def test_block_until_enable_or_end(cwd, capsys):
    text = ("<!-- checker-disable rate, part_le_whole: table copied from the yearbook -->\n" + ERROR_ARTICLE + PART
            + "\n<!-- checker-enable -->\n" + ERROR_ARTICLE
            + "<!-- checker-disable rate: appendix -->\n" + ERROR_ARTICLE)
    code, report = run_json(capsys, write(cwd / "a.md", text))
    flagged = [c for c in report["documents"][0]["checks"] if c["verdict"] == "inconsistent"]
    assert [(c["rule"], c["line"], bool(c.get("suppressed"))) for c in flagged] == [
        ("rate", 2, True), ("part_le_whole", 3, True), ("rate", 5, False), ("rate", 7, True)]
    assert code == 1


def test_suppression_without_a_reason_is_a_warning_finding(cwd, capsys):
    name = write(cwd / "a.md", "<!-- checker-disable-next-line rate -->\n" + ERROR_ARTICLE)
    code, report = run_json(capsys, name)
    assert code == 0  # the rate is suppressed; the suppression's own finding is a warning
    jsonschema.validate(report, SCHEMA)
    (warning,) = failing(report)
    assert warning["rule"] == "suppression" and warning["severity"] == "warning" and warning["line"] == 1
    assert "no reason" in warning["message"]
    assert run(capsys, "check", "--fail-on", "warning", name)[0] == 1
    # it can be switched off like any rule
    assert run(capsys, "check", "--fail-on", "warning", "--disable", "suppression", name)[0] == 0


def test_unknown_rule_and_stray_enable_are_warnings(cwd, capsys):
    name = write(cwd / "a.md", "<!-- checker-disable-next-line rtae: typo -->\n" + ERROR_ARTICLE
                 + "<!-- checker-enable -->\n")
    code, report = run_json(capsys, name)
    messages = sorted(c["message"] for c in failing(report) if c["rule"] == "suppression")
    assert len(messages) == 2 and "unknown rule rtae" in messages[1] and "closes nothing" in messages[0]
    assert code == 1  # the rate is not suppressed by a typo


def test_fingerprints_of_suppression_findings_are_stable(cwd, capsys):
    a = write(cwd / "a.md", "<!-- checker-disable-next-line rate -->\n" + ERROR_ARTICLE)
    b = write(cwd / "b.md", "前言。\n\n<!-- checker-disable-next-line rate -->\n" + ERROR_ARTICLE)
    _, report = run_json(capsys, a, b)
    ids = [[c["id"] for c in d["checks"] if c["rule"] == "suppression"] for d in report["documents"]]
    assert ids[0] == ids[1] and len(ids[0]) == 1


def test_parse_spans_and_multiline_comments():
    text = "x\n<!--\n  checker-disable-next-line  rate ,sum :\n  long\n  reason -->\n\ny 1\n"
    (s,) = parse(text, {"rate", "sum"})
    assert s.kind == "next-line" and s.rules == ("rate", "sum") and s.reason == "long reason"
    assert (s.line, s.first_line) == (2, 7) and text[s.start : s.end].startswith("<!--")
    assert not s.problems
    assert parse("no directives here") == []


def test_suppressions_command_lists_them_all(cwd, capsys):
    write(cwd / "a.md", "<!-- checker-disable-next-line rate: closed cases only -->\n" + ERROR_ARTICLE)
    write(cwd / "b.html", f"<p>{PART}<!-- checker-disable-line part_le_whole --></p>\n")
    write(cwd / "c.md", ERROR_ARTICLE)
    code, out, _ = run(capsys, "suppressions", ".")
    assert code == 0
    assert "a.md:1:1  next-line rate  (line 2; 1 finding suppressed)" in out
    assert "reason: closed cases only" in out
    assert "b.html:1:" in out and "reason: (none given)" in out and "warning: gives no reason" in out
    assert out.strip().endswith("2 suppressions in 2 of 3 documents")
    code, out, _ = run(capsys, "suppressions", "--format", "json", ".")
    rows = json.loads(out)["suppressions"]
    assert [(r["path"], r["kind"], r["reason"]) for r in rows] == [("a.md", "next-line", "closed cases only"),
                                                                    ("b.html", "line", None)]
    assert rows[0]["suppressed_checks"][0]["rule"] == "rate"
