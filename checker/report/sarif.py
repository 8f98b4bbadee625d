"""SARIF 2.1.0 output of `checker check --format sarif` (for code scanning, e.g. GitHub's upload-sarif).

One ``reportingDescriptor`` per rule of the pack (and the ``suppression`` meta rule) with its
explanation; one result per inconsistent finding that is not in the baseline, located by line and
column (columns count Unicode code points, ``columnKind`` says so; ``endColumn`` is the column just
past the end, as SARIF defines it), with the check's fingerprint in ``partialFingerprints``.
Findings suppressed inline carry ``suppressions`` of kind ``inSource``; findings dismissed in review
one of kind ``external``.  Artifact URIs are relative to the current directory (``%SRCROOT%``), with
forward slashes.  Validated in the tests against the official OASIS schema
(tests/data/sarif-schema-2.1.0.json).
"""
from __future__ import annotations

import os
from pathlib import Path

from checker import __version__
from checker.report import sanitize
from checker.report.status import is_dismissed

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "checkerFingerprint/v1"


def artifact_location(path: str, cwd: str | None = None) -> dict:
    """``{"uri": ..., "uriBaseId": "SRCROOT"}`` relative to ``cwd`` (default: the current directory)."""
    if path == "-":
        return {"uri": "stdin"}
    base = os.path.abspath(cwd or os.getcwd())
    full = os.path.abspath(path)
    rel = os.path.relpath(full, base) if os.path.splitdrive(full)[0] == os.path.splitdrive(base)[0] else full
    if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel):
        return {"uri": _file_url(full)}
    return {"uri": sanitize.file_uri(rel.replace(os.sep, "/")), "uriBaseId": "SRCROOT"}


def _file_url(absolute: str) -> str:
    """A file: URL of an absolute path, any bytes in its name percent-encoded."""
    posix = Path(absolute).as_posix()
    return "file://" + ("" if posix.startswith("/") else "/") + sanitize.file_uri(posix)


def _region(c: dict) -> dict:
    region = {"startLine": c["line"], "startColumn": c["column"]}
    if c.get("end_line"):
        region["endLine"] = c["end_line"]
        region["endColumn"] = max(c["end_column"], 1)
    if c.get("quote"):
        region["snippet"] = {"text": c["quote"]}
    return region


def _location(c: dict, artifact: dict) -> dict:
    """A result's location: a region (line, column) in the file, or for a PDF or DOCX article (no
    lines of its own) the file and a logical location naming the page, paragraph or table cell."""
    where = c.get("location")
    if where and "line" not in where:
        kind = "page" if "page" in where else "tableCell" if "table" in where else "paragraph"
        return {"physicalLocation": {"artifactLocation": dict(artifact)},
                "logicalLocations": [{"name": where["text"], "kind": kind}]}
    return {"physicalLocation": {"artifactLocation": dict(artifact), "region": _region(c)}}


def _message(c: dict) -> str:
    text = c["message"]
    if c.get("suggestions"):
        text += "\n" + "\n".join("→ " + s for s in c["suggestions"])
    return text


def rule_descriptor(rule: dict) -> dict:
    help_text = rule["explanation"]
    examples = list(rule.get("examples") or [])
    if examples:
        help_text += "\n\nExamples:\n" + "\n".join("- " + e for e in examples)
    props: dict = {"tags": ["statistics", "fact-check"]}
    if rule.get("formula"):
        props["formula"] = rule["formula"]
    return {
        "id": rule["code"],
        "name": rule["name"],
        "shortDescription": {"text": rule["name"]},
        "fullDescription": {"text": rule["explanation"]},
        "help": {"text": help_text, "markdown": help_text.replace("\n- ", "\n* ")},
        "defaultConfiguration": {"level": LEVEL.get(rule["severity"], "warning")},
        "properties": props,
    }


def build_sarif(report: dict, rules: list[dict], cwd: str | None = None, exit_code: int | None = None) -> dict:
    """The SARIF log of a finished report (checker.ci.finish); ``rules`` as (code, name, severity,
    explanation, examples, formula) dicts."""
    index = rule_index(rules)
    with_baseline = "baseline" in report
    results = [r for doc in report["documents"] for r in document_results(doc, index, with_baseline, cwd)]
    return sarif_log(report, rules, results, cwd, exit_code)


def rule_index(rules: list[dict]) -> dict[str, int]:
    """Each rule code's position in the driver's ``rules`` (a result's ``ruleIndex``)."""
    return {r["code"]: i for i, r in enumerate(rules)}


def document_results(doc: dict, index: dict[str, int], with_baseline: bool, cwd: str | None = None) -> list[dict]:
    """The SARIF results of one finished document of the report, in its order.  Separate from
    ``build_sarif`` so that a streamed log (checker.report.streamed) is written document by document."""
    results = []
    location = artifact_location(doc["path"], cwd)
    for c in doc["checks"]:
        if c["verdict"] != "inconsistent" or c.get("baseline") == "unchanged":
            continue
        result: dict = {
            "ruleId": c["rule"],
            "level": LEVEL.get(c["severity"], "warning"),
            "message": {"text": _message(c)},
            "locations": [_location(c, location)],
            "partialFingerprints": {FINGERPRINT_KEY: c["id"]},
            "properties": {k: c[k] for k in ("formula", "recomputed", "reported", "convention", "strength")
                           if c.get(k)},
        }
        if c["rule"] in index:
            result["ruleIndex"] = index[c["rule"]]
        suppressions = []
        if c.get("suppressed"):
            s = c["suppressed"]
            entry: dict = {"kind": "inSource", "status": "accepted"}
            if s.get("reason"):
                entry["justification"] = s["reason"]
            if s.get("line"):
                entry["location"] = {"physicalLocation": {"artifactLocation": dict(location),
                                                          "region": {"startLine": s["line"]}}}
            suppressions.append(entry)
        review = c.get("review")
        if is_dismissed(c):
            why = f"dismissed in review by {review.get('reviewer') or 'a reviewer'}"
            if review.get("note"):
                why += f": {review['note']}"
            suppressions.append({"kind": "external", "status": "accepted", "justification": why})
        if suppressions:
            result["suppressions"] = suppressions
        if with_baseline:
            result["baselineState"] = "new"
        results.append(result)
    return results


def sarif_log(report: dict, rules: list[dict], results: list[dict], cwd: str | None = None,
              exit_code: int | None = None) -> dict:
    """The log around ``results``: of the report only its ``errors`` and ``baseline`` are read."""
    with_baseline = "baseline" in report
    base = os.path.abspath(cwd or os.getcwd())
    invocation: dict = {"executionSuccessful": not report.get("errors")}
    if exit_code is not None:
        invocation["exitCode"] = exit_code
    if report.get("errors"):
        invocation["toolExecutionNotifications"] = [{"level": "error", "message": {"text": sanitize.visible(e)}}
                                                    for e in report["errors"]]
    run: dict = {
        "tool": {"driver": {"name": "checker", "version": __version__, "semanticVersion": __version__,
                            "rules": [rule_descriptor(r) for r in rules]}},
        "originalUriBaseIds": {"SRCROOT": {"uri": _file_url(base).rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [invocation],
        "results": results,
    }
    if with_baseline:
        run["properties"] = {"baseline": report["baseline"]}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
