"""Rule packs: relation rules and claim vocabularies loaded from TOML (``rules/`` and ``--rules DIR``).

A pack is validated on load; a malformed one is refused with its file, line and reason.  Formulas
are parsed by checker.formula (never eval'd) and compiled once into exact and interval closures.
Solving each formula for its unknowns (sympy) and checking its dimensions (pint) cost a few tenths
of a second of imports, so their results are cached on disk keyed by the pack's content: the
check path of a warm machine imports neither.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import regex

from checker import __version__, formula
from checker.diagnostic import cause, cause_with_type
from checker.i18n import _
from checker.lexicon import RulePackError, load_toml, rules_dir

REQUIRED = ("code", "name", "severity", "explanation")
SEVERITIES = ("error", "warning", "info")


@dataclass(slots=True)
class Rule:
    code: str
    name: str
    severity: str
    explanation: str
    examples: list[str]
    source: str
    formula_text: str | None = None
    target: str | None = None
    expression: formula.Node | None = None
    variable_kinds: dict[str, str] = field(default_factory=dict)
    exact: object = None  # compiled closure: env -> Fraction
    interval: object = None  # compiled closure: env -> (lo, hi)
    solutions: dict[str, formula.Node] = field(default_factory=dict)

    def as_dict(self) -> dict:
        """The rule as `checker rules` and SARIF show it."""
        return {"code": self.code, "name": self.name, "severity": self.severity, "formula": self.formula_text,
                "explanation": self.explanation, "examples": list(self.examples), "source": self.source}


@dataclass(slots=True)
class RulePack:
    rules: dict[str, Rule]
    vocab: dict[str, dict[str, tuple[str, ...]]]  # language -> list name -> words
    sources: tuple[str, ...]
    #: language -> cue name -> regular expressions of quantity frames (rules/<lang>/frames.toml)
    cues: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    #: relation code -> binding schema (rules/schemas.toml): slots, constraints and feature weights
    schemas: dict[str, dict] = field(default_factory=dict)
    #: language -> the enumeration vocabulary (rules/<lang>/enumeration.toml: numerals, terms, cues…)
    enumeration: dict[str, dict] = field(default_factory=dict)

    def words(self, language: str, name: str) -> tuple[str, ...]:
        return self.vocab.get(language, {}).get(name, ())


def _line_of(path: Path, needle: str, code: str | None = None) -> int:
    """Line of ``needle`` in the file, searched within the [[rule]] block that declares ``code``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    start = 0
    if code is not None:
        declared = regex.compile(rf"^\s*code\s*=\s*[\"']{regex.escape(code)}[\"']")
        at = next((i for i, line in enumerate(lines) if declared.match(line)), 0)
        if needle == code:
            return at + 1
        start = max((i for i in range(at + 1) if lines[i].strip() == "[[rule]]"), default=at)
    for i in range(start, len(lines)):
        if needle in lines[i]:
            return i + 1
    return start + 1


def _fail(path: Path, needle: str, reason: str, code: str | None = None) -> RulePackError:
    """The pack error ``file:line: reason`` (``reason`` already in the locale of the run)."""
    return RulePackError(_("{name}:{line}: {problem}").format(name=path, line=_line_of(path, needle, code),
                                                             problem=reason))


def _load_rules(path: Path, dimensions: dict[str, str]) -> list[Rule]:
    data = load_toml(path)
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise _fail(path, "rule", _("'rule' must be an array of tables ([[rule]])"))
    out = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise _fail(path, "[[rule]]", _("each [[rule]] must be a table"))
        missing = [k for k in REQUIRED if k not in entry]
        if missing:
            code = entry.get("code")
            raise _fail(path, str(code or "[[rule]]"), _("rule {code} lacks {keys}").format(
                code=repr(code or '?'), keys=", ".join(missing)), str(code) if code else None)
        code = entry["code"]
        if entry["severity"] not in SEVERITIES:
            raise _fail(path, f'"{entry["severity"]}"', _("rule {code}: severity must be one of {allowed}").format(
                code=repr(code), allowed=", ".join(SEVERITIES)), code)
        rule = Rule(code=code, name=entry["name"], severity=entry["severity"], explanation=" ".join(entry["explanation"].split()),
                    examples=list(entry.get("examples", [])), source=str(path))
        if "formula" in entry:
            try:
                target, node = formula.parse(entry["formula"])
            except formula.FormulaError as exc:
                raise _fail(path, entry["formula"], _("rule {code}: bad formula: {problem}").format(
                    code=repr(code), problem=cause(exc)), code) from None
            problem = formula.structure_problem(target, node)
            if problem:
                raise _fail(path, entry["formula"], _("rule {code}: bad formula: {problem}").format(
                    code=repr(code), problem=problem), code)
            kinds = entry.get("variables", {})
            if not isinstance(kinds, dict) or not all(isinstance(k, str) for k in kinds.values()):
                raise _fail(path, "variables", _("rule {code}: 'variables' must be a table of name = \"kind\"").format(
                    code=repr(code)), code)
            kinds = dict(kinds)
            unknown = (formula.variables(node) | {target}) - set(kinds)
            if unknown:
                raise _fail(path, entry["formula"], _("rule {code}: formula variables {names} have no kind in "
                                                      "'variables'").format(code=repr(code), names=sorted(unknown)), code)
            for name, kind in kinds.items():
                if kind not in dimensions:
                    raise _fail(path, "variables", _("rule {code}: variable {name} has unknown kind {kind}").format(
                        code=repr(code), name=repr(name), kind=repr(kind)), code)
            rule.formula_text, rule.target, rule.expression, rule.variable_kinds = entry["formula"], target, node, kinds
            rule.exact = formula.compile_exact(node)
            rule.interval = formula.compile_interval(node)
        out.append(rule)
    return out


def _cache_path(key: str) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "checker"
    return base / f"formulas-{key}.json"


SHIPPED_DERIVATIONS = "derived.json"  # in the bundled rules/: the derivations of the bundled pack


def _key(files: list[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for f in files:
        digest.update(f.read_bytes())
    return digest.hexdigest()[:20]


def derive(rules: list[Rule], dimensions: dict[str, str]) -> dict[str, dict[str, str]]:
    """Check every formula's dimensions (pint) and solve it for each unknown (sympy)."""
    out: dict[str, dict[str, str]] = {}
    for rule in rules:
        if rule.expression is None:
            continue
        problem = formula.check_dimensions(rule.target, rule.expression, rule.variable_kinds, dimensions)
        if problem:
            what = (_("rule {code}: bad formula: {problem}") if problem.startswith(("a divisor", "a value"))
                    else _("rule {code}: formula is dimensionally wrong: {problem}"))
            raise _fail(Path(rule.source), rule.formula_text, what.format(code=repr(rule.code), problem=problem),
                        rule.code)
        try:
            solved = formula.solve_for_each(rule.target, rule.expression)
        except (formula.FormulaError, OverflowError, ZeroDivisionError, RecursionError) as exc:
            raise _fail(Path(rule.source), rule.formula_text,
                        _("rule {code}: the formula cannot be solved for its variables ({cause})").format(
                            code=repr(rule.code), cause=cause_with_type(exc)), rule.code) from None
        out[rule.code] = {name: formula.render(node) for name, node in solved.items()}
    return out


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _derive(rules: list[Rule], dimensions: dict[str, str], files: list[Path]) -> None:
    """Attach each formula's solutions: shipped with the bundled pack, else cached on disk, else derived."""
    key = _key(files)
    shipped = _read_json(rules_dir() / SHIPPED_DERIVATIONS) or {}
    if shipped.get("key") == key:
        derived = shipped["solutions"]
    else:
        cache_file = _cache_path(key)
        derived = _read_json(cache_file)
        if derived is None:
            derived = derive(rules, dimensions)
            try:
                cache_file.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(json.dumps(derived), encoding="utf-8")
                tmp.replace(cache_file)
            except OSError:
                pass  # a read-only home only costs the derivation next time
    for rule in rules:
        solutions = derived.get(rule.code, {}) if isinstance(derived, dict) else {}
        for name, text in (solutions.items() if isinstance(solutions, dict) else ()):
            try:
                _, node = formula.parse(f"{name} = {text}")
            except (formula.FormulaError, TypeError):
                continue  # a damaged cache entry costs one suggestion, never the run
            rule.solutions[name] = node


def write_shipped_derivations() -> Path:
    """Regenerate rules/derived.json for the bundled pack (run after editing rules/relations.toml)."""
    directory = rules_dir()
    files = [directory / "relations.toml"]
    dimensions = load_toml(files[0]).get("dimensions", {})
    rules = _load_rules(files[0], dimensions)
    target = directory / SHIPPED_DERIVATIONS
    target.write_text(json.dumps({"key": _key(files), "solutions": derive(rules, dimensions)}, indent=1, sort_keys=True) + "\n",
                      encoding="utf-8")
    return target


#: the lists of claims.toml that hold regular expressions, not words (checker.claims.Vocabulary)
def _load_vocab(directory: Path, filename: str = "claims.toml", patterns: bool | frozenset = frozenset()
                ) -> dict[str, dict[str, tuple[str, ...]]]:
    """Word lists of every language folder of a pack; the lists that are regular expressions
    (``patterns``: all of them, or those named, for claims.toml ``checker.claims.PATTERN_LISTS``)
    are each compiled once to refuse a bad one."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang_dir in sorted(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        path = lang_dir / filename
        if path.exists():
            data = load_toml(path)
            lists = {}
            for name, words in data.items():
                if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                    raise _fail(path, name, _("{name} must be a list of strings").format(name=repr(name)))
                if patterns is True or (patterns and name in patterns):
                    for w in words:
                        try:
                            regex.compile(w)
                        except regex.error as exc:
                            raise _fail(path, name, _("{name}: bad regular expression {pattern}: {cause}").format(
                                name=repr(name), pattern=repr(w), cause=cause(exc))) from None
                lists[name] = tuple(words)
            out[lang_dir.name] = lists
    return out


SCHEMA_KEYS = {"relation", "reach_back", "anchor", "slots", "weights", "min_score", "margin", "strong_score", "explanation"}


def _merge_tables(into: dict, data: dict, path: Path) -> None:
    """A later pack's enumeration words add to the earlier ones: lists grow, tables are updated."""
    for section, value in data.items():
        if not isinstance(value, dict):
            raise _fail(path, section, _("[{section}] must be a table").format(section=section))
        target = into.setdefault(section, {})
        for key, item in value.items():
            if isinstance(item, list) and isinstance(target.get(key), list):
                target[key] = list(dict.fromkeys(target[key] + item))
            else:
                target[key] = item


SLOT_KEYS = {"roles", "agree", "kinds", "to", "from", "integer", "whole_cue", "year_before", "same_metric", "shared",
             "at_least"}
ANCHOR_KEYS = {"roles", "kinds", "comparison", "min_decimals", "slot", "respectively"}


def _known(path: Path, code: str, what: str, spec: dict, keys: set[str]) -> None:
    """A schema's anchor or slot names only options the binding search has, and only frame roles."""
    unknown = set(spec) - keys
    if unknown:
        raise _fail(path, code, _("schema {code}: {what} has unknown options {names} (known: {known})").format(
            code=repr(code), what=what, names=sorted(unknown), known=", ".join(sorted(keys))))
    from checker.frames import ROLES

    roles = set(spec.get("roles", [])) - ROLES
    if roles:
        raise _fail(path, code, _("schema {code}: {what} names no frame role {names} (roles: {known})").format(
            code=repr(code), what=what, names=sorted(roles), known=", ".join(sorted(ROLES))))


def _own_judges() -> frozenset[str]:
    from checker.engine import JUDGES

    return frozenset(JUDGES)


def _refuse_unrunnable(rules: dict[str, Rule], schemas: dict[str, dict], sources: dict[str, Path]) -> None:
    """A declared rule runs, or the pack is refused: it needs a judge (its own, or its formula) and
    something that binds numbers to it (a built-in assembler, or a schema)."""
    from checker.engine import ASSEMBLED, judge_for

    bound = {s["relation"] for s in schemas.values()}
    for code, rule in rules.items():
        path = sources.get(code)
        if path is None:
            continue
        if judge_for(rule) is None:
            raise _fail(path, code, _("rule {code} has no formula and no built-in judge: nothing could check "
                                      "it").format(code=repr(code)), code)
        if code not in ASSEMBLED and code not in bound:
            raise _fail(path, code, _("rule {code} is bound by no schema: add one to schemas.toml beside "
                                      "relations.toml that says which numbers it takes").format(code=repr(code)), code)


def _refuse_unsupplied(rules: dict[str, Rule], bundled: dict[str, Rule], sources: dict[str, Path]) -> None:
    """A pack's formula uses only the numbers its judge is given, as the judge gives them.

    A rule that keeps a bundled code keeps its built-in judge, which passes the bundled formula's
    variables (lists for those it adds up with ``sum()``); a new rule's numbers come from a binding
    schema, one number per slot, so it cannot ``sum()`` anything.  Anything else would only fail
    while checking an article (a KeyError, or sum() of a scalar)."""
    own = _own_judges()
    for code, rule in rules.items():
        path = sources.get(code)
        if path is None or rule.expression is None:
            continue
        names = formula.variables(rule.expression) | {rule.target}
        summed = formula.summed_variables(rule.expression)
        base = bundled.get(code)
        if base is not None and base.expression is not None and code in own:
            given = formula.variables(base.expression) | {base.target}
            lists = formula.summed_variables(base.expression)
            if names - given:
                raise _fail(path, rule.formula_text, _("rule {code}: its judge gives only {given}, not {names}").format(
                    code=repr(code), given=sorted(given), names=sorted(names - given)), code)
            wrong = (summed - lists) | ((names & lists) - summed)
            if wrong:
                name = sorted(wrong)[0]
                what = (_("rule {code}: sum() of a scalar: {name} is one number for this rule") if name in summed
                        else _("rule {code}: a list used as one number: {name} is a list for this rule"))
                raise _fail(path, rule.formula_text, what.format(code=repr(code), name=repr(name)), code)
        elif summed:
            name = sorted(summed)[0]
            raise _fail(path, rule.formula_text, _("rule {code}: sum() of a scalar: a binding schema gives {name} one "
                                                   "number, not a list").format(code=repr(code), name=repr(name)), code)


def _load_schemas(path: Path, rules: dict[str, Rule], inherited: dict) -> tuple[dict[str, dict], dict]:
    """Binding schemas: each names a relation whose rule (and judge) must exist, its anchor role, its
    slots (allowed frame roles, agreement with another slot) and the weights of its soft features."""
    from checker.binding import FEATURES, anchor_slot
    from checker.engine import judge_for  # imported here: the engine imports this module

    out: dict[str, dict] = {}
    data = dict(load_toml(path))
    own = data.pop("defaults", {})
    if not isinstance(own, dict) or not isinstance(own.get("weights", {}), dict):
        raise _fail(path, "defaults", _("'defaults' must be a table (with a table 'weights')"))
    # a pack's defaults refine those of the packs before it (the bundled pack's first)
    defaults = {**inherited, **{k: v for k, v in own.items() if k != "weights"},
                "weights": {**inherited.get("weights", {}), **own.get("weights", {})}}
    for code, schema in data.items():
        if not isinstance(schema, dict):
            raise _fail(path, code, _("schema {code} must be a table").format(code=repr(code)))
        unknown = set(schema) - SCHEMA_KEYS
        if unknown:
            raise _fail(path, code, _("schema {code}: unknown keys {names}").format(code=repr(code), names=sorted(unknown)))
        relation = schema.get("relation", code)
        if relation not in rules:
            raise _fail(path, code, _("schema {code}: no rule {rule} in any relations.toml").format(
                code=repr(code), rule=repr(relation)))
        rule = rules[relation]
        if judge_for(rule) is None:
            raise _fail(path, code, _("schema {code}: rule {rule} has neither a formula nor a built-in judge, so "
                                      "nothing could judge what the schema binds").format(code=repr(code), rule=repr(relation)))
        slots = schema.get("slots")
        if not isinstance(slots, dict) or not slots:
            raise _fail(path, code, _("schema {code}: 'slots' must be a table of slot -> {shape}").format(
                code=repr(code), shape="{roles = [...]}"))
        for slot, spec in slots.items():
            if not isinstance(spec, dict) or not isinstance(spec.get("roles"), list):
                raise _fail(path, code, _("schema {code}: slot {slot} needs a list 'roles'").format(
                    code=repr(code), slot=repr(slot)))
            _known(path, code, _("slot {slot}").format(slot=repr(slot)), spec, SLOT_KEYS)
        anchor = schema.get("anchor")
        if not isinstance(anchor, dict) or not isinstance(anchor.get("roles"), list) or not anchor["roles"]:
            raise _fail(path, code, _("schema {code}: 'anchor' must be a table with a non-empty list 'roles'").format(
                code=repr(code)))
        _known(path, code, "anchor", anchor, ANCHOR_KEYS)
        unknown_features = set(schema.get("weights", {}) if isinstance(schema.get("weights"), dict) else ()) - set(FEATURES)
        if unknown_features:
            raise _fail(path, code, _("schema {code}: no feature {names} (known: {known})").format(
                code=repr(code), names=sorted(unknown_features), known=", ".join(sorted(FEATURES))))
        if rule.formula_text and relation not in _own_judges():
            names = set(slots) | {anchor_slot(schema)}
            wanted = formula.variables(rule.expression) | {rule.target}
            if names != wanted:
                raise _fail(path, code, _("schema {code}: its slots {names} must be the variables of {rule}'s formula "
                                          "{wanted} (the anchor's slot included)").format(
                    code=repr(code), names=sorted(names), rule=repr(relation), wanted=sorted(wanted)))
        if not isinstance(schema.get("weights", {}), dict):
            raise _fail(path, code, _("schema {code}: 'weights' must be a table").format(code=repr(code)))
        merged = {"min_score": 1.0, "margin": 0.5, "strong_score": 3.0, **{k: v for k, v in defaults.items() if k != "weights"},
                  **schema, "relation": relation}
        merged["weights"] = {**defaults.get("weights", {}), **schema.get("weights", {})}
        for key in ("min_score", "margin", "strong_score"):
            if not isinstance(merged[key], (int, float)):
                raise _fail(path, code, _("schema {code}: {key} must be a number").format(code=repr(code), key=repr(key)))
        for name, w in merged["weights"].items():
            if not isinstance(w, (int, float)):
                raise _fail(path, code, _("schema {code}: weight {name} must be a number").format(
                    code=repr(code), name=repr(name)))
        out[code] = merged
    return out, defaults


@cache
def load_rulepack(extra_dirs: tuple[str, ...] = ()) -> RulePack:
    """The bundled pack plus any user packs (later packs add rules and words; same code replaces)."""
    dirs = [rules_dir()] + [Path(d) for d in extra_dirs]
    rules: dict[str, Rule] = {}
    vocab: dict[str, dict[str, tuple[str, ...]]] = {}
    cues: dict[str, dict[str, tuple[str, ...]]] = {}
    schemas: dict[str, dict] = {}
    files: list[Path] = []
    dimensions: dict[str, str] = {}
    for d in dirs:
        if not d.is_dir():
            raise RulePackError(_("{name}: rule pack directory not found").format(name=d))
        rel = d / "relations.toml"
        if rel.exists():
            declared = load_toml(rel).get("dimensions", {})
            if not isinstance(declared, dict) or not all(isinstance(v, str) for v in declared.values()):
                raise _fail(rel, "dimensions", _("[dimensions] must be a table of kind = \"pint unit\""))
            dimensions.update(declared)
    bundled: dict[str, Rule] = {}
    for d in dirs:
        rel = d / "relations.toml"
        if rel.exists():
            files.append(rel)
            for rule in _load_rules(rel, dimensions):
                rules[rule.code] = rule
        if not bundled:
            bundled = dict(rules)
        # a user pack's patterns are compiled once to refuse a bad one; the bundled pack's are known
        # good (tests/test_rulepack_patterns.py compiles them), which spares every run ~0.1 s at start
        own = d == dirs[0]
        if not own:
            from checker.claims import PATTERN_LISTS  # which claims.toml lists are regular expressions
        for target, lists_of in ((vocab, _load_vocab(d, patterns=frozenset() if own else PATTERN_LISTS)),
                                 (cues, _load_vocab(d, "frames.toml", patterns=not own))):
            for lang, lists in lists_of.items():
                merged = target.setdefault(lang, {})
                for name, words in lists.items():
                    merged[name] = tuple(dict.fromkeys(merged.get(name, ()) + words))
    sources: dict[str, Path] = {}
    schema_defaults: dict = {}
    enumeration: dict[str, dict] = {}
    for d in dirs:
        for lang_dir in sorted(p for p in d.iterdir() if p.is_dir() and (p / "enumeration.toml").exists()):
            _merge_tables(enumeration.setdefault(lang_dir.name, {}), load_toml(lang_dir / "enumeration.toml"),
                          lang_dir / "enumeration.toml")
        if (d / "relations.toml").exists():
            for rule in rules.values():
                if rule.source == str(d / "relations.toml"):
                    sources[rule.code] = d / "relations.toml"
        if (d / "schemas.toml").exists():
            loaded, schema_defaults = _load_schemas(d / "schemas.toml", rules, schema_defaults)
            schemas.update(loaded)
    _refuse_unsupplied(rules, bundled, {c: p for c, p in sources.items() if str(p) != str(dirs[0] / "relations.toml")})
    _derive(list(rules.values()), dimensions, files)
    _refuse_unrunnable(rules, schemas, sources)
    return RulePack(rules, vocab, tuple(str(d) for d in dirs), cues, schemas, enumeration)


if __name__ == "__main__":
    print(f"wrote {write_shipped_derivations()}")
