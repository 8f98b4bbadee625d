"""Human text report of `checker check` (rich): grouped by document, arithmetic shown.

Every label is a catalogue message rendered in the report's locale (``wording.report_locale``):
a Chinese run reads 不一致 / 公式 / 重算 where an English one reads inconsistent / formula /
recomputed.  Codes (rule names in brackets, severities of the one-line form) stay English: they are
what configurations, suppressions and problem matchers name."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from checker.i18n import _, using_locale
from checker.report.sanitize import visible
from checker.report.wording import count, pad, report_locale, shorten

STYLE = {"error": "bold red", "warning": "yellow", "info": "green"}


def verdict_word(verdict: str) -> str:
    """The verdict as a word of the active locale (the JSON code stays English)."""
    return {"inconsistent": _("inconsistent"), "consistent": _("consistent")}.get(verdict, verdict)


def _muted(c: dict) -> tuple[str, str] | None:
    """Why an inconsistent finding does not fail, as (kind, explanation), else None."""
    if c.get("suppressed"):
        reason = visible(c["suppressed"].get("reason") or _("no reason given"))
        return _("suppressed"), _("suppressed: {reason}").format(reason=reason)
    from checker.report.status import is_dismissed

    review = c.get("review")
    if is_dismissed(c):
        kind = _("dismissed in review")
        if review.get("note"):
            return kind, _("dismissed in review: {note}").format(note=visible(review["note"]))
        return kind, kind
    if c.get("baseline") == "unchanged":
        return _("in the baseline"), _("in the baseline")
    return None


def _totals(s: dict) -> str:
    """The closing line: "1 document, 2 checks, 1 inconsistent (1 error, 0 warnings)"."""
    return _("{documents}, {checks}, {inconsistent} inconsistent ({errors}, {warnings})").format(
        documents=count(s['documents'], 'document'), checks=count(s['checks'], 'check'),
        inconsistent=s['inconsistent'], errors=count(s['errors'], 'error'), warnings=count(s['warnings'], 'warning'))


def _not_failing(s: dict) -> str | None:
    """"not failing: 2 suppressed inline; 1 in the baseline", or None when nothing is muted."""
    notes = [what.format(n=s[key]) for key, what in (("suppressed", _("{n} suppressed inline")),
                                                     ("dismissed", _("{n} dismissed in review")),
                                                     ("baselined", _("{n} in the baseline"))) if s.get(key)]
    return _("not failing: {notes}").format(notes=_("; ").join(notes)) if notes else None


def _absent(baseline: dict | None) -> str | None:
    """The line about baseline entries that no longer occur, or None."""
    if not baseline or not baseline.get("absent"):
        return None
    n = baseline["absent"]
    gone = _("{entries} no longer occurs") if n == 1 else _("{entries} no longer occur")
    return (gone.format(entries=count(n, 'baseline entry'))
            + _(" (fixed or reworded): refresh {file} with `checker baseline create`").format(file=visible(baseline['file'])))


def render(report: dict, console: Console, show_consistent: bool = False) -> None:
    with using_locale(report_locale(report)):
        _render(report, console, show_consistent)


def _render(report: dict, console: Console, show_consistent: bool) -> None:
    for doc in report["documents"]:
        checks = doc["checks"]
        flagged = [c for c in checks if c["verdict"] == "inconsistent"]
        kinds: dict[str, int] = {}
        for c in flagged:
            why = _muted(c)
            if why:
                kinds[why[0]] = kinds.get(why[0], 0) + 1
        head = _("{checks}, {n} inconsistent").format(checks=count(len(checks), 'check'), n=len(flagged))
        if kinds:
            head += _(" (not failing: {kinds})").format(kinds=_(", ").join(_("{n} {kind}").format(n=n, kind=k) for k, n in kinds.items()))
        console.print(Text(f"{visible(doc['path'])}  ", style="bold") + Text(head, style="dim"))
        for c in checks:
            if c["verdict"] != "inconsistent" and not show_consistent:
                continue
            why = _muted(c) if c["verdict"] == "inconsistent" else None
            if why and not show_consistent:
                continue
            sev = c["severity"] if c["verdict"] == "inconsistent" and not why else "info"
            line = Text(f"  {position(c)} ", style="dim")
            line += Text(pad(verdict_word(c["verdict"]), 12), style=STYLE.get(sev, ""))
            if why:
                line += Text(_(" ({muted})").format(muted=why[1]), style="dim")
            line += Text(f" [{c['rule']}] ", style="cyan")
            line += Text(visible(c["message"]))
            console.print(line)
            console.print(Text("      “" + visible(shorten(c["quote"])) + "”", style="dim"))
            detail = "      " + visible(_("formula: {formula}   recomputed: {recomputed}   reported: {reported}").format(
                formula=c['formula'], recomputed=c['recomputed'], reported=c['reported']))
            if c.get("convention"):
                detail += visible(_("   convention: {convention}").format(convention=c['convention']))
            if c.get("strength"):
                detail += visible(_("   strength: {strength}").format(strength=c['strength']))
            if c.get("formula") or c.get("recomputed"):
                console.print(Text(detail, style="dim"))
            for s in c.get("suggestions", []):
                console.print(Text("      → " + visible(s), style="magenta"))
        for e in doc.get("errors", []):
            console.print(Text("  " + _("error: {error}").format(error=visible(e)), style="red"))
    s = report["summary"]
    console.print(Text(_totals(s), style="bold"))
    notes = _not_failing(s)
    if notes:
        console.print(Text(notes, style="dim"))
    absent = _absent(report.get("baseline"))
    if absent:
        console.print(Text(absent, style="yellow"))


def position(c: dict, sep: str = ":") -> str:
    """Where a finding is: ``line:column``, or the page, paragraph or table cell of a PDF or DOCX
    article (whose lines are not the file's)."""
    where = c.get("location")
    if where and "line" not in where:
        return where["text"]
    return f"{c['line']}{sep}{c['column']}"


def render_summary(report: dict, out) -> None:
    """The terminal summary when the report goes to a file (``--output``): one plain line per failing
    finding (``path:line:column: severity [rule] message``) and the totals.  No rich: it must stay
    fast for thousands of findings in a CI log.  The severity stays the English code (editors' and
    CI problem matchers parse it); the message and the totals are in the report's locale."""
    with using_locale(report_locale(report)):
        _render_summary(report, out)


def _render_summary(report: dict, out) -> None:
    from checker.report.status import is_active

    for doc in report["documents"]:
        for c in doc["checks"]:
            if is_active(c):
                out.write(f"{visible(doc['path'])}:{position(c, ':')}: {c['severity']} [{c['rule']}] "
                          f"{visible(' '.join(c['message'].split()))}\n")
        for e in doc.get("errors", []):
            out.write(f"{visible(doc['path'])}: " + _("error: {error}").format(error=visible(e)) + "\n")
    s = report["summary"]
    out.write(_totals(s) + "\n")
    notes = _not_failing(s)
    if notes:
        out.write(notes + "\n")
    absent = _absent(report.get("baseline"))
    if absent:
        out.write(absent + "\n")
