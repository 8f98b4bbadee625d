"""`checker check` in a folder its user cannot write (issue 12, reliability report M7).

A CI checkout mounted read-only, or a shared folder readable by everyone: the review database
beside the articles can be read but its WAL ``-shm`` file cannot be created.  `check` only reads
dismissals, so it must still check and report, with the verdicts of the database.

Root ignores file permissions, so when the tests run as root the CLI is run as the unprivileged
user ``nobody`` (setpriv or runuser), with HOME and the XDG folders inside the read-only tree too.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOBODY = 65534
ARTICLE = "本季度共受理投诉400件，办结380件，办结率为97.5%。\n"  # 380 / 400 = 95%: one finding


def _as_user() -> list[str] | None:
    """The command prefix that runs a program as a user without root's powers ([] when the tests
    are not root already), or None when there is no way to drop them."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv"):
        return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--"]
    if shutil.which("runuser"):
        return ["runuser", "-u", "nobody", "--"]
    return None


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "CHECKER_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_DATA_HOME=str(home / ".local" / "share"), XDG_STATE_HOME=str(home / ".local" / "state"),
               PYTHONPATH=str(REPO), PYTHONDONTWRITEBYTECODE="1")
    return env


@pytest.fixture
def read_only_tree():
    """``base/ro`` (an article and ``.checker/reviews.sqlite`` with one dismissal) and ``base/home``,
    both read-only for the user the CLI runs as; yields (prefix, ro, home)."""
    prefix = _as_user()
    if prefix is None:
        pytest.skip("running as root and neither setpriv nor runuser exists to drop privileges")
    # not tmp_path: pytest keeps it under a 0700 folder of the user running the tests
    base = Path(tempfile.mkdtemp(prefix="checker-ro-"))
    try:
        base.chmod(0o755)  # mkdtemp makes it 0700: the unprivileged user must be able to enter it
        ro, home = base / "ro", base / "home"
        ro.mkdir()
        home.mkdir()
        (ro / "a.md").write_text(ARTICLE, encoding="utf-8")
        env = _env(home)
        probe = subprocess.run(prefix + [sys.executable, "-c", "import checker"], cwd=ro, env=env,
                               capture_output=True, text=True)
        if probe.returncode != 0:
            pytest.skip(f"the unprivileged user cannot run this Python: {probe.stderr.strip()[-200:]}")
        # the finding's id, then its dismissal in the default database beside the article
        first = subprocess.run([sys.executable, "-m", "checker", "check", "a.md", "--format", "json"],
                               cwd=ro, env=env, capture_output=True, text=True)
        (check,) = [c for c in json.loads(first.stdout)["documents"][0]["checks"] if c["verdict"] == "inconsistent"]
        from checker.review.store import ReviewStore, content_signature

        signature = content_signature(check["quote"], ((n["role"], n["text"]) for n in check["numbers"]))
        with ReviewStore(ro / ".checker" / "reviews.sqlite") as store:
            store.set_verdict(check["id"], "dismissed", reviewer="tester", signature=signature)
        for path in (ro / ".checker" / "reviews.sqlite", ro / "a.md"):
            path.chmod(0o444)
        for folder in (ro / ".checker", ro, home):
            folder.chmod(0o555)
        yield prefix, ro, home
    finally:
        for folder, __, __ in os.walk(base):
            os.chmod(folder, stat.S_IRWXU | stat.S_IRGRP | stat.S_IXGRP)  # so that it can be removed
        shutil.rmtree(base, ignore_errors=True)


def _run(prefix: list[str], ro: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(prefix + [sys.executable, "-m", "checker", *args], cwd=ro, env=_env(home),
                          capture_output=True, text=True)


def test_the_folder_is_really_read_only_for_the_user(read_only_tree):
    prefix, ro, home = read_only_tree
    for target in (ro / ".checker" / "probe", ro / ".checker" / "reviews.sqlite-shm", home / "probe"):
        wrote = subprocess.run(prefix + [sys.executable, "-c", f"open({str(target)!r}, 'x')"], cwd=ro,
                               env=_env(home), capture_output=True, text=True)
        assert wrote.returncode != 0 and "PermissionError" in wrote.stderr


def test_check_in_a_read_only_folder_checks_and_reads_the_verdicts(read_only_tree):
    prefix, ro, home = read_only_tree
    done = _run(prefix, ro, home, "check", "a.md", "--format", "json")
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr  # the one finding is dismissed in the database
    (doc,) = json.loads(done.stdout)["documents"]
    (check,) = [c for c in doc["checks"] if c["verdict"] == "inconsistent"]
    assert check["rule"] == "rate"
    assert check["review"]["verdict"] == "dismissed" and check["review"]["reviewer"] == "tester"


def test_check_text_report_in_a_read_only_folder(read_only_tree):
    prefix, ro, home = read_only_tree
    done = _run(prefix, ro, home, "check", "a.md", "--all", "--locale", "en")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "a.md" in done.stdout and "1 inconsistent" in done.stdout and "97.5%" in done.stdout
    assert sorted(p.name for p in (ro / ".checker").iterdir()) == ["reviews.sqlite"]  # nothing written
