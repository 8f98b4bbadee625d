"""Short texts and UTF-16 without a byte-order mark (issue 12, reliability report M9).

A few bytes leave little to go by: BOM-less UTF-16 is told by its NUL bytes and by which byte
order reads as article characters; a short legacy text is GB18030, else Big5, unless it is
clearly Japanese (kana) or Korean (spaced Hangul); anything else is refused in one line, never
guessed.  The sentences are made up for these tests.
"""
from __future__ import annotations

import random

import pytest

from checker import reader
from checker.reader import InputError, decode

ZH_SHORT = ["受理5起", "今年植树12万株", "共办结案件37件", "化解率达96.3%", "本月共检查餐馆85家。", "比上年少4个"]
ZHT_SHORT = ["受理5起", "共辦結案件37件", "全市植樹12萬株", "本月共檢查餐館85家。", "比上年少4個"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ZH_SHORT + ["5起", "Sale", "0", "共12起, 9 solved"])
def test_short_utf16_without_a_bom_is_read_in_the_right_byte_order(codec, text):
    assert decode(text.encode(codec), "u.txt") == (text, codec)


def test_the_eight_byte_example_of_the_report():
    data = "受理5起".encode("utf-16-le")
    assert len(data) == 8
    assert decode(data, "u.txt") == ("受理5起", "utf-16-le")  # was read as big-endian '흓ٴ㔀瞍'


def test_utf16_readings_that_tie_are_refused_not_guessed():
    # 00 4E 8C 4E 00 4E 8C 4E: 一二一二 little-endian, or "N豎N豎" big-endian; only the ASCII count
    # tells them apart, and it picks the reading with the NULs as the high bytes of ASCII
    assert decode("一二".encode("utf-16-le"), "u.txt")[1] == "utf-16-be"
    # no ASCII either way and the same share of article characters: refused
    data = "\u4e00\u4e00".encode("utf-16-le")  # 00 4E 00 4E: 一一, or NN
    assert decode(data, "u.txt") == ("NN", "utf-16-be")
    with pytest.raises(InputError, match="too short to tell its encoding apart"):
        decode(b"\x00\x4e\x4e\x00", "u.txt")  # 一N little-endian, N一 big-endian


def test_random_short_utf16_is_never_read_wrong():
    source = ("全区去年新建公园3个，改造老旧小区46个，投入资金2.8亿元；今年计划再建5个。"
              "Ridership rose 7.5% to 3,120 trips a day in 2024.")
    rnd = random.Random(12)
    wrong = []
    for _ in range(1500):
        size = rnd.randint(2, 16)
        start = rnd.randrange(len(source) - size)
        text = source[start:start + size]
        for codec in ("utf-16-le", "utf-16-be"):
            data = text.encode(codec)
            if b"\x00" not in data:
                continue  # no NUL byte: no sign of UTF-16 at all (refused or read as legacy bytes)
            try:
                got = decode(data, "u.txt")
            except InputError:
                continue  # refusing is allowed, a wrong text is not
            if got[0] != text:
                wrong.append((text, codec, got))
    assert not wrong


@pytest.mark.parametrize("text", ZH_SHORT)
def test_short_gb18030_and_utf8(text):
    assert decode(text.encode("gb18030"), "a.txt") == (text, "gb18030")
    assert decode(text.encode("utf-8"), "a.txt") == (text, "utf-8")


@pytest.mark.parametrize("text", ZHT_SHORT)
def test_short_big5(text):
    assert decode(text.encode("big5"), "a.txt") == (text, "big5")


@pytest.mark.parametrize("text, codec, named", [
    ("ひらがなとカタカナ", "euc_jp", "euc-jp"),       # Big5 read it as 夫日互卅午市正市瓜
    ("事故はこれで12件です", "euc_jp", "euc-jp"),
    ("한국어 문장", "euc_kr", "euc-kr"),               # GB18030 read it as 茄惫绢 巩厘
    ("서울 지하철 3호선", "euc_kr", "euc-kr"),
])
def test_short_japanese_and_korean_are_refused_naming_them(text, codec, named):
    data = text.encode(codec)
    assert len(data) < reader.SHORT_BYTES
    with pytest.raises(InputError, match=f"looks like {named} text"):
        decode(data, "a.txt")


@pytest.mark.parametrize("text, codec", [("ｱｲｳｴｵｶｷ", "shift_jis"), ("今年は事故が12件", "shift_jis"),
                                         ("Café: 12 cases", "cp1252"), ("Déjà vu 5%", "cp1252")])
def test_other_short_foreign_texts_are_refused(text, codec):
    with pytest.raises(InputError, match="too short to tell|looks like"):
        decode(text.encode(codec), "a.txt")


def test_short_chinese_is_not_taken_for_japanese_or_korean():
    # a Big5 character or two in rows A4/A5 reads as EUC-JP kana, GB2312 level-1 hanzi as EUC-KR
    # Hangul: only three kana or Korean word spacing refuse a short text
    source_zh = "上下午各一次，中小学校共九所，不少于三个；今年接访320人次，同比下降4.5%。"
    source_zht = "上下午各一次，中小學校共九所，不少於三個；一二三四五六七八九十，不大不小，上下左右。"
    rnd = random.Random(7)
    refused = []
    for source, codec in ((source_zh, "gb18030"), (source_zht, "big5")):
        for _ in range(1500):
            size = rnd.randint(1, 12)
            start = rnd.randrange(len(source) - size)
            text = source[start:start + size]
            if reader._short_foreign(text.encode(codec)) is not None:
                refused.append((text, codec))
    assert not refused
