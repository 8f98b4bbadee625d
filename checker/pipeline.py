"""The check pipeline end to end: paths in, one result per document out.

read → normalize → extract → assemble claims → evaluate rules.  Reports and the review app take
these results; they never call back into the stages.
"""
from __future__ import annotations

import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.engine import evaluate
from checker.extract import Extraction, extract
from checker.model import Check, Document
from checker.precision import accepted_conventions
from checker.reader import InputError, expand, read_documents
from checker.rulepack import RulePack, load_rulepack

#: Add the traceback to the error line of a document that failed inside the checker (``--debug``).
DEBUG = False


@dataclass(slots=True)
class DocumentResult:
    document: Document
    checks: list[Check]
    errors: list[str] = field(default_factory=list)
    extraction: Extraction | None = None


def check_document(document: Document, pack: RulePack) -> DocumentResult:
    ex = extract(document)
    return DocumentResult(document, evaluate(ex, pack), [], ex)


def check_paths(paths: Iterable[str], rule_dirs: Iterable[str] = (), *, include: Iterable[str] = (),
                exclude: Iterable[str] = (), root: str | None = None,
                conventions: Iterable[str] | None = None, debug: bool | None = None
                ) -> tuple[list[DocumentResult], list[str]]:
    """Check every article under ``paths``.

    Returns the results and the one-line errors of inputs that could not be read (those documents
    are skipped, the others are still checked: nothing is lost).  ``include``/``exclude`` choose the
    articles (reader.expand); ``conventions`` narrows the accepted rounding conventions for this
    run (precision.accepted_conventions; None: the default conventions).

    Fault isolation: an unexpected exception while reading or checking one document becomes one
    error line naming the file and the internal error (with the traceback when ``debug``, default
    the module's DEBUG), and the other documents are still checked.
    """
    debug = DEBUG if debug is None else debug
    pack = load_rulepack(tuple(rule_dirs))
    results: list[DocumentResult] = []
    errors: list[str] = []
    files: list[str] = []
    for given in paths:
        try:
            files.extend(expand([given], include=include, exclude=exclude, root=root))
        except InputError as exc:
            errors.append(str(exc))
    with accepted_conventions(conventions):
        for path in files:
            name = path
            try:
                for doc in read_documents([path]):
                    name = doc.path
                    results.append(check_document(doc, pack))
            except InputError as exc:
                errors.append(str(exc))
            except Exception as exc:  # a bug in the checker: report it for this document, carry on
                errors.append(internal_error(name, exc, debug))
    return results, errors


def internal_error(name: str, exc: BaseException, debug: bool = False) -> str:
    """``a.md: internal error (ZeroDivisionError: ...)``, plus the traceback when ``debug``."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    line = f"{name}: internal error ({type(exc).__name__}{': ' + detail if detail else ''}); " \
           f"please report it{'' if debug else ' (--debug shows the traceback)'}"
    if debug:
        line += "\n" + "".join(traceback.format_exception(exc)).rstrip()
    return line
