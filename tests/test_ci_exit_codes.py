"""Exit codes of `checker check`: 0 nothing failing at or above the threshold, 1 findings at or
above it, 2 a usage, configuration or input error (one line on stderr)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from ci_helpers import CLEAN_ARTICLE, ERROR_ARTICLE, WARNING_ARTICLE, run


@pytest.fixture
def articles(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "error.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    (tmp_path / "warning.md").write_text(WARNING_ARTICLE, encoding="utf-8")
    (tmp_path / "clean.md").write_text(CLEAN_ARTICLE, encoding="utf-8")
    return tmp_path


def test_zero_when_nothing_is_inconsistent(articles, capsys):
    assert run(capsys, "check", "clean.md")[0] == 0


def test_one_for_an_error_finding_at_the_default_threshold(articles, capsys):
    assert run(capsys, "check", "error.md")[0] == 1


@pytest.mark.parametrize("fail_on, expected", [("error", 0), ("warning", 1), ("never", 0)])
def test_fail_on_sets_the_threshold_for_a_warning(articles, capsys, fail_on, expected):
    assert run(capsys, "check", "--fail-on", fail_on, "warning.md")[0] == expected


@pytest.mark.parametrize("fail_on, expected", [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on_sets_the_threshold_for_an_error(articles, capsys, fail_on, expected):
    assert run(capsys, "check", "--fail-on", fail_on, "error.md")[0] == expected


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_exit_code_does_not_depend_on_the_format(articles, capsys, fmt):
    assert run(capsys, "check", "--format", fmt, "error.md")[0] == 1
    assert run(capsys, "check", "--format", fmt, "clean.md")[0] == 0


def test_missing_input_is_two_with_one_line(articles, capsys):
    code, _, err = run(capsys, "check", "clean.md", "missing.md")
    assert code == 2
    assert err.strip().count("\n") == 0 and "missing.md" in err


@pytest.mark.parametrize("argv", [["check", "--format", "xml", "clean.md"], ["check", "--fail-on", "sometimes", "clean.md"],
                                  ["check", "--no-such-option", "clean.md"], ["nosuchcommand"]])
def test_argparse_usage_errors_exit_two(articles, capsys, argv):
    with pytest.raises(SystemExit) as exc:
        run(capsys, *argv)
    assert exc.value.code == 2


def test_no_path_and_no_changed_since_is_a_usage_error(articles, capsys):
    code, _, err = run(capsys, "check")
    assert code == 2 and err.count("\n") == 1 and "PATH" in err


def test_usage_error_through_the_entry_point(articles):
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "xml", "clean.md"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_config_error_exits_two_with_one_line_naming_the_key(articles, capsys):
    (articles / ".checker.toml").write_text('fail_on = "error"\nthreshold = "warning"\n', encoding="utf-8")
    code, out, err = run(capsys, "check", "clean.md")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "'threshold'" in err and ".checker.toml" in err


def test_input_error_wins_over_findings(articles, capsys):
    (articles / "bad.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe\x00" * 50)
    assert run(capsys, "check", "error.md", "bad.txt")[0] == 2
