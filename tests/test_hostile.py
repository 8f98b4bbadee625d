"""Hostile input for the engine: many numbers in one sentence, a long article, malformed packs.

These assert completion and sane results, not timings (timings live in benchmarks/bench_check.py).
"""
from __future__ import annotations

from checker.model import Document
from checker.pipeline import check_document
from checker.rulepack import load_rulepack


def test_ten_thousand_numbers_in_one_sentence_pair_only_neighbours():
    text = "共受理" + "，".join(f"{i}起，化解{i - 1}起，化解率{(i - 1) / i * 100:.1f}%" for i in range(10, 3343)) + "。"
    checks = check_document(Document("x", text, "utf-8", "", "zh"), load_rulepack()).checks
    rates = [c for c in checks if c.rule == "rate"]
    # one rate per (received, resolved, rate) triple: no pairing across the whole sentence
    assert 3000 <= len(rates) <= 3400
    assert all(c.end - c.start < 40 for c in rates)


def test_sentence_of_bare_numbers_gives_no_checks():
    text = "，".join(str(i) for i in range(10000)) + "。"
    checks = check_document(Document("x", text, "utf-8", "", "zh"), load_rulepack()).checks
    assert not [c for c in checks if c.verdict == "inconsistent"]


def test_long_article_is_checked_whole():
    paragraph = "全年共受理各类矛盾纠纷1260起，成功调处1198起，调处成功率达95.1%。\n\n"
    text = paragraph * 5000  # about 0.2 M characters
    checks = check_document(Document("x", text, "utf-8", "", "zh"), load_rulepack()).checks
    assert sum(c.rule == "rate" for c in checks) == 5000
    assert checks[-1].quote == text[checks[-1].start : checks[-1].end]


# -- sentence splitting: one pass, the segmentation of the former regular expression -------------

import random  # noqa: E402

import regex  # noqa: E402

from checker.sentences import sentences  # noqa: E402

# The former single pattern (checker/claims.py SENTENCE_END), kept here as the reference, with the
# two rules added since (a line break before a line of figures, "Homicide: 41 (48; -14.6%)", and a
# blank line before a heading line): it is only ever run on short strings, where its backtracking
# does not matter.
_REFERENCE = regex.compile(
    r"[。！？!?]|(?<=[。！？!?；;:：”\"])\s*\n|\n\s*\n(?=\s*(?:[一二三四五六七八九十]+、|\d+(?:[.](?!\d)|、)|#|"
    r"\(?[一二三四五六七八九十]+\)))|\.(?=\s+[A-Z\"“(]|\s*\n|\s*$)"
    r"|\s*\n(?=[^\S\n]*[^\s:：。.!?！？，,;；][^\n:：。.!?！？，,;；]{0,39}[:：][ \t]*[-+−(（]?\d)"
    r"|\n\s*\n(?=[^\S\n]*[^\s。.!?！？;；][^\n。.!?！？;；]{0,59}\n)")


def _reference(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _REFERENCE.finditer(text):
        if m.end() > start:
            out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def test_sentences_match_the_reference_pattern_on_random_short_texts():
    alphabet = list("。！？!?.；;:：”\"\n\n\n  \t\r\u3000\x1c一二十、1２٣#()（Aa“x受理5起-")
    rng = random.Random(12)
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert sentences(text) == _reference(text), repr(text)


def test_sentences_match_the_reference_pattern_on_the_examples():
    from conftest import REPO

    for path in sorted((REPO / "examples").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert sentences(text) == _reference(text), path.name


def test_eight_thousand_blank_lines_split_in_one_pass():
    # the former pattern took about 8 minutes on this (cubic in the run of blank lines)
    text = "受理5起" + "\n" * 8000 + "化解4起。"
    assert sentences(text) == [(0, len(text))]
    crlf = "受理5起" + "  \r\n" * 8000 + "1. 化解4起。"
    assert sentences(crlf) == [(0, 4 + 4 * 8000), (4 + 4 * 8000, len(crlf))]
    doc = check_document(Document("x", text, "utf-8", "", "zh"), load_rulepack())
    assert doc.errors == []


def test_many_full_stops_before_long_runs_of_spaces_stay_linear():
    text = ("a." + " " * 2000) * 500 + "B"
    spans = sentences(text)
    assert spans[-1][1] == len(text) and len(spans) == 2  # the last stop is followed by "B"


# -- suppression directives: linear in the number of directives ---------------------------------

from checker import suppress  # noqa: E402


def test_many_next_line_directives_then_many_blank_lines():
    k = 4000  # was 63 s
    text = "<!-- checker-disable-next-line rate: reason -->" * k + "\n" * k + "受理5起"
    directives = suppress.parse(text, {"rate"})
    assert len(directives) == k
    assert {d.first_line for d in directives} == {k + 1}
    assert all(d.covers == (len(text) - 4, len(text)) for d in directives)


def test_many_unclosed_directives_are_ignored_quickly():
    text = "<!-- checker-disable rate\n" * 20000  # each used to scan to the end of the text
    assert suppress.parse(text, {"rate"}) == []
    # as before, a comment runs to the first "-->" after its opening, however far
    directives = suppress.parse(text + "-->", {"rate"})
    assert len(directives) == 1 and directives[0].start == 0 and directives[0].end == len(text) + 3


def test_apply_picks_the_first_covering_directive_in_document_order():
    k = 4000
    text = "".join(f"<!-- checker-disable-line rate: r{i} -->x\n" for i in range(k))
    text += "<!-- checker-disable all: everything below -->\n" + "y\n" * 10
    directives = suppress.parse(text, {"rate", "sum"})
    starts = [d.start for d in directives[:k]]
    checks = [{"verdict": "inconsistent", "rule": "rate", "span": {"start": s + 5, "end": s + 6}, "id": str(i)}
              for i, s in enumerate(starts)]
    checks.append({"verdict": "inconsistent", "rule": "sum", "span": {"start": starts[7], "end": starts[7] + 1},
                   "id": "sum-on-line-8"})
    checks.append({"verdict": "inconsistent", "rule": "sum", "span": {"start": len(text) - 2, "end": len(text) - 1},
                   "id": "below"})
    checks.append({"verdict": "consistent", "rule": "rate", "span": {"start": starts[0], "end": starts[0] + 1},
                   "id": "fine"})
    suppress.apply(checks, directives)
    assert [c["suppressed"]["reason"] for c in checks[:k]] == [f"r{i}" for i in range(k)]
    assert "suppressed" not in checks[k]  # line 8's directive names rate only
    assert checks[k + 1]["suppressed"]["reason"] == "everything below"
    assert "suppressed" not in checks[k + 2]
    assert directives[3].suppressed == ["3"] and directives[k].suppressed == ["below"]


# -- configuration, baseline and glob files as untrusted input: one line, exit 2 ---------------

import json  # noqa: E402

import pytest  # noqa: E402

from checker.cli import main  # noqa: E402

ARTICLE = "全区共受理各类矛盾纠纷1260起，成功调处1198起，调处成功率达97.5%。\n"


def _one_error_line(capsys, *argv) -> str:
    code = main(list(argv))
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    (line,) = [x for x in err.splitlines() if x.startswith("checker: error:")]
    return line


@pytest.mark.parametrize("content, reason", [
    (b'fail_on = "never"\n\xff\n', "not UTF-8"),
    (b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
    (b'exclude = ["[z-a]"]\n', "bad glob pattern"),
    (b"include = [\"docs/[\"]\nexclude = 3\n", "exclude must be a list of strings"),
])
def test_hostile_configuration_files(tmp_path, monkeypatch, capsys, content, reason):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".checker.toml").write_bytes(content)
    line = _one_error_line(capsys, "check", "a.md")
    assert ".checker.toml" in line and reason in line


def test_configuration_with_a_bom_is_accepted(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".checker.toml").write_bytes(b'\xef\xbb\xbffail_on = "never"\n')
    assert main(["check", "a.md"]) == 0


@pytest.mark.parametrize("content, reason", [
    ('{"version": "2", "findings": []}', "version must be an integer"),
    ('{"version": null, "findings": []}', "version must be an integer"),
    ('{"version": [1], "findings": []}', "version must be an integer"),
    ('{"version": NaN, "findings": []}', "NaN is not JSON"),
    ('{"version": 1, "findings": [{"id": "x", "path": [1]}]}', "path and rule must be strings"),
    ("[" * 100000 + "]" * 100000, "nested too deeply"),
    ('{"version": 1, "findings": []}\xff', "not UTF-8"),
])
def test_hostile_baseline_files(tmp_path, monkeypatch, capsys, content, reason):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bl.json").write_bytes(content.encode("utf-8", "surrogateescape") if "\xff" not in content
                                       else content[:-1].encode() + b"\xff")
    line = _one_error_line(capsys, "check", "a.md", "--baseline", "bl.json")
    assert "bl.json" in line and reason in line


def test_baseline_with_a_bom_is_accepted(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bl.json").write_bytes(b'\xef\xbb\xbf' + json.dumps({"version": 1, "findings": []}).encode())
    assert main(["check", "a.md", "--baseline", "bl.json"]) == 1


@pytest.mark.parametrize("option", ["--include", "--exclude"])
def test_reversed_glob_range_is_one_line(tmp_path, monkeypatch, capsys, option):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    line = _one_error_line(capsys, "check", ".", option, "[z-a]")
    assert "bad glob pattern '[z-a]'" in line
