"""Tables in PDFs are read from the layout of the text (rows by baseline, columns by x alignment)
into the table model of checker.tables, so a PDF table's column totals, sub-items, shares and growth
rates are checked like a Markdown or DOCX table's, and a finding names the table's page.  Every
table is our own, with made-up numbers: the consistent one gives no alarm, and one typo in a total,
a part, a sub-item, a share or a growth rate turns the right check inconsistent on page 2."""
from __future__ import annotations

import pytest

from checker.reader import read_documents
from reader_support import check_json, inconsistent

reportlab = pytest.importorskip("reportlab", reason="reportlab writes the test PDFs (test extra)")
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

CJK_FONT = "STSong-Light"  # Adobe's CID font: nothing embedded, pdfminer decodes it by its CMap

HEADER = ["指标", "上年", "本年", "比上年增长%", "占比%"]
ROWS = [
    ["第一产业", "200.0", "210.0", "5.0", "19.4"],
    ["第二产业", "500.0", "540.0", "8.0", "50.0"],
    ["#工业", "420.0", "450.0", "7.1", "41.7"],
    ["第三产业", "300.0", "330.0", "10.0", "30.6"],
    ["合计", "1000.0", "1080.0", "8.0", "100.0"],
]
COLUMNS = [72, 190, 260, 340, 440]  # left edge of each column; numbers are right-aligned in theirs


def write_table_pdf(path, rows=ROWS, header=HEADER, xs=COLUMNS, indented: str = "",
                    prose: str = "全县经济运行总体平稳，详见下页。") -> str:
    """Page 1: a paragraph (``prose``); page 2: a title, a unit line and the table, cells drawn one by one."""
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    c = canvas.Canvas(str(path))
    c.setFont(CJK_FONT, 12)
    c.drawString(72, 760, "某县2025年国民经济运行情况（测试用，数字为虚构）")
    c.drawString(72, 740, prose)
    c.showPage()
    c.setFont(CJK_FONT, 12)
    c.drawString(72, 760, "表1 分产业增加值")
    c.drawString(72, 742, "单位：亿元")
    y = 724
    for row in [header] + rows:
        for k, (x, cell) in enumerate(zip(xs, row)):
            if k and cell[:1].isdigit():
                c.drawRightString(x + 55, y, cell)
            else:
                c.drawString(x + (12 if k == 0 and cell == indented else 0), y, cell)
        y -= 18
    c.drawString(72, y - 12, "注：表中数据为测试用虚构数据。")
    c.showPage()
    c.save()
    return str(path)


def mutated(label: str, column: int, value: str) -> list[list[str]]:
    return [[value if (r[0] == label and k == column) else cell for k, cell in enumerate(r)] for r in ROWS]


def test_a_pdf_table_is_read_into_rows_and_cells(tmp_path):
    [doc] = list(read_documents([write_table_pdf(tmp_path / "t.pdf")]))
    [table] = doc.tables
    assert table.header_rows == 1 and table.unit == "亿元"
    assert [[c.text for c in r] for r in table.cells] == [HEADER] + ROWS
    assert all(doc.text[c.start:c.end] == c.text for r in table.cells for c in r)
    # the visible text shows the table as it looks: one line a row, the prose around it kept
    assert "第二产业  500.0  540.0  8.0  50.0\n#工业  420.0" in doc.text
    assert "表1 分产业增加值" in doc.text and "注：表中数据为测试用虚构数据。" in doc.text


def test_the_consistent_pdf_table_gives_no_alarm_and_every_relation_is_checked(tmp_path, capsys):
    code, report, __ = check_json(capsys, write_table_pdf(tmp_path / "t.pdf"))
    checks = report["documents"][0]["checks"]
    assert code == 0 and inconsistent(report) == []
    rules = [c["rule"] for c in checks]
    # 上年 and 本年 and the share column against 合计; #工业 under 第二产业 in both years; four shares;
    # five growth rates
    assert rules.count("sum") == 3 and rules.count("part_le_whole") == 2
    assert rules.count("rate") == 4 and rules.count("change_pct") == 5
    assert {c["location"]["text"] for c in checks} == {"page 2"}


# (row label, column, typo, rule, role of the mutated number)
MUTATIONS = [
    ("合计", 2, "1180.0", "sum", "total"),
    ("第三产业", 2, "380.0", "sum", "parts"),
    ("#工业", 2, "650.0", "part_le_whole", "part"),
    ("第二产业", 4, "55.0", "rate", "rate"),
    ("第一产业", 3, "6.0", "change_pct", "change"),
]


@pytest.mark.parametrize("label,column,typo,rule,role", MUTATIONS, ids=[f"{m[3]}-{m[4]}" for m in MUTATIONS])
def test_a_typo_in_a_pdf_table_cell_is_found_on_its_page(tmp_path, capsys, label, column, typo, rule, role):
    code, report, __ = check_json(capsys, write_table_pdf(tmp_path / "t.pdf", rows=mutated(label, column, typo)))
    hits = [f for f in inconsistent(report) if f["rule"] == rule
            and any(n["role"].split("[")[0] == role and n["text"] == typo for n in f["numbers"])]
    assert code == 1 and hits, [(f["rule"], f["message"]) for f in inconsistent(report)]
    assert hits[0]["location"] == {"page": 2, "text": "page 2"}


def test_prose_restating_a_pdf_table_names_the_pages_of_both_figures(tmp_path, capsys):
    pdf = write_table_pdf(tmp_path / "t.pdf", prose="全县第三产业增加值达到350.0亿元，详见下页。")
    code, report, __ = check_json(capsys, pdf)
    [hit] = [f for f in inconsistent(report) if f["rule"] == "table_prose"]
    assert code == 1 and hit["location"]["page"] == 1
    assert "(page 1)" in hit["message"] and "(page 2)" in hit["message"] and "line" not in hit["message"]
    code, report, __ = check_json(capsys, "--locale", "zh", pdf)
    [hit] = [f for f in inconsistent(report) if f["rule"] == "table_prose"]
    assert "（第1页）" in hit["message"] and "（第2页）" in hit["message"], hit["message"]


def test_an_indented_sub_item_is_a_part_of_the_row_above(tmp_path, capsys):
    rows = [[r[0].lstrip("#")] + r[1:] if r[0] == "#工业" else r for r in mutated("#工业", 2, "650.0")]
    code, report, __ = check_json(capsys, write_table_pdf(tmp_path / "t.pdf", rows=rows, indented="工业"))
    [wrong] = [f for f in inconsistent(report) if f["rule"] == "part_le_whole"]
    assert {n["text"] for n in wrong["numbers"]} == {"540.0", "650.0"}


def test_layouts_that_are_no_table_stay_prose(tmp_path, capsys):
    pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    path = tmp_path / "two_columns.pdf"
    c = canvas.Canvas(str(path))
    c.setFont(CJK_FONT, 12)
    left = ["全区受理纠纷1260起，", "成功调处1198起，", "调处成功率95.1%。", "群众满意度持续提高。"]
    right = ["新建调解室12个，", "培训调解员300人次，", "覆盖全部村居。", "工作成效明显。"]
    for k, (a, b) in enumerate(zip(left, right)):  # two columns of prose side by side
        c.drawString(72, 760 - 18 * k, a)
        c.drawString(320, 760 - 18 * k, b)
    y = 640
    for a, b, d in (("甲", "10", "说明一"), ("乙", "20", "说明二"), ("丙", "30", "说明三")):  # ragged cells
        c.drawString(72, y, a)
        c.drawRightString(200 + (40 if a == "乙" else 0), y, b)
        c.drawString(260, y, d)
        y -= 18
    c.showPage()
    c.save()
    [doc] = list(read_documents([str(path)]))
    assert doc.tables == []
    code, report, __ = check_json(capsys, str(path))
    assert inconsistent(report) == []


def test_extract_and_review_name_the_page_and_show_the_visible_rows(tmp_path, capsys):
    import json

    from checker.cli import main
    from checker.review.app import screen_text
    from review_support import drive, open_session, screen

    pdf = write_table_pdf(tmp_path / "t.pdf", rows=mutated("第一产业", 3, "6.0"))
    assert main(["extract", "--format", "json", pdf]) == 0
    [doc] = json.loads(capsys.readouterr().out)["documents"]
    growth = next(m for m in doc["mentions"] if m["text"] == "6.0")
    assert growth["location"] == {"page": 2, "text": "page 2"}
    assert main(["extract", pdf]) == 0
    listing = capsys.readouterr().out
    assert "place" in listing and "page 2" in listing and "line:col" not in listing
    session = open_session([pdf], db=tmp_path / "r.db")

    async def script(app, pilot):
        return str(screen(app).query_one("#article").border_title), screen_text(app)

    title, shown = drive(session, script, size=(120, 40))
    assert title.endswith("t.pdf · page 2")
    assert "第一产业  200.0  210.0  6.0  19.4" in shown  # the row as it looks, not a cell a block


def test_an_indented_run_after_a_其中_row_ends_where_the_indentation_does(tmp_path, capsys):
    # 其中： on a row of its own, 工业 indented under it, then 第三产业 back at the margin: a part of 合计
    rows = ROWS[:2] + [["其中：", "", "", "", ""], ["工业"] + ROWS[2][1:]] + ROWS[3:]
    code, report, __ = check_json(capsys, write_table_pdf(tmp_path / "t.pdf", rows=rows, indented="工业"))
    assert code == 0 and inconsistent(report) == []
    assert [c["rule"] for c in report["documents"][0]["checks"]].count("sum") == 3
    rows[4] = ["第三产业", "300.0", "380.0", "10.0", "30.6"]
    code, report, __ = check_json(capsys, write_table_pdf(tmp_path / "t.pdf", rows=rows, indented="工业"))
    assert any(f["rule"] == "sum" and any(n["text"] == "380.0" for n in f["numbers"]) for f in inconsistent(report))
