"""Rule packs given with --rules DIR: malformed ones are refused with file, line and reason;
valid ones add rules; formulas are parsed, never eval'd.

``load_rulepack`` is cached per tuple of directories, so every test writes its pack into its own
tmp directory; XDG_CACHE_HOME points into tmp so the on-disk formula cache cannot leak between
tests (a cached derivation would skip the dimension check).
"""
from __future__ import annotations

import builtins
import json
import re
from pathlib import Path

import pytest

from checker.cli import main
from checker.lexicon import RulePackError
from checker.rulepack import load_rulepack


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


def write_pack(tmp_path: Path, text: str, name: str = "pack", schemas: str | None = None) -> Path:
    d = tmp_path / name
    d.mkdir()
    (d / "relations.toml").write_text(text, encoding="utf-8")
    if schemas is not None:
        (d / "schemas.toml").write_text(schemas, encoding="utf-8")
    return d


def refusal(directory: Path) -> str:
    with pytest.raises(RulePackError) as info:
        load_rulepack((str(directory),))
    return str(info.value)


def assert_names_file_and_line(message: str, path: Path, line: int) -> None:
    """``FILE:LINE: reason``, or FILE plus ``line N`` (tomllib's own wording for syntax errors)."""
    assert str(path) in message, message
    assert f"{path}:{line}:" in message or re.search(rf"\bline {line}\b", message), f"line {line} not named: {message}"


GOOD_RULE = '''
[[rule]]
code = "fine_one"
name = "A fine rule"
severity = "error"
explanation = "Nothing wrong here."
'''

MALFORMED = [
    pytest.param(
        '# a user pack\n[[rule]]\ncode = "broken"\nname = "Unterminated\nseverity = "error"\n',
        4, r"(?i)illegal character|unterminated|invalid|expected", id="toml-unterminated-string"),
    pytest.param(
        '[[rule]]\ncode = "twice"\ncode = "again"\nname = "x"\nseverity = "error"\nexplanation = "x"\n',
        3, r"(?i)overwrite|duplicate|defined", id="toml-duplicate-key"),
    pytest.param(
        GOOD_RULE + '\n[[rule]]\ncode = "no_explanation"\nname = "Lacks its explanation"\nseverity = "warning"\n',
        9, r"lacks explanation", id="missing-explanation"),
    pytest.param(
        '[[rule]]\ncode = "no_name"\nseverity = "error"\nexplanation = "x"\n',
        2, r"lacks name", id="missing-name"),
    pytest.param(
        '[[rule]]\ncode = "loud"\nname = "Loud"\nseverity = "critical"\nexplanation = "x"\n',
        4, r"severity must be one of error, warning, info", id="unknown-severity"),
    pytest.param(
        '[[rule]]\ncode = "evil"\nname = "Evil"\nseverity = "error"\nexplanation = "x"\n'
        'formula = "x = __import__(\'os\')"\nvariables = { x = "count" }\n',
        6, r"bad formula", id="formula-dunder-import"),
    pytest.param(
        '[[rule]]\ncode = "evil_bare"\nname = "Evil"\nseverity = "error"\nexplanation = "x"\n'
        'formula = "x = __import__(os)"\nvariables = { x = "count", os = "count" }\n',
        6, r"bad formula: unknown function '__import__'", id="formula-dunder-import-no-quotes"),
    pytest.param(
        '[[rule]]\ncode = "evil_eval"\nname = "Evil"\nseverity = "error"\nexplanation = "x"\n'
        'formula = "y = eval(x)"\nvariables = { x = "count", y = "count" }\n',
        6, r"bad formula: unknown function 'eval'", id="formula-eval-call"),
    pytest.param(
        '[[rule]]\ncode = "evil_attr"\nname = "Evil"\nseverity = "error"\nexplanation = "x"\n'
        'formula = "y = x.__class__"\nvariables = { x = "count", y = "count" }\n',
        6, r"bad formula", id="formula-attribute-access"),
    pytest.param(
        '[[rule]]\ncode = "no_kind"\nname = "No kind"\nseverity = "error"\nexplanation = "x"\n'
        'formula = "rate = part / whole * 100"\nvariables = { part = "count", rate = "percent" }\n',
        6, r"\['whole'\] have no kind", id="variable-without-kind"),
    pytest.param(
        '[[rule]]\ncode = "odd_kind"\nname = "Odd kind"\nseverity = "error"\nexplanation = "x"\n'
        'formula = "rate = part / whole * 100"\n'
        'variables = { part = "count", whole = "apples", rate = "percent" }\n',
        7, r"unknown kind 'apples'", id="variable-unknown-kind"),
    pytest.param(
        '# rate with + where / was meant\n[[rule]]\ncode = "bad_rate"\nname = "Bad rate"\nseverity = "error"\n'
        'explanation = "x"\nformula = "rate = part + whole * 100"\n'
        'variables = { part = "count", whole = "count", rate = "percent" }\n',
        7, r"dimensionally wrong", id="formula-dimensions-differ"),
    pytest.param(
        '[[rule]]\ncode = "count_plus_number"\nname = "x"\nseverity = "error"\nexplanation = "x"\n'
        'formula = "total = part + 100"\nvariables = { part = "count", total = "count" }\n',
        6, r"dimensionally wrong", id="formula-adds-count-and-number"),
]


@pytest.mark.parametrize("text, line, reason", MALFORMED)
def test_malformed_pack_is_refused_with_file_line_and_reason(tmp_path, text, line, reason):
    d = write_pack(tmp_path, text)
    message = refusal(d)
    assert_names_file_and_line(message, d / "relations.toml", line)
    assert re.search(reason, message), message
    assert "\n" not in message.strip()


def test_dimension_error_says_which_dimensions(tmp_path):
    d = write_pack(tmp_path, '[[rule]]\ncode = "bad_rate"\nname = "x"\nseverity = "error"\nexplanation = "x"\n'
                             'formula = "rate = part + whole * 100"\n'
                             'variables = { part = "count", whole = "count", rate = "percent" }\n')
    message = refusal(d)
    assert "[count]" in message and "dimensionless" in message, message


def test_dimension_error_of_an_addition_names_both_dimensions(tmp_path):
    d = write_pack(tmp_path, '[[rule]]\ncode = "count_plus_number"\nname = "x"\nseverity = "error"\nexplanation = "x"\n'
                             'formula = "total = part + 100"\nvariables = { part = "count", total = "count" }\n')
    message = refusal(d)
    assert "[count]" in message and "dimensionless" in message, message


def test_line_is_the_offending_rules_own_line(tmp_path):
    text = ('[[rule]]\ncode = "first"\nname = "First"\nseverity = "error"\n'
            'explanation = "Unlike the ratio rule below, this one is complete."\n\n'
            '[[rule]]\ncode = "ratio"\nname = "Ratio"\nseverity = "error"\n')
    d = write_pack(tmp_path, text)
    assert_names_file_and_line(refusal(d), d / "relations.toml", 8)


def test_formula_code_is_never_executed(tmp_path):
    sentinel = tmp_path / "pwned"
    d = write_pack(tmp_path, '[[rule]]\ncode = "evil"\nname = "Evil"\nseverity = "error"\nexplanation = "x"\n'
                             f'formula = "x = __import__(\'os\').system(\'touch {sentinel}\')"\n'
                             'variables = { x = "count" }\n')
    assert "bad formula" in refusal(d)
    assert not sentinel.exists()


def test_malformed_pack_on_the_command_line_exits_2(tmp_path, capsys):
    d = write_pack(tmp_path, '[[rule]]\ncode = "loud"\nname = "Loud"\nseverity = "critical"\nexplanation = "x"\n')
    assert main(["rules", "--rules", str(d), "--format", "json"]) == 2
    err = capsys.readouterr().err
    assert f"{d / 'relations.toml'}:4:" in err and "severity" in err


def test_missing_pack_directory_is_refused(tmp_path):
    with pytest.raises(RulePackError, match="not found"):
        load_rulepack((str(tmp_path / "nowhere"),))


def test_bad_claim_vocabulary_is_refused(tmp_path):
    d = tmp_path / "vocab"
    (d / "zh").mkdir(parents=True)
    (d / "zh" / "claims.toml").write_text('# words\nrate_words = ["成功率"]\npart_words = "化解"\n', encoding="utf-8")
    message = refusal(d)
    assert_names_file_and_line(message, d / "zh" / "claims.toml", 3)
    assert "list of strings" in message


VALID = '''# A user rule pack
[[rule]]
code = "multiple_of"
name = "Multiple of two counts"
severity = "warning"
formula = "times = new / old"
variables = { times = "multiple", new = "count", old = "count" }
explanation = """A stated multiple (翻了一番, doubled) must equal
the new count divided by the old."""
examples = ["from 150 to 300, doubled: 300 / 150 = 2"]
'''


#: binds the pack's multiple_of: a multiple (增长2倍, doubled) with the level and earlier value of its sentence
MULTIPLE_SCHEMA = """
[multiple_of]
explanation = "a from/to pair and the multiple between them"
anchor = { roles = ["multiple_change"], slot = "times" }
slots = { new = { roles = ["level"], agree = "old" }, old = { roles = ["reference"], agree = "new" } }
weights = { prior = 3.0 }
"""


def test_valid_user_pack_adds_a_rule_that_rules_lists(tmp_path, capsys):
    d = write_pack(tmp_path, VALID, schemas=MULTIPLE_SCHEMA)
    assert main(["rules", "--rules", str(d), "--format", "json"]) == 0
    rows = {r["code"]: r for r in json.loads(capsys.readouterr().out)["rules"]}
    assert "rate" in rows and "pp_diff" in rows  # the bundled pack is still there
    mine = rows["multiple_of"]
    assert mine["source"] == str(d / "relations.toml")
    assert mine["severity"] == "warning" and mine["formula"] == "times = new / old"
    assert mine["explanation"] == "A stated multiple (翻了一番, doubled) must equal the new count divided by the old."
    assert mine["examples"] == ["from 150 to 300, doubled: 300 / 150 = 2"]
    assert set(mine["solved"]) == {"times", "new", "old"}
    assert mine["solved"]["new"].replace(" ", "") in ("old*times", "times*old")


def test_user_rule_with_a_bundled_code_replaces_it(tmp_path, capsys):
    d = write_pack(tmp_path, '[[rule]]\ncode = "bound"\nname = "Rates within bounds (local)"\nseverity = "warning"\n'
                             'explanation = "Local policy: a rate above 100% is only a warning."\n')
    assert main(["rules", "--rules", str(d), "--format", "json"]) == 0
    rows = [r for r in json.loads(capsys.readouterr().out)["rules"] if r["code"] == "bound"]
    assert len(rows) == 1 and rows[0]["severity"] == "warning" and rows[0]["source"] == str(d / "relations.toml")


def test_formulas_are_never_passed_to_eval(tmp_path, monkeypatch):
    calls = []

    def forbidden(*args, **kwargs):
        calls.append(args[:1])
        raise AssertionError(f"eval/exec called with {args[:1]!r}")

    d = write_pack(tmp_path, VALID + '''
[[rule]]
code = "share_of"
name = "Share of a whole"
severity = "error"
formula = "share = part / whole * 100"
variables = { share = "percent", part = "count", whole = "count" }
explanation = "A share is the part over the whole."
''', name="fresh-pack", schemas=MULTIPLE_SCHEMA + SHARE_SCHEMA)
    import checker.rules  # noqa: F401  (importing the data package runs its __init__ through exec)

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    pack = load_rulepack((str(d),))  # fresh directory + empty cache: parse, compile, solve and check dimensions
    assert calls == []
    from fractions import Fraction

    share = pack.rules["share_of"]
    assert share.exact({"part": Fraction(37050), "whole": Fraction(37242)}) == Fraction(3705000, 37242)
    assert set(share.solutions) == {"share", "part", "whole"}
    from checker.formula import compile_exact

    assert compile_exact(share.solutions["whole"])({"part": Fraction(30), "share": Fraction(60)}) == 50
    assert pack.rules["multiple_of"].exact({"new": Fraction(300), "old": Fraction(150)}) == 2


SHARE_SCHEMA = """
[share_of]
explanation = "a share right after its part"
anchor = { roles = ["rate"], slot = "share" }
slots = { whole = { roles = ["level"], agree = "part" }, part = { roles = ["level"], agree = "whole" } }
"""


def test_a_user_rule_that_nothing_binds_is_refused(tmp_path):
    message = refusal(write_pack(tmp_path, VALID))
    assert_names_file_and_line(message, tmp_path / "pack" / "relations.toml", 3)
    assert "multiple_of" in message and "no schema" in message


def test_a_user_rule_without_formula_or_judge_is_refused(tmp_path):
    d = write_pack(tmp_path, '[[rule]]\ncode = "vibes"\nname = "Vibes"\nseverity = "warning"\n'
                             'explanation = "Numbers feel right."\n')
    message = refusal(d)
    assert "vibes" in message and "no formula and no built-in judge" in message


@pytest.mark.parametrize("schema, reason", [
    ('[x]\nrelation = "nope"\nanchor = { roles = ["rate"] }\nslots = { a = { roles = ["level"] } }\n', "no rule 'nope'"),
    ('[multiple_of]\nanchor = { roles = ["multiple_change"], slot = "times" }\nslots = { new = { roles = ["level"] } }\n',
     "must be the variables"),
    ('[multiple_of]\nanchor = { roles = ["multiple_change"] }\nslots = { new = { roles = ["level"] } }\nfoo = 1\n',
     "unknown keys"),
    ('[multiple_of]\nslots = { new = { roles = ["level"] } }\n', "'anchor' must be a table"),
    ('[multiple_of]\nanchor = { roles = ["multiple_change"], slot = "times" }\nslots = { new = { roles = ["level"] }, '
     'old = { roles = ["reference"] } }\nweights = { same_clauze = 1.0 }\n', "no feature ['same_clauze']"),
    ('[multiple_of]\nanchor = { roles = ["multiple_change"], slot = "times" }\nslots = { new = { roles = ["levels"] }, '
     'old = { roles = ["reference"] } }\n', "names no frame role ['levels']"),
    ('[multiple_of]\nanchor = { roles = ["multiple_change"], slot = "times" }\nslots = { new = { roles = ["level"], '
     'agrees = "old" }, old = { roles = ["reference"] } }\n', "unknown options ['agrees']"),
    ('[multiple_of]\nanchor = { roles = ["multiple_change"], slot = "times" }\nslots = { new = { roles = ["level"] }, '
     'old = { roles = ["reference"] } }\nweights = { prior = "high" }\n', "must be a number"),
])
def test_a_malformed_schema_is_refused_with_its_reason(tmp_path, schema, reason):
    message = refusal(write_pack(tmp_path, VALID, schemas=schema))
    assert str(tmp_path / "pack" / "schemas.toml") in message and reason in message


def test_a_bad_frame_cue_is_refused(tmp_path):
    d = tmp_path / "cues"
    (d / "zh").mkdir(parents=True)
    (d / "zh" / "frames.toml").write_text('up_before = ["(?:增长"]\n', encoding="utf-8")
    message = refusal(d)
    assert str(d / "zh" / "frames.toml") in message and "bad regular expression" in message


def test_a_user_relation_runs_through_the_generic_formula_judge(tmp_path):
    """A new relation is a data change: a formula and a schema, judged by the generic judge."""
    from checker.model import Document
    from checker.pipeline import check_document

    pack = load_rulepack((str(write_pack(tmp_path, VALID, schemas=MULTIPLE_SCHEMA)),))

    def judged(text: str):
        doc = Document("<t>", text, "utf-8", "", "zh")
        return [c for c in check_document(doc, pack).checks if c.rule == "multiple_of"]

    good = judged("全市快递业务量从150万件增长到300万件，增长2倍。")
    assert [c.verdict for c in good] == ["consistent"]
    bad = judged("全市快递业务量从150万件增长到300万件，增长3倍。")
    assert [c.verdict for c in bad] == ["inconsistent"]
    assert "2" in bad[0].recomputed and any("times" in s for s in bad[0].suggestions)


def test_shipped_derivations_match_the_bundled_rules(tmp_path, monkeypatch):
    """rules/derived.json (the sympy solutions shipped so a cold start needs no sympy) is current:
    regenerate it with `python -m checker.rulepack` after editing rules/relations.toml."""
    import json as _json

    from checker import rulepack
    from checker.lexicon import rules_dir

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    shipped = _json.loads((rules_dir() / rulepack.SHIPPED_DERIVATIONS).read_text(encoding="utf-8"))
    files = [rules_dir() / "relations.toml"]
    assert shipped["key"] == rulepack._key(files), "rules/derived.json is stale: run python -m checker.rulepack"
    dimensions = rulepack.load_toml(files[0])["dimensions"]
    assert shipped["solutions"] == rulepack.derive(rulepack._load_rules(files[0], dimensions), dimensions)


def test_bundled_pack_loads_without_sympy_or_pint(tmp_path):
    import subprocess
    import sys

    code = ("import sys; from checker.rulepack import load_rulepack; p = load_rulepack();"
            "assert p.rules['rate'].solutions; print(sorted(m for m in ('sympy', 'pint') if m in sys.modules))")
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("content, reason", [
    (b'code = "\xff\xfe"\n', "not valid UTF-8"),
    (b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
])
def test_a_hostile_pack_file_is_one_line(tmp_path, content, reason):
    d = tmp_path / "pack"
    d.mkdir()
    (d / "relations.toml").write_bytes(content)
    message = refusal(d)
    assert str(d / "relations.toml") in message and reason in message and "\n" not in message


RULE_WITH = '[[rule]]\ncode = "rate"\nname = "x"\nseverity = "error"\nexplanation = "x"\nformula = "{formula}"\n' \
            'variables = {{ part = "count", whole = "count", rate = "percent", new = "count", old = "count" }}\n'


@pytest.mark.parametrize("formula, reason", [
    ("rate = 10^10^10", "exponent"),
    ("rate = new ^ old", "exponent"),
    ("rate = " + "(" * 1000 + "part" + ")" * 1000, "too long"),
    ("rate = " + " + ".join(["part"] * 2000), "too long"),
])
def test_hostile_formulas_are_refused_in_one_line(tmp_path, formula, reason):
    message = refusal(write_pack(tmp_path, RULE_WITH.format(formula=formula)))
    assert str(tmp_path / "pack" / "relations.toml") in message and reason in message and "\n" not in message


def test_a_small_integer_exponent_is_still_accepted(tmp_path):
    pack = load_rulepack((str(write_pack(tmp_path, RULE_WITH.format(formula="rate = part ^ 2 / whole ^ 2 * 100"),
                                         schemas=None)),))
    from fractions import Fraction

    assert pack.rules["rate"].exact({"part": Fraction(3), "whole": Fraction(6)}) == 25


# -- formulas that would only fail while checking an article are refused at load (issue 12) ------

@pytest.mark.parametrize("formula, reason", [
    ("rate = rate * 2", "the target 'rate' appears on its own right-hand side"),
    ("rate = part / whole * 100 + rate", "its own right-hand side"),
    ("rate = sum(part) / whole", "sum() of a scalar"),
    ("rate = part / 0", "divides by the constant 0, which is zero"),
    ("rate = part / (3 - 3) * 100", "divides by the constant 3 - 3, which is zero"),
    ("rate = part * (1 / 0)", "divides by the constant 0"),
    ("rate = part / (whole - whole) * 100", "a divisor is zero whatever the values"),
    ("rate = part / whole * 100 + new - new", "its judge gives only ['part', 'rate', 'whole'], not ['new']"),
])
def test_formulas_that_cannot_run_are_refused_at_load(tmp_path, formula, reason):
    message = refusal(write_pack(tmp_path, RULE_WITH.format(formula=formula)))
    assert message.startswith(f"{tmp_path / 'pack' / 'relations.toml'}:6: rule 'rate'"), message
    assert reason in message and "\n" not in message


NEW_RULE = '[[rule]]\ncode = "ratio_x"\nname = "x"\nseverity = "error"\nexplanation = "x"\nformula = "{formula}"\n' \
           'variables = {{ a = "count", b = "count", c = "percent" }}\n'
SCHEMA_X = '[ratio_x]\nanchor = {{ roles = ["rate"], slot = "c" }}\nslots = {{ a = {{ roles = ["part"] }}, b = {{ roles = ["level"] }} }}\n'


def test_a_new_rule_cannot_sum_what_a_schema_binds_once(tmp_path):
    message = refusal(write_pack(tmp_path, NEW_RULE.format(formula="c = sum(a) / b * 100"), schemas=SCHEMA_X.format()))
    assert "rule 'ratio_x': sum() of a scalar" in message and ":6:" in message


def test_the_bundled_sum_rule_may_still_sum_its_parts(tmp_path):
    rule = '[[rule]]\ncode = "sum"\nname = "x"\nseverity = "error"\nexplanation = "x"\nformula = "total = sum(parts) + 0"\n' \
           'variables = { total = "count", parts = "count" }\n'
    pack = load_rulepack((str(write_pack(tmp_path, rule)),))
    assert pack.rules["sum"].formula_text == "total = sum(parts) + 0"
    assert "a list used as one number" in refusal(write_pack(tmp_path, rule.replace("sum(parts) + 0", "parts"), name="p2"))


def test_a_huge_result_makes_the_judge_abstain(tmp_path):
    """An article's huge number under a pack's (allowed) nested powers: the interval is unbounded
    past formula.MAX_BITS, so the judge has nothing to test, and nothing is computed at that size."""
    from fractions import Fraction

    from checker import formula as f

    pack = load_rulepack((str(write_pack(tmp_path, RULE_WITH.format(
        formula="rate = ((part ^ 6) ^ 6) ^ 6 / ((whole ^ 6) ^ 6) ^ 6 * 100"), schemas=None)),))
    big = Fraction(10) ** 300
    assert pack.rules["rate"].interval({"part": (big, big), "whole": (big, big + 1)}) == (None, None)
    with pytest.raises(OverflowError):
        pack.rules["rate"].exact({"part": big, "whole": big})
    assert pack.rules["rate"].interval({"part": (Fraction(3), Fraction(3)), "whole": (Fraction(6), Fraction(6))}) \
        == (Fraction(100, 2 ** 216), Fraction(100, 2 ** 216))
    with pytest.raises(OverflowError):
        f.capped(Fraction(2) ** (f.MAX_BITS + 1))


def test_a_damaged_formula_cache_costs_only_suggestions(tmp_path, monkeypatch):
    from checker import rulepack

    d = write_pack(tmp_path, RULE_WITH.format(formula="rate = part / whole * 100"), schemas=None)
    files = [d / "relations.toml"]
    key = rulepack._key([rulepack.rules_dir() / "relations.toml", *files])
    cache = rulepack._cache_path(key)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"rate": {"part": "whole * ) rate", "whole": ["x"]}, "sum": 3}), encoding="utf-8")
    pack = load_rulepack((str(d),))
    assert "part" not in pack.rules["rate"].solutions


@pytest.mark.parametrize("dimensions", ['dimensions = ["count"]', 'dimensions = "count"', 'dimensions = { count = 3 }'])
def test_malformed_dimensions_are_one_line(tmp_path, dimensions):
    """Found by tests/test_fuzz.py: a [dimensions] that is no table of strings was a ValueError."""
    message = refusal(write_pack(tmp_path, dimensions + "\n"))
    assert message == f"{tmp_path / 'pack' / 'relations.toml'}:1: [dimensions] must be a table of kind = \"pint unit\""


def test_a_rendered_formula_parses_again_at_the_depth_limit():
    """Found by tests/test_fuzz.py: 20 nested minus signs rendered as -(-(…)) exceeded MAX_DEPTH."""
    from checker import formula

    target, node = formula.parse("rate = " + "-" * formula.MAX_DEPTH + "part")
    assert formula.parse(f"{target} = {formula.render(node)}")[1] == node
