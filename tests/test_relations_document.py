"""Relations beyond one sentence pattern: enumerations, elapsed time, restated quantities, totals after
their parts, changes stated as multiples, and English "down from" comparisons (own sentences)."""
from __future__ import annotations

import pytest

from test_relations import checks_of


def only(text: str, rule: str):
    found = [c for c in checks_of(text) if c.rule == rule]
    assert found, f"no {rule} check in {text!r}: {[(c.rule, c.verdict) for c in checks_of(text)]}"
    return found


@pytest.mark.parametrize("text, rule, verdict", [
    ("我们落实“三个必到”：发生警情必到、群众求助必到、矛盾纠纷必到。", "enumeration", "consistent"),
    ("我们落实“三个必到”：发生警情必到、群众求助必到。", "enumeration", "inconsistent"),
    ("推行“四步工作法”。一是摸排，二是研判，三是化解，四是回访。", "enumeration", "consistent"),
    ("推行“四步工作法”。一是摸排，二是研判，三是化解，四是回访，五是评估。", "enumeration", "inconsistent"),
    ("The plan has four measures: patrols, cameras, hotlines and mediation.", "enumeration", "consistent"),
    ("The plan has four measures: patrols, cameras and mediation.", "enumeration", "inconsistent"),
    ("2024年10月14日\n\n该中心2005年成立以来，已连续15年获评先进集体。", "elapsed", "inconsistent"),
    ("2024年10月14日\n\n该中心2005年成立以来，已连续20年获评先进集体。", "elapsed", "consistent"),
    ("March 3, 2025\n\nSince 2015, the program has run for 10 consecutive years.", "elapsed", "consistent"),
    ("March 3, 2025\n\nSince 2015, the program has run for 14 consecutive years.", "elapsed", "inconsistent"),
    ("全年办理刑事案件120件、民事案件300件、行政案件30件，合计450件。", "sum", "consistent"),
    ("全年办理刑事案件120件、民事案件300件、行政案件30件，合计405件。", "sum", "inconsistent"),
    ("网格员从1200名增加到3600名，增长2倍。", "change_multiple", "consistent"),
    ("网格员从1200名增加到3600名，增长5倍。", "change_multiple", "inconsistent"),
    ("The city recorded 23 homicides, down from 26 in 2023.", "direction", "consistent"),
    ("The city recorded 29 homicides, down from 26 in 2023.", "direction", "inconsistent"),
])
def test_document_level_relations(text, rule, verdict):
    checks = only(text, rule)
    assert any(c.verdict == verdict for c in checks), [(c.verdict, c.message) for c in checks]
    for c in checks:
        assert text[c.start : c.end] == c.quote
        if c.verdict == "inconsistent":
            assert c.suggestions and c.message


def test_restated_quantity_with_different_values_is_flagged():
    text = ("全年共受理各类矛盾纠纷1260起，调处成功1198起。\n\n"
            "会议指出，全年共受理各类矛盾纠纷1206起，群众满意度持续提升。")
    checks = only(text, "restated")
    assert checks[0].verdict == "inconsistent" and "1260起" in checks[0].message and "1206起" in checks[0].message


def test_restated_quantity_for_different_years_is_not_compared():
    text = "2023年受理各类矛盾纠纷1100起。2024年受理各类矛盾纠纷1260起。"
    assert not [c for c in checks_of(text) if c.rule == "restated" and c.verdict == "inconsistent"]


def test_article_year_comes_from_the_dateline():
    text = "2024年10月14日\n\n本市设区20周年之际，回顾2004年设区以来的发展。"
    checks = only(text, "elapsed")
    assert checks[0].verdict == "consistent" and "2024" in checks[0].formula


def test_suggested_ranges_are_never_empty():
    from checker.precision import accepted_conventions

    with accepted_conventions(["round half up"]):
        checks = [c for c in checks_of("共受理纠纷8起，化解1起，化解率12%。") if c.rule == "rate"]
    assert checks and checks[0].verdict == "inconsistent"
    for s in checks[0].suggestions:
        numbers = [int(x.replace(",", "")) for x in __import__("re").findall(r"(\d[\d,]*)–(\d[\d,]*)", s) for x in x]
        assert all(a <= b for a, b in zip(numbers[::2], numbers[1::2])), s


@pytest.mark.parametrize("text", ["全年目标任务完成率达112%。", "全市税收收入完成年度计划的108.5%。",
                                  "The unit reached 108% of its target.", "Revenue growth rate hit 130%."])
def test_rates_that_may_exceed_100_percent_are_not_bounded(text):
    assert not [c for c in checks_of(text) if c.rule == "bound" and c.verdict == "inconsistent"]


@pytest.mark.parametrize("text, items", [("治安和刑事案件、交通事故分别下降5%、3%。", 2),
                                         ("盗窃、诈骗和抢劫案件分别下降5%、3%、2%。", 3)])
def test_and_inside_an_item_does_not_split_a_list(text, items):
    arity = [c for c in checks_of(text) if c.rule == "arity"]
    assert arity and arity[0].verdict == "consistent" and arity[0].recomputed == f"{items} items"


def test_a_plan_horizon_is_not_the_articles_year():
    text = "2019年以来，全县连续5年保持命案全破。力争到2035年基本实现目标。2023年全县刑事案件下降。"
    checks = only(text, "elapsed")
    assert checks[0].verdict == "consistent" and "2023" in checks[0].formula


@pytest.mark.parametrize("text, verdict", [("全市破案率为85.3%，比上年的80.1%提高5.2个百分点。", "consistent"),
                                           ("全市破案率为85.3%，比上年的80.1%提高6.2个百分点。", "inconsistent")])
def test_two_rates_compared_in_points(text, verdict):
    assert [c.verdict for c in checks_of(text) if c.rule == "pp_diff"] == [verdict]


def test_a_list_of_changes_is_not_a_comparison():
    text = "全市刑事案件同比下降13.8%，道路交通事故同比下降21.5%，火灾事故同比下降12.27%。"
    assert not [c for c in checks_of(text) if c.verdict == "inconsistent"]
