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


# --- enumerations and elapsed time: mechanism (own sentences; more cases in tests/data/constructions) ---

def test_a_plan_period_is_not_a_count_before_numbered_headings():
    text = "“十四五”时期工作回顾\n过去五年，全市经济稳步增长。\n一、经济发展\n做了很多工作。\n二、社会事业\n做了很多工作。"
    assert not [c for c in checks_of(text) if c.rule == "enumeration"]


@pytest.mark.parametrize("text", ["严格落实中央八项规定精神。", "“三公”经费继续下降。", "全国两会期间全市安全稳定。",
                                  "党的十八大以来，推进“一带一路”建设。", "南县双河镇与北村签订协议。"])
def test_numbers_inside_names_are_not_counts(text):
    assert not [c for c in checks_of(text) if c.rule == "enumeration"]


def test_an_enumeration_explains_the_count_the_items_and_their_delimiting():
    (check,) = only("全县建立县、镇、村三级网格，实现问题就地化解。", "enumeration")
    assert check.verdict == "consistent"
    assert "3 items" in check.message and "县 / 镇 / 村" in check.message and "、" in check.message
    (bad,) = only("全县建立县、镇、村四级网格，实现问题就地化解。", "enumeration")
    assert bad.verdict == "inconsistent" and "one short" in bad.message and bad.suggestions


def test_a_code_of_parts_adds_its_counts():
    (check,) = only("推动民警、法官、检察官和律师“三官一律”进网格。", "enumeration")
    assert check.verdict == "consistent" and "(3 + 1)" in check.message


def test_a_gap_in_the_item_markers_is_flagged():
    checks = only("街道把监督放在首位。一是压实责任。各社区成立监督小组。三是强化问责。", "enumeration")
    assert [c.verdict for c in checks] == ["inconsistent"] and "二是" in checks[0].message


def test_a_list_that_reads_two_ways_is_left_alone():
    for text in ["在市、县开展甲、乙两项活动。", "会议提出三点意见:要加强和改进工作。", "全区建成东城中心、西城中心等11个调解中心。"]:
        assert not [c for c in checks_of(text) if c.rule == "enumeration" and c.verdict == "inconsistent"], text


def test_the_first_year_may_come_from_the_paragraph_before_a_duration():
    text = "2023年5月1日\n\n2003年3月，该市启动平安创建工作。\n\n一、夯实基础\n\n20年来，全市刑事案件持续下降。"
    (check,) = only(text, "elapsed")
    assert check.verdict == "consistent" and "2023 − 2003" in check.formula and "earlier sentence" in check.message
    (bad,) = only(text.replace("20年来", "10年来"), "elapsed")
    assert bad.verdict == "inconsistent"


def test_a_duration_whose_start_is_not_stated_is_not_checked():
    text = "2024年9月30日\n\n2019年，县里开展专项行动。新中国成立75年来，全县面貌一新。"
    assert not [c for c in checks_of(text) if c.rule == "elapsed"]


def test_enumeration_vocabulary_is_data():
    from checker.doc_claims import enum_rules
    from checker.rulepack import load_rulepack

    rules = enum_rules(load_rulepack().enumeration["zh"])  # rules/zh/enumeration.toml, through the rule pack
    assert "十四五" in rules.fixed and "指的是" in rules.cues_after and "、" in rules.separators


def test_enumeration_search_stays_linear_on_hostile_text():
    import time

    unit = "甲、乙、丙三项工作，“三个必到”：甲到、乙到。一是加强。三是落实。" + "、" * 40 + "三" * 20
    started = time.perf_counter()
    checks_of(unit * 2000)
    assert time.perf_counter() - started < 20


def test_words_after_another_number_are_not_a_quantitys_name():
    text = "全市产值从11.2万亿元提高到13.4万亿元。全市税收从1.05万亿元提高到1.21万亿元。"
    assert not [c for c in checks_of(text) if c.rule == "restated"]
