"""Snapshots of the review app's main screen at 80×24 and 160×48, as plain text (and at 80×24 in Chinese).

pytest-textual-snapshot does not install beside pytest 9, so the screen is exported as text (what
``export_screenshot`` draws, without colours) and compared with tests/snapshots/*.txt.  The screen
is deterministic: fixed reviewer, paths relative to the articles' folder, no timestamps shown.
After an intended change of the layout, regenerate with
``CHECKER_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_review_snapshot.py`` and review the diff
(the 80×24 one is also the capture in the README).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import Input

from checker.i18n import using_locale
from checker.review.app import screen_text
from review_support import EN, ZH, copy_examples, drive, open_session

SNAPSHOTS = Path(__file__).parent / "snapshots"


def capture(tmp_path: Path, names: tuple[str, ...], size: tuple[int, int], locale: str = "en") -> str:
    """The main screen after confirming the first finding and noting the second, in ``locale``
    (the findings and the app's own words: what ``checker review --locale`` does)."""
    with using_locale(locale, force=True):
        return _capture(tmp_path, names, size, NOTES[locale])


NOTES = {"en": "checked against the 2024 bulletin", "zh": "已与2024年统计公报核对"}


def _capture(tmp_path: Path, names: tuple[str, ...], size: tuple[int, int], note: str) -> str:
    session = open_session(copy_examples(tmp_path, *names), reviewer="alice")

    async def script(app, pilot):
        await pilot.press("c", "n")
        app.screen.query_one(Input).value = note
        await pilot.press("enter")
        await pilot.pause()
        return screen_text(app)

    return drive(session, script, size=size)


@pytest.mark.parametrize(("name", "articles", "size", "locale"), [
    ("review_80x24.txt", (ZH,), (80, 24), "en"),
    ("review_160x48.txt", (ZH, EN), (160, 48), "en"),
    ("review_80x24_zh.txt", (ZH,), (80, 24), "zh"),
])
def test_main_screen_snapshot(tmp_path, name, articles, size, locale):
    text = capture(tmp_path, articles, size, locale)
    lines = text.splitlines()
    assert len(lines) == size[1]
    if locale == "zh":  # the app's own words are Chinese: panel titles, status line, key hints
        assert "─核查结果─" in lines[0] and "已审核1/5" in lines[-2] and "c 确认 d 排除 s 跳过" in lines[-1]
        # the marks of the queue (● confirmed, ✗ inconsistent, ✎ a note) and the key that scrolls the arithmetic
        assert lines[2].startswith(" ●") and lines[3].startswith("›✗✎") and "space 更多" in lines[-1]
    path = SNAPSHOTS / name
    if os.environ.get("CHECKER_UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not os.environ.get("CHECKER_UPDATE_SNAPSHOTS"):
            pytest.fail(f"{path} did not exist: written, check it and run again")
    assert text == path.read_text(encoding="utf-8")
