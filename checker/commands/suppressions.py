"""`checker suppressions PATH...`: list every inline suppression, its reason and what it silences."""
from __future__ import annotations

import argparse
import json
import sys


def register(sub) -> None:
    p = sub.add_parser("suppressions", help="list the inline suppressions (<!-- checker-disable... -->) of articles")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories (recursive) or - for stdin")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="add a rule pack directory")
    p.add_argument("--include", action="append", metavar="GLOB", help="which files are articles (repeatable)")
    p.add_argument("--exclude", action="append", metavar="GLOB", help="files that are not articles (repeatable)")
    p.add_argument("--config", metavar="FILE", help="configuration file")
    from checker.cli import add_reading_options

    add_reading_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from checker import ci
    from checker.cli import UsageError

    args.no_baseline = True
    try:
        settings = ci.settings_from(args)
        settings.enable, settings.disable = None, ()  # list what every directive silences
        report, _ = ci.run_checks(settings)
    except ci.USAGE_ERRORS as exc:
        raise UsageError(str(exc)) from None
    from checker.report.sanitize import json_text, visible

    from checker.cli import error_line

    for e in report["errors"]:
        print(error_line(e), file=sys.stderr)
    rows = []
    for doc in report["documents"]:
        by_id = {c["id"]: c for c in doc["checks"]}
        for s in doc.get("suppressions", []):
            rows.append({"path": doc["path"], **s,
                         "suppressed_checks": [{"id": i, "rule": by_id[i]["rule"], "line": by_id[i]["line"],
                                                "message": by_id[i]["message"]} for i in s["suppressed"] if i in by_id]})
    if args.format == "json":
        sys.stdout.write(json_text(json.dumps({"suppressions": rows}, ensure_ascii=False, indent=1)) + "\n")
    else:
        for r in rows:
            what = "checker-enable" if r["kind"] == "enable" else f"{r['kind']} {', '.join(r['rules'])}"
            span = (f"line {r['covers']['start_line']}" if r["covers"]["start_line"] == r["covers"]["end_line"]
                    else f"lines {r['covers']['start_line']}–{r['covers']['end_line']}")
            head = visible(f"{r['path']}:{r['line']}:{r['column']}  {what}")
            if r["kind"] != "enable":
                head += f"  ({span}; {len(r['suppressed'])} finding{'s' if len(r['suppressed']) != 1 else ''} suppressed)"
            print(head)
            if r["kind"] != "enable":
                print(f"    reason: {visible(r['reason'] or '(none given)')}")
            for problem in r["problems"]:
                print(f"    warning: {visible(problem)}")
            for c in r["suppressed_checks"]:
                print(f"    - {c['line']}: [{c['rule']}] {visible(c['message'])}")
        n_docs = len({r["path"] for r in rows})
        print(f"{len(rows)} suppressions in {n_docs} of {report['summary']['documents']} documents")
    return 2 if report["errors"] else 0
