"""Helpers shared by the reader tests (tests/test_readers_*.py): run `checker check --format json`
in-process and pick the failing findings."""
from __future__ import annotations

import json

from checker.cli import main


def check_json(capsys, *args: str) -> tuple[int, dict, str]:
    """Exit code, parsed JSON report and stderr of ``checker check --format json ARGS``."""
    code = main(["check", "--format", "json", *args])
    out = capsys.readouterr()
    return code, json.loads(out.out), out.err


def inconsistent(report: dict) -> list[dict]:
    """Every inconsistent check of the report, in document order."""
    return [c for d in report["documents"] for c in d["checks"] if c["verdict"] == "inconsistent"]
