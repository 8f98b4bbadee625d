"""Line-API widgets of the review app: they draw only the rows on screen.

Why not OptionList/ListView: replacing one option's prompt there clears every cached height and
re-measures all options, so a verdict in a queue of 2,000 findings would cost O(n).  Here a queue
row is always one line, the virtual height is the row count, and a key press redraws the visible
rows only.  The article view wraps a bounded window of the article (``excerpt``) itself, so it
knows exactly which row holds the claim and scrolls there.
"""
from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from checker.i18n import _
from checker.report.sanitize import visible
from checker.review.excerpt import Excerpt, row_of_offset, wrap_offsets
from checker.review.queue import CHANGED, CONFIRMED, DISMISSED, SKIPPED, UNREVIEWED
from checker.review.session import ReviewSession

def _n(msgid: str) -> str:
    """Marks a message for the catalogue extractor; translated when drawn."""
    return msgid


#: One glyph for each thing a finding can be, told apart without colour (NO_COLOR, monochrome
#: terminals, screen captures) and meaning the same in the queue and in the detail header: what the
#: check says while it waits for a verdict, what the reviewer said once one is given.
INCONSISTENT, WARNING, CONSISTENT = "✗", "!", "✓"
GLYPH = {CONFIRMED: "●", DISMISSED: "○", SKIPPED: "»", CHANGED: "↻"}
#: after the glyph: the finding carries a note
NOTE = "✎"
LABEL = {UNREVIEWED: "", CONFIRMED: _n("confirmed"), DISMISSED: _n("dismissed"), SKIPPED: _n("skipped"),
         CHANGED: _n("changed")}
#: the legend of the help screen, in the order of a review: (glyph, meaning)
LEGEND = ((INCONSISTENT, _n("inconsistent, an error: needs a verdict")),
          (WARNING, _n("inconsistent, a warning: needs a verdict")),
          (CONSISTENT, _n("consistent (shown with a)")),
          (GLYPH[CONFIRMED], _n("confirmed as an error")), (GLYPH[DISMISSED], _n("dismissed as a false alarm")),
          (GLYPH[SKIPPED], _n("skipped: still needs a verdict")),
          (GLYPH[CHANGED], _n("changed since review: needs the verdict again")),
          (NOTE, _n("has a note")))


def verdict_glyph(finding) -> str:
    """What the check itself says: inconsistent (an error or a warning) or consistent."""
    if not finding.flagged:
        return CONSISTENT
    return WARNING if finding.check.severity == "warning" else INCONSISTENT


def state_glyph(finding, state: str) -> str:
    """The queue's glyph: the reviewer's verdict once given, else what the check says."""
    return GLYPH.get(state) or verdict_glyph(finding)


def _strip(text: Text, width: int, console, base: Style, scroll_x: int = 0) -> Strip:
    """One row of styled text cropped/padded to ``width`` cells."""
    text.style = base
    text.no_wrap = True
    segments = list(text.render(console))
    return Strip(segments, cell_len(text.plain)).crop_extend(scroll_x, scroll_x + width, base)


def middle_truncated(name: str, width: int) -> str:
    """``name`` in at most ``width`` cells, cut in the middle ("002_f79…part1.txt"): the start and the
    end of a file name are what tell files apart (a common prefix cut at the end hides them all)."""
    if cell_len(name) <= width or width < 5:
        return name
    keep = width - 1
    head, tail = "", ""
    i, j = 0, len(name)
    while cell_len(head) + cell_len(tail) < keep and i < j:  # alternate: one character from each end
        if cell_len(head) <= cell_len(tail):
            head, i = head + name[i], i + 1
        else:
            j -= 1
            tail = name[j] + tail
    while cell_len(head) + cell_len(tail) > keep:
        head = head[:-1]
    return head + "…" + tail


class QueueView(ScrollView, can_focus=True):
    """The findings queue: article headings and one line per finding with its verdict state."""

    COMPONENT_CLASSES = {"queue--cursor", "queue--heading", "queue--error", "queue--warning", "queue--info",
                         "queue--done"}
    DEFAULT_CSS = """
    QueueView { overflow-x: hidden; }
    QueueView > .queue--cursor { background: $accent 35%; text-style: bold; }
    QueueView:focus > .queue--cursor { background: $accent 60%; }
    QueueView > .queue--heading { text-style: bold; color: $text-primary; }
    QueueView > .queue--error { color: $text-error; }
    QueueView > .queue--warning { color: $text-warning; }
    QueueView > .queue--info { color: $text-success; }
    QueueView > .queue--done { color: $text-muted; }
    """

    class Moved(Message):
        """The cursor moved to another row (or the rows changed under it)."""

        def __init__(self, row: int | None) -> None:
            super().__init__()
            self.row = row

    def __init__(self, session: ReviewSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session
        self.cursor: int | None = None
        #: rows rendered since the last reset: the tests check a key press stays O(visible rows)
        self.rendered_rows = 0

    def reload(self, row: int | None) -> None:
        """The session's rows changed (filter, toggle): resize, and put the cursor on ``row``."""
        self.virtual_size = Size(max(1, self.scrollable_content_region.width), len(self.session.rows))
        self.move_to(row)
        self.refresh()

    def move_to(self, row: int | None) -> None:
        if row is not None and not (0 <= row < len(self.session.rows)):
            row = None
        self.cursor = row
        if row is not None:
            self.scroll_to_region(Region(0, row, 1, 1), animate=False, immediate=True, x_axis=False)
        self.refresh()
        self.post_message(self.Moved(row))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(max(1, self.scrollable_content_region.width), len(self.session.rows))
        if self.cursor is not None:
            self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, immediate=True, x_axis=False)

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_offset.y + event.y)
        if 0 <= row < len(self.session.rows) and self.session.rows[row].finding is not None:
            self.move_to(row)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = int(self.scroll_offset.y) + y
        base = self.rich_style
        if row >= len(self.session.rows):
            return Strip.blank(width, base)
        self.rendered_rows += 1
        item = self.session.rows[row]
        if item.finding is None:
            text = Text("▸ ", end="")
            text.append(middle_truncated(visible(item.heading), width - 2))
            text.stylize(self.get_component_rich_style("queue--heading"))
        else:
            text = self._finding_text(item.finding, width, row == self.cursor)
        if row == self.cursor:
            text.stylize(self.get_component_rich_style("queue--cursor"))
        return _strip(text, width, self.app.console, base)

    def _finding_text(self, finding, width: int, cursor: bool) -> Text:
        state = self.session.state(finding)
        check = finding.check
        severity = check.severity if finding.flagged else "info"
        review = self.session.review(finding)
        note = NOTE if review is not None and review.note else " "
        # the cursor is marked by a character too, not only a colour (monochrome terminals, captures)
        left = Text(f"{'›' if cursor else ' '}{state_glyph(finding, state)}{note} "
                    f"{check.line:>{self.session.line_digits}} ", end="")
        left.append(check.rule, style=self.get_component_rich_style(f"queue--{severity}"))
        label = _(LABEL[state]) if LABEL[state] else ""
        gap = width - cell_len(left.plain) - cell_len(label) - 1
        if label and gap >= 1:
            left.append(" " * gap)
            left.append(label + " ", style=self.get_component_rich_style("queue--done"))
        elif cell_len(left.plain) > width:
            left.truncate(width, overflow="ellipsis")
        return left


class ArticleView(ScrollView, can_focus=False):
    """The article window around the current claim, wrapped here, scrolled to the claim."""

    DEFAULT_CSS = "ArticleView { overflow-x: hidden; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._excerpt = Excerpt(Text(""), 0)
        self._rows: list[tuple[int, int]] = [(0, 0)]
        self._width = 0

    def show(self, excerpt: Excerpt) -> None:
        self._excerpt = excerpt
        self._width = 0
        self._layout()

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def _layout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        if width != self._width:
            self._rows = wrap_offsets(self._excerpt.text.plain, width) or [(0, 0)]
            self._width = width
        self.virtual_size = Size(width, len(self._rows))
        focus_row = row_of_offset(self._rows, self._excerpt.focus)
        above = min(3, max(0, self.scrollable_content_region.height // 3))
        self.scroll_to(y=max(0, focus_row - above), animate=False, immediate=True, force=True)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = int(self.scroll_offset.y) + y
        if row >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        a, b = self._rows[row]
        return _strip(self._excerpt.text[a:b], width, self.app.console, self.rich_style)


class Bar(Widget):
    """A one-line bar whose text is computed from its width (keys that fit, progress)."""

    DEFAULT_CSS = "Bar { height: 1; }"

    def __init__(self, make, **kwargs) -> None:
        super().__init__(**kwargs)
        self._make = make

    def render(self) -> Text:
        text = self._make(self.size.width)
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text


def key_text(keys: list[tuple[str, str]], width: int, key_style: Style,
             priority: list[int] | None = None) -> Text:
    """The ``(key, description)`` pairs that fit in ``width`` cells, shown in the given order.

    ``priority`` (one rank per pair, lowest first; default: the given order) says which are kept
    when not all fit, so a narrow terminal keeps help and quit rather than the last ones listed."""
    pieces = [f" {key} {description}" for key, description in keys]
    ranks = priority if priority is not None else list(range(len(keys)))
    kept, used = set(), 0
    for i in sorted(range(len(keys)), key=lambda i: ranks[i]):
        if used + cell_len(pieces[i]) <= width:
            kept.add(i)
            used += cell_len(pieces[i])
        elif priority is None:
            break
    text = Text(end="")
    for i, (key, description) in enumerate(keys):
        if i in kept:
            text.append(" ")
            text.append(key, style=key_style)
            text.append(f" {description}")
    return text


__all__ = ["ArticleView", "Bar", "QueueView", "key_text"]
