"""`checker check`: the JSON contract (validated against the schema), text output, exit codes,
the bundled examples, the corpus, and a cold start that keeps textual out of the check path."""
from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from checker.cli import main
from conftest import REPO, need_shared

SCHEMA = json.loads((REPO / "checker" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
EXAMPLES = REPO / "examples"


def run_json(capsys, *args: str) -> tuple[int, dict]:
    code = main(["check", "--format", "json", *args])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_json_report_follows_the_schema_and_spans_quote_the_original(capsys):
    code, report = run_json(capsys, str(EXAMPLES))
    jsonschema.validate(report, SCHEMA)
    assert code == 1  # the examples hold real discrepancies
    assert report["summary"]["documents"] == 4  # zh and en reports, the Markdown bulletin, the HTML release
    from checker.reader import read_documents

    for doc in report["documents"]:
        text = next(read_documents([doc["path"]])).text  # spans point into the visible text
        for c in doc["checks"]:
            assert text[c["span"]["start"] : c["span"]["end"]] == c["quote"]
            for n in c["numbers"]:
                assert n["span"]["start"] >= c["span"]["start"] and n["span"]["end"] <= c["span"]["end"]
                assert text[n["span"]["start"] : n["span"]["end"]] == n["text"]


def test_examples_have_discrepancies_of_several_kinds(capsys):
    _, report = run_json(capsys, str(EXAMPLES / "zh_district_report.md"))
    flagged = {c["rule"] for c in report["documents"][0]["checks"] if c["verdict"] == "inconsistent"}
    assert {"rate", "change_pct", "part_le_whole", "arity", "direction"} <= flagged
    consistent = {c["rule"] for c in report["documents"][0]["checks"] if c["verdict"] == "consistent"}
    assert {"rate", "sum", "base_implied"} <= consistent


def test_fingerprints_survive_unrelated_edits(tmp_path, capsys):
    original = (EXAMPLES / "zh_district_report.md").read_text(encoding="utf-8")
    edited = original.replace("（示例文章，数字为虚构，用于演示 checker。）", "（示例。另外补充一段与数字无关的说明文字。）")
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.write_text(original, encoding="utf-8")
    b.write_text(edited, encoding="utf-8")
    _, report = run_json(capsys, str(a), str(b))
    ids = [sorted(c["id"] for c in d["checks"]) for d in report["documents"]]
    assert ids[0] == ids[1] and len(set(ids[0])) == len(ids[0])


def test_text_output_shows_the_arithmetic(capsys):
    code = main(["check", str(EXAMPLES / "en_city_report.md")])
    out = capsys.readouterr().out
    assert code == 1
    assert "1,198 / 1,260 × 100 = 95.08%" in out and "97.5%" in out
    assert "if the counts are right, the rate is 95.1%" in out


def test_fail_on_never_and_missing_path(capsys, tmp_path):
    assert main(["check", "--fail-on", "never", str(EXAMPLES)]) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "missing.txt" in err


def test_one_bad_file_does_not_lose_the_others(tmp_path, capsys):
    (tmp_path / "good.txt").write_text("共受理纠纷200起,化解150起,化解率75%。", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe\x00" * 50)
    code = main(["check", "--format", "json", str(tmp_path / "good.txt"), str(tmp_path / "bad.txt")])
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert code == 2
    assert report["summary"]["documents"] == 1 and report["documents"][0]["checks"]
    assert "bad.txt" in captured.err


def test_corpus_runs_clean(capsys):
    corpus = need_shared("corpus")
    code, report = run_json(capsys, str(corpus))
    jsonschema.validate(report, SCHEMA)
    assert code in (0, 1) and report["summary"]["documents"] >= 1


def test_importing_the_engine_does_not_load_textual_sympy_or_pandas(tmp_path):
    code = ("import sys, checker.pipeline, checker.commands.check, checker.report.findings_json;"
            "print(sorted(m for m in ('textual','pandas','sympy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_python_dash_m_entry_point(fmt):
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "--format", fmt, "--fail-on", "never",
                           str(EXAMPLES / "en_city_report.md")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
