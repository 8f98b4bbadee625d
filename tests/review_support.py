"""Helpers of the review tests: sessions on articles in tmp_path, and driving the app headless."""
from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

from checker.pipeline import check_paths
from checker.review.app import ReviewApp, ReviewScreen
from checker.review.session import ReviewSession
from checker.review.store import ReviewStore, base_dir, default_db_path
from conftest import REPO

EXAMPLES = REPO / "examples"
ZH = "zh_district_report.md"
EN = "en_city_report.md"


def copy_examples(tmp_path: Path, *names: str) -> list[Path]:
    """The bundled examples copied into tmp_path (the default database then lands in tmp_path)."""
    out = []
    for name in names or (ZH, EN):
        target = tmp_path / name
        shutil.copy(EXAMPLES / name, target)
        out.append(target)
    return out


def open_session(paths, *, db: Path | None = None, reviewer: str = "alice",
                 show_consistent: bool = False) -> ReviewSession:
    names = [str(p) for p in paths]
    results, errors = check_paths(names)
    assert not errors, errors
    store = ReviewStore(db or default_db_path(names))
    return ReviewSession(results, store, reviewer=reviewer, base=base_dir(names), show_consistent=show_consistent)


def drive(session: ReviewSession, script: Callable[[ReviewApp, object], Awaitable], *,
          size: tuple[int, int] = (80, 24)):
    """Run the app headless at ``size`` and hand it and its Pilot to ``script``; returns what it returns."""

    async def main():
        app = ReviewApp(session)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            return await script(app, pilot)

    return asyncio.run(main())


def screen(app: ReviewApp) -> ReviewScreen:
    for s in app.screen_stack:
        if isinstance(s, ReviewScreen):
            return s
    raise AssertionError("no review screen")


def current_rule(app: ReviewApp) -> str | None:
    finding = screen(app).current()
    return finding.check.rule if finding else None
