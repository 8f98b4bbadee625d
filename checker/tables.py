"""Tables as tables: the relations between cells, as Claims for the judges of checker.engine.

Statistical bulletins carry their key figures in tables.  Read as prose, a table gives nothing
(every cell is its own block) or worse (a share column of 100.0 read as the whole of the rows
below it).  Here a table (``Document.tables`` from the Markdown, HTML and DOCX readers, or a run
of flattened ``label  value  growth`` lines found in the text) is understood from its header and
row labels (words in ``rules/tables.toml``), and its relations become claims:

- a column against its 合计/总计/Total row: an exhaustive ``sum`` over the rows that are not
  sub-items (a row whose share is 100 is the total row when nothing is labelled so);
- each sub-item (``#``, ``其中``, ``of which``, deeper indentation) against its parent row:
  ``part_le_whole`` (not a sum: bulletins' sub-items overlap, 高技术制造业 and 装备制造业);
- a share column (占比 %) against the row's value and the total row's: ``rate``;
- a growth column against this year's and last year's columns: ``change_pct``.

A table it cannot understand (ragged rows, no numeric column, no label column, mixed units in a
column, a label-only row splitting it) yields no column relation, so layout never raises an alarm.
The PDF reader gives no tables: its text is searched for the flattened layout only.
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
    caption_unit: tuple[regex.Pattern, ...]


def _any(patterns: list[str]) -> regex.Pattern:
    return regex.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", regex.IGNORECASE)


@cache
def words() -> Words:
    """The table vocabulary, read once per process."""
    from checker.lexicon import load_toml, rules_dir

    data = load_toml(rules_dir() / "tables.toml")
    cols, rows = data.get("columns", {}), data.get("rows", {})
    return Words(columns=tuple((kind, _any(pats)) for kind, pats in cols.items()),
                 percent_header=_any(data.get("percent_header", [])),
                 not_additive=_any(data.get("not_additive", [])),
                 total_row=_any(rows.get("total", [])), sub_row=_any(rows.get("sub", [])),
                 sub_opener=_any(rows.get("sub_opener", [])),
                 caption_unit=tuple(regex.compile(p, regex.IGNORECASE) for p in data.get("caption", {}).get("unit", [])))


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


def flat_tables(text: str) -> list[Table]:
    """Tables of the flattened layout: ≥3 consecutive lines with the same number of fields (≥2) and
    a number beyond the first field, the line before them as header when it has no number."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        lines.append(_fields(text, pos, pos + len(line)))
        pos += len(line) + 1
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


# --- numbers in cells --------------------------------------------------------------------------------

_NUMBER = regex.compile(
    r"^(?P<sign>[+\-−－]?)\s*(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?\s*"
    r"(?P<unit>%|％|‰|[万亿]?(?:元|人|吨|件|起|个|户|辆|套|家|所|项|次|人次|千瓦时|平方米|公顷|美元)|万|亿)?$")
_MISSING = regex.compile(r"^(?:[-—–－…/]+|n/?a|)$", regex.IGNORECASE)
_SCALES = {"万": 10_000, "亿": 100_000_000}


@dataclass(frozen=True, slots=True)
class Number:
    value: Fraction
    decimals: int
    scale: int
    unit: str | None
    literal: str


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
    segmented = False  # a label-only row (a section heading) splits the table
    for r, p, ind in zip(body, parsed, indents):
        label = r[0].text.strip()
        row = _Row(r, label, values={j: n for j, n in enumerate(p) if n is not None and columns[j].kind not in ("text", "unit")})
        if not row.values:
            if w.sub_opener.search(label) and stack:
                opened = stack[-1][0]
            else:
                segmented, stack, opened = True, [], None
            continue
        row.total = bool(w.total_row.search(label))
        row.marked = bool(w.sub_row.search(label))
        # deeper indentation, a marker or a run opened by 其中： makes a row part of the row above it
        depth = 0 if row.total else 2 * (ind - base) + (1 if row.marked else 0)
        if opened is not None and not row.total:
            depth = max(depth, opened + 1)
        if row.total:
            opened = None
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack and depth > 0:
            row.sub, row.parent = True, stack[-1][1]
        stack.append((depth, row))
        out.append(row)
    if segmented:
        for row in out:
            row.total = False  # no column total holds across sections
    return columns, out


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


_NUMBER_SPAN = regex.compile(r"[+\-−－]?\d[\d,]*(?:\.\d+)?\s*(?:%|％|‰|[万亿]?[\p{Han}]{0,3})?")


def _percent(m: Mention) -> tuple[Mention, str | None]:
    """A cell read as a percent (its sign as the direction of a change)."""
    v = m.value or Fraction(0)
    direction = "down" if v < 0 else "up" if v > 0 else None
    a = abs(v)
    return dataclasses.replace(m, kind="percent", unit="%", value=a, low=a, high=a,
                               literal=m.literal.lstrip("+-−－")), direction


def with_tables(ex, claims: list[Claim]) -> list[Claim]:
    """The prose claims of a document, less those the prose readers made of a flattened table's
    lines (its rows are no sentences: 其中 in a row label is no breakdown of the row above), and
    every relation of every table (the reader's tables and the flattened ones)."""
    text = ex.document.text
    flat = flat_tables(text)
    tables = list(ex.document.tables) + flat
    if not tables:
        return claims
    understood = {id(t): understand(t, text) for t in tables}
    # only a flattened table that is understood takes its lines from the prose readers
    regions = sorted((t.cells[0][0].start, t.cells[-1][-1].end) for t in flat if understood[id(t)] is not None)
    if regions:
        starts = [a for a, __ in regions]

        def in_table(m: Mention) -> bool:
            i = bisect_left(starts, m.start + 1) - 1
            return i >= 0 and m.start < regions[i][1]

        claims = [c for c in claims if not any(in_table(m) for m in c.mentions())]
    cells = _Cells(ex)
    out: list[Claim] = []
    for table in tables:
        if understood[id(table)] is not None:
            out.extend(_relations(*understood[id(table)], cells, table.unit))
    return claims + out


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
    return out
