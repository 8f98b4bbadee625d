"""What `checker check` needs to run in CI, between the pipeline and the report writers.

settings (configuration file + command line) → which files (``--changed-since``, include/exclude)
→ pipeline → JSON report → rule selection, inline suppressions, review dismissals, baseline →
summary and exit code.  Every writer (text, json, sarif, github) renders the finished report.

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
from checker.review.export import report_hook
from checker.report.status import SEVERITY_RANK, is_active, summarize
from checker.review.store import ReviewStoreError



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


def settings_from(args, *, default_fail_on: str = "error") -> Settings:
    """Merge the configuration file (found from the cwd, or ``--config``) and the command line."""
    config = load_config(explicit=getattr(args, "config", None))
    fail_on = getattr(args, "fail_on", None) or config.fail_on or default_fail_on
    enable = split_codes(getattr(args, "enable", None))
    disable = split_codes(getattr(args, "disable", None))
    include = tuple(getattr(args, "include", None) or ()) or config.include
    exclude = tuple(getattr(args, "exclude", None) or ()) or config.exclude
    rounding = split_codes(getattr(args, "rounding", None))
    if rounding is not None:
        bad = [r for r in rounding if r not in ("round_half_up", "round_half_even", "truncation")]
        if bad or not rounding:
            raise ConfigError("--rounding: choose among round_half_up, round_half_even, truncation"
                              + (f", not {bad[0]!r}" if bad else ""))
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
        changed_since=getattr(args, "changed_since", None))


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

    top = _git(["rev-parse", "--show-toplevel"]).strip()
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"])
    except GitError:
        raise GitError(f"--changed-since: {ref!r} is not a commit of this repository") from None
    try:
        base = _git(["merge-base", ref, "HEAD"]).strip() or ref
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



def selected_rules(settings: Settings, known: Iterable[str]) -> set[str]:
    known = set(known)
    for what, codes in (("enable", settings.enable or ()), ("disable", settings.disable)):
        unknown = [c for c in codes if c not in known]
        if unknown:
            where = f"{settings.config.path}: " if settings.config.path else ""
            raise ConfigError(f"{where}{what}: unknown rule {unknown[0]!r} (rules: {', '.join(sorted(known))})")
    chosen = set(settings.enable) if settings.enable is not None else known
    return chosen - set(settings.disable)


def finish(report: dict, results, pack, settings: Settings) -> dict:
    """Rule selection, end positions, inline suppressions and the baseline on a built report (in
    place; review states were added by build_report's hook), then the summary.

    Returns the baseline statistics (empty without a baseline).
    """
    from checker import suppress
    from checker.normalize import LineIndex

    known = set(pack.rules) | {suppress.SUPPRESSION_RULE["code"]}
    rules = selected_rules(settings, known)
    for doc, r in zip(report["documents"], results):
        text = r.document.text
        checks = [c for c in doc["checks"] if c["rule"] in rules]
        directives = suppress.parse(text, known)
        suppress.apply(checks, directives)
        if "suppression" in rules:
            checks.extend(suppress.problem_checks(directives))
            checks.sort(key=lambda c: (c["span"]["start"], c["span"]["end"], c["rule"]))
        lines = LineIndex(text)
        for c in checks:  # where the span ends: the line and the column just past its last character
            c["end_line"], c["end_column"] = lines.position(max(c["span"]["start"], c["span"]["end"]))
        doc["checks"] = checks
        doc["suppressions"] = [s.as_dict() for s in directives]
    stats: dict = {}
    if settings.baseline:
        from checker.baseline import BaselineError, apply, load

        path = Path(settings.baseline)
        if not path.is_file():
            raise BaselineError(f"{settings.baseline}: baseline file not found")
        stats = apply(report, load(path), is_active)
        report["baseline"] = stats
    summarize(report)
    return stats




def exit_code(report: dict, fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    for doc in report["documents"]:
        for c in doc["checks"]:
            if is_active(c) and SEVERITY_RANK.get(c["severity"], 0) >= threshold:
                return 1
    return 0


# --- running ------------------------------------------------------------------------------------

#: Errors that are the user's to fix (a bad option, configuration, git ref, baseline or database): one line, exit 2.
USAGE_ERRORS = (ConfigError, GitError, BaselineError, ReviewStoreError)


def run_checks(settings: Settings):
    """Check the articles the settings choose; returns the finished report and the rule pack."""
    from checker.pipeline import check_paths
    from checker.report.findings_json import build_report
    from checker.rulepack import load_rulepack

    files = settings.paths
    if settings.changed_since:
        files = changed_files(settings.changed_since, settings.paths, settings.include, settings.exclude,
                              settings.root)
    pack = load_rulepack(tuple(settings.rule_dirs))
    results, errors = check_paths(files, settings.rule_dirs, include=settings.include, exclude=settings.exclude,
                                  root=settings.root, conventions=settings.conventions)
    hook = report_hook(files, settings.db) if files else None
    report = build_report(results, errors, extra_document_fields=hook)
    finish(report, results, pack, settings)
    return report, pack


def rule_rows(pack) -> list[dict]:
    """Every rule of the pack (and the suppression meta rule) as plain dicts, for SARIF."""
    from checker.suppress import SUPPRESSION_RULE

    return [r.as_dict() for r in pack.rules.values()] + [dict(SUPPRESSION_RULE)]
