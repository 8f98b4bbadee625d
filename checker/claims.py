"""Claim assembly: the claim parser's second half.

Mentions within a sentence are tied into claims with roles (whole, part, rate, old, new, change,
items, values), driven by the vocabularies in ``rules/<lang>/claims.toml``.  Every pairing looks only
at a bounded window of neighbouring mentions, so the cost stays linear in the number of mentions
even for a sentence holding thousands of numbers.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from fractions import Fraction

import regex

from checker import patterns as rx

from checker.extract import Extraction
from checker.frames import HAN, SHORT_PAREN, abbreviated_in
from checker.model import Claim, Mention  # noqa: F401  (Claim re-exported for the assemblers)
from checker.sentences import by_sentence, sentences  # noqa: F401  (re-exported: engine and doc_claims use claims.sentences)

COUNTABLE = ("count", "money", "measure")
#: an item with its value in parentheses after it ("Park Operations ($1,164 million)")
PAREN_ITEM = regex.compile(r"[^,()]+?\s*\([^()]*\d[^()]*\)")
EN_OF_WHOLE_BEFORE = regex.compile(r"\bof\s+(?:the|all(?:\s+the)?)\s+$", regex.IGNORECASE)  # "16,542 of the 39,345"
EN_SHARE_AFTER = regex.compile(r"(?:,\s*or\s+|\(\s*)$")  # "…, or 74.3%", "… (10.2%)": a share of the count before
EN_OF_WHOLE_GAP = regex.compile(r"\s+of\s+(?:the\s+|all\s+)?", regex.IGNORECASE)  # "8,931 of the 26,929"
EN_LETTERS = regex.compile(r"[a-z]+")
EN_WORD_TAIL = regex.compile(r"[A-Za-z][A-Za-z-]+(?=\W*$)")  # an item's last word ("the Midwest" → Midwest)
EN_CONJUNCTION = regex.compile(r"\s+(?:and|or)\s+", regex.IGNORECASE)
EN_COMMA_ITEMS = regex.compile(r"\s*,\s*(?:(?:and|or)\s+)?", regex.IGNORECASE)  # items split at commas only
#: between a count and its share: "18,552 filings, or 30.0 percent", "(17,190; 27.8 percent)", "11,878 filings (19.2 percent)"
#: the noun right after a count, what it counts ("18,552 filings")
EN_NOUN_AFTER = regex.compile(r"\s+([a-z]{3,}s)\b")
#: a span of years that a 分别 list goes through one by one (2021年至2025年分别为…)
YEAR_SPAN = regex.compile(r"((?:19|20)\d\d)\s*年?\s*(?:至|到|—|－|-|~|～)\s*((?:19|20)\d\d)\s*年?(?:间|期间)?\s*(?:[，,])?\s*$")
#: the total word that may end a whole's name (出口总额 is stated as 出口1984.2亿元)
TOTAL_SUFFIX = regex.compile(r"(?:总额|总量|总数|总值|总计|合计|人数|件数|户数|数量)$")
#: a heading line: short, alone between blank lines, with no sentence end (四、国内贸易; How people work)
HEADING_LINE = regex.compile(r"(?:^|(?<=\n\n))[^\n。．.！？!?；;，,]{1,24}\n(?=\n)")
#: the lists of rules/<lang>/claims.toml that are regular expressions, not words (Vocabulary
#: compiles them; a user pack's are compiled at load to refuse a bad one: checker.rulepack)
PATTERN_LISTS = frozenset({"together_before", "each_before", "comparator_before", "named_share_before",
                           "not_level_before", "named_change_name", "change_verb_between", "partitive_open",
                           "remainder_before", "of_total_after", "of_those_after", "net_before",
                           "net_rising_before", "net_falling_before", "total_lead_before", "remainder_item",
                           "list_framing", "contribution_verbs", "split_into", "total_of_above", "qualified_anaphor_after", "earlier_composition_before", "respectively_list_verb", "open_range_end", "share_of_count_gap", "answer_sets", "named_whole_after", "listed_item_change", "listed_item_from", "share_verb_before", "difference_between", "difference_and"})


#: the colon (and the unit words before it) that opens the changes a net change nets
NET_COLON = regex.compile(r"(?:\s+[A-Za-z-]+){0,4}\s*[:：]")


def _negated(m: Mention) -> Mention:
    """A fall as a signed amount: "shed 7,000" is −7,000 in the net change it takes part in."""
    return replace(m, value=-m.value, low=None if m.high is None else -m.high, high=None if m.low is None else -m.low)


def _opened(before: str) -> bool:
    """A parenthesis is open at the end of ``before`` (the number after it stands inside one)."""
    return max(before.rfind("（"), before.rfind("(")) > max(before.rfind("）"), before.rfind(")"))


def _complement(first: str, second: str, negating: frozenset[str]) -> bool:
    """``second`` is the negation of ``first`` (不起诉 of 提起公诉, 不批准逮捕 of 批准逮捕): together, all."""
    if len(second) < 3 or second[0] not in negating or first[:1] in negating:
        return False
    return abbreviated_in(second[1:], first) >= 0  # (起诉 in 提起公诉, in short)


def _bigram_shared(a: str, b: str) -> bool:
    """Two Chinese names share a pair of characters (止付资金 and 冻结资金 share 资金)."""
    pairs = {a[k : k + 2] for k in range(len(a) - 1) if HAN.fullmatch(a[k : k + 2])}
    return any(b[k : k + 2] in pairs for k in range(len(b) - 1))


def _merge_open_ended(items: list[str], open_end: regex.Pattern | None) -> list[str]:
    """Items with an open-ended range made whole again: [..., "65", "older"] → [..., "65 and older"]
    (``open_end``: the words that end such a range, claims.toml ``open_range_end``)."""
    out: list[str] = []
    for x in items:
        if out and open_end is not None and open_end.fullmatch(x.strip()) and out[-1].strip()[-1:].isdigit():
            out[-1] = f"{out[-1].rstrip()} and {x.strip()}"
        else:
            out.append(x)
    return out
NAMED_REACH = 600  # how far back a named quantity is looked for
# between a name and its number (an alias in parentheses too: 地区生产总值（GDP）4862.37亿元)
FROM_GAP = regex.compile(r"(?:由|从)[^，,。；;\d]{0,10}")  # between a name and the from-value of its from/to pair
NAME_TO_NUMBER = regex.compile(r"(?:[（(][^（）()\d]{1,12}[）)])?(?:为|达到|达|是|完成|实现|共|总计|合计)?")
EN_NAME_REACH = 40  # English: how far after a name of an identity its amount may stand (one clause)
COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}  # the count words of together_before
CLAUSE_END = regex.compile(r"[，,：:；;]")
# A total after its parts is introduced by a total word at the head of its own clause ("，合计450件").


CLAUSE_SPLIT = regex.compile(r"[，,；;：:。]")


class Vocabulary:
    """The claim words of one language, compiled into regexes once."""

    def __init__(self, words: dict[str, tuple[str, ...]], language: str) -> None:
        self.language = language
        english = language == "en"

        def rx(name: str):
            alts = "|".join(regex.escape(w) for w in sorted(words.get(name, ()), key=len, reverse=True))
            if not alts:
                return regex.compile(r"(?!x)x")
            return regex.compile(rf"\b(?:{alts})\b" if english else f"(?:{alts})", regex.IGNORECASE)

        self.part = rx("part_words")
        self.rate = rx("rate_words")
        self.change = rx("change_words")
        self.to = rx("to_words")
        self.from_ = rx("from_words")
        self.subset = rx("subset_words")
        self.total = rx("total_words")
        self.negation = rx("negations")
        self.respectively = rx("respectively")
        self.trailers = rx("list_trailers")
        seps = sorted(words.get("list_separators", ()), key=len, reverse=True)
        self.separators = regex.compile("|".join(
            (rf"\s*\b{regex.escape(s)}\b\s*" if s.isascii() and s.isalpha() else rf"\s*{regex.escape(s)}\s*")
            for s in seps) or "(?!x)x",
            regex.IGNORECASE)
        self.unbounded = rx("unbounded_rate_words")
        # breakdowns (see _Sentence.breakdowns): "分产业看，" / "从隶属关系看，" / "consisted of"
        opens, closes = words.get("breakdown_open", ()), words.get("breakdown_close", ())
        self.breakdown = regex.compile(
            rf"(?:{'|'.join(map(regex.escape, opens))})[^，,。；;：:\d()（）]{{1,10}}?(?:{'|'.join(map(regex.escape, sorted(closes, key=len, reverse=True)))})\s*[，,：:]"
            if opens and closes else r"(?!x)x")
        self.breakdown_words = rx("breakdown_words")
        self.partial = rx("partial_words")
        self.new_quantity = rx("new_quantity")
        self.increment = rx("increment_words")
        # a number right after an increment word is a change, not a level (增加2万人, 多2万人)
        self.after_increment = regex.compile(rf"(?:{self.increment.pattern})(?:了|约|近|超过|逾)?$")
        self.compounds = tuple(words.get("list_compounds", ()))
        self.whole_prefixes = tuple(words.get("whole_prefixes", ()))  # 全部投资: the whole of the part compared
        self.fall_size = rx("fall_size_words")  # 降幅: the size of a fall, compared unsigned
        self.distributive_heads = frozenset(words.get("distributive_heads", ()))  # 各年, 逐月: a set, no members
        self.exhaustive_sets = tuple(tuple(x.split("|")) for x in words.get("exhaustive_sets", ()))
        self.shared_value = rx("shared_value_words")
        self.ratio_words = rx("ratio_words")
        self.identities = tuple((t.partition("=")[0].strip(), tuple(x.strip() for x in t.partition("=")[2].split("+")))
                                for t in words.get("identities", ()) if "=" in t)
        self.flow = rx("flow_words")
        self.anaphora = rx("anaphora_words")
        self.per = rx("per_words")
        self.stock = rx("stock_words")

        def patterns(name: str):
            assert name in PATTERN_LISTS, name  # a rule pack's lists of this name are compiled at load
            pats = words.get(name, ())
            return regex.compile("|".join(f"(?:{p})" for p in pats), regex.IGNORECASE) if pats else None

        self.together_before, self.each_before = patterns("together_before"), patterns("each_before")
        self.comparator_before = patterns("comparator_before")
        self.balance = rx("balance_words")
        self.complete_heads = rx("complete_heads")
        self.named_share_before = patterns("named_share_before")
        self.segment_verbs = rx("segment_verbs")
        self.not_level_before = patterns("not_level_before")
        self.not_change = rx("not_change_words")
        self.negating = frozenset("".join(words.get("negating_prefixes", ())))
        # a change against an earlier value named in the clause (批准逮捕人数较上年的497人下降12.3%)
        self.named_change_name, self.change_verb_between = patterns("named_change_name"), patterns("change_verb_between")
        # a list of the parts of a whole named at the sentence's opening (Of the 64,210 defendants, …)
        self.partitive_open, self.remainder_before = patterns("partitive_open"), patterns("remainder_before")
        self.of_total_after = patterns("of_total_after")  # "or 30.0 percent of the total"
        self.total_lead = patterns("total_lead_before")  # 刑事120件、民事300件，合计450件
        self.of_those_after = patterns("of_those_after")  # "27,000 of those jobs"
        self.remainder_items = patterns("remainder_item")  # 其他谷物, 其余, other: a list's last item is the rest
        # a net change and the signed changes it nets ("rose by a net 22,000: construction added …")
        self.net_before = patterns("net_before")
        self.net_rising, self.net_falling = patterns("net_rising_before"), patterns("net_falling_before")
        self.falling_before = rx("falling_before")
        # what opens an earlier composition, not the one a breakdown has (由上年的10.0:49.0:41.0)
        self.composition_before = patterns("earlier_composition_before")
        # a framing phrase before a respectively list, no item of it: "By region, …", "Of the $2.9 billion fund, …"
        self.list_framing = patterns("list_framing")
        self.contribution_verbs = patterns("contribution_verbs")  # "contributed $1.87 billion, … respectively"
        self.split_into = patterns("split_into")  # "break down into", "splits into": a share divided
        self.total_of_above = patterns("total_of_above")  # 上述罪名合计: the sum of the items before it
        # "those in employment", "those aged 15-24": a pronoun with its own description, no anaphor
        self.qualified_anaphor = patterns("qualified_anaphor_after")
        # the verb after a respectively list's items ("A, B and C rose …"): the subject ends there
        self.list_verb = patterns("respectively_list_verb")
        self.open_range_end = patterns("open_range_end")  # "65 and older", "five or more": one item
        self.share_of_count_gap = patterns("share_of_count_gap")  # "18,552 filings, or 30.0 percent"
        # "$1,833 billion, the difference between outlays of $6,751 billion and receipts of $4,918 billion"
        self.difference_between, self.difference_and = patterns("difference_between"), patterns("difference_and")
        self.share_verb_before = patterns("share_verb_before")  # "… and accounted for 44.1 percent of the total"
        self.named_whole_after = patterns("named_whole_after")  # "… or 33.4 percent of the budget" (group noun)
        # the change of an item of the respectively list before ("Starts in the South gained 5.8 percent from 701,000")
        self.listed_item_change, self.listed_item_from = patterns("listed_item_change"), patterns("listed_item_from")
        # the complete answer sets of a question, each one pattern with a group an answer
        self.answer_sets = tuple(regex.compile(p, regex.IGNORECASE) for p in words.get("answer_sets", ()))


def assemble(ex: Extraction, vocab: Vocabulary, spans: list[tuple[int, int]]) -> list[Claim]:
    """Every candidate claim of the document, sentence by sentence (``spans``: see sentences())."""
    text = ex.norm.text
    stats = [m for m in ex.mentions if m.is_statistic]
    claims: list[Claim] = []
    previous: list[Mention] = []
    carry: dict = {}  # what a sentence hands to the next one (the whole of a running breakdown)
    everything = (stats, [m.nstart for m in stats])  # indexed once: a sentence looks names up by bisection
    for s_start, s_end, group in by_sentence(stats, spans):
        if not group:
            if text[s_start:s_end].strip():  # a sentence without numbers ends what the one before opened
                previous = []
                carry.clear()
            continue
        sentence = _Sentence(text, s_start, s_end, group, vocab, previous, carry, everything)
        claims.extend(sentence.claims())
        previous = group[:12] if len(group) <= 24 else group[:12] + group[-12:]
    return claims


class _Sentence:
    def __init__(self, text: str, start: int, end: int, mentions: list[Mention], vocab: Vocabulary,
                 previous: list[Mention] = (), carry: dict | None = None,
                 everything: tuple[list[Mention], list[int]] = ((), ())) -> None:
        self.text, self.start, self.end, self.ms, self.v = text, start, end, mentions, vocab
        # the document's statistics in text order, and their starts (for a name looked up before)
        self.everything, self.everything_starts = everything
        # numbers of the sentence before (its first and last ones: a 其中 or 分产业看 may open this one)
        self.previous = list(previous)
        self.carry = carry if carry is not None else {}
        self.en = vocab.language == "en"
        self._items_at = start  # where the items of the last 分别 list found in an earlier clause begin
        # the respectively list of the sentence before: its items' last words and values (English), or its
        # items' names, percent changes and their direction (Chinese 分别)
        self.listed_values: list[tuple[str, Mention]] = self.carry.pop("listed_values", [])
        self.listed_changes: list[tuple[str, Mention, str]] = self.carry.pop("listed_changes", [])
        self.starts = [m.nstart for m in mentions]
        # clause boundaries once per sentence, so that every clause look-up is a bisection
        self.clause_marks: list[tuple[int, int]] = [
            (c.start(), c.end()) for c in CLAUSE_END.finditer(text, start, end)
            if not (self.en and c.group() == "," and _thousands_comma(text, c.start()))
        ]
        self.clause_ends = [e for _, e in self.clause_marks]
        self.clause_starts = [s for s, _ in self.clause_marks]

    def from_index(self, pos: int) -> int:
        """Index of the first mention starting at or after ``pos``."""
        return bisect_left(self.starts, pos)

    def mentions_between(self, lo: int, hi: int) -> list[Mention]:
        return self.ms[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]

    # -- helpers -----------------------------------------------------------------------------
    def clause_start(self, pos: int) -> int:
        """Start of the clause holding ``pos`` (after the last comma or colon before it)."""
        k = bisect_right(self.clause_ends, pos) - 1
        return self.clause_ends[k] if k >= 0 else self.start

    def clause_end(self, pos: int) -> int:
        k = bisect_left(self.clause_starts, pos)
        return self.clause_starts[k] if k < len(self.clause_starts) else self.end

    def before(self, m: Mention, limit: int = 14) -> str:
        """Words just before a mention, inside its clause."""
        cs = max(self.clause_start(m.nstart), m.nstart - limit)
        return self.text[cs : m.nstart]

    def after(self, m: Mention, limit: int = 24) -> str:
        return self.text[m.nend : min(self.clause_end(m.nend), m.nend + limit)]

    def near(self, m: Mention) -> str:
        """Context of a count's role: the words before it (Chinese) or around it (English)."""
        if self.en:
            after = self.after(m, 30)
            cut = rx.search(r"\s(?:and|but|while|with)\s", after)
            return self.before(m, 40) + " " + (after[: cut.start()] if cut else after)
        return self.before(m, 12)

    @staticmethod
    def compatible(a: Mention, b: Mention) -> bool:
        """Two quantities can pair: same kind, and same unit where both have one (起 and 件 agree)."""
        if a.kind != b.kind or a.kind not in COUNTABLE:
            return False
        if a.kind == "count":
            return True if (a.unit is None or b.unit is None) else _same_count_unit(a.unit, b.unit)
        return a.label == b.label

    # -- claims ------------------------------------------------------------------------------
    def claims(self) -> list[Claim]:
        out: list[Claim] = []
        out.extend(self.respectively())
        out.extend(self.subsets())
        out.extend(self.breakdowns())
        out.extend(self.within())
        out.extend(self.parenthesized())
        out.extend(self.ratios())
        out.extend(self.identities())
        out.extend(self.flows())
        out.extend(self.thresholds())
        out.extend(self.contributions())
        out.extend(self.complements())
        out.extend(self.totals_after_parts())
        out.extend(self.together_totals())
        out.extend(self.named_shares())
        out.extend(self.named_changes())
        out.extend(self.partitive_lists())
        out.extend(self.shares_with_a_remainder())
        out.extend(self.answer_shares())
        out.extend(self.complementary_parts_of_a_whole_after())
        out.extend(self.shares_split_into())
        out.extend(self.shares_of_a_total_before())
        out.extend(self.shares_of_a_named_whole_before())
        out.extend(self.remainders_of_a_whole())
        out.extend(self.differences_between())
        out.extend(self.changes_of_listed_items())
        out.extend(self.changes_of_listed_items_zh())
        out.extend(self.parts_of_those())
        out.extend(self.net_changes())
        out.extend(self.colon_breakdowns())
        out.extend(self.comparators())
        out.extend(self.each_shares())
        out.extend(self.bounds())
        out.extend(self._composition_of_breakdown(out))
        out.extend(self._paired_sums(out))
        return out

    def _paired_sums(self, found: list[Claim]) -> list[Claim]:
        """"审结690件941人，其中提起公诉612件838人，不起诉78件103人": a sum over the first counts of
        件/人 pairs holds for the second counts too (941 = 838 + 103), when the total and every part
        has its twin right after it."""
        out = []
        for c in found:
            if c.rule != "sum" or not isinstance(c.roles.get("parts"), list):
                continue
            total, parts = c.roles["total"], c.roles["parts"]
            twins = [self._twin(m) for m in [total, *parts]]
            if all(t is not None for t in twins) and len({t.unit for t in twins}) == 1 and all(t.exact for t in twins):
                facts = {k: v for k, v in c.facts.items() if k in ("exhaustive", "kind")}
                out.append(Claim("sum", {"total": twins[0], "parts": twins[1:]}, facts))
        return out

    def _twin(self, m: Mention) -> Mention | None:
        """The count printed right after ``m`` in another unit (690件941人: 941人), if any."""
        k = bisect_left(self.everything_starts, m.nend)  # (the total may stand in the sentence before)
        nxt = self.everything[k] if k < len(self.everything) else None
        if nxt is None or nxt.nstart != m.nend or nxt.kind != "count" or m.kind != "count" or nxt.unit == m.unit \
                or nxt.unit is None or nxt.value is None:
            return None
        return nxt

    def _composition_of_breakdown(self, found: list[Claim]) -> list[Claim]:
        """"地区生产总值3860亿元。其中，第一产业210亿元…；第二产业1620亿元…；第三产业2030亿元…。三次产业结构为
        5.4∶42.0∶52.6": a composition right after a breakdown with as many parts is, term by term, the
        share of each part in the total (a rate each).  The breakdown is the last one of this sentence
        or the sentence before; the binding is by order and count alone, so its findings are warnings."""
        sums = [c for c in found if c.rule == "sum" and len(c.roles.get("parts", ())) >= 2]
        if sums:
            last = sums[-1]
        else:
            last = self.carry.get("last_sum")
        self.carry["last_sum"] = last
        compositions = [c for c in found if c.rule == "share_total" and c.facts.get("what") == "composition"]
        out = []
        # the composition the breakdown has: the last of the sentence ("由上年的10.0:49.0:41.0调整为10.1:48.9:41.0"
        # gives last year's first), and none that a reference word opens
        for c in compositions[-1:]:
            if last is None or (self.v.composition_before is not None and self.v.composition_before.search(
                    self.text, max(self.start, c.start - 8), c.start)):
                continue
            terms, parts, total = c.roles["shares"], last.roles["parts"], last.roles["total"]
            if len(terms) != len(parts) or total.value is None or total.value <= 0 or \
                    not all(p.exact and p.value is not None and p.kind == total.kind for p in parts):
                continue
            for part, term in zip(parts, terms):
                # writers force a rounded composition to 100: a term may be one unit of its last digit
                # off its part's share (as share_total accepts), which the "about" interval allows
                out.append(Claim("rate", {"whole": total, "part": part, "rate": replace(term, qualifier="about")},
                                 {"weak": True}))
        return out

    def _is_level(self, m: Mention) -> bool:
        """A stated level: not an increment (增加2万人, 多2万人, up 3,000) and not the base of a
        comparison (比上年的X, 去年同期为X, from X): neither is a whole nor a part of a level."""
        if m.kind not in COUNTABLE or m.is_range or m.value is None:
            return False
        if self.start <= m.nstart < self.end:
            before = self.before(m, 12)
        else:  # a number of the sentence before
            before = CLAUSE_SPLIT.split(self.text[max(0, m.nstart - 12) : m.nstart])[-1]
        if self.v.per.search(before):
            return False  # 人均结案77件, an average of 254,000: a ratio, not a level
        if not self.en and self.v.after_increment.search(before):
            return False
        return self.v.not_level_before is None or not self.v.not_level_before.search(before)

    def _closed_before(self, m: Mention, pos: int) -> bool:
        """``m`` stands inside parentheses that close before ``pos`` ("3620件（含旧存412件），其中…")."""
        seg = self.text[m.nend : pos]
        return seg.count(")") + seg.count("）") > seg.count("(") + seg.count("（")

    def _in_parens(self, lo: int, pos: int) -> bool:
        seg = self.text[lo:pos]
        return seg.count("(") + seg.count("（") > seg.count(")") + seg.count("）")

    def _parts_after(self, lo: int, hi: int, like: Mention, *, stop_at_new: bool, stop_at_subset: bool = False):
        """Level numbers compatible with ``like`` in [lo, hi), outside parentheses opened there (a nested
        breakdown is not summed flat), at most 12.  Returns (parts, n): n parts come before a clause
        that starts a new quantity (另有, 此外).  ``stop_at_subset``: a 其中 clause after the parts splits
        one of them ("…C1204件，其中金融借款类案件合计4873件"), it is no sibling: the parts end there."""
        parts, before_new = [], None
        for m in self.mentions_between(lo, hi)[:24]:
            if not self.compatible(like, m) or not self._is_level(m) or self._in_parens(lo, m.nstart):
                continue
            if like.unit is not None and m.unit is None and m.kind == "count" and parts:
                continue  # "男性222.1万人，女性216.6万人，性别比为102.5": a bare number after counts is no part
            head = self.text[self.clause_start(m.nstart) : m.nstart]
            if stop_at_subset and parts and self._subset_between(parts[-1].nend, m.nstart):
                break
            if self.v.balance.search(head):
                break  # "出口780亿元，进口420亿元；贸易顺差360亿元": a balance ends the parts
            if parts and self._totalled(parts, m.nstart + 1):
                # "分别为1862件、…和938件，合计10542件": a clause opened by a total word ends the parts, it
                # is none (but "缓刑、拘役或管制合计556259人" is an item named as a group)
                break
            if before_new is None and self.v.new_quantity.match(head.lstrip()):
                before_new = len(parts)
                if stop_at_new:
                    break
            parts.append(m)
            if len(parts) >= 12:
                break
        return parts, (len(parts) if before_new is None else before_new)

    def _totalled(self, parts: list[Mention], hi: int) -> bool:
        """The parts are followed by a clause that gives their total (…和938件，合计10542件)."""
        after = self.mentions_between(parts[-1].nend, hi)[:1]
        if not after or not self.compatible(parts[-1], after[0]):
            return False
        head = self.text[self.clause_start(after[0].nstart) : after[0].nstart].strip(" ，,、")
        total = self.v.total.match(head)
        return total is not None and len(head) - total.end() <= 3

    def _named_total(self, m: Mention) -> bool:
        """The count is named as the total of the items before it (上述罪名合计515人, 以上合计…): no part
        of the list but its sum (unlike 缓刑、拘役或管制合计556259人, which totals its own label's items)."""
        head = self.text[self.clause_start(m.nstart) : m.nstart].strip(" ，,、")
        return self.v.total_of_above is not None and self.v.total_of_above.search(head) is not None

    def _label(self, m: Mention) -> str:
        return self.text[self.clause_start(m.nstart) : m.nstart].strip()

    def _complete_set(self, parts: list[Mention], labels: list[str] | None = None) -> bool:
        """Parts that name a complete split: X and 非X (税收收入, 非税收入), or every member of one of the
        exhaustive_sets (城镇/乡村, 限额以上/限额以下, 一产/二产/三产).  ``labels``: each part's words
        (default: its clause before it)."""
        labels = labels or [self._label(p) for p in parts]
        if len(labels) == 2 and rx.match(r"(?:其中)?[，,]?\s*非", labels[1]) and not rx.match(r"(?:其中)?[，,]?\s*非", labels[0]):
            return True
        if len(labels) >= 2 and self.v.remainder_items is not None and self.v.remainder_items.match(labels[-1].lstrip("，,；;、和及 ")):
            return True  # "…，玉米…，其他谷物及豆类32.5万亩": the last item is the rest
        names = [(HAN.findall(x) or [""])[-1] for x in labels]  # each label's last run of Han characters
        if len(labels) == 2 and _complement(names[0], names[1], self.v.negating):
            return True  # "提起公诉1439人，不起诉198人", "批准逮捕438人，不批准逮捕147人": X and not X
        for members in self.v.exhaustive_sets:
            if len(members) != len(labels):
                continue
            if all(any(w in lab for w in members) for lab in labels) and all(any(w in lab for lab in labels) for w in members):
                return True
        return False

    def _wholes_before(self, pos: int, like: Mention) -> list[Mention]:
        """Candidate wholes of a breakdown opening at ``pos``: level numbers before it in the sentence
        (nearest first), else those of the sentence before (in order), at most three."""
        k = self.from_index(pos)
        here = [m for m in reversed(self.ms[max(0, k - 6) : k]) if self.compatible(like, m) and self._is_level(m)
                and not self._closed_before(m, pos)]
        if here:
            return here[:3]
        if self.ms[:k] if self.en else self.text[self.start : pos].strip(" \n\t\"“”'，,："):
            return []
        return [m for m in self.previous if self.compatible(like, m) and self._is_level(m)][:3]

    def breakdowns(self) -> list[Claim]:
        """A total split over later clauses or sentences: "总额290亿元，增长5%。分规模看，限额以上67.9亿元，
        下降2.2%；限额以下222.1亿元，增长7.5%" (and the next "分地域看" sentence splits the same total);
        "三次产业中，第一产业…" (a 中 clause naming the dimension); a sentence whose clauses name a complete
        split ("当月城镇市场零售额…；乡村市场…") after the sentence of its total;
        "$44 million. This consisted of $42.5 million … and $1.5 million"."""
        out: list[Claim] = []
        carried = self.carry.pop("wholes", None)
        if self.en:
            markers = [(mk.start(), mk.end(), False) for mk in list(self.v.breakdown_words.finditer(self.text, self.start, self.end))[:3]]
        else:
            markers = [(mk.start(), mk.end(), False) for mk in list(self.v.breakdown.finditer(self.text, self.start, self.end))[:4]
                       if not self.text[self.clause_start(mk.start()) : mk.start()].strip(" \n\t\"“”'")]
            if not markers:
                # "三次产业中，…" / no marker at all: only a complete split counts (checked below)
                dim = rx.match(r"\s*(?:在)?([^，,。；;\d()（）]{1,10})中\s*[，,]", self.text[self.start : self.end])
                markers = [(self.start, self.start + dim.end(), True)] if dim else [(self.start, self.start, True)]
                if dim:
                    out.extend(self._named_whole(dim.group(1).strip(), self.start + dim.end()))
        for n, (mk_start, mk_end, implicit) in enumerate(markers):
            hi = markers[n + 1][0] if n + 1 < len(markers) else self.end
            first = next((m for m in self.mentions_between(mk_end, hi)[:8] if m.kind in COUNTABLE and self._is_level(m)
                          and not self._in_parens(mk_end, m.nstart)), None)
            if first is None or (self.en and len(self.text[mk_end : first.nstart]) > 16):
                continue
            if self._whole_inside(mk_end, first) is not None:
                continue  # "从消费形态看，全年366262亿元的零售总额中，…": see within()
            opens_sentence = not self.text[self.start : mk_start].strip(" \n\t\"“”'")
            parts, n_before_new = self._parts_after(mk_end, hi, first, stop_at_new=False, stop_at_subset=not self.en)
            if len(parts) < 2 or self._totalled(parts, hi) or any(self._named_total(p) for p in parts[1:]):
                continue  # (parts with a total of their own, 合计10542件, are a sub-list: their sum is its)
            complete = self._complete_set(parts)
            if implicit and not complete:
                continue
            wholes = []
            lead = self.text[mk_start : mk_end]
            # the whole of the breakdown before ("分规模看…。分地域看…" split one total two ways); a partial
            # one ("从主要税种收入看") rather splits a part named in the sentence before
            if opens_sentence and carried and not self.v.partial.search(lead):
                wholes = [m for m in carried if self.compatible(first, m)]
            if not wholes:
                wholes = self._wholes_before(mk_start, first)
            if not wholes:
                continue
            biggest = max(w.value for w in wholes)
            if max(p.value for p in parts) > biggest * 3 / 2 or sum(p.value for p in parts) > biggest * 2:
                continue  # parts larger than every candidate total are not its breakdown (a list of indicators)
            partial = bool(self.v.partial.search(lead)) or bool(self.v.partial.search(self.text[parts[-1].nend : hi]))
            exhaustive = (complete or not (partial or implicit)) and all(p.exact for p in parts)
            readings = [parts] + ([parts[:n_before_new]] if 2 <= n_before_new < len(parts) else [])
            out.append(Claim("sum", {"total": wholes[0], "parts": parts},
                             {"exhaustive": exhaustive, "totals": wholes, "readings": readings, "kind": "breakdown"}))
            if exhaustive:
                out.extend(self._breakdown_shares(parts, hi))
            if opens_sentence:
                self.carry["wholes"] = wholes
        return out

    def _named_whole(self, name: str, lo: int) -> list[Claim]:
        """"第二产业131577亿元，…。在第二产业中，工业民间投资为130357亿元": the whole is the number the
        sentence before gives for the name; every level of this sentence is at most that (nested
        parts too, so no sum)."""
        if len(name) < 2:
            return []
        at = self.text.rfind(name, max(0, self.start - 300), self.start)
        if at >= 0:
            whole = next((m for m in self.previous if m.nstart >= at + len(name) and m.kind in COUNTABLE), None)
            if whole is not None and whole.nstart - (at + len(name)) > 8:
                whole = None
        else:  # named in short (执结案件中 after 执结执行案件3807件): the name's characters in order
            whole = next((m for m in reversed(self.previous) if m.kind in COUNTABLE
                          and abbreviated_in(name, CLAUSE_SPLIT.split(self.text[max(0, m.nstart - 12) : m.nstart])[-1]) >= 0),
                         None)
        if whole is None or not whole.exact or not self._is_level(whole):
            return []
        out = []
        for m in self.mentions_between(lo, self.end)[:12]:
            if self.compatible(whole, m) and m.exact and self._is_level(m):
                out.append(Claim("part_le_whole", {"whole": whole, "part": m}))
                if len(out) >= 4:
                    break
        return out

    def thresholds(self) -> list[Claim]:
        """"占比超过10%的有44种、超过20%的有23种、超过30%的有11种": a higher threshold is met by no more
        items than a lower one."""
        out = []
        if self.en:
            return out
        prev = None
        for t in list(rx.finditer(r"(?:超过|高于|大于|不低于|达到)(\d+(?:\.\d+)?)%(?:以上)?的(?:有|为|达)?", self.text[self.start : self.end][:3000]))[:12]:
            end = self.start + t.end()
            k = self.from_index(end)
            m = self.ms[k] if k < len(self.ms) else None
            if m is None or m.nstart - end > 2 or m.kind != "count" or not m.exact:
                prev = None
                continue
            level = Fraction(t.group(1))
            if prev is not None and level > prev[0] and self.compatible(prev[1], m) and \
                    rx.fullmatch(r"\s*[、，,；;]?\s*(?:占比|占)?\s*", self.text[prev[1].nend : self.start + t.start()]):
                out.append(Claim("part_le_whole", {"whole": prev[1], "part": m}))
            prev = (level, m)
        return out

    def contributions(self) -> list[Claim]:
        """"投资对经济增长的贡献率为57%…。消费对经济增长的贡献率为35%…。净流出对经济增长的贡献率为8%": the
        contributions of a complete split (exhaustive_sets) to one growth add up to 100%, over
        consecutive sentences."""
        if self.en:
            return []
        run = self.carry.pop("contrib", [])
        found = False
        for m in self.ms[:64]:
            if m.kind != "percent" or not m.exact:
                continue
            c = rx.search(r"对([^，,。；;\d]{1,10}?)的?贡献率(?:为|达到|达|是)?$", self.before(m, 20))
            if not c:
                continue
            lead = self.text[self.clause_start(m.nstart) : m.nstart]
            subject = lead[: lead.find("对" + c.group(1))] if ("对" + c.group(1)) in lead else ""
            if run and run[-1][0] != c.group(1):
                run = []
            run.append((c.group(1), subject.strip(), m))
            found = True
        if not found:
            return []
        run = run[-6:]
        self.carry["contrib"] = run
        subjects = [x[1] for x in run]
        for members in self.v.exhaustive_sets:
            if len(members) == len(run) and all(any(w in sub for w in members) for sub in subjects) and \
                    all(any(w in sub for sub in subjects) for w in members):
                shares = [x[2] for x in run]
                terms = [(x.value, x.decimals) for x in shares]
                self.carry.pop("contrib", None)
                return [Claim("share_total", {"shares": shares}, {"what": "contributions", "terms": terms})]
        return []

    def _breakdown_shares(self, parts: list[Mention], hi: int) -> list[Claim]:
        """"刑事案件1126748件，占9.84%；民商事案件10097804件，占比88.23%；行政案件220398件，占比1.39%": the
        shares of an exhaustive breakdown, one after each part, add up to 100."""
        shares = []
        for n, p in enumerate(parts):
            stop = parts[n + 1].nstart if n + 1 < len(parts) else hi
            nxt = next((m for m in self.mentions_between(p.nend, stop)[:3] if m.kind == "percent"), None)
            if nxt is None or nxt.is_range or not rx.search(r"占[^，,；;。\d]{0,8}$", self.text[p.nend : nxt.nstart]) \
                    or len(self.text[p.nend : nxt.nstart]) > 14:
                return []
            shares.append(nxt)
        terms = [(m.value, m.decimals) for m in shares]
        return [Claim("share_total", {"shares": shares}, {"what": "breakdown shares", "terms": terms})]

    def _whole_inside(self, lo: int, first: Mention) -> Mention | None:
        """The whole of "全年366262亿元的零售总额中，" / "纳入统计的82种工业产品中，": a number in a clause that
        ends with 中 (in Chinese)."""
        if self.en:
            return None
        ce = self.clause_end(lo + 1)
        if first.nstart >= ce:
            return None
        clause = self.text[first.nend : ce]
        if rx.fullmatch(r"[^，,；;。\d]{0,14}中\s*", clause):
            return first
        return None

    def within(self) -> list[Claim]:
        """"纳入统计的82种工业产品中，产量增长的有45种": each part ≤ the whole named in the 中 clause; several
        parts in separate clauses (；) are also a breakdown that cannot exceed it."""
        out = []
        if self.en:
            return out
        for c in rx.finditer(r"中\s*[，,]", self.text[self.start : self.end][:2000]):
            pos = self.start + c.start()
            cs = self.clause_start(pos)
            inside = [m for m in self.mentions_between(cs, pos) if m.kind in COUNTABLE and self._is_level(m)]
            if not inside:
                continue
            whole = inside[-1]
            if not rx.fullmatch(r"[^，,；;。\d]{0,14}", self.text[whole.nend : pos]) or not whole.exact:
                continue
            parts, _ = self._parts_after(self.start + c.end(), self.end, whole, stop_at_new=True)
            parts = parts[:8]
            for p in parts:
                out.append(Claim("part_le_whole", {"whole": whole, "part": p}))
            segments = {self.text.rfind("；", self.start, p.nstart) for p in parts}
            if len(parts) >= 2 and len(segments) == len(parts) and all(p.exact for p in parts):
                out.append(Claim("sum", {"total": whole, "parts": parts}, {"exhaustive": self._complete_set(parts)}))
        return out

    def parenthesized(self) -> list[Claim]:
        """"1128万亩（水田168万亩、旱田960万亩）": a total with its parts in parentheses right after it.
        With 含/其中/including the parts are a subset (see subsets); with 等 the list is incomplete."""
        out = []
        for k, total in enumerate(self.ms):
            if total.kind not in COUNTABLE or not total.exact or not self._is_level(total):
                continue
            after = self.text[total.nend : total.nend + 2]
            if not rx.match(r"\s*[(（]", after):
                continue
            opened = total.nend + after.index("(" if "(" in after else "（")
            close = regex.compile(r"[)）]").search(self.text, opened, min(self.end, opened + 120))
            if not close:
                continue
            inner = self.text[opened + 1 : close.start()]
            if self.v.subset.match(inner.lstrip()) or rx.match(r"\s*(?:含|包含|不含|包括|约|占|比|较|同比|上年|去年)", inner):
                continue
            parts = [m for m in self.mentions_between(opened + 1, close.start())
                     if self.compatible(total, m) and m.exact and self._is_level(m)]
            others = [m for m in self.mentions_between(opened + 1, close.start()) if m not in parts]
            if len(parts) < 2 or others or "等" in inner:
                continue
            out.append(Claim("sum", {"total": total, "parts": parts}, {"exhaustive": True}))
        return out

    def ratios(self) -> list[Claim]:
        """"三次产业比重为4.0∶37.7∶58.3", "粮经饲比例达到87：9：4": a composition in percent adds up to 100."""
        out = []
        if self.en:
            return out
        for r in rx.finditer(r"\d+(?:\.\d+)?(?:\s*[:：∶]\s*\d+(?:\.\d+)?){2,}", self.text[self.start : self.end][:4000]):
            lo, hi = self.start + r.start(), self.start + r.end()
            lead = rx.split(r"[，,。；;]", self.text[max(self.start, lo - 40) : lo])[-1]
            if not self.v.ratio_words.search(lead):
                continue
            # the terms as printed (the lexer may read "9：14" as a clock time): value and decimals
            terms = [(Fraction(t), len(t.partition(".")[2])) for t in rx.findall(r"\d+(?:\.\d+)?", r.group())]
            if len(terms) < 3 or any(v > 100 for v, _ in terms):
                continue
            total = sum(v for v, _ in terms)
            if not 50 <= total <= 200:
                continue  # 1:2:3 is a ratio, not a composition in percent
            shares = [m for m in self.mentions_between(lo, hi) if m.kind in ("count", "percent")]
            if not shares:
                continue
            out.append(Claim("share_total", {"shares": shares}, {"what": "composition", "terms": terms}, lo, hi))
        return out

    def identities(self) -> list[Claim]:
        """Named identities of the genre (rules/<lang>/claims.toml identities): "出生率为14.01‰；死亡率为
        6.76‰；自然增长率为7.25‰" is 出生率 = 死亡率 + 自然增长率."""
        out = []
        names = {n for total, parts in self.v.identities for n in (total,) + parts}
        for total_name, part_names in self.v.identities:
            found = []
            for name in (total_name,) + part_names:
                longer = [x for x in names if x != name and x.endswith(name)]
                at = self.text.find(name, self.start, self.end)
                if at < 0 and self.en:
                    at = self.text.find(name.capitalize(), self.start, self.end)  # "Imports rose …"
                while at >= 0 and any(self.text.startswith(x, at + len(name) - len(x)) for x in longer):
                    at = self.text.find(name, at + 1, self.end)  # "自然增长率" is not "增长率", "进出口" not "出口"
                if at < 0:
                    break
                k = self.from_index(at + len(name))
                if self.en:  # "exports down 1.2 percent at $255.9 billion": the name's amount, past its change
                    while k < len(self.ms) and self.ms[k].kind == "percent" and self.ms[k].nstart - at < EN_NAME_REACH:
                        k += 1
                m = self.ms[k] if k < len(self.ms) else None
                reach = EN_NAME_REACH if self.en else 3
                if m is None or m.nstart - (at + len(name)) > reach or not m.exact or \
                        (self.en and (CLAUSE_SPLIT.search(self.text, at, m.nstart) or m.kind not in COUNTABLE)):
                    break
                found.append(m)
            if len(found) == 1 + len(part_names) and len({m.kind for m in found}) == 1:
                out.append(Claim("sum", {"total": found[0], "parts": found[1:]}, {"exhaustive": True}))
        return out

    def flows(self) -> list[Claim]:
        """"新增境内外上市公司45家、总量达1224家": what was added cannot exceed the stock it was added to."""
        out = []
        if self.en:
            return out
        for k, new in enumerate(self.ms[:-1]):
            if new.kind not in COUNTABLE or not new.exact or not self.v.flow.search(self.before(new, 10)):
                continue
            for stock in self.ms[k + 1 : k + 3]:
                if self.compatible(new, stock) and stock.exact and rx.search(
                        rf"(?:{self.v.stock.pattern})[^，,；;。\d]{{0,3}}$", self.text[max(new.nend, stock.nstart - 8) : stock.nstart]) \
                        and len(self.text[new.nend : stock.nstart]) <= 16:
                    out.append(Claim("part_le_whole", {"whole": stock, "part": new}))
                    break
        return out

    def _subset_between(self, lo: int, hi: int) -> bool:
        """A subset word (其中, of which) stands in ``text[lo:hi]``: what follows it is inside a part before."""
        return self.v.subset is not None and self.v.subset.search(self.text, lo, hi) is not None

    def subsets(self) -> list[Claim]:
        """"27个,其中10个" / "27 gangs, of which 10": each part ≤ its whole."""
        out = []
        for m in list(self.v.subset.finditer(self.text, self.start, self.end))[:8]:
            k = self.from_index(m.start())
            after = self.ms[k : k + 12]
            after = [x for x in after if x.kind in COUNTABLE]
            if not after:
                continue
            like = after[0]
            # the whole: the nearest level before the subset word (an increment "多2万人" is none)
            before = [x for x in reversed(self.ms[max(0, k - 4) : k]) if x.kind in COUNTABLE][:3]
            # every such level is a reading ("受理15680件，审结14210件，其中，民事案件受理9870件…": the
            # breakdown may be of either), the nearest first
            before = [x for x in before if self._is_level(x) and self.compatible(x, like) and not self._closed_before(x, m.start())][:3]
            if not before and (not self.ms[:k] and self.v.anaphora.search(self.text[self.start : m.start()]) if self.en
                               else not self.text[self.start : m.start()].strip(" \n\t\"“”'")):
                # "…2345.6亿元，增长5.8%。其中，第一产业…": the whole closed the sentence before
                before = [x for x in self.previous[-6:] if self.compatible(x, like) and self._is_level(x)][-3:][::-1]
            wholes = [x for x in before if not x.is_range]
            if not wholes:
                continue
            whole = wholes[0]
            clause_end = self._subset_stretch(m)
            if not self.en:
                # "其中新收16980件，旧存1662件；审结、执结17215件": a segment that opens with a verb of its own
                # (a whole or part word before its first number) counts another quantity, not more parts
                for semi in regex.finditer(r"[；;]", self.text[m.end() : clause_end]):
                    at = m.end() + semi.end()
                    k2 = self.from_index(at)
                    head = self.text[at : self.ms[k2].nstart] if k2 < len(self.ms) else ""
                    head = SHORT_PAREN.sub("", head)  # 审（执）结 is 审结 and 执结
                    first = self.ms[self.from_index(m.end())] if self.from_index(m.end()) < len(self.ms) else None
                    named = self.text[m.end() : first.nstart] if first is not None and first.nstart < at else ""
                    if self.v.part.search(head) or self.v.total.search(head) or self.v.segment_verbs.search(head) \
                            or (named and not _bigram_shared(named, head)):
                        # (or a segment naming nothing the list named: 其中止付资金…、冻结资金…；为群众挽回经济损失…)
                        clause_end = at - 1
                        break
            # (a 其中 after the parts splits one of them: "…60岁及以上131.7万人，其中65岁及以上92.5万人")
            parts, _ = self._parts_after(m.end(), clause_end + 1, whole, stop_at_new=True, stop_at_subset=not self.en)
            # (a bound in a later clause is a milestone of another quantity: "其中新能源汽车6.84万辆，…，新能源
            # 汽车保有量首次突破20万辆")
            parts = [p for p in parts if p.exact or self.clause_start(p.nstart) <= m.end()]
            for part in parts:
                claim = Claim("part_le_whole", {"whole": whole, "part": part})
                claim.alternatives = [Claim("part_le_whole", {"whole": w, "part": part}) for w in wholes[1:]]
                out.append(claim)
            if len(parts) >= 2 and all(x.exact for x in parts) and whole.exact:
                out.append(Claim("sum", {"total": whole, "parts": parts},
                                 {"exhaustive": self._complete_set(parts), "totals": [w for w in wholes if w.exact]}))
        return out

    def _subset_stretch(self, m) -> int:
        """Where the parts of a subset word can stand.

        Inside parentheses: up to the closing one.  其中/of which introduces a list that may run
        over several clauses to the end of the sentence; 包括/including only its own clause.
        """
        opened = max(self.text.rfind("(", self.clause_start(m.start()), m.start()),
                     self.text.rfind("（", self.clause_start(m.start()), m.start()))
        if opened >= 0 and self.text.find(")", opened, m.start()) < 0 and self.text.find("）", opened, m.start()) < 0:
            close = regex.compile(r"[)）]").search(self.text, m.end(), self.end)
            return close.start() if close else self.end
        if m.group() in ("其中", "of which", "of whom", "among them", "among which"):
            return self.end
        return self.clause_end(m.end() + 1)

    def complements(self) -> list[Claim]:
        """Total = done + not yet done: "890件,解决883件,对7件暂时未能解决"."""
        out = []
        for k, done in enumerate(self.ms):
            if k == 0 or done.kind != "count" or not done.exact or not self.v.part.search(self.near(done)) \
                    or self.v.negation.search(self.near(done)):
                continue
            total = self.ms[k - 1]
            if not (total.exact and self.compatible(total, done)):
                continue
            rest = [m for m in self.ms[k + 1 : k + 3] if m.exact and self.compatible(total, m)]
            for other in rest:
                ctx = self.text[other.nstart - (12 if not self.en else 30) : other.nend + (12 if not self.en else 24)]
                if self.v.negation.search(ctx) and self.v.part.search(ctx):
                    out.append(Claim("sum", {"total": total, "parts": [done, other]}))
                    break
        return out

    def totals_after_parts(self) -> list[Claim]:
        """Parts listed first and their total after: "刑事120件、民事300件、行政30件，合计450件"."""
        out = []
        for k, total in enumerate(self.ms):
            if k < 2 or total.kind not in COUNTABLE or not total.exact or total.is_range:
                continue
            lead = self.text[max(self.start, total.nstart - (36 if self.en else 6)) : total.nstart]
            if self.v.total_lead is None or not self.v.total_lead.search(lead):
                continue
            parts = []
            opening = self.v.partitive_open.match(self.text, self.start, self.end) if self.v.partitive_open is not None else None
            for j in range(k - 1, max(-1, k - 9), -1):
                m = self.ms[j]
                if opening is not None and m.nstart == opening.end():
                    break  # "Of the 2,400 people polled, 910 …, for a total of 2,400": the whole, no part
                if parts and self._change_to(m, parts[0]):
                    continue  # "violent crime fell 4.2% to 1,150, …": the change of a part, not a part
                if not (self.compatible(total, m) and m.exact and not m.is_range):
                    break
                reached = j > 0 and self._change_to(self.ms[j - 1], m)  # 下降6.5%至3820起: a level reached
                if self.v.subset.search(self.text[m.nend : total.nstart]) or \
                        (self.v.change.search(self.before(m, 6)) and not reached):
                    break
                parts.insert(0, m)
            if len(parts) >= 2:
                out.append(Claim("sum", {"total": total, "parts": parts}))
        return out

    def _change_to(self, change: Mention, level: Mention) -> bool:
        """A percent change right before the level it reached: "下降4.2%至1150起", "fell 4.2% to 1,150"."""
        if change.kind not in ("percent", "percentage_points") or change.nend > level.nstart:
            return False
        gap = self.text[change.nend : level.nstart]
        return len(gap) <= 24 and regex.fullmatch(
            rf"\s*(?:percent|pct|per\s+cent|percentage\s+points?)?\s*(?:{self.v.to.pattern})\s*(?:(?:a|an|the)\s+)?",
            gap, regex.IGNORECASE) is not None

    def named_shares(self) -> list[Claim]:
        """"第三产业增加值占地区生产总值的比重为53.6%": a share whose part and whole are named and stated
        earlier in the paragraph (第三产业增加值31413亿元 … 地区生产总值达到58640亿元); with no part named
        ("网上零售额3920亿元，…，占社会消费品零售总额的比重为18.0%") the part is the sentence's first level.
        Each name is looked up as the nearest earlier statement of it (a bounded window); none: abstain."""
        if self.en or self.v.named_share_before is None:
            return []
        out = []
        for m in self.ms:
            if m.kind != "percent" or m.value is None or m.is_range:
                continue
            cue = self.v.named_share_before.search(self.text, max(self.clause_start(m.nstart), m.nstart - 40), m.nstart)
            if cue is None or cue.end() != m.nstart:
                continue
            part_name = (cue.group("part") or "").strip()
            given = cue.groupdict().get("given")
            if given:  # the whole's value in the parentheses after its name
                inside = [x for x in self.ms if cue.start("given") < x.nstart < cue.end("given") and x.kind in COUNTABLE]
                whole = inside[0] if len(inside) == 1 and inside[0].exact else None
                part = (self._stated_before(part_name, cue.start()) if part_name else
                        next((x for x in reversed(self.ms) if x.nstart < cue.start() and x.kind in COUNTABLE and x.exact
                              and self._is_level(x) and x not in inside), None))
                if whole is not None and part is not None and part is not whole and self.compatible(part, whole):
                    out.append(Claim("rate", {"whole": whole, "part": part, "rate": m}, {"weak": part.nstart < self.start}))
                continue
            if part_name:
                part = self._stated_before(part_name, cue.start())
            else:  # the level nearest before the share (其中高新技术企业146家，占…), not the from-value of a pair
                part = next((x for x in reversed(self.ms) if x.nstart < cue.start() and x.kind in COUNTABLE and x.exact
                             and self._is_level(x)), None)
            # the whole's name may end the part's (城镇常住人口428.1万人，占常住人口比重…): not the part itself;
            # and a name with its total word (出口总额) may be stated without it (出口1984.2亿元) or found
            # inside a longer name (进出口总额): each is a reading, judged charitably
            name = cue.group("whole")
            names = [name] + ([name[: -len(t.group())]] if (t := TOTAL_SUFFIX.search(name)) and len(name) - len(t.group()) >= 2 else [])
            wholes = []
            for n in names:
                w = self._stated_before(n, cue.start(), not_this=part)
                # (a whole smaller than the part is no reading: 事故总数 is not the 23起 of 死亡事故)
                if w is not None and w not in wholes and part is not None and w is not part and self.compatible(part, w) \
                        and (w.high is None or part.low is None or w.high >= part.low):
                    wholes.append(w)
            if not wholes or part is None:
                continue
            readings = [Claim("rate", {"whole": w, "part": part, "rate": m}, {"weak": w.nstart < self.start or part.nstart < self.start})
                        for w in wholes]
            readings[0].alternatives = readings[1:]
            out.append(readings[0])
        return out

    def named_changes(self) -> list[Claim]:
        """"批准逮捕人数较上年的497人下降12.3%" / "提起公诉人数上年为1049人，同比上升5.6%": a change against an
        earlier value given here, of a quantity named here and stated earlier in the paragraph
        (其中批准逮捕436人).  The name is the clause's words before the comparison (their counting
        suffix, 人数, left out); none stated: abstain.  A sentence that states a level of its own is
        the binder's (436人，较上年的497人下降12.3%)."""
        if self.en or self.v.not_level_before is None or self.v.named_change_name is None:
            return []
        out = []
        for k, m in enumerate(self.ms):
            if m.kind != "percent" or m.value is None or m.is_range or k == 0:
                continue
            old = self.ms[k - 1]
            if old.kind not in COUNTABLE or not old.exact or old.value is None or old.is_range:
                continue
            verb = self.v.change_verb_between.fullmatch(self.text, old.nend, m.nstart)
            base = self.v.not_level_before.search(self.text, max(self.clause_start(old.nstart), old.nstart - 14), old.nstart)
            if verb is None or base is None or base.end() != old.nstart:
                continue
            if any(x.kind in COUNTABLE and self.compatible(x, old) for x in self.ms[max(0, k - 9) : k - 1]):
                continue  # the sentence's own level is the new value (looked for nearby: linear time stays)
            subject = self.v.named_change_name.search(self.text, self.clause_start(old.nstart), old.nstart)
            name = subject.group("name") if subject else ""
            if len(name) < 2:
                continue
            new = self._stated_before(name, self.start, not_this=old)
            if new is None or not self.compatible(new, old):
                continue
            falling = self.v.falling_before.search(verb.group()) is not None
            out.append(Claim("change_pct", {"new": new, "old": old, "change": m},
                             {"direction": "down" if falling else "up", "reading": name, "weak": len(name) < 4}))
        return out

    def _level_said_of(self, qualifier: str) -> Mention | None:
        """The level stated before in the paragraph whose words share a word with ``qualifier`` ("those who
        returned" → "2,251 had returned"; "those released" → "Releases declined to 7,339"): the one such."""
        words = {w[:6] for w in EN_LETTERS.findall(qualifier.lower()) if len(w) >= 5}
        if not words:
            return None
        k, lo = bisect_left(self.everything_starts, self.start), self._section_start(self.start)
        said = [x for x in self.everything[max(0, k - 20) : k] if x.nstart >= lo and x.kind in COUNTABLE and x.exact
                and self._is_level(x)
                and words & {w[:6] for w in EN_LETTERS.findall(self.text[max(0, x.nstart - 24) : x.nend + 30].lower())}]
        return said[0] if len(said) == 1 else None

    def partitive_lists(self) -> list[Claim]:
        """"Of the 64,210 defendants, 58,930 pleaded guilty, 4,040 … and the remaining 1,240 went to
        trial" / "Of these, 10,904 were affirmed, … and the remaining 478 were dismissed": the parts of
        a whole named at the sentence's opening (or, after "Of these", the level the sentence before
        ended with).  With a remainder word before the last part (the remaining, the rest) the list
        is complete and adds up to its whole; without one, the parts add up to at most their whole."""
        if self.v.partitive_open is None:
            return []
        # the sentence's opening, or its first line after a heading standing above it ("Dispositions")
        blank = self.text.rfind("\n\n", self.start, min(self.end, self.start + 60))
        opening = self.v.partitive_open.match(self.text, self.start, self.end) or (
            self.v.partitive_open.match(self.text, blank + 2, self.end) if blank >= 0 else None)
        if opening is None:
            return []
        k = self.from_index(opening.end())
        restated = opening.groupdict().get("anaphor") and k < len(self.ms) and \
            not self.text[opening.end("anaphor") : self.ms[k].nstart].strip()  # "Among those 1,547 users"
        qualified = opening.groupdict().get("anaphor") and not restated and self.v.qualified_anaphor is not None and \
            self.v.qualified_anaphor.match(self.text, opening.end("anaphor"), self.end)
        if qualified:
            # "Of those in employment, …": a group named here, not the level stated before, unless the words
            # name what a level of the sentence before was said of ("2,251 had returned … Of those who returned")
            whole = self._level_said_of(self.text[opening.end("anaphor") : self.text.find(",", opening.end("anaphor"), self.end)])
            if whole is None:
                return []
            rest = self.ms
        elif opening.groupdict().get("anaphor") and not restated:
            # "Of these, …": the last level the sentence before stated
            whole = next((x for x in reversed(self.previous) if x.kind in COUNTABLE and self._is_level(x)), None)
            if whole is None:
                return []
            rest = self.ms
        elif k < len(self.ms) and (self.ms[k].nstart == opening.end() or restated):
            whole, rest = self.ms[k], self.ms[k + 1 :]  # "Of the 64,210 …", "Among those 1,547 users, …"
        else:
            # "Of all referrals, prosecutors filed charges in 9,418 cases (63.4%) …": the whole is the level
            # stated before for the noun it names ("14,862 referrals")
            noun = EN_NOUN_AFTER.match(self.text, opening.end() - 1) if self.en and k < len(self.ms) else None
            whole = self._total_before(noun.group(1), self.ms[k]) if noun and self.text[noun.end() : noun.end() + 1] == "," else None
            if whole is None or whole.nstart >= self.start:
                return []
            out = [Claim("rate", {"whole": whole, "part": p, "rate": r}, {"weak": True, "reading": whole.text})
                   for p, r in zip(self.ms, self.ms[1:]) if p.kind in COUNTABLE and r.kind == "percent"
                   and self.compatible(whole, p) and rx.fullmatch(r"(?:\s+[a-z-]+){0,2}\s*\(\s*", self.text[p.nend : r.nstart])]
            parts = [m for m in self.ms[:12] if self.compatible(whole, m) and m.exact and m.value is not None
                     and self._is_level(m) and not self._in_parens(self.start, m.nstart)]
            return out + ([Claim("sum", {"total": whole, "parts": parts}, {"exhaustive": False, "kind": "partitive"})]
                          if len(parts) >= 2 else [])
        if whole.kind not in COUNTABLE or not whole.exact or whole.value is None or whole.is_range:
            return []
        parts = [m for m in rest[:12] if self.compatible(whole, m) and not m.is_range and m.value is not None
                 and self._is_level(m) and not self._in_parens(self.start, m.nstart)
                 and not regex.search(r"(?i)\bof\s+(?:the\s+|all\s+)?$", self.before(m, 12))]  # "of the 2,684,300": a whole
        if len(parts) == 1:  # "Of the 3,412 interviews, more than 300 were by telephone"
            return [Claim("part_le_whole", {"whole": whole, "part": parts[0]})]
        if not parts or not all(p.exact for p in parts):
            return []
        remainder = self.v.remainder_before is not None and self.v.remainder_before.search(
            self.text, max(self.start, parts[-1].nstart - 20), parts[-1].nstart) is not None
        # (complete too when the parts name every member of a set: agriculture, industry and services)
        labels, at = [], whole.nend
        for p in parts:  # each part's words: since the number before it (its clause may hold a list)
            labels.append(self.text[at : p.nstart])
            at = p.nend
        exhaustive = remainder or self._complete_set(parts, labels)
        return [Claim("sum", {"total": whole, "parts": parts}, {"exhaustive": exhaustive, "kind": "partitive"})]

    def complementary_parts_of_a_whole_after(self) -> list[Claim]:
        """"1,421,700 were men and 1,262,600 were women; women thus made up 47.0% of the 2,684,300
        employed", "full-time workers numbered 2,131,500 and part-time workers 552,800, … of total
        employment of 2,684,300": two counts named by the members of one exhaustive set (men/women,
        full-time/part-time: claims.toml exhaustive_sets) and, later in the sentence, a count named as
        a whole ("of the N", "total … of N"): the two add up to it."""
        if not self.en or not self.v.exhaustive_sets:
            return []
        out = []
        for k in range(len(self.ms) - 2):
            a, b = self.ms[k], self.ms[k + 1]
            if not (self.compatible(a, b) and a.exact and b.exact and not a.is_range and not b.is_range):
                continue
            gap = self.text[a.nend : b.nstart]
            joint = regex.search(r"(?i)\band\b", gap)
            if len(gap) > 40 or joint is None:
                continue
            label_a = self.before(a, 40) + gap[: joint.start()]  # "Full-time workers numbered 2,131,500"
            label_b = gap[joint.end() :] + self.after(b, 16)  # "and part-time workers 552,800"
            named = lambda w, x: regex.search(rf"(?i)\b{regex.escape(w)}\b", x) is not None  # noqa: E731
            if not any(named(p, label_a) and named(q, label_b) or named(q, label_a) and named(p, label_b)
                       for p, q in (m for m in self.v.exhaustive_sets if len(m) == 2)):
                continue
            whole = next((w for w in self.ms[k + 2 : k + 6] if self.compatible(a, w) and w.exact and w.value is not None
                          and regex.search(r"(?i)\bof\s+(?:the\s+|all\s+|total\s+[a-z-]+\s+of\s+)?$", self.before(w, 30))),
                         None)
            if whole is not None and a.value is not None and b.value is not None and max(a.value, b.value) <= whole.value:
                out.append(Claim("sum", {"total": whole, "parts": [a, b]}, {"exhaustive": True}))
        return out

    def shares_split_into(self) -> list[Claim]:
        """"The 42% without a cushion break down into 17% who … and 25% who …", "36% say …; that group
        splits into 22% … and 19% …": a share split by a verb that divides it (claims.toml
        split_into) into the shares after it, which add up to it."""
        if self.v.split_into is None:
            return []
        out = []
        for verb in self.v.split_into.finditer(self.text, self.start, self.end):
            k = self.from_index(verb.start())
            whole = next((m for m in reversed(self.ms[max(0, k - 3) : k]) if m.kind == "percent"), None)
            if whole is None or whole.value is None or whole.is_range or len(self.text[whole.nend : verb.start()]) > 80:
                continue
            parts = []
            for m in self.ms[self.from_index(verb.end()) :][:6]:
                if m.kind != "percent" or m.is_range or m.value is None:
                    break
                parts.append(m)
            if len(parts) >= 2 and all(p.value <= whole.value for p in parts):
                terms = [(p.value, p.decimals) for p in parts]
                out.append(Claim("sum", {"total": whole, "parts": parts}, {"exhaustive": True, "kind": "split", "terms": terms}))
        return out

    def answer_shares(self) -> list[Claim]:
        """"54% said yes, 39% said no and 7% were not sure", "满意的占62%，基本满意的占30%，不满意的占8%":
        consecutive shares whose words (after each share in English, before it in Chinese) name every
        answer of one of the question's complete answer sets (claims.toml answer_sets), one answer each,
        add up to 100."""
        if not self.v.answer_sets:
            return []
        out = []
        run: list[Mention] = []
        for m in [*self.ms, None]:
            if m is not None and m.kind == "percent" and not m.is_range and m.value is not None and m.value <= 100 \
                    and not self.v.change.search(self.before(m, 12)):
                run.append(m)
                continue
            if len(run) >= 2:
                out.extend(self._answer_set(run))
            run = []
        return out

    def _answer_set(self, run: list[Mention]) -> list[Claim]:
        if self.en:
            phrases = [self.text[m.nend : (run[k + 1].nstart if k + 1 < len(run) else min(self.end, m.nend + 40))]
                       for k, m in enumerate(run)]
        else:
            phrases = [self.text[(run[k - 1].nend if k else max(self.clause_start(m.nstart), m.nstart - 16)) : m.nstart]
                       for k, m in enumerate(run)]
        for answers in self.v.answer_sets:
            n = answers.groups
            named = [{a.lastindex for a in answers.finditer(p)} for p in phrases]
            for first in range(len(run) - n + 1):
                window = named[first : first + n]
                if all(len(x) == 1 for x in window) and set().union(*window) == set(range(1, n + 1)):
                    shares = run[first : first + n]
                    return [Claim("share_total", {"shares": shares}, {"what": "answers",
                                                                     "terms": [(m.value, m.decimals) for m in shares]})]
        return []

    def shares_with_a_remainder(self) -> list[Claim]:
        """"38% said yes, 45% said no and the remaining 17% were undecided", "38%表示支持，45%表示反对，
        其余17%未表态": shares of one whole whose last is the rest of it (a remainder word before it)
        add up to 100.  The shares are the percents right before it in the sentence (a count in
        parentheses beside one, "38% (471)", is no stop); changes, points and another number end the
        list.  Which shares the rest completes is a reading: the nearest one, two, … (a share of a
        share, "of whom 60% were women", may stand between), or any one of them ("38% of men and 45%
        of women …; the remaining 62% of men"), each judged; inconsistent only when none adds up."""
        if self.v.remainder_before is None:
            return []
        out = []
        for k, rest in enumerate(self.ms):
            if rest.kind != "percent" or rest.is_range or rest.value is None or not self.v.remainder_before.search(
                    self.text, max(self.start, rest.nstart - 20), rest.nstart):
                continue
            shares: list[Mention] = []
            for m in reversed(self.ms[:k]):
                if m.kind in COUNTABLE and self._in_parens(self.start, m.nstart):
                    continue
                if m.kind != "percent" or m.is_range or m.value is None or self.v.change.search(self.before(m, 6)):
                    break
                shares.insert(0, m)
            if not shares or any(m.value > 100 for m in shares + [rest]):
                continue
            readings = [shares[j:] + [rest] for j in range(len(shares))]
            readings += [[m, rest] for m in shares[:-1]]  # "38% of men and 45% of women …; the remaining 62% of men"
            claims = [Claim("share_total", {"shares": r}, {"what": "shares and the rest",
                                                          "terms": [(m.value, m.decimals) for m in r]})
                      for r in readings]
            claims[0].alternatives = claims[1:]
            out.append(claims[0])
        return out

    def changes_of_listed_items(self) -> list[Claim]:
        """"Starts in the Northeast, Midwest, South and West were 128,000, 189,000, 742,000 and 301,000,
        respectively. Starts in the Midwest dropped 7.8 percent from 205,000, while the South gained 5.8
        percent from 701,000": a clause naming one item of the list before (by its last word), a change
        verb, a percent and "from" an earlier value is that item's change; its new value is the item's."""
        if not self.listed_values or self.v.listed_item_change is None or self.v.listed_item_from is None:
            return []
        out = []
        for k, m in enumerate(self.ms[:-1]):
            old = self.ms[k + 1]
            if m.kind != "percent" or m.value is None or m.is_range or old.kind not in COUNTABLE or not old.exact:
                continue
            verb = self.v.listed_item_change.search(self.text, max(self.start, m.nstart - 30), m.nstart)
            if verb is None or not self.v.listed_item_from.fullmatch(self.text, m.nend, old.nstart):
                continue
            lo = max(self.clause_start(m.nstart), self.ms[k - 1].nend if k else self.start)  # ("…from 701,000 and the West rose")
            clause = self.text[lo : verb.start()]
            words = set(rx.findall(r"[a-z][a-z-]*", clause.lower()))
            named = [(key, v) for key, v in self.listed_values if key in words]
            if len(named) != 1 or not self.compatible(named[0][1], old):
                continue
            key, new = named[0]
            out.append(Claim("change_pct", {"new": new, "old": old, "change": m},
                             {"direction": "up" if verb.group("up") else "down", "reading": key, "weak": True}))
        return out

    def changes_of_listed_items_zh(self) -> list[Claim]:
        """"道路交通事故起数、死亡人数…分别下降12.6%、15.2%…。具体看，一般以上交通事故由上年的318起减至278起，
        死亡人数由上年的46人降至39人，…，直接财产损失为96.2万元，比上年减少10.0万元": a clause of this
        sentence naming one item of the 分别 list before (the item its words share most character pairs
        with) and stating the item's earlier and new value, or its level and increment, is that item's
        change; the list's percent is judged against it."""
        if not self.listed_changes:
            return []
        out = []
        for k, m in enumerate(self.ms[:-1]):
            nxt = self.ms[k + 1]
            if m.kind not in COUNTABLE or nxt.kind not in COUNTABLE or not self.compatible(m, nxt) \
                    or rx.search(r"[；;]", self.text[m.nend : nxt.nstart]):
                continue
            same_clause = self.clause_start(m.nstart) == self.clause_start(nxt.nstart)
            lo = max(self.clause_start(m.nstart), self.ms[k - 1].nend if k else self.start)
            name = "".join(HAN.findall(self.text[lo : m.nstart]))
            if same_clause and self.v.from_.search(self.before(m, 8)) and self.v.to.search(self.text, m.nend, nxt.nstart):
                roles = {"old": m, "new": nxt}  # 由上年的318起减至278起
                rule = "change_pct"
            elif self.v.after_increment.search(self.before(nxt, 10)) and self._is_level(m) \
                    and len(self.text[m.nend : nxt.nstart]) <= 12:
                roles = {"new": m, "increment": nxt}  # 直接财产损失为96.2万元，比上年减少10.0万元
                rule = "change_pct_abs"
            else:
                continue
            scored = sorted(((self._shared_pairs(name, item), item, pct, d) for item, pct, d in self.listed_changes),
                            key=lambda x: -x[0])
            if not scored or scored[0][0] == 0 or len(scored) > 1 and scored[1][0] == scored[0][0]:
                continue  # no item, or two equally named: abstain
            __, item, pct, direction = scored[0]
            facts = {"direction": direction, "reading": item, "weak": True}
            if rule == "change_pct_abs":
                facts["increment_direction"] = direction
            out.append(Claim(rule, {**roles, "change": pct}, facts))
        return out

    @staticmethod
    def _shared_pairs(a: str, b: str) -> int:
        """How many character pairs two Chinese names share (交通事故 and 道路交通事故起数 share three)."""
        pairs = {b[k : k + 2] for k in range(len(b) - 1)}
        return len({a[k : k + 2] for k in range(len(a) - 1)} & pairs)

    def shares_of_a_named_whole_before(self) -> list[Claim]:
        """"The plan sends $1.61 billion to the schools, a third of the budget, or 33.4 percent": the share
        of a whole named by its noun (of the budget) and stated before (the $4.82 billion budget of an
        earlier sentence: the nearest level the noun follows); the part is the amount just before it.
        A binding this far apart is never certain: its findings are warnings."""
        if not self.en or self.v.named_whole_after is None:
            return []
        out = []
        for k, m in enumerate(self.ms):
            if k == 0 or m.kind != "percent" or m.value is None or m.is_range or self.v.change.search(self.before(m, 12)):
                continue
            named = self.v.named_whole_after.match(self.text, m.nend, min(self.end, m.nend + 40))
            at = k
            if named is None and self.ms[k - 1].kind == "fraction":  # "a third of the budget, or 33.4 percent"
                named = self.v.named_whole_after.match(self.text, self.ms[k - 1].nend, m.nstart)
                if named is not None and rx.fullmatch(r",?\s*or\s+", self.text[named.end() : m.nstart]):
                    at = k - 1
                else:
                    named = None
            if named is None or at == 0:
                continue
            part = self.ms[at - 1]
            if part.kind not in COUNTABLE or not part.exact or part.value is None or part.is_range \
                    or not self._is_level(part) or rx.search(r"[;；]", self.text[part.nend : m.nstart]):
                continue
            if self._larger_here(part):
                continue  # a whole of the sentence's own: the binding search reads it
            total = self._total_before(named.group("noun"), part)
            if total is not None and total.nstart < self.start and self.compatible(total, part):
                out.append(Claim("rate", {"whole": total, "part": part, "rate": m}, {"weak": True, "reading": total.text}))
        return out

    def shares_of_a_total_before(self) -> list[Claim]:
        """"Drug offenses …, with 18,552 filings, or 30.0 percent of the total. They were followed by
        property offenses (17,190; 27.8 percent), …": shares of a total stated paragraphs before (the
        nearest earlier level counting the same thing, "61,842 new felony filings", and larger than the
        part).  The next sentences' count-and-share pairs with no whole of their own share it too.
        A binding this far apart is never certain: its findings are warnings."""
        if self.v.of_total_after is None or self.v.share_of_count_gap is None or not self.en:
            return []
        out = []
        totals = self.carry.pop("totals", [])
        if self.v.partitive_open is not None and self.v.partitive_open.match(self.text, self.start, self.end):
            totals = []  # "Of those occupants, 10,540 (46.6 percent) …": the whole is what "those" are
        for k, m in enumerate(self.ms):
            if k == 0 or m.kind != "percent" or m.value is None or m.is_range:
                continue
            part = self.ms[k - 1]
            gap = self.text[part.nend : m.nstart]
            if not self.v.share_of_count_gap.fullmatch(gap) and self.v.share_verb_before is not None \
                    and self.v.share_verb_before.search(self.text, max(self.start, m.nstart - 24), m.nstart):
                # "generated revenue of $3.71 billion, up 15.2 percent from $3.22 billion, and accounted for
                # 44.1 percent of the total": the sentence's level before the verb is the part
                # (only after a change of that level: "Units with five rooms made up 23.1 percent" has no part here)
                level = next((j for j in range(k - 1, -1, -1) if self.ms[j].kind in COUNTABLE and self._is_level(self.ms[j])), None)
                if level is None or not any(x.kind == "percent" for x in self.ms[:k]):
                    continue
                part = self.ms[level]
            elif part.kind not in COUNTABLE or not part.exact or not self.v.share_of_count_gap.fullmatch(gap):
                continue
            if part.kind in COUNTABLE and not self._is_level(part):
                # "slipped 1.3 percent to $2.95 billion from $2.99 billion, or 35.0 percent of sales": the share
                # is of the level reached, not of the value it is compared with
                j = self.ms.index(part)
                part = next((p for p in reversed(self.ms[:j]) if p.kind in COUNTABLE and self._is_level(p)
                             and self.compatible(p, part) and self.clause_start(p.nstart) == self.clause_start(part.nstart)), None)
                if part is None:
                    continue
            if part.kind not in COUNTABLE or not part.exact or part.value is None:
                continue
            noun = EN_NOUN_AFTER.match(self.text, part.nend, m.nstart)
            rest = self.v.remainder_before is not None and self.v.remainder_before.search(
                self.text, max(self.start, m.nstart - 20), m.nstart) and self.v.share_verb_before is not None \
                and self.v.share_verb_before.search(self.text, max(self.start, m.nstart - 40), m.nstart)
            # ("making up the remaining 20.9 percent": the rest of the total)
            if self.v.of_total_after.match(self.text, m.nend, min(self.end, m.nend + 30)) or rest:
                total = self._total_before(noun.group(1), part) if noun else None
                carried = [t for t in totals if self.compatible(t, part) and t.value > part.value]
                if total is None and carried:
                    totals = carried  # the total the shares of the sentences before were of
                else:
                    if total is None:  # ("A total of 39,345 people were killed …" paragraphs before: the total)
                        total = self._stated_total_before(part)
                    # (no level before names the part's noun: each larger level before is a reading)
                    totals = [total, *self._levels_before(total, part)] if total is not None else (
                        self._larger_before(part) or self._larger_in_section(part))
            elif not totals or not self.compatible(totals[0], part) or self.text[m.nend : m.nend + 6].lstrip().startswith("of"):
                continue
            # which earlier level "the total" is, is a reading: the nearest that names the part's noun, or
            # another level stated before it in the section ("Filings fell to 41,218. … Of the 42,590
            # appeals terminated, …. Prisoner petitions accounted for 11,020 appeals, or 26.7 percent of the total")
            # (the reading that comes closest first: the one a finding that fails every reading shows)
            near = sorted((t for t in totals if t.value > part.value),
                          key=lambda t: abs(part.value * 100 / t.value - m.value))
            readings = [Claim("rate", {"whole": t, "part": part, "rate": m}, {"weak": True, "reading": t.text})
                        for t in near]
            if readings:
                readings[0].alternatives = readings[1:]
                out.append(readings[0])
        if totals and out:
            self.carry["totals"] = totals
        return out

    def parts_of_those(self) -> list[Claim]:
        """"rose by 41,000, with restaurants and bars accounting for 27,000 of those jobs": a part of the
        number just before it in the sentence (pointed at by "of those/them/these"), at most that."""
        if self.v.of_those_after is None:
            return []
        out = []
        for k, m in enumerate(self.ms):
            if m.kind not in COUNTABLE or not m.exact or m.value is None or m.is_range:
                continue
            pointer = self.v.of_those_after.match(self.text, m.nend, min(self.end, m.nend + 30))
            if not pointer:
                continue
            named = self.ms[k + 1] if k + 1 < len(self.ms) and not self.text[pointer.end() : self.ms[k + 1].nstart].strip() else None
            if named is not None:  # "1,622 of those 4,507 cases": the whole follows
                whole = named if self.compatible(named, m) and named.exact and named.value else None
            else:
                whole = next((w for w in reversed(self.ms[max(0, k - 3) : k]) if self.compatible(w, m) and w.exact
                              and w.value is not None and w.value > 0), None)
            if whole is not None:
                out.append(Claim("part_le_whole", {"whole": whole, "part": m}))
        return out

    def net_changes(self) -> list[Claim]:
        """"rose by a net 22,000: construction added 29,000 jobs, mining was flat, and manufacturing shed
        7,000": a net change and, after its colon, the changes it nets, each signed by its verb (a
        part with no verb of either direction: abstain)."""
        if self.v.net_before is None or self.v.net_rising is None or self.v.net_falling is None:
            return []
        out = []
        for k, m in enumerate(self.ms):
            if m.kind not in COUNTABLE or not m.exact or m.value is None or m.is_range:
                continue
            if not self.v.net_before.search(self.text, max(self.start, m.nstart - 24), m.nstart):
                continue
            colon = NET_COLON.match(self.text, m.nend, self.end)
            if colon is None:
                continue
            parts = []
            for p in self.ms[k + 1 : k + 9]:
                if not self.compatible(m, p) or not p.exact or p.value is None or p.is_range:
                    continue
                verb_at = max(self.clause_start(p.nstart), p.nstart - 24)
                if self.v.net_falling.search(self.text, verb_at, p.nstart):
                    parts.append(_negated(p))
                elif self.v.net_rising.search(self.text, verb_at, p.nstart):
                    parts.append(p)
                else:
                    parts = []
                    break
            if len(parts) >= 2:
                total = _negated(m) if self.v.net_falling.search(self.text, max(self.start, m.nstart - 40), m.nstart) else m
                out.append(Claim("sum", {"total": total, "parts": parts}, {"exhaustive": True, "kind": "net"}))
        return out

    def colon_breakdowns(self) -> list[Claim]:
        """"Collections totaled $46.61 billion: $22.87 billion from …, $14.96 billion …, and $3.37 billion
        from …": a total and, after its colon, the parts it is made of (a complete list: they add up
        to it).  A net change before the colon is net_changes'; a part with a change word, no part."""
        if not self.en:
            return []
        out = []
        for k, m in enumerate(self.ms):
            if m.kind not in COUNTABLE or not m.exact or m.value is None or m.is_range or not self._is_level(m):
                continue
            colon = NET_COLON.match(self.text, m.nend, self.end)
            if colon is None or (self.v.net_before is not None and
                                 self.v.net_before.search(self.text, max(self.start, m.nstart - 24), m.nstart)):
                continue
            parts = []
            for p in self.ms[k + 1 : k + 13]:
                if not self.compatible(m, p) or self._in_parens(colon.end(), p.nstart):
                    continue
                if not p.exact or p.value is None or p.is_range or not self._is_level(p):
                    parts = []
                    break
                parts.append(p)
            if len(parts) >= 2 and sum(p.value for p in parts) <= 2 * m.value:
                out.append(Claim("sum", {"total": m, "parts": parts}, {"exhaustive": True, "kind": "colon"}))
        return out

    def _total_before(self, noun: str, part: Mention) -> Mention | None:
        """The nearest earlier level followed (within a few words) by ``noun`` and larger than ``part``."""
        k = bisect_left(self.everything_starts, part.nstart)
        follows = regex.compile(rf"\s*(?:[A-Za-z-]+\s+){{0,3}}{regex.escape(noun)}\b", regex.IGNORECASE)
        for w in reversed(self.everything[max(0, k - 40) : k]):
            if part.nstart - w.nend > NAMED_REACH * 5:
                break
            if w.kind in COUNTABLE and w.exact and w.value is not None and w.value > part.value \
                    and follows.match(self.text, w.nend, w.nend + 40):
                return w
        return None

    def _back_from(self, pos: int, reach: int, floor: int = 0):
        """The document's statistics before ``pos``, nearest first, at most ``reach`` characters back and
        not before ``floor`` (bounded to 60: linear time stays)."""
        k = bisect_left(self.everything_starts, pos)
        for w in reversed(self.everything[max(0, k - 60) : k]):
            if pos - w.nend > reach or w.nstart < floor:
                return
            yield w

    def _larger_level(self, w: Mention, part: Mention, *, own_share_ok: bool = False) -> bool:
        """``w`` could be ``part``'s whole: a comparable exact level larger than it, with no share of its
        own (a part of another whole) unless ``own_share_ok``."""
        return w is not part and self.compatible(part, w) and w.exact and w.value is not None and w.value > part.value \
            and self._is_level(w) and (own_share_ok or not self._has_share(w))

    def _stated_total_before(self, part: Mention) -> Mention | None:
        """The nearest earlier level stated as a total ("A total of 39,345 people", "in total") that is
        comparable with ``part`` and larger (bounded: NAMED_REACH * 5 characters back)."""
        if self.v.total_lead is None:
            return None
        return next((w for w in self._back_from(part.nstart, NAMED_REACH * 5) if self._larger_level(w, part, own_share_ok=True)
                     and self.v.total_lead.search(self.text, max(0, w.nstart - 24), w.nstart)), None)

    def _has_share(self, m: Mention) -> bool:
        """A share follows ``m`` ("killed 12,155 people, 30.9 percent of all traffic fatalities"): ``m`` is a
        part of another whole, no whole of the parts after it."""
        k = bisect_left(self.everything_starts, m.nend)
        nxt = self.everything[k] if k < len(self.everything) else None
        if nxt is None or nxt.kind != "percent" or nxt.nstart - m.nend > 40:
            return False
        if EN_OF_WHOLE_BEFORE.search(self.text, max(0, m.nstart - 12), m.nstart):
            return False  # "1,402 of the 18,437 people, or 7.6 percent": the share of the part before, not of 18,437
        gap = self.text[m.nend : nxt.nstart]  # ("139 of the killings, or 74.3%", "12,155 people, 30.9 percent")
        return (self.v.share_of_count_gap is not None and self.v.share_of_count_gap.fullmatch(gap) is not None) \
            or EN_SHARE_AFTER.search(gap) is not None and not rx.search(r"[0-9.;]", gap)

    def differences_between(self) -> list[Claim]:
        """"The deficit totaled $1,833 billion, the difference between outlays of $6,751 billion and receipts
        of $4,918 billion": the difference and the smaller add up to the larger."""
        if self.v.difference_between is None or self.v.difference_and is None:
            return []
        out = []
        for d, a, b in zip(self.ms, self.ms[1:], self.ms[2:]):
            if not all(m.kind in COUNTABLE and m.exact and m.value is not None and not m.is_range for m in (d, a, b)) \
                    or not (self.compatible(d, a) and self.compatible(a, b)):
                continue
            if self.v.difference_between.fullmatch(self.text, d.nend, a.nstart) and \
                    self.v.difference_and.fullmatch(self.text, a.nend, b.nstart):
                big, small = (a, b) if a.value >= b.value else (b, a)
                out.append(Claim("sum", {"total": big, "parts": [small, d]}, {"exhaustive": True, "kind": "difference"}))
        return out

    def _larger_here(self, part: Mention) -> bool:
        """The sentence states a comparable level larger than ``part`` (a whole of its own; not the value
        a change compares with)."""
        return any(self.compatible(part, w) and w.value is not None and w.value > part.value and self._is_level(w)
                   for w in self.ms if w is not part)

    def _larger_before(self, part: Mention, most: int = 3) -> list[Mention]:
        """The levels of the sentence before larger than ``part`` and comparable with it (the nearest few,
        largest first), when this sentence states none larger (the whole is then one of them)."""
        if self._larger_here(part):
            return []
        larger = [w for w in reversed(self.previous) if self._larger_level(w, part)][:most]
        return sorted(larger, key=lambda w: -w.value)  # the largest first: a whole is most often the largest

    def _larger_in_section(self, part: Mention, most: int = 3) -> list[Mention]:
        """The nearest few levels stated before this sentence, NAMED_REACH * 3 characters back at most,
        larger than ``part``, comparable with it and no part of another whole themselves: the readings of
        "the total" a paragraph or two on."""
        if self._larger_here(part):
            return []
        larger = [w for w in self._back_from(self.start, NAMED_REACH * 3) if self._larger_level(w, part)][:most]
        return sorted(larger, key=lambda w: -w.value)

    def remainders_of_a_whole(self) -> list[Claim]:
        """"Prisons admitted 7,864 people. New commitments accounted for 4,912, probation violators made up
        1,683 and parole violators the remaining 1,269": parts closed by a remainder word add up to their
        whole: the one this sentence names after "of the" (16,542 of the 39,345 deaths), else one of the
        sentence before (each larger level there is a reading)."""
        if not self.en or self.v.remainder_before is None:
            return []
        parts = [m for m in self.ms if m.kind in COUNTABLE and m.exact and m.value is not None and not m.is_range
                 and self._is_level(m) and not self._in_parens(self.start, m.nstart)]
        # "Rural roads accounted for 16,542 of the 39,345 deaths and urban roads for 22,411, with the remaining
        # 392 …": the whole named in the sentence after "of the"
        inner = [m for m in parts if EN_OF_WHOLE_BEFORE.search(self.text, max(self.start, m.nstart - 12), m.nstart)]
        if len(inner) == 1 and all(inner[0].value > p.value for p in parts if p is not inner[0]):
            parts = [p for p in parts if p is not inner[0]]
        else:
            inner = []
        if not inner and not self.previous:
            return []
        if len(parts) < 2 or any(not self.compatible(parts[0], p) for p in parts) or not self.v.remainder_before.search(
                self.text, max(self.start, parts[-1].nstart - 20), parts[-1].nstart):
            return []
        if any(self.v.remainder_before.search(self.text, max(self.start, p.nstart - 20), p.nstart) for p in parts[:-1]):
            return []
        # (parts adding up to far more than a level before are not its breakdown: another whole, stated elsewhere)
        total = sum(p.value for p in parts)
        wholes = inner or [w for w in self._larger_before(max(parts, key=lambda p: p.value)) if 2 * total <= 3 * w.value]
        if not wholes:
            return []
        return [Claim("sum", {"total": wholes[0], "parts": parts},
                      {"exhaustive": True, "totals": wholes, "weak": not inner, "kind": "remainder of a whole"})]

    def _levels_before(self, total: Mention, part: Mention, most: int = 5) -> list[Mention]:
        """Other levels of ``total``'s kind stated in its section before ``part``, nearest first."""
        back = self._back_from(part.nstart, len(self.text), floor=self._section_start(total.nstart))
        return [w for w in back if w is not total and self.compatible(total, w)
                and self._larger_level(w, part, own_share_ok=True)][:most]

    def _section_start(self, pos: int) -> int:
        """Where the section holding ``pos`` begins, at most NAMED_REACH characters back: after the
        last heading line (a short line with no sentence end: 四、国内贸易) before it, else after its
        paragraph's start when the text has no headings in reach (a named figure is stated in its
        section, often a paragraph or two before)."""
        lo = max(0, pos - NAMED_REACH)
        headings = list(HEADING_LINE.finditer(self.text, lo, pos))
        if headings:
            return headings[-1].end()
        paragraph = self.text.rfind("\n\n", lo, pos)
        return paragraph + 2 if paragraph >= 0 else lo

    def _stated_before(self, name: str, pos: int, not_this: Mention | None = None) -> Mention | None:
        """The level stated right after the last mention of ``name`` before ``pos`` in its section
        (at most NAMED_REACH characters back, a few words between the name and the number), other
        than ``not_this``."""
        for at, k in self._occurrences(name, pos):
            if k < len(self.everything):
                m = self.everything[k]
                gap = self.text[at + len(name) : m.nstart]
                if FROM_GAP.fullmatch(gap) and k + 1 < len(self.everything):
                    # "一般公共预算收入由上年同期的11.63亿元增至12.48亿元": the level now is the to-value
                    reached = self.everything[k + 1]
                    if self.v.to.search(self.text[m.nend : reached.nstart]) and reached.nstart - m.nend <= 8:
                        m, gap = reached, ""
                if m.kind in COUNTABLE and m.exact and not m.is_range and NAME_TO_NUMBER.fullmatch(gap) \
                        and m is not not_this and self.text[at - 1 : at] not in self.v.negating:
                    return m  # (批准逮捕 is not named by 不批准逮捕)
        return None

    def _occurrences(self, name: str, pos: int):
        """Each place ``name`` stands in the section before ``pos``, the latest first, with the index
        of the first statistic after it (``self.everything``)."""
        lo = self._section_start(pos)
        at = self.text.rfind(name, lo, pos)
        while at >= 0:
            yield at, bisect_left(self.everything_starts, at + len(name))
            at = self.text.rfind(name, lo, at)

    def together_totals(self) -> list[Claim]:
        """"raised by 37,000 … and by 21,000, so the two months together produced 58,000 more": the
        total of the k values just before it, k named by the count word; abstains unless exactly k
        comparable values (levels reached by a to-word left out) stand between the clause opening and it."""
        if self.v.together_before is None:
            return []
        out = []
        for k, total in enumerate(self.ms):
            if k < 2 or total.kind not in COUNTABLE or not total.exact:
                continue
            cue = self.v.together_before.search(self.text, max(self.start, total.nstart - 60), total.nstart)
            if cue is None or cue.end() != total.nstart:
                continue
            n = COUNT_WORDS[cue.group("count").lower()]
            parts = [m for m in self.ms[:k] if self.compatible(total, m) and m.exact and not m.is_range
                     and not self.v.to.search(self.before(m, 4)) and m.nstart < cue.start()]  # ("the three": no part)
            if len(parts) == n:
                out.append(Claim("sum", {"total": total, "parts": parts}))
        return out

    def comparators(self) -> list[Claim]:
        """"电子信息、汽车制造业增加值分别增长12.4%和8.0%，增速分别高出规模以上工业7.2个和2.8个百分点": a
        difference in points between the subject's growth rate (the k-th rate before, with 分别) and the
        rate of the named comparator, stated earlier in this sentence or in the one before.  Every rate
        whose words hold the name is a reading; none: abstain."""
        if self.v.comparator_before is None:
            return []
        out = []
        points = [k for k, m in enumerate(self.ms) if m.kind == "percentage_points" and m.value is not None]
        for k in points:
            m = self.ms[k]
            cs = self.clause_start(m.nstart)
            cue = self.v.comparator_before.search(self.text, max(cs, m.nstart - 30), m.nstart)
            if cue is None or cue.end() != m.nstart:
                # the second of "高出A7.2个和2.8个百分点" shares the first's cue
                prev = self.ms[k - 1] if k else None
                if not (prev is not None and prev.kind == "percentage_points" and k - 1 in points
                        and regex.fullmatch(r"\s*(?:和|、|与|及)\s*", self.text[prev.nend : m.nstart])):
                    continue
                cue = self.v.comparator_before.search(self.text, max(self.clause_start(prev.nstart), prev.nstart - 30),
                                                      prev.nstart)
                if cue is None or cue.end() != prev.nstart:
                    continue
            name = cue.group("name").strip()
            sign = 1 if cue.group("up") else -1
            rates = [r for r in self.ms[:k] if r.kind == "percent" and r.value is not None and not r.is_range
                     and r.nstart < cue.start()]
            if cue.groupdict().get("value"):  # the comparator's rate stands in the cue itself
                named = [r for r in self.ms[:k] if r.kind == "percent" and cue.start("value") <= r.nstart < cue.end()]
            else:
                named = [r for r in self.previous + rates if r.kind == "percent" and r.value is not None
                         and self._names(name, self._words_before(r))]
            # (a percent in parentheses is another comparator's value: 比一季度（5.9%）…，高于全国（6.4%）…)
            subjects = [r for r in rates if r not in named and not _opened(self.text[max(0, r.nstart - 8) : r.nstart])]
            if not subjects:
                continue
            # a growth rate is compared with a growth rate, a share with a share (not 占…比重21.3%)
            # (a rate given in the cue itself, 高于全国5.8%的平均水平, is the comparator's whatever its words)
            growth = self._is_growth(subjects[-1])
            after = self._paren_percent_after(m)
            if after is not None:  # "高于全市平均水平0.8个百分点（全市平均为5.3%）": the comparator's rate follows
                named = [after]
            elif not cue.groupdict().get("value"):
                named = [r for r in named if self._is_growth(r) == growth] or (
                    # stated earlier in the paragraph: 规模以上工业增加值增长6.8% … 高于规模以上工业2.9个百分点
                    # (a name of three characters or more: 全国 or 全省 alone names too much to look far for)
                    self._rates_named_before(name, cue.start(), lambda r: self._is_growth(r) == growth)
                    if len(name) >= 3 else [])
            whole = self._whole_prefix(name)
            if whole is not None and after is None:
                # 全部投资: the total the section states first (全市固定资产投资增长4.3%), as well as the rates named so here
                first = self._first_rate_named_in_section(name[len(whole):], cue.start(), lambda r: self._is_growth(r) == growth)
                named = ([first] if first is not None else []) + [r for r in named if r is not first]
            if not named:
                continue
            run = [p for p in points if self.ms[p].nstart >= cs and self.ms[p].nend <= self.clause_end(m.nstart)]
            rank = run.index(k) if k in run else 0
            if len(run) > 1:  # 分别: the k-th difference belongs to the k-th of the last rates
                if len(subjects) < len(run):
                    continue
                subject = subjects[len(subjects) - len(run) + rank]
            else:
                subject = subjects[-1]
            # "降幅比上年同期（下降11.7%）收窄3.1个百分点": the size of a fall is compared, 11.7 → 8.6, unsigned
            sized = self.v.fall_size is not None and self.v.fall_size.search(self.text, max(cs, cue.start() - 6), cue.start() + 3)
            signed = (lambda x: x) if sized else self._signed
            # (全部投资 read as the whole of the 其中 part: a reading of a name not stated, a warning at most)
            by_whole = whole is not None
            readings = [Claim("pp_diff", {"new": signed(subject), "old": signed(r), "change": m},
                              {"direction": "up" if sign > 0 else "down", "reading": name, "weak": by_whole})
                        for r in named]  # the rate compared with
            readings[0].alternatives = readings[1:]
            out.append(readings[0])
        return out

    def _whole_prefix(self, name: str) -> str | None:
        """The prefix of a whole a comparator's name opens with (全部 of 全部投资), if any."""
        return next((p for p in self.v.whole_prefixes if name.startswith(p)), None)

    def _names(self, name: str, words: str) -> bool:
        """``words`` name the comparator ``name``: hold it, or, for 全部投资 (all investment, the whole of a
        其中 part), the noun after its prefix of the whole (固定资产投资 holds 投资)."""
        if name in words:
            return True
        whole = self._whole_prefix(name)
        return whole is not None and len(name) - len(whole) >= 2 and name[len(whole):] in words \
            and not (self.v.subset is not None and self.v.subset.search(words))  # (其中制造业投资 is the part)

    def _paren_percent_after(self, m: Mention) -> Mention | None:
        """The one percent inside the parenthesis right after ``m`` (…0.8个百分点（全市平均为5.3%）)."""
        k = self.from_index(m.nend)
        if k >= len(self.ms) or not regex.match(r"\s*(?:个百分点|percentage\s+points?)?\s*[（(](?:\d{1,2}[-—–~至]\d{1,2}月份?|[^（）()\d]){0,10}$",
                                                self.text[m.nend : self.ms[k].nstart]):
            return None
        inner = self.ms[k]
        closes = regex.match(r"\s*[）)]", self.text[inner.nend : inner.nend + 3])
        return inner if inner.kind == "percent" and inner.value is not None and closes else None

    def _is_growth(self, m: Mention) -> bool:
        """A rate stated as a change (增长6.8%, 下降3.1%), not a level or a share."""
        words = self.v.not_change.sub("", CLAUSE_SPLIT.split(self.text[max(0, m.nstart - 12) : m.nstart])[-1])
        # (增加值 is value added, no change: 占…增加值的比重; 提升至7.4% is a level reached, no growth rate)
        return self.v.change.search(words) is not None and self.v.to.search(words) is None

    def _first_rate_named_in_section(self, name: str, pos: int, accept) -> Mention | None:
        """The first percent of the section before ``pos`` whose words hold ``name`` (a bulletin states
        the total first: 全市固定资产投资增长4.3%, then 分产业看 …) and that ``accept`` takes."""
        lo = self._section_start(pos)
        k = bisect_left(self.everything_starts, lo)
        for m in self.everything[k : k + 60]:
            if m.nstart >= pos:
                break
            if m.kind != "percent" or m.value is None or m.is_range:
                continue
            words = self._words_before(m)
            if name in words and not (self.v.subset is not None and self.v.subset.search(words)) and accept(m):
                return m
        return None

    def _rates_named_before(self, name: str, pos: int, accept) -> list[Mention]:
        """The last percent of the section before ``pos`` whose words hold ``name`` and that
        ``accept`` takes (bounded: NAMED_REACH characters back)."""
        for at, k in self._occurrences(name, pos):
            for m in self.everything[k : k + 3]:
                if m.nstart >= pos or m.nstart - at > 30:
                    break
                if m.kind == "percent" and m.value is not None and not m.is_range and name in self._words_before(m) \
                        and accept(m):
                    return [m]
        return []

    def _words_before(self, m: Mention) -> str:
        """The words of ``m``'s clause before it (what the rate is of); when the clause holds nothing
        but the change (…人均可支配收入66213元，增长4.6%), the clause before it names what changed."""
        lo = max(0, m.nstart - 40)
        piece = self.text[lo : m.nstart]
        cut = max(piece.rfind(c) for c in "，,。；;：:\n")
        own = piece[cut + 1 :]
        if cut > 0 and piece[cut] in "，," and len(self.v.change.sub("", own).strip()) < 2:
            before = max(piece.rfind(c, 0, cut) for c in "，,。；;：:\n")
            return piece[before + 1 :]
        return own

    def _signed(self, m: Mention) -> Mention:
        """A growth rate as a signed number: "下降3.1%" is −3.1 when compared with another rate."""
        if self.v.falling_before.search(self.text[max(0, m.nstart - 6) : m.nstart]) is None:
            return m
        neg = lambda v: None if v is None else -v  # noqa: E731
        return replace(m, value=neg(m.value), low=neg(m.high), high=neg(m.low))

    def each_shares(self) -> list[Claim]:
        """"Construction added 38,000 jobs, with A and B each contributing 16,000": at least two parts
        of the number just before (a level or a gain of the same sign), so twice the value cannot exceed it."""
        if self.v.each_before is None:
            return []
        out = []
        for k, m in enumerate(self.ms):
            if k < 1 or m.kind not in COUNTABLE or not m.exact:
                continue
            cue = self.v.each_before.search(self.text, max(self.start, m.nstart - 120), m.nstart)
            whole = self.ms[k - 1]
            if cue is None or cue.end() != m.nstart or whole.nend > cue.start() or not self.compatible(whole, m):
                continue
            out.append(Claim("sum", {"total": whole, "parts": [m, m]}, {"exhaustive": False}))
        return out

    def respectively(self) -> list[Claim]:
        out = []
        self._last_items: list[str] = []
        self._last_respectively = self.start  # where the 分别 of those items ends
        self._pending: list[Claim] = []
        found = list(self.v.respectively.finditer(self.text, self.start, self.end))[:16]
        for k, r in enumerate(found):
            # a 分别's values end where the next 分别 begins: "分别5起、分别5起、…" is not 16 lists of
            # every value to the clause's end (16 × n numbers, each reported again)
            self._next_respectively = found[k + 1].start() if k + 1 < len(found) else self.end
            if self.en:
                claim = self._respectively_en(r)
            else:
                claim = self._respectively_zh(r)
            if claim:
                out.append(claim)
                if self.en:
                    out.extend(self._contributions_to_total_before(claim))
        return out + self._pending

    def _contributions_to_total_before(self, claim: Claim) -> list[Claim]:
        """"Revenue rose 12% to $4.1 billion … . Aerospace, industrial flow and energy systems contributed
        $1.87 billion, $1.26 billion and $970 million, respectively": amounts that a verb of contribution
        (claims.toml contribution_verbs) gives as shares of the sentence before's largest comparable
        level add up to at most it."""
        values = claim.roles["values"]
        if self.v.contribution_verbs is None or len(values) < 2 or not self.v.contribution_verbs.search(
                self.text, max(self.start, values[0].nstart - 30), values[0].nstart):
            return []
        # the largest such level: a smaller one (a profit beside the revenue) would make a false excess
        total = max((m for m in self.previous if all(self.compatible(m, v) for v in values)
                     and m.exact and m.value is not None and not m.is_range and self._is_level(m)),
                    key=lambda m: m.value, default=None)
        if total is None or any(not v.exact or v.value is None or v.is_range for v in values) \
                or sum(v.value for v in values) > 2 * total.value:
            return []
        return [Claim("sum", {"total": total, "parts": list(values)}, {"exhaustive": False, "kind": "contributions"})]

    def _value_runs(self, values: list[Mention]) -> list[int]:
        """Sizes of the runs of a value list: "从645元、4318元提高到801元、7226元" is two runs of two
        (each item has a from and a to value), "比上年的11210件和9882件上升42.6%和43%" too."""
        runs = [1]
        for a, b in zip(values, values[1:]):
            gap = self.text[a.nend : b.nstart]
            if rx.fullmatch(r"\s*(?:左右|以上|以下|多|余|/[年月日人次户]|个百分点)?\s*(?:[、,，/]|和|与|及|以及|and|,\s*and|or)\s*", gap):
                runs[-1] += 1
            else:
                runs.append(1)
        return runs

    def _respectively_zh(self, r) -> Claim | None:
        cs = self.clause_start(r.start())
        cs = max(cs, self.text.rfind("\n", cs, r.start()) + 1)  # the items' own line, not a heading above
        head = self.text[cs : r.start()]
        head = _strip_trailers(head, self.v.trailers)
        span = YEAR_SPAN.search(head)
        if span and 2 <= int(span.group(2)) - int(span.group(1)) + 1 <= 12:
            # "2021年至2025年分别为…": one item a year
            items = [f"{y}年" for y in range(int(span.group(1)), int(span.group(2)) + 1)]
        else:
            items = self._list_items(head)
            if len(items) == 1 and len(items[0].strip()) < 2:
                items = []  # "年均分别增长…": no item named here (the clauses before name them)
            if len(items) == 1 and items[0].strip()[:1] in self.v.distributive_heads:
                return None  # "各年分别为…", "各季度分别…": a set named by 各, its members not listed
        from_clauses = False  # the items are read from the clause list before the 分别 clause
        weak = False  # the items are a guess (a warning at most)
        ce = min(self.clause_end(r.end()), self._next_respectively)
        values = self.mentions_between(r.end(), ce)
        if not values:
            return None
        runs = self._value_runs(values)
        width = max(runs)
        items_at = cs
        if not items:
            # "油料、糖料产量分别为…，分别增长…": a repeated 分别 keeps the items of the first;
            # "增值税12.8亿元、城镇土地使用税9.5亿元，同比分别增长…": the items are the list of the
            # clause before; "破获案件217起，抓获163名，同比分别上升…": the clauses before, one count each.
            earlier = self._clause_list(cs)
            if self._last_items:
                items = list(self._last_items)
            elif len(earlier) >= 2:
                items, from_clauses = earlier, True
                items_at = self._items_at
            else:
                k0 = self.from_index(cs)
                clauses = {self.clause_start(m.nstart) for m in self.ms[max(0, k0 - width - 2) : k0] if m.kind in COUNTABLE}
                run = self._one_count_clauses(cs)
                if len(clauses) != width and len(run) < 3:
                    return None
                if len(clauses) == width:
                    items = [self.text[c : self.clause_end(c)] for c in sorted(clauses)]
                else:
                    # "第一产业…86.32亿元，第二产业…512.67亿元，第三产业…687.46亿元，分别增长3.6%、6.1%": the
                    # clauses before, one amount each, are the items; a count read so is uncertain (a warning)
                    items, weak = [self.text[c : self.clause_end(c)] for c in run], True
        elif len(items) == 1:
            compound = self._compound(items[0])
            counted = [m for m in self.mentions_between(cs, r.start()) if m.kind == "count" and m.value is not None
                       and 2 <= m.value <= 12 and m.value.denominator == 1]
            if compound:
                # "存贷款余额分别达…": 存贷款 is 存款 and 贷款
                items = compound
            elif counted:
                # "两起案件分别…": a counted head names its own number of items
                items = [f"{items[0]} ({i + 1})" for i in range(int(counted[-1].value))]
            elif self._last_items and len(items[0].strip()) <= 2 and not regex.search(
                    r"[；;。]", self.text[self._last_respectively : cs]):
                # "A、B增加值分别增长…，增速分别高出…": a second 分别 of the same segment whose head is only a
                # measure word (增速) keeps the first's items
                items = list(self._last_items)
            else:
                # "高技术产业、装备制造业表现更好，增加值分别增长…": the items are in a clause before
                earlier = self._clause_list(cs)
                if len(earlier) >= 2:
                    items, from_clauses = earlier, True
                    items_at = self._items_at
        self._last_items, self._last_respectively = list(items), r.end()
        facts = {"items": items, "respectively": r.group(), "runs": runs}
        if weak:
            facts["weak"] = True
        if len(values) == 1 and values[0].kind in COUNTABLE and self.v.shared_value.search(self.text[r.end() : values[0].nstart]):
            facts["shared"] = True  # "三类示范区分别增加2个": each gains two
        item_start = cs + (len(self.text[cs : r.start()]) - len(self.text[cs : r.start()].lstrip()))
        item_start = min(item_start, items_at)
        claim = Claim("arity", {"values": values}, facts, item_start, values[-1].nend)
        # 和/及 may join words inside the last item (电力热力燃气及水生产和供应业, 石油及制品类): the list
        # with its last piece whole is a reading too (judged charitably)
        # (not when a split-off word ends as the other items do: 专业店和专卖店 are two shops)
        pieces = [x for x in head.split("、") if x.strip()]
        ends = {x.strip()[-1:] for x in pieces[:-1]}
        split_off = items[len(pieces) - 1 : -1]
        if not span and len(pieces) >= 2 and len(items) > len(pieces) and items[: len(pieces) - 1] == pieces[:-1] \
                and not any(x.strip()[-1:] in ends for x in split_off):
            claim.alternatives.append(Claim("arity", {"values": values}, dict(facts, items=pieces, reading=" / ".join(pieces)),
                                            item_start, values[-1].nend))
        # 、 may join the words of one item (组织、领导、参加黑社会性质组织犯罪和恶势力犯罪集团成员: two items, a
        # crime named with its acts, and the one after 和): the list split at its conjunction only is a reading
        joined = [x for x in regex.split(r"以及|和|与|及", head) if x.strip()]
        acts = [x.strip() for x in regex.sub(r"^\s*(?:其中|包括)[，,：:]?", "", joined[0]).split("、")] if joined else []
        if not span and len(acts) >= 2 and all(len(x) <= 2 for x in acts[:-1]) and len(acts[-1]) >= 6 \
                and 2 <= len(joined) != len(items):  # (short verbs 、-joined before their object: one item)
            claim.alternatives.append(Claim("arity", {"values": values}, dict(facts, items=joined, reading=" / ".join(joined)),
                                            item_start, values[-1].nend))
        # "发生事故286起，造成63人死亡、312人受伤，直接财产损失198.6万元，同比分别下降…": items read from the
        # clauses before may be the quantities they state, one each (a reading, judged charitably)
        seg = max(self.start, self.text.rfind("；", self.start, cs) + 1, self.text.rfind(";", self.start, cs) + 1)
        stated = [m for m in self.mentions_between(seg, cs) if m.kind in COUNTABLE]
        if from_clauses and 2 <= len(stated) == width and len(items) < width:
            claim.alternatives.append(Claim("arity", {"values": values}, dict(
                facts, items=[m.text for m in stated], reading=" / ".join(m.text for m in stated)), item_start, values[-1].nend))
        self._respectively_parts(cs, values, complete=bool(self.v.complete_heads.search(self.text, cs, r.start())))
        if len(items) == len(values) and all(v.kind == "percent" for v in values) and self.v.change.search(
                self.text, r.start(), values[0].nstart):
            # "事故起数、死亡人数…分别下降12.6%、15.2%…。具体看，…由上年的318起减至278起，…": each item's change,
            # which the next sentence may state as a pair of values (changes_of_listed_items_zh)
            falling = self.v.falling_before is not None and self.v.falling_before.search(
                self.text, max(cs, r.start() - 4), r.end() + 2) is not None
            self.carry["listed_changes"] = [(x, v, "down" if falling else "up") for x, v in zip(items, values)]
        return claim

    def _respectively_parts(self, cs: int, values: list[Mention], complete: bool = False) -> None:
        """"工业民间投资为130357亿元，增长2.6%，制造业、电力…、采矿业分别完成117816亿元、8023亿元和4518亿元":
        the values of a 分别 list right after a level of the same kind are parts of it (a selection: they
        need not add up, but cannot exceed it).  A head that names a complete set ("三次产业增加值分别为…")
        opening its sentence splits a level of the sentence before: every such level is a reading of a
        sum that must add up."""
        parts = [m for m in values if m.kind in COUNTABLE and m.exact and self._is_level(m)]
        if len(parts) < 2 or len(parts) != len(values) or not all(self.compatible(parts[0], m) for m in parts):
            return
        k = self.from_index(cs)
        if k == 0:
            if complete and cs == self.start:
                total = sum(m.value for m in parts)
                wholes = [m for m in reversed(self.previous) if self.compatible(parts[0], m) and m.exact
                          and m.qualifier is None and self._is_level(m) and m.value and m.value / 2 <= total <= m.value * 3 / 2][:3]
                if wholes:
                    self._pending.append(Claim("sum", {"total": wholes[0], "parts": parts},
                                               {"exhaustive": True, "totals": wholes}))
            return
        earlier = self.ms[max(0, k - 2) : k]
        wholes = [m for m in reversed(earlier) if self.compatible(parts[0], m)]
        if not wholes or not wholes[0].exact or not self._is_level(wholes[0]):
            return
        whole = wholes[0]
        total = sum(m.value for m in parts)
        if not whole.value or not (whole.value / 2 <= total <= whole.value * 3 / 2):
            return  # values far from the level before are not its parts
        # only the clause right before (a change stated with the whole may stand between)
        between = self.mentions_between(whole.nend, cs)
        if any(m.kind in COUNTABLE for m in between) or self.clause_start(whole.nstart) < self.clause_start(max(self.start, cs - 1)) - 40:
            return
        self._pending.append(Claim("sum", {"total": whole, "parts": parts}, {"exhaustive": False}))

    def _one_count_clauses(self, cs: int) -> list[int]:
        """The starts of the clauses right before ``cs`` that hold one amount or count each and no other
        statistic (a run of items, each with its value), nearest last; at most 8."""
        out: list[int] = []
        pos = cs
        while pos > self.start and len(out) < 8:
            start = self.clause_start(pos - 1)
            inside = self.mentions_between(start, pos)
            if len(inside) != 1 or inside[0].kind not in COUNTABLE:
                break
            out.insert(0, start)
            pos = start
        return out

    def _clause_list(self, cs: int) -> list[str]:
        """Items of a list in one of the two clauses before ``cs`` (same sentence), or in the last clause of
        the sentence before when the 分别 clause opens this one."""
        pos = cs
        for _ in range(2):
            if pos <= self.start:
                # the sentence before: only its last clause, in a bounded window
                lo = max(0, self.start - 120)
                prev = self.text[lo : self.start].rstrip("。！？!?；; \n")
                cut = max(prev.rfind(c) for c in "，,。；;：:\n")
                piece = prev[cut + 1 :]
                self._items_at = self.start
            else:
                prev_start = self.clause_start(pos - 1)
                piece = self.text[prev_start : pos].rstrip("，,；;：: ")
                pos = prev_start
                self._items_at = prev_start
            if self.v.respectively.search(piece):  # an earlier 分别 clause: its items stand before its 分别
                piece = piece[: self.v.respectively.search(piece).start()]
            items = self._list_items(_strip_trailers(piece, self.v.trailers))
            if len(items) >= 2 and "、" in piece:
                return items
            if pos <= self.start:
                break
        return []

    def _compound(self, item: str) -> list[str]:
        """A head that packs several items: 存贷款 (存款, 贷款), 进出口, 城乡, 一三产业 (see list_compounds)."""
        for word in self.v.compounds:
            name, _, parts = word.partition("=")
            if name and name in item:
                return parts.split("/") if parts else [name + " (1)", name + " (2)"]
        digits = rx.search(r"(?<![第\d])([一二三四五六七八九])([一二三四五六七八九]{1,3})(?:产业|产|类|级|季度)", item)
        if digits:
            return list(digits.group(1) + digits.group(2))
        return []

    def _list_items(self, head: str) -> list[str]:
        """Items of a Chinese list: "A、B和C" is three, but in "治安和刑事案件、交通事故" the 和 joins
        words inside the first item, so 和/与/及 only split the last piece after the final 、; and in
        "专用设备制造业、酒和饮料制造业" the 和 is inside the last item too (its left side is no item
        like the others: it does not end as they do)."""
        pieces = [x for x in head.split("、")]
        last = [x for x in self.v.separators.split(pieces[-1]) if x.strip()]
        if len(pieces) >= 2 and len(last) >= 2:
            ends = {x.strip()[-1:] for x in pieces[:-1] if x.strip()}
            tail = last[-1].strip()[-1:]
            if tail in ends and not any(x.strip()[-1:] in ends for x in last[:-1]):
                last = [pieces[-1]]
        return [x for x in pieces[:-1] if x.strip()] + last

    def _value_chain(self, values: list[Mention]) -> list[Mention]:
        """The list "X, Y and Z" that ends with the last of ``values``."""
        chain = [values[-1]]
        for m in reversed(values[:-1]):
            if rx.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*", self.text[m.nend : chain[0].nstart], regex.IGNORECASE):
                chain.insert(0, m)
            else:
                break
        return chain

    def _respectively_en(self, r) -> Claim | None:
        # "A and B fell 12.5% and 8.3%, respectively": values just before "respectively".
        values = self.ms[max(0, self.from_index(r.start()) - 8) : self.from_index(r.start())]
        if not values:
            return None
        # values form a list "X, Y and Z" ending right before respectively
        chain = self._value_chain(values)
        whole = None
        if len(chain) == 1 and len(values) >= 2 and EN_OF_WHOLE_GAP.fullmatch(self.text, values[-2].nend, chain[0].nstart):
            # "accounted for 7,902, 10,114 and 8,931 of the 26,929 offenses, respectively": the list
            # before "of the" holds the values, the number after it is their whole
            whole, chain = chain[0], self._value_chain(values[:-1])
        if rx.search(r"\d", self.text[(whole or chain[-1]).nend : r.start()]):
            return None  # "8.9, 10.6 and 35.2 months": a value of the list is no statistic here; abstain
        if whole is not None and len(chain) >= 2 and all(self.compatible(whole, v) and v.exact and v.value is not None
                                                       for v in chain) and whole.exact and whole.value is not None:
            # the parts add up to at most their whole (the list need not name every part)
            self._pending.append(Claim("sum", {"total": whole, "parts": list(chain)},
                                       {"exhaustive": False, "kind": "respectively of a whole"}))
        head_end = chain[0].nstart
        head = self.text[self.start : head_end]
        # the clause of the list: after the last "while"/"whereas"/";" ("…, while travel grew in the
        # second, third and fourth quarters by 1.8%, 2.1% and 3.0%, respectively")
        cut = None
        for cut in rx.finditer(r"(?i)\b(?:while|whereas|but)\b|;", head):
            pass
        head_from = cut.end() if cut else 0
        heading = head.rfind("\n\n", head_from)  # a heading line above the list is no item of it
        head_from = heading + 2 if heading >= 0 else head_from
        head = head[head_from:]
        verb = self.v.list_verb.search(head) if self.v.list_verb is not None else None
        subject = head[: verb.start()] if verb else head
        subject = rx.sub(r"(?i)^\s*(?:the|in \d{4},?)\s+", "", subject.strip())
        items = [x for x in self.v.separators.split(subject) if x.strip()]
        if len(items) < 2:
            return None  # the items are named elsewhere (a sentence before): abstain
        start = self.start + head_from
        at = start + (len(head) - len(head.lstrip()))
        claim = Claim("arity", {"values": chain}, {"items": items, "respectively": r.group(), "runs": [len(chain)]},
                      at, r.end())
        if len(items) == len(chain):  # named by their last word in the next sentence ("Starts in the South …")
            self.carry["listed_values"] = [(tail.group().lower(), v) for x, v in zip(items, chain)
                                           if (tail := EN_WORD_TAIL.search(x))]
        oxford = regex.search(r",\s*(?:and|or)\s+[^,]*$", subject, regex.IGNORECASE) is not None
        pieces = [x for x in subject.split(",") if x.strip()]
        if "," in subject and (oxford or all(regex.search(r"(?i)\band\b", x) for x in pieces)):
            # "furniture stores, electronics and appliance stores, and clothing retailers": with commas, an
            # "and" may join words inside one item; the comma reading is a reading too (charitably judged)
            by_comma = [x for x in EN_COMMA_ITEMS.split(subject) if x.strip()]
            if len(by_comma) >= 2 and len(by_comma) != len(items):
                claim.alternatives.append(Claim("arity", {"values": chain}, {"items": by_comma, "respectively": r.group(),
                                                                              "runs": [len(chain)]}, at, r.end()))
        # other readings of the items (charitably judged): a framing phrase before them is none ("By
        # region, starts in the Northeast, …"), and "65 and older" or "five or more" is one item
        framed = self.v.list_framing.match(subject) if self.v.list_framing is not None else None
        merged = _merge_open_ended(items, self.v.open_range_end)
        # and "Park Operations ($1,164 million), Construction and Maintenance ($560 million) and …": the
        # items are what each value in parentheses is given for
        with_values = PAREN_ITEM.findall(subject[framed.end():] if framed else subject)
        for other in ([x for x in self.v.separators.split(subject[framed.end():]) if x.strip()] if framed else None,
                      merged if len(merged) != len(items) else None,
                      with_values if len(with_values) >= 2 else None,
                      self._items_before_apposition(pieces), *self._items_with_one_inner_and(subject)):
            if other is not None and len(other) >= 2 and len(other) != len(items):
                claim.alternatives.append(Claim("arity", {"values": chain}, {"items": other, "respectively": r.group(),
                                                                              "runs": [len(chain)], "reading": " / ".join(
                                                                                  x.strip() for x in other)}, at, r.end()))
        return claim

    def _items_before_apposition(self, pieces: list[str]) -> list[str] | None:
        """"Lakeport and Easton, the two other large districts in the region, spend …": a list ends with
        the piece holding its conjunction; the comma pieces after it are an apposition or the predicate."""
        k = next((i for i, x in enumerate(pieces) if EN_CONJUNCTION.search(x)), None)
        if k is None or k == len(pieces) - 1:
            return None
        return [x for x in self.v.separators.split(",".join(pieces[: k + 1])) if x.strip()]

    def _items_with_one_inner_and(self, subject: str) -> list[list[str]]:
        """"furniture stores, electronics and appliance outlets and clothing retailers": of two or more
        "and"s one may join the words of one item; each such reading (one per "and" but the last)."""
        joins = list(EN_CONJUNCTION.finditer(subject))
        out = []
        for j in joins[:-1][:4]:
            kept = subject[: j.start()] + "\0" + subject[j.end() :]
            out.append([x.replace("\0", j.group()) for x in self.v.separators.split(kept) if x.strip()])
        return out

    def bounds(self) -> list[Claim]:
        """Rates above 100%, negative counts, shares of one whole adding up to more than 100%.

        Shares add up only when they name the same whole (占全省GDP比重…占全省GDP比重); a bare 占比/比重
        names none, and different metrics' shares do not add up.  A from/to pair ("53.6 pct from 48.1
        pct", "由20.5%提升至21.1%") is one share at two times, not two shares."""
        out = []
        shares: dict[str, list[Mention]] = {}
        last_share = None
        for m in self.ms:
            if m.kind == "count" and m.value is not None and m.value < 0 and self.v.total.search(self.before(m, 8)):
                # a count stated as a total cannot be negative (共计-5起); a signed number elsewhere is a
                # change ("4,793 / −1,131"), and a change may be negative
                out.append(Claim("bound", {"value": m}, {"what": "negative count"}))
            if m.kind != "percent" or m.is_range or m.value is None:
                continue
            before = self.before(m, 30 if self.en else 10)
            if self.v.change.search(before[-6:] if not self.en else self.before(m, 12)) or (
                    not self.en and self.v.change.search(self.before(m, 16))):
                continue
            if self.v.rate.search(before) and not self.v.unbounded.search(before + self.after(m, 16)):
                out.append(Claim("bound", {"value": m}, {"what": "rate"}))
                if last_share is not None and (self.v.from_.search(self.text[last_share.nend : m.nstart]) or
                                               self.v.to.search(self.text[last_share.nend : m.nstart])) \
                        and len(self.text[last_share.nend : m.nstart]) <= 24:
                    last_share = m
                    continue  # the same share before and after
                whole = None
                if self.en:
                    if rx.search(r"(?i)\b(?:share|account(?:s|ed)? for)\b", before):
                        of = rx.match(r"(?i)\s*(?:pct|percent|%)?\s+of\s+((?:the\s+)?[a-z]+(?:\s+[a-z]+)?)", self.after(m, 30))
                        whole = of.group(1).lower() if of else None
                else:
                    named = rx.search(r"占([^，,。；;\d]{1,12}?)(?:的)?(?:比重|比例|份额)?(?:为|达到|达|超过|约)?$", before)
                    if named and not rx.fullmatch(r"比|比重|比例|比率", named.group(1)):
                        whole = named.group(1)
                    elif rx.search(r"占$", before) and shares:
                        whole = list(shares)[-1]  # "诈骗案件占47.9%": the whole named just before
                if self.en and whole is None and shares and rx.search(r"(?i)\baccount(?:s|ed)? for\s*$", before):
                    whole = list(shares)[-1]
                if whole and not (shares.get(whole) and self._subset_between(shares[whole][-1].nend, m.nstart)):
                    # (a share of a 其中 part overlaps the shares before it: "60岁及以上…占21.5%，其中65岁及以上…
                    # 占15.4%" is not one more slice of the whole)
                    shares.setdefault(whole, []).append(m)
                    last_share = m
        for group in shares.values():
            if len(group) >= 2:
                out.append(Claim("bound", {"shares": group[:12]}, {"what": "shares"}))
        return out


def _strip_trailers(head: str, trailers) -> str:
    head = head.strip()
    while True:
        m = rx.search(rf"(?:{trailers.pattern})\s*$", head, regex.IGNORECASE)
        if not m:
            return head
        head = head[: m.start()].rstrip()


def _same_count_unit(a: str, b: str) -> bool:
    cases = {"起", "件", "宗", "例"}
    people = {"人", "名", "位", "人次"}
    if a == b:
        return True
    return (a in cases and b in cases) or (a in people and b in people)


def _thousands_comma(seg: str, i: int) -> bool:
    return 0 < i < len(seg) - 3 and seg[i - 1].isdigit() and seg[i + 1 : i + 4].isdigit()
