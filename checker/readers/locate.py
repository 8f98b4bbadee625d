"""Positions a person can find: visible offsets of a document back to its source.

A plain-text article has no source map: line and column are counted in ``Document.text``.  A
Markdown or HTML article names the line and column of the source file (the number as it stands in
the file the user opens); a PDF or DOCX article names its page, paragraph or table cell, and its
line and column stay those of the visible text (a SARIF viewer or review still gets a position).
"""
from __future__ import annotations

from bisect import bisect_right

from checker.diagnostic import position
from checker.i18n import _
from checker.model import Document, SourceMap
from checker.normalize import LineIndex


class SourceLines:
    """``position(offset)`` → (line, column) of a visible offset, like LineIndex (which it wraps)."""

    def __init__(self, document: Document) -> None:
        smap = document.source_map
        self._map = smap if smap is not None and smap.kind == "text" else None
        self._lines = LineIndex(self._map.source if self._map else document.text)

    def position(self, offset: int) -> tuple[int, int]:
        if self._map is None:
            return self._lines.position(offset)
        return self._lines.position(to_source(self._map, offset))


def line_index(document: Document) -> LineIndex | SourceLines:
    """The line index findings of ``document`` use (the source's, when it was converted)."""
    return SourceLines(document) if document.source_map is not None else LineIndex(document.text)


def to_source(smap: SourceMap, offset: int) -> int:
    """The source offset of visible ``offset`` (text formats)."""
    k = max(bisect_right(smap.starts, offset) - 1, 0)
    return smap.origins[k] + (offset - smap.starts[k])


def to_visible(smap: SourceMap, source_offset: int, visible_length: int) -> int:
    """The visible offset of ``source_offset`` (text formats): the first visible character at or
    after it (markup that is not shown maps to the text that follows it)."""
    origins = smap.origins
    k = bisect_right(origins, source_offset) - 1
    if k < 0:
        return 0
    while k + 1 < len(origins) and origins[k + 1] == origins[k] and origins[k] <= source_offset:
        k += 1  # a separator and the piece after it share an origin: take the later one
    end = smap.starts[k + 1] if k + 1 < len(smap.starts) else visible_length
    return min(smap.starts[k] + (source_offset - origins[k]), end)


def place_text(place: dict) -> str:
    """``{"page": 3}`` → "page 3"; a table cell → "table 1 row 2 col 3"; a paragraph → "paragraph 4"."""
    if "table" in place:
        return _("table {table} row {row} col {column}").format(table=place["table"], row=place["row"],
                                                                 column=place["column"])
    if "page" in place:
        return _("page {page}").format(page=place["page"])
    if "paragraph" in place:
        return _("paragraph {paragraph}").format(paragraph=place["paragraph"])
    return ""


def location(document: Document, offset: int, lines=None) -> dict | None:
    """Where visible ``offset`` of a converted document is, for the reports (None: plain text).

    Text formats: ``{"line": L, "column": C, "text": "line L, column C"}`` in the source file;
    binary formats: the place (``page``, ``paragraph`` or ``table``/``row``/``column``) and its text.
    """
    smap = document.source_map
    if smap is None:
        return None
    if smap.kind == "text":
        line, column = (lines or SourceLines(document)).position(offset)
        return {"line": line, "column": column, "text": position(line, column)}
    k = max(bisect_right(smap.starts, offset) - 1, 0)
    place = dict(smap.origins[k]) if smap.origins else {}
    if not place:
        return None
    place["text"] = place_text(place)
    return place
