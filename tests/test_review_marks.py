"""What the review app shows without colour, and where it resumes (newcomer rows #20 and #21):
resuming past a skipped finding, one glyph per state that means the same in the queue and the
detail header, a ✎ for notes, progress over the findings that need a verdict, long file names cut
in the middle, and the arithmetic pane scrolled with a key the key bar and the help show."""
from __future__ import annotations

import dataclasses

from textual.widgets import Input

from checker.review.app import HelpScreen, screen_text
from checker.review.queue import SKIPPED, UNREVIEWED
from checker.review.widgets import (
    CONSISTENT, GLYPH, INCONSISTENT, NOTE, WARNING, state_glyph, verdict_glyph,
)
from review_support import EN, ZH, copy_examples, current_rule, drive, open_session, screen


def _queue_lines(text: str) -> list[str]:
    """The queue column of a captured 80-column screen (its rows below the title)."""
    return [line[:30] for line in text.splitlines()[1:-2]]


def test_reopening_after_a_skip_resumes_past_the_skipped_finding(tmp_path):
    paths = copy_examples(tmp_path, ZH)
    session = open_session(paths)

    async def first(app, pilot):
        await pilot.press("c", "s", "q")  # rate confirmed, change_pct skipped

    drive(session, first)
    session.store.close()
    reopened = open_session(paths)

    async def second(app, pilot):
        resumed = current_rule(app)
        text = screen_text(app)
        await pilot.press("tab", "tab", "tab")  # arity, direction, then round to change_pct
        return resumed, text, current_rule(app)

    resumed, text, after_tabs = drive(reopened, second)
    assert resumed == "part_le_whole"  # the first one needing a verdict after the one skipped last
    assert "1 of 5 reviewed · 1 skipped" in text  # the skipped one still needs its verdict
    assert after_tabs == "change_pct"  # and tab comes back to it
    skipped = next(f for f in reopened.findings if f.check.rule == "change_pct")
    assert reopened.state(skipped) == SKIPPED
    reopened.store.close()


def test_a_note_without_a_verdict_is_where_work_resumes(tmp_path):
    paths = copy_examples(tmp_path, ZH)
    session = open_session(paths)
    rate, change = session.findings[0], session.findings[1]
    session.give_verdict(rate, "confirmed")
    session.write_note(change, "ask the bureau")  # no verdict yet
    session.store.close()
    reopened = open_session(paths)
    assert reopened.rows[reopened.resume_row()].finding.check.rule == "change_pct"
    assert reopened.state(reopened.findings[1]) == UNREVIEWED
    reopened.store.close()


def test_every_state_and_kind_has_its_own_glyph():
    glyphs = [INCONSISTENT, WARNING, CONSISTENT, *GLYPH.values(), NOTE]
    assert len(set(glyphs)) == len(glyphs)  # distinct characters: no colour needed to tell them apart


def test_glyphs_mean_the_same_in_the_queue_and_the_detail_header(tmp_path):
    session = open_session(copy_examples(tmp_path, ZH, EN))

    async def script(app, pilot):
        await pilot.press("c", "d")  # rate confirmed, change_pct dismissed
        await pilot.press("n")
        app.screen.query_one(Input).value = "see table 2"
        await pilot.press("enter")  # a note on part_le_whole
        await pilot.press("a")  # and the consistent checks too
        await pilot.pause()
        queue = _queue_lines(screen_text(app))
        headers = {}
        for key in ("home", "j", "j"):
            await pilot.press(key)
            headers[current_rule(app)] = str(screen(app).query_one("#detail").border_title)
        await pilot.press("end")
        headers["last"] = str(screen(app).query_one("#detail").border_title)
        return queue, headers

    queue, headers = drive(session, script)
    assert queue[1].startswith(f" {GLYPH['confirmed']}  ") and "rate" in queue[1]
    assert queue[2].startswith(f" {GLYPH['dismissed']}  ") and "change_pct" in queue[2]
    assert queue[3].startswith(f"›{INCONSISTENT}{NOTE} ") and "part_le_whole" in queue[3]  # ✎: it has a note
    assert any(line.startswith(f" {CONSISTENT}  ") for line in queue)  # a consistent check (key a)
    # the header opens with what the check says, in the queue's glyphs, then the verdict's glyph
    assert headers["rate"].startswith(f"{INCONSISTENT} inconsistent · rate · error · {GLYPH['confirmed']} confirmed")
    assert headers["change_pct"].startswith(f"{INCONSISTENT} inconsistent · change_pct")
    assert headers["change_pct"].endswith(f"{GLYPH['dismissed']} dismissed")
    assert headers["part_le_whole"] == f"{INCONSISTENT} inconsistent · part_le_whole · error"
    assert headers["last"].startswith(f"{CONSISTENT} consistent · ")


def test_a_warning_is_marked_apart_from_an_error(tmp_path):
    session = open_session(copy_examples(tmp_path, ZH))
    error = session.findings[0]
    warning = dataclasses.replace(error, check=dataclasses.replace(error.check, severity="warning"))
    consistent = next(f for f in session.findings if not f.flagged)
    assert verdict_glyph(error) == INCONSISTENT and verdict_glyph(warning) == WARNING
    assert verdict_glyph(consistent) == CONSISTENT
    assert state_glyph(warning, UNREVIEWED) == WARNING and state_glyph(warning, "confirmed") == GLYPH["confirmed"]
    session.store.close()


def test_progress_counts_only_the_findings_that_need_a_verdict(tmp_path):
    session = open_session(copy_examples(tmp_path, ZH), show_consistent=True)

    async def script(app, pilot):
        await pilot.press("end")  # a consistent check: a verdict on it is not progress
        return screen_text(app).splitlines()[-2]

    assert "0 of 5 reviewed" in drive(session, script)  # 15 rows shown, 5 need a verdict


def test_the_arithmetic_pane_scrolls_to_the_third_suggestion_at_80x24(tmp_path):
    session = open_session(copy_examples(tmp_path, ZH))
    third = session.findings[0].check.suggestions[2]

    async def script(app, pilot):
        before = screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        after = screen_text(app)
        await pilot.press("space")  # at the end: back to the top
        await pilot.pause()
        again = screen_text(app)
        await pilot.press("question_mark")
        return before, after, again, screen_text(app), current_rule(app)

    before, after, again, help_text, rule = drive(session, script)
    flat = lambda text: " ".join(line[31:].strip() for line in text.splitlines())  # noqa: E731
    assert rule == "rate" and len(session.findings[0].check.suggestions) == 3
    assert third[:30] not in flat(before) and third[:30] in flat(after)
    assert flat(again) == flat(before)
    assert "space more" in before.splitlines()[-1] and "? help" in before.splitlines()[-1]
    assert "Scroll the arithmetic and suggestions" in help_text and "Marks" in help_text


def test_the_help_lists_every_mark(tmp_path):
    session = open_session(copy_examples(tmp_path, ZH))

    async def script(app, pilot):
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        from checker.review.app import help_text

        return help_text().plain

    text = drive(session, script)
    for glyph in (INCONSISTENT, WARNING, CONSISTENT, *GLYPH.values(), NOTE):
        assert f"{glyph:>6}  " in text


def test_a_long_file_name_is_cut_in_the_middle_in_the_article_title(tmp_path):
    (article,) = copy_examples(tmp_path, ZH)
    long = tmp_path / ("002_f7929eec740cd988_" + "x" * 60 + ".part1.md")
    article.rename(long)
    session = open_session([long])

    async def script(app, pilot):
        return str(screen(app).query_one("#article").border_title), screen_text(app).splitlines()

    title, lines = drive(session, script)
    assert title.startswith("002_f79") and ".part1.md · line 9" in title and "…" in title
    assert ".part1.md · line 9" in lines[0]  # the distinguishing tail is on screen
    assert any(line.startswith("▸ 002_") and "…" in line and "part1.md" in line for line in lines)
