"""Shared fixtures: where the team's shared material lives (tests skip cleanly without it)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.extract import extract
from checker.lexer import detect_language
from checker.model import Document

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def need_shared(*parts: str) -> Path:
    """Path inside ../shared, or skip the test when that material is not on this machine."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available here")
    return path


def mentions_of(text: str, language: str | None = None):
    """Mentions the lexer finds in ``text``."""
    doc = Document(path="<test>", text=text, encoding="utf-8", sha256="", language=language or detect_language(text))
    return extract(doc).mentions


# findings in English, the msgid language, so that tests (and the checker processes they start)
# can assert message text whatever the article's language; localization tests opt out with
# @pytest.mark.document_locale
os.environ["CHECKER_LOCALE"] = "en"


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "document_locale: findings in each document's own language (checker.i18n)")


@pytest.fixture(autouse=True)
def _english_findings(request, monkeypatch):
    if request.node.get_closest_marker("document_locale"):
        monkeypatch.delenv("CHECKER_LOCALE")
    yield
