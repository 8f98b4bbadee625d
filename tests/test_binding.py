"""The binding search and charitable verdicts, on sentences of our own."""
from __future__ import annotations

from dataclasses import replace

from checker.model import Claim
from checker.engine import _judge_charitably, judge_for, read_claims
from checker.extract import extract
from checker.model import Document
from checker.rulepack import load_rulepack

PACK = load_rulepack()


def claims_of(text: str, lang: str = "zh"):
    ex = extract(Document("<t>", text, "utf-8", "", lang))
    return read_claims(ex, PACK)


def mention(text: str, literal: str, lang: str = "zh"):
    ex = extract(Document("<t>", text, "utf-8", "", lang))
    return next(m for m in ex.mentions if m.text == literal)


def test_a_claim_is_consistent_when_any_plausible_reading_holds():
    text = "今年受理案件1200件，审结1100件，其中调解结案880件，同比增长10.00%。"
    new_a, new_b, change = mention(text, "1200件"), mention(text, "1100件"), mention(text, "10.00%")
    rule = PACK.rules["base_implied"]
    wrong = Claim("base_implied", {"new": new_a, "change": change}, {"direction": "up", "reading": "1200件"})
    right = Claim("base_implied", {"new": new_b, "change": change}, {"direction": "up", "reading": "1100件"})
    wrong.alternatives = [right]
    check, used = _judge_charitably(wrong, rule, judge_for(rule))
    assert check.verdict == "consistent" and used is right and "1100件" in check.message


def test_a_claim_fails_only_when_every_reading_fails_and_says_so():
    text = "今年受理案件1200件，审结1150件，同比增长10.00%。"
    a, b, change = mention(text, "1200件"), mention(text, "1150件"), mention(text, "10.00%")
    rule = PACK.rules["base_implied"]
    claim = Claim("base_implied", {"new": a, "change": change}, {"direction": "up"})
    claim.alternatives = [Claim("base_implied", {"new": b, "change": change}, {"direction": "up"})]
    check, _ = _judge_charitably(claim, rule, judge_for(rule))
    assert check.verdict == "inconsistent" and "1 other plausible reading also fails" in check.message


def test_a_weak_binding_warns_but_never_errors():
    text = "今年受理案件1200件，同比增长10%。"
    a, change = mention(text, "1200件"), mention(text, "10%")
    rule = PACK.rules["change_pct_abs"]
    inc = replace(a, text="130件", value=a.value / 10 + 10, low=None, high=None)
    claim = Claim("change_pct_abs", {"new": a, "increment": replace(inc, low=inc.value, high=inc.value), "change": change},
                  {"direction": "up", "weak": True})
    check, _ = _judge_charitably(claim, rule, judge_for(rule))
    assert check.verdict == "inconsistent" and check.severity == "warning" and "uncertain binding" in check.message


def test_paired_lists_bind_by_position_and_unit():
    claims, _ = claims_of("今年批捕案件84件132人，去年同期为70件110人，同比分别上升20%、20%。")
    pairs = {(c.roles["new"].text, c.roles["old"].text) for c in claims if c.rule == "change_pct"}
    assert pairs == {("84件", "70件"), ("132人", "110人")}


def test_a_change_of_another_quantity_is_not_bound_to_this_level():
    claims, _ = claims_of("全年实现营业收入92.4亿元，较上年增加8.1亿元，其中利润总额增长12.5%。")
    assert not [c for c in claims if c.rule in ("change_pct", "change_pct_abs", "base_implied")]


def test_an_older_base_is_not_a_year_on_year_comparison():
    claims, _ = claims_of("今年全市立案620起，同比下降4.2%，而2019年同期为910起。")
    assert not [c for c in claims if c.rule == "change_pct"]


def test_binding_stays_linear_on_one_long_sentence():
    def count(n: int) -> int:
        body = "，".join(f"受理{i}起，比上年的{i - 3}起增加3起，增长{300 / (i - 3):.1f}%" for i in range(100, 100 + n))
        _, readings = claims_of(body + "。")
        return sum(len(r.candidates) for r in readings)
    small, large = count(100), count(200)
    assert large <= 2.2 * small  # candidates grow with the input, never with its square
