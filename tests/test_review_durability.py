"""The review database never loses a verdict: not to SIGKILL right after the key press, not to
two processes writing at the same time."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from checker.review.store import ReviewStore
from conftest import REPO
from review_support import ZH, copy_examples

DRIVER = Path(__file__).parent / "review_driver.py"
TIMEOUT = 120


_watchdogs: list[tuple[threading.Timer, subprocess.Popen]] = []


@pytest.fixture(autouse=True)
def _end_watchdogs():
    """Each test's watchdogs end with it: the suite finishes when its tests finish, not TIMEOUT later."""
    yield
    while _watchdogs:
        timer, proc = _watchdogs.pop()
        timer.cancel()
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def spawn(*args: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(DRIVER), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=REPO)
    timer = threading.Timer(TIMEOUT, proc.kill)  # a hung driver fails the test instead of hanging it
    timer.daemon = True
    timer.start()
    _watchdogs.append((timer, proc))
    return proc


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_right_after_the_verdict_key_loses_nothing(tmp_path):
    (article,) = copy_examples(tmp_path, ZH)
    db = tmp_path / "reviews.sqlite"
    proc = spawn("app", str(db), str(article), "c", "d", "n", *"kept", "enter")
    line = proc.stdout.readline()
    assert line.strip() == "GIVEN", proc.stderr.read()
    os.kill(proc.pid, signal.SIGKILL)  # no chance to close, checkpoint or flush anything
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert (tmp_path / "reviews.sqlite-wal").exists()  # killed before any clean close or checkpoint
    assert integrity(db) == "ok"
    with ReviewStore(db) as store:
        reviews = sorted(((r.verdict, r.note, r.reviewer) for r in store.all().values()), key=str)
        kinds = [h["kind"] for h in store.history()]
    assert reviews == [("confirmed", None, "driver"), ("dismissed", None, "driver"), (None, "kept", "driver")]
    assert kinds == ["verdict", "verdict", "note"]


def test_two_processes_writing_at_once_corrupt_nothing(tmp_path):
    db = tmp_path / "reviews.sqlite"
    go = tmp_path / "go"
    n = 120
    writers = [spawn("write", str(db), name, str(n), str(go)) for name in ("alice", "bob")]
    go.touch()
    for w in writers:
        out, err = w.communicate(timeout=TIMEOUT)
        assert w.returncode == 0 and out.strip() == "DONE", err
    assert integrity(db) == "ok"
    conn = sqlite3.connect(db)
    with conn:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        by_kind = dict(conn.execute("SELECT kind, count(*) FROM history GROUP BY kind").fetchall())
        own = conn.execute("SELECT count(*) FROM reviews WHERE fingerprint NOT LIKE 'shared-%'").fetchone()[0]
        shared = conn.execute("SELECT count(*) FROM reviews WHERE fingerprint LIKE 'shared-%'").fetchone()[0]
        undone = conn.execute("SELECT count(*) FROM history WHERE undone != 0").fetchone()[0]
    conn.close()
    assert mode == "wal"
    notes_each = len(range(0, n, 5))
    assert by_kind == {"verdict": 2 * (n + 3), "note": 2 * notes_each, "undo": 6}  # every event of both
    assert undone == 6  # the undone verdicts are marked, not deleted
    assert own == 2 * (n // 2) and shared == 10  # each writer's own verdicts, and the ten they share
