"""Tables of a PDF page from the layout of its text: rows by baseline, columns by x alignment.

A PDF has no table element: a table is text drawn at places.  pdfminer.six gives each text line
(``LTTextLine``) with its characters' boxes; here a line is cut into chunks where the gap between
two characters is wider than ``GAP_EM`` times the font size (cells, not words), chunks that stand
at the same height form a row, and a run of rows with two or more chunks, close together, whose
chunks line up in columns, is a table when past its label column it holds numbers (a cell that is
a number and nothing else).  The rows without numbers right above the first such row are its
header, which it must have (nothing else says which column is a growth rate and which a total);
a line of one chunk just above the table is its caption (单位：亿元).

Conservative by construction: a run whose chunks do not fall into columns one per row (two chunks
of one row in one column, a lone chunk outside the label column, a column of one cell, a header
cell over two columns), a row whose label is a number, no header, or fewer than ``MIN_BODY_ROWS``
rows with numbers, is no table, and its lines stay prose.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

import regex

#: A gap between two characters of one line wider than this many font sizes separates two cells.
GAP_EM = 1.0
#: Rows of one table are at most this many row heights apart (the white space between them).
ROW_GAP = 1.6
#: A table has a header and at least this many rows with numbers.
MIN_BODY_ROWS = 2
#: An indented label (a sub-item) starts at least this many font sizes right of the label column.
INDENT_EM = 0.8

_SPACES = regex.compile(r"\s+")
_BARE_YEAR = regex.compile(r"^(?:19|20)\d\d$")


@dataclass(slots=True)
class Chunk:
    """Text of one line between wide gaps, with its box (PDF points, y upwards)."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    line: int  # the index of its line on the page

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 0.1)


@dataclass(slots=True)
class LayoutTable:
    """A table found on a page: rows of cells (text, indentation level) per column, the header rows,
    the caption and the lines of the page it is made of."""

    rows: list[list[tuple[str, int]]]
    header_rows: int
    caption: str | None
    lines: set[int] = field(default_factory=set)


def chunks_of_line(line, index: int) -> list[Chunk]:
    """The chunks of one pdfminer text line (whitespace characters are gaps, not text)."""
    from pdfminer.layout import LTChar

    out: list[Chunk] = []
    current: list = []

    def close() -> None:
        if current:
            text = _SPACES.sub(" ", "".join(c.get_text() for c in current)).strip()
            if text:
                out.append(Chunk(text, min(c.x0 for c in current), max(c.x1 for c in current),
                                 min(c.y0 for c in current), max(c.y1 for c in current),
                                 max(c.size for c in current), index))
        current.clear()

    previous = None
    for ch in line:
        if not isinstance(ch, LTChar):
            continue
        if ch.get_text().isspace():
            current.append(ch)  # kept for the text (a space inside a cell); no box of its own
            continue
        if previous is not None and ch.x0 - previous.x1 > GAP_EM * max(previous.size, ch.size, 1.0):
            while current and current[-1].get_text().isspace():
                current.pop()
            close()
        current.append(ch)
        previous = ch
    close()
    return out


def _rows(chunks: list[Chunk]) -> list[list[Chunk]]:
    """Chunks grouped by height (top of the page first), each row sorted left to right."""
    rows: list[list[Chunk]] = []
    band: tuple[float, float] | None = None
    for c in sorted(chunks, key=lambda c: (-c.y1, c.x0)):
        if band is not None:
            overlap = min(band[1], c.y1) - max(band[0], c.y0)
            if overlap >= 0.5 * min(band[1] - band[0], c.height):
                rows[-1].append(c)
                band = (min(band[0], c.y0), max(band[1], c.y1))
                continue
        rows.append([c])
        band = (c.y0, c.y1)
    return [sorted(r, key=lambda c: c.x0) for r in rows]


def find_tables(lines: list[list[Chunk]], is_number) -> list[LayoutTable]:
    """The tables of one page, given the chunks of each of its lines and a test for a number cell."""
    rows = _rows([c for line in lines for c in line])
    out: list[LayoutTable] = []
    i = 0
    while i < len(rows):
        if len(rows[i]) < 2:
            i += 1
            continue
        j = i  # a run: rows close together, several chunks each (lone chunks only between such rows)
        while j + 1 < len(rows) and _close(rows[j], rows[j + 1]) and (len(rows[j + 1]) >= 2 or _lone_inside(rows, j + 1)):
            j += 1
        table = _table(rows, i, j, is_number)
        if table is not None:
            out.append(table)
        i = j + 1
    return out


def _lone_inside(rows: list[list[Chunk]], k: int) -> bool:
    """Whether the row of one chunk at ``k`` is followed closely by a row of several (a section or
    其中 row inside a table, not the line after it)."""
    return k + 1 < len(rows) and len(rows[k + 1]) >= 2 and _close(rows[k], rows[k + 1])


def _top(row: list[Chunk]) -> float:
    return max(c.y1 for c in row)


def _bottom(row: list[Chunk]) -> float:
    return min(c.y0 for c in row)


def _close(upper: list[Chunk], lower: list[Chunk]) -> bool:
    height = median(c.height for c in upper + lower)
    return _bottom(upper) - _top(lower) <= ROW_GAP * height


def _has_number(row: list[Chunk], is_number) -> bool:
    return any(is_number(c.text) for c in row[1:])


def _table(rows: list[list[Chunk]], i: int, j: int, is_number) -> LayoutTable | None:
    run = rows[i:j + 1]
    body = [k for k, r in enumerate(run) if len(r) >= 2 and _has_number(r, is_number)]
    if len(body) < MIN_BODY_ROWS:
        return None
    first, last = body[0], body[-1]
    head = first
    while head > 0 and first - head < 2 and len(run[head - 1]) >= 2 and all(
            not is_number(c.text) or _BARE_YEAR.match(c.text) for c in run[head - 1][1:]):
        head -= 1
    if head == first:
        return None  # no header: nothing says which column is a growth rate, which a total
    body_rows = run[first:last + 1]
    spans = _columns([c for r in body_rows for c in r])
    if len(spans) < 2:
        return None
    grid: list[list[Chunk | None]] = []
    for r in body_rows:
        cells: list[Chunk | None] = [None] * len(spans)
        for c in r:
            k = _column_of(spans, c)
            if k is None or cells[k] is not None:
                return None  # two chunks of a row in one column, or a chunk between columns
            cells[k] = c
        if cells[0] is None or is_number(cells[0].text):
            return None  # every row has a label, and a label is no number
        grid.append(cells)
    if any(sum(1 for cells in grid if cells[k] is not None) < 2 for k in range(len(spans))):
        return None  # a column of one cell: the rows are not aligned
    header: list[list[str]] = []
    for r in run[head:first]:
        names = [""] * len(spans)
        for c in r:
            k = _header_column(spans, c)
            if k is None:
                return None  # a header cell over two columns: which one it names is unclear
            names[k] = (names[k] + " " + c.text).strip()
        header.append(names)
    labels = [cells[0] for cells in grid]
    base = min(c.x0 for c in labels)
    table_rows = [[(name, 0) for name in names] for names in header]
    for cells in grid:
        indent = cells[0].x0 - base
        level = round(indent / cells[0].size) if indent >= INDENT_EM * cells[0].size else 0
        table_rows.append([(c.text if c is not None else "", level if k == 0 else 0) for k, c in enumerate(cells)])
    used = {c.line for r in run[head:last + 1] for c in r}
    caption = _caption(rows, i + head)
    return LayoutTable(table_rows, len(header), caption, used)


def _columns(chunks: list[Chunk]) -> list[tuple[float, float]]:
    """Column spans: the union of overlapping chunk extents, left to right."""
    spans: list[list[float]] = []
    for c in sorted(chunks, key=lambda c: c.x0):
        if spans and c.x0 <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], c.x1)
        else:
            spans.append([c.x0, c.x1])
    return [(a, b) for a, b in spans]


def _column_of(spans: list[tuple[float, float]], c: Chunk) -> int | None:
    for k, (a, b) in enumerate(spans):
        if a <= c.x0 and c.x1 <= b:
            return k
    return None


def _header_column(spans: list[tuple[float, float]], c: Chunk) -> int | None:
    """The column a header chunk names: the one it overlaps, else the nearest (a short header over
    right-aligned numbers may overlap none); None when it overlaps two."""
    over = [k for k, (a, b) in enumerate(spans) if min(b, c.x1) - max(a, c.x0) > 0]
    if len(over) > 1:
        return None
    if over:
        return over[0]
    return min(range(len(spans)), key=lambda k: abs((spans[k][0] + spans[k][1]) / 2 - (c.x0 + c.x1) / 2))


def _caption(rows: list[list[Chunk]], top: int) -> str | None:
    """The line of one chunk right above the table (a title or 单位：…), if there is one, and a short
    title line right above a short one ("表1 分产业增加值" over "单位：亿元"): the title names what the
    table measures, the line under it often only the unit."""
    if top == 0 or len(rows[top - 1]) != 1 or not _close(rows[top - 1], rows[top]):
        return None
    text = rows[top - 1][0].text
    if len(text) > 80:
        return None
    if len(text) <= 30 and top >= 2 and len(rows[top - 2]) == 1 and _close(rows[top - 2], rows[top - 1]):
        title = rows[top - 2][0].text
        if len(title) <= 40 and not title.rstrip().endswith(SENTENCE_END):
            return f"{title} {text}"
    return text


#: a line ending so is prose, not a table's title
SENTENCE_END = ("。", "！", "？", ".", "!", "?", "；", ";", "：", ":")
