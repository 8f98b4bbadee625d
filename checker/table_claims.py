"""A table against the prose that restates its figures.

A bulletin states its key figures twice: in a table (地区生产总值 | 5231.6 | 6.1) and in a sentence
("全年地区生产总值5231.6亿元，比上年增长6.1%").  When the two disagree, one of them is wrong.  The
match is conservative, because a false pairing is a false alarm:

- the clause before the prose number is the row's label (``#`` and 其中 stripped), with nothing
  around it but a few words (rules/tables.toml ``[prose]``): a prefix at the clause start (全年,
  全市), a connective before the number (实现, 达到, 为), and in between at most a metric word the
  table itself names in its caption or header (增加值 in “分行业增加值”);
- a period the sentence names (2025年, 一季度, 上半年) must be named by the table's caption or
  header too, and one short of a year that the table names must be named by the sentence (a
  quarter's table is no year's figure); 上年/去年 before the label compares with the table's
  last-year column, else the figure is compared with its one current column (本年, or the only
  amount column);
- an amount is compared only when both units are known and the same (亿元 in the caption, the
  header or the cell against 亿元 in the prose, 万人 against 人 with the scale); a percent only as a
  growth rate ("增长6.1%" after the label, or "，比上年增长6.1%" right after the row's amount)
  against the table's one growth column, a fall (下降) as a negative growth;
- a label found in several rows or tables whose values differ, and that the prose value matches
  none of, is left alone.

Each pairing is a ``table_prose`` claim judged like a restated quantity (engine.judge_restated).
"""
from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache

import regex

from checker.model import Claim, Mention, Table
from checker.normalize import normalize
from checker.precision import overlaps, printed_interval

_CLAUSE_BREAK = regex.compile(r"[。；;！？!?\n,，:：、（(）)]")
_MARKER = regex.compile(r"^(?:[#＃*]\s*|其中[:：]?\s*|of which:?\s*)+", regex.IGNORECASE)
_UNIT = regex.compile(r"^(?P<scale>千万|百万|万|亿)?(?P<base>.*)$")
_SCALES = {"万": 10_000, "亿": 100_000_000, "百万": 1_000_000, "千万": 10_000_000}
_YEAR = regex.compile(r"((?:19|20)\d\d)年")
#: a prose context before a number is at most this long (a clause, not a paragraph)
MAX_CONTEXT = 40


@dataclass(frozen=True, slots=True)
class ProseWords:
    prefix: regex.Pattern
    period: regex.Pattern
    period_any: regex.Pattern  # a period anywhere (in a sentence, in a table's caption)
    old: regex.Pattern
    connective: regex.Pattern
    growth_up: regex.Pattern
    growth_down: regex.Pattern


def _alternatives(patterns: list[str], where: str) -> regex.Pattern:
    body = "|".join(f"(?:{p})" for p in patterns) or "(?!)"
    return regex.compile(f"^(?:{body})" if where == "start" else f"(?:{body})$")


@cache
def prose_words() -> ProseWords:
    """The words around a restated figure (rules/tables.toml [prose]), read once per process."""
    from checker.lexicon import load_toml, rules_dir

    data = load_toml(rules_dir() / "tables.toml").get("prose", {})
    return ProseWords(prefix=_alternatives(data.get("prefix", []), "start"),
                      period=_alternatives(data.get("period", []), "start"),
                      period_any=regex.compile("|".join(f"(?:{p})" for p in data.get("period", [])) or "(?!)"),
                      old=_alternatives(data.get("old", []), "start"),
                      connective=_alternatives(data.get("connective", []), "end"),
                      growth_up=_alternatives(data.get("growth_up", []), "end"),
                      growth_down=_alternatives(data.get("growth_down", []), "end"))


@dataclass(slots=True)
class _Entry:
    """One row of one understood table, with the words its table names (caption and header)."""

    table: Table
    columns: list
    row: object
    named: str
    periods: frozenset[str]  # the periods short of a year the table names (一季度, 1-6月)


def _key(label: str) -> str:
    return _MARKER.sub("", normalize(label).text).replace(" ", "").strip()


def _index(read: list[tuple]) -> dict[str, list[_Entry]]:
    out: dict[str, list[_Entry]] = {}
    for table, columns, rows in read:
        head = " ".join(c.text for r in table.cells[:table.header_rows] for c in r)
        named = normalize(" ".join(filter(None, [table.caption or "", head, *(c.header for c in columns)]))).text
        periods = frozenset(p for p in prose_words().period_any.findall(named) if not _YEAR.match(p))
        for row in rows:
            key = _key(row.label)
            if row.total or len(key) < 2 or not regex.search(r"\p{Han}", key):
                continue  # 合计 rows, one-character and Latin labels: too weak a match (Chinese first)
            out.setdefault(key, []).append(_Entry(table, columns, row, named, periods))
    return out


@dataclass(slots=True)
class _Pair:
    """A prose figure and the cell it restates: the cell's value in the prose figure's terms."""

    entry: _Entry
    column: object
    number: object  # checker.tables.Number of the cell
    kind: str
    unit: str
    value: Fraction
    scale: int
    down: bool = False  # the prose says 下降 X%: a growth of −X


def restatements(ex, read: list[tuple], in_table: Callable[[int, int], bool], cells) -> list[Claim]:
    """``table_prose`` claims: each prose figure that restates a cell of an understood table.

    ``read`` holds (table, columns, rows) of each understood table (checker.tables.understand),
    ``in_table`` tells whether a span lies inside a table, ``cells`` makes a cell's Mention."""
    if not read or ex.document.language != "zh":
        return []
    index = _index(read)
    if not index:
        return []
    by_start: dict[str, list[str]] = {}
    for key in index:
        by_start.setdefault(key[:2], []).append(key)
    for keys in by_start.values():
        keys.sort(key=len, reverse=True)  # the longest label first (第二产业增加值 before 第二产业)
    words = prose_words()
    text = ex.norm.text
    out: list[Claim] = []
    last: tuple[Mention, _Entry] | None = None  # the amount just matched (its growth may follow)
    for m in sorted((m for m in ex.mentions if m.is_statistic and m.exact and m.value is not None),
                    key=lambda m: m.start):
        context = _context(text, m.nstart)
        if context is None or in_table(m.start, m.end):
            last = None
            continue
        periods = set(words.period_any.findall(_sentence(text, m.nstart)))
        if m.kind == "percent":
            pairs = _growth(m, context, words, index, by_start, last, text, periods)
            last = None
        elif m.kind in ("count", "money", "measure"):
            pairs = _amount(m, context, words, index, by_start, periods)
            last = (m, pairs[0].entry) if pairs and len({id(p.entry.row) for p in pairs}) == 1 else None
        else:
            last = None
            continue
        claim = _decide(m, pairs, cells)
        if claim is not None:
            out.append(claim)
    return out


def _context(text: str, at: int) -> str | None:
    """The clause before offset ``at`` (from the last clause break), None when longer than MAX_CONTEXT."""
    window = text[max(0, at - MAX_CONTEXT - 1):at]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    elif at > MAX_CONTEXT:
        return None
    return window.strip()


def _sentence(text: str, at: int) -> str:
    """The sentence before offset ``at`` (at most 150 characters back): where its period is named."""
    window = text[max(0, at - 150):at]
    cut = max(window.rfind(ch) for ch in "。！？!?；;\n")
    return window[cut + 1:]


def _label_of(context: str, words: ProseWords, index: dict[str, list[_Entry]], by_start: dict[str, list[str]],
              periods: set[str]) -> tuple[list[_Entry], bool]:
    """The rows whose label the clause ``context`` names, of tables for the sentence's ``periods``
    (each period the sentence names is one the table names, and each the table names short of a
    year the sentence names), and whether it speaks of last year (上年, 去年)."""
    rest, old = context, False
    while rest:
        for pattern in (words.prefix, words.period, words.old):
            hit = pattern.match(rest)
            if hit and hit.end():
                old = old or pattern is words.old
                rest = rest[hit.end():]
                break
        else:
            break
    for key in by_start.get(rest[:2], ()):
        if not rest.startswith(key):
            continue
        mid = rest[len(key):]
        hit = words.connective.search(mid)
        mid = mid[:hit.start()] if hit else mid
        entries = [e for e in index[key] if (not mid or len(mid) >= 2 and mid in e.named)
                   and all(_names_period(e.named, p) for p in periods) and e.periods <= periods]
        return entries, old
    return [], False


def _names_period(named: str, period: str) -> bool:
    year = _YEAR.match(period)
    return (year.group(1) in named) if year else period in named


def _amount(m: Mention, context: str, words: ProseWords, index, by_start, periods: set[str]) -> list[_Pair]:
    entries, old = _label_of(context, words, index, by_start, periods)
    out = []
    for e in entries:
        col = _one(e.columns, ("old",)) if old else (_one(e.columns, ("new",)) or _one(e.columns, ("value",), True))
        if col is None or col.index not in e.row.values:
            continue
        number = e.row.values[col.index]
        scale, base = _unit_of(number, col, e.table)
        if base is None or base == "%" or base != m.unit:
            continue  # the units must be known and the same
        if number.unit:  # the cell's own unit (5231.6亿元): its value is scaled already
            scale = number.scale
            value = number.value
        else:
            value = number.value * scale
        out.append(_Pair(e, col, number, m.kind, base, value, scale))
    return out


def _growth(m: Mention, context: str, words: ProseWords, index, by_start, last, text: str,
            periods: set[str]) -> list[_Pair]:
    down = words.growth_down.search(context)
    hit = down or words.growth_up.search(context)
    if hit is None:
        return []
    label = context[:hit.start()]
    if label:
        entries, old = _label_of(label, words, index, by_start, periods)
        if old:
            return []
    elif last is not None and text[last[0].nend:m.nstart].strip(" ,，") == context:
        entries = [last[1]]  # "5231.6亿元，比上年增长6.1%": the growth of the amount just read
    else:
        return []
    out = []
    for e in entries:
        g = _one(e.columns, ("growth",))
        if g is None or not (g.percent_header or g.unit == "%") or g.index not in e.row.values:
            continue
        number = e.row.values[g.index]
        out.append(_Pair(e, g, number, "percent", "%", number.value, 1, down=down is not None))
    return out


def _one(columns: list, kinds: tuple[str, ...], amounts: bool = False):
    """The one column of these kinds (None when there is none or more than one)."""
    found = [c for c in columns if c.kind in kinds and (not amounts or (c.additive and c.unit != "%"))]
    return found[0] if len(found) == 1 else None


def _unit_of(number, column, table: Table) -> tuple[int, str | None]:
    """(scale, base unit) of a cell: its own unit, else its column header's, else the table's."""
    unit = number.unit or column.unit or table.unit
    if not unit:
        return 1, None
    if unit in ("%", "％"):
        return 1, "%"
    hit = _UNIT.match(unit.strip())
    return _SCALES.get(hit["scale"] or "", 1), (hit["base"] or None)


def _decide(m: Mention, pairs: list[_Pair], cells) -> Claim | None:
    """A claim pairing the prose figure with the cell it restates: the cell that agrees with it when
    one does, else the only candidate (an inconsistency); several disagreeing candidates: none."""
    candidates = []
    for p in pairs:
        cell = p.entry.row.cells[p.column.index]
        second = dataclasses.replace(cells.mention(cell, p.number), kind=p.kind, unit=p.unit, value=p.value,
                                     low=p.value, high=p.value, decimals=p.number.decimals, scale=p.scale)
        first = m
        if p.down:
            first = dataclasses.replace(m, value=-m.value, low=None if m.high is None else -m.high,
                                        high=None if m.low is None else -m.low)
        label = p.entry.row.label
        words = label if p.column.kind != "growth" else f"{label} {p.column.header}".strip()
        candidates.append(Claim("table_prose", {"first": first, "second": second}, {"words": words}))
    for claim in candidates:
        if overlaps(printed_interval(claim.roles["first"]), printed_interval(claim.roles["second"])):
            return claim
    return candidates[0] if len(candidates) == 1 else None
