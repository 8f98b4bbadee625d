"""Output of `checker extract`: every mention as JSON (stable, documented in docs/extract_json.md),
CSV (the same fields, one row a mention) or text.

A mention of a converted document also says where a person finds it (``location``, as in the
findings report): the line and column of the Markdown or HTML file, the page of a PDF, the
paragraph or table cell of a DOCX; the text table shows that place instead of the line and column
of the visible text, which a PDF or DOCX reader never shows."""
from __future__ import annotations

from fractions import Fraction

from checker.extract import Extraction
from checker.model import Mention
from checker.report.sanitize import csv_cell, visible


def number(value: Fraction | None) -> int | float | None:
    """A JSON number: an int when whole, else a float (the exact literal is in ``literal``)."""
    if value is None:
        return None
    if value.denominator == 1:
        return int(value)
    return float(value)


def mention_dict(m: Mention) -> dict:
    return {
        "text": m.text,
        "span": {"start": m.start, "end": m.end},
        "line": m.line,
        "column": m.column,
        "kind": m.kind,
        "statistic": m.is_statistic,
        "value": number(m.value),
        "low": number(m.low),
        "high": number(m.high),
        "literal": m.literal,
        "decimals": m.decimals,
        "scale": m.scale,
        "unit": m.unit,
        "quantity_unit": m.label if m.kind in ("money", "measure", "duration") else None,
        "label": m.label if m.kind == "code" else None,
        "qualifier": m.qualifier,
        "range": m.is_range,
    }


#: CSV columns, in order: the JSON fields of a mention, ``span`` flattened, after the document path;
#: ``location`` is the place's text (empty for plain text).
CSV_COLUMNS = ("path", "text", "span.start", "span.end", "line", "column", "kind", "statistic", "value", "low",
               "high", "literal", "decimals", "scale", "unit", "quantity_unit", "label", "qualifier", "range",
               "location")


def csv_rows(extractions: list[Extraction]) -> list[dict]:
    """One flat dict per mention, keyed by CSV_COLUMNS."""
    rows = []
    for ex in extractions:
        for m, where in zip(ex.mentions, locations(ex)):
            d = mention_dict(m)
            span = d.pop("span")
            row = {"path": ex.document.path, "span.start": span["start"], "span.end": span["end"], **d,
                   "location": where["text"] if where else None}
            # a cell starting with = + - @ is a formula to a spreadsheet; a non-UTF-8 name cannot be written
            rows.append({k: csv_cell(v) for k, v in row.items()})
    return rows


def locations(ex: Extraction) -> list[dict | None]:
    """Where each mention is for a person (checker.readers.locate.location; None for plain text)."""
    if ex.document.source_map is None:
        return [None] * len(ex.mentions)
    from checker.readers.locate import location

    return [location(ex.document, m.start, ex.lines) for m in ex.mentions]


def extraction_dict(ex: Extraction) -> dict:
    mentions = []
    for m, where in zip(ex.mentions, locations(ex)):
        d = mention_dict(m)
        if where is not None:
            d["location"] = where
        mentions.append(d)
    return {
        "path": ex.document.path,
        "encoding": ex.document.encoding,
        "language": ex.document.language,
        "sha256": ex.document.sha256,
        "mentions": mentions,
    }


def _place(ex: Extraction) -> list[str] | None:
    """The place of each mention of a PDF or DOCX (page 2, table 1 row 3 col 2), else None."""
    smap = ex.document.source_map
    if smap is None or smap.kind != "place":
        return None
    return [where["text"] if where else "" for where in locations(ex)]


#: Above this many mentions a document is listed as plain tab-separated lines: a rich table costs
#: about a third of a millisecond a row, too slow for a huge file.
TABLE_ROWS = 2000


def render_text(extractions: list[Extraction], console) -> None:
    """A readable table per document (rich)."""
    from rich.table import Table
    from rich.text import Text

    for ex in extractions:
        if len(ex.mentions) > TABLE_ROWS:
            _render_plain(ex, console.file)
            continue
        table = Table(title=Text(f"{visible(ex.document.path)}  ({ex.document.language}, {ex.document.encoding})"),
                      show_lines=False, expand=False)
        places = _place(ex)
        for col in ("place" if places else "line:col", "text", "kind", "value", "interval", "unit", "qualifier"):
            table.add_column(col)
        for k, m in enumerate(ex.mentions):
            interval = "" if m.low == m.high and not m.is_range else f"{_fmt(m.low)} – {_fmt(m.high)}"
            where = places[k] if places else f"{m.line}:{m.column}"
            table.add_row(where, Text(visible(m.text.replace("\n", "⏎"))), m.kind,
                          _fmt(m.value), interval, Text(visible(m.unit or (m.label or ""))), m.qualifier or "")
        console.print(table)
        console.print(f"{len(ex.mentions)} mentions, {sum(m.is_statistic for m in ex.mentions)} statistics")


def _render_plain(ex: Extraction, out) -> None:
    """The same columns as the table, one line a mention, tab-separated (fast for any size)."""
    out.write(f"{visible(ex.document.path)}  ({ex.document.language}, {ex.document.encoding})\n")
    places = _place(ex)
    out.write(("place" if places else "line:col") + "\ttext\tkind\tvalue\tinterval\tunit\tqualifier\n")
    for k, m in enumerate(ex.mentions):
        interval = "" if m.low == m.high and not m.is_range else f"{_fmt(m.low)} – {_fmt(m.high)}"
        where = places[k] if places else f"{m.line}:{m.column}"
        out.write(f"{where}\t{visible(m.text.replace(chr(10), '⏎'))}\t{m.kind}\t{_fmt(m.value)}\t"
                  f"{interval}\t{visible(m.unit or (m.label or ''))}\t{m.qualifier or ''}\n")
    out.write(f"{len(ex.mentions)} mentions, {sum(m.is_statistic for m in ex.mentions)} statistics\n")


def _fmt(v: Fraction | None) -> str:
    if v is None:
        return "∞"
    n = number(v)
    return f"{n:,}" if isinstance(n, int) else f"{n:,.6g}"
