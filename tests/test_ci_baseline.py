"""Baselines: `checker baseline create` records today's findings, `check` then fails only on new
ones and counts the entries that no longer occur; review dismissals are not failures either."""
from __future__ import annotations

import json

import pytest

from ci_helpers import CLEAN_ARTICLE, ERROR_ARTICLE, WARNING_ARTICLE, failing, run, run_json


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n\n" + ERROR_ARTICLE, encoding="utf-8")
    (tmp_path / "docs" / "b.md").write_text(WARNING_ARTICLE, encoding="utf-8")
    return tmp_path


def test_round_trip(repo, capsys):
    code, out, _ = run(capsys, "baseline", "create", "docs")
    assert code == 0 and ".checker-baseline.json: 2 findings in 2 of 2 documents" in out
    data = json.loads((repo / ".checker-baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [(e["path"], e["rule"], e["line"]) for e in data["findings"]] == [("docs/a.md", "rate", 3),
                                                                             ("docs/b.md", "base_implied", 1)]
    # the baseline in the cwd is used automatically: nothing new, nothing fails
    code, report = run_json(capsys, "--fail-on", "warning", "docs")
    assert code == 0 and not failing(report)
    assert report["baseline"] == {"file": ".checker-baseline.json", "entries": 2, "matched": 2, "absent": 0}
    assert report["summary"]["baselined"] == 2 and report["summary"]["failing"] == 0
    # a new finding fails and is the only one shown; an unrelated edit keeps the old ones matched
    (repo / "docs" / "a.md").write_text("# A\n\n另有说明文字。\n\n" + ERROR_ARTICLE + "受理纠纷300起，化解290起，化解率50%。\n",
                                        encoding="utf-8")
    code, out, _ = run(capsys, "check", "docs")
    assert code == 1
    assert "50%" in out and "97.5%" not in out
    assert "not failing: 2 in the baseline" in out
    code, report = run_json(capsys, "docs")
    new = failing(report)
    assert len(new) == 1 and new[0]["baseline"] == "new" and "50%" in new[0]["quote"]
    # --no-baseline shows everything again
    code, report = run_json(capsys, "--no-baseline", "docs")
    assert len(failing(report)) == 3 and "baseline" not in report


def test_fixed_findings_are_counted_as_no_longer_occurring(repo, capsys):
    run(capsys, "baseline", "create", "docs")
    (repo / "docs" / "a.md").write_text(CLEAN_ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "check", "docs")
    assert code == 0
    assert "1 baseline entry no longer occurs" in out
    code, out, err = run(capsys, "check", "--format", "sarif", "docs")
    assert "1 baseline entry no longer occurs" in err
    assert json.loads(out)["runs"][0]["properties"]["baseline"]["absent"] == 1
    # entries of files that were not checked are not counted as gone
    code, report = run_json(capsys, "docs/b.md")
    assert report["baseline"]["absent"] == 0 and report["baseline"]["matched"] == 1


def test_baseline_file_option_and_sarif_baseline_state(repo, capsys):
    code, _, _ = run(capsys, "baseline", "create", "docs/a.md", "--file", "ci/base.json")
    assert code == 0 and (repo / "ci" / "base.json").is_file()
    assert json.loads((repo / "ci" / "base.json").read_text())["findings"][0]["path"] == "../docs/a.md"
    code, out, _ = run(capsys, "check", "--format", "sarif", "--fail-on", "warning", "--baseline", "ci/base.json", "docs")
    assert code == 1  # b.md's warning is new
    results = json.loads(out)["runs"][0]["results"]
    assert [(r["ruleId"], r["baselineState"]) for r in results] == [("base_implied", "new")]


def test_bad_baseline_is_a_usage_error(repo, capsys):
    (repo / "broken.json").write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "check", "--baseline", "broken.json", "docs")
    assert code == 2 and "broken.json" in err and err.count("\n") == 1
    code, _, err = run(capsys, "check", "--baseline", "missing.json", "docs")
    assert code == 2 and "missing.json" in err


def test_baseline_create_refuses_unreadable_input(repo, capsys):
    code, _, err = run(capsys, "baseline", "create", "docs", "missing.md")
    assert code == 2 and "missing.md" in err
    assert not (repo / ".checker-baseline.json").exists()


def test_dismissed_findings_do_not_fail(repo, capsys):
    store = pytest.importorskip("checker.review.store")
    _, report = run_json(capsys, "docs/a.md")
    check = next(c for c in report["documents"][0]["checks"] if c["verdict"] == "inconsistent")
    signature = store.content_signature(check["quote"], ((n["role"], n["text"]) for n in check["numbers"]))
    db = repo / "reviews.sqlite"
    with store.ReviewStore(db) as s:
        s.set_verdict(check["id"], "dismissed", reviewer="ana", signature=signature, path="docs/a.md",
                      rule=check["rule"], quote=check["quote"])
    code, report = run_json(capsys, "--db", str(db), "docs/a.md")
    assert code == 0 and not failing(report) and report["summary"]["dismissed"] == 1
    code, out, _ = run(capsys, "check", "--format", "sarif", "--db", str(db), "docs/a.md")
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["suppressions"][0]["kind"] == "external" and "ana" in result["suppressions"][0]["justification"]
    # the default database beside the articles is read too
    (repo / "docs" / ".checker").mkdir()
    db.rename(repo / "docs" / ".checker" / "reviews.sqlite")
    assert run(capsys, "check", "docs/a.md")[0] == 0
    # a dismissal of a claim that reads differently now does not count
    (repo / "docs" / "a.md").write_text("# A\n\n" + ERROR_ARTICLE.replace("1198起，", "1198起， "), encoding="utf-8")
    code, report = run_json(capsys, "docs/a.md")
    (flagged,) = failing(report)
    assert flagged["id"] == check["id"] and flagged["quote"] != check["quote"]  # same fingerprint, new wording
    assert flagged["review"]["changed_since_review"] is True
    assert code == 1
    # a confirmed finding still fails, and a baseline does not record dismissed ones
    (repo / "docs" / "a.md").write_text("# A\n\n" + ERROR_ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "baseline", "create", "docs")
    assert "1 findings" in out  # b.md's warning only
