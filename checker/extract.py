"""Extraction stage: a decoded document in, its normalized text and numeric mentions out."""
from __future__ import annotations

from dataclasses import dataclass

from checker.lexer import lexer_for, merge_ranges
from checker.model import Document, Mention
from checker.normalize import LineIndex, NormalizedText, normalize
from checker.readers.locate import line_index


@dataclass(slots=True)
class Extraction:
    document: Document
    norm: NormalizedText
    lines: LineIndex
    mentions: list[Mention]


def extract(document: Document) -> Extraction:
    """Normalize the document's text and read every number in it."""
    norm = normalize(document.text)
    lines = line_index(document)  # the source's lines when the document was converted
    mentions = lexer_for(document.language).scan(norm, lines)
    return Extraction(document, norm, lines, merge_ranges(mentions, norm, lines))
