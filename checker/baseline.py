"""Baselines: accept today's findings so that CI fails only on new ones.

``checker baseline create PATH...`` writes ``.checker-baseline.json``: every current inconsistent
finding that would fail (not suppressed, not dismissed in review) by its fingerprint, with its rule,
path (relative to the baseline file's directory), line and message for people reading the file.
``checker check`` uses ``.checker-baseline.json`` in the current directory when present (or
``--baseline FILE``, or ``baseline`` in the configuration): a finding whose fingerprint is in the
baseline is "unchanged" and does not fail; only new ones are reported.  Entries are matched by
fingerprint, which survives unrelated edits and moving a paragraph; the same fingerprint twice
needs two entries.  Entries of the checked files that matched nothing no longer occur (fixed, or the
claim was rewritten) and are counted, so the baseline can be refreshed.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from checker import __version__
from checker.diagnostic import cause
from checker.i18n import _

BASELINE_FILE = ".checker-baseline.json"
FORMAT_VERSION = 1


class BaselineError(ValueError):
    """A baseline file that cannot be used (one line naming the file)."""


@dataclass(slots=True)
class Baseline:
    path: Path
    entries: list[dict] = field(default_factory=list)


def relative(path: str, base_dir: Path) -> str:
    """``path`` relative to the baseline's directory, forward slashes (``-`` for stdin stays)."""
    if path == "-":
        return "-"
    try:
        rel = os.path.relpath(os.path.abspath(path), base_dir)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


def entries_of(report: dict, base_dir: Path, is_active) -> list[dict]:
    """Baseline entries for every active finding of a report, in a stable order."""
    out = []
    for doc in report["documents"]:
        rel = relative(doc["path"], base_dir)
        for c in doc["checks"]:
            if is_active(c):
                out.append({"id": c["id"], "rule": c["rule"], "path": rel, "line": c["line"], "message": c["message"]})
    out.sort(key=lambda e: (e["path"], e["line"], e["rule"], e["id"]))
    return out


def write(path: Path, entries: list[dict]) -> None:
    """Write the baseline atomically (checker.report.output): only over a regular file, never through
    a symbolic link or over a device; OutputError (an OSError, one line) otherwise."""
    from checker.report.output import write_text

    data = {"version": FORMAT_VERSION, "tool": {"name": "checker", "version": __version__},
            "description": "Accepted findings of `checker check`: only findings not listed here fail. "
                           "Refresh with `checker baseline create`.",
            "findings": entries}
    write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n", make_parents=True)


MAX_BASELINE_BYTES = 256 * 1024 * 1024


def load(path: Path) -> Baseline:
    """The baseline in ``path``; BaselineError (one line naming the file and the reason) when it is not one."""
    from checker.report.sanitize import visible

    name = visible(str(path))
    try:
        if path.stat().st_size > MAX_BASELINE_BYTES:
            raise BaselineError(_("{name}: baseline file too large (limit {limit} bytes)").format(
                name=name, limit=MAX_BASELINE_BYTES))
        raw = path.read_bytes()
    except OSError as exc:
        raise BaselineError(_("{name}: cannot read the baseline ({cause})").format(name=name, cause=cause(exc))) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)  # a BOM (Windows editors) is fine
    except UnicodeDecodeError as exc:
        raise BaselineError(_("{name}: not a baseline file (not UTF-8: byte {byte})").format(
            name=name, byte=exc.start)) from None
    except RecursionError:
        raise BaselineError(_("{name}: not a baseline file (nested too deeply)").format(name=name)) from None
    except ValueError as exc:
        raise BaselineError(_("{name}: not a baseline file (invalid JSON: {cause})").format(
            name=name, cause=cause(exc))) from None
    shape = '{"version": 1, "findings": [{"id": …, "path": …}]}'
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list) \
            or not all(isinstance(e, dict) and isinstance(e.get("id"), str) for e in data["findings"]):
        raise BaselineError(_("{name}: not a baseline file (expected {shape})").format(name=name, shape=shape))
    bad = next((k for k, e in enumerate(data["findings"])
                if not isinstance(e.get("path", ""), str) or not isinstance(e.get("rule", ""), str)), None)
    if bad is not None:
        raise BaselineError(_("{name}: not a baseline file (finding {n}: path and rule must be strings)").format(
            name=name, n=bad + 1))
    version = data.get("version", FORMAT_VERSION)
    if isinstance(version, bool) or not isinstance(version, int):
        raise BaselineError(_("{name}: not a baseline file (version must be an integer, not {value})").format(
            name=name, value=json.dumps(version)[:40]))
    if version > FORMAT_VERSION:
        raise BaselineError(_("{name}: baseline version {version} is newer than this checker understands").format(
            name=name, version=version))
    return Baseline(path, data["findings"])


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def apply(report: dict, baseline: Baseline, is_active) -> dict:
    """Mark the report's active findings ``"baseline": "unchanged"`` (in the baseline) or ``"new"``.

    Returns the statistics: entries, matched, absent (entries of the checked documents that matched
    no finding: they no longer occur).
    """
    base_dir = baseline.path.resolve().parent
    by_id: dict[str, list[dict]] = {}
    for e in baseline.entries:
        by_id.setdefault(e["id"], []).append(e)
    checked = set()
    matched = 0
    for doc in report["documents"]:
        rel = relative(doc["path"], base_dir)
        checked.add(rel)
        for c in doc["checks"]:
            if not is_active(c):
                continue
            candidates = by_id.get(c["id"])
            if candidates:
                same = next((e for e in candidates if e.get("path") == rel), candidates[0])
                candidates.remove(same)
                c["baseline"] = "unchanged"
                matched += 1
            else:
                c["baseline"] = "new"
    absent = sum(1 for rest in by_id.values() for e in rest if e.get("path") in checked)
    return {"file": str(baseline.path), "entries": len(baseline.entries), "matched": matched, "absent": absent}
