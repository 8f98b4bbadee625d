"""Readers per format: the visible text of an article and a map back to its source.

Each module has one job: ``markdown`` and ``html`` read decoded text, ``pdf`` and ``docx`` read
bytes; each returns ``(visible text, SourceMap)`` or raises ``FormatError`` (one line, without the
file name: checker.reader adds it).  Plain text has no reader: it is its own visible text.
"""
from __future__ import annotations

#: Suffix → format name.  Text formats are decoded first (checker.reader.decode); binary ones not.
FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
           ".pdf": "pdf", ".docx": "docx"}
BINARY_FORMATS = frozenset({"pdf", "docx"})


class FormatError(ValueError):
    """A file that its format's reader cannot read: the message says why, in one line."""


def format_of(path: str) -> str | None:
    """The format of ``path`` by its suffix (None: plain text, stdin included)."""
    if path == "-":
        return None
    dot = path.rfind(".")
    return FORMATS.get(path[dot:].lower()) if dot >= 0 else None


def read_text_format(fmt: str, text: str):
    """(visible text, SourceMap) of decoded Markdown or HTML."""
    if fmt == "markdown":
        from checker.readers.markdown import read
    else:
        from checker.readers.html import read
    return read(text)


def read_binary_format(fmt: str, data: bytes, max_bytes: int):
    """(visible text, SourceMap) of a PDF or DOCX file's bytes."""
    if fmt == "pdf":
        from checker.readers.pdf import read
    else:
        from checker.readers.docx import read
    return read(data, max_bytes)
