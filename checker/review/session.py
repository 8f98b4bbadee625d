"""A review session: the queue, the reviewer, the store, and what each action does to them.

The Textual app only draws this and forwards keys; everything a key *means* (record a verdict,
undo, filter, jump to the next unreviewed, resume) lives here, so it is tested without a terminal
and stays the same whether it is driven by a key, the command palette or a test.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checker.review.queue import CHANGED, DONE, SKIPPED, Filter, Finding, order_findings, state_of
from checker.review.store import Review, ReviewStore, UndoResult


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the queue: an article heading (``finding`` None) or a finding."""

    finding: Finding | None
    heading: str = ""


@dataclass(frozen=True, slots=True)
class Progress:
    reviewed: int
    total: int
    skipped: int
    changed: int
    shown: int

    def line(self) -> str:
        """"7 of 23 reviewed" and what else the reviewer should know."""
        from checker.i18n import _

        parts = [_("{reviewed} of {total} reviewed").format(reviewed=self.reviewed, total=self.total)]
        if self.skipped:
            parts.append(_("{n} skipped").format(n=self.skipped))
        if self.changed:
            parts.append(_("{n} changed since review").format(n=self.changed))
        return " · ".join(parts)


class ReviewSession:
    """Findings of some articles under review by one reviewer, backed by one ``ReviewStore``."""

    def __init__(self, results, store: ReviewStore, *, reviewer: str, base: Path,
                 show_consistent: bool = False, filter_text: str = "") -> None:
        self.store = store
        self.reviewer = reviewer
        self.base = base
        self.findings = order_findings(results, base)
        self.fingerprints = frozenset(f.fingerprint for f in self.findings)
        #: digits of the largest line number: the queue's line column is exactly that wide
        self.line_digits = len(str(max((f.check.line for f in self.findings), default=1)))
        self.reviews: dict[str, Review] = store.all()
        self._data_version = store.data_version()
        self.show_consistent = show_consistent
        self.filter = Filter(filter_text)
        self.rows: list[Row] = []
        self._row_of: dict[str, int] = {}
        self.rebuild()

    # ----- the queue -----------------------------------------------------------------------

    def eligible(self, finding: Finding) -> bool:
        return finding.flagged or self.show_consistent

    def rebuild(self) -> None:
        """Recompute the visible rows (after a filter or the consistent toggle): O(findings)."""
        rows: list[Row] = []
        row_of: dict[str, int] = {}
        last_doc = None
        for f in self.findings:
            if not self.eligible(f) or (self.filter and not self.filter.matches(f)):
                continue
            if f.doc_index != last_doc:
                rows.append(Row(None, f.path))
                last_doc = f.doc_index
            row_of.setdefault(f.fingerprint, len(rows))
            rows.append(Row(f))
        self.rows, self._row_of = rows, row_of

    def set_filter(self, text: str) -> None:
        self.filter = Filter(text)
        self.rebuild()

    def toggle_consistent(self) -> None:
        self.show_consistent = not self.show_consistent
        self.rebuild()

    def row_of(self, fingerprint: str | None) -> int | None:
        return self._row_of.get(fingerprint) if fingerprint else None

    def finding_rows(self) -> int:
        return sum(1 for r in self.rows if r.finding is not None)

    def review(self, finding: Finding) -> Review | None:
        """The finding's review: by its claim identity, else (a database written before claim
        identities) by the check's fingerprint."""
        return self.reviews.get(finding.fingerprint) or self.reviews.get(finding.check.id)

    def state(self, finding: Finding) -> str:
        return state_of(finding, self.review(finding))

    def progress(self) -> Progress:
        reviewed = total = skipped = changed = 0
        for f in self.findings:
            # only inconsistent checks need a verdict: showing the consistent ones (key a) must not
            # turn "0 of 5 reviewed" into "0 of 3600 reviewed"
            if not f.flagged:
                continue
            total += 1
            s = self.state(f)
            reviewed += s in DONE
            skipped += s == SKIPPED
            changed += s == CHANGED
        return Progress(reviewed, total, skipped, changed, self.finding_rows())

    # ----- moving --------------------------------------------------------------------------

    def step(self, row: int | None, direction: int) -> int | None:
        """The next finding row from ``row`` in ``direction`` (+1/-1), headings skipped; stays put at the ends."""
        if not self.rows:
            return None
        if row is None:
            row = -1 if direction > 0 else len(self.rows)
        i = row + direction
        while 0 <= i < len(self.rows):
            if self.rows[i].finding is not None:
                return i
            i += direction
        return row if 0 <= row < len(self.rows) else self.step(None, -direction)

    def next_unreviewed(self, row: int | None) -> int | None:
        """The first row after ``row`` (wrapping around) still needing a verdict: an inconsistent
        check unreviewed, skipped, or changed since review.  None when everything shown is reviewed."""
        n = len(self.rows)
        start = -1 if row is None else row
        for k in range(1, n + 1):
            i = (start + k) % n
            f = self.rows[i].finding
            if f is not None and f.flagged and self.state(f) not in DONE:  # a consistent check needs none
                return i
        return None

    def resume_row(self) -> int | None:
        """Where the reviewer left off: the first finding still needing a verdict after the one they
        last worked on (gave a verdict or a note on), else from the top.

        A skip says "later": the skipped finding stays unreviewed (counted, and ``tab`` comes back to
        it) but the cursor goes past it.  A finding that still needs a verdict for another reason (a
        note written without a verdict, a claim changed since its verdict) is where work resumes."""
        last = self.row_of(self.store.last_fingerprint(self.reviewer))
        if last is None:
            start = None
        else:
            finding = self.rows[last].finding
            start = last if finding is not None and self.state(finding) == SKIPPED else last - 1
        found = self.next_unreviewed(start)
        if found is not None:
            return found
        return last if last is not None else self.step(None, +1)

    # ----- verdicts ------------------------------------------------------------------------

    def give_verdict(self, finding: Finding, verdict: str) -> Review:
        """Record ``verdict`` for ``finding``: committed to the database when this returns."""
        review = self.store.set_verdict(finding.fingerprint, verdict, reviewer=self.reviewer,
                                        signature=finding.signature, path=finding.path,
                                        rule=finding.check.rule, quote=finding.check.quote)
        self.reviews[finding.fingerprint] = review
        return review

    def write_note(self, finding: Finding, note: str | None) -> Review | None:
        """Write, replace or (empty) clear the note: committed when this returns."""
        review = self.store.set_note(finding.fingerprint, note, reviewer=self.reviewer,
                                     signature=finding.signature, path=finding.path,
                                     rule=finding.check.rule, quote=finding.check.quote)
        self._set(finding.fingerprint, review)
        return review

    def undo(self) -> UndoResult:
        """Undo this reviewer's last verdict on one of these findings (see ``ReviewStore.undo_last``)."""
        result = self.store.undo_last(self.reviewer, self.fingerprints)
        if result.fingerprint is not None:  # undone, or refused: then show the colleague's state
            self._set(result.fingerprint, result.review)
        return result

    def _set(self, fingerprint: str, review: Review | None) -> None:
        if review is None:
            self.reviews.pop(fingerprint, None)
        else:
            self.reviews[fingerprint] = review

    def sync(self) -> bool:
        """Reload the verdicts when another reviewer committed since: True when something changed."""
        version = self.store.data_version()
        if version == self._data_version:
            return False
        self._data_version = version
        reviews = self.store.all()
        changed = reviews != self.reviews
        self.reviews = reviews
        return changed

