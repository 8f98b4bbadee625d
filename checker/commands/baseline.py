"""`checker baseline create PATH... [--file .checker-baseline.json]`: accept today's findings.

`checker check` then fails only on findings that are not in the baseline (checker.baseline).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser("baseline", help="record current findings so that `check` reports only new ones")
    actions = p.add_subparsers(dest="baseline_action", metavar="ACTION")
    actions.required = True
    c = actions.add_parser("create", help="write the baseline of the findings in these articles")
    c.add_argument("paths", nargs="+", metavar="PATH", help="files, directories (recursive) or - for stdin")
    c.add_argument("--file", default=None, metavar="FILE",
                   help="baseline file (default: `baseline` from the configuration, else .checker-baseline.json)")
    c.add_argument("--rules", action="append", default=[], metavar="DIR", help="add a rule pack directory")
    c.add_argument("--rounding", action="append", metavar="NAMES", help="accepted rounding conventions")
    c.add_argument("--db", metavar="FILE", help="review database (dismissed findings are not recorded)")
    c.add_argument("--config", metavar="FILE", help="configuration file")
    from checker.cli import add_reading_options, add_selection_options
    from checker.parallel import add_jobs_option

    add_selection_options(c)
    add_reading_options(c)
    add_jobs_option(c)
    c.set_defaults(func=run_create)


def run_create(args: argparse.Namespace) -> int:
    from checker import ci
    from checker.baseline import BASELINE_FILE, entries_of, write
    from checker.cli import UsageError
    from checker.report.output import OutputError
    from checker.report.sanitize import visible
    from checker.report.status import is_active

    args.no_baseline = True  # findings are recorded against nothing
    try:
        settings = ci.settings_from(args)
        target = Path(args.file or settings.config.baseline or BASELINE_FILE)
        report, _ = ci.run_checks(settings)
    except ci.USAGE_ERRORS as exc:
        raise UsageError(str(exc)) from None
    from checker.cli import error_line

    for e in report["errors"]:
        print(error_line(e), file=sys.stderr)
    if report["errors"]:
        print(f"checker: error: not writing {visible(str(target))}: some articles could not be read", file=sys.stderr)
        return 2
    entries = entries_of(report, target.resolve().parent, is_active)
    try:
        write(target, entries)
    except OutputError as exc:
        raise UsageError(f"cannot write the baseline: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{visible(str(target))}: cannot write the baseline ({exc.strerror})") from None
    docs = len({e["path"] for e in entries})
    print(f"{visible(str(target))}: {len(entries)} findings in {docs} of {report['summary']['documents']} documents recorded")
    return 0
