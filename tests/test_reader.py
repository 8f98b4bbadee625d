"""Reading articles: encodings, binary and empty files, paths, directories and stdin.

Every Chinese sentence here is written for the test and encoded into a file under tmp_path; each
sample is a few sentences long so that encoding detection has enough text to be reliable.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from checker.extract import extract
from checker.reader import InputError, decode, expand, make_document, read_documents

# Simplified Chinese (GB18030 / GBK / UTF-8 / UTF-16 samples).
ZH = (
    "据区统计局通报，今年前三季度全区新登记市场主体四千二百余户，同比增长百分之十二点五。"
    "其中个体工商户三千一百户，占比约七成；新增就业岗位一万二千个，比去年同期多出一千八百个。"
    "全区共有社区卫生服务站四十六个，覆盖常住人口近三十万人，群众满意度达到百分之九十六。"
)
# Traditional Chinese (Big5 sample).
ZHT = (
    "據縣政府公布，去年全縣共受理民眾陳情案件兩千三百件，已辦結兩千二百六十件，結案率約九成八。"
    "全縣設有調解委員會五十二個，調解員六百餘名，成功調解各類糾紛一千四百餘起。"
    "縣府表示，今年將再增設社區服務據點十八處，預計服務人數超過三萬人次。"
)
EN = "The district opened 14 new clinics last year and hired about 300 nurses, a rise of 12.5%.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def read_one(path: Path):
    docs = list(read_documents([str(path)]))
    assert len(docs) == 1
    return docs[0]


def one_line_error(paths, *needles: str) -> str:
    """The InputError message for ``paths``: one line that contains every needle."""
    with pytest.raises(InputError) as info:
        list(read_documents([str(p) for p in paths]))
    message = str(info.value)
    assert "\n" not in message
    for needle in needles:
        assert needle in message
    return message


# -- encodings -------------------------------------------------------------------------------------

@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["utf-8", "utf-8-bom"])
def test_utf8_with_and_without_bom(tmp_path, bom):
    doc = read_one(write(tmp_path, "a.txt", bom + ZH.encode("utf-8")))
    assert doc.text == ZH  # the BOM is not part of the text
    assert doc.encoding == "utf-8"
    assert doc.language == "zh"


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_with_bom(tmp_path, codec, bom):
    doc = read_one(write(tmp_path, "a.txt", bom + ZH.encode(codec)))
    assert doc.text == ZH
    assert doc.encoding == "utf-16"


def test_utf16_without_bom_is_detected(tmp_path):
    doc = read_one(write(tmp_path, "a.txt", (ZH + "\n" + EN).encode("utf-16-le")))
    assert doc.text == ZH + "\n" + EN
    assert doc.encoding.startswith("utf-16")


def test_utf32_with_bom(tmp_path):
    doc = read_one(write(tmp_path, "a.txt", ZH.encode("utf-32")))
    assert doc.text == ZH


@pytest.mark.parametrize("codec", ["gb18030", "gbk", "gb2312"])
def test_gb_family(tmp_path, codec):
    doc = read_one(write(tmp_path, "a.txt", ZH.encode(codec)))
    assert doc.text == ZH
    assert doc.encoding == "gb18030"  # the superset, whatever the file was labelled


def test_gb18030_only_characters(tmp_path):
    text = ZH + "新建的𠮷字路口改造工程投资八百万元。"  # 𠮷 is outside GBK: four bytes in GB18030
    doc = read_one(write(tmp_path, "a.txt", text.encode("gb18030")))
    assert doc.text == text


def test_big5(tmp_path):
    doc = read_one(write(tmp_path, "a.txt", ZHT.encode("big5")))
    assert doc.text == ZHT
    assert doc.encoding in ("big5", "big5hkscs", "cp950")
    assert doc.language == "zh"


def test_short_gbk_is_not_read_as_utf16_or_korean(tmp_path):
    text = "共有12人参加"
    assert read_one(write(tmp_path, "a.txt", text.encode("gbk"))).text == text


def test_mixed_encodings_in_one_directory(tmp_path):
    write(tmp_path, "a.txt", ZH.encode("gbk"))
    write(tmp_path, "b.txt", ZHT.encode("big5"))
    write(tmp_path, "c.md", ZH.encode("utf-16"))
    docs = list(read_documents([str(tmp_path)]))
    assert [d.text for d in docs] == [ZH, ZHT, ZH]


def test_numbers_survive_decoding(tmp_path):
    """The point of reading right: the numbers come out of a GBK file as from a UTF-8 one."""
    doc = read_one(write(tmp_path, "a.txt", ZH.encode("gbk")))
    values = [(m.text, m.value) for m in extract(doc).mentions]
    assert ("一万二千个", 12000) in values
    assert ("百分之十二点五", 12.5) in values


# -- binary, empty, unknown --------------------------------------------------------------------------

@pytest.mark.parametrize("data, needle", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF"),
    (b"PK\x03\x04" + bytes(200), "ZIP"),
    (bytes(range(256)) * 20, "binary"),
    (b"\x00\x01\x02\x03" * 500, "binary"),
    (b"total 12 people\x00\x00\x00\x00\x07\x08", "binary"),
])
def test_binary_file_is_refused_with_one_line_naming_it(tmp_path, data, needle):
    path = write(tmp_path, "thing.txt", data)
    one_line_error([path], str(path), needle)


def test_bytes_in_no_known_encoding_are_refused(tmp_path):
    import random

    rng = random.Random(7)
    path = write(tmp_path, "noise.txt", bytes(rng.randrange(128, 256) for _ in range(4000)))
    one_line_error([path], str(path), "encoding")


def test_control_characters_are_refused(tmp_path):
    path = write(tmp_path, "ctl.txt", bytes(range(1, 32)) * 40)
    one_line_error([path], str(path), "binary")


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"   \n\n\t\n"], ids=["empty", "bom-only", "utf16-bom-only", "blank"])
def test_empty_file_gives_an_empty_result(tmp_path, data):
    doc = read_one(write(tmp_path, "empty.txt", data))
    assert doc.text.strip() == ""
    assert extract(doc).mentions == []


def test_decode_of_nothing():
    assert decode(b"", "x") == ("", "utf-8")


def test_document_records_the_sha256_of_the_bytes(tmp_path):
    import hashlib

    data = ZH.encode("gbk")
    doc = make_document("a.txt", data)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


# -- paths and directories ---------------------------------------------------------------------------

def test_missing_path(tmp_path):
    missing = tmp_path / "nowhere" / "article.txt"
    message = one_line_error([missing], str(missing))
    assert "no such file" in message


def test_directory_recursion_picks_articles_only(tmp_path):
    for name in ("a.txt", "sub/b.md", "sub/deeper/c.TXT", "d.csv", "e.json", "f.odt", "sub/g.py", ".hidden/h.txt",
                 "sub/.cache/i.md"):
        write(tmp_path, name, EN.encode())
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand([str(tmp_path)])]
    assert found == ["a.txt", "sub/b.md", "sub/deeper/c.TXT"]
    assert [d.path for d in read_documents([str(tmp_path)])] == [str(tmp_path / f) for f in found]


def test_files_are_taken_as_given_whatever_their_suffix(tmp_path):
    path = write(tmp_path, "notes.log", EN.encode())
    assert read_one(path).text == EN


def test_files_and_directories_keep_their_order(tmp_path):
    write(tmp_path, "dir/x.txt", b"1")
    write(tmp_path, "dir/y.txt", b"2")
    single = write(tmp_path, "z.txt", b"3")
    assert [d.text for d in read_documents([str(single), str(tmp_path / "dir")])] == ["3", "1", "2"]


def test_directory_with_no_articles(tmp_path):
    write(tmp_path, "data.csv", b"a,b\n1,2\n")
    write(tmp_path, "img.png", b"\x89PNG\r\n\x1a\n")
    message = one_line_error([tmp_path], str(tmp_path))
    assert "no articles" in message


def test_empty_directory(tmp_path):
    one_line_error([tmp_path], str(tmp_path), "no articles")


def test_the_first_bad_path_stops_reading(tmp_path):
    good = write(tmp_path, "good.txt", EN.encode())
    missing = tmp_path / "missing.txt"
    one_line_error([good, missing], str(missing))


# -- stdin -------------------------------------------------------------------------------------------

class FakeStdin:
    def __init__(self, data: bytes):
        self.buffer = io.BytesIO(data)


def test_stdin_dash(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(ZH.encode("gb18030")))
    docs = list(read_documents(["-"]))
    assert [d.path for d in docs] == ["-"]
    assert docs[0].text == ZH


def test_stdin_binary_is_named_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", FakeStdin(b"\x00\x01\x02\x03" * 100))
    with pytest.raises(InputError) as info:
        list(read_documents(["-"]))
    assert str(info.value).startswith("<stdin>: ")


def test_stdin_that_cannot_be_read(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match="<stdin>"):
        list(read_documents(["-"]))


def test_stdin_mixed_with_files(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "stdin", FakeStdin(EN.encode()))
    path = write(tmp_path, "a.txt", ZH.encode())
    assert [d.path for d in read_documents([str(path), "-"])] == [str(path), "-"]
