"""`checker extract` end to end: in process through checker.cli.main and as `python -m checker`.

Good input gives a document per file in the chosen format; every bad input gives exactly one line on
stderr that names the file, exit status 2, and never a traceback.
"""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, need_shared

from checker.cli import main
from checker.report.mentions import CSV_COLUMNS

ZH = "据统计，全区今年共受理群众诉求1,260件，办结1,198件，办结率达95.1%；另有约300件正在办理。\n"
EN = "The centre took 1,260 calls and answered 1,198 of them, a rate of 95.1%; about 300 were pending.\n"

DOCUMENT_KEYS = {"path", "encoding", "language", "sha256", "mentions"}
MENTION_KEYS = {"text", "span", "line", "column", "kind", "statistic", "value", "low", "high", "literal", "decimals",
                "scale", "unit", "quantity_unit", "label", "qualifier", "range"}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_module(*argv: str, stdin: bytes | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *argv], input=stdin, capture_output=True, cwd=cwd,
                          timeout=120)


def article(tmp_path: Path, name: str = "a.txt", text: str = ZH, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def assert_one_error_line(code: int, out: str, err: str, *needles: str) -> str:
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("checker: error: ")
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


# -- formats -------------------------------------------------------------------------------------------

def test_json_output_has_the_documented_fields(capsys, tmp_path):
    path = article(tmp_path)
    code, out, err = run(capsys, "extract", "--format", "json", str(path))
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["schema_version"] == 1
    assert report["tool"]["name"] == "checker"
    (doc,) = report["documents"]
    assert set(doc) == DOCUMENT_KEYS
    assert (doc["path"], doc["encoding"], doc["language"]) == (str(path), "utf-8", "zh")
    assert len(doc["sha256"]) == 64
    for m in doc["mentions"]:
        assert set(m) == MENTION_KEYS
        assert set(m["span"]) == {"start", "end"}
        assert ZH[m["span"]["start"] : m["span"]["end"]] == m["text"]
    by_text = {m["text"]: m for m in doc["mentions"]}
    assert by_text["1,260件"]["value"] == 1260 and by_text["1,260件"]["unit"] == "件"
    assert by_text["1,260件"]["kind"] == "count" and by_text["1,260件"]["statistic"] is True
    rate = by_text["95.1%"]
    assert (rate["kind"], rate["value"], rate["literal"], rate["decimals"]) == ("percent", 95.1, "95.1", 1)
    about = by_text["约300件"]
    assert (about["qualifier"], about["low"], about["high"]) == ("about", 270, 330)
    assert (about["line"], about["column"]) == (1, ZH.index("约300件") + 1)


def test_json_labels_and_quantities(capsys, tmp_path):
    path = article(tmp_path, text="2024年，拨打12345热线，投入资金1.2亿元，覆盖3.5平方公里。")
    code, out, _ = run(capsys, "extract", "--format", "json", str(path))
    mentions = {m["text"]: m for m in json.loads(out)["documents"][0]["mentions"]}
    assert mentions["2024年"]["kind"] == "year" and mentions["2024年"]["statistic"] is False
    assert mentions["12345"]["label"] == "label" and mentions["12345"]["value"] is None
    money = mentions["1.2亿元"]
    assert (money["value"], money["scale"], money["unit"], money["quantity_unit"]) == (120_000_000, 100_000_000, "元", "yuan")
    assert mentions["3.5平方公里"]["quantity_unit"] == "square_kilometer"


def test_text_output(capsys, tmp_path):
    path = article(tmp_path, text=EN)
    code, out, err = run(capsys, "extract", str(path))
    assert (code, err) == (0, "")
    assert str(path.name) in out and "(en, utf-8)" in out
    assert "95.1%" in out and "about 300" in out
    assert "4 mentions, 4 statistics" in out


def test_text_output_of_a_long_article_is_plain_lines(capsys, tmp_path):
    small = article(tmp_path, "small.txt", EN)
    big = article(tmp_path, "big.txt", "".join(f"第{i}组有{i % 90 + 10}人。" for i in range(3000)))
    code, out, err = run(capsys, "extract", str(big), str(small))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == f"{big}  (zh, utf-8)"
    assert lines[1].split("\t") == ["line:col", "text", "kind", "value", "interval", "unit", "qualifier"]
    assert lines[2].split("\t")[:4] == ["1:1", "第0组", "ordinal", "0"]
    assert "6000 mentions, 3000 statistics" in out
    assert out.index("6000 mentions") < out.index("small.txt")  # then the short one, as a table
    assert "4 mentions, 4 statistics" in out


def test_csv_output(capsys, tmp_path):
    text = "拨打12345热线，共300人，增长12.5%。"
    path = article(tmp_path, text=text)
    code, out, err = run(capsys, "extract", "--format", "csv", str(path))
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    records = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert [r["text"] for r in records] == ["12345", "300人", "12.5%"]
    assert records[1]["value"] == "300"  # not 300.0: a column holding an empty cell stays exact
    assert records[0]["value"] == "" and records[0]["label"] == "label"
    assert records[2]["value"] == "12.5" and records[2]["span.start"] == str(text.index("12.5%"))


def test_several_files_and_a_directory(capsys, tmp_path):
    a = article(tmp_path, "one/a.txt")
    b = article(tmp_path, "one/deeper/b.md", EN)
    article(tmp_path, "one/skip.csv", "1,2,3")
    code, out, _ = run(capsys, "extract", "--format", "json", str(tmp_path / "one"))
    assert code == 0
    assert [d["path"] for d in json.loads(out)["documents"]] == [str(a), str(b)]


def test_gbk_file(capsys, tmp_path):
    path = article(tmp_path, text=ZH * 3, encoding="gbk")
    code, out, _ = run(capsys, "extract", "--format", "json", str(path))
    doc = json.loads(out)["documents"][0]
    assert doc["encoding"] == "gb18030"
    assert "95.1%" in [m["text"] for m in doc["mentions"]]


def test_stdin_in_process(capsys, monkeypatch):
    class Stdin:
        buffer = io.BytesIO(ZH.encode("utf-16"))

    monkeypatch.setattr(sys, "stdin", Stdin())
    code, out, _ = run(capsys, "extract", "--format", "json", "-")
    doc = json.loads(out)["documents"][0]
    assert (code, doc["path"], doc["encoding"]) == (0, "-", "utf-16")
    assert len(doc["mentions"]) == 4


@pytest.mark.parametrize("fmt", ["json", "text", "csv"])
def test_python_dash_m_reads_stdin(fmt):
    proc = run_module("extract", "--format", fmt, "-", stdin=ZH.encode("gb18030"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    out = proc.stdout.decode("utf-8")
    if fmt == "json":
        assert [m["text"] for m in json.loads(out)["documents"][0]["mentions"]][:2] == ["1,260件", "1,198件"]
    else:
        assert "95.1%" in out


def test_python_dash_m_on_a_file(tmp_path):
    path = article(tmp_path, text=EN)
    proc = run_module("extract", "--format", "json", str(path))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["documents"][0]["language"] == "en"


# -- bad input -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\n\n  \n"], ids=["empty", "bom", "blank"])
@pytest.mark.parametrize("fmt", ["json", "text", "csv"])
def test_empty_file_is_a_clean_empty_result(capsys, tmp_path, data, fmt):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    code, out, err = run(capsys, "extract", "--format", fmt, str(path))
    assert (code, err) == (0, "")
    if fmt == "json":
        assert json.loads(out)["documents"][0]["mentions"] == []
    elif fmt == "csv":
        assert out.splitlines() == [",".join(CSV_COLUMNS)]
    else:
        assert "0 mentions, 0 statistics" in out


@pytest.mark.parametrize("name, data, needle", [
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
    ("report.txt", b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    ("nul.txt", b"\x00\x01\x02\x03\xfe\xff" * 300, "binary"),
    ("noise.txt", bytes((i * 37 + 129) % 128 + 128 for i in range(5000)), "encoding"),
    ("ctl.txt", bytes(range(1, 32)) * 100, "binary"),
])
def test_bad_file_gives_one_line_naming_it(capsys, tmp_path, name, data, needle):
    path = tmp_path / name
    path.write_bytes(data)
    for fmt in ("json", "text", "csv"):
        code, out, err = run(capsys, "extract", "--format", fmt, str(path))
        assert_one_error_line(code, out, err, str(path), needle)


def test_missing_path(capsys, tmp_path):
    missing = tmp_path / "nope.txt"
    code, out, err = run(capsys, "extract", str(missing))
    assert "no such file" in assert_one_error_line(code, out, err, str(missing))


def test_directory_with_no_articles(capsys, tmp_path):
    (tmp_path / "data.json").write_text("{}")
    code, out, err = run(capsys, "extract", str(tmp_path))
    assert "no articles" in assert_one_error_line(code, out, err, str(tmp_path))


def test_a_bad_file_among_good_ones_is_one_error_line_and_the_good_ones_are_listed(capsys, tmp_path):
    good = article(tmp_path, "good.txt")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 100)
    later = article(tmp_path, "later.txt")
    code, out, err = run(capsys, "extract", "--format", "json", str(good), str(bad), str(later))
    assert code == 2 and "Traceback" not in err
    (line,) = err.splitlines()
    assert line.startswith("checker: error: ") and str(bad) in line
    assert [d["path"] for d in json.loads(out)["documents"]] == [str(good), str(later)]


def test_binary_stdin(capsys, monkeypatch):
    class Stdin:
        buffer = io.BytesIO(b"\x7fELF\x02\x01\x01" + bytes(300))

    monkeypatch.setattr(sys, "stdin", Stdin())
    code, out, err = run(capsys, "extract", "-")
    assert_one_error_line(code, out, err, "<stdin>")


@pytest.mark.parametrize("argv, needle", [
    (["extract", "/definitely/not/here.txt"], "/definitely/not/here.txt"),
    (["extract", "-"], "<stdin>"),
])
def test_python_dash_m_errors_without_traceback(argv, needle):
    proc = run_module(*argv, stdin=b"\x00\x00\x00\x00" * 64)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert "Traceback" not in err and len(err.splitlines()) == 1 and needle in err


def test_ten_thousand_digits_in_a_row(capsys, tmp_path):
    """A run of 10,000 digits is valid text: it is reported as a code (a digit run), never a value."""
    path = article(tmp_path, text="档案编号" + "31415926" * 1250 + "，共有12人。")
    code, out, err = run(capsys, "extract", "--format", "json", str(path))
    assert (code, err) == (0, "")
    run_mention, people = json.loads(out)["documents"][0]["mentions"]
    assert run_mention["kind"] == "code" and run_mention["label"] == "digit run"
    assert run_mention["value"] is None and run_mention["statistic"] is False
    assert len(run_mention["text"]) == 10_000 and len(run_mention["literal"]) < 40
    assert people["text"] == "12人"


def test_ten_thousand_chinese_numerals_in_a_row(capsys, tmp_path):
    path = article(tmp_path, text="编号" + "一二三四五六七八九〇" * 1000 + "。共有十二人。")
    code, out, err = run(capsys, "extract", "--format", "json", str(path))
    assert (code, err) == (0, "")
    assert [m["text"] for m in json.loads(out)["documents"][0]["mentions"]] == ["十二人"]


def test_fifty_megabytes_on_one_line(capsys, tmp_path):
    """Linear time: a 50 MB article without a single line break completes (no timing asserted)."""
    filler = "本报讯 全区各部门扎实推进平安建设 各项工作有序开展 社会治理水平不断提升 群众获得感持续增强 " * 40
    unit = filler + "全年共受理纠纷1260起，调处成功率为97.5%。"
    repeats = 50_000_000 // len(unit.encode("utf-8")) + 1
    path = tmp_path / "huge.txt"
    path.write_text(unit * repeats, encoding="utf-8")
    assert path.stat().st_size >= 50_000_000
    code, out, err = run(capsys, "extract", "--format", "json", str(path))
    assert (code, err) == (0, "")
    mentions = json.loads(out)["documents"][0]["mentions"]
    assert len(mentions) == 2 * repeats
    assert {m["line"] for m in mentions} == {1}
    assert mentions[-1]["text"] == "97.5%" and mentions[-1]["span"]["end"] == len(unit * repeats) - 1


def test_long_line_of_digits_and_separators(capsys, tmp_path):
    text = ("1,234," * 20_000) + "\n" + ("12." * 20_000) + "\n" + ("-1" * 20_000) + "\n"
    path = article(tmp_path, text=text)
    code, out, err = run(capsys, "extract", "--format", "csv", str(path))
    assert (code, err) == (0, "")


# -- the corpus --------------------------------------------------------------------------------------------

def test_every_corpus_file_extracts_cleanly(capsys):
    corpus = need_shared("corpus")
    files = sorted(corpus.glob("*.txt"))
    assert files
    code, out, err = run(capsys, "extract", "--format", "json", *map(str, files))
    assert (code, err) == (0, "")
    docs = json.loads(out)["documents"]
    assert [d["path"] for d in docs] == [str(f) for f in files]
    for doc, path in zip(docs, files):
        text = path.read_text(encoding="utf-8")
        assert doc["mentions"], path
        for m in doc["mentions"]:
            assert text[m["span"]["start"] : m["span"]["end"]] == m["text"]


def test_corpus_directory_in_every_format(capsys):
    corpus = need_shared("corpus")
    for fmt in ("text", "csv"):
        code, out, err = run(capsys, "extract", "--format", fmt, str(corpus))
        assert (code, err) == (0, "") and out
