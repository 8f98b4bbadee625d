"""Reading articles: paths, directories and stdin, decoded with a detected encoding.

Encoding detection is charset-normalizer's job (UTF-8 with or without BOM, UTF-16, GB18030/GBK,
Big5 ...); this module only decides what is an article and turns every failure into one clear
line naming the file (``InputError``), never a traceback.
"""
from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from checker.lexer import detect_language
from checker.model import Document

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 200 * 1024 * 1024


class InputError(Exception):
    """Bad input: the message is one line that names the file and the problem."""


# Signatures of common binary formats, named in the error message.
_MAGIC = (
    (b"%PDF-", "a PDF document: convert it to text first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive such as .docx: save it as text first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office document such as .doc: save it as text first"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
# Candidate encodings when the bytes are not UTF-8.  The checker reads Chinese and English articles,
# so detection only chooses among their encodings: a free choice among every code page reads short
# GBK text as Korean or as BOM-less UTF-16.  Text in these never holds a NUL byte; UTF-16/32 without
# a byte-order mark always does (ASCII characters, digits, spaces and newlines).
_LEGACY = ["gb18030", "big5", "big5hkscs", "cp950", "cp1252", "latin_1", "iso8859_15"]
_WIDE = ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]
_SAMPLE = 200_000


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding name).

    An empty file is an empty text.  Binary files and bytes that no candidate encoding reads
    cleanly raise ``InputError`` with one line naming the file.
    """
    if not data:
        return "", "utf-8"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: binary file, not a text article ({what})")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(f"{name}: starts with a {codec} byte-order mark but is not valid {codec}") from None
            return _checked(text, name), codec.replace("-sig", "")
    has_nul = b"\x00" in data
    if not has_nul:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return _checked(text, name), "utf-8"
    from charset_normalizer import from_bytes  # only needed for non-UTF-8 input

    sample = data[:_SAMPLE]
    if len(data) > _SAMPLE:  # do not cut a multi-byte character in two
        cut = len(sample) - len(sample) % 4 if has_nul else sample.rfind(b"\n") + 1
        sample = sample[:cut] if cut > _SAMPLE // 2 else sample
    best = from_bytes(sample, cp_isolation=_WIDE if has_nul else _LEGACY).best()
    if best is None:
        if has_nul:
            raise InputError(f"{name}: binary file (contains NUL bytes), not an article")
        raise InputError(f"{name}: cannot detect the text encoding (binary, or not a Chinese or English encoding)")
    encoding = best.encoding
    if encoding in ("gb2312", "gbk"):
        encoding = "gb18030"  # a superset: never lose a character GBK-labelled text may hold
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"{name}: not valid {encoding} text (binary or mixed encodings)") from None
    return _checked(text, name), encoding.replace("_", "-")


def _checked(text: str, name: str) -> str:
    """The decoded text, unless control characters show it was binary after all."""
    if "\x00" in text or _control_share(text) > 0.05:
        raise InputError(f"{name}: binary file (control characters), not an article")
    return text


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(sample)


def make_document(path: str, data: bytes, name: str | None = None) -> Document:
    """A Document of the file's bytes; ``name`` is how errors call it (default: the path)."""
    text, encoding = decode(data, name or path)
    return Document(path=path, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(),
                    language=detect_language(text))


def expand(paths: Iterable[str], suffixes: tuple[str, ...] = ARTICLE_SUFFIXES, *, include: Iterable[str] = (),
           exclude: Iterable[str] = (), root: str | None = None) -> list[str]:
    """Files named by ``paths``: files as given, directories searched recursively, '-' kept.

    ``include``/``exclude`` are glob patterns (checker.globs) relative to ``root``: in a directory an
    article is a file that matches an include pattern (without any: has an article suffix) and no
    exclude pattern; a file named explicitly is kept unless it matches an exclude pattern.
    """
    from checker.globs import selected

    include, exclude = tuple(include), tuple(exclude)
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(str(f) for f in path.rglob("*") if f.is_file()
                           and (f.suffix.lower() in suffixes if not (include or exclude)
                                else selected(str(f), include, exclude, suffixes, root))
                           and not any(part.startswith(".") for part in f.relative_to(path).parts))
            if not found:
                what = ", ".join(suffixes) if not (include or exclude) else "none matches --include/--exclude"
                raise InputError(f"{p}: directory holds no articles ({what})")
            out.extend(found)
        elif path.exists():
            if not (exclude and not selected(p, (), exclude, (), root)):
                out.append(p)
        else:
            raise InputError(f"{p}: no such file or directory")
    return out


def read_documents(paths: Iterable[str]) -> Iterator[Document]:
    """Documents for the given paths, in order; raises InputError on the first bad one."""
    for p in expand(paths):
        if p == "-":
            yield make_document("-", _read_stdin(), name="<stdin>")
            continue
        try:
            size = Path(p).stat().st_size
            if size > MAX_BYTES:
                raise InputError(f"{p}: file too large ({size} bytes; limit {MAX_BYTES})")
            data = Path(p).read_bytes()
        except PermissionError:
            raise InputError(f"{p}: permission denied") from None
        except IsADirectoryError:
            raise InputError(f"{p}: is a directory") from None
        except OSError as exc:
            raise InputError(f"{p}: cannot read ({exc.strerror})") from None
        yield make_document(p, data)


def _read_stdin() -> bytes:
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is not None:
            return stream.read()
        if sys.stdin is None:
            raise OSError("no standard input")
        data = sys.stdin.read()
        return data.encode("utf-8") if isinstance(data, str) else data
    except (OSError, ValueError) as exc:
        raise InputError(f"<stdin>: cannot read standard input ({exc})") from None
