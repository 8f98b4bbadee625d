"""Small wording helpers shared by the text renderers: counts with the right number, long quotes
shortened around their numbers.  Kept apart so every report says "1 check" the same way."""
from __future__ import annotations

import re

_NOUNS = {"document": "documents", "check": "checks", "error": "errors", "warning": "warnings",
          "failing finding": "failing findings", "baseline entry": "baseline entries"}
_NUMBER = re.compile(r"[0-9０-９][0-9０-９.,，．%％]*")


def count(n: int, noun: str) -> str:
    """``n`` and ``noun`` in the right number: "1 check", "2 checks" (the plural from _NOUNS)."""
    return f"{n} {noun if n == 1 else _NOUNS.get(noun, noun + 's')}"


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
