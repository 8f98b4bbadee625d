"""The number lexer: the first half of the claim parser.

It finds every numeric expression in a normalized text and reads it: value (scale applied),
printed precision, unit or classifier, approximation qualifier (kept as an interval, never
dropped), and a kind.  Numbers that are not statistics (years, dates, ordinals, hotlines, codes,
durations) are labelled so that nothing downstream pairs them.

Design: one compiled pattern per language finds candidates in a single pass; small anchored
look-ups around each candidate (prefix qualifier, date, code) decide the rest, so the cost is
one regex scan plus a little Python per number.  All words come from ``rules/<lang>/lexicon.toml``.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from fractions import Fraction
from functools import cache, lru_cache

import regex

from checker.lexicon import Lexicon, load_lexicon
from checker.model import Mention
from checker.normalize import LineIndex, NormalizedText
from checker.numerals import (
    CN_BIG_UNITS,
    CN_DIGITS,
    CN_NUMERAL_CHARS,
    parse_chinese,
    parse_english,
    printed_decimals,
    significant_step,
)

MAX_DIGITS = 30  # a longer digit run is an identifier, not a quantity
ARABIC = r"(?a:\d)+(?:\.(?a:\d)+)?"  # ASCII digits only; (?a:\d) is twice as fast as [0-9] in `regex`
CN_NUM = (
    f"[{CN_NUMERAL_CHARS}](?:[{CN_NUMERAL_CHARS}]|点(?=[{''.join(CN_DIGITS)}]))*"
)
# (written so that `regex` does not pre-scan the whole text for a required "+": match stays O(1))
FORMULA = regex.compile(r"(?:[0-9]+\s?[+\uff0b]\s?)+(?:[0-9]+|[NnA-Za-z])(?![0-9%])")
PHONE = regex.compile(r"(?:0[0-9]{2,3}-[0-9]{7,8}|400-?[0-9]{3}-?[0-9]{4}|1[3-9][0-9]{9})(?![0-9])")
ZH_DATE = regex.compile(
    r"(?:(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月"
    r"(?:(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[日号])?"
    r"|(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[日号]|份|[底初末中]|上旬|中旬|下旬)?(?!份额)"
    r"|[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?![0-9])"
    r"|[0-9]{1,2}[:：][0-9]{2}(?![0-9])|[0-9]{1,2}时(?:[0-9]{1,2}分)?"
    r"|[0-9]{1,2}[.·][0-9]{1,2}(?=[”\"」]|特大|大案|地震|事件|专案|案件|行动)"
    r")"
)
ZH_YEAR = regex.compile(r"(?:1[89][0-9]{2}|20[0-9]{2}|[〇零一二三四五六七八九]{4})(?:年|(?=\s?[-—~至到]\s?(?:1[89]|20)[0-9]{2}年))")
EN_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
EN_DATE = regex.compile(
    rf"\b(?:{EN_MONTHS}\.?\s+[0-9]{{1,2}}(?:st|nd|rd|th)?(?:,?\s+[0-9]{{4}})?|[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{EN_MONTHS}\b(?:,?\s+[0-9]{{4}})?"
    rf"|{EN_MONTHS}\s+[0-9]{{4}}|[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}|[0-9]{{1,2}}/[0-9]{{1,2}}/[0-9]{{2,4}}|[0-9]{{1,2}}:[0-9]{{2}}(?:\s?[ap]\.?m\.?)?)(?![\w])",
    regex.IGNORECASE,
)
#: the end of a span of years after its first year: "2023-24", "2019/20", "2024–2028"
EN_YEAR_SPAN = regex.compile(r"[-–/]((?:1[89]|20)?[0-9]{2})(?![0-9%])")
EN_YEAR_SPAN_HEAD = regex.compile(r"(?:1[89]|20)[0-9]{2}[-–/]\Z")


def _year_span(first: int, end: str) -> bool:
    """``end`` closes a span of years begun by ``first``: "2023-24" (24 → 2024, "1999-00" → 2000) or
    "2024-2028", at most ten years long."""
    last = int(end) if len(end) == 4 else first - first % 100 + int(end)
    if len(end) == 2 and last < first:
        last += 100
    return 0 < last - first <= 10


PAGE_LINE_HEAD = regex.compile(r"(?m)^[ \t]*([-—])[ \t]*\Z")  # searched in a window ending at the digits
PAGE_LINE_TAIL = regex.compile(r"[ \t]*[-—](?=[ \t]*(?:\r?\n|\Z))")
ZH_PAGE_TAIL = regex.compile(r"[ \t]?页(?:[ \t]*[,/]?[ \t]*共[ \t]?[0-9]+[ \t]?页)?")
EN_PAGE_HEAD = regex.compile(r"(?i)\b(?:pages?|pp?\.)[ \t]?\Z")  # searched in a window ending at the digits
EN_PAGE_TAIL = regex.compile(r"(?i)(?:[ \t]?(?:-|to)[ \t]?[0-9]{1,4}\b|[ \t]+of[ \t]+[0-9]{1,4}\b)?")
_DATE_NEXT = frozenset("年月-/.:：时·")  # a character after the digits that can continue a date
_YEAR_NEXT = frozenset("年-—~至到")
# After "12.5" a ZH_DATE match must continue with one of these ("2024.5.1", "7.20特大"); after "3." it cannot
# match at all (a digit after the dot would have been read into the number)
_DATE_AFTER_DECIMAL = frozenset("-/.”\"」特大地事专案行")


def _scaled_fraction(literal: str, scale: int = 1) -> Fraction:
    """Fraction(literal) times ``scale`` (12.5 with 万 → 125000): Fraction arithmetic is slow, so cached."""
    value = Fraction(literal)
    return value * scale if scale != 1 else value


def _date_possible(text: str, c: str, ni: int, dot: int, j: int, n_end: int) -> bool:
    """False when ZH_DATE cannot match at an Arabic number with ``ni`` integer digits followed by ``c``.

    Its alternatives start with \\d{1,2} or \\d{4}; after a decimal ("12.5") only "2024.5.1" or
    "7.20特大" continue a date, after "3." nothing does; "2024年" needs a month number after 年.
    """
    if ni > 2 and ni != 4:
        return False
    if c == ".":
        return dot >= 0 and text[n_end : n_end + 1] in _DATE_AFTER_DECIMAL
    if c == "年":
        nxt = text[j + 1 : j + 2]
        if nxt < "\x80" and not ("0" <= nxt <= "9"):  # ASCII other than a digit, or the end
            return False
        if "\u4e00" <= nxt <= "\u9fff" and nxt not in "一二三四五六七八九十":  # an ideograph is never \\d
            return False
    return True


_fraction = lru_cache(maxsize=4096)(_scaled_fraction)  # the same literals ("1", "2", "100") recur
_NINE_TENTHS = Fraction(9, 10)
_ELEVEN_TENTHS = Fraction(11, 10)
_chinese = lru_cache(maxsize=4096)(parse_chinese)
RANGE_JOINERS = {"至", "到", "-", "~", "～", "—", "–", "－", "—", "to", "and"}


def _matches_at(pattern, starts, text: str):
    """The matches of ``pattern.finditer(text)``, trying the pattern only where ``starts`` matches.

    ``starts`` must find every position where a match of ``pattern`` can begin; the matches are then
    the same (left to right, non-overlapping, the search resuming at each match's end).
    """
    resume = 0
    match = pattern.match
    for c in starts.finditer(text):
        p = c.start()
        if p < resume:
            continue
        m = match(text, p)
        if m is not None:
            resume = m.end()
            yield m


def _page_line(text: str, s: int, e: int, literal: str) -> tuple[int, int] | None:
    """The span of a page footer "- 12 -" standing alone on its line, or None."""
    if len(literal) > 4 or not literal.isdigit():
        return None
    head = PAGE_LINE_HEAD.search(text, max(0, s - 8), s)
    if head is None:
        return None
    tail = PAGE_LINE_TAIL.match(text, e)
    return (head.start(1), tail.end()) if tail else None


def _joins(text: str, prev_end: int, s: int) -> bool:
    """Whether the "-" before ``s`` follows the previous number (3-5%, 3 -5): a range, not a sign."""
    return prev_end >= 0 and s - 1 - prev_end <= 2 and not text[prev_end : s - 1].strip()


def _is_sign(text: str, s: int, sign_after: frozenset[str]) -> bool:
    """Whether the "-" or "+" at ``s - 1`` is the sign of the number at ``s`` (not a hyphen or a range).

    It is a sign at the start of the text, after a space or punctuation, or after one of the
    lexicon's ``sign_after`` characters (增长-3.2%); not after a digit, a letter, "%" or ".".
    """
    if s < 2:
        return True
    ch = text[s - 2]
    if ch in sign_after:
        return True
    return not ch.isalnum() and ch not in ".%‰-+"


def _alternation(words) -> str:
    """A regex alternation, longest first so that 个百分点 wins over 个."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _literal_trie(words, chars=()) -> str:
    """The alternation ``[chars]|w1|w2...`` (longest first) as a trie, behind a first-character check.

    It matches exactly what the flat alternation matches (the longest word that fits: each node tries
    its longer continuations before stopping), but fails at once on an unlikely first character and
    does not retry every word, which makes the main Chinese pattern noticeably cheaper per match.
    """
    root: dict = {}
    for w in set(words):
        if not w:
            continue
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        alts = [regex.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    firsts = {w[0] for w in words if w} | set(chars)
    lead = "[" + "".join(regex.escape(ch) for ch in sorted(firsts)) + "]"
    alts = ([f"[{''.join(regex.escape(c) for c in chars)}]"] if chars else []) + ([emit(root)] if root else [])
    return f"(?={lead})(?:{'|'.join(alts)})"


class _Base:
    """Shared mechanics: build a Mention and apply a qualifier's meaning as an interval."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    @staticmethod
    def interval(value: Fraction, step: Fraction, qualifier: str | None, infix: bool):
        """(low, high) a writer can mean by ``value`` with ``qualifier``.

        余/多 on a count ("2000多", "2万余") run up to the next step of the last printed digit;
        "more than"/"以上" are open above; "nearly" is just under; "about" is ±10%.
        """
        if qualifier is None:
            return value, value
        if qualifier == "more_than":
            return value, (value + step if infix else None)
        if qualifier == "at_least":
            return value, None
        if qualifier == "nearly":  # just under the value's size (for a negative value: just above it)
            return (value * _NINE_TENTHS, value) if value >= 0 else (value, value * _NINE_TENTHS)
        if qualifier == "about":
            lo, hi = value * _NINE_TENTHS, value * _ELEVEN_TENTHS
            return (lo, hi) if value >= 0 else (hi, lo)
        if qualifier == "less_than":
            return None, value
        return None, value  # at_most

    @staticmethod
    def label(norm: NormalizedText, lines: LineIndex, s: int, e: int, kind: str, label: str | None = None,
              value: Fraction | None = None, literal: str = "", unit: str | None = None) -> Mention:
        os_, oe = norm.span_to_original(s, e)
        line, col = lines.position(os_)
        return Mention(norm.original[os_:oe], os_, oe, kind, value, value, value, literal, 0, 1, unit, None, label,
                       False, line, col, s, e)

    @staticmethod
    def make(norm: NormalizedText, lines: LineIndex, s: int, e: int, **fields) -> Mention:
        os_, oe = norm.span_to_original(s, e)
        line, col = lines.position(os_)
        return Mention(text=norm.original[os_:oe], start=os_, end=oe, line=line, column=col, nstart=s, nend=e,
                       **fields)


class ChineseLexer(_Base):
    """Lexer for Chinese text (Arabic and Chinese numerals, 万/亿 scales, classifiers).

    Speed: this runs once per number in every article, so the common case (a number followed by a
    classifier) must cost only the one regex match plus a few dictionary look-ups.  The anchored
    patterns for dates, years, phones and formulas run only when the character after the digits
    can start one; the idiom list is consulted only for a Chinese numeral about to be reported.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        lx = lexicon
        units = list(lx.percent_units) + list(lx.money_units) + list(lx.measure_units) + list(lx.duration_units)
        units += list(lx.count_units)
        units = [u for u in units if u not in ("%", "‰")]
        # A scale word is not one when it starts a unit that is not scale + unit (3.2百分点, 5千瓦时)
        unit_set = set(units)
        not_scale = {u[len(sc):] for u in units for sc in lx.scales if u.startswith(sc) and u[len(sc):] not in unit_set}
        scales = f"(?:{_alternation(lx.scales)})" + (f"(?!{_alternation(not_scale)})" if not_scale else "")
        infix = _alternation(lx.infix_qualifiers)
        self.pattern = regex.compile(
            rf"(?P<pw>百分之|千分之)(?P<pn>{CN_NUM}|{ARABIC})"
            rf"|(?P<n>{ARABIC}|{CN_NUM})(?P<inf1>{infix})?(?P<sc>{scales})?(?P<inf2>余|多)?"
            rf"(?:(?P<gap>[ \t]*(?:\n[ \t]*){{0,2}})(?P<ge>个(?P<inf3>多|余|半)?(?=小时|工作日|星期|月))?"
            rf"(?P<u>{_literal_trie(units, ('%', '‰'))}))?"
        )
        self.prefixes = lx.prefix_qualifiers
        self.prefix_lengths = sorted({len(w) for w in self.prefixes}, reverse=True)
        self.prefix_last = frozenset(w[-1] for w in self.prefixes)
        self.suffix = regex.compile(_alternation(lx.suffix_qualifiers))
        self.suffix_first = frozenset(w[0] for w in lx.suffix_qualifiers)
        self.code_noun = regex.compile(r"\s?(?:" + _alternation(lx.code_nouns) + ")")
        self.code_noun_first = frozenset(w[0] for w in lx.code_nouns)
        self.idiom = regex.compile(_alternation(lx.idioms))
        self.idiom_max = max((len(w) for w in lx.idioms), default=1)
        # Every idiom covering an offset s contains text[s-1:s+1] or text[s:s+2] (all idioms have two
        # characters or more): a cheap test that rules the scan out for most numerals.
        self.idiom_bigrams = (frozenset(w[i : i + 2] for w in lx.idioms for i in range(len(w) - 1))
                              if all(len(w) >= 2 for w in lx.idioms) else None)
        self.count_units = frozenset(lx.count_units)
        self.not_before = dict(lx.unit_not_before or {})
        self.sign_after = frozenset(lx.sign_after)
        self.scales = lx.scales
        self.infix_qualifiers = lx.infix_qualifiers
        self.suffix_qualifiers = lx.suffix_qualifiers
        self.period_units = frozenset(lx.period_units)
        # unit → (kind, pint unit, scale carried by the unit); 成 depends on what follows (see _kind_of)
        self.unit_info = {u: self._kind_of(u, "", 0) for u in units + ["%", "‰"] if u != "成"}
        self._plain_before: dict[str, bool] = {}

    def scan(self, norm: NormalizedText, lines: LineIndex) -> list[Mention]:
        text = norm.text
        out: list[Mention] = []
        append = out.append
        read = self._read
        skip_until = 0
        for m in self.pattern.finditer(text):
            if m.start() < skip_until:
                continue
            mention, end = read(m, text, norm, lines, skip_until)
            if mention is not None:
                append(mention)
                skip_until = end
        return out

    def _idiom_end(self, text: str, s: int) -> int:
        """End of a fixed expression (一站式, 千家万户 ...) covering offset ``s``, or -1."""
        bigrams = self.idiom_bigrams
        if bigrams is not None and text[s : s + 2] not in bigrams and (not s or text[s - 1 : s + 1] not in bigrams):
            return -1
        for im in self.idiom.finditer(text, max(0, s - self.idiom_max + 1), s + self.idiom_max, overlapped=True):
            if im.start() > s:
                return -1
            if im.end() > s:
                return im.end()
        return -1

    def _in_idiom(self, text: str, s: int) -> bool:
        return self._idiom_end(text, s) >= 0

    def _plain(self, ch: str) -> bool:
        """Whether ``ch`` before a number leaves its reading alone (no sign, prefix, 第, quote, code...)."""
        plain = not (ch.isdigit() or ch == "." or (ch.isascii() and ch.isalpha()) or ch in "-+—" or ch == " "
                     or ch == "\t" or ch in self.prefix_last or ch == "第" or ch in "“\"「'‘")
        self._plain_before[ch] = plain
        return plain

    def _read(self, m, text: str, norm: NormalizedText, lines: LineIndex, prev_end: int):
        """Read one match: the common case inline, anything unusual in ``_read_full``.

        The fast path applies when the character before the number is "plain" (see ``_plain``): no
        sign, prefix qualifier, 第, quote or identifier can then be involved, so those branches of
        ``_read_full`` are skipped.  Whenever a date, year, phone, formula or code could be read, the
        match goes to ``_read_full``, which is the reference behaviour.
        """
        groups = m.groups()
        pw, _pn, literal, inf1, sc, inf2, gap, _ge, inf3, unit = groups
        if pw:
            return self._percent_word(m, norm, lines)
        s = m.start()
        before = text[s - 1] if s else "\n"
        plain = self._plain_before.get(before)
        if plain is None:
            plain = self._plain(before)
        e = m.end()
        n_end = s + len(literal)
        arabic = literal[0].isdigit()
        if not plain:
            # A space or tab before changes nothing either, unless 第 precedes it or the number is a page
            # footer ("- 12 -"): a space is never a sign, prefix or quote.
            if not ((before == " " or before == "\t") and text[s - 2 : s - 1] != "第"
                    and not (arabic and _page_line(text, s, n_end, literal))):
                return self._read_full(m, text, norm, lines, prev_end, groups)
        if arabic:
            dot = literal.find(".")
            j = n_end if dot < 0 else s + dot  # end of the integer digits
            ni = j - s
            c = text[j : j + 1]
            if (c == "+" or (c.isspace() and (ni == 4 or text[j + 1 : j + 2] == "+")) or (c == "-" and literal[0] == "0")
                    or ni == 11 or literal[0] == "0" or len(literal) > MAX_DIGITS or literal.startswith("400")):
                return self._read_full(m, text, norm, lines, prev_end, groups)
            if ni == 4 and c in _YEAR_NEXT:  # 2024年: a year (or a date, read in full)
                if c in _DATE_NEXT and _date_possible(text, c, ni, dot, j, n_end) and ZH_DATE.match(text, s):
                    return self._read_full(m, text, norm, lines, prev_end, groups)
                year = ZH_YEAR.match(text, s)
                if year is None:
                    return self._read_full(m, text, norm, lines, prev_end, groups)
                return self.label(norm, lines, s, year.end(), "year", value=Fraction(int(literal[:4])),
                                  literal=literal), year.end()
            # ZH_DATE can only match after 1-2 or 4 integer digits (its alternatives start \d{1,2} or \d{4})
            if c in _DATE_NEXT and _date_possible(text, c, j - s, dot, j, n_end) and ZH_DATE.match(text, s):
                return self._read_full(m, text, norm, lines, prev_end, groups)
            if not unit:
                after = text[e : e + 1]
                if after.isascii() and after.isalpha():
                    return self._read_full(m, text, norm, lines, prev_end, groups)
            base = _fraction(literal)
        else:
            c = text[n_end : n_end + 1]
            if c == "年" or c == "月" or (len(literal) == 4 and (c in _YEAR_NEXT or c.isspace())):
                return self._read_full(m, text, norm, lines, prev_end, groups)
            if unit is None and sc is None and inf1 is None and inf2 is None:
                # no unit, scale or qualifier: a Chinese numeral is then only ever a label (12345热线)
                if c in self.code_noun_first or c.isspace():
                    return self._read_full(m, text, norm, lines, prev_end, groups)
                return None, s
            base = _chinese(literal)
            if base is None:
                return None, s

        unit, end, infix_word, qualifier, base, scale, step_literal = self._shape(
            text, e, n_end, literal, arabic, base, gap, unit, inf1, sc, inf2, inf3)
        # a plain character before: no prefix qualifier, sign, 第 or quote, so the number starts at s
        return self._classify(m, text, norm, lines, s, e, s, end, before, literal, arabic, arabic, base, unit, sc, gap,
                              qualifier, infix_word, scale, step_literal, inf3)

    def _read_full(self, m, text: str, norm: NormalizedText, lines: LineIndex, prev_end: int, groups=None):
        pw, _pn, literal, inf1, sc, inf2, gap, _ge, inf3, unit = groups if groups is not None else m.groups()
        s, e = m.span()
        if pw:
            return self._percent_word(m, norm, lines)
        before = text[s - 1] if s else "\n"  # the start of the text reads like the start of a line
        n_end = s + len(literal)
        arabic = literal[0].isdigit()
        lead = s  # where the number starts, its sign included
        if arabic:
            if before.isdigit() or before == "." or (before.isascii() and before.isalpha()):
                return self.label(norm, lines, s, e, "code", "identifier", literal=literal), e
            if before in "-+—" or before == " " or before == "\t":
                if before == "-" and s >= 2 and text[s - 2].isascii() and text[s - 2].isalpha():  # COVID-19
                    return self.label(norm, lines, s, n_end, "code", "identifier", literal=literal), n_end
                page = _page_line(text, s, n_end, literal)
                if page:
                    return self.label(norm, lines, page[0], page[1], "code", "page", literal=literal), page[1]
                if before != " " and before != "\t" and before != "—" and not _joins(text, prev_end, s) and _is_sign(
                        text, s, self.sign_after):
                    lead = s - 1
                    before = text[s - 2] if s >= 2 else "\n"
            dot = literal.find(".")
            j = n_end if dot < 0 else s + dot  # end of the integer digits
            if lead < s:
                literal = text[lead] + literal  # the sign is printed: it belongs to the literal
            c = text[j : j + 1]
            if c == "+" or (c.isspace() and text[j + 1 : j + 2] == "+"):
                formula = FORMULA.match(text, s)
                if formula:
                    return self.label(norm, lines, s, formula.end(), "code", "formula", literal=formula.group()), formula.end()
            if c in _DATE_NEXT and _date_possible(text, c, j - s, dot, j, n_end):
                date = ZH_DATE.match(text, s)
                if date:
                    return self.label(norm, lines, s, date.end(), "date", literal=date.group()), date.end()
            if j - s == 4 and (c in _YEAR_NEXT or c.isspace()):
                year = ZH_YEAR.match(text, s)
                if year:
                    return self.label(norm, lines, s, year.end(), "year", value=Fraction(int(literal[:4])),
                                      literal=literal), year.end()
            if (c == "-" and literal[0] == "0") or j - s == 11 or literal.startswith("400"):
                phone = PHONE.match(text, s)
                if phone:
                    return self.label(norm, lines, s, phone.end(), "code", "phone", literal=phone.group()), phone.end()
            if literal[0] == "0" and literal[1:2].isdigit():  # 0086, 007号: a code, not a quantity
                return self.label(norm, lines, s, n_end, "code", "identifier", literal=literal), n_end
            after = text[e : e + 1]
            if after.isascii() and after.isalpha() and not unit:
                return self.label(norm, lines, s, e, "code", "identifier", literal=literal), e
            if len(literal) > MAX_DIGITS:
                return self.label(norm, lines, s, e, "code", "digit run", literal=literal[:MAX_DIGITS] + "…"), e
            base = _fraction(literal)
        else:
            c = text[n_end : n_end + 1]
            if c == "年" or c == "月" or (len(literal) == 4 and (c in _YEAR_NEXT or c.isspace())):
                date = ZH_DATE.match(text, s)
                if date:
                    if self._in_idiom(text, s):
                        return None, s
                    return self.label(norm, lines, s, date.end(), "date", literal=date.group()), date.end()
                year = ZH_YEAR.match(text, s)
                if year:
                    if self._in_idiom(text, s):
                        return None, s
                    return self.label(norm, lines, s, year.end(), "year", value=parse_chinese(literal[:4]),
                                      literal=literal), year.end()
            base = _chinese(literal)
            if base is None:
                return None, s

        unit, end, infix_word, qualifier, base, scale, step_literal = self._shape(
            text, e, n_end, literal, arabic, base, gap, unit, inf1, sc, inf2, inf3)
        # Prefix qualifier (约, 近, 超过 ...), included in the span the user sees.
        start = lead
        if before in self.prefix_last:
            prefixes = self.prefixes
            for length in self.prefix_lengths:
                word = text[lead - length : lead] if lead >= length else ""
                if word in prefixes:
                    found = prefixes[word]
                    if qualifier is None or found == "more_than":
                        qualifier = found
                    start = lead - length
                    break

        # Page numbers (第3页, 第 3 页 共 10 页) and ordinals (第16个)
        if before == "第" or (before in " \t" and text[s - 2 : s - 1] == "第"):
            tail = ZH_PAGE_TAIL.match(text, n_end)
            if tail and (arabic or not self._in_idiom(text, s)):
                first = s - 1 if before == "第" else s - 2
                return self.label(norm, lines, first, tail.end(), "code", "page", literal=literal), tail.end()
        if before == "第" or text[start - 1 : start] == "第":
            if not arabic and self._in_idiom(text, s):
                return None, s
            return self.label(norm, lines, s - 1, end, "ordinal", value=base * scale, literal=literal, unit=unit), end

        return self._classify(m, text, norm, lines, s, e, start, end, before, literal, arabic, False, base, unit, sc, gap,
                              qualifier, infix_word, scale, step_literal, inf3)

    def _shape(self, text: str, e: int, n_end: int, literal: str, arabic: bool, base: Fraction, gap: str | None,
               unit: str | None, inf1: str | None, sc: str | None, inf2: str | None, inf3: str | None):
        """Unit, end, infix qualifier and scale of a matched number (both read paths share this).

        Returns (unit, end, infix word, qualifier, base, scale, literal of the printed step).
        """
        if unit:
            if gap and len(gap) > 1 and "\n" not in gap and gap.strip() == "":
                unit = None
            else:
                not_before = self.not_before.get(unit)
                if not_before and text[e : e + 1] and text[e] in not_before:
                    unit = None  # 双11期间: the classifier is the start of another word
        if unit:
            end = e
        else:  # n, inf1, sc, inf2 are consecutive groups: the end of the last one present
            end = n_end + len(inf1 or "") + len(sc or "") + len(inf2 or "")
        infix_word = inf1 or inf2 or inf3
        qualifier = self.infix_qualifiers.get(infix_word) if infix_word else None
        if inf3 == "半":
            base += Fraction(1, 2)
            qualifier = None
        scale = self.scales[sc] if sc else 1
        step_literal = literal
        if not arabic and literal[-1] in CN_BIG_UNITS and len(literal) > 1:
            scale = CN_BIG_UNITS[literal[-1]]
            step_literal = literal[:-1]
            base = base / scale
        return unit, end, infix_word, qualifier, base, scale, step_literal

    def _classify(self, m, text: str, norm: NormalizedText, lines: LineIndex, s: int, e: int, start: int, end: int,
                  before: str, literal: str, arabic: bool, exact_literal: bool, base: Fraction, unit: str | None,
                  sc: str | None, gap: str | None, qualifier: str | None, infix_word: str | None, scale: int,
                  step_literal: str, inf3: str | None):
        """Kind from the unit, labels (12345热线, a number alone in quotes), the rule that a Chinese
        numeral needs a unit, scale or qualifier, then the shared completion."""
        if unit is None:
            kind, pint_unit, unit_scale = None, None, 1
        elif unit in self.unit_info:
            kind, pint_unit, unit_scale = self.unit_info[unit]
        else:
            kind, pint_unit, unit_scale = self._kind_of(unit, text, end)
        if unit == "成" and kind is None:
            unit, end = None, (m.start("gap") if gap is not None else end)
            kind = None
        if kind is None:
            kind = "count"
            if unit is not None and unit not in self.count_units:
                unit = None
        # A unit-less number followed by a code noun (12345热线, 1171体系) or alone in quotes is a label.
        if unit is None and sc is None:
            nxt = text[end : end + 1]
            if ((nxt in self.code_noun_first or nxt.isspace()) and self.code_noun.match(text, end)) or (
                    before in "“\"「'‘" and nxt in "”\"」'’" and nxt):
                if not arabic and self._in_idiom(text, s):
                    return None, s
                return self.label(norm, lines, s, end, "code", "label", literal=literal), end
        # A Chinese numeral is a statistic only with a unit, a scale or a qualifier.
        if not arabic:
            if unit is None and sc is None and qualifier is None:
                return None, s
            if qualifier is None and (literal in ("百", "千", "万", "亿") or literal in CN_BIG_UNITS):
                return None, s
            idiom_end = self._idiom_end(text, s)
            # 每万人 is a rate's base, but 逾千人 / 近万人 (a qualifier, the idiom ending with the unit) count
            if idiom_end >= 0 and not (start < s and unit and idiom_end <= e):
                return None, s
        return self._complete(norm, lines, text, start, end, literal, arabic, exact_literal, base, unit, kind, qualifier,
                              infix_word, scale, unit_scale, pint_unit, step_literal, inf3)

    def _complete(self, norm: NormalizedText, lines: LineIndex, text: str, start: int, end: int, literal: str,
                  arabic: bool, exact_literal: bool, base: Fraction, unit: str | None, kind: str,
                  qualifier: str | None, infix_word: str | None, scale: int, unit_scale: int, pint_unit: str | None,
                  step_literal: str, inf3: str | None):
        """The part every Chinese number shares once its unit and kind are known: suffix qualifiers,
        printed precision, value, interval and the Mention with its original span.

        ``exact_literal`` says the value is the literal times the scale (no sign, no 半), so the
        cached Fraction of the literal can be used.
        """
        # 近8年 = "the last eight years": not an approximation.
        if kind == "duration" and qualifier == "nearly" and unit in self.period_units:
            qualifier = None
        infix = bool(infix_word)
        if text[end : end + 1] in self.suffix_first:
            suffix = self.suffix.match(text, end)
            if suffix:
                word = suffix.group()
                if word == "多" or word == "余":
                    infix = True
                    if not unit:
                        if qualifier is None:
                            qualifier = self.suffix_qualifiers[word]
                        end = suffix.end()
                else:
                    if qualifier is None or word == "以上":
                        qualifier = self.suffix_qualifiers[word]
                    end = suffix.end()
        cheng = unit == "成"
        if cheng:
            base *= 10
        point = literal.find("." if arabic else "点")
        decimals = len(literal) - point - 1 if point >= 0 else 0
        if cheng and kind == "percent":
            decimals = max(decimals - 1, 0)
        k = scale * unit_scale
        if exact_literal and not cheng and inf3 != "半":
            value = _fraction(literal, k)  # == base * k, cached per literal
        else:
            value = base * k if k != 1 else base
        if qualifier is None:
            low = high = value
        else:
            step = significant_step(step_literal) * k * (10 if cheng else 1) if qualifier == "more_than" else 1
            low, high = self.interval(value, step, qualifier, infix=infix)
        if kind == "money":
            shown_unit = unit[1:] if unit and len(unit) > 1 and unit[0] in "万亿千" else unit  # 万元 → 元, 万美元 → 美元
        else:
            shown_unit = "%" if cheng and kind == "percent" else unit
        if len(norm._norm_starts) == 1:
            os_, oe = start, end
        else:
            os_, oe = norm.span_to_original(start, end)
        line_starts = getattr(lines, "_starts", None)
        if line_starts is not None:
            line = bisect_right(line_starts, os_)
            column = os_ - line_starts[line - 1] + 1
        else:  # a converted document: the source file's line and column (checker.readers.locate)
            line, column = lines.position(os_)
        return Mention(norm.original[os_:oe], os_, oe, kind, value, low, high, literal, decimals, k, shown_unit,
                       qualifier, pint_unit, False, line, column, start, end), end


    def _percent_word(self, m, norm, lines):
        literal = m.group("pn")
        value = Fraction(literal) if literal[0].isdigit() else parse_chinese(literal)
        if value is None:
            return None, m.start()
        kind = "percent" if m.group("pw") == "百分之" else "per_mille"
        s, e = m.span()
        start, qualifier = s, None
        for length in self.prefix_lengths:
            word = norm.text[s - length : s] if s >= length else ""
            if word in self.prefixes:
                qualifier, start = self.prefixes[word], s - length
                break
        suffix = self.suffix.match(norm.text, e)
        if suffix and suffix.group() not in ("多", "余"):
            qualifier, e = self.lex.suffix_qualifiers[suffix.group()], suffix.end()
        low, high = self.interval(value, Fraction(1), qualifier, infix=False)
        return self.make(norm, lines, start, e, kind=kind, value=value, low=low, high=high, literal=literal,
                         decimals=printed_decimals(literal), unit="%" if kind == "percent" else "‰",
                         qualifier=qualifier), e

    def _kind_of(self, unit: str | None, text: str, end: int) -> tuple[str | None, str | None, int]:
        """(kind, pint unit name, scale carried by the unit) for a unit word."""
        lx = self.lex
        if unit is None:
            return None, None, 1
        if unit in ("%", "％"):
            return "percent", None, 1
        if unit == "‰":
            return "per_mille", None, 1
        if unit in lx.percent_units:
            if unit == "成" and text[end : end + 1] and text[end] in lx.cheng_not_before:
                return None, None, 1
            return lx.percent_units[unit], None, 1
        if unit in lx.money_units:
            currency, scale = lx.money_units[unit]
            return "money", currency, scale
        if unit in lx.measure_units:
            return "measure", lx.measure_units[unit], 1
        if unit in lx.duration_units:
            return "duration", lx.duration_units[unit], 1
        if unit == "月":
            return "duration", "month", 1
        return "count", None, 1


class EnglishLexer(_Base):
    """Lexer for English text (digits, spelled-out numbers, fractions, million/billion, percent)."""

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(lexicon)
        lx = lexicon
        word = _alternation(w for w in lx.words)
        wordnum = rf"(?:(?:a|an)\s+(?=dozen|hundred|thousand))?(?:{word})(?:(?:-|\s+and\s+|\s+)(?:{word}))*"
        frac_den = _alternation(lx.fraction_words)
        small = _alternation(w for w, v in lx.words.items() if 1 <= v <= 10)
        units = list(lx.percent_units) + list(lx.money_units) + list(lx.measure_units) + list(lx.duration_units)
        units += list(lx.count_units)
        self.pattern = regex.compile(
            rf"(?P<mw>\b(?:{_alternation(lx.multiple_words)})\b)"
            rf"|(?P<half>\bhalf\s+an?\s+(?P<hsc>thousand|million|billion)\b)"
            rf"|(?P<halfw>\bhalf(?=\s+(?:of|the|its|their|our|his|her|these|those|all)\b))"
            rf"|(?P<frac>\b(?P<fn>a|an|{small})[- ](?P<fd>{frac_den})\b)"
            rf"|(?P<cur>US\$|\$|¥|€|£|(?:RMB|USD|CNY)\s?)?"
            rf"(?:(?P<n>(?<![\w.]){ARABIC})|(?P<w>\b{wordnum}\b))"
            rf"(?P<ord>(?:st|nd|rd|th)\b)?"
            rf"(?:\s+in\s+(?P<den>[0-9]{{1,3}}|{small})\b)?"
            rf"(?:\s?(?P<sc>thousand|million|billion|trillion)\b|(?P<sca>k|m|mn|bn|tn)\b|\s(?P<scm>mln|bln)\b)?"
            rf"(?:(?P<gap>\s?)(?P<u>%|‰|-fold\b|(?:{_alternation(u for u in units if u not in ('%', '‰', '-fold'))})\b))?",
            regex.IGNORECASE,
        )
        self.prefix = regex.compile(r"\b(?:" + _alternation(lx.prefix_qualifiers) + r")\s+$", regex.IGNORECASE)
        self.suffix = regex.compile(r"\s+(?:" + _alternation(lx.suffix_qualifiers) + r")\b", regex.IGNORECASE)
        self.code_noun = regex.compile(r"\s(?:" + _alternation(lx.code_nouns) + r")\b", regex.IGNORECASE)
        self.rate_base_before = regex.compile(lx.rate_base_before) if lx.rate_base_before else None
        self.label_before = regex.compile(lx.label_before) if lx.label_before else None
        self.points_compound = regex.compile(lx.points_compound, regex.IGNORECASE) if lx.points_compound else None
        self.age_before = regex.compile(lx.age_before) if lx.age_before else None
        self.age_list_before = regex.compile(lx.age_list_before) if lx.age_list_before else None
        self.age_range_after = regex.compile(lx.age_range_after) if lx.age_range_after else None
        self.idiom = regex.compile(r"\b(?:" + _alternation(lx.idioms) + r")\b", regex.IGNORECASE)
        self.year_context = regex.compile(
            r"\b(?:in|since|by|from|until|till|before|after|during|year|fiscal|fy|through|early|late|mid)\W*\Z",
            regex.IGNORECASE,
        )
        self.count_units = frozenset(u.lower() for u in lx.count_units)
        self.particle_verb = regex.compile(lx.particle_verb, regex.IGNORECASE) if lx.particle_verb else None
        # Where a match of ``pattern`` can start: a digit run, a currency sign, or a word that can
        # open one of its alternatives.  Trying the (large) pattern only there is about twice as fast
        # as letting the regex engine try it at every character, with the same matches.
        leads = {*lx.words, *lx.multiple_words, "a", "an", "half"}
        self.starts = regex.compile(rf"(?a:\d)+|[$¥€£]|US\$|RMB|USD|CNY|\b(?:{_alternation(leads)})\b", regex.IGNORECASE)

    def scan(self, norm: NormalizedText, lines: LineIndex) -> list[Mention]:
        text = norm.text
        blocked: list[tuple[int, int]] = []
        out: list[Mention] = []
        for d in EN_DATE.finditer(text):
            if any(ch.isdigit() for ch in d.group()):
                out.append(self.label(norm, lines, d.start(), d.end(), "date", literal=d.group()))
                blocked.append(d.span())
        for i in self.idiom.finditer(text):
            blocked.append(i.span())
        blocked.sort()
        starts = [b[0] for b in blocked]
        skip_until = 0
        for m in _matches_at(self.pattern, self.starts, text):
            s = m.start()
            k = bisect_right(starts, s) - 1
            if s < skip_until or (k >= 0 and blocked[k][1] > s):
                continue
            mention, end = self._read(m, norm, lines, skip_until)
            if mention is not None:
                out.append(mention)
                skip_until = end
        out.sort(key=lambda x: x.nstart)
        return out

    def _group_label(self, text: str, s: int, e: int, value: Fraction, literal: str, unit: str | None) -> str | None:
        """What a bare count at ``text[s:e]`` names instead of counting, from the words before it: a rate's
        base ("per 100,000"), a chapter or section ("Chapter 7"), an age ("ages 55 and older"); else None."""
        if self.rate_base_before is not None and value >= 100 and _power_of_ten(value) \
                and self.rate_base_before.search(text, max(0, s - 8), s):
            return "rate base"
        if unit is None and self.label_before is not None and literal.isdigit() \
                and self.label_before.search(text, max(0, s - 12), s):
            return "label"
        return "age" if self._is_age(text, s, e) else None

    def _is_age(self, text: str, s: int, e: int) -> bool:
        """"ages 55 and older", "aged 18 to 24", the 35 of "ages 18 to 34, 35 to 54": an age names a group."""
        if self.age_before is not None and self.age_before.search(text, max(0, s - 24), s):
            return True
        listed = self.age_list_before.search(text, max(0, s - 48), s) if self.age_list_before is not None else None
        return listed is not None and (listed.group("end") is not None or self.age_range_after is not None
                                       and self.age_range_after.match(text, e, e + 24) is not None)

    def _read(self, m, norm: NormalizedText, lines: LineIndex, prev_end: int = -1):
        text = norm.text
        lx = self.lex
        s, e = m.span()
        if m.group("w") and not (m.group("u") or m.group("sc")) and text[e : e + 1] == "-" and text[e + 1 : e + 2].isalpha():
            return None, e  # "the seven-county area", "a three-year plan": a compound adjective, no quantity
        if m.group("mw"):
            value = Fraction(lx.multiple_words[m.group("mw").lower()])
            return self.make(norm, lines, s, e, kind="multiple", value=value, low=value, high=value,
                             literal=m.group("mw"), unit="times"), e
        if m.group("half"):
            scale = lx.scales[m.group("hsc").lower()]
            value = Fraction(scale, 2)
            return self._finish(m, norm, lines, s, e, "count", value, "half", scale, None, None)
        if m.group("halfw"):
            return self._finish(m, norm, lines, s, e, "fraction", Fraction(1, 2), "half", 1, None, None)
        if m.group("frac"):
            num = m.group("fn").lower()
            numerator = 1 if num in ("a", "an") else lx.words[num]
            value = Fraction(numerator, lx.fraction_words[m.group("fd").lower()])
            return self._finish(m, norm, lines, s, e, "fraction", value, m.group("frac"), 1, None, None)
        literal = m.group("n") or m.group("w")
        lead = s  # where the number starts, its sign included
        if m.group("n"):
            before = text[s - 1] if s else "\n"
            if before in " \t.-—" and not m.group("cur"):
                page = _page_line(text, s, m.end("n"), literal)
                if page:
                    return self.label(norm, lines, page[0], page[1], "code", "page", literal=literal), page[1]
                head = EN_PAGE_HEAD.search(text, max(0, s - 7), s)
                if head:
                    tail = EN_PAGE_TAIL.match(text, m.end("n"))
                    return self.label(norm, lines, head.start(), tail.end(), "code", "page", literal=literal), tail.end()
            if (before == "-" or before == "+") and not m.group("cur") and not _joins(text, prev_end, s) and _is_sign(
                    text, s, frozenset()):
                lead = s - 1
            formula = FORMULA.match(text, s)
            if formula:
                return self.label(norm, lines, s, formula.end(), "code", "formula", literal=formula.group()), formula.end()
            phone = PHONE.match(text, s)
            if phone and len(phone.group()) > 8:
                return self.label(norm, lines, s, phone.end(), "code", "phone", literal=phone.group()), phone.end()
            if len(literal) > MAX_DIGITS:
                return self.label(norm, lines, s, e, "code", "digit run", literal=literal[:MAX_DIGITS] + "…"), e
            if literal[0] == "0" and literal[1:2].isdigit():  # 555-0123, 007
                return self.label(norm, lines, s, m.end("n"), "code", "identifier", literal=literal), m.end("n")
            after = text[m.end("n") : m.end("n") + 1]
            points = self.points_compound.match(text, m.end("n")) if after == "-" and self.points_compound else None
            if points and not m.group("cur"):  # "an 11-point increase", "a 0.4-percentage-point drop"
                return self._finish(m, norm, lines, lead, points.end(), "percentage_points", _fraction(literal), literal,
                                    1, None, None)
            if (after.isalpha() or after == "-" and text[m.end("n") + 1 : m.end("n") + 2].isalpha()) and not (
                m.group("ord") or m.group("sca") or m.group("u") or m.group("sc")
            ):
                return self.label(norm, lines, s, m.end("n"), "code", "identifier", literal=literal), m.end("n")
            if text[s - 1 : s] == "-" and text[s - 2 : s - 1].isalpha():  # COVID-19, A-3
                return self.label(norm, lines, s, m.end("n"), "code", "identifier", literal=literal), m.end("n")
            base = _fraction(literal)
            if lead < s:
                literal = text[lead] + literal
                base = _fraction(literal)
        else:
            base = parse_english(regex.split(r"[\s-]+", literal.lower()))
            if base is None:
                return None, s
        if m.group("ord"):
            return self.label(norm, lines, s, m.end("ord"), "ordinal", value=base, literal=literal), m.end("ord")
        if m.group("den"):
            den = m.group("den")
            den_value = Fraction(den) if den.isdigit() else Fraction(lx.words[den.lower()])
            # "one in five", "1 in 4": a small whole over a larger one; "26 in 2023" is a count and a year
            if den_value and 0 < base < den_value and den_value <= 1000 and not (den.isdigit() and len(den) == 4):
                end = m.end("den")
                return self._finish(m, norm, lines, s, end, "fraction", base / den_value, literal, 1, None, None)
        scale_word = m.group("sc") or m.group("sca") or m.group("scm")
        scale = lx.scales[scale_word.lower()] if scale_word else 1
        unit = m.group("u")
        unit_l = unit.lower() if unit else None
        currency = lx.money_prefixes.get((m.group("cur") or "").strip().upper() or "") if m.group("cur") else None
        if m.group("cur") and currency is None:
            currency = lx.money_prefixes.get(m.group("cur").strip())
        kind, pint_unit = "count", None
        if unit_l in lx.percent_units or unit in ("%", "‰"):
            kind = lx.percent_units.get(unit_l, "percent" if unit == "%" else "per_mille")
        elif unit_l in lx.money_units:
            kind, pint_unit = "money", lx.money_units[unit_l][0]
        elif unit_l in lx.measure_units:
            kind, pint_unit = "measure", lx.measure_units[unit_l]
        elif unit_l in lx.duration_units:
            kind, pint_unit = "duration", lx.duration_units[unit_l]
        elif unit_l in self.count_units:
            unit = unit_l  # 300 cases, 1.2 million people
        if currency:
            kind, pint_unit = "money", currency
        end = e
        # A bare year: four digits 1900-2100, printed without a separator, no unit or scale ("2020
        # cases" is a count unless a year's preposition comes first: "in 2020 cases fell").
        if (m.group("n") and kind == "count" and not scale_word and not m.group("cur") and len(literal) == 4
                and literal.isdigit() and 1900 <= int(literal) <= 2100
                and (unit is None or self.year_context.search(text, max(0, s - 16), s))
                and "," not in norm.original[norm.to_original(s) : norm.to_original(e - 1) + 1]):
            # "2023-24", "2019/20", "2024-2028": a financial year or a span of years is one period label
            span = EN_YEAR_SPAN.match(text, m.end("n"))
            end = m.end("n")
            if span and _year_span(int(literal), span.group(1)):
                end = span.end()
            return self.label(norm, lines, s, end, "year", value=base, literal=literal), end
        if m.group("n") and kind == "count" and not scale_word and len(literal) == 2 and literal.isdigit() \
                and EN_YEAR_SPAN_HEAD.search(text, max(0, s - 5), s) and _year_span(int(text[s - 5 : s - 1]), literal):
            return self.label(norm, lines, s, m.end("n"), "year", value=base, literal=literal), m.end("n")  # FY2023-24
        if m.group("n") and kind == "count" and not scale_word and self.code_noun.match(text, m.end("n")):
            return self.label(norm, lines, s, m.end("n"), "code", "label", literal=literal), m.end("n")
        named = self._group_label(text, s, m.end("n"), base, literal, unit) \
            if m.group("n") and kind == "count" and not scale_word and not m.group("cur") else None
        if named:
            return self.label(norm, lines, s, m.end("n"), "code", named, value=base, literal=literal), m.end("n")
        if m.group("w") and not scale_word and not unit and base == 1 and literal.lower() in ("one", "a", "an"):
            return None, s  # "one" alone is an article or pronoun far more often than a count
        if unit is None and m.group("gap"):
            end = m.end("sca") if m.group("sca") else m.end("sc") if m.group("sc") else m.end("w") if m.group("w") else m.end("n")
        return self._finish(m, norm, lines, lead, end, kind, base * scale, literal, scale, unit, pint_unit)

    def _finish(self, m, norm, lines, s, end, kind, value, literal, scale, unit, pint_unit):
        text = norm.text
        start, qualifier = s, None
        prefix = self.prefix.search(text, max(0, s - 24), s)
        if prefix and self.particle_verb is not None \
                and self.particle_verb.search(text, max(0, prefix.start() - 24), prefix.start()) \
                and prefix.group().lower().startswith(("up", "down")):
            prefix = None  # "revised up to 0.4%", "moved down to": a verb's particle, no bound
        if prefix:
            word = regex.sub(r"\s+", " ", prefix.group().strip().lower())
            qualifier = self.lex.prefix_qualifiers.get(word)
            start = prefix.start()
        suffix = self.suffix.match(text, end)
        if suffix:
            word = regex.sub(r"\s+", " ", suffix.group().strip().lower())
            qualifier = self.lex.suffix_qualifiers.get(word, qualifier)
            end = suffix.end()
        digits = literal[1:2].isdigit() if literal[:1] in ("-", "+") else literal[:1].isdigit()
        step = significant_step(literal) * scale if digits else Fraction(scale)
        low, high = self.interval(value, step, qualifier, infix=False)
        shown_unit = {"percent": "%", "per_mille": "‰", "percentage_points": "pp", "multiple": "times"}.get(kind, unit)
        return self.make(norm, lines, start, end, kind=kind, value=value, low=low, high=high,
                         literal=literal if digits else str(value),
                         decimals=printed_decimals(literal) if digits else 0, scale=scale,
                         unit=shown_unit, qualifier=qualifier, label=pint_unit), end


def _power_of_ten(value) -> bool:
    """100, 1,000, 100,000: the bases a rate is stated per."""
    if value.denominator != 1 or value <= 0:
        return False
    n = value.numerator
    while n % 10 == 0:
        n //= 10
    return n == 1


@cache
def lexer_for(language: str) -> _Base:
    lexicon = load_lexicon(language)
    return EnglishLexer(lexicon) if language == "en" else ChineseLexer(lexicon)


def detect_language(text: str) -> str:
    """'zh' when CJK characters make up a fair share of the letters, else 'en'."""
    sample = text[:20000]
    # runs, not characters: the same counts from a few matches (half the time)
    cjk = sum(m.end() - m.start() for m in _HAN_RUN.finditer(sample))
    latin = sum(m.end() - m.start() for m in _LATIN_RUN.finditer(sample))
    return "zh" if cjk * 3 >= latin or cjk > 200 else "en"


_HAN_RUN = regex.compile(r"\p{Han}+")
_LATIN_RUN = regex.compile(r"[A-Za-z]+")


def merge_ranges(mentions: list[Mention], norm: NormalizedText, lines: LineIndex) -> list[Mention]:
    """Join "3至5个", "3-5%", "between 20 and 30 percent" into one range mention.

    "从A到B" / "from A to B" is a change, not a range, and stays two mentions.
    """
    text = norm.text
    out: list[Mention] = []
    i = 0
    while i < len(mentions):
        a = mentions[i]
        b = mentions[i + 1] if i + 1 < len(mentions) else None
        if b is not None and b.nstart - a.nend <= _MAX_JOINER and _is_range(a, b, text):
            low = min(x for x in (a.low, b.low) if x is not None) if a.low is not None and b.low is not None else None
            high = max(x for x in (a.high, b.high) if x is not None) if a.high is not None and b.high is not None else None
            start = a.nstart
            between = regex.search(r"(?i)\bbetween\s+$", text[max(0, start - 12) : start])
            if between:
                start -= len(between.group())
            scale = b.scale if a.unit is None else a.scale
            if a.unit is None and a.scale == 1 and scale != 1 and a.value is not None:  # 3至5万人
                low = min(a.value * scale, b.low or b.value)
            merged = _Base.make(norm, lines, start, b.nend, kind=b.kind, value=None, low=low, high=high,
                                literal=f"{a.literal}-{b.literal}", decimals=max(a.decimals, b.decimals), scale=b.scale,
                                unit=b.unit, qualifier=None, label=b.label, is_range=True)
            out.append(merged)
            i += 2
            continue
        if b is not None and b.kind == "date" and a.kind == "count" and a.unit is None \
                and DATE_RANGE_JOINER.fullmatch(text, a.nend, b.nstart) is not None:
            a = replace(a, kind="date")  # "1至9月", "1—6月份": the first month of a span of months, no count
        out.append(a)
        i += 1
    return _share_listed_unit(out, text)


def _share_listed_unit(mentions: list[Mention], text: str) -> list[Mention]:
    """Numbers listed before a percent or a change in points share its unit (one backward pass, so a
    whole list takes it): "rose 0.8, 1.1 and 0.5 pct", "分别增长3.2、4.5和6.1%" (bare numbers);
    "高出7.2个和2.8个百分点" (a count of 个 is the 个百分点 left out)."""
    out = list(mentions)
    for k in range(len(out) - 1, 0, -1):
        b, a = out[k], out[k - 1]
        if a.kind != "count" or a.is_range or a.value is None or LIST_JOINER.fullmatch(text, a.nend, b.nstart) is None:
            continue
        if COMMA_AND.fullmatch(text, a.nend, b.nstart) and (
                k < 2 or LIST_JOINER.fullmatch(text, out[k - 2].nend, a.nstart) is None):
            continue  # "slid to 612 from 704, and 41.2 percent of them …": two items take no ", and"; a new clause
        bare_percent = b.kind == "percent" and a.unit is None and a.scale == 1 and a.value < 1000
        points = b.kind == "percentage_points" and a.unit == "个"
        if bare_percent or points:
            out[k - 1] = replace(a, kind=b.kind, unit=b.unit, label=b.label)
    return out


COMMA_AND = regex.compile(r"\s*,\s*and\s+")
LIST_JOINER = regex.compile(r"\s*(?:,|，|、)\s*(?:and\s+)?|\s+and\s+|\s*(?:和|及|与|或)\s*")  # not ", or": a restatement


DATE_RANGE_JOINER = regex.compile(r"\s*(?:至|到|-|—|–|~|～)\s*")


CHANGE_BEFORE_TO = regex.compile(
    r"(?i)(?:\b(?:up|down|rose|fell|increased|decreased|declined|dropped|gained|lost|climbed|jumped|grew|slipped|"
    r"adding|added|cut|raised|lowered|revised(?:\s+(?:up|down)(?:ward)?)?)(?:\s+by)?(?:\s+(?:about|roughly|nearly|some|only|just))?"
    r"|(?:'s|’s)\s+by"  # the verb left out: "October's was raised by 37,000 to 274,000 and November's by 21,000 to 176,000"
    r"|增加|减少|增长|下降|上升|提高|降低|多|少)\s*$")
_MAX_JOINER = 12  # characters between the two ends of a range ("3 to 5", "20 and 30", "3 至 5")


def _is_range(a: Mention, b: Mention, text: str) -> bool:
    joiner = text[a.nend : b.nstart].strip().lower()
    if joiner not in RANGE_JOINERS:
        return False
    if a.kind not in ("count", "percent", "duration", "money", "measure") or b.kind not in (
        "count", "percent", "duration", "money", "measure", "percentage_points"
    ):
        return False
    if a.kind != b.kind and not (a.kind == "count" and a.unit is None):
        return False
    before = text[max(0, a.nstart - 8) : a.nstart]
    if regex.search(r"(?i)(?:从|由|from\s+)[^\s，,；;：:。]{0,6}$", before) or regex.search(r"(?i)from\s*$", before):
        return False
    if joiner in ("to", "到", "至") and a.kind != "percent" and CHANGE_BEFORE_TO.search(text[max(0, a.nstart - 24) : a.nstart]):
        return False  # "up 19,588 to 29,546", "增加120件至1320件": a change and the level it reaches
    if joiner == "and":
        return bool(regex.search(r"(?i)\bbetween\s+$", text[max(0, a.nstart - 12) : a.nstart]))
    if a.value is not None and b.value is not None and a.unit is not None and a.value > b.value and joiner == "-":
        return False
    return True
