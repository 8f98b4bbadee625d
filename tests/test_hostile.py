"""Hostile input for the engine: many numbers in one sentence, a long article, malformed packs.

These assert completion and sane results, not timings (timings live in benchmarks/bench_check.py).
"""
from __future__ import annotations

from checker.model import Document
from checker.pipeline import check_document
from checker.rulepack import load_rulepack


def test_ten_thousand_numbers_in_one_sentence_pair_only_neighbours():
    text = "共受理" + "，".join(f"{i}起，化解{i - 1}起，化解率{(i - 1) / i * 100:.1f}%" for i in range(10, 3343)) + "。"
    checks = check_document(Document("x", text, "utf-8", "", "zh"), load_rulepack()).checks
    rates = [c for c in checks if c.rule == "rate"]
    # one rate per (received, resolved, rate) triple: no pairing across the whole sentence
    assert 3000 <= len(rates) <= 3400
    assert all(c.end - c.start < 40 for c in rates)


def test_sentence_of_bare_numbers_gives_no_checks():
    text = "，".join(str(i) for i in range(10000)) + "。"
    checks = check_document(Document("x", text, "utf-8", "", "zh"), load_rulepack()).checks
    assert not [c for c in checks if c.verdict == "inconsistent"]


def test_long_article_is_checked_whole():
    paragraph = "全年共受理各类矛盾纠纷1260起，成功调处1198起，调处成功率达95.1%。\n\n"
    text = paragraph * 5000  # about 0.2 M characters
    checks = check_document(Document("x", text, "utf-8", "", "zh"), load_rulepack()).checks
    assert sum(c.rule == "rate" for c in checks) == 5000
    assert checks[-1].quote == text[checks[-1].start : checks[-1].end]
