"""Claims that span more than a sentence: enumerations, elapsed time, and restated quantities.

- enumeration: a stated number of items ("三个强化", "four measures:") against the items that
  follow: 一是…二是… markers, a list after a colon, numbered headings 一、二、三, or paragraphs
  that repeat the quoted keyword (四个“坚持” → four paragraphs opening with 坚持);
- elapsed: a duration (连续17年, 20周年, 两年来) against the years stated (a founding or first year
  in the same sentence) and the article's own year;
- restated: the same quantity, introduced by the same words, stated twice with different values.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from fractions import Fraction

import regex

from checker.claims import Claim
from checker.extract import Extraction
from checker.model import Mention
from checker.numerals import parse_chinese

CN_SMALL = "一二两三四五六七八九十"
MARKERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
EN_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
ENUM_CLASSIFIERS = "个项大条方面种类点步张招"
QUOTED_TERM = regex.compile(rf"[“\"]([{CN_SMALL}])([个项大条种类张招]?)([^”\"\n]{{1,10}})[”\"]")
COUNTED_TERM = regex.compile(rf"(?<![{CN_SMALL}第])([{CN_SMALL}])([{ENUM_CLASSIFIERS}])[“\"]?([^\s“”\"，,。；;：:（）()]{{1,8}})[”\"]?")
EN_COUNTED = regex.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten)\s+((?:[a-z-]+\s+){0,2}(?:measures|steps|priorities|pillars|principles|"
    r"tasks|goals|areas|actions|initiatives|reforms|points|parts|things|mechanisms|campaigns))\s*:",
    regex.IGNORECASE)
EN_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
FOUNDING = regex.compile(r"^(?:年)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:正式)?(?:成立|设立|组建|创建|建立|设区|建区|建市|开展|启动|开始|以来|起|开通|上线|挂牌)")
# A year that is a plan's horizon ("到2035年", "by 2030") is not the year an article speaks from.
PLAN_BEFORE = regex.compile(r"(?:到|至|力争|计划|预计|\bby|\buntil|\bthrough|\bplans?\b|\btarget)\s*(?:the end of\s*)?$", regex.IGNORECASE)
PLAN_AFTER = regex.compile(r"(?:年)?(?:前|底前|以前|目标)")
EN_FIRST_YEAR = regex.compile(r"(?i)\b(?:since|from|founded in|established in|launched in|set up in|began in|started in)\s+(?:the\s+)?(?:(?:early|late|end of|spring|autumn|summer|winter)\s+(?:of\s+)?)?$")


def document_claims(ex: Extraction, spans: list[tuple[int, int]]) -> list[Claim]:
    """Claims across sentences; ``spans`` are the document's sentences (claims.sentences)."""
    out: list[Claim] = []
    if ex.document.language == "en":
        out.extend(_enumerations_en(ex))
    else:
        out.extend(_enumerations_zh(ex))
    out.extend(_elapsed(ex, spans))
    out.extend(_restated(ex))
    return out


def _mention(ex: Extraction, nstart: int, nend: int, value: int, unit: str | None = None) -> Mention:
    start, end = ex.norm.span_to_original(nstart, nend)
    line, col = ex.lines.position(start)
    v = Fraction(value)
    return Mention(text=ex.document.text[start:end], start=start, end=end, kind="count", value=v, low=v, high=v,
                   literal=str(value), unit=unit, line=line, column=col, nstart=nstart, nend=nend)


# --- enumeration -------------------------------------------------------------------------------

def _enumerations_zh(ex: Extraction) -> list[Claim]:
    text = ex.norm.text
    out, seen = [], set()
    candidates = []
    for m in QUOTED_TERM.finditer(text):
        candidates.append((m.start(), m.end(), m.group(1), m.group(3), m.start(1)))
    for m in COUNTED_TERM.finditer(text):
        candidates.append((m.start(), m.end(), m.group(1), m.group(3), m.start(1)))
    for start, end, numeral, keyword, num_at in sorted(candidates):
        if num_at in seen:
            continue
        n = parse_chinese(numeral)
        if n is None or not 2 <= n <= 12:
            continue
        found = _items_after(text, end, keyword)
        if found is None:
            continue
        count, list_end, how = found
        seen.add(num_at)
        stated = _mention(ex, num_at, num_at + 1, int(n), "items")
        listed = _mention(ex, end, list_end, count, "items")
        out.append(Claim("enumeration", {"stated": stated, "listed": listed},
                         {"how": how, "term": text[start:end]}, start, min(list_end, end + 60)))
    return out


def _items_after(text: str, pos: int, keyword: str):
    """(count, end, how) of the items enumerated right after ``pos``, or None when there is no list."""
    tail = text[pos : pos + 6]
    colon = regex.match(r"[”\"]?\s*(?:[：:]|，即|,即|即|：即)", tail)
    if colon:
        start = pos + colon.end()
        end_m = regex.compile(r"[。；;\n]").search(text, start)
        end = end_m.start() if end_m else len(text)
        body = text[start:end]
        markers = _marker_run(text, start, start + 1500)
        if markers:
            return markers
        if len(body) > 200 or "、" not in body and "，" not in body and "," not in body:
            return None
        items = [x for x in regex.split(r"[、，,]|以及|和", body) if x.strip()]
        return len(items), end, "list after the colon"
    # 一是…二是… within the same paragraph, starting soon after the term
    markers = _marker_run(text, pos, pos + 1500)
    if markers and text.find("一是", pos) - pos < 200 and "\n\n" not in text[pos : text.find("一是", pos)]:
        return markers
    line_end = text.find("\n", pos)
    line_start = text.rfind("\n", 0, pos) + 1
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if line_end >= 0 and "。" not in line and len(line) < 60:
        headings = _heading_run(text, line_end)
        if headings:
            return headings
    if keyword and len(keyword) >= 2 and (text[pos : pos + 40].find("。") >= 0 or text[pos:pos + 3].startswith("”")):
        return _keyword_paragraphs(text, pos, keyword)
    return None


def _marker_run(text: str, start: int, stop: int):
    pos, count, last_end = start, 0, None
    for numeral in MARKERS:
        i = text.find(numeral + "是", pos, stop)
        if i < 0 or (count and "\n\n" in text[pos:i] and count == 0):
            break
        if count == 0 and i - start > 300:
            return None
        count += 1
        pos = i + len(numeral) + 1
        last_end = pos
    return (count, last_end, "一是/二是 markers") if count >= 2 else None


def _heading_run(text: str, pos: int):
    count, cursor, last = 0, pos, pos
    for numeral in MARKERS:
        m = regex.compile(rf"\n\s*(?:{numeral}、|[（(]{numeral}[）)])").search(text, cursor, cursor + 6000)
        if not m:
            break
        between = text[cursor : m.start()]
        if count and regex.search(rf"\n\s*(?:[{CN_SMALL}]+、)", between):
            break
        count += 1
        cursor = m.end()
        last = m.end()
    return (count, last, "numbered headings") if count >= 2 else None


def _keyword_paragraphs(text: str, pos: int, keyword: str):
    word = keyword[:2]
    count, last = 0, pos
    for m in regex.finditer(r"\n\s*(\S{2})", text, pos=pos, endpos=min(len(text), pos + 5000)):
        if m.group(1) == word:
            count += 1
            last = m.end()
        elif count:
            if m.start() - last > 400:
                break
    return (count, last, f"paragraphs opening with {word}") if count >= 2 else None


def _enumerations_en(ex: Extraction) -> list[Claim]:
    text = ex.norm.text
    out = []
    for m in EN_COUNTED.finditer(text):
        n = EN_WORDS[m.group(1).lower()]
        end_m = regex.compile(r"\.(?:\s|$)|\n\n").search(text, m.end())
        end = end_m.start() if end_m else len(text)
        body = text[m.end() : end]
        ordinals = [w for w in EN_ORDINALS if regex.search(rf"\b{w}(?:ly)?\b", text[m.end() : m.end() + 2000], regex.IGNORECASE)]
        if len(ordinals) >= 2 and not regex.search(r"[,;]", body):
            count, list_end = len(ordinals), m.end() + 40
        else:
            items = [x for x in regex.split(r";|,\s*(?:and\s+)?|\s+and\s+", body) if x.strip()]
            if len(items) < 2:
                continue
            count, list_end = len(items), end
        stated = _mention(ex, m.start(1), m.end(1), n, "items")
        listed = _mention(ex, m.end(), list_end, count, "items")
        out.append(Claim("enumeration", {"stated": stated, "listed": listed}, {"how": "list after the colon",
                                                                                 "term": m.group()}, m.start(), list_end))
    return out


# --- elapsed time ------------------------------------------------------------------------------

def article_year(ex: Extraction) -> int | None:
    """The article's own year: a date near the top, else the latest year it mentions."""
    years = [m for m in ex.mentions if m.kind in ("year", "date")]
    for m in years:
        if m.nstart > 800:
            break
        y = regex.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", m.text)
        if y and m.kind == "date":
            return int(y.group(1))
    text = ex.norm.text
    values = [int(m.value) for m in years if m.kind == "year" and m.value is not None and 1900 <= m.value <= 2100
              and not PLAN_BEFORE.search(text[max(0, m.nstart - 12) : m.nstart])
              and not PLAN_AFTER.match(text[m.nend : m.nend + 4])]
    return max(values) if values else None


def _elapsed(ex: Extraction, spans: list[tuple[int, int]]) -> list[Claim]:
    text = ex.norm.text
    ref = article_year(ex)
    out = []
    years = [m for m in ex.mentions if m.kind == "year" and m.value is not None]
    durations = [m for m in ex.mentions if m.kind == "duration" and m.label == "year" and m.value and not m.is_range]
    year_starts = [y.nstart for y in years]
    duration_starts = [d.nstart for d in durations]
    for s, e in spans:
        ds = durations[bisect_left(duration_starts, s) : bisect_left(duration_starts, e)]
        if not ds:
            continue
        ys = years[bisect_left(year_starts, s) : bisect_left(year_starts, e)]
        founding = [y for y in ys if FOUNDING.match(text[y.nend - 1 : y.nend + 8]) or text[max(0, y.nstart - 2) : y.nstart] in ("自从", "从", "自")
                    or EN_FIRST_YEAR.search(text, max(0, y.nstart - 40), y.nstart)]
        for d in ds:
            before = text[max(s, d.nstart - 3) : d.nstart]
            after = text[d.nend : d.nend + 2]
            wide_after = text[d.nend : d.nend + 12].lower()
            kind = "anniversary" if ("周年" in d.text or "anniversary" in wide_after) else \
                "consecutive" if ("连续" in before or "连" in d.text or regex.search(r"(?i)consecutive|straight|in a row", d.text + wide_after)) else \
                "since" if (after.startswith(("来", "以来", "间")) or regex.search(r"(?i)^\s*(?:since|ago)", wide_after)) else None
            if kind is None:
                continue
            first = next((y for y in founding if y.nstart < d.nstart), founding[0] if founding else None)
            if first is None:
                continue
            later = [y for y in ys if y.nstart > first.nend and y.value > first.value and y.nstart < d.nstart]
            end_year = int(later[-1].value) if later else ref
            if end_year is None:
                continue
            out.append(Claim("elapsed", {"first": first, "duration": d},
                             {"kind": kind, "end_year": end_year, "end_from": "stated" if later else "article"}))
    return out


# --- restated quantities -----------------------------------------------------------------------

KEY = regex.compile(r"(\p{Han}{6,12})$")


def _restated(ex: Extraction) -> list[Claim]:
    text = ex.norm.text
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    for m in ex.mentions:
        if m.kind not in ("count", "money") or not m.exact or m.value is None:
            continue
        key = KEY.search(text, max(0, m.nstart - 12), m.nstart)
        if not key:
            continue
        words = key.group(1)
        groups[(words, m.unit, m.kind)].append(m)
    out = []
    for (words, unit, _), ms in groups.items():
        if len(ms) < 2 or len(ms) > 3:
            continue
        a, b = ms[0], ms[1]
        if a.value == b.value:
            out.append(Claim("restated", {"first": a, "second": b}, {"words": words}))
            continue
        if _context_years(text, a) != _context_years(text, b) or b.nstart - a.nstart > 20000:
            continue
        out.append(Claim("restated", {"first": a, "second": b}, {"words": words}))
    return out


def _context_years(text: str, m: Mention) -> set[str]:
    start = max(text.rfind("。", 0, m.nstart), text.rfind("\n", 0, m.nstart))
    return set(regex.findall(r"(?:19|20)\d{2}(?=年)|今年|去年|上年|同期|上半年|下半年|\d{1,2}月", text[start + 1 : m.nstart]))
