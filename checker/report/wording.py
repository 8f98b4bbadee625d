"""Small wording helpers shared by the text renderers: counts with the right number, long quotes
shortened around their numbers, the locale a report's own labels speak.  Kept apart so every
report says "1 check" the same way, in English and in Chinese."""
from __future__ import annotations

import re
from collections.abc import Callable

from checker.i18n import LOCALES, SOURCE_LOCALE, forced_locale, ngettext, normalize

# one entry per counted noun, written out so that the catalogue extractor sees every msgid
_COUNTS: dict[str, Callable[[int], str]] = {
    "document": lambda n: ngettext("{n} document", "{n} documents", n),
    "check": lambda n: ngettext("{n} check", "{n} checks", n),
    "error": lambda n: ngettext("{n} error", "{n} errors", n),
    "warning": lambda n: ngettext("{n} warning", "{n} warnings", n),
    "failing finding": lambda n: ngettext("{n} failing finding", "{n} failing findings", n),
    "baseline entry": lambda n: ngettext("{n} baseline entry", "{n} baseline entries", n),
    "verdict": lambda n: ngettext("{n} verdict", "{n} verdicts", n),
}
_NUMBER = re.compile(r"[0-9０-９][0-9０-９.,，．%％]*")


def count(n: int, noun: str) -> str:
    """``n`` and ``noun`` in the right number and the active locale: "1 check", "2 checks", "2项检查"."""
    forms = _COUNTS.get(noun)
    if forms is not None:
        return forms(n).format(n=n)
    return f"{n} {noun if n == 1 else noun + 's'}"


def report_locale(report: dict | None = None) -> str:
    """The locale of a report's own labels (headings, totals, field names), for text and HTML.

    Why this order: a run that forced a locale (``--locale``, ``locale`` in the configuration,
    ``CHECKER_LOCALE``) wrote every message in it, and ``build_report`` records it as ``locale``;
    otherwise each document speaks its own language, so a run over articles of one language is
    labelled in that language, and a mixed run in English."""
    if report is not None and normalize(report.get("locale")) in LOCALES:
        return normalize(report["locale"])
    forced = forced_locale()
    if forced:
        return forced
    languages = {normalize(d.get("language")) for d in (report or {}).get("documents", [])}
    if len(languages) == 1 and (only := languages.pop()) in LOCALES:
        return only
    return SOURCE_LOCALE


def pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal cells (a Chinese character takes two).  rich is imported
    here, not above: the JSON report and the Python API use this module without any terminal."""
    from rich.cells import cell_len

    return text + " " * max(0, width - cell_len(text))


def shorten(quote: str, limit: int = 120, margin: int = 24) -> str:
    """``quote`` on one line, at most about ``limit`` characters: when longer, the stretch from the
    first to the last number with ``margin`` characters either side, and "…" where text was cut.
    Why: a finding's quote can be a 600-character passage, while the reader needs the numbers."""
    quote = " ".join(quote.split())
    if len(quote) <= limit:
        return quote
    spans = [m.span() for m in _NUMBER.finditer(quote)]
    if not spans:
        return quote[: limit - 1] + "…"
    start, end = max(0, spans[0][0] - margin), min(len(quote), spans[-1][1] + margin)
    if end - start > limit:  # numbers far apart: keep both ends around the first and the last
        head = quote[start: spans[0][1] + margin]
        tail = quote[max(spans[-1][0] - margin, spans[0][1] + margin):end]
        return ("…" if start else "") + head + " … " + tail + ("…" if end < len(quote) else "")
    return ("…" if start else "") + quote[start:end] + ("…" if end < len(quote) else "")
