"""The HTML report (`checker check --format html --output report.html`): one self-contained page an
editor can open or mail.  A summary table, then each article with every claim highlighted in place
and, beside it, each finding's numbers, reading, arithmetic, suggestions and review verdict.

The page is a Jinja2 template with autoescape on: every string that comes from an article or a
file name is escaped by the template, never concatenated into markup here.  The page's own words
come from the catalogue in the report's locale (``labels``), and ``<html lang>`` names it.  No network: the CSS
and the small filter script are inline.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checker.i18n import _, using_locale
from checker.report.status import is_active, is_dismissed
from checker.report.wording import count, report_locale

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


def labels() -> dict[str, str]:
    """Every word of the page's own (the article and the findings bring theirs), in the active
    locale.  Passed to the template as strings, so that the catalogue extractor finds them in Python
    and the template stays free of gettext calls."""
    return {
        "title": _("checker report"),
        "article": _("article"), "language": _("language"), "checks": _("checks"),
        "inconsistent": _("inconsistent"), "warning": _("warning"), "consistent": _("consistent"),
        "filter": _("filter the findings"), "rule": _("rule"), "verdict": _("verdict"), "all": _("all"),
        "marks": _("marks: ✗ inconsistent (solid), ? warning (dashed), ✓ consistent (dotted)"),
        "error": _("error: {error}"),
        "unreadable": _("(the article could not be read back; the findings quote it)"),
        "finding": _("finding {id}"),
        "numbers": _("numbers"), "arithmetic": _("arithmetic"), "reading": _("reading"),
        "strength": _("strength"), "suppressed": _("suppressed"), "no_reason": _("no reason given"),
        "review": _("review"), "changed": _(" (changed since review)"),
        "reported": _("{formula} = {recomputed}; reported {reported}"),
    }


def _n(msgid: str) -> str:
    """Marks a message for the catalogue extractor; translated when the page is drawn."""
    return msgid


#: the roles numbers play in a claim (JSON codes), shown as words: English shows the code itself
ROLES = frozenset((_n("part"), _n("whole"), _n("rate"), _n("old"), _n("new"), _n("change"), _n("total"),
                   _n("parts"), _n("value"), _n("values"), _n("items"), _n("stated"), _n("listed"), _n("first"),
                   _n("second"), _n("duration")))


def role_word(role: str) -> str:
    """``parts[1]`` → "分项[1]" in Chinese, unchanged in English; an unknown role stays its code."""
    base, bracket, rest = role.partition("[")
    return _(base) + bracket + rest if base in ROLES else role


def _words() -> dict[str, str]:
    """Codes shown as words: verdicts, severities and review verdicts."""
    return {"inconsistent": _("inconsistent"), "consistent": _("consistent"), "error": _("error"),
            "warning": _("warning"), "info": _("info"), "confirmed": _("confirmed"), "dismissed": _("dismissed"),
            "skipped": _("skipped"), "unreviewed": _("unreviewed")}


def render_html(report: dict) -> str:
    """The whole page as a string, in the report's locale (``<html lang>`` says which)."""
    lang = report_locale(report)
    with using_locale(lang):
        return _render(report, lang)


def _render(report: dict, lang: str) -> str:
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    docs = []
    for n, doc in enumerate(report["documents"]):
        checks = [(f"f{n}-{k}", c) for k, c in enumerate(doc["checks"])]
        text = _article_text(doc)
        docs.append({"n": n, "path": doc["path"], "language": doc.get("language"), "errors": doc.get("errors", []),
                     "findings": [{"id": i, "kind": kind(c), "mark": MARK[kind(c)], "c": c,
                                   "dismissed": is_dismissed(c),
                                   "heading": _("line {line}").format(line=c["line"])} for i, c in checks],
                     "segments": segments(text, checks) if text is not None else None,
                     "flagged": sum(1 for _i, c in checks if c["verdict"] == "inconsistent")})
    rules = sorted({c["rule"] for d in report["documents"] for c in d["checks"]})
    s = report["summary"]
    totals = _("{documents}, {checks}, {inconsistent} inconsistent").format(
        documents=count(s['documents'], 'document'), checks=count(s['checks'], 'check'), inconsistent=s['inconsistent'])
    failing = _("({errors} failing errors, {warnings} failing warnings)").format(errors=s.get("errors", 0),
                                                                                   warnings=s.get("warnings", 0))
    return env.get_template("report.html.j2").render(
        docs=docs, rules=rules, summary=s, report=report, lang=lang, t=labels(), words=_words(), role=role_word,
        totals=totals, failing=failing)
