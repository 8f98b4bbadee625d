"""Reading articles: paths, directories and stdin, decoded with a detected encoding.

Only regular files are read (a FIFO, device or socket is refused before it is opened, and the file
is opened non-blocking, so a path swapped for a FIFO cannot block either), and at most
``max_bytes`` + 1 bytes of any file or of stdin (default 64 MB, ``--max-bytes``).  Directories are
walked iteratively (no depth limit from recursion).

Decoding chooses only among the encodings the checker supports: UTF-8 (with or without BOM),
UTF-16/32 (with a BOM, or without one when NUL bytes show it) and GB18030/GBK/GB2312 and Big5.
charset-normalizer judges legacy bytes; when another encoding reads them clearly better (EUC-JP,
EUC-KR, Shift-JIS, Mac Roman, cp1252 ...) the file is refused with one line naming that encoding.
Texts too short for a statistical guess (fewer than ``SHORT_BYTES`` bytes) are read as UTF-8, else
GB18030, else Big5, each only above the confidence floor ``SHORT_FLOOR``; ``--encoding`` overrides
detection.  Every failure is one clear line naming the file (``InputError``), never a traceback.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from checker.diagnostic import cause
from checker.i18n import _
from checker.lexer import detect_language
from checker.model import Document

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
MAX_BYTES = 64 * 1024 * 1024  # default size cap of one article (file or stdin)

#: The reading options of this run (set by the commands through ``reading``).
_OPTIONS = {"max_bytes": MAX_BYTES, "encoding": None, "lang": None}
LANGUAGES = ("zh", "en")


def _n(msgid: str) -> str:
    """Marks a message for the catalogue extractor; translated where it is used (``_(what)``), so the
    locale of the run, not of the import, decides."""
    return msgid


@contextmanager
def reading(max_bytes: int | None = None, encoding: str | None = None, lang: str | None = None):
    """Within the block, read at most ``max_bytes`` per article, decode with ``encoding`` (None:
    detect) and read every article as language ``lang`` (None: detect it on the visible text).  The
    commands wrap their work in it, so the pipeline needs no extra parameters."""
    saved = dict(_OPTIONS)
    if max_bytes is not None:
        _OPTIONS["max_bytes"] = max_bytes
    if encoding is not None:
        _OPTIONS["encoding"] = encoding
    if lang is not None:
        _OPTIONS["lang"] = check_language(lang)
    try:
        yield
    finally:
        _OPTIONS.clear()
        _OPTIONS.update(saved)


def check_encoding_name(encoding: str) -> str:
    """``encoding`` as Python's codec name, or InputError (one line) when Python knows no such codec."""
    import codecs

    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(_("--encoding: unknown encoding {encoding}").format(encoding=repr(encoding))) from None
    if not hasattr(info, "decode") or info.name in ("rot-13", "hex", "base64", "zlib", "bz2", "uu", "quopri"):
        raise InputError(_("--encoding: {encoding} is not a text encoding").format(encoding=repr(encoding)))
    return info.name


def check_language(lang: str) -> str:
    """``lang`` if the checker reads it ("zh" or "en"), else InputError (one line)."""
    if lang not in LANGUAGES:
        raise InputError(_("--lang: unknown language {lang} (zh or en)").format(lang=repr(lang)))
    return lang


def set_language(lang: str | None) -> None:
    """Read the following articles as ``lang`` unless --lang chose already (a configuration's ``lang``)."""
    if lang is not None and _OPTIONS["lang"] is None:
        _OPTIONS["lang"] = check_language(lang)


class InputError(Exception):
    """Bad input: the message is one line that names the file and the problem, in the locale of the
    run (``_()`` when it is raised: the commands and worker processes set it)."""


def problem(name: str, what: str) -> str:
    """``name: what`` in the active locale (``name：what`` in Chinese): a file and its problem."""
    return _("{name}: {problem}").format(name=name, problem=what)


# Signatures of common binary formats, named in the error message (translated when raised).
_MAGIC = (
    (b"%PDF-", _n("a PDF document: name it .pdf to read it as one")),
    (b"\x89PNG\r\n\x1a\n", _n("a PNG image")),
    (b"\xff\xd8\xff", _n("a JPEG image")),
    (b"GIF87a", _n("a GIF image")),
    (b"GIF89a", _n("a GIF image")),
    (b"PK\x03\x04", _n("a ZIP archive such as .docx: name a Word document .docx to read it as one")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", _n("an Office document such as .doc: save it as text first")),
    (b"\x1f\x8b", _n("a gzip archive")),
    (b"\x7fELF", _n("an executable")),
    (b"7z\xbc\xaf\x27\x1c", _n("a 7z archive")),
    (b"Rar!\x1a\x07", _n("a RAR archive")),
)
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)
# Candidate encodings when the bytes are not UTF-8.  The checker reads Chinese and English articles,
# so detection only accepts their encodings: a free choice among every code page reads short GBK
# text as Korean or as BOM-less UTF-16.  Text in these never holds a NUL byte; UTF-16/32 without a
# byte-order mark always does (ASCII characters, digits, spaces and newlines).
_LEGACY = ["gb18030", "big5", "big5hkscs", "cp950"]
_WIDE = ["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]
# Encodings the checker does not read, tried only to name them when they fit the bytes better, in
# the order a tie is named (a Japanese text is also "valid" cp949).
_FOREIGN = ["euc_jp", "shift_jis", "cp932", "iso2022_jp", "euc_kr", "cp949", "mac_roman", "cp1252", "latin_1",
            "cp1250", "cp1251", "koi8_r", "mac_cyrillic", "cp1253", "cp1254", "cp1255", "cp1256", "tis_620"]
_NAMES = {"cp949": "euc-kr", "cp932": "shift-jis", "shift_jis": "shift-jis", "euc_jp": "euc-jp", "euc_kr": "euc-kr",
          "mac_roman": "mac-roman", "latin_1": "latin-1", "iso2022_jp": "iso-2022-jp", "koi8_r": "koi8-r",
          "mac_cyrillic": "mac-cyrillic", "tis_620": "tis-620"}
_SAMPLE = 200_000
#: Below this many bytes a legacy text is too short for a statistical guess: it is read as GB18030,
#: else Big5, when at least SHORT_FLOOR of its non-ASCII characters are common characters of that
#: encoding (GB2312's hanzi and punctuation; Big5's frequent hanzi), and refused otherwise.
SHORT_BYTES = 32
SHORT_FLOOR = 0.9
#: A supported decoding is refused when charset-normalizer rates another encoding's reading this much
#: less chaotic (its "mess" ratio, 0 = clean), or when its own mess exceeds CHAOS_CEILING.
CHAOS_MARGIN = 0.05
CHAOS_CEILING = 0.25


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode bytes to text, returning (text, encoding name).

    An empty file is an empty text.  Binary files, bytes that no supported encoding reads cleanly
    and bytes another (unsupported) encoding reads better raise ``InputError`` with one line naming
    the file.  ``encoding`` (default: the run's ``--encoding``) skips detection.
    """
    encoding = encoding or _OPTIONS["encoding"]
    if not data:
        return "", "utf-8"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(_("{name}: binary file, not a text article ({what})").format(name=name, what=_(what)))
    if encoding:
        codec = check_encoding_name(encoding)
        try:
            text = data.decode("utf-8-sig" if codec == "utf-8" else codec)
        except UnicodeDecodeError as exc:
            raise InputError(_("{name}: not valid {encoding} text (byte {byte}; given by --encoding)").format(
                name=name, encoding=encoding, byte=exc.start)) from None
        return _checked(text, name), codec
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise InputError(_("{name}: starts with a {codec} byte-order mark but is not valid {codec}").format(
                    name=name, codec=codec)) from None
            return _checked(text, name), codec.replace("-sig", "")
    has_nul = b"\x00" in data
    utf8_error = None
    if not has_nul:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            utf8_error = exc.start
        else:
            return _checked(text, name), "utf-8"
        if len(data) < SHORT_BYTES:
            return _short(data, name, _undecodable(data, utf8_error, short=True))
    if has_nul:
        wide = _wide(data, name)
        if wide is not None:
            return wide
    from charset_normalizer import from_bytes  # only needed for non-UTF-8 input

    sample = data[:_SAMPLE]
    if len(data) > _SAMPLE:  # do not cut a multi-byte character in two
        cut = len(sample) - len(sample) % 4 if has_nul else sample.rfind(b"\n") + 1
        sample = sample[:cut] if cut > _SAMPLE // 2 else sample
    best = from_bytes(sample, cp_isolation=_WIDE if has_nul else _LEGACY).best()
    if not has_nul:
        _refuse_foreign(sample, best, name)
    if best is None:
        if has_nul:
            raise InputError(_("{name}: binary file (contains NUL bytes), not an article").format(name=name))
        # charset-normalizer gives up on some short mixed texts: the floor test of short texts decides
        return _short(data, name, _undecodable(data, utf8_error))
    if not has_nul and best.chaos > CHAOS_CEILING:
        raise InputError(_("{name}: cannot tell the text encoding with confidence (best guess {guess}, too "
                           "garbled): save it as UTF-8, or give --encoding").format(name=name, guess=best.encoding))
    encoding = best.encoding
    if encoding in ("gb2312", "gbk"):
        encoding = "gb18030"  # a superset: never lose a character GBK-labelled text may hold
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(_("{name}: not valid {encoding} text (binary or mixed encodings)").format(
            name=name, encoding=encoding)) from None
    return _checked(text, name), encoding.replace("_", "-")


#: What a Chinese or English article is made of: printable ASCII and white space, the CJK unified
#: ideographs, CJK and full-width punctuation, general punctuation (dashes, quotes, ellipsis, per
#: mille), Latin-1 letters and signs, and the euro sign.  A UTF-16 reading of the wrong byte order
#: gives Hangul, Arabic, CJK extension A, private-use and surrogate-area characters instead.
_ARTICLE_CHARS = re.compile("[\t\n\r\x20-\x7e\u00a0-\u00ff\u2010-\u2027\u2030-\u203b\u20ac"
                            "\u3000-\u303f\u4e00-\u9fff\uff01-\uff65]")
#: A BOM-less UTF-16/32 reading is taken when at least this share of its characters are article
#: characters, or at least half of them are ASCII (English, or any text with ASCII between).
WIDE_FLOOR = 0.9
_WIDE_SAMPLE = 20_000  # characters scored (a 64 MB file is judged by its start)
_ASCII = re.compile("[\x00-\x7f]")


def _wide(data: bytes, name: str) -> tuple[str, str] | None:
    """UTF-16/32 without a byte-order mark, or None when no such reading fits the bytes.

    NUL bytes are what shows it: ASCII in UTF-16 leaves a NUL in every other byte, and text in the
    legacy encodings never holds one.  Each byte order and width that decodes without NUL or
    control characters is scored by the share of article characters in its text (``_ARTICLE_CHARS``),
    then by its number of ASCII characters (the NUL bytes as the high bytes of ASCII); the best
    reading above ``WIDE_FLOOR`` (or at least half ASCII) wins.  The wrong byte order reads ASCII as
    U+xx00 (CJK extension A, Bopomofo, or hanzi for letters) and hanzi as Hangul or Arabic, so even
    four characters ("受理5起", 8 bytes) decide.  Two readings that tie on both (no NUL pattern to go
    by) are refused as too short to tell, never guessed.  charset-normalizer, which misses these short
    texts, is only asked when no reading fits.
    """
    readings: list[tuple[tuple[float, int], str, str]] = []
    for codec in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
        if len(data) % (4 if "32" in codec else 2):
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not text or _CONTROL.search(text):  # NUL included: a NUL character is no text
            continue
        sample = text[:_WIDE_SAMPLE]
        share = len(_ARTICLE_CHARS.findall(sample)) / len(sample)
        ascii = len(_ASCII.findall(sample))
        if share >= WIDE_FLOOR or 2 * ascii >= len(sample):
            readings.append(((share, ascii), codec, text))
    if not readings:
        return None
    readings.sort(key=lambda r: r[0], reverse=True)
    score, codec, text = readings[0]
    if len(readings) > 1 and readings[1][0] == score:
        raise InputError(_("{name}: too short to tell its encoding apart ({codec} or {other}, no byte-order "
                           "mark): save it as UTF-8, or give --encoding").format(
            name=name, codec=codec, other=readings[1][1]))
    return _checked(text, name), codec


def _undecodable(data: bytes, utf8_error: int | None, short: bool = False) -> str:
    """Why bytes that are in no candidate encoding were refused."""
    if utf8_error is not None:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad <= 3 and sum(ord(ch) > 0x7F for ch in text) - bad >= 4 * bad:  # UTF-8 but for a stray byte
            return _("not valid UTF-8 at byte {byte} (a stray byte, or mixed encodings)").format(byte=utf8_error)
    if short:
        return _("too short to tell its encoding apart (not UTF-8; not clearly GB18030 or Big5): "
                 "save it as UTF-8, or give --encoding")
    return _("cannot detect the text encoding (binary, or not a Chinese or English encoding)")


def _refuse_foreign(sample: bytes, best, name: str) -> None:
    """InputError naming an encoding the checker does not read, when it fits ``sample`` clearly better."""
    from charset_normalizer import from_bytes

    others = [m for m in from_bytes(sample, cp_isolation=_FOREIGN) if m.encoding in _FOREIGN]
    if not others:
        return
    low = min(m.chaos for m in others)
    if best is not None and not low + CHAOS_MARGIN < best.chaos:
        return
    guess = min((m for m in others if m.chaos <= low + 0.01), key=lambda m: _FOREIGN.index(m.encoding))
    raise _foreign(name, guess.encoding)


def _foreign(name: str, encoding: str) -> InputError:
    """The one-line refusal of a text in ``encoding``, which the checker does not read."""
    enc = _NAMES.get(encoding, encoding.replace("_", "-"))
    return InputError(_("{name}: looks like {encoding} text, an encoding checker does not read (it reads UTF-8, "
                        "UTF-16/32, GB18030/GBK and Big5): save it as UTF-8, or give --encoding").format(
        name=name, encoding=enc))


#: Kana and Hangul that make a short EUC-JP or EUC-KR reading Japanese or Korean (``_short_foreign``).
_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = re.compile("[\uac00-\ud7a3]")
_HANGUL_SPACING = re.compile("[\uac00-\ud7a3] [\uac00-\ud7a3]")
SHORT_KANA = 0.2
SHORT_KANA_MIN = 3  # one or two "kana" are what any short Big5 text of frequent hanzi may give


def _short_foreign(data: bytes) -> str | None:
    """The encoding a short text is clearly in although its bytes also read as common GB2312 or Big5.

    GB2312's kana rows are the very bytes of EUC-JP's kana (and Big5 reads them as frequent hanzi);
    EUC-KR's Hangul rows are GB2312's level-1 hanzi.  So valid EUC-JP with at least SHORT_KANA_MIN
    kana, making at least SHORT_KANA of its non-ASCII characters, is Japanese, and valid EUC-KR that
    is all Hangul with words spaced apart (Hangul, space, Hangul: Korean spacing, which Chinese does
    not use) is Korean.  An EUC-KR text without such a space cannot be told from GB2312 hanzi by its
    bytes and stays Chinese.
    """
    for codec in ("euc_jp", "euc_kr"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = sum(ord(ch) > 0x7F for ch in text)
        if not wide:
            return None
        kana = len(_KANA.findall(text))
        if codec == "euc_jp" and kana >= SHORT_KANA_MIN and kana >= SHORT_KANA * wide:
            return codec
        if codec == "euc_kr" and len(_HANGUL.findall(text)) == wide and _HANGUL_SPACING.search(text):
            return codec
    return None


def _short(data: bytes, name: str, why: str) -> tuple[str, str]:
    """A legacy-encoded text too short for detection: GB18030, else Big5, above the floor; else refused
    (``why``: the reason given).  Short EUC-JP and spaced EUC-KR are refused naming them
    (``_short_foreign``): their bytes would pass the floor as GB2312 or Big5."""
    foreign = _short_foreign(data)
    if foreign is not None:
        raise _foreign(name, foreign)
    for codec, common in (("gb18030", "gb2312"), ("big5", "big5")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = [ch for ch in text if ord(ch) > 0x7F]
        if wide and sum(_is_common(ch, common) for ch in wide) >= SHORT_FLOOR * len(wide):
            return _checked(text, name), codec
    raise InputError(problem(name, why))


def _is_common(ch: str, codec: str) -> bool:
    """A character of the common part of ``codec``: GB2312 level-1 hanzi and symbols, Big5 frequent hanzi."""
    try:
        b = ch.encode(codec)
    except UnicodeEncodeError:
        return False
    if codec == "gb2312":  # rows 1-3 symbols and full-width forms, 16-55 level-1 hanzi (no kana: rows 4-5)
        return len(b) == 2 and (0xA1 <= b[0] <= 0xA3 or 0xB0 <= b[0] <= 0xD7)
    return len(b) == 2 and (0xA1 <= b[0] <= 0xA3 or 0xA4 <= b[0] <= 0xC6)  # symbols, frequent hanzi


def _checked(text: str, name: str) -> str:
    """The decoded text, unless control characters show it was binary after all."""
    if "\x00" in text or _control_share(text) > 0.05:
        raise InputError(_("{name}: binary file (control characters), not an article").format(name=name))
    return text


#: C0 controls other than \t \n \f \r (counted by a regex: a per-character loop cost ~0.3 ms a document).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = len(_CONTROL.findall(sample))
    return bad / len(sample)


def make_document(path: str, data: bytes, name: str | None = None) -> Document:
    """A Document of the file's bytes; ``name`` is how errors call it (default: the path).

    The suffix chooses the reader (checker.readers): Markdown and HTML are decoded, then reduced to
    their visible text; PDF and DOCX are read from their bytes; anything else is plain text.  The
    language is detected on the visible text (markup would outvote the Han characters), unless
    ``--lang`` or the configuration gives it.
    """
    from checker.readers import BINARY_FORMATS, FormatError, format_of, read_binary_format, read_text_format

    name = name or path
    fmt = format_of(path)
    smap = None
    try:
        if fmt in BINARY_FORMATS:
            text, smap = read_binary_format(fmt, data, _OPTIONS["max_bytes"])
            encoding = fmt
        else:
            text, encoding = decode(data, name)
            if fmt is not None:
                text, smap = read_text_format(fmt, text)
    except FormatError as exc:
        raise InputError(problem(name, str(exc))) from None
    except RecursionError:
        raise InputError(_("{name}: nested too deeply to read").format(name=name)) from None
    return Document(path=path, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(),
                    language=_OPTIONS["lang"] or detect_language(text), source_map=smap)


def _walk(top: Path) -> Iterator[Path]:
    """Files under ``top`` (regular files, or symlinks to them), without hidden names, iteratively.

    Symlinked directories are not entered (no loops); unreadable subdirectories are skipped.
    """
    stack = [str(top)]
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                entries = list(it)
        except OSError:
            if d == str(top):
                raise
            continue
        for e in entries:
            if e.name.startswith("."):
                continue
            try:
                if e.is_dir(follow_symlinks=False):
                    stack.append(e.path)
                elif e.is_file():
                    yield Path(e.path)
            except OSError:
                continue


def expand(paths: Iterable[str], suffixes: tuple[str, ...] = ARTICLE_SUFFIXES, *, include: Iterable[str] = (),
           exclude: Iterable[str] = (), root: str | None = None) -> list[str]:
    """Files named by ``paths``: files as given, directories searched recursively, '-' kept.

    ``include``/``exclude`` are glob patterns (checker.globs) relative to ``root``: in a directory an
    article is a file that matches an include pattern (without any: has an article suffix) and no
    exclude pattern; a file named explicitly is kept unless it matches an exclude pattern.
    """
    from checker.globs import check_pattern, selected

    include, exclude = tuple(include), tuple(exclude)
    for pattern in include + exclude:  # a bad pattern is refused even when no directory is searched
        check_pattern(pattern, "--include/--exclude")
    out: list[str] = []
    for p in paths:
        if p == "-":
            out.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            try:
                files = list(_walk(path))
            except OSError as exc:
                raise InputError(_("{name}: cannot read the directory ({cause})").format(name=p, cause=cause(exc))) from None
            found = sorted(str(f) for f in files
                           if (f.suffix.lower() in suffixes if not (include or exclude)
                               else selected(str(f), include, exclude, suffixes, root)))
            if not found:
                what = ", ".join(suffixes) if not (include or exclude) else _("none matches --include/--exclude")
                raise InputError(_("{name}: directory holds no articles ({what})").format(name=p, what=what))
            out.extend(found)
        elif path.exists():
            if not (exclude and not selected(p, (), exclude, (), root)):
                out.append(p)
        else:
            raise InputError(_("{name}: no such file or directory").format(name=p))
    return out


def read_documents(paths: Iterable[str]) -> Iterator[Document]:
    """Documents for the given paths, in order; raises InputError on the first bad one."""
    for p in expand(paths):
        if p == "-":
            yield make_document("-", _read_stdin(), name="<stdin>")
            continue
        yield make_document(p, read_file(p))


_KINDS = ((stat.S_ISFIFO, _n("a FIFO (named pipe)")), (stat.S_ISCHR, _n("a character device")),
          (stat.S_ISBLK, _n("a block device")), (stat.S_ISSOCK, _n("a socket")), (stat.S_ISDIR, "a directory"))


def _not_regular(mode: int) -> str | None:
    """What a path is when it is not a regular file (an English msgid, translated in the message)."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _KINDS if test(mode)), _n("not a regular file"))


def _refused(p: str, what: str) -> InputError:
    return InputError(_("{name}: {what}, not a regular file: not read").format(name=p, what=_(what)))


def read_file(p: str, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file ``p``, at most ``max_bytes`` (default: the run's cap).

    Anything but a regular file is refused before it is opened; the file is opened with O_NONBLOCK
    (a FIFO swapped in after the check cannot block) and checked again on the open descriptor.
    """
    cap = _OPTIONS["max_bytes"] if max_bytes is None else max_bytes
    try:
        st = os.stat(p)
        what = _not_regular(st.st_mode)
        if what == "a directory":
            raise InputError(_("{name}: is a directory").format(name=p))
        if what:
            raise _refused(p, what)
        if st.st_size > cap:
            raise InputError(_("{name}: file too large ({size} bytes; limit {cap}: --max-bytes)").format(
                name=p, size=st.st_size, cap=cap))
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(p, flags)
        try:
            what = _not_regular(os.fstat(fd).st_mode)
            if what:
                raise _refused(p, what)
            with os.fdopen(fd, "rb", closefd=False) as fh:
                data = _read_capped(fh, cap)
        finally:
            os.close(fd)
    except PermissionError:
        raise InputError(_("{name}: permission denied").format(name=p)) from None
    except IsADirectoryError:
        raise InputError(_("{name}: is a directory").format(name=p)) from None
    except BlockingIOError:
        raise InputError(_("{name}: not a regular file (reading would block): not read").format(name=p)) from None
    except OSError as exc:
        raise InputError(_("{name}: cannot read ({cause})").format(name=p, cause=cause(exc))) from None
    if data is None:
        raise InputError(_("{name}: file too large (more than {cap} bytes; limit {cap}: --max-bytes)").format(
            name=p, cap=cap))
    return data


def _read_capped(stream, cap: int) -> bytes | None:
    """At most ``cap`` bytes of a binary stream, or None when it holds more (reads cap + 1 at most)."""
    chunks, size = [], 0
    while size <= cap:
        chunk = stream.read(min(1 << 20, cap + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return None if size > cap else b"".join(chunks)


def _read_stdin() -> bytes:
    cap = _OPTIONS["max_bytes"]
    stream = getattr(sys.stdin, "buffer", None)
    try:
        if stream is not None:
            data = _read_capped(stream, cap)
        elif sys.stdin is None:
            raise OSError("no standard input")
        else:
            text = sys.stdin.read(cap + 1)
            data = text.encode("utf-8") if isinstance(text, str) else text
            data = None if len(data) > cap else data
    except (OSError, ValueError) as exc:
        raise InputError(_("{name}: cannot read standard input ({cause})").format(name="<stdin>", cause=cause(exc))) from None
    if data is None:
        raise InputError(_("{name}: input too large (more than {cap} bytes; limit {cap}: --max-bytes)").format(
            name="<stdin>", cap=cap))
    return data
