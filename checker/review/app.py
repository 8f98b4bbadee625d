"""The Textual review app: a queue of findings, the article at the claim, the arithmetic, the keys.

The app draws a ``ReviewSession`` and forwards keys to it; every verdict and note is committed by
the session's store before the screen even changes.  Article text, notes and paths reach the screen
only as ``rich.text.Text`` (see ``excerpt``), never as markup.

Layout (fits 80×24, grows with the terminal)::

    ┌ queue ─────────┐┌ article: path · line ─────────────┐
    │ ▸ article.md   ││ …text with the claim underlined… │
    │ ✗  9 rate      │├ arithmetic ───────────────────────┤
    │ ●✎ 13 change_pc││ formula / recomputed / reported  │
    └────────────────┘└──────────────────────────────────┘
     7 of 23 reviewed · …                        reviewer
     c confirm  d dismiss  s skip  n note  u undo  tab next  space more  …

The arithmetic pane scrolls with ``space`` (back to the top after its end): at 80×24 a finding's
third suggestion is below the fold.
"""
from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial

from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from checker.i18n import SOURCE_LOCALE, _, current_locale
from checker.report.sanitize import visible
from checker.review.detail import detail_text
from checker.review.excerpt import excerpt
from checker.review.queue import Finding
from checker.review.session import ReviewSession
from checker.review.widgets import (
    GLYPH, LABEL, LEGEND, ArticleView, Bar, QueueView, key_text, middle_truncated, verdict_glyph,
)


@dataclass(frozen=True, slots=True)
class Key:
    """One reviewer action: its binding, how it is shown, and what the palette and help say."""

    action: str
    keys: str
    shown: str
    short: str
    help: str


#: Every action, in the order the key bar offers them when space is short (single source for
#: bindings, key bar, help screen and command palette).
def _n(msgid: str) -> str:
    """Marks a message for the catalogue extractor; translated where it is shown (``_(k.short)``),
    so that the locale of the run, not of the import, decides."""
    return msgid


KEYS = (
    Key("confirm", "c", "c", _n("confirm"), _n("Confirm the error: the article is wrong here")),
    Key("dismiss", "d", "d", _n("dismiss"), _n("Dismiss as a false alarm: the article is right")),
    Key("skip", "s", "s", _n("skip"), _n("Skip for now (stays in the unreviewed count)")),
    Key("note", "n", "n", _n("note"), _n("Write or edit a note on this finding")),
    Key("undo", "u", "u", _n("undo"), _n("Undo your last verdict")),
    Key("next_unreviewed", "tab", "tab", _n("to-do"), _n("Jump to the next unreviewed finding")),
    Key("filter", "slash", "/", _n("filter"), _n("Filter by rule or document")),
    Key("toggle_consistent", "a", "a", _n("all"), _n("Show or hide the consistent checks")),
    Key("scroll_detail", "space", "space", _n("more"),
        _n("Scroll the arithmetic and suggestions (back to the top at the end)")),
    Key("help", "question_mark", "?", _n("help"), _n("Show the keys")),
    Key("quit", "q", "q", _n("quit"), _n("Quit (every verdict is already saved)")),
    Key("next", "j,down", "j/↓", _n("next"), _n("Next finding")),
    Key("previous", "k,up", "k/↑", _n("previous"), _n("Previous finding")),
)
KEY_STYLE = Style(bold=True, reverse=True)
#: which keys the key bar keeps when not all fit (lowest first): the verdicts, help and quit before
#: the rest, so that an 80-column bar still shows how to see every key
KEY_PRIORITY = ("confirm", "dismiss", "skip", "note", "undo", "help", "quit", "scroll_detail",
                "next_unreviewed", "filter", "toggle_consistent", "next", "previous")


class TextPrompt(ModalScreen[str | None]):
    """One line of input (a note, a filter): enter keeps it, escape cancels."""

    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical { width: 80%; max-width: 100; height: auto; border: round $accent;
                            background: $surface; padding: 0 1; }
    TextPrompt Static { height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: Text, value: str, hint: str, *, select: bool = False) -> None:
        super().__init__()
        self._title, self._value, self._hint = title, value, hint
        self._select = select  # a filter: typing replaces the old one (a note is edited instead)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title)
            # editing starts at the end of the existing text, not with it selected (one key would erase it)
            yield Input(value=self._value, id="prompt-input", select_on_focus=False)
            yield Static(Text(self._hint, style="dim"))

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(self._value)
        if self._select and self._value:
            field.select_all()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """The key list."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: auto; max-width: 90%; height: auto; max-height: 90%;
                                  border: round $accent; background: $surface; padding: 0 1; }
    HelpScreen Static { width: auto; }
    """
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(help_text())

    def action_close(self) -> None:
        self.dismiss(None)


def help_text() -> Text:
    text = Text(_("Keys") + "\n", style="bold", end="")
    for k in KEYS:
        text.append(f"{k.shown:>6}  ", style="bold")
        text.append(_(k.help) + "\n")
    text.append(f"{'ctrl+p':>6}  ", style="bold")
    text.append(_("Command palette (the same actions, searchable)") + "\n")
    text.append("\n" + _("Marks") + "\n", style="bold")
    for glyph, meaning in LEGEND:
        text.append(f"{glyph:>6}  ", style="bold")
        text.append(_(meaning) + "\n")
    text.append("\n" + _("Verdicts and notes are saved the moment you give them.") + "\n", style="dim")
    text.append(_("Filter: words matching a rule code or a document path; rule:… doc:… to be exact."), style="dim")
    return text


class ReviewScreen(Screen[None]):
    """The main screen: queue on the left, article and arithmetic on the right, bars below."""

    DEFAULT_CSS = """
    ReviewScreen { layout: vertical; }
    #main { height: 1fr; }
    #queue { width: 36%; min-width: 30; max-width: 60; height: 1fr;
             border-top: solid $primary; border-title-align: left; }
    #right { width: 1fr; height: 1fr; }
    #article { height: 1fr; min-height: 4; border-top: solid $primary; padding: 0 1; }
    #detail { height: auto; max-height: 55%; border-top: solid $primary; padding: 0 1; }
    #detail > Static { height: auto; }
    #progress { background: $panel; }
    #keys { background: $panel; color: $text-muted; }
    """
    BINDINGS = [
        *(Binding(k.keys, k.action, k.short, priority=True, show=False) for k in KEYS),
        # priority: the queue's own (animated scrolling) bindings would take these keys first
        Binding("pagedown", "page(1)", "page down", show=False, priority=True),
        Binding("pageup", "page(-1)", "page up", show=False, priority=True),
        Binding("home", "edge(-1)", "first", show=False, priority=True),
        Binding("end", "edge(1)", "last", show=False, priority=True),
    ]

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session

    # ----- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield QueueView(self.session, id="queue")
            with Vertical(id="right"):
                yield ArticleView(id="article")
                with VerticalScroll(id="detail", can_focus=False):
                    yield Static(id="arith")
        yield Bar(self._progress_text, id="progress")
        yield Bar(self._keys_text, id="keys")

    def on_mount(self) -> None:
        queue = self.query_one(QueueView)
        queue.border_title = Text(_("findings"))
        self.query_one("#detail").border_title = Text(_("arithmetic"))
        queue.focus()
        queue.reload(self.session.resume_row())
        self.set_interval(2.0, self._sync)

    @property
    def queue(self) -> QueueView:
        return self.query_one(QueueView)

    def current(self) -> Finding | None:
        row = self.queue.cursor
        if row is None:
            return None
        return self.session.rows[row].finding

    def on_queue_view_moved(self, message: QueueView.Moved) -> None:
        self._show_current()

    def _show_current(self) -> None:
        """Article, arithmetic and bars for the finding under the cursor."""
        finding = self.current()
        article = self.query_one(ArticleView)
        arith = self.query_one("#arith", Static)
        if finding is None:
            article.border_title = Text(_("article"))
            article.show(excerpt("", 0, 0, []))
            empty = _("Nothing to review here.") if self.session.findings else _("No checks in these articles.")
            hint = "" if self.session.show_consistent else "  " + _("Press a to show the consistent checks too.")
            if self.session.filter:
                hint += "  " + _("Press / and enter nothing to clear the filter.")
            arith.update(Text(empty + hint))
        else:
            c = finding.check
            where = " · " + (finding.place or _("line {line}").format(line=c.line))  # a PDF's page, not a line
            # a long path is cut in the middle: its end (the file name) tells articles apart
            room = max(8, article.size.width - cell_len(where) - 4)
            title = Text(middle_truncated(visible(finding.path), room), end="")
            title.append(where)
            article.border_title = title
            numbers = [(r.mention.start, r.mention.end) for r in c.numbers]
            article.show(excerpt(finding.text, c.start, c.end, numbers))
            arith.update(detail_text(finding, self.session.review(finding), self.session.state(finding)))
            self.query_one("#detail").scroll_home(animate=False, immediate=True)
            # the same glyphs as the queue: what the check says, then the reviewer's verdict if any
            verdict = f"{verdict_glyph(finding)} " + (_("inconsistent") if finding.flagged else _("consistent"))
            severity = {"error": _("error"), "warning": _("warning"), "info": _("info")}.get(c.severity, c.severity)
            header = f"{verdict} · {c.rule} · {severity}"
            state = self.session.state(finding)
            if state in GLYPH:
                header += f" · {GLYPH[state]} {_(LABEL[state])}"
            self.query_one("#detail").border_title = Text(header)
        self._refresh_bars()

    def _refresh_bars(self) -> None:
        self.query_one("#progress", Bar).refresh()
        self.query_one("#keys", Bar).refresh()

    def _progress_text(self, width: int) -> Text:
        p = self.session.progress()
        left = " " + p.line()
        if self.session.filter:
            left += " · " + _("filter “{filter}”: {n} shown").format(filter=self.session.filter.text, n=p.shown)
        if self.session.show_consistent:
            left += " · " + _("all checks")
        right = _("reviewer {name}").format(name=visible(self.session.reviewer)) + " "
        text = Text(left, end="")
        gap = width - cell_len(left) - cell_len(right)
        if gap >= 2:
            text.append(" " * gap)
            text.append(right, style="dim")
        return text

    def _keys_text(self, width: int) -> Text:
        shown = [k for k in KEYS if k.action not in ("next", "previous")]
        pairs = [(k.shown, _(k.short)) for k in shown] + [("j/k", _("move")), ("^p", _("commands"))]
        ranks = [KEY_PRIORITY.index(k.action) for k in shown] + [len(KEY_PRIORITY), len(KEY_PRIORITY) + 1]
        return key_text(pairs, width, KEY_STYLE, ranks)

    def _sync(self) -> None:
        """Show a colleague's verdicts (another process on the same database) within seconds."""
        if self.session.sync():
            self.queue.refresh()
            self._show_current()

    # ----- moving --------------------------------------------------------------------------

    def action_next(self) -> None:
        self.queue.move_to(self.session.step(self.queue.cursor, +1))

    def action_previous(self) -> None:
        self.queue.move_to(self.session.step(self.queue.cursor, -1))

    def action_page(self, direction: int) -> None:
        row = self.queue.cursor
        for __ in range(max(1, self.queue.scrollable_content_region.height - 1)):
            row = self.session.step(row, direction)
        self.queue.move_to(row)

    def action_edge(self, direction: int) -> None:
        self.queue.move_to(self.session.step(None, -direction))

    def action_scroll_detail(self) -> None:
        """Scroll the arithmetic pane a page down; from its end, back to the top."""
        detail = self.query_one("#detail", VerticalScroll)
        if detail.max_scroll_y <= 0:
            return
        if detail.scroll_y >= detail.max_scroll_y:
            detail.scroll_home(animate=False, immediate=True)
        else:
            detail.scroll_page_down(animate=False)

    def action_next_unreviewed(self) -> None:
        row = self.session.next_unreviewed(self.queue.cursor)
        if row is None:
            self.notify(_("Everything shown is reviewed."), timeout=3, markup=False)
        else:
            self.queue.move_to(row)

    # ----- verdicts ------------------------------------------------------------------------

    def _verdict(self, verdict: str) -> None:
        finding = self.current()
        if finding is None:
            self.app.bell()
            return
        self.session.give_verdict(finding, verdict)  # committed before anything else happens
        self.queue.move_to(self.session.step(self.queue.cursor, +1))

    def action_confirm(self) -> None:
        self._verdict("confirmed")

    def action_dismiss(self) -> None:
        self._verdict("dismissed")

    def action_skip(self) -> None:
        self._verdict("skipped")

    def action_note(self) -> None:
        finding = self.current()
        if finding is None:
            self.app.bell()
            return
        review = self.session.review(finding)
        place = f"{visible(finding.path)}:{finding.check.line}"
        title = Text(_("Note on {rule} at {place}").format(rule=finding.check.rule, place=place), end="")

        def save(note: str | None) -> None:
            if note is not None:
                self.session.write_note(finding, note)
                self.queue.refresh()
                self._show_current()

        self.app.push_screen(TextPrompt(title, (review.note or "") if review else "",
                                        _("enter saves (empty clears) · escape cancels")), save)

    def action_undo(self) -> None:
        result = self.session.undo()
        if result.refused:
            self.notify(result.refused, severity="warning", timeout=4, markup=False)  # names a reviewer
        row = self.session.row_of(result.fingerprint)
        if row is not None:
            self.queue.move_to(row)
        else:
            self.queue.refresh()
            self._show_current()

    # ----- what is shown -------------------------------------------------------------------

    def _reload_keeping(self, finding: Finding | None) -> None:
        row = self.session.row_of(finding.fingerprint) if finding else None
        self.queue.reload(row if row is not None else self.session.step(None, +1))

    def action_filter(self) -> None:
        def apply(text: str | None) -> None:
            if text is not None:
                current = self.current()
                self.session.set_filter(text)
                self._reload_keeping(current)

        self.app.push_screen(TextPrompt(Text(_("Filter by rule or document")), self.session.filter.text,
                                        _("e.g. rate · zh_district · rule:sum doc:en · empty shows everything"),
                                        select=True), apply)

    def action_toggle_consistent(self) -> None:
        current = self.current()
        self.session.toggle_consistent()
        self._reload_keeping(current)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.app.exit()


class ReviewApp(App[None]):
    """``checker review``: walk a reviewer through the findings of some articles."""

    TITLE = "checker review"

    def __init__(self, session: ReviewSession) -> None:
        super().__init__()
        self.session = session

    def get_default_screen(self) -> Screen:
        return ReviewScreen(self.session)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette offers every reviewer action, with its key."""
        review = screen if isinstance(screen, ReviewScreen) else None
        if review is None:
            review = next((s for s in self.screen_stack if isinstance(s, ReviewScreen)), None)
        if review is not None:
            for k in KEYS:
                # the help line is the action's name in English (as before), its short name otherwise
                action = k.action.replace("_", " ") if current_locale() == SOURCE_LOCALE else _(k.short)
                yield SystemCommand(f"{_(k.help)} ({k.shown})", action,
                                    partial(review.run_action, k.action))
        yield from super().get_system_commands(screen)


def screen_text(app: App) -> str:
    """A plain-text capture of the current screen (what ``export_screenshot`` draws, as text):
    for the snapshot tests and the README."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system=None,
                      record=True, legacy_windows=False, safe_box=False)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    lines = console.export_text().splitlines()
    return "\n".join(line.rstrip() for line in lines[:height]) + "\n"
