"""A table against the prose that restates its figures (checker/table_claims.py): a sentence that
names a row's label and gives its value or growth rate must agree with the table.  The match is
conservative: another metric word, another period, an unknown or other unit, an approximate figure
or a label that several rows carry with other values is not compared.  Our own tables and sentences."""
from __future__ import annotations

import checker

TABLE = """
单位：亿元

| 指标 | 上年 | 本年 | 比上年增长% |
| --- | --- | --- | --- |
| 地区生产总值 | 1000.0 | 1080.0 | 8.0 |
| 第一产业 | 200.0 | 196.0 | -2.0 |
| 第二产业 | 500.0 | 550.0 | 10.0 |
| 第三产业 | 300.0 | 334.0 | 11.3 |
"""

PROSE = ("全年地区生产总值1080.0亿元，比上年增长8.0%。其中，第一产业196.0亿元，下降2.0%；"
         "第二产业增长10.0%；第三产业实现334.0亿元。上年第一产业200.0亿元。\n")


def checks(text: str, name: str = "t.md"):
    return [c for c in checker.check_text(text, path=name).checks if c.rule == "table_prose"]


def failing(text: str, name: str = "t.md"):
    return [c for c in checks(text, name) if c.verdict == "inconsistent"]


def test_prose_that_restates_the_table_is_consistent():
    found = checks(PROSE + TABLE)
    # GDP's amount and growth, 第一产业's amount and fall, 第二产业's growth, 第三产业's amount,
    # last year's 第一产业 against the 上年 column
    assert len(found) == 7 and all(c.verdict == "consistent" for c in found)
    assert {c.numbers[1].text for c in found} == {"1080.0", "8.0", "196.0", "-2.0", "10.0", "334.0", "200.0"}


def test_a_restated_amount_that_differs_is_an_error_at_the_prose():
    text = PROSE.replace("第三产业实现334.0亿元", "第三产业实现343.0亿元") + TABLE
    [wrong] = failing(text)
    first, second = wrong.numbers
    assert wrong.severity == "error" and wrong.line == 1 and first.text == "343.0亿元" and second.text == "334.0"
    assert "第三产业" in wrong.message


def test_a_restated_growth_that_differs_is_found_in_each_form():
    after_amount = PROSE.replace("1080.0亿元，比上年增长8.0%", "1080.0亿元，比上年增长6.0%") + TABLE
    [wrong] = failing(after_amount)
    assert {n.text for n in wrong.numbers} == {"6.0%", "8.0"}
    after_label = PROSE.replace("第二产业增长10.0%", "第二产业增长11.0%") + TABLE
    [wrong] = failing(after_label)
    assert {n.text for n in wrong.numbers} == {"11.0%", "10.0"}
    fall = PROSE.replace("下降2.0%", "下降3.0%") + TABLE
    [wrong] = failing(fall)
    assert {n.text for n in wrong.numbers} == {"3.0%", "-2.0"}


def test_last_years_figure_is_compared_with_the_last_year_column():
    [wrong] = failing(PROSE.replace("上年第一产业200.0亿元", "上年第一产业196.0亿元") + TABLE)
    assert {n.text for n in wrong.numbers} == {"196.0亿元", "200.0"}


def test_uncertain_matches_are_not_compared():
    unsure = [
        "第二产业投资520.0亿元。",  # another metric (投资) than the table's
        "2019年第二产业400.0亿元。",  # a period the table does not name
        "第二产业约530.0亿元。",  # approximate
        "全省第二产业5000.0万人。",  # another unit
        "第二产业的比重为50.9%。",  # a share, not the growth column
    ]
    for sentence in unsure:
        assert checks(sentence + "\n" + TABLE) == [], sentence


def test_a_table_without_a_unit_is_not_compared_with_an_amount():
    text = "全年第二产业550.0亿元，第三产业343.0亿元。\n" + TABLE.replace("单位：亿元", "")
    assert checks(text) == []


def test_the_year_the_table_names_is_accepted():
    table = TABLE.replace("单位：亿元", "2025年主要指标（单位：亿元）")
    assert [c.verdict for c in checks("2025年第三产业334.0亿元。\n" + table)] == ["consistent"]
    assert [c.verdict for c in checks("2025年第三产业343.0亿元。\n" + table)] == ["inconsistent"]


def test_a_label_of_two_tables_with_other_values_is_left_alone():
    other = TABLE.replace("| 第三产业 | 300.0 | 334.0 | 11.3 |", "| 第三产业 | 310.0 | 340.0 | 9.7 |")
    text = "第三产业实现343.0亿元。\n" + TABLE + "\n上半年：\n" + other
    assert checks(text) == []
    assert [c.verdict for c in checks("第三产业实现340.0亿元。\n" + TABLE + "\n" + other)] == ["consistent"]


def test_a_quarters_table_is_not_compared_with_another_periods_figure():
    quarter = TABLE.replace("单位：亿元", "一季度主要指标（单位：亿元）")
    assert checks("全年第三产业343.0亿元。\n" + quarter) == []  # the table names 一季度, the sentence does not
    assert [c.verdict for c in checks("一季度，第三产业343.0亿元。\n" + quarter)] == ["inconsistent"]
    assert checks("上半年，第三产业343.0亿元。\n" + TABLE) == []  # the sentence names a period the table does not
