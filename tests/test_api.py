"""The public Python API (checker/__init__.py, checker/api.py): the README example runs as a doctest,
results match the JSON report, the run is finished as `checker check` finishes it, and importing the
engine never pulls in the terminal UI or the report writers."""
from __future__ import annotations

import doctest
import json
import re
import subprocess
import sys
from fractions import Fraction

import pytest

import checker
from ci_helpers import run_json
from conftest import REPO

WRONG_RATE = "全年受理纠纷200起，办结150起，办结率80%。\n"  # 150 / 200 = 75%
ONE_OF_EIGHT = "参评单位8个，其中达标1个，达标率12%。\n"  # 12.5%: 12% only by round half even


def readme_examples() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return [block for block in re.findall(r"```python\n(.*?)```", text, flags=re.S) if ">>>" in block]


def test_the_readme_example_is_a_doctest_that_passes():
    (block,) = readme_examples()
    test = doctest.DocTestParser().get_doctest(block, {}, "README.md", "README.md", 0)
    assert len(test.examples) >= 3
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_importing_the_engine_and_the_api_pulls_in_no_ui_and_no_report_writer():
    code = (
        "import sys\n"
        "import checker, checker.engine, checker.pipeline, checker.api\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')\n"
        "             or m.startswith(('checker.report', 'checker.review')))\n"
        "print(bad)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_checking_a_string_never_imports_textual_or_rich():
    code = ("import sys, checker\n"
            f"r = checker.check_text({WRONG_RATE!r})\n"
            "assert r.failing, r\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_everything_public_is_in___all__():
    assert set(checker.__all__) >= {"check_text", "check_paths", "extract_text", "findings_frame", "DocumentReport",
                                    "Finding", "__version__"}
    assert set(checker.__all__) <= set(dir(checker))
    for name in checker.__all__:
        assert getattr(checker, name) is not None
    with pytest.raises(AttributeError):
        checker.check_document  # internal: not reachable from the package


def test_check_text_takes_a_str_and_gives_typed_results():
    result = checker.check_text(WRONG_RATE)
    assert isinstance(result, checker.DocumentReport)
    assert result.path == "<text>" and result.language == "zh"
    (wrong,) = result.failing
    assert isinstance(wrong, checker.Finding)
    assert (wrong.rule, wrong.verdict, wrong.severity, wrong.recomputed, wrong.reported) == \
        ("rate", "inconsistent", "error", "75%", "80%")
    assert WRONG_RATE[wrong.start:wrong.end] == wrong.quote and wrong.line == 1
    assert sorted(n.text for n in wrong.numbers) == ["150起", "200起", "80%"]
    assert {n.role for n in wrong.numbers} == {"whole", "part", "rate"}
    assert any("150" in s or "160" in s for s in wrong.suggestions)
    assert checker.check_text(WRONG_RATE.encode("gb18030")).failing[0].rule == "rate"  # bytes: detected


def test_check_text_refuses_what_is_not_text():
    with pytest.raises(TypeError, match="str"):
        checker.check_text(["not", "text"])


def test_to_dict_is_the_json_reports_document(tmp_path, capsys, monkeypatch):
    article = tmp_path / "a.md"
    article.write_text(WRONG_RATE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, report = run_json(capsys, "a.md")
    (expected,) = report["documents"]
    docs, errors = checker.check_paths(["a.md"])
    assert errors == [] and [d.to_dict() for d in docs] == [expected]
    assert docs[0].checks[0].to_dict() == expected["checks"][0]
    # and a str with the same name gives the same document
    assert checker.check_text(WRONG_RATE, path="a.md").to_dict() == expected
    # to_dict is a copy: changing it changes nothing in the result
    docs[0].to_dict()["checks"].clear()
    assert docs[0].to_dict() == expected


def test_check_paths_reports_bad_inputs_as_lines_and_checks_the_rest(tmp_path):
    (tmp_path / "good.md").write_text(WRONG_RATE, encoding="utf-8")
    (tmp_path / "skip.md").write_text(WRONG_RATE, encoding="utf-8")
    docs, errors = checker.check_paths([str(tmp_path), str(tmp_path / "missing.md")], exclude=["skip.md"])
    assert [d.path.rsplit("/", 1)[-1] for d in docs] == ["good.md"]
    assert len(errors) == 1 and "missing.md" in errors[0] and "\n" not in errors[0]


def test_inline_suppressions_and_rule_selection_apply_as_in_check():
    text = "<!-- checker-disable-next-line rate: counts closed cases only -->\n" + WRONG_RATE
    result = checker.check_text(text, path="a.md")
    assert result.failing == ()
    (rate,) = [c for c in result.checks if c.rule == "rate"]
    assert rate.suppressed["reason"] == "counts closed cases only"
    assert [c.rule for c in checker.check_text(WRONG_RATE, disable=["rate"]).checks if c.rule == "rate"] == []


def test_rounding_conventions_apply():
    assert checker.check_text(ONE_OF_EIGHT).failing == ()
    (strict,) = checker.check_text(ONE_OF_EIGHT, rounding=["round_half_up"]).failing
    assert strict.rule == "rate"


def test_findings_frame_has_one_row_a_check():
    results = checker.check_paths([str(REPO / "examples" / "zh_district_report.md")])
    frame = checker.findings_frame(results)
    assert list(frame.columns)[:11] == ["document", "rule", "verdict", "severity", "failing", "start", "end",
                                        "line", "column", "numbers", "message"]
    (doc,) = results.documents
    assert len(frame) == len(doc.checks)
    flagged = frame[frame.verdict == "inconsistent"]
    assert set(flagged.rule) >= {"rate", "change_pct", "part_le_whole"}
    row = flagged[flagged.rule == "rate"].iloc[0]
    assert "1198" in row.numbers and row.line == doc.checks[[c.rule for c in doc.checks].index("rate")].line
    assert len(checker.findings_frame([])) == 0


def test_extract_text_lists_the_mentions():
    mentions = checker.extract_text("受理纠纷1.2万起，办结率95%。")
    assert [(m.text, m.kind, m.value) for m in mentions] == [("1.2万起", "count", Fraction(12000)),
                                                            ("95%", "percent", Fraction(95))]
    assert json.dumps(mentions[0].to_dict(), ensure_ascii=False).startswith('{"text": "1.2万起"')
