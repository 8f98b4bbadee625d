"""Hostile input shapes at a size n, shared by bench_check.py and bench_hostile.py.

Each generator returns one document of "n repetitions" of a shape that once was, or could be,
super-linear (../shared/reports/reliability.md, issue 12).  A linear checker takes about twice as
long for 2n as for n.  The sentences are made up, with made-up numbers.
"""
from __future__ import annotations

from collections.abc import Callable

#: One sentence of n repetitions per claim family (bench_check.py prints their n, 2n, 4n times).
FAMILIES: dict[str, Callable[[int], str]] = {
    "zh changes and rates": lambda n: "共受理" + "，".join(
        f"{i}起，化解{i - 1}起，化解率{(i - 1) / i * 100:.1f}%，同比分别下降{i % 50}.5%、3.2%" for i in range(10, 10 + n)) + "。",
    "zh repeated 分别 lists": lambda n: "盗窃、诈骗、抢劫案件分别下降" + "、".join(f"{i % 90}.{i % 10}%" for i in range(n)) + "。",
    "zh chained from/to pairs": lambda n: "，".join(
        f"第{i}项指标从{i}.5%提升到{i + 1}.5%，增长{100 / (i + 0.5):.1f}%" for i in range(1, n + 1)) + "。",
    "zh shares of one whole": lambda n: f"全年共接报警情{n * 1000}起，" + "，".join(
        f"其中第{i}类{1000}起，占{100 / n:.2f}%" for i in range(n)) + "。",
    "en respectively": lambda n: ", ".join(f"item {i}" for i in range(n)) + " rose " + ", ".join(
        f"{i % 50}.{i % 10} percent" for i in range(n)) + ", respectively.",
    "en changes from/to": lambda n: ", while ".join(
        f"sales {i} rose {i % 20 + 1}.5 pct to {1000 + i:,} from {900 + i:,}" for i in range(n)) + ".",
}

#: The super-linear shapes of the reliability report, as (generator, language, the n to start at).
RELIABILITY: dict[str, tuple[Callable[[int], str], str, int]] = {
    "blank lines after a number": (lambda n: "受理5起" + "\n" * n + "化解4起。", "zh", 2000),
    "blank lines, spaces and CRLF": (lambda n: "受理5起" + "  \r\n" * n + "化解4起。", "zh", 2000),
    "repeated 分别 values": (lambda n: "盗窃、诈骗" + "分别5起、" * n + "。", "zh", 1000),
    "repeated respectively": (lambda n: "A and B rose 5% and 6%, respectively " * n + ".", "en", 1250),
    "years and durations": (lambda n: "".join(f"{2000 + i % 20}年成立以来连续{i % 30 + 1}年" for i in range(n)) + "。",
                            "zh", 1250),
    "repeated 三个方面：": (lambda n: "三个方面：" * n, "zh", 5000),
    "enumerations on one long line": (lambda n: "".join(f"开展了三项工作，共{i % 9 + 1}起；" for i in range(n)), "zh", 2000),
    "next-line directives, blank lines": (lambda n: "<!-- checker-disable-next-line rate: r -->" * n + "\n" * n + "受理5起",
                                          "zh", 1000),
    "unclosed directives": (lambda n: "<!-- checker-disable rate\n" * n, "zh", 2500),
    "directives and findings": (lambda n: "".join(f"<!-- checker-disable-line rate: r{i} -->共{i + 10}起，化解{i}起，化解率99%。\n"
                                                  for i in range(n)), "zh", 500),
    "no sentence end (doc rules)": (lambda n: "".join(f"{2000 + i % 20}年共受理{i + 5}起，已过去{i % 9 + 1}年，"
                                                      f"上述{i % 7 + 2}项" for i in range(n)), "zh", 1000),
    "one long line of sentences": (lambda n: "全年共受理纠纷1260起，成功调处1198起，调处成功率达95.1%。" * n, "zh", 1000),
}


def article(n: int) -> str:
    """An article of ``n`` paragraphs, each a few ordinary sentences of made-up statistics (counts,
    sub-counts and rates, changes, shares, 分别 lists, years), numbers varying by paragraph, with
    headings and blank lines: document-level work (a per-sentence O(N) list, a scan of every earlier
    sentence) is quadratic here even when every sentence alone is fine."""
    paras = []
    for i in range(n):
        total = 400 + (i * 37) % 900
        done = total - 5 - i % 40
        rate = round(done / total * 100 + (0.6 if i % 3 == 0 else 0.0), 1)  # every third rate is off
        old, new = 120 + i % 80, 150 + (i * 7) % 90
        change = round((new - old) / old * 100, 1)
        paras.append(
            (f"## 第{i + 1}部分\n\n" if i % 10 == 0 else "")
            + f"{2010 + i % 15}年，第{i % 30 + 1}街道共受理群众诉求{total}件，按期办结{done}件，办结率为{rate}%。"
            f"其中，咨询类{total // 4}件，投诉类{total // 3}件，分别占{25.0}%和{33.3}%。"
            f"辖区新增就业岗位{new}个，比上年的{old}个增长{change}%。"
            f"三个社区的参与人数分别为{i % 50 + 10}人、{i % 40 + 20}人和{i % 30 + 30}人，合计{3 * (i % 30) + 60}人。"
            f"全年投入资金{1 + i % 9}.{i % 10}亿元，连续{i % 6 + 2}年保持增长。\n\n")
    return "".join(paras)


#: Whole articles: many ordinary sentences (generator, language, the n to start at), timed through
#: pipeline.check_document as well as stage by stage.
ARTICLES: dict[str, tuple[Callable[[int], str], str, int]] = {
    "article of many sentences": (article, "zh", 400),
}
