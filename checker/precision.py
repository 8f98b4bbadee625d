"""What a printed number can stand for: intervals from printed precision and qualifiers.

A value printed with k decimals stands for an interval.  Writers round half up, round half even or
truncate; a verdict is "consistent" when the recomputed value falls in the interval of at least
one convention, and the check names which.  Qualifiers widen or open the interval (以上/more than:
at least; 近/nearly: just under; 约/about: ±10%).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from fractions import Fraction

from checker.model import Mention

Interval = tuple[Fraction | None, Fraction | None]

#: The rounding conventions a writer may use, as checks name them.  Configuration (``rounding`` in
#: [tool.checker]) narrows the accepted ones for a run with ``accepted_conventions``; by default all
#: three are accepted and the intervals below are exactly as they always were.
CONVENTIONS = ("round half up", "round half even", "truncation")
_accepted: frozenset[str] = frozenset(CONVENTIONS)


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
    """Accept only ``names`` (CONVENTIONS spellings, at least one) while the block runs; None: all."""
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


def _rounded_interval(v: Fraction, g: Fraction) -> Interval:
    """True values that print as ``v`` (grain ``g``) under the accepted conventions only.

    Round half up covers [v − g/2, v + g/2), round half even [v − g/2, v + g/2] with ties only to an
    even last digit, truncation [v, v + g).  Intervals are closed, so an open end is pulled in by
    g/10¹²: a recomputed ratio of counts below 10¹¹ is either on the boundary or further away.
    """
    if _accepted == _ALL:
        return v - g / 2, v + g
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
        lows.append(v)
        highs.append(v + g - eps)
    return min(lows), max(highs)


def grain(decimals: int) -> Fraction:
    return Fraction(1, 10**decimals)


def printed_interval(m: Mention) -> Interval:
    """Every true value the writer could have printed as ``m`` under some convention."""
    v = m.value if m.value is not None else (m.low if m.low is not None else m.high)
    g = grain(m.decimals) * (m.scale if m.kind in ("count", "money", "measure") else 1)
    if m.is_range:
        return (None if m.low is None else m.low - g / 2, None if m.high is None else m.high + g)
    q = m.qualifier
    if q is None:
        if m.kind in ("count",) and m.decimals == 0 and m.scale == 1:
            return v, v  # an integer count is exact
        return _rounded_interval(v, g)
    if q in ("at_least", "more_than"):
        return (m.low if m.low is not None else v) - g / 2, (None if m.high is None else m.high)
    if q == "nearly":
        return v - max(5 * g + 1, v / 10) if m.kind != "percent" else v - 5 * g - 1, v + g / 2
    if q == "about":
        width = max(g, abs(v) / 10)
        return v - width, v + width
    return None, v + g / 2  # less_than, at_most


def conventions(value: Fraction, m: Mention) -> list[str]:
    """Conventions under which ``value`` prints as ``m`` (empty when none does)."""
    if m.value is None:
        return []
    v, g = m.value, grain(m.decimals) * (m.scale if m.kind in ("count", "money", "measure") else 1)
    out = []
    if m.qualifier in ("at_least", "more_than"):
        return ["lower bound (" + m.qualifier.replace("_", " ") + ")"] if value >= v - g / 2 else []
    if m.qualifier in ("less_than", "at_most"):
        return ["upper bound"] if value <= v + g / 2 else []
    if m.qualifier in ("nearly", "about"):
        lo, hi = printed_interval(m)
        return [f"approximate ({m.qualifier})"] if lo <= value <= hi else []
    if value == v:
        return ["exact"]
    if v - g / 2 <= value < v + g / 2:
        out.append("round half up")
    if v - g / 2 <= value <= v + g / 2 and _half_even(value, v, g):
        out.append("round half even")
    if v <= value < v + g:
        out.append("truncation")
    return [c for c in out if c in _accepted]


_ALL = frozenset(CONVENTIONS)


def _half_even(value: Fraction, v: Fraction, g: Fraction) -> bool:
    if abs(value - v) != g / 2:
        return True
    return (v / g) % 2 == 0


def overlaps(a: Interval, b: Interval) -> bool:
    return (a[0] is None or b[1] is None or a[0] <= b[1]) and (a[1] is None or b[0] is None or b[0] <= a[1])


def fmt(value: Fraction | None, decimals: int = 2) -> str:
    """A readable number: thousands grouped, up to ``decimals`` places, no trailing zeros."""
    if value is None:
        return "∞"
    if value.denominator == 1:
        return f"{int(value):,}"
    text = f"{float(value):,.{decimals}f}".rstrip("0").rstrip(".")
    return text
