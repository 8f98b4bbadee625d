"""`checker check PATH...`: evaluate every claim and report (text or JSON)."""
from __future__ import annotations

import argparse
import json
import sys

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


def register(sub) -> None:
    p = sub.add_parser("check", help="recompute and judge every claim in the articles")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories (recursive) or - for stdin")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="add a rule pack directory")
    p.add_argument("--all", action="store_true", help="text format: also show consistent checks")
    p.add_argument("--fail-on", choices=("error", "warning", "never"), default="error",
                   help="exit 1 when a finding at or above this severity is inconsistent (default error)")
    p.set_defaults(func=run)


def exit_code(report: dict, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    for doc in report["documents"]:
        for c in doc["checks"]:
            if c["verdict"] == "inconsistent" and SEVERITY_RANK.get(c["severity"], 0) >= threshold:
                return 1
    return 0


def run(args: argparse.Namespace) -> int:
    from checker.pipeline import check_paths
    from checker.report.findings_json import build_report

    results, errors = check_paths(args.paths, tuple(args.rules))
    for e in errors:
        print(f"checker: error: {e}", file=sys.stderr)
    report = build_report(results, errors)
    if args.format == "json":
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    else:
        from rich.console import Console

        from checker.report.findings_text import render

        render(report, Console(), show_consistent=args.all)
    if errors:
        return 2
    return exit_code(report, args.fail_on)
