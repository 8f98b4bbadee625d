"""`checker review` finishes a run as `checker check` does (checker.ci.finish_run), and a verdict
survives a corrected number as "changed since review" (checker.review.identity)."""
from __future__ import annotations

import io
import json
import sys

import pytest

from checker.cli import main
from checker.review.identity import check_key, dict_key
from checker.review.queue import CHANGED, CONFIRMED
from checker.review.store import ReviewStore, default_db_path
from ci_helpers import run_json
from review_support import copy_examples, drive, open_session, screen

WRONG_RATE = "全年受理纠纷200起，办结150起，办结率80%。\n"  # 150 / 200 = 75%
ONE_OF_EIGHT = "参评单位8个，其中达标1个，达标率12%。\n"  # 12.5%: 12% only by round half even


@pytest.fixture
def queued(monkeypatch):
    """Run `checker review` as on a terminal, with the app replaced by one that records its session."""
    sessions = []

    def fake_run(app):
        sessions.append(app.session)

    monkeypatch.setattr("checker.review.app.ReviewApp.run", fake_run)

    def review(*args: str) -> list[tuple[str, int]]:
        tty = io.StringIO()
        tty.isatty = lambda: True
        # set here, not at fixture setup: pytest's capture replaces sys.stdout when the test starts
        with monkeypatch.context() as m:
            m.setattr(sys, "stdin", tty)
            m.setattr(sys, "stdout", tty)
            code = main(["review", "--reviewer", "alice", *args])
        assert code == 0
        (session,) = sessions[-1:]
        return [(r.finding.check.rule, r.finding.check.line) for r in session.rows if r.finding]

    return review


def test_an_inline_suppressed_finding_is_not_queued(tmp_path, queued, monkeypatch):
    article = tmp_path / "a.md"
    article.write_text("<!-- checker-disable-next-line rate: counts closed cases only -->\n" + WRONG_RATE
                       + "\n" + WRONG_RATE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert queued("a.md") == [("rate", 4)]  # line 2 is suppressed, the repeat on line 4 is not


def test_review_uses_the_configured_rounding_as_check_does(tmp_path, queued, capsys, monkeypatch):
    (tmp_path / "a.md").write_text(ONE_OF_EIGHT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert queued("a.md") == []  # 12.5% prints as 12% by round half even: consistent by default
    (tmp_path / ".checker.toml").write_text('rounding = ["round_half_up"]\n', encoding="utf-8")
    assert queued("a.md") == [("rate", 1)]
    code, report = run_json(capsys, "a.md")
    assert code == 1 and [c["rule"] for c in report["documents"][0]["checks"] if c["verdict"] == "inconsistent"] \
        == ["rate"]


def test_review_honours_config_rule_selection(tmp_path, queued, monkeypatch):
    (tmp_path / "a.md").write_text(WRONG_RATE, encoding="utf-8")
    (tmp_path / ".checker.toml").write_text('disable = ["rate"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert queued("a.md") == []


# --- verdicts that survive corrections -----------------------------------------------------------

def _planted(session):
    """The planted rate error of the Chinese example (1198 of 1260 is not 97.5%)."""
    return next(f for f in session.findings if f.check.rule == "rate" and "1198" in f.check.quote
                or f.check.rule == "rate" and "1199" in f.check.quote)


def _correct(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _confirmed_then_corrected(tmp_path, note: str, old: str, new: str):
    """The planted rate confirmed with ``note``, the article then corrected (``old`` → ``new``):
    the article and a session reopened on it."""
    (article,) = copy_examples(tmp_path, "zh_district_report.md")
    session = open_session([article])
    rate = _planted(session)
    session.give_verdict(rate, CONFIRMED)
    session.write_note(rate, note)
    session.store.close()
    _correct(article, old, new)
    return article, open_session([article])


def test_the_claim_identity_ignores_the_literals_but_not_the_words(tmp_path):
    (article,) = copy_examples(tmp_path, "zh_district_report.md")
    first = open_session([article])
    keys = {(f.check.rule, f.check.start): f.fingerprint for f in first.findings}
    ids = {(f.check.rule, f.check.start): f.check.id for f in first.findings}
    first.store.close()
    _correct(article, "调处成功率达97.5%", "调处成功率达97.6%")
    second = open_session([article])
    rate = _planted(second)
    assert rate.fingerprint == keys[("rate", rate.check.start)]  # same claim
    assert rate.check.id != ids[("rate", rate.check.start)]  # the report's fingerprint did change
    second.store.close()
    _correct(article, "调处成功率达97.6%", "办结率达97.6%")  # other words: another claim
    third = open_session([article])
    rate = _planted(third)
    assert rate.fingerprint != keys[("rate", rate.check.start)]
    third.store.close()


def test_a_claim_repeated_with_other_labels_keeps_distinct_identities():
    from checker.pipeline import check_document
    from checker.reader import make_document
    from checker.rulepack import load_rulepack

    text = "第1组受理纠纷100起，办结90起，办结率95%。第2组受理纠纷100起，办结90起，办结率95%。\n"
    result = check_document(make_document("a.txt", text.encode()), load_rulepack())
    rates = [c for c in result.checks if c.rule == "rate"]
    assert len(rates) == 2 and check_key(rates[0], text) != check_key(rates[1], text)


def test_a_corrected_number_shows_the_verdict_as_changed_since_review(tmp_path, capsys, monkeypatch):
    # corrected, still wrong
    article, reopened = _confirmed_then_corrected(tmp_path, "the bulletin says 95.1%", "调处成功率达97.5%", "调处成功率达97.6%")
    rate = _planted(reopened)
    assert reopened.state(rate) == CHANGED
    review = reopened.review(rate)
    assert (review.verdict, review.note, review.reviewer) == (CONFIRMED, "the bulletin says 95.1%", "alice")
    assert "1 changed since review" in reopened.progress().line()

    # the export says so too, instead of "not found"
    from checker.review.export import export

    out = tmp_path / "verdicts.json"
    export(reopened.store, reopened.findings, str(out))
    (entry,) = json.loads(out.read_text(encoding="utf-8"))["reviews"]
    assert entry["status"] == "changed since review" and entry["note"] == "the bulletin says 95.1%"
    reopened.store.close()

    # and `checker check --format json` carries the earlier verdict, marked changed
    monkeypatch.chdir(tmp_path)
    _, report = run_json(capsys, article.name)
    (checked,) = [c for c in report["documents"][0]["checks"] if c["rule"] == "rate" and "1198" in c["quote"]]
    assert checked["review"]["verdict"] == "confirmed" and checked["review"]["changed_since_review"] is True
    from checker.reader import make_document

    text = make_document(article.name, article.read_bytes()).text  # the visible text the spans point into
    assert dict_key(checked, text) == rate.fingerprint


def test_the_app_shows_the_earlier_verdict_and_note_after_a_correction(tmp_path):
    __, reopened = _confirmed_then_corrected(tmp_path, "checked with the bureau", "成功调处1198起", "成功调处1199起")

    async def script(app, pilot):
        from checker.review.app import screen_text

        await pilot.pause()
        await pilot.pause()
        current = screen(app).current()
        detail = " ".join(str(screen(app).query_one("#arith").render()).split())
        return current.check.rule, detail, screen_text(app)

    rule, detail, text = drive(reopened, script)
    assert rule == "rate"  # a changed finding still needs a verdict: the app resumes on it
    assert "changed since review: was confirmed as an error by alice" in detail
    assert "note checked with the bureau" in detail and "1199 / 1,260" in detail.replace("1,199", "1199")
    assert "›↻" in text and "changed" in text.splitlines()[2]  # the queue row says so too
    assert "0 of 5 reviewed · 1 changed since review" in text


def test_a_verdict_stored_under_the_old_fingerprint_is_still_found(tmp_path):
    (article,) = copy_examples(tmp_path, "zh_district_report.md")
    session = open_session([article])
    rate = _planted(session)
    session.store.close()
    with ReviewStore(default_db_path([str(article)])) as store:  # a database from before claim identities
        store.set_verdict(rate.check.id, "dismissed", reviewer="bob", signature=rate.signature, path=rate.path,
                          rule="rate", quote=rate.check.quote)
    reopened = open_session([article])
    rate = _planted(reopened)
    assert reopened.state(rate) == "dismissed"
    reopened.store.close()


def test_the_filter_prompt_replaces_the_old_filter_and_consistent_checks_need_no_verdict(tmp_path):
    session = open_session(copy_examples(tmp_path, "zh_district_report.md"), show_consistent=True)
    assert session.progress().total == 5  # the consistent checks are shown, not counted

    async def script(app, pilot):
        await pilot.press("slash", *"rate", "enter")
        await pilot.press("slash", *"arity", "enter")  # typing replaces the pre-filled "rate"
        return session.filter.text

    assert drive(session, script) == "arity"
    session.set_filter("")
    flagged = [i for i, r in enumerate(session.rows) if r.finding and r.finding.flagged]
    assert session.next_unreviewed(None) in flagged


def test_long_file_names_in_the_queue_are_cut_in_the_middle():
    from rich.cells import cell_len

    from checker.review.widgets import middle_truncated

    names = [f"002_f7929eec740cd988.part{k}.txt" for k in (1, 2)]
    short = [middle_truncated(n, 20) for n in names]
    assert short[0] != short[1] and all(s.endswith(f"part{k}.txt") for s, k in zip(short, (1, 2)))
    assert all(cell_len(s) <= 20 and "…" in s for s in short)
    assert middle_truncated("中文文件名很长很长的报告.md", 12).endswith(".md")
    assert cell_len(middle_truncated("中文文件名很长很长的报告.md", 12)) <= 12
    assert middle_truncated("a.md", 20) == "a.md"
