"""The review database: every verdict and note, committed the moment it is given.

Why SQLite (standard library ``sqlite3``) in WAL mode: a review is hours of human judgement, so a
verdict must survive the process being killed the instant after the key press, and two reviewers
working on one shared database must not corrupt it.  Each change is one short ``BEGIN IMMEDIATE``
transaction (the write lock is taken up front, so two writers queue on ``busy_timeout`` instead of
failing on a lock upgrade) committed with ``synchronous=FULL``.

Verdicts key on the claim's identity (checker.review.identity: the rule, the roles and the words
around the numbers with every literal masked; the column is still called ``fingerprint``), so they
survive unrelated edits of the article and corrections of its numbers.  Each row also keeps the
claim's *content signature* (quote and numbers): when the identity still matches but the claim
reads differently (a corrected number), the finding is shown as "changed since review", with the
earlier verdict and note, instead of silently keeping or dropping the verdict.

``reviews`` holds the current state per fingerprint; ``history`` holds every event ever given
(verdict, note, undo) with the state before it, so undo is exact and nothing is ever lost.

This module must not import textual: `checker check --db` reads verdicts through it.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from checker.diagnostic import cause
from checker.i18n import _
from checker.reader import InputError

#: Verdicts a reviewer can give.  "skipped" is recorded (the reviewer saw it) but does not count
#: as reviewed.
VERDICTS = ("confirmed", "dismissed", "skipped")

DB_DIR = ".checker"
DB_NAME = "reviews.sqlite"
BUSY_TIMEOUT_MS = 30_000
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reviews (
    fingerprint TEXT PRIMARY KEY,
    verdict     TEXT CHECK (verdict IS NULL OR verdict IN ('confirmed', 'dismissed', 'skipped')),
    note        TEXT,
    reviewer    TEXT NOT NULL,
    at          TEXT NOT NULL,
    signature   TEXT NOT NULL,
    path        TEXT NOT NULL DEFAULT '',
    rule        TEXT NOT NULL DEFAULT '',
    quote       TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS history (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint    TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('verdict', 'note', 'undo')),
    verdict        TEXT,
    note           TEXT,
    reviewer       TEXT NOT NULL,
    at             TEXT NOT NULL,
    signature      TEXT NOT NULL,
    had_prev       INTEGER NOT NULL,
    prev_verdict   TEXT,
    prev_note      TEXT,
    prev_reviewer  TEXT,
    prev_at        TEXT,
    prev_signature TEXT,
    undoes         INTEGER REFERENCES history(seq),
    undone         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS history_by_reviewer ON history (reviewer, kind, undone, seq);
"""


class ReviewStoreError(InputError):
    """The database cannot be opened or is not a review database (one line naming the file: the
    command line reports it like any bad input, exit 2)."""


@dataclass(frozen=True, slots=True)
class Review:
    """The current review state of one fingerprint.  ``reviewer``/``at`` are of the latest change."""

    fingerprint: str
    verdict: str | None
    note: str | None
    reviewer: str
    at: str
    signature: str
    path: str = ""
    rule: str = ""
    quote: str = ""


@dataclass(frozen=True, slots=True)
class UndoResult:
    """What an undo did: ``review`` is the restored state (None: the finding is unreviewed again);
    ``refused`` explains why nothing was undone (someone changed the finding since)."""

    fingerprint: str | None
    review: Review | None = None
    refused: str | None = None


def content_signature(quote: str, numbers: Iterable[tuple[str, str]]) -> str:
    """Signature of what a claim says: its quote and its (role, number text) pairs.

    Takes plain strings so the same value comes out of a ``Check`` and of a report's check dict.
    """
    h = hashlib.sha256(quote.encode("utf-8"))
    for role, text in numbers:
        h.update(b"\x1f" + role.encode("utf-8") + b"=" + text.encode("utf-8"))
    return h.hexdigest()[:16]


def check_signature(check) -> str:
    """``content_signature`` of a ``checker.model.Check``."""
    return content_signature(check.quote, ((r.role, r.mention.text) for r in check.numbers))


def base_dir(paths: Iterable[str]) -> Path:
    """The common parent directory of the given article paths (a directory stands for itself).

    Stdin (``-``) has no directory and is ignored; with nothing else, the current directory.
    """
    dirs: list[str] = []
    for p in paths:
        if p == "-":
            continue
        path = Path(p).resolve()
        dirs.append(str(path if path.is_dir() else path.parent))
    if not dirs:
        return Path.cwd()
    try:
        return Path(os.path.commonpath(dirs))
    except ValueError:  # different drives on Windows
        return Path.cwd()


def default_db_path(paths: Iterable[str]) -> Path:
    """``.checker/reviews.sqlite`` in the common parent directory of ``paths``: beside the articles,
    so a team sharing the articles' folder shares the verdicts."""
    return base_dir(paths) / DB_DIR / DB_NAME


def now() -> str:
    """UTC time of a verdict, ISO 8601 to the millisecond."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _review(row: sqlite3.Row) -> Review:
    return Review(row["fingerprint"], row["verdict"], row["note"], row["reviewer"], row["at"],
                  row["signature"], row["path"], row["rule"], row["quote"])


class ReviewStore:
    """One connection to a review database.

    Every public method that writes is one short transaction and has returned only once the
    change is committed to disk.
    """

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False) -> None:
        from checker.report.sanitize import visible

        self.path = Path(path)
        self.readonly = readonly
        self._name = visible(str(self.path))
        try:
            if readonly:
                if not self.path.is_file():
                    raise ReviewStoreError(_("{name}: no such review database").format(name=self._name))
                self._conn = self._open_readonly()
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
                self._conn.row_factory = sqlite3.Row
                self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                self._validate(required=False)
                self._setup()
        except sqlite3.DatabaseError as exc:
            raise ReviewStoreError(_("{name}: not a usable review database ({cause})").format(
                name=self._name, cause=cause(exc))) from None
        except OSError as exc:
            raise ReviewStoreError(_("{name}: {problem}").format(name=self._name, problem=cause(exc))) from None

    def _open_readonly(self) -> sqlite3.Connection:
        """A read-only connection.  In WAL mode even a reader needs the ``-shm`` file; in a read-only
        folder it cannot be created, so the database is then opened ``immutable`` (a snapshot of the
        main file: what `checker check` needs to read dismissals)."""
        base = self.path.resolve().as_uri()
        last: sqlite3.DatabaseError | None = None
        for query in ("?mode=ro", "?mode=ro&immutable=1"):
            conn = sqlite3.connect(base + query, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            conn.row_factory = sqlite3.Row
            try:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                self._conn = conn
                self._validate(required=True)
                return conn
            except sqlite3.OperationalError as exc:
                conn.close()
                last = exc
                if "readonly" not in str(exc) and "read-only" not in str(exc) and "unable to open" not in str(exc):
                    raise
            except BaseException:
                conn.close()
                raise
        raise last  # type: ignore[misc]

    #: The columns checker's tables must have (a database with tables of these names and other
    #: columns is someone else's: refused before anything is read or written).
    _COLUMNS = {
        "reviews": {"fingerprint", "verdict", "note", "reviewer", "at", "signature", "path", "rule", "quote"},
        "history": {"seq", "fingerprint", "kind", "verdict", "note", "reviewer", "at", "signature", "had_prev",
                    "prev_verdict", "prev_note", "prev_reviewer", "prev_at", "prev_signature", "undoes", "undone"},
        "meta": {"key", "value"},
    }

    def _validate(self, *, required: bool) -> None:
        """ReviewStoreError unless the database is checker's (or, when not ``required``, still empty
        of checker's tables: a new database)."""
        tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        ours = tables & set(self._COLUMNS)
        if not ours:
            if required:
                raise ReviewStoreError(_("{name}: not a checker review database (no reviews table)").format(
                    name=self._name))
            return
        for table in sorted(self._COLUMNS):
            if table not in tables:
                raise ReviewStoreError(_("{name}: not a checker review database (it has no {table} table)").format(
                    name=self._name, table=table))
            columns = {r[1] for r in self._conn.execute(f"PRAGMA table_info({table})")}
            missing = self._COLUMNS[table] - columns
            if missing:
                raise ReviewStoreError(_("{name}: not a checker review database (table {table} has other "
                                         "columns: no {columns})").format(
                    name=self._name, table=table, columns=", ".join(sorted(missing))))
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = row[0] if row is not None else None
        if version is not None and not (str(version).isdigit() and int(version) <= SCHEMA_VERSION):
            raise ReviewStoreError(_("{name}: review database schema version {version} is not one this checker "
                                     "understands ({known})").format(
                name=self._name, version=repr(str(version)[:20]), known=SCHEMA_VERSION))

    def _setup(self) -> None:
        # Two processes can open a brand-new database at the same instant; switching the journal
        # mode needs a moment alone, so retry briefly instead of failing.
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)
        if str(mode).lower() != "wal":
            raise ReviewStoreError(_("{name}: cannot switch to WAL mode (got {mode})").format(name=self._name, mode=mode))
        self._conn.execute("PRAGMA synchronous = FULL")
        with self._write():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            self._conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)",
                               (str(SCHEMA_VERSION),))

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction, lock taken up front (no deadlocking lock upgrades)."""
        if self.readonly:
            raise ReviewStoreError(f"{self._name}: opened read-only")
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- reading -------------------------------------------------------------------------

    def all(self) -> dict[str, Review]:
        """Every current review, by fingerprint."""
        return {row["fingerprint"]: _review(row) for row in self._conn.execute("SELECT * FROM reviews")}

    def get(self, fingerprint: str) -> Review | None:
        row = self._conn.execute("SELECT * FROM reviews WHERE fingerprint = ?", (fingerprint,)).fetchone()
        return _review(row) if row else None

    def history(self) -> list[dict]:
        """Every event ever given, oldest first."""
        return [dict(row) for row in self._conn.execute("SELECT * FROM history ORDER BY seq")]

    def last_fingerprint(self, reviewer: str) -> str | None:
        """The finding the reviewer last gave a verdict or note on: where they left off."""
        row = self._conn.execute(
            "SELECT fingerprint FROM history WHERE reviewer = ? AND kind != 'undo' ORDER BY seq DESC LIMIT 1",
            (reviewer,)).fetchone()
        return row[0] if row else None

    def data_version(self) -> int:
        """Changes when another connection commits: a cheap "has anyone else written?" test."""
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    # ----- writing -------------------------------------------------------------------------

    def set_verdict(self, fingerprint: str, verdict: str, *, reviewer: str, signature: str,
                    path: str = "", rule: str = "", quote: str = "") -> Review:
        """Record a verdict (the note, if any, is kept).  Committed when this returns."""
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}")
        return self._change("verdict", fingerprint, reviewer=reviewer, signature=signature, path=path,
                            rule=rule, quote=quote, verdict=verdict)

    def set_note(self, fingerprint: str, note: str | None, *, reviewer: str, signature: str,
                 path: str = "", rule: str = "", quote: str = "") -> Review | None:
        """Write, replace or (empty) clear the note (the verdict is kept).  Committed when this returns."""
        note = (note or "").strip() or None
        return self._change("note", fingerprint, reviewer=reviewer, signature=signature, path=path,
                            rule=rule, quote=quote, note=note)

    _KEEP = object()

    def _change(self, kind: str, fingerprint: str, *, reviewer: str, signature: str, path: str, rule: str,
                quote: str, verdict: object = _KEEP, note: object = _KEEP) -> Review | None:
        at = now()
        with self._write() as db:
            prev = db.execute("SELECT * FROM reviews WHERE fingerprint = ?", (fingerprint,)).fetchone()
            new_verdict = (prev["verdict"] if prev else None) if verdict is self._KEEP else verdict
            new_note = (prev["note"] if prev else None) if note is self._KEEP else note
            db.execute(
                "INSERT INTO history (fingerprint, kind, verdict, note, reviewer, at, signature, had_prev,"
                " prev_verdict, prev_note, prev_reviewer, prev_at, prev_signature)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (fingerprint, kind, new_verdict, new_note, reviewer, at, signature, 1 if prev else 0,
                 prev["verdict"] if prev else None, prev["note"] if prev else None,
                 prev["reviewer"] if prev else None, prev["at"] if prev else None,
                 prev["signature"] if prev else None))
            if new_verdict is None and new_note is None:
                db.execute("DELETE FROM reviews WHERE fingerprint = ?", (fingerprint,))
                return None
            db.execute(
                "INSERT INTO reviews (fingerprint, verdict, note, reviewer, at, signature, path, rule, quote)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (fingerprint) DO UPDATE SET verdict = excluded.verdict, note = excluded.note,"
                " reviewer = excluded.reviewer, at = excluded.at, signature = excluded.signature,"
                " path = CASE excluded.path WHEN '' THEN reviews.path ELSE excluded.path END,"
                " rule = CASE excluded.rule WHEN '' THEN reviews.rule ELSE excluded.rule END,"
                " quote = CASE excluded.quote WHEN '' THEN reviews.quote ELSE excluded.quote END",
                (fingerprint, new_verdict, new_note, reviewer, at, signature, path, rule, quote))
            row = db.execute("SELECT * FROM reviews WHERE fingerprint = ?", (fingerprint,)).fetchone()
            return _review(row)

    def undo_last(self, reviewer: str, fingerprints: set[str] | frozenset[str] | None = None) -> UndoResult:
        """Undo the reviewer's last verdict (among ``fingerprints``, when given).

        The verdict goes back to what it was before; a note written since is kept.  When someone
        else changed the verdict in between, nothing is undone (``refused`` says why): undo must
        never overwrite a colleague's work.  The undone event stays in ``history``, marked undone,
        and the undo itself is recorded: nothing is lost.
        """
        at = now()
        with self._write() as db:
            event = None
            for row in db.execute("SELECT * FROM history WHERE reviewer = ? AND kind = 'verdict' AND undone = 0"
                                  " ORDER BY seq DESC", (reviewer,)):
                if fingerprints is None or row["fingerprint"] in fingerprints:
                    event = row
                    break
            if event is None:
                return UndoResult(None, refused=_("nothing to undo"))
            fp = event["fingerprint"]
            current = db.execute("SELECT * FROM reviews WHERE fingerprint = ?", (fp,)).fetchone()
            if current is None or current["verdict"] != event["verdict"]:
                who = current["reviewer"] if current else _("someone")
                return UndoResult(fp, _review(current) if current else None,
                                  refused=_("{who} changed this finding since; not undone").format(who=who))
            restored_verdict = event["prev_verdict"]
            untouched_since = current["reviewer"] == event["reviewer"] and current["at"] == event["at"]
            if untouched_since and event["had_prev"]:
                reviewer_after, at_after, signature_after = event["prev_reviewer"], event["prev_at"], event["prev_signature"]
            else:
                reviewer_after, at_after, signature_after = reviewer, at, current["signature"]
            note = current["note"]
            cursor = db.execute(
                "INSERT INTO history (fingerprint, kind, verdict, note, reviewer, at, signature, had_prev,"
                " prev_verdict, prev_note, prev_reviewer, prev_at, prev_signature, undoes)"
                " VALUES (?, 'undo', ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
                (fp, restored_verdict, note, reviewer, at, signature_after, current["verdict"], note,
                 current["reviewer"], current["at"], current["signature"], event["seq"]))
            db.execute("UPDATE history SET undone = ? WHERE seq = ?", (cursor.lastrowid, event["seq"]))
            if restored_verdict is None and note is None:
                db.execute("DELETE FROM reviews WHERE fingerprint = ?", (fp,))
                return UndoResult(fp, None)
            db.execute("UPDATE reviews SET verdict = ?, reviewer = ?, at = ?, signature = ? WHERE fingerprint = ?",
                       (restored_verdict, reviewer_after, at_after, signature_after, fp))
            row = db.execute("SELECT * FROM reviews WHERE fingerprint = ?", (fp,)).fetchone()
            return UndoResult(fp, _review(row))
