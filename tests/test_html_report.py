"""The HTML report: one self-contained, escaped page; and, in a real headless Chromium (Debian's
package driven by Playwright), it loads without console errors, highlights the planted error, and
filters by rule and verdict.  The browser run writes docs/report-screenshot.png (1280×800)."""
from __future__ import annotations

import shutil

import pytest

from checker.cli import main
from conftest import REPO

CHROMIUM = "/usr/bin/chromium"
# made-up figures: the rate is wrong (400/800 is 50%, stated 60%), the change is right
ARTICLE = ("今年共受理纠纷800起，与上年1000起相比下降20%。其中化解400起，化解率为60%。\n"
           "标题<script>alert(1)</script>与<b>加粗</b>都只是文字，共3起。\n")


@pytest.fixture
def page_file(tmp_path, capsys):
    article = tmp_path / "a<b>.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "report.html"
    code = main(["check", "--format", "html", "--output", str(out), str(article)])
    capsys.readouterr()
    assert code == 1
    return out


def test_page_is_self_contained_and_escaped(page_file):
    html = page_file.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "a&lt;b&gt;.txt" in html and "<b>加粗" not in html
    assert "http://" not in html and "https://" not in html  # no network: nothing is fetched
    assert html.count("<script>") == 1  # only the page's own filter script
    assert '<mark class="inconsistent"' in html and "@media print" in html


def test_in_a_headless_browser(page_file):
    if not shutil.which(CHROMIUM):
        pytest.skip("no Chromium: `apt-get install -y chromium` and `pip install -e '.[test]'` enable this test")
    sync_api = pytest.importorskip("playwright.sync_api", reason="`pip install -e '.[test]'` installs playwright")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(str(page_file.parent / "profile"), executable_path=CHROMIUM,
                                                       args=args, headless=True, viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(str(e)))
            page.goto(page_file.as_uri())
            assert problems == []
            wrong = page.locator("mark.inconsistent")
            assert wrong.count() >= 1 and "60%" in wrong.all_inner_texts()[-1]
            rate = page.locator(".finding[data-rule='rate']")
            assert rate.is_visible() and "60%" in rate.inner_text()
            page.select_option("#filter-verdict", "consistent")
            assert not rate.is_visible() and page.locator("mark.inconsistent:not(.off)").count() == 0
            assert page.locator(".finding[data-verdict='consistent']").first.is_visible()
            page.select_option("#filter-verdict", "")
            page.select_option("#filter-rule", "rate")
            assert rate.is_visible() and page.locator(".finding[data-rule='change_pct']").is_hidden()
            page.select_option("#filter-rule", "")
            page.keyboard.press("Tab")  # keyboard: focus moves into the page's controls
            assert page.evaluate("document.activeElement.tagName") in ("A", "SELECT")
            (REPO / "docs").mkdir(exist_ok=True)
            page.screenshot(path=str(REPO / "docs" / "report-screenshot.png"))
        finally:
            context.close()
