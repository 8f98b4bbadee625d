"""Which claim a verdict belongs to: the identity of a finding for the review database.

Why not ``Check.id``: that fingerprint holds the number literals (the baseline and SARIF want a
corrected number to be a new finding), so correcting "97.5%" to "95.1%" in the article would
orphan the reviewer's verdict and note.  A review is about a *claim*: the rule, the roles its
numbers play and the words around them.  The identity is built from exactly that, with every
number of the claim masked, so a corrected number keeps the identity while the content signature
(checker.review.store.content_signature: quote and numbers) changes, and the finding shows as
"changed since review" with the earlier verdict and note.

Takes plain values so a ``Check`` (review app) and a report's check dict (`checker check`) give
the same key.  No textual here.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

import regex

#: At most this many characters of context before the claim's span, from the start of its sentence:
#: the words naming the metric and any label (第3组, 2024年) that tells two like claims apart.
CONTEXT_BEFORE = 24
_SPACE = regex.compile(r"\s+")
_SENTENCE_END = regex.compile(r"[。！？；!?;\n]|\.\s")


def _squeezed(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def claim_key(rule: str, text: str, span: tuple[int, int],
              numbers: Iterable[tuple[str, int, int, str | None]]) -> str:
    """The identity of a claim in ``text``: a hex digest of the rule, each number's role and unit
    (in order), the quote with the claim's own numbers masked, and the words just before it.

    Only the claim's numbers are masked: other digits in and before the quote (第3组, 2024年) are
    labels that tell claims apart, not values a correction would change.  Spacing is squeezed.

    ``numbers`` are (role, start, end, unit) of the check's numbers, offsets into ``text``.
    """
    start, end = span
    refs = sorted(numbers, key=lambda n: (n[1], n[2]))
    pieces: list[str] = []
    pos = start
    for _role, a, b, _unit in refs:  # the quote with each number mention masked out
        a, b = max(a, pos), max(b, pos)
        pieces.append(text[pos:a])
        pieces.append("\x00")
        pos = b
    pieces.append(text[pos:max(pos, end)])
    quote = _squeezed("".join(pieces))
    window = text[max(0, start - CONTEXT_BEFORE):start]
    ends = list(_SENTENCE_END.finditer(window))
    before = _squeezed(window[ends[-1].end():] if ends else window)
    h = hashlib.sha256(rule.encode("utf-8"))
    for role, _a, _b, unit in numbers:
        h.update(b"\x1f" + role.encode("utf-8") + b"=" + (unit or "").encode("utf-8"))
    h.update(b"\x1e" + quote.encode("utf-8") + b"\x1e" + before.encode("utf-8"))
    return h.hexdigest()[:16]


def check_key(check, text: str) -> str:
    """``claim_key`` of a ``checker.model.Check`` in its document's ``text``."""
    return claim_key(check.rule, text, (check.start, check.end),
                     [(r.role, r.mention.start, r.mention.end, r.mention.unit) for r in check.numbers])


def dict_key(check: dict, text: str) -> str:
    """``claim_key`` of a check dict of the JSON report, in its document's ``text``."""
    return claim_key(check["rule"], text, (check["span"]["start"], check["span"]["end"]),
                     [(n["role"], n["span"]["start"], n["span"]["end"], n.get("unit")) for n in check["numbers"]])
