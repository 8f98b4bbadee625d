"""What every benchmark here shares: where things are, the bare-scan baseline and a best-of timer."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import regex

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

#: The baseline every speed is compared with: Arabic digits with 万/亿/% suffixes, nothing else.
BARE = regex.compile(r"\d+(?:\.\d+)?[万亿%]?")


def bare_scan(text: str) -> int:
    return sum(1 for _ in BARE.finditer(text))


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs in seconds (the least disturbed by a shared, noisy machine)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)
