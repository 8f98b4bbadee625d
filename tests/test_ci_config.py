"""Configuration: [tool.checker] in pyproject.toml or .checker.toml (cwd or a parent), every key,
unknown keys and bad values (one line, exit 2), command-line overrides, rounding conventions."""
from __future__ import annotations

import pytest

from checker.config import load_config
from checker.precision import accepted, accepted_conventions, conventions
from ci_helpers import ERROR_ARTICLE, WARNING_ARTICLE, failing, run, run_json
from conftest import mentions_of

#: 1 of 8 is 12.5%: "12%" only under round half even or truncation, "13%" only under round half up
#: (truncation is not accepted by default: only when configured)
ROUNDING_ARTICLE = "受理纠纷8起，化解1起，化解率{}%。\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "error.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    (tmp_path / "docs" / "warning.md").write_text(WARNING_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def config(project, text, name="pyproject.toml"):
    (project / name).write_text(text, encoding="utf-8")


def test_no_configuration_is_fine(project):
    cfg = load_config()
    assert cfg.path is None and cfg.fail_on is None


def test_pyproject_is_found_from_a_subdirectory(project, capsys, monkeypatch):
    config(project, '[project]\nname = "x"\n\n[tool.checker]\nfail_on = "warning"\nexclude = ["error.md"]\n')
    monkeypatch.chdir(project / "docs")
    cfg = load_config()
    assert cfg.path == project / "pyproject.toml" and cfg.root == project
    code, report = run_json(capsys, ".")
    assert [d["path"] for d in report["documents"]] == ["warning.md"]  # exclude applied
    assert code == 1  # fail_on = warning
    assert run(capsys, "check", "--fail-on", "error", ".")[0] == 0  # the command line wins


def test_pyproject_without_a_checker_table_is_skipped(project, capsys):
    config(project, '[project]\nname = "x"\n')
    config(project.parent, "", name="unused.toml")
    assert load_config().path is None


def test_dot_checker_toml_wins_and_may_use_a_tool_table(project):
    config(project, '[tool.checker]\nfail_on = "warning"\n')
    config(project, 'fail_on = "never"\n', name=".checker.toml")
    assert load_config().fail_on == "never"
    config(project, '[tool.checker]\nfail_on = "error"\n', name=".checker.toml")
    assert load_config().fail_on == "error"


@pytest.mark.parametrize("text, needle", [
    ('[tool.checker]\nfail-on = "warning"\n', "'fail-on'; did you mean 'fail_on'?"),
    ('[tool.checker]\ncolour = true\n', "unknown key 'colour'"),
    ('[tool.checker]\nfail_on = "sometimes"\n', "fail_on must be one of error, warning, never"),
    ('[tool.checker]\nenable = "rate, sum"\nrounding = ["round_half_down"]\n', "'round_half_down'"),
    ('[tool.checker]\nrounding = []\n', "rounding must list some of"),
    ('[tool.checker]\nexclude = [1]\n', "exclude must be a list of strings"),
    ('[tool.checker]\nenable = ["rate", "ratio"]\n', "enable: unknown rule 'ratio'"),
    ('[tool.checker]\ndisable = ["nope"]\n', "disable: unknown rule 'nope'"),
    ('[tool.checker]\nrule_packs = ["missing-pack"]\n', "missing-pack"),
    ('[tool.checker\n', "not valid TOML"),
    ('[tool.checker]\nbaseline = "nothere.json"\n', "nothere.json"),
])
def test_configuration_errors_are_one_line_and_exit_two(project, capsys, text, needle):
    config(project, text)
    code, out, err = run(capsys, "check", "docs")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and needle in err, err
    assert "pyproject.toml" in err or "missing-pack" in err or "nothere.json" in err


def test_enable_and_disable(project, capsys):
    config(project, '[tool.checker]\nenable = ["base_implied", "sum"]\n')
    code, report = run_json(capsys, "--fail-on", "warning", "docs")
    assert {c["rule"] for d in report["documents"] for c in d["checks"]} == {"base_implied"}
    assert code == 1
    code, report = run_json(capsys, "--fail-on", "warning", "--disable", "base_implied", "docs")
    assert code == 0 and not failing(report)
    code, report = run_json(capsys, "--enable", "rate", "docs")
    assert {c["rule"] for d in report["documents"] for c in d["checks"]} == {"rate"} and code == 1
    code, _, err = run(capsys, "check", "--enable", "rate,bogus", "docs")
    assert code == 2 and "'bogus'" in err


def test_include_exclude_choose_articles(project, capsys):
    (project / "docs" / "notes.rst").write_text(ERROR_ARTICLE, encoding="utf-8")
    (project / "docs" / "drafts").mkdir()
    (project / "docs" / "drafts" / "d.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    _, report = run_json(capsys, "docs")
    assert sorted(d["path"] for d in report["documents"]) == ["docs/drafts/d.md", "docs/error.md", "docs/warning.md"]
    config(project, '[tool.checker]\ninclude = ["**/*.rst", "docs/*.md"]\nexclude = ["drafts"]\n')
    _, report = run_json(capsys, "docs")
    assert sorted(d["path"] for d in report["documents"]) == ["docs/error.md", "docs/notes.rst", "docs/warning.md"]
    # --exclude replaces the configured exclude list; the configured include still holds
    _, report = run_json(capsys, "--exclude", "*.rst", "--exclude", "warning.*", "docs")
    assert sorted(d["path"] for d in report["documents"]) == ["docs/error.md"]
    _, report = run_json(capsys, "--include", "*.md", "--exclude", "warning.*", "docs")
    assert sorted(d["path"] for d in report["documents"]) == ["docs/drafts/d.md", "docs/error.md"]
    # a file named explicitly is checked unless excluded
    _, report = run_json(capsys, "docs/drafts/d.md", "docs/notes.rst")
    assert [d["path"] for d in report["documents"]] == ["docs/notes.rst"]
    # a directory where nothing is selected is an input error
    code, _, err = run(capsys, "check", "--include", "*.txt", "docs")
    assert code == 2 and "docs" in err


def test_globs():
    from checker.globs import matches

    assert matches("docs/a.md", ["docs/**/*.md"], ".") and matches("docs/x/y/a.md", ["docs/**/*.md"], ".")
    assert not matches("other/a.md", ["docs/**/*.md"], ".")
    assert matches("a/b/DRAFT-1.md", ["DRAFT-*"], ".") and matches("a/drafts/b.md", ["drafts/"], ".")
    assert not matches("a/b.md", ["a/*.txt"], ".") and matches("a/b.md", ["a/?.md", "x"], ".")
    assert matches("a/b.md", ["a/[ab].md"], ".") and not matches("a/c.md", ["a/[!c].md"], ".")


def test_rule_packs_are_relative_to_the_config_file(project, capsys, monkeypatch):
    pack = project / "pack"
    pack.mkdir()
    (pack / "relations.toml").write_text(
        '[[rule]]\ncode = "bound"\nname = "House bounds"\nseverity = "warning"\nexplanation = "x"\n', encoding="utf-8")
    config(project, '[tool.checker]\nrule_packs = ["pack"]\nenable = ["bound", "rate"]\n')
    monkeypatch.chdir(project / "docs")
    code, report = run_json(capsys, "error.md")
    assert code == 1  # the rule pack loaded (a rule that nothing could run would be refused: exit 2)


def test_rounding_conventions_change_verdicts(project, capsys):
    (project / "r12.md").write_text(ROUNDING_ARTICLE.format(12), encoding="utf-8")
    (project / "r13.md").write_text(ROUNDING_ARTICLE.format(13), encoding="utf-8")

    def verdict(*args):
        _, report = run_json(capsys, *args)
        (rate,) = [c for c in report["documents"][0]["checks"] if c["rule"] == "rate"]
        return rate["verdict"], rate["convention"]

    assert verdict("r12.md") == ("consistent", "round half even")  # default: rounding, not truncation
    assert verdict("r13.md") == ("consistent", "round half up")
    assert verdict("--rounding", "round_half_up", "r12.md")[0] == "inconsistent"
    assert verdict("--rounding", "truncation", "r13.md")[0] == "inconsistent"
    assert verdict("--rounding", "truncation,round_half_even", "r12.md") == ("consistent", "round half even, truncation")
    config(project, '[tool.checker]\nrounding = ["round_half_up"]\n')
    assert verdict("r12.md")[0] == "inconsistent" and verdict("r13.md") == ("consistent", "round half up")
    assert verdict("--rounding", "truncation", "r12.md") == ("consistent", "truncation")  # command line wins
    code, _, err = run(capsys, "check", "--rounding", "bankers", "r12.md")
    assert code == 2 and "bankers" in err
    assert accepted() == {"round half up", "round half even"}  # the default, restored after each run


def test_precision_conventions_setting_is_scoped():
    (m,) = [m for m in mentions_of("化解率12.5%") if m.kind == "percent"]
    from fractions import Fraction

    assert conventions(Fraction(125, 10), m) == ["exact"]
    (m,) = [m for m in mentions_of("化解率12%") if m.kind == "percent"]
    assert conventions(Fraction(25, 2), m) == ["round half even"]
    with accepted_conventions(["truncation"]):
        assert conventions(Fraction(25, 2), m) == ["truncation"]
        with pytest.raises(ValueError):
            with accepted_conventions([]):
                pass
    assert conventions(Fraction(25, 2), m) == ["round half even"]
