"""`checker review`: the Textual app driven headless with Pilot — every key, the command palette,
resume after reopening, undo, filters, markup in articles, a 1 MB article and 2,000 findings."""
from __future__ import annotations

import subprocess
import sys
import time

from textual.widgets import Input

from checker.review.app import KEYS, HelpScreen, TextPrompt, screen_text
from checker.review.queue import CHANGED, CONFIRMED, DISMISSED, SKIPPED, UNREVIEWED
from checker.review.store import ReviewStore, default_db_path
from checker.review.widgets import ArticleView, QueueView
from conftest import REPO
from review_support import EN, ZH, copy_examples, current_rule, drive, open_session, screen

ZH_FLAGGED = ["rate", "change_pct", "part_le_whole", "arity", "direction"]


def fresh_store(session) -> ReviewStore:
    """A second connection to the session's database: sees only what is committed."""
    return ReviewStore(session.store.path)


def test_queue_is_grouped_by_article_with_errors_and_certain_findings_first(tmp_path):
    session = open_session(copy_examples(tmp_path))
    headings = [r.heading for r in session.rows if r.finding is None]
    assert headings == [ZH, EN]
    zh = [r.finding.check.rule for r in session.rows if r.finding and r.finding.path == ZH]
    assert zh == ZH_FLAGGED
    assert all(r.finding.flagged for r in session.rows if r.finding)
    session.toggle_consistent()
    ranks = [r.finding.rank() for r in session.rows if r.finding and r.finding.path == ZH]
    assert ranks == sorted(ranks)  # inconsistent, then by severity, certainty, position
    assert [r.finding.flagged for r in session.rows if r.finding and r.finding.path == ZH][-1] is False


def test_navigation_keys_j_k_and_arrows(tmp_path):
    session = open_session(copy_examples(tmp_path, ZH))

    async def script(app, pilot):
        seen = [current_rule(app)]
        for key in ("j", "down", "k", "up", "up", "j", "j", "j", "j", "j"):
            await pilot.press(key)
            seen.append(current_rule(app))
        return seen

    assert drive(session, script) == ["rate", "change_pct", "part_le_whole", "change_pct", "rate", "rate",
                                      "change_pct", "part_le_whole", "arity", "direction", "direction"]


def test_verdict_keys_are_committed_the_moment_they_are_given(tmp_path):
    session = open_session(copy_examples(tmp_path, ZH))
    fps = [r.finding.fingerprint for r in session.rows if r.finding]

    async def script(app, pilot):
        other = fresh_store(session)
        states = []
        for key in ("c", "d", "s"):
            await pilot.press(key)
            states.append({fp: r.verdict for fp, r in other.all().items()})
        assert current_rule(app) == "arity"  # each verdict moves on to the next finding
        assert "1 skipped" in screen_text(app) and "2 of 5 reviewed" in screen_text(app)
        other.close()
        return states

    states = drive(session, script)
    assert states[0] == {fps[0]: CONFIRMED}
    assert states[1] == {fps[0]: CONFIRMED, fps[1]: DISMISSED}
    assert states[2] == {fps[0]: CONFIRMED, fps[1]: DISMISSED, fps[2]: SKIPPED}
    review = fresh_store(session).get(fps[0])
    assert review.reviewer == "alice" and review.at.endswith("Z") and review.signature == session.findings[0].signature


def test_note_key_writes_edits_clears_and_escape_cancels(tmp_path):
    session = open_session(copy_examples(tmp_path, ZH))
    fp = session.rows[1].finding.fingerprint

    async def script(app, pilot):
        await pilot.press("n")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"looks wrong", "enter")
        assert fresh_store(session).get(fp).note == "looks wrong"
        await pilot.press("n")
        assert app.screen.query_one(Input).value == "looks wrong"  # editing starts from the note
        await pilot.press(*" twice", "enter")
        assert fresh_store(session).get(fp).note == "looks wrong twice"
        assert "looks wrong twice" in screen_text(app)
        await pilot.press("n", *"discard me", "escape")
        assert fresh_store(session).get(fp).note == "looks wrong twice"
        await pilot.press("n")
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        assert fresh_store(session).get(fp) is None  # no note and no verdict: nothing left
        assert current_rule(app) == "rate"  # a note does not move on

    drive(session, script)
    kinds = [h["kind"] for h in fresh_store(session).history()]
    assert kinds == ["note", "note", "note"]


def test_undo_goes_back_one_verdict_at_a_time_and_keeps_history(tmp_path):
    session = open_session(copy_examples(tmp_path, ZH))
    fps = [r.finding.fingerprint for r in session.rows if r.finding]

    async def script(app, pilot):
        await pilot.press("c", "k", "d")  # confirm rate, back, change mind: dismiss it
        assert session.state(session.findings[0]) == DISMISSED
        await pilot.press("u")
        assert current_rule(app) == "rate"  # the cursor goes to what was undone
        assert fresh_store(session).get(fps[0]).verdict == CONFIRMED
        await pilot.press("u")
        assert fresh_store(session).get(fps[0]) is None
        assert "0 of 5 reviewed" in screen_text(app)
        await pilot.press("u")  # nothing left to undo: a message, no error
        assert app.is_running

    drive(session, script)
    history = fresh_store(session).history()
    assert [h["kind"] for h in history] == ["verdict", "verdict", "undo", "undo"]
    assert history[0]["undone"] and history[1]["undone"]  # undone, not deleted


def test_undo_never_overwrites_a_colleagues_later_verdict(tmp_path):
    paths = copy_examples(tmp_path, ZH)
    alice = open_session(paths, reviewer="alice")
    finding = alice.findings[0]
    alice.give_verdict(finding, "confirmed")
    bob = open_session(paths, reviewer="bob")
    bob.give_verdict(finding, "dismissed")
    result = alice.undo()
    assert result.refused and "bob" in result.refused
    assert fresh_store(alice).get(finding.fingerprint).verdict == DISMISSED


def test_tab_jumps_to_the_next_unreviewed(tmp_path):
    session = open_session(copy_examples(tmp_path, ZH))

    async def script(app, pilot):
        await pilot.press("j", "j", "c")  # part_le_whole confirmed; cursor on arity
        await pilot.press("home")
        assert current_rule(app) == "rate"
        await pilot.press("c", "c")  # rate, change_pct confirmed; cursor on part_le_whole (reviewed)
        await pilot.press("tab")
        assert current_rule(app) == "arity"
        await pilot.press("c", "s")  # arity confirmed, direction skipped: skipped is still unreviewed
        await pilot.press("tab")
        assert current_rule(app) == "direction"
        await pilot.press("c", "tab")
        assert current_rule(app) == "direction"  # all reviewed: stays, says so
        assert "5 of 5 reviewed" in screen_text(app)

    drive(session, script)


def test_filter_by_rule_and_by_document(tmp_path):
    session = open_session(copy_examples(tmp_path))

    async def script(app, pilot):
        await pilot.press("slash")
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"arity", "enter")
        assert [r.finding.check.rule for r in session.rows if r.finding] == ["arity"]
        assert current_rule(app) == "arity"
        assert "1 shown" in screen_text(app)
        await pilot.press("slash")
        app.screen.query_one(Input).value = "en_city"
        await pilot.press("enter")
        assert {r.finding.path for r in session.rows if r.finding} == {EN}
        await pilot.press("slash")
        app.screen.query_one(Input).value = "rule:change doc:zh"
        await pilot.press("enter")
        assert [r.finding.check.rule for r in session.rows if r.finding] == ["change_pct"]
        await pilot.press("slash", "escape")  # cancelled: the filter stays
        assert session.filter.text == "rule:change doc:zh"
        await pilot.press("slash")
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        assert len([r for r in session.rows if r.finding]) == session.progress().total
        await pilot.press("slash", *"nosuchrule", "enter")
        assert screen(app).current() is None and "Nothing to review here" in screen_text(app)
        await pilot.press("c")  # nothing under the cursor: a bell, no error
        assert app.is_running

    drive(session, script)


def test_toggle_consistent_checks_key_and_all_flag(tmp_path):
    paths = copy_examples(tmp_path, ZH)
    session = open_session(paths)

    async def script(app, pilot):
        assert "0 of 5 reviewed" in screen_text(app)
        await pilot.press("a")
        assert any(not r.finding.flagged for r in session.rows if r.finding)
        # consistent checks are shown but need no verdict: the progress still counts the 5 flagged
        assert "0 of 5 reviewed" in screen_text(app) and "all checks" in screen_text(app)
        assert current_rule(app) == "rate"  # the cursor stays on the same finding
        await pilot.press("a")
        assert all(r.finding.flagged for r in session.rows if r.finding)

    drive(session, script)
    assert open_session(paths, show_consistent=True).progress().total == 5  # only flagged checks need a verdict


def test_help_and_quit(tmp_path):
    session = open_session(copy_examples(tmp_path, ZH))

    async def script(app, pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert all(k.help[:20] in text for k in KEYS)
        await pilot.press("c")  # keys of the main screen do not act under the help
        assert fresh_store(session).all() == {}
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("q")
        await pilot.pause()
        return app.is_running

    assert drive(session, script) is False


def test_command_palette_lists_and_runs_the_same_actions(tmp_path):
    session = open_session(copy_examples(tmp_path, ZH))

    async def script(app, pilot):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for k in KEYS:
            assert any(k.help in t for t in titles), k
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Confirm the error")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.1)
        return {r.verdict for r in fresh_store(session).all().values()}

    assert drive(session, script) == {CONFIRMED}


def test_reopening_resumes_where_the_reviewer_left_off(tmp_path):
    paths = copy_examples(tmp_path, ZH)
    session = open_session(paths)

    async def first(app, pilot):
        await pilot.press("c", "d", "n", *"why", "enter", "q")

    drive(session, first)
    session.store.close()

    reopened = open_session(paths)

    async def second(app, pilot):
        text = screen_text(app)
        assert "2 of 5 reviewed" in text
        assert current_rule(app) == "part_le_whole"  # the first one still needing a verdict
        queue = screen(app).queue
        assert [reopened.state(r.finding) for r in reopened.rows if r.finding][:3] == [CONFIRMED, DISMISSED,
                                                                                        UNREVIEWED]
        assert "why" in text  # the note given on it last time
        await pilot.press("k")
        assert queue.cursor == 2 and "dismissed as a false alarm by alice" in screen_text(app)

    drive(reopened, second)


def test_a_claim_that_changed_since_review_is_shown_as_changed(tmp_path):
    (article,) = copy_examples(tmp_path, ZH)
    session = open_session([article])
    first = session.findings[0]
    session.give_verdict(first, "confirmed")
    session.store.close()
    article.write_text(article.read_text(encoding="utf-8").replace("1260起", "1,260起"), encoding="utf-8")

    reopened = open_session([article])
    changed = reopened.findings[0]
    assert changed.fingerprint == first.fingerprint and changed.signature != first.signature
    assert reopened.state(changed) == CHANGED

    async def script(app, pilot):
        text = screen_text(app)
        assert current_rule(app) == "rate"  # changed counts as needing a verdict: resume there
        assert "changed since review" in text and "1 changed since review" in text
        await pilot.press("c")
        assert reopened.state(changed) == CONFIRMED

    drive(reopened, script)


MARKUP = "文号[/2023]第5号 [bold]全区共受理纠纷200起[/]，化解150起，化解率85%。[@click=app.quit]点此退出[/] [red"


def test_article_text_is_never_interpreted_as_markup(tmp_path):
    article = tmp_path / "[b]markup[red].md"
    article.write_text(f"# 标题 [bold]\n\n{MARKUP}\n\n\x1b[2J控制字符\r\n", encoding="utf-8")
    session = open_session([article], show_consistent=True)

    async def script(app, pilot):
        text = screen_text(app)
        assert "文号[/2023]第5号" in text and "[bold]全区共受理纠纷200起[/]" in text
        assert "[@click=app.quit]点此退出[/]" in text and "[b]markup[red].md" in text
        assert "\x1b" not in text
        await pilot.press("n", *"[b]", "[", "/")  # typed: keys that are markup do not act
        app.screen.query_one(Input).value = "[bold]note[/] [@click=app.quit]"
        await pilot.press("enter")
        assert "[bold]note[/] [@click=app.quit]" in screen_text(app)
        article_view = screen(app).query_one(ArticleView)
        for y in range(min(6, article_view.size.height)):  # clicking the "link" does nothing
            await pilot.click(ArticleView, offset=(5, y))
        for key in ("j", "k", "a", "a"):
            await pilot.press(key)
        return app.is_running

    assert drive(session, script, size=(100, 30)) is True


def test_a_1_mb_article_shows_its_claim_without_copying_the_article(tmp_path):
    filler = "这是一段与数字无关的说明文字，用于测试很长的文章。" * 20 + "\n"
    claim = "全年共受理各类矛盾纠纷1260起，成功调处1198起，调处成功率达97.5%。\n"
    half = filler * (500_000 // len(filler))
    article = tmp_path / "big.md"
    article.write_text(half + claim + half, encoding="utf-8")
    assert article.stat().st_size > 1_000_000
    session = open_session([article])

    async def script(app, pilot):
        view = screen(app).query_one(ArticleView)
        window = view._excerpt.text.plain
        assert len(window) < 10_000  # a window, not the article
        assert window.startswith("… ") and "characters above" in window and "characters below" in window
        assert "成功调处1198起，" in screen_text(app)  # scrolled to the claim
        started = time.perf_counter()
        for key in ("j", "k", "c", "u"):
            await pilot.press(key)
        return time.perf_counter() - started

    assert drive(session, script) < 5


def test_2000_findings_stay_responsive(tmp_path):
    sentences = [f"第{i}组共受理纠纷{1000 + i}起，成功调处{900 + i}起，调处成功率达99.9%。\n" for i in range(2000)]
    article = tmp_path / "many.md"
    article.write_text("".join(sentences), encoding="utf-8")
    session = open_session([article])
    assert session.progress().total == 2000
    assert len({f.fingerprint for f in session.findings if f.flagged}) == 2000

    async def script(app, pilot):
        queue = screen(app).query_one(QueueView)
        height = queue.size.height
        costs = []
        started = time.perf_counter()
        for key in ("j", "j", "c", "d", "s", "pagedown", "end", "k", "c", "home", "tab", "u"):
            queue.rendered_rows = 0
            await pilot.press(key)
            costs.append(queue.rendered_rows)
        elapsed = time.perf_counter() - started
        assert max(costs) <= 3 * height, costs  # a key press redraws the visible rows, not the queue
        assert "2 of 2000 reviewed · 1 skipped" in screen_text(app)  # c, d, s, c, then u undid the last c
        return elapsed

    assert drive(session, script) < 10


def test_without_a_terminal_review_prints_the_check_report(tmp_path):
    (article,) = copy_examples(tmp_path, ZH)
    proc = subprocess.run([sys.executable, "-m", "checker", "review", str(article)], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=60, cwd=REPO)
    assert proc.returncode == 1, proc.stderr
    assert "needs an interactive terminal" in proc.stderr
    assert "97.5%" in proc.stdout and "Traceback" not in proc.stderr
    assert not default_db_path([str(article)]).exists()


def test_review_of_stdin_is_a_usage_error(capsys):
    from checker.cli import main

    assert main(["review", "-"]) == 2
    assert "stdin" in capsys.readouterr().err


def test_a_colleagues_verdicts_show_up_in_a_running_app(tmp_path):
    paths = copy_examples(tmp_path, ZH)
    session = open_session(paths, reviewer="alice")
    bob = open_session(paths, reviewer="bob")

    async def script(app, pilot):
        bob.give_verdict(bob.findings[0], "dismissed")  # another connection, as another process would
        screen(app)._sync()  # what the app's 2-second timer runs
        await pilot.pause()
        text = screen_text(app)
        assert "1 of 5 reviewed" in text and "dismissed as a false alarm by bob" in text
        await pilot.press("u")  # alice has nothing of her own to undo: bob's verdict stays
        assert fresh_store(session).get(bob.findings[0].fingerprint).verdict == DISMISSED

    drive(session, script)
