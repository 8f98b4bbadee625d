"""The arithmetic panel of a finding: formula, recomputed vs reported, convention, strength,
suggested corrections and the review state, as ``rich.text.Text`` (never markup: suggestions and
notes quote the article and the reviewer).  No timestamps: the screen stays reproducible."""
from __future__ import annotations

from rich.style import Style
from rich.text import Text

from checker.review.excerpt import sanitize
from checker.review.queue import CHANGED, UNREVIEWED, Finding
from checker.review.store import Review

LABEL = Style(dim=True)
VERDICT_STYLE = {"inconsistent": Style(bold=True, color="red"), "consistent": Style(bold=True, color="green")}
STATE_TEXT = {"confirmed": "confirmed as an error", "dismissed": "dismissed as a false alarm", "skipped": "skipped"}


def _field(text: Text, label: str, value: str | None) -> None:
    text.append(f"{label:<11}", style=LABEL)
    text.append(sanitize(value) if value else "—")


def detail_text(finding: Finding, review: Review | None, state: str) -> Text:
    c = finding.check
    text = Text(end="")
    text.append(sanitize(c.message), style=VERDICT_STYLE.get(c.verdict))
    text.append("\n")
    if state == UNREVIEWED:
        text.append(f"{'review':<11}", style=LABEL)
        text.append("not reviewed yet")
    elif state == CHANGED and review is not None:
        text.append(f"{'review':<11}", style=LABEL)
        text.append("changed since review", style=Style(bold=True, color="yellow"))
        text.append(f": was {STATE_TEXT.get(review.verdict or '', 'noted')} by ")
        text.append(sanitize(review.reviewer))
        text.append(", but the claim now reads differently")
    elif review is not None:
        text.append(f"{'review':<11}", style=LABEL)
        text.append(STATE_TEXT.get(state, state), style=Style(bold=True))
        text.append(" by ")
        text.append(sanitize(review.reviewer))
    if review is not None and review.note:
        text.append("\n")
        _field(text, "note", review.note)
    text.append("\n")
    _field(text, "formula", c.formula)
    text.append("\n")
    _field(text, "recomputed", c.recomputed)
    text.append("   ")
    text.append("reported ", style=LABEL)
    text.append(sanitize(c.reported) or "—")
    text.append("\n")
    _field(text, "convention", c.convention)
    text.append("\n")
    _field(text, "strength", c.strength)
    for s in c.suggestions:
        text.append("\n→ ", style=Style(color="magenta"))
        text.append(sanitize(s))
    return text
