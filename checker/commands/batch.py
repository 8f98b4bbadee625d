"""`checker batch PATH|GLOB|URL... --output DIR`: an archive checked on a Dask cluster into Parquet.

The work is in checker.batch; this module only parses options and reports.  Exit codes: 0 every
document checked (or skipped as done before), 2 a usage error, or some documents failed (each is a
row of ``failures.parquet`` and one line on stderr; the others are checked all the same).  Findings
do not change the exit code: an archive scan records them, it does not gate anything.
"""
from __future__ import annotations

import argparse
import sys


def register(sub) -> None:
    p = sub.add_parser("batch", help="check an archive on a Dask cluster into a Parquet dataset")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files, directories (recursive), globs ('archive/**/*.txt') or fsspec URLs (s3://...)")
    p.add_argument("--output", "-o", required=True, metavar="DIR",
                   help="dataset directory: findings/*.parquet, failures.parquet, done.jsonl, summary.json")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS",
                       help="a running Dask scheduler (tcp://host:8786); default: a local cluster")
    where.add_argument("--workers", type=_positive, default=None, metavar="N",
                       help="worker processes of the local cluster (default: the machine's cores)")
    p.add_argument("--batch-size", type=_positive, default=None, metavar="N",
                   help="documents per task (default 32)")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="add a rule pack directory")
    # what `checker check` finishes a run with (checker.ci.settings_from reads the same options)
    from checker.cli import add_finishing_options, add_reading_options, add_selection_options

    add_finishing_options(p, "mark findings in", "config")

    add_selection_options(p)
    add_reading_options(p)
    p.set_defaults(func=run)


def _positive(text: str) -> int:
    if not text.isascii() or not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from checker import ci
    from checker.cli import UsageError
    from checker.report.sanitize import visible

    try:
        from checker import batch
    except ImportError as exc:  # pragma: no cover - the optional extra is missing
        raise UsageError(f"batch needs the 'batch' extra (pip install 'checker[batch]'): {exc}") from None
    try:
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise UsageError(f"batch needs dask[distributed] and pyarrow (pip install 'checker[batch]'): {exc.name} "
                         "is not installed") from None

    def on_failure(f: dict) -> None:
        from checker.cli import error_line

        print(error_line(f["error"]), file=sys.stderr)

    try:
        settings = ci.settings_from(args)  # configuration and command line, as for `checker check`
        summary, stats = batch.run_batch(
            args.paths, args.output, scheduler=args.scheduler, workers=args.workers, settings=settings,
            batch_size=args.batch_size or batch.BATCH_SIZE, on_failure=on_failure)
    except batch.BatchError as exc:
        raise UsageError(str(exc)) from None
    except ci.USAGE_ERRORS as exc:  # an unknown rule code
        raise UsageError(str(exc)) from None
    verdicts = ", ".join(f"{n} {v}" for v, n in summary["verdicts"].items()) or "no checks"
    print(f"{visible(args.output)}: {stats.checked} documents checked, {stats.skipped} skipped (done before), "
          f"{len(stats.failures)} failed; dataset: {summary['documents']} documents, {summary['checks']} checks "
          f"({verdicts})")
    return 2 if stats.failures else 0
