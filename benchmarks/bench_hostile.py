"""Hostile-input benchmark (issue 12): every super-linear shape of the reliability report at n, 2n
and 4n, each stage timed (extract, assemble claims, evaluate, suppression directives), with the
ratio per doubling.  Linear is 2; the run exits 1 when a ratio exceeds 2.3 (a stage under 20 ms at
4n is too short to time on a shared machine and never fails the run).

    .venv/bin/python benchmarks/bench_hostile.py [--scale 1.0] [--only NAME] [--profile NAME]

``--profile NAME`` prints the cProfile top functions of that shape at 4n instead.
"""
from __future__ import annotations

import argparse
import sys
import time

from timing import best_of  # noqa: E402  (also puts the repository on sys.path)
from hostile_shapes import FAMILIES, RELIABILITY  # noqa: E402

from checker import suppress  # noqa: E402
from checker.engine import evaluate, read_claims  # noqa: E402
from checker.extract import extract  # noqa: E402
from checker.model import Document  # noqa: E402
from checker.rulepack import load_rulepack  # noqa: E402

LIMIT = 2.3
MIN_SECONDS = 0.02  # a stage faster than this at 4n is noise, not growth


def stage_times(text: str, language: str, pack) -> dict[str, float]:
    """Seconds of each stage on one document (best of 2: the least disturbed run)."""
    doc = Document("hostile", text, "utf-8", "", language)
    ex = extract(doc)
    times = {"extract": best_of(lambda: extract(doc), repeat=2),
             "assemble": best_of(lambda: read_claims(ex, pack), repeat=2)}
    # evaluate assembles again: its own share is the difference
    times["evaluate"] = max(0.0, best_of(lambda: evaluate(ex, pack), repeat=2) - times["assemble"])
    codes = set(pack.rules)
    times["suppress"] = best_of(lambda: suppress.parse(text, codes), repeat=2)
    return times


def shapes(scale: float):
    for name, (make, language, n) in RELIABILITY.items():
        yield name, make, language, max(1, int(n * scale))
    for name, make in FAMILIES.items():
        yield name, make, "en" if name.startswith("en") else "zh", max(1, int(250 * scale))


def profile(name: str, scale: float) -> None:
    import cProfile
    import pstats

    pack = load_rulepack()
    for shape, make, language, n in shapes(scale):
        if shape == name:
            doc = Document("hostile", make(4 * n), "utf-8", "", language)
            prof = cProfile.Profile()
            prof.runcall(lambda: evaluate(extract(doc), pack))
            pstats.Stats(prof).sort_stats("tottime").print_stats(12)
            return
    sys.exit(f"no shape {name!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every starting n")
    parser.add_argument("--only", help="run the shapes whose name contains this")
    parser.add_argument("--profile", metavar="NAME", help="cProfile one shape at 4n")
    args = parser.parse_args()
    if args.profile:
        profile(args.profile, args.scale)
        return 0
    pack = load_rulepack()
    failed = []
    print(f"{'shape':<36} {'n':>6} {'stage':<9} {'n':>8} {'2n':>8} {'4n':>8}   ratios")
    for name, make, language, n in shapes(args.scale):
        if args.only and args.only not in name:
            continue
        started = time.perf_counter()
        runs = [stage_times(make(k), language, pack) for k in (n, 2 * n, 4 * n)]
        for stage in runs[0]:
            t = [r[stage] for r in runs]
            ratios = [b / a if a > 0 else 0.0 for a, b in zip(t, t[1:])]
            bad = t[2] >= MIN_SECONDS and any(r > LIMIT for r in ratios)
            if bad:
                failed.append(f"{name} / {stage}")
            print(f"{name:<36} {n:>6} {stage:<9} {t[0]:8.3f} {t[1]:8.3f} {t[2]:8.3f}   "
                  f"{', '.join(f'{r:.2f}' for r in ratios)}{'   SUPER-LINEAR' if bad else ''}")
        print(f"{'':<36} ({time.perf_counter() - started:.1f} s)", flush=True)
    if failed:
        print(f"{len(failed)} stage(s) above {LIMIT} per doubling: {'; '.join(failed)}")
        return 1
    print(f"every ratio <= {LIMIT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
