"""Bounded reads and supported decodings (checker.reader), CR-only line ends (normalize.LineIndex),
and `extract` carrying on past a bad file.  Nothing here waits on a timeout: a FIFO is refused
before it is opened."""
from __future__ import annotations

import io
import json
import os
import sys

import pytest

from checker import reader
from checker.cli import main
from checker.normalize import LineIndex
from checker.reader import InputError, decode, expand, read_documents

ZH = "全区共受理各类矛盾纠纷1260起，成功调处1198起，调处成功率达97.5%。\n"


def one_error_line(capsys, *argv: str) -> str:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err, err
    (line,) = [x for x in err.splitlines() if x.startswith("checker: error:")]
    return line


# -- only regular files ----------------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_blocking(tmp_path, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody ever writes: opening it for reading without O_NONBLOCK would block
    with pytest.raises(InputError, match="FIFO"):
        list(read_documents([str(fifo)]))
    line = one_error_line(capsys, "check", str(fifo))
    assert str(fifo) in line and "not a regular file" in line


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_refused(capsys):
    line = one_error_line(capsys, "check", "/dev/zero")
    assert "/dev/zero" in line and "character device" in line


def test_read_file_checks_the_open_descriptor_too(tmp_path, monkeypatch):
    # a regular file at stat time swapped for something else before open: the fstat catches it
    path = tmp_path / "a.txt"
    path.write_text(ZH, encoding="utf-8")
    monkeypatch.setattr(os, "fstat", lambda fd: os.stat("/dev/null"))
    with pytest.raises(InputError, match="not a regular file"):
        reader.read_file(str(path))


# -- size caps -------------------------------------------------------------------------------------

def test_file_over_the_cap_is_refused(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ZH * 10, encoding="utf-8")
    line = one_error_line(capsys, "check", str(path), "--max-bytes", "100")
    assert "file too large" in line and "--max-bytes" in line
    assert main(["check", str(path), "--max-bytes", "1M", "--format", "json"]) == 1


class CountingStream(io.RawIOBase):
    """An endless stream of spaces that counts what was read from it."""

    def __init__(self) -> None:
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        b[:] = b" " * len(b)
        self.read_bytes += len(b)
        return len(b)


def test_stdin_reads_at_most_the_cap_plus_one(monkeypatch, capsys):
    stream = CountingStream()

    class Stdin:
        buffer = stream

    monkeypatch.setattr(sys, "stdin", Stdin())
    line = one_error_line(capsys, "check", "-", "--max-bytes", "1000")
    assert "<stdin>: input too large" in line
    assert stream.read_bytes == 1001


def test_default_cap_is_64_megabytes():
    assert reader.MAX_BYTES == 64 * 1024 * 1024


@pytest.mark.parametrize("value", ["0", "-5", "x", "1.5M", "١٠"])
def test_bad_max_bytes_is_a_usage_error(value, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "a.md", "--max-bytes", value])
    assert exc.value.code == 2


def test_reading_options_are_restored():
    with reader.reading(max_bytes=10, encoding="gb18030"):
        assert reader._OPTIONS == {"max_bytes": 10, "encoding": "gb18030", "lang": None}
    with reader.reading(lang="en"):
        assert reader._OPTIONS["lang"] == "en"
    assert reader._OPTIONS == {"max_bytes": reader.MAX_BYTES, "encoding": None, "lang": None}


# -- directories -----------------------------------------------------------------------------------

def test_a_directory_1100_levels_deep_is_walked(tmp_path):
    here = os.getcwd()
    try:
        os.chdir(tmp_path)
        os.mkdir("deep")
        os.chdir("deep")
        for _ in range(1100):
            os.mkdir("d")
            os.chdir("d")
        with open("a.txt", "w", encoding="utf-8") as fh:
            fh.write(ZH)
    finally:
        os.chdir(here)
    try:
        (found,) = expand([str(tmp_path / "deep")])
        assert found.endswith("/d/a.txt") and found.split("/").count("d") == 1100
    finally:  # remove it bottom-up here: pytest's recursive rmtree cannot
        os.chdir(tmp_path / "deep")
        for _ in range(1100):
            os.chdir("d")
        os.unlink("a.txt")
        for _ in range(1100):
            os.chdir("..")
            os.rmdir("d")
        os.chdir(here)


def test_hidden_entries_and_symlinked_directories_are_skipped(tmp_path):
    (tmp_path / "a.md").write_text(ZH, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.md").write_text(ZH, encoding="utf-8")
    (tmp_path / ".c.md").write_text(ZH, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "e.md").symlink_to(tmp_path / "a.md")
    assert expand([str(tmp_path)]) == [str(tmp_path / "a.md"), str(tmp_path / "sub" / "e.md")]


# -- decoding only what is supported ---------------------------------------------------------------

JA = "東京都では今年、交通事故が1260件発生し、解決率は97.5%です。\n"
KO = "서울시에서 1260건 발생했으며 해결률은 97.5%입니다.\n"
LATIN = "Naïve résumé: 1,260 cases, 97.5%.\n"


@pytest.mark.parametrize("text, codec, named", [
    (JA, "euc_jp", "euc-jp"), (JA, "shift_jis", "shift-jis"), (KO, "euc_kr", "euc-kr"),
    (LATIN, "mac_roman", "mac-roman"), (LATIN, "cp1252", "cp1252"),
])
def test_unsupported_encodings_are_refused_naming_the_guess(text, codec, named):
    with pytest.raises(InputError) as exc:
        decode(text.encode(codec), "a.txt")
    assert str(exc.value).startswith("a.txt: looks like " + named)
    assert "--encoding" in str(exc.value)


@pytest.mark.parametrize("text, codec, expected", [
    ("共有12人参加", "gbk", "gb18030"), ("0版,有", "gb18030", "gb18030"), ("共有12人參加", "big5", "big5"),
])
def test_short_texts_prefer_gb18030_then_big5(text, codec, expected):
    assert decode(text.encode(codec), "a.txt") == (text, expected)


def test_short_text_below_the_floor_is_refused():
    assert reader.SHORT_BYTES == 32 and reader.SHORT_FLOOR == 0.9
    with pytest.raises(InputError, match="too short to tell"):
        decode("ｱｲｳｴｵ".encode("shift_jis") + "ｶｷ".encode("shift_jis"), "a.txt")


def test_one_stray_byte_in_utf8_is_named():
    with pytest.raises(InputError, match="not valid UTF-8 at byte 115"):
        decode(("受理5起，化解4起" * 5).encode() + b"\xff" + "。".encode(), "a.txt")


def test_encoding_option_overrides_detection(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_bytes(LATIN.encode("cp1252"))
    assert main(["extract", str(path), "--format", "json", "--encoding", "cp1252"]) == 0
    (doc,) = json.loads(capsys.readouterr().out)["documents"]
    assert doc["encoding"] == "cp1252"
    line = one_error_line(capsys, "extract", str(path), "--encoding", "no-such-codec")
    assert "unknown encoding 'no-such-codec'" in line
    line = one_error_line(capsys, "extract", str(path), "--encoding", "utf-8")
    assert "not valid utf-8 text" in line


# -- line numbers and extract carrying on -------------------------------------------------------------

def test_cr_only_line_ends_give_the_right_lines():
    lines = LineIndex("a\rb\r\nc\nd\re")
    assert [lines.position(i) for i in (0, 2, 3, 5, 7, 9)] == [(1, 1), (2, 1), (2, 2), (3, 1), (4, 1), (5, 1)]


def test_cr_only_article_findings_are_on_their_lines(tmp_path, capsys):
    path = tmp_path / "mac.txt"
    path.write_bytes(("标题\r\r" + ZH.strip() + "\r").encode("utf-8"))
    main(["check", str(path), "--format", "json"])
    (check,) = [c for c in json.loads(capsys.readouterr().out)["documents"][0]["checks"] if c["rule"] == "rate"]
    assert check["line"] == 3 and check["end_line"] == 3


def test_extract_lists_good_files_around_bad_ones(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(ZH, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00" * 50)
    (tmp_path / "c.txt").write_text(ZH, encoding="utf-8")
    code = main(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "missing.txt"),
                 str(tmp_path / "c.txt"), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2
    assert [d["path"] for d in json.loads(out)["documents"]] == [str(tmp_path / "a.txt"), str(tmp_path / "c.txt")]
    assert len(err.splitlines()) == 2 and "b.txt" in err and "missing.txt" in err
