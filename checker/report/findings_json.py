"""The JSON findings report (contract: checker/schemas/report.schema.json, schema_version 1)."""
from __future__ import annotations

from checker import __version__
from checker.model import Check
from checker.report.mentions import number
from checker.report.status import summarize
from checker.report.wording import report_locale


def check_dict(c: Check) -> dict:
    return {
        "id": c.id,
        "rule": c.rule,
        "verdict": c.verdict,
        "severity": c.severity,
        "span": {"start": c.start, "end": c.end},
        "line": c.line,
        "column": c.column,
        "quote": c.quote,
        "numbers": [
            {"text": r.mention.text, "value": number(r.mention.value), "role": r.role,
             "span": {"start": r.mention.start, "end": r.mention.end},
             "kind": r.mention.kind, "unit": r.mention.unit, "qualifier": r.mention.qualifier}
            for r in c.numbers
        ],
        "formula": c.formula,
        "recomputed": c.recomputed,
        "reported": c.reported,
        "convention": c.convention,
        "strength": c.strength,
        "message": c.message,
        "message_en": c.message_en or c.message,
        "suggestions": list(c.suggestions),
    }


def build_report(results, errors: list[str] = (), extra_document_fields=None) -> dict:
    """The report of a run; ``extra_document_fields(result, check_dict)`` may add fields (review state).

    ``locale`` is the language of the report's own labels (``wording.report_locale``): the run's
    forced locale, else the articles' one language, else English; the text and HTML reports use it."""
    report = assemble_report([document_dict(r, extra_document_fields) for r in results], errors)
    summarize(report)
    return report


def document_dict(r, extra_document_fields=None, lines=None) -> dict:
    """One result as the report's ``documents[i]`` object (before the run is finished).

    Separate from ``build_report`` so that a worker process builds its documents' dicts itself and
    sends back plain data (checker.pipeline.finish_file): the parent only assembles them.  ``lines``:
    the document's line index when the caller has it (the extraction's), so it is not built again."""
    from checker.readers.locate import SourceLines, location

    checks = []
    if r.document.source_map is None:
        lines = None
    elif not isinstance(lines, SourceLines):
        lines = SourceLines(r.document)
    for c in r.checks:
        d = check_dict(c)
        if lines is not None:  # a converted article: where the finding is in the file opened
            where = location(r.document, c.start, lines)
            if where:
                d["location"] = where
        if extra_document_fields:
            extra_document_fields(r, d)
        checks.append(d)
    return {
        "path": r.document.path,
        "sha256": r.document.sha256,
        "language": r.document.language,
        "encoding": r.document.encoding,
        "checks": checks,
        "errors": list(r.errors),
    }


def assemble_report(documents: list[dict], errors: list[str] = ()) -> dict:
    """The report around already built document dicts, in this order (its summary still empty:
    ``summarize`` fills it once the run is finished)."""
    return {
        "schema_version": 1,
        "tool": {"name": "checker", "version": __version__},
        "locale": report_locale({"documents": documents}),
        "documents": documents,
        "errors": list(errors),
        "summary": {},
    }
