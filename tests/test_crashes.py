"""Crashes fixed at their cause (issue 12, ../shared/reports/reliability.md), and fault isolation.

A judge that cannot compute abstains (an "untestable" consistent check, or none); it never raises.
A bug that still escapes costs one document, not the run: one error line naming the file and the
internal error, the other documents checked, exit 2 (never 1, which CI reads as findings).
"""
from __future__ import annotations

import json
from fractions import Fraction

import pytest

from checker import pipeline
from checker.model import Claim
from checker.engine import judge_base_implied, judge_change_pct, judge_granularity, judge_rate
from checker.lexer import detect_language
from checker.model import Document, Mention
from checker.precision import fmt
from checker.rulepack import load_rulepack
from ci_helpers import CLEAN_ARTICLE, ERROR_ARTICLE, run
from conftest import mentions_of


def checks_of(text: str):
    doc = Document(path="<t>", text=text, encoding="utf-8", sha256="", language=detect_language(text))
    return pipeline.check_document(doc, load_rulepack()).checks


# ------------------------------------------------------------------------- zero counts


@pytest.mark.parametrize("text", [
    "今年受理纠纷0起，同比下降5%。",
    "共受理纠纷0起，化解率95.5%。",
    "受理纠纷0起，化解率0.0%。",
    "There were 0 cases, down 5% year on year.",
    "共受理纠纷0起，化解0起，化解率0%。",
    "从0起增加到5起，增长20%。",
    "命案0起，同比下降100%。",
])
def test_a_zero_count_never_crashes_and_is_never_flagged(text):
    checks = checks_of(text)
    assert all(c.verdict == "consistent" for c in checks), [(c.rule, c.message) for c in checks]


def test_a_zero_count_makes_the_judge_abstain():
    (implied,) = [c for c in checks_of("今年受理纠纷0起，同比下降5%。") if c.rule == "base_implied"]
    assert implied.strength == "untestable" and "0" in implied.message
    (gran,) = [c for c in checks_of("共受理纠纷0起，化解率95.5%。") if c.rule == "granularity"]
    assert gran.strength == "untestable"


def _m(text: str, kind: str | None = None) -> Mention:
    ms = [m for m in mentions_of(text) if kind is None or m.kind == kind]
    assert ms, text
    return ms[0]


def _claim(rule: str, **roles) -> Claim:
    return Claim(rule=rule, roles=roles, facts={"direction": "up"} if rule in ("change_pct", "base_implied") else {})


def test_judges_abstain_on_zero_wholes_directly():
    pack = load_rulepack()
    zero, pct, part = _m("共0起"), _m("化解率95.5%", "percent"), _m("化解3起")
    rate = judge_rate(_claim("rate", whole=zero, part=part, rate=pct), pack.rules["rate"])
    assert rate.verdict == "consistent" and rate.strength == "untestable"
    gran = judge_granularity(_claim("granularity", whole=zero, rate=pct), pack.rules["granularity"])
    assert gran.verdict == "consistent" and gran.strength == "untestable"
    implied = judge_base_implied(_claim("base_implied", new=zero, change=_m("增长5%", "percent")),
                                 pack.rules["base_implied"])
    assert implied.verdict == "consistent" and implied.strength == "untestable"
    change = judge_change_pct(_claim("change_pct", old=zero, new=_m("共5起"), change=_m("增长20%", "percent")),
                              pack.rules["change_pct"])
    assert change.verdict == "consistent" and change.strength == "untestable"


# ------------------------------------------------------------------------- ranges as values


def test_a_range_as_the_new_value_of_a_change():
    checks_of("Crimes rose 10% to 3-5 from 2.")  # no TypeError (None / Fraction)
    pack = load_rulepack()
    new = _m("共3至5起")
    assert new.is_range and new.value is None
    check = judge_change_pct(_claim("change_pct", old=_m("共2起"), new=new, change=_m("增长10%", "percent")),
                             pack.rules["change_pct"])
    assert check.verdict == "inconsistent"  # 2 → 3..5 is +50% to +150%, not 10%
    assert any("new value" in s for s in check.suggestions) and not any("about" in s for s in check.suggestions)


# ------------------------------------------------------------------------- huge numerals


def test_fmt_prints_any_size_without_floats():
    huge = Fraction(10**400) + Fraction(1, 2)
    text = fmt(huge, 2)
    assert text.startswith("10,000,") and text.endswith(".5")
    assert fmt(Fraction(-2, 3), 2) == "-0.67"
    assert fmt(Fraction(2461, 2), 0) == "1,230"  # no stripped integer zeros ("1,23")
    assert fmt(Fraction(995625, 10000), 3) == "99.562"
    assert fmt(Fraction(-1, 1000), 2) == "0"
    assert fmt(None) == "∞"


def test_a_40_character_numeral_does_not_overflow():
    checks_of("刑事0.5件、民事1件、行政" + "亿" * 39 + "件，合计1件。")
    checks_of("共受理纠纷" + "9" * 400 + "起，化解率95.5%。")


# ------------------------------------------------------------------------- Unicode digits


@pytest.mark.parametrize("text", ["共5\U00016d72起。", "共\U00016d725起。", "2024年5\U00016d72月受理3起", "up 5\U00016d72%"])
def test_a_unicode_15_digit_after_an_ascii_digit(text):
    """`regex` knows digits (Kawi U+11F50.., Kirat Rai U+16D70..) that Python 3.11's int/Fraction reject."""
    ms = mentions_of(text)
    assert all(m.literal.isascii() for m in ms if m.literal)
    checks_of(text)


# ------------------------------------------------------------------------- fault isolation


@pytest.fixture
def articles(tmp_path, monkeypatch):
    (tmp_path / "bad.md").write_text(CLEAN_ARTICLE, encoding="utf-8")
    (tmp_path / "good.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    real = pipeline.check_document

    def flaky(document, pack):
        if document.path.endswith("bad.md"):
            raise ZeroDivisionError("Fraction(0, 0)")
        return real(document, pack)

    monkeypatch.setattr(pipeline, "check_document", flaky)
    return tmp_path


def test_an_internal_error_costs_one_document(articles, capsys):
    code, out, err = run(capsys, "check", "--format", "json", "bad.md", "good.md")
    assert code == 2  # never 1: a crash is not a finding
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "bad.md" in lines[0] and "ZeroDivisionError" in lines[0] and "internal error" in lines[0]
    assert "Traceback" not in err
    report = json.loads(out)
    paths = [d["path"] for d in report["documents"]]
    assert any(p.endswith("good.md") for p in paths) and not any(p.endswith("bad.md") for p in paths)
    assert any(c["verdict"] == "inconsistent" for d in report["documents"] for c in d["checks"])


def test_debug_shows_the_traceback(articles, capsys):
    code, _, err = run(capsys, "check", "--debug", "bad.md", "good.md")
    assert code == 2 and "Traceback" in err and "flaky" in err
    assert pipeline.DEBUG is True
    pipeline.DEBUG = False


def test_check_paths_reports_and_carries_on(articles):
    results, errors = pipeline.check_paths(["bad.md", "good.md"])
    assert [r.document.path.endswith("good.md") for r in results] == [True]
    assert len(errors) == 1 and errors[0].startswith("bad.md: internal error (ZeroDivisionError")


def test_an_unexpected_exception_anywhere_exits_2(monkeypatch, capsys, tmp_path):
    import checker.ci as ci

    def boom(settings):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(ci, "run_checks", boom)
    (tmp_path / "a.md").write_text(CLEAN_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", "a.md")
    assert code == 2 and "kaboom" in err and err.count("\n") == 1


def test_an_open_ended_rate_in_a_points_change():
    """pp_diff compared ``hi < 0`` with hi None when the new rate was "超过95%" (a lower bound)."""
    checks_of("结案率从0%提高到超过95%，提高0%。")
    checks_of("结案率从3-5%提高到8%，提高4个百分点。")


# ------------------------------------------------------------------------- review database and export


def _foreign_db(path) -> None:
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("create table reviews(x)")
    conn.commit()
    conn.close()


@pytest.fixture
def reviewed(tmp_path, monkeypatch):
    """An article with one verdict in its default database, tmp_path as the working directory."""
    from checker.review.store import ReviewStore, default_db_path

    (tmp_path / "a.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with ReviewStore(default_db_path(["a.md"])) as store:
        store.set_verdict("f" * 16, "confirmed", reviewer="alice", signature="s", path="a.md")
    return tmp_path


def test_export_over_a_symlink_is_refused_and_the_link_kept(reviewed, capsys):
    (reviewed / "shared.json").write_text("{}", encoding="utf-8")
    (reviewed / "out.json").symlink_to("shared.json")
    code, _, err = run(capsys, "review", "a.md", "--export", "out.json")
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "cannot write the export" in err and "symbolic link" in err
    assert (reviewed / "out.json").is_symlink() and (reviewed / "shared.json").read_text(encoding="utf-8") == "{}"


def test_export_into_a_directory_is_one_line_and_leaves_no_temporary_file(reviewed, capsys):
    (reviewed / "out.json").mkdir()
    code, _, err = run(capsys, "review", "a.md", "--export", "out.json")
    assert code == 2 and "a directory" in err and err.count("\n") == 1
    assert sorted(p.name for p in reviewed.iterdir()) == [".checker", "a.md", "out.json"]


def test_export_writes_atomically_over_a_regular_file(reviewed, capsys):
    (reviewed / "out.json").write_text("old", encoding="utf-8")
    code, _, err = run(capsys, "review", "a.md", "--export", "out.json")
    assert code == 0, err
    assert json.loads((reviewed / "out.json").read_text(encoding="utf-8"))["reviews"][0]["verdict"] == "confirmed"
    assert not [p for p in reviewed.iterdir() if p.name.endswith(".tmp")]


def test_a_foreign_database_is_refused_by_export(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    _foreign_db(tmp_path / "other.sqlite")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "review", "a.md", "--export", "out.json", "--db", "other.sqlite")
    assert code == 2 and err.count("\n") == 1 and "other.sqlite: not a checker review database" in err
    assert not (tmp_path / "out.json").exists()


def test_a_foreign_database_is_refused_before_the_app_opens(tmp_path, monkeypatch, capsys):
    import sqlite3
    import sys

    import checker.review.app as app

    (tmp_path / "a.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    _foreign_db(tmp_path / "other.sqlite")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)

    class NoApp:
        def __init__(self, session):
            raise AssertionError("the app must not open on a foreign database")

    monkeypatch.setattr(app, "ReviewApp", NoApp)
    code, _, err = run(capsys, "review", "a.md", "--db", "other.sqlite")
    assert code == 2 and err.count("\n") == 1 and "not a checker review database" in err
    conn = sqlite3.connect(tmp_path / "other.sqlite")  # and it is left as it was
    assert {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")} == {"reviews"}
    conn.close()


# ------------------------------------------------------------------------- UTF-16/32 without a BOM


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", ["5", "7%\n", "Up 4%.", "There were 12 cases, 9 solved.\n", "共12起, 9 solved, 75%.\n"])
def test_short_ascii_in_utf16_or_utf32_without_a_bom_is_read(codec, text):
    from checker.reader import decode

    assert decode(text.encode(codec), "u.txt") == (text, codec)


def test_nul_bytes_that_are_no_utf16_pattern_are_still_binary():
    from checker.reader import InputError, decode

    for data in (b"\x00\x01\x02\x03" * 8, b"ab\x00\x00\x00cd" * 5, b"\x00" * 64):
        with pytest.raises(InputError, match="binary|cannot"):
            decode(data, "b.bin")


# ------------------------------------------------------------------------- found by the fuzz suite and the probes

@pytest.mark.parametrize("text", ["\U00016d72\U00016d72\U00011f53", "\U00011f53\n\U00011f53\n\U00011f53\n",
                                  "指标  \U00011f53\U00011f53\n甲  \U00011f53\n乙  \U00011f53\n丙  \U00011f53\n"])
def test_digits_of_other_scripts_are_no_table_numbers(text):
    # (Kawi and Kirat Rai digits are digits to str.isdigit, not to Fraction: a table cell of them crashed)
    assert checks_of(text) == []


def test_a_whole_only_schema_after_of_these_does_not_crash():
    # "Of these, …" marks the level before as the antecedent; a schema with a whole and no part (the
    # granularity of a share) read it and crashed on a name bound only when a part is bound
    text = ("A total of 8,736 cases were resolved in 2024. Of these, 7,512 (86.0%) ended in a guilty plea "
            "and 1,224 (14.0%) went to trial.")
    checks = checks_of(text)
    assert any(c.rule == "rate" and c.verdict == "consistent" for c in checks)
