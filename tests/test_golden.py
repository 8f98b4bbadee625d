"""The results of `checker check --format json` have not changed: every example article, and the
shared corpus where it is on this machine, against the golden reports of tests/data/golden/
(made and compared as tests/golden.py says; `make golden` regenerates them after an intended change).
"""
from __future__ import annotations

import json

import pytest

from golden import CORPUS, corpus_case, example_cases, expected_output, fingerprint, run_json

CASES = example_cases()


def test_every_example_article_has_a_golden_report():
    assert len(CASES) >= 4 and all(case.golden.is_file() for case in CASES)


@pytest.mark.document_locale
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_example_output_is_the_golden_one(case):
    output = run_json(case)
    assert json.loads(output)["summary"]["checks"] > 0
    assert output == expected_output(case)


@pytest.mark.document_locale
def test_corpus_output_is_the_golden_one():
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is not available here")
    case = corpus_case()
    now, then = fingerprint(run_json(case)), json.loads(case.golden.read_text(encoding="utf-8"))
    if now["sha256"] != then["sha256"]:  # say which checks of which article changed
        changed = {d["path"]: d["checks"] for d in now["documents"]}
        before = {d["path"]: d["checks"] for d in then["documents"]}
        diff = {p: {"now": [c for c in changed.get(p, []) if c not in before.get(p, [])],
                    "golden": [c for c in before.get(p, []) if c not in changed.get(p, [])]}
                for p in sorted(set(changed) | set(before)) if changed.get(p) != before.get(p)}
        pytest.fail(f"the corpus report changed (make golden after an intended change): {json.dumps(diff)[:3000]}")
    assert now == then and now["summary"]["checks"] > 100
