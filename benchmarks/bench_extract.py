"""Benchmark of extraction (`checker extract`'s work; not a test: run it with `make bench`).

Prints, measured in one run on the same text:
  - a bare `regex` scan for Arabic numbers with 万/亿/% suffixes, in characters per second,
  - extraction (decode-free: normalize, lex, merge ranges) in characters per second,
  - their ratio.  Target: extraction >= 1/12 of the bare scan.
The text is the corpus (../shared/corpus), repeated until it is large enough for stable timings;
without the corpus a generated Chinese article is used.  An English line is printed too.

Both timings are the best of several runs.  The lexer caches the values of literals it has read
("1", "2024", "两千"); the "single pass" line reads the corpus once with those caches cleared, so the
repetition does not flatter the figures.
"""
from __future__ import annotations

import random
import time


from timing import BARE, CORPUS, best_of  # noqa: E402  (also puts the repository on sys.path)

from checker import lexer  # noqa: E402
from checker.extract import extract  # noqa: E402
from checker.lexer import detect_language  # noqa: E402
from checker.model import Document  # noqa: E402

TARGET = 12
MIN_CHARS = 2_000_000


def generated_zh(seed: int = 1) -> str:
    """A Chinese report-like text with numbers in the usual forms (used when the corpus is absent)."""
    rng = random.Random(seed)
    forms = [
        "全年共受理{a}起，办结{b}起，办结率为{p}%。", "投入资金{m}万元，同比增长{q}%。", "覆盖{a}个村（社区），惠及群众近{w}万人。",
        "{y}年以来，累计培训{a}人次，满意率提高{q}个百分点。", "拨打12345热线反映问题{a}件，约{b}件已答复。",
        "新建道路{k}公里，面积{k}平方公里，组建{s}支队伍。", "第{s}批共{b}人，约三成为志愿者，二十余人获表彰。",
        "推行1+{s}工作机制，连续{s}年获评先进，{y}年{s}月{s}日召开会议。",
    ]
    filler = "坚持和发展新时代枫桥经验，推进基层治理体系和治理能力现代化，群众获得感幸福感安全感不断增强。"
    parts = []
    while sum(map(len, parts)) < 200_000:
        f = rng.choice(forms)
        parts.append(f.format(a=rng.randrange(10, 50_000), b=rng.randrange(1, 9_000), p=f"{rng.uniform(50, 100):.1f}",
                              m=rng.randrange(10, 9_000), q=f"{rng.uniform(0, 30):.2f}", w=rng.randrange(1, 90),
                              y=rng.randrange(2015, 2025), k=f"{rng.uniform(1, 300):.1f}", s=rng.randrange(2, 12)))
        if rng.random() < 0.6:
            parts.append(filler)
        if rng.random() < 0.2:
            parts.append("\n")
    return "".join(parts)


def generated_en(seed: int = 2) -> str:
    rng = random.Random(seed)
    forms = [
        "In {y} the centres received {a:,} disputes and resolved {b:,} of them, a success rate of {p}%. ",
        "Crime fell {q}% year on year, and about {b:,} volunteers joined, more than {s} of them students. ",
        "Satisfaction rose {q} percentage points to {p} percent; spending reached {m} million yuan. ",
        "Call the 12345 hotline; nearly two-thirds of calls were answered within {s} days. ",
    ]
    filler = "The district kept improving grassroots governance and public services across its neighbourhoods. "
    parts = []
    while sum(map(len, parts)) < 200_000:
        parts.append(rng.choice(forms).format(y=rng.randrange(2015, 2025), a=rng.randrange(1000, 50_000),
                                              b=rng.randrange(100, 900), p=f"{rng.uniform(50, 100):.1f}",
                                              q=f"{rng.uniform(0, 30):.1f}", s=rng.randrange(2, 30),
                                              m=f"{rng.uniform(1, 90):.2f}"))
        parts.append(filler)
    return "".join(parts)


def corpus_text() -> tuple[str, str]:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if files:
        return "\n\n".join(p.read_text(encoding="utf-8") for p in files), f"corpus ({len(files)} files in {CORPUS})"
    return generated_zh(), "generated Chinese text (../shared/corpus is absent)"



def clear_caches() -> None:
    lexer._fraction.cache_clear()
    lexer._chinese.cache_clear()


def measure(text: str, repeat: int = 5) -> tuple[float, float, int]:
    """(bare chars/s, extraction chars/s, mentions) on ``text``."""
    doc = Document("bench", text, "utf-8", "", detect_language(text))
    mentions = len(extract(doc).mentions)  # warm up: compiled patterns, lexicon, numpy
    bare = best_of(lambda: sum(1 for _ in BARE.finditer(text)), repeat)
    ext = best_of(lambda: extract(doc), repeat)
    return len(text) / bare, len(text) / ext, mentions


def line(label: str, bare: float, ext: float) -> str:
    ratio = bare / ext
    verdict = "meets" if ratio <= TARGET else "below"
    return (f"{label:<26} bare scan {bare / 1e6:8.2f} M chars/s   extraction {ext / 1e6:6.2f} M chars/s   "
            f"ratio 1/{ratio:.1f}  ({verdict} the 1/{TARGET} target)")


def main() -> None:
    base, source = corpus_text()
    text = base * max(1, MIN_CHARS // len(base))
    print(f"text: {source}; {len(base):,} chars, repeated to {len(text):,} chars")

    bare, ext, mentions = measure(text)
    print(line("zh, repeated", bare, ext))
    print(f"{'':<26} {mentions:,} mentions, {mentions / len(text) * 1000:.1f} per 1,000 chars")

    clear_caches()  # one read of the corpus as it is, literal caches cold
    doc = Document("bench", base, "utf-8", "", detect_language(base))
    t = time.perf_counter()
    extract(doc)
    single = len(base) / (time.perf_counter() - t)
    bare_single = len(base) / best_of(lambda: sum(1 for _ in BARE.finditer(base)), 5)
    print(line("zh, single pass, cold", bare_single, single))

    en = generated_en()
    en = en * max(1, MIN_CHARS // len(en))
    bare, ext, _ = measure(en, repeat=3)
    print(line("en, generated", bare, ext))


if __name__ == "__main__":
    main()
