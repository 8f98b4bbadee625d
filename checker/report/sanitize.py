"""Neutralising untrusted strings for every sink: one module, used by every writer.

File names, article text (quotes, messages that quote the article), review notes and reviewer
names come from whoever wrote the article or named the file.  Written raw they can drive a terminal
(ESC sequences: clear the screen, retitle it, write the clipboard with OSC 52), reorder what a
reader sees (bidi overrides), forge GitHub workflow commands (a newline then ``::error …`` or
``::add-mask::``), inject Markdown into a job summary, start a spreadsheet formula, or fail to
encode at all (a non-UTF-8 file name arrives as lone surrogates, ``os.fsdecode``'s surrogateescape).

- ``visible``: for terminals, logs and the review app: every control character (C0 but the ones a
  caller keeps, DEL, C1), bidi control, line/paragraph separator and lone surrogate is shown as a
  visible escape (``\\x1b``, ``\\u202e``; an undecodable file-name byte as ``\\xff``), so the result is
  one inert line that always encodes as UTF-8.
- ``workflow_data`` / ``workflow_property``: GitHub workflow command values (``%``, CR, LF escaped as
  the runner expects; in properties also ``:`` and ``,``), other controls made visible.
- ``markdown``: a Markdown table cell or list item (HTML, ``|`` and Markdown markup escaped).
- ``csv_cell``: a CSV cell that a spreadsheet will not run as a formula (controls shown visibly:
  the CSV may be printed to a CI log).
- ``json_text``: JSON output with the characters a terminal acts on as exact ``\\u`` escapes.
- ``file_uri``: any path, non-UTF-8 bytes included, as a percent-encoded URI reference (SARIF).
"""
from __future__ import annotations

import html
import os
import re
from urllib.parse import quote

# Bidi controls (ALM, LRM, RLM, LRE..RLO, LRI..PDI), line and paragraph separators, and the
# Hangul/zero-width fillers are left alone (harmless); C0, DEL, C1 and lone surrogates are escaped.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI + "\u2028\u2029\ud800-\udfff]")


def _escape(ch: str) -> str:
    o = ord(ch)
    if 0xDC80 <= o <= 0xDCFF:  # a byte os.fsdecode could not decode (surrogateescape)
        return f"\\x{o - 0xDC00:02x}"
    if o < 0x100:
        return f"\\x{o:02x}"
    return f"\\u{o:04x}"


def visible(text: object, keep: str = "") -> str:
    """``text`` with every unsafe character shown as an escape; characters in ``keep`` (e.g. "\\n")
    are left as they are."""
    s = text if isinstance(text, str) else str(text)
    if keep:
        return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), s)
    return _UNSAFE.sub(lambda m: _escape(m.group()), s)


def one_line(text: object) -> str:
    """``text`` as one inert line for a terminal or a log (newlines included are escaped)."""
    return visible(text)


def workflow_data(text: str) -> str:
    """The data (message) of a GitHub workflow command."""
    s = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(s)


def workflow_property(text: str) -> str:
    """A property value (``file=``, ``title=``) of a GitHub workflow command."""
    return workflow_data(text).replace(":", "%3A").replace(",", "%2C")


# What starts markup in a table cell: emphasis, code, links and images ([ ]), strike-through, the
# cell separator, and backslash itself; < > & are HTML-escaped.
_MARKDOWN = re.compile(r"([\\`*_\[\]~|])")


def markdown(text: str) -> str:
    """Text for a Markdown table cell or list item of a job summary: no HTML, no markup, one line."""
    s = visible(text.replace("\r\n", "\n").replace("\r", "\n"), keep="\n")
    s = html.escape(_MARKDOWN.sub(r"\\\1", s), quote=False)
    return s.replace("\n", "<br>")


def markdown_code(text: str) -> str:
    """``text`` as a Markdown code span in a table cell (a file name): delimited by a run of backticks
    longer than any inside it, ``|`` escaped as GFM tables require, on one line."""
    s = visible(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if longest or s.startswith(" ") or s.endswith(" ") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


# A number as text ("-5", "+3.2%", "-1,200") is data, not a formula; anything else starting with
# these characters is what spreadsheets run.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d[\d,.]*%?")


def csv_cell(value):
    """A CSV cell value that Excel, LibreOffice and Google Sheets show as text, never run: a string
    starting with = + - @ tab or CR gets a leading quote (OWASP).  Numbers are left alone."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        value = "'" + value
    return visible(value)


def file_uri(path: str) -> str:
    """``path`` (relative, forward slashes) as a percent-encoded URI reference; bytes of a non-UTF-8
    name (lone surrogates from surrogateescape) are encoded as the bytes they were (``bad%FF.txt``)."""
    try:
        raw = os.fsencode(path)
    except UnicodeError:  # a surrogate that is not an escaped byte
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw, safe="/")


_JSON_UNSAFE = re.compile("[\x7f-\x9f" + _BIDI + "\u2028\u2029\ud800-\udfff]")


def json_text(text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) safe for a terminal and strict UTF-8:
    DEL, C1 controls, bidi controls, line separators and lone surrogates (a non-UTF-8 file name) are
    written as ``\\uXXXX`` escapes, which decode to exactly the same strings (json.dumps already
    escapes C0).  Outside strings JSON holds none of these characters, so the escapes are valid."""
    if not _JSON_UNSAFE.search(text):
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def encodable(text: str) -> str:
    """``text`` that encodes as strict UTF-8: lone surrogates shown as escapes, nothing else changed."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return re.sub("[\ud800-\udfff]", lambda m: _escape(m.group()), text)
