"""``--jobs N``: the same reports, errors and exit codes as ``--jobs 1``, from a real process pool.

The pool is forced on (``POOL_MIN_BYTES = 0``) so that the small test articles are really checked in
spawned workers.  A file that makes the checker fail inside a worker is planted with a
``sitecustomize`` module on the workers' PYTHONPATH (a spawned worker inherits nothing else); the
parent process gets the same fault by monkeypatching.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker import parallel, pipeline
from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

FAULT = '''
import checker.pipeline as _pipeline
_real = _pipeline.check_document


def _flaky(document, pack):
    if document.path.endswith("boom.md"):
        raise ZeroDivisionError("planted fault")
    return _real(document, pack)


_pipeline.check_document = _flaky
'''


def _flaky_here(real):
    def flaky(document, pack):
        if document.path.endswith("boom.md"):
            raise ZeroDivisionError("planted fault")
        return real(document, pack)
    return flaky


def generated_articles(folder: Path, n: int = 12) -> Path:
    """Articles with made-up numbers, a rate right in some and wrong in others, in both languages."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        whole, part = 400 + 37 * i, 150 + 11 * i
        rate = round(100 * part / whole, 1) + (3 if i % 3 == 0 else 0)
        if i % 2:
            text = (f"# 第{i}号简报\n\n本季度全县共受理申请{whole}件，办结{part}件，办结率为{rate}%。\n"
                    f"新建公园{i + 3}处，比上年的{i + 2}处增加{i + 1}处。\n")
        else:
            text = (f"# Bulletin {i}\n\nThe agency received {whole:,} complaints and resolved {part:,} of them, "
                    f"a resolution rate of {rate}%.\nIt opened {i + 5} clinics, up from {i + 4} a year earlier.\n")
        (folder / f"a{i:02d}.md").write_text(text, encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"%PDF-1.4 not really an article")
    (folder / "boom.md").write_text("The office received 300 calls and answered 120 of them, an answer rate of 40%.\n", encoding="utf-8")
    return folder


@pytest.fixture
def pooled(monkeypatch, tmp_path):
    """Pool forced on; workers and this process fail on ``boom.md``."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(FAULT, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setattr(parallel, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(pipeline, "check_document", _flaky_here(pipeline.check_document))
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_json_is_the_same_at_jobs_1_and_2(pooled, capsys, monkeypatch):
    docs = generated_articles(pooled / "docs")
    monkeypatch.chdir(pooled)
    pools = []
    real_pooled = parallel._pooled
    monkeypatch.setattr(parallel, "_pooled", lambda *a: pools.append(1) or real_pooled(*a))
    for paths in ([str(EXAMPLES)], ["docs"]):
        one = run(capsys, "check", "--format", "json", "--no-baseline", "--jobs", "1", *paths)
        two = run(capsys, "check", "--format", "json", "--no-baseline", "--jobs", "2", *paths)
        assert one == two
        assert len(pools) == 1  # --jobs 2 ran in workers, --jobs 1 did not
        pools.clear()
        report = json.loads(two[1])
        assert report["documents"] and report["summary"]["inconsistent"] > 0
    # the generated run: the bad file and the failing one are one error line each, the rest checked
    code, out, err = two
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "bad.txt" in lines[0] and "binary file" in lines[0]
    assert "boom.md" in lines[1] and "internal error (ZeroDivisionError: planted fault)" in lines[1]
    report = json.loads(out)
    assert [Path(d["path"]).name for d in report["documents"]] == sorted(p.name for p in docs.glob("a*.md"))
    assert len(report["errors"]) == 2


def test_jsonl_streams_the_same_documents(pooled, capsys, monkeypatch):
    generated_articles(pooled / "docs")
    monkeypatch.chdir(pooled)
    code, out, err = run(capsys, "check", "--format", "json", "--no-baseline", "--jobs", "1", "docs")
    report = json.loads(out)
    for jobs in ("1", "2"):
        c, streamed, e = run(capsys, "check", "--format", "jsonl", "--no-baseline", "--jobs", jobs, "docs")
        lines = [json.loads(line) for line in streamed.splitlines()]
        assert (c, e) == (code, err)
        assert lines[:-1] == report["documents"]
        assert lines[-1] == {"schema_version": 1, "tool": report["tool"], "errors": report["errors"],
                             "summary": report["summary"]}


def suppressed_and_warning_articles(folder: Path) -> None:
    """An inline suppression, a rule the run disables and a warning, for the finishing a worker does."""
    (folder / "s1.md").write_text(
        "# S\n\n<!-- checker-disable-next-line rate: counts closed cases only -->\n"
        "The court received 500 cases and closed 300 of them, a closure rate of 70%.\n\n"
        "It heard 800 appeals and granted 200 of them, a grant rate of 40%.\n", encoding="utf-8")
    (folder / "s2.md").write_text("# T\n\n全市共登记企业900家，注销120家，注销率为20%。\n", encoding="utf-8")


def test_documents_are_finished_in_the_workers(pooled, capsys, monkeypatch):
    """With a pool the parent builds no document dict and encodes no document: the workers do."""
    from checker import ci
    from checker.report import findings_json

    docs = generated_articles(pooled / "docs")
    suppressed_and_warning_articles(docs)
    monkeypatch.chdir(pooled)
    argv = ("--no-baseline", "--disable", "change_pct", "docs")
    expected = {fmt: run(capsys, "check", "--format", fmt, "--jobs", "1", *argv) for fmt in ("json", "jsonl")}
    report = json.loads(expected["json"][1])
    assert report["summary"]["suppressed"] > 0 and report["documents"][0]["suppressions"] == []
    assert all(c["rule"] != "change_pct" and "end_line" in c for d in report["documents"] for c in d["checks"])

    def not_here(*a, **k):
        raise AssertionError("a document was finished in the parent")

    monkeypatch.setattr(ci, "finish_document", not_here)
    monkeypatch.setattr(findings_json, "document_dict", not_here)
    for fmt in ("json", "jsonl"):
        assert run(capsys, "check", "--format", fmt, "--jobs", "2", *argv) == expected[fmt]


def test_fail_on_and_exit_codes_are_the_same_at_jobs_2(pooled, capsys, monkeypatch):
    docs = generated_articles(pooled / "docs", n=4)
    (docs / "bad.txt").unlink()
    (docs / "boom.md").unlink()
    suppressed_and_warning_articles(docs)
    monkeypatch.chdir(pooled)
    for fail_on in ("error", "warning", "never"):
        for fmt in ("json", "jsonl", "text"):
            argv = ("check", "--format", fmt, "--no-baseline", "--fail-on", fail_on, "docs")
            one = run(capsys, *argv, "--jobs", "1")
            assert one == run(capsys, *argv, "--jobs", "2")
            assert one[0] == (0 if fail_on == "never" else 1)


def test_finish_file_sends_plain_data(tmp_path):
    """What crosses the process boundary: the finished dict or its JSON line, its counts, its worst
    failing severity; never the document's text or the checker's objects."""
    import pickle

    from checker.ci import SEVERITY_RANK
    from checker.rulepack import load_rulepack

    docs = generated_articles(tmp_path / "docs", n=1)
    suppressed_and_warning_articles(docs)
    known = frozenset(load_rulepack(()).rules) | {"suppression"}
    for name in ("a00.md", "s1.md", "s2.md"):
        path = str(docs / name)
        (as_dict,), errs = pipeline.finish_file(path, pipeline.finishing_state((), known, known, False))
        (as_line,), _ = pipeline.finish_file(path, pipeline.finishing_state((), known, known, True))
        assert errs == [] and as_line.document is None and as_dict.line is None
        assert json.loads(as_line.line) == as_dict.document
        assert (as_line.summary, as_line.worst) == (as_dict.summary, as_dict.worst)
        doc = as_dict.document
        assert as_dict.summary["checks"] == len(doc["checks"]) and as_dict.summary["documents"] == 1
        failing = [c for c in doc["checks"] if c["verdict"] == "inconsistent" and not c.get("suppressed")]
        assert as_dict.worst == max((SEVERITY_RANK[c["severity"]] for c in failing), default=-1)
        assert pickle.loads(pickle.dumps(as_dict)) == as_dict
        assert b"checker.model" not in pickle.dumps(as_dict) + pickle.dumps(as_line)  # no Document, no Check
    found, errors = pipeline.finish_file(str(docs / "bad.txt"), pipeline.finishing_state((), known, known, True))
    assert found == [] and len(errors) == 1 and "bad.txt" in errors[0] and "binary file" in errors[0]


def test_jsonl_applies_the_baseline_across_the_stream(capsys, monkeypatch, tmp_path):
    generated_articles(tmp_path / "docs", n=6)
    (tmp_path / "docs" / "bad.txt").unlink()
    (tmp_path / "docs" / "boom.md").unlink()
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "baseline", "create", "docs/a00.md", "docs/a03.md")[0] == 0
    code, out, _ = run(capsys, "check", "--format", "json", "docs")
    c, streamed, _ = run(capsys, "check", "--format", "jsonl", "docs")
    lines = [json.loads(line) for line in streamed.splitlines()]
    report = json.loads(out)
    assert c == code and lines[:-1] == report["documents"]
    assert lines[-1]["baseline"] == report["baseline"] and lines[-1]["summary"] == report["summary"]
    assert report["summary"]["baselined"] > 0


def test_jsonl_refuses_output(capsys, tmp_path):
    code, _, err = run(capsys, "check", "--format", "jsonl", "--output", str(tmp_path / "x"), str(EXAMPLES))
    assert code == 2 and err.count("\n") == 1 and "jsonl" in err


def test_extract_and_baseline_are_the_same_at_jobs_2(pooled, capsys, monkeypatch):
    generated_articles(pooled / "docs")
    (pooled / "docs" / "boom.md").unlink()
    monkeypatch.chdir(pooled)
    for fmt in ("json", "csv"):
        assert run(capsys, "extract", "--format", fmt, "--jobs", "1", "docs") == \
               run(capsys, "extract", "--format", fmt, "--jobs", "2", "docs")
    (pooled / "docs" / "bad.txt").unlink()
    assert run(capsys, "baseline", "create", "--file", "one.json", "--jobs", "1", "docs")[0] == 0
    assert run(capsys, "baseline", "create", "--file", "two.json", "--jobs", "2", "docs")[0] == 0
    assert (pooled / "one.json").read_text(encoding="utf-8") == (pooled / "two.json").read_text(encoding="utf-8")


def test_the_reading_options_reach_the_workers(pooled, capsys, monkeypatch):
    docs = generated_articles(pooled / "docs", n=3)
    (docs / "bad.txt").unlink()
    (docs / "boom.md").unlink()
    one = run(capsys, "check", "--format", "json", "--max-bytes", "100", "--jobs", "1", str(docs))
    two = run(capsys, "check", "--format", "json", "--max-bytes", "100", "--jobs", "2", str(docs))
    assert one == two and one[0] == 2 and "file too large" in one[2]


def test_bad_jobs_value_is_one_line(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--jobs", "0", str(EXAMPLES)])
    err = capsys.readouterr().err
    assert exc.value.code == 2 and "--jobs" in err and "positive number of processes" in err


# ------------------------------------------------------------------------------------ the pool itself

def pid_of(item: str, state) -> tuple[str, int, object]:
    return item, os.getpid(), state


def die_on(item: str, state) -> str:
    if item == "die":
        os._exit(3)  # a worker killed mid-task (out of memory, a crash in C code)
    return item.upper()


def test_ordered_map_keeps_order_and_uses_other_processes():
    items = [f"i{k}" for k in range(30)]
    out = list(parallel.ordered_map(pid_of, items, dict, (), jobs=2, pool=True))
    assert [o[0] for o in out] == items
    assert os.getpid() not in {o[1] for o in out} and {o[2] == {} for o in out} == {True}
    here = list(parallel.ordered_map(pid_of, items, dict, (), jobs=2, pool=False))
    assert {o[1] for o in here} == {os.getpid()}


def test_a_dead_worker_costs_only_its_item():
    items = ["a", "b", "die", "c", "d", "e"]
    out = list(parallel.ordered_map(die_on, items, dict, (), jobs=2, pool=True, on_died=lambda i: f"died:{i}"))
    assert out == ["A", "B", "died:die", "C", "D", "E"]


def test_small_runs_stay_in_process(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("1" * (parallel.POOL_MIN_BYTES + 1), encoding="utf-8")
    small = tmp_path / "small.txt"
    small.write_text("12", encoding="utf-8")
    assert not parallel.use_pool([str(big)], 2)  # one document
    assert not parallel.use_pool([str(small), str(small)], 2)  # too few bytes
    assert not parallel.use_pool([str(big), str(small)], 1)  # --jobs 1
    assert parallel.use_pool([str(big), str(small)], 2)


def test_no_progress_bar_without_a_terminal(capsys):
    items = [str(k) for k in range(parallel.PROGRESS_MIN_ITEMS + 1)]
    assert list(parallel.ordered_map(lambda i, s: i, items, dict, jobs=1)) == items
    assert capsys.readouterr().err == ""


def test_review_states_are_the_same_at_jobs_2(pooled, capsys, monkeypatch):
    """A review database needs each document's text, so those runs are finished in the parent:
    still the same reports, dismissals counted, as with --jobs 1."""
    store = pytest.importorskip("checker.review.store")
    docs = generated_articles(pooled / "docs", n=4)
    (docs / "boom.md").unlink()
    monkeypatch.chdir(pooled)
    _, out, _ = run(capsys, "check", "--format", "json", "--no-baseline", "--jobs", "1", "docs")
    doc = next(d for d in json.loads(out)["documents"] if any(c["verdict"] == "inconsistent" for c in d["checks"]))
    check = next(c for c in doc["checks"] if c["verdict"] == "inconsistent")
    signature = store.content_signature(check["quote"], ((n["role"], n["text"]) for n in check["numbers"]))
    db = pooled / "reviews.sqlite"
    with store.ReviewStore(db) as s:
        s.set_verdict(check["id"], "dismissed", reviewer="ana", signature=signature, path=doc["path"],
                      rule=check["rule"], quote=check["quote"])
    for fmt in ("json", "jsonl"):
        argv = ("check", "--format", fmt, "--no-baseline", "--db", str(db), "docs")
        one = run(capsys, *argv, "--jobs", "1")
        assert one == run(capsys, *argv, "--jobs", "2")
        closing = json.loads(one[1]) if fmt == "json" else json.loads(one[1].splitlines()[-1])
        assert closing["summary"]["dismissed"] == 1
