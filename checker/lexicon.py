"""Load the number vocabularies of ``rules/<lang>/lexicon.toml`` (domain knowledge kept as data).

The lexer asks this module for the words; it never hard-codes them.  Files are read once per
process and cached.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path


class RulePackError(ValueError):
    """A rule or vocabulary file that cannot be used; the message names file, line and reason."""


def rules_dir() -> Path:
    """The bundled ``rules/`` directory (installed as the ``checker.rules`` package)."""
    return Path(str(resources.files("checker.rules")))


MAX_TOML_BYTES = 4 * 2**20  # a rule pack file is words and formulas, never this large


def load_toml(path: Path, error: type[Exception] = RulePackError) -> dict:
    """Parse a TOML file, turning a syntax error into a one-line ``error`` with the file and line
    (in the locale of the run: checker.diagnostic)."""
    from checker.diagnostic import cause
    from checker.i18n import _

    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_TOML_BYTES + 1)
        if len(data) > MAX_TOML_BYTES:
            raise error(_("{name}: larger than {mb} MB: not read as a rule pack file").format(
                name=path, mb=MAX_TOML_BYTES // 2**20))
        return tomllib.loads(data.decode("utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        raise error(_("{name}: not valid TOML: {cause}").format(name=path, cause=cause(exc))) from None
    except UnicodeDecodeError as exc:
        raise error(_("{name}: not valid UTF-8 at byte {byte}").format(name=path, byte=exc.start)) from None
    except RecursionError:
        raise error(_("{name}: nested too deeply").format(name=path)) from None
    except OSError as exc:
        raise error(_("{name}: cannot read ({cause})").format(name=path, cause=cause(exc))) from None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The vocabulary of one language, flattened into lookup tables."""

    language: str
    prefix_qualifiers: dict[str, str]
    suffix_qualifiers: dict[str, str]
    infix_qualifiers: dict[str, str]
    period_units: tuple[str, ...]
    scales: dict[str, int]
    percent_units: dict[str, str]
    money_units: dict[str, tuple[str, int]]
    money_prefixes: dict[str, str]
    measure_units: dict[str, str]
    duration_units: dict[str, str]
    count_units: tuple[str, ...]
    code_nouns: tuple[str, ...]
    idioms: tuple[str, ...]
    words: dict[str, int]
    fraction_words: dict[str, int]
    multiple_words: dict[str, int]
    cheng_not_before: str
    #: classifier → characters that, right after it, show it is part of another word (11期间)
    unit_not_before: dict[str, str] | None = None
    #: characters after which "-" or "+" directly before a digit is a sign (增长-3.2%)
    sign_after: str = ""
    #: a verb that, right before "up to"/"down to", makes "up"/"down" its particle (no bound)
    particle_verb: str = ""
    #: words right before a number that make it an age, a label of a group ("ages 55 and older")
    rate_base_before: str = ""
    #: a noun right before a number that makes it a label ("Chapter 7", "Section 8")
    label_before: str = ""
    #: the hyphenated unit after digits that makes the number percentage points ("an 11-point increase")
    points_compound: str = ""
    age_before: str = ""
    age_list_before: str = ""
    age_range_after: str = ""


@cache
def load_lexicon(language: str) -> Lexicon:
    path = rules_dir() / language / "lexicon.toml"
    data = load_toml(path)
    quals = data.get("qualifiers", {})
    money = {}
    for word, spec in data.get("money_units", {}).items():
        money[word] = (spec[0], int(spec[1])) if isinstance(spec, list) else (spec, 1)
    return Lexicon(
        language=language,
        prefix_qualifiers=dict(quals.get("prefix", {})),
        suffix_qualifiers=dict(quals.get("suffix", {})),
        infix_qualifiers=dict(quals.get("infix", {})),
        period_units=tuple(quals.get("period", {}).get("units", ())),
        scales={k: int(v) for k, v in data.get("scales", {}).items()},
        percent_units=dict(data.get("percent_units", {})),
        money_units=money,
        money_prefixes=dict(data.get("money_prefixes", {})),
        measure_units=dict(data.get("measure_units", {})),
        duration_units=dict(data.get("duration_units", {})),
        count_units=tuple(data.get("classifiers", {}).get("count", ())),
        code_nouns=tuple(data.get("labels", {}).get("code_nouns", ())),
        idioms=tuple(data.get("labels", {}).get("idioms", ())),
        words={k: int(v) for k, v in data.get("words", {}).items()},
        fraction_words={k: int(v) for k, v in data.get("fraction_words", {}).items()},
        multiple_words={k: int(v) for k, v in data.get("multiple_words", {}).items()},
        cheng_not_before=data.get("classifiers", {}).get("cheng_not_before", ""),
        unit_not_before=dict(data.get("classifiers", {}).get("not_before", {})),
        sign_after=data.get("signs", {}).get("after", ""),
        particle_verb=quals.get("particle_verb", {}).get("pattern", ""),
        rate_base_before=data.get("labels", {}).get("rate_base_before", ""),
        label_before=data.get("labels", {}).get("label_before", ""),
        points_compound=data.get("compounds", {}).get("percentage_points", ""),
        age_before=data.get("labels", {}).get("age_before", ""),
        age_list_before=data.get("labels", {}).get("age_list_before", ""),
        age_range_after=data.get("labels", {}).get("age_range_after", ""),
    )
