"""What a library said about a bad file, as part of an error line in the locale of the run.

An error line's own words go through the catalogue (checker/locale); what it quotes stays as it is:
file names, codes, values.  A library's own diagnosis (tomllib, json, pdfminer, python-docx, the
operating system) is English prose that no catalogue holds, so an English line keeps it word for
word, and a line in another locale keeps only what needs no translation: the position the library
names (line and column), the errno name (``EACCES``), else the exception's class name
(``PDFSyntaxError``).  A Chinese reader then gets a Chinese line that still says where and what.
"""
from __future__ import annotations

import errno
import json
import re

from checker.i18n import SOURCE_LOCALE, _, current_locale

#: how tomllib ends its messages: "... (at line 3, column 7)" or "... (at end of document)"
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")
#: a library's sentence is cut here: an error stays one line
MAX_DETAIL = 120


def _first_line(text: str) -> str:
    return (text.splitlines() or [""])[0][:MAX_DETAIL]


def position(line: int, column: int | None = None) -> str:
    """"line 3, column 7" in the active locale."""
    if column is None:
        return _("line {line}").format(line=line)
    return _("line {line}, column {column}").format(line=line, column=column)


def cause(exc: BaseException) -> str:
    """The library's diagnosis of ``exc`` for an error line (see the module docstring): its own words
    in English, else its position, errno name or class name."""
    if current_locale() == SOURCE_LOCALE:
        if isinstance(exc, OSError) and exc.strerror:
            return exc.strerror
        return _first_line(str(exc)) or type(exc).__name__
    if isinstance(exc, OSError) and exc.errno in errno.errorcode:
        return errno.errorcode[exc.errno]
    if isinstance(exc, json.JSONDecodeError):
        return position(exc.lineno, exc.colno)
    at = _TOML_AT.search(str(exc)) if type(exc).__name__ == "TOMLDecodeError" else None
    if at is not None:
        return position(int(at.group(1)), int(at.group(2))) if at.group(1) else _("at the end of the file")
    return type(exc).__name__


def cause_with_type(exc: BaseException) -> str:
    """Like ``cause``, with the class name before the words in English ("KeyError: 'x'"): for a
    library that raises many unrelated kinds on a broken file."""
    said = cause(exc)
    name = type(exc).__name__
    if current_locale() != SOURCE_LOCALE or said == name:
        return said
    return f"{name}: {said}"
