"""DOCX: paragraphs, list items and table cells in document order, read with python-docx.

python-docx is the maintained reader of Office Open XML; it gives the body's paragraphs and tables
in order (``iter_inner_content``).  Each non-empty paragraph (list items are paragraphs too) and
each table cell is a block (a sentence break).  Places: ``paragraph N`` counts the non-empty body
paragraphs from 1; a cell is ``table T row R col C`` (all from 1; a merged cell is read once).
Before parsing, the ZIP is checked for ``word/document.xml`` and its unpacked size against the
byte cap, so a renamed ZIP or a ZIP bomb is one clear line, not an exception.
"""
from __future__ import annotations

import io
import zipfile

from checker.diagnostic import cause_with_type
from checker.i18n import _
from checker.readers import FormatError
from checker.readers.visible import VisibleText
from checker.tables import TableCollector

#: The unpacked document part may be this many times the byte cap (XML is verbose) before refusal.
UNPACKED_FACTOR = 8


def _check_package(data: bytes, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            try:
                info = z.getinfo("word/document.xml")
            except KeyError:
                raise FormatError(_("not a DOCX document: a ZIP archive without word/document.xml")) from None
            if max_bytes and info.file_size > UNPACKED_FACTOR * max_bytes:
                raise FormatError(_("DOCX document part too large when unpacked ({size} bytes)").format(
                    size=info.file_size))
    except zipfile.BadZipFile:
        raise FormatError(_("corrupt or truncated DOCX (not a readable ZIP archive)")) from None


def read(data: bytes, max_bytes: int = 0):
    """(visible text, SourceMap) of a DOCX file's bytes, or FormatError."""
    _check_package(data, max_bytes)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        out = VisibleText("place")
        tables = TableCollector()  # rows and cells by visible offsets (checker.tables)
        paragraph = table = 0
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                table += 1
                _table(item, table, out, tables)
                continue
            text = item.text.strip()
            if text:
                paragraph += 1
                out.add(text, {"paragraph": paragraph})
                out.block({"paragraph": paragraph})
    except FormatError:
        raise
    except Exception as exc:  # broken XML or relationships: one line, never a traceback
        raise FormatError(_("corrupt DOCX ({cause})").format(cause=cause_with_type(exc))) from None
    visible, smap = out.result()
    smap.tables = tables.tables(visible)
    return visible, smap


def _table(table, number: int, out: VisibleText, tables: TableCollector) -> None:
    tables.open("table", out.length)
    for r, row in enumerate(table.rows, start=1):
        seen = set()
        tables.open("tr", out.length)
        for c, cell in enumerate(row.cells, start=1):
            tables.open("td", out.length)  # a merged cell's repeats are empty cells: the grid stays whole
            if id(cell._tc) in seen:
                tables.close("td", out.length)
                continue  # a merged cell repeats in every column it spans
            seen.add(id(cell._tc))
            place = {"table": number, "row": r, "column": c}
            text = "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if text:
                out.add(text, place)
            tables.close("td", out.length)
            if text:
                out.block(place)
    tables.close("table", out.length)
