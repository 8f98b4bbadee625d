"""HTML: the visible main text of a page, read with Python's own tokenizer (``html.parser``).

Skipped: script, style, template, noscript, nav, head (title and meta), svg, iframe, object,
select, comments, and any element that is hidden (the ``hidden`` attribute, ``aria-hidden="true"``,
an inline ``display:none`` or ``visibility:hidden`` style), with everything inside it.  Block
elements (p, div, li, td, h1 … ) end a block of visible text (a sentence break), ``<br>`` is a
line break, runs of whitespace are one space, and character references are decoded.

Why html.parser: it is maintained with CPython, tolerant of broken markup, streams in linear time,
and it reports the source position of every tag and text run, so each visible character maps to
the line and column of the file (lxml reports lines of elements only, html5lib no positions).
"""
from __future__ import annotations

import html
from html.parser import HTMLParser

import regex

from checker.diagnostic import cause
from checker.i18n import _
from checker.readers import FormatError
from checker.readers.visible import VisibleText
from checker.tables import TableCollector

SKIPPED = frozenset({"script", "style", "template", "noscript", "nav", "head", "title", "svg", "iframe",
                     "object", "select", "canvas", "math"})
BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "td",
                    "th", "tr", "table", "thead", "tbody", "tfoot", "caption", "section", "article", "main",
                    "header", "footer", "aside", "blockquote", "pre", "figure", "figcaption", "address",
                    "form", "fieldset", "legend", "details", "summary", "hr", "body", "html"})
#: Elements without content (never opened: a hidden <input> hides nothing after it).
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr", "param"})
_HIDDEN_STYLE = regex.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)",
                              regex.IGNORECASE)
_RUNS = regex.compile(r"\S+|\s+")


def hidden(attrs: list[tuple[str, str | None]]) -> bool:
    """Whether an element's attributes hide it (and its content) from the reader."""
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "aria-hidden" and (value or "").strip().lower() == "true":
            return True
        if name == "style" and value and _HIDDEN_STYLE.search(value):
            return True
    return False


class _Visible(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.out = VisibleText("text", text)
        self.source = text
        self.line_starts = [0]
        pos = text.find("\n")
        while pos >= 0:
            self.line_starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.tables = TableCollector()  # rows and cells by visible offsets (checker.tables)

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if tag in VOID:
            if tag == "br":
                self.out.newline(self._offset())
            elif tag == "hr":
                self.out.block(self._offset())
            elif tag in ("img", "input", "wbr"):
                self.out.space(self._offset()) if tag != "wbr" else None
            return
        if tag in SKIPPED or hidden(attrs):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag in BLOCKS:
            self.out.block(self._offset())
        self.tables.open(tag, self.out.length)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if self.skip_tag is None and tag == "br":
            self.out.newline(self._offset())
        elif self.skip_tag is None and tag in BLOCKS:
            self.out.block(self._offset())

    def handle_endtag(self, tag: str) -> None:
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip_tag = None
            return
        self.tables.close(tag, self.out.length)
        if tag in BLOCKS:
            self.out.block(self._offset())
        elif tag == "br":  # </br> is a <br> in browsers
            self.out.newline(self._offset())

    def handle_data(self, data: str) -> None:
        if self.skip_tag is not None or not data:
            return
        base = self._offset()
        for m in _RUNS.finditer(data):
            if m.group()[0].isspace():
                self.out.space(base + m.start())
            else:
                self.out.add(m.group(), base + m.start())

    def _reference(self, raw: str) -> None:
        if self.skip_tag is not None:
            return
        at = self._offset()
        length = len(raw) + (1 if self.source.startswith(";", at + len(raw)) else 0)
        value = html.unescape(self.source[at:at + length])
        if value.isspace():
            self.out.space(at)
        else:
            self.out.add_derived(value, at, length)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """``<![if …]>`` and other marked sections html.parser does not know: skipped like a bogus
        comment (as browsers do), not an exception."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            j = self.rawdata.find(">", i)
            return j + 1 if j >= 0 else -1

    def handle_entityref(self, name: str) -> None:
        self._reference("&" + name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#" + name)


def read(text: str):
    """(visible text, SourceMap) of an HTML page."""
    parser = _Visible(text)
    try:
        parser.feed(text)
        if parser.rawdata.startswith("<"):  # a tag cut off by the end of the file (truncated): not text
            parser.rawdata = ""
        parser.close()
    except AssertionError as exc:  # html.parser's last resort on markup it cannot tokenize
        raise FormatError(_("malformed HTML ({cause})").format(cause=cause(exc))) from None
    visible, smap = parser.out.result()
    smap.tables = parser.tables.tables(visible)
    return visible, smap
