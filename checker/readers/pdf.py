"""PDF: the text layer in reading order, read with pdfminer.six, wrapped lines repaired.

pdfminer.six is pure Python, maintained, decodes CJK fonts through their CMaps (including the
Adobe CID fonts of Chinese PDFs that embed no font) and groups characters into lines and text
boxes by their layout, which gives the reading order of multi-column pages.  Each text box is a
block (a sentence break); inside it a wrapped line is joined with nothing after or before a CJK
character, without the hyphen when a word was hyphenated ("com-" + "plaints"), and with a space
otherwise.  Every character's place is its page.  A PDF whose pages hold no text at all is refused
with one line: it has no text layer (a scan), which the checker cannot read.
"""
from __future__ import annotations

import io

import regex

from checker.readers import FormatError
from checker.readers.visible import VisibleText

_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef]")
_HYPHENATED = regex.compile(r"\p{L}-$")
NO_TEXT_LAYER = "no text layer (scanned?)"


def join_lines(lines: list[str]) -> str:
    """The lines of one paragraph (text box) as one text, wraps repaired."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not out:
            out = line
        elif _HYPHENATED.search(out) and line[0].islower():
            out = out[:-1] + line
        elif _CJK.match(out[-1]) or _CJK.match(line[0]):
            out += line
        else:
            out += " " + line
    return out


def read(data: bytes, max_bytes: int = 0):
    """(visible text, SourceMap) of a PDF file's bytes, or FormatError (encrypted, corrupt, scanned)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    out = VisibleText("place")
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), start=1):
            place = {"page": number}
            for element in page:
                if isinstance(element, LTTextBox):
                    lines = [line.get_text() for line in element if isinstance(line, LTTextLine)]
                elif isinstance(element, LTTextLine):
                    lines = [element.get_text()]
                else:
                    continue
                text = join_lines(lines)
                if text:
                    out.add(text, place)
                    out.block(place)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise FormatError(f"encrypted PDF, cannot be read without its password ({type(exc).__name__})") from None
    except (PDFSyntaxError, PSException) as exc:
        raise FormatError(f"corrupt or truncated PDF ({_why(exc)})") from None
    except Exception as exc:  # pdfminer raises many kinds on broken files; none may become a traceback
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise FormatError("encrypted PDF, cannot be read without its password") from None
        raise FormatError(f"corrupt or truncated PDF ({type(exc).__name__}: {_why(exc)})") from None
    text, smap = out.result()
    if not text.strip():
        raise FormatError(NO_TEXT_LAYER)
    return text, smap


def _why(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:120]
