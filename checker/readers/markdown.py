"""Markdown: the text a reader sees, parsed by markdown-it-py (CommonMark, tables, front matter).

Not checked: fenced and indented code, inline code, YAML/TOML front matter, HTML comments and raw
HTML (blocks and inline tags).  Headings, paragraphs, list items and table cells each end a block
(a sentence break).  markdown-it gives block tokens their source lines but inline text no column,
so each text run is found in its block's source lines, left to right, from a cursor: the visible
characters then map to the exact line and column of the file.  A run that markdown changed
(an escape ``\\*``, an entity ``&amp;``) is aligned character by character.
"""
from __future__ import annotations

from bisect import bisect_right

from checker.readers.visible import VisibleText
from checker.tables import TableCollector

#: How far ahead (characters) a character of changed text is looked for in its source.
_ALIGN_WINDOW = 12
#: How much markup (a link's URL, emphasis marks) may stand between two text runs of a block.
_MARKUP_SPAN = 4096
#: Block tokens whose closing ends a block of visible text.
_BLOCK_CLOSE = frozenset({"paragraph_close", "heading_close", "th_close", "td_close", "list_item_close",
                          "blockquote_close", "tr_close", "table_close", "bullet_list_close", "ordered_list_close"})
#: Block tokens that are never checked (their content is code or markup).
_SKIPPED_BLOCKS = frozenset({"fence", "code_block", "html_block", "front_matter", "hr"})
#: Inline tokens that are never checked.
_SKIPPED_INLINE = frozenset({"code_inline", "html_inline", "image"})


def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    return MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)


class _Source:
    """The decoded file as markdown-it sees it (line breaks as "\\n"), with offsets back to the file."""

    def __init__(self, text: str) -> None:
        self.original = text
        self.crlf: list[int] = []  # normalized offsets just past a "\r\n" that became "\n"
        if "\r" in text:
            parts, pos = [], 0
            norm_len = 0
            i = text.find("\r")
            while i >= 0:
                parts.append(text[pos:i])
                norm_len += i - pos
                if text.startswith("\r\n", i):
                    parts.append("\n")
                    norm_len += 1
                    self.crlf.append(norm_len)
                    pos = i + 2
                else:
                    parts.append("\n")
                    norm_len += 1
                    pos = i + 1
                i = text.find("\r", pos)
            parts.append(text[pos:])
            self.text = "".join(parts)
        else:
            self.text = text
        self.line_starts = [0]
        pos = self.text.find("\n")
        while pos >= 0:
            self.line_starts.append(pos + 1)
            pos = self.text.find("\n", pos + 1)

    def original_offset(self, offset: int) -> int:
        return offset + bisect_right(self.crlf, offset) if self.crlf else offset

    def line_offset(self, line: int) -> int:
        return self.line_starts[line] if line < len(self.line_starts) else len(self.text)


def read(text: str):
    """(visible text, SourceMap) of a Markdown article."""
    src = _Source(text)
    out = VisibleText("text", text)
    tokens = _parser().parse(src.text)
    cursor = 0  # tokens come in source order: cells of one table row share their line
    tables = TableCollector()  # the rows and cells of tables, by visible offsets (checker.tables)
    for tok in tokens:
        if tok.type in _SKIPPED_BLOCKS:
            out.block()
        elif tok.type == "inline" and tok.map:
            cursor = _inline(tok, src, out, cursor)
        elif tok.type in _BLOCK_CLOSE:
            tables.close(tok.type, out.length)
            out.block()
        elif tok.type.endswith("_open"):
            tables.open(tok.type, out.length)
        elif tok.type == "thead_close":
            tables.close(tok.type, out.length)
    visible, smap = out.result()
    smap.tables = tables.tables(visible)
    return visible, smap


def _inline(tok, src: _Source, out: VisibleText, cursor: int) -> int:
    """The visible text of one inline token (a paragraph, heading or cell), located in the source
    from ``cursor`` on; returns the cursor past it."""
    cursor, limit = max(cursor, src.line_offset(tok.map[0])), src.line_offset(tok.map[1])
    source = src.text
    for child in tok.children or ():
        kind = child.type
        if kind == "text" and child.content:
            cursor = _place(child.content, source, cursor, limit, src, out)
        elif kind in ("softbreak", "hardbreak"):
            nl = source.find("\n", cursor, limit)
            out.newline(src.original_offset(nl) if nl >= 0 else None)
            cursor = nl + 1 if nl >= 0 else cursor
        elif kind in _SKIPPED_INLINE:
            cursor = _skip(child, source, cursor, limit)
            out.space()
    return cursor


def _skip(child, source: str, cursor: int, limit: int) -> int:
    """The cursor past a skipped inline token (inline code, raw HTML), found in the source."""
    needle = child.content if child.type != "image" else ")"
    at = source.find(needle, cursor, limit) if needle else -1
    return at + len(needle) if at >= 0 else cursor


def _place(content: str, source: str, cursor: int, limit: int, src: _Source, out: VisibleText) -> int:
    """Write ``content`` mapped to where it stands in ``source[cursor:limit]``; return the new cursor."""
    # bounded: a run that markdown changed is not found, and must not cost a scan of the whole block
    at = source.find(content, cursor, min(limit, cursor + 4 * len(content) + _MARKUP_SPAN))
    if at >= 0:
        out.add(content, src.original_offset(at))
        return at + len(content)
    # the text was changed by markdown (escapes, entities): align it character by character
    pos = cursor
    for ch in content:
        hit = source.find(ch, pos, min(limit, pos + _ALIGN_WINDOW))
        if hit >= 0:
            out.add(ch, src.original_offset(hit))
            pos = hit + 1
        else:
            out.add_derived(ch, src.original_offset(pos), 0)
    return pos
