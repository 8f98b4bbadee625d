"""Formulas from rule packs: parsed safely, evaluated exactly, solved with sympy, checked with pint.

A rule file's formula is text such as ``rate = part / whole * 100``.  It is never given to
``eval``: a small recursive-descent parser accepts only numbers, variable names, + - * / ^,
parentheses and ``sum(...)``, and builds a tree.  A rule pack is untrusted input, so the parser
caps a formula's length (``MAX_CHARS``, ``MAX_TOKENS``) and nesting (``MAX_DEPTH``) with one-line
errors instead of a RecursionError, and an exponent is a small integer constant (|n| <= ``MAX_EXPONENT``),
so a number printed in an article can never become an exponent.  The tree is compiled once into closures that
evaluate exactly (``Fraction``) or over intervals.  sympy turns the tree into an equation and
solves it for each unknown (used for the suggested corrections), and pint checks that the two
sides have the same dimension given the variables' declared kinds.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import regex

#: ASCII digits only: a Unicode digit (some of which Fraction cannot read) is an unexpected character
_TOKEN = regex.compile(r"\s*(?:(?P<num>[0-9]+(?:\.[0-9]+)?)|(?P<name>[A-Za-z_][A-Za-z_0-9]*)|(?P<op>\*\*|[-+*/^(),=]))")
Interval = tuple[Fraction | None, Fraction | None]

MAX_CHARS = 2000  # characters of formula text
MAX_TOKENS = 500  # numbers, names and operators; also bounds the tree's depth for the recursive walks
MAX_DEPTH = 32  # nested parentheses, unary minus and powers
MAX_EXPONENT = 6  # the largest |n| of ``x ^ n``
#: The largest numerator or denominator (in bits) a computation may produce: far above any value an
#: article prints (a 40-character numeral is about 10^312, 1,040 bits), far below what exhausts memory
#: (nested small powers still multiply: ((x^6)^6)^6… of a printed number).
MAX_BITS = 20_000


class FormulaError(ValueError):
    """The formula text is not in the accepted grammar; the message says where."""


def capped(x: Fraction) -> Fraction:
    """``x``, or OverflowError when its numerator or denominator exceeds MAX_BITS: a result that size
    says nothing about an article and only costs memory (the judges then abstain)."""
    if x.numerator.bit_length() > MAX_BITS or x.denominator.bit_length() > MAX_BITS:
        raise OverflowError(f"a formula result exceeds {MAX_BITS} bits")
    return x


@dataclass(frozen=True, slots=True)
class Node:
    op: str  # "num", "var", "+", "-", "*", "/", "^", "neg", "sum"
    args: tuple = ()
    value: Fraction | str | None = None


def parse(text: str) -> tuple[str, Node]:
    """Parse ``target = expression``; return the target name and the expression tree."""
    if len(text) > MAX_CHARS:
        raise FormulaError(f"formula too long ({len(text)} characters; at most {MAX_CHARS})")
    tokens = _tokenize(text)
    if len(tokens) > MAX_TOKENS:
        raise FormulaError(f"formula too long ({len(tokens)} terms and operators; at most {MAX_TOKENS})")
    if len(tokens) < 3 or tokens[0][0] != "name" or tokens[1] != ("op", "="):
        raise FormulaError(f"expected 'name = expression', got {text!r}")
    parser = _Parser(tokens[2:], text)
    node = parser.expression()
    if parser.pos != len(parser.tokens):
        raise FormulaError(f"unexpected {parser.tokens[parser.pos][1]!r} in {text!r}")
    return tokens[0][1], node


def _tokenize(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m:
            raise FormulaError(f"unexpected character {text[pos]!r} at column {pos + 1} of {text!r}")
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, tokens, text):
        self.tokens, self.pos, self.text, self.depth = tokens, 0, text, 0

    def deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(f"formula too deep (more than {MAX_DEPTH} nested parentheses, signs or powers)")

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None)

    def take(self, value=None):
        tok = self.peek()
        if tok[0] is None or (value is not None and tok[1] != value):
            raise FormulaError(f"expected {value or 'more'} in {self.text!r}")
        self.pos += 1
        return tok

    def expression(self) -> Node:
        node = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            node = Node(op, (node, self.term()))
        return node

    def term(self) -> Node:
        node = self.factor()
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            node = Node(op, (node, self.factor()))
        return node

    def factor(self) -> Node:
        if self.peek()[1] == "-":
            self.take()
            self.deeper()
            node = Node("neg", (self.factor(),))
            self.depth -= 1
            return node
        base = self.atom()
        if self.peek()[1] in ("^", "**"):
            self.take()
            return Node("^", (base, self.exponent()))
        return base

    def exponent(self) -> Node:
        """``-n`` or ``n`` (optionally in parentheses), an integer with |n| <= MAX_EXPONENT."""
        wrapped = self.peek()[1] == "("
        if wrapped:
            self.take("(")
        sign = -1 if self.peek()[1] == "-" else 1
        if sign < 0:
            self.take()
        kind, value = self.peek()
        if kind != "num" or "." in value or int(value) > MAX_EXPONENT:
            raise FormulaError(f"an exponent must be an integer constant from -{MAX_EXPONENT} to {MAX_EXPONENT} "
                               f"in {self.text!r}")
        self.take()
        if wrapped:
            self.take(")")
        return Node("num", value=Fraction(sign * int(value)))

    def atom(self) -> Node:
        kind, value = self.peek()
        if kind == "num":
            self.take()
            return Node("num", value=Fraction(value))
        if kind == "name":
            self.take()
            if self.peek()[1] == "(":
                if value != "sum":
                    raise FormulaError(f"unknown function {value!r} in {self.text!r} (only sum)")
                self.take("(")
                arg = self.take()
                if arg[0] != "name":
                    raise FormulaError(f"sum() takes a list variable in {self.text!r}")
                self.take(")")
                return Node("sum", value=arg[1])
            return Node("var", value=value)
        if value == "(":
            self.take("(")
            self.deeper()
            node = self.expression()
            self.take(")")
            self.depth -= 1
            return node
        raise FormulaError(f"unexpected {value!r} in {self.text!r}")


def variables(node: Node) -> set[str]:
    if node.op in ("var", "sum"):
        return {node.value}
    out: set[str] = set()
    for a in node.args:
        out |= variables(a)
    return out


def _uses(node: Node) -> tuple[set[str], set[str]]:
    """The names used as plain variables, and those used as ``sum(name)``."""
    plain: set[str] = set()
    summed: set[str] = set()
    for n in _walk(node):
        if n.op == "var":
            plain.add(n.value)
        elif n.op == "sum":
            summed.add(n.value)
    return plain, summed


def summed_variables(node: Node) -> set[str]:
    """The names the formula adds up with ``sum()``: those must be lists."""
    return _uses(node)[1]


def constant(node: Node) -> Fraction | None:
    """The value of a subtree without variables (exactly, capped), None when it has variables or
    cannot be computed (a zero divisor inside it, a value over MAX_BITS)."""
    if any(n.op in ("var", "sum") for n in _walk(node)):
        return None
    try:
        return compile_exact(node)({})
    except (ZeroDivisionError, OverflowError):
        return None


def structure_problem(target: str, node: Node) -> str | None:
    """Why a parsed formula cannot be a rule, or None.  A rule pack is untrusted: these would only fail
    later, while checking an article (a KeyError, a TypeError, a division by zero)."""
    plain, summed = _uses(node)
    if target in plain | summed:
        return f"the target {target!r} appears on its own right-hand side"
    both = plain & summed
    if both:
        name = sorted(both)[0]
        return f"{name!r} is used both as a number and as the list of sum({name})"
    for n in _walk(node):
        if n.op == "/" and not any(m.op in ("var", "sum") for m in _walk(n.args[1])):
            value = constant(n.args[1])
            if value is None or value == 0:
                return f"divides by the constant {render(n.args[1])}, which is zero" if value == 0 else \
                    f"the constant divisor {render(n.args[1])} cannot be computed"
    return None


def compile_exact(node: Node) -> Callable[[dict], Fraction]:
    """A closure computing the expression exactly from a dict of Fractions (lists for sum())."""
    op = node.op
    if op == "num":
        v = node.value
        return lambda env: v
    if op == "var":
        name = node.value
        return lambda env: env[name]
    if op == "sum":
        name = node.value
        return lambda env: sum(env[name], Fraction(0))
    if op == "neg":
        f = compile_exact(node.args[0])
        return lambda env: -f(env)
    a, b = (compile_exact(x) for x in node.args)
    if op == "+":
        return lambda env: a(env) + b(env)
    if op == "-":
        return lambda env: a(env) - b(env)
    if op == "*":
        return lambda env: capped(a(env) * b(env))
    if op == "/":
        return lambda env: capped(a(env) / b(env))
    n = int(node.args[1].value)  # the parser allows only a small integer constant
    return lambda env: capped(a(env) ** n)


def compile_interval(node: Node) -> Callable[[dict], Interval]:
    """A closure computing the expression's range when each variable is an interval (lo, hi).

    None stands for an unbounded end.  Division by an interval containing zero is unbounded, and so
    is a result beyond MAX_BITS (OverflowError inside): a judge then has nothing to test and abstains,
    so an article's huge number with a pack's powers never ends in a traceback or exhausts memory.
    """
    inner = _compile_interval(node)

    def guarded(env: dict) -> Interval:
        try:
            return inner(env)
        except OverflowError:
            return None, None

    return guarded


def _compile_interval(node: Node) -> Callable[[dict], Interval]:
    op = node.op
    if op == "num":
        v = node.value
        return lambda env: (v, v)
    if op == "var":
        name = node.value
        return lambda env: env[name]
    if op == "sum":
        name = node.value

        def total(env):
            lo = hi = Fraction(0)
            for a, b in env[name]:
                lo = None if lo is None or a is None else lo + a
                hi = None if hi is None or b is None else hi + b
            return lo, hi

        return total
    if op == "neg":
        f = _compile_interval(node.args[0])

        def neg(env):
            lo, hi = f(env)
            return (None if hi is None else -hi, None if lo is None else -lo)

        return neg
    fa, fb = (_compile_interval(x) for x in node.args)
    if op == "^":
        n = int(node.args[1].value)
        return lambda env: _power(fa(env), n)
    return lambda env: _combine(op, fa(env), fb(env))


def _power(a: Interval, n: int) -> Interval:
    """An interval to a small integer power, by repeated interval products (right for any signs)."""
    out: Interval = (Fraction(1), Fraction(1))
    for _ in range(abs(n)):
        out = _combine("*", out, a)
    return _combine("/", (Fraction(1), Fraction(1)), out) if n < 0 else out


def _combine(op: str, a: Interval, b: Interval) -> Interval:
    if op == "+":
        return (None if a[0] is None or b[0] is None else a[0] + b[0],
                None if a[1] is None or b[1] is None else a[1] + b[1])
    if op == "-":
        return (None if a[0] is None or b[1] is None else a[0] - b[1],
                None if a[1] is None or b[0] is None else a[1] - b[0])
    if None in a or None in b:
        return _unbounded_product(op, a, b)
    if op == "*":
        products = [x * y for x in a for y in b]
        return capped(min(products)), capped(max(products))
    if op == "/":
        if b[0] <= 0 <= b[1]:
            return None, None
        quotients = [x / y for x in a for y in b]
        return capped(min(quotients)), capped(max(quotients))
    return _power(a, int(b[0]))


def _unbounded_product(op: str, a: Interval, b: Interval) -> Interval:
    """Products and quotients with an open end: keep what can be said for non-negative inputs."""
    nonneg = all(x is None or x >= 0 for x in (*a, *b))
    if not nonneg:
        return None, None
    if op == "*":
        lo = a[0] * b[0] if a[0] is not None and b[0] is not None else Fraction(0)
        hi = a[1] * b[1] if a[1] is not None and b[1] is not None else None
        return lo, hi
    if op == "/":
        if b[0] is not None and b[0] == 0:
            return None, None
        lo = a[0] / b[1] if a[0] is not None and b[1] is not None else Fraction(0)
        hi = a[1] / b[0] if a[1] is not None and b[0] not in (None, 0) else None
        return lo, hi
    return None, None


def to_sympy(node: Node, symbols: dict):
    import sympy

    op = node.op
    if op == "num":
        return sympy.Rational(node.value.numerator, node.value.denominator)
    if op in ("var", "sum"):
        return symbols[node.value]
    args = [to_sympy(a, symbols) for a in node.args]
    if op == "neg":
        return -args[0]
    if op == "+":
        return args[0] + args[1]
    if op == "-":
        return args[0] - args[1]
    if op == "*":
        return args[0] * args[1]
    if op == "/":
        return args[0] / args[1]
    return args[0] ** args[1]


def from_sympy(expr) -> Node:
    """Back from a sympy expression (+, *, ** with integer powers, rationals, symbols) to a Node."""
    import sympy

    if expr.is_Symbol:
        return Node("var", value=str(expr))
    if expr.is_Rational:
        return Node("num", value=Fraction(int(expr.p), int(expr.q)))
    if expr.is_Add:
        parts = [from_sympy(a) for a in expr.args]
        node = parts[0]
        for p in parts[1:]:
            node = Node("+", (node, p))
        return node
    if expr.is_Mul:
        parts = [from_sympy(a) for a in expr.args]
        node = parts[0]
        for p in parts[1:]:
            node = Node("*", (node, p))
        return node
    if expr.is_Pow and expr.exp.is_Integer:
        base = from_sympy(expr.base)
        if int(expr.exp) < 0:
            inv = Node("/", (Node("num", value=Fraction(1)), base))
            node = inv
            for _ in range(-int(expr.exp) - 1):
                node = Node("*", (node, inv))
            return node
        return Node("^", (base, Node("num", value=Fraction(int(expr.exp)))))
    raise FormulaError(f"cannot represent {sympy.srepr(expr)}")


def solve_for_each(target: str, node: Node) -> dict[str, Node]:
    """For ``target = node``, an expression for every variable in terms of the others (sympy)."""
    import sympy

    names = variables(node) | {target}
    symbols = {n: sympy.Symbol(n) for n in names}
    equation = sympy.Eq(symbols[target], to_sympy(node, symbols))
    out: dict[str, Node] = {target: node}
    for name in sorted(names - {target}):
        if any(n.op == "sum" and n.value == name for n in _walk(node)):
            continue
        solutions = sympy.solve(equation, symbols[name], rational=True)
        if len(solutions) == 1:
            try:
                out[name] = from_sympy(sympy.nsimplify(solutions[0]))
            except FormulaError:
                continue  # a root or a function our grammar cannot hold: no suggestion for this one
    return out


def _walk(node: Node):
    yield node
    for a in node.args:
        yield from _walk(a)


def render(node: Node) -> str:
    """Human-readable formula text."""
    op = node.op
    if op == "num":
        v = node.value
        return str(v.numerator) if v.denominator == 1 else f"({v.numerator}/{v.denominator})"
    if op == "var":
        return node.value
    if op == "sum":
        return f"sum({node.value})"
    if op == "neg":
        inner = render(node.args[0])
        # "--x" reads back as the same tree; "-(-x)" would too, but each parenthesis counts
        # towards MAX_DEPTH, and a rendering must parse again (derived solutions are stored as text)
        return f"-({inner})" if node.args[0].op in ("+", "-", "*", "/") else f"-{inner}"
    a, b = (render(x) for x in node.args)
    if op == "^":
        base = node.args[0]
        if not (base.op in ("var", "sum") or (base.op == "num" and base.value.denominator == 1 and base.value >= 0)):
            a = f"({a})"
        return f"{a} ^ {b}"
    if op in ("*", "/") and node.args[1].op in ("+", "-", "*", "/"):
        b = f"({b})"
    if op in ("*", "/") and node.args[0].op in ("+", "-"):
        a = f"({a})"
    if op == "-" and node.args[1].op in ("+", "-"):
        b = f"({b})"
    return f"{a} {op} {b}"


def check_dimensions(target: str, node: Node, kinds: dict[str, str], dimensions: dict[str, str]) -> str | None:
    """pint: the formula's two sides must have one dimension.  Returns a reason, or None if fine."""
    import pint

    ureg = pint.UnitRegistry(None)
    for definition in ("count = [count]", "percent = 0.01", "yuan = [currency]", "year = [time]", "meter = [length]"):
        ureg.define(definition)
    env = {}
    for i, (name, kind) in enumerate(sorted(kinds.items())):
        unit = dimensions.get(kind)
        if unit is None:
            return f"variable {name!r} has unknown kind {kind!r}"
        # distinct, unremarkable magnitudes: ``a / (b - c)`` must not divide by zero by accident,
        # so a ZeroDivisionError here means a divisor that is zero whatever the article says
        env[name] = ureg.Quantity(1.5 + 0.7071 * i + 0.1 * i * i, unit)

    def ev(n: Node):
        if n.op == "num":
            return float(n.value)
        if n.op == "var":
            return env[n.value]
        if n.op == "sum":
            return env[n.value]
        if n.op == "neg":
            return -ev(n.args[0])
        a, b = ev(n.args[0]), ev(n.args[1])
        return {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b,
                "^": lambda: a ** b}[n.op]()

    try:
        rhs = ev(node)
        lhs = env[target]
        rhs_q = rhs if isinstance(rhs, ureg.Quantity) else ureg.Quantity(rhs, "")
        if lhs.dimensionality != rhs_q.dimensionality:
            return f"{target} is {lhs.dimensionality} but the right side is {rhs_q.dimensionality}"
    except pint.DimensionalityError as exc:
        dims = [str(d) or "dimensionless" for d in (exc.dim1, exc.dim2)]
        if dims == ["dimensionless", "dimensionless"]:
            dims = [str(ureg.Quantity(1, u).dimensionality) if u else "dimensionless" for u in (exc.units1, exc.units2)]
            dims = [d if d not in ("", "dimensionless") else "dimensionless" for d in dims]
        return f"adds quantities of different dimensions ({dims[0]} and {dims[1]})"
    except KeyError as exc:
        return f"variable {exc.args[0]!r} has no declared kind"
    except ZeroDivisionError:
        return "a divisor is zero whatever the values (for example x / (y - y))"
    except OverflowError:
        return "a value overflows (the formula's constants are too large)"
    return None
