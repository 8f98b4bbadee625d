"""Normalization and its offset map: what the lexer matches is normalized, what the user sees is the
original, and every span must point at the exact original characters."""
from __future__ import annotations

import random
import unicodedata

import pytest
from conftest import mentions_of, need_shared

from checker.extract import extract
from checker.lexer import detect_language
from checker.model import Document
from checker.normalize import _TRANSLATE, LineIndex, normalize, translate

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u202c"
DELETABLE = set(INVISIBLE) | set("\u180e\u200f\u202a\u202b\u202d\u202e\u2061\u2062\u2063\u2064") | set(", \t\r\n，\u00a0\u3000")


def check_map(original: str):
    """Invariants of the offset map for any text; returns the NormalizedText."""
    norm = normalize(original)
    assert norm.original == original
    previous = -1
    for i, ch in enumerate(norm.text):
        o = norm.to_original(i)
        assert o > previous, "the map is strictly increasing"
        previous = o
        assert chr(_TRANSLATE.get(ord(original[o]), ord(original[o]))) == ch, (i, o)
    kept = {norm.to_original(i) for i in range(len(norm.text))}
    for o, ch in enumerate(original):
        if o not in kept:  # deleted: invisible, a separator inside a number, or a wrapped line's break
            assert ch in DELETABLE, (o, ch)
    translated = translate(original)
    for s in range(len(norm.text) + 1):
        for e in range(s, min(len(norm.text), s + 12) + 1):
            a, b = norm.span_to_original(s, e)
            assert 0 <= a <= b <= len(original)
            if e > s:  # the original span, less its deleted characters, is the normalized span
                assert "".join(translated[o] for o in range(a, b) if o in kept) == norm.text[s:e]
                assert a in kept and b - 1 in kept
    return norm


def check_mentions(original: str, language: str | None = None):
    """Every mention's text is the original slice of its span, and its normalized span maps onto it."""
    norm = normalize(original)
    mentions = mentions_of(original, language)
    for m in mentions:
        assert original[m.start : m.end] == m.text
        assert norm.span_to_original(m.nstart, m.nend) == (m.start, m.end)
        line, col = LineIndex(original).position(m.start)
        assert (m.line, m.column) == (line, col)
    return mentions


def only(mentions, kind=None):
    found = [m for m in mentions if kind is None or m.kind == kind]
    assert len(found) == 1, [(m.text, m.kind) for m in mentions]
    return found[0]


# -- full width ---------------------------------------------------------------------------------------

def test_full_width_digits_and_punctuation():
    original = "今年新增绿地１２３，４５６平方米，覆盖率达到４５６．７％。"
    norm = check_map(original)
    assert "123456平方米" in norm.text and "456.7%" in norm.text
    area, share = check_mentions(original)
    assert area.text == "１２３，４５６平方米" and area.value == 123456 and area.kind == "measure"
    assert share.text == "４５６．７％" and float(share.value) == 456.7 and share.kind == "percent"
    assert share.decimals == 1


def test_full_width_space_and_signs():
    original = "增幅为－３．５％，总量达　１２０万元。"
    norm = check_map(original)
    assert "-3.5%" in norm.text and " 120万元" in norm.text
    drop, money = check_mentions(original)
    assert drop.text == "－３．５％" and float(drop.value) == -3.5
    assert money.text == "１２０万元" and money.value == 1_200_000


def test_translation_keeps_length():
    text = "１２３４５６７８９０％，．（）：　\u00a0\u2013\u2212﹪〜"
    out = translate(text)
    assert len(out) == len(text)
    assert out == "1234567890%,.(): " + " --%~"


# -- thousands separators -----------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["37,242", "37，242", "３７，２４２"])
def test_thousands_separator(written):
    original = f"全年受理群众来电{written}件，办结率为98%。"
    calls, _rate = check_mentions(original)
    assert calls.text == written + "件"
    assert calls.value == 37242 and calls.literal == "37242"


def test_several_groups_and_a_decimal_part():
    original = "The fund paid out 1,234,567.89 dollars to 12,000 families."
    money, families = check_mentions(original, "en")
    assert money.text == "1,234,567.89 dollars" and float(money.value) == 1234567.89 and money.decimals == 2
    assert families.text == "12,000" and families.value == 12000


def test_a_list_is_not_a_number():
    mentions = check_mentions("分别为3,5,7个", "zh")
    assert [m.value for m in mentions if m.value is not None] == [3, 5, 7]


def test_space_grouping_only_before_a_unit():
    assert [m.value for m in check_mentions("共计1 234 567人。", "zh")] == [1234567]
    assert [m.value for m in check_mentions("Rooms 12 345 were painted.", "en")] == [12, 345]


# -- PDF line wraps -----------------------------------------------------------------------------------

@pytest.mark.parametrize("wrap", ["\n", "\r\n", " \n ", "\n\t"])
def test_number_broken_by_a_line_wrap(wrap):
    original = f"本年度全市各级调解组织共受理各类矛盾纠纷4{wrap}8762件，调解成功率为97.3%。"
    norm = check_map(original)
    assert "48762件" in norm.text
    count = check_mentions(original)[0]
    assert count.value == 48762
    assert count.text == f"4{wrap}8762件"
    assert count.line == 1


def test_a_short_line_is_not_joined():
    """A column of figures (a short line before the break) stays two numbers."""
    original = "第一季度\n12\n34\n"
    assert [m.value for m in check_mentions(original, "zh")] == [12, 34]


def test_mention_after_a_wrap_has_the_right_line_and_column():
    original = "据最新统计显示，本市目前共有注册志愿者2\n3456人，\n另有团队　８５支。"
    volunteers, teams = check_mentions(original)
    assert (volunteers.line, volunteers.column, volunteers.value) == (1, 20, 23456)
    assert (teams.line, teams.column, teams.text) == (3, 6, "８５支")


# -- spaces and invisible characters ------------------------------------------------------------------

def test_non_breaking_and_thin_spaces():
    original = "Crime fell\u00a012.5\u202f% while arrests rose\u00a0by\u2009300."
    norm = check_map(original)
    assert "fell 12.5 %" in norm.text
    mentions = check_mentions(original, "en")
    assert [m.text for m in mentions] == ["12.5\u202f%", "300"]


@pytest.mark.parametrize("ch", list(INVISIBLE))
def test_zero_width_characters_inside_a_number(ch):
    original = f"共发放补贴1{ch}2.5万元，惠及3{ch}00户。"
    norm = check_map(original)
    assert "12.5万元" in norm.text and "300户" in norm.text
    money, homes = check_mentions(original)
    assert money.text == f"1{ch}2.5万元" and money.value == 125000
    assert homes.text == f"3{ch}00户" and homes.value == 300


def test_bom_and_soft_hyphen_before_text():
    original = "\ufeff\u00ad全年接警1200起。"
    assert check_mentions(original)[0].text == "1200起"
    assert check_mentions(original)[0].start == 6


def test_unchanged_text_maps_to_itself():
    original = "plain ASCII text with 12 numbers and 3.5% of them"
    norm = normalize(original)
    assert norm.text == original
    assert all(norm.to_original(i) == i for i in range(len(original)))
    assert norm.span_to_original(3, 3) == (3, 3)


# -- properties ---------------------------------------------------------------------------------------

ALPHABET = (
    list("0123456789") * 4 + list("０１２３４５６７８９") + list(",，.．%％ \n\r\t")
    + list(INVISIBLE) + ["\u00a0", "\u3000", "\u2013", "\u2212", "-"]
    + list("万亿元人起件个百分点约近余多第年月日") + list("abc")
)


@pytest.mark.parametrize("seed", range(40))
def test_random_text_keeps_the_offset_map_exact(seed):
    rng = random.Random(seed)
    original = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 160)))
    check_map(original)
    check_mentions(original, "zh")
    check_mentions(original, "en")


def test_every_corpus_mention_quotes_the_original():
    corpus = need_shared("corpus")
    files = sorted(corpus.glob("*.txt"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        doc = Document(str(path), text, "utf-8", "", detect_language(text))
        ex = extract(doc)
        assert ex.mentions, path
        lines = LineIndex(text)
        for m in ex.mentions:
            assert doc.text[m.start : m.end] == m.text, (path.name, m)
            assert ex.norm.span_to_original(m.nstart, m.nend) == (m.start, m.end)
            assert lines.position(m.start) == (m.line, m.column)
        starts = [m.nstart for m in ex.mentions]
        assert starts == sorted(starts)
        assert all(a.nend <= b.nstart for a, b in zip(ex.mentions, ex.mentions[1:])), "mentions do not overlap"


def test_corpus_normalized_text_is_nfkc_compatible_for_digits():
    """Every digit the lexer sees is ASCII: full-width digits never reach it."""
    corpus = need_shared("corpus")
    for path in sorted(corpus.glob("*.txt")):
        norm = normalize(path.read_text(encoding="utf-8"))
        assert not any(unicodedata.category(ch) == "Nd" and not ch.isascii() for ch in norm.text)


def test_terminal_escape_sequences_are_no_numbers():
    """ESC]52;…BEL (a clipboard write) and ESC[2J (clear screen) carry digits that are no statistics;
    the numbers around them keep their offsets into the original."""
    from checker.extract import extract
    from checker.model import Document

    text = "受理纠纷\x1b]52;c;aGVsbG8=\x07100起，化解\x1b[2J98起，化解率98%。"
    ex = extract(Document("x", text, "utf-8", "", "zh"))
    assert [m.text for m in ex.mentions] == ["100起", "98起", "98%"]
    assert all(text[m.start : m.end] == m.text for m in ex.mentions)
