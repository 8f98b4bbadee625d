"""Tables as tables: the relations between cells, as Claims for the judges of checker.engine.

Statistical bulletins carry their key figures in tables.  Read as prose, a table gives nothing
(every cell is its own block) or worse (a share column of 100.0 read as the whole of the rows
below it).  Here a table (``Document.tables`` from the Markdown, HTML, DOCX and PDF readers, a run
of flattened ``label  value  growth`` lines found in the text, or the vertical layout of one cell a
line) is understood from its header and row labels (words in ``rules/tables.toml``), and its
relations become claims:

- a column against its 合计/总计/Total row: an exhaustive ``sum`` over the rows that are not
  sub-items (a row whose share is 100 is the total row when nothing is labelled so);
- each sub-item (``#``, ``其中``, ``of which``, deeper indentation) against its parent row:
  ``part_le_whole`` (not a sum: bulletins' sub-items overlap, 高技术制造业 and 装备制造业);
- a share column (占比 %) against the row's value and the total row's: ``rate``;
- a growth column against this year's and last year's columns: ``change_pct``.

A table it cannot understand (ragged rows, no numeric column, no label column, mixed units in a
column, a label-only row splitting it, an unindented 其中： run of several rows whose end is unclear)
yields no column relation, so layout never raises an alarm.  The prose that restates a table's
figures is checked against it by checker.table_claims.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache

import regex

from checker.model import Cell, Claim, Mention, Table

# --- the words of headers and labels (data: rules/tables.toml) -------------------------------------


@dataclass(frozen=True, slots=True)
class Words:
    columns: tuple[tuple[str, regex.Pattern], ...]
    percent_header: regex.Pattern
    not_additive: regex.Pattern
    total_row: regex.Pattern
    sub_row: regex.Pattern
    sub_opener: regex.Pattern
    inline_opener: regex.Pattern
    caption_unit: tuple[regex.Pattern, ...]
    unit_line: regex.Pattern
    label_header: regex.Pattern
    label_max: int
    label_not: regex.Pattern


def _any(patterns: list[str]) -> regex.Pattern:
    return regex.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", regex.IGNORECASE)


@cache
def words() -> Words:
    """The table vocabulary, read once per process."""
    from checker.lexicon import load_toml, rules_dir

    data = load_toml(rules_dir() / "tables.toml")
    cols, rows, vertical = data.get("columns", {}), data.get("rows", {}), data.get("vertical", {})
    return Words(columns=tuple((kind, _any(pats)) for kind, pats in cols.items()),
                 percent_header=_any(data.get("percent_header", [])),
                 not_additive=_any(data.get("not_additive", [])),
                 total_row=_any(rows.get("total", [])), sub_row=_any(rows.get("sub", [])),
                 sub_opener=_any(rows.get("sub_opener", [])), inline_opener=_any(rows.get("inline_opener", [])),
                 caption_unit=tuple(regex.compile(p, regex.IGNORECASE) for p in data.get("caption", {}).get("unit", [])),
                 unit_line=_any(vertical.get("unit_line", [])), label_header=_any(vertical.get("label_header", [])),
                 label_max=int(vertical.get("label_max", 30)), label_not=_any(vertical.get("label_not", [])))


def caption_unit(caption: str | None) -> str | None:
    """The unit a caption or title line names (单位：亿元, Unit: million), if any."""
    for pattern in words().caption_unit if caption else ():
        m = pattern.search(caption)
        if m:
            return m.group(1)
    return None


# --- building tables in the readers ------------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    rows: list[list[tuple[int, int]]] = field(default_factory=list)
    header: list[bool] = field(default_factory=list)  # per row: every cell a header cell (th, thead)
    caption: tuple[int, int] | None = None


class TableCollector:
    """What the readers call while they write visible text: ``open``/``close`` with an element name
    (table, thead, tr, th, td, caption; markdown-it's ``td_open`` works too) and the visible offset.
    ``tables(text)`` then gives the Tables with their cells' text and spans."""

    def __init__(self) -> None:
        self._stack: list[_Raw] = []
        self._done: list[_Raw] = []
        self._cell: int | None = None  # visible offset where the open cell starts
        self._cell_header = False
        self._in_head = False
        self._caption: int | None = None

    @staticmethod
    def _name(kind: str) -> str:
        return kind.removesuffix("_open").removesuffix("_close")

    def open(self, kind: str, pos: int) -> None:
        name = self._name(kind)
        if name == "table":
            self._close_cell(pos)
            self._stack.append(_Raw())
        elif not self._stack:
            return
        elif name == "thead":
            self._in_head = True
        elif name == "tr":
            self._close_cell(pos)
            self._stack[-1].rows.append([])
            self._stack[-1].header.append(True)
        elif name in ("td", "th"):
            self._close_cell(pos)
            raw = self._stack[-1]
            if not raw.rows:
                raw.rows.append([])
                raw.header.append(True)
            self._cell, self._cell_header = pos, name == "th" or self._in_head
        elif name == "caption":
            self._caption = pos

    def close(self, kind: str, pos: int) -> None:
        name = self._name(kind)
        if not self._stack:
            return
        if name in ("td", "th"):
            self._close_cell(pos)
        elif name == "thead":
            self._in_head = False
        elif name == "caption" and self._caption is not None:
            self._stack[-1].caption, self._caption = (self._caption, pos), None
        elif name == "table":
            self._close_cell(pos)
            self._done.append(self._stack.pop())
            self._in_head = False

    def _close_cell(self, pos: int) -> None:
        if self._cell is None or not self._stack:
            self._cell = None
            return
        raw = self._stack[-1]
        raw.rows[-1].append((self._cell, pos))
        raw.header[-1] = raw.header[-1] and self._cell_header
        self._cell = None

    def tables(self, text: str) -> list[Table]:
        """The collected tables (a table still open at the end of the document is dropped)."""
        out = []
        for raw in self._done:
            rows = [[_cell(text, a, b) for a, b in row] for row in raw.rows if row]
            if not rows:
                continue
            header = 0
            for flag in raw.header:
                if not flag:
                    break
                header += 1
            caption = _cell(text, *raw.caption).text if raw.caption else None
            out.append(Table(rows, header_rows=min(header, len(rows)), caption=caption, unit=caption_unit(caption)))
        return out


def _cell(text: str, start: int, end: int) -> Cell:
    end = min(end, len(text))
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    body = chunk.strip()
    return Cell(body, start + lead, start + lead + len(body))


# --- the flattened layout of plain text --------------------------------------------------------------

_FIELD_SEP = regex.compile(r"\t+|[ \u3000]{2,}|\u3000")
_PIPE = regex.compile(r"\s*\|\s*")
_RULE = regex.compile(r"^:?-{3,}:?$")  # a Markdown header rule cell (|---|:--:|)
MIN_FLAT_ROWS = 3  # fewer consecutive lines of the same shape are not taken for a table


def _fields(text: str, start: int, end: int) -> list[Cell]:
    """The fields of one line (pipes, tabs, or runs of 2+ spaces), each with its span."""
    line = text[start:end]
    body = line.strip()
    if not body:
        return []
    lead = start + len(line) - len(line.lstrip())
    if body.count("|") >= 2:
        parts, pos = [], 0
        for m in _PIPE.finditer(body):
            parts.append((pos, m.start()))
            pos = m.end()
        parts.append((pos, len(body)))
        cells = [_cell(text, lead + a, lead + b) for a, b in parts]
        if cells and not cells[0].text:
            cells = cells[1:]
        if cells and not cells[-1].text:
            cells = cells[:-1]
        return cells
    cells, pos = [], 0
    for m in _FIELD_SEP.finditer(body):
        cells.append(_cell(text, lead + pos, lead + m.start()))
        pos = m.end()
    cells.append(_cell(text, lead + pos, lead + len(body)))
    return [c for c in cells if c.text]


def flat_tables(text: str, runs: list[tuple[int, int]] | None = None) -> list[Table]:
    """Tables of the flattened layouts: ≥3 consecutive lines with the same number of fields (≥2) and
    a number beyond the first field, the line before them as header when it has no number; and the
    vertical layout, one cell a line (``vertical_tables``, which adds to ``runs`` the stretch of
    every vertical table it recognises, checked or not)."""
    lines = _lines(text)
    out = _row_tables(lines) + vertical_tables(text, lines, runs)
    return sorted(out, key=lambda t: t.cells[0][0].start)


def _lines(text: str) -> list[list[Cell]]:
    """The fields of every line of ``text``."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append(_fields(text, pos, pos + len(line)))
        pos += len(line) + 1
    return lines


def _row_tables(lines: list[list[Cell]]) -> list[Table]:
    """The flattened layout of one row a line."""
    out: list[Table] = []
    i = 0
    while i < len(lines):
        row = lines[i]
        if len(row) < 2 or not any(_number(c.text) for c in row[1:]):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and len(lines[j + 1]) == len(row) and any(_number(c.text) for c in lines[j + 1][1:]):
            j += 1
        if j - i + 1 >= MIN_FLAT_ROWS:
            h = i - 1
            if h >= 1 and lines[h] and all(_RULE.match(c.text) for c in lines[h]):
                h -= 1  # a Markdown table read as text: its header is above the |---| line
            header = lines[h] if h >= 0 else []
            has_header = len(header) == len(row) and not any(_number(c.text) for c in header)
            caption = None
            k = h - 1 if has_header else i - 1
            if k >= 0 and len(lines[k]) == 1 and len(lines[k][0].text) <= 80:
                caption = lines[k][0].text
            rows = ([header] if has_header else []) + lines[i:j + 1]
            out.append(Table(rows, header_rows=1 if has_header else 0, caption=caption, unit=caption_unit(caption)))
        i = j + 1
    return out


# --- the vertical layout: one cell a line --------------------------------------------------------------

_SHAPE = regex.compile(r"^U?(?:NU?)+$")  # the lines after a label: a unit, then numbers, each with its unit


@dataclass(slots=True)
class _Line:
    kind: str  # T (a label or header word), N (a number), U (a unit), X (anything else)
    cell: Cell
    blanks: int  # blank lines before it


@dataclass(slots=True)
class _Record:
    label: _Line
    values: list[_Line]

    @property
    def shape(self) -> str:
        return "".join(v.kind for v in self.values)


def _vertical_lines(text: str, lines: list[list[Cell]]) -> list[_Line]:
    w = words()
    out: list[_Line] = []
    blanks = 0
    for fields in lines:
        if not fields:
            blanks += 1
            continue
        cell = fields[0]
        if len(fields) > 1:
            kind = "X"
        elif _number(cell.text):
            kind = "N"
        elif w.unit_line.search(cell.text):
            kind = "U"
        elif len(cell.text) <= w.label_max and not w.label_not.search(cell.text):
            kind = "T"
        else:
            kind = "X"
        out.append(_Line(kind, cell, blanks))
        blanks = 0
    return out


def _record(entries: list[_Line], p: int) -> tuple[_Record, int] | None:
    """The record (a label line and the number and unit lines after it) at ``p``, and where the next starts."""
    if entries[p].kind != "T":
        return None
    q = p + 1
    while q < len(entries) and entries[q].kind in "NU" and entries[q].blanks <= 1:
        q += 1
    record = _Record(entries[p], entries[p + 1:q])
    if record.values and not _SHAPE.match(record.shape):
        return None
    return record, q


def vertical_tables(text: str, lines: list[list[Cell]] | None = None, runs: list[tuple[int, int]] | None = None
                    ) -> list[Table]:
    """Tables of the vertical layout of converted bulletins: a label line, then its number lines
    (each maybe with a unit line after it, or one unit line before them), the same shape for ≥3
    labels; a label line with no numbers inside is a section or 其中 row, the lines above the first
    label its header when they are as many as the columns and name them (指标, 比上年增长%).

    Without such a header only the label and the first number column are taken, and only when a
    unit says they are amounts (a unit line, a unit in the cell or the caption; not %): a bare
    column of numbers may be growth rates, which neither add up nor bound their sub-items.  Rows
    whose units differ are different tables (亿元 rows, then 万人 rows).  ``runs`` (when given) gets
    the stretch of each run recognised, a table or not: its lines are no prose either."""
    entries = _vertical_lines(text, _lines(text) if lines is None else lines)
    out: list[Table] = []
    p = 0
    while p < len(entries):
        if _record(entries, p) is None:
            p += 1
            continue
        run: list[_Record] = []
        shape = None
        q = p
        while q < len(entries) and (q == p or entries[q].blanks <= 1):
            found = _record(entries, q)
            if found is None:
                break
            record, nxt = found
            if record.values:
                if shape is None:
                    shape = record.shape
                elif record.shape != shape:
                    break
            run.append(record)
            q = nxt
        if shape is not None:
            out.extend(_vertical_table(text, entries, p, run, shape, runs))
        p = max(q, p + 1)
    return out


def _vertical_table(text: str, entries: list[_Line], p: int, run: list[_Record], shape: str,
                    runs: list[tuple[int, int]] | None) -> list[Table]:
    """The tables of one run of records of the same ``shape`` (its label-only records at either end
    are header, caption or nothing), one per stretch of rows with the same units."""
    lead = 0
    while not run[lead].values:
        lead += 1
    end = len(run)
    while not run[end - 1].values:
        end -= 1
    body = run[lead:end]
    if sum(1 for r in body if r.values) < MIN_FLAT_ROWS:
        return []
    if runs is not None:
        runs.append((body[0].label.cell.start, body[-1].values[-1].cell.end))
    # columns: the label, a unit line before the numbers, each number (with the unit line after it)
    columns: list[tuple[int, int | None]] = []  # (index of the value line, index of its unit line)
    k = 0
    if shape[0] == "U":
        columns.append((0, None))
        k = 1
    while k < len(shape):
        unit = k + 1 if k + 1 < len(shape) and shape[k + 1] == "U" else None
        columns.append((k, unit))
        k = unit + 1 if unit is not None else k + 1
    header = [r.label.cell for r in run[lead - len(columns) - 1:lead]] if lead >= len(columns) + 1 else []
    w = words()
    if header and not (w.label_header.search(header[0].text) or any(_classify(h.text) != "value" for h in header[1:])):
        header = []
    if not header:  # only the label and the first number column (and the unit line before it)
        columns = columns[:2] if shape[0] == "U" else columns[:1]
    before = lead - len(header) - 1
    caption = run[before].label.cell.text if before >= 0 else _line_before(entries, p)

    def row(record: _Record) -> list[Cell]:
        if not record.values:
            at = record.label.cell.end
            return [record.label.cell] + [Cell("", at, at) for __ in columns]
        cells = [record.label.cell]
        for value, unit in columns:
            a = record.values[value].cell
            b = record.values[unit].cell if unit is not None else a
            cells.append(_cell(text, a.start, b.end))
        return cells

    groups: list[list[list[Cell]]] = []
    signature = None
    pending: list[list[Cell]] = []
    for record in body:
        cells = row(record)
        if not record.values:
            pending.append(cells)
            continue
        units = tuple((n.unit if n else c.text) for c, n in ((c, _number(c.text)) for c in cells[1:]))
        if units != signature or not groups:
            groups.append([])
            signature = units
        groups[-1].extend(pending + [cells])
        pending = []
    out = []
    for rows in groups:
        full = [r for r in rows if any(c.text for c in r[1:])]
        if len(full) < 2:
            continue
        unit = _group_unit(full[0], caption)
        if not header and (unit is None or unit in ("%", "％", "‰")):
            continue  # a bare column of numbers: amounts or rates, nothing says which
        out.append(Table(([header] if header else []) + rows, header_rows=1 if header else 0,
                         caption=caption, unit=unit))
    return out


def _group_unit(first: list[Cell], caption: str | None) -> str | None:
    """The unit of a vertical table's amounts: a unit line before the numbers, the first number's
    own unit, else the caption's."""
    if not _number(first[1].text):
        return first[1].text  # the unit line before the numbers
    own = _number(first[1].text).unit
    return own or caption_unit(caption)


def _line_before(entries: list[_Line], p: int) -> str | None:
    """A title or 单位 line right above a table (no number, at most 80 characters)."""
    if p == 0 or entries[p].blanks > 1:
        return None
    line = entries[p - 1]
    return line.cell.text if line.kind in "TUX" and len(line.cell.text) <= 80 and not _number(line.cell.text) else None


# --- numbers in cells --------------------------------------------------------------------------------

_NUMBER = regex.compile(
    r"^(?P<sign>[+\-−－]?)\s*(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<dec>[0-9]+))?\s*"
    r"(?P<unit>%|％|‰|[万亿]?(?:元|人|吨|件|起|个|户|辆|套|家|所|项|次|人次|千瓦时|平方米|公顷|美元)|万|亿)?$")
# (ASCII digits only: other scripts' digits, 𑽓 or ᭒, are no numbers a table of ours prints)
_MISSING = regex.compile(r"^(?:[-—–－…/]+|n/?a|)$", regex.IGNORECASE)
_SCALES = {"万": 10_000, "亿": 100_000_000}


@dataclass(frozen=True, slots=True)
class Number:
    value: Fraction
    decimals: int
    scale: int
    unit: str | None
    literal: str


def is_number(text: str) -> bool:
    """Whether a cell (or a chunk of a PDF line) is a number and nothing else (12.5, 1,260, 35%, 4.2万人)."""
    return _number(text) is not None


def _number(text: str) -> Number | None:
    m = _NUMBER.match(text.strip())
    if not m:
        return None
    digits = m["int"].replace(",", "") + ("." + m["dec"] if m["dec"] else "")
    unit = m["unit"] or None
    if unit == "％":
        unit = "%"
    scale = _SCALES.get(unit[0], 1) if unit and unit[0] in _SCALES else 1
    value = Fraction(digits) * scale * (-1 if m["sign"] in "-−－" and m["sign"] else 1)
    return Number(value, len(m["dec"] or ""), scale, unit, digits)


# --- understanding a table ---------------------------------------------------------------------------

_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_HEADER_UNIT = regex.compile(r"[（(]\s*([^）)]{1,8}?)\s*[）)]|(%|％)")


@dataclass(slots=True)
class _Column:
    index: int
    kind: str  # label, unit, total, share, growth, old, new, value, text
    header: str
    unit: str | None
    percent_header: bool
    additive: bool = True


@dataclass(slots=True)
class _Row:
    cells: list[Cell]
    label: str
    total: bool = False
    sub: bool = False
    marked: bool = False  # a sub-item by its marker (#, 其中, of which), not only by indentation
    parent: "_Row | None" = None
    values: dict[int, Number] = field(default_factory=dict)


def _classify(header: str) -> str:
    for kind, pattern in words().columns:
        if pattern.search(header):
            return kind
    return "value"


def _indent(text: str, start: int) -> int:
    line_start = text.rfind("\n", 0, start) + 1
    lead = text[line_start:start]
    return len(lead) if lead.isspace() else 0


def understand(table: Table, text: str) -> tuple[list[_Column], list[_Row]] | None:
    """Columns and rows of a table, or None when it cannot be understood."""
    rows = table.cells
    width = len(rows[0]) if rows else 0
    if width < 2 or any(len(r) != width for r in rows):
        return None  # ragged (merged cells, a broken row): not understood
    header_rows = table.header_rows
    if not header_rows:  # DOCX and headerless text: the leading rows without a number name the columns
        while header_rows < len(rows) and not any(_number(c.text) for c in rows[header_rows][1:]):
            header_rows += 1
    head, body = rows[:header_rows], rows[header_rows:]
    if len(body) < 2:
        return None
    parsed = [[_number(c.text) for c in r] for r in body]
    if any(p[0] is not None for p in parsed):
        return None  # no label column
    columns = []
    for j in range(width):
        header = " ".join(r[j].text for r in head).strip()
        numeric = [p[j] for p in parsed if p[j] is not None]
        blank_or_num = all(p[j] is not None or _MISSING.match(r[j].text.strip()) for p, r in zip(parsed, body))
        if j == 0:
            kind = "label"
        elif numeric and blank_or_num:
            kind = _classify(header) if header else "value"
            if kind in ("unit", "text"):
                kind = "value"
        else:
            kind = "unit" if header and _classify(header) == "unit" else "text"
        hu = _HEADER_UNIT.search(header)
        unit = (hu.group(1) or hu.group(2)) if hu else None
        columns.append(_Column(j, kind, header, "%" if unit == "％" else unit,
                               bool(words().percent_header.search(header)),
                               not words().not_additive.search(header)))
    # two year columns (2024年 | 2025年) are last year's and this year's
    years = [(int(_YEAR.search(c.header).group()), c) for c in columns if c.kind == "value" and _YEAR.search(c.header)]
    if len(years) == 2 and years[0][0] != years[1][0]:
        (__, a), (__, b) = sorted(years, key=lambda y: y[0])
        a.kind, b.kind = "old", "new"
    kinds = [c.kind for c in columns]
    if kinds.count("old") == 1 and kinds.count("value") == 1 and "new" not in kinds:
        next(c for c in columns if c.kind == "value").kind = "new"  # 上年同期 | 上半年: the other is now
    if not any(c.kind not in ("label", "unit", "text") for c in columns):
        return None
    w = words()
    out: list[_Row] = []
    indents = [_indent(text, r[0].start) for r in body]
    base = min(indents) if indents else 0
    stack: list[tuple[int, _Row]] = []  # (depth, row): the rows a later row may belong to
    opened: int | None = None  # a 其中： row opened a run of sub-items of the row at this depth
    opener_indent, run_indent = 0, None  # the 其中： row's indentation, its first sub-item's
    run_rows = 0  # rows in the current 其中： run
    segmented = False  # a label-only row (a section heading) splits the table
    # a row whose label opens with its 其中 ("其中：夏粮  71.05") and the rows indented under its label
    # ("      秋粮  115.37") are siblings: sub-items of the row above, not of each other
    inline: tuple[int, int] | None = None  # (indentation, depth) of such a row
    for r, p, ind in zip(body, parsed, indents):
        label = r[0].text.strip()
        row = _Row(r, label, values={j: n for j, n in enumerate(p) if n is not None and columns[j].kind not in ("text", "unit")})
        if not row.values:
            if w.sub_opener.search(label) and stack:
                opened, opener_indent, run_indent, run_rows = stack[-1][0], ind, None, 0
            else:
                segmented, stack, opened = True, [], None
            continue
        row.total = bool(w.total_row.search(label))
        row.marked = bool(w.sub_row.search(label))
        unsure = False
        # deeper indentation, a marker or a run opened by 其中： makes a row part of the row above it
        depth = 0 if row.total else 2 * (ind - base) + (1 if row.marked else 0)
        if opened is not None and run_indent is None:
            run_indent = ind
        elif opened is not None and run_indent > opener_indent and ind < run_indent:
            opened = None  # the 其中： run was indented, and this row is back out of it
        if opened is not None and not row.total:
            depth = max(depth, opened + 1)
            run_rows += 1
            unsure = run_rows >= 2 and run_indent <= opener_indent and not row.marked
            segmented = segmented or unsure  # an unindented 其中： run of several rows: where it ends is unclear
        if row.total or (inline is not None and ind <= inline[0] and not row.marked):
            inline = None
        if inline is not None and not row.marked and 0 < ind - inline[0] <= INLINE_OPENER_WIDTH:
            depth = inline[1]
        elif row.marked and w.inline_opener.search(label):
            inline = (ind, depth)
        if row.total:
            opened = None
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack and depth > 0:
            row.sub, row.parent = True, stack[-1][1]
            if unsure:
                row.parent = None  # perhaps a sub-item, perhaps not: compared with nothing
        stack.append((depth, row))
        out.append(row)
    if segmented:
        for row in out:
            row.total = False  # no column total holds across sections
    return columns, out


#: how much deeper than an inline 其中 row its siblings' labels may be indented (the marker's width)
INLINE_OPENER_WIDTH = 8


# --- claims ------------------------------------------------------------------------------------------


class _Cells:
    """Mentions for cells: the extraction's own mention when one lies in the cell with the cell's
    value, else one made from the cell (so spans always point into Document.text)."""

    def __init__(self, ex) -> None:
        self.ex = ex
        self.mentions = sorted((m for m in ex.mentions if m.is_statistic and not m.is_range), key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def mention(self, cell: Cell, number: Number) -> Mention:
        i = bisect_left(self.starts, cell.start)
        inside = []
        while i < len(self.mentions) and self.mentions[i].start < cell.end:
            if self.mentions[i].end <= cell.end:
                inside.append(self.mentions[i])
            i += 1
        if len(inside) == 1 and inside[0].value == number.value:
            return inside[0]
        m = _NUMBER_SPAN.search(cell.text)
        start = cell.start + (m.start() if m else 0)
        end = cell.start + (m.end() if m else len(cell.text))
        line, col = self.ex.lines.position(start)
        kind = "percent" if number.unit == "%" else "count"
        return Mention(text=self.ex.document.text[start:end], start=start, end=end, kind=kind, value=number.value,
                       low=number.value, high=number.value, literal=number.literal, decimals=number.decimals,
                       scale=number.scale, unit=number.unit, line=line, column=col)


_NUMBER_SPAN = regex.compile(r"[+\-−－]?[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:%|％|‰|[万亿]?[\p{Han}]{0,3})?")


def _percent(m: Mention) -> tuple[Mention, str | None]:
    """A cell read as a percent (its sign as the direction of a change)."""
    v = m.value or Fraction(0)
    direction = "down" if v < 0 else "up" if v > 0 else None
    a = abs(v)
    return dataclasses.replace(m, kind="percent", unit="%", value=a, low=a, high=a,
                               literal=m.literal.lstrip("+-−－")), direction


def with_tables(ex, claims: list[Claim]) -> list[Claim]:
    """The prose claims of a document, less those the prose readers made of a table laid out in
    lines (a flattened table, a PDF table: its rows are no sentences, and 其中 in a row label is no
    breakdown of the row above), every relation of every table (the reader's tables and the
    flattened ones found in the text outside them), and each table cell the prose restates against
    its statement (checker.table_claims)."""
    from checker.table_claims import restatements

    text = ex.document.text
    own = [_with_unit_above(t, text) for t in ex.document.tables]
    taken = _merged([_extent(t) for t in own])
    runs: list[tuple[int, int]] = []  # every vertical table recognised, understood or not
    flat = [t for t in flat_tables(text, runs) if not _inside(taken, *_extent(t))]
    tables = own + flat
    if not tables and not runs:
        return claims
    understood = {id(t): understand(t, text) for t in tables}
    # a PDF table's rows, an understood flattened table's and a vertical run's lines are no sentences
    regions = _merged([_extent(t) for t in own if _rows_on_lines(t, text)]
                      + [_extent(t) for t in flat if understood[id(t)] is not None]
                      + [r for r in runs if not _inside(taken, *r)])
    if regions:
        claims = [c for c in claims if not any(_inside(regions, m.start, m.end) for m in c.mentions())]
    cells = _Cells(ex)
    out: list[Claim] = []
    for table in tables:
        if understood[id(table)] is not None:
            out.extend(_relations(*understood[id(table)], cells, table.unit))
    read = [(t, *understood[id(t)]) for t in tables if understood[id(t)] is not None]
    return claims + out + restatements(ex, read, lambda a, b: _inside(regions, a, b) or _inside(taken, a, b), cells)


def _with_unit_above(table: Table, text: str) -> Table:
    """A reader's table without a caption unit takes the unit of the line right above it
    (单位：亿元 as a paragraph before a Markdown table)."""
    if table.unit is not None or not table.cells or not table.cells[0]:
        return table
    above = text[:_extent(table)[0]].rstrip()
    line = above[above.rfind("\n") + 1:].strip()
    unit = caption_unit(line) if len(line) <= 80 else None
    return dataclasses.replace(table, caption=table.caption or line, unit=unit) if unit else table


def _extent(table: Table) -> tuple[int, int]:
    """The stretch of visible text from a table's first cell to its last."""
    cells = [c for row in table.cells for c in row]
    return min(c.start for c in cells), max(c.end for c in cells)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted and overlapping ones joined (so a bisection finds the one holding an offset)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``–``end`` overlaps one of the merged ``spans``."""
    i = bisect_left(spans, (start + 1,)) - 1
    if i >= 0 and start < spans[i][1]:
        return True
    return i + 1 < len(spans) and spans[i + 1][0] < end


def _rows_on_lines(table: Table, text: str) -> bool:
    """Whether every row of a reader's table stands on one line of the visible text (a PDF table)
    rather than cell by cell in blocks (Markdown, HTML, DOCX)."""
    rows = [row for row in table.cells if row]
    return bool(rows) and all(len(row) >= 2 and "\n" not in text[row[0].start:row[-1].end] for row in rows)


def _in_percent(share: _Column, total: _Row, tops: list[_Row]) -> bool:
    """Whether a share column is in percent of the total row: the total's own share is 100, or
    (when it is not given) the shares of the rows that are not sub-items add up to about 100."""
    if share.index in total.values:
        return total.values[share.index].value == 100
    given = [r.values[share.index].value for r in tops if share.index in r.values]
    return len(given) == len(tops) and 99 <= sum(given) <= 101


def _mixed(column: _Column, rows: list[_Row], unit_col: _Column | None) -> bool:
    units = {r.values[column.index].unit for r in rows if column.index in r.values} - {None}
    if unit_col is not None:
        units |= {r.cells[unit_col.index].text.strip() for r in rows} - {""}
    return len(units) > 1


def _relations(columns: list[_Column], rows: list[_Row], cells: _Cells, unit: str | None) -> list[Claim]:
    out: list[Claim] = []
    unit_col = next((c for c in columns if c.kind == "unit"), None)
    numeric = [c for c in columns if c.kind in ("value", "old", "new", "share", "growth", "total")]
    shares = [c for c in numeric if c.kind == "share"]
    growth = [c for c in numeric if c.kind == "growth"]

    def is_percent(c: _Column) -> bool:
        return c.unit == "%" or any(r.values[c.index].unit == "%" for r in rows if c.index in r.values) or (
            c.unit is None and unit == "%")

    amounts = [c for c in numeric if c.kind in ("value", "old", "new", "total") and c.additive and not is_percent(c)
               and not _mixed(c, rows, unit_col)]

    def m(row: _Row, col: _Column) -> Mention:
        return cells.mention(row.cells[col.index], row.values[col.index])

    totals = [r for r in rows if r.total]
    if not totals and len(shares) == 1:  # the one top row whose share is 100 is the whole
        hundred = [r for r in rows if not r.sub and shares[0].index in r.values and r.values[shares[0].index].value == 100]
        tops = [r for r in rows if not r.sub]
        if len(hundred) == 1 and hundred[0] in (tops[0], tops[-1]):
            hundred[0].total = True
            totals = hundred
    total = totals[0] if len(totals) == 1 else None
    if total is not None and total is rows[0]:
        for r in rows:  # rows indented under a total at the top are its parts, not sub-items
            if r.parent is total and not r.marked:
                r.sub, r.parent = False, None
    tops = [r for r in rows if not r.sub and not r.total]

    # a column against its total row
    if total is not None:
        for col in amounts + [s for s in shares if s.index in total.values and total.values[s.index].value == 100]:
            if col.index not in total.values:
                continue
            parts = [r for r in tops if col.index in r.values]
            if len(parts) >= 2:
                out.append(Claim("sum", {"total": m(total, col), "parts": [m(r, col) for r in parts]},
                                 facts={"exhaustive": len(parts) == len(tops), "kind": "table"}))
    # a 合计/Total column against the other amount columns of its row
    tcols = [c for c in amounts if c.kind == "total"]
    vcols = [c for c in numeric if c.kind != "total"]
    if len(tcols) == 1 and len(vcols) >= 2 and all(c in amounts and c.kind == "value" for c in vcols) \
            and len({c.unit for c in vcols + tcols} - {None}) <= 1:
        for row in rows:
            if tcols[0].index in row.values and all(c.index in row.values for c in vcols):
                out.append(Claim("sum", {"total": m(row, tcols[0]), "parts": [m(row, c) for c in vcols]},
                                 facts={"exhaustive": True, "kind": "table"}))
    # each sub-item against its parent row
    for row in rows:
        if row.sub and row.parent is not None:
            for col in amounts:
                if col.index in row.values and col.index in row.parent.values:
                    out.append(Claim("part_le_whole", {"whole": m(row.parent, col), "part": m(row, col)}))
    # a share column against the row's value and the total's
    if total is not None:
        for share in shares:
            if not _in_percent(share, total, tops):
                continue  # shares as fractions (0.35) or of another whole: not this table's total
            base = next((c for c in amounts if c.kind == "new"), None) or next(
                (c for c in reversed(amounts) if c.index < share.index and c.kind == "value"), None)
            if base is None or base.index not in total.values:
                continue
            for row in rows:
                if row is total or share.index not in row.values or base.index not in row.values:
                    continue
                rate, __ = _percent(m(row, share))
                claim = Claim("rate", {"whole": m(total, base), "part": m(row, base), "rate": rate})
                if row.sub and row.parent is not None and base.index in row.parent.values:
                    claim.alternatives.append(Claim("rate", {"whole": m(row.parent, base), "part": m(row, base), "rate": rate}))
                out.append(claim)
    # a growth column against last year's and this year's
    olds = [c for c in numeric if c.kind == "old" and c.additive and not is_percent(c)]
    news = [c for c in numeric if c.kind == "new" and c.additive and not is_percent(c)]
    if len(growth) == 1 and len(olds) == 1 and len(news) == 1 and (growth[0].percent_header or growth[0].unit == "%"):
        g, o, n = growth[0], olds[0], news[0]
        for row in rows:
            row_unit = row.cells[unit_col.index].text.strip() if unit_col is not None else None
            if row_unit in ("%", "％") or any(row.values[c.index].unit == "%" for c in (o, n) if c.index in row.values):
                continue  # a rate's change may be in points: not a percent change
            if all(c.index in row.values for c in (g, o, n)):
                change, direction = _percent(m(row, g))
                out.append(Claim("change_pct", {"old": m(row, o), "new": m(row, n), "change": change},
                                 facts={"direction": direction} if direction else {}))
    elif len(growth) == 1 and len(olds) == 1 and len(news) == 1 and not is_percent(growth[0]) \
            and growth[0].unit == olds[0].unit == news[0].unit and _signed(growth[0], rows):
        # a change column in the table's amounts, each printed with its sign ("+62", "-15"): new − old
        g, o, n = growth[0], olds[0], news[0]
        for row in rows:
            if all(c.index in row.values for c in (g, o, n)):
                change, direction = _signed_change(m(row, g))
                out.append(Claim("change_abs", {"old": m(row, o), "new": m(row, n), "change": change},
                                 facts={"direction": direction} if direction else {}))
    return out


def _signed(column: _Column, rows: list[_Row]) -> bool:
    """Every value of the column is printed with its sign (or is 0): a column of changes."""
    values = [r.cells[column.index].text.strip() for r in rows if column.index in r.values]
    return len(values) >= 2 and all(v[:1] in "+-−－" or v.strip("0.") == "" for v in values)


def _signed_change(m: Mention) -> tuple[Mention, str | None]:
    """A change cell as its size and its direction (its sign)."""
    v = m.value or Fraction(0)
    a = abs(v)
    return dataclasses.replace(m, value=a, low=a, high=a, literal=m.literal.lstrip("+-−－")), \
        ("down" if v < 0 else "up" if v > 0 else None)
