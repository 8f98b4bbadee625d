"""Changes whose values stand in other sentences: a series read across the article.

Wire stories and budget reports state a change in one sentence and its values in others: "starts
rose 4.4 pct in September to 1,669,000" with August's level two sentences later; "permits were
11.5 pct below the September 1986 level of 1,687,000" with September's permits at the top; a lede
"GM down 9.3 pct" with GM's counts paragraphs below; "a 3.8% decrease from the FY2016 level" with
"$44 million, which matches the FY2016 level" in the next paragraph.  The sentence binder
(checker.binding) cannot see those values.  This module keeps a ledger of the article's levels,
each with the words of its sentence and the periods it is of, and fills the missing new or earlier
value of a percent change from it:

* the missing value must be of the same subject (every content word of the change's subject, or
  its acronym such as GM or USFA, in the value's sentence), of the period the change needs (its own
  "in September"; the month before for a monthly change with no earlier period; the article's
  first period when it names none) and of a comparable dimension;
* every such value is a reading, judged charitably (consistent when any reading holds), and a
  reading that the stated change makes implausible (the ratio off by more than a quarter, or the
  other direction) is no reading: the binding, not the article, is wrong then;
* a cross-sentence binding is never certain: its findings are warnings.

The periods and cues are data (``rules/<lang>/frames.toml``: ``period``, ``period_after``,
``period_before``, ``period_equals_after``, ``change_period_after``, ``earlier_named_after``,
``appositive_before``, ``year_on_year``); a
language without them gets no series claims.  Cost: one pass over the frames to build the ledger,
and a bounded number of ledger entries per change (linear in the article).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

import regex

from checker.frames import PCT_CHANGE, Frame, clause_marks, dimensions_agree
from checker.model import Claim
from checker.i18n import _

#: a reading is plausible when its new/old ratio is within this factor of the ratio the change states
PLAUSIBLE = 1.25
#: ledger entries of one period a change may weigh (the nearest first): keeps the search linear
MAX_CANDIDATES = 12
#: how far before a value its period or its clause's start is looked for
PERIOD_REACH = 200
#: how many sentences back the value a change names ("the request") is looked for
NAMED_SENTENCES = 12
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WORD = regex.compile(r"[A-Za-z][A-Za-z.'’-]*[A-Za-z]|[A-Za-z]")
ACRONYM = regex.compile(r"\b[A-Z]{2,6}\b")
MONTH_WORDS = frozenset(MONTHS) | frozenset(m[:3] for m in MONTHS) | {"sept"}


class SeriesCues:
    """The period cues of one language, compiled once (None where the language has none)."""

    def __init__(self, cues: dict[str, tuple[str, ...]]) -> None:
        def rx(name: str):
            pats = cues.get(name, ())
            return regex.compile("|".join(f"(?:{p})" for p in pats), regex.IGNORECASE) if pats else None

        self.period = rx("period")
        period = "|".join(f"(?:{p})" for p in cues.get("period", ()))
        fill = lambda name: [p.replace("{period}", f"(?P<period>{period})") for p in cues.get(name, ())]  # noqa: E731
        compiled = {}
        for name in ("period_after", "period_before", "period_equals_after", "change_period_after",
                     "earlier_named_after", "period_figure_before"):
            pats = fill(name)
            compiled[name] = regex.compile("|".join(f"(?:{p})" for p in pats), regex.IGNORECASE) if pats else None
        self.after, self.before = compiled["period_after"], compiled["period_before"]
        self.equals_after, self.change_after = compiled["period_equals_after"], compiled["change_period_after"]
        self.earlier_named = compiled["earlier_named_after"]
        self.period_figure = compiled["period_figure_before"]  # "September's figure was revised to"
        self.appositive = rx("appositive_before")
        self.year_on_year = rx("year_on_year")
        self.function_words = frozenset(w.lower() for w in cues.get("function_words", ()))  # name no subject
        self.named_after, self.named_words = rx("named_reference_after"), rx("named_reference_words")

    @property
    def usable(self) -> bool:
        return self.period is not None


def period_key(phrase: str) -> str:
    """A period phrase made comparable: "in September 1986" → "september 1986", "FY 2016" → "fy2016"."""
    words = regex.sub(r"\s+", " ", phrase.lower()).strip()
    words = regex.sub(r"^(?:in|during|for|over|of|the)\s+", "", words)
    words = regex.sub(r"\bfy\s?(\d{4})", r"fy\1", words)
    return regex.sub(r"(\b[a-z]+)\s+\d{1,2}(?:-\d{1,2})?\b(?!\d)", r"\1", words)  # "march 1-10" → "march"


def previous_period(key: str) -> str | None:
    """The period before a month ("september" → "august"); None for other periods."""
    if key in MONTHS:
        return MONTHS[MONTHS.index(key) - 1]
    return None


@dataclass(slots=True)
class Entry:
    """One level of the ledger: a value with the periods it is of and the words of its sentence."""

    frame: Frame
    sentence: int
    periods: set[str]
    words: set[str]
    acronyms: set[str]
    pair: Frame | None = None  # the earlier value bound with it in its own sentence (a from/to pair)
    #: its clause names no subject but a period's figure ("September's figure was revised to $709.7
    #: billion"): the subject of the sentence next to it
    anaphoric: bool = False
    span: tuple[int, int] = (0, 0)  # its sentence's


@dataclass(slots=True)
class _Sentence:
    index: int
    start: int
    end: int
    frames: list[Frame]
    words: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    marks: list[int] = field(default_factory=list)  # its clause marks (frames.clause_marks), found once


def _words(text: str, cues: SeriesCues) -> set[str]:
    return {w.lower() for w in WORD.findall(text)} - cues.function_words


def _periods_of(f: Frame, text: str, s: _Sentence, cues: SeriesCues) -> set[str]:
    """The periods a value is of: its own phrase after it ("1,502,000 units in August", "104,952 a
    year ago"), the period in its cue ("from July levels of", "below the September 1986 level of"),
    "which matches the FY2016 level", else every period of its sentence before it."""
    m = f.mention
    k = bisect_left(s.marks, m.nend)
    clause_end = s.marks[k] if k < len(s.marks) else s.end
    after = text[m.nend : min(clause_end, m.nend + 60)]
    if cues.after is not None and (a := cues.after.match(after)):
        return {period_key(a.group("period"))}
    if cues.equals_after is not None and (a := cues.equals_after.match(text[m.nend : min(s.end, m.nend + 80)])):
        return {period_key(a.group("period"))}
    before = text[max(s.start, m.nstart - 60) : m.nstart]
    if cues.before is not None and (b := cues.before.search(before)):
        return {period_key(b.group("period"))}
    return {period_key(p.group()) for p in cues.period.finditer(text, max(s.start, m.nstart - PERIOD_REACH), m.nstart)}


def _subject(f: Frame, text: str, s: _Sentence) -> tuple[set[str], set[str]]:
    """The content words and acronyms naming what a change is of (its metric, period words left out)."""
    words = set(f.metric.split()) - MONTH_WORDS - {"u.s", "u.s."}
    words = {w for w in words if not regex.fullmatch(r"fy\d{4}|\d+", w)}
    return words, _acronyms(text, _clause_start(s, f.mention.nstart), f.mention.nstart)


def _clause_start(s: _Sentence, pos: int) -> int:
    """Where the clause holding ``pos`` begins (after its sentence's last clause mark before it), at
    most PERIOD_REACH characters back."""
    k = bisect_left(s.marks, pos)
    return max(s.marks[k - 1] + 1 if k else s.start, pos - PERIOD_REACH)


def _acronyms(text: str, lo: int, hi: int) -> set[str]:
    """Names in capitals (GM, USFA), not the words of a headline in capitals (HOUSING STARTS ROSE)."""
    out = set()
    for m in ACRONYM.finditer(text, lo, hi):
        around = text[max(0, m.start() - 20) : m.start()].split()[-1:] + text[m.end() : m.end() + 20].split()[:1]
        if any(w.isalpha() and w.isupper() and len(w) > 1 for w in around):
            continue
        out.add(m.group())
    return out - {"PCT", "FY", "US"}


def _matches(words: set[str], acronyms: set[str], entry: Entry) -> bool:
    """The entry's sentence names the change's subject: its acronym, or every content word."""
    if acronyms & entry.acronyms:
        return True
    return bool(words) and words <= entry.words


def _ratio_plausible(new: Frame, old: Frame, change: Frame, direction: str | None) -> bool:
    """The reading's new/old ratio is within PLAUSIBLE of the ratio the change states, same direction."""
    n, o, c = new.mention.value, old.mention.value, change.mention.value
    if n is None or o is None or c is None or o <= 0 or n < 0 or direction not in ("up", "down"):
        return False
    stated = 1 + (c if direction == "up" else -c) / 100
    if stated <= 0:
        return False
    actual = n / o
    if (direction == "up") != (actual >= 1) and actual != 1:
        return False
    return 1 / PLAUSIBLE <= actual / stated <= PLAUSIBLE


def series_claims(text: str, readings, cues: SeriesCues) -> list[Claim]:
    """Percent changes completed from the ledger of the article's levels (see the module doc)."""
    if not cues.usable or not readings:
        return []
    sentences: list[_Sentence] = []
    for i, r in enumerate(readings):
        s = _Sentence(i, r.start, r.end, r.frames)
        s.words = _words(text[r.start : r.end], cues)
        s.acronyms = _acronyms(text, r.start, r.end)
        s.marks = clause_marks(text, r.start, r.end, True)
        sentences.append(s)
    first = cues.period.search(text)
    document_period = period_key(first.group()) if first else None
    ledger: dict[str, list[Entry]] = {}
    complete: set[int] = set()  # changes the sentence binder already gave both values
    pairs: dict[int, Frame] = {}  # a new value -> the earlier value of its from/to pair
    known: dict[int, dict[str, Frame]] = {}
    for r in readings:
        for b, __ in r.selected:
            slots = b.slots
            if b.anchor.role == PCT_CHANGE:
                known.setdefault(id(b.anchor), {}).update({k: v for k, v in slots.items() if k in ("new", "old")})
                if "new" in slots and ("old" in slots or "increment" in slots):
                    complete.add(id(b.anchor))
            if b.relation == "direction" and "new" in slots:
                pairs[id(slots["new"])] = b.anchor
    for s in sentences:
        for f in s.frames:
            if f.role in ("level", "reference") and f.mention.kind in ("count", "money", "measure"):
                e = Entry(f, s.index, _periods_of(f, text, s, cues), s.words, s.acronyms, pairs.get(id(f)),
                          cues.period_figure is not None and cues.period_figure.search(
                              text, _clause_start(s, f.mention.nstart), f.mention.nstart) is not None,
                          (s.start, s.end))
                for p in e.periods:
                    ledger.setdefault(p, []).append(e)
    claims: list[Claim] = []
    for s in sentences:
        for k, f in enumerate(s.frames):
            if f.role != PCT_CHANGE or id(f) in complete or f.mention.kind != "percent" or not f.direction:
                continue
            claim = _complete(f, k, s, ledger, known.get(id(f), {}), document_period, text, cues)
            if claim is not None:
                claims.append(claim)
    claims.extend(_against_named(sentences, text, cues))
    return claims


def _against_named(sentences: list[_Sentence], text: str, cues: SeriesCues) -> list[Claim]:
    """"$44 million for USFA, … $1.688 million above the request": an increment against a value the
    article named before (the request, the proposal) and stated in the nearest earlier sentence that
    names it.  Every level of that sentence near the new value is a reading (charitably judged)."""
    if cues.named_after is None or cues.named_words is None:
        return []
    out: list[Claim] = []
    for i, s in enumerate(sentences):
        for k, f in enumerate(s.frames):
            if f.role != "increment" or f.mention.kind not in ("count", "money", "measure"):
                continue
            cue = cues.named_after.match(text[f.mention.nend : min(s.end, f.mention.nend + 60)])
            if cue is None:
                continue
            new = next((g for g in reversed(s.frames[max(0, k - 4) : k]) if g.role == "level"
                        and dimensions_agree(g, f)), None)
            if new is None or new.mention.value is None:
                continue
            readings: list[Frame] = []
            for j in range(i - 1, max(-1, i - 1 - NAMED_SENTENCES), -1):
                if not cues.named_words.search(text, sentences[j].start, sentences[j].end):
                    continue
                # the naming sentence and the one after it (a request and its breakdown); a sentence
                # that names it without a value of the kind ("The budget request would also…") is passed
                frames = [g for t in sentences[j : min(j + 2, i)] for g in t.frames]
                readings = [g for g in frames if g.role == "level" and dimensions_agree(g, new) and g.mention.value
                            and 2 * abs(g.mention.value - new.mention.value) <= new.mention.value]
                if readings:
                    break
            if not readings:
                continue
            direction = "up" if cue.group("up") else "down"
            claims = [Claim("change_abs", {"new": new.mention, "old": g.mention, "change": f.mention},
                            {"direction": direction, "weak": True, "series": True, "reading": g.mention.text.strip()})
                      for g in readings]
            claims[0].alternatives = claims[1:]
            out.append(claims[0])
    return out


def _complete(f: Frame, k: int, s: _Sentence, ledger: dict[str, list[Entry]],
              known: dict[str, Frame], document_period: str | None, text: str, cues: SeriesCues) -> Claim | None:
    """The claim of one change with its missing value(s) taken from the ledger, or None (abstain)."""
    new, old = known.get("new"), known.get("old")
    words, acronyms = _subject(f, text, s)
    if old is None:
        old = next((g for g in s.frames[k + 1 : k + 6] if g.clause == f.clause and g.role == "reference"), None)
    if new is None:  # "rose 0.4 percent in October to $712.5 billion": the level the change reached
        new = next((g for g in s.frames[k + 1 : k + 3] if g.clause == f.clause and g.role == "level" and g.is_to
                    and g.mention.kind in ("count", "money", "measure")), None)
    if new is None and cues.appositive is not None and k > 0:
        prev = s.frames[k - 1]
        gap = text[prev.mention.nend : f.mention.nstart]
        if prev.role == "level" and prev.mention.kind in ("count", "money", "measure") and cues.appositive.search(gap):
            # "$42.3 million for USFA, a 3.8% decrease from the FY2016 level": the words between name it
            new = prev
            words = words | (_words(gap, cues) - MONTH_WORDS)
            acronyms = acronyms | _acronyms(text, prev.mention.nend, f.mention.nstart)
    if not words and not acronyms:
        return None
    own = _change_period(f, text, s, cues)
    new_period = own or document_period
    readings: list[tuple[Frame, Frame]] = []
    if new is not None and old is None:
        old_period = _named_earlier(f, text, s, cues)
        if old_period is None and own and not _year_on_year(f, text, s, cues):
            old_period = previous_period(own)  # a monthly change with no earlier period named: last month
        if old_period is None:
            return None
        readings = [(new, e.frame) for e in _candidates(ledger, old_period, s, f, words, acronyms, new, text)]
    elif old is not None and new is None:
        if new_period is None:
            return None
        if new_period in _periods_of(old, text, s, cues):
            return None  # the earlier value is of the period the new one must be of
        readings = [(e.frame, old) for e in _candidates(ledger, new_period, s, f, words, acronyms, old, text)]
    elif new is None and old is None:
        # both values from elsewhere: only on a strong subject (an acronym, or two content words), and
        # the new value a level ("Excluding autos, sales increased 0.4 pct" names no series of its own)
        if new_period is None or not (acronyms or len(words) >= 2):
            return None
        news = [e for e in _candidates(ledger, new_period, s, f, words, acronyms, None, text) if e.frame.role == "level"]
        readings = [(e.frame, e.pair) for e in news if e.pair is not None]
        earlier = None if _year_on_year(f, text, s, cues) else previous_period(new_period)
        if earlier is not None:  # a monthly change: this month's value against last month's
            olds = _candidates(ledger, earlier, s, f, words, acronyms, None, text)
            readings += [(n.frame, o.frame) for n in news for o in olds if dimensions_agree(n.frame, o.frame)]
    readings = [(n, o) for n, o in readings if n is not o and _ratio_plausible(n, o, f, f.direction)]
    if not readings:
        return None
    claims = [_claim(f, n, o, text) for n, o in readings]
    claims[0].alternatives = claims[1:]
    return claims[0]


def _change_period(f: Frame, text: str, s: _Sentence, cues: SeriesCues) -> str | None:
    """The period a change is of: "rose 4.4 pct in September", "starts in September were down"."""
    after = text[f.mention.nend : min(s.end, f.mention.nend + 40)]
    if cues.change_after is not None and (a := cues.change_after.match(after)):
        return period_key(a.group("period"))
    found = list(cues.period.finditer(text, _clause_start(s, f.mention.nstart), f.mention.nstart))
    return period_key(found[-1].group()) if found else None


def _year_on_year(f: Frame, text: str, s: _Sentence, cues: SeriesCues) -> bool:
    """The change's clause compares with a year before ("rose 4.5 percent in May from a year earlier")."""
    if cues.year_on_year is None:
        return False
    hi = min(s.end, f.mention.nend + PERIOD_REACH)
    end = text.find(";", f.mention.nend, hi)
    return cues.year_on_year.search(text, _clause_start(s, f.mention.nstart), end if end >= 0 else hi) is not None


def _named_earlier(f: Frame, text: str, s: _Sentence, cues: SeriesCues) -> str | None:
    """The earlier period a change names without its value: "a 3.8% decrease from the FY2016 level",
    "had risen 1.0 pct in August from July levels"."""
    if cues.earlier_named is None:
        return None
    m = cues.earlier_named.match(text[f.mention.nend : min(s.end, f.mention.nend + 60)])
    return period_key(m.group("period")) if m else None


def _candidates(ledger: dict[str, list[Entry]], period: str, s: _Sentence, change: Frame, words: set[str],
                acronyms: set[str], other: Frame | None, text: str) -> list[Entry]:
    """Ledger values of ``period`` outside the change's clause, of its subject (or a period's figure
    in the sentence next to it) and a dimension comparable with ``other``; the nearest sentences
    first, at most MAX_CANDIDATES."""
    entries = sorted((e for e in ledger.get(period, ())
                      if e.sentence != s.index or e.frame.clause != change.clause),
                     key=lambda e: abs(e.sentence - s.index))
    out = []
    for e in entries:
        if other is not None and not dimensions_agree(e.frame, other):
            continue
        if not _matches(words, acronyms, e) and not (e.anaphoric and _next_to(e.span, s, text)):
            continue
        out.append(e)
        if len(out) >= MAX_CANDIDATES:
            break
    return out


def _next_to(span: tuple[int, int], s: _Sentence, text: str) -> bool:
    """The sentence ``span`` is right before or after sentence ``s`` (nothing but space between)."""
    lo, hi = (span[1], s.start) if span[1] <= s.start else (s.end, span[0])
    return span != (s.start, s.end) and lo <= hi and not text[lo:hi].strip()


def _claim(change: Frame, new: Frame, old: Frame, text: str) -> Claim:
    far = _("; the values are stated in other sentences of the article")
    reading = _("{change} read as the change from {old} to {new} (the same subject and period{far})").format(
        change=change.mention.text.strip(), old=old.mention.text.strip(), new=new.mention.text.strip(), far=far)
    facts = {"direction": change.direction, "reading": reading, "score": 0.0, "weak": True, "series": True}
    return Claim("change_pct", {"change": change.mention, "new": new.mention, "old": old.mention}, facts)
