"""Formats of `checker check`: json (the schema), sarif (validated against the official SARIF 2.1.0
schema shipped in tests/data), github (workflow commands, escaping, step summary) and --output.

tests/data/sarif-schema-2.1.0.json is the official OASIS schema (SARIF 2.1.0 Errata 01), the file
Schemata/sarif-schema-2.1.0.json of the OASIS sarif-spec repository, copied byte for byte."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest

from ci_helpers import ERROR_ARTICLE, WARNING_ARTICLE, run, run_json
from conftest import REPO

SARIF_SCHEMA = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
REPORT_SCHEMA = json.loads((REPO / "checker" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
EXAMPLES = REPO / "examples"


def sarif_validator():
    cls = jsonschema.validators.validator_for(SARIF_SCHEMA)
    cls.check_schema(SARIF_SCHEMA)
    return cls(SARIF_SCHEMA, format_checker=cls.FORMAT_CHECKER)


def test_shipped_schema_is_the_official_sarif_2_1_0_schema():
    assert SARIF_SCHEMA["id"] == "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    assert SARIF_SCHEMA["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert SARIF_SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]
    assert "suppression" in SARIF_SCHEMA["definitions"] and "result" in SARIF_SCHEMA["definitions"]


def test_shipped_schema_is_unmodified():
    import hashlib

    data = (REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


def test_the_validator_rejects_broken_sarif():
    validator = sarif_validator()
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "checker"}},
                                         "results": [{"message": {"text": "x"}, "level": "fatal"}]}]}
    assert list(validator.iter_errors(bad))
    assert list(validator.iter_errors({"version": "2.1.0"}))  # runs is required


@pytest.fixture
def nested(tmp_path, monkeypatch):
    """Articles in a sub-directory with a space and Chinese in its name, one with a suppression."""
    monkeypatch.chdir(tmp_path)
    sub = tmp_path / "docs" / "区 报告"
    sub.mkdir(parents=True)
    (sub / "a.md").write_text("# 标题\n\n前言。" + ERROR_ARTICLE, encoding="utf-8")
    (sub / "b.md").write_text("<!-- checker-disable-next-line rate: counts closed cases only -->\n" + ERROR_ARTICLE
                              + WARNING_ARTICLE, encoding="utf-8")
    return tmp_path


def test_sarif_is_valid_and_locates_every_finding(nested, capsys):
    code, out, _ = run(capsys, "check", "--format", "sarif", "docs")
    assert code == 1
    log = json.loads(out)
    sarif_validator().validate(log)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = run_["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and {"rate", "sum", "base_implied", "suppression"} <= set(ids)
    rate = rules[ids.index("rate")]
    assert rate["fullDescription"]["text"].startswith("A stated rate") and rate["defaultConfiguration"]["level"] == "error"
    _, report = run_json(capsys, "docs")
    by_id = {(d["path"], c["id"]): c for d in report["documents"] for c in d["checks"]}
    assert len(run_["results"]) == report["summary"]["inconsistent"]
    for result in run_["results"]:
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "SRCROOT"
        uri = loc["artifactLocation"]["uri"]
        assert "\\" not in uri and uri.startswith("docs/") and uri.endswith((".md",))
        path = unquote(uri)
        check = by_id[(path, result["partialFingerprints"]["checkerFingerprint/v1"])]
        assert result["ruleId"] == check["rule"] and ids[result["ruleIndex"]] == check["rule"]
        region = loc["region"]
        text = Path(path).read_text(encoding="utf-8").split("\n")
        assert region["startLine"] == region["endLine"]
        line = text[region["startLine"] - 1]
        assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == check["quote"] == region["snippet"]["text"]
    levels = {r["level"] for r in run_["results"]}
    assert levels == {"error", "warning"}


def test_sarif_uri_is_relative_to_the_cwd_with_forward_slashes(nested, capsys):
    _, out, _ = run(capsys, "check", "--format", "sarif", "docs/区 报告/a.md")
    loc = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert unquote(loc["uri"]) == "docs/区 报告/a.md"
    assert " " not in loc["uri"]


def test_sarif_records_inline_suppressions(nested, capsys):
    code, out, _ = run(capsys, "check", "--format", "sarif", "docs/区 报告/b.md")
    assert code == 0  # the error is suppressed, the warning is below the threshold
    log = json.loads(out)
    sarif_validator().validate(log)
    suppressed = [r for r in log["runs"][0]["results"] if r.get("suppressions")]
    assert len(suppressed) == 1 and suppressed[0]["ruleId"] == "rate"
    s = suppressed[0]["suppressions"][0]
    assert s["kind"] == "inSource" and s["justification"] == "counts closed cases only"
    assert s["location"]["physicalLocation"]["region"]["startLine"] == 1


def test_sarif_of_input_errors_and_of_the_examples_is_valid(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe\x00" * 50)
    code, out, _ = run(capsys, "check", "--format", "sarif", "examples", str(tmp_path / "bad.txt"))
    assert code == 2
    log = json.loads(out)
    sarif_validator().validate(log)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    assert "bad.txt" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    # a path outside the cwd is an absolute file URI
    (tmp_path / "a.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    _, out, _ = run(capsys, "check", "--format", "sarif", str(tmp_path / "a.md"))
    loc = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uri"].startswith("file:///") and "uriBaseId" not in loc


def test_json_with_the_new_fields_follows_the_schema(nested, capsys):
    _, report = run_json(capsys, "docs")
    jsonschema.validate(report, REPORT_SCHEMA)
    b = next(d for d in report["documents"] if d["path"].endswith("b.md"))
    assert b["suppressions"][0]["reason"] == "counts closed cases only"
    rate = next(c for c in b["checks"] if c["rule"] == "rate")
    assert rate["suppressed"]["reason"] == "counts closed cases only" and rate["suppressed"]["kind"] == "inSource"
    assert b["suppressions"][0]["suppressed"] == [rate["id"]]
    for d in report["documents"]:
        for c in d["checks"]:
            assert c["end_line"] >= c["line"]


# --- github ------------------------------------------------------------------------------------

def test_github_escaping():
    from checker.report.github import escape_data, escape_property

    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert escape_data("a:b,c") == "a:b,c"  # data keeps : and ,


def test_github_annotations_most_severe_first(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    (tmp_path / "a, b: c.md").write_text(WARNING_ARTICLE + ERROR_ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "github", "--fail-on", "warning", "a, b: c.md")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("::error file=a%2C b%3A c.md,line=2,endLine=2,col=")
    assert lines[1].startswith("::warning file=a%2C b%3A c.md,line=1,endLine=1,col=")
    head, message = lines[0][2:].split("::", 1)
    props = dict(p.split("=", 1) for p in head.split(" ", 1)[1].split(","))
    assert set(props) == {"file", "line", "endLine", "col", "endColumn", "title"}
    quote = "1260起，成功调处1198起，调处成功率达97.5%"
    assert int(props["endColumn"]) - int(props["col"]) + 1 == len(quote)
    assert ERROR_ARTICLE[int(props["col"]) - 1 : int(props["endColumn"])] == quote
    assert "97.5%25" in message and "%0A→" in message and "\n" not in message
    assert lines[-1].startswith("checker: 1 document, 2 failing findings")


def test_github_step_summary_lists_every_finding(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    (tmp_path / "many.md").write_text(ERROR_ARTICLE.replace("97.5%", "97.5%|x") * 12, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "github", "many.md")
    assert code == 1
    assert sum(1 for line in out.splitlines() if line.startswith("::error ")) == 12
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")  # appended, not overwritten
    rows = [line for line in text.splitlines() if line.startswith("| error |")]
    assert len(rows) == 12 and all("`many.md`" in r for r in rows)
    assert "at most 10 annotations" in text
    assert all(r.count(" | ") == 4 for r in rows)  # the | in messages is escaped


def test_github_multi_line_finding_has_no_columns():
    from checker.report.github import annotation

    c = {"rule": "sum", "severity": "error", "line": 3, "column": 5, "end_line": 4, "end_column": 2,
         "message": "m", "suggestions": []}
    line = annotation("x.md", c, ".")
    assert "line=3,endLine=4,title=" in line and "col=" not in line


# --- --output ------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "text"])
def test_output_writes_the_report_and_the_text_goes_to_the_terminal(tmp_path, monkeypatch, capsys, fmt):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "a.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", fmt, "--output", "report.out", "a.md")
    assert code == 1
    assert "97.5%" in out and "1 document, 2 checks" in out  # the text report on the terminal
    written = (tmp_path / "report.out").read_text(encoding="utf-8")
    if fmt == "json":
        jsonschema.validate(json.loads(written), REPORT_SCHEMA)
    elif fmt == "sarif":
        sarif_validator().validate(json.loads(written))
    elif fmt == "github":
        assert written.startswith("::error file=a.md,")
    else:
        assert "inconsistent [rate]" in written and "\x1b[" not in written


def test_output_to_an_unwritable_place_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, "check", "--format", "json", "--output", "no/such/dir/r.json", "a.md")
    assert code == 2 and "r.json" in err


def test_check_path_stays_light():
    import subprocess
    import sys

    code = ("import sys, checker.commands.check, checker.ci, checker.report.sarif, checker.report.github,"
            " checker.report.findings_json, checker.suppress, checker.baseline, checker.config;"
            "print(sorted(m for m in ('textual','pandas','sympy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
