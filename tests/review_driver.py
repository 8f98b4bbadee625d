"""A separate process for the durability tests (run by tests/test_review_durability.py, not by pytest).

    review_driver.py app DB ARTICLE KEY...   run the review app headless, press the keys, print GIVEN,
                                             then block until killed (SIGKILL in the test)
    review_driver.py write DB NAME N GO      wait for the file GO, then write N verdicts (half on
                                             fingerprints shared with the other writer), notes, and
                                             3 more verdicts that it undoes
"""
from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path


def run_app(db: str, article: str, keys: list[str]) -> None:
    from checker.pipeline import check_paths
    from checker.review.app import ReviewApp
    from checker.review.session import ReviewSession
    from checker.review.store import ReviewStore, base_dir

    results, _ = check_paths([article])
    session = ReviewSession(results, ReviewStore(db), reviewer="driver", base=base_dir([article]))

    async def main() -> None:
        app = ReviewApp(session)
        async with app.run_test() as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
            print("GIVEN", flush=True)
            await asyncio.Event().wait()  # the test kills the process here

    asyncio.run(main())


def write(db: str, name: str, n: int, go: str) -> None:
    from checker.review.store import ReviewStore

    store = ReviewStore(db)
    while not Path(go).exists():
        time.sleep(0.002)
    for i in range(n):
        fp = f"shared-{(i // 2) % 10}" if i % 2 else f"{name}-{i}"
        store.set_verdict(fp, ("confirmed", "dismissed", "skipped")[i % 3], reviewer=name, signature=f"sig-{i}",
                          path="a.md", rule="rate", quote=f"quote {i}")
        if i % 5 == 0:
            store.set_note(fp, f"{name} note {i}", reviewer=name, signature=f"sig-{i}")
    for k in range(3):  # three more on its own findings, then undo them (a colleague never touched them)
        store.set_verdict(f"{name}-extra-{k}", "confirmed", reviewer=name, signature="sig")
    for _ in range(3):
        result = store.undo_last(name)
        assert result.refused is None, result
    store.close()
    print("DONE", flush=True)


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    if mode == "app":
        run_app(rest[0], rest[1], rest[2:])
    else:
        write(rest[0], rest[1], int(rest[2]), rest[3])
