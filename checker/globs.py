"""Glob patterns that choose which files are articles (``--include``/``--exclude``, config keys).

Patterns use forward slashes and are matched against a file's path relative to a root (the
directory of the configuration file, else the current directory):

- ``*`` matches within one path segment, ``?`` one character, ``[abc]`` a character class;
- ``**/`` matches zero or more directories (``docs/**/*.md`` holds ``docs/a.md`` and
  ``docs/x/y/b.md``), and a trailing ``/**`` everything below a directory;
- a pattern without a slash matches the file name at any depth (``*.md``, ``DRAFT-*``), as in
  ``.gitignore``;
- a pattern naming a directory (``drafts`` or ``drafts/``) matches everything below it.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path


def _error(message: str) -> Exception:
    from checker.config import ConfigError  # a bad pattern is a usage error: one line, exit 2

    return ConfigError(message)


def check_pattern(pattern: object, where: str = "glob") -> None:
    """ConfigError (one line: ``where``, the pattern and the reason) unless ``pattern`` is a usable glob."""
    from checker.report.sanitize import visible

    if not isinstance(pattern, str):
        raise _error(f"{where}: a glob pattern must be a string, not {type(pattern).__name__}")
    if "\x00" in pattern:
        raise _error(f"{where}: glob pattern {visible(pattern)!r} holds a NUL character")
    try:
        _compiled(pattern)
    except re.error as exc:
        raise _error(f"{where}: bad glob pattern {visible(pattern)!r}: {exc.msg}") from None


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return _compiled(pattern)
    except re.error as exc:  # e.g. a reversed range [z-a]
        from checker.report.sanitize import visible

        raise _error(f"bad glob pattern {visible(pattern)!r} (--include, --exclude or configuration): {exc.msg}") from None


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    pat = pattern.replace("\\", "/").strip()
    if pat.startswith("./"):
        pat = pat[2:]
    pat = pat.rstrip("/") or pat
    out = []
    i, n = 0, len(pat)
    while i < n:
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = pat.find("]", i + 2 if pat[i + 1 : i + 2] in ("!", "]") else i + 1)
            if j < 0:
                out.append(re.escape(c))
                i += 1
            else:
                body = pat[i + 1 : j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    # a match may also be a directory holding the file
    return re.compile("(?:" + "".join(out) + ")(?:/.*)?", re.DOTALL)


def relative(path: str, root: str | Path | None = None) -> str:
    """``path`` relative to ``root`` (default: the current directory) with forward slashes."""
    base = os.path.abspath(root or os.getcwd())
    full = os.path.abspath(path)
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # another drive on Windows
        rel = full
    if rel.startswith(".." + os.sep) or rel == "..":
        rel = full
    return rel.replace(os.sep, "/")


def matches(path: str, patterns: Iterable[str], root: str | Path | None = None) -> bool:
    """True when ``path`` matches one of ``patterns`` (see the module docstring)."""
    rel = relative(path, root)
    name = rel.rsplit("/", 1)[-1]
    parts = rel.split("/")
    for pattern in patterns:
        rx = _compile(pattern)
        if "/" in pattern.strip().rstrip("/"):
            if rx.fullmatch(rel):
                return True
        elif rx.fullmatch(name) or any(rx.fullmatch(p) for p in parts[:-1]):
            return True
    return False


def selected(path: str, include: Iterable[str] = (), exclude: Iterable[str] = (),
             suffixes: tuple[str, ...] = (), root: str | Path | None = None) -> bool:
    """Is ``path`` an article: it matches an include pattern (or, without any, has one of the article
    suffixes) and no exclude pattern."""
    include, exclude = tuple(include), tuple(exclude)
    if exclude and matches(path, exclude, root):
        return False
    if include:
        return matches(path, include, root)
    return not suffixes or Path(path).suffix.lower() in suffixes
