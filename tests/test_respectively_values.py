"""Each 分别 takes the values up to the next 分别 of its clause (issue 12: output bounded by the input).

A clause of k 分别 each followed by a value gave up to 16 claims that each listed every value to the
clause's end: 16 × k numbers in the report, and a report stage that grew faster than the input.
The sentences are made up.
"""
from __future__ import annotations

import pytest

from checker.model import Document
from checker.pipeline import check_document
from checker.rulepack import load_rulepack


@pytest.fixture(scope="module")
def pack():
    return load_rulepack()


def _checks(text: str, pack):
    return check_document(Document("t.md", text, "utf-8", "", "zh"), pack).checks


@pytest.mark.parametrize("k", [40, 400])
def test_repeated_respectively_values_are_reported_about_once(pack, k):
    checks = _checks("抢劫、盗窃" + "分别7件、" * k + "。", pack)
    numbers = sum(len(c.numbers) for c in checks)
    assert k <= numbers <= k + 16  # each value in one claim (the last 分别 keeps the rest of the clause)


def test_two_respectively_lists_in_one_clause_keep_their_own_values(pack):
    checks = _checks("抢劫、盗窃案件分别为36起和52起分别减少4.1%和2.6%。", pack)
    lists = sorted([m.mention.text for m in c.numbers] for c in checks if c.rule == "arity")
    assert lists == [["36起", "52起"], ["4.1%", "2.6%"]]
