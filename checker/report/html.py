"""The HTML report (`checker check --format html --output report.html`): one self-contained page an
editor can open or mail.  A summary table, then each article with every claim highlighted in place
and, beside it, each finding's numbers, reading, arithmetic, suggestions and review verdict.

The page is a Jinja2 template with autoescape on: every string that comes from an article or a
file name is escaped by the template, never concatenated into markup here.  No network: the CSS
and the small filter script are inline.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checker.report.status import is_active, is_dismissed
from checker.report.wording import count

TEMPLATES = Path(__file__).with_name("templates")


@dataclass
class Segment:
    """A stretch of the article: plain (no ids) or covered by the claims ``ids``, shown as ``kind``."""
    text: str
    kind: str = ""
    ids: list[str] = field(default_factory=list)
    refs: list[tuple[str, str]] = field(default_factory=list)  # (finding id, its mark) after the stretch


def kind(c: dict) -> str:
    """How a claim is shown: "inconsistent" (failing error), "warning" (any other inconsistent), "consistent"."""
    if c["verdict"] != "inconsistent":
        return "consistent"
    return "inconsistent" if is_active(c) and c["severity"] == "error" else "warning"


MARK = {"inconsistent": "✗", "warning": "?", "consistent": "✓"}
_RANK = {"consistent": 0, "warning": 1, "inconsistent": 2}


def _article_text(doc: dict) -> str | None:
    """The article as the spans count it, or None when it cannot be read back (stdin, moved, another
    encoding): the page then lists the findings with their quotes only."""
    from checker.reader import InputError, read_documents
    from checker.readers import format_of

    try:
        if format_of(doc["path"]) is not None:  # a converted article: the spans count its visible text
            text = next(read_documents([doc["path"]])).text
        else:
            text = Path(doc["path"]).read_text(encoding=doc.get("encoding") or "utf-8")
    except (OSError, UnicodeError, LookupError, ValueError, InputError, StopIteration):
        return None
    ok = all(text[c["span"]["start"]:c["span"]["end"]] == c["quote"] for c in doc["checks"])
    return text if ok else None


def segments(text: str, checks: list[tuple[str, dict]]) -> list[Segment]:
    """``text`` cut at every claim boundary; each piece knows the claims covering it (overlaps too)."""
    cuts = sorted({0, len(text)} | {c["span"][k] for _, c in checks for k in ("start", "end")})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(i, c) for i, c in checks if c["span"]["start"] <= a and b <= c["span"]["end"]]
        worst = max((kind(c) for _, c in covering), key=_RANK.__getitem__, default="")
        seg = Segment(text[a:b], worst, [i for i, _ in covering])
        seg.refs = [(i, MARK[kind(c)]) for i, c in checks if c["span"]["end"] == b and c["span"]["start"] < b]
        out.append(seg)
    return out


def render_html(report: dict) -> str:
    """The whole page as a string."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    docs = []
    for n, doc in enumerate(report["documents"]):
        checks = [(f"f{n}-{k}", c) for k, c in enumerate(doc["checks"])]
        text = _article_text(doc)
        docs.append({"n": n, "path": doc["path"], "language": doc.get("language"), "errors": doc.get("errors", []),
                     "findings": [{"id": i, "kind": kind(c), "mark": MARK[kind(c)], "c": c,
                                   "dismissed": is_dismissed(c)} for i, c in checks],
                     "segments": segments(text, checks) if text is not None else None,
                     "flagged": sum(1 for _, c in checks if c["verdict"] == "inconsistent")})
    rules = sorted({c["rule"] for d in report["documents"] for c in d["checks"]})
    s = report["summary"]
    return env.get_template("report.html.j2").render(
        docs=docs, rules=rules, summary=s, report=report,
        totals=f"{count(s['documents'], 'document')}, {count(s['checks'], 'check')}, {s['inconsistent']} inconsistent")
