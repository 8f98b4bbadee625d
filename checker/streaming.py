"""`checker check --format jsonl`: one finished JSON document a line, as each is checked.

Why: the JSON report holds every document until the end, so memory grows with the corpus (7–8
bytes per input byte measured); a stream holds one document at a time.  Each line is exactly the
report's ``documents[i]`` object (report.schema.json), finished the same way as the report — rule
selection, end positions, inline suppressions, review states, baseline — and the last line is the
rest of the report: ``{"schema_version", "tool", "errors", "summary"[, "baseline"]}``, so a
consumer can tell a complete stream from a cut one.

The baseline is matched across the whole stream as across a report: an entry used by one document
is not used again by a later one, and ``absent`` counts the entries of checked documents left over.
"""
from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from checker import __version__

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


def stream_checks(settings, out: TextIO, on_error: Callable[[str], None]) -> tuple[dict, int]:
    """Check the articles the settings choose, writing one line per document to ``out`` as each is
    finished, then the closing line.  ``on_error`` gets each input error as it happens.  Returns the
    closing object and the exit code (0, 1 or 2, as ``checker check``)."""
    from checker import ci
    from checker.pipeline import iter_finished, iter_paths
    from checker.report.findings_json import assemble_report
    from checker.report.sanitize import json_text
    from checker.report.status import is_active, summarize
    from checker.review.export import report_hook
    from checker.rulepack import load_rulepack

    files = settings.paths
    if settings.changed_since:
        files = ci.changed_files(settings.changed_since, settings.paths, settings.include, settings.exclude,
                                 settings.root)
    pack = load_rulepack(tuple(settings.rule_dirs))
    ci.selected_rules(settings, set(pack.rules) | {"suppression"})  # an unknown rule code: refused before any line
    baseline = StreamBaseline(settings.baseline) if settings.baseline else None
    per_document = dataclasses.replace(settings, baseline=None)
    hook = report_hook(files, settings.db) if files else None
    summary = dict.fromkeys(_COUNTS, 0)
    errors: list[str] = []
    findings = 0
    if hook is not None:  # review states need each document's text: finished here, from the results
        events = _finished_here(iter_paths(files, settings.rule_dirs, include=settings.include,
                                           exclude=settings.exclude, root=settings.root,
                                           conventions=settings.conventions, jobs=settings.jobs),
                                hook, pack, per_document)
    else:  # finished (and, without a baseline, encoded) where each document was checked
        known, rules = ci.rule_choice(settings, pack)
        events = iter_finished(files, settings.rule_dirs, known, rules, encode=baseline is None,
                               include=settings.include, exclude=settings.exclude, root=settings.root,
                               conventions=settings.conventions, jobs=settings.jobs)
    threshold = None if settings.fail_on == "never" else ci.SEVERITY_RANK[settings.fail_on]
    for finished, error in events:
        if finished is None:
            errors.append(error)
            on_error(error)
            continue
        line, counts, worst = finished.line, finished.summary, finished.worst
        if line is None:
            report = assemble_report([finished.document])
            if baseline is not None:
                baseline.apply(report)
            summarize(report)
            counts = report["summary"]
            worst = max((ci.SEVERITY_RANK.get(c["severity"], 0) for c in finished.document["checks"]
                         if is_active(c)), default=-1)
            line = json_text(json.dumps(finished.document, ensure_ascii=False))
        for k in _COUNTS:
            summary[k] += counts.get(k, 0)
        if threshold is not None and worst >= threshold:
            findings = 1
        out.write(line + "\n")
    closing = {"schema_version": 1, "tool": {"name": "checker", "version": __version__}, "errors": errors,
               "summary": summary}
    if baseline is not None:
        closing["baseline"] = baseline.stats()
    out.write(json_text(json.dumps(closing, ensure_ascii=False)) + "\n")
    out.flush()
    return closing, 2 if errors else findings


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
