"""HTML pages are read for their visible main text: script, style, nav and hidden elements are
skipped, block elements break sentences, entities are decoded, findings name the file's line and
column, suppressions in comments work, and a page over --max-bytes is one line, exit 2."""
from __future__ import annotations

import json
import time

from checker.cli import main
from checker.reader import read_documents
from checker.readers.html import read
from conftest import REPO
from reader_support import check_json, inconsistent

EXAMPLE = REPO / "examples" / "en_release.html"
ZH_RATE = "全年共受理各类矛盾纠纷1260起，成功调处1198起，调处成功率达97.5%。"


def test_the_planted_error_is_found_at_its_line_and_column_in_the_file(capsys):
    code, report, _ = check_json(capsys, str(EXAMPLE))
    [finding] = inconsistent(report)
    assert code == 1 and finding["rule"] == "rate" and finding["reported"] == "95%"
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    assert (finding["line"], finding["column"]) == (18, lines[17].index("2,400") + 1)
    assert finding["location"]["text"] == "line 18, column 32"
    assert "2,232" in {n["text"] for n in finding["numbers"]}  # inside <strong>, on the next line of the file


def test_quotes_are_visible_text_never_markup(capsys):
    _, report, _ = check_json(capsys, str(EXAMPLE))
    [finding] = inconsistent(report)
    assert finding["quote"] == "2,400 questions from readers & visitors and answered 2,232 of them, an answer rate of 95%"
    assert "<" not in finding["quote"] and "&amp;" not in finding["quote"]


def test_script_style_nav_and_hidden_elements_are_never_extracted(capsys):
    assert main(["extract", "--format", "json", str(EXAMPLE)]) == 0
    texts = {m["text"] for m in json.loads(capsys.readouterr().out)["documents"][0]["mentions"]}
    assert {"2,400", "2,232", "95%", "9,000", "8,100", "90%"} <= texts
    for hidden in ("1,000", "1,100", "500", "600", "350", "400", "20", "30", "99%", "60%"):
        assert hidden not in texts, hidden
    text = next(read_documents([str(EXAMPLE)])).text
    assert "var " not in text and "width" not in text and "Archive" not in text and "Draft" not in text
    assert "Harbourview library services" in text  # the <h1>, not the <title>: <head> is skipped


def test_hidden_attributes_and_styles():
    page = ('<p>a</p><div aria-hidden="true">b<div>c</div></div><span style="color:red; DISPLAY : none">d</span>'
            '<p hidden>e</p><input hidden><p>f</p><template><p>g</p></template><noscript>h</noscript>'
            '<p style="visibility: hidden">i</p><p style="display:block">j</p>')
    text, _ = read(page)
    assert text.split() == ["a", "f", "j"]


def test_block_elements_break_sentences_and_inline_ones_do_not(tmp_path, capsys):
    path = tmp_path / "t.html"
    path.write_text("<table><tr><td>合计</td><td>100起</td></tr><tr><td>办结</td><td>96起</td></tr></table>"
                    "<p>全年共受理各类矛盾纠纷<b>1260</b>起，成功调处1198<em>起</em>，调处成功率达97.5%。</p>",
                    encoding="utf-8")
    doc = next(read_documents([str(path)]))
    assert doc.text.startswith("合计\n\n100起\n\n办结\n\n96起\n\n")
    _, report, _ = check_json(capsys, str(path))
    [finding] = inconsistent(report)
    assert finding["quote"] == "1260起，成功调处1198起，调处成功率达97.5%"  # the unit after </b> is kept
    assert {n["text"] for n in finding["numbers"]} == {"1260起", "1198起", "97.5%"}


def test_entities_are_decoded_and_mapped(tmp_path, capsys):
    path = tmp_path / "e.html"
    path.write_text("<p>Fees&nbsp;&amp;&#32;charges: the office received 1,260 disputes and resolved 1,198 of them,"
                    " a success rate of 97.5%.</p>\n", encoding="utf-8")
    _, report, _ = check_json(capsys, str(path))
    [finding] = inconsistent(report)
    assert (finding["line"], finding["column"]) == (1, path.read_text(encoding="utf-8").index("1,260") + 1)
    assert next(read_documents([str(path)])).text.startswith("Fees & charges:")


def test_a_short_chinese_page_is_chinese_despite_its_markup(tmp_path, capsys):
    path = tmp_path / "zh.html"
    path.write_text('<html><head><meta name="viewport" content="width=device-width, initial-scale=1">'
                    '<link rel="stylesheet" href="/static/css/bootstrap.min.css"><script src="/static/js/app.js">'
                    '</script></head><body class="container main-content"><p>' + ZH_RATE + "</p></body></html>",
                    encoding="utf-8")
    _, report, _ = check_json(capsys, str(path))
    assert report["documents"][0]["language"] == "zh"
    assert [c["rule"] for c in inconsistent(report)] == ["rate"]


def test_suppression_comments_still_work_in_html(tmp_path, capsys):
    path = tmp_path / "s.html"
    path.write_text(f"<p>{ZH_RATE}<!-- checker-disable-line rate: 口径不同 --></p>\n<p>{ZH_RATE}</p>\n",
                    encoding="utf-8")
    code, report, _ = check_json(capsys, str(path))
    rates = [c for c in report["documents"][0]["checks"] if c["rule"] == "rate"]
    assert [bool(c.get("suppressed")) for c in rates] == [True, False] and [c["line"] for c in rates] == [1, 2]
    assert code == 1


def test_a_page_over_the_byte_cap_is_one_line_and_the_others_are_checked(tmp_path, capsys):
    big = tmp_path / "big.html"
    with open(big, "wb") as fh:  # 50 MB (sparse: nothing is written but the head)
        fh.write(b"<html><body><p>")
        fh.truncate(50 * 1024 * 1024)
    good = tmp_path / "good.html"
    good.write_text(f"<p>{ZH_RATE}</p>", encoding="utf-8")
    code, report, err = check_json(capsys, "--max-bytes", "10M", str(big), str(good))
    assert code == 2
    [line] = err.strip().splitlines()
    assert "big.html" in line and "too large" in line and "--max-bytes" in line
    assert [d["path"] for d in report["documents"]] == [str(good)] and inconsistent(report)


def _page(paragraphs: int) -> str:
    row = "<div class='row'><p>第{k}组共受理纠纷120起，成功调处96起，调处成功率达80%。</p><span>&amp;</span></div>\n"
    return "<html><body>" + "".join(row.format(k=k) for k in range(paragraphs)) + "</body></html>"


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        read(text)
        best = min(best, time.perf_counter() - t0)
    return best


def test_a_big_page_is_read_in_linear_time():
    small, large = _page(2_000), _page(8_000)  # about 0.2 and 0.8 MB
    text, smap = read(large)
    assert text.count("调处成功率") == 8_000 and len(smap.starts) < 10 * 8_000
    ratio = _seconds(large) / _seconds(small)
    assert ratio < 8, f"4 times the page took {ratio:.1f} times as long"


def test_broken_and_truncated_markup_is_never_a_traceback_nor_text():
    assert read("<![if !IE]><p>受理5起</p><![endif]>")[0] == "受理5起"
    assert read("<p>received 12 forms <a href=\"https://example.org/x")[0] == "received 12 forms"
    assert read("<!DOCTYPE")[0] == "" and read("</")[0] == ""
