"""DOCX articles are read with python-docx: paragraphs, numbered list items and table cells in
order, each its own sentence; findings name the paragraph or the table cell; a renamed ZIP or a
truncated file is one line naming the file, exit 2."""
from __future__ import annotations

import io
import zipfile

import pytest

docx = pytest.importorskip("docx", reason="python-docx reads and writes DOCX")

from checker.cli import main  # noqa: E402
from checker.reader import read_documents  # noqa: E402
from checker.sentences import sentences  # noqa: E402
from reader_support import check_json, inconsistent

RATE = "全年共受理各类矛盾纠纷1260起，成功调处1198起，调处成功率达97.5%。"  # 95.08%: wrong
CELL = "受理投诉350件，办结336件，办结率98%。"  # 96%: wrong
GOOD = "共受理纠纷200起，化解150起，化解率75%。"


def write_docx(path, with_table: bool = True) -> str:
    d = docx.Document()
    d.add_heading("东湖街道2025年工作简报", level=1)
    d.add_paragraph("示例文件，数字为虚构。")
    d.add_paragraph("网格员走访居民1200户", style="List Number")
    d.add_paragraph("新增志愿者86名", style="List Number")
    d.add_paragraph(RATE)
    if with_table:
        table = d.add_table(rows=2, cols=2)
        for (r, c), text in {(0, 0): "项目", (0, 1): "情况", (1, 0): "投诉", (1, 1): CELL}.items():
            table.cell(r, c).text = text
    d.add_paragraph(GOOD)
    d.save(str(path))
    return str(path)


def test_planted_errors_name_their_paragraph_and_table_cell(tmp_path, capsys):
    path = write_docx(tmp_path / "brief.docx")
    code, report, _ = check_json(capsys, path)
    found = {c["location"]["text"]: c for c in inconsistent(report)}
    assert code == 1 and set(found) == {"paragraph 5", "table 1 row 2 col 2"}
    assert found["paragraph 5"]["quote"] == "1260起，成功调处1198起，调处成功率达97.5%"
    assert found["table 1 row 2 col 2"]["location"] == {"table": 1, "row": 2, "column": 2, "text": "table 1 row 2 col 2"}
    assert found["table 1 row 2 col 2"]["reported"] == "98%"
    main(["check", path])
    out = capsys.readouterr().out
    assert "  paragraph 5 inconsistent [rate]" in out and "  table 1 row 2 col 2 inconsistent [rate]" in out


def test_paragraphs_list_items_and_cells_are_separate_sentences(tmp_path):
    doc = next(read_documents([write_docx(tmp_path / "brief.docx")]))
    pieces = [p for p in (doc.text[s:e].strip() for s, e in sentences(doc.text, blocks=True)) if p]
    assert pieces[:4] == ["东湖街道2025年工作简报", "示例文件，数字为虚构。", "网格员走访居民1200户", "新增志愿者86名"]
    assert ["项目", "情况", "投诉", CELL] == pieces[pieces.index("项目"):pieces.index("项目") + 4]
    assert doc.language == "zh" and doc.encoding == "docx"


def _renamed_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes/readme.txt", RATE)
    return buf.getvalue()


@pytest.mark.parametrize("kind, expected", [("renamed zip", "without word/document.xml"),
                                            ("truncated", "corrupt or truncated DOCX"),
                                            ("not a zip", "corrupt or truncated DOCX")])
def test_bad_docx_files_are_one_line_and_the_others_are_checked(tmp_path, capsys, kind, expected):
    bad = tmp_path / "bad.docx"
    if kind == "renamed zip":
        bad.write_bytes(_renamed_zip())
    elif kind == "truncated":
        data = open(write_docx(tmp_path / "whole.docx"), "rb").read()
        bad.write_bytes(data[: len(data) // 2])
    else:
        bad.write_text(RATE, encoding="utf-8")
    good = write_docx(tmp_path / "good.docx", with_table=False)
    code, report, err = check_json(capsys, str(bad), good)
    assert code == 2 and "Traceback" not in err
    [line] = err.strip().splitlines()
    assert str(bad) in line and expected in line
    assert [d["path"] for d in report["documents"]] == [good] and inconsistent(report)
