"""Time the check of every corpus article as the CLI sees them (one document each), best of N.

Run by bench_check.py for this tree and for an earlier commit (``--against``), each in its own
process with that tree first on sys.path, so both are measured in one run on the same machine.
Prints one number: seconds.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path


def main(root: str, corpus: str, repeat: int) -> None:
    sys.path.insert(0, root)
    from checker.lexer import detect_language
    from checker.model import Document
    from checker.pipeline import check_document
    from checker.rulepack import load_rulepack

    pack = load_rulepack()
    docs = []
    for p in sorted(Path(corpus).glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        docs.append(Document(str(p), text, "utf-8", "", detect_language(text)))
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for d in docs:
            check_document(d, pack)
        best = min(best, time.perf_counter() - t)
    print(f"{best:.6f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
