"""Tables are read as tables: readers give their rows and cells (Document.tables), flattened
bulletin tables in plain text are found, and a table's relations (a column against its total row,
a sub-item against its parent, a share against the total, a growth rate against last year's and
this year's columns) are judged like prose.  Every table is our own, with made-up numbers: each
consistent table gives no alarm, and a typo in a part, the total, a share or a growth rate turns
the right check inconsistent at the mutated cell."""
from __future__ import annotations

import pytest

import checker
from checker.model import Document
from checker.reader import read_documents
from checker.tables import flat_tables, understand
from conftest import REPO

DATA = REPO / "tests" / "data" / "tables"
EXAMPLE = REPO / "examples" / "zh_bulletin.md"
TABLES = ["zh_output.md", "en_revenue.html", "en_staff.md", "en_flat.txt", "zh_flat.txt", "zh_share100.txt", "zh_mixed_units.txt"]


def check(text: str, name: str):
    return checker.check_text(text, path=name)


def failing(report) -> list:
    return [f for f in report.checks if f.verdict == "inconsistent"]


@pytest.mark.parametrize("name", TABLES)
def test_every_consistent_table_gives_no_alarm(name):
    report = check((DATA / name).read_text(encoding="utf-8"), name)
    assert failing(report) == []


def test_each_relation_of_a_table_is_checked():
    report = check((DATA / "zh_output.md").read_text(encoding="utf-8"), "zh_output.md")
    rules = [f.rule for f in report.checks]
    # two amount columns and the share column against 合计; #工业 against 第二产业 in both years;
    # four shares (合计 itself is not one); five growth rates
    assert rules.count("sum") == 3 and rules.count("part_le_whole") == 2
    assert rules.count("rate") == 4 and rules.count("change_pct") == 5


# (file, row as printed, the same row with one typo, rule, role of the mutated number, its new text)
MUTATIONS = [
    ("zh_output.md", "| 第二产业 | 400.0 | 420.0 | 5.0 | 40.0 |", "| 第二产业 | 400.0 | 420.0 | 5.0 | 45.0 |", "rate", "rate", "45.0"),
    ("zh_output.md", "| 第三产业 | 480.0 | 504.0 | 5.0 | 48.0 |", "| 第三产业 | 480.0 | 504.0 | 6.0 | 48.0 |", "change_pct", "change", "6.0"),
    ("zh_output.md", "| 第一产业 | 120.0 | 126.0 |", "| 第一产业 | 120.0 | 136.0 |", "sum", "parts", "136.0"),
    ("zh_output.md", "| 合计 | 1000.0 | 1050.0 |", "| 合计 | 1000.0 | 1060.0 |", "sum", "total", "1060.0"),
    ("zh_output.md", "| #工业 | 350.0 | 364.0 |", "| #工业 | 350.0 | 464.0 |", "part_le_whole", "part", "464.0"),
    ("en_revenue.html", "<td>South</td><td>300</td><td>315</td><td>5.0</td>",
     "<td>South</td><td>300</td><td>315</td><td>15.0</td>", "change_pct", "change", "15.0"),
    ("en_revenue.html", "<td>North</td><td>250</td><td>275</td><td>10.0</td><td>27.5</td>",
     "<td>North</td><td>250</td><td>275</td><td>10.0</td><td>25.7</td>", "rate", "rate", "25.7"),
    ("en_revenue.html", "<td>Total</td><td>1000</td>", "<td>Total</td><td>1100</td>", "sum", "total", "1100"),
    ("en_revenue.html", "<td>West</td><td>450</td>", "<td>West</td><td>540</td>", "sum", "parts", "540"),
    ("en_staff.md", "| Hill | 85 | 15 | 100 |", "| Hill | 85 | 25 | 100 |", "sum", "parts", "25"),
    ("en_staff.md", "| Airport | 64 | 36 | 100 |", "| Airport | 64 | 36 | 110 |", "sum", "total", "110"),
    ("en_flat.txt", "steel\t500\t480\t-4.0", "steel\t500\t480\t4.0", "change_pct", "change", "4.0"),
    ("en_flat.txt", "Services\t1200\t1320\t10.0\t44.0", "Services\t1200\t1320\t10.0\t40.0", "rate", "rate", "40.0"),
    ("en_flat.txt", "Farming\t400\t420", "Farming\t400\t402", "sum", "parts", "402"),
    ("zh_flat.txt", "医疗        2500      2600      4.0            32.5",
     "医疗        2500      2600      4.0            23.5", "rate", "rate", "23.5"),
    ("zh_flat.txt", "社保        1800      1880      4.4", "社保        1800      1880      -4.4", "change_pct", "change", "-4.4"),
    ("zh_flat.txt", "合计        7500      8000", "合计        7500      8800", "sum", "total", "8800"),
    ("zh_flat.txt", "教育        3200      3520", "教育        3200      3250", "sum", "parts", "3250"),
    ("zh_share100.txt", "  第二产业      800.0     40.0", "  第二产业      800.0     30.0", "rate", "rate", "30.0"),
    ("zh_share100.txt", "地区生产总值    2000.0", "地区生产总值    2100.0", "sum", "total", "2100.0"),
]


@pytest.mark.parametrize("name,row,typo,rule,role,number", MUTATIONS,
                         ids=[f"{m[0]}-{m[3]}-{m[4]}-{m[5]}" for m in MUTATIONS])
def test_a_typo_in_a_cell_turns_the_right_check_inconsistent_at_that_cell(name, row, typo, rule, role, number):
    source = (DATA / name).read_text(encoding="utf-8")
    assert source.count(row) == 1
    mutated = source.replace(row, typo)
    report = check(mutated, name)
    text = next(iter(_documents(mutated, name))).text
    hits = [f for f in failing(report) if f.rule == rule and f.severity == "error"
            and any(_role(n) == role and n.text == number for n in f.numbers)]
    assert hits, [(f.rule, f.message) for f in failing(report)]
    n = next(n for f in hits for n in f.numbers if _role(n) == role and n.text == number)
    assert text[n.start:n.end] == number
    label = typo.strip("| ").split("|")[0].strip() if "|" in typo else typo.split()[0]
    if name.endswith(".html"):
        label = typo.split("</td>")[0].removeprefix("<td>")
    assert label in text[max(0, n.start - 60):n.start]  # the number stands in the mutated row


def _role(number) -> str:
    return number.role.split("[")[0]  # parts[2] is one of the parts


def _documents(text: str, name: str):
    from checker.reader import make_document

    return [make_document(name, text.encode("utf-8"))]


def test_the_example_bulletin_has_its_planted_table_error_on_line_40():
    [doc], errors = checker.check_paths([str(EXAMPLE)])
    [growth] = [f for f in doc.failing if f.rule == "change_pct"]
    line = EXAMPLE.read_text(encoding="utf-8").splitlines()[growth.line - 1]
    assert growth.line == 40 and line.startswith("| 其他事项 |") and errors == []
    assert sorted(n.text for n in growth.numbers) == ["1300", "1830", "38.5"]


def test_readers_give_rows_cells_and_header_rows():
    [md] = list(read_documents([str(DATA / "zh_output.md")]))
    [table] = md.tables
    assert table.header_rows == 1 and [len(r) for r in table.cells] == [5] * 6
    assert [c.text for c in table.cells[3]] == ["#工业", "350.0", "364.0", "4.0", "34.7"]
    assert all(md.text[c.start:c.end] == c.text for r in table.cells for c in r)
    [html] = list(read_documents([str(DATA / "en_revenue.html")]))
    [table] = html.tables
    assert table.header_rows == 1 and table.caption.startswith("Revenue by region") and table.unit == "million"
    assert all(html.text[c.start:c.end] == c.text for r in table.cells for c in r)


def test_docx_tables_are_read_and_checked(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("测试表格，数字为虚构。")
    rows = [["项目", "上年", "本年", "增长%"], ["甲", "100", "110", "10.0"], ["乙", "200", "250", "10.0"],
            ["合计", "300", "360", "20.0"]]
    t = d.add_table(rows=4, cols=4)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    path = tmp_path / "t.docx"
    d.save(str(path))
    [doc] = list(read_documents([str(path)]))
    assert [[c.text for c in r] for r in doc.tables[0].cells] == rows
    [result], errors = checker.check_paths([str(path)])
    [wrong] = result.failing  # 乙: 200 → 250 is +25%, not 10.0
    assert wrong.rule == "change_pct" and {n.text for n in wrong.numbers} == {"200", "250", "10.0"}
    assert wrong.to_dict()["location"]["text"] == "table 1 row 3 col 2"


def test_flattened_layouts_are_found_in_plain_text():
    text = ("指标\t上年\t本年\t增长%\n甲\t100\t110\t10.0\n乙\t200\t220\t10.0\n合计\t300\t330\t10.0\n\n"
            "| 地区 | 数值 | 占比% |\n| 东区 | 40 | 40.0 |\n| 西区 | 60 | 60.0 |\n| 合计 | 100 | 100.0 |\n"
            "\n两行  3  4\n不成表  5  6\n")
    tables = flat_tables(text)
    assert [(t.header_rows, len(t.cells), len(t.cells[0])) for t in tables] == [(1, 4, 4), (1, 4, 3)]
    assert all(text[c.start:c.end] == c.text for t in tables for r in t.cells for c in r)
    assert failing(check(text, "t.txt")) == []
    report = check(text.replace("| 西区 | 60 | 60.0 |", "| 西区 | 60 | 50.0 |"), "t.txt")
    assert {f.rule for f in failing(report)} == {"rate", "sum"}  # the share and the share column's total


def test_tables_that_cannot_be_understood_are_left_alone():
    ragged = ("<table><tr><th>项目</th><th>数值</th></tr><tr><td>甲</td><td>10</td><td>5</td></tr>"
              "<tr><td>乙</td><td>20</td></tr><tr><td>合计</td><td>99</td></tr></table>")
    no_numbers = "| 项目 | 说明 |\n| --- | --- |\n| 甲 | 较好 |\n| 合计 | 一般 |\n"
    mixed = (DATA / "zh_mixed_units.txt").read_text(encoding="utf-8")  # 合计 99.0 would be wrong if summed
    sections = "| 项目 | 数值 |\n| --- | --- |\n| 一、工业 | |\n| 甲 | 10 |\n| 二、服务业 | |\n| 乙 | 20 |\n| 合计 | 99 |\n"
    for text, name in ((ragged, "r.html"), (no_numbers, "n.md"), (mixed, "m.txt"), (sections, "s.md")):
        report = check(text, name)
        assert failing(report) == [], name
        assert not [f for f in report.checks if f.rule in ("sum", "rate", "change_pct")], name


def test_sub_items_are_parts_of_their_parent_not_of_the_total():
    # overlapping # items (they add up to more than their parent) and a 100.0 share on the total row
    text = (DATA / "zh_share100.txt").read_text(encoding="utf-8")
    doc = Document("x.txt", text, "utf-8", "", "zh")
    second = flat_tables(text)[1]
    columns, rows = understand(second, text)
    assert [(r.label, r.total, r.sub) for r in rows][:2] == [("合计", True, False), ("#国有企业", False, True)]
    assert failing(check(doc.text, "x.txt")) == []


def test_an_inline_qizhong_row_and_the_rows_under_its_label_are_siblings():
    # "其中：早稻" names the first sub-item; "      晚稻", indented under its label, is the second
    text = ("表2  主要作物产量\n品种  单位  产量  比上年增长（%）\n稻谷  万吨  80.50  2.0\n"
            "其中：早稻  万吨  30.20  1.1\n      晚稻  万吨  50.30  2.5\n小麦  万吨  12.40  0.8\n")
    [table] = flat_tables(text)
    columns, rows = understand(table, text)
    parents = {r.label: (r.parent.label if r.parent else None) for r in rows}
    assert parents == {"稻谷": None, "其中：早稻": "稻谷", "晚稻": "稻谷", "小麦": None}
    assert failing(check(text, "t.txt")) == []
    assert {f.rule for f in failing(check(text.replace("50.30", "90.30"), "t.txt"))} == {"part_le_whole"}


def test_a_signed_change_column_is_new_minus_old():
    text = ("Table 3. Spending (dollars in millions)\nProgram        FY 2024 Enacted   FY 2025 Request   Change\n"
            "Libraries                 410               432      +22\nTransit                   655               640      -15\n"
            "Total                    1,065             1,072       +7\n")
    checks = [c for c in check(text, "t.txt").checks if c.rule == "change_abs"]
    assert len(checks) == 3 and all(c.verdict == "consistent" for c in checks)
    assert {f.rule for f in failing(check(text.replace("+22", "+27"), "t.txt"))} == {"change_abs"}
    assert {f.rule for f in failing(check(text.replace("-15", "+15"), "t.txt"))} == {"change_abs"}


def test_an_all_row_is_the_total_and_an_all_other_row_a_part():
    text = ("Offences by group\nViolence        1,200\nTheft             900\nAll other         300\n"
            "All recorded crime   2,400\n")
    sums = [c for c in check(text, "t.txt").checks if c.rule == "sum"]
    assert len(sums) == 1 and sums[0].verdict == "consistent" and sums[0].numbers[0].text.strip() == "2,400"
    assert {f.rule for f in failing(check(text.replace("  900", "  990"), "t.txt"))} == {"sum"}


def test_a_column_of_rates_is_never_summed_against_the_total_row():
    text = ("| 单位 | 任务数 | 完成数 | 完成率 |\n| --- | --- | --- | --- |\n| 甲 | 100 | 95 | 95.0 |\n"
            "| 乙 | 200 | 196 | 98.0 |\n| 合计 | 300 | 291 | 97.0 |\n")
    report = check(text, "r.md")
    sums = [f for f in report.checks if f.rule == "sum"]
    assert failing(report) == [] and len(sums) == 2  # 任务数 and 完成数; 95.0 + 98.0 is no 97.0
    assert not any(n.text == "97.0" for f in sums for n in f.numbers)


def test_shares_given_as_fractions_are_not_read_as_percents():
    text = "| 项目 | 数值 | 占比 |\n| --- | --- | --- |\n| 甲 | 35 | 0.35 |\n| 乙 | 65 | 0.65 |\n| 合计 | 100 | 1.00 |\n"
    report = check(text, "f.md")
    assert failing(report) == [] and not [f for f in report.checks if f.rule == "rate"]
