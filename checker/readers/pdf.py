"""PDF: the text layer in reading order, read with pdfminer.six, wrapped lines repaired.

pdfminer.six is pure Python, maintained, decodes CJK fonts through their CMaps (including the
Adobe CID fonts of Chinese PDFs that embed no font) and groups characters into lines and text
boxes by their layout, which gives the reading order of multi-column pages.  Each text box is a
block (a sentence break); inside it a wrapped line is joined with nothing after or before a CJK
character, without the hyphen when a word was hyphenated ("com-" + "plaints"), and with a space
otherwise.  Every character's place is its page.  A PDF whose pages hold no text at all is refused
with one line: it has no text layer (a scan), which the checker cannot read.

Tables are found in the layout of each page (checker.readers.pdf_layout: rows by baseline, columns
by x alignment) and written as they look: one line a row, cells two spaces apart, an indented
label indented; their cells become ``Document.tables`` (checker.tables relates them).  The lines of
a table are taken out of their text boxes, so a column of numbers is never joined into prose.
"""
from __future__ import annotations

import io

import regex

from checker.diagnostic import cause, cause_with_type
from checker.i18n import _
from checker.readers import FormatError
from checker.readers.visible import VisibleText

_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef]")
_HYPHENATED = regex.compile(r"\p{L}-$")


def join_lines(lines: list[str]) -> str:
    """The lines of one paragraph (text box) as one text, wraps repaired."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif _HYPHENATED.search(out) and line[0].islower():
            out = out[:-1] + line
        elif _CJK.match(out[-1]) or _CJK.match(line[0]):
            out += line
        else:
            out += " " + line
    return out


def read(data: bytes, max_bytes: int = 0):
    """(visible text, SourceMap) of a PDF file's bytes, or FormatError (encrypted, corrupt, scanned)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    out = VisibleText("place")
    tables: list = []
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), start=1):
            boxes = []  # per text box, its pdfminer lines, in reading order
            for element in page:
                if isinstance(element, LTTextBox):
                    boxes.append([line for line in element if isinstance(line, LTTextLine)])
                elif isinstance(element, LTTextLine):
                    boxes.append([element])
            _write_page(boxes, {"page": number}, out, tables)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise FormatError(_("encrypted PDF, cannot be read without its password ({cause})").format(
            cause=type(exc).__name__)) from None
    except (PDFSyntaxError, PSException) as exc:
        raise FormatError(_("corrupt or truncated PDF ({cause})").format(cause=cause(exc))) from None
    except Exception as exc:  # pdfminer raises many kinds on broken files; none may become a traceback
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise FormatError(_("encrypted PDF, cannot be read without its password")) from None
        raise FormatError(_("corrupt or truncated PDF ({cause})").format(cause=cause_with_type(exc))) from None
    text, smap = out.result()
    if not text.strip():
        raise FormatError(_("no text layer (scanned?)"))
    smap.tables = [_table(t, text) for t in tables]
    return text, smap


def _write_page(boxes: list[list], place: dict, out: VisibleText, tables: list) -> None:
    """One page's text boxes as blocks, a table's lines replaced by the table (where its first line was)."""
    from checker.readers.pdf_layout import chunks_of_line, find_tables
    from checker.tables import is_number

    lines = [line for box in boxes for line in box]
    found = find_tables([chunks_of_line(line, k) for k, line in enumerate(lines)], is_number)
    owner = {k: t for t in found for k in t.lines}
    written: set[int] = set()
    k = 0
    for box in boxes:
        prose: list[str] = []
        for line in box:
            table = owner.get(k)
            k += 1
            if table is None:
                prose.append(line.get_text())
                continue
            _flush(prose, place, out)
            if id(table) not in written:
                written.add(id(table))
                tables.append(_write_table(table, place, out))
        _flush(prose, place, out)


def _flush(prose: list[str], place: dict, out: VisibleText) -> None:
    text = join_lines(prose)
    prose.clear()
    if text:
        out.add(text, place)
        out.block(place)


#: What stands between two cells of a row in the visible text (two spaces: a field break of checker.tables).
CELL_GAP = "  "


def _write_table(table, place: dict, out: VisibleText) -> tuple:
    """Write a layout table, one line a row; returns its cells' visible spans, header and caption."""
    rows = []
    for r, row in enumerate(table.rows):
        if r:
            out.newline(place)
        spans = []
        for c, (text, level) in enumerate(row):
            if c:
                out.add(CELL_GAP, place)
            elif level:
                out.add("  " * level, place)
            start = out.length
            out.add(text, place)
            spans.append((start, out.length))
        rows.append(spans)
    out.block(place)
    return rows, table.header_rows, table.caption


def _table(found: tuple, text: str):
    """The Table of the spans ``_write_table`` returned, its cells' text read back from the visible text."""
    from checker.model import Cell, Table
    from checker.tables import caption_unit

    rows, header_rows, caption = found
    cells = [[Cell(text[a:b], a, b) for a, b in row] for row in rows]
    return Table(cells, header_rows=header_rows, caption=caption, unit=caption_unit(caption))
