"""Quantity frames: what each statistic of a sentence is, read from its clause.

A frame gives a statistic its *role* (a level, the earlier value a change compares with, an
increment, a percent change, a change in percentage points, a multiple, a share or rate, a part of
a whole), the *direction* a change word claims, the *metric* (the words naming what is counted)
and its *dimension* (what it can be compared with: cases with cases, people with people, yuan with
yuan).  The cues are data (``rules/<lang>/frames.toml``); this module only applies them, looking at
a bounded stretch of text before and after each number, so building frames is linear in the
sentence.

Frames decide bindings together with the relation schemas (checker.binding): an increment
(比上年增加3.6万张, up 12,000) is never a level or a whole, and a change is a signed quantity.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from fractions import Fraction

import regex

from checker.model import Mention

BEFORE = 48  # characters of context a cue may span before a number
AFTER = 40
#: Roles a frame can take.
LEVEL, REFERENCE, INCREMENT, PCT_CHANGE, PP_CHANGE, MULTIPLE, RATE, PART, INDEX, PLAN, COMPLETION = (
    "level", "reference", "increment", "pct_change", "pp_change", "multiple_change", "rate", "part", "index",
    "plan", "completion")
PP_GAP = "pp_gap"  # the difference of two rates, no direction claimed (a gap of 8.3 points, 相差8.3个百分点)
CHANGE_ROLES = (INCREMENT, PCT_CHANGE, PP_CHANGE, MULTIPLE)
#: every role a schema's anchor or slot may name
ROLES = frozenset({LEVEL, REFERENCE, INCREMENT, PCT_CHANGE, PP_CHANGE, MULTIPLE, RATE, PART, INDEX, PLAN, COMPLETION,
                   PP_GAP})

HAN = regex.compile(r"\p{Han}+")
PAREN = regex.compile(r"[()（）]")
EN_AFTER_CUT = regex.compile(r"\d|,|;|\band\b|\bwhile\b|\bbut\b")
EN_WORD = regex.compile(r"[A-Za-z][A-Za-z-]+")
OPEN_PAREN = regex.compile(r"\s*[（(]\s*")
#: a short parenthesis inside a word (审（执）结): what it adds is read past
SHORT_PAREN = regex.compile(r"[（(][^（）()\d]{1,4}[）)]")
PAIR_IN_PAREN = regex.compile(r"\s*[;；,，、/]\s*")  # between a count and its share inside one parenthesis


def _in_dollars(m: Mention) -> Mention:
    hundredth = Fraction(1, 100)
    scale = lambda v: None if v is None else v * hundredth  # noqa: E731
    return replace(m, value=scale(m.value), low=scale(m.low), high=scale(m.high))


@dataclass(slots=True)
class Frame:
    """One statistic with what its clause says about it."""

    mention: Mention
    index: int  # position among the sentence's statistics
    clause: int  # number of the clause (split at ，,；;：: outside numbers) within the sentence
    segment: int  # number of the ；-segment (pairs of 分别 lists stay inside one)
    role: str
    direction: str | None = None  # "up" / "down" claimed by the change or to-word
    cue: str = ""  # the words that decided the role
    is_from: bool = False  # a reference opened by 从/由/from (a from/to pair)
    is_to: bool = False  # a level reached by a to-word (增至, rose to)
    #: the words before the number in its clause; ``metric`` is read from them when first asked for
    metric_source: str = ""
    cues: "Cues | None" = None
    _metric: str | None = None
    dim: str = ""
    comparison: bool = False  # 同比 / year on year / from a year earlier near a change
    rank: int = 0  # position among the frames of the same role in its segment
    rank_from_end: int = 0  # the same, counted from the segment's last such frame
    whole_cue: bool = False  # introduced as a whole (受理, 共, received, of the N)
    part_cue: bool = False  # introduced as a part (调处, 其中, resolved)
    of_whole: bool = False  # the whole of a partitive after its part ("1,126 of 1,480")
    paren_part: bool = False  # a count in parentheses right after a percent: that share's part
    listed_part: bool = False  # one of the parts a sentence lists after "Of these," (binding.read_document)
    opens_parts: bool = False  # a whole the clauses after it break down ("民事新收21803件中，…")
    antecedent: bool = False  # the level "Of these"/"Among those" in the next sentence points at
    remainder: bool = False  # "the remaining 12,000", 其余…: the rest of a whole, whose siblings are no whole of it
    of_listed_items: bool = False  # a value of a 分别 list whose items its own clause names (A、B分别…)
    anaphoric_part: bool = False  # a part after "; of those," inside its sentence: which whole "those" is, is a reading
    clause_head: "Frame | None" = None  # the clause's first frame: whose words name what the clause is about
    share_of_previous: bool = False  # a percent that is the share of the count just before ("1,198 (95.1%)", "120人，占40%")
    after_words: str = ""  # English: the words right after the number, its own noun ("1,496 by telephone")
    subset_of: "Frame | None" = None  # the count a part's subset word follows ("6,035 appeals, of which 1,087")
    share_of: "Frame | None" = None  # the count a share is of when a change stands between them
    share: "Frame | None" = None  # the share stated right after this count (its own share: it is no whole of others)
    basis: str | None = None  # "nominal" (现价, 名义) or "real" (实际, 可比价, 扣除价格因素) when its clause says
    paren: int = 0  # which parenthesis it stands in (0: none), so a detail inside one stays there
    year: int | None = None  # the explicit year the value is of (2023年…X; 较2016年的X; X in 2015)
    yoy: bool = False  # a change against the year before (同比, 比上年, year on year), no year named

    @property
    def metric(self) -> str:
        """The words naming what the number counts (computed once, only for the frames a binding weighs)."""
        if self._metric is None:
            self._metric = _metric(self.metric_source, self.cues) if self.cues is not None else self.metric_source
        return self._metric

    @metric.setter
    def metric(self, value: str) -> None:
        self._metric = value

    def as_dict(self) -> dict:
        m = self.mention
        return {"text": m.text, "span": [m.start, m.end], "role": self.role, "direction": self.direction,
                "cue": self.cue, "metric": self.metric, "dimension": self.dim, "clause": self.clause,
                "from": self.is_from, "to": self.is_to, "comparison": self.comparison, "year": self.year,
                "year_on_year": self.yoy}


class Cues:
    """The frame cues of one language, compiled once."""

    def __init__(self, cues: dict[str, tuple[str, ...]], language: str,
                 words: dict[str, tuple[str, ...]] | None = None) -> None:
        self.language = language
        flags = regex.IGNORECASE if language == "en" else 0
        words = words or {}

        def word_rx(name: str):
            alts = "|".join(regex.escape(w) for w in sorted(words.get(name, ()), key=len, reverse=True))
            if not alts:
                return None
            return regex.compile(rf"\b(?:{alts})\b" if language == "en" else f"(?:{alts})", flags)

        # the claim words of rules/<lang>/claims.toml: what introduces a whole (受理, received) and a part
        self.whole_words, self.part_words = word_rx("whole_words"), word_rx("part_words")
        self.unbounded_rate = word_rx("unbounded_rate_words")  # a rate that may pass 100 (clearance rate, 完成率)
        # characters that negate the name they open (不批准逮捕 is not 批准逮捕): claims.toml negating_prefixes
        self.negating = frozenset("".join(words.get("negating_prefixes", ())))

        def rx(name: str):
            pats = cues.get(name, ())
            if not pats:
                return None
            # a cue that ends at the number is searched backwards from it: the first try decides
            reverse = regex.REVERSE if all(p.endswith("$") and not p.endswith("\\$") for p in pats) else 0
            return regex.compile("|".join(f"(?:{p})" for p in pats), flags | reverse)

        def grouped(named: list[tuple[str, str]]):
            """Several cues in one search; the match's ``lastgroup`` says which (first listed wins)."""
            parts = [(group, cues[name]) for group, name in named if cues.get(name)]
            if not parts:
                return None
            pats = [p for _, ps in parts for p in ps]
            reverse = regex.REVERSE if all(p.endswith("$") and not p.endswith("\\$") for p in pats) else 0
            return regex.compile("|".join(f"(?P<{g}>{'|'.join(f'(?:{p})' for p in ps)})" for g, ps in parts), flags | reverse)

        # the change verb (down listed first: it wins where both read), the to-word, a comparative, a base
        self.change = grouped([("down", "down_before"), ("up", "up_before")])
        self.to_word = grouped([("up", "to_up_before"), ("down", "to_down_before"), ("neutral", "to_neutral_before")])
        self.comparative = grouped([("up", "comparative_up_before"), ("down", "comparative_down_before")])
        self.base = grouped([("index", "index_base_before"), ("ratio", "ratio_tail_before")])
        self.reference, self.from_ = rx("reference_before"), rx("from_before")
        self.share_gap, self.of_whole = rx("share_gap"), rx("of_whole_before")
        self.to_up, self.to_down, self.to_neutral = rx("to_up_before"), rx("to_down_before"), rx("to_neutral_before")
        self.up, self.down = rx("up_before"), rx("down_before")
        self.up_after, self.down_after = rx("up_after"), rx("down_after")
        self.or_before = rx("or_before")
        self.part, self.rate = rx("part_before"), rx("rate_before")
        self.rate_after = rx("rate_after")
        self.named_comparison = rx("named_comparison_after")
        self.up_words, self.down_words = rx("up_words"), rx("down_words")
        self.up_if_to, self.to_after = rx("up_before_if_to"), rx("to_after")
        self.comparative_up, self.comparative_down = rx("comparative_up_before"), rx("comparative_down_before")
        self.index_words, self.index_base = rx("index_words"), rx("index_base_before")
        self.ratio_tail = rx("ratio_tail_before")
        self.average_change = rx("average_change_before")
        self.plan_before = rx("plan_before")
        # a plan named right before a number that a share of it follows: 为年度计划420亿元的115.8%
        self.plan_named_before, self.share_of_it_after = rx("plan_named_before"), rx("share_of_it_after")
        self.plan_after = rx("plan_after")  # "完成全年10万人目标任务的28.6%": the plan named after its number
        self.completion_before, self.completion_after = rx("completion_before"), rx("completion_after")
        self.name_open, self.name_close = rx("name_open_before"), rx("name_close_after")
        self.margin_before = rx("margin_before")
        self.whole_after = rx("whole_after")
        self.framing_reference = rx("framing_reference_cue")  # "when receipts stood at": a clause's frame
        # the words of a rate's name that say it is a rate, not what it is of ("telephone share")
        self.rate_name_words = frozenset(w.lower() for w in cues.get("rate_name_words", ()))
        self.pace_words = rx("pace_words")  # a duration's direction words, whose sense a pace reverses
        self.participle_after_number = rx("participle_after_number")  # "the 48 recorded in 2023": said of that number
        self.total_name_suffix = rx("total_name_suffix")  # 起诉总人数: the word that makes 起诉 a total
        self.item_count_units = frozenset(cues.get("item_count_units", ()))  # 四项指数: the number of items of a list
        # "the remaining 12,000", 其余…: the rest of a whole (claims.toml remainder_before, a pattern list)
        rest = words.get("remainder_before", ())
        self.remainder_before = regex.compile("|".join(f"(?:{p})" for p in rest), flags) if rest else None
        self.by_after_reference = rx("by_after_reference")  # "beating the estimate of $2.46 by 12 cents"
        self.by_clause = rx("by_clause")  # "fell the most sharply of all, by 14.5%": the amount of a verb before
        self.gap_before = rx("gap_before")
        self.reference_in_paren_after = rx("reference_in_paren_after")  # "1,806 (1,742 in 2022)"  # "a gap of", 相差: the points between two rates, either way
        self.part_of_after = rx("part_of_after")  # "121 of the 287": the first is the part
        self.of_after = rx("of_after")  # "61.5% of the total": a share of a whole named after it
        parts = [f"(?P<{name}>{'|'.join(cues[key])})" for name, key in (("nominal", "price_nominal"), ("real", "price_real"))
                 if cues.get(key)]
        self.basis = regex.compile("|".join(parts), flags) if parts else None
        # what _metric strips: the cues that end a number's words (all anchored at the end)
        tails = [n for n in ("up_before", "down_before", "to_up_before", "to_down_before", "to_neutral_before",
                             "reference_before", "comparative_up_before", "comparative_down_before")]
        self.cue_tail = regex.compile("|".join(f"(?:{p})" for n in tails for p in cues.get(n, ())), flags) \
            if any(cues.get(n) for n in tails) else None
        self.metric_strip = [p for p in (self.comparative_up, self.comparative_down, self.up, self.down, self.reference,
                                         self.to_up, self.to_down, self.to_neutral, self.or_before, self.up_words,
                                         self.down_words) if p is not None]
        self.anaphora, self.topic_after = rx("anaphora"), rx("topic_after")
        self.partitive_whole = rx("partitive_whole_opening")  # "Of the " before the sentence's first number
        self.partitive = rx("partitive_opening")  # "Of these, …": the sentence lists parts
        self.partitive_inside = rx("partitive_before")  # "…; of those, 1,096 …": a part of a count before
        self.combined_share = rx("combined_share_before")  # 三类犯罪合计占…, together accounted for
        words = sorted(cues.get("comparison_cues", ()), key=len, reverse=True)
        self.comparison = regex.compile("|".join(regex.escape(w) for w in words), flags) if words else None
        stops = sorted(cues.get("metric_stop", ()), key=len, reverse=True)
        self.metric_stop = regex.compile("|".join(regex.escape(w) for w in stops)) if stops and language != "en" else None
        resp = sorted(cues.get("respectively", ()), key=len, reverse=True)
        self.respectively = regex.compile("|".join(regex.escape(w) for w in resp), flags) if resp else None
        # time phrases made uniform before cues are matched ("in March", "较2016年的" → "较Y年的")
        self.time_phrase = rx("time_phrase")
        self.year_on_year = rx("year_on_year")
        self.above_reference, self.below_reference = rx("above_reference"), rx("below_reference")
        self.cents_after = rx("cents_after")
        self.points_after = rx("points_after")
        # words that name no metric (English), and the unit words that give a count its dimension
        self.function_words = frozenset(w.lower() for w in cues.get("function_words", ()))
        money, counted = cues.get("money_unit_words", ()), cues.get("count_unit_words", ())
        self.money_units = frozenset(w.lower() for w in money)
        self.unit_after = regex.compile(
            r"^\s*(?:mln\s+|billion\s+|million\s+)?(" + "|".join(regex.escape(w) for w in (*money, *counted)) + r")\b",
            flags) if money or counted else None
        # count units that measure the same thing (起, 件 and 宗 all count cases)
        self.unit_groups = {unit.lower(): key[len("unit_group_"):] for key, units in cues.items()
                            if key.startswith("unit_group_") for unit in units}


CLAUSE_MARK = regex.compile(r"[，,；;：:]")
SEGMENT_MARK = regex.compile(r"[；;]")


def _search(pattern, text: str):
    return pattern.search(text) if pattern is not None and text else None


def _match(pattern, text: str):
    return pattern.match(text) if pattern is not None and text else None


def clause_marks(text: str, start: int, end: int, english: bool) -> list[int]:
    """Offsets of clause marks in ``text[start:end]`` (a thousands comma is not one)."""
    out = []
    for m in CLAUSE_MARK.finditer(text, start, end):
        i = m.start()
        if m.group() == "," and 0 < i < len(text) - 3 and text[i - 1].isdigit() and text[i + 1 : i + 4].isdigit():
            continue
        out.append(i)
    return out


def build_frames(text: str, start: int, end: int, mentions: list[Mention], cues: Cues) -> list[Frame]:
    """Frames of the statistics of one sentence ``text[start:end]`` (mentions in text order)."""
    english = cues.language == "en"
    marks = clause_marks(text, start, end, english)
    seg_marks = [i for i in marks if text[i] in "；;"]
    frames: list[Frame] = []
    mi = si = 0
    previous_end = start
    parens = _paren_groups(text, start, end)
    pi = 0
    years = [(y.end(), int(y.group(1))) for y in ZH_YEAR.finditer(text, start, end)] if not english else []
    bases = [(b.start(), b.end(), b.lastgroup) for b in cues.basis.finditer(text, start, end)] if cues.basis else []
    for k, m in enumerate(mentions):
        while mi < len(marks) and marks[mi] < m.nstart:
            mi += 1
        while si < len(seg_marks) and seg_marks[si] < m.nstart:
            si += 1
        clause_start = marks[mi - 1] + 1 if mi else start
        clause_end = marks[mi] if mi < len(marks) else end
        lo = max(start, m.nstart - BEFORE)
        before = text[lo : m.nstart]
        after = text[m.nend : min(end, m.nend + AFTER)]
        if english and m.kind == "count" and cues.cents_after is not None and cues.cents_after.match(after):
            m = _in_dollars(m)  # "up 84 cents" is $0.84, comparable with "$26.64"
        elif english and m.kind == "count" and cues.points_after is not None and cues.points_after.match(after):
            m = replace(m, kind="percentage_points")  # "up 11 points from 22%": a difference of two percents
        frame = Frame(mention=m, index=k, clause=mi, segment=si, role=LEVEL, dim=_dimension(m, after, cues))
        gap = text[previous_end : m.nstart] if frames else ""
        if len(gap) > MAX_GAP:
            gap = "\0"  # nothing joins two numbers this far apart (and no pattern scans a long gap)
        if frames and COORDINATED.fullmatch(gap) and _inherits(frames[-1], frame):
            _inherit(frame, frames[-1])  # "197件375人", "42.6%和43%", "645元、4318元": one role for the pair
        else:
            _assign_role(frame, before, after, text[max(clause_start, lo) : m.nstart], cues, frames)
        if english and frame.role == PART and frames and frames[-1].role == LEVEL and gap != "\0" and len(gap) <= 30 \
                and frame.cue.strip() and frame.cue.strip() in gap and dimensions_agree(frames[-1], frame):
            frames[-1].whole_cue = True  # "decided 6,035 appeals, of which 1,087 …": the whole of that part
            frame.subset_of = frames[-1]
        elif not english and frame.role == PART and frames and frames[-1].role == LEVEL and gap != "\0" \
                and frame.cue.startswith("其中") and frame.cue in gap and dimensions_agree(frames[-1], frame) \
                and not (len(frames) >= 2 and "、" in text[frames[-2].mention.nend : frames[-1].mention.nstart]):
            # "有效回访11842人，其中表示满意的11596人": 其中 of the count just before (not of the last item of
            # a 、 list: "A10124件、B386件、C1204件，其中…" may be of any item or of the list's whole)
            frame.subset_of = frames[-1]
        named = _search(cues.named_comparison, after) if m.kind in ("percent", "percentage_points") else None
        if named:
            # "1.2 percentage points below its long-run average": against a level named but not given
            # here, not the pair of this sentence (whatever role the words before gave it)
            frame.role, frame.cue = "named_comparison", named.group()
        frame.metric_source, frame.cues = text[max(clause_start, previous_end) : m.nstart], cues
        if english and frames and previous_end > clause_start:
            # "seven fewer than the 48 recorded in 2023 and 21.8% below …": the participle after the number
            # before is said of that number, no subject of this one
            if cues.participle_after_number is not None:
                frame.metric_source = cues.participle_after_number.sub("", frame.metric_source, count=1)
        if english:
            frame.after_words = EN_AFTER_CUT.split(after[:30], 1)[0].lower()
        if frame.is_to and frames and frames[-1].role in CHANGE_ROLES and frames[-1].clause == frame.clause \
                and (len(gap) <= 12 or len(_untimed(gap, cues)) <= 12):  # ("rose 1.2% in the quarter to $108.5 million")
            frame.metric_source = frames[-1].metric_source  # "财产犯罪下降6.5%至3820起": the change's metric
        window = text[max(clause_start, m.nstart - 30) : min(clause_end, m.nend + 30)]
        if frame.role in CHANGE_ROLES:  # only a change asks whether it is year on year
            frame.comparison = bool(_search(cues.comparison, window))
        while pi < len(parens) and parens[pi][1] <= m.nstart:
            pi += 1
        if pi < len(parens) and parens[pi][0] < m.nstart:
            frame.paren = pi + 1
        frame.year = _year_of(frame, text, start, m, english, years)
        # the last price-basis word of the clause before the number (found once per sentence)
        b = bisect_left(bases, (m.nstart,)) - 1
        frame.basis = bases[b][2] if b >= 0 and bases[b][0] >= clause_start and bases[b][1] <= m.nstart else None
        _whole_or_part(frame, text[max(clause_start, m.nstart - (40 if english else 10)) : m.nstart], after, gap, cues)
        if frames and cues.partitive_inside is not None and cues.partitive_inside.search(before):
            frame.anaphoric_part = True
        if cues.remainder_before is not None and cues.remainder_before.search(before[-24:]):
            frame.remainder = True
        if english and len(frames) >= 2 and frame.role == LEVEL and frames[-1].whole_cue and frames[-2].role == RATE \
                and frames[-2].mention.kind == "percent" and frames[-1].clause == frame.clause - 1 \
                and _search(cues.or_before, before):
            frame.part_cue = True  # "42 percent of the 3,850 incidents …, or about 1,617": the share as a count
        if frames and not gap.strip() and m.kind == "count" and frames[-1].mention.kind == "count" \
                and frames[-1].dim != frame.dim and frames[-1].segment == frame.segment:
            # "受理2860件4150人": the second count of a 件/人 pair is of what the first is of
            previous = frames[-1]
            frame.metric_source = previous.metric_source
            frame.whole_cue = frame.whole_cue or previous.whole_cue
            frame.part_cue = frame.part_cue or previous.part_cue
        # a count and its share: "1,198 (95.1%)", "11852件，占68.2%", or one parenthesis holding both
        # ("property offenses (17,190; 27.8 percent)", "（2311件，18.0%）")
        earlier = _match(cues.reference_in_paren_after, after) if frames and frame.role == LEVEL else None
        if earlier and frames[-1].role == LEVEL and OPEN_PAREN.fullmatch(gap) and dimensions_agree(frames[-1], frame):
            frame.role, frame.cue = REFERENCE, earlier.group().strip(" )")  # "1,806 (1,742 in 2022)": the earlier level
        if frames and frames[-1].role == REFERENCE and frame.role == LEVEL and cues.by_after_reference is not None \
                and cues.by_after_reference.fullmatch(gap) and dimensions_agree(frames[-1], frame):
            # "beating the consensus estimate of $2.46 by 12 cents": the margin over the value compared with
            frame.role, frame.direction, frame.cue = INCREMENT, frames[-1].direction, gap.strip()
        if frames and m.kind == "percent" and frame.role in (LEVEL, RATE) and frames[-1].role == INCREMENT \
                and OPEN_PAREN.fullmatch(gap):
            # "an increase of 41,200 (1.6%)", "增加3.6万人（增长2.9%）": the increment's own percent change
            frame.role, frame.direction, frame.cue = PCT_CHANGE, frames[-1].direction, frames[-1].cue
        paired = frame.paren and frames and frames[-1].paren == frame.paren and PAIR_IN_PAREN.fullmatch(gap)
        if frames and m.kind == "percent" and frame.role in (LEVEL, RATE) and \
                (paired or cues.share_gap is not None and cues.share_gap.fullmatch(gap)) \
                and frames[-1].mention.kind in ("count", "money", "measure"):
            frame.role, frame.share_of_previous = RATE, True
            frames[-1].share = frame
        elif english and frames and m.kind == "percent" and frame.role == LEVEL and frames[-1].role in (LEVEL, PART) \
                and frames[-1].mention.kind in ("count", "money", "measure") and frames[-1].segment == frame.segment \
                and _search(cues.or_before, before) and not _match(cues.of_after, after) \
                and not _search(cues.respectively, text[frames[-1].mention.nend : m.nstart]):
            # "203 said they commuted by transit, or 26.3%": the share of the count its clause stated
            # (not "…, respectively, or 61.5% of the total": the share of a list together)
            frame.role, frame.share_of_previous = RATE, True
            frames[-1].share = frame
        elif english and len(frames) >= 2 and m.kind == "percent" and frame.role in (LEVEL, RATE) \
                and frames[-1].role in CHANGE_ROLES and frames[-2].role in (LEVEL, PART) \
                and frames[-2].mention.kind in ("count", "money", "measure") and frames[-2].segment == frame.segment \
                and len(text[frames[-2].mention.nend : frames[-1].mention.nstart]) <= 8 and _search(cues.or_before, before) \
                and not _search(cues.respectively, text[frames[-2].mention.nend : m.nstart]):
            # "took in $135.3 billion, up 1.2%, or 19.0% of all sales": the share of the count before its change
            frame.role, frame.share_of_previous, frame.share_of = RATE, True, frames[-2]
            frames[-2].share = frame
        elif frames and m.kind in ("count", "money") and frames[-1].mention.kind == "percent" and \
                OPEN_PAREN.fullmatch(gap) and frames[-1].role in (LEVEL, RATE):
            frames[-1].role, frame.part_cue, frame.paren_part = RATE, True, True  # "61.2% (918) of the 1,500"
        if frame.role in CHANGE_ROLES:
            frame.yoy = bool(cues.year_on_year is not None and
                             cues.year_on_year.search(text, max(clause_start, m.nstart - 24), m.nstart))
        frames.append(frame)
        previous_end = m.nend
    # durations take part as the ends of a from/to pair, or in a sentence that compares durations
    # (11.2 months, 0.8 month longer than the 10.4 months; 缩短8.4天): not as anniversaries (连续17年)
    compared = any(f.mention.kind == "duration" and f.role in (REFERENCE, INCREMENT) for f in frames)
    frames = [f for f in frames if f.role != "topic" and (f.mention.kind != "duration" or f.is_from or f.is_to or compared)]
    # (after a heading line above the sentence: "Outcomes\n\nOf the 48,216 crimes recorded, …")
    blank = text.rfind("\n\n", start, frames[0].mention.nstart) if frames else -1
    opening = blank + 2 if blank >= 0 else start
    if english and frames and frames[0].whole_cue and cues.partitive_whole is not None \
            and cues.partitive_whole.fullmatch(text, opening, frames[0].mention.nstart):
        frames[0].opens_parts = True  # "Of the $712.6 billion total, dealers took in $135.3 billion, …"
    opener = next((f for f in frames if f.opens_parts), None)
    if opener is not None:  # the counts after "…中，", "Of the N total," are its parts
        for f in frames:
            if f.mention.nstart > opener.mention.nstart and dimensions_agree(f, opener) and not english and not f.whole_cue:
                f.part_cue = f.listed_part = True
            elif f.mention.nstart > opener.mention.nstart and english and f.mention.kind == "percent" and f.role == LEVEL \
                    and f.segment == opener.segment:
                f.role = RATE  # "Of the 187 victims, 78.6% were male": a share of the whole the sentence opens with
            elif f.mention.nstart > opener.mention.nstart and english and f.mention.kind == opener.mention.kind \
                    and dimensions_agree(f, opener) \
                    and f.segment == opener.segment:  # (not past a semicolon: "…, 3,940 took part; 2,610 …")
                f.part_cue = f.listed_part = True  # ("took in $135.3 billion" of the total: a part of it)
                f.whole_cue = False
    _respective_items(frames, text, start, end, marks, cues)
    heads: dict[int, Frame] = {}
    for k, f in enumerate(frames):
        f.index = k
        f.clause_head = heads.setdefault(f.clause, f)
    ranks: dict[tuple[int, str], int] = {}
    for f in frames:
        key = (f.segment, f.role)
        f.rank = ranks.get(key, 0)
        ranks[key] = f.rank + 1
    for f in frames:
        f.rank_from_end = ranks[(f.segment, f.role)] - 1 - f.rank
    return frames


SIGN_LEAD = ("(", "（", ";", "；", ":", "：")  # "(48; -14.6%)": a minus after these is a percent's sign
MAX_GAP = 40  # the longest stretch between two numbers that can still tie them (a pair, a share)
COORDINATED = regex.compile(r"\s*(?:/\p{Han}{1,2})?\s*(?:[、和及与/]|and|or|,|，|,\s*and)?\s*|\s*[a-z]+\s+(?:and|or|,\s*and)\s+",
                            regex.IGNORECASE)  # "197件375人", "645元/月、4318元/年", "460 cases and 650 people"


def _inherits(previous: Frame, frame: Frame) -> bool:
    """A number right after another of the same sort, with at most a list separator between, shares
    its role: the second of a pair (件 and 人) or a list (分别…、…) is read like the first."""
    if previous.role == LEVEL and not previous.is_to:
        return False
    same = (previous.mention.kind == frame.mention.kind or
            {previous.mention.kind, frame.mention.kind} <= {"count", "money", "measure"})
    return same


def _inherit(frame: Frame, previous: Frame) -> None:
    frame.role, frame.direction, frame.cue = previous.role, previous.direction, previous.cue
    frame.is_from, frame.is_to = previous.is_from, previous.is_to
    if frame.mention.kind == "percentage_points":
        frame.role = PP_CHANGE


def _assign_role(frame: Frame, before: str, after: str, in_clause: str, cues: Cues, done: list[Frame]) -> None:
    """Decide a frame's role from the words right before and after its number."""
    m = frame.mention
    english = cues.language == "en"
    ctx = _untimed(before, cues)
    clause_ctx = ctx if in_clause == before else _untimed(in_clause, cues)
    if not english:  # "降至2023年的  12.3%": spaces and line breaks before a Chinese number say nothing
        ctx, clause_ctx = ctx.rstrip(), clause_ctx.rstrip()
    kind = m.kind
    if kind == "percentage_points":
        frame.role = PP_CHANGE
        gap = _search(cues.gap_before, ctx)
        if gap:  # "75.9% and 67.6%, a gap of 8.3 percentage points": a difference with no direction
            frame.role, frame.cue = PP_GAP, gap.group()
            return
    elif kind == "multiple":
        frame.role = MULTIPLE
    # A number printed with its sign ("+41.18%", "(+21.3 points)", "+19,684") is a change, whatever the words
    sign = "+" if before.endswith(("+", "＋")) or m.text.lstrip().startswith(("+", "＋")) else \
        "−" if m.text.lstrip().startswith(("−", "-", "－")) and (
            kind in ("count", "money", "measure") or before.rstrip().endswith(SIGN_LEAD)) else None
    # (a signed value reached or left, "from +210,000 to +225,000", is a level of the change it states)
    if sign and kind in ("percent", "percentage_points", "count", "money", "measure") \
            and not _search(cues.reference, ctx) and not _search(cues.to_word, ctx):
        frame.direction, frame.cue = ("up" if sign == "+" else "down"), sign
        frame.role = {"percent": PCT_CHANGE, "percentage_points": PP_CHANGE}.get(kind, INCREMENT)
        return
    # A change: its verb right before, or (English) its direction word right after.
    cue = _search(cues.change, clause_ctx)
    direction = cue.lastgroup if cue else None
    after_cue = None
    if cue is None and english and not _search(cues.comparative, ctx):  # ("faster than the 2.1% gain": compared with)
        if _search(cues.up_after, after):
            direction, cue = "up", _search(cues.up_after, after)
        elif _search(cues.down_after, after):
            direction, cue = "down", _search(cues.down_after, after)
        after_cue = cue  # "works out to 291 fewer deaths": the word after makes it a change
        if cue is not None and kind in ("percent", "percentage_points") and _search(cues.pace_words, cue.group()):
            # "2 minutes faster" is a fall in time, "1.7 percentage points faster" a rise in a pace
            direction = "down" if direction == "up" else "up"
    if cue is None and english and _match(cues.by_clause, clause_ctx) and _verb_direction(before, cues):
        direction, cue = _verb_direction(before, cues), _match(cues.by_clause, clause_ctx)  # "fell …, by 14.5%"
    if cue is None and _search(cues.up_if_to, ctx) and _search(cues.to_after, after):
        direction, cue = "up", _search(cues.up_if_to, ctx)  # "adding 19,684 cases to reach 55,343"
    if cue is None and english and _search(cues.or_before, ctx) and done and done[-1].role in CHANGE_ROLES \
            and not _match(cues.of_after, after):  # ("up 1.2%, or 19.0% of all sales": a share, not the change)
        direction, cue = done[-1].direction, _search(cues.or_before, ctx)  # "rose 2.78 billion, or 3 pct"
    average = _search(cues.average_change, clause_ctx)
    if average and kind in ("percent", "percentage_points") and not _search(cues.comparative, ctx):
        # (not "below its long-run average of 79.6 pct": that is the level compared with)
        frame.role, frame.cue = "average_change", average.group()  # 年均增长6.1%: a rate over years
        return
    to = _search(cues.to_word, clause_ctx)
    if to and after_cue is None:
        # "增至X" / "rose 4.4 pct to X": a level reached; a change verb earlier in the clause is the to-word's
        frame.role, frame.is_to = LEVEL, True
        frame.direction = to.lastgroup if to.lastgroup != "neutral" else _verb_direction(clause_ctx, cues)
        frame.cue = to.group()
        if kind == "percentage_points":
            frame.role = PP_CHANGE
        return
    if cue is not None:
        frame.direction = direction
        frame.cue = cue.group()
        if kind == "percent":
            frame.role = PCT_CHANGE
        elif kind in ("percentage_points", "multiple"):
            pass
        elif kind in ("count", "money", "measure", "duration"):
            frame.role = INCREMENT
        return
    margin = _search(cues.margin_before, before)
    if margin:  # "(+/-12.1 percent)": the margin of error of the number before, no statistic
        frame.role, frame.cue = "topic", margin.group()
        return
    if _search(cues.name_open, before) and _search(cues.name_close, after):
        frame.role, frame.cue = "topic", "quoted name"  # “3片”勤务网格, “1+3+N”: a name, not a statistic
        return
    base = _search(cues.base, ctx)
    if base:  # "（上年=100）", the 1 of "2.9∶1": a base, not a statistic
        frame.role, frame.cue = "topic", base.group()
        return
    comparative = _search(cues.comparative, ctx)
    if comparative:  # "286起，低于上年月均水平的315起", "fewer than the monthly average of 348"
        frame.role, frame.cue, frame.direction = REFERENCE, comparative.group(), comparative.lastgroup
        return
    ref = _search(cues.reference, ctx)
    if ref and _search(cues.from_, ctx) and _search(cues.topic_after, after):
        frame.role, frame.cue = "topic", ref.group()  # "从八大类消费品价格看": a topic, not a from
        return
    if ref:
        frame.role = REFERENCE if kind not in ("percentage_points", "multiple") else frame.role
        frame.cue = ref.group()
        frame.is_from = bool(_search(cues.from_, ctx))
        if _search(cues.above_reference, ref.group()):
            frame.direction = "up"  # "346,000, more than the 284,000": the new value is above this one
        elif _search(cues.below_reference, ref.group()):
            frame.direction = "down"
        elif frame.is_from:
            frame.direction = _verb_direction(ctx[-24:], cues)  # "up from 124.4 billion"
        return
    # a plan or target (目标为180亿元, 年度计划840亿元, a goal of 160,000) and the share of it achieved
    # (完成年度计划的107.6%, 105 percent of the target): neither is a level, a whole or a rate
    completion = _search(cues.completion_before, ctx) or _search(cues.completion_after, after)
    if completion and kind == "percent":
        frame.role, frame.cue = COMPLETION, completion.group()
        return
    plan = _search(cues.plan_before, ctx) or (
        _search(cues.plan_named_before, ctx) if _search(cues.share_of_it_after, after) else None) or _match(cues.plan_after, after)
    if plan and kind in ("count", "money", "measure"):  # (完成目标任务4万人的115.5%: the plan, its share after it)
        frame.role, frame.cue = PLAN, plan.group()
        return
    rate = _search(cues.rate, clause_ctx[-16:] if not english else ctx[-40:]) or _search(cues.rate_after, after)
    if rate and kind == "percent":  # "其中纠错案件占比为9.46%": a share, even after 其中
        frame.role, frame.cue = RATE, rate.group()
        return
    part = _search(cues.part, ctx)
    if part and kind != "percent":
        frame.role, frame.cue = PART, part.group()
        return
    index = _search(cues.index_words, clause_ctx)
    if index and kind in ("count", "measure") and m.unit is None:
        frame.role, frame.cue = INDEX, index.group()  # 价格指数为102.3: a level against a base of 100


YEAR_IN_CUE = regex.compile(r"((?:19|20)\d\d)\s*年(?:末|底|同期|全年|度)?(?:的|为|是)?\s*$")
EN_YEAR_AFTER = regex.compile(r"^\s*(?:[a-z]+\s+){0,3}(?:in|for|during)\s+((?:19|20)\d\d)\b", regex.IGNORECASE)
ZH_YEAR = regex.compile(r"((?:19|20)\d\d)\s*年(?![\d一二三四五六七八九十]+(?:月|季))")


def _year_of(frame: Frame, text: str, sentence_start: int, m: Mention, english: bool,
             years: list[tuple[int, int]]) -> int | None:
    """The explicit year a number is of: in its cue (较2016年的X, 2019年同期为X), right after it in
    English (X in 2015), or, for a level, the last year named before it in its sentence."""
    before = text[max(sentence_start, m.nstart - 16) : m.nstart]
    cue = YEAR_IN_CUE.search(before)
    if cue:
        return int(cue.group(1))
    if english:
        after = EN_YEAR_AFTER.match(text, m.nend, min(len(text), m.nend + 30))
        return int(after.group(1)) if after else None
    if frame.role == "level" and years:
        k = bisect_left(years, (m.nstart,)) - 1  # the last year named before the number
        return years[k][1] if k >= 0 else None
    return None


ITEM_SPLIT = regex.compile(r"[、和与及]|,\s*and\s+|\s+and\s+|,\s*", regex.IGNORECASE)


def _paren_groups(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The outermost (…)/（…） spans of a sentence, in order (an unclosed one runs to the end)."""
    out, depth, opened = [], 0, 0
    for m in PAREN.finditer(text, start, end):
        if m.group() in "(（":
            if depth == 0:
                opened = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                out.append((opened, m.end()))
    if depth:
        out.append((opened, end))
    return out


def _respective_items(frames: list[Frame], text: str, start: int, end: int, marks: list[int], cues: Cues) -> None:
    """"受理、审结案件分别为3280件和3105件": the i-th value after 分别/respectively is of the i-th item, so
    it takes that item's whole or part word (受理 → a whole, 审结 → a part)."""
    if cues.respectively is None or cues.language == "en":
        return
    starts = [f.mention.nstart for f in frames]
    for r in cues.respectively.finditer(text, start, end):
        k = bisect_left(starts, r.end())
        if k >= len(frames):
            continue
        j = bisect_left(marks, r.start())
        head = text[max((marks[j - 1] + 1) if j else start, r.start() - 80) : r.start()]  # bounded: linear
        items = [x for x in ITEM_SPLIT.split(head) if x.strip()]
        if len(items) >= 2:  # "其中A类、B类零售额分别增长21.6%和14.2%": changes of items named here, of no count
            for f in frames[k : k + len(items)]:
                f.of_listed_items = True
        values = [f for f in frames[k : k + len(items)] if f.mention.kind in ("count", "money", "measure")]
        if len(items) < 2 or len(values) != len(items):
            continue
        for item, f in zip(items, values):
            if _search(cues.part_words, item):
                f.part_cue, f.whole_cue = True, False
            elif _search(cues.whole_words, item):
                f.whole_cue = True
            named = "".join(HAN.findall(item))[-10:]
            if not f.metric or (named and named in f.metric and named != f.metric):
                f.metric = named  # (the item's own name, not the whole list's: 刑事警情 of 刑事警情、治安警情)


def _whole_or_part(frame: Frame, before: str, after: str, gap: str, cues: Cues) -> None:
    """Whether the words around a count introduce it as a whole (受理X起, X received, of the X) or as a
    part (调处Y起, 其中Y起, Y resolved)."""
    if frame.mention.kind not in ("count", "money", "measure") or frame.role not in (LEVEL, PART, REFERENCE):
        return  # (a value compared with may still be named a whole: "against the 392,150 filings")
    english = cues.language == "en"
    if frame.role == PART:
        frame.part_cue = True
    # Chinese names the role just before the number (受理X起); English before it (received 2,140) or,
    # failing that, right after it up to the next number or clause (2,087 resolved; 1,480 reported)
    before = SHORT_PAREN.sub("", before)  # 审（执）结 is 审结 (and 执结)
    if _search(cues.whole_after, after):
        frame.whole_cue = frame.opens_parts = True  # "1842起刑事案件中，…": the whole of what follows
        return
    if english and gap and gap != "\0" and len(gap) < len(before):
        # "327,010 dispositions exceeded the 318,470": the words since the number before, less the
        # noun right after that number (its own: "dispositions" is said of 327,010)
        before = regex.sub(r"^\s+[a-z-]+(?=\s)", "", before[-len(gap):], flags=regex.IGNORECASE)
    near = [before[-10:]] if not english else [before[-30:], EN_AFTER_CUT.split(after[:30], 1)[0]]
    verb_of = False  # "disposed of 48,200": the "of" of a verb, not "1,126 of 1,480"
    for words in near:
        found = _search(cues.part_words, words)
        if found:
            frame.part_cue = True
            verb_of = words is near[0] and found.group().lower().endswith(" of") and not words[found.end():].strip()
            break
        if _search(cues.whole_words, words):
            frame.whole_cue = True
            break
    if english and not verb_of and _search(cues.of_whole, gap if gap else before[-12:]):
        frame.whole_cue, frame.part_cue = True, False  # "1,126 of 1,480": the second is the whole
        frame.of_whole = True
    elif _match(cues.part_of_after, after):
        frame.part_cue = True  # "121 of the 287": the first is the part


def _verb_direction(text: str, cues: Cues) -> str | None:
    """The direction of the last change verb in ``text`` (None when there is none)."""
    ups = [m.end() for m in cues.up_words.finditer(text)] if cues.up_words is not None else []
    downs = [m.end() for m in cues.down_words.finditer(text)] if cues.down_words is not None else []
    if not ups and not downs:
        return None
    return "up" if max(ups, default=-1) > max(downs, default=-1) else "down"


def _untimed(text: str, cues: Cues) -> str:
    """The words before a number with its time phrase made uniform: dropped in English ("rose in
    March 4 pct" reads as "rose 4 pct"), a placeholder year in Chinese ("较2016年的" → "较Y年的")."""
    if cues.time_phrase is None:
        return text
    if cues.language == "en":
        return cues.time_phrase.sub("", text)
    return cues.time_phrase.sub("Y年", text).replace("Y年年", "Y年")


def _metric(text: str, cues: Cues) -> str:
    """The words naming what a number counts: its clause's words before it, cue words removed."""
    if cues.language == "en":
        # the clause's own subject: its words before the number, cues, verbs and function words left out
        for pat in cues.metric_strip:
            text = pat.sub(" ", text)
        words = [w.lower() for w in EN_WORD.findall(text)]
        words = [w for w in words if w not in cues.function_words]
        return " ".join(words[-4:])
    words = _untimed(text, cues).rstrip()
    for _ in range(3):  # strip the cues that end the words (从Y年的, 提升到, 同比增长), innermost last
        before = words
        if cues.cue_tail is not None:
            words = cues.cue_tail.sub("", words)
        if words == before:
            break
    han = "".join(HAN.findall(words.replace("Y年", "")))
    if cues.metric_stop is not None:
        han = cues.metric_stop.sub("", han)
    return han.rstrip("的从由较比与和及")[-10:]


def _dimension(m: Mention, after: str, cues: Cues) -> str:
    """What a quantity can be compared with: "cases", "people", "money", "measure:吨", "percent"..."""
    if m.kind in ("percent", "percentage_points", "multiple", "per_mille", "fraction"):
        return m.kind
    if m.kind == "money":
        return "money:" + (m.label or m.unit or "")
    if m.kind == "measure":
        return "measure:" + (m.unit or "")
    if m.kind == "duration":  # days and months are not compared ("5 days shorter …, longer than six months")
        return "duration:" + (m.label or m.unit or "")
    if cues.language == "en":
        unit = cues.unit_after.match(after) if cues.unit_after is not None else None
        if unit:
            word = unit.group(1).lower()
            return "money:usd" if word in cues.money_units else "count:" + cues.unit_groups.get(word, word)
        return "count:"
    return "count:" + cues.unit_groups.get(m.unit or "", m.unit or "")


def dimensions_agree(a: Frame, b: Frame) -> bool:
    """Two quantities can be compared: same dimension, or a count whose unit is not stated."""
    if a.dim == b.dim:
        return True
    if "count:" in (a.dim, b.dim) and {a.dim.split(":")[0], b.dim.split(":")[0]} <= {"count", "measure", "money"}:
        return True  # the unit left out of the second of a pair: "to 1.4 mln tonnes from 1.6 mln"
    if a.dim.startswith("count:") and b.dim.startswith("count:"):
        return a.dim == "count:" or b.dim == "count:"
    if {a.dim.split(":")[0], b.dim.split(":")[0]} == {"count", "money"}:
        # English money often reaches the lexer as a bare count ("2.78 billion dlrs")
        return a.dim in ("count:", "money:usd", "money:") and b.dim in ("count:", "money:usd", "money:")
    if a.dim.startswith("money:") and b.dim.startswith("money:"):
        return a.dim == "money:" or b.dim == "money:"
    return False


def metric_overlap(a: str, b: str) -> float | None:
    """Share of ``a``'s character pairs (words for English) found in ``b``; None when ``a`` names nothing."""
    if len(a) < 2 or len(b) < 2:
        return None  # a single leftover character ("/月" of the unit before) names nothing
    if " " in a or a.isascii():
        wa, wb = set(a.split()), set(b.split())
        return len(wa & wb) / len(wa) if wa else None
    pa = {a[i : i + 2] for i in range(len(a) - 1)} or {a}
    pb = {b[i : i + 2] for i in range(len(b) - 1)} or {b}
    return len(pa & pb) / len(pa)


def abbreviated_in(name: str, metric: str) -> int:
    """Where ``name`` stands in ``metric``, whole or abbreviated (its characters in order, as 不捕 in
    不批准逮捕); -1 when it does not."""
    at = metric.find(name)
    if at >= 0 or not name:
        return at
    first = k = metric.find(name[0])
    if first < 0:
        return -1
    for ch in name[1:]:
        k = metric.find(ch, k + 1)
        if k < 0:
            return -1
    return first if k - first < 2 * len(name) + 2 else -1  # an abbreviation, not letters scattered afar
