"""The check pipeline end to end: paths in, one result per document out.

read → normalize → extract → assemble claims → evaluate rules.  Reports and the review app take
these results; they never call back into the stages.
"""
from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from checker.engine import evaluate
from checker.i18n import _, forced_locale, locale_for, using_locale
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

    def task(files: list[str]):
        return check_file if jobs <= 1 or not parallel.use_pool(files, jobs) else check_file_compact

    rule_dirs = tuple(rule_dirs)
    yield from _events(paths, rule_dirs, task, load_rulepack, (rule_dirs,), include=include, exclude=exclude,
                       root=root, conventions=conventions, debug=debug, jobs=jobs, progress=progress)


def iter_finished(paths: Iterable[str], rule_dirs: Iterable[str], known: Iterable[str], rules: Iterable[str], *,
                  encode: bool = False, include: Iterable[str] = (), exclude: Iterable[str] = (),
                  root: str | None = None, conventions: Iterable[str] | None = None, debug: bool | None = None,
                  jobs: int = 1, progress: bool | None = None
                  ) -> Iterator[tuple["FinishedDocument | None", str | None]]:
    """``iter_paths``, each document already finished where it was checked (``finish_file``): its
    report dict with rule selection (``rules`` of the ``known`` codes), inline suppressions and end
    positions, or only its JSON line when ``encode``.  What needs the whole run (review states,
    baseline, summary, the report around the documents) is left to the caller."""
    rule_dirs = tuple(rule_dirs)
    args = (rule_dirs, frozenset(known), frozenset(rules), encode)
    yield from _events(paths, rule_dirs, lambda files: finish_file, finishing_state, args, include=include,
                       exclude=exclude, root=root, conventions=conventions, debug=debug, jobs=jobs,
                       progress=progress)


def _events(paths, rule_dirs, choose_task, factory, args, *, include, exclude, root, conventions, debug, jobs,
            progress) -> Iterator[tuple[object, str | None]]:
    """Expand the paths and run ``choose_task(files)`` over them (checker.parallel), as events."""
    from checker import parallel

    saved = DEBUG
    globals()["DEBUG"] = DEBUG if debug is None else debug
    try:
        load_rulepack(rule_dirs)  # a bad pack is refused here, before any file is read or any worker starts
        files: list[str] = []
        for given in paths:
            try:
                files.extend(expand([given], include=include, exclude=exclude, root=root))
            except InputError as exc:
                yield None, str(exc)
        conventions = tuple(conventions) if conventions is not None else None
        with accepted_conventions(conventions):
            for found, errs in parallel.ordered_map(choose_task(files), files, factory, args, jobs=jobs,
                                                    conventions=conventions, on_died=_worker_died,
                                                    progress=progress):
                for r in found:
                    yield r, None
                for e in errs:
                    yield None, e
    finally:
        globals()["DEBUG"] = saved


@dataclass(slots=True)
class Finishing:
    """A worker's state for ``finish_file``: the rule pack and the run's rule choice."""
    pack: RulePack
    known: frozenset[str]
    rules: frozenset[str]
    encode: bool


def finishing_state(rule_dirs: tuple[str, ...], known: frozenset[str], rules: frozenset[str],
                    encode: bool) -> Finishing:
    """Built once per worker (checker.parallel): the rule choice comes from the parent, which has
    already refused an unknown rule code."""
    return Finishing(load_rulepack(rule_dirs), known, rules, encode)


@dataclass(slots=True)
class FinishedDocument:
    """One document checked and finished as far as it can be alone, as plain data (cheap to send
    between processes): ``document`` is the report's ``documents[i]`` (None when encoded), ``line``
    its JSON text (``encode``), ``summary`` its own counts and ``worst`` the highest severity rank of
    its failing checks (-1: none), enough for the exit code without the dict; ``language`` the
    document's, which the JSON report's ``locale`` needs when only the line is sent."""
    document: dict | None
    line: str | None
    summary: dict
    worst: int
    language: str | None = None


def finish_file(path: str, state: Finishing) -> tuple[list[FinishedDocument], list[str]]:
    """``check_file``, then each document finished where it was checked: its dict built, rule
    selection, inline suppressions, end positions (checker.ci.finish_document), and its JSON line
    when ``state.encode``.  A document whose finishing fails is one internal error line."""
    import json

    from checker.ci import SEVERITY_RANK, finish_document
    from checker.report.findings_json import document_dict
    from checker.report.sanitize import json_text
    from checker.report.status import is_active, summarize

    results, errors = check_file(path, state.pack)
    out: list[FinishedDocument] = []
    for r in results:
        try:
            lines = r.extraction.lines if r.extraction is not None else None  # built once, used thrice
            doc = document_dict(r, lines=lines)
            finish_document(doc, r.document, state.known, state.rules, lines)
            alone = {"documents": [doc], "summary": {}}
            summarize(alone)
            worst = max((SEVERITY_RANK.get(c["severity"], 0) for c in doc["checks"] if is_active(c)), default=-1)
            if state.encode:
                out.append(FinishedDocument(None, json_text(json.dumps(doc, ensure_ascii=False)),
                                            alone["summary"], worst, doc["language"]))
            else:
                out.append(FinishedDocument(doc, None, alone["summary"], worst))
        except Exception as exc:  # a bug in the checker: this document's error line, the others carry on
            errors.append(internal_error(r.document.path, exc, DEBUG))
    return out, errors


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
    return [], [_("{name}: internal error (the process checking it died); please report it").format(name=path)]


def internal_error(name: str, exc: BaseException, debug: bool = False) -> str:
    """``a.md: internal error (ZeroDivisionError: ...)``, plus the traceback when ``debug``."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    error = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__  # Python's words, as they are
    line = (_("{name}: internal error ({error}); please report it") if debug else
            _("{name}: internal error ({error}); please report it (--debug shows the traceback)")).format(
        name=name, error=error)
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
