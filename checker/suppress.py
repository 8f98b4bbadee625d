"""Inline suppressions: HTML comments in an article that silence a rule where a reviewer decided.

    <!-- checker-disable-next-line rate: the rate counts closed cases only -->
    <!-- checker-disable-line change_pct, pp_diff: the source rounds per quarter -->
    <!-- checker-disable all: table copied from the statistics bureau -->  … <!-- checker-enable -->

A directive names the rules (codes, comma- or space-separated, or ``all``), then a colon and the
reason.  ``checker-disable-next-line`` covers the next non-blank line after the comment (a
paragraph is one line in most Markdown), ``checker-disable-line`` the line(s) the comment is on,
``checker-disable`` everything up to the next ``checker-enable`` (naming the same rules, or none
for all) or the end of the article.  A check is covered when it starts in that stretch.  An HTML
comment is invisible in Markdown and HTML articles; the directives are read in every article.
In a converted article (Markdown, HTML: ``Document.source_map``) they are read in the source file,
where the comments are, by its lines, and the stretches they cover are mapped to the visible text
that the checks' spans point into (``parse_document``).

A directive still applies when it lacks a reason or names an unknown rule, but it is then itself a
warning finding of rule ``suppression`` (a suppression must say why, so the next reviewer can judge
it).  Every directive is listed in the reports, with the checks it suppressed.
"""
from __future__ import annotations

import hashlib
import heapq
from bisect import bisect_right
from dataclasses import dataclass, field

import regex

from checker.i18n import gettext
from checker.normalize import LINE_BREAK

def _n(msgid: str) -> str:
    """Marks a message for the catalogue (``make messages``); it is translated when shown."""
    return msgid


#: The meta rule of suppression problems (not in the rule pack: it is about the directives).
SUPPRESSION_RULE = {
    "code": "suppression",
    "name": "Inline suppressions name a rule and give a reason",
    "severity": "warning",
    "explanation": ("An inline suppression (<!-- checker-disable-next-line RULE: reason -->) must name the "
                    "rules it silences (or all) and say why after a colon, so that the next reviewer can judge "
                    "it. A directive without a reason, naming an unknown rule, or a checker-enable without an "
                    "open checker-disable is reported; the directive itself still applies."),
    "examples": ["<!-- checker-disable-next-line rate: the rate counts closed cases only --> (fine)",
                 "<!-- checker-disable-next-line rate --> (warning: no reason)"],
}

# The opening of a directive; its body runs to the first "-->" after it (found with str.find, once
# for every run of openers: a lazy ".*?-->" rescanned the rest of the text for each unclosed one).
_OPENER = regex.compile(r"<!--\s*+checker-(?P<kind>disable-next-line|disable-line|disable|enable)(?![\w-])")
_CLOSE = "-->"


class _Directive:
    """A directive comment found in the text (the groups of a match, without a regex)."""

    __slots__ = ("kind", "body", "_start", "_end", "_text")

    def __init__(self, text: str, start: int, end: int, kind: str, body: str) -> None:
        self.kind, self.body, self._start, self._end, self._text = kind, body, start, end, text

    def group(self, name: str | int = 0) -> str:
        if name == "kind":
            return self.kind
        if name == "body":
            return self.body
        return self._text[self._start:self._end]

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _directives(text: str):
    """Every directive comment, left to right (linear: each "-->" is searched for at most once)."""
    pos, close = 0, -1
    while True:
        m = _OPENER.search(text, pos)
        if m is None:
            return
        if close < m.end():
            close = text.find(_CLOSE, m.end())
            if close < 0:
                return  # no comment is closed after here
        yield _Directive(text, m.start(), close + len(_CLOSE), m.group("kind"), text[m.end():close])
        pos = close + len(_CLOSE)


@dataclass(slots=True)
class Suppression:
    kind: str  # "next-line" | "line" | "block" | "enable"
    rules: tuple[str, ...]  # rule codes, or ("all",)
    reason: str | None
    start: int  # the comment's span in the original text
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    covers: tuple[int, int] = (0, 0)  # offsets [a, b): a check starting here is covered
    first_line: int = 0
    last_line: int = 0
    problems: list[str] = field(default_factory=list)  # in English (stable: they enter the fingerprint)
    #: the same problems as catalogue entries (msgid, fields), worded in the reader's locale on output
    problem_messages: list[tuple[str, dict]] = field(default_factory=list)
    language: str | None = None  # the article's language (the locale its problems are worded in)

    def problem(self, msgid: str, hint: str = "", **fields: str) -> None:
        """Record a problem: in English for the fingerprint and ``problems``; as its msgid and fields
        for ``localized``.  ``hint``: codes a misspelled rule may have meant (did you mean …)."""
        self.problems.append(msgid.format(hint=HINT.format(codes=hint) if hint else "", **fields))
        self.problem_messages.append((msgid, dict(fields, hint=hint)))

    def localized(self) -> list[str]:
        """The problems worded in the active locale."""
        from checker.i18n import gettext

        return [gettext(msgid).format(**dict(fields, hint=gettext(HINT).format(codes=fields["hint"])
                                             if fields["hint"] else ""))
                for msgid, fields in self.problem_messages]
    suppressed: list[str] = field(default_factory=list)  # ids of the checks it suppressed

    def applies(self, rule: str, offset: int) -> bool:
        return self.kind != "enable" and ("all" in self.rules or rule in self.rules) \
            and self.covers[0] <= offset < self.covers[1]

    def as_dict(self) -> dict:
        return {"kind": self.kind, "rules": list(self.rules), "reason": self.reason,
                "span": {"start": self.start, "end": self.end}, "line": self.line, "column": self.column,
                "covers": {"start_line": self.first_line, "end_line": self.last_line},
                "problems": list(self.problems), "suppressed": list(self.suppressed)}


class _Lines:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        self._next_filled: list[int] | None = None

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset)

    def column_of(self, offset: int) -> int:
        return offset - self.starts[self.line_of(offset) - 1] + 1

    def start(self, line: int) -> int:
        return self.starts[line - 1] if line - 1 < len(self.starts) else len(self.text)

    def end(self, line: int) -> int:
        """Offset just past the line's last character (its newline included)."""
        return self.starts[line] if line < len(self.starts) else len(self.text)

    def count(self) -> int:
        return len(self.starts)

    def next_filled(self, line: int) -> int:
        """The first line at or after ``line`` that is not blank (``count() + 1`` if none)."""
        if self._next_filled is None:  # one pass from the end, the first time it is needed
            n = self.count()
            nxt = [n + 1] * (n + 2)
            for k in range(n, 0, -1):
                nxt[k] = k if self.text[self.start(k):self.end(k)].strip() else nxt[k + 1]
            self._next_filled = nxt
        return self._next_filled[line] if line <= self.count() else line


def parse(text: str, known_rules: frozenset[str] | set[str] | None = None) -> list[Suppression]:
    """Every directive in ``text``, with the stretch it covers and its problems."""
    if "checker-" not in text:
        return []
    lines = _Lines(text)
    out: list[Suppression] = []
    open_blocks: list[Suppression] = []
    for m in _directives(text):
        kind = {"disable-next-line": "next-line", "disable-line": "line", "disable": "block",
                "enable": "enable"}[m.group("kind")]
        body = " ".join(m.group("body").split())
        names, sep, reason = body.partition(":")
        rules = tuple(dict.fromkeys(r for r in regex.split(r"[,\s]+", names.strip()) if r))
        reason = reason.strip() or None
        line, end_line = lines.line_of(m.start()), lines.line_of(max(m.start(), m.end() - 1))
        s = Suppression(kind, rules or ("all",), reason, m.start(), m.end(), line, lines.column_of(m.start()),
                        end_line, lines.column_of(m.end() - 1) + 1, m.group(0))
        if kind == "enable":
            closing = [b for b in open_blocks if not rules or "all" in rules or set(b.rules) & set(rules)]
            if not closing:
                s.problem(_n("closes nothing: no checker-disable is open before this checker-enable"))
            for b in closing:
                b.covers = (b.covers[0], m.start())
                b.last_line = line
                open_blocks.remove(b)
            out.append(s)
            continue
        if not rules:
            s.problem(_n("checker-{kind} names no rule: write the rule codes, or all"), kind=m.group("kind"))
        unknown = [r for r in rules if r != "all" and known_rules is not None and r not in known_rules]
        if unknown:
            s.problem(_n("names unknown rule {rules}{hint}") if len(unknown) == 1 else
                      _n("names unknown rules {rules}{hint}"), rules=", ".join(unknown),
                      hint=_did_you_mean(unknown, known_rules or ()))
        if reason is None:
            s.problem(_n("gives no reason: say why after a colon (<!-- checker-{kind} {rules}: why -->)"),
                      kind=m.group("kind"), rules=" ".join(s.rules))
        if kind == "line":
            s.covers = (lines.start(line), lines.end(end_line))
            s.first_line, s.last_line = line, end_line
        elif kind == "next-line":
            target = lines.next_filled(end_line + 1)
            s.covers = (lines.start(target), lines.end(target)) if target <= lines.count() else (len(text), len(text))
            s.first_line = s.last_line = min(target, lines.count())
        else:
            s.covers = (m.end(), len(text))
            s.first_line, s.last_line = end_line, lines.count()
            open_blocks.append(s)
        out.append(s)
    return out


def parse_document(document, known_rules: frozenset[str] | set[str] | None = None) -> list[Suppression]:
    """Every directive of a Document: in its source when it was converted from Markdown or HTML
    (lines and columns stay the source's; spans and covered stretches become visible offsets)."""
    smap = document.source_map
    if smap is None or smap.kind != "text":
        out = parse(document.text, known_rules)
        for s in out:
            s.language = document.language  # its problems are worded in the article's locale
        return out
    from checker.readers.locate import to_visible

    size = len(document.text)
    out = parse(smap.source, known_rules)
    for s in out:
        s.language = document.language
        s.covers = (to_visible(smap, s.covers[0], size), to_visible(smap, s.covers[1], size))
        s.start = s.end = to_visible(smap, s.start, size)
    return out


def _did_you_mean(unknown: list[str], known: frozenset[str] | set[str] | tuple) -> str:
    """``(did you mean rate?)`` for the misspelled codes that are close to a known one."""
    import difflib

    hints = []
    for r in unknown:
        close = difflib.get_close_matches(r, sorted(known), n=1, cutoff=0.6)
        if close:
            hints.append(f"{close[0]} for {r}" if len(unknown) > 1 else close[0])
    return ", ".join(hints)


#: The problem of a directive that silenced no finding (like ruff's RUF100 for an unused noqa).
HINT = _n(" (did you mean {codes}?)")
UNUSED = _n("silences nothing: no inconsistent finding of {rules} starts in the lines it covers; remove it")


def mark_unused(suppressions: list[Suppression]) -> None:
    """After ``apply``: a disable directive that suppressed no check gets the UNUSED problem, so a
    suppression left behind after the article (or the checker) was fixed is reported."""
    for s in suppressions:
        if s.kind != "enable" and not s.suppressed:
            if "all" in s.rules:
                s.problem(_n("silences nothing: no inconsistent finding of any rule starts in the lines it covers; remove it"))
            else:
                s.problem(UNUSED, rules=", ".join(s.rules))


def apply(checks: list[dict], suppressions: list[Suppression]) -> None:
    """Mark every inconsistent check (report dicts) a directive covers: ``check["suppressed"]``."""
    if not suppressions:
        return
    # The first directive (in document order) that covers a check wins.  Sweep the checks by offset
    # with, per rule code (and "all"), a heap of the directives whose stretch has begun, keyed by
    # their order: O((checks + directives) log directives) instead of checks × directives.
    todo = sorted((c["span"]["start"], k) for k, c in enumerate(checks)
                  if c["verdict"] == "inconsistent" and not c.get("suppressed"))
    if not todo:
        return
    starts = sorted((s.covers[0], k) for k, s in enumerate(suppressions)
                    if s.kind != "enable" and s.covers[0] < s.covers[1])
    heaps: dict[str, list[int]] = {}
    winner: dict[int, Suppression] = {}
    nxt = 0
    for offset, k in todo:
        while nxt < len(starts) and starts[nxt][0] <= offset:
            index = starts[nxt][1]
            for rule in suppressions[index].rules:
                heapq.heappush(heaps.setdefault(rule, []), index)
            nxt += 1
        best = None
        for rule in (checks[k]["rule"], "all"):
            heap = heaps.get(rule)
            while heap and suppressions[heap[0]].covers[1] <= offset:
                heapq.heappop(heap)  # ended: offsets only grow, so it never covers a later check
            if heap and (best is None or heap[0] < best):
                best = heap[0]
        if best is not None:
            winner[k] = suppressions[best]
    for k in sorted(winner):
        c, s = checks[k], winner[k]
        c["suppressed"] = {"kind": "inSource", "reason": s.reason, "rules": list(s.rules),
                           "line": s.line, "directive": s.kind}
        s.suppressed.append(c["id"])


def _worded(s: Suppression) -> str:
    """The finding's message in the run's forced locale, else the article's."""
    from checker.i18n import forced_locale, locale_for, using_locale

    with using_locale(locale_for(s.language, forced_locale())):
        return gettext("suppression {problems}").format(problems=gettext("; ").join(s.localized()))


def problem_checks(suppressions: list[Suppression]) -> list[dict]:
    """A warning finding (report dict, rule ``suppression``) for each directive with problems."""
    out = []
    seen: dict[str, int] = {}
    for s in suppressions:
        if not s.problems:
            continue
        key = f"suppression|{s.kind}|{','.join(s.rules)}|{s.reason or ''}|{'; '.join(s.problems)}"
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}|{seen[key]}".encode()).hexdigest()[:16]
        out.append({
            "id": fingerprint, "rule": "suppression", "verdict": "inconsistent",
            "severity": SUPPRESSION_RULE["severity"], "span": {"start": s.start, "end": s.end},
            "line": s.line, "column": s.column, "end_line": s.end_line, "end_column": s.end_column,
            "quote": s.text, "numbers": [], "formula": "",
            "recomputed": "", "reported": "", "convention": None, "strength": None,
            "message": _worded(s),
            "suggestions": [], "message_en": f"suppression {'; '.join(s.problems)}",
        })
    return out
