"""Output of `checker extract`: every mention as JSON (stable, documented in the README) or text."""
from __future__ import annotations

from fractions import Fraction

from checker.extract import Extraction
from checker.model import Mention


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


def extraction_dict(ex: Extraction) -> dict:
    return {
        "path": ex.document.path,
        "encoding": ex.document.encoding,
        "language": ex.document.language,
        "sha256": ex.document.sha256,
        "mentions": [mention_dict(m) for m in ex.mentions],
    }


def render_text(extractions: list[Extraction], console) -> None:
    """A readable table per document (rich)."""
    from rich.table import Table
    from rich.text import Text

    for ex in extractions:
        table = Table(title=Text(f"{ex.document.path}  ({ex.document.language}, {ex.document.encoding})"),
                      show_lines=False, expand=False)
        for col in ("line:col", "text", "kind", "value", "interval", "unit", "qualifier"):
            table.add_column(col)
        for m in ex.mentions:
            interval = "" if m.low == m.high and not m.is_range else f"{_fmt(m.low)} – {_fmt(m.high)}"
            table.add_row(f"{m.line}:{m.column}", Text(m.text.replace("\n", "⏎")), m.kind,
                          _fmt(m.value), interval, Text(m.unit or (m.label or "")), m.qualifier or "")
        console.print(table)
        console.print(f"{len(ex.mentions)} mentions, {sum(m.is_statistic for m in ex.mentions)} statistics")


def _fmt(v: Fraction | None) -> str:
    if v is None:
        return "∞"
    n = number(v)
    return f"{n:,}" if isinstance(n, int) else f"{n:,.6g}"
