"""Human text report of `checker check` (rich): grouped by document, arithmetic shown."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

STYLE = {"error": "bold red", "warning": "yellow", "info": "green"}


def render(report: dict, console: Console, show_consistent: bool = False) -> None:
    for doc in report["documents"]:
        checks = doc["checks"]
        flagged = [c for c in checks if c["verdict"] == "inconsistent"]
        console.print(Text(f"{doc['path']}  ", style="bold") + Text(
            f"{len(checks)} checks, {len(flagged)} inconsistent", style="dim"))
        for c in checks:
            if c["verdict"] != "inconsistent" and not show_consistent:
                continue
            sev = c["severity"] if c["verdict"] == "inconsistent" else "info"
            head = Text(f"  {c['line']}:{c['column']} ", style="dim")
            head += Text(f"{c['verdict']:<12}", style=STYLE.get(sev, ""))
            head += Text(f" [{c['rule']}] ", style="cyan")
            head += Text(c["message"])
            console.print(head)
            console.print(Text("      “" + c["quote"].replace("\n", " ") + "”", style="dim"))
            detail = f"      formula: {c['formula']}   recomputed: {c['recomputed']}   reported: {c['reported']}"
            if c.get("convention"):
                detail += f"   convention: {c['convention']}"
            if c.get("strength"):
                detail += f"   strength: {c['strength']}"
            console.print(Text(detail, style="dim"))
            for s in c.get("suggestions", []):
                console.print(Text("      → " + s, style="magenta"))
        for e in doc.get("errors", []):
            console.print(Text(f"  error: {e}", style="red"))
    s = report["summary"]
    console.print(Text(f"{s['documents']} documents, {s['checks']} checks, {s['inconsistent']} inconsistent "
                       f"({s['errors']} errors, {s['warnings']} warnings)", style="bold"))
