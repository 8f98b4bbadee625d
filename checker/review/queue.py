"""What the reviewer sees, in which order: findings ranked and grouped, filtered, with their state.

Order: articles one after the other (a reviewer reads each article once), the article with the
most serious finding first; inside an article, inconsistent before consistent, errors before
warnings, the most certain arithmetic (exact recomputation) before approximate or weak tests, then
by position in the text.  No textual here: the order is tested without a terminal.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.model import Check
from checker.report.status import SEVERITY_RANK
from checker.review.identity import check_key
from checker.review.store import Review, check_signature

#: Review states of a finding, as shown in the queue.
UNREVIEWED, CONFIRMED, DISMISSED, SKIPPED, CHANGED = "unreviewed", "confirmed", "dismissed", "skipped", "changed"
#: States that count as reviewed in the progress ("7 of 23 reviewed").
DONE = frozenset({CONFIRMED, DISMISSED})


#: How a check's ``strength`` begins, per certainty rank, in every language the checker writes
#: (the strength is localized with the findings: checker/locale); matched case-insensitively.
_STRENGTH_PREFIXES = ((3, ("untestable", "无法核验", "按现有精度无法核验")),
                      (2, ("weak", "弱")),
                      (0, ("exact", "strong", "精确", "强")))


def certainty_rank(strength: str | None) -> int:
    """0 exact or strong, 1 interval/approximate, 2 weak, 3 untestable (from ``Check.strength``).

    No strength means a logical test (a part larger than its whole, a direction word against its
    numbers), which is as certain as arithmetic gets.
    """
    if strength is None:
        return 0
    s = strength.lower()
    for rank, prefixes in _STRENGTH_PREFIXES:
        if s.startswith(prefixes):
            return rank
    return 1


@dataclass(slots=True)
class Finding:
    """One check of one article, ready for review."""

    check: Check
    text: str  # the article's decoded text (shared, not copied)
    path: str  # shown to the reviewer and stored with the verdict: relative to the review's base directory
    signature: str
    doc_index: int
    #: the claim's identity in the review database (checker.review.identity): the rule, roles and
    #: masked words, not the literals, so a corrected number keeps its verdict as "changed"
    key: str = ""
    #: where a PDF or DOCX reader finds the claim ("page 2", "table 1 row 3 col 2"); "" when the
    #: line is the place (plain text, Markdown, HTML)
    place: str = ""

    @property
    def fingerprint(self) -> str:
        return self.key or self.check.id

    @property
    def flagged(self) -> bool:
        return self.check.verdict == "inconsistent"

    def rank(self) -> tuple:
        c = self.check
        return (0 if self.flagged else 1, -SEVERITY_RANK.get(c.severity, -1), certainty_rank(c.strength), c.start)


def display_path(path: str, base: Path) -> str:
    """``path`` relative to ``base`` when it lies inside it (stable across machines), else as given."""
    try:
        return Path(path).resolve().relative_to(base).as_posix()
    except (ValueError, OSError):
        return path


def order_findings(results, base: Path) -> list[Finding]:
    """Every check of every result (consistent ones too), in review order."""
    groups: list[list[Finding]] = []
    for i, r in enumerate(results):
        shown = display_path(r.document.path, base)
        group = [Finding(c, r.document.text, shown, check_signature(c), i, check_key(c, r.document.text),
                         _place(r.document, c.start)) for c in r.checks]
        group.sort(key=Finding.rank)
        if group:
            groups.append(group)
    groups.sort(key=lambda g: (g[0].rank()[:3], g[0].doc_index))
    return [f for g in groups for f in g]


def _place(document, offset: int) -> str:
    """The page, paragraph or table cell of a PDF or DOCX offset ("" for documents read by line)."""
    smap = document.source_map
    if smap is None or smap.kind != "place":
        return ""
    from checker.readers.locate import location

    where = location(document, offset)
    return where["text"] if where else ""


def state_of(finding: Finding, review: Review | None) -> str:
    """The finding's review state; a verdict given on a claim that now reads differently is CHANGED."""
    if review is None or review.verdict is None:
        return UNREVIEWED
    if review.signature != finding.signature:
        return CHANGED
    return review.verdict


class Filter:
    """A reviewer's filter: words that must each match the rule code or the document path.

    ``rate`` keeps the rate checks, ``zh_district`` one article, ``rule:sum doc:en`` both;
    matching is case-insensitive, a rule word matches the whole code or its start.
    """

    def __init__(self, text: str = "") -> None:
        self.text = text.strip()
        self._terms: list[tuple[str, str]] = []
        for word in self.text.lower().split():
            field, sep, value = word.partition(":")
            if sep and field in ("rule", "doc"):
                self._terms.append((field, value))
            else:
                self._terms.append(("any", word))

    def __bool__(self) -> bool:
        return bool(self._terms)

    def matches(self, finding: Finding) -> bool:
        rule, path = finding.check.rule.lower(), finding.path.lower()
        for field, value in self._terms:
            in_rule = rule.startswith(value)
            in_doc = value in path
            if field == "rule" and not in_rule or field == "doc" and not in_doc:
                return False
            if field == "any" and not (in_rule or in_doc):
                return False
        return True
