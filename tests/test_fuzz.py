"""Property tests of every stage on hostile input (issue 12, deliverable 8).

Each stage gets generated input that mixes what articles and rule packs really hold (Chinese and
Arabic numerals, 万/亿, percents, 分别/respectively lists, cue words) with what breaks parsers
(control and bidi characters, digits of other scripts, blank-line runs, stray bytes, deep nesting),
and must keep three promises:

- **no exception** but the documented one-line error of the stage (InputError, FormulaError,
  ConfigError, RulePackError);
- **spans map back**: ``text[start:end]`` is every mention's text and every check's quote, a
  check's numbers lie inside its span, the normalizer's offset map is exact and increasing;
- **bounded output**: a claim is never emitted once per pair of numbers, so the checks of a
  document are at most linear in its mentions.

Budgets are hypothesis settings profiles, chosen with ``HYPOTHESIS_PROFILE``: "ci" (the default,
``make test``: 30 examples a stage, derandomized, so the suite is deterministic) and "fuzz"
(``make fuzz``: 10,000 a stage, random; ``CHECKER_FUZZ_EXAMPLES`` changes the number).  A failure is recorded and the run carries on, so that one
run counts every crash; each stage's test then fails listing its first reproducers.  Under "fuzz" a
summary is printed at the end: cases tried per stage, crashes, wrong spans and the slowest inputs.
"""
from __future__ import annotations

import contextlib
import heapq
import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import config, formula
from checker.extract import extract
from checker.lexer import detect_language
from checker.lexicon import RulePackError
from checker.model import Document
from checker.normalize import normalize, translate
from checker.pipeline import check_document
from checker.reader import InputError, decode
from checker.rulepack import load_rulepack

_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
          HealthCheck.function_scoped_fixture]
settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True, database=None,
                          suppress_health_check=_QUIET, print_blob=True)
settings.register_profile("fuzz", max_examples=int(os.environ.get("CHECKER_FUZZ_EXAMPLES", "10000")), deadline=None, database=None,
                          suppress_health_check=_QUIET, print_blob=True)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
FUZZ = settings(settings.get_profile(PROFILE if PROFILE in ("ci", "fuzz") else "ci"))

#: checks per mention a document may yield (a triple of numbers gives a rate, a granularity, a
#: part-of-whole...; 10,000 其中 in one clause give 9 checks each): above it, output is pairwise
CHECKS_PER_MENTION = 12


# ------------------------------------------------------------------------------------ ledger


@dataclass
class Stage:
    tried: int = 0
    crashes: list[str] = field(default_factory=list)
    wrong_spans: list[str] = field(default_factory=list)


LEDGER: dict[str, Stage] = {}
SLOWEST: list[tuple[float, str, str]] = []  # a min-heap of the 5 slowest (seconds, stage, shape)


def observe(stage: str, value, run: Callable[[object], list[str] | None], allowed: tuple[type[BaseException], ...] = ()):
    """Run one case: time it, count it, and record an unexpected exception or a broken promise
    (``run`` returns the list of wrong spans it found) instead of stopping the whole run."""
    entry = LEDGER.setdefault(stage, Stage())
    entry.tried += 1
    started = time.perf_counter()
    problems: list[str] | None = None
    try:
        problems = run(value)
    except allowed:
        pass
    except Exception as exc:  # the point of the suite: any other exception is a crash
        where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(traceback.extract_tb(exc.__traceback__))
                      if "/checker/" in f.filename), "?")
        entry.crashes.append(f"{type(exc).__name__} at {where}: {str(exc)[:160]} <- {value!r:.300}")
    elapsed = time.perf_counter() - started
    item = (elapsed, stage, shape(value))
    if len(SLOWEST) < 5:
        heapq.heappush(SLOWEST, item)
    elif elapsed > SLOWEST[0][0]:
        heapq.heapreplace(SLOWEST, item)
    for p in problems or ():
        entry.wrong_spans.append(f"{p} <- {value!r:.300}")


CJK_NUMERAL = regex.compile(r"[一二两三四五六七八九十百千万亿]")


def assert_clean(stage: str) -> None:
    entry = LEDGER.get(stage, Stage())
    assert entry.tried > 0
    assert not entry.crashes, f"{len(entry.crashes)} crashes in {stage}, first: " + "\n".join(entry.crashes[:3])
    assert not entry.wrong_spans, f"{len(entry.wrong_spans)} wrong spans in {stage}, first: " + "\n".join(entry.wrong_spans[:3])


_FEATURES = (("分别", "分别"), ("respectively", "respectively"), ("\n", "newlines"), ("年", "年"), ("%", "%"),
             ("\x1b", "ESC"), ("<!--", "directives"), ("万", "万"), ("亿", "亿"))


def shape(value) -> str:
    """A short description of an input (its size and what it is made of), for the slowest list."""
    if isinstance(value, bytes):
        return f"{len(value)} bytes, {value.count(0)} NUL, {sum(b > 127 for b in value)} high"
    if isinstance(value, tuple):  # (text, language) or (formula, draw): the first says the shape
        return shape(value[0]) + (f" ({value[1]})" if isinstance(value[1], str) else "")
    if isinstance(value, dict):
        return f"pack of {len(value)} files: " + ", ".join(f"{k} ({len(v)} bytes)" for k, v in value.items())
    text = str(value)
    parts = [f"{len(text)} chars", f"{sum(ch.isdigit() for ch in text)} digits"]
    parts += [f"{name}×{text.count(needle)}" for needle, name in _FEATURES if text.count(needle) > 1]
    return ", ".join(parts)


@pytest.fixture(scope="module", autouse=True)
def summary(request):
    """The fuzz run's report, printed once the stages have run (only under the "fuzz" profile)."""
    yield
    if PROFILE != "fuzz":
        return
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled() if capture else contextlib.nullcontext():
        _print_summary(print)


def _print_summary(write) -> None:
    write("")
    write(f"fuzz summary (profile {PROFILE!r}, {FUZZ.max_examples} examples a stage):")
    write(f"  {'stage':<12} {'tried':>7} {'crashes':>8} {'wrong spans':>12}")
    for name, entry in LEDGER.items():
        write(f"  {name:<12} {entry.tried:>7} {len(entry.crashes):>8} {len(entry.wrong_spans):>12}")
        for line in (entry.crashes + entry.wrong_spans)[:3]:
            write(f"      {line[:240]}")
    write("  slowest inputs:")
    for elapsed, stage, what in sorted(SLOWEST, reverse=True):
        write(f"    {elapsed * 1000:9.1f} ms  {stage:<10} {what}")


# ------------------------------------------------------------------------------------ strategies

ZH_WORDS = ["共", "受理", "纠纷", "起", "件", "人", "万元", "其中", "分别", "同比", "增长", "下降", "比上年", "从", "到",
            "提高", "个百分点", "占", "合计", "化解率", "成功率达", "%", "％", "万", "亿", "千万", "万亿", "余", "多",
            "近", "约", "超过", "年", "月", "连续", "成立以来", "三个方面：", "两项", "倍", "翻了一番", "元", "、", "，",
            "。", "；", "：", "（", "）", "“", "”", "一", "二", "三", "十", "百", "千", "两", "零", "〇", "半", "第",
            "盗窃", "诈骗", "和", "及"]
EN_WORDS = [" respectively", " rose", " fell", " from", " to", " percent", "%", " of", " total", " and", " cases",
            " million", " billion", " nearly", " more than", " about", " down", " up", " year on year", ",", ".",
            ";", ":", "(", ")", " A", " B", " The", " were", " twice", " half", " per cent", " points", " in"]
HOSTILE = ["\n", "\n\n", "\n\n\n\n", " ", "\u3000", "\t", "\r", "\r\n", "\x00", "\x07", "\x1b[2J", "\x1b]52;c;eA==\x1b\\",
           "\x7f", "\x9b", "\u202e", "\u2066", "\u200b", "\u200d", "\u00a0", "\ufeff", "\u00ad", "\u2028", "\ufffd",
           "<!-- checker-disable-next-line rate: r -->", "<!-- checker-disable rate", "<!-- checker-enable -->", "-->",
           "# ", "1. ", "(一)", "一、", "**", "[", "]", "<b>", "&amp;", "\U0001f600", "𠀀"]
OTHER_DIGITS = ["٣", "٠", "۵", "५", "໓", "༣", "𝟓", "５", "１２", "\U00016d72", "\U00011f53", "᠑", "①", "Ⅻ", "²", "½"]


@st.composite
def arabic(draw) -> str:
    digits = draw(st.sampled_from([1, 1, 2, 3, 4, 5, 8, 13, 31, 45]))
    whole = str(draw(st.integers(0, 10 ** digits - 1)))
    if draw(st.booleans()) and len(whole) > 3:
        sep = draw(st.sampled_from([",", "，", " ", "\u00a0", "\u200b"]))
        head = len(whole) % 3 or 3
        whole = whole[:head] + "".join(sep + whole[i:i + 3] for i in range(head, len(whole), 3))
    if draw(st.booleans()):
        whole += "." + str(draw(st.integers(0, 999)))
    return whole


ZH_NUMERAL = st.text(alphabet="零〇一二三四五六七八九十百千万亿两", min_size=1, max_size=8)
TOKEN = st.one_of(st.sampled_from(ZH_WORDS), st.sampled_from(EN_WORDS), st.sampled_from(HOSTILE),
                  st.sampled_from(OTHER_DIGITS), arabic(), ZH_NUMERAL)
SOUP = st.lists(TOKEN, max_size=80).map("".join)


@st.composite
def sentences(draw) -> str:
    """Claim-shaped text: whole/part/rate, changes, 分别 and respectively lists, with noise between."""
    n = lambda: draw(arabic())  # noqa: E731
    shapes = [
        lambda: f"共受理纠纷{n()}起，化解{n()}起，化解率{n()}%。",
        lambda: f"{n()}年受理{n()}起，比上年增长{n()}%，{draw(st.sampled_from(['同比', '环比', '']))}下降{n()}个百分点。",
        lambda: "盗窃、诈骗、抢劫" + "分别" + "、".join(f"{n()}起" for _ in range(draw(st.integers(0, 6)))) + "。",
        lambda: "A, B and C rose " + ", ".join(f"{n()}%" for _ in range(draw(st.integers(0, 5)))) + ", respectively.",
        lambda: f"There were {n()} cases, down {n()}% from {n()} in {n()}.",
        lambda: f"全年共{n()}万元，其中{n()}万元，占{n()}%，{draw(ZH_NUMERAL)}倍。",
        lambda: f"{n()}年成立以来连续{n()}年，" * draw(st.integers(1, 4)),
        lambda: "三个方面：" + "；".join(draw(st.lists(SOUP, max_size=4))) + "。",
        lambda: f"从{n()}起增加到{n()}起，增长{n()}%。",
    ]
    pieces = draw(st.lists(st.one_of(st.sampled_from(range(len(shapes))).map(lambda i: shapes[i]()), SOUP,
                                     st.sampled_from(HOSTILE)), min_size=1, max_size=8))
    return "".join(pieces)


ARTICLES = st.one_of(SOUP, sentences(), st.text(max_size=200))


def document(text: str, language: str | None = None) -> Document:
    return Document(path="<fuzz>", text=text, encoding="utf-8", sha256="", language=language or detect_language(text))


# ------------------------------------------------------------------------------------ normalize


def normalize_promises(text: str) -> list[str]:
    norm = normalize(text)
    translated = translate(text)
    out = []
    if len(translated) != len(text):
        out.append("translate changed the length")
    last = -1
    for i, ch in enumerate(norm.text):
        o = norm.to_original(i)
        if not 0 <= o < len(text) or o <= last:
            out.append(f"offset {i} maps to {o} (after {last})")
            break
        if translated[o] != ch:
            out.append(f"normalized {ch!r} at {i} maps to {translated[o]!r} at {o}")
            break
        last = o
    return out


def test_fuzz_normalize():
    @FUZZ
    @given(ARTICLES)
    def prop(text):
        observe("normalize", text, normalize_promises)

    prop()
    assert_clean("normalize")


# ------------------------------------------------------------------------------------ lexer / extract


def mention_promises(doc: Document, mentions) -> list[str]:
    out = []
    for m in mentions:
        if not (0 <= m.start < m.end <= len(doc.text)) or doc.text[m.start:m.end] != m.text:
            out.append(f"mention {m.text!r} at {m.start}:{m.end} reads {doc.text[m.start:m.end]!r}")
        elif m.line < 1 or m.column < 1:
            out.append(f"mention {m.text!r} at line {m.line}, column {m.column}")
    return out


def extract_promises(case: tuple[str, str]) -> list[str]:
    text, language = case
    doc = document(text, language)
    return mention_promises(doc, extract(doc).mentions)


def test_fuzz_extract():
    @FUZZ
    @given(st.tuples(ARTICLES, st.sampled_from(["zh", "en"])))
    def prop(case):
        observe("extract", case, extract_promises)

    prop()
    assert_clean("extract")


# ------------------------------------------------------------------------------------ claims + evaluate

PACK = None


def check_promises(case: tuple[str, str]) -> list[str]:
    global PACK
    PACK = PACK or load_rulepack()
    text, language = case
    doc = document(text, language)
    result = check_document(doc, PACK)
    mentions = result.extraction.mentions if result.extraction is not None else extract(doc).mentions
    out = mention_promises(doc, mentions)
    for c in result.checks:
        if not (0 <= c.start <= c.end <= len(text)) or text[c.start:c.end] != c.quote:
            out.append(f"check {c.rule} at {c.start}:{c.end} quotes {c.quote!r}")
        for ref in c.numbers:
            if not (c.start <= ref.mention.start and ref.mention.end <= c.end):
                out.append(f"check {c.rule} at {c.start}:{c.end} has number {ref.mention.text!r} "
                           f"at {ref.mention.start}:{ref.mention.end} outside it")
        if c.verdict not in ("consistent", "inconsistent"):
            out.append(f"check {c.rule} has verdict {c.verdict!r}")
    # (an enumeration counts a numeral the lexer leaves out as no statistic, 两 of “两五”: it bounds too)
    numerals = len(mentions) + len(CJK_NUMERAL.findall(text))
    if len(result.checks) > CHECKS_PER_MENTION * numerals:
        out.append(f"{len(result.checks)} checks from {numerals} mentions and numerals")
    refs = sum(len(c.numbers) for c in result.checks)
    if refs > 4 * CHECKS_PER_MENTION * numerals:
        out.append(f"{refs} numbers in checks from {numerals} mentions and numerals")
    return out


def test_fuzz_check_document():
    @FUZZ
    @given(st.tuples(st.one_of(sentences(), SOUP), st.sampled_from(["zh", "en"])))
    def prop(case):
        observe("check", case, check_promises)

    prop()
    assert_clean("check")


# ------------------------------------------------------------------------------------ reader.decode

CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "gb18030", "big5",
          "euc_jp", "euc_kr", "shift_jis", "cp1252", "mac_roman", "latin-1"]


@st.composite
def encoded(draw) -> bytes:
    text = draw(st.one_of(sentences(), SOUP, st.text(max_size=120)))
    data = text.encode(draw(st.sampled_from(CODECS)), errors="ignore")
    for _ in range(draw(st.integers(0, 3))):  # stray bytes
        at = draw(st.integers(0, len(data)))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at:]
    return data


def decode_promises(data: bytes) -> list[str]:
    text, codec = decode(data, "fuzz.txt")
    out = []
    if not isinstance(text, str) or not isinstance(codec, str):
        out.append(f"decode returned {type(text).__name__}, {type(codec).__name__}")
    try:
        plain = data.decode("utf-8")
    except UnicodeDecodeError:
        plain = None
    if plain is not None and "\x00" not in plain and not plain.startswith("\ufeff") and text != plain:
        out.append(f"valid UTF-8 read as {codec}")
    return out


def test_fuzz_decode():
    @FUZZ
    @given(st.one_of(st.binary(max_size=300), encoded()))
    def prop(data):
        observe("decode", data, decode_promises, (InputError,))

    prop()
    assert_clean("decode")


# ------------------------------------------------------------------------------------ formulas

NAMES = ["part", "whole", "rate", "new", "old", "change", "parts", "total", "x", "sum", "_", "a1"]
FORMULA_TOKENS = st.one_of(st.sampled_from(NAMES), st.sampled_from(list("+-*/^()=,") + ["**", " ", "sum(", "0", "1", "100"]),
                           arabic(), st.sampled_from(OTHER_DIGITS + HOSTILE[:12]))
FORMULAS = st.one_of(
    st.lists(FORMULA_TOKENS, max_size=40).map(" ".join),
    st.tuples(st.sampled_from(NAMES), st.lists(FORMULA_TOKENS, min_size=1, max_size=30).map("".join)).map(" = ".join),
    st.integers(1, 80).map(lambda k: "rate = " + "(" * k + "part" + ")" * k),
    st.integers(1, 40).map(lambda k: "rate = " + "-" * k + "part"),
    st.text(max_size=60),
)
VALUES = st.one_of(st.integers(-10 ** 6, 10 ** 6).map(Fraction), st.fractions(max_denominator=1000),
                   st.sampled_from([Fraction(0), Fraction(10) ** 300, Fraction(1, 10 ** 300)]))
INTERVALS = st.one_of(st.tuples(VALUES, VALUES).map(lambda t: (min(t), max(t))),
                      st.tuples(st.one_of(st.none(), VALUES), st.one_of(st.none(), VALUES)).map(
                          lambda t: t if None in t else (min(t), max(t))))


def formula_promises(case) -> list[str]:
    text, draw = case
    try:
        target, node = formula.parse(text)
    except formula.FormulaError:
        return []
    out = []
    formula.structure_problem(target, node)
    try:  # derived solutions are stored as rendered text: a rendering must parse again
        _, again = formula.parse(f"{target} = {formula.render(node)}")
    except formula.FormulaError as exc:
        return [f"render gives {formula.render(node)!r}, which does not parse ({exc})"]
    summed = formula.summed_variables(node)
    env = {name: ([draw(INTERVALS) for _ in range(3)] if name in summed else draw(INTERVALS))
           for name in formula.variables(node)}
    lo, hi = formula.compile_interval(node)(env)  # never raises: unbounded when it cannot say
    if lo is not None and hi is not None and lo > hi:
        out.append(f"interval ({lo}, {hi}) is reversed")
    exact_env = {name: ([draw(VALUES) for _ in range(3)] if name in summed else draw(VALUES)) for name in env}
    values = []
    for tree in (node, again):
        try:
            values.append(formula.compile_exact(tree)(exact_env))
        except (ZeroDivisionError, OverflowError) as exc:
            values.append(type(exc).__name__)
    if values[0] != values[1]:
        out.append(f"{text!r} gives {values[0]} but its rendering {formula.render(node)!r} gives {values[1]}")
    return out


def test_fuzz_formula():
    @FUZZ
    @given(FORMULAS, st.data())
    def prop(text, data):
        observe("formula", (text, data.draw), formula_promises)

    prop()
    assert_clean("formula")


# ------------------------------------------------------------------------------------ config and rule packs

TOML_SCALARS = st.one_of(st.text(max_size=20), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                         st.booleans(), st.sampled_from(["error", "never", "zh", "en", "[z-a]", "**/*.md", "round_half_up",
                                                         "count", "percent", "rate = part / whole * 100"]))
TOML_VALUES = st.recursive(TOML_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                                 st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                           max_leaves=12)


def toml_value(v) -> str:
    """A value as TOML (a tiny writer: the suite needs no TOML library beyond tomllib)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + "".join(ch if ch.isprintable() and ch not in '"\\' else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000
                             else f"\\U{ord(ch):08x}" for ch in v) + '"'
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return "{" + ", ".join(f"{toml_value(k)} = {toml_value(x)}" for k, x in v.items()) + "}"


def toml_table(keys: list[str]):
    return st.dictionaries(st.one_of(st.sampled_from(keys), st.text(max_size=8)), TOML_VALUES, max_size=6).map(
        lambda d: "".join(f"{toml_value(k)} = {toml_value(v)}\n" for k, v in d.items()))


@st.composite
def mutated(draw, text: str) -> bytes:
    """A valid file with bytes inserted, deleted or duplicated: near-misses of the grammar."""
    data = text.encode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "repeat"]))
        if op == "insert":
            data = data[:at] + draw(st.sampled_from([b"[", b"]", b"{", b'"', b"=", b"\n", b"\xff", b"\x00", b"#",
                                                     b"[[rule]]\n", b"'''", b"\\"])) + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 8)):]
        else:
            data = data[:at] + data[at:at + 20] * draw(st.integers(2, 50)) + data[at:]
    return data


CONFIG = 'fail_on = "warning"\ninclude = ["docs/**/*.md"]\nexclude = ["drafts/*"]\nrounding = ["round_half_up"]\n' \
         'lang = "zh"\nbaseline = ".checker-baseline.json"\n'
CONFIG_FILES = st.one_of(toml_table(list(config.KEYS)).map(str.encode), mutated(CONFIG), st.binary(max_size=120),
                         st.integers(1, 3000).map(lambda k: b"a = " + b"[" * k + b"]" * k))


@pytest.fixture(scope="module")
def scratch():
    """A directory for the files the cases write (rule-pack caches go there too)."""
    path = Path(tempfile.mkdtemp(prefix="checker-fuzz-"))
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(path / "cache")
    yield path
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before
    shutil.rmtree(path, ignore_errors=True)


def test_fuzz_config(scratch):
    counter = iter(range(10 ** 9))

    def load(data: bytes) -> None:
        name = "pyproject.toml" if data.startswith(b"[tool") else ".checker.toml"
        path = scratch / f"config{next(counter)}" / name
        path.parent.mkdir()
        path.write_bytes(data)
        try:
            config.load_config(explicit=str(path))
        finally:
            shutil.rmtree(path.parent)

    @FUZZ
    @given(st.one_of(CONFIG_FILES, toml_table(list(config.KEYS)).map(lambda t: b"[tool.checker]\n" + t.encode())))
    def prop(data):
        observe("config", data, load, (config.ConfigError,))

    prop()
    assert_clean("config")


RULE = '[[rule]]\ncode = "{code}"\nname = "x"\nseverity = "{severity}"\nexplanation = "x"\nformula = "{formula}"\n' \
       'variables = {{ part = "count", whole = "count", rate = "percent", new = "count", old = "count", parts = "count", ' \
       'total = "count", change = "percent" }}\n'
SCHEMA = '[{code}]\nanchor = {{ roles = ["rate"] }}\nslots = {{ part = {{ roles = ["part"] }}, whole = {{ roles = ["level"] }} }}\n'
PACK_FILES = st.fixed_dictionaries({
    "relations.toml": st.one_of(
        st.tuples(st.sampled_from(["rate", "sum", "change_pct", "fuzz_rule"]), st.sampled_from(["error", "warning", "x"]),
                  FORMULAS.map(lambda f: f.replace("\\", "").replace('"', "")))
        .map(lambda t: RULE.format(code=t[0], severity=t[1], formula=t[2]).encode()),
        mutated(RULE.format(code="rate", severity="error", formula="rate = part / whole * 100")),
        toml_table(["rule", "dimensions", "code"]).map(str.encode),
    ),
}, optional={
    "schemas.toml": st.one_of(st.sampled_from(["rate", "fuzz_rule"]).map(lambda c: SCHEMA.format(code=c).encode()),
                              mutated(SCHEMA.format(code="fuzz_rule")), toml_table(["defaults", "rate"]).map(str.encode)),
    "zh/claims.toml": st.one_of(toml_table(["total_cues", "part_cues"]).map(str.encode), st.binary(max_size=60)),
    "zh/frames.toml": st.one_of(toml_table(["rate", "change"]).map(str.encode),
                                st.sampled_from([b'rate = ["("]\n', b'rate = ["(?<=a+)b"]\n', b'rate = ["' + b"(" * 200 + b'"]\n'])),
    "zh/enumeration.toml": toml_table(["numerals", "terms"]).map(str.encode),
})


def test_fuzz_rulepack(scratch):
    counter = iter(range(10 ** 9))

    def load(files: dict[str, bytes]) -> None:
        root = scratch / f"pack{next(counter)}"
        try:
            for name, data in files.items():
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / name).write_bytes(data)
            load_rulepack((str(root),))
        finally:
            load_rulepack.cache_clear()  # one pack per case: the cache would keep them all
            shutil.rmtree(root, ignore_errors=True)

    @FUZZ
    @given(PACK_FILES)
    def prop(files):
        observe("rulepack", files, load, (RulePackError,))

    prop()
    assert_clean("rulepack")
