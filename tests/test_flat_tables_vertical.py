"""The vertical layout of bulletins converted to text (a label line, then its number lines, maybe
unit lines, ``#`` sub-items, a 合计 row) is read as a table: a part that exceeds its parent and parts
that do not add up to 合计 are found at the mutated line, the consistent table is silent, and a
column of bare numbers that nothing says are amounts is left alone.  Every table is our own."""
from __future__ import annotations

import checker
from checker.tables import flat_tables, understand

# a header of one name a line (指标, 本年, 比上年增长%), the unit in a caption line
WITH_HEADER = """某县2025年分行业增加值（测试数据）

单位：亿元
指标
本年
比上年增长%
农业
210.0
5.0
工业
540.0
8.0
#制造业
450.0
7.1
服务业
330.0
10.0
合计
1080.0
8.0

全县经济运行总体平稳。
"""

# no header: a unit line before each row's numbers
UNIT_LINES = """二、分区县用电量（测试数据）
甲区
亿千瓦时
12.5
乙区
亿千瓦时
20.0
#城区
亿千瓦时
8.5
丙区
亿千瓦时
7.5
合计
亿千瓦时
40.0
"""


def failing(text: str, name: str = "v.txt") -> list:
    return [f for f in checker.check_text(text, path=name).checks if f.verdict == "inconsistent"]


def rules_of(text: str) -> list[str]:
    return [f.rule for f in checker.check_text(text, path="v.txt").checks]


def line_of(text: str, offset: int) -> str:
    return text[text.rfind("\n", 0, offset) + 1:text.find("\n", offset)]


def test_the_vertical_layout_is_a_table_with_its_header_and_caption():
    [table] = flat_tables(WITH_HEADER)
    assert table.header_rows == 1 and table.caption == "单位：亿元" and table.unit == "亿元"
    assert [[c.text for c in r] for r in table.cells][:3] == [["指标", "本年", "比上年增长%"], ["农业", "210.0", "5.0"],
                                                            ["工业", "540.0", "8.0"]]
    assert all(WITH_HEADER[c.start:c.end] == c.text for r in table.cells for c in r)
    columns, rows = understand(table, WITH_HEADER)
    assert [c.kind for c in columns] == ["label", "new", "growth"]
    assert [(r.label, r.sub, r.total) for r in rows][2:] == [("#制造业", True, False), ("服务业", False, False),
                                                           ("合计", False, True)]


def test_the_consistent_vertical_table_is_silent_and_checked():
    assert failing(WITH_HEADER) == []
    rules = rules_of(WITH_HEADER)
    assert rules.count("sum") == 1 and rules.count("part_le_whole") == 1  # 本年 against 合计; #制造业 ≤ 工业


def test_a_part_exceeding_its_parent_is_found_at_its_line():
    text = WITH_HEADER.replace("#制造业\n450.0", "#制造业\n640.0")
    [wrong] = [f for f in failing(text) if f.rule == "part_le_whole"]
    part = next(n for n in wrong.numbers if n.role == "part")
    assert part.text == "640.0" and line_of(text, part.start) == "640.0" and wrong.severity == "error"


def test_parts_not_adding_up_to_the_total_are_found():
    text = WITH_HEADER.replace("服务业\n330.0", "服务业\n380.0")
    [wrong] = failing(text)
    assert wrong.rule == "sum" and any(n.text == "380.0" for n in wrong.numbers)
    total = WITH_HEADER.replace("合计\n1080.0", "合计\n1008.0")
    [wrong] = failing(total)
    assert wrong.rule == "sum" and next(n for n in wrong.numbers if n.role == "total").text == "1008.0"


def test_unit_lines_make_a_headerless_column_amounts():
    assert failing(UNIT_LINES) == []
    assert rules_of(UNIT_LINES).count("sum") == 1
    [wrong] = failing(UNIT_LINES.replace("#城区\n亿千瓦时\n8.5", "#城区\n亿千瓦时\n28.5"))
    assert wrong.rule == "part_le_whole" and {n.text for n in wrong.numbers} == {"20.0", "28.5"}


def test_bare_numbers_without_header_or_unit_are_left_alone():
    # growth rates one a line: they neither add up nor bound their sub-items
    text = "主要指标增速\n农业\n5.0\n工业\n8.0\n#制造业\n12.0\n服务业\n10.0\n合计\n8.0\n"
    assert flat_tables(text) == []
    assert failing(text) == [] and not [r for r in rules_of(text) if r in ("sum", "part_le_whole")]


def test_rows_of_other_units_are_other_tables():
    text = ("单位：见各行\n指标\n单位\n绝对数\n农业产值\n亿元\n20.0\n工业产值\n亿元\n50.0\n服务业产值\n亿元\n30.0\n"
            "年末人口\n万人\n60.0\n#城镇人口\n万人\n45.0\n#乡村人口\n万人\n15.0\n合计\n亿元\n100.0\n")
    tables = flat_tables(text)
    assert [[r[0].text for r in t.cells[t.header_rows:]] for t in tables] == [
        ["农业产值", "工业产值", "服务业产值"], ["年末人口", "#城镇人口", "#乡村人口"]]
    assert failing(text) == []  # 合计 (亿元, alone after the 万人 rows) is no total of anything here


def test_prose_around_a_vertical_table_is_still_checked():
    text = "全县共受理纠纷1260起，调处1198起，调处成功率97.5%。\n\n" + WITH_HEADER
    [wrong] = failing(text)
    assert wrong.rule == "rate" and wrong.line == 1


def test_an_unindented_其中_run_of_several_rows_is_no_ground_for_a_total():
    # 其中： then 城区, 丙区, 丁区 one a line: sub-items of 乙区 all three, or only the first?  The
    # layout cannot say, so 合计 (12.5 + 14.0 + 6.0 + 7.5 = 40.0 if only 城区 is) is not summed
    text = ("甲区\n亿千瓦时\n12.5\n乙区\n亿千瓦时\n14.0\n其中：\n城区\n亿千瓦时\n8.5\n丙区\n亿千瓦时\n6.0\n"
            "丁区\n亿千瓦时\n7.5\n合计\n亿千瓦时\n40.0\n")
    assert failing(text) == [] and "sum" not in rules_of(text)
    assert rules_of(text).count("part_le_whole") == 1  # 城区 ≤ 乙区, the one sure sub-item
