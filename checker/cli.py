"""Command line: `checker extract | check | rules | review | baseline | suppressions`.

argparse does the parsing; each command is a small function that calls the pipeline and a report
writer.  Heavy modules (textual, sympy, pandas) are imported inside the commands that need them so
that `checker check` starts fast.  Exit codes: 0 nothing at or above the threshold, 1 findings at or
above it, 2 usage or input error, or an internal error (one line; `check --debug` adds the traceback).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

from checker import __version__
from checker.i18n import ENV_VAR, LOCALES, SOURCE_LOCALE, _, current_locale, gettext, normalize, using_locale
from checker.lexicon import RulePackError
from checker.reader import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A bad option value or configuration: one line, exit 2."""


def error_line(message: object, prog: str = "checker", *, raw: bool = False) -> str:
    """The one line of an error on stderr, in the locale of the run: ``checker: error: …`` (Chinese
    ``checker：错误：…``); the message is neutralised (checker.report.sanitize.visible) unless ``raw``
    (a traceback the checker wrote itself keeps its lines)."""
    from checker.report.sanitize import visible

    return _("{prog}: error: {message}").format(prog=prog, message=str(message) if raw else visible(message))


def requested_locale(argv: list[str]) -> str | None:
    """The locale error lines speak before anything is parsed: ``--locale zh|en`` on the command line,
    else ``CHECKER_LOCALE``, else None (English; ``locale`` in the configuration takes over once read)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = arg.partition("=")[2] if arg.startswith("--locale=") else (
            argv[i + 1] if arg == "--locale" and i + 1 < len(argv) else None)
        if normalize(value) in LOCALES:
            return normalize(value)
    env = normalize(os.environ.get(ENV_VAR))
    return env if env in LOCALES else None


def _n(msgid: str) -> str:
    """Marks a message for the catalogue extractor (argparse looks it up itself, see ``_argparse_words``)."""
    return msgid


#: argparse's own words for usage errors, exactly as Python's argparse writes its msgids: translated in
#: checker's catalogue (argparse would look for them in the system's, which a pip install has not).
ARGPARSE_MESSAGES = (
    _n("usage: "),
    _n("argument %(argument_name)s: %(message)s"),
    _n("unrecognized arguments: %s"),
    _n("not allowed with argument %s"),
    _n("ignored explicit argument %r"),
    _n("the following arguments are required: %s"),
    _n("one of the arguments %s is required"),
    _n("expected one argument"),
    _n("expected at most one argument"),
    _n("expected at least one argument"),
    _n("ambiguous option: %(option)s could match %(matches)s"),
    _n("invalid %(type)s value: %(value)r"),
    _n("invalid choice: %(value)r (choose from %(choices)s)"),
)


@contextmanager
def _argparse_words() -> Iterator[None]:
    """While the command line is parsed, argparse's messages come from checker's catalogue.

    Why: argparse words its errors with the standard library's ``gettext`` (its module-level ``_``),
    which reads the system's catalogues; ``checker check --locale zh --format foo`` must still say what
    is wrong in Chinese.  English needs nothing (the msgids are argparse's own English)."""
    if current_locale() == SOURCE_LOCALE:
        yield
        return
    saved = argparse._
    argparse._ = gettext
    try:
        yield
    finally:
        argparse._ = saved


class Parser(argparse.ArgumentParser):
    """argparse with its error line in the locale of the run (subcommands' parsers are of this class too)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, error_line(message, prog=self.prog) + "\n")


def _byte_count(text: str) -> int:
    """``--max-bytes`` value: a byte count, optionally with K, M or G (powers of 1024)."""
    t = text.strip().upper().removesuffix("B")
    factor = next((f for suffix, f in (("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30)) if t.endswith(suffix)), 1)
    digits = t[:-1] if factor > 1 else t
    if not digits.isascii() or not digits.isdigit() or int(digits) <= 0:
        raise argparse.ArgumentTypeError(_("not a positive byte count: {text} (e.g. 1000000, 512K, 64M, 1G)").format(
            text=repr(text)))
    return int(digits) * factor


def add_reading_options(p: argparse.ArgumentParser) -> None:
    """--max-bytes, --encoding and --lang, shared by every command that reads articles (see checker.reader)."""
    p.add_argument("--max-bytes", type=_byte_count, default=None, metavar="N",
                   help="refuse an article (file or stdin) larger than N bytes; K, M, G suffixes (default 64M)")
    p.add_argument("--encoding", default=None, metavar="NAME",
                   help="decode every article with this encoding instead of detecting it (e.g. gb18030, big5, cp1252)")
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="read every article as Chinese or English instead of detecting the language of its visible text")


def add_selection_options(p: argparse.ArgumentParser) -> None:
    """--include, --exclude (which files are articles) and --enable, --disable (which rules run),
    shared by check, baseline create and batch."""
    p.add_argument("--include", action="append", metavar="GLOB", help="which files are articles (repeatable)")
    p.add_argument("--exclude", action="append", metavar="GLOB", help="files that are not articles (repeatable)")
    p.add_argument("--enable", action="append", metavar="CODES", help="only these rules (comma-separated)")
    p.add_argument("--disable", action="append", metavar="CODES", help="not these rules (comma-separated)")


def add_finishing_options(p: argparse.ArgumentParser, baseline_does: str, rounding_default: str) -> None:
    """--rounding, --baseline, --no-baseline, --config, --db: what a run is finished with
    (checker.ci.settings_from reads them), shared by check and batch."""
    p.add_argument("--rounding", action="append", metavar="NAMES",
                   help=f"accepted rounding conventions: round_half_up,round_half_even,truncation (default: {rounding_default})")
    p.add_argument("--baseline", metavar="FILE",
                   help=f"{baseline_does} this baseline (default: .checker-baseline.json if present)")
    p.add_argument("--no-baseline", action="store_true", help="ignore any baseline file")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: nearest .checker.toml or "
                                                     "pyproject.toml [tool.checker])")
    p.add_argument("--db", metavar="FILE", help="include review verdicts from this database (default: "
                                                ".checker/reviews.sqlite beside the articles, when present)")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="checker", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"checker {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("extract", help="list every number in the articles with its reading")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories (recursive) or - for stdin")
    p.add_argument("--format", choices=("text", "json", "csv"), default="text")
    add_reading_options(p)
    from checker.parallel import add_jobs_option

    add_jobs_option(p)
    p.set_defaults(func=cmd_extract)

    from checker.commands import register_all

    register_all(sub)
    return parser


def cmd_extract(args: argparse.Namespace) -> int:
    from checker.reader import expand
    from checker.report.mentions import extraction_dict, render_text
    from checker.report.sanitize import json_text

    from checker.parallel import default_jobs, ordered_map
    from checker.pipeline import extract_file, no_state

    # a bad file is one error line; the good ones are still listed (exit 2 when any was bad)
    extractions, errors, files = [], [], []
    for given in args.paths:
        try:
            files.extend(expand([given]))
        except InputError as exc:
            errors.append(str(exc))
    # --jobs: the files in worker processes, results in input order (checker.parallel)
    for found, errs in ordered_map(extract_file, files, no_state, jobs=getattr(args, "jobs", None) or default_jobs()):
        extractions.extend(found)
        errors.extend(errs)
    for e in errors:
        print(error_line(e), file=sys.stderr)
    if errors and not extractions:
        return EXIT_ERROR  # nothing could be read: nothing to list
    if args.format == "json":
        out = {"schema_version": 1, "tool": {"name": "checker", "version": __version__},
               "documents": [extraction_dict(ex) for ex in extractions]}
        sys.stdout.write(json_text(json.dumps(out, ensure_ascii=False, indent=1)) + "\n")
    elif args.format == "csv":
        import pandas as pd  # tabular export is what pandas does best

        from checker.report.mentions import CSV_COLUMNS, csv_rows

        # object dtype: a column holding None must not turn 300 into 300.0; the header is written
        # even when no document holds a number
        frame = pd.DataFrame(csv_rows(extractions), columns=list(CSV_COLUMNS), dtype=object)
        frame.to_csv(sys.stdout, index=False, lineterminator="\n")
    else:
        from rich.console import Console

        render_text(extractions, Console())
    return EXIT_ERROR if errors else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run one command; its error lines (argparse's included) speak ``--locale``, else ``CHECKER_LOCALE``."""
    argv = sys.argv[1:] if argv is None else list(argv)
    with using_locale(requested_locale(argv)):
        with _argparse_words():
            args = build_parser().parse_args(argv)
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from checker.reader import check_encoding_name, reading

    try:
        encoding = getattr(args, "encoding", None)
        if encoding:
            check_encoding_name(encoding)
        with reading(max_bytes=getattr(args, "max_bytes", None), encoding=encoding, lang=getattr(args, "lang", None)):
            return args.func(args)
    except (InputError, RulePackError, UsageError) as exc:
        print(error_line(exc), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(_("{prog}: interrupted").format(prog="checker"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # a bug in the checker: one line and exit 2, never 1 ("findings")
        from checker.pipeline import internal_error

        print(error_line(internal_error(args.command, exc, getattr(args, 'debug', False)), raw=True), file=sys.stderr)
        return EXIT_ERROR
