"""Benchmark of `checker check` as CI runs it (not a test: `python benchmarks/bench_ci.py`).

Prints, measured in one run:
  - the wall time of `checker check` on one article from a cold start (a new process; formula
    cache warm, as on a CI machine after the first run), and with an empty formula cache (the bundled derivations ship in rules/derived.json);
  - the wall time of `checker check --format sarif --output FILE` on 1,000 generated articles in a
    new process, next to the bare regex scan (Arabic digits with 万/亿/% suffixes) of the same
    text, read from the same files, and the ratio;
  - the in-process check of the same 1,000 articles (no interpreter start, no output), and its ratio.
Machines are shared and noisy: each figure is the best of a few runs.
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path


from timing import BARE, REPO, best_of  # noqa: E402  (also puts the repository on sys.path)


ZH = [
    "全区共受理各类矛盾纠纷{a}起，成功调处{b}起，调处成功率达{r}%。",
    "今年以来，共破获刑事案件{c}起，同比增长{p}%，抓获犯罪嫌疑人{d}名。",
    "群众满意度从{s1}%上升到{s2}%，提高{pp}个百分点。",
    "打掉涉恶团伙{g}个，其中涉黑组织{h}个。",
    "全年接报警情{e}起，与上年{f}起相比下降{q}%。",
    "（本文数字为生成的示例，用于测量 checker 的速度。）",
]
EN = [
    "The district received {a} disputes and resolved {b} of them, a success rate of {r}%.",
    "Reported crime fell from {f} cases to {e}, down {q}%.",
    "Satisfaction rose from {s1}% to {s2}%, up {pp} percentage points.",
    "(Generated example text for the checker benchmark.)",
]


def article(rng: random.Random, i: int) -> str:
    a = rng.randint(200, 50000)
    b = rng.randint(a // 2, a)
    f = rng.randint(100, 9000)
    e = rng.randint(50, f)
    s1 = round(rng.uniform(60, 90), 1)
    s2 = round(rng.uniform(s1, 99), 1)
    nums = dict(a=a, b=b, r=round(b / a * 100 + rng.choice([0, 0, 0, 1.3]), 1), c=rng.randint(100, 900),
                p=round(rng.uniform(1, 40), 2), d=rng.randint(100, 2000), s1=s1, s2=s2,
                pp=round(s2 - s1 + rng.choice([0, 0, 0.4]), 1), g=rng.randint(5, 40), h=rng.randint(1, 10),
                e=e, f=f, q=round((f - e) / f * 100 + rng.choice([0, 0, 2.0]), 1))
    lines = ZH if i % 4 else EN
    paragraphs = [f"# Article {i}" if lines is EN else f"# 第{i}号通报"]
    for _ in range(3):
        paragraphs.append("".join(t.format(**nums) for t in lines) if lines is ZH else " ".join(t.format(**nums) for t in lines))
    return "\n\n".join(paragraphs) + "\n"



def main() -> None:
    rng = random.Random(20240601)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        docs = tmp_path / "articles"
        docs.mkdir()
        for i in range(1000):
            (docs / f"a{i:04d}.md").write_text(article(rng, i), encoding="utf-8")
        one = REPO / "examples" / "zh_district_report.md"
        env = dict(os.environ)
        base = [sys.executable, "-m", "checker", "check", "--fail-on", "never", "--no-baseline"]

        def run(args, env=env):
            subprocess.run(base + args, env=env, cwd=tmp, capture_output=True, check=True)

        with tempfile.TemporaryDirectory() as cache:
            cold_env = dict(env, XDG_CACHE_HOME=cache)
            cold_cache = best_of(lambda: run(["--format", "json", str(one)], cold_env), 1)
        python_only = best_of(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 5)
        run(["--format", "json", str(one)])  # the formula cache is warm from here on
        single = best_of(lambda: run(["--format", "json", str(one)]), 5)
        sarif = tmp_path / "out.sarif"
        thousand = best_of(lambda: run(["--format", "sarif", "--output", str(sarif), str(docs)]), 3)

        files = sorted(docs.glob("*.md"))

        def bare_scan():
            n = 0
            for f in files:
                n += sum(1 for _ in BARE.finditer(f.read_text(encoding="utf-8")))
            return n

        bare = best_of(bare_scan, 5)
        chars = sum(len(f.read_text(encoding="utf-8")) for f in files)

        from checker.pipeline import check_paths

        check_paths([str(docs)])  # load the pack once
        in_process = best_of(lambda: check_paths([str(docs)]), 3)

    print(f"one article ({one.name}), cold start, formula cache warm: {single:.3f} s wall "
          f"(bare python start {python_only:.3f} s)")
    print(f"one article, cold start, empty formula cache: {cold_cache:.3f} s wall (bundled derivations ship in rules/derived.json)")
    print(f"1,000 generated articles ({chars:,} chars), `checker check --format sarif --output`: {thousand:.3f} s wall")
    print(f"bare regex scan of the same files (read + scan): {bare:.4f} s   ratio 1/{thousand / bare:.0f} "
          f"(in-process check {in_process:.3f} s: ratio 1/{in_process / bare:.0f})")


if __name__ == "__main__":
    main()
