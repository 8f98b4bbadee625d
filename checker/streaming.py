"""`checker check --format jsonl`: one finished JSON document a line, as each is checked.

Why: the JSON report holds every document until the end, so memory grows with the corpus (7–8
bytes per input byte measured); a stream holds one document at a time.  Each line is exactly the
report's ``documents[i]`` object (report.schema.json), finished the same way as the report — rule
selection, end positions, inline suppressions, review states, baseline — and the last line is the
rest of the report: ``{"schema_version", "tool", "errors", "summary"[, "baseline"]}``, so a
consumer can tell a complete stream from a cut one.

The baseline is matched across the whole stream as across a report: an entry used by one document
is not used again by a later one, and ``absent`` counts the entries of checked documents left over.

``CheckStream`` is the part every streamed format shares: `checker check --format json` and
``--format sarif`` (checker.report.streamed) write their reports from it as well, so their memory
stays flat too.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from checker import __version__

#: What the terminal summary of ``--output`` reads of a failing finding (findings_text.render_summary).
_SUMMARY_FIELDS = ("verdict", "severity", "rule", "message", "line", "column", "location")
#: Summary fields that add up over documents (report.status.summarize computes the same ones).
_COUNTS = ("documents", "checks", "inconsistent", "errors", "warnings", "suppressed", "dismissed", "baselined",
           "failing")


class StreamBaseline:
    """A baseline applied one document at a time, consuming entries as the whole-report apply does."""

    def __init__(self, path: str) -> None:
        from checker.baseline import BaselineError, load

        p = Path(path)
        if not p.is_file():
            raise BaselineError(f"{path}: baseline file not found")
        self.baseline = load(p)
        self.remaining = list(self.baseline.entries)
        self.base_dir = self.baseline.path.resolve().parent
        self.checked: set[str] = set()
        self.matched = 0

    def apply(self, report: dict) -> None:
        from checker.baseline import Baseline, apply, relative
        from checker.report.status import is_active

        stats = apply(report, Baseline(self.baseline.path, list(self.remaining)), is_active)
        self.matched += stats["matched"]
        for doc in report["documents"]:
            rel = relative(doc["path"], self.base_dir)
            self.checked.add(rel)
            for c in doc["checks"]:  # the entry apply chose: same id, this path first, else the first
                if c.get("baseline") != "unchanged":
                    continue
                same = [e for e in self.remaining if e["id"] == c["id"]]
                used = next((e for e in same if e.get("path") == rel), same[0])
                self.remaining.remove(used)

    def stats(self) -> dict:
        absent = sum(1 for e in self.remaining if e.get("path") in self.checked)
        return {"file": str(self.baseline.path), "entries": len(self.baseline.entries), "matched": self.matched,
                "absent": absent}


@dataclass(slots=True)
class Piece:
    """One finished document of a stream: its report dict (``documents[i]``), its compact JSON text
    (the jsonl line, also the JSON report's item), or both, as ``CheckStream`` was asked."""
    document: dict | None
    line: str | None
    language: str | None


class CheckStream:
    """The finished documents of a run, one at a time in input order, then the run's totals.

    What every streamed format shares (jsonl here, JSON and SARIF in checker.report.streamed): the
    files the settings choose, each document finished as ``checker check`` finishes it (where it was
    checked, or here when review states need its text), the baseline matched across the stream,
    the summary summed, the errors and the exit code.  Only the per-document pieces asked for are
    made: ``document`` the dict, ``line`` the JSON text (made in the worker when nothing here needs
    the dict).  ``keep_failing`` keeps the failing findings and document errors for the terminal
    summary of ``--output`` (``summary_report``): a small dict per failing finding, not the documents.
    Constructing it refuses bad settings (rule codes, baseline file, review database) before any
    document is read."""

    def __init__(self, settings, on_error: Callable[[str], None], *, document: bool = False, line: bool = True,
                 keep_failing: bool = False) -> None:
        from checker import ci
        from checker.pipeline import iter_finished, iter_paths
        from checker.review.export import report_hook
        from checker.rulepack import load_rulepack

        files = settings.paths
        if settings.changed_since:
            files = ci.changed_files(settings.changed_since, settings.paths, settings.include, settings.exclude,
                                     settings.root)
        self.pack = load_rulepack(tuple(settings.rule_dirs))
        ci.selected_rules(settings, set(self.pack.rules) | {"suppression"})  # an unknown rule code: refused now
        self.baseline = StreamBaseline(settings.baseline) if settings.baseline else None
        hook = report_hook(list(files), settings.db) if files or settings.db else None
        self.want_document, self.want_line, self.keep_failing = document or keep_failing, line, keep_failing
        self.on_error = on_error
        self.summary = dict.fromkeys(_COUNTS, 0)
        self.errors: list[str] = []
        self.languages: set[str | None] = set()
        self.failing: list[dict] = []
        self.findings = 0
        self.threshold = None if settings.fail_on == "never" else ci.SEVERITY_RANK[settings.fail_on]
        per_document = dataclasses.replace(settings, baseline=None)
        if hook is not None:  # review states need each document's text: finished here, from the results
            self._events = _finished_here(iter_paths(files, settings.rule_dirs, include=settings.include,
                                                     exclude=settings.exclude, root=settings.root,
                                                     conventions=settings.conventions, jobs=settings.jobs),
                                          hook, self.pack, per_document)
        else:  # finished (and, when only the line is wanted, encoded) where each document was checked
            known, rules = ci.rule_choice(settings, self.pack)
            encode = self.baseline is None and not self.want_document
            self._events = iter_finished(files, settings.rule_dirs, known, rules, encode=encode,
                                         include=settings.include, exclude=settings.exclude, root=settings.root,
                                         conventions=settings.conventions, jobs=settings.jobs)

    def __iter__(self) -> Iterator[Piece]:
        from checker import ci
        from checker.report.findings_json import assemble_report
        from checker.report.sanitize import json_text
        from checker.report.status import is_active, summarize

        for finished, error in self._events:
            if finished is None:
                self.errors.append(error)
                self.on_error(error)
                continue
            doc, line, counts, worst = finished.document, finished.line, finished.summary, finished.worst
            language = finished.language
            if doc is not None:
                language = doc["language"]
                report = assemble_report([doc])
                if self.baseline is not None:
                    self.baseline.apply(report)
                summarize(report)
                counts = report["summary"]
                active = [c for c in doc["checks"] if is_active(c)]
                worst = max((ci.SEVERITY_RANK.get(c["severity"], 0) for c in active), default=-1)
                if self.keep_failing and (active or doc["errors"]):
                    self.failing.append({"path": doc["path"], "checks": [{k: c[k] for k in _SUMMARY_FIELDS if k in c}
                                                                          for c in active],
                                         "errors": list(doc["errors"])})
                if self.want_line:
                    line = json_text(json.dumps(doc, ensure_ascii=False))
            for k in _COUNTS:
                self.summary[k] += counts.get(k, 0)
            if self.threshold is not None and worst >= self.threshold:
                self.findings = 1
            self.languages.add(language)
            yield Piece(doc if self.want_document else None, line if self.want_line else None, language)

    @property
    def code(self) -> int:
        """The exit code of the run so far (0, 1 or 2, as ``checker check``)."""
        return 2 if self.errors else self.findings

    def baseline_stats(self) -> dict | None:
        return self.baseline.stats() if self.baseline is not None else None

    def closing(self) -> dict:
        """The jsonl stream's last line: the report without its documents."""
        closing = {"schema_version": 1, "tool": {"name": "checker", "version": __version__}, "errors": self.errors,
                   "summary": self.summary}
        if self.baseline is not None:
            closing["baseline"] = self.baseline.stats()
        return closing

    def locale(self) -> str:
        """The report's ``locale``, as ``assemble_report`` gives it over all the documents."""
        from checker.report.wording import report_locale

        return report_locale({"documents": [{"language": lang} for lang in sorted(self.languages, key=str)]})

    def summary_report(self) -> dict:
        """A report of only the failing findings (``keep_failing``), the errors, summary and baseline:
        what the terminal summary of ``--output`` (report.findings_text.render_summary) prints."""
        report = {"locale": self.locale(), "documents": self.failing, "errors": self.errors, "summary": self.summary}
        if self.baseline is not None:
            report["baseline"] = self.baseline.stats()
        return report


def stream_checks(settings, out: TextIO, on_error: Callable[[str], None]) -> tuple[dict, int]:
    """Check the articles the settings choose, writing one line per document to ``out`` as each is
    finished, then the closing line.  ``on_error`` gets each input error as it happens.  Returns the
    closing object and the exit code (0, 1 or 2, as ``checker check``)."""
    from checker.report.sanitize import json_text

    stream = CheckStream(settings, on_error, line=True)
    for piece in stream:
        out.write(piece.line + "\n")
    closing = stream.closing()
    out.write(json_text(json.dumps(closing, ensure_ascii=False)) + "\n")
    out.flush()
    return closing, stream.code


def _finished_here(events, hook, pack, settings):
    """``iter_paths`` events as ``FinishedDocument`` ones, each document finished in this process
    (with the review hook, which needs the document's text)."""
    from checker import ci
    from checker.pipeline import FinishedDocument
    from checker.report.findings_json import build_report

    for result, error in events:
        if result is None:
            yield None, error
            continue
        report = build_report([result], [], extra_document_fields=hook)
        ci.finish(report, [result], pack, settings)
        yield FinishedDocument(report["documents"][0], None, {}, -1), None
