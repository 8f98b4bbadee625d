"""Writing a report or baseline file safely: atomically, and only over a regular file.

The text goes to a temporary file in the target's directory, is flushed to disk, and replaces the
target with one rename, so a reader never sees half a file and a failed write leaves the old one
(and no temporary file) behind.  A target that exists and is not a regular file (a symbolic link, a
device such as /dev/full, a FIFO, a directory) is refused, never replaced: a symlinked baseline
shared with another checkout stays a link, and running as root cannot turn a device node into JSON.
"""
from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from checker.report.sanitize import visible


class OutputError(OSError):
    """The target cannot be written; the message is one line naming it."""


_KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def refuse_special(path: str | os.PathLike) -> os.stat_result | None:
    """The lstat of ``path`` when it is a regular file, None when it does not exist; else OutputError."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"{visible(os.fspath(path))}: cannot write ({exc.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        what = next((w for test, w in _KINDS if test(st.st_mode)), "not a regular file")
        raise OutputError(f"{visible(os.fspath(path))}: {what}, not a regular file: refusing to replace it")
    return st


def write_text(path: str | os.PathLike, text: str, *, make_parents: bool = False) -> None:
    """Write ``text`` (UTF-8, "\\n" line ends) to ``path`` atomically; OutputError on any failure."""
    with atomic_writer(path, make_parents=make_parents) as fh:
        fh.write(text)


class _Target:
    """The file being written, whose write errors (a full disk) are OutputError lines like the others."""

    def __init__(self, fh: TextIO, name: str) -> None:
        self._fh = fh
        self._name = name

    def write(self, text: str) -> int:
        try:
            return self._fh.write(text)
        except OSError as exc:
            raise OutputError(f"{self._name}: cannot write ({exc.strerror or exc})") from None


@contextmanager
def atomic_writer(path: str | os.PathLike, *, make_parents: bool = False) -> Iterator[_Target]:
    """A file to write ``path`` through, piece by piece, that replaces ``path`` atomically when the
    block ends (UTF-8, "\\n" line ends); on any error, the block's own included, the target is left
    as it was and no temporary file remains.  Why pieces: a report streamed as each document is
    finished (checker.report.streamed) never holds the whole text.  OutputError on a write failure."""
    path = os.fspath(path)
    st = refuse_special(path)
    parent = os.path.dirname(path) or "."
    name = visible(path)
    try:
        if make_parents:
            os.makedirs(parent, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=parent, prefix="." + os.path.basename(path)[:40] + ".", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{name}: cannot write ({exc.strerror})") from None
    own_error: BaseException | None = None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n", errors="backslashreplace") as fh:
            try:
                yield _Target(fh, name)
            except BaseException as exc:
                own_error = exc
                raise
            fh.flush()
            os.fsync(fh.fileno())
        if st is not None:
            mode = stat.S_IMODE(st.st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        refuse_special(path)  # checked again just before the rename (it may have been swapped)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if exc is own_error or isinstance(exc, OutputError):
            raise
        if isinstance(exc, OSError):
            raise OutputError(f"{name}: cannot write ({exc.strerror or exc})") from None
        raise
