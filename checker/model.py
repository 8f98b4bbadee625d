"""Plain data passed from one pipeline stage to the next.

The pipeline is read → normalize → extract (mentions) → assemble claims → evaluate rules →
report/review.  Every stage takes these records and returns new ones; no stage reaches back
into an earlier one, so each can be tested alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

#: Mention kinds that are statistics (they can take part in a claim).
STATISTIC_KINDS = frozenset(
    {"count", "percent", "percentage_points", "per_mille", "multiple", "money", "measure", "fraction"}
)


@dataclass(slots=True)
class SourceMap:
    """Where the visible text of a converted document came from (checker.readers builds it).

    The visible text is cut into pieces: piece k starts at visible offset ``starts[k]``.  For text
    formats (Markdown, HTML; ``kind`` "text") ``origins[k]`` is the offset in ``source`` (the
    decoded file) of the piece's first character, and the piece is copied character for character,
    so a finding can name the line and column of the file the user opens.  For binary formats (PDF,
    DOCX; ``kind`` "place") ``origins[k]`` is a place such as ``{"page": 3}`` or ``{"table": 1,
    "row": 2, "column": 3}``.
    """

    kind: str
    starts: list[int]
    origins: list
    source: str = ""
    #: the tables a reader saw (checker.model.Table), handed on to ``Document.tables``
    tables: list = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """One decoded article.  ``text`` is the text that every span points into: the decoded original
    of a plain-text article, the visible text of a converted one (``source_map`` then says where
    each part of it came from)."""

    path: str
    text: str
    encoding: str
    sha256: str
    language: str = "zh"
    source_map: SourceMap | None = None
    #: the tables of a converted article, as their reader saw them (checker.tables relates their cells)
    tables: list["Table"] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.tables and self.source_map is not None:
            self.tables = self.source_map.tables


@dataclass(slots=True)
class Cell:
    """One table cell: its visible text and where that text stands in ``Document.text``."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Table:
    """A table as rows of cells (a reader's table or a flattened one found in plain text).

    ``header_rows`` rows at the top name the columns; ``caption`` and ``unit`` (e.g. "亿元") come
    from a caption or a "单位：" line when the source gives one.  Rows may be ragged: checker.tables
    leaves a table it cannot understand alone.
    """

    cells: list[list[Cell]]
    header_rows: int = 0
    caption: str | None = None
    unit: str | None = None


@dataclass(slots=True)
class Mention:
    """One numeric expression found in a document.

    ``value`` is the nominal value with the scale applied (1.2万 → 12000); ``low``/``high`` bound
    what the writer can have meant (None is unbounded).  ``literal`` is the digits as printed
    (after normalization) so later stages know the printed precision: "99.50" has ``decimals`` 2.
    """

    text: str
    start: int
    end: int
    kind: str
    value: Fraction | None
    low: Fraction | None
    high: Fraction | None
    literal: str = ""
    decimals: int = 0
    scale: int = 1
    unit: str | None = None
    qualifier: str | None = None
    label: str | None = None
    is_range: bool = False
    line: int = 0
    column: int = 0
    #: offsets in the normalized text (the claim assembler works there)
    nstart: int = 0
    nend: int = 0

    @property
    def is_statistic(self) -> bool:
        return self.kind in STATISTIC_KINDS

    @property
    def exact(self) -> bool:
        return self.qualifier is None and not self.is_range


@dataclass(slots=True)
class NumberRef:
    """A mention playing a role in a check (whole, part, reported rate, old, new, ...)."""

    mention: Mention
    role: str


@dataclass(slots=True)
class Check:
    """One evaluated relation: the verdict and everything needed to explain it."""

    rule: str
    verdict: str  # "consistent" | "inconsistent"
    severity: str  # "error" | "warning" | "info"
    start: int
    end: int
    numbers: list[NumberRef]
    formula: str
    recomputed: str
    reported: str
    message: str
    convention: str | None = None
    strength: str | None = None
    suggestions: list[str] = field(default_factory=list)
    id: str = ""
    line: int = 0
    column: int = 0
    quote: str = ""
    #: the message in English whatever the locale (JSON ``message_en``): a stable text for tools
    #: and for readers who share no language; empty when ``message`` is English already
    message_en: str = ""


@dataclass(slots=True)
class Claim:
    """A candidate relation: a rule code, its numbers by role, and facts the judge needs."""

    rule: str
    roles: dict[str, Mention | list[Mention]]
    facts: dict = field(default_factory=dict)
    start: int = -1  # normalized span of words that belong to the claim (e.g. a list of items)
    end: int = -1
    #: other plausible readings of the same numbers (judged charitably: consistent if any holds)
    alternatives: list["Claim"] = field(default_factory=list)

    def mentions(self) -> list[Mention]:
        out: list[Mention] = []
        for v in self.roles.values():
            out.extend(v if isinstance(v, list) else [v])
        return out
