"""Claims that span more than a sentence: enumerations, elapsed time, and restated quantities.

- enumeration: a stated number of items against the items listed with it, clearly delimited:
  a list right before the count (访源、诉源、警源三源共治; “写、讲、评”五字; 三官一律 = 3 + 1), items
  ending with or holding the count's head a little earlier (职责、任务、保障清单…“三清单”), a list
  after a cue word, in brackets or in quotes (指的是, 即, :, “三微”(…)), 一是…二是… markers (and a gap
  in them: 一是 … 三是), numbered headings 一、二、三, paragraphs repeating the quoted keyword
  (四个“坚持”), the count repeated as a heading over its list, entries numbered 1. 2. …, and digit
  codes spelled out part by part (“1234模式”，即一支…、两个…、三个…、四级…).  Numbers fused into a
  name (十四五, 八项规定, 双河镇) are not counts; a list that can be read two ways is left alone.
  The words are data: rules/<lang>/enumeration.toml;
- elapsed: a duration (连续17年, 20周年, 两年来) against the years stated (a founding or first year
  in the same sentence, or just before a sentence that opens with the duration) and the article's
  own year;
- restated: the same quantity, introduced by the same words, stated twice with different values.

Every search runs in a bounded window around one candidate, so each pass is linear in the text.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

import regex

from checker import patterns as rx

from checker.model import Claim
from checker.i18n import gettext
from checker.extract import Extraction
from checker.model import Mention

CN_SMALL = "一二两三四五六七八九十"
MARKERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
FOUNDING = regex.compile(r"^(?:年)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:正式)?(?:成立|设立|组建|创建|建立|设区|建区|建市|开展|启动|开始|以来|起|开通|上线|挂牌)")
# A year that is a plan's horizon ("到2035年", "by 2030") is not the year an article speaks from.
PLAN_BEFORE = regex.compile(r"(?:到|至|力争|计划|预计|\bby|\buntil|\bthrough|\bplans?\b|\btarget)\s*(?:the end of\s*)?$", regex.IGNORECASE)
PLAN_AFTER = regex.compile(r"(?:年)?(?:前|底前|以前|目标)")
EN_FIRST_YEAR = regex.compile(r"(?i)\b(?:since|from|founded in|established in|launched in|set up in|began in|started in)\s+(?:the\s+)?(?:(?:early|late|end of|spring|autumn|summer|winter)\s+(?:of\s+)?)?$")


def document_claims(ex: Extraction, spans: list[tuple[int, int]], tables: dict[str, dict]) -> list[Claim]:
    """Claims across sentences; ``spans`` are the document's sentences (claims.sentences);
    ``tables``: the rule pack's enumeration vocabulary by language (rules/<lang>/enumeration.toml)."""
    out: list[Claim] = []
    zh = enum_rules(tables.get("zh", {}))
    if ex.document.language == "en":
        out.extend(_enumerations_en(ex, tables.get("en", {})))
    else:
        out.extend(_enumerations_zh(ex, zh))
    out.extend(_elapsed(ex, spans, zh))  # the start-of-event verbs of elapsed time are Chinese
    out.extend(_restated(ex, zh))
    return out


def _mention(ex: Extraction, nstart: int, nend: int, value: int, unit: str | None = None) -> Mention:
    start, end = ex.norm.span_to_original(nstart, nend)
    line, col = ex.lines.position(start)
    v = Fraction(value)
    return Mention(text=ex.document.text[start:end], start=start, end=end, kind="count", value=v, low=v, high=v,
                   literal=str(value), unit=unit, line=line, column=col, nstart=nstart, nend=nend)


# --- enumeration -------------------------------------------------------------------------------
#
# Language knowledge (numerals, classifiers that are measures, fixed terms, cue words, separators)
# is data: rules/<lang>/enumeration.toml.  Every search below runs in a bounded window around one
# candidate count, so the whole pass is linear in the document's size.

@dataclass(frozen=True, slots=True)
class EnumRules:
    numerals: dict[str, int]
    not_after: tuple[str, ...]
    not_heads: tuple[str, ...]
    fixed: tuple[str, ...]
    unity: tuple[str, ...]
    classifiers: str
    cues_after: tuple[str, ...]
    cues_before: tuple[str, ...]
    lead: tuple[str, ...]
    separators: str
    conjunctions: tuple[str, ...]
    not_conjunctions: tuple[str, ...]
    restate: tuple[str, ...]
    marker_suffix: str
    marker_after: str
    launch: tuple[str, ...]
    candidate: regex.Pattern
    name_heads: regex.Pattern
    marker: regex.Pattern
    code: regex.Pattern
    keyword: regex.Pattern  # the words right after a count: [classifier]“keyword”
    code_part: regex.Pattern  # a numeral opening one part of a spelled-out digit code
    fixed_rx: regex.Pattern | None = None  # the fixed terms as one pattern (see _in_fixed_term)
    fixed_len: int = 0
    not_after_rx: regex.Pattern | None = None  # not_after words, matched backwards from the numeral
    not_after_len: int = 0
    not_heads_rx: regex.Pattern | None = None  # not_heads words, matched right after the numeral
    earlier_count: regex.Pattern | None = None  # a count of two or more with its classifier (两个, 三级)
    count_tail: regex.Pattern | None = None  # an item that ends with such a count
    heading_line: regex.Pattern | None = None  # a heading line opened by a numeral (一、…)
    comparison: regex.Pattern | None = None  # words that make a restated quantity's name a comparison


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(dict.fromkeys(words), key=len, reverse=True))


_compiled: dict[tuple[int, object], tuple[dict, object]] = {}


def _once(data: dict, build):
    """``build(data)`` computed once per vocabulary table (the rule pack keeps the tables alive)."""
    key = (id(data), build)
    hit = _compiled.get(key)
    if hit is None or hit[0] is not data:
        hit = _compiled[key] = (data, build(data))
    return hit[1]


def enum_rules(data: dict) -> EnumRules | None:
    """The compiled enumeration vocabulary of one language's enumeration.toml (None when empty)."""
    return _once(data, _build_enum_rules) if data else None


def _build_enum_rules(data: dict) -> EnumRules:
    terms, cues, lists, elapsed, restated = (data.get(k, {}) for k in ("terms", "cues", "lists", "elapsed", "restated"))
    numerals = {k: int(v) for k, v in data.get("numerals", {}).items()}
    chars = regex.escape("".join(numerals))
    separators = "".join(lists.get("separators", ["、"]))
    counts = regex.escape("".join(c for c, v in numerals.items() if v >= 2))
    return EnumRules(
        numerals=numerals, not_after=_longest_first(terms.get("not_after", [])),
        not_heads=_longest_first(terms.get("not_heads", [])), fixed=_longest_first(terms.get("fixed", [])),
        fixed_rx=regex.compile("|".join(map(regex.escape, _longest_first(terms.get("fixed", []))))) if terms.get("fixed") else None,
        fixed_len=max(map(len, terms.get("fixed", [""]))),
        unity=_longest_first(terms.get("unity", [])), classifiers="".join(terms.get("classifiers", [])), cues_after=_longest_first(cues.get("after", [])),
        cues_before=_longest_first(cues.get("before", [])), lead=_longest_first(cues.get("lead", [])),
        separators=separators, conjunctions=_longest_first(lists.get("conjunctions", [])),
        not_conjunctions=tuple(lists.get("not_conjunctions", [])), restate=tuple(lists.get("restate", [])),
        marker_suffix=lists.get("marker_suffix", "是"), marker_after=lists.get("marker_after", "。\n"),
        launch=_longest_first(elapsed.get("launch", [])),
        name_heads=regex.compile(r"\p{Han}{1,2}(?:" + "|".join(map(regex.escape, _longest_first(terms.get("name_suffixes", []))) or ["(?!)"]) + ")"),
        candidate=regex.compile(rf"(?<![{chars}\d])[{chars}]{{1,3}}(?=\p{{Han}})|(?<![\d.])\d{{1,3}}(?=篇|条|项|个|方面|类|部分)"),
        marker=regex.compile(rf"(?:(?<=[{regex.escape(lists.get('marker_after', '。'))}])|^)([{chars}]{{1,2}})"
                             rf"{regex.escape(lists.get('marker_suffix', '是'))}", regex.MULTILINE),
        code=regex.compile(rf"(?<![\d.])([1-9]{{2,5}})(?![\d.])|“([{chars}]{{2,4}})”"),
        keyword=regex.compile(rf"[{regex.escape(''.join(terms.get('classifiers', [])))}]?([“\"]?)(\p{{Han}}{{2,8}})([”\"]?)"),
        code_part=regex.compile(rf"(?<![第\d])([{chars}])(?=\p{{Han}})"),
        not_after_rx=regex.compile("|".join(map(regex.escape, terms["not_after"])), regex.REVERSE)
        if terms.get("not_after") else None,
        not_after_len=max(map(len, terms.get("not_after", [""]))),
        not_heads_rx=regex.compile("|".join(map(regex.escape, _longest_first(terms["not_heads"]))))
        if terms.get("not_heads") else None,
        earlier_count=regex.compile(rf"[{counts}][{regex.escape(''.join(terms.get('classifiers', [])))}级]"),
        count_tail=regex.compile(rf"[{counts}]\p{{Han}}{{0,2}}$"),
        heading_line=regex.compile(rf"(?m)^[ ]*[{chars}]{{1,2}}(\p{{Han}}{{2,6}})[ ]*$"),
        comparison=_comparison_rx(restated))


def _comparison_rx(restated: dict) -> regex.Pattern | None:
    """Words that make a quantity's name a comparison (比上年末增加…): its opening words or anywhere."""
    opens, words = _longest_first(restated.get("comparison_opens", [])), _longest_first(restated.get("comparison_words", []))
    alts = ([f"^(?:{'|'.join(map(regex.escape, opens))})"] if opens else []) + list(map(regex.escape, words))
    return regex.compile("|".join(alts)) if alts else None


def small_number(s: str, numerals: dict[str, int]) -> int | None:
    """一..十, 十一..十九, 二十: the value of a small numeral, None for anything else (三三, 十四五)."""
    if len(s) == 1:
        return numerals.get(s)
    if len(s) == 2 and s[0] == "十" and s[1] != "十":
        v = numerals.get(s[1])
        return None if v is None or v >= 10 else 10 + v
    if len(s) == 2 and s[1] == "十" and s[0] != "十":
        v = numerals.get(s[0])
        return None if v is None or v >= 10 else v * 10
    return None


BOUNDARY = set("，,。；;：:！？!?\n()（）《》【】[]")
HAN = regex.compile(r"\p{Han}")
HEAD = regex.compile(r"\p{Han}{1,6}")
CLOSE_QUOTE = regex.compile(r"[”\"]")
CLOSE_PAREN = regex.compile(r"[)）]")
LINE_REST = regex.compile(r"\S[^\n]*")
CLAUSE_END = regex.compile(r"[。;；\n]")
COMMA = regex.compile(r"[,，]")
CODE_CUE = regex.compile(r"[”\"]?\p{Han}{0,4}[”\"]?\s*[,，(（]?\s*(?:即|:|：|\()\s*")
CODE_BODY_END = regex.compile(r"[。;；\n)）]")
FIRST_ENTRY = regex.compile(r"(?<![\d.])1[.、](?!\d)")
EN_LIST_END = regex.compile(r"\.(?:\s|$)|\n\n")


@dataclass(slots=True)
class _List:
    items: list[str]
    start: int  # normalized span of the items
    end: int
    how: str  # how they were delimited
    strong: bool  # a delimitation that cannot be read two ways (quotes, brackets, a cue word, parallel items)
    etc: bool = False  # 等 closes the list
    clause: bool = False  # a clause after a cue word that may or may not be a list (要加强和改进工作)


def _enumerations_zh(ex: Extraction, R: EnumRules | None) -> list[Claim]:
    if R is None:
        return []
    text = ex.norm.text
    out: list[Claim] = []
    for m in R.candidate.finditer(text):
        p, q, numeral = m.start(), m.end(), m.group()
        if numeral.isdigit():
            found = _numbered_entries(text, q, int(numeral)) if 3 <= int(numeral) <= 300 else None
            if found:
                out.append(_claim(ex, p, q, int(numeral), found, text[p : q + 1]))
            continue
        n = small_number(numeral, R.numerals)
        if n is None or not 2 <= n <= 12:
            continue
        unity = any(text.startswith(u, q + k) for k in (0, 1) for u in R.unity)
        if R.not_after_rx is not None and R.not_after_rx.match(text, max(0, p - R.not_after_len), p) or not unity and R.not_heads_rx is not None and R.not_heads_rx.match(text, q):
            continue
        fixed = _in_fixed_term(text, p, R)
        if not unity and text[q] not in R.classifiers and R.name_heads.match(text, q):
            continue  # 双明镇, 三江社区: the numeral is part of a place name
        term_start, term_end = _term_span(text, p, q)
        term = text[term_start:term_end]
        parts = _compound(text, q, n, R)
        stated = sum(parts)
        found = _list_before(text, term_start, R)
        if found is not None and fixed and not found.strong:
            found = None  # “两个维护” after another quoted term: a fixed term needs a list that reads as one
        if found is None:
            found = _shared_head(text, term_start, q, R) if not fixed else None
        if found is not None:
            claim = _judge_list(ex, p, q, stated, found, term, parts)
        else:
            claim = _after(ex, text, p, q, n, term_start, term_end, term, fixed, R)
        if claim is not None:
            out.append(claim)
    out.extend(_codes(ex, text, R))
    out.extend(_marker_gaps(ex, text, R))
    return out


def _in_fixed_term(text: str, p: int, R: EnumRules) -> bool:
    """The numeral at ``p`` is part of a fixed term (十四五, 八项规定) as written in the text: one search
    of the terms around it, overlapping matches included."""
    if R.fixed_rx is None:
        return False
    lo, hi = max(0, p - R.fixed_len), min(len(text), p + R.fixed_len + 1)
    return any(m.start() <= p < m.end() for m in R.fixed_rx.finditer(text, lo, hi, overlapped=True))


def _term_span(text: str, p: int, q: int) -> tuple[int, int]:
    """The count's own words: “三项权力” with its quotes, else the numeral and up to three characters."""
    if p > 0 and text[p - 1] in "“\"":
        close = CLOSE_QUOTE.search(text, q, q + 14)
        if close:
            return p - 1, close.end()
    head = HEAD.match(text, q)
    return p, (head.start() + min(3, len(head.group()))) if head else q


def _compound(text: str, q: int, n: int, R: EnumRules) -> list[int]:
    """The counts of a code of parts (三官一律 → [3, 1]); [n] for a plain count (三合一, 五元一体 included)."""
    if any(text.startswith(u, q + k) for k in (0, 1) for u in R.unity):
        return [n]
    parts, i = [n], q
    if text[q : q + 1] in R.classifiers:  # 四个一批, 八个一: each item is a 一X, not a second count
        return parts
    for _ in range(3):
        if i + 2 >= len(text) or not HAN.match(text, i) or text[i + 1] not in R.numerals:
            break
        v = R.numerals[text[i + 1]]
        if not HAN.match(text, i + 2) or text[i + 2] in R.numerals or any(text.startswith(u, i + 1) for u in R.unity):
            break
        parts.append(v)
        i += 2
    return parts


def _depths(body: str) -> list[int]:
    """Quote and bracket depth at each character (separators inside “早、准、快” do not split the list)."""
    out, depth = [], 0
    for c in body:
        if c in "”)）":
            depth = max(0, depth - 1)
        out.append(depth)
        if c in "“(（":
            depth += 1
    return out


def _split_items(body: str, R: EnumRules, start: int) -> list[str] | None:
    """Items of a delimited list: split at the separators outside quotes and brackets, then the last
    item at one conjunction.  Quoted items written side by side (“百日行动”“清源行动”) are separate."""
    if "”“" in body.strip("“”"):
        body = body.replace("”“", "”、“")
    depth = _depths(body)
    pieces, cut = [], 0
    for i, c in enumerate(body):
        if c in R.separators and depth[i] == 0:
            pieces.append(body[cut:i])
            cut = i + 1
    pieces.append(body[cut:])
    if any(not x.strip(" “”\"") for x in pieces):
        return None
    last, offset = pieces[-1], cut
    for i in range(len(last) - 1, 0, -1):
        if depth[offset + i] != 0:
            continue
        for c in R.conjunctions:
            if not last.startswith(c, i) or i + len(c) >= len(last):
                continue
            if any(_inside_at(last, i, c, w) for w in R.not_conjunctions):
                continue
            left, right = last[:i], last[i + len(c):]
            if len(pieces) == 1 and (len(left.strip()) < 2 or len(right.strip()) < 2):
                continue
            return pieces[:-1] + [left, right]
    return pieces if len(pieces) >= 2 else None


def _inside_at(s: str, i: int, c: str, word: str) -> bool:
    k = word.find(c)
    while k >= 0:
        if s.startswith(word, i - k):
            return True
        k = word.find(c, k + 1)
    return False


def _strip_connectors(text: str, i: int, R: EnumRules) -> tuple[int, bool]:
    """Move left over the short words between a list and its count (的, 组成的, 这, 等, a quote)."""
    etc = False
    for _ in range(4):
        for c in R.cues_before:
            if c == "”":
                continue
            if text.startswith(c, i - len(c)):
                etc = etc or c == "等"
                i -= len(c)
                break
        else:
            break
    return i, etc


def _list_before(text: str, p: int, R: EnumRules) -> _List | None:
    """A list that ends right before the count: 访源、诉源、警源三源共治; “写、讲、评”三字."""
    i, etc = _strip_connectors(text, p, R)
    if i <= 0 or text[i - 1] in BOUNDARY or text[i - 1] in R.separators:
        return None
    if text[i - 1] in "”\"":
        o = max(text.rfind("“", max(0, i - 200), i - 1), text.rfind('"', max(0, i - 200), i - 1))
        joined = o > 0 and (text[o - 1] in R.separators + "”\"" or any(text.endswith(c, 0, o) for c in R.conjunctions))
        if o >= 0 and not joined:  # “早、准、快”和“稳、准、狠”两种: each quote is one item
            items = _split_items(text[o + 1 : i - 1], R, o + 1)
            if items and any(s in text[o + 1 : i - 1] for s in R.separators):
                return _List(items, o + 1, i - 1, gettext("listed in quotes before the count"), True, etc)
    b, depth = i - 1, 0
    while b >= max(0, i - 120):
        c = text[b]
        if c in BOUNDARY:
            break
        if c == "”":
            depth += 1
        elif c == "“":
            if depth == 0:
                break
            depth -= 1
        b -= 1
    else:
        if b >= 0:
            return None
    body = text[b + 1 : i]
    earlier = None
    for earlier in R.earlier_count.finditer(body):
        pass
    if earlier is not None:
        # 甲、乙两个国家级园区和丙、丁、戊三个省级园区: the list starts after the earlier count's conjunction
        rest = body[earlier.end() :]
        cut = min(((rest.find(c), len(c)) for c in R.conjunctions if c in rest), default=None)
        if cut is None:
            return None
        skip = earlier.end() + cut[0] + cut[1]
        b, body = b + skip, body[skip:]
    items = _split_items(body, R, b + 1)
    if not items or "的" in items[-1].rstrip("的"):
        return None  # 上下呼应、力量下沉、简约高效的基层治理“四平台”: the list qualifies a noun
    if R.count_tail.search(items[-1]):
        return None  # 沪、苏、浙三地四方: the list belongs to the count before
    if any(len(x) > 24 for x in items[1:]) or len(items[0]) > 40 or any(rx.fullmatch(r"[\d.%\s]+", x) for x in items):
        return None
    if not any(s in body for s in R.separators) and "”“" not in body and (len(items[-1]) > 8 or "是" in items[-1]):
        return None  # A和B…: with a conjunction alone, only two short items read as a list
    how = gettext("separated by {what} before the count").format(
        what="、" if "、" in body else "+" if "+" in body else gettext("quotes") if "”“" in body else gettext("a conjunction"))
    return _List(items, b + 1, i, how, _parallel(items), etc)


def _parallel(items: list[str]) -> bool:
    """Items that read as one list whatever starts the first: all short, or all with the same ending."""
    tails = {x.strip(" “”\"")[-1:] for x in items}
    return len(items) >= 3 and all(len(x.strip()) <= 2 for x in items[1:]) or len(tails) == 1


def _shared_head(text: str, p: int, q: int, R: EnumRules) -> _List | None:
    """A list a little earlier in the sentence whose items end with the count's own head:
    职责、任务、保障清单，通过“一图一指引三清单”; 制度链、任务链…，实现“五链融合”."""
    head = HEAD.match(text, q)
    if not head:
        return None
    h = head.group()
    lo = max(0, p - 60)
    for stop in "。;；\n":
        k = text.rfind(stop, lo, p)
        if k >= 0:
            lo = k + 1
    j = text.rfind("、", lo, p)
    if j < 0:
        return None
    end = j + 1
    while end < p and text[end] not in BOUNDARY and text[end] not in "“”\"" and end - j <= 16:
        end += 1
    if end == p:
        return None
    found = _list_before(text, end, R)
    if found is None or found.end != end:
        return None
    items = [x.strip(" “”\"") for x in found.items]
    if all(x.endswith(h[0]) for x in items) or (len(h) >= 2 and items[-1].endswith(h[:2])):
        found.how = gettext("items ending in {word} earlier in the sentence").format(
            word=h[0] if all(x.endswith(h[0]) for x in items) else h[:2])
        found.strong = all(x.endswith(h[0]) for x in items)
        return found
    if h[0] not in R.classifiers and len(items) >= 3 and all(h[0] in x[-8:] for x in items):
        # 发挥政治引领、法治保障、德治教化作用，构建“三治融合”: every item holds the count's morpheme
        found.how = gettext("items each holding {word} earlier in the sentence").format(word=h[0])
        found.strong = True
        return found
    return None


def _heading_list(text: str, p: int, q: int, R: EnumRules) -> _List | None:
    """The count repeated as a heading line and its items on the next line:
    十佳民警名单如下 … \n十佳民警\n张三、李四、…"""
    head = HEAD.match(text, q)
    if not head or len(head.group()) < 2:
        return None
    h = head.group()
    line_start = text.rfind("\n", max(0, p - 200), p) + 1 or max(0, p - 200)  # a longer line is no heading
    m = next((x for x in R.heading_line.finditer(text, line_start, p + 3000)
              if h.startswith(x.group(1))), None)
    if not m:
        return None
    nxt = LINE_REST.search(text, m.end(), m.end() + 200)
    if not nxt or "。" in nxt.group() or nxt.group().count("、") < 2:
        return None
    items = _split_items(nxt.group(), R, nxt.start())
    if not items or any(len(x.strip()) > 24 for x in items):
        return None
    return _List(items, nxt.start(), nxt.end(), gettext("listed under the heading {heading}").format(heading=m.group().strip()), True)


def _after(ex, text, p, q, n, term_start, term_end, term, fixed, R) -> Claim | None:
    """Items after the count: a cue word (即, 指的是, :), brackets, a quoted list, 一是… markers,
    numbered headings or paragraphs that repeat the quoted keyword."""
    found = _cue_list(text, q, term_end, R, fixed)
    if found is not None:
        return _judge_list(ex, p, q, n, found, term, [n])
    if fixed:
        return None
    markers = _marker_run(text, term_end, R)
    if markers:
        count, first, last_end = markers
        if first - term_end < 200 and "\n\n" not in text[term_end:first]:
            return _claim(ex, p, q, n, (count, last_end, gettext("一是/二是 markers")), term)
    line_end = text.find("\n", q)
    line_start = text.rfind("\n", 0, p) + 1
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    kw = R.keyword.match(text, q)
    if line_end >= 0 and "。" not in line and len(line) < 60:
        headings = _heading_run(text, line_end, kw.group(2) if kw else "")
        if headings:
            return _claim(ex, p, q, n, headings, term)
    listed = _heading_list(text, p, q, R)
    if listed is not None:
        return _judge_list(ex, p, q, n, listed, term, [n])
    keyword = kw.group(2) if kw else ""
    quoted = bool(kw and kw.group(3)) or text[term_end - 1 : term_end] == "”"
    heading = "。" not in line and len(line) < 40
    if len(keyword) >= 2 and (quoted or heading):
        paragraphs = _keyword_paragraphs(text, q, keyword)
        if paragraphs:
            return _claim(ex, p, q, n, paragraphs, term)
    return None


def _cue_list(text: str, q: int, term_end: int, R: EnumRules, fixed: bool) -> _List | None:
    # the count's head runs on to the cue: 三端融合指的是…, 六边蜂巢 指的是…, “四心”工作法，即…
    window = text[q : q + 18]
    cut = rx.search(r"[。;；\n、]", window)
    window = window[: cut.start()] if cut else window
    best = None
    for cue in R.cues_after:
        k = window.find(cue)
        while k >= 0:
            before = window[:k]
            ok = rx.fullmatch(r"[\p{Han}”\"》 ]*[,，]?\s*", before) is not None
            if cue == "即" and not rx.search(r"[,，”\":：)\s]$", before):
                ok = False
            if ok and (best is None or k < best[0]):
                best = (k, cue)
                break
            k = window.find(cue, k + 1)
    if fixed and best and best[0] > 6:
        best = None
    if best is not None:
        start = q + best[0] + len(best[1])
        if text.startswith(":", start) or text.startswith("：", start):
            start += 1
        return _body(text, start, R, gettext("listed after {word}").format(word=best[1]))
    # brackets right after the term: “三微”(微治理、微服务、微保障)
    if text[term_end : term_end + 1] in "(（":
        close = CLOSE_PAREN.search(text, term_end + 1, term_end + 120)
        if close:
            items = _split_items(text[term_end + 1 : close.start()], R, term_end + 1)
            if items:
                return _List(items, term_end + 1, close.start(), gettext("listed in brackets"), True)
        return None
    if fixed:
        return None
    # a quoted list soon after: “八个一”制度》，建立“每周一例会、…”
    i, moved = term_end, 0
    while moved < 4:
        for w in R.lead:
            if text.startswith(w, i):
                i += len(w)
                moved += 1
                break
        else:
            break
    if text[i : i + 1] == "“" and i - term_end <= 12:
        close = text.find("”", i + 1, i + 300)
        if close > 0:
            inner = text[i + 1 : close]
            if inner.count("、") >= 1 and "。" not in inner:
                items = _split_items(inner, R, i + 1)
                if items:
                    return _List(items, i + 1, close, gettext("listed in quotes after the count"), True)
    return None


def _body(text: str, start: int, R: EnumRules, how: str) -> _List | None:
    """The list after a cue word, up to the end of its clause (or sentence, for a list of clauses)."""
    end_m = CLAUSE_END.search(text, start, start + 400)
    end = end_m.start() if end_m else min(len(text), start + 400)
    markers = _marker_run(text, start, R)
    if markers and markers[1] < end:
        return None  # 一是… markers of this clause list it (the markers of a later sentence do not)
    comma = COMMA.search(text, start, end)
    if comma and any(s in text[start : comma.start()] for s in R.separators):
        end = comma.start()
    body = text[start:end]
    etc = False
    if len(body) > 300:
        return None
    # a restated count closes the list: …和应急快响这六边; …等五个方面
    chars = "".join(R.numerals)
    tail = rx.search(rf"(?:{'|'.join(map(regex.escape, R.restate))})?[{chars}]+\p{{Han}}{{0,4}}$", body)
    if tail and tail.start() > 0:
        etc = tail.group().startswith("等")
        body, end = body[: tail.start()], start + tail.start()
    if body.endswith("等"):
        body, end, etc = body[:-1], end - 1, True
    separated = any(s in body for s in R.separators)
    if separated or any(c in body for c in R.conjunctions):
        items = _split_items(body, R, start)
        if not items or any(len(x) > 40 for x in items):
            return None
        if not separated:
            return _List(items, start, end, how + gettext(" (two items joined by a conjunction)"), False, etc, True)
        first_sep = min(body.find(x) for x in R.separators if x in body)
        if rx.search(r"[,，]", body[:first_sep]):
            return _List(items, start, end, how + gettext(" (clauses and items mixed)"), False, etc, True)
        return _List(items, start, end, how, True, etc)
    items = [x for x in rx.split(r"[,，]", body) if x.strip()]
    if len(items) >= 2 and all(len(x) <= 30 for x in items):
        return _List(items, start, end, how + gettext(" (clauses separated by commas)"), False, etc, True)
    return None


def _judge_list(ex, p, q, stated, found: _List, term: str, parts: list[int]) -> Claim | None:
    """Decide whether a list can be compared with the count (silence when it can be read two ways)."""
    k = len(found.items)
    if k != stated and found.clause:
        return None
    if k != stated:
        if found.etc and k < stated - 1:
            return None  # 等 may stand for the items not named
        elif k > stated and not found.strong and not found.etc:  # 等 after three named: at least three
            return None
        elif k < stated - 1 and not found.strong:
            return None
        if abs(k - stated) > max(2, stated // 2):
            return None
    facts = {"how": found.how, "term": term, "items": _shown_items(found.items), "etc": found.etc}
    if len(parts) > 1:
        facts["parts"] = parts
    if k == stated - 1 and found.etc:
        facts["etc_open"] = True  # 等 after one short: it may stand for the last item
    elif k == stated - 1:
        facts["note"] = gettext("one short of the count: an item may be missing, or one item may hold two")
    stated_m = _mention(ex, p, q, int(stated), "items")
    listed = _mention(ex, found.start, found.end, k, "items")
    return Claim("enumeration", {"stated": stated_m, "listed": listed}, facts,
                 min(found.start, p), max(found.end, p + len(term)))


def _shown_items(items: list[str]) -> list[str]:
    """The items as a reader would name them: the first loses the words that lead into the list
    (全县健全县、乡、村 → …县 / 乡 / 村)."""
    shown = [x.strip(" “”\"") for x in items]
    longest = max(len(x) for x in shown[1:]) if len(shown) > 1 else 0
    if longest and len(shown[0]) > longest + 2:
        shown[0] = "…" + shown[0][-longest:].lstrip("“”\"")
    return shown


def _claim(ex, p, q, n, found, term) -> Claim:
    count, list_end, how = found
    stated = _mention(ex, p, q, int(n), "items")
    listed = _mention(ex, q, list_end, count, "items")
    return Claim("enumeration", {"stated": stated, "listed": listed}, {"how": how, "term": term}, p, list_end)


def _markers(text: str, start: int, stop: int, R: EnumRules):
    for m in R.marker.finditer(text, start, stop):
        v = small_number(m.group(1), R.numerals)
        if v is not None:
            yield v, m.start(1), m.end()


def _marker_run(text: str, start: int, R: EnumRules):
    """(count, first marker, end of last) of 一是…二是… starting soon after ``start``, or None."""
    expected, count, first, last_end = 1, 0, None, None
    for v, s, e in _markers(text, start, min(len(text), start + 2500), R):
        if count == 0:
            if v != 1 or s - start > 300:
                return None
            first = s
        elif v != expected:
            break
        elif s - last_end > 1200:
            break
        count += 1
        expected = v + 1
        last_end = e
    return (count, first, last_end) if count >= 2 else None


def _marker_gaps(ex: Extraction, text: str, R: EnumRules) -> list[Claim]:
    """一是 … 三是 with 二是 missing: the highest marker states the count, the markers present are the items."""
    out, run = [], []

    def flush():
        if len(run) >= 2 and any(b[0] - a[0] == 2 for a, b in zip(run, run[1:])):
            top = run[-1]
            stated = _mention(ex, top[1], top[1] + 1 if top[0] < 11 else top[1] + 2, top[0], "items")
            listed = _mention(ex, run[0][1], top[2], len(run), "items")
            present = "、".join(f"{MARKERS[v - 1]}是" for v, _, _ in run)
            missing = [v for v in range(1, top[0] + 1) if v not in {x[0] for x in run}]
            out.append(Claim("enumeration", {"stated": stated, "listed": listed},
                             {"how": gettext("markers {present} (missing: {missing})").format(
                                 present=present, missing='、'.join(MARKERS[v - 1] + '是' for v in missing)),
                              "term": text[top[1] : top[2]], "gap": True}, run[0][1], top[2]))
        run.clear()

    for v, s, e in _markers(text, 0, len(text), R):
        if v == 1:
            flush()
            run.append((v, s, e))
        elif run and s - run[-1][2] <= 2500 and v in (run[-1][0] + 1, run[-1][0] + 2):
            run.append((v, s, e))
        else:
            flush()
    flush()
    return out


def _codes(ex: Extraction, text: str, R: EnumRules) -> list[Claim]:
    """Digit codes spelled out part by part: “1234模式”，即一支…、两个对接、三个机制、四级流转."""
    out = []
    for m in R.code.finditer(text):
        if m.group(1):
            digits = [int(c) for c in m.group(1)]
        else:
            digits = [R.numerals.get(c) for c in m.group(2)]
            if None in digits or len(set(digits)) < 2:
                continue
        end = m.end()
        cue = CODE_CUE.match(text, end)
        if not cue:
            continue
        start = cue.end()
        stop = CODE_BODY_END.search(text, start, start + 400)
        body_end = stop.start() if stop else min(len(text), start + 400)
        body = text[start:body_end]
        clauses, pos = [], start
        splitter = r"([,，])" if rx.search(r"[,，]", body) else r"(、)"
        for piece in rx.split(splitter, body):
            if piece in ",，、":
                pos += len(piece)
                continue
            num = R.code_part.search(piece)
            value = R.numerals.get(num.group(1)) if num else None
            if value is None:
                if clauses:
                    break
                pos += len(piece)
                continue
            clauses.append((value, pos, pos + len(piece)))
            pos += len(piece)
        values = [v for v, _, _ in clauses]
        common = min(len(values), len(digits))
        if common < 2 or values[:common] != digits[:common] or values[0] != digits[0]:
            continue
        stated = _mention(ex, m.start(1) if m.group(1) else m.start(2), m.end(1) if m.group(1) else m.end(2), len(digits), "parts")
        listed = _mention(ex, clauses[0][1], clauses[-1][2], len(clauses), "parts")
        out.append(Claim("enumeration", {"stated": stated, "listed": listed},
                         {"how": gettext("a digit code spelled out part by part ({values})").format(values=", ".join(str(v) for v in values)),
                          "term": m.group(), "items": [text[a:b] for _, a, b in clauses]}, m.start(), clauses[-1][2]))
    return out


def _numbered_entries(text: str, pos: int, stated: int):
    """(count, end, how) of entries numbered 1. 2. 3. … starting soon after an Arabic count (收录75篇);
    the count of entries is read up to two past the stated number, which bounds the scan."""
    first = FIRST_ENTRY.search(text, pos, pos + 300)
    if not first:
        return None
    count, cursor = 1, first.end()
    while count < stated + 2:
        nxt = rx.search(rf"(?<![\d.]){count + 1}[.、](?!\d)", text, pos=cursor, endpos=cursor + 600)
        if not nxt:
            break
        count += 1
        cursor = nxt.end()
    return (count, cursor, "entries numbered 1. 2. …") if count >= 3 else None


def _heading_run(text: str, pos: int, keyword: str = ""):
    """(count, end, how) of headings 一、二、… (or (一)(二)…) after the line at ``pos``.  They belong to
    the count when the first follows right away (从三个方面…：\n一、…) or they repeat its keyword
    (四个聚焦 … 四、聚焦…); otherwise a title's count would claim the article's own outline."""
    count, cursor, last, first, repeats = 0, pos, pos, None, 0
    word = keyword[:2]
    for numeral in MARKERS:
        m = rx.search(rf"\n\s*(?:{numeral}、|[（(]{numeral}[）)])", text, pos=cursor, endpos=cursor + 6000)
        if not m:
            break
        between = text[cursor : m.start()]
        if count and rx.search(rf"\n\s*(?:[{CN_SMALL}]+、)", between):
            break
        count += 1
        first = m.start() if first is None else first
        repeats += bool(word) and text.startswith(word, m.end())
        cursor = m.end()
        last = m.end()
    if count < 2 or not (not text[pos:first].strip() or repeats >= 2):
        return None
    return count, last, (gettext("numbered headings repeating {word}").format(word=word) if repeats >= 2
                         else gettext("numbered headings"))


def _keyword_paragraphs(text: str, pos: int, keyword: str):
    word = keyword[:2]
    count, last = 0, pos
    for m in rx.finditer(r"\n\s*(\S{2})", text, pos=pos, endpos=min(len(text), pos + 5000)):
        if m.group(1) == word:
            count += 1
            last = m.end()
        elif count:
            if m.start() - last > 400:
                break
    return (count, last, gettext("paragraphs opening with {word}").format(word=word)) if count >= 2 else None


def _en_rules(data: dict):
    return _once(data, _build_en_rules) if data else None


def _build_en_rules(data: dict):
    words = {k.lower(): int(v) for k, v in data.get("numerals", {}).items()}
    terms = data.get("terms", {})
    nouns = _longest_first(terms.get("nouns", []))
    if not words or not nouns:
        return None
    counted = regex.compile(rf"\b({'|'.join(map(regex.escape, words))})\s+((?:[a-z-]+\s+){{0,2}}(?:{'|'.join(map(regex.escape, nouns))}))\s*:",
                            regex.IGNORECASE)
    return words, counted, tuple(terms.get("ordinals", []))


def _enumerations_en(ex: Extraction, data: dict) -> list[Claim]:
    rules = _en_rules(data)
    if rules is None:
        return []
    words, counted, ordinal_words = rules
    text = ex.norm.text
    out = []
    for m in counted.finditer(text):
        n = words[m.group(1).lower()]
        end_m = EN_LIST_END.search(text, m.end(), m.end() + 600)
        end = end_m.start() if end_m else min(len(text), m.end() + 600)
        body = text[m.end() : end]
        window = text[m.end() : m.end() + 2000]
        ordinals = [w for w in ordinal_words if rx.search(rf"\b{w}(?:ly)?\b", window, regex.IGNORECASE)]
        if len(ordinals) >= 2 and not rx.search(r"[,;]", body):
            count, list_end, how, items = len(ordinals), m.end() + 40, gettext("ordinals first, second, …"), ordinals
        else:
            markers = rx.findall(r"(?:^|[\s;,])\(?(\d{1,2}|[a-h])\)\s", body)
            if len(markers) >= 2 and markers in ([str(i + 1) for i in range(len(markers))],
                                                 [chr(97 + i) for i in range(len(markers))]):
                # "(1) …; (2) …; and (3) …": the markers count the items, whatever "and" is inside one
                items = [rx.sub(r"[;,\s]*(?:\band|\bor)?\s*$", "", x.strip()) for x in
                         rx.split(r"\(?(?:\d{1,2}|[a-h])\)\s", body) if x.strip(" ;,")]
                count, list_end, how = len(markers), end, gettext("numbered (1), (2), … after the colon")
            else:
                # with semicolons, an item may hold commas and "and": only the semicolons separate
                sep = r";\s*(?:and\s+)?" if ";" in body else r";|,\s*(?:and\s+)?|\s+and\s+"
                items = [x.strip() for x in rx.split(sep, body) if x.strip()]
                if len(items) < 2:
                    continue
                count, list_end, how = len(items), end, gettext("list after the colon")
        stated = _mention(ex, m.start(1), m.end(1), n, "items")
        listed = _mention(ex, m.end(), list_end, count, "items")
        out.append(Claim("enumeration", {"stated": stated, "listed": listed},
                         {"how": how, "term": m.group().rstrip(" :"), "items": items}, m.start(), list_end))
    return out


# --- elapsed time ------------------------------------------------------------------------------

TITLE_NOT = regex.compile(r"[。！？；，,;]|[.!?](?:\s|$)")  # a line with a sentence in it is no title

def article_year(ex: Extraction) -> int | None:
    """The article's own year: a date near the top, else the year its title names ("2024 Annual Report",
    2023年工作总结: the year reported on, whatever plans for the next it states), else the latest year
    it mentions."""
    years = [m for m in ex.mentions if m.kind in ("year", "date")]
    for m in years:
        if m.nstart > 800:
            break
        y = rx.search(r"(?<!\d)((?:19|20)\d{2})(?!\d)", m.text)
        if y and m.kind == "date":
            return int(y.group(1))
    text = ex.norm.text
    for m in years:  # a year in one of the short lines (a title) the article opens with
        if m.nstart > 240:
            break
        line_start, line_end = text.rfind("\n", 0, m.nstart) + 1, text.find("\n", m.nstart)
        if line_end < 0:
            break  # (the article's last line is no title)
        title = text[line_start:line_end]
        if m.kind == "year" and m.value is not None and 1900 <= m.value <= 2100 and len(title) <= 80 \
                and text.count("\n", 0, line_start) < 3 and not TITLE_NOT.search(title):
            return int(m.value)
    values = [int(m.value) for m in years if m.kind == "year" and m.value is not None and 1900 <= m.value <= 2100
              and not PLAN_BEFORE.search(text[max(0, m.nstart - 12) : m.nstart])
              and not PLAN_AFTER.match(text[m.nend : m.nend + 4])]
    return max(values) if values else None


def _year_points(ex: Extraction) -> list[Mention]:
    """Year mentions, plus the year of each date (2004年5月), as year mentions in text order."""
    out = []
    for m in ex.mentions:
        if m.kind == "year" and m.value is not None and 1900 <= m.value <= 2100:
            out.append(m)
        elif m.kind == "date":
            y = rx.match(r"((?:19|20)\d{2})(?=年|-|/|\.)", ex.norm.text[m.nstart : m.nend])
            if y:
                v = _mention(ex, m.nstart, m.nstart + 4, int(y.group(1)))
                v.kind, v.unit = "year", None
                v.end, v.text = m.end, m.text
                v.nend = m.nend
                out.append(v)
    return out


def _digits_end(text: str, y: Mention) -> int:
    """Where the year's digits end (2004年5月 → after 2004), to read what follows the year."""
    d = rx.match(r"\d{4}", text[y.nstart : y.nstart + 4])
    return y.nstart + 4 if d else y.nend


def _launched(text: str, y: Mention, launch: tuple[str, ...]) -> bool:
    """The year's clause (up to 40 characters, within its sentence) names a start: 2004年5月，…实施…战略."""
    at = _digits_end(text, y)
    clause = text[at : at + 40]
    stop = rx.search(r"[。;；!?！？\n]", clause)
    clause = clause[: stop.start()] if stop else clause
    return any(w in clause for w in launch)


def _elapsed(ex: Extraction, spans: list[tuple[int, int]], R: EnumRules | None) -> list[Claim]:
    text = ex.norm.text
    ref = article_year(ex)
    launch = R.launch if R else ()
    out = []
    years = _year_points(ex)
    stated_before: set[tuple[int, str]] = set()
    anchors: set[int] = set()
    durations = [m for m in ex.mentions if m.kind == "duration" and m.label == "year" and m.value and not m.is_range]
    year_starts = [y.nstart for y in years]
    duration_starts = [d.nstart for d in durations]
    for s, e in spans:
        ds = durations[bisect_left(duration_starts, s) : bisect_left(duration_starts, e)]
        if not ds:
            continue
        ys = years[bisect_left(year_starts, s) : bisect_left(year_starts, e)]
        founding = [y for y in ys if FOUNDING.match(text[_digits_end(text, y) : _digits_end(text, y) + 10])
                    or text[max(0, y.nstart - 2) : y.nstart] in ("自从", "从", "自")
                    or (text[y.nstart - 1 : y.nstart] == "于" and any(  # 成立于1954年
                        text.endswith(w, max(0, y.nstart - 1 - len(w)), y.nstart - 1) for w in launch))
                    or EN_FIRST_YEAR.search(text, max(0, y.nstart - 40), y.nstart)]
        for d in ds:
            before = text[max(s, d.nstart - 3) : d.nstart]
            after = text[d.nend : d.nend + 2]
            wide_after = text[d.nend : d.nend + 12].lower()
            kind = "anniversary" if ("周年" in d.text or "anniversary" in wide_after) else \
                "consecutive" if ("连续" in before or "连" in d.text or rx.search(r"(?i)consecutive|straight|in a row", d.text + wide_after)) else \
                "since" if (after.startswith(("来", "以来", "间")) or rx.search(r"(?i)^\s*(?:since|ago)", wide_after)) else None
            if kind is None:
                continue
            first = next((y for y in founding if y.nstart < d.nstart), founding[0] if founding else None)
            first_from = "sentence"
            later = []
            if first is not None:
                # the last later year before the duration (the nearest 24 years looked at: linear time)
                k = bisect_left(year_starts, d.nstart)
                later = [y for y in years[max(0, k - 24) : k] if y.nstart > first.nend and y.value > first.value
                         and y.nstart >= s][-1:]
            elif ex.document.language != "en":
                first, later, first_from = _earlier_first_year(text, years, year_starts, s, d, kind, ys, launch)
                if first is None:
                    continue
            else:
                continue
            end_year = int(later[-1].value) if later else ref
            if end_year is None:
                continue
            said = (int(d.value), kind)
            if said in stated_before:
                continue  # a later restatement of the same span (20年来 again) is not checked again
            stated_before.add(said)
            if first_from != "sentence":
                if first.nstart in anchors:
                    continue  # that year already starts another duration
                anchors.add(first.nstart)
                span = end_year - int(first.value)
                if span < 1 or not 0.4 <= float(d.value) / span <= 2.5:
                    continue  # that far off, the year is more likely another event's
            out.append(Claim("elapsed", {"first": first, "duration": d},
                             {"kind": kind, "end_year": end_year, "end_from": "stated" if later else "article",
                              "first_from": first_from}))
    return out


def _earlier_first_year(text, years, year_starts, s, d, kind, ys, launch):
    """The first year of a duration whose sentence states none, from just before it (bounded window):

    * a sentence or paragraph that opens with the duration (20年来，…; 连续13年…) takes the nearest
      earlier year whose clause names a start (2004年5月，…实施…; 2014年以来);
    * an anniversary of a named start (诞生50周年) with its end year in the sentence takes the nearest
      earlier year of the paragraph before.
    """
    k = bisect_left(year_starts, s)
    prev = years[k - 1] if k > 0 else None
    if prev is None or s - prev.nstart > 700:
        return None, [], ""
    own = [y for y in ys if y.nstart < d.nstart]
    named = text[max(s, d.nstart - 8) : d.nstart]
    if kind == "anniversary" and own and any(named.endswith(w) for w in launch):
        if int(own[-1].value) > int(prev.value):
            return prev, own[-1:], "an earlier sentence"
        return None, [], ""
    opening = text[max(s, text.rfind("\n", s, d.nstart) + 1) : d.nstart].strip(" 连续已")
    if own or len(opening) > 12 or any(w in opening for w in launch) or not _launched(text, prev, launch):
        return None, [], ""
    return prev, [], "an earlier sentence"


# --- restated quantities -----------------------------------------------------------------------

DIGIT = regex.compile(r"[0-9]")
KEY = regex.compile(r"(\p{Han}{6,12})$")


def _restated(ex: Extraction, R: EnumRules | None) -> list[Claim]:
    text = ex.norm.text
    comparison = R.comparison if R is not None else None
    groups: dict[tuple, list[Mention]] = defaultdict(list)
    for m in ex.mentions:
        if m.kind not in ("count", "money") or not m.exact or m.value is None:
            continue
        key = KEY.search(text, max(0, m.nstart - 12), m.nstart)
        if not key or key.start() > 0 and text[key.start() - 1].isdigit():
            continue  # 从11.37万亿元提高到14.58万亿元: the words are the last number's unit and a verb, not a name
        words = key.group(1)
        if comparison is not None and comparison.search(words):
            continue  # "比上年末增加3.8万人": a change against the year before names no quantity of its own
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
        if _of_the_clause_before(text, a, words) or _of_the_clause_before(text, b, words):
            continue  # "恢复执行418件，…，执行到位金额1.23亿元": the amount of what the sentence counted first
        out.append(Claim("restated", {"first": a, "second": b}, {"words": words}))
    return out


def _of_the_clause_before(text: str, m: Mention, words: str) -> bool:
    """The name is a whole clause after a count of its sentence ("执结…案件1284件，执行到位金额1.86亿元"):
    the quantity of what that count counts, not the document's one quantity of that name."""
    at = m.nstart - len(words)
    if at <= 0 or text[at - 1] not in "，,；;":
        return False
    start = max(text.rfind(c, max(0, at - 200), at) for c in "。！？\n") + 1
    return DIGIT.search(text, start, at) is not None


def _context_years(text: str, m: Mention) -> set[str]:
    start = max(text.rfind("。", 0, m.nstart), text.rfind("\n", 0, m.nstart))
    return set(rx.findall(r"(?:19|20)\d{2}(?=年)|今年|去年|上年|同期|上半年|下半年|\d{1,2}月", text[start + 1 : m.nstart]))
