"""Benchmark of the PDF reader (not a test: run it with `python benchmarks/bench_pdf.py`).

Generates a 200-page PDF of report-like English and Chinese text (reportlab; Chinese in Adobe's
STSong-Light CID font, so no font file is needed), reads it with checker.readers.pdf and prints
pages, characters and seconds, then the time of the first 100 pages against all 200: a ratio near
2 shows reading time linear in the size of the document (pdfminer lays out one page at a time).
"""
from __future__ import annotations

import io
import random

from timing import best_of  # noqa: E402  (also puts the repository on sys.path)

from checker.readers.pdf import read  # noqa: E402

PAGES = 200
LINES_PER_PAGE = 40


def generated_pdf(pages: int, seed: int = 3) -> bytes:
    """A PDF of ``pages`` pages, each of LINES_PER_PAGE lines of numbers in sentences."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    rng = random.Random(seed)
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for _ in range(pages):
        for k in range(LINES_PER_PAGE):
            a = rng.randint(200, 9000)
            b = rng.randint(100, a)
            if k % 2:
                c.setFont("STSong-Light", 10)
                line = f"全区共受理各类事项{a}件，办结{b}件，办结率为{100 * b / a:.1f}%，同比增长{rng.randint(1, 30)}%。"
            else:
                c.setFont("Helvetica", 10)
                line = f"The office received {a:,} requests and resolved {b:,} of them, a rate of {100 * b / a:.1f}%."
            c.drawString(50, 800 - 19 * k, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def main() -> None:
    half, full = generated_pdf(PAGES // 2), generated_pdf(PAGES)
    text, smap = read(full)
    pages = len({tuple(sorted(o.items())) for o in smap.origins})
    t_half = best_of(lambda: read(half), repeat=2)
    t_full = best_of(lambda: read(full), repeat=2)
    print(f"pdf: {pages} pages, {len(full):,} bytes, {len(text):,} characters read in {t_full:.2f} s "
          f"({len(text) / t_full:,.0f} chars/s)")
    print(f"pdf: {PAGES // 2} pages {t_half:.2f} s, {PAGES} pages {t_full:.2f} s, ratio {t_full / t_half:.2f} "
          f"(2.0 is linear)")


if __name__ == "__main__":
    main()
