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


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding name)."""
    if not data:
        return "", "utf-8"
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", "")
            except UnicodeDecodeError:
                raise InputError(f"{name}: starts with a {codec} byte-order mark but is not valid {codec}") from None
    try:
        text = data.decode("utf-8")
        if "\x00" in text:
            raise InputError(f"{name}: binary file (contains NUL bytes), not an article")
        return text, "utf-8"
    except UnicodeDecodeError:
        pass
    if data.count(b"\x00") > len(data) // 100 + 1 and not _looks_utf16(data):
        raise InputError(f"{name}: binary file (contains NUL bytes), not an article")
    from charset_normalizer import from_bytes  # only needed for non-UTF-8 input

    best = from_bytes(data[:200_000] if len(data) > 200_000 else data).best()
    if best is None:
        raise InputError(f"{name}: cannot detect the text encoding (binary or unknown encoding)")
    encoding = best.encoding
    if encoding in ("gb2312", "gbk"):
        encoding = "gb18030"  # a superset: never lose a character GBK-labelled text may hold
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(f"{name}: not valid {encoding} text (binary or mixed encodings)") from None
    if "\x00" in text or _control_share(text) > 0.05:
        raise InputError(f"{name}: binary file, not an article")
    return text, encoding


def _looks_utf16(data: bytes) -> bool:
    even, odd = data[0::2][:4000], data[1::2][:4000]
    return even.count(0) > len(even) * 0.3 or odd.count(0) > len(odd) * 0.3


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(sample)


def make_document(path: str, data: bytes) -> Document:
    text, encoding = decode(data, path)
    return Document(path=path, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(),
                    language=detect_language(text))


def expand(paths: Iterable[str], suffixes: tuple[str, ...] = ARTICLE_SUFFIXES) -> list[str]:
    """Files named by ``paths``: files as given, directories searched recursively, '-' kept."""
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            found = sorted(str(f) for f in path.rglob("*") if f.is_file() and f.suffix.lower() in suffixes
                           and not any(part.startswith(".") for part in f.relative_to(path).parts))
            if not found:
                raise InputError(f"{p}: directory holds no articles ({', '.join(suffixes)})")
            out.extend(found)
        elif path.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or directory")
    return out


def read_documents(paths: Iterable[str]) -> Iterator[Document]:
    """Documents for the given paths, in order; raises InputError on the first bad one."""
    for p in expand(paths):
        if p == "-":
            yield make_document("-", sys.stdin.buffer.read())
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
