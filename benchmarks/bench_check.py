"""Benchmark of `checker check` (not a test: run it with `make bench`).

Prints, measured in one run on the same text:
  - the bare regex scan (Arabic digits with 万/亿/% suffixes) in chars/s,
  - the full check pipeline (normalize, lex, assemble, evaluate) in chars/s, and the ratio;
  - the wall time of `checker check` on one article from a cold start (new process), with the
    formula cache warm and with it cold (sympy and pint then load once to rebuild it).
Target: check >= 1/30 of the bare scan; one article from a cold start <= 0.5 s.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile


from timing import BARE, CORPUS, REPO, best_of  # noqa: E402  (also puts the repository on sys.path)

from checker.lexer import detect_language  # noqa: E402
from checker.model import Document  # noqa: E402
from checker.pipeline import check_document  # noqa: E402
from checker.rulepack import load_rulepack  # noqa: E402



def corpus_text() -> str:
    if CORPUS.is_dir():
        return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt")))
    return (REPO / "examples" / "zh_district_report.md").read_text(encoding="utf-8")



def main() -> None:
    text = corpus_text()
    text = text * max(1, 2_000_000 // len(text))
    n = len(text)
    pack = load_rulepack()
    doc = Document("bench", text, "utf-8", "", detect_language(text))
    bare = best_of(lambda: sum(1 for _ in BARE.finditer(text)))
    check = best_of(lambda: check_document(doc, pack), repeat=3)
    print(f"text: {n:,} chars")
    print(f"bare regex scan : {n / bare / 1e6:8.2f} M chars/s")
    print(f"checker check   : {n / check / 1e6:8.2f} M chars/s   ratio 1/{bare and check / bare:.1f} (target <= 1/30)")

    # Linearity on hostile input: one sentence of N numbers, then 2N (the time ratio should stay near 2).
    def hostile(n: int) -> Document:
        body = "，".join(f"{i}起，化解{i - 1}起，化解率{(i - 1) / i * 100:.1f}%，同比分别下降{i % 50}.5%、3.2%" for i in range(10, 10 + n))
        return Document("hostile", "共受理" + body + "。", "utf-8", "", "zh")
    small, large = hostile(2500), hostile(5000)
    t_small = best_of(lambda: check_document(small, pack), repeat=2)
    t_large = best_of(lambda: check_document(large, pack), repeat=2)
    print(f"hostile sentence: {len(small.text):,} chars {t_small:.2f} s, {len(large.text):,} chars {t_large:.2f} s, "
          f"ratio {t_large / t_small:.2f} for 2x input (linear = 2)")

    article = sorted(CORPUS.glob("*.txt"))[0] if CORPUS.is_dir() else REPO / "examples" / "zh_district_report.md"
    exe = [sys.executable, "-m", "checker", "check", "--format", "json", "--fail-on", "never", str(article)]
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache)
        cold = best_of(lambda: subprocess.run(exe, env=env, capture_output=True, check=True), repeat=1)
        warm = best_of(lambda: subprocess.run(exe, env=env, capture_output=True, check=True), repeat=5)
    python_only = best_of(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), repeat=5)
    print(f"one article, cold start, formula cache warm: {warm:.3f} s wall (target <= 0.5 s; bare python start {python_only:.3f} s)")
    print(f"one article, cold start, empty formula cache: {cold:.3f} s wall (bundled derivations ship in rules/derived.json)")


if __name__ == "__main__":
    main()
