"""Nothing written raw: crafted file names and article text through every sink (terminal text,
--output summary, stderr error lines, GitHub workflow commands and job summary, CSV, SARIF, JSON,
the review app's names), safe writes of --output and baselines, and the review database refusing
a foreign file and falling back to read-only."""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import sys

import pytest

from checker.cli import main
from checker.report import sanitize

ARTICLE = "全区共受理各类矛盾纠纷1260起，成功调处1198起，调处成功率达97.5%。\n"
# OSC 52 (write the clipboard), ESC[2J (clear the screen), an 8-bit CSI and a bidi override
HOSTILE_TEXT = ("全区共受理各类矛盾纠纷1260起，\x1b]52;c;cHduZWQ=\x1b\\\x1b[2J\x9b2J\u202e"
                "成功调处1198起，调处成功率达97.5%。\n")
FORGED = "a\n::error file=README.md,line=1::forged\n.md"
MASK = "b\n::add-mask::x\n.txt"
RAW = ("\x1b", "\x9b", "\u202e", "\x07")


def no_raw(text: str) -> None:
    for ch in RAW:
        assert ch not in text, repr(ch)


def no_workflow_command(text: str) -> None:
    for line in text.splitlines():
        assert not line.lstrip().startswith("::") or line.startswith(("::error ", "::warning ", "::notice ")), line
        assert "::add-mask::" not in line.split("::", 2)[-1] or not line.startswith("::add-mask")
        if line.startswith("::"):
            command, _, data = line[2:].partition("::")
            assert "\n" not in data and "::" not in command.split(" ", 1)[-1]


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / FORGED).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / MASK).write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "esc\x1b[2J.md").write_text(HOSTILE_TEXT, encoding="utf-8")
    if sys.platform != "darwin":  # macOS refuses names that are not UTF-8
        (tmp_path / os.fsdecode(b"bad\xff.txt")).write_text(ARTICLE, encoding="utf-8")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return tmp_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- the functions ---------------------------------------------------------------------------------

def test_visible_escapes_controls_bidi_and_undecodable_bytes():
    assert sanitize.visible("a\x1b[2J\x9b\u202e\u2066\x7f\n\t") == "a\\x1b[2J\\x9b\\u202e\\u2066\\x7f\\x0a\\x09"
    assert sanitize.visible(os.fsdecode(b"bad\xff.txt")) == "bad\\xff.txt"
    assert sanitize.visible("a\nb", keep="\n") == "a\nb"
    assert sanitize.visible("全区 ５% [bold]x[/]") == "全区 ５% [bold]x[/]"


def test_workflow_escapes():
    assert sanitize.workflow_data("50%\r\n::x") == "50%25%0D%0A::x"
    assert sanitize.workflow_property("a,b:c\n") == "a%2Cb%3Ac%0A"


def test_markdown_and_code_cells():
    assert sanitize.markdown("[x](//e.com/p.png) <img> a|b *c*\nd") == \
        "\\[x\\](//e.com/p.png) &lt;img&gt; a\\|b \\*c\\*<br>d"
    assert sanitize.markdown_code("a`b|c") == "`` a`b\\|c ``"


@pytest.mark.parametrize("cell, expected", [
    ("=HYPERLINK(1)", "'=HYPERLINK(1)"), ("+1+cmd", "'+1+cmd"), ("@SUM(A1)", "'@SUM(A1)"),
    ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"), ("\tx", "'\\x09x"), ("-5%", "-5%"), ("+1,200", "+1,200"),
    ("plain", "plain"), (12, 12), (None, None),
])
def test_csv_cells(cell, expected):
    assert sanitize.csv_cell(cell) == expected


def test_file_uri_percent_encodes_any_name():
    assert sanitize.file_uri(os.fsdecode(b"dir/bad\xff name%.txt")) == "dir/bad%FF%20name%25.txt"
    assert sanitize.file_uri("a\n::x") == "a%0A%3A%3Ax"


def test_json_text_round_trips_exactly():
    data = {"p": os.fsdecode(b"bad\xff") + "\x9b\u202e\x1b"}
    text = sanitize.json_text(json.dumps(data, ensure_ascii=False))
    text.encode("utf-8")  # strict
    no_raw(text)
    assert json.loads(text) == data


# -- every sink --------------------------------------------------------------------------------------

def test_text_report_shows_controls_visibly(hostile, capsys):
    code, out, err = run(capsys, "check", ".")
    assert code == 2
    no_raw(out + err)
    assert "\\x1b]52;c;" in out and "esc\\x1b[2J.md" in out
    assert "a\\x0a::error file=README.md,line=1::forged\\x0a.md" in out
    no_workflow_command(out + err)


def test_error_lines_on_stderr_are_one_line(hostile, capsys):
    code, out, err = run(capsys, "check", ".", "--format", "github")
    lines = [x for x in err.splitlines() if "PNG" in x]
    assert lines == ["checker: error: b\\x0a::add-mask::x\\x0a.txt: binary file, not a text article (a PNG image)"]
    no_workflow_command(err)


def test_github_annotations_and_summary(hostile, capsys, monkeypatch):
    summary = hostile / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, err = run(capsys, "check", ".", "--format", "github")
    no_workflow_command(out + err)
    no_raw(out + err)
    assert "file=a%0A%3A%3Aerror file=README.md%2Cline=1%3A%3Aforged%0A.md," in out
    assert "::error title=checker input error::b%0A::add-mask::x%0A.txt" in out  # inert: not at a line start
    text = summary.read_text(encoding="utf-8")
    no_raw(text)
    rows = [r for r in text.splitlines() if r.startswith("| error |")]
    assert rows and all(r.count(" | ") == 4 for r in rows)  # no cell broken by a | or a newline


def test_output_summary_and_file(hostile, capsys):
    code, out, err = run(capsys, "check", ".", "--format", "sarif", "--output", "checker.sarif")
    no_workflow_command(out + err)
    no_raw(out + err)
    log = json.loads((hostile / "checker.sarif").read_text(encoding="utf-8"))
    uris = sorted(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"])
    assert "a%0A%3A%3Aerror%20file%3DREADME.md%2Cline%3D1%3A%3Aforged%0A.md" in uris
    if sys.platform != "darwin":
        assert "bad%FF.txt" in uris
    assert all("\\x" not in u and "\n" not in u for u in uris)


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_formats_encode_strictly_and_keep_names(hostile, capsys, fmt):
    code, out, err = run(capsys, "check", ".", "--format", fmt)
    out.encode("utf-8")
    no_raw(out)
    if fmt == "json" and sys.platform != "darwin":
        paths = {d["path"] for d in json.loads(out)["documents"]}
        assert os.fsdecode(b"bad\xff.txt") in paths  # the exact name, as a \udcff escape


def test_extract_csv_has_no_formula_cells(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "=HYPERLINK(x).txt").write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(capsys, "extract", ".", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(r["path"] == "'=HYPERLINK(x).txt" for r in rows)


def test_extract_text_and_json(hostile, capsys):
    code, out, err = run(capsys, "extract", str(hostile / "esc\x1b[2J.md"))
    no_raw(out + err)
    code, out, err = run(capsys, "extract", str(hostile / "esc\x1b[2J.md"), "--format", "json")
    no_raw(out)
    assert json.loads(out)["documents"][0]["path"].endswith("esc\x1b[2J.md")


def test_review_app_names_are_sanitized():
    from checker.review import app, widgets

    assert app.visible is sanitize.visible and widgets.visible is sanitize.visible
    assert sanitize.visible("eve\x1b]0;pwned\x07") == "eve\\x1b]0;pwned\\x07"


# -- safe writes -----------------------------------------------------------------------------------

def test_baseline_create_refuses_a_symlink_and_keeps_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    shared = tmp_path / "shared.json"
    shared.write_text("{}", encoding="utf-8")
    (tmp_path / "bl.json").symlink_to(shared)
    code, out, err = run(capsys, "baseline", "create", "a.md", "--file", "bl.json")
    assert code == 2 and "symbolic link" in err and len(err.splitlines()) == 1
    assert (tmp_path / "bl.json").is_symlink() and shared.read_text(encoding="utf-8") == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "bl.json", "shared.json"]  # no temp file


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_output_refuses_a_device(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(capsys, "check", "a.md", "--format", "json", "--output", "/dev/null")
    assert code == 2 and "character device" in err and "Traceback" not in err
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_output_and_baseline_write_atomically(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "r.json").write_text("old", encoding="utf-8")
    os.chmod(tmp_path / "r.json", 0o640)
    assert main(["check", "a.md", "--format", "json", "--output", "r.json"]) == 1
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"]
    assert (os.stat(tmp_path / "r.json").st_mode & 0o777) == 0o640  # the mode is kept
    assert main(["baseline", "create", "a.md", "--file", "sub/bl.json"]) == 0
    assert json.loads((tmp_path / "sub" / "bl.json").read_text(encoding="utf-8"))["version"] == 1
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["bl.json"]


# -- the review database ---------------------------------------------------------------------------

def test_foreign_sqlite_file_is_refused_clearly(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    con = sqlite3.connect(tmp_path / "other.sqlite")
    con.execute("create table reviews(x)")
    con.commit()
    con.close()
    for argv in (["review", "a.md", "--export", "out.json", "--db", "other.sqlite"],
                 ["check", "a.md", "--db", "other.sqlite"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and "Traceback" not in err
        assert "other.sqlite: not a checker review database" in err
    from checker.review.store import ReviewStore, ReviewStoreError

    with pytest.raises(ReviewStoreError, match="not a checker review database"):
        ReviewStore(tmp_path / "other.sqlite")  # the app's (writing) open refuses it too


def test_read_only_database_falls_back_to_immutable(tmp_path, monkeypatch):
    from checker.review import store as store_module
    from checker.review.store import ReviewStore

    db = tmp_path / "reviews.sqlite"
    with ReviewStore(db) as s:
        s.set_verdict("f1", "dismissed", reviewer="alice", signature="s")
    real_connect = sqlite3.connect
    uris = []

    class NoShm:  # what a read-only folder does to a WAL reader: the -shm file cannot be made
        row_factory = None

        def execute(self, *args):
            raise sqlite3.OperationalError("attempt to write a readonly database")

        def close(self):
            pass

    def connect(target, *args, **kwargs):
        uris.append(str(target))
        return real_connect(target, *args, **kwargs) if "immutable=1" in str(target) else NoShm()

    monkeypatch.setattr(store_module.sqlite3, "connect", connect)
    with ReviewStore(db, readonly=True) as s:
        assert s.get("f1").verdict == "dismissed"
    assert uris[-1].endswith("?mode=ro&immutable=1")
