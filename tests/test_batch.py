"""`checker batch` on a real two-worker LocalCluster: the same checks as `checker check --format json`,
a rerun skips what is done, a bad file is a failure row, a killed worker loses no document.

One cluster for the module (starting one costs about a second).  Paths are absolute: the workers
keep the working directory they were started in.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

import pandas as pd  # noqa: E402

from checker import batch  # noqa: E402
from checker.cli import main  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster, \
            Client(cluster) as c:
        yield c


def articles(folder: Path, n: int = 8, start: int = 0) -> Path:
    """Made-up bulletins in both languages; every third rate is wrong."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        whole, part = 500 + 23 * i, 120 + 13 * i
        rate = round(100 * part / whole, 1) + (2 if i % 3 == 0 else 0)
        if i % 2:
            text = f"全镇共排查隐患{whole}处，已整改{part}处，整改率{rate}%。\n"
        else:
            text = f"The agency received {whole:,} complaints and resolved {part:,} of them, a resolution rate of {rate}%.\n"
        (folder / f"n{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def check_rows(capsys, paths: list[str], options: tuple[str, ...] = ("--no-baseline",)) -> list[dict]:
    """The checks of `checker check --format json` as batch rows."""
    main(["check", "--format", "json", "--jobs", "1", *options, *paths])
    report = json.loads(capsys.readouterr().out)
    return sorted((batch.finding_row(d["path"], d["sha256"], c) for d in report["documents"] for c in d["checks"]),
                  key=_key)


def _key(row: dict) -> tuple:
    return row["document"], row["start"], row["end"], row["rule"], row["id"]


def dataset_rows(out: Path) -> list[dict]:
    """Every row of the findings dataset (read by pyarrow: a missing value stays None, not NaN)."""
    import pyarrow.parquet as pq

    return sorted(pq.read_table(out / batch.FINDINGS_DIR).to_pylist(), key=_key)


def test_rows_equal_the_single_process_checks_and_a_rerun_skips(client, capsys, tmp_path):
    docs = articles(tmp_path / "docs")
    (docs / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n not an article")
    out = tmp_path / "out"
    inputs = [str(EXAMPLES), str(docs)]
    summary, stats = batch.run_batch(inputs, str(out), client=client, batch_size=3)
    expected = check_rows(capsys, inputs)
    assert dataset_rows(out) == expected and len(expected) > 10
    from checker.reader import expand

    assert stats.checked == len(expand([str(EXAMPLES)])) + 8 and stats.skipped == 0

    failures = pd.read_parquet(out / batch.FAILURES_FILE).to_dict("records")
    assert [f["document"] for f in failures] == [str(docs / "broken.txt")]
    assert "binary file" in failures[0]["error"] and failures[0]["error"].startswith(str(docs / "broken.txt"))
    written = json.loads((out / batch.SUMMARY_FILE).read_text(encoding="utf-8"))
    assert written == summary and summary["checks"] == len(expected)
    assert summary["verdicts"]["inconsistent"] == sum(r["verdict"] == "inconsistent" for r in expected)
    assert summary["this_run"]["failed"] == 1 and summary["failures"][0]["document"].endswith("broken.txt")

    # a rerun: everything done is skipped by content, nothing is written twice
    again, stats = batch.run_batch(inputs, str(out), client=client, batch_size=3)
    assert stats.checked == 0 and stats.skipped == summary["this_run"]["checked"]
    assert dataset_rows(out) == expected and again["documents"] == summary["documents"]

    # one article edited, one added: only those two are checked
    (docs / "n01.txt").write_text("全镇共有农家书屋40个，其中新建10个，占25%。\n", encoding="utf-8")
    articles(docs, n=1, start=20)
    _, stats = batch.run_batch(inputs, str(out), client=client, batch_size=3)
    assert stats.checked == 2
    rows = dataset_rows(out)
    assert {r["document"] for r in rows} - {r["document"] for r in expected} == {str(docs / "n20.txt")}
    # the edited article's rows are those of its new content, beside the old ones (its earlier sha256)
    assert {r["sha256"] for r in rows if r["document"] == str(docs / "n01.txt")} == {
        r["sha256"] for r in expected if r["document"] == str(docs / "n01.txt")} | {
        __import__("hashlib").sha256((docs / "n01.txt").read_bytes()).hexdigest()}


def test_rounding_baseline_and_review_states_as_check(client, capsys, tmp_path, monkeypatch):
    """With a configuration that sets the rounding conventions and a baseline, and a review database
    beside the articles, the rows are `checker check --format json`'s checks (ci.finish_run)."""
    monkeypatch.chdir(tmp_path)
    docs = articles(tmp_path / "docs", n=6)
    # 200/300 = 66.67%: 66.6% is right only by truncation, which the configuration accepts
    (docs / "water.txt").write_text("全镇共有村庄300个，其中200个已通自来水，占66.6%。\n", encoding="utf-8")
    (tmp_path / ".checker.toml").write_text('rounding = ["round_half_up", "truncation"]\nbaseline = "base.json"\n',
                                            encoding="utf-8")
    assert main(["baseline", "create", str(docs), "--file", "base.json"]) == 0
    capsys.readouterr()
    # after the baseline: a new wrong rate, and a copy of an article whose findings are all in it
    (docs / "n01.txt").write_text("全镇共排查隐患600处，已整改150处，整改率30%。\n", encoding="utf-8")
    (docs / "copy.txt").write_bytes((docs / "n00.txt").read_bytes())
    store = pytest.importorskip("checker.review.store")
    report = json.loads((lambda: (main(["check", "--format", "json", str(docs / "n03.txt")]),
                                  capsys.readouterr().out)[1])())
    wrong = next(c for c in report["documents"][0]["checks"] if c["verdict"] == "inconsistent")
    with store.ReviewStore(store.default_db_path([str(docs)])) as s:
        s.set_verdict(wrong["id"], "dismissed", reviewer="ana", signature=store.content_signature(
            wrong["quote"], ((n["role"], n["text"]) for n in wrong["numbers"])), path=str(docs / "n03.txt"))

    out = tmp_path / "out"
    code = main(["batch", "--scheduler", client.scheduler.address, "--output", str(out), "--batch-size", "2",
                 str(docs)])
    capsys.readouterr()
    expected = check_rows(capsys, [str(docs)], ())
    assert code == 0 and dataset_rows(out) == expected
    water = next(r for r in expected if r["document"].endswith("water.txt") and r["rule"] == "rate")
    assert water["verdict"] == "consistent" and water["convention"] == "truncation"
    assert {r["baseline"] for r in expected if r["verdict"] == "inconsistent" and not r["review"]} == {"unchanged", "new"}
    assert [r["baseline"] for r in expected if r["document"].endswith("n01.txt") and r["failing"]] == ["new"]
    # copy.txt, checked first, takes n00.txt's entry (no entry names it), so n00.txt's finding is new:
    # the workers could not know it (they mark against a document's own entries), the client did
    assert [(Path(r["document"]).name, r["baseline"]) for r in expected if r["verdict"] == "inconsistent"
            and r["document"].endswith(("n00.txt", "copy.txt"))] == [("copy.txt", "unchanged"), ("n00.txt", "new")]
    assert [r["review"] for r in expected if r["id"] == wrong["id"]] == ["dismissed"]
    summary = json.loads((out / batch.SUMMARY_FILE).read_text(encoding="utf-8"))
    assert summary["statuses"] == {"suppressed": 0, "dismissed": 1, "baselined": sum(
        r["baseline"] == "unchanged" for r in expected), "failing": sum(r["failing"] for r in expected)}


def test_globs_urls_and_the_command_line(client, capsys, tmp_path):
    docs = articles(tmp_path / "docs", n=4)
    out = tmp_path / "out"
    address = client.scheduler.address
    code = main(["batch", "--scheduler", address, "--output", str(out), str(docs / "*.txt"),
                 f"file://{docs / 'n01.txt'}", str(tmp_path / "missing.txt")])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.strip().splitlines() == [f"checker: error: {tmp_path / 'missing.txt'}: no such file or directory"]
    rows = dataset_rows(out)
    assert {r["document"] for r in rows} == {str(p) for p in docs.glob("*.txt")} | {f"file://{docs / 'n01.txt'}"}
    url_rows = [r for r in rows if r["document"].startswith("file://")]
    local = [r for r in rows if r["document"] == str(docs / "n01.txt")]
    assert [r["message"] for r in url_rows] == [r["message"] for r in local] and url_rows


def test_bad_options_are_one_line(capsys, tmp_path):
    code = main(["batch", "--output", str(tmp_path / "o"), "--enable", "no_such_rule", str(EXAMPLES)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "no_such_rule" in err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code = main(["batch", "--output", str(tmp_path / "file"), str(EXAMPLES)])
    err = capsys.readouterr().err
    assert code == 2 and "not a directory" in err and err.count("\n") == 1


def _kill_once(marker: str) -> None:
    """In each worker: the first check of ``kill.txt`` kills its worker process (as the OOM killer would)."""
    from checker import pipeline

    real = getattr(pipeline, "_real_check_document", pipeline.check_document)
    pipeline._real_check_document = real

    def deadly(document, pack):
        if document.path.endswith("kill.txt") and not os.path.exists(marker):
            open(marker, "w").close()
            os._exit(1)
        return real(document, pack)

    pipeline.check_document = deadly


def _restore() -> None:
    from checker import pipeline

    pipeline.check_document = getattr(pipeline, "_real_check_document", pipeline.check_document)


def test_a_killed_worker_loses_no_document(client, tmp_path):
    docs = articles(tmp_path / "docs", n=6)
    (docs / "kill.txt").write_text("The fund received 60 claims and paid 30 of them, a payment rate of 50%.\n", encoding="utf-8")
    marker = tmp_path / "killed"
    client.run(_kill_once, str(marker))
    try:
        _, stats = batch.run_batch([str(docs)], str(tmp_path / "out"), client=client, batch_size=2)
    finally:
        client.run(_restore)
    assert marker.exists()  # a worker really died
    assert stats.checked == 7 and not stats.failures
    assert str(docs / "kill.txt") in {r["document"] for r in dataset_rows(tmp_path / "out")}
