"""Construction families: every ``tests/data/constructions/*.toml`` case run through the pipeline.

The fixture format is described in ``tests/data/constructions/README.md``.  One pytest param per
case-expectation, with ids

* ``file::case-id::rule``          a check of ``rule`` with ``verdict`` (and the ``numbers`` by role);
* ``file::case-id::rule::mutate``  after the ``mutate`` replacement, an inconsistent check of ``rule``
  (same roles, the mutated number in place) covering the mutated number;
* ``file::case-id::no_flags``      no inconsistent check of any rule;
* ``file::case-id::absent``        no check of the rules listed in ``absent``.

A second expectation of the same rule in one case gets ``#2``, ``#3``... after the rule.
``test_fixture_shape`` validates every file (keys, ids, rule codes, verdicts, role names), so a
typo fails loudly instead of silently testing nothing.  On failure every check of the text is
printed (rule, verdict, roles, message).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from checker.lexer import detect_language
from checker.model import Check, Document
from checker.pipeline import check_document
from checker.rulepack import load_rulepack

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "constructions"
RULES_TOML = ROOT / "rules" / "relations.toml"

VERDICTS = {"consistent", "inconsistent"}
FILE_KEYS = {"family", "case", "note"}
CASE_KEYS = {"id", "text", "lang", "expect", "no_flags", "absent", "note"}
EXPECT_KEYS = {"rule", "verdict", "numbers", "mutate", "note"}
MUTATE_KEYS = {"old", "new"}
#: role names per rule (list roles as the bare name: parts, values); rules not listed accept any role
ROLES = {
    "rate": {"whole", "part", "rate"},
    "change_pct": {"old", "new", "change"},
    "change_abs": {"old", "new", "change"},
    "pp_diff": {"old", "new", "change"},
    "direction": {"old", "new"},
    "base_implied": {"new", "change"},
    "granularity": {"whole", "rate"},
    "change_multiple": {"old", "new", "change"},
    "change_pct_abs": {"old", "new", "increment", "change"},
    "index_change": {"new", "change"},
    "share_total": {"shares"},
    "sum": {"total", "parts"},
    "part_le_whole": {"whole", "part"},
    "arity": {"values"},
}
LIST_ROLE = re.compile(r"^(\w+)\[(\d+)\]$")


@cache
def rule_codes() -> frozenset[str]:
    with RULES_TOML.open("rb") as f:
        return frozenset(r["code"] for r in tomllib.load(f).get("rule", []))


@cache
def load_fixture(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def fixture_files() -> list[Path]:
    return sorted(DATA.glob("*.toml"))


# ------------------------------------------------------------------------------------ running


@cache
def _checks(text: str, lang: str | None) -> tuple[Check, ...]:
    doc = Document(path="<construction>", text=text, encoding="utf-8", sha256="",
                   language=lang or detect_language(text))
    return tuple(check_document(doc, load_rulepack()).checks)


def checks_of(text: str, lang: str | None = None) -> tuple[Check, ...]:
    return _checks(text, lang)


def roles_of(check: Check) -> dict[str, str]:
    return {ref.role: ref.mention.text for ref in check.numbers}


def same_number(printed: str, expected: str) -> bool:
    """The mention is the expected number; an English mention may also carry its noun ("2,140 disputes")."""
    return printed == expected or bool(re.fullmatch(re.escape(expected) + r"\s+[A-Za-z][A-Za-z -]*", printed))


def flatten_numbers(numbers: dict) -> dict[str, str]:
    """``{parts = ["12起", "30起"]}`` → ``{"parts[0]": "12起", "parts[1]": "30起"}``."""
    flat: dict[str, str] = {}
    for role, value in numbers.items():
        if isinstance(value, list):
            for i, v in enumerate(value):
                flat[f"{role}[{i}]"] = v
        else:
            flat[role] = value
    return flat


def roles_match(check: Check, expected: dict[str, str]) -> bool:
    got = roles_of(check)
    return got.keys() == expected.keys() and all(same_number(got[k], v) for k, v in expected.items())


def describe(checks) -> str:
    return "\n".join(f"  {c.rule} {c.verdict} {roles_of(c)} | {c.message}" for c in checks) or "  (no checks)"


def apply_mutation(text: str, old: str, new: str) -> tuple[str, int, int]:
    """The mutated text and the span of the replacement in it; the original must occur exactly once."""
    n = text.count(old)
    if n != 1:
        raise ValueError(f"mutate: {old!r} occurs {n} times in the text (must be exactly once): {text!r}")
    at = text.index(old)
    return text.replace(old, new), at, at + len(new)


# ------------------------------------------------------------------------------------ params


@dataclass(frozen=True)
class Param:
    file: str
    case_id: str
    text: str
    lang: str | None
    kind: str  # expect | mutate | no_flags | absent
    rule: str = ""
    verdict: str = ""
    numbers: tuple[tuple[str, str], ...] | None = None
    mutate: tuple[str, str] | None = None
    absent: tuple[str, ...] = ()


def build_params() -> list:
    params = []
    for path in fixture_files():
        try:
            data = load_fixture(path)
        except tomllib.TOMLDecodeError:
            continue  # reported by test_fixture_shape
        for case in data.get("case", []):
            if not isinstance(case, dict) or "id" not in case or "text" not in case:
                continue
            base = dict(file=path.name, case_id=case["id"], text=case["text"], lang=case.get("lang"))
            seen: dict[str, int] = {}
            for exp in case.get("expect", []):
                rule = exp.get("rule", "?")
                seen[rule] = seen.get(rule, 0) + 1
                tag = rule if seen[rule] == 1 else f"{rule}#{seen[rule]}"
                nums = exp.get("numbers")
                numbers = tuple(flatten_numbers(nums).items()) if isinstance(nums, dict) else None
                p = Param(**base, kind="expect", rule=rule, verdict=exp.get("verdict", "?"), numbers=numbers)
                params.append(pytest.param(p, id=f"{path.name}::{case['id']}::{tag}"))
                mut = exp.get("mutate")
                if isinstance(mut, dict):
                    pm = Param(**base, kind="mutate", rule=rule, verdict="inconsistent", numbers=numbers,
                               mutate=(mut.get("old", ""), mut.get("new", "")))
                    params.append(pytest.param(pm, id=f"{path.name}::{case['id']}::{tag}::mutate"))
            if case.get("no_flags"):
                params.append(pytest.param(Param(**base, kind="no_flags"), id=f"{path.name}::{case['id']}::no_flags"))
            if case.get("absent"):
                params.append(pytest.param(Param(**base, kind="absent", absent=tuple(case["absent"])),
                                           id=f"{path.name}::{case['id']}::absent"))
    return params


PARAMS = build_params()


@pytest.mark.parametrize("p", PARAMS)
def test_construction(p: Param) -> None:
    if p.kind == "mutate":
        old, new = p.mutate
        text, mstart, mend = apply_mutation(p.text, old, new)
    else:
        text, mstart, mend = p.text, -1, -1
    checks = checks_of(text, p.lang)
    header = f"text: {text}\n" + (f"(mutated {p.mutate[0]!r} → {p.mutate[1]!r})\n" if p.mutate else "") + \
        f"checks:\n{describe(checks)}"

    if p.kind == "no_flags":
        bad = [c for c in checks if c.verdict == "inconsistent"]
        if bad:
            pytest.fail(f"expected no inconsistent check, got:\n{describe(bad)}\n{header}", pytrace=False)
        return
    if p.kind == "absent":
        there = [c for c in checks if c.rule in p.absent]
        if there:
            pytest.fail(f"expected no check of {list(p.absent)}, got:\n{describe(there)}\n{header}", pytrace=False)
        return

    expected = dict(p.numbers) if p.numbers is not None else None
    if p.kind == "mutate" and expected is not None:
        old, new = p.mutate
        expected = {k: (v.replace(old, new) if old in v else v) for k, v in expected.items()}
    article = "an" if p.verdict == "inconsistent" else "a"
    want = f"{article} {p.verdict} check of {p.rule}" + (f" with roles {expected}" if expected is not None else "")
    of_rule = [c for c in checks if c.rule == p.rule]
    found = [c for c in of_rule if c.verdict == p.verdict and (expected is None or roles_match(c, expected))]
    if not found:
        pytest.fail(f"expected {want}\n{header}", pytrace=False)

    if p.kind == "mutate" and re.search(r"\d", p.mutate[1]):
        covering = [c for c in found
                    if any(ref.mention.start < mend and mstart < ref.mention.end for ref in c.numbers)]
        if not covering:
            pytest.fail(f"expected {want} covering the mutated number {p.mutate[1]!r} (at {mstart}–{mend})\n{header}",
                        pytrace=False)


# ------------------------------------------------------------------------------------ shape


def shape_errors(path: Path) -> list[str]:
    errs: list[str] = []
    try:
        data = load_fixture(path)
    except tomllib.TOMLDecodeError as e:
        return [f"not valid TOML: {e}"]
    codes = rule_codes()
    for k in data.keys() - FILE_KEYS:
        errs.append(f"unknown top-level key {k!r}")
    if not isinstance(data.get("family"), str) or not data["family"].strip():
        errs.append("missing family = \"...\"")
    cases = data.get("case")
    if not isinstance(cases, list) or not cases:
        return errs + ["no [[case]]"]
    ids: set[str] = set()
    for i, case in enumerate(cases):
        where = f"case #{i + 1} ({case.get('id', '?')})"
        for k in case.keys() - CASE_KEYS:
            errs.append(f"{where}: unknown key {k!r}")
        cid = case.get("id")
        if not isinstance(cid, str) or not cid:
            errs.append(f"{where}: missing id")
        elif cid in ids:
            errs.append(f"{where}: duplicate id {cid!r}")
        else:
            ids.add(cid)
        text = case.get("text")
        if not isinstance(text, str) or not text.strip():
            errs.append(f"{where}: missing text")
            text = ""
        if "lang" in case and case["lang"] not in ("zh", "en"):
            errs.append(f"{where}: lang must be zh or en, not {case['lang']!r}")
        if "no_flags" in case and not isinstance(case["no_flags"], bool):
            errs.append(f"{where}: no_flags must be true/false")
        if "absent" in case:
            ab = case["absent"]
            if not isinstance(ab, list) or not ab or not all(isinstance(r, str) for r in ab):
                errs.append(f"{where}: absent must be a non-empty list of rule codes")
            else:
                errs += [f"{where}: absent: unknown rule {r!r}" for r in ab if r not in codes]
        expects = case.get("expect", [])
        if not isinstance(expects, list):
            errs.append(f"{where}: expect must be [[case.expect]] tables")
            continue
        if not expects and not case.get("no_flags") and not case.get("absent"):
            errs.append(f"{where}: nothing expected (give [[case.expect]], no_flags or absent)")
        for j, exp in enumerate(expects):
            ew = f"{where} expect #{j + 1}"
            for k in exp.keys() - EXPECT_KEYS:
                errs.append(f"{ew}: unknown key {k!r}")
            rule = exp.get("rule")
            if rule not in codes:
                errs.append(f"{ew}: unknown rule {rule!r} (known: {', '.join(sorted(codes))})")
            if exp.get("verdict") not in VERDICTS:
                errs.append(f"{ew}: verdict must be consistent or inconsistent, not {exp.get('verdict')!r}")
            nums = exp.get("numbers")
            if nums is not None:
                if not isinstance(nums, dict) or not nums:
                    errs.append(f"{ew}: numbers must be a non-empty table role = \"text\"")
                else:
                    for role, v in nums.items():
                        base = LIST_ROLE.sub(r"\1", role)
                        if rule in ROLES and base not in ROLES[rule]:
                            errs.append(f"{ew}: role {role!r} is not a role of {rule} ({sorted(ROLES[rule])})")
                        vals = v if isinstance(v, list) else [v]
                        if not vals or not all(isinstance(x, str) and x for x in vals):
                            errs.append(f"{ew}: role {role!r} must be a printed number or a list of them")
                            continue
                        for x in vals:
                            if x not in text:
                                errs.append(f"{ew}: role {role!r} = {x!r} does not occur in the text")
            mut = exp.get("mutate")
            if mut is not None:
                if not isinstance(mut, dict) or mut.keys() != MUTATE_KEYS:
                    errs.append(f"{ew}: mutate must be {{ old = \"...\", new = \"...\" }}")
                else:
                    if exp.get("verdict") != "consistent":
                        errs.append(f"{ew}: mutate belongs to a consistent expectation")
                    if mut["old"] == mut["new"]:
                        errs.append(f"{ew}: mutate old and new are the same")
                    n = text.count(mut["old"])
                    if n != 1:
                        errs.append(f"{ew}: mutate old {mut['old']!r} occurs {n} times in the text (must be once)")
                    if isinstance(nums, dict):
                        for role, v in flatten_numbers(nums).items():
                            if v != mut["old"] and v in mut["old"] and v not in mut["new"]:
                                errs.append(f"{ew}: mutate old {mut['old']!r} swallows role {role} = {v!r}; "
                                            "mutate the number itself (or a part of it)")
    return errs


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.name)
def test_fixture_shape(path: Path) -> None:
    errs = shape_errors(path)
    if errs:
        pytest.fail(f"{path.name}:\n  " + "\n  ".join(errs), pytrace=False)


def test_some_fixtures_exist() -> None:
    assert fixture_files(), f"no construction fixtures under {DATA}"
