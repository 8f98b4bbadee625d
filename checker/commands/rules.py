"""`checker rules`: list every rule with its explanation, formula and examples."""
from __future__ import annotations

import argparse
import json
import sys


def register(sub) -> None:
    p = sub.add_parser("rules", help="list every rule with its explanation")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="add a rule pack directory")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from checker.formula import render
    from checker.rulepack import load_rulepack

    pack = load_rulepack(tuple(args.rules))
    rows = [dict(rule.as_dict(), solved={k: render(v) for k, v in rule.solutions.items()}) for rule in pack.rules.values()]
    if args.format == "json":
        sys.stdout.write(json.dumps({"rules": rows}, ensure_ascii=False, indent=1) + "\n")
        return 0
    from rich.console import Console
    from rich.text import Text

    console = Console()
    for r in rows:
        console.print(Text(f"{r['code']}", style="bold cyan") + Text(f"  {r['name']}  ({r['severity']})"))
        if r["formula"]:
            console.print(Text(f"  formula: {r['formula']}", style="magenta"))
        console.print(Text("  " + r["explanation"]))
        for e in r["examples"]:
            console.print(Text("  e.g. " + e, style="dim"))
        console.print()
    return 0
