"""The arithmetic panel of a finding: formula, recomputed vs reported, convention, strength,
suggested corrections and the review state, as ``rich.text.Text`` (never markup: suggestions and
notes quote the article and the reviewer).  No timestamps: the screen stays reproducible."""
from __future__ import annotations

import regex
from rich.style import Style
from rich.text import Text

from checker.i18n import _
from checker.report.wording import pad
from checker.review.excerpt import sanitize
from checker.review.queue import CHANGED, UNREVIEWED, Finding
from checker.review.store import Review

LABEL = Style(dim=True)
#: text that starts with a CJK character or full-width punctuation (no space needed before it)
_CJK_START = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\u3000-\u303f\uff00-\uffef]")
VERDICT_STYLE = {"inconsistent": Style(bold=True, color="red"), "consistent": Style(bold=True, color="green")}


def _state_text(state: str) -> str | None:
    """A verdict in words, in the active locale (None for one that has none)."""
    return {"confirmed": _("confirmed as an error"), "dismissed": _("dismissed as a false alarm"),
            "skipped": _("skipped")}.get(state)


def _field(text: Text, label: str, value: str | None) -> None:
    text.append(pad(label, 11), style=LABEL)
    text.append(sanitize(value) if value else "—")


def detail_text(finding: Finding, review: Review | None, state: str) -> Text:
    c = finding.check
    text = Text(end="")
    text.append(sanitize(c.message), style=VERDICT_STYLE.get(c.verdict))
    text.append("\n")
    if state == UNREVIEWED:
        text.append(pad(_("review"), 11), style=LABEL)
        text.append(_("not reviewed yet"))
    elif state == CHANGED and review is not None:
        text.append(pad(_("review"), 11), style=LABEL)
        text.append(_("changed since review"), style=Style(bold=True, color="yellow"))
        text.append(_(": was {verdict} by {reviewer}, but the claim now reads differently").format(
            verdict=_state_text(review.verdict or '') or _("noted"), reviewer=sanitize(review.reviewer)))
    elif review is not None:
        text.append(pad(_("review"), 11), style=LABEL)
        text.append(_state_text(state) or state, style=Style(bold=True))
        text.append(_(" by {reviewer}").format(reviewer=sanitize(review.reviewer)))
    if review is not None and review.note:
        text.append("\n")
        _field(text, _("note"), review.note)
    text.append("\n")
    _field(text, _("formula"), c.formula)
    text.append("\n")
    _field(text, _("recomputed"), c.recomputed)
    text.append("   ")
    text.append(_("reported") + " ", style=LABEL)
    text.append(sanitize(c.reported) or "—")
    text.append("\n")
    _field(text, _("convention"), c.convention)
    text.append("\n")
    _field(text, _("strength"), c.strength)
    for s in c.suggestions:
        # no space after the arrow before Chinese: the wrapper sees a space-free Chinese line as one
        # word and would push it whole onto the next row, leaving the arrow alone on its own
        text.append("\n→" if _CJK_START.match(s) else "\n→ ", style=Style(color="magenta"))
        text.append(sanitize(s))
    return text
