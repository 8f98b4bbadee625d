"""The visible text of a converted document, built piece by piece with its map back to the source.

Every reader appends what a person sees (``add``) and where it came from, and ends blocks
(``block``) so that headings, list items, table cells and paragraphs never run into each other:
a block ends with a blank line, which ends a sentence in converted documents (checker.sentences).
Building is linear in the size of the text: pieces go to lists, joined once at the end.
"""
from __future__ import annotations

from checker.model import SourceMap

#: What separates two blocks of visible text (a blank line: a sentence break in converted text).
BLOCK_BREAK = "\n\n"


class VisibleText:
    """Accumulates visible text; ``kind`` "text" (origins are source offsets) or "place" (labels)."""

    def __init__(self, kind: str, source: str = "") -> None:
        self.kind, self.source = kind, source
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._origins: list = []
        self._size = 0
        self._last = ""  # the last character written ("" at the start)
        self._origin_end = 0  # text formats: the source offset just past the last piece

    @property
    def length(self) -> int:
        """How many characters of visible text are written so far (where the next one will stand)."""
        return self._size

    def add(self, text: str, origin) -> None:
        """Append ``text`` that came from ``origin`` (a source offset of its first character when the
        text is a verbatim copy, else a place label)."""
        if not text:
            return
        if self.kind == "text":
            if self._starts and self._origins[-1] + (self._size - self._starts[-1]) == origin:
                pass  # continues the last piece exactly: no new piece
            else:
                self._starts.append(self._size)
                self._origins.append(origin)
            self._origin_end = origin + len(text)
        elif not self._origins or self._origins[-1] != origin:
            self._starts.append(self._size)
            self._origins.append(origin)
        self._parts.append(text)
        self._size += len(text)
        self._last = text[-1]

    def add_derived(self, text: str, origin: int, length: int) -> None:
        """Append text that stands for ``length`` characters of source at ``origin`` (a decoded entity
        "&amp;" → "&"): it is its own piece, so the copy after it maps exactly again."""
        if not text:
            return
        self._origin_end = origin + length
        self._starts.append(self._size)
        self._origins.append(origin)
        self._parts.append(text)
        self._size += len(text)
        self._last = text[-1]
        self._starts.append(self._size)  # a marker: the next add starts a piece of its own
        self._origins.append(origin + 1 if self.kind == "text" else origin)

    def space(self, origin=None) -> None:
        """A word break (a line wrap, an inline break) unless the text already ends in whitespace."""
        if self._last and not self._last.isspace():
            self._write_separator(" ", origin)

    def newline(self, origin=None) -> None:
        """A line break inside a block (a soft break, <br>)."""
        if self._last and self._last != "\n":
            self._write_separator("\n", origin)

    def block(self, origin=None) -> None:
        """End the current block: a blank line, once, however many blocks end here."""
        if not self._last:
            return
        tail = "".join(self._parts[-2:])
        if tail.endswith(BLOCK_BREAK):
            return
        self._write_separator(BLOCK_BREAK[1:] if tail.endswith("\n") else BLOCK_BREAK, origin)

    def _write_separator(self, sep: str, origin) -> None:
        if self.kind == "text":
            origin = self._origin_end if origin is None else origin
            self._starts.append(self._size)
            self._origins.append(origin)
            self._starts.append(self._size + len(sep))  # what follows is a new piece
            self._origins.append(origin)
        elif origin is not None and (not self._origins or self._origins[-1] != origin):
            self._starts.append(self._size)
            self._origins.append(origin)
        self._parts.append(sep)
        self._size += len(sep)
        self._last = sep[-1]

    def result(self) -> tuple[str, SourceMap]:
        """The visible text (without trailing whitespace) and its source map."""
        text = "".join(self._parts).rstrip()
        starts, origins = _compact(self._starts, self._origins)
        if not starts:
            starts, origins = [0], [0 if self.kind == "text" else {}]
        return text, SourceMap(self.kind, starts, origins, self.source)


def _compact(starts: list[int], origins: list) -> tuple[list[int], list]:
    """Drop pieces that are empty (a later piece starts at the same visible offset)."""
    out_s: list[int] = []
    out_o: list = []
    for s, o in zip(starts, origins):
        if out_s and out_s[-1] == s:
            out_s[-1], out_o[-1] = s, o
        else:
            out_s.append(s)
            out_o.append(o)
    return out_s, out_o
