"""Normalization with an offset map back to the decoded original.

Matching runs on a normalized copy of the text: full-width digits and punctuation become ASCII,
odd spaces become plain spaces, thousands separators inside numbers disappear and numbers broken
by a PDF line wrap are joined.  Most of this is a one-to-one character translation, which keeps
offsets unchanged; the few deletions are recorded as segments so that any normalized offset maps
back exactly to the original (``original[start:end]`` is what the user sees).
"""
from __future__ import annotations

import sys
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

import regex

# One-to-one translation: full-width ASCII block (！ to ～) to ASCII, odd spaces to a plain space,
# dashes and minus signs to "-".  The em dash (—) is kept: it is punctuation, not a minus.
_TRANSLATE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_TRANSLATE.update({code: 0x20 for code in (0x3000, 0x00A0, 0x1680, 0x202F, 0x205F, *range(0x2000, 0x200B))})
_TRANSLATE.update({code: 0x2D for code in (0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFE63)})
_TRANSLATE.update({0xFE6A: 0x25, 0x301C: 0x7E})  # small percent sign ﹪, wave dash 〜

# Characters that are deleted wherever they stand (invisible): zero-width spaces and joiners, word
# joiner, BOM, soft hyphen, invisible operators, direction marks and embeddings.
_INVISIBLE = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u180e\u200e\u200f\u202a-\u202e"

# Separators inside one number: 37,242 / 1 234 567 / 12,345.67 (grouping), and a wrapped line
# "3724\n2" (the wrap is only joined after a line of real text, not in a column of figures).
_GROUPED = regex.compile(r"(?<![\d.,])\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?![\d]|,\d)")
_WRAPPED = regex.compile(r"(?<=[^\n]{15}\d)[ \t]*\r?\n[ \t]*(?=\d)")
_BREAK_BEFORE_DIGIT = regex.compile(r"\n[ \t]*(?=\d)")
_INVISIBLE_RE = regex.compile("[" + _INVISIBLE + "]")
_ESCAPE_SEQUENCE = regex.compile(r"\x1b(?:\[[0-?]*+[ -/]*+[@-~]|\][^\x07\x1b]{0,4096}+(?:\x07|\x1b\\)?|[@-Z\\-_])")
_INVISIBLE_CHARS = [chr(c) for c in (0x00AD, 0x180E, *range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), 0xFEFF)]
_NUMPY_FROM = 300_000  # characters: above this a vectorized translation beats str.translate
_NUMPY_CHUNK = 1 << 21


@dataclass(slots=True)
class NormalizedText:
    """A normalized string plus the map from its offsets to the original's."""

    text: str
    original: str
    _norm_starts: list[int]
    _orig_starts: list[int]

    def to_original(self, index: int) -> int:
        """Original offset of normalized offset ``index`` (a start offset)."""
        starts = self._norm_starts
        if len(starts) == 1:
            return index
        k = bisect_right(starts, index) - 1
        return self._orig_starts[k] + (index - starts[k])

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a normalized span, end exclusive."""
        if len(self._norm_starts) == 1:
            return (start, end) if end > start else (start, start)
        if end <= start:
            o = self.to_original(start)
            return o, o
        return self.to_original(start), self.to_original(end - 1) + 1


def translate(original: str) -> str:
    """The one-to-one part of normalization (same length, same offsets)."""
    if original.isascii():
        return original  # nothing in the table is ASCII
    if len(original) >= _NUMPY_FROM or ("numpy" in sys.modules and len(original) >= 20_000):
        fast = _translate_numpy(original)
        if fast is not None:
            return fast
    return original.translate(_TRANSLATE)


_TABLE = None


def _translate_numpy(original: str) -> str | None:
    """str.translate looks every character up in a dict; a lookup table in numpy is ~7x faster."""
    global _TABLE
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - numpy comes with pandas
        return None
    if _TABLE is None:
        table = np.arange(0x10000, dtype=np.uint32)
        for src, dst in _TRANSLATE.items():
            table[src] = dst
        _TABLE = table
    pieces = []
    for i in range(0, len(original), _NUMPY_CHUNK):  # chunks bound the memory: 4 bytes a character
        codes = np.frombuffer(original[i : i + _NUMPY_CHUNK].encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if int(codes.max()) < 0x10000:
            out = _TABLE[codes]
        else:
            out = np.where(codes < 0x10000, _TABLE[codes & 0xFFFF], codes)
        pieces.append(out.tobytes().decode("utf-32-le", "surrogatepass"))
    return "".join(pieces)


def normalize(original: str) -> NormalizedText:
    """Return the normalized text of ``original`` with its offset map."""
    translated = translate(original)
    deletions: list[tuple[int, int]] = []
    if not translated.isascii() and any(ch in translated for ch in _INVISIBLE_CHARS):
        deletions.extend((m.start(), m.end()) for m in _INVISIBLE_RE.finditer(translated))
    if "\x1b" in translated:  # terminal escape sequences (ESC]52;…, ESC[2J): their digits are no numbers
        deletions.extend((m.start(), m.end()) for m in _ESCAPE_SEQUENCE.finditer(translated))
    for m in _GROUPED.finditer(translated):
        sep = m.group(1)
        if sep == " " and not _space_grouping_plausible(translated, m.end()):
            continue
        for i in range(m.start(), m.end()):
            if translated[i] == sep:
                deletions.append((i, i + 1))
    if "\n" in translated:
        deletions.extend(_wrapped(translated))
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


def _wrapped(text: str) -> list[tuple[int, int]]:
    """The spans of ``_WRAPPED.finditer(text)``, found from the (few) line breaks followed by a digit.

    A match of ``_WRAPPED`` ends with a line break, spaces and a digit, and can only start right after
    the digit that precedes the break (past one "\\r" and the spaces before it); it is tried there.
    """
    out = []
    match = _WRAPPED.match
    for nl in _BREAK_BEFORE_DIGIT.finditer(text):
        p = nl.start()
        if p and text[p - 1] == "\r":
            p -= 1
        while p and text[p - 1] in " \t":
            p -= 1
        m = match(text, p)
        if m is not None:
            out.append((m.start(), m.end()))
    return out


def _space_grouping_plausible(text: str, end: int) -> bool:
    """A space-grouped number ("37 242") only counts when a unit or percent follows directly."""
    nxt = text[end : end + 1]
    return bool(nxt) and not nxt.isspace() and not nxt.isdigit() and nxt not in ",.;:"


#: A line break: "\n", "\r\n" or a lone "\r" (old Mac files), as editors, SARIF viewers and GitHub count lines.
LINE_BREAK = regex.compile(r"\r\n?|\n")


class LineIndex:
    """Line and column (both 1-based) of original offsets; lines end at "\n", "\r\n" or a lone "\r"."""

    def __init__(self, text: str) -> None:
        if "\r" in text:
            self._starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        else:  # the common case: line starts are 0, then one past each "\n"
            self._starts = list(accumulate(map((1).__add__, map(len, text.split("\n")[:-1])), initial=0))

    def position(self, offset: int) -> tuple[int, int]:
        k = bisect_right(self._starts, offset) - 1
        return k + 1, offset - self._starts[k] + 1
