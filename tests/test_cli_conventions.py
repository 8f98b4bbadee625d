"""Conventions of a good command line: --version, --quiet/--verbose, "did you mean" for misspelled
rule codes, a warning for a suppression that silences nothing, --changed-since from outside the
repository, no wrapping when stdout is not a terminal, long quotes shortened around the numbers."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from checker import __version__
from ci_helpers import CLEAN_ARTICLE, ERROR_ARTICLE, run, run_json
from conftest import REPO


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        from checker.cli import main

        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"checker {__version__}"


def test_quiet_prints_only_the_failing_findings_and_the_totals(here, capsys):
    (here / "a.md").write_text(ERROR_ARTICLE + CLEAN_ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--quiet", "a.md")
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("a.md:1:") and "error [rate]" in lines[0]
    assert lines[-1].startswith("1 document, ") and len(lines) == 2  # no quotes, formulas, consistent checks


def test_verbose_shows_consistent_checks_and_the_settings_on_stderr(here, capsys):
    (here / "a.md").write_text(ERROR_ARTICLE + CLEAN_ARTICLE, encoding="utf-8")
    (here / ".checker.toml").write_text('rounding = ["round_half_up"]\n', encoding="utf-8")
    code, out, err = run(capsys, "check", "--verbose", "a.md")
    assert code == 1 and "consistent" in out.replace("inconsistent", "")
    assert "checker: rounding: round half up" in err or "checker: rounding: round_half_up" in err
    assert "checker: configuration: " in err and ".checker.toml" in err


def test_quiet_and_verbose_exclude_each_other(here, capsys):
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "check", "-q", "-v", "a.md")
    assert exit_.value.code == 2


def test_a_misspelled_rule_in_a_suppression_gets_a_did_you_mean(here, capsys):
    (here / "a.md").write_text("<!-- checker-disable-next-line rtae: closed cases only -->\n" + ERROR_ARTICLE,
                               encoding="utf-8")
    _, report = run_json(capsys, "a.md")
    (problem,) = [c for c in report["documents"][0]["checks"] if c["rule"] == "suppression"]
    assert "names unknown rule rtae (did you mean rate?)" in problem["message"]
    assert problem["severity"] == "warning"


@pytest.mark.parametrize("option", ["--enable", "--disable"])
def test_a_misspelled_rule_on_the_command_line_gets_a_did_you_mean(here, capsys, option):
    (here / "a.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, "check", option, "rtae", "a.md")
    assert code == 2
    assert err.strip() == f"checker: error: {option[2:]}: unknown rule 'rtae'; did you mean 'rate'?"


def test_a_misspelled_rule_in_the_configuration_gets_a_did_you_mean(here, capsys):
    (here / "a.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    (here / ".checker.toml").write_text('disable = ["change_pc"]\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "a.md")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert ".checker.toml" in err and "did you mean 'change_pct'?" in err


def test_a_suppression_that_silences_nothing_is_a_warning(here, capsys):
    (here / "a.md").write_text("<!-- checker-disable-next-line rate: closed cases only -->\n" + CLEAN_ARTICLE
                               + "\n" + ERROR_ARTICLE, encoding="utf-8")
    code, report = run_json(capsys, "--fail-on", "warning", "a.md")
    doc = report["documents"][0]
    (problem,) = [c for c in doc["checks"] if c["rule"] == "suppression"]
    assert problem["severity"] == "warning" and problem["line"] == 1
    assert "silences nothing" in problem["message"]
    assert any("silences nothing" in p for p in doc["suppressions"][0]["problems"])
    assert code == 1
    # one that does silence a finding is no problem
    (here / "b.md").write_text("<!-- checker-disable-next-line rate: closed cases only -->\n" + ERROR_ARTICLE,
                               encoding="utf-8")
    _, report = run_json(capsys, "b.md")
    assert [c["rule"] for c in report["documents"][0]["checks"] if c["rule"] == "suppression"] == []
    # and it is a rule like any other: it can be disabled
    _, report = run_json(capsys, "--disable", "suppression", "a.md")
    assert [c for c in report["documents"][0]["checks"] if c["rule"] == "suppression"] == []


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_works_from_outside_the_repository(tmp_path, monkeypatch, capsys):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.invalid", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull)

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "-q", "-b", "main")
    (repo / "old.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    (repo / "new.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    monkeypatch.chdir(outside)
    code, report = run_json(capsys, "--changed-since", "main", str(repo))
    assert code == 1, report["errors"]
    assert [os.path.basename(d["path"]) for d in report["documents"]] == ["new.md"]
    code, _, err = run(capsys, "check", "--changed-since", "nope", str(repo))
    assert code == 2 and "'nope' is not a commit" in err


def test_text_is_not_wrapped_when_stdout_is_not_a_terminal(tmp_path):
    long = "全区" + "、".join(f"第{i}街道" for i in range(40)) + "共受理各类矛盾纠纷1260起，成功调处1198起，调处成功率达97.5%。\n"
    article = tmp_path / "a.md"
    article.write_text(long, encoding="utf-8")
    env = dict(os.environ, COLUMNS="40")
    proc = subprocess.run([sys.executable, "-m", "checker", "check", str(article)], capture_output=True, text=True,
                          cwd=REPO, env=env, timeout=60)
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.splitlines()
    (message,) = [line for line in lines if "[rate]" in line]
    assert "95.08%" in message and message.endswith("97.5%")  # one line, not cut at 40 columns
    assert any(line.lstrip().startswith("formula:") and "strength:" in line for line in lines)


def test_a_long_quote_is_shortened_around_its_numbers():
    from checker.report.wording import shorten

    quote = "一" * 300 + "受理1260起，调处1198起，成功率97.5%" + "二" * 300
    short = shorten(quote)
    assert len(short) < 140 and "1260起" in short and "97.5%" in short
    assert short.startswith("…") and short.endswith("…")
