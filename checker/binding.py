"""The binding search: numbers of a sentence bound into relations by schemas, not templates.

For every anchor frame (a percent change, an increment, a change in points, a multiple, the
earlier value of a from/to pair) the schemas of its family (``rules/schemas.toml``) enumerate the
candidate bindings of their slots among the frames of a bounded window (the sentence, and the
sentence before for a change whose level was stated there).  Hard constraints (role, kind,
dimension agreement) filter; soft features (same clause, distance, crossing another change, metric
agreement, position in a 分别/respectively list, to/from cues) score.  One joint, greedy selection
per sentence gives each anchor its best binding, penalising a number that another anchor of the
same family already took.  A binding below the schema's ``min_score`` abstains; the readings within
``margin`` of the best are kept as alternatives so the engine can judge charitably (consistent if
any plausible reading is), and a binding below ``strong_score`` warns at most.

Cost: anchors × window × window per schema, with a fixed window: linear in the sentence.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import product

import regex

from checker.model import Claim
from checker.frames import Frame, abbreviated_in, build_frames, dimensions_agree, metric_overlap
from checker.sentences import by_sentence

WINDOW = 5  # statistics on each side of an anchor that a slot may take
#: What each soft feature measures (the weights live in rules/schemas.toml).
FEATURES = {
    "prior": "the schema's own preference within its family",
    "same_clause": "a slot's number is in the anchor's clause",
    "adjacent_clause": "a slot's number is in the clause next to the anchor's",
    "clause_step": "per clause further away than the next one",
    "distance": "per statistic between a slot's number and the anchor",
    "crossing": "another anchor of the same role stands between them",
    "metric_agree": "the anchor names the same thing as the slot's number",
    "metric_clash": "the anchor names something else than the slot's number",
    "ordinal": "same position in two parallel lists (分别, respectively, 件数和人数)",
    "ordinal_clash": "different positions in two parallel lists",
    "other_segment": "across a ；/; boundary",
    "later_segment": "a Chinese change bound to a value of a later ；-segment (a change follows what it is of)",
    "parenthetical": "a detail inside parentheses bound to a number outside them",
    "other_sentence": "the slot's number is in the sentence before",
    "anaphora": "the sentence opens with an anaphor (That was…, 这…) and the number is in the one before",
    "reused": "another anchor of the family already took this number",
    "level_before_zh": "Chinese states the level before its change",
    "to_cue": "the new value is reached by a to-word (增至, rose to)",
    "broken_pair": "the earlier value of a from/to pair bound to another new value",
    "whole_cue": "the whole is introduced as one (受理, 共, received, of the N)",
    "part_cue": "the part is introduced as one (调处, 其中, resolved)",
    "part_is_whole": "the part is introduced as a whole",
    "share_part": "the rate is the share stated right after (or before) its part",
    "whole_before_part": "the whole is stated before its part",
    "part_before_whole": "the part is stated before its whole with nothing marking the whole",
    "named_whole": "the share names its whole (占全市生产总值的比重) and the whole is that",
    "named_part": "the rate names what its part counts (起诉率 of 决定起诉…件)",
    "rate_of_other": "the rate is of something else than the part (满意率 after 调处)",
    "whole_has_share": "the whole is itself the part of another share",
    "whole_is_part": "the whole is introduced as a part, beside the part (two items of one breakdown)",
    "part_after": "a slot is a part introduced after the anchor (其中…, of which…): the part of another whole",
    "whole_is_own_part": "the whole is the count the share is stated for (515人，占…的61.46%): that count is its part",
    "whole_unnamed": "the share names what it is of (of all recorded crime), and the whole from another sentence is not that",
    "whole_compared": "the whole is a value compared with (against the 1,284,560 filings), not a level stated",
    "subset_whole": "the part's subset word (of which, 其中) follows this whole",
    "subset_other": "the part's subset word follows another count than this whole",
    "combined_share": "the share is of several parts together (三类合计占, together accounted for), not of one",
    "part_in_later_segment": "a share stated with 占 is of what its segment named before it, not of a count past the next ；",
    "remainder_of_sibling": "the part is the rest of a whole (the remaining …) and the whole one of the items listed before it",
    "share_siblings": "whole and part each stand with a share of their own: two items of one whole, not whole and part",
    "closed_partitive": "the whole is the whole or a part of another sentence's partitive (Of the 42,590 appeals terminated, 17,264 …), not of this one",
    "antecedent": "the whole is what the sentence's opening points at (Of these, Among those workers)",
    "no_evidence": "nothing says which count is the part and which the whole",
    "share_whole_after": "a share's whole stated after its part, with nothing marking it as the whole",
    "share_elsewhere": "a share stated right after a count, bound to another part",
    "own_subject": "an English change whose clause names its own subject, bound to a level of another clause",
    "from_cue": "the earlier value is opened by 从/由/from",
    "after_anchor_en": "English states 'rose X pct to NEW from OLD' after the change",
}


@dataclass(slots=True)
class Binding:
    schema: str
    relation: str
    anchor: Frame
    slots: dict[str, Frame]
    score: float
    features: dict[str, float] = field(default_factory=dict)

    def frames(self) -> list[Frame]:
        return [self.anchor, *self.slots.values()]

    def describe(self) -> str:
        """How the numbers were bound, shown in findings as their "reading" (in the active locale;
        schema and slot names are codes and stay as they are)."""
        from checker.i18n import _

        parts = ", ".join(f"{k}={f.mention.text.strip()}" for k, f in self.slots.items())
        return _("{schema}: {role} {anchor} with {slots} (score {score})").format(
            schema=self.schema, role=self.anchor.role, anchor=self.anchor.mention.text.strip(), slots=parts,
            score=f"{self.score:.1f}")


CHANGE_ANCHORS = frozenset({"pct_change", "increment", "pp_change", "multiple_change"})
ANCHOR_SLOT = {"pct_change": "change", "increment": "change", "pp_change": "change", "multiple_change": "change",
               "reference": "old", "rate": "rate"}


def bind(frames: list[Frame], previous: list[Frame], schemas: dict[str, dict], language: str,
         respectively: bool, recent: list[Frame] = ()) -> tuple[list[Binding], list[tuple[Binding, list[Binding]]]]:
    """Select the bindings of one sentence.

    ``previous``: numbers of the sentences before that every schema may take (the sentence opens
    with an anaphor); ``recent``: levels of the sentence before, which only a schema with
    ``reach_back`` may take (a share whose whole was stated before: 其中… 占…).  Returns every
    scored candidate (for `checker claims`) and the selected bindings, each with the alternative
    readings within its schema's margin.
    """
    families = _families(schemas)
    frames = SentenceFrames(frames, previous)
    pool = [*previous, *frames]
    offset = len(previous)
    per_anchor: list[tuple[Frame, list[Binding]]] = []
    for k, anchor in enumerate(frames):
        family = families.get(anchor.role)
        if not family:
            continue
        lo, hi = max(0, offset + k - WINDOW), min(len(pool), offset + k + WINDOW + 1)
        window = [f for f in pool[lo:hi] if f is not anchor]
        # a whole introduced as one ("Of the 3,200 firms", 共受理…) may lie beyond the window: the
        # nearest two of the sentence are candidates still (a bounded addition: linear time stays)
        window += [f for f in reversed(pool[max(0, lo - 4 * WINDOW) : lo]) if f.whole_cue][:2]
        cands: list[Binding] = []
        for code, schema in family:
            reach = [f for f in recent if f not in window] if schema.get("reach_back") else []
            cands.extend(_candidates(code, schema, anchor, reach + window, frames, language, respectively))
        if cands:
            per_anchor.append((anchor, cands))
    everything = [b for _, cands in per_anchor for b in cands]
    # one joint selection: the most confident anchors choose first
    per_anchor.sort(key=lambda ac: -max(b.score for b in ac[1]))
    taken: dict[str, set[int]] = {}
    earlier_of: dict[int, int | None] = {}  # a reference taken -> the new value it was taken with
    anchored: dict[int, Frame | None] = {}  # an anchor selected -> the new value of its binding
    selected: list[tuple[Binding, list[Binding]]] = []
    for anchor, cands in per_anchor:
        used = taken.setdefault(anchor.role, set())
        rescored = []
        for b in cands:
            if not _references_free(b, earlier_of):
                continue
            slots_spec = schemas[b.schema]["slots"]
            reuse = sum(1 for name, f in b.slots.items() if id(f) in used and not slots_spec[name].get("shared"))
            # a change already bound as an anchor with its own new value is no slot of another new value's
            # change ("存款…比年初的2691.6亿元增加164.7亿元；贷款余额2418.9亿元，同比增长7.7%")
            new = b.slots.get("new")
            reuse += sum(1 for f in b.slots.values() if new is not None and id(f) in anchored
                         and anchored[id(f)] is not None and anchored[id(f)] is not new)
            w = b.score + reuse * _weights(schemas[b.schema]).get("reused", 0.0)
            rescored.append((w, b))
        if not rescored:
            continue
        rescored.sort(key=lambda wb: -wb[0])
        best_score, best = rescored[0]
        schema = schemas[best.schema]
        if best_score < schema["min_score"]:
            continue
        if best.relation == "direction" and id(best.anchor) in earlier_of and not best.slots["new"].is_to:
            continue  # a change took this earlier value and judges its direction word; no to-word claims another
        best.score = best_score
        # a part after "of those" inside the sentence may be of any whole before it: each is a reading
        anaphoric = any(f.anaphoric_part for f in best.slots.values()) and "whole" in best.slots
        alternatives = [b for w, b in rescored[1:] if b.relation == best.relation and w >= schema["min_score"]
                        and (w >= best_score - schema["margin"] or anaphoric)]
        selected.append((best, alternatives))
        anchored[id(best.anchor)] = best.slots.get("new")
        used.update(id(f) for f in best.slots.values())
        new = best.slots.get("new")
        for f in best.frames():
            if f.role == "reference" and earlier_of.get(id(f)) is None:
                earlier_of[id(f)] = id(new) if new is not None else None
    return everything, selected


def _references_free(b: Binding, earlier_of: dict[int, int | None]) -> bool:
    """An earlier value belongs to one comparison: another binding may take it only with the same
    new value ("rose by 12,815, or 5 percent, from 279,036 to 291,851": two changes, one pair)."""
    new = b.slots.get("new")
    for f in b.frames():
        if f.role == "reference" and earlier_of.get(id(f)) is not None:
            # (taken with no new value, by a percent of its increment: "compared with $389.2 million, an
            # increase of $23.4 million or 6.0 per cent", it is still free for the pair of the sentence)
            if new is None or earlier_of[id(f)] != id(new):
                return False
    return True


_families_cache: dict[int, tuple[dict, dict[str, list[tuple[str, dict]]]]] = {}


def _families(schemas: dict[str, dict]) -> dict[str, list[tuple[str, dict]]]:
    """Schemas grouped by the frame role that anchors them (computed once per rule pack)."""
    cached = _families_cache.get(id(schemas))
    if cached is None or cached[0] is not schemas:
        families: dict[str, list[tuple[str, dict]]] = {}
        for code, schema in schemas.items():
            for role in schema.get("anchor", {}).get("roles", []):
                families.setdefault(role, []).append((code, schema))
        cached = _families_cache[id(schemas)] = (schemas, families)
    return cached[1]


def _weights(schema: dict) -> dict[str, float]:
    return schema.get("weights", {})


def _without_total_word(name: str, cues) -> str:
    """A whole's name without the word that makes it a total (起诉总人数 names 起诉: frames.toml
    total_name_suffix)."""
    suffix = cues.total_name_suffix if cues is not None else None
    return suffix.sub("", name) if suffix is not None else name


def _respective_value(anchor: Frame) -> bool:
    """The anchor is a value of a 分别/respectively list (its cue holds the word, or its clause names the
    list's items)."""
    cues = anchor.cues
    return anchor.of_listed_items or (cues is not None and cues.respectively is not None
                                      and cues.respectively.search(anchor.cue) is not None)


def _candidates(code: str, schema: dict, anchor: Frame, window: list[Frame], sentence: list[Frame], language: str,
                respectively: bool) -> list[Binding]:
    spec = schema.get("anchor", {})
    if spec.get("kinds") and anchor.mention.kind not in spec["kinds"]:
        return []
    if spec.get("comparison") and not anchor.comparison:
        return []
    barred = spec.get("respectively") is False and _respective_value(anchor)
    if barred and anchor.of_listed_items:
        return []  # "11类商品增长，其中A、B类分别增长21.6%和14.2%": each value is its item's, of no count stated
    if anchor.mention.decimals < spec.get("min_decimals", 0):
        return []
    if anchor.mention.is_range or anchor.mention.value is None:
        return []
    slots = schema["slots"]
    options = []
    for name, slot in slots.items():
        roles = slot["roles"]
        fits = [f for f in window if f.role in roles and _fits(f, slot, anchor)]
        if not fits:
            return []
        options.append((name, fits))
    names = [n for n, _ in options]
    out = []
    for combo in product(*(fits for _, fits in options)):
        if len({id(f) for f in combo}) < len(combo):
            continue
        binding = dict(zip(names, combo))
        if not _agree(binding, slots, anchor):
            continue
        old, new = binding.get("old"), binding.get("new")
        if barred and new is not None and new.mention.unit in anchor.cues.item_count_units:
            continue  # "事故起数、死亡人数…四项指数分别下降12.6%…": 四项 counts the items, it is no base of theirs
        if new is not None and new.is_to and old is not None and old.is_from:
            own = _pair_partner(new, sentence, want_from=True)
            if own is not None and own is not old:
                continue  # "…from August's 147,000, while the West declined to 325,000 from 339,000": its own pair
        if old is not None and old.is_from and new is not None:
            partner = _pair_partner(old, sentence)
            if partner is not None and partner is not new:
                continue  # "由2.11缩小到2.07": the earlier value of a from/to pair belongs to that pair
            contrary = partner is new and anchor.direction and new.direction and new.direction != anchor.direction
            pair_metric = new.metric or old.metric  # (由42.1%提高到44.5%: the pair is named before its from-value)
            if contrary and anchor.index > new.index and anchor.metric and pair_metric \
                    and not metric_overlap(anchor.metric, pair_metric):
                continue  # "fell to 48 percent from 53 percent as applications climbed 9 percent": its own subject
            if contrary and anchor.index < old.index and new.clause != anchor.clause and old.metric:
                # "收入增长6.9%，城乡收入比由2.11缩小到2.07": a later pair with its own subject and contrary verb
                # is another change (a wrong direction word after its pair is still judged: 由684件增至731件，下降6.9%)
                continue
        if anchor.role == "reference":
            new = binding["new"]
            # a from/to pair, or a comparative ("346,000, more than the 284,000") after its level
            adjacent = abs(new.index - anchor.index) == 1 and new.clause == anchor.clause
            # a from/to pair ("from X to Y", "to Y compared with X"), or a level and an earlier
            # value with a direction of its own ("346,000, more than the 284,000"; "X, up from Y")
            if not ((new.is_to and (anchor.is_from or adjacent)) or (anchor.direction and new.index < anchor.index)):
                continue
        score, features = _score(schema, anchor, binding, sentence, language, respectively)
        out.append(Binding(code, schema["relation"], anchor, binding, score, features))
    return out


def _fits(f: Frame, slot: dict, anchor: Frame) -> bool:
    m = f.mention
    if f.role not in slot["roles"] or m.is_range or m.value is None:
        return False
    if slot.get("kinds") and m.kind not in slot["kinds"]:
        return False
    if slot.get("integer") and not (m.exact and m.value.denominator == 1 and m.scale == 1):
        return False
    if slot.get("whole_cue") and not f.whole_cue:
        return False
    if slot.get("to") and not f.is_to:
        return False
    if slot.get("from") and not f.is_from:
        return False
    if slot.get("agree") == "anchor" and not dimensions_agree(f, anchor):
        return False
    return True


def _agree(binding: dict[str, Frame], slots: dict, anchor: Frame) -> bool:
    """Constraints between slots: dimension agreement, years, and what a slot must name."""
    for name, slot in slots.items():
        f = binding[name]
        other = slot.get("agree")
        if other and other != "anchor" and other in binding and not dimensions_agree(f, binding[other]):
            return False
        least = slot.get("at_least")
        if least and least in binding:  # a whole is no smaller than its part: 216 is not the whole of 59,954
            small, big = binding[least].mention, f.mention
            # (unless the words say which is which, 受理100起，办结120起: then the text is wrong, not the reading)
            stated = f.whole_cue and binding[least].part_cue
            # (nor a rate that may pass 100: a clearance rate, dispositions over filings, 完成率)
            unbounded = anchor.cues is not None and anchor.cues.unbounded_rate is not None and \
                anchor.cues.unbounded_rate.search(anchor.metric_source[-40:])
            if unbounded:
                continue
            if small.low is not None and big.high is not None and big.high < small.low and not stated:
                return False
        later = slot.get("year_before")
        if later:  # "2023年…1460件；2024年…1382件，同比下降5.3%": the earlier level is of the year before
            if f.year is None or binding[later].year is None or binding[later].year - f.year != 1 \
                    or f.index >= binding[later].index:
                return False
        same = slot.get("same_metric")
        if same:
            a, b = binding[same].metric, f.metric
            overlap = metric_overlap(a, b)
            # the same words, or the same head noun ("受理此类案件" after "受理劳动争议案件")
            if overlap is None or (overlap < 0.5 and not (len(a) >= 2 and len(b) >= 2 and a[-2:] == b[-2:])):
                return False
    increment = binding.get("increment")
    if increment is not None and increment.basis == "nominal" and anchor.basis != "nominal":
        return False  # 现价总量增加46.3亿元，同比增长4.1%: a current-price increase, a comparable-price rate
    if anchor.role == "pct_change" and any(f.basis and anchor.basis and f.basis != anchor.basis for f in binding.values()):
        return False
    old, new = binding.get("old"), binding.get("new")
    if anchor.role == "pct_change" and new is not None and new.mention.kind == anchor.mention.kind == "percent" \
            and new.mention.value == anchor.mention.value:
        return False  # "同比上涨0.1%，涨幅由一季度的0.3%回落至0.1%": the growth rate restated, not its change
    if anchor.yoy and old is not None and old.role == "reference" and old.year is not None:
        # a year-on-year change compares with the year before: "而2019年同期为1650起" is another base
        if new is None or new.year is None or new.year - old.year != 1:
            return False
    return True


class SentenceFrames(list):
    """The frames of one sentence with what scoring asks of them precomputed once (which frames are
    the sentence's own, how many of each role per segment, where each role stands, the first frame
    of each clause), so that scoring a candidate costs the same whatever the sentence's length."""

    def __init__(self, frames: list[Frame], carried: list[Frame] = ()) -> None:
        super().__init__(frames)
        self.own = {id(f) for f in frames}
        self.carried = {id(f) for f in carried}  # the sentence opens with an anaphor that points at these
        self.counts: dict[tuple[int, str], int] = {}
        self.positions: dict[str, list[int]] = {}
        self.firsts: dict[int, Frame] = {}
        self.last: dict[tuple[int, str], int] = {}  # the last position of each role in each segment
        for f in frames:
            self.counts[(f.segment, f.role)] = self.counts.get((f.segment, f.role), 0) + 1
            self.positions.setdefault(f.role, []).append(f.index)
            self.firsts.setdefault(f.clause, f)
            self.last[(f.segment, f.role)] = f.index

    def trails(self, f: Frame, role: str) -> bool:
        """Whether a frame of ``f``'s role stands after the segment's last frame of ``role`` (a
        stray number after two parallel lists: "…分别下降12.8%、16.0%，未发生死亡3人以上的事故")."""
        last = self.last.get((f.segment, role))
        return last is not None and self.last.get((f.segment, f.role), -1) > last

    def between(self, role: str, lo: int, hi: int) -> bool:
        """Whether a frame of ``role`` stands strictly between positions ``lo`` and ``hi``."""
        at = self.positions.get(role, [])
        k = bisect_right(at, lo)
        return k < len(at) and at[k] < hi


def _score(schema: dict, anchor: Frame, binding: dict[str, Frame], sentence: SentenceFrames, language: str,
           respectively: bool) -> tuple[float, dict[str, float]]:
    w = _weights(schema)
    feats: dict[str, float] = {"prior": 1.0}
    own = sentence.own
    for name, f in binding.items():
        if id(f) not in own:
            key = "anaphora" if id(f) in sentence.carried else "other_sentence"
            feats[key] = feats.get(key, 0) + 1
            continue
        peers = sentence.counts.get((f.segment, f.role), 0)
        anchors = sentence.counts.get((anchor.segment, anchor.role), 0)
        # (a shared slot, the whole of every share, is in no list: its position says nothing)
        parallel = peers >= 2 and anchors >= 2 and (respectively or peers == anchors) \
            and not schema["slots"][name].get("shared")
        # (counted from the start only when a stray number follows the anchors' list)
        aligned = f.rank == anchor.rank or (f.rank_from_end == anchor.rank_from_end and not sentence.trails(f, anchor.role))
        if parallel:
            # two parallel lists (分别, respectively, 件数和人数): position decides, not distance; counted
            # from either end, so a stray number before or after the lists does not shift them
            key = "ordinal" if aligned else "ordinal_clash"
            feats[key] = feats.get(key, 0) + 1
        gap = abs(f.clause - anchor.clause)
        if gap == 0:
            feats["same_clause"] = feats.get("same_clause", 0) + 1
        elif gap == 1:
            feats["adjacent_clause"] = feats.get("adjacent_clause", 0) + 1
        else:
            feats["clause_step"] = feats.get("clause_step", 0) + gap - 1
        if not (parallel and aligned) and not schema["slots"][name].get("shared"):
            feats["distance"] = feats.get("distance", 0) + max(0, abs(f.index - anchor.index) - 1)
            lo, hi = sorted((f.index, anchor.index))
            if sentence.between(anchor.role, lo, hi):
                feats["crossing"] = feats.get("crossing", 0) + 1
        if f.segment != anchor.segment:
            feats["other_segment"] = feats.get("other_segment", 0) + 1
            if language != "en" and f.segment > anchor.segment and anchor.role in CHANGE_ANCHORS \
                    and id(f) in sentence.own:
                # "存款余额9126.7亿元，同比增长8.2%；贷款余额由7215.3亿元增加至7538.9亿元": a Chinese change
                # follows what it is the change of, not the values of the next ；-segment
                feats["later_segment"] = feats.get("later_segment", 0) + 1
        if f.paren and f.paren != anchor.paren:
            feats["parenthetical"] = feats.get("parenthetical", 0) + 1
        overlap = metric_overlap(anchor.metric, f.metric)
        if overlap is not None and language != "en" and anchor.role != "rate":  # rates: _rate_features
            key = "metric_agree" if overlap >= 0.5 else "metric_clash"
            feats[key] = feats.get(key, 0) + 1
        if language != "en" and f.role == "level" and f.index < anchor.index and anchor.role != "reference":
            feats["level_before_zh"] = feats.get("level_before_zh", 0) + 1
        if language == "en" and f.index > anchor.index and anchor.role != "reference":
            feats["after_anchor_en"] = feats.get("after_anchor_en", 0) + 1
        if f.role == "part" and f.part_cue and f.index > anchor.index:
            feats["part_after"] = feats.get("part_after", 0) + 1  # "…的103.8%，其中税收收入161.3亿元": a new subject
        if f.is_to and name == "new":
            feats["to_cue"] = 1
        if f.is_from and name == "old":
            feats["from_cue"] = 1
    if anchor.role == "rate":
        _rate_features(anchor, binding, sentence, language, feats)
    # a from/to pair is one unit: binding its earlier value to another new value breaks it
    new = binding.get("new")
    for f in [anchor, *binding.values()]:
        if f.role == "reference" and f.is_from:
            partner = _pair_partner(f, sentence)
            if partner is not None and partner is not new:
                feats["broken_pair"] = feats.get("broken_pair", 0) + 1
    # an English clause with its own subject ("and payrolls grew by 2.6 million") speaks of that subject
    appositive = EN_APPOSITIVE.match(anchor.metric_source) is not None  # ", a record and an increase of 1.8%"
    if language == "en" and anchor.role != "rate" and anchor.metric and not appositive and any(
            id(f) in own and f.clause < anchor.clause and not _framing_reference(f) or
            (f is new and not f.is_to and f.clause != anchor.clause and id(f) not in sentence.carried)
            for f in binding.values()):
        feats["own_subject"] = 1  # "…to $14.6 billion, while operating profit climbed 22 percent"
    if language == "en" and anchor.role != "rate":
        # ... or a later clause with its own subject ("…, and filings per judgeship fell from 431 to 396")
        firsts = sentence.firsts
        later = sum(1 for f in binding.values() if id(f) in own and f.clause > anchor.clause and firsts[f.clause].metric)
        if later:
            feats["own_subject"] = feats.get("own_subject", 0) + later
    score = sum(w.get(k, 0.0) * v for k, v in feats.items())
    return score, feats


def _rate_features(anchor: Frame, binding: dict[str, Frame], sentence: list[Frame], language: str,
                   feats: dict[str, float]) -> None:
    """What ties a rate to its part and whole: the words that introduce them, a share right after
    its part, the whole the rate names (占全市生产总值的比重), and what the rate is a rate of."""
    whole, part = binding.get("whole"), binding.get("part")
    if whole is not None and whole.whole_cue:
        feats["whole_cue"] = 1
    if part is not None and part.part_cue:
        feats["part_cue"] = 1
    if part is not None and part.whole_cue and not part.part_cue:
        feats["part_is_whole"] = 1
    if whole is not None and whole.role == "reference":
        feats["whole_compared"] = 1  # "a clearance rate of 101.3% against the 1,284,560 filings"
    if part is not None and part.subset_of is not None and whole is not None:
        feats["subset_whole" if part.subset_of is whole else "subset_other"] = 1  # "6,035 …, of which 1,087"
    k = anchor.index
    before = anchor.share_of or (sentence[k - 1] if 0 < k <= len(sentence) and sentence[k - 1] is not anchor else None)
    if anchor.share_of_previous and part is not None and before is not None:
        if part is before or (before is whole and whole.whole_cue and part.index == k - 2
                              and (language != "en" or whole.of_whole)):
            feats["share_part"] = 1  # "1,198 (95.1%)", "1,126 of 1,480 (76.1%)"
    if "share_part" in feats and language == "en" and anchor.cue.strip() == "or":
        # "X, Y and Z together recorded $81.9 million, or 75.5% of …": the total before ", or" is the share's part
        feats.pop("part_is_whole", None)
    if anchor.share_of_previous and "share_part" not in feats:
        feats["share_elsewhere"] = 1  # "11852件，占68.2%": the share is that count's, whatever else is bound
    if anchor.share_of_previous and whole is not None and whole is before and "share_part" not in feats:
        feats["whole_is_own_part"] = 1  # "上述罪名合计515人，占起诉总人数的61.46%": 515 is the part, not the whole
    if part is not None and part.paren_part and anchor.index + 1 < len(sentence) and sentence[anchor.index + 1] is part:
        feats["share_part"] = 1  # "61.2% (918) of the 1,500"
    if whole is not None and part is not None:
        own = sentence.own
        if (id(whole) not in own and id(part) in own) or (whole.index < part.index and (id(whole) in own) == (id(part) in own)):
            feats["whole_before_part"] = 1
        elif not (language == "en" and whole.whole_cue):
            feats["part_before_whole"] = 1
            if anchor.share_of_previous:
                feats["share_whole_after"] = 1  # "556259人，占45.12%；另有18020人": a share's whole came before
    cues = anchor.cues
    if cues is not None and cues.combined_share is not None and cues.combined_share.search(anchor.metric_source[-24:]):
        feats["combined_share"] = 1  # "三类犯罪合计占起诉总人数的47.7%": the share of several parts together
    if whole is not None and whole.listed_part and part is not None and part.listed_part \
            and (id(whole) in sentence.own) == (id(part) in sentence.own):
        feats["whole_is_part"] = 1  # two items of one breakdown ("Of these, A were…, B (8.8%) were…")
    if language != "en" and part is not None and anchor.cue.startswith("占") and part.index > anchor.index \
            and part.segment != anchor.segment:
        feats["part_in_later_segment"] = 1  # "甲983.4亿元，占总额的72.0%；乙301.5亿元": 占 speaks of what came before it
    if whole is not None and part is not None and part.remainder and id(whole) in sentence.own \
            and whole.index < part.index and not whole.whole_cue and not whole.opens_parts:
        # "…, FHA-insured loans 22,000 and VA-guaranteed loans 8,000, while the remaining 12,000, or 6.8 percent":
        # the rest is of the whole the list splits, not of one of its items
        feats["remainder_of_sibling"] = 1
    if whole is not None and (whole.opens_parts or whole.listed_part) and id(whole) not in sentence.own \
            and id(whole) not in sentence.carried and language == "en":
        # "Of the 42,590 appeals terminated, 17,264 were …." names a whole and its parts for its own sentence
        feats["closed_partitive"] = 1
    if whole is not None and whole.antecedent and id(whole) not in sentence.own:
        feats["antecedent"] = 1  # what "Of these"/"Among those" points at
    elif whole is not None and whole.share is not None and whole.share is not anchor:
        # a part of a breakdown (115464人，占9.37%; "$6,215.4 million (71.1 percent)", in this sentence or
        # the one before) is not the next one's whole
        feats["whole_has_share"] = 1
        if part is not None and part.share is anchor and id(whole) in sentence.own and id(part) in sentence.own:
            # "Knives accounted for 17 (10.3%), hands or feet for 10 (6.1%)": two items with their shares
            feats["share_siblings"] = 1
    if language != "en" and whole is not None:
        name = _named_whole(anchor.metric)
        named = metric_overlap(name, whole.metric)
        if named is not None and (named >= 0.5 or (len(whole.metric) >= 2 and whole.metric in name)):
            feats["named_whole"] = 1
        elif named is not None and named < 0.3 and len(name) >= 3 and id(whole) not in sentence.own \
                and abbreviated_in(_without_total_word(name, anchor.cues), whole.metric) < 0:  # (不捕总数 of 不批准逮捕)
            # "…民间借贷案件9836件。审结涉民营企业案件8615件，占民商事案件的16.4%": a whole from another
            # sentence must be what the share names
            feats["whole_unnamed"] = 1
    if language != "en" and part is not None:
        # what the rate is of: the words before its 率 / 比例 / 比重 (优良比例 → 优良, 重刑率 → 重刑)
        named = RATE_NAME.search(anchor.metric)
        name = anchor.metric[: named.start()] if named else ""
        if not name and "占" in anchor.metric[1:]:
            name = anchor.metric[: anchor.metric.index("占", 1)]  # "刑事警情占有效警情总量的7.6%": of 刑事警情
        negating = anchor.cues.negating if anchor.cues is not None else frozenset()
        negated = bool(set(name) & negating)  # 不捕率: a rate of what was not done
        if len(name) >= 2 and part.metric and (not set(name) & set(part.metric)
                                               or negated and not set(part.metric) & negating):
            # 满意率 is not a rate of the disputes settled, 调解成功率 not of 家庭纠纷, 不捕率 not of 批准逮捕
            feats["rate_of_other"] = 1
        elif len(name) >= 2 and _named_by_two(name, part, sentence, anchor, whole):
            feats["combined_share"] = 1  # 发改率 of 改判19件、发回重审9件: the rate of the two together
        elif len(name) >= 2 and any((at := abbreviated_in(name[cut:], part.metric)) >= 0
                                    and (negated or part.metric[at - 1 : at] not in negating)
                                    for cut in range(0, max(0, min(2, len(name) - 3)) + 1)):
            # 起诉率 of 决定起诉2510件, 执结率 of 执结24980件, 不捕率 of 不批准逮捕151人 (not 有效率 of 无效…);
            # the rate's name with a qualifier of two characters before it (一审服判息诉率 of 服判息诉85166件)
            feats["named_part"] = 1
    if language == "en" and whole is not None and id(whole) not in sentence.own and anchor.after_words.lstrip().startswith("of "):
        # "or 35.0% of all recorded crime": a whole from another sentence must be of what the share names
        named_of = _singulars(anchor.after_words) - (anchor.cues.function_words if anchor.cues is not None else frozenset())
        if named_of and not _kindred(named_of, _singulars(f"{whole.metric} {whole.after_words}")):
            feats["whole_unnamed"] = 1
    if language == "en" and part is not None and "rate_of_other" not in feats:
        # "3,016 online and 1,496 by telephone, a telephone share of 33.2%": the share names what one
        # count of its sentence is said of; another count is no part of it
        name = _singulars(anchor.metric) - (anchor.cues.rate_name_words if anchor.cues is not None else frozenset())
        said = lambda f: _kindred(name, _singulars(f"{f.metric} {f.after_words}"))  # noqa: E731
        if name and not said(part) and any(
                said(f) for f in sentence if f is not part and f is not whole and id(f) in sentence.own
                and f.mention.kind == part.mention.kind and f.role in ("level", "part")):
            feats["rate_of_other"] = 1
    named = (part.metric or (part.clause_head.metric if part.clause_head is not None else "")) if part is not None else ""
    # (the noun the numbers count, "cases" of "Civil cases… of the 40,000 cases", names no part)
    counted = " ".join(f.dim.split(":", 1)[1] for f in (whole, part) if f is not None and ":" in f.dim)
    shared = _words_shared(anchor.metric, named, counted) if language == "en" and part is not None else 0
    # (or the noun right after the part names what the share is of: "1,262,600 were women; women thus
    # made up 47.0% of the 2,684,300", whole and part in this sentence, the whole named as one)
    own_noun = language == "en" and part is not None and whole is not None and whole.whole_cue and id(part) in sentence.own \
        and id(whole) in sentence.own and part.after_words and _words_shared(anchor.metric, part.after_words, counted)
    # (or the part is the one count of its sentence whose words the share's name shares: "part-time
    # workers 552,800, so that part-time work accounted for 20.6% of total employment of 2,684,300")
    only_named = language == "en" and shared >= 1 and part is not None and whole is not None and whole.whole_cue \
        and id(part) in sentence.own \
        and not any(f is not part and f is not whole and id(f) in sentence.own and f.mention.kind == part.mention.kind
                    and f.role in ("level", "part") and _words_shared(anchor.metric, f"{f.metric} {f.after_words}", counted)
                    for f in sentence)
    if shared >= 2 and "named_part" not in feats or shared >= 1 and id(part) not in sentence.own or own_noun or only_named:
        # "The sales tax accounted for 31.6 percent of …" after "Sales and use tax receipts reached $15.38 billion"
        feats["named_part"] = 1
    # silence over noise: a rate is bound only on some evidence of which count is which
    evidence = ("share_part" in feats or "named_whole" in feats or ("whole_cue" in feats and "part_cue" in feats)
                or (("part_cue" in feats or "named_part" in feats) and "whole_before_part" in feats)
                or ("named_part" in feats and "whole_cue" in feats)
                or "whole" in binding and "part" not in binding)
    if not evidence:
        feats["no_evidence"] = 1


def _words_shared(a: str, b: str, but: str = "") -> int:
    """Content words two English metrics share, plural or not (tax and taxes are one word), other
    than those of ``but``."""
    return len((_singulars(a) & _singulars(b)) - _singulars(but)) if a and b else 0


def _framing_reference(f: Frame) -> bool:
    """An earlier value set before the clause it is compared in ("Compared with October 2022, when
    receipts stood at $686.5 billion, the total was up 3.8%"): it belongs to the clause after it
    (frames.toml ``framing_reference_cue``)."""
    return f.role == "reference" and not f.is_from and f.cues is not None and f.cues.framing_reference is not None \
        and f.cues.framing_reference.match(f.cue.lstrip()) is not None


def _kindred(a: set[str], b: set[str]) -> bool:
    """Two sets of English words share one, or a stem of four letters or more (postal and post,
    telephone and telephoned)."""
    return bool(a & b) or any(len(x) >= 4 and len(y) >= 4 and (x.startswith(y) or y.startswith(x)) for x in a for y in b)


def _singulars(text: str) -> set[str]:
    out = set()
    for w in text.split():
        if len(w) > 3 and w.endswith("ies"):
            w = w[:-3] + "y"
        elif len(w) > 3 and w.endswith(("xes", "ses", "zes", "ches", "shes")):
            w = w[:-2]
        elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.add(w)
    return out


EN_APPOSITIVE = regex.compile(r"[\s,]*(?:a|an)\s", regex.IGNORECASE)  # a noun phrase set beside the clause before  # a count named by the negation of a rate's name is not its part
RATE_NAME = regex.compile(r"率|比例|比重|占比|(?<=\p{Han})面$")  # what ends a rate's name (亏损面: the share of those at a loss)


def _named_by_two(name: str, part: Frame, sentence: list[Frame], anchor: Frame, whole: Frame | None = None) -> bool:
    """The rate's name takes its characters from ``part`` and a part listed beside it (发改率: 改判19件、
    发回重审9件), and from neither alone: a rate of the two together (not when the one beside it is
    the whole: 立案23起、破获23起，破案率100%)."""
    if abbreviated_in(name, part.metric) >= 0:
        return False
    k = part.index
    for j in (k - 1, k + 1):
        if not 0 <= j < len(sentence) or sentence[j] is anchor or sentence[j].mention.kind != part.mention.kind:
            continue
        other = sentence[j]
        if other is whole:
            continue
        joined = (other if j > k else part).metric_source.lstrip()[:1] in LIST_MARKS
        if joined and set(name) <= set(part.metric) | set(other.metric) and set(name) & set(other.metric) \
                and set(name) & set(part.metric):
            return True
    return False


LIST_MARKS = "、和及与"  # what joins two items of one list


def _named_whole(metric: str) -> str:
    """The whole a share names: 占全市生产总值的比重 → 全市生产总值; 在一审总量中占 → 一审总量."""
    for lead, tail in (("占", "的"), ("在", "中")):
        if lead in metric:
            rest = metric.split(lead, 1)[1]
            return rest.split(tail, 1)[0] if tail in rest else rest
    return ""


def _pair_partner(ref: Frame, sentence: list[Frame], want_from: bool = False) -> Frame | None:
    """The to-value next to a from-value in its clause ("from 431 to 396", "to 396 from 431"), or
    with ``want_from`` the from-value next to a to-value."""
    for k in (ref.index + 1, ref.index - 1):
        if 0 <= k < len(sentence) and sentence[k].clause == ref.clause and \
                (sentence[k].is_from if want_from else sentence[k].is_to):
            return sentence[k]
    return None


def anchor_slot(schema: dict) -> str:
    """The role name the anchor's number takes in the claim: the schema's ``anchor.slot``, else the
    usual name of its frame role (a change is "change", a from-value "old", a rate "rate")."""
    anchor = schema.get("anchor", {})
    if anchor.get("slot"):
        return anchor["slot"]
    roles = anchor.get("roles", [])
    return ANCHOR_SLOT.get(roles[0], "anchor") if roles else "anchor"


def to_claim(binding: Binding, alternatives: list[Binding], schema: dict) -> Claim:
    """The claim the engine judges: the anchor under its role name, the slots under theirs."""
    roles = {anchor_slot(schema): binding.anchor.mention}
    roles.update({name: f.mention for name, f in binding.slots.items()})
    direction = binding.anchor.direction or next((f.direction for f in binding.slots.values() if f.direction), None)
    if binding.anchor.role == "reference":
        direction = next((f.direction for f in binding.slots.values() if f.direction), None) or binding.anchor.direction
    facts = {"direction": direction, "reading": binding.describe(), "score": binding.score,
             "weak": binding.score < schema["strong_score"]}
    increment = binding.slots.get("increment")
    if increment is not None:
        facts["increment_direction"] = increment.direction
    claim = Claim(binding.relation, roles, facts)
    claim.alternatives = [to_claim(b, [], schema) for b in alternatives]
    return claim


@dataclass(slots=True)
class SentenceReading:
    """How one sentence was read: its frames, every candidate binding, and the selection."""

    start: int  # normalized offsets
    end: int
    frames: list[Frame]
    candidates: list[Binding]
    selected: list[tuple[Binding, list[Binding]]]


def read_document(text: str, mentions: list, spans: list[tuple[int, int]], cues, schemas: dict[str, dict]) -> list[SentenceReading]:
    """Frames and bindings of every sentence (``mentions``: the statistics, in text order)."""
    out: list[SentenceReading] = []
    previous: list[Frame] = []
    for s_start, s_end, group in by_sentence(mentions, spans):
        if not group:
            previous = []
            continue
        frames = build_frames(text, s_start, s_end, group, cues)
        respectively = bool(cues.respectively is not None and cues.respectively.search(text, s_start, s_end))
        # only levels of the sentence before may be taken (a change stated in the next sentence)
        opens = text[s_start : min(s_end, s_start + 40)]
        anaphoric = cues.anaphora is not None and cues.anaphora.search(opens)
        if anaphoric and frames and not text[s_start + anaphoric.end() : frames[0].mention.nstart].strip():
            anaphoric = None  # "上述1842起刑事案件中…": the anaphor's own number restates what it points at
        # a sentence opening with an anaphor ("That was…", "这…") speaks of the numbers before it
        # (a rate or a growth rate too: "…an unemployment rate of 4.2%. This was down 0.4 percentage points
        # from 4.6%", "…was up 3.8%. That pace was 1.7 percentage points faster than the 2.1% gain")
        carried = [f for f in previous[-WINDOW:] if f.role in ("level", "reference", "rate", "pct_change")] if anaphoric else []
        if carried and cues.partitive is not None and cues.partitive.search(opens):
            # "Of these, 10,904 were affirmed, 1,098 (8.8 percent) were reversed": the sentence's own
            # numbers are parts of the whole before it, none the whole of another; and "these" (Among
            # those workers) points at the last level stated, even a part of a whole before it
            for f in frames:
                f.listed_part = not f.whole_cue
                f.part_cue = f.part_cue or f.listed_part
            levels = [f for f in carried if f.role == "level"]
            if levels:
                levels[-1].antecedent = True
        recent = [f for f in previous[-WINDOW:] if f.role == "level"]
        candidates, selected = bind(frames, carried, schemas, cues.language, respectively, recent)
        selected = _directed_pairs_only(selected)
        out.append(SentenceReading(s_start, s_end, frames, candidates, selected))
        previous = (carried + frames)[-2 * WINDOW:]
    return out


def _directed_pairs_only(selected: list[tuple[Binding, list[Binding]]]) -> list[tuple[Binding, list[Binding]]]:
    """A from/to pair is judged for its direction only when a word claims one (从A到B claims none).

    A pair that a change also binds keeps its direction check: the change judge checks the change
    word (增长), the direction judge the to-word (降至), and either may be the wrong one."""
    return [(b, alts) for b, alts in selected
            if b.relation != "direction" or b.anchor.direction or b.slots["new"].direction]
