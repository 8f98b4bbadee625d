"""Sentence splitting of the normalized text, in one left-to-right pass (linear time).

A sentence ends after

1. ``。！？!?``;
2. the whitespace up to the last line break of a run of whitespace that follows ``。！？!?；;:：”"``;
3. a blank line (two line breaks in one run of whitespace) when the next line starts a list item or
   a heading (``一、``, ``1.``, ``1、``, ``#``, ``(一)``, ``一)``): the sentence takes the run up to its
   last line break;
4. a ``.`` followed by whitespace and a capital letter, quote or parenthesis, by a line break, or by
   nothing but whitespace to the end of the text;
5. a line break before a line that opens with a label, a colon and a number (``Homicide: 41 (48;
   -14.6%)``, ``刑事案件：1234起``): the lines of a list of figures are one item each;
6. a blank line before a heading: a short line with no sentence end (``Rates per 100,000 residents``);
7. with ``blocks`` (the visible text of a converted document, checker.readers), any blank line: the
   readers end every heading, paragraph, list item and table cell with one.

This is the segmentation of the former single regular expression (``checker.claims.SENTENCE_END``),
whose blank-line alternative backtracked over every run of blank lines at every blank line (cubic
time: 8,000 blank lines took minutes).  Here every run of whitespace is measured once.
"""
from __future__ import annotations

import regex

# Characters that may end a sentence, or start a run of whitespace that might (``\n``).
_CANDIDATE = regex.compile(r"[。！？!?.\n]")
_STOP = frozenset("。！？!?")
# A run of whitespace after one of these ends the sentence at its last line break.
_BEFORE_BREAK = frozenset("。！？!?；;:：”\"")
_WHITESPACE = regex.compile(r"\s*+")
_WHITESPACE_BEFORE = regex.compile(r"\s*+", regex.REVERSE)
# What a line must start with for a blank line before it to end a sentence: a list item or a heading.
_ITEM = regex.compile(r"[一二三四五六七八九十]++、|\d++(?:[.](?!\d)|、)|#|\(?[一二三四五六七八九十]++\)")
# A line of a list of figures: a short label, a colon and a number.
_LABEL_LINE = regex.compile(r"[^\s:：。.!?！？，,;；][^\n:：。.!?！？，,;；]{0,39}[:：][ \t]*+[-+−(（]?\d")
# A heading line: short, no sentence end in it, a line break after it.
_HEADING = regex.compile(r"[^\n。.!?！？;；]{1,60}+\n")
# What may follow a full stop that ends a sentence.
_AFTER_DOT = regex.compile(r"\s++[A-Z\"“(]|\s*+\Z|[^\S\n]*+\n")


def sentences(text: str, blocks: bool = False) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of the normalized text; together they cover it without gaps."""
    out: list[tuple[int, int]] = []
    start = i = 0
    n = len(text)
    while i < n:
        m = _CANDIDATE.search(text, i)
        if m is None:
            break
        p = m.start()
        c = text[p]
        if c in _STOP:
            end = p + 1
        elif c == ".":
            if not _AFTER_DOT.match(text, p + 1):
                i = p + 1
                continue
            end = p + 1
        else:  # a line break: measure its run of whitespace once
            s = _WHITESPACE_BEFORE.match(text, i, p).start()
            e = _WHITESPACE.match(text, p).end()
            last = text.rfind("\n", p, e)
            if s > 0 and text[s - 1] in _BEFORE_BREAK:
                end = last + 1
            elif last > p and (blocks or _ITEM.match(text, e) or _HEADING.match(text, e)):
                end = last + 1
            elif _LABEL_LINE.match(text, e):
                end = last + 1
            else:  # no sentence ends in this run
                i = e
                continue
        out.append((start, end))
        start = i = end
    if start < n:
        out.append((start, n))
    return out


def by_sentence(mentions: list, spans: list[tuple[int, int]]):
    """``(start, end, mentions)`` for every sentence span, the mentions (in text order) that start
    inside it; one pass over both lists."""
    i = 0
    for s_start, s_end in spans:
        group = []
        while i < len(mentions) and mentions[i].nstart < s_end:
            if mentions[i].nstart >= s_start:
                group.append(mentions[i])
            i += 1
        yield s_start, s_end, group
