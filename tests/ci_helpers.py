"""Shared material of the tests/test_ci_*.py files: small articles and a runner."""
from __future__ import annotations

import json

from checker.cli import main

#: a rate that is wrong (rule rate, severity error) on line 1
ERROR_ARTICLE = "全区共受理各类矛盾纠纷1260起，成功调处1198起，调处成功率达97.5%。\n"
#: an implied earlier count that is not whole (rule base_implied, severity warning) and nothing else
WARNING_ARTICLE = "破获案件611起，同比增长40.10%。\n"
#: every claim consistent
CLEAN_ARTICLE = "共受理纠纷200起，化解150起，化解率75%。\n"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def run_json(capsys, *args: str) -> tuple[int, dict]:
    code, out, err = run(capsys, "check", "--format", "json", *args)
    return code, json.loads(out)


def failing(report: dict) -> list[dict]:
    from checker.ci import is_active

    return [c for d in report["documents"] for c in d["checks"] if is_active(c)]
