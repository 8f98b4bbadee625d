"""Where a finished report's check stands: failing, dismissed in review, or neither.

The report writers (text, SARIF, GitHub) and the CI step (checker.ci) all ask these questions of
the report's check dicts, so they live beside the writers.
"""
from __future__ import annotations

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def is_active(c: dict) -> bool:
    """A finding that fails: inconsistent, not suppressed, not dismissed, not in the baseline."""
    if c.get("verdict") != "inconsistent" or c.get("suppressed"):
        return False
    if c.get("baseline") == "unchanged":
        return False
    return not is_dismissed(c)


def is_dismissed(c: dict) -> bool:
    """Dismissed as a false alarm in review, and the claim still reads as it did then."""
    review = c.get("review")
    return isinstance(review, dict) and review.get("verdict") == "dismissed" \
        and not review.get("changed_since_review")


def summarize(report: dict) -> None:
    """(Re)compute the report's summary from its checks, after any suppression, review or baseline."""
    checks = [c for d in report["documents"] for c in d["checks"]]
    flagged = [c for c in checks if c["verdict"] == "inconsistent"]
    active = [c for c in flagged if is_active(c)]
    s = report["summary"]
    s.update({"documents": len(report["documents"]), "checks": len(checks), "inconsistent": len(flagged),
              "errors": sum(1 for c in active if c["severity"] == "error"),
              "warnings": sum(1 for c in active if c["severity"] == "warning"),
              "suppressed": sum(1 for c in flagged if c.get("suppressed")),
              "dismissed": sum(1 for c in flagged if not c.get("suppressed") and is_dismissed(c)),
              "baselined": sum(1 for c in flagged if c.get("baseline") == "unchanged"),
              "failing": len(active)})
