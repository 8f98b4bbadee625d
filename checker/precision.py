"""What a printed number can stand for: intervals from printed precision and qualifiers.

A value ``v`` printed with k decimals (grain ``g`` = 10⁻ᵏ, times the scale: 3.5万 has grain 1000)
stands for the true values that print as ``v``, no wider: [v − g/2, v + g/2] under round half up
(ties up) and round half even (ties to an even last digit).  A value one unit of the last digit
away (96 printed as "95%") is an error.  Truncation ([v, v + g): 66.67 printed "66.6%") is not a
default: it is accepted as a named convention only where writers are known to use it —

- always for a share just short of 100% ("truncation short of 100%"): a writer who rounds still
  prints 99.9%, never 100%, for 9,996 of 10,000, since 100% would claim the whole;
- everywhere when the run asks for it (``rounding = [..., "truncation"]``, ``--rounding truncation``).

A verdict is "consistent" when the recomputed value falls in the interval of at least one accepted
convention, and the check names which.  Qualifiers are meanings, not noise: 以上/超过/more than
make a lower bound, 近/nearly just under, 约/about a modest tolerance (±10% for a whole number, one unit of the last digit for a decimal).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from fractions import Fraction

from checker.model import Mention

Interval = tuple[Fraction | None, Fraction | None]

#: The rounding conventions a run may accept, as checks name them.  Configuration (``rounding`` in
#: [tool.checker], ``--rounding``) chooses the accepted ones for a run with ``accepted_conventions``.
CONVENTIONS = ("round half up", "round half even", "truncation")
#: Accepted when the run does not choose: rounding to the printed precision ("within rounding of
#: the reported precision").  Truncation is accepted only when chosen (and short of 100%, below).
DEFAULT_CONVENTIONS = frozenset({"round half up", "round half even"})
#: The one truncation every run accepts: a share printed one grain short of 100% (99.9% of 99.96%).
SHORT_OF_100 = "truncation short of 100%"
_accepted: frozenset[str] = DEFAULT_CONVENTIONS


def convention_name(key: str) -> str:
    """``round_half_up`` (configuration spelling) → ``round half up``; ValueError if unknown."""
    name = key.strip().replace("_", " ").replace("-", " ")
    if name not in CONVENTIONS:
        raise ValueError(key)
    return name


def accepted() -> frozenset[str]:
    return _accepted


@contextmanager
def accepted_conventions(names: Iterable[str] | None) -> Iterator[None]:
    """Accept only ``names`` (CONVENTIONS spellings, at least one) while the block runs; None: the default."""
    global _accepted
    previous = _accepted
    if names is not None:
        chosen = frozenset(names)
        if not chosen or not chosen <= set(CONVENTIONS):
            raise ValueError(f"rounding conventions must be some of {', '.join(CONVENTIONS)}")
        _accepted = chosen
    try:
        yield
    finally:
        _accepted = previous


def _grain(m: Mention) -> Fraction:
    """The printed precision of ``m``.  A physical measure or an amount of money printed as a round
    figure (408,000 tonnes: three trailing zeros, no decimals) is precise to its last non-zero digit;
    a count is not (1,000 cases means 1,000)."""
    g = grain(m.decimals) * (m.scale if m.kind in ("count", "money", "measure") else 1)
    if m.kind in ("measure", "money") and m.decimals == 0 and m.scale == 1 and m.value and m.value.denominator == 1:
        n, step = abs(m.value.numerator), 1
        while n % (step * 10) == 0:
            step *= 10
        if step >= 1000:
            return Fraction(step)
    return g


def _last_digit(v: Fraction) -> Fraction:
    """The place of a whole number's last non-zero digit (7,500 → 100; 38,000,000 → 1,000,000)."""
    if v.denominator != 1 or v == 0:
        return Fraction(1)
    n, step = abs(v.numerator), 1
    while n % (step * 10) == 0:
        step *= 10
    return Fraction(step)


def _short_of_100(v: Fraction, g: Fraction, kind: str) -> bool:
    """``v`` is a percent printed one grain short of 100 (99%, 99.9%, 99.99%)."""
    return kind == "percent" and v + g == 100


def _rounded_interval(v: Fraction, g: Fraction, kind: str = "") -> Interval:
    """True values that print as ``v`` (grain ``g``) under the accepted conventions only.

    Round half up covers [v − g/2, v + g/2), round half even [v − g/2, v + g/2] with ties only to an
    even last digit, truncation [v, v + g) (toward zero: (v − g, v] below zero).  Intervals are
    closed, so an open end is pulled in by g/10¹²: a recomputed ratio of counts below 10¹¹ is
    either on the boundary or further away.
    """
    eps = g / 10**12
    even = (v / g) % 2 == 0
    lows, highs = [], []
    if "round half up" in _accepted:
        lows.append(v - g / 2)
        highs.append(v + g / 2 - eps)
    if "round half even" in _accepted:
        lows.append(v - g / 2 if even else v - g / 2 + eps)
        highs.append(v + g / 2 if even else v + g / 2 - eps)
    if "truncation" in _accepted:
        if v >= 0:
            lows.append(v)
            highs.append(v + g - eps)
        else:
            lows.append(v - g + eps)
            highs.append(v)
    if _short_of_100(v, g, kind):
        highs.append(Fraction(100) - eps)
    return min(lows), max(highs)


def grain(decimals: int) -> Fraction:
    return Fraction(1, 10**decimals)


_intervals: dict[tuple, Interval] = {}


def printed_interval(m: Mention) -> Interval:
    """Every true value the writer could have printed as ``m`` under an accepted convention.

    Remembered per printed form and accepted conventions: a number takes part in several claims and
    readings, and the exact arithmetic behind an interval is the judges' main cost."""
    key = (m.value, m.low, m.high, m.decimals, m.scale, m.kind, m.qualifier, m.is_range, _accepted)
    hit = _intervals.get(key)
    if hit is None:
        if len(_intervals) > 50_000:
            _intervals.clear()
        hit = _intervals[key] = _printed_interval(m)
    return hit


def _printed_interval(m: Mention) -> Interval:
    v = m.value if m.value is not None else (m.low if m.low is not None else m.high)
    if v is None:
        return None, None
    g = _grain(m)
    if m.is_range:
        if m.kind == "count" and m.decimals == 0 and m.scale == 1:
            return m.low, m.high  # 3至5起: whole counts, exact ends
        return (None if m.low is None else m.low - g / 2, None if m.high is None else m.high + g / 2)
    q = m.qualifier
    if q is None:
        if m.kind == "count" and m.decimals == 0 and m.scale == 1:
            return v, v  # an integer count is exact
        return _rounded_interval(v, g, m.kind)
    if q in ("at_least", "more_than"):
        return (m.low if m.low is not None else v) - g / 2, (None if m.high is None else m.high)
    if q == "nearly":
        return v - max(5 * g + 1, v / 10) if m.kind != "percent" else v - 5 * g - 1, v + g / 2
    if q == "about":
        # "about 300" may be 270–330; "about 7.7 percent" printed a decimal, so it is off by at most one
        # unit of that decimal (7.6–7.8), not by a tenth of itself
        # and "about 38 million" or "about 7,500", two significant digits or more, is off by one unit of
        # its last one (37–39 million, 7,400–7,600); only a one-digit "about 300" by a tenth of itself
        step = _last_digit(v) if m.decimals == 0 else g
        width = g if m.decimals > 0 else (step if abs(v) >= 10 * step else max(g, abs(v) / 10))
        return v - width, v + width
    return None, v + g / 2  # less_than, at_most


def conventions(value: Fraction | None, m: Mention) -> list[str]:
    """Accepted conventions under which ``value`` prints as ``m`` (empty when none does)."""
    if m.value is None or value is None:
        return []
    v, g = m.value, _grain(m)
    if m.qualifier in ("at_least", "more_than"):
        return ["lower bound (" + m.qualifier.replace("_", " ") + ")"] if value >= v - g / 2 else []
    if m.qualifier in ("less_than", "at_most"):
        return ["upper bound"] if value <= v + g / 2 else []
    if m.qualifier in ("nearly", "about"):
        lo, hi = printed_interval(m)
        return [f"approximate ({m.qualifier})"] if lo <= value <= hi else []
    if value == v:
        return ["exact"]
    out = []
    if v - g / 2 <= value < v + g / 2:
        out.append("round half up")
    if v - g / 2 <= value <= v + g / 2 and _half_even(value, v, g):
        out.append("round half even")
    if (v <= value < v + g) if v >= 0 else (v - g < value <= v):
        out.append("truncation")
    out = [c for c in out if c in _accepted]
    if "truncation" not in out and _short_of_100(v, g, m.kind) and v < value < 100:
        out.append(SHORT_OF_100)
    return out


def _half_even(value: Fraction, v: Fraction, g: Fraction) -> bool:
    if abs(value - v) != g / 2:
        return True
    return (v / g) % 2 == 0


def overlaps(a: Interval, b: Interval) -> bool:
    return (a[0] is None or b[1] is None or a[0] <= b[1]) and (a[1] is None or b[0] is None or b[0] <= a[1])


def whole_numbers(lo: Fraction | None, hi: Fraction | None) -> tuple[int, int] | None:
    """The smallest and largest whole numbers in [lo, hi]; None when no whole number lies there."""
    if lo is None or hi is None:
        return None
    a, b = -((-lo.numerator) // lo.denominator), hi.numerator // hi.denominator  # ceil, floor
    return (a, b) if a <= b else None


def printable(lo: Fraction | None, hi: Fraction | None, m: Mention) -> tuple[Fraction, Fraction] | None:
    """The smallest and largest values printed like ``m`` that can stand for a value in [lo, hi].

    A whole count (no decimals, no scale) is exact, so these are the whole numbers in [lo, hi]; any
    other value is a multiple of its grain ("3.5万": 1,000) whose rounding interval meets [lo, hi].
    None when no such value exists (or [lo, hi] is open).
    """
    if lo is None or hi is None or lo > hi:
        return None
    if m.kind == "count" and m.decimals == 0 and m.scale == 1:
        ends = whole_numbers(lo, hi)
        return None if ends is None else (Fraction(ends[0]), Fraction(ends[1]))
    g = _grain(m)
    ends = whole_numbers((lo - g / 2) / g, (hi + g / 2) / g)
    return None if ends is None else (ends[0] * g, ends[1] * g)


def fmt(value: Fraction | None, decimals: int = 2) -> str:
    """A readable number: thousands grouped, up to ``decimals`` places (half even), no trailing zeros.

    Exact integer arithmetic, so a value of any size prints (no float overflow).
    """
    if value is None:
        return "∞"
    value = Fraction(value)
    if value.denominator == 1:
        return f"{value.numerator:,}"
    decimals = max(0, decimals)
    n = round(value * 10**decimals)
    sign = "-" if n < 0 else ""
    whole, frac = divmod(abs(n), 10**decimals)
    text = f"{sign}{whole:,}"
    if decimals and frac:
        text += "." + str(frac).rjust(decimals, "0").rstrip("0")
    return text


def display_conventions(shown: str) -> str:
    """A convention list as users read it ("round half up, round half even"), in the active locale.

    The names themselves stay English codes in the JSON ``convention`` field and in configuration."""
    from checker.i18n import _

    return _(", ").join(_(name) for name in shown.split(", "))


def _n(msgid: str) -> str:
    """Marks a message for the catalogue extractor; translated when shown (display_conventions)."""
    return msgid


#: the names conventions() gives, marked for the catalogue (the message ids are the names themselves)
DISPLAY_NAMES = (_n("exact"), _n("round half up"), _n("round half even"), _n("truncation"),
                 _n("truncation short of 100%"), _n("upper bound"), _n("lower bound (at least)"),
                 _n("lower bound (more than)"), _n("approximate (nearly)"), _n("approximate (about)"))
