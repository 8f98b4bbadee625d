"""Verdicts flowing out: into `checker check --format json` and into `checker review --export`.

No textual here (`checker check` imports this).  The check report gets a ``review`` object per
check that has one; a verdict given on a claim that reads differently now is marked
``changed_since_review`` rather than passed off as current.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from checker import __version__
from checker.review.identity import dict_key
from checker.review.store import Review, ReviewStore, check_signature, content_signature, default_db_path


def review_dict(review: Review, signature: str | None) -> dict:
    """The ``review`` object of a check in the JSON report (schema: report.schema.json)."""
    out = {"verdict": review.verdict or "unreviewed", "note": review.note, "reviewer": review.reviewer,
           "at": review.at}
    if signature is not None:
        out["changed_since_review"] = review.signature != signature
    return out


def report_hook(paths: Iterable[str], db: str | None) -> Callable[[object, dict], None] | None:
    """The ``extra_document_fields`` hook of ``build_report`` that adds review states, or None when
    there is no database (the default location is only used when it exists; an explicit ``db``
    must exist: ``ReviewStoreError`` otherwise)."""
    path = Path(db) if db else default_db_path(paths)
    if not db and not path.is_file():
        return None
    with ReviewStore(path, readonly=True) as store:
        reviews = store.all()

    def add_review(result, check: dict) -> None:
        # the claim's identity; a verdict recorded under the check's fingerprint (databases written
        # before claim identities, or by a tool that only has the report) still counts
        review = reviews.get(dict_key(check, result.document.text)) or reviews.get(check["id"])
        if review is not None:
            signature = content_signature(check["quote"], ((n["role"], n["text"]) for n in check["numbers"]))
            check["review"] = review_dict(review, signature)

    return add_review


def export(store: ReviewStore, findings, destination: str) -> int:
    """Write every verdict of the database (and its full history) as JSON; returns how many.

    ``findings`` are the current checks of the articles under review: each verdict says whether
    its claim is still there as reviewed (``current``), reads differently (``changed since
    review``), or is not in these articles (``not found``: kept, never dropped).
    """
    by_fp = {}
    for f in findings:
        by_fp.setdefault(f.fingerprint, f)
    for f in findings:  # verdicts recorded under the check's fingerprint (older databases)
        by_fp.setdefault(f.check.id, f)
    reviews = []
    for review in sorted(store.all().values(), key=lambda r: (r.path, r.fingerprint)):
        f = by_fp.get(review.fingerprint)
        entry = {"fingerprint": review.fingerprint, "path": review.path, "rule": review.rule, "quote": review.quote,
                 **review_dict(review, None), "signature": review.signature}
        if f is None:
            entry["status"] = "not found"
        else:
            entry["status"] = "current" if check_signature(f.check) == review.signature else "changed since review"
            entry["line"] = f.check.line
        reviews.append(entry)
    out = {"schema_version": 1, "tool": {"name": "checker", "version": __version__},
           "database": str(store.path), "reviews": reviews, "history": store.history()}
    text = json.dumps(out, ensure_ascii=False, indent=1) + "\n"
    if destination == "-":
        import sys

        sys.stdout.write(text)
    else:
        from checker.report.output import write_text

        write_text(destination, text)  # atomic, regular files only: OutputError (one line) otherwise
    return len(reviews)
