"""Snapshots of the review app's main screen at 80×24 and 160×48, as plain text.

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

from checker.review.app import screen_text
from review_support import EN, ZH, copy_examples, drive, open_session

SNAPSHOTS = Path(__file__).parent / "snapshots"


def capture(tmp_path: Path, names: tuple[str, ...], size: tuple[int, int]) -> str:
    session = open_session(copy_examples(tmp_path, *names), reviewer="alice")

    async def script(app, pilot):
        await pilot.press("c", "n")
        app.screen.query_one(Input).value = "checked against the 2024 bulletin"
        await pilot.press("enter")
        await pilot.pause()
        return screen_text(app)

    return drive(session, script, size=size)


@pytest.mark.parametrize(("name", "articles", "size"), [
    ("review_80x24.txt", (ZH,), (80, 24)),
    ("review_160x48.txt", (ZH, EN), (160, 48)),
])
def test_main_screen_snapshot(tmp_path, name, articles, size):
    text = capture(tmp_path, articles, size)
    lines = text.splitlines()
    assert len(lines) == size[1]
    path = SNAPSHOTS / name
    if os.environ.get("CHECKER_UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not os.environ.get("CHECKER_UPDATE_SNAPSHOTS"):
            pytest.fail(f"{path} did not exist: written, check it and run again")
    assert text == path.read_text(encoding="utf-8")
