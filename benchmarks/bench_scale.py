"""Scale benchmark (not a test): the whole CLI on the corpus as it sees it, many articles.

Prints, in one run:
  - pipeline chars/s of `checker check --format jsonl` at --jobs 1 and --jobs 2 on the corpus
    replicated to ``--size-mb`` (default 20 MB) in a temporary directory, and the speedup, with
    the CPU seconds of each run and the speedup the machine itself gives a pure-Python loop right
    now (on a host shared with other work that ceiling is below ``--jobs``);
  - the peak RSS (resource.getrusage of the children: the largest process, parent or worker) of a
    run in each of ``--rss-formats`` (default jsonl, json and sarif: all three streamed) on
    ``--rss-mb`` of articles (default 40 MB so the runs take a few minutes; the issue's figure is
    200: ``--rss-mb 200``), and its bytes of RSS per input byte.  ``--rss-only`` skips the speed runs.
Targets (issue 10): >= 2.5 M chars/s at --jobs 1, >= 1.7x at --jobs 2 on 2 cores, <= 300 MB RSS on
200 MB.  Run it with `make bench-scale`.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import CORPUS, REPO

CHECKER = [sys.executable, "-m", "checker"]
#: Run a command and print the peak RSS of its process tree (in a process of its own, so one
#: measurement does not inherit the peak of another).
RSS_PROBE = ("import resource, subprocess, sys\n"
             "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def corpus_articles(corpus: Path) -> list[Path]:
    """The corpus as `checker check DIR` sees it: its articles (not the SOURCES notes)."""
    return sorted(p for p in corpus.rglob("*.txt") if p.is_file())


def replicate(articles: list[Path], target: Path, size: int) -> tuple[int, int, int]:
    """Copies of the articles in ``target`` until ``size`` bytes; returns (files, bytes, chars)."""
    target.mkdir(parents=True, exist_ok=True)
    texts = [(p, p.read_bytes()) for p in articles]
    chars = {p: len(data.decode("utf-8", errors="replace")) for p, data in texts}
    files = total = nchars = 0
    while total < size:
        for p, data in texts:
            (target / f"{files:06d}_{p.name}").write_bytes(data)
            files += 1
            total += len(data)
            nchars += chars[p]
            if total >= size:
                break
    return files, total, nchars


def timed_check(folder: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds (all its processes) of one jsonl run.  The CPU figure tells a
    run slowed by other work on a shared machine (wall up, CPU not) from a slower checker."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run([*CHECKER, "check", "--format", "jsonl", "--no-baseline", "--jobs", str(jobs),
                           str(folder)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"bench_scale: checker failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def machine_speedup(jobs: int, n: int = 20_000_000) -> float:
    """The speedup this machine gives right now to ``jobs`` copies of a pure-Python loop over one:
    the ceiling of any ``--jobs`` speedup measured here (a host shared with other work gives less
    than ``jobs``, and the checker cannot beat it)."""
    import multiprocessing

    t = time.perf_counter()
    _spin(n)
    one = time.perf_counter() - t
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        pool.map(_spin, [1])  # the workers started before the clock
        t = time.perf_counter()
        pool.map(_spin, [n] * jobs, chunksize=1)
        many = time.perf_counter() - t
    return jobs * one / many


def peak_rss(folder: Path, jobs: int, fmt: str = "jsonl") -> int:
    """Peak RSS in bytes of the largest process of a run in ``fmt`` (ru_maxrss is in KiB on Linux)."""
    out = subprocess.run([sys.executable, "-c", RSS_PROBE, *CHECKER, "check", "--format", fmt,
                          "--no-baseline", "--jobs", str(jobs), str(folder)], cwd=REPO, capture_output=True,
                         text=True, check=True)
    return int(out.stdout.strip()) * 1024


def speed(articles: list[Path], folder: Path, args) -> dict:
    """The speed runs: --jobs 1 and --jobs N on the replicated corpus, and the machine's own ceiling."""
    files, size, chars = replicate(articles, folder, int(args.size_mb * 1e6))
    print(f"corpus: {len(articles)} articles replicated to {files} files, {size / 1e6:.1f} MB, "
          f"{chars / 1e6:.2f} M chars ({os.cpu_count()} cores)")
    load = os.getloadavg()[0]  # other work on the machine, which slows the parallel run most
    one, one_cpu = timed_check(folder, 1)
    many, many_cpu = timed_check(folder, args.jobs)
    ceiling = machine_speedup(args.jobs)
    print(f"--jobs 1        {chars / one / 1e6:6.2f} M chars/s   ({one:.1f} s, {one_cpu:.1f} s CPU)")
    print(f"--jobs {args.jobs:<8} {chars / many / 1e6:6.2f} M chars/s   ({many:.1f} s, {many_cpu:.1f} s CPU)   "
          f"speedup {one / many:.2f}x (load average before the runs: {load:.2f})")
    print(f"this machine's own speedup for {args.jobs} pure-Python processes now: {ceiling:.2f}x "
          f"(the ceiling of the figure above)")
    shutil.rmtree(folder)
    return {"chars": chars, "jobs1_chars_per_s": chars / one, "jobsN_chars_per_s": chars / many,
            "speedup": one / many, "jobs1_cpu_s": one_cpu, "jobsN_cpu_s": many_cpu, "machine_speedup": ceiling}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--size-mb", type=float, default=20, help="replicated corpus for the speed runs (MB)")
    ap.add_argument("--rss-mb", type=float, default=40, help="articles for the peak-RSS run (MB; the issue: 200)")
    ap.add_argument("--jobs", type=int, default=2, help="the parallel run's --jobs")
    ap.add_argument("--rss-formats", default="jsonl,json,sarif",
                    help="formats whose peak RSS is measured (comma-separated; default jsonl,json,sarif)")
    ap.add_argument("--rss-only", action="store_true", help="only the peak-RSS runs, not the speed runs")
    ap.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    args = ap.parse_args(argv)
    articles = corpus_articles(args.corpus)
    if not articles:
        print(f"bench_scale: no articles in {args.corpus}", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="bench_scale."))
    try:
        figures: dict = {}
        if not args.rss_only:
            figures.update(speed(articles, tmp / "speed", args))
        rfiles, rsize, _ = replicate(articles, tmp / "rss", int(args.rss_mb * 1e6))
        figures["rss_input_bytes"] = rsize
        for fmt in filter(None, args.rss_formats.split(",")):
            rss = peak_rss(tmp / "rss", args.jobs, fmt)
            figures[f"peak_rss_bytes_{fmt}"] = rss
            print(f"peak RSS, {fmt:<5} --jobs {args.jobs} on {rsize / 1e6:.0f} MB ({rfiles} files): {rss / 2**20:4.0f} MiB "
                  f"({rss / rsize:.2f} bytes per input byte)")
        if "peak_rss_bytes_jsonl" in figures:
            figures["peak_rss_bytes"] = figures["peak_rss_bytes_jsonl"]
        if args.json:
            print(json.dumps(figures))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
