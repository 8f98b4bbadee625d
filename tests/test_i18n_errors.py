"""Error lines speak the locale of the run: with ``--locale zh`` (or ``CHECKER_LOCALE=zh``, or
``locale = "zh"`` in the configuration) a bad file, a bad configuration, a bad rule pack or a bad
option value is one Chinese line on stderr, prefix included; with ``--locale en`` the same English
line as before.  The exit code (2) and the one-line shape do not change."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
import regex

from checker.cli import main

HAN = regex.compile(r"\p{Han}")
LATIN_WORD = regex.compile(r"[A-Za-z]{3,}")
#: what a Chinese error line may quote as it is: the program name, option names, quoted values,
#: acronyms and class names of the formats and libraries (PDF, FIFO, TOML, PSEOF, PDFSyntaxError)
CODES = regex.compile(r"\bchecker\b|--[a-z][a-z-]*|'[^']*'|\b[A-Z][A-Z0-9]+\b|\b[A-Z]+[a-z]+[A-Z]\w*\b",
                      flags=regex.ASCII)  # ASCII word boundaries: "PDF已加密" still ends a code

# one good article beside the bad input: it is still checked and reported
GOOD = "全年共受理群众来信400件，办结360件，办结率为90%。\n"


def _run(capsys, argv: list[str]) -> tuple[int, list[str]]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, [line for line in captured.err.splitlines() if line.strip()]


def assert_chinese(line: str, *names: str) -> None:
    """Han characters, and no run of three Latin letters once file names and codes are left out."""
    rest = line
    for name in sorted(names, key=len, reverse=True):
        rest = rest.replace(name, " ")
    rest = CODES.sub(" ", rest)
    assert HAN.search(rest), line
    assert not LATIN_WORD.findall(rest), f"English left in {line!r}: {LATIN_WORD.findall(rest)}"


def corrupt_pdf(tmp_path: Path) -> Path:
    """A PDF cut off in its first object, as a failed download leaves it."""
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n")
    return path


def _cases(tmp_path: Path) -> dict[str, tuple[list[str], list[str], str]]:
    """name → (arguments after ``check``, names the line may quote, the English line's words)."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    pdf = corrupt_pdf(tmp_path)
    config = tmp_path / "broken.toml"
    config.write_text("fail_on = \n", encoding="utf-8")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "relations.toml").write_text('[[rule]]\ncode = "ratio\n', encoding="utf-8")
    big = tmp_path / "long.txt"
    big.write_text(GOOD * 10, encoding="utf-8")
    rules = tmp_path / "rules.toml"
    rules.write_text('enable = ["rte"]\n', encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    baseline.write_text("{not json", encoding="utf-8")
    cases = {
        "corrupt pdf": ([str(pdf), str(good)], [str(pdf)], "corrupt or truncated PDF"),
        "invalid toml config": (["--config", str(config), str(good)], [str(config)], "not valid TOML: "),
        "bad rule pack": (["--rules", str(pack), str(good)], [str(pack / "relations.toml")], "not valid TOML: "),
        "missing rule pack": (["--rules", str(tmp_path / "nowhere"), str(good)], [str(tmp_path / "nowhere")],
                              "rule pack directory not found"),
        "size cap": (["--max-bytes", "100", str(big), str(good)], [str(big)], f"file too large ({len((GOOD * 10).encode())} bytes; limit 100: --max-bytes)"),
        "missing file": ([str(tmp_path / "gone.md"), str(good)], [str(tmp_path / "gone.md")],
                         "no such file or directory"),
        "bad baseline": (["--baseline", str(baseline), str(good)], [str(baseline)], "not a baseline file (invalid JSON"),
        "unknown rule in config": (["--config", str(rules), str(good)], [str(rules), "enable"],  # a key: a code
                                   "enable: unknown rule 'rte'; did you mean 'rate'?"),
    }
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.txt"
        os.mkfifo(fifo)
        cases["fifo"] = ([str(fifo), str(good)], [str(fifo)], "a FIFO (named pipe), not a regular file: not read")
    return cases


CASES = ("corrupt pdf", "invalid toml config", "bad rule pack", "missing rule pack", "size cap", "missing file",
         "bad baseline", "unknown rule in config", "fifo")


@pytest.mark.parametrize("case", CASES)
def test_an_error_line_is_chinese_with_locale_zh_and_english_with_locale_en(tmp_path, capsys, case):
    cases = _cases(tmp_path)
    if case not in cases:
        pytest.skip("no FIFOs on this system")
    args, names, english = cases[case]
    code, lines = _run(capsys, ["check", "--locale", "zh", *args])
    assert code == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith("checker：错误："), lines[0]
    assert_chinese(lines[0], *names)

    code, lines = _run(capsys, ["check", "--locale", "en", *args])
    assert code == 2
    assert len(lines) == 1 and lines[0].startswith("checker: error: ") and english in lines[0], lines
    assert not HAN.search(lines[0])


def test_the_good_file_beside_a_bad_one_is_still_checked(tmp_path, capsys):
    args, names, _ = _cases(tmp_path)["corrupt pdf"]
    code = main(["check", "--locale", "zh", *args])
    out, err = capsys.readouterr()
    assert code == 2 and "good.txt" in out and "1篇文档" in out
    assert err.count("\n") == 1 and "PDF文件损坏或不完整" in err


def test_the_environment_and_the_configuration_choose_the_locale_of_error_lines(tmp_path, capsys, monkeypatch):
    pdf = corrupt_pdf(tmp_path)
    monkeypatch.setenv("CHECKER_LOCALE", "zh")
    code, [line] = _run(capsys, ["check", str(pdf)])
    assert code == 2 and line.startswith("checker：错误：")
    assert_chinese(line, str(pdf))
    code, [line] = _run(capsys, ["extract", str(tmp_path / "gone.txt")])  # every command, not only check
    assert code == 2 and line.startswith("checker：错误：") and "文件或目录不存在" in line

    monkeypatch.setenv("CHECKER_LOCALE", "en")
    config = tmp_path / ".checker.toml"
    config.write_text('locale = "zh"\n', encoding="utf-8")
    code, [line] = _run(capsys, ["check", "--config", str(config), str(pdf)])
    assert code == 2 and line.startswith("checker：错误：")
    assert_chinese(line, str(pdf))
    code, [line] = _run(capsys, ["check", "--config", str(config), "--locale", "en", str(pdf)])
    assert line.startswith("checker: error: ") and "corrupt or truncated PDF" in line


def test_a_bad_option_value_is_a_chinese_usage_error(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    for argv, words in ((["check", "--locale", "zh", "--format", "nope", str(good)], "无效的取值"),
                        (["check", "--locale=zh", "--max-bytes", "many", str(good)], "不是正的字节数"),
                        (["check", "--locale", "zh", "--no-such-option", str(good)], "无法识别的参数")):
        with pytest.raises(SystemExit) as stopped:
            main(argv)
        assert stopped.value.code == 2
        err = capsys.readouterr().err.splitlines()
        assert err[0].startswith("用法：checker")  # an unknown option is the top parser's to refuse
        assert err[-1].startswith(("checker check：错误：", "checker：错误：")) and words in err[-1], err[-1]
        assert_chinese(err[-1], "checker check", str(good))
    with pytest.raises(SystemExit):
        main(["check", "--locale", "en", "--format", "nope", str(good)])
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("usage: checker check")
    assert err[-1].startswith("checker check: error: argument --format: invalid choice: 'nope'")


def test_an_encrypted_pdf_is_one_chinese_line(tmp_path, capsys):
    canvas = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab writes the test PDFs (test extra)")
    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(72, 720, "The clinic received 2,400 complaints.")
    c.showPage()
    c.save()
    code, [line] = _run(capsys, ["check", "--locale", "zh", str(path)])
    assert code == 2 and "PDF已加密，没有密码无法读取" in line
    assert_chinese(line, str(path))
