"""Normalization with an offset map back to the decoded original.

Matching runs on a normalized copy of the text: full-width digits and punctuation become ASCII,
odd spaces become plain spaces, thousands separators inside numbers disappear and numbers broken
by a PDF line wrap are joined.  Most of this is a one-to-one character translation, which keeps
offsets unchanged; the few deletions are recorded as segments so that any normalized offset maps
back exactly to the original (``original[start:end]`` is what the user sees).
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

# One-to-one translation: full-width ASCII block (！ to ～) to ASCII, odd spaces to a plain space.
_TRANSLATE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TRANSLATE.update({0x3000: 0x20, 0x00A0: 0x20, 0x2007: 0x20, 0x2009: 0x20, 0x202F: 0x20, 0x2212: 0x2D})
_TRANSLATE.update({0x2013: 0x2D, 0x2014: 0x2014, 0x00B7: 0x00B7})

# Characters that are deleted wherever they stand (invisible): zero-width spaces, BOM, soft hyphen.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# Separators inside one number: 37,242 / 1 234 567 (grouping), and a wrapped line "3724\n2".
_GROUPED = regex.compile(r"(?<![\d.,])\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?![\d]|\.\d|,\d)")
_WRAPPED = regex.compile(r"(?<=[^\n]{15}\d)[ \t]*\n[ \t]*(?=\d)")
_INVISIBLE_RE = regex.compile("[" + _INVISIBLE + "]")


@dataclass(slots=True)
class NormalizedText:
    """A normalized string plus the map from its offsets to the original's."""

    text: str
    original: str
    _norm_starts: list[int]
    _orig_starts: list[int]

    def to_original(self, index: int) -> int:
        """Original offset of normalized offset ``index`` (a start offset)."""
        k = bisect_right(self._norm_starts, index) - 1
        return self._orig_starts[k] + (index - self._norm_starts[k])

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a normalized span, end exclusive."""
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


def normalize(original: str) -> NormalizedText:
    """Return the normalized text of ``original`` with its offset map."""
    translated = original.translate(_TRANSLATE)
    deletions: list[tuple[int, int]] = [(m.start(), m.end()) for m in _INVISIBLE_RE.finditer(translated)]
    for m in _GROUPED.finditer(translated):
        if m.group(1) == " " and not _space_grouping_plausible(translated, m.end()):
            continue
        for i in range(m.start(), m.end()):
            if translated[i] == m.group(1):
                deletions.append((i, i + 1))
    deletions.extend((m.start(), m.end()) for m in _WRAPPED.finditer(translated))
    if not deletions:
        return NormalizedText(translated, original, [0], [0])
    deletions.sort()
    pieces: list[str] = []
    norm_starts, orig_starts = [0], [0]
    pos = 0
    for a, b in deletions:
        if a < pos:  # overlapping deletion (cannot happen with the patterns above, but be safe)
            a = pos
        if b <= a:
            continue
        pieces.append(translated[pos:a])
        pos = b
        norm_starts.append(norm_starts[-1] + (a - orig_starts[-1]))
        orig_starts.append(b)
    pieces.append(translated[pos:])
    return NormalizedText("".join(pieces), original, norm_starts, orig_starts)


def _space_grouping_plausible(text: str, end: int) -> bool:
    """A space-grouped number ("37 242") only counts when a unit or percent follows directly."""
    nxt = text[end : end + 1]
    return bool(nxt) and not nxt.isspace() and not nxt.isdigit() and nxt not in ",.;:"


class LineIndex:
    """Line and column (both 1-based) of original offsets."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        k = bisect_right(self._starts, offset) - 1
        return k + 1, offset - self._starts[k] + 1
