"""`checker review PATH...`: walk a reviewer through the flagged discrepancies in a terminal app.

Verdicts go to a SQLite database beside the articles (``.checker/reviews.sqlite`` in the common
parent directory of the paths, or ``--db``), committed the moment they are given.  Textual is
imported only when the app actually opens.  Without a terminal (CI, a pipe) there is nothing to
drive an app, so the command prints the `checker check` text report instead of hanging.
"""
from __future__ import annotations

import argparse
import getpass
import os
import sys


def register(sub) -> None:
    p = sub.add_parser("review", help="review the flagged discrepancies in a terminal app; verdicts are saved in SQLite")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories (recursive)")
    p.add_argument("--all", action="store_true", help="also queue the consistent checks (key a toggles)")
    p.add_argument("--db", metavar="FILE", help="review database (default: .checker/reviews.sqlite in the "
                                                "common parent directory of the paths)")
    p.add_argument("--reviewer", metavar="NAME", help="who gives the verdicts (default: the OS user)")
    p.add_argument("--export", metavar="FILE.json", help="write every verdict in the database as JSON (- for "
                                                         "stdout) and exit, without opening the app")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="add a rule pack directory")
    p.add_argument("--locale", choices=("zh", "en"), default=None,
                   help="language of the app and the findings (default: locale in the configuration, else "
                        "CHECKER_LOCALE, else the articles' language when they share one, else English)")
    from checker.cli import add_reading_options

    add_reading_options(p)
    p.set_defaults(func=run)


def reviewer_name(given: str | None) -> str:
    if given:
        return given
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something honest
        return f"uid-{os.getuid()}" if hasattr(os, "getuid") else "unknown"


def run(args: argparse.Namespace) -> int:
    """The app (or the export, or the text fallback) in the locale of the run: ``--locale``, else the
    configuration, else ``CHECKER_LOCALE``, else the articles' one language (``wording.report_locale``)."""
    from checker import ci
    from checker.cli import UsageError
    from checker.i18n import using_locale

    if "-" in args.paths:
        raise UsageError("review reads the keyboard: give article files, not - (stdin)")
    try:
        settings = ci.settings_from(args)
    except ci.USAGE_ERRORS as exc:
        raise UsageError(str(exc)) from None
    with using_locale(getattr(args, "locale", None) or settings.config.locale, force=True):
        return _run(args, settings)


def _run(args: argparse.Namespace, settings) -> int:
    from checker.cli import UsageError
    from checker.i18n import _, using_locale
    from checker.review.store import ReviewStore, ReviewStoreError, base_dir, default_db_path

    from checker import ci
    from checker.report.sanitize import visible
    from checker.report.wording import count

    # the run is finished as `checker check` finishes it (configuration, rule selection, rounding,
    # inline suppressions, baseline): the queue holds what the report calls a finding.  Review states
    # come from the store itself, live, so the report's copy of them is not read here.
    try:
        run = ci.run_settings(settings, use_review_db=False)
    except ci.USAGE_ERRORS as exc:
        raise UsageError(str(exc)) from None
    results, errors = run.reviewable(), run.errors
    from checker.cli import error_line

    for e in errors:
        print(error_line(e), file=sys.stderr)
    if not results and not args.export:
        return 2  # nothing could be read: there is nothing to review
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if not args.export and not interactive:
        with using_locale(_ui_locale(run)):
            return _fallback(run, settings)

    db = args.db or default_db_path(args.paths)
    try:
        store = ReviewStore(db, readonly=bool(args.export))
    except ReviewStoreError as exc:
        raise UsageError(str(exc)) from None
    with store:
        from checker.review.session import ReviewSession

        session = ReviewSession(results, store, reviewer=reviewer_name(args.reviewer), base=base_dir(args.paths),
                                show_consistent=args.all)
        if args.export:
            from checker.report.output import OutputError
            from checker.review.export import export

            try:
                n = export(store, session.findings, args.export)
            except OutputError as exc:
                raise UsageError(f"cannot write the export: {exc}") from None
            if args.export != "-":
                with using_locale(_ui_locale(run)):
                    print("checker: " + _("wrote {verdicts} to {file}").format(verdicts=count(n, "verdict"),
                                                                               file=visible(args.export)),
                          file=sys.stderr)
            return 2 if errors else 0
        from checker.review.app import ReviewApp

        with using_locale(_ui_locale(run)):  # Textual's tasks inherit the locale of this context
            ReviewApp(session).run()
            progress = session.progress()
            print("checker: " + _("{progress}; verdicts are in {db}").format(progress=progress.line(), db=visible(str(db))),
                  file=sys.stderr)
    return 2 if errors else 0


def _ui_locale(run) -> str:
    """The app's locale: the forced one, else the articles' one language, else English."""
    from checker.report.wording import report_locale

    return report_locale({"documents": [{"language": r.document.language} for r in run.results]})


def _fallback(run, settings) -> int:
    """No terminal: print the findings as `checker check` would (the same finished run, review
    states from the database included), and say why."""
    from rich.console import Console

    from checker import ci
    from checker.report.findings_text import render

    from checker.i18n import _

    print("checker: " + _("review needs an interactive terminal; showing the `checker check` report instead"),
          file=sys.stderr)
    try:
        from pathlib import Path

        use_db = not settings.db or Path(settings.db).is_file()  # --db not created yet: nothing to show
        report = ci.finish_run(run.results, run.errors, run.pack, settings, review_paths=settings.paths,
                               use_review_db=use_db).report
    except ci.USAGE_ERRORS as exc:
        from checker.cli import error_line

        print(error_line(exc), file=sys.stderr)
        return 2
    render(report, Console())
    return 2 if run.errors else ci.exit_code(report, settings.fail_on)
