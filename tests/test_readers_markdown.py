"""Markdown articles are read by markdown-it-py: code, front matter and comments are not checked,
findings name the line and column of the file, quotes are visible text, suppressions still work."""
from __future__ import annotations

import json
import shutil

import pytest

from checker.cli import main
from checker.reader import read_documents
from checker.sentences import sentences
from conftest import REPO
from reader_support import check_json, inconsistent

EXAMPLE = REPO / "examples" / "zh_bulletin.md"
RATE = "上半年共受理群众来信560件，已办结518件，办结率达95.5%。"  # 518 / 560 = 92.5%: wrong


def test_the_planted_error_is_found_at_its_line_and_column_in_the_file(capsys):
    code, report, _ = check_json(capsys, str(EXAMPLE))
    [finding] = [c for c in inconsistent(report) if c["rule"] == "rate"]  # the table's error: tests/test_tables.py
    assert code == 1 and finding["rule"] == "rate"
    line = EXAMPLE.read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
    assert line == RATE and finding["column"] == line.index("560") + 1
    assert finding["location"] == {"line": 14, "column": 11, "text": "line 14, column 11"}
    assert sorted(n["text"] for n in finding["numbers"]) == ["518件", "560件", "95.5%"]


def test_code_front_matter_and_inline_code_are_never_checked(tmp_path, capsys):
    as_text = tmp_path / "bulletin.txt"  # the same bytes read as plain text: every number counts
    shutil.copy(EXAMPLE, as_text)
    _, plain, _ = check_json(capsys, str(as_text))
    _, markdown, _ = check_json(capsys, str(EXAMPLE))
    assert {c["line"] for c in inconsistent(plain)} == {4, 14, 29, 32, 40}  # front matter, prose, fence, `code`, table
    assert {c["line"] for c in inconsistent(markdown)} == {14, 40}
    extracted = main(["extract", "--format", "json", str(EXAMPLE)])
    mentions = json.loads(capsys.readouterr().out)["documents"][0]["mentions"]
    assert extracted == 0 and not {m["text"] for m in mentions} & {"120件", "100起", "120起", "50人", "70人"}


def test_markup_is_never_in_a_quote_and_spans_point_into_the_visible_text(tmp_path, capsys):
    path = tmp_path / "a.md"
    path.write_text("# 标题\n\n全年共受理[各类纠纷](https://example.org/2024/100)**1260起**，成功调处*1198*起，"
                    "调处成功率达97.5%。\n", encoding="utf-8")
    _, report, _ = check_json(capsys, str(path))
    [finding] = inconsistent(report)
    assert finding["quote"] == "1260起，成功调处1198起，调处成功率达97.5%"
    assert not set(finding["quote"]) & set("*[]()#")
    text = next(read_documents([str(path)])).text
    assert text[finding["span"]["start"]:finding["span"]["end"]] == finding["quote"]
    assert (finding["line"], finding["column"]) == (3, path.read_text(encoding="utf-8").splitlines()[2].index("1260") + 1)


def test_headings_list_items_and_table_cells_are_separate_sentences(tmp_path):
    path = tmp_path / "t.md"
    path.write_text("## 概况\n\n- 受理100起\n- 办结90起\n\n| 项目 | 数量 |\n| --- | --- |\n| 合计 | 300起 |\n"
                    "| 其中 | 120起 |\n", encoding="utf-8")
    text = next(read_documents([str(path)])).text
    pieces = [text[s:e].strip() for s, e in sentences(text, blocks=True)]
    assert pieces == ["概况", "受理100起", "办结90起", "项目", "数量", "合计", "300起", "其中", "120起"]


def test_crlf_files_keep_their_lines(tmp_path, capsys):
    path = tmp_path / "crlf.md"
    path.write_bytes(("# 标题\r\n\r\n说明文字。\r\n\r\n" + RATE + "\r\n").encode("utf-8"))
    _, report, _ = check_json(capsys, str(path))
    [finding] = inconsistent(report)
    assert (finding["line"], finding["column"]) == (5, 11)


def test_suppression_comments_still_work_in_markdown(tmp_path, capsys):
    path = tmp_path / "s.md"
    path.write_text("# 简报\n\n<!-- checker-disable-next-line rate: 口径为结案数 -->\n" + RATE + "\n\n" + RATE + "\n",
                    encoding="utf-8")
    code, report, _ = check_json(capsys, str(path))
    rates = [c for c in report["documents"][0]["checks"] if c["rule"] == "rate"]
    assert [bool(c.get("suppressed")) for c in rates] == [True, False]
    assert [c["line"] for c in rates] == [4, 6]
    [directive] = report["documents"][0]["suppressions"]
    assert directive["line"] == 3 and directive["covers"] == {"start_line": 4, "end_line": 4}
    assert code == 1 and report["summary"]["failing"] == 1


def test_language_is_detected_on_the_visible_text_and_can_be_forced(tmp_path, capsys):
    path = tmp_path / "links.md"
    links = " ".join(f"[链接](https://example.org/reports/annual/summary/page-{k}.html)" for k in range(6))
    path.write_text("---\ntitle: A quarterly summary of the district figures\n---\n\n" + links + "\n\n" + RATE + "\n",
                    encoding="utf-8")
    assert next(read_documents([str(path)])).language == "zh"
    _, report, _ = check_json(capsys, "--lang", "en", str(path))
    assert report["documents"][0]["language"] == "en"
    with pytest.raises(SystemExit) as exit_:  # argparse: a usage error
        main(["check", "--lang", "fr", str(path)])
    assert exit_.value.code == 2 and "--lang" in capsys.readouterr().err


def test_the_configuration_gives_the_language_and_lang_wins(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".checker.toml").write_text('lang = "en"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(RATE + "\n", encoding="utf-8")
    _, report, _ = check_json(capsys, "a.md")
    assert report["documents"][0]["language"] == "en"
    _, report, _ = check_json(capsys, "--lang", "zh", "a.md")
    assert report["documents"][0]["language"] == "zh"
    (tmp_path / ".checker.toml").write_text('lang = "fr"\n', encoding="utf-8")
    code = main(["check", "a.md"])
    err = capsys.readouterr().err
    assert code == 2 and ".checker.toml" in err and "lang must be one of zh, en" in err


def _article(blocks: int) -> str:
    para = "全区共受理**纠纷**1260起 &amp; 成功调处[1198起](https://example.org/a) \\* `code 7` 调处成功率达97.5%。" * 20
    return "\n\n".join(f"## 第{k}节\n\n| 项目 | 数量 |\n| --- | --- |\n| 受理 | {k}起 |\n\n{para}" for k in range(blocks))


def test_every_visible_number_maps_to_itself_in_the_source_in_linear_time():
    import time

    from checker.readers.locate import to_source
    from checker.readers.markdown import read

    source = _article(300)
    text, smap = read(source)
    at = [i for i in range(len(text)) if text.startswith("97.5%", i)]
    assert len(at) == 300 * 20 and all(source[to_source(smap, i):to_source(smap, i) + 5] == "97.5%" for i in at)
    assert "code 7" not in text and "**" not in text and "https" not in text and "& 成功" in text

    def seconds(s: str) -> float:
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            read(s)
            best = min(best, time.perf_counter() - t0)
        return best

    ratio = seconds(_article(400)) / seconds(_article(100))
    assert ratio < 8, f"4 times the article took {ratio:.1f} times as long"
