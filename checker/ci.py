"""What `checker check` needs to run in CI, between the pipeline and the report writers.

settings (configuration file + command line) → which files (``--changed-since``, include/exclude)
→ pipeline → JSON report → rule selection, inline suppressions, review dismissals, baseline →
summary and exit code.  Every writer (text, json, sarif, github) renders the finished report.

``finish_run`` is the one place a run is finished: `checker check`, `checker review` (whose queue is
``Run.reviewable()``) and the Python API (checker.api) all go through it, so they never disagree on
a rule selection, a rounding convention or an inline suppression.  `checker check` (``run_checks``)
finishes each document where it was checked, a worker with ``--jobs``, by the same two halves:
``finish_document`` (what one document needs) and ``finish_report`` (what needs the whole run).
This module imports no report writer and no review module at import time (the API imports it).

A finding *fails* (counts for the exit code and is shown by the text and github formats) when it is
inconsistent, not suppressed inline, not dismissed as a false alarm in the review database and
not in the baseline.
"""
from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from checker.baseline import BaselineError
from checker.config import Config, ConfigError, load_config, split_codes
from checker.precision import convention_name
from checker.reader import InputError

#: Severity order of findings (checker.report.status holds the same; kept here so that the API,
#: which imports this module, does not import the report writers).
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

class GitError(ValueError):
    """``--changed-since`` could not ask git (one line)."""


@dataclass(slots=True)
class Settings:
    paths: list[str]
    fail_on: str = "error"
    rule_dirs: tuple[str, ...] = ()
    enable: tuple[str, ...] | None = None
    disable: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    conventions: tuple[str, ...] | None = None
    baseline: str | None = None  # file to use; None: none
    db: str | None = None  # review database to read dismissals from; None: the default, if present
    root: str | None = None
    config: Config = field(default_factory=Config)
    changed_since: str | None = None
    jobs: int = 1  # processes to check in (--jobs; checker.parallel)


def settings_from(args, *, default_fail_on: str = "error") -> Settings:
    """Merge the configuration file (found from the cwd, or ``--config``) and the command line."""
    config = load_config(explicit=getattr(args, "config", None))
    if config.lang:  # the configuration's language, unless --lang chose one (checker.reader)
        from checker.reader import set_language

        set_language(config.lang)
    fail_on = getattr(args, "fail_on", None) or config.fail_on or default_fail_on
    enable = split_codes(getattr(args, "enable", None))
    disable = split_codes(getattr(args, "disable", None))
    include = tuple(getattr(args, "include", None) or ()) or config.include
    exclude = tuple(getattr(args, "exclude", None) or ()) or config.exclude
    rounding = split_codes(getattr(args, "rounding", None))
    if rounding is not None:
        bad = [r for r in rounding if r not in ("round_half_up", "round_half_even", "truncation")]
        if bad or not rounding:
            from checker.i18n import _

            raise ConfigError(_("--rounding: choose among round_half_up, round_half_even, truncation")
                              + (_(", not {value}").format(value=repr(bad[0])) if bad else ""))
    rounding = rounding if rounding is not None else config.rounding
    baseline = None
    if not getattr(args, "no_baseline", False):
        baseline = getattr(args, "baseline", None) or config.baseline
        if baseline is None and Path(".checker-baseline.json").is_file():
            baseline = ".checker-baseline.json"
    return Settings(
        paths=list(getattr(args, "paths", None) or []),
        fail_on=fail_on,
        rule_dirs=tuple(config.rule_packs) + tuple(getattr(args, "rules", None) or ()),
        enable=enable if enable is not None else config.enable,
        disable=disable if disable is not None else config.disable,
        include=include, exclude=exclude,
        conventions=tuple(convention_name(r) for r in rounding) if rounding else None,
        baseline=baseline, db=getattr(args, "db", None), root=str(config.root), config=config,
        changed_since=getattr(args, "changed_since", None), jobs=_jobs(args))


def _jobs(args) -> int:
    """``--jobs``, else the machine's cores (checker.parallel keeps small runs in-process anyway)."""
    from checker.parallel import default_jobs

    return getattr(args, "jobs", None) or default_jobs()


# --- which files ---------------------------------------------------------------------------------

def _git(args: list[str], cwd: str | None = None) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8")
    except FileNotFoundError:
        raise GitError("--changed-since needs git, which is not installed") from None
    if proc.returncode != 0:
        msg = (proc.stderr.strip().splitlines() or ["git failed"])[-1]
        raise GitError(f"--changed-since: git {args[0]}: {msg}")
    return proc.stdout


def _repo_dir(under: Iterable[str]) -> str | None:
    """Where to ask git: the directory of the first given path (a directory stands for itself), so
    `checker check --changed-since main path/to/repo` works from outside the repository (like
    ``git -C``); None (the current directory) without paths."""
    for u in under:
        if u == "-":
            continue
        p = Path(u)
        d = p if p.is_dir() else p.parent
        while not d.exists() and d != d.parent:  # a path not there any more: its nearest parent
            d = d.parent
        return str(d)
    return None


def changed_files(ref: str, under: Iterable[str] = (), include: Iterable[str] = (), exclude: Iterable[str] = (),
                  root: str | None = None) -> list[str]:
    """Article files added or modified since ``ref`` (paths relative to the cwd, sorted).

    The files git reports as added, modified or renamed (new name; renames followed with -M)
    between the merge base of ``ref`` and HEAD and the working tree — what a pull request changes,
    committed or not — plus untracked files that are not ignored (a new article before `git add`).
    Deleted files are left out.  ``under`` limits them to these files or directories; include/
    exclude globs and the article suffixes choose the articles, as for a directory.
    """
    from checker.globs import selected
    from checker.reader import ARTICLE_SUFFIXES

    under = list(under)
    top = _git(["rev-parse", "--show-toplevel"], cwd=_repo_dir(under)).strip()
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=top)
    except GitError:
        raise GitError(f"--changed-since: {ref!r} is not a commit of this repository") from None
    try:
        base = _git(["merge-base", ref, "HEAD"], cwd=top).strip() or ref
    except GitError:
        base = ref  # unrelated histories, or no HEAD yet: compare with ref itself
    names = _git(["diff", "--name-only", "-z", "-M", "--diff-filter=AMR", base, "--"],
                 cwd=top).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], cwd=top).split("\0")
    limits = [os.path.abspath(u) for u in under if u != "-"]
    out = set()
    for name in filter(None, names):
        full = os.path.join(top, name)
        if not os.path.isfile(full):
            continue
        if limits and not any(full == lim or full.startswith(lim.rstrip(os.sep) + os.sep) for lim in limits):
            continue
        rel = os.path.relpath(full)
        if not selected(rel, include, exclude, ARTICLE_SUFFIXES, root):
            continue
        out.add(rel)
    return sorted(out)


# --- the finished report -------------------------------------------------------------------------

def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``; did you mean 'rate'?`` for the closest of ``choices``, or "" when none is close."""
    import difflib

    from checker.i18n import _

    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return _("; did you mean {key}?").format(key=repr(close[0])) if close else ""


def selected_rules(settings: Settings, known: Iterable[str]) -> set[str]:
    known = set(known)
    for what, codes in (("enable", settings.enable or ()), ("disable", settings.disable)):
        unknown = [c for c in codes if c not in known]
        if unknown:
            from checker.i18n import _
            from checker.reader import problem

            hint = did_you_mean(unknown[0], known) or _(" (rules: {codes})").format(codes=", ".join(sorted(known)))
            message = _("{option}: unknown rule {code}{hint}").format(option=what, code=repr(unknown[0]), hint=hint)
            raise ConfigError(problem(str(settings.config.path), message) if settings.config.path else message)
    chosen = set(settings.enable) if settings.enable is not None else known
    return chosen - set(settings.disable)


def finish(report: dict, results, pack, settings: Settings) -> dict:
    """Rule selection, end positions, inline suppressions and the baseline on a built report (in
    place; review states were added by build_report's hook), then the summary.

    Returns the baseline statistics (empty without a baseline).  Use ``finish_run``, which also
    builds the report: it is the one way every command and the API finish a run.
    """
    known, rules = rule_choice(settings, pack)
    for doc, r in zip(report["documents"], results):
        finish_document(doc, r.document, known, rules)
    return finish_report(report, settings)


def rule_choice(settings: Settings, pack) -> tuple[set[str], set[str]]:
    """The rule codes a run knows (the pack's and the suppression meta rule) and those it keeps."""
    from checker import suppress

    known = set(pack.rules) | {suppress.SUPPRESSION_RULE["code"]}
    return known, selected_rules(settings, known)


def finish_document(doc: dict, document, known: set[str], rules: set[str], lines=None) -> None:
    """The part of finishing a run that needs only this document (in place): rule selection,
    inline suppressions, end positions.  Separate from ``finish_report`` so that a worker process
    does it beside the checking (checker.pipeline.finish_file) and the parent only does what needs
    the whole run.  ``lines``: the document's line index when the caller has it (the extraction's)."""
    from checker import suppress
    from checker.readers.locate import line_index

    checks = [c for c in doc["checks"] if c["rule"] in rules]
    directives = suppress.parse_document(document, known)  # in the source of Markdown and HTML
    suppress.apply(checks, directives)
    suppress.mark_unused(directives)
    if "suppression" in rules:
        checks.extend(suppress.problem_checks(directives))
        checks.sort(key=lambda c: (c["span"]["start"], c["span"]["end"], c["rule"]))
    if lines is None:
        lines = line_index(document)  # the source file's lines when the article was converted
    for c in checks:  # where the span ends: the line and the column just past its last character
        if "end_line" not in c:  # (a directive's finding has the comment's own end)
            c["end_line"], c["end_column"] = lines.position(max(c["span"]["start"], c["span"]["end"]))
    doc["checks"] = checks
    doc["suppressions"] = [s.as_dict() for s in directives]


def finish_report(report: dict, settings: Settings) -> dict:
    """The part of finishing a run that needs all of it: the baseline (an entry is used once in
    the whole run) and the summary.  Returns the baseline statistics (empty without a baseline)."""
    from checker.report.status import is_active, summarize

    stats: dict = {}
    if settings.baseline:
        from checker.baseline import BaselineError, apply, load

        path = Path(settings.baseline)
        if not path.is_file():
            from checker.i18n import _

            raise BaselineError(_("{name}: baseline file not found").format(name=settings.baseline))
        stats = apply(report, load(path), is_active)
        report["baseline"] = stats
    summarize(report)
    return stats


@dataclass(slots=True)
class Run:
    """A finished run: the pipeline's results, the finished JSON report and the rule pack.

    ``pairs[k]`` lists, for document k, each finished check dict with the ``checker.model.Check``
    it came from (None for a finding of the run itself: a suppression problem), so a consumer of
    objects (the review queue) sees exactly what the report says, suppressions included.
    """

    results: list
    errors: list[str]
    report: dict
    pack: object
    pairs: list[list[tuple[dict, object]]]

    def reviewable(self) -> list:
        """The results with only the checks a reviewer should judge: those the run kept (rule
        selection) and no inline suppression silences.  Baselined findings stay: a baseline
        accepts a finding for CI, it does not say whether the article is right."""
        from dataclasses import replace

        out = []
        for r, pairs in zip(self.results, self.pairs):
            checks = [c for d, c in pairs if c is not None and not d.get("suppressed")]
            out.append(replace(r, checks=checks))
        return out


def finish_run(results, errors: list[str], pack, settings: Settings, *, review_paths: Iterable[str] | None = None,
               use_review_db: bool = True) -> Run:
    """The one way to finish a run (`checker check`, `checker review`, the Python API): the JSON
    report of the results, with review states (from ``settings.db``, else the default database
    beside ``review_paths`` when it exists; none when ``use_review_db`` is false), rule selection,
    inline suppressions, baseline and summary.  Rounding conventions were applied by the
    pipeline (``run_settings`` passes them)."""
    from checker.report.findings_json import build_report

    hook = None
    if use_review_db and (review_paths or (review_paths is None and settings.db)):
        from checker.review.export import report_hook

        hook = report_hook(list(review_paths or ()), settings.db)
    report = build_report(results, errors, extra_document_fields=hook)
    origin = {id(d): c for doc, r in zip(report["documents"], results) for d, c in zip(doc["checks"], r.checks)}
    finish(report, results, pack, settings)
    pairs = [[(d, origin.get(id(d))) for d in doc["checks"]] for doc in report["documents"]]
    return Run(list(results), list(errors), report, pack, pairs)


def is_active(c: dict) -> bool:
    """checker.report.status.is_active (a failing finding), imported when first asked."""
    from checker.report.status import is_active as active

    return active(c)


def exit_code(report: dict, fail_on: str) -> int:
    from checker.report.status import is_active

    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    for doc in report["documents"]:
        for c in doc["checks"]:
            if is_active(c) and SEVERITY_RANK.get(c["severity"], 0) >= threshold:
                return 1
    return 0


# --- running ------------------------------------------------------------------------------------

#: Errors that are the user's to fix (a bad option, configuration, git ref, baseline or review
#: database: ReviewStoreError is an InputError): one line, exit 2.
USAGE_ERRORS = (ConfigError, GitError, BaselineError, InputError)


def run_settings(settings: Settings, *, use_review_db: bool = True) -> Run:
    """Check the articles the settings choose and finish the run (``finish_run``)."""
    from checker.pipeline import check_paths
    from checker.rulepack import load_rulepack

    files = settings.paths
    if settings.changed_since:
        files = changed_files(settings.changed_since, settings.paths, settings.include, settings.exclude,
                              settings.root)
    pack = load_rulepack(tuple(settings.rule_dirs))
    results, errors = check_paths(files, settings.rule_dirs, include=settings.include, exclude=settings.exclude,
                                  root=settings.root, conventions=settings.conventions, jobs=settings.jobs)
    return finish_run(results, errors, pack, settings, review_paths=files, use_review_db=use_review_db)


def run_checks(settings: Settings):
    """Check the articles the settings choose; returns the finished report and the rule pack.

    Each document is finished where it was checked (a worker with ``--jobs``: checker.pipeline.
    finish_file) and this process only assembles the report, applies the baseline and sums up;
    with a review database, whose states need each document's text, the run is finished here
    (``run_settings``)."""
    from checker.pipeline import iter_finished
    from checker.report.findings_json import assemble_report
    from checker.rulepack import load_rulepack

    files = settings.paths
    if settings.changed_since:
        files = changed_files(settings.changed_since, settings.paths, settings.include, settings.exclude,
                              settings.root)
    if files or settings.db:
        from checker.review.export import report_hook

        if report_hook(list(files), settings.db) is not None:
            run = run_settings(settings)
            return run.report, run.pack
    pack = load_rulepack(tuple(settings.rule_dirs))
    known, rules = rule_choice(settings, pack)
    documents: list[dict] = []
    errors: list[str] = []
    for finished, error in iter_finished(files, settings.rule_dirs, known, rules, include=settings.include,
                                         exclude=settings.exclude, root=settings.root,
                                         conventions=settings.conventions, jobs=settings.jobs):
        if finished is None:
            errors.append(error)
        else:
            documents.append(finished.document)
    report = assemble_report(documents, errors)
    finish_report(report, settings)
    return report, pack


def rule_rows(pack) -> list[dict]:
    """Every rule of the pack (and the suppression meta rule) as plain dicts, for SARIF."""
    from checker.suppress import SUPPRESSION_RULE

    return [r.as_dict() for r in pack.rules.values()] + [dict(SUPPRESSION_RULE)]
