"""checker.precision: a printed value stands for the interval its precision and qualifier allow, no wider.

Rounded to grain g, v stands for [v − g/2, v + g/2] (round half up, round half even); a value one
unit of the last digit off is an error.  Truncation [v, v + g) is accepted only as a named
convention: for a share one grain short of 100%, or when the run asks for it.
"""
from __future__ import annotations

from fractions import Fraction as F

import pytest

from checker.precision import (
    DEFAULT_CONVENTIONS,
    SHORT_OF_100,
    accepted,
    accepted_conventions,
    conventions,
    overlaps,
    printable,
    printed_interval,
    whole_numbers,
)
from conftest import mentions_of


def m(text: str, kind: str | None = None):
    ms = [x for x in mentions_of(text) if kind is None or x.kind == kind]
    assert len(ms) >= 1, text
    return ms[0]


def inside(value, interval) -> bool:
    lo, hi = interval
    return (lo is None or lo <= value) and (hi is None or value <= hi)


def test_default_is_rounding_only():
    assert accepted() == DEFAULT_CONVENTIONS == {"round half up", "round half even"}


@pytest.mark.parametrize("printed, inside_values, outside_values", [
    ("化解率95%", [F(945, 10), F(95), F(9549, 100)], [F(96), F(9449, 100), F(9551, 100)]),  # 96 of 100 is not 95%
    ("化解率97%", [F(9651, 100)], [F(98)]),                                               # 49/50 = 98%
    ("下降19%", [F(185, 10), F(1949, 100)], [F(20), F(1951, 100)]),                       # 250 → 200 is 20%
    ("化解率66.7%", [F(200, 3)], [F(6676, 100)]),
    ("化解率66.6%", [F(6656, 100)], [F(200, 3)]),                                         # truncation: not by default
])
def test_a_rounded_percent_stands_for_half_a_grain_either_side(printed, inside_values, outside_values):
    interval = printed_interval(m(printed, "percent"))
    assert all(inside(v, interval) for v in inside_values), interval
    assert not any(inside(v, interval) for v in outside_values), interval


def test_ties_follow_the_conventions():
    even, odd = m("化解率12%", "percent"), m("化解率13%", "percent")
    assert conventions(F(25, 2), even) == ["round half even"]
    assert conventions(F(25, 2), odd) == ["round half up"]
    assert inside(F(25, 2), printed_interval(even)) and inside(F(25, 2), printed_interval(odd))
    assert conventions(F(13), m("化解率12%", "percent")) == []  # one unit off


def test_truncation_only_when_chosen():
    p = m("化解率66.6%", "percent")
    assert conventions(F(200, 3), p) == []
    with accepted_conventions(["truncation"]):
        assert conventions(F(200, 3), p) == ["truncation"]
        assert inside(F(200, 3), printed_interval(p))
        assert not inside(F(667, 10), printed_interval(p))  # v + g never passes, even under truncation
    with accepted_conventions(["round half up", "truncation"]):
        assert not inside(F(96), printed_interval(m("化解率95%", "percent")))
    assert accepted() == DEFAULT_CONVENTIONS


def test_a_share_just_short_of_100_may_be_truncated():
    p = m("化解率99.9%", "percent")
    assert conventions(F(1999, 20), p) == [SHORT_OF_100]     # 99.95% rounds to 100.0%
    assert conventions(F(9996, 100), p) == [SHORT_OF_100]
    assert inside(F(9999, 100), printed_interval(p)) and not inside(F(100), printed_interval(p))
    assert not inside(F(9996, 100), printed_interval(m("化解率99.8%", "percent")))
    assert conventions(F(9996, 100), m("增长99.9%", "percent")) == [SHORT_OF_100]  # the kind is what counts


def test_a_scaled_count_has_a_scaled_grain():
    lo, hi = printed_interval(m("受理3.5万起"))  # 34,500–35,500, not up to 36,000
    assert lo == F(34500) and 0 < F(35500) - hi < 1
    lo, hi = printed_interval(m("受理3.6万起"))  # an even last digit keeps the tie
    assert (lo, hi) == (F(35500), F(36500))
    lo, hi = printed_interval(m("2.5 million cases"))
    assert lo == F(2450000) and F(2550000) - hi < 1


def test_whole_counts_and_ranges():
    assert printed_interval(m("受理100起")) == (F(100), F(100))
    assert printed_interval(m("受理3至5起")) == (F(3), F(5))
    lo, hi = printed_interval(m("增长3-5%", "percent"))
    assert lo == F(5, 2) and hi == F(11, 2)


def test_qualifiers_keep_their_meaning():
    lo, hi = printed_interval(m("化解率超过95%", "percent"))
    assert lo == F(189, 2) and hi is None                             # a lower bound
    assert conventions(F(96), m("化解率超过95%", "percent"))
    lo, hi = printed_interval(m("化解率近95%", "percent"))
    assert hi == F(191, 2) and lo < 95 and not inside(F(96), (lo, hi))  # just below
    lo, hi = printed_interval(m("化解率约95%", "percent"))
    assert inside(F(96), (lo, hi)) and not inside(F(80), (lo, hi))     # a modest tolerance
    lo, hi = printed_interval(m("nearly 94% of cases", "percent"))
    assert hi == F(189, 2)
    lo, hi = printed_interval(m("more than 1,000 cases"))
    assert lo == F(1999, 2) and hi is None
    lo, hi = printed_interval(m("不到90%", "percent"))
    assert lo is None and hi == F(181, 2)


def test_overlaps():
    assert overlaps((F(1), F(2)), (F(2), F(3)))
    assert not overlaps((F(1), F(2)), (F(3), None))
    assert overlaps((None, None), (F(5), F(5)))


def test_suggested_counts_are_whole_numbers():
    count = m("受理100起")
    assert printable(F(3981, 10), F(3995, 10), count) == (F(399), F(399))
    assert printable(F(3975, 10), F(3995, 10), count) == (F(398), F(399))
    assert printable(F(4825, 100), F(4875, 100), count) is None        # 97% of 50: no whole count
    assert printable(F(6000), F(8000), m("减少0.7万起")) == (F(6000), F(8000))
    assert printable(None, F(1), count) is None
    assert whole_numbers(F(-3, 2), F(1, 2)) == (-1, 0)


def test_suggestions_in_checks_are_whole_numbers():
    from checker.lexer import detect_language
    from checker.model import Document
    from checker.pipeline import check_document
    from checker.rulepack import load_rulepack

    def checks(text):
        doc = Document("<t>", text, "utf-8", "", detect_language(text))
        return check_document(doc, load_rulepack()).checks

    (rate,) = [c for c in checks("今年共受理纠纷100起，化解96起，化解率95%。") if c.rule == "rate"]
    assert rate.verdict == "inconsistent"
    assert "the part should be 95" in rate.suggestions[0] and "the whole should be 101" in rate.suggestions[1]
    (rate,) = [c for c in checks("全年共受理纠纷50起，化解49起，化解率97%。") if c.rule == "rate"]
    assert "no whole-number part fits (the nearest are 48 and 49)" in rate.suggestions[0]
    (change,) = [c for c in checks("全区刑事案件从250起下降到200起，下降19%。") if c.rule == "change_pct"]
    assert change.verdict == "inconsistent"
    assert "the new value should be 202–203" in change.suggestions[0]
    assert "the old value should be 246–248" in change.suggestions[1]
    assert not any("about" in s or ".5" in s for s in change.suggestions)


def test_a_round_measure_is_precise_to_its_last_non_zero_digit():
    """408,000 tonnes is a round figure (±500); a count of 325,000 is a count (exact)."""
    assert printed_interval(m("exports of 408,000 tonnes")) == (F(407500), F(408500))
    assert printed_interval(m("受理325000起")) == (F(325000), F(325000))
    lo, hi = printed_interval(m("长3500公里"))
    assert hi - lo == 1  # 3500: the last non-zero digit is the hundreds, under the 1,000 threshold: grain 1


def test_a_change_between_round_measures():
    from checker.lexer import detect_language
    from checker.model import Document
    from checker.pipeline import check_document
    from checker.rulepack import load_rulepack

    for text, verdict in [("Exports rose 25 pct to 408,000 tonnes from 325,000 tonnes.", "consistent"),
                          ("Exports rose 27 pct to 408,000 tonnes from 325,000 tonnes.", "inconsistent")]:
        doc = Document("<t>", text, "utf-8", "", detect_language(text))
        got = [c.verdict for c in check_document(doc, load_rulepack()).checks if c.rule == "change_pct"]
        assert got == [verdict], (text, got)
