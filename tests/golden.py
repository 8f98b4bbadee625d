"""Golden outputs of `checker check --format json`: what they are, how they are made, how compared.

Why: a change meant to make the checker faster (or its output streamed) must not change a single
result.  ``tests/data/golden/`` holds the report of every article in examples/ (one file each) and
of the shared corpus (``corpus.json``; its test skips where /work/shared/corpus is absent), made by
the command line exactly as a user runs it: no baseline, findings in each article's own language
(no ``CHECKER_LOCALE``), one process.  ``tests/test_golden.py`` runs the same commands and compares
byte for byte with the golden report re-encoded compactly (the form written to a pipe), only the
tool's version replaced by today's, so that a release does not count as a changed result.

The corpus is not ours to copy (its quotes and messages are its sentences), so ``corpus.json``
holds no text: the SHA-256 of the whole compact report (version replaced by ``VERSION``) and, per
document, each check's id, rule, verdict, span and the digest of its JSON, so a failing comparison
says which checks of which article changed.

Regenerate after an intended change of results, and review the diff:

    make golden            (= .venv/bin/python tests/golden.py)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "data" / "golden"
EXAMPLES = REPO / "examples"
SHARED = Path(os.environ.get("CHECKER_SHARED") or REPO.parent / "shared")  # elsewhere on another machine
CORPUS = SHARED / "corpus"


@dataclass(frozen=True, slots=True)
class Case:
    """One golden report: the command's paths, run from ``cwd`` (so the paths in it are relative)."""
    name: str
    cwd: Path
    paths: tuple[str, ...]

    @property
    def golden(self) -> Path:
        return GOLDEN / f"{self.name}.json"


def example_cases() -> list[Case]:
    """One case per article `checker check examples/` reads (not the CI workflow beside them)."""
    sys.path.insert(0, str(REPO))
    from checker.reader import expand

    files = expand([str(EXAMPLES.relative_to(REPO))])
    return [Case(Path(f).name.replace(".", "_"), REPO, (f,)) for f in sorted(files)]


def corpus_case() -> Case:
    return Case("corpus", SHARED, ("corpus",))


def run_json(case: Case) -> str:
    """The stdout of `checker check --format json` for the case (a pipe: the compact form)."""
    env = {k: v for k, v in os.environ.items() if k != "CHECKER_LOCALE"}
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", "--no-baseline",
                           "--jobs", "1", *case.paths], cwd=case.cwd, env=env, capture_output=True,
                          encoding="utf-8")
    if proc.returncode not in (0, 1) or not proc.stdout:
        raise RuntimeError(f"checker failed on {case.paths} ({proc.returncode}): {proc.stderr[-500:]}")
    return proc.stdout


def expected_output(case: Case) -> str:
    """The golden report as the command writes it today: compact, this checker's version."""
    from checker import __version__
    from checker.report.sanitize import json_text

    report = json.loads(case.golden.read_text(encoding="utf-8"))
    report["tool"]["version"] = __version__
    return json_text(json.dumps(report, ensure_ascii=False)) + "\n"


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def fingerprint(output: str) -> dict:
    """A report without its text (the corpus golden): the digest of the whole output, the tool's
    version replaced by ``VERSION``, and each check's identity and digest, document by document."""
    from checker.report.sanitize import json_text

    report = json.loads(output)
    report["tool"]["version"] = "VERSION"
    docs = [{"path": d["path"], "sha256": d["sha256"], "errors": len(d["errors"]),
             "checks": [[c["id"], c["rule"], c["verdict"], c["span"]["start"], c["span"]["end"],
                         _digest(json_text(json.dumps(c, ensure_ascii=False)))[:16]] for c in d["checks"]]}
            for d in report["documents"]]
    return {"sha256": _digest(json_text(json.dumps(report, ensure_ascii=False)) + "\n"),
            "summary": report["summary"], "errors": len(report["errors"]), "documents": docs}


def write_golden(case: Case) -> int:
    """Run the case and store its report, indented (a readable diff), or for the corpus its
    fingerprint (no text of it); returns the bytes written."""
    output = run_json(case)
    if case.name == "corpus":
        data = fingerprint(output)
        text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
        text = text.replace('],[', '],\n[').replace('{"path"', '\n{"path"') + "\n"  # a line a check: a readable diff
    else:
        text = json.dumps(json.loads(output), ensure_ascii=False, indent=1) + "\n"
    case.golden.parent.mkdir(parents=True, exist_ok=True)
    case.golden.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def main() -> int:
    cases = example_cases() + ([corpus_case()] if CORPUS.is_dir() else [])
    for case in cases:
        size = write_golden(case)
        print(f"{case.golden.relative_to(REPO)}: {size / 1024:.0f} KB")
    if not CORPUS.is_dir():
        print(f"{CORPUS} is not here: corpus.json left as it was")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
