"""The lexer against the team's hand-annotated numeric expressions (../shared/eval/numbers_gold.jsonl).

Bar: at least 98% read exactly right (value, kind, scale, qualifier); the ``none`` items must yield
no statistic.  Every miss is printed so a failure says what to fix.
"""
from __future__ import annotations

import json
import math

from conftest import mentions_of, need_shared

# The gold file's kinds, and the lexer kinds that answer each.
KIND_MAP = {
    "number": {"count", "measure", "duration", "ordinal"},
    "percent": {"percent"},
    "pp": {"percentage_points"},
    "multiple": {"multiple"},
    "money": {"money"},
    "fraction": {"fraction"},
}


def judge(item: dict) -> str | None:
    """None when the lexer reads the item right, else a one-line description of the miss."""
    ctx, surf = item["ctx"], item["surf"]
    at = ctx.find(surf)
    assert at >= 0, item["id"]
    lo, hi = at, at + len(surf)
    found = [m for m in mentions_of(ctx) if m.start < hi and m.end > lo]
    if item["kind"] == "none":
        bad = [m for m in found if m.is_statistic and m.value is not None
               and any(math.isclose(float(m.value), f) for f in item["forbid"])]
        return f"{item['id']}: {surf!r} read as a statistic {[(m.text, m.kind) for m in bad]}" if bad else None
    stats = [m for m in found if m.kind not in ("year", "date", "code")]
    if not stats:
        return f"{item['id']}: {surf!r} not found (got {[(m.text, m.kind) for m in found]})"
    m = stats[0]
    problems = []
    if item["kind"] == "range":
        want_lo, want_hi = item["value"]
        if not m.is_range or m.low is None or m.high is None or not (
            math.isclose(float(m.low), want_lo) and math.isclose(float(m.high), want_hi)):
            problems.append(f"range {m.low}..{m.high} is_range={m.is_range}")
        kinds = KIND_MAP.get(item["range_kind"], {item["range_kind"]})
    else:
        kinds = KIND_MAP[item["kind"]]
        if m.value is None or not math.isclose(float(m.value), item["value"], rel_tol=1e-6):
            problems.append(f"value {m.value}")
        if m.scale != item.get("mult", 1):
            problems.append(f"scale {m.scale}")
        if m.qualifier != item.get("approx"):
            problems.append(f"qualifier {m.qualifier}")
    if m.kind not in kinds:
        problems.append(f"kind {m.kind}")
    return f"{item['id']}: {surf!r} -> {m.text!r}: " + ", ".join(problems) if problems else None


def test_numbers_gold_at_least_98_percent():
    path = need_shared("eval", "numbers_gold.jsonl")
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    misses = [miss for miss in map(judge, items) if miss]
    for miss in misses:
        print("MISS", miss)
    right = len(items) - len(misses)
    print(f"numbers gold: {right}/{len(items)} = {right / len(items):.1%}")
    assert right / len(items) >= 0.98, "\n".join(misses)
    # Every `none` item must be clean: labels, codes and years are never statistics.
    assert not [m for m in misses if "read as a statistic" in m]
