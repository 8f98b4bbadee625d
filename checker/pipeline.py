"""The check pipeline end to end: paths in, one result per document out.

read → normalize → extract → assemble claims → evaluate rules.  Reports and the review app take
these results; they never call back into the stages.
"""
from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from checker.engine import evaluate
from checker.i18n import forced_locale, locale_for, using_locale
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
    """One document's checks, their messages in the run's forced locale, else the document's language."""
    ex = extract(document)
    with using_locale(locale_for(document.language, forced_locale())):
        checks = evaluate(ex, pack)
    return DocumentResult(document, checks, [], ex)


def check_paths(paths: Iterable[str], rule_dirs: Iterable[str] = (), *, include: Iterable[str] = (),
                exclude: Iterable[str] = (), root: str | None = None,
                conventions: Iterable[str] | None = None, debug: bool | None = None, jobs: int = 1
                ) -> tuple[list[DocumentResult], list[str]]:
    """Check every article under ``paths``.

    Returns the results and the one-line errors of inputs that could not be read (those documents
    are skipped, the others are still checked: nothing is lost).  ``include``/``exclude`` choose the
    articles (reader.expand); ``conventions`` narrows the accepted rounding conventions for this
    run (precision.accepted_conventions; None: the default conventions).  ``jobs`` > 1 checks the
    files in that many processes (checker.parallel; small runs stay in-process): the results, in
    input order, and the errors are the same as with 1, but carry no ``extraction``.

    Fault isolation: an unexpected exception while reading or checking one document becomes one
    error line naming the file and the internal error (with the traceback when ``debug``, default
    the module's DEBUG), and the other documents are still checked.
    """
    results: list[DocumentResult] = []
    errors: list[str] = []
    for result, error in iter_paths(paths, rule_dirs, include=include, exclude=exclude, root=root,
                                    conventions=conventions, debug=debug, jobs=jobs):
        if result is not None:
            results.append(result)
        else:
            errors.append(error)
    return results, errors


def iter_paths(paths: Iterable[str], rule_dirs: Iterable[str] = (), *, include: Iterable[str] = (),
               exclude: Iterable[str] = (), root: str | None = None, conventions: Iterable[str] | None = None,
               debug: bool | None = None, jobs: int = 1, progress: bool | None = None
               ) -> Iterator[tuple[DocumentResult | None, str | None]]:
    """``check_paths`` one event at a time, in input order: ``(result, None)`` for a document checked,
    ``(None, error line)`` for an input that was not.  Nothing is kept: a stream of any length
    (``check --format jsonl``) runs in flat memory."""
    from checker import parallel

    saved = DEBUG
    globals()["DEBUG"] = DEBUG if debug is None else debug
    try:
        rule_dirs = tuple(rule_dirs)
        load_rulepack(rule_dirs)  # a bad pack is refused here, before any file is read or any worker starts
        files: list[str] = []
        for given in paths:
            try:
                files.extend(expand([given], include=include, exclude=exclude, root=root))
            except InputError as exc:
                yield None, str(exc)
        conventions = tuple(conventions) if conventions is not None else None
        task = check_file if jobs <= 1 or not parallel.use_pool(files, jobs) else check_file_compact
        with accepted_conventions(conventions):
            for found, errs in parallel.ordered_map(task, files, load_rulepack, (rule_dirs,), jobs=jobs,
                                                    conventions=conventions, on_died=_worker_died,
                                                    progress=progress):
                for r in found:
                    yield r, None
                for e in errs:
                    yield None, e
    finally:
        globals()["DEBUG"] = saved


def check_file(path: str, pack: RulePack) -> tuple[list[DocumentResult], list[str]]:
    """The results and error lines of one file (or stdin): the unit of work of a run, in-process or
    in a worker, so both report exactly the same."""
    results: list[DocumentResult] = []
    name = path
    try:
        for doc in read_documents([path]):
            name = doc.path
            results.append(check_document(doc, pack))
    except InputError as exc:
        return results, [str(exc)]
    except Exception as exc:  # a bug in the checker: report it for this document, carry on
        return results, [internal_error(name, exc, DEBUG)]
    return results, []


def check_file_compact(path: str, pack: RulePack) -> tuple[list[DocumentResult], list[str]]:
    """``check_file`` for a worker: without the extraction (normalized text, line index, mentions),
    which no report needs and which would double what is sent back to the parent."""
    results, errors = check_file(path, pack)
    for r in results:
        r.extraction = None
    return results, errors


def _worker_died(path: str) -> tuple[list[DocumentResult], list[str]]:
    return [], [f"{path}: internal error (the process checking it died); please report it"]


def internal_error(name: str, exc: BaseException, debug: bool = False) -> str:
    """``a.md: internal error (ZeroDivisionError: ...)``, plus the traceback when ``debug``."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    line = f"{name}: internal error ({type(exc).__name__}{': ' + detail if detail else ''}); " \
           f"please report it{'' if debug else ' (--debug shows the traceback)'}"
    if debug:
        line += "\n" + "".join(traceback.format_exception(exc)).rstrip()
    return line


def extract_file(path: str, _state: object = None) -> tuple[list[Extraction], list[str]]:
    """The extractions of one file (``checker extract``'s unit of work, in-process or in a worker);
    an unreadable file is its one error line."""
    try:
        return [extract(doc) for doc in read_documents([path])], []
    except InputError as exc:
        return [], [str(exc)]


def no_state() -> None:
    """The worker state of ``extract_file``: none (extraction needs no rule pack)."""
