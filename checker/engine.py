"""Rule evaluation: recompute every assembled claim and judge it.

Each rule code has a judge.  A judge recomputes with exact fractions (or intervals when an input
is approximate or rounded), compares with the reported value under the writers' conventions, and
returns a Check that explains itself: numbers and roles, formula, recomputed and reported values,
the convention that makes it consistent, how strong the test is, and for an inconsistent claim
the corrections found by solving the rule's formula for each unknown.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import replace
from fractions import Fraction

import regex

from checker.binding import SentenceReading, read_document, to_claim
from checker.claims import Vocabulary, assemble, sentences
from checker.frames import Cues
from checker.doc_claims import document_claims
from checker.tables import with_tables
from checker.series import SeriesCues, series_claims
from checker.extract import Extraction
from checker.formula import compile_interval
from checker.i18n import SOURCE_LOCALE, _, current_locale, ngettext, using_locale
from checker.model import Check, Claim, Mention, NumberRef
from checker.precision import conventions, display_conventions, fmt, overlaps, printable, printed_interval
from checker.diagnostic import position
from checker.readers.locate import location, place_text
from checker.rulepack import Rule, RulePack

_vocab_cache: dict[tuple[int, str], tuple[Vocabulary, Cues]] = {}


def vocabularies(pack: RulePack, language: str) -> tuple[Vocabulary, Cues]:
    """The compiled claim words and frame cues of a pack's language (compiled once per pack)."""
    key = (id(pack), language)
    if key not in _vocab_cache:
        _vocab_cache[key] = (Vocabulary(pack.vocab.get(language, {}), language),
                             Cues(pack.cues.get(language, {}), language, pack.vocab.get(language, {})))
    return _vocab_cache[key]


def series_cues(pack: RulePack, language: str) -> SeriesCues:
    """The period cues of a pack's language (compiled once per pack)."""
    key = (id(pack), language, "series")
    if key not in _vocab_cache:
        _vocab_cache[key] = SeriesCues(pack.cues.get(language, {}))
    return _vocab_cache[key]


def read_claims(ex: Extraction, pack: RulePack) -> tuple[list[Claim], list[SentenceReading]]:
    """Every candidate claim of a document, and how each sentence's numbers were bound."""
    vocab, cues = vocabularies(pack, ex.document.language)
    spans = sentences(ex.norm.text, blocks=ex.document.source_map is not None)  # blank line = block end
    # durations and ages take part only as the ends of a from/to pair (从9.6年提升至10.2年)
    stats = [m for m in ex.mentions if m.is_statistic or m.kind == "duration"]
    readings = read_document(ex.norm.text, stats, spans, cues, pack.schemas)
    bound = [to_claim(b, alts, pack.schemas[b.schema]) for r in readings for b, alts in r.selected]
    series = series_claims(ex.norm.text, readings, series_cues(pack, ex.document.language))
    return with_tables(ex, assemble(ex, vocab, spans) + bound + series + document_claims(ex, spans, pack.enumeration)), readings


def evaluate(ex: Extraction, pack: RulePack) -> list[Check]:
    """All checks of one document, in text order, each with a stable fingerprint."""
    checks: list[Check] = []
    seen: set[tuple] = set()
    claims, __ = read_claims(ex, pack)
    for claim in claims:
        rule = pack.rules.get(claim.rule)
        judge = judge_for(rule) if rule is not None else None
        if judge is None:
            continue
        # the same relation over the same numbers, found twice (by two readers of a breakdown), is one check
        # (a breakdown whose whole is one of several totals is one relation, whichever total it names first)
        totals = claim.facts.get("totals")
        signature = (claim.rule, tuple(sorted((role, m.start, m.end) for role, m in _flat_roles(claim)
                                              if not (totals and role == "total"))),
                     tuple(sorted((m.start, m.end) for m in totals)) if totals else ())
        if signature in seen:
            continue
        seen.add(signature)
        if judge is judge_restated:
            _name_places(claim, ex)
        check, reading = _judge_charitably(claim, rule, judge)
        if check is not None and current_locale() != SOURCE_LOCALE:
            with using_locale(SOURCE_LOCALE):  # the same judgement, worded in English (message_en)
                english, __ = _judge_charitably(claim, rule, judge)
            check.message_en = english.message if english is not None else check.message
        if check is not None:
            _place(check, reading, ex)
            checks.append(check)
    checks.sort(key=lambda c: (c.start, c.end, c.rule))
    return checks


def _judge_charitably(claim: Claim, rule: Rule, judge) -> tuple[Check | None, Claim]:
    """Judge a claim under each plausible reading: consistent when any reading holds.

    An inconsistent verdict says how many other readings were tried; one from a weak binding (low
    score, see checker.binding) is a warning, never an error.
    """
    check = judge(claim, rule)
    if check is None or check.verdict == "consistent":
        return check, claim
    tried = 0
    for alt in claim.alternatives:
        other = judge(alt, rule)
        tried += 1
        if other is not None and other.verdict == "consistent":
            other.message += _(" (reading: {reading}; the first reading failed)").format(reading=alt.facts.get('reading', ''))
            return other, alt
    if tried:
        check.message += ngettext(" ({n} other plausible reading also fails)", " ({n} other plausible readings also fail)",
                                  tried).format(n=tried)
    if claim.facts.get("weak") and check.severity == "error":
        check.severity = "warning"
        check.message += _(" (uncertain binding: a warning only)")
    return check, claim


def _flat_roles(claim: Claim):
    for role, v in claim.roles.items():
        if isinstance(v, list):
            for i, m in enumerate(v):
                yield f"{role}[{i}]", m
        else:
            yield role, v


def _place(check: Check, claim: Claim, ex: Extraction) -> None:
    """Span (smallest stretch holding all numbers and the claim's words), line, quote, fingerprint."""
    ms = claim.mentions()
    starts = [m.start for m in ms]
    ends = [m.end for m in ms]
    if claim.start >= 0:
        a, b = ex.norm.span_to_original(claim.start, claim.end)
        starts.append(a)
        ends.append(b)
    check.start, check.end = min(starts), max(ends)
    check.line, check.column = ex.lines.position(check.start)
    check.quote = ex.document.text[check.start : check.end]
    text = ex.document.text
    parts = [check.rule]
    for ref in check.numbers:
        m = ref.mention
        context = FINGERPRINT_NOISE.sub("", text[max(0, m.start - 6) : m.start])
        parts.append(f"{ref.role}={m.literal}{m.unit or ''}@{context}")
    check.id = hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


FINGERPRINT_NOISE = regex.compile(r"[\d\s.,%]")  # digits and spacing left out of a number's context


def _check(rule: Rule, claim: Claim, ok: bool, *, formula: str, recomputed: str, reported: str, message: str,
           convention: str | None = None, strength: str | None = None, suggestions: list[str] | None = None,
           severity: str | None = None) -> Check:
    numbers = [NumberRef(m, role) for role, m in _flat_roles(claim)]
    return Check(rule=rule.code, verdict="consistent" if ok else "inconsistent",
                 severity=("info" if ok else (severity or rule.severity)), start=0, end=0, numbers=numbers,
                 formula=formula, recomputed=recomputed, reported=reported, message=message, convention=convention,
                 strength=strength, suggestions=suggestions or [])


def _magnitude(lo, hi):
    """The interval of |x| for x in [lo, hi] (a change's size, whatever its sign)."""
    if lo is None or hi is None:
        return None, None
    return (min(abs(lo), abs(hi)) if lo * hi > 0 else Fraction(0)), max(abs(lo), abs(hi))


def _show(m: Mention) -> str:
    return m.text.replace("\n", " ").strip()


def _num(m: Mention) -> str:
    """A number in a formula: grouped digits, or as printed when a scale applies (1.2万, 5.58 billion)."""
    if m.scale == 1 or m.value is None:
        return fmt(m.value)
    word = SCALE_WORDS.get(m.scale)
    return f"{m.literal}{word}" if word and m.literal[:1].isdigit() else fmt(m.value)


SCALE_WORDS = {10**3: " thousand", 10**4: "万", 10**6: " million", 10**7: "千万", 10**8: "亿", 10**9: " billion"}


def _range_text(lo, hi, decimals=2, suffix="", like: Mention | None = None) -> str:
    """``lo–hi`` (or one value); ``like``: printed the way that mention is (its decimals, 万/million)."""
    if like is not None:
        decimals = like.decimals
        word = SCALE_WORDS.get(like.scale)
        if like.scale != 1 and word and like.literal[:1].isdigit():
            lo = None if lo is None else lo / like.scale
            hi = None if hi is None else hi / like.scale
            suffix = word + suffix
    if lo is not None and hi is not None and lo == hi:
        return fmt(lo, decimals) + suffix
    joiner = _(" to ") if (lo is not None and lo < 0) or (hi is not None and hi < 0) else "–"
    return f"{fmt(lo, decimals)}{joiner}{fmt(hi, decimals)}{suffix}"


def _sum_text(lo, hi, total: Mention) -> str:
    """A sum in the total's scale: "1143.5–1143.7亿", "$2.41 billion", not 114,350,000,000–114,370,000,000."""
    word = SCALE_WORDS.get(total.scale)
    if total.scale != 1 and word and total.literal[:1].isdigit():
        scaled = [None if v is None else v / total.scale for v in (lo, hi)]
        return _range_text(*scaled, max(2, total.decimals), word)
    return _range_text(lo, hi, 2)


def _fitting(lo, hi, m: Mention, what: str) -> str:
    """"the part should be 398–399": the values printed like ``m`` in [lo, hi], whole numbers for a count;
    "no whole-number part fits (the nearest are 199 and 200)" when none does."""
    span = printable(lo, hi, m)
    if span is not None:
        return _("the {what} should be {values}").format(what=_(what), values=_range_text(*span, like=m))
    if lo is None or hi is None or lo > hi:
        return _("the {what} cannot be determined").format(what=_(what))
    return _("no whole-number {what} fits (the nearest are {low} and {high})").format(
        what=_(what), low=fmt(Fraction(math.floor(lo))), high=fmt(Fraction(math.ceil(hi))))


# the unknowns _fitting names, listed so that the catalogue extractor sees them
_WHATS = (_("part"), _("whole"), _("new value"), _("old value"), _("change"))


def _pct_decimals(m: Mention) -> int:
    return max(2, m.decimals + 1)


# --- judges -------------------------------------------------------------------------------------

def judge_rate(claim: Claim, rule: Rule) -> Check:
    whole, part, rate = claim.roles["whole"], claim.roles["part"], claim.roles["rate"]
    w_lo, w_hi = printed_interval(whole)
    if w_lo is not None and w_hi is not None and w_lo <= 0 <= w_hi:
        return _check(rule, claim, True, formula=f"{_num(part)} / {_num(whole)} × 100", recomputed="n/a",
                      reported=_show(rate), message=_("the whole {whole} is 0: no rate can be recomputed").format(whole=_show(whole)),
                      strength=_("untestable"))
    lo, hi = rule.interval({"part": printed_interval(part), "whole": printed_interval(whole)})
    reported = printed_interval(rate)
    d = _pct_decimals(rate)
    exact = part.exact and whole.exact and lo == hi
    ok = overlaps((lo, hi), reported)
    convention = None
    if exact and ok:
        convention = ", ".join(conventions(lo, rate)) or None
    recomputed = _range_text(lo, hi, d, "%")
    formula = f"{_num(part)} / {_num(whole)} × 100"
    strength = _("exact recomputation") if exact else _("approximate inputs: recomputed as an interval")
    if ok:
        message = _("{formula} = {recomputed}; reported {reported}").format(
            formula=formula, recomputed=recomputed, reported=_show(rate)) + (
            _(" ({conventions})").format(conventions=display_conventions(convention)) if convention else _(" (within the interval)"))
        return _check(rule, claim, True, formula=formula, recomputed=recomputed, reported=_show(rate), message=message,
                      convention=convention, strength=strength)
    suggestions = []
    r_lo, r_hi = reported
    p_lo, p_hi = printed_interval(part)
    if None not in (r_lo, r_hi, w_lo, w_hi) and r_lo >= 0:
        suggestions.append(_("if {first} and {second} are right, {fix}").format(
            first=_show(whole), second=_show(rate), fix=_fitting(w_lo * r_lo / 100, w_hi * r_hi / 100, part, 'part')))
        if None not in (p_lo, p_hi) and p_hi > 0 and r_lo > 0:
            suggestions.append(_("if {first} and {second} are right, {fix}").format(
                first=_show(part), second=_show(rate), fix=_fitting(p_lo * 100 / r_hi, p_hi * 100 / r_lo, whole, 'whole')))
    suggestions.append(_("if the counts are right, the rate is {rate}").format(
        rate=_range_text(lo, hi, rate.decimals or 1, '%')))
    message = _but(formula, recomputed, _show(rate))
    return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(rate), message=message,
                  strength=strength, suggestions=suggestions)


def judge_granularity(claim: Claim, rule: Rule) -> Check:
    whole, rate = claim.roles["whole"], claim.roles["rate"]
    r_lo, r_hi = printed_interval(rate)
    formula = f"{_num(whole)} × {_show(rate)} / 100"
    if not whole.exact or whole.value is None or whole.value.denominator != 1 or r_lo is None or r_hi is None:
        return _check(rule, claim, True, formula=formula, recomputed="n/a", reported=_show(rate),
                      message=_("the whole or the percent is approximate: no whole-number test possible"),
                      strength=_("untestable"))
    if whole.value <= 0:
        return _check(rule, claim, True, formula=formula, recomputed="n/a", reported=_show(rate),
                      message=_("the whole {whole} is 0: no percent of it can be tested").format(whole=_show(whole)),
                      strength=_("untestable"))
    lo, hi = whole.value * r_lo / 100, whole.value * r_hi / 100
    candidates = range(math.ceil(lo), math.floor(hi) + 1)
    recomputed = _("{low}–{high} cases").format(low=fmt(lo, 3), high=fmt(hi, 3))
    if hi - lo >= 1:
        return _check(rule, claim, True, formula=formula, recomputed=recomputed, reported=_show(rate),
                      message=_("{rate} of {whole} is {recomputed}: several whole counts fit, so the percent's "
                                "precision cannot test the count").format(
                          rate=_show(rate), whole=_num(whole), recomputed=recomputed),
                      strength=_("untestable at this precision (info only)"))
    if len(candidates):
        n = candidates[0]
        return _check(rule, claim, True, formula=formula, recomputed=recomputed, reported=_show(rate),
                      message=_("{rate} of {whole} = {n} cases ({n}/{whole} = {pct}%)").format(
                          rate=_show(rate), whole=_num(whole), n=n,
                          pct=fmt(Fraction(n * 100, int(whole.value)), rate.decimals + 2)),
                      convention=", ".join(conventions(Fraction(n * 100, int(whole.value)), rate)) or None,
                      strength=_("strong: only {n} fits").format(n=n))
    nearest = sorted({n for n in (math.floor(lo), math.ceil(hi)) if 0 <= n <= whole.value})
    suggestions = [_("{n} of {whole} would be {pct}%").format(
        n=n, whole=_num(whole), pct=fmt(Fraction(n * 100, int(whole.value)), rate.decimals)) for n in nearest]
    return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(rate),
                  message=_("{rate} of {whole} is {recomputed}: no whole number of cases gives that percent").format(
                      rate=_show(rate), whole=_num(whole), recomputed=recomputed),
                  strength=_("strong"), suggestions=suggestions)


def judge_change_pct(claim: Claim, rule: Rule) -> Check:
    old, new, change = claim.roles["old"], claim.roles["new"], claim.roles["change"]
    direction = claim.facts.get("direction")
    formula = f"({_num(new)} − {_num(old)}) / {_num(old)} × 100"
    o_lo, o_hi = printed_interval(old)
    n_lo, n_hi = printed_interval(new)
    if o_lo is None or o_hi is None or o_lo <= 0 <= o_hi:
        return _check(rule, claim, True, formula=formula, recomputed="n/a", reported=_show(change),
                      message=_("the earlier value {old} is 0 or open-ended: no percent change can be recomputed").format(
                          old=_show(old)),
                      strength=_("untestable"))
    lo, hi = rule.interval({"old": (o_lo, o_hi), "new": (n_lo, n_hi)})
    d = _pct_decimals(change)
    recomputed = _range_text(lo, hi, d, "%")
    actual_up = lo is not None and lo > 0
    actual_down = hi is not None and hi < 0
    if direction and ((direction == "up" and actual_down) or (direction == "down" and actual_up)):
        return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(change),
                      message=(_("the text says a rise but {old} → {new} is a fall ({recomputed})") if direction == 'up'
                               else _("the text says a fall but {old} → {new} is a rise ({recomputed})")).format(
                          old=_num(old), new=_num(new), recomputed=recomputed),
                      suggestions=[_should_say(direction)])
    mag = _magnitude(lo, hi)
    reported = printed_interval(change)
    if reported[1] is not None and reported[1] < 0:
        reported = _magnitude(*reported)  # "(48; -14.6%)": a fall printed with its sign
    ok = overlaps(mag, reported)
    exact = mag[0] == mag[1]
    convention = ", ".join(conventions(mag[0], change)) if ok and exact and mag[0] is not None else None
    if ok:
        return _check(rule, claim, True, formula=formula, recomputed=recomputed, reported=_show(change),
                      message=_holds(formula, recomputed, _show(change)) + (_(" ({conventions})").format(conventions=display_conventions(convention)) if convention else ""),
                      convention=convention or None, strength=_("exact recomputation") if exact else _("interval"))
    suggestions = []
    z_lo, z_hi = reported
    sign = (1 if direction == "up" else -1) if direction else 1 if actual_up else -1 if actual_down else 0
    if sign and z_lo is not None and z_hi is not None:
        f_lo, f_hi = sorted((1 + sign * z_lo / 100, 1 + sign * z_hi / 100))
        if f_lo > 0:
            ends = [o * f for o in (o_lo, o_hi) for f in (f_lo, f_hi)]
            suggestions.append(_("if {first} and {second} are right, {fix}").format(
                first=_show(old), second=_show(change), fix=_fitting(min(ends), max(ends), new, 'new value')))
            if n_lo is not None and n_hi is not None:
                ends = [n / f for n in (n_lo, n_hi) for f in (f_lo, f_hi)]
                suggestions.append(_("if {first} and {second} are right, {fix}").format(
                    first=_show(new), second=_show(change), fix=_fitting(min(ends), max(ends), old, 'old value')))
    suggestions.append(_("if both values are right, the change is {change}").format(
        change=_range_text(mag[0], mag[1], change.decimals or 1, '%')))
    return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(change),
                  message=_but(formula, _moved(recomputed, _range_text(*mag, d, '%'), actual_up, actual_down),
                               _stated(_show(change), direction)), suggestions=suggestions)


def _moved(recomputed: str, magnitude: str, up: bool, down: bool) -> str:
    """The recomputed change with its direction in words ("-20.87%, a fall of 20.87%"), so that a
    reader does not take the sign for the complaint when the text says 下降18.2%."""
    if not (up or down):
        return recomputed
    return (_("{recomputed}, a rise of {magnitude}") if up else _("{recomputed}, a fall of {magnitude}")).format(
        recomputed=recomputed, magnitude=magnitude)


def _stated(shown: str, direction: str | None) -> str:
    """The stated change with the article's own direction ("a fall of 18.2%"), when it has one."""
    if direction not in ("up", "down"):
        return shown
    shown = shown.lstrip("+-−＋－") if direction == "down" and shown.lstrip()[:1] in ("-", "−", "－") else shown
    return (_("a rise of {shown}") if direction == "up" else _("a fall of {shown}")).format(shown=shown)


def _holds(formula: str, recomputed: str, reported: str) -> str:
    """"formula = recomputed; reported X": the message of a claim that holds."""
    return _("{formula} = {recomputed}; reported {reported}").format(
        formula=formula, recomputed=recomputed, reported=reported)


def _but(formula: str, recomputed: str, reported: str) -> str:
    """"formula = recomputed, but the text says X": the message of a claim that fails."""
    return _("{formula} = {recomputed}, but the text says {reported}").format(
        formula=formula, recomputed=recomputed, reported=reported)


def _should_say(direction: str, more: bool = False) -> str:
    """The suggestion for a direction word that contradicts the numbers."""
    if more:
        return _("the direction word should say down, or one of the values is wrong") if direction == "up" else \
            _("the direction word should say up, or one of the values is wrong")
    return _("the direction word should say down") if direction == "up" else _("the direction word should say up")


def judge_change_abs(claim: Claim, rule: Rule) -> Check:
    old, new, change = claim.roles["old"], claim.roles["new"], claim.roles["change"]
    lo, hi = rule.interval({"old": printed_interval(old), "new": printed_interval(new)})
    formula = f"{_num(new)} − {_num(old)}"
    mag = _magnitude(lo, hi)
    ok = overlaps(mag, printed_interval(change))
    recomputed = _range_text(lo, hi, 2)
    direction = claim.facts.get("direction")
    if direction and lo is not None and hi is not None and ((direction == "up" and hi < 0) or (direction == "down" and lo > 0)):
        ok = False
    return _check(rule, claim, ok, formula=formula, recomputed=recomputed, reported=_show(change),
                  message=_holds(formula, recomputed, _show(change)) if ok else _but(formula, recomputed, _show(change)),
                  suggestions=[] if ok else [_("if both values are right, {fix}").format(fix=_fitting(*mag, change, 'change'))])


def judge_pp_diff(claim: Claim, rule: Rule) -> Check:
    old, new, change = claim.roles["old"], claim.roles["new"], claim.roles["change"]
    direction = claim.facts.get("direction")
    lo, hi = rule.interval({"old": printed_interval(old), "new": printed_interval(new)})
    formula = f"{_num(new)} − {_num(old)}"
    if new.value is None or old.value is None:
        return None  # a range as either rate: no single difference to state
    point = new.value - old.value
    recomputed = f"{fmt(point, 2)} pp" if lo == hi else _("{point} pp ({values} given the printed precision)").format(
        point=fmt(point, 2), values=_range_text(lo, hi, 2))
    if direction and ((direction == "up" and hi is not None and hi < 0) or (direction == "down" and lo is not None and lo > 0)):
        return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(change),
                      message=(_("the text says a rise but {old}% → {new}% is a fall") if direction == 'up'
                               else _("the text says a fall but {old}% → {new}% is a rise")).format(old=_num(old), new=_num(new)),
                      suggestions=[_should_say(direction, more=True)])
    mag = _magnitude(lo, hi)
    reported = printed_interval(change)
    points_ok = overlaps(mag, reported)
    rel = None
    if old.value:
        r1, r2 = abs((new.value - old.value) / old.value * 100), abs((new.value - old.value) / old.value * 100)
        rel = (r1, r2)
    if change.kind == "percentage_points":
        if points_ok:
            return _check(rule, claim, True, formula=formula, recomputed=recomputed, reported=_show(change),
                          message=_holds(formula, recomputed, _show(change)),
                          convention=", ".join(conventions(mag[0], change)) or None if mag[0] == mag[1] else None)
        if rel and overlaps(rel, reported):
            return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(change),
                          message=_("{change} is the percent change ({pct}%), not the difference in percentage points "
                                    "({recomputed})").format(change=_show(change), pct=fmt(rel[0], 2), recomputed=recomputed),
                          suggestions=[_("say {points} percentage points, or {pct}%").format(
                              points=fmt(abs(point), 2), pct=fmt(rel[0], 1))])
        return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(change),
                      message=_but(formula, recomputed, _show(change)),
                      suggestions=[_("the difference is {recomputed}").format(recomputed=recomputed)])
    # stated in percent: either a relative change of a rate (fine) or points mislabelled as percent
    if rel and overlaps(rel, reported):
        return _check(rule, claim, True, formula=f"({_num(new)} − {_num(old)}) / {_num(old)} × 100",
                      recomputed=f"{fmt(rel[0], 2)}%", reported=_show(change),
                      message=_("relative change of the rate = {pct}%; reported {reported}").format(
                          pct=fmt(rel[0], 2), reported=_show(change)))
    if points_ok:
        return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(change),
                      message=_("{change} is the difference in percentage points ({recomputed}), stated as a percent; "
                                "the percent change is {pct}%").format(
                          change=_show(change), recomputed=recomputed, pct=fmt(rel[0], 2) if rel else '?'),
                      suggestions=[_("say {points} percentage points").format(points=fmt(abs(point), 2))])
    suggestions = [_("the difference is {points} percentage points").format(points=fmt(abs(point), 2))]
    if rel:
        suggestions.append(_("the percent change is {pct}%").format(pct=fmt(rel[0], max(1, change.decimals))))
    return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(change),
                  message=_("neither the difference ({recomputed}) nor the percent change ({pct}%) matches {change}").format(
                      recomputed=recomputed, pct=fmt(rel[0], 2) if rel else '?', change=_show(change)),
                  suggestions=suggestions)


def judge_direction(claim: Claim, rule: Rule) -> Check:
    old, new = claim.roles["old"], claim.roles["new"]
    direction = claim.facts["direction"]
    if old.value is not None and new.value is not None and old.value != new.value:
        # printed values claim what they say: 51% → 50% is a fall, however close, and "提升至52%以上"
        # from 61.6% names a value below where it started
        rose, fell = new.value > old.value, new.value < old.value
    else:
        o_lo, o_hi = printed_interval(old)
        n_lo, n_hi = printed_interval(new)
        rose = o_hi is not None and n_lo is not None and n_lo > o_hi
        fell = o_lo is not None and n_hi is not None and n_hi < o_lo
    formula = f"{_num(old)} → {fmt(new.value)}"
    actual = _("a rise") if rose else _("a fall") if fell else _("no clear change")
    ok = not ((direction == "up" and fell) or (direction == "down" and rose))
    word = _("up") if direction == "up" else _("down")
    return _check(rule, claim, ok, formula=formula, recomputed=actual, reported=word,
                  message=_("{formula} is {actual}; the text says {word}").format(formula=formula, actual=actual, word=word)
                  if ok else (_("the text says a rise but {formula} is {actual}") if direction == 'up' else
                              _("the text says a fall but {formula} is {actual}")).format(formula=formula, actual=actual),
                  suggestions=[] if ok else [_should_say(direction, more=True)])


def judge_arity(claim: Claim, rule: Rule) -> Check:
    values = claim.roles["values"]
    items = claim.facts["items"]
    runs = claim.facts.get("runs") or [len(values)]
    n = len(items)
    # one value per item; or a value list per item in runs ("分别从A1、A2提高到B1、B2": two runs of two);
    # or one value all items share ("分别增加2个": each gains two)
    ok = n == 0 or len(values) == n or (len(runs) > 1 and all(r == n for r in runs)) or \
        (claim.facts.get("shared", False) and len(values) == 1)
    shown = " / ".join(i.strip() for i in items)
    grouped = _(" ({runs} in runs)").format(runs=' + '.join(str(r) for r in runs)) if len(runs) > 1 else ""
    return _check(rule, claim, ok, formula=_("count(items) = count(values)"), recomputed=_("{n} items").format(n=n),
                  reported=_("{n} values").format(n=len(values)) + grouped,
                  message=_("{n} items ({items}) and {values} values{grouped} with {word}").format(
                      n=n, items=shown, values=len(values), grouped=grouped, word=claim.facts['respectively']),
                  suggestions=[] if ok else [_("give one value per item: {n} items but {values} values").format(
                      n=n, values=len(values))])


def judge_part_le_whole(claim: Claim, rule: Rule) -> Check:
    whole, part = claim.roles["whole"], claim.roles["part"]
    w_lo, w_hi = printed_interval(whole)
    p_lo, __ = printed_interval(part)
    ok = w_hi is None or p_lo is None or p_lo <= w_hi
    formula = f"{_num(part)} ≤ {fmt(whole.value)}"
    return _check(rule, claim, ok, formula=formula, recomputed=_("holds") if ok else _("fails"), reported=_("subset"),
                  message=(_("part {part} ≤ whole {whole}") if ok else
                           _("the part {part} is larger than its whole {whole}")).format(part=_show(part), whole=_show(whole)),
                  suggestions=[] if ok else [_("the whole must be at least {part}, or the part at most {whole}").format(
                      part=fmt(part.value), whole=fmt(whole.value))])


def _terms(parts: list[Mention]) -> str:
    """A sum as written: "29,000 − 7,000 + 1,200" (a signed part of a net change keeps its sign)."""
    out = ""
    for k, p in enumerate(parts):
        negative = p.value is not None and p.value < 0
        shown = _num(replace(p, value=-p.value)) if negative else _num(p)
        out += (("−" if negative else "") + shown) if k == 0 else ((" − " if negative else " + ") + shown)
    return out


def judge_sum(claim: Claim, rule: Rule) -> Check:
    """A total and its parts.  A breakdown may be read more than one way (which earlier number is its
    total, whether a clause opening with 另有 is one more part): it is consistent when any reading adds
    up, and only then is the matching reading shown; inconsistent only when every reading fails."""
    totals = claim.facts.get("totals") or [claim.roles["total"]]
    # a bound ("突破36万亿元") is a reading only when no exact total is stated: it would pass any excess
    totals = [t for t in totals if t.qualifier is None] or totals
    readings = claim.facts.get("readings") or [claim.roles["parts"]]
    exhaustive = claim.facts.get("exhaustive", True)
    if exhaustive and claim.facts.get("kind") == "breakdown":
        # a breakdown read from later clauses that covers well under its total more likely continues
        # elsewhere (or splits another total) than leaves out a part: only an excess is then an error
        lo, hi = rule.interval({"parts": [printed_interval(p) for p in readings[0]]})
        t_lo = max((printed_interval(t)[0] or 0) for t in totals)
        if hi is not None and hi < t_lo * Fraction(7, 10):
            exhaustive = False
    first = None
    for parts in readings:
        lo, hi = rule.interval({"parts": [printed_interval(p) for p in parts]})
        for total in totals:
            t = printed_interval(total)
            ok = overlaps((lo, hi), t)
            under = hi is not None and t[0] is not None and hi < t[0]
            if first is None:
                first = (total, parts, lo, hi, t, ok)
            if ok or (not exhaustive and under):
                claim.roles["total"], claim.roles["parts"] = total, parts
                formula = _terms(parts)
                recomputed = _sum_text(lo, hi, total)
                if ok:
                    message = (_("{formula} = {recomputed}; total {total}") if exhaustive else
                               _("{formula} = {recomputed}: the breakdown adds up to the whole")).format(
                        formula=formula, recomputed=recomputed, total=_show(total))
                    return _check(rule, claim, True, formula=formula, recomputed=recomputed, reported=_show(total),
                                  message=message)
                return _check(rule, claim, True, formula=formula, recomputed=recomputed, reported=_show(total),
                              message=_("{formula} = {recomputed}: the breakdown covers {recomputed} of {total} "
                                        "(the list need not be exhaustive)").format(
                                  formula=formula, recomputed=recomputed, total=_show(total)),
                              strength=_("weak: not an exhaustive breakdown"))
    total, parts, lo, hi, t, __ = first
    claim.roles["total"], claim.roles["parts"] = total, parts
    formula = _terms(parts)
    recomputed = _sum_text(lo, hi, total)
    if not exhaustive:
        return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(total),
                      message=_("the parts {formula} = {recomputed} add up to more than their whole {total}").format(
                          formula=formula, recomputed=recomputed, total=_show(total)),
                      suggestions=[_("if the parts are right, the whole is at least {recomputed}").format(recomputed=recomputed),
                                   _("unless the parts overlap, one of them is too large")])
    return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(total),
                  message=_("{formula} = {recomputed}, but the total is {total}").format(
                      formula=formula, recomputed=recomputed, total=_show(total)),
                  suggestions=[_("if the parts are right, the total is {recomputed}").format(recomputed=recomputed),
                               _("if the total is right, the parts are off by {off}").format(
                                   off=fmt(abs((total.value or 0) - (lo or 0))))])


def judge_share_total(claim: Claim, rule: Rule) -> Check:
    """A composition in percent (三次产业比重4.0∶37.7∶58.3) adds up to 100 within the printed precision."""
    shares = claim.roles["shares"]
    terms = claim.facts.get("terms") or [(m.value, m.decimals) for m in shares]
    half = [Fraction(1, 2 * 10 ** d) for __, d in terms]
    lo = sum((v - h for (v, __), h in zip(terms, half)), Fraction(0))
    hi = sum((v + h for (v, __), h in zip(terms, half)), Fraction(0))
    d = max(d for __, d in terms)
    # writers force a rounded composition to 100: one unit of the last printed digit more either way
    slack = Fraction(1, 10 ** d)
    ok = lo - slack <= 100 <= hi + slack
    formula = " + ".join(fmt(v, dd) for v, dd in terms)
    point = sum((v for v, __ in terms), Fraction(0))
    return _check(rule, claim, ok, formula=formula, recomputed=fmt(point, d), reported="100",
                  message=(_("{formula} = {sum}; the composition adds up to 100") if ok else
                           _("{formula} = {sum}, but the parts of a composition add up to 100")).format(
                      formula=formula, sum=fmt(point, d)),
                  suggestions=[] if ok else [_("one share is off by {off}").format(off=fmt(abs(100 - point), d))])


def judge_base_implied(claim: Claim, rule: Rule) -> Check:
    new, change = claim.roles["new"], claim.roles["change"]
    direction = claim.facts["direction"]
    z_lo, z_hi = printed_interval(change)
    sign = 1 if direction == "up" else -1
    formula = f"{_num(new)} / (1 {'+' if sign > 0 else '−'} {_show(change).strip('增长下降上升减少提高降低同比 ')}/100)"
    if z_lo is None or z_hi is None or new.value is None:
        return _check(rule, claim, True, formula=formula, recomputed="n/a", reported=_show(change),
                      message=_("approximate percent: the earlier count cannot be tested"), strength=_("untestable"))
    if new.value <= 0:
        return _check(rule, claim, True, formula=formula, recomputed="n/a", reported=_show(change),
                      message=_("the count {new} is 0: no earlier count can be recovered").format(new=_show(new)),
                      strength=_("untestable"))
    f1, f2 = 1 + sign * z_lo / 100, 1 + sign * z_hi / 100
    if f1 <= 0 or f2 <= 0:
        return _check(rule, claim, False, formula=formula, recomputed=_("impossible"), reported=_show(change),
                      message=_("a fall of {change} leaves nothing of the earlier count").format(change=_show(change)),
                      strength=_("strong"))
    lo, hi = sorted((new.value / f1, new.value / f2))
    recomputed = f"{fmt(lo, 3)}–{fmt(hi, 3)}"
    if hi - lo >= 1:
        return _check(rule, claim, True, formula=formula, recomputed=recomputed, reported=_show(change),
                      message=_("the earlier count is {recomputed}: the percent is too coarse to test it").format(
                          recomputed=recomputed),
                      strength=_("untestable at this precision (info only)"))
    whole = range(math.ceil(lo), math.floor(hi) + 1)
    if len(whole):
        n = whole[0]
        pct = (new.value - n) / n * 100
        return _check(rule, claim, True, formula=formula, recomputed=recomputed, reported=_show(change),
                      message=_("implies {n} before: {n} → {new} is {pct}%").format(
                          n=n, new=_num(new), pct=fmt(pct, change.decimals + 2)),
                      convention=", ".join(conventions(abs(pct), change)) or None,
                      strength=_("strong: the percent pins the earlier count to {n}").format(n=n))
    suggestions = []
    for near in sorted({math.floor(lo), math.ceil(hi)}):
        if near > 0:
            pct = abs(new.value - near) / near * 100
            suggestions.append(_("{near} → {new} would be {pct}%").format(near=near, new=_num(new), pct=fmt(pct, change.decimals)))
    return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(change),
                  message=_("{formula} = {recomputed}: no whole earlier count gives {change}").format(
                      formula=formula, recomputed=recomputed, change=_show(change)),
                  strength=_("strong"), suggestions=suggestions)


def judge_bound(claim: Claim, rule: Rule) -> Check:
    what = claim.facts["what"]
    if what == "shares":
        shares = claim.roles["shares"]
        lows = [printed_interval(m)[0] for m in shares]
        total = sum((x for x in lows if x is not None), Fraction(0))
        ok = total <= 100
        formula = " + ".join(_show(m) for m in shares)
        return _check(rule, claim, ok, formula=formula, recomputed=_("at least {total}%").format(total=fmt(total, 2)),
                      reported="≤ 100%",
                      message=(_("shares of one whole add up to at least {total}%") if ok else
                               _("shares of one whole add up to at least {total}%, more than 100%")).format(total=fmt(total, 2)),
                      suggestions=[] if ok else [_("one of the shares is wrong, or they are shares of different wholes")])
    m = claim.roles["value"]
    lo, __ = printed_interval(m)
    if what == "negative count":
        return _check(rule, claim, False, formula=f"{_show(m)} ≥ 0", recomputed=fmt(m.value), reported="≥ 0",
                      message=_("a count cannot be negative: {value}").format(value=_show(m)))
    ok = lo is None or lo <= 100
    return _check(rule, claim, ok, formula=f"{_show(m)} ≤ 100%", recomputed=fmt(m.value, 2) + "%", reported="≤ 100%",
                  message=(_("rate {value} is within 0–100%") if ok else _("a rate or share cannot exceed 100%: {value}")).format(
                      value=_show(m)),
                  suggestions=[] if ok else [_("check the digits of the rate")])


def judge_enumeration(claim: Claim, rule: Rule) -> Check:
    stated, listed = claim.roles["stated"], claim.roles["listed"]
    facts = claim.facts
    ok = stated.value == listed.value or bool(facts.get("etc_open"))
    how, term = facts["how"], facts["term"].strip("“”\"")
    parts = facts.get("parts")
    announced = _("{n} items").format(n=fmt(stated.value)) + (f" ({' + '.join(str(p) for p in parts)})" if parts else "")
    items = facts.get("items")
    shown = ""
    if items:
        shown = _(": ") + " / ".join(x if len(x) <= 16 else "…" + x[-14:] for x in items[:12]) + (" …" if len(items) > 12 else "")
    note = facts.get("note")
    if facts.get("gap"):
        message = _("item markers stop at {term} but only {listed} are present ({how})").format(
            term=term, listed=fmt(listed.value), how=how)
    else:
        message = (ngettext("“{term}” announces {announced} and {listed} is listed ({how}){shown}",
                            "“{term}” announces {announced} and {listed} are listed ({how}){shown}",
                            1 if listed.value == 1 else 2).format(
                       term=term, announced=announced, listed=fmt(listed.value), how=how, shown=shown)
                   + (f"; {note}" if note and not ok else "")
                   + (_("; 等 may stand for the item not named") if facts.get("etc_open")
                      else _("; 等 closes the list") if facts.get("etc") and ok else ""))
    suggestions = [] if ok else [_("the count should be {n}, or an item is missing or extra").format(n=fmt(listed.value))]
    return _check(rule, claim, ok, formula=_("stated count = items listed"),
                  recomputed=_("{n} items").format(n=fmt(listed.value)) + f" ({how})",
                  reported=_("{n} stated").format(n=fmt(stated.value)), message=message,
                  strength=(_("weak: a gap in the markers may be lost text") if facts.get("gap")
                            else _("weak: one item may hold two") if note else None), suggestions=suggestions)


def judge_elapsed(claim: Claim, rule: Rule) -> Check:
    first, duration = claim.roles["first"], claim.roles["duration"]
    kind, end = claim.facts["kind"], claim.facts["end_year"]
    span = end - int(first.value)
    allowed = {"anniversary": {span}, "consecutive": {span + 1, span}, "since": {span, span + 1}}[kind]
    n = int(duration.value) if duration.value.denominator == 1 else duration.value
    ok = n in allowed or duration.qualifier is not None and min(allowed) <= n + 1
    source = _("a later year in the sentence") if claim.facts["end_from"] == "stated" else _("the article's year")
    origin = _(" (the start, stated in an earlier sentence)") if claim.facts.get("first_from", "sentence") != "sentence" else ""
    formula = f"{end} − {int(first.value)}" + (" + 1" if kind == "consecutive" else "")
    return _check(rule, claim, ok, formula=formula,
                  recomputed=_("{years} years").format(years=_(" or ").join(str(a) for a in sorted(allowed))),
                  reported=_show(duration),
                  message=_("{first}{origin} to {end} ({source}) is {span} years; the text says {duration}").format(
                      first=_show(first), origin=origin, end=end, source=source, span=span, duration=_show(duration)),
                  strength=_("weak: the first year is tied to the duration by position") if origin else None,
                  suggestions=[] if ok else [_("the duration should be {years} years, or the first year {year}").format(
                      years=max(allowed), year=end - n + (1 if kind == 'consecutive' else 0))])


def _name_places(claim: Claim, ex: Extraction) -> None:
    """The places a restated figure's two statements are at, for a PDF or DOCX article (its page,
    paragraph or table cell: the visible text's line numbers mean nothing to a reader of the file)."""
    smap = ex.document.source_map
    if smap is None or smap.kind != "place":
        return
    where = [location(ex.document, claim.roles[role].start) for role in ("first", "second")]
    if all(where):
        claim.facts["places"] = tuple(w for w in where)


def judge_restated(claim: Claim, rule: Rule) -> Check:
    a, b = claim.roles["first"], claim.roles["second"]
    ok = overlaps(printed_interval(a), printed_interval(b))
    places = claim.facts.get("places")
    first_at, second_at = (place_text(p) for p in places) if places else (position(a.line), position(b.line))
    return _check(rule, claim, ok, formula=f"{_num(a)} = {_num(b)}", recomputed=_num(b), reported=_num(a),
                  message=_("“{words}” is stated as {first} ({first_at}) and as {second} ({second_at})").format(
                      words=claim.facts['words'], first=_show(a), first_at=first_at, second=_show(b), second_at=second_at),
                  suggestions=[] if ok else [_("make both statements carry the same value, or say how they differ "
                                               "(period, area)")])


def judge_change_pct_abs(claim: Claim, rule: Rule) -> Check:
    """A percent change and an absolute change that must come from one earlier value."""
    inc, change = claim.roles["increment"], claim.roles["change"]
    new, old = claim.roles.get("new"), claim.roles.get("old")
    pct_dir = claim.facts.get("direction")
    inc_dir = claim.facts.get("increment_direction") or pct_dir
    i_lo, i_hi = printed_interval(inc)
    if old is not None:
        o_lo, o_hi = printed_interval(old)
        base = _num(old)
        formula = f"{_num(inc)} / {base} × 100"
    else:
        n_lo, n_hi = printed_interval(new)
        if None in (i_lo, i_hi, n_lo, n_hi):
            return _check(rule, claim, True, formula="n/a", recomputed="n/a", reported=_show(change),
                          message=_("approximate values: the earlier value cannot be recovered"), strength=_("untestable"))
        o_lo, o_hi = (n_lo - i_hi, n_hi - i_lo) if inc_dir != "down" else (n_lo + i_lo, n_hi + i_hi)
        base = f"({_num(new)} {'−' if inc_dir != 'down' else '+'} {_num(inc)})"
        formula = f"{_num(inc)} / {base} × 100"
    if None in (i_lo, i_hi, o_lo, o_hi) or o_lo <= 0:
        return _check(rule, claim, True, formula=formula, recomputed="n/a", reported=_show(change),
                      message=_("the earlier value is not a positive amount: the percent cannot be tested"), strength=_("untestable"))
    lo, hi = rule.interval({"increment": (i_lo, i_hi), "old": (o_lo, o_hi)})
    d = _pct_decimals(change)
    recomputed = _range_text(lo, hi, d, "%")
    reading = _(" (earlier value {values})").format(values=_range_text(o_lo, o_hi, 2))
    if pct_dir and claim.facts.get("increment_direction") and pct_dir != claim.facts["increment_direction"]:
        return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(change),
                      message=(_("the percent says a rise but the amount {amount} says a fall") if pct_dir == 'up' else
                               _("the percent says a fall but the amount {amount} says a rise")).format(amount=_show(inc)),
                      suggestions=[_("one of the direction words is wrong")])
    ok = overlaps((lo, hi), printed_interval(change))
    if ok:
        return _check(rule, claim, True, formula=formula, recomputed=recomputed, reported=_show(change),
                      message=_holds(formula, recomputed + reading, _show(change)),
                      strength=_("exact recomputation") if lo == hi else _("interval"))
    suggestions = [_("if {amount} is right, the percent change is {pct}").format(
        amount=_show(inc), pct=_range_text(lo, hi, change.decimals or 1, '%'))]
    if change.value is not None and new is not None and new.value is not None and old is None:
        p = change.value / 100
        implied = new.value * p / (1 + p) if inc_dir != "down" else (new.value * p / (1 - p) if p < 1 else None)
        if implied is not None:
            suggestions.append(_("if {first} and {second} are right, the increment is about {amount}").format(
                first=_show(new), second=_show(change), amount=fmt(implied, 2)))
    return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(change),
                  message=_but(formula, recomputed + reading, _show(change)), suggestions=suggestions)


def judge_index_change(claim: Claim, rule: Rule) -> Check:
    """An index level (base 100) against its stated percent change."""
    new, change = claim.roles["new"], claim.roles["change"]
    direction = claim.facts.get("direction")
    lo, hi = rule.interval({"new": printed_interval(new)})
    formula = f"{_num(new)} − 100"
    recomputed = _range_text(lo, hi, _pct_decimals(change), "%")
    if None in (lo, hi):
        return _check(rule, claim, True, formula=formula, recomputed="n/a", reported=_show(change),
                      message=_("approximate index: the change cannot be tested"), strength=_("untestable"))
    if direction and ((direction == "up" and hi < 0) or (direction == "down" and lo > 0)):
        return _check(rule, claim, False, formula=formula, recomputed=recomputed, reported=_show(change),
                      message=(_("the text says a rise but an index of {index} is below its base of 100") if direction == 'up'
                               else _("the text says a fall but an index of {index} is above its base of 100")).format(
                          index=_num(new)),
                      suggestions=[_should_say(direction)])
    ok = overlaps(_magnitude(lo, hi), printed_interval(change))
    return _check(rule, claim, ok, formula=formula, recomputed=recomputed, reported=_show(change),
                  message=_holds(formula, recomputed, _show(change)) if ok else _but(formula, recomputed, _show(change)),
                  suggestions=[] if ok else [_("if the index is right, the change is {recomputed}").format(recomputed=recomputed)])


def judge_change_multiple(claim: Claim, rule: Rule) -> Check:
    old, new, change = claim.roles["old"], claim.roles["new"], claim.roles["change"]
    lo, hi = rule.interval({"old": printed_interval(old), "new": printed_interval(new)})
    formula = f"{_num(new)} / {_num(old)}"
    recomputed = _range_text(lo, hi, 2, "×")
    x = change.value
    # "增长3倍" is read both ways by writers: 3 times as much, or an increase of 300% (4 times as much)
    readings = [x, x + 1] if claim.facts.get("direction") == "up" and change.text.strip().endswith("倍") else [x]
    g = Fraction(1, 10 ** change.decimals) / 2
    ok = any(overlaps((lo, hi), (r - g, r + g)) for r in readings)
    shown = _(" or ").join(f"{fmt(r)}×" for r in readings)
    return _check(rule, claim, ok, formula=formula, recomputed=recomputed, reported=_show(change),
                  message=(_("{formula} = {recomputed}; the text says {change} ({shown})") if ok else
                           _("{formula} = {recomputed}, but the text says {change} ({shown})")).format(
                      formula=formula, recomputed=recomputed, change=_show(change), shown=shown),
                  suggestions=[] if ok else [_("if both values are right, the multiple is {recomputed}").format(
                      recomputed=recomputed)])


def judge_formula(claim: Claim, rule: Rule) -> Check:
    """The generic judge of a rule that has a formula and no judge of its own (a user pack's new
    relation): the target recomputed as an interval from the printed values of the other variables,
    against its own printed interval; corrections from the formula solved for each variable."""
    target = claim.roles[rule.target]
    inputs = {name: printed_interval(m) for name, m in claim.roles.items() if name != rule.target and not isinstance(m, list)}
    formula_shown = (rule.formula_text or "").split("=", 1)[-1].strip()
    if any(None in iv for iv in inputs.values()):
        return _check(rule, claim, True, formula=formula_shown, recomputed="n/a", reported=_show(target),
                      message=_("approximate inputs: the formula cannot be tested"), strength=_("untestable"))
    try:
        lo, hi = rule.interval(inputs)
    except ZeroDivisionError:
        return _check(rule, claim, True, formula=formula_shown, recomputed="n/a", reported=_show(target),
                      message=_("a divisor is zero: the formula cannot be tested"), strength=_("untestable"))
    recomputed = _range_text(lo, hi, max(2, target.decimals + 1))
    ok = overlaps((lo, hi), printed_interval(target))
    shown = ", ".join(f"{name} = {_show(m)}" for name, m in claim.roles.items() if not isinstance(m, list))
    if ok:
        return _check(rule, claim, True, formula=formula_shown, recomputed=recomputed, reported=_show(target),
                      message=_("{formula} with {values}: {recomputed}; reported {reported}").format(
                          formula=rule.formula_text, values=shown, recomputed=recomputed, reported=_show(target)),
                      strength=_("exact recomputation") if lo == hi else _("interval"))
    suggestions = [_("if the other values are right, {name} is {recomputed}").format(name=rule.target, recomputed=recomputed)]
    everything = dict(inputs, **{rule.target: printed_interval(target)})
    for name, node in sorted(rule.solutions.items()):
        if name == rule.target or name not in claim.roles:
            continue
        try:
            s_lo, s_hi = compile_interval(node)({k: v for k, v in everything.items() if k != name})
        except (ZeroDivisionError, KeyError):
            continue
        suggestions.append(_("if the others are right, {name} ({value}) should be {values}").format(
            name=name, value=_show(claim.roles[name]), values=_range_text(s_lo, s_hi, 2)))
    return _check(rule, claim, False, formula=formula_shown, recomputed=recomputed, reported=_show(target),
                  message=_("{formula} with {values}: {recomputed}, but the text says {reported}").format(
                      formula=rule.formula_text, values=shown, recomputed=recomputed, reported=_show(target)),
                  suggestions=suggestions)


#: Relations that the claim assemblers of checker.claims and checker.doc_claims produce without a
#: schema; every other rule needs a schema in rules/schemas.toml (or a user pack's) to bind numbers.
ASSEMBLED = frozenset({"sum", "part_le_whole", "arity", "bound", "enumeration", "elapsed", "restated", "share_total",
                       "table_prose"})


def judge_for(rule: Rule):
    """The judge of a rule: its own, else the generic formula judge when it has a formula."""
    return JUDGES.get(rule.code) or (judge_formula if rule.formula_text else None)


JUDGES = {
    "change_multiple": judge_change_multiple,
    "change_pct_abs": judge_change_pct_abs,
    "index_change": judge_index_change,
    "enumeration": judge_enumeration,
    "elapsed": judge_elapsed,
    "restated": judge_restated,
    "table_prose": judge_restated,  # checker.table_claims: a table cell and the prose restating it
    "rate": judge_rate,
    "granularity": judge_granularity,
    "change_pct": judge_change_pct,
    "change_abs": judge_change_abs,
    "pp_diff": judge_pp_diff,
    "direction": judge_direction,
    "arity": judge_arity,
    "part_le_whole": judge_part_le_whole,
    "sum": judge_sum,
    "share_total": judge_share_total,
    "base_implied": judge_base_implied,
    "bound": judge_bound,
}
