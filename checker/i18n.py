"""Messages in the reader's language: a gettext-style catalogue lookup with Babel.

English is the msgid language, so English output is the source text itself and can never drift
from it.  Other languages live in ``checker/locale/<lang>/LC_MESSAGES/checker.po`` and are read
with ``babel.messages.pofile.read_po`` on first use: no compile step, so a fresh ``pip install -e .``
works.  The active locale is a ContextVar, so threads, worker processes and nested runs (a
document evaluated in its own language inside a run that forces none) never leak into each other.

Messages carry named placeholders and are formatted after translation::

    _("the whole {whole} is 0: no rate can be recomputed").format(whole=shown)
"""
from __future__ import annotations

import contextvars
import os
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Mapping

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "checker"
SOURCE_LOCALE = "en"
LOCALES = ("en", "zh")
ENV_VAR = "CHECKER_LOCALE"

_active: contextvars.ContextVar[str] = contextvars.ContextVar("checker_locale", default=SOURCE_LOCALE)
#: set by a run that forces one locale (``--locale``, ``locale`` in config): documents then do not
#: switch to their own language
_forced: contextvars.ContextVar[str | None] = contextvars.ContextVar("checker_forced_locale", default=None)


class LocaleError(ValueError):
    """An unknown locale asked for (a usage or configuration error, reported in one line)."""


def po_path(lang: str) -> Path:
    """Where the catalogue of ``lang`` is kept."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str | tuple[str, ...]]:
    """msgid → translation of one language (empty for English, the msgid language); read once.

    Fuzzy and untranslated entries are left out so that lookup falls back to the English msgid
    rather than showing an empty or doubtful string."""
    if lang == SOURCE_LOCALE:
        return {}
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as fh:
        cat = read_po(fh, locale=lang, domain=DOMAIN)
    table: dict[str, str | tuple[str, ...]] = {}
    for msg in cat:
        if not msg.id or msg.fuzzy:
            continue
        key = msg.id[0] if isinstance(msg.id, (tuple, list)) else msg.id
        string = tuple(msg.string) if isinstance(msg.string, (tuple, list)) else msg.string
        if string and (not isinstance(string, tuple) or all(string)):
            table[key] = string
    return table


def current_locale() -> str:
    """The locale messages are produced in right now."""
    return _active.get()


def gettext(msgid: str) -> str:
    """The translation of ``msgid`` in the active locale (the msgid itself in English or when missing)."""
    lang = _active.get()
    if lang == SOURCE_LOCALE:
        return msgid
    found = catalogue(lang).get(msgid)
    if isinstance(found, tuple):
        return found[0]
    return found or msgid


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the active locale (Chinese has one form)."""
    lang = _active.get()
    english = singular if n == 1 else plural
    if lang == SOURCE_LOCALE:
        return english
    found = catalogue(lang).get(singular)
    if isinstance(found, tuple):
        return found[0] if len(found) == 1 else found[0 if n == 1 else 1]
    return found or english


_ = gettext


def normalize(lang: str | None) -> str | None:
    """``zh-CN``, ``zh_Hans``, ``ZH`` → ``zh``; ``en-GB`` → ``en``; None stays None."""
    if not lang:
        return None
    base = lang.replace("-", "_").split("_")[0].lower()
    return base


def forced_locale() -> str | None:
    """The locale a run forces on every document, if any: ``--locale`` or ``locale`` in the
    configuration, else the environment's ``CHECKER_LOCALE`` (inherited by worker processes)."""
    forced = _forced.get()
    if forced is not None:
        return forced
    env = normalize(os.environ.get(ENV_VAR))
    return env if env in LOCALES else None


@contextmanager
def using_locale(lang: str | None, *, force: bool = False) -> Iterator[str]:
    """Produce messages in ``lang`` inside the block (None: keep the current locale).

    ``force``: a run's choice (``--locale``) that also wins over each document's own language."""
    if lang is None:
        yield _active.get()
        return
    code = normalize(lang)
    if code not in LOCALES:
        raise LocaleError(f"unknown locale {lang!r} (known: {', '.join(LOCALES)})")
    token = _active.set(code)
    forced = _forced.set(code) if force else None
    try:
        yield code
    finally:
        if forced is not None:
            _forced.reset(forced)
        _active.reset(token)


def locale_for(document_language: str | None, requested: str | None = None,
               config: object | Mapping | None = None) -> str:
    """The locale of a document's findings: ``--locale``, else ``locale`` in the configuration,
    else the document's own language (a Chinese article gets Chinese messages), else English."""
    configured = config.get("locale") if isinstance(config, Mapping) else getattr(config, "locale", None)
    for choice in (requested, configured, document_language):
        code = normalize(choice)
        if code in LOCALES:
            return code
    return SOURCE_LOCALE
