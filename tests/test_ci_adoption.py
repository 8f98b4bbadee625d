"""Adoption files: the pre-commit hooks and the GitHub Actions example run real checker commands."""
from __future__ import annotations

import re
import shlex

import pytest

from checker.cli import build_parser, main
from ci_helpers import ERROR_ARTICLE
from conftest import REPO

yaml = pytest.importorskip("yaml")


def test_pre_commit_hooks_run_checker_on_articles(tmp_path, monkeypatch, capsys):
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"checker", "checker-warnings"}
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    for hook in hooks:
        assert {"id", "name", "entry", "language", "files"} <= set(hook) and hook["language"] == "python"
        files = re.compile(hook["files"])
        assert all(files.search(f) for f in ("a.md", "b/c.markdown", "x.html", "y.htm", "z.txt"))
        assert not any(files.search(f) for f in ("a.py", "b.json", "md"))
        argv = shlex.split(hook["entry"])
        assert argv[0] == "checker"
        assert main(argv[1:] + ["a.md"]) == 1  # pre-commit appends the staged file names
        capsys.readouterr()


def test_github_workflow_checks_changed_articles_and_uploads_sarif():
    workflow = yaml.safe_load((REPO / "examples" / "ci" / "checker.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"]["security-events"] == "write"
    (job,) = workflow["jobs"].values()
    steps = job["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    commands = [line for s in steps for line in str(s.get("run", "")).splitlines() if line.strip().startswith("checker ")]
    assert len(commands) == 2
    parser = build_parser()
    formats = {}
    for line in commands:
        line = re.sub(r"\$\{\{[^}]*\}\}", "--changed-since origin/main", line.split("#")[0])
        args = parser.parse_args(shlex.split(line)[1:])
        assert args.command == "check" and args.changed_since == "origin/main"
        formats[args.format] = args
    assert set(formats) == {"github", "sarif"}
    assert formats["sarif"].output == upload["with"]["sarif_file"]
    assert formats["github"].fail_on == "error"


def test_every_subpackage_is_installed():
    """pre-commit installs the repository with `pip install .`: every package must be listed."""
    import tomllib

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "checker").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
