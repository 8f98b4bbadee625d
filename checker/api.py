"""The public Python API: check a string or some files and get typed results.

Why a separate layer: the pipeline's own objects (``Check``, ``Mention``, ``DocumentResult``) are
internal and change with the engine; these result objects are the stable shape, the same as the
JSON report (``to_dict()`` is exactly a report's per-document or per-check dict).  A run is
finished the same way as `checker check` finishes it (``checker.ci.finish_run``: rule selection,
rounding conventions, inline suppressions), so the API and the command never disagree.

This module imports neither textual nor rich nor the report writers at import time (the
import-contract test keeps it so): building the report dicts and the pandas frame import what they
need when called.
"""
from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import NamedTuple

__all__ = ["Number", "Finding", "DocumentReport", "Results", "Mention", "check_text", "check_paths",
           "extract_text", "findings_frame"]

#: Columns of ``findings_frame``, in order.
FRAME_COLUMNS = ("document", "rule", "verdict", "severity", "failing", "start", "end", "line", "column",
                 "numbers", "message", "id")


@dataclass(frozen=True, slots=True)
class Number:
    """A number as a finding uses it: its text, value, role (whole, part, rate, old, new …) and span."""

    text: str
    value: int | float | None
    role: str
    start: int
    end: int
    kind: str | None = None
    unit: str | None = None
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One evaluated relation (consistent ones too), as in the JSON report's ``checks``.

    ``failing`` says whether it counts against the article: inconsistent, not suppressed inline,
    not dismissed in review, not in a baseline.
    """

    id: str
    rule: str
    verdict: str
    severity: str
    start: int
    end: int
    line: int
    column: int
    quote: str
    message: str
    numbers: tuple[Number, ...] = ()
    formula: str = ""
    recomputed: str = ""
    reported: str = ""
    convention: str | None = None
    strength: str | None = None
    suggestions: tuple[str, ...] = ()
    suppressed: dict | None = None
    failing: bool = False
    _source: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, d: dict) -> "Finding":
        from checker.report.status import is_active

        numbers = tuple(Number(n["text"], n.get("value"), n["role"], n["span"]["start"], n["span"]["end"],
                               n.get("kind"), n.get("unit"), n.get("qualifier")) for n in d["numbers"])
        return cls(d["id"], d["rule"], d["verdict"], d["severity"], d["span"]["start"], d["span"]["end"],
                   d["line"], d["column"], d["quote"], d["message"], numbers, d.get("formula") or "",
                   d.get("recomputed") or "", d.get("reported") or "", d.get("convention"), d.get("strength"),
                   tuple(d.get("suggestions") or ()), d.get("suppressed"), is_active(d), copy.deepcopy(d))

    def to_dict(self) -> dict:
        """The check's dict of the JSON report (report.schema.json), a copy."""
        return copy.deepcopy(self._source)


@dataclass(frozen=True, slots=True)
class DocumentReport:
    """The findings of one article, as in the JSON report's ``documents``."""

    path: str
    language: str
    encoding: str
    sha256: str
    checks: tuple[Finding, ...]
    errors: tuple[str, ...] = ()
    _source: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_dict(cls, d: dict) -> "DocumentReport":
        return cls(d["path"], d["language"], d["encoding"], d["sha256"],
                   tuple(Finding.from_dict(c) for c in d["checks"]), tuple(d.get("errors") or ()), copy.deepcopy(d))

    @property
    def failing(self) -> tuple[Finding, ...]:
        """The findings that count against the article (see ``Finding.failing``)."""
        return tuple(c for c in self.checks if c.failing)

    def to_dict(self) -> dict:
        """The document's dict of the JSON report (report.schema.json), a copy."""
        return copy.deepcopy(self._source)


class Results(NamedTuple):
    """What ``check_paths`` returns: one report per article read, and one line per input that
    could not be (``documents, errors = check_paths(...)``)."""

    documents: list[DocumentReport]
    errors: list[str]


@dataclass(frozen=True, slots=True)
class Mention:
    """One numeric expression of a text (what `checker extract` lists): exact values as fractions,
    ``low``/``high`` what the writer can have meant (None: unbounded)."""

    text: str
    start: int
    end: int
    line: int
    column: int
    kind: str
    value: Fraction | None
    low: Fraction | None
    high: Fraction | None
    unit: str | None
    scale: int
    qualifier: str | None
    literal: str

    def to_dict(self) -> dict:
        """The mention's dict of `checker extract --format json`."""
        return dict(self._dict)

    @property
    def _dict(self) -> dict:
        from checker.report.mentions import number

        return {"text": self.text, "span": {"start": self.start, "end": self.end}, "line": self.line,
                "column": self.column, "kind": self.kind, "value": number(self.value), "low": number(self.low),
                "high": number(self.high), "unit": self.unit, "scale": self.scale, "qualifier": self.qualifier,
                "literal": self.literal}


# --- running ---------------------------------------------------------------------------------------

def _settings(paths: list[str], rules, enable, disable, rounding, include=(), exclude=()):
    from checker.ci import Settings
    from checker.config import ROUNDING, ConfigError
    from checker.precision import convention_name

    rounding = tuple(rounding) if rounding is not None else None
    if rounding is not None:
        bad = [r for r in rounding if r not in ROUNDING]
        if bad or not rounding:
            raise ConfigError(f"rounding: choose among {', '.join(ROUNDING)}" + (f", not {bad[0]!r}" if bad else ""))
    return Settings(paths=paths, rule_dirs=tuple(rules or ()), enable=tuple(enable) if enable is not None else None,
                    disable=tuple(disable), include=tuple(include), exclude=tuple(exclude),
                    conventions=tuple(convention_name(r) for r in rounding) if rounding else None)


def _document(text: str | bytes, path: str, lang: str | None):
    """A Document of a text (a str is its own decoding; bytes are detected as a file's would be).
    InputError (one line) for bytes that are not a text."""
    from checker.reader import make_document, reading

    if not isinstance(text, (str, bytes)):
        raise TypeError(f"expected a str (or bytes), not {type(text).__name__}")
    data = text.encode("utf-8") if isinstance(text, str) else text
    with reading(lang=lang, encoding="utf-8" if isinstance(text, str) else None):
        return make_document(path, data)


def check_text(text: str | bytes, *, lang: str | None = None, rules: Iterable[str] | None = None,
               path: str = "<text>", enable: Iterable[str] | None = None, disable: Iterable[str] = (),
               rounding: Iterable[str] | None = None) -> DocumentReport:
    """Check one article given as a string (or its bytes, whose encoding is detected).

    ``lang`` "zh" or "en" (None: detected); ``rules`` extra rule pack directories; ``path`` names
    the text in the result (its suffix chooses the reader: ``.md`` and ``.html`` are read as
    Markdown and HTML); ``enable``/``disable`` choose rules and ``rounding`` the accepted rounding
    conventions, as the configuration keys of the same names do.  Inline suppressions apply.
    """
    from checker import ci
    from checker.pipeline import check_document
    from checker.precision import accepted_conventions
    from checker.rulepack import load_rulepack

    settings = _settings([path], rules, enable, disable, rounding)
    doc = _document(text, path, lang)
    pack = load_rulepack(settings.rule_dirs)
    with accepted_conventions(settings.conventions):
        result = check_document(doc, pack)
    run = ci.finish_run([result], [], pack, settings, use_review_db=False)
    return DocumentReport.from_dict(run.report["documents"][0])


def check_paths(paths: Iterable[str] | str, *, rules: Iterable[str] | None = None, include: Iterable[str] = (),
                exclude: Iterable[str] = (), lang: str | None = None, enable: Iterable[str] | None = None,
                disable: Iterable[str] = (), rounding: Iterable[str] | None = None,
                db: str | None = None) -> Results:
    """Check files and directories (searched recursively, like `checker check`).

    A path that cannot be read is one line in ``errors`` (naming it and the problem), never an
    exception; the others are still checked.  ``db`` names a review database whose verdicts the
    findings then carry (a dismissed finding does not fail); without it none is read.
    """
    from checker import ci
    from checker.reader import reading

    paths = [paths] if isinstance(paths, str) else [str(p) for p in paths]
    settings = _settings(paths, rules, enable, disable, rounding, include, exclude)
    settings.db = db
    with reading(lang=lang):
        run = ci.run_settings(settings, use_review_db=db is not None)
    return Results([DocumentReport.from_dict(d) for d in run.report["documents"]], list(run.errors))


def extract_text(text: str | bytes, *, lang: str | None = None, path: str = "<text>") -> list[Mention]:
    """Every numeric expression of a text, in order (what `checker extract` lists)."""
    from checker.extract import extract

    ex = extract(_document(text, path, lang))
    return [Mention(m.text, m.start, m.end, m.line, m.column, m.kind, m.value, m.low, m.high, m.unit, m.scale,
                    m.qualifier, m.literal) for m in ex.mentions]


def findings_frame(results) -> "pandas.DataFrame":  # noqa: F821 (pandas is imported when called)
    """A pandas DataFrame with one row per check of ``results`` (a DocumentReport, a list of them,
    or what ``check_paths`` returns): FRAME_COLUMNS, ``numbers`` as the number texts joined by ", "."""
    import pandas as pd

    if isinstance(results, DocumentReport):
        documents = [results]
    elif isinstance(results, Results):
        documents = results.documents
    else:
        documents = list(results)
    rows = [{"document": d.path, "rule": c.rule, "verdict": c.verdict, "severity": c.severity,
             "failing": c.failing, "start": c.start, "end": c.end, "line": c.line, "column": c.column,
             "numbers": ", ".join(n.text for n in c.numbers), "message": c.message, "id": c.id}
            for d in documents for c in d.checks]
    return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
