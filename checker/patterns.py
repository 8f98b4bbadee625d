"""Regular expressions written inline, compiled once.

``regex.search(pattern, text)`` looks its pattern up in the regex module's cache on every call,
which costs more than the search itself on the short strings claim assembly looks at. These
functions take the same arguments and keep each compiled pattern in a small LRU cache of their own.
"""
from __future__ import annotations

from functools import lru_cache

import regex


@lru_cache(maxsize=1024)
def compiled(pattern: str, flags: int = 0):
    return regex.compile(pattern, flags)


def search(pattern: str, string: str, flags: int = 0, **kw):
    return compiled(pattern, flags).search(string, **kw)


def match(pattern: str, string: str, flags: int = 0, **kw):
    return compiled(pattern, flags).match(string, **kw)


def fullmatch(pattern: str, string: str, flags: int = 0, **kw):
    return compiled(pattern, flags).fullmatch(string, **kw)


def finditer(pattern: str, string: str, flags: int = 0, **kw):
    return compiled(pattern, flags).finditer(string, **kw)


def findall(pattern: str, string: str, flags: int = 0, **kw):
    return compiled(pattern, flags).findall(string, **kw)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0):
    return compiled(pattern, flags).split(string, maxsplit)


def sub(pattern: str, repl, string: str, count: int = 0, flags: int = 0):
    return compiled(pattern, flags).sub(repl, string, count)
