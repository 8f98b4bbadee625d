"""The article around a claim, as styled text that is never interpreted as markup.

Why a window and not the whole article: a reviewer needs the claim's paragraph and some context,
and a 1 MB article must not be copied, styled and wrapped on every key press.  The window is the
whole article when it is short (the bundled examples) and a bounded stretch of lines around the
claim otherwise, so the cost of showing a finding does not grow with the article.

Article text reaches the screen only as ``rich.text.Text`` built from the plain string: ``[bold]``,
``[/]`` or ``[@click=app.quit]`` in an article are characters, not markup.  Control characters
(escape sequences, carriage returns, bidirectional overrides) are replaced one for one, so offsets
stay valid and an article cannot drive the terminal.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from rich.cells import get_character_cell_size
from rich.style import Style
from rich.text import Text

#: Characters of context kept on each side of the claim (snapped to whole lines when possible).
CONTEXT = 2000

CLAIM_STYLE = Style(underline=True)
NUMBER_STYLE = Style(bold=True, color="black", bgcolor="yellow")
ELISION_STYLE = Style(dim=True, italic=True)

_REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
_SANITIZE = {c: _REPLACEMENT for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}
_SANITIZE.update({ord("\t"): " ", ord("\r"): " "})
_SANITIZE.pop(ord("\n"))
_SANITIZE.update({c: _REPLACEMENT for c in [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]})


def sanitize(text: str) -> str:
    """Replace characters that could drive the terminal, one for one (offsets are kept)."""
    return text.translate(_SANITIZE)


@dataclass(frozen=True, slots=True)
class Excerpt:
    """Styled text of the article window; ``focus`` is the claim's start offset inside it."""

    text: Text
    focus: int


def excerpt(article: str, start: int, end: int, numbers: list[tuple[int, int]], *, context: int = CONTEXT) -> Excerpt:
    """The article around ``article[start:end]`` with the claim underlined and its numbers highlighted."""
    lo, hi = max(0, start - context), min(len(article), end + context)
    if lo > 0:
        nl = article.find("\n", lo, start)
        lo = nl + 1 if nl != -1 else lo
    if hi < len(article):
        nl = article.rfind("\n", end, hi)
        hi = nl if nl != -1 else hi
    from checker.i18n import _

    prefix = "… " + _("{n} characters above").format(n=f"{lo:,}") + " …\n" if lo > 0 else ""
    suffix = "\n… " + _("{n} characters below").format(n=f"{len(article) - hi:,}") + " …" if hi < len(article) else ""
    text = Text(end="")
    text.append(prefix, style=ELISION_STYLE)
    text.append(sanitize(article[lo:hi]))
    text.append(suffix, style=ELISION_STYLE)
    shift = len(prefix) - lo
    text.stylize(CLAIM_STYLE, start + shift, end + shift)
    for a, b in numbers:
        if lo <= a and b <= hi:
            text.stylize(NUMBER_STYLE, a + shift, b + shift)
    return Excerpt(text, start + shift)


_NO_LINE_START = frozenset("，。、；：？！）」』”’》〉】%‰,.;:?!)")


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "%.,'-")


def wrap_offsets(plain: str, width: int) -> list[tuple[int, int]]:
    """Rows of ``plain`` at ``width`` cells as (start, end) offsets: Chinese breaks between any two
    characters, but a word or number ("18.2%") is not split when it fits on the next row, and
    Chinese punctuation does not start a row.  Offsets let a row be sliced with its styles."""
    width = max(1, width)
    rows: list[tuple[int, int]] = []
    pos = 0
    for line in plain.split("\n"):
        n = len(line)
        if n == 0:
            rows.append((pos, pos))
        i = 0
        while i < n:
            used, j = 0, i
            while j < n:
                cells = get_character_cell_size(line[j])
                if used + cells > width and j > i:
                    break
                used += cells
                j += 1
            if j < n and _is_word(line[j]) and _is_word(line[j - 1]):
                k = j - 1  # do not split a word or a number ("18.2%") when it can move down whole
                while k > i and _is_word(line[k - 1]):
                    k -= 1
                if k > i:
                    j = k
            elif j < n and line[j] in _NO_LINE_START and j - 1 > i:
                j -= 1  # Chinese punctuation does not open a row: take the character before it along
            rows.append((pos + i, pos + j))
            i = j
        pos += n + 1
    return rows


def row_of_offset(rows: list[tuple[int, int]], offset: int) -> int:
    """Index of the row holding ``offset``."""
    return max(0, bisect_right([a for a, _ in rows], offset) - 1)
