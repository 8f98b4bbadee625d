"""Human text report of `checker check` (rich): grouped by document, arithmetic shown."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from checker.report.sanitize import visible
from checker.report.wording import count, shorten

STYLE = {"error": "bold red", "warning": "yellow", "info": "green"}


def _muted(c: dict) -> str | None:
    """Why an inconsistent finding does not fail (suppressed, dismissed, baseline), else None."""
    if c.get("suppressed"):
        return "suppressed: " + visible(c["suppressed"].get("reason") or "no reason given")
    from checker.report.status import is_dismissed

    review = c.get("review")
    if is_dismissed(c):
        return "dismissed in review" + (f": {visible(review['note'])}" if review.get("note") else "")
    if c.get("baseline") == "unchanged":
        return "in the baseline"
    return None


def _totals(s: dict) -> str:
    """The closing line: "1 document, 2 checks, 1 inconsistent (1 error, 0 warnings)"."""
    return (f"{count(s['documents'], 'document')}, {count(s['checks'], 'check')}, {s['inconsistent']} inconsistent "
            f"({count(s['errors'], 'error')}, {count(s['warnings'], 'warning')})")


def render(report: dict, console: Console, show_consistent: bool = False) -> None:
    for doc in report["documents"]:
        checks = doc["checks"]
        flagged = [c for c in checks if c["verdict"] == "inconsistent"]
        kinds: dict[str, int] = {}
        for c in flagged:
            why = _muted(c)
            if why:
                key = why.split(":")[0]
                kinds[key] = kinds.get(key, 0) + 1
        console.print(Text(f"{visible(doc['path'])}  ", style="bold") + Text(
            f"{count(len(checks), 'check')}, {len(flagged)} inconsistent"
            + (f" (not failing: {', '.join(f'{n} {k}' for k, n in kinds.items())})" if kinds else ""), style="dim"))
        for c in checks:
            if c["verdict"] != "inconsistent" and not show_consistent:
                continue
            why = _muted(c) if c["verdict"] == "inconsistent" else None
            if why and not show_consistent:
                continue
            sev = c["severity"] if c["verdict"] == "inconsistent" and not why else "info"
            head = Text(f"  {position(c)} ", style="dim")
            head += Text(f"{c['verdict']:<12}", style=STYLE.get(sev, ""))
            if why:
                head += Text(f" ({why})", style="dim")
            head += Text(f" [{c['rule']}] ", style="cyan")
            head += Text(visible(c["message"]))
            console.print(head)
            console.print(Text("      “" + visible(shorten(c["quote"])) + "”", style="dim"))
            detail = visible(f"      formula: {c['formula']}   recomputed: {c['recomputed']}   reported: {c['reported']}")
            if c.get("convention"):
                detail += f"   convention: {c['convention']}"
            if c.get("strength"):
                detail += f"   strength: {c['strength']}"
            if c.get("formula") or c.get("recomputed"):
                console.print(Text(detail, style="dim"))
            for s in c.get("suggestions", []):
                console.print(Text("      → " + visible(s), style="magenta"))
        for e in doc.get("errors", []):
            console.print(Text(f"  error: {visible(e)}", style="red"))
    s = report["summary"]
    console.print(Text(_totals(s), style="bold"))
    notes = [f"{s[key]} {what}" for key, what in (("suppressed", "suppressed inline"),
                                                  ("dismissed", "dismissed in review"),
                                                  ("baselined", "in the baseline")) if s.get(key)]
    if notes:
        console.print(Text("not failing: " + "; ".join(notes), style="dim"))
    baseline = report.get("baseline")
    if baseline and baseline.get("absent"):
        console.print(Text(f"{count(baseline['absent'], 'baseline entry')} no longer {'occurs' if baseline['absent'] == 1 else 'occur'} (fixed or reworded): "
                           f"refresh {visible(baseline['file'])} with `checker baseline create`", style="yellow"))


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
    fast for thousands of findings in a CI log."""
    from checker.report.status import is_active

    for doc in report["documents"]:
        for c in doc["checks"]:
            if is_active(c):
                out.write(f"{visible(doc['path'])}:{position(c, ':')}: {c['severity']} [{c['rule']}] "
                          f"{visible(' '.join(c['message'].split()))}\n")
        for e in doc.get("errors", []):
            out.write(f"{visible(doc['path'])}: error: {visible(e)}\n")
    s = report["summary"]
    out.write(_totals(s) + "\n")
    notes = [f"{s[key]} {what}" for key, what in (("suppressed", "suppressed inline"),
                                                  ("dismissed", "dismissed in review"),
                                                  ("baselined", "in the baseline")) if s.get(key)]
    if notes:
        out.write("not failing: " + "; ".join(notes) + "\n")
    baseline = report.get("baseline")
    if baseline and baseline.get("absent"):
        out.write(f"{count(baseline['absent'], 'baseline entry')} no longer {'occurs' if baseline['absent'] == 1 else 'occur'} (fixed or reworded): "
                  f"refresh {visible(baseline['file'])} with `checker baseline create`\n")
