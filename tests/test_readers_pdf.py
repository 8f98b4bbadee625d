"""PDF articles are read from their text layer (pdfminer.six): line wraps repaired (CJK joined
with nothing, Latin with a space, hyphenated words rejoined), findings name their page, and an
encrypted, corrupt, truncated or scanned PDF is one line naming the file, exit 2."""
from __future__ import annotations

import json

import pytest

from checker.cli import main
from checker.reader import expand, read_documents
from checker.readers.pdf import join_lines

reportlab = pytest.importorskip("reportlab", reason="reportlab writes the test PDFs (test extra)")
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reader_support import check_json, inconsistent

#: Adobe's Simplified Chinese CID font: reportlab names it, the PDF embeds nothing, and pdfminer
#: decodes it through its CMap, so no CJK font file is needed on the machine.
CJK_FONT = "STSong-Light"


def write_pdf(path, pages: list[list[str]], font: str = "Helvetica", **kwargs) -> str:
    """A PDF with one text line per string, top to bottom, one list a page."""
    if font == CJK_FONT:
        pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
    c = canvas.Canvas(str(path), **kwargs)
    for lines in pages:
        c.setFont(font, 12)
        for k, line in enumerate(lines):
            c.drawString(72, 760 - 15 * k, line)
        c.showPage()
    c.save()
    return str(path)


ENGLISH = [["Riverside clinic report, spring 2025", "", "The clinic opened 14 new rooms this spring."],
           ["The clinic received 2,400 complaints and resolved 2,232 of them, a",
            "success rate of 95%. Waiting times fell for the third year."]]


def test_the_planted_error_is_found_on_its_page(tmp_path, capsys):
    pdf = write_pdf(tmp_path / "clinic.pdf", ENGLISH)
    code, report, _ = check_json(capsys, pdf)
    [finding] = inconsistent(report)
    assert code == 1 and finding["rule"] == "rate"
    assert finding["location"] == {"page": 2, "text": "page 2"}
    assert finding["quote"] == "2,400 complaints and resolved 2,232 of them, a success rate of 95%"
    assert report["documents"][0]["encoding"] == "pdf" and report["documents"][0]["language"] == "en"
    assert main(["check", pdf]) == 1
    assert "  page 2 inconsistent [rate]" in capsys.readouterr().out


def test_sarif_and_github_name_the_page(tmp_path, capsys):
    pdf = write_pdf(tmp_path / "clinic.pdf", ENGLISH)
    main(["check", "--format", "sarif", pdf])
    [result] = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    [where] = result["locations"]
    assert where["logicalLocations"] == [{"name": "page 2", "kind": "page"}]
    assert "region" not in where["physicalLocation"]
    main(["check", "--format", "github", pdf])
    annotation = capsys.readouterr().out.splitlines()[0]
    assert annotation.startswith("::error file=") and "(page 2)" in annotation and "line=" not in annotation


def test_a_chinese_pdf_is_read_with_its_wraps_joined(tmp_path, capsys):
    pdf = write_pdf(tmp_path / "zh.pdf", [["二、矛盾纠纷化解", "", "全区共受理各类矛盾纠纷1260起，成功调处",
                                           "1198起，调处成功率达97.5%。"]], font=CJK_FONT)
    doc = next(read_documents([pdf]))
    assert doc.language == "zh" and "成功调处1198起" in doc.text
    code, report, _ = check_json(capsys, pdf)
    [finding] = inconsistent(report)
    assert finding["quote"] == "1260起，成功调处1198起，调处成功率达97.5%" and finding["location"]["text"] == "page 1"


def test_line_break_repair():
    assert join_lines(["The city received 1,260 com-\n", "plaints and resolved\n", "1,198.\n"]) == \
        "The city received 1,260 complaints and resolved 1,198."
    assert join_lines(["全区共受理纠纷\n", "1260起，其中\n", "调处1198起。\n"]) == "全区共受理纠纷1260起，其中调处1198起。"
    assert join_lines(["a well-\n", "Known case"]) == "a well- Known case"  # a capital: not a hyphenated word


def test_directories_pick_up_pdf_files(tmp_path):
    write_pdf(tmp_path / "a.pdf", ENGLISH)
    (tmp_path / "b.txt").write_text("plain 1", encoding="utf-8")
    assert [p.rsplit("/", 1)[-1] for p in expand([str(tmp_path)])] == ["a.pdf", "b.txt"]
    assert [p.rsplit("/", 1)[-1] for p in expand([str(tmp_path)], exclude=["*.pdf"], root=str(tmp_path))] == ["b.txt"]


@pytest.mark.parametrize("kind", ["scanned", "encrypted", "corrupt", "truncated"])
def test_bad_pdfs_are_one_line_and_the_others_are_checked(tmp_path, capsys, kind):
    bad = tmp_path / "bad.pdf"
    if kind == "scanned":  # drawings but no text: what a scan without OCR looks like to a reader
        c = canvas.Canvas(str(bad))
        c.rect(72, 500, 400, 250, fill=1)
        c.showPage()
        c.save()
    elif kind == "encrypted":
        write_pdf(bad, ENGLISH, encrypt="a secret password")
    elif kind == "corrupt":
        bad.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    else:
        data = open(write_pdf(tmp_path / "whole.pdf", ENGLISH), "rb").read()
        bad.write_bytes(data[: len(data) // 2])
    good = write_pdf(tmp_path / "good.pdf", ENGLISH)
    code, report, err = check_json(capsys, str(bad), good)
    assert code == 2
    [line] = err.strip().splitlines()
    assert str(bad) in line and "Traceback" not in err
    expected = {"scanned": "no text layer (scanned?)", "encrypted": "encrypted PDF", "corrupt": "corrupt",
                "truncated": "corrupt or truncated PDF"}[kind]
    assert expected in line
    assert [d["path"] for d in report["documents"]] == [good] and inconsistent(report)
