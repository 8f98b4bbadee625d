"""Text output conventions of `checker check`: no wrapping off a terminal, `--format concise`,
`--color`, counts in the right number, a change with its direction, long quotes shortened."""
from __future__ import annotations

import pytest

from checker.cli import main
from checker.report.wording import count, shorten

# made-up figures: the change is wrong (−25%, stated as a fall of 18%), the rate is right
ARTICLE = ("今年本区共受理各类矛盾纠纷和群众来信来访事项合计800起，与上年的1000起相比下降18%，"
           "其中通过人民调解、行政调解和司法调解等多种方式联动化解的事项共有400起，化解率为50%。\n")


def check(capsys, tmp_path, *args: str) -> tuple[int, str]:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code = main(["check", *args, str(path)])
    return code, capsys.readouterr().out


def test_piped_text_is_not_wrapped_and_the_change_has_its_direction(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "40")
    code, out = check(capsys, tmp_path)
    assert code == 1
    line = next(x for x in out.splitlines() if "[change_pct]" in x)
    assert line.endswith("= -20%, a fall of 20%, but the text says a fall of 18%")  # one line despite COLUMNS=40
    assert "\x1b[" not in out  # no colour off a terminal


def test_counts_are_singular_and_plural(capsys, tmp_path):
    _, out = check(capsys, tmp_path)
    assert out.splitlines()[-1] == "1 document, 4 checks, 1 inconsistent (1 error, 0 warnings)"
    assert count(1, "check") == "1 check" and count(0, "document") == "0 documents"
    assert count(2, "baseline entry") == "2 baseline entries"


def test_concise_is_one_line_a_finding(capsys, tmp_path):
    code, out = check(capsys, tmp_path, "--format", "concise")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2
    assert lines[0].endswith("a.txt:1:25: error [change_pct] (800 − 1,000) / 1,000 × 100 = -20%, "
                             "a fall of 20%, but the text says a fall of 18%")
    assert lines[1] == "1 document, 4 checks, 1 inconsistent (1 error, 0 warnings)"


@pytest.mark.parametrize(("color", "ansi"), [("always", True), ("never", False), ("auto", False)])
def test_color_option(capsys, tmp_path, monkeypatch, color, ansi):
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, out = check(capsys, tmp_path, "--color", color)
    assert ("\x1b[" in out) is ansi


def test_long_quotes_are_shortened_around_their_numbers():
    quote = "前言" * 100 + "受理100起，办结96起，办结率96%" + "后记" * 100
    short = shorten(quote)
    assert "受理100起，办结96起，办结率96%" in short and short.startswith("…") and short.endswith("…")
    assert len(short) < 90
    far = "共有12项" + "中间的文字" * 60 + "完成了12项"
    assert shorten(far).startswith("共有12项") and " … " in shorten(far) and shorten(far).endswith("完成了12项")
    assert shorten("短句3起\n续行") == "短句3起 续行"
