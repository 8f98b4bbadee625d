"""`checker check --changed-since REF` on a temporary git repository: added, modified, renamed and
untracked articles are checked; deleted, unchanged, ignored and non-article files are not."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from ci_helpers import CLEAN_ARTICLE, ERROR_ARTICLE, WARNING_ARTICLE, run, run_json

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.invalid", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_SYSTEM=os.devnull)
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    files = {"docs/unchanged.md": ERROR_ARTICLE, "docs/modified.md": CLEAN_ARTICLE, "docs/deleted.md": ERROR_ARTICLE,
             "docs/old-name.md": "一段很长的、用于让 git 认出改名的说明文字。\n" * 5 + WARNING_ARTICLE,
             "README.txt": CLEAN_ARTICLE, ".gitignore": "ignored.md\n"}
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    git(root, "tag", "base")
    # a commit on the branch, then changes in the working tree
    (root / "docs" / "modified.md").write_text(CLEAN_ARTICLE + ERROR_ARTICLE, encoding="utf-8")
    (root / "docs" / "added.md").write_text(WARNING_ARTICLE, encoding="utf-8")
    (root / "docs" / "tool.py").write_text("x = 1\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "rm", "-q", "docs/deleted.md")
    git(root, "mv", "docs/old-name.md", "docs/new-name.md")
    git(root, "commit", "-q", "-m", "work")
    (root / "docs" / "untracked.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    (root / "ignored.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def paths(report):
    return sorted(d["path"] for d in report["documents"])


def test_added_modified_renamed_and_untracked_articles(repo, capsys):
    code, report = run_json(capsys, "--changed-since", "base")
    assert paths(report) == ["docs/added.md", "docs/modified.md", "docs/new-name.md", "docs/untracked.md"]
    assert code == 1


def test_paths_limit_and_globs_filter_the_changed_files(repo, capsys):
    _, report = run_json(capsys, "--changed-since", "base", "docs/added.md", "docs/new-name.md")
    assert paths(report) == ["docs/added.md", "docs/new-name.md"]
    _, report = run_json(capsys, "--changed-since", "base", "--exclude", "untracked.md", "--exclude", "*-name.md", "docs")
    assert paths(report) == ["docs/added.md", "docs/modified.md"]
    _, report = run_json(capsys, "--changed-since", "base", "--include", "*.txt")
    assert paths(report) == []  # README.txt did not change
    _, report = run_json(capsys, "--changed-since", "base", "--include", "**/*.py")
    assert paths(report) == ["docs/tool.py"]  # include, not the suffix, says what is an article


def test_from_a_subdirectory_paths_are_relative_to_the_cwd(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo / "docs")
    _, report = run_json(capsys, "--changed-since", "base")
    assert paths(report) == ["added.md", "modified.md", "new-name.md", "untracked.md"]


def test_nothing_changed_is_success(repo, capsys):
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "all")
    code, out, _ = run(capsys, "check", "--changed-since", "HEAD")
    assert code == 0 and "0 documents" in out


def test_merge_base_ignores_changes_made_on_the_target_branch(repo, capsys):
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "all")
    git(repo, "checkout", "-q", "-b", "feature", "base")
    (repo / "docs" / "feature.md").write_text(ERROR_ARTICLE, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "feature")
    _, report = run_json(capsys, "--changed-since", "main")
    assert paths(report) == ["docs/feature.md"]  # not main's own changes since the fork


def test_bad_ref_and_not_a_repository_are_usage_errors(repo, capsys, tmp_path, monkeypatch):
    code, _, err = run(capsys, "check", "--changed-since", "no-such-ref")
    assert code == 2 and "no-such-ref" in err and err.count("\n") == 1
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, _, err = run(capsys, "check", "--changed-since", "HEAD")
    assert code == 2 and "--changed-since" in err and err.count("\n") == 1
