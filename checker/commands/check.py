"""`checker check PATH...`: evaluate every claim and report (text, JSON, SARIF or GitHub annotations).

Exit codes: 0 no failing finding at or above the ``--fail-on`` threshold, 1 one or more, 2 a usage,
configuration or input error.  The CI machinery (configuration, ``--changed-since``, baseline,
suppressions, review dismissals) lives in checker.ci.
"""
from __future__ import annotations

import argparse
import json
import sys

def register(sub) -> None:
    p = sub.add_parser("check", help="recompute and judge every claim in the articles")
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files, directories (recursive) or - for stdin (with --changed-since: limits it to these)")
    p.add_argument("--format", choices=("text", "concise", "json", "jsonl", "sarif", "github", "html"), default="text",
                   help="text (default), concise (one line a finding), json (the report contract), "
                        "jsonl (one document a line as each is checked, then the summary line), "
                        "sarif (SARIF 2.1.0), github (Actions annotations), html (one self-contained page)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour in the text report: auto (a terminal without NO_COLOR), always, never")
    p.add_argument("--output", metavar="FILE", help="write the report to FILE; the text report still goes to the terminal")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="add a rule pack directory")
    p.add_argument("--locale", choices=("zh", "en"), default=None,
                   help="language of the findings (default: locale in the configuration, else each article's language)")
    p.add_argument("--all", action="store_true",
                   help="text format: also show consistent, suppressed, dismissed and baseline checks")
    loud = p.add_mutually_exclusive_group()
    loud.add_argument("-q", "--quiet", action="store_true",
                      help="only the failing findings, one line each, and the totals (text formats); no notes on stderr")
    loud.add_argument("-v", "--verbose", action="store_true",
                      help="also the consistent, suppressed, dismissed and baseline checks (as --all), and the "
                           "settings of the run on stderr")
    p.add_argument("--fail-on", choices=("error", "warning", "never"), default=None,
                   help="exit 1 when a failing finding is at or above this severity (default: config, else error)")
    p.add_argument("--changed-since", metavar="REF",
                   help="check only the articles git reports added, modified or renamed since REF (and untracked)")
    from checker.cli import add_finishing_options, add_reading_options, add_selection_options

    add_finishing_options(p, "report only findings not in", "the two roundings")
    from checker.parallel import add_jobs_option

    add_selection_options(p)
    add_reading_options(p)
    add_jobs_option(p)
    p.add_argument("--debug", action="store_true",
                   help="show the traceback of an internal error (a document the checker failed on)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from checker import ci
    from checker.cli import UsageError

    from checker import pipeline

    pipeline.DEBUG = bool(getattr(args, "debug", False))
    try:
        settings = ci.settings_from(args)
        if not settings.paths and not settings.changed_since:
            raise UsageError("check: give one or more PATHs, or --changed-since REF")
        from checker.i18n import using_locale

        with using_locale(getattr(args, "locale", None) or settings.config.locale, force=True):
            if args.format == "jsonl":
                return _jsonl(settings, args)
            if args.format in ("json", "sarif"):
                return _streamed(settings, args)
            report, pack = ci.run_checks(settings)
    except ci.USAGE_ERRORS as exc:
        raise UsageError(str(exc)) from None
    from checker.report.output import OutputError, write_text

    if getattr(args, "verbose", False):
        _settings_note(settings, pack)
    errors = report["errors"]
    from checker.cli import error_line
    from checker.i18n import using_locale

    with using_locale(getattr(args, "locale", None) or settings.config.locale):  # the run's, as the lines were written
        for e in errors:
            print(error_line(e), file=sys.stderr)
    code = 2 if errors else ci.exit_code(report, settings.fail_on)
    text = _format(report, pack, args.format, code, pretty=not args.output and sys.stdout.isatty())
    if args.output:
        if args.format in ("text", "concise"):
            import io

            from checker.report.findings_text import render_summary

            buf = io.StringIO()
            render_summary(report, buf) if args.format == "concise" else _text(report, buf, args.all)
            text = buf.getvalue()
        try:  # atomically, and only over a regular file (checker.report.output)
            write_text(args.output, text)
        except OutputError as exc:
            raise UsageError(f"cannot write the report: {exc}") from None
        from checker.report.findings_text import render_summary

        render_summary(report, sys.stdout)
    elif args.format == "text" and getattr(args, "quiet", False):
        from checker.report.findings_text import render_summary

        render_summary(report, sys.stdout)
    elif args.format == "text":
        _text(report, None, args.all or getattr(args, "verbose", False), getattr(args, "color", "auto"))
    elif args.format == "concise":
        from checker.report.findings_text import render_summary

        render_summary(report, sys.stdout)
    else:
        sys.stdout.write(text)
        b = report.get("baseline")
        if b and b.get("absent") and not getattr(args, "quiet", False):
            from checker.report.wording import count

            gone = "occurs" if b["absent"] == 1 else "occur"
            print(f"checker: {count(b['absent'], 'baseline entry')} no longer {gone} (refresh: checker baseline create)",
                  file=sys.stderr)
    return code


def _jsonl(settings, args) -> int:
    """The streamed report (checker.streaming): written as each document is finished, never held."""
    from checker.cli import UsageError
    from checker.streaming import stream_checks

    if args.output:
        raise UsageError("--format jsonl streams to standard output: redirect it (> FILE) instead of --output")

    def on_error(e: str) -> None:
        from checker.cli import error_line

        print(error_line(e), file=sys.stderr)

    _, code = stream_checks(settings, sys.stdout, on_error)
    return code


def _streamed(settings, args) -> int:
    """The JSON report or SARIF log written as each document is finished (checker.report.streamed):
    the same bytes as the whole report serialised at the end, in flat memory.  With ``--output`` the
    file is replaced atomically at the end and the terminal gets the summary of the failing findings."""
    from checker.cli import UsageError
    from checker.report.output import OutputError, atomic_writer
    from checker.streaming import CheckStream

    def on_error(e: str) -> None:
        from checker.cli import error_line

        print(error_line(e), file=sys.stderr)

    pretty = args.format == "json" and not args.output and sys.stdout.isatty()
    whole = args.format == "sarif" or pretty  # the writer needs each document's dict, not only its line
    stream = CheckStream(settings, on_error, document=whole, line=not whole, keep_failing=bool(args.output))
    if getattr(args, "verbose", False):
        _settings_note(settings, stream.pack)

    def write(out) -> None:
        from checker.report.streamed import write_json, write_sarif

        if args.format == "json":  # indented only for a person at a terminal (see _format)
            write_json(stream, out, indent=1 if pretty else None)
        else:
            from checker.ci import rule_rows

            write_sarif(stream, out, rule_rows(stream.pack))

    if not args.output:
        write(sys.stdout)
        b = stream.baseline_stats()
        if b and b.get("absent") and not getattr(args, "quiet", False):
            from checker.report.wording import count

            gone = "occurs" if b["absent"] == 1 else "occur"
            print(f"checker: {count(b['absent'], 'baseline entry')} no longer {gone} (refresh: checker baseline create)",
                  file=sys.stderr)
        return stream.code
    try:  # atomically, and only over a regular file (checker.report.output)
        with atomic_writer(args.output) as fh:
            write(fh)
    except OutputError as exc:
        raise UsageError(f"cannot write the report: {exc}") from None
    from checker.report.findings_text import render_summary

    render_summary(stream.summary_report(), sys.stdout)
    return stream.code


def _settings_note(settings, pack) -> None:
    """``--verbose``: what this run used, on stderr (so it never mixes into a report on stdout)."""
    from checker import ci
    from checker.report.sanitize import visible

    rules = sorted(ci.selected_rules(settings, set(pack.rules) | {"suppression"}))
    lines = [f"configuration: {visible(str(settings.config.path)) if settings.config.path else 'none'}",
             f"rules: {', '.join(rules)}",
             f"rounding: {', '.join(settings.conventions) if settings.conventions else 'default'}",
             f"baseline: {visible(settings.baseline) if settings.baseline else 'none'}",
             f"fail on: {settings.fail_on}"]
    for line in lines:
        print(f"checker: {line}", file=sys.stderr)


def _format(report: dict, pack, fmt: str, code: int, pretty: bool = False) -> str:
    """The report in ``fmt`` as a string (text is rendered separately).  `check` streams json and
    sarif (``_streamed``); their branches here are the whole-report serialisation that the streamed
    bytes must equal (tests/test_streamed_report.py compares them)."""
    from checker.report.sanitize import json_text

    if fmt == "json":  # json_text: a non-UTF-8 file name is written as its \udcXX escape
        # indented only for a person at a terminal: for a pipe or a file the compact form is the same
        # report (whitespace is not part of the contract) and the indented one costs up to a quarter
        # of a run on claim-dense text (json's C encoder only runs without indent)
        return json_text(json.dumps(report, ensure_ascii=False, indent=1 if pretty else None)) + "\n"
    if fmt == "sarif":
        from checker.ci import rule_rows
        from checker.report.sarif import build_sarif

        # no indent: json's C encoder only runs without it (a SARIF log of thousands of results)
        return json_text(json.dumps(build_sarif(report, rule_rows(pack), exit_code=code), ensure_ascii=False)) + "\n"
    if fmt == "html":
        from checker.report.html import render_html

        return render_html(report)
    if fmt == "github":
        import io

        from checker.report.github import render

        buf = io.StringIO()
        render(report, buf)
        return buf.getvalue()
    return ""


def _text(report: dict, fh, show_all: bool, color: str = "never") -> None:
    """The rich text report to ``fh`` (a file: plain) or stdout.  Lines are wrapped only on a
    terminal: piped into a log, ``less`` or a file a wrapped line would break fields apart."""
    from rich.console import Console

    from checker.report.findings_text import render

    if fh is not None:
        console = Console(file=fh, soft_wrap=True, no_color=True)
    else:
        tty = sys.stdout.isatty()
        # rich keeps NO_COLOR for "auto"; "always" overrides it, as --color=always does in ruff and git
        console = Console(soft_wrap=not tty, force_terminal=True if color == "always" else None,
                          no_color=True if color == "never" else None,
                          color_system="auto" if color != "never" else None)
    render(report, console, show_consistent=show_all)
