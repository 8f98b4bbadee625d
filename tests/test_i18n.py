"""Findings in the reader's language: complete catalogues, matching placeholders, the locale chosen
by --locale, then configuration, then the article's language; English output untouched."""
from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
import regex
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from checker import i18n
from checker.cli import main
from checker.i18n import _, locale_for, ngettext, using_locale

CHECKER = Path(i18n.__file__).parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_n": None}

# made-up figures, one sentence per kind of finding (rate, change, part of a whole, respectively,
# direction, sum)
ZH_ARTICLE = """某区2031年工作简报

全区共受理各类投诉2400件，办结2280件，办结率达97.5%。
刑事案件发案数为510起，与上年600起相比下降12.0%。
共排查隐患单位20个，其中重点单位25个。
盗窃、诈骗、抢劫案件同比分别下降10.5%、6.2%。
群众满意度从88.4%下降到90.1%。
全年接待来访1500人次，其中市区820人次，县区630人次。
"""


def _msgids() -> dict[str, str]:
    """Every message the code passes to the catalogue, by msgid: where it is used."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(CHECKER), method_map=[("**.py", "python")], keywords=KEYWORDS):
        key = message[0] if isinstance(message, tuple) else message
        found[key] = f"checker/{filename}:{lineno}"
    return found


def _catalogue(lang: str):
    with i18n.po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang, domain=i18n.DOMAIN)


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_every_message_in_the_code_has_a_chinese_translation():
    cat = _catalogue("zh")
    missing = []
    for msgid, where in sorted(_msgids().items()):
        msg = cat.get(msgid)
        strings = (msg.string if isinstance(msg.string, tuple) else (msg.string,)) if msg is not None else ("",)
        if msg is None or msg.fuzzy or not all(strings):
            missing.append(f"{where}: {msgid!r}")
    assert not missing, "untranslated in checker/locale/zh (run make messages, then translate):\n" + "\n".join(missing)
    assert len(_msgids()) > 150  # the extractor sees the engine's messages, not an empty tree


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_translations_keep_exactly_the_placeholders_of_their_message(lang):
    bad = []
    for msg in _catalogue(lang):
        if not msg.id:
            continue
        ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        wanted = _fields(ids[0])
        for s in strings:
            if s and _fields(s) != wanted:
                bad.append(f"{ids[0]!r}: {sorted(_fields(s))} != {sorted(wanted)}")
    assert not bad, "\n".join(bad)


def test_no_catalogue_keeps_obsolete_messages():
    used = set(_msgids())
    for lang in ("zh", "en"):
        stale = [m.id for m in _catalogue(lang) if m.id and (m.id[0] if isinstance(m.id, tuple) else m.id) not in used]
        assert not stale, f"{lang}: messages no longer in the code (make messages): {stale}"


@pytest.mark.document_locale
def test_lookup_formats_after_translation_and_restores_the_locale():
    msg = "the whole {whole} is 0: no rate can be recomputed"
    assert _(msg).format(whole="0件") == "the whole 0件 is 0: no rate can be recomputed"
    with using_locale("zh"):
        assert _(msg).format(whole="0件") == "总数0件为0，无法重算比率"
        assert ngettext(" ({n} other plausible reading also fails)", " ({n} other plausible readings also fail)",
                        3).format(n=3) == "（另有3种可能的理解同样不成立）"
        with using_locale("en"):
            assert _(msg) == msg
        assert i18n.current_locale() == "zh"
    assert i18n.current_locale() == "en"
    assert _("a message nobody translated") == "a message nobody translated"


def test_locale_follows_request_then_configuration_then_document():
    assert locale_for("zh") == "zh"
    assert locale_for("en") == "en"
    assert locale_for("zh", requested="en") == "en"
    assert locale_for("en", config={"locale": "zh"}) == "zh"
    assert locale_for("en", requested="en", config={"locale": "zh"}) == "en"
    assert locale_for("zh-CN") == "zh"
    assert locale_for(None) == "en"
    with pytest.raises(i18n.LocaleError):
        with using_locale("fr"):
            pass


LATIN_WORD = regex.compile(r"[A-Za-z]{3,}")


def _codes() -> set[str]:
    """Rule, schema and slot names: codes that a Chinese message may quote as they are."""
    import tomllib

    schemas = tomllib.loads((CHECKER.parent / "rules" / "schemas.toml").read_text(encoding="utf-8"))
    codes = set(schemas)
    for table in schemas.values():
        if isinstance(table, dict):
            codes.update(k for k in table if isinstance(table.get(k), (str, list)))
            for v in table.values():
                if isinstance(v, str):
                    codes.add(v)
    return codes


def _latin_left(text: str, codes: set[str]) -> list[str]:
    text = regex.sub(r"\d[\d,.]*", " ", text)
    text = regex.sub(r"\b(pp|pct|n/a)\b", " ", text)
    return [w for w in LATIN_WORD.findall(text) if w not in codes]


def _check_json(capsys, path: Path, *options: str) -> dict:
    code = main(["check", "--format", "json", "--all", *options, str(path)])
    out = capsys.readouterr().out
    assert code in (0, 1), out
    return json.loads(out)


@pytest.mark.document_locale
def test_a_chinese_article_gets_chinese_findings(tmp_path, capsys):
    article = tmp_path / "zh.txt"
    article.write_text(ZH_ARTICLE, encoding="utf-8")
    codes = _codes()
    for options in ((), ("--locale", "zh")):
        report = _check_json(capsys, article, *options)
        checks = report["documents"][0]["checks"]
        assert {c["rule"] for c in checks} >= {"rate", "change_pct", "part_le_whole", "arity", "direction"}
        assert any(c["verdict"] == "inconsistent" for c in checks)
        for c in checks:
            assert c["verdict"] in ("consistent", "inconsistent")  # codes stay English
            for text in (c["message"], *c["suggestions"], c.get("strength") or ""):
                assert not _latin_left(text, codes), (c["rule"], text)
        rate = next(c for c in checks if c["rule"] == "rate")
        assert rate["message"] == "2,280 / 2,400 × 100 = 95%，但文中为97.5%"


def test_english_stays_the_msgid_text(tmp_path, capsys):
    article = tmp_path / "zh.txt"
    article.write_text(ZH_ARTICLE, encoding="utf-8")
    checks = _check_json(capsys, article, "--locale", "en")["documents"][0]["checks"]
    rate = next(c for c in checks if c["rule"] == "rate")
    assert rate["message"] == "2,280 / 2,400 × 100 = 95%, but the text says 97.5%"
    assert "if the counts are right, the rate is 95%" in rate["suggestions"]
    part = next(c for c in checks if c["rule"] == "part_le_whole")
    assert part["message"] == "the part 25个 is larger than its whole 20个"


@pytest.mark.document_locale
def test_configuration_sets_the_locale_and_rejects_an_unknown_one(tmp_path, capsys, monkeypatch):
    article = tmp_path / "zh.txt"
    article.write_text(ZH_ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".checker.toml").write_text('locale = "en"\n', encoding="utf-8")
    checks = _check_json(capsys, article)["documents"][0]["checks"]
    assert next(c for c in checks if c["rule"] == "rate")["message"].endswith("but the text says 97.5%")
    (tmp_path / ".checker.toml").write_text('locale = "fr"\n', encoding="utf-8")
    code = main(["check", "--format", "json", str(article)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and ".checker.toml" in err[0] and "locale must be one of zh, en" in err[0]


@pytest.mark.document_locale
def test_the_environment_forces_a_locale_below_the_command_line(tmp_path, capsys, monkeypatch):
    article = tmp_path / "zh.txt"
    article.write_text(ZH_ARTICLE, encoding="utf-8")
    monkeypatch.setenv("CHECKER_LOCALE", "en")
    rate = lambda *o: next(c for c in _check_json(capsys, article, *o)["documents"][0]["checks"]  # noqa: E731
                           if c["rule"] == "rate")["message"]
    assert rate().endswith("but the text says 97.5%")
    assert rate("--locale", "zh").endswith("但文中为97.5%")
    monkeypatch.setenv("CHECKER_LOCALE", "xx")  # not a locale: ignored, the document's language wins
    assert rate().endswith("但文中为97.5%")


# --- the whole output, not only the findings ---------------------------------------------------

ZH_MARKDOWN = ZH_ARTICLE.replace("\n", "\n\n").replace(
    "全区共受理", "<!-- checker-disable-next-line rate: 口径为结案数 -->\n\n全区共受理")


def _prose_left(line: str, codes: set[str], path: str) -> list[str]:
    """The Latin words of an output line once file names, bracketed rule codes and the severity
    code of the one-line form are taken out: what a Chinese reader would have to read in English."""
    line = line.replace(path, " ")
    line = regex.sub(r"\[[a-z_]+\]", " ", line)
    line = regex.sub(r"^\s*:\d+:\d+: (error|warning) ", " ", line)
    line = regex.sub(r"`checker [a-z ]+`", " ", line)  # a command to type stays a command
    return _latin_left(line, codes)


@pytest.mark.document_locale
@pytest.mark.parametrize("options", [("--locale", "zh", "--all"), ("--all",), ("--locale", "zh"),
                                     ("--locale", "zh", "-q"), ("--locale", "zh", "--format", "concise")])
def test_the_whole_text_report_of_a_chinese_article_is_chinese(tmp_path, capsys, monkeypatch, options):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "zh.md").write_text(ZH_MARKDOWN, encoding="utf-8")
    code = main(["check", "--color", "never", *options, "zh.md"])
    out = capsys.readouterr().out
    assert code == 1, out
    lines = out.splitlines()
    codes = _codes()
    assert not [(line, left) for line in lines if (left := _prose_left(line, codes, "zh.md"))]
    assert lines[-2].startswith("1篇文档，") and lines[-1] == "不计为问题：1项已在文中屏蔽"
    if "--all" in options:
        assert "（已屏蔽：口径为结案数）" in out and "（不计为问题：1项已屏蔽）" in out
        assert "公式：" in out and "重算：" in out and "文中：" in out and "→ " in out
        assert "一致" in out and "不一致" in out


def test_the_text_report_stays_english_in_english(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "zh.md").write_text(ZH_MARKDOWN, encoding="utf-8")
    assert main(["check", "--color", "never", "--all", "zh.md"]) == 1
    out = capsys.readouterr().out
    assert "7:10 inconsistent (suppressed: 口径为结案数) [rate] 2,280 / 2,400 × 100 = 95%, but" in out
    assert "formula: 2,280 / 2,400 × 100   recomputed: 95%   reported: 97.5%" in out
    assert out.splitlines()[-1] == "not failing: 1 suppressed inline"


@pytest.mark.document_locale
def test_json_keeps_an_english_message_beside_the_localized_one(tmp_path, capsys):
    article = tmp_path / "zh.txt"
    article.write_text(ZH_ARTICLE, encoding="utf-8")
    zh = _check_json(capsys, article, "--locale", "zh")
    en = _check_json(capsys, article, "--locale", "en")
    assert (zh["locale"], en["locale"]) == ("zh", "en")
    assert [c["message_en"] for c in zh["documents"][0]["checks"]] == [c["message"] for c in en["documents"][0]["checks"]]
    assert [c["message_en"] for c in en["documents"][0]["checks"]] == [c["message"] for c in en["documents"][0]["checks"]]
    rate = next(c for c in zh["documents"][0]["checks"] if c["rule"] == "rate")
    assert rate["message"].endswith("但文中为97.5%") and rate["message_en"].endswith("but the text says 97.5%")


@pytest.mark.document_locale
def test_the_html_report_speaks_the_locale_of_the_run(tmp_path, capsys):
    article = tmp_path / "zh.txt"
    article.write_text(ZH_ARTICLE, encoding="utf-8")
    pages = {}
    for lang in ("zh", "en"):
        out = tmp_path / f"{lang}.html"
        assert main(["check", "--format", "html", "--locale", lang, "--output", str(out), str(article)]) == 1
        capsys.readouterr()
        pages[lang] = out.read_text(encoding="utf-8")
    zh, en = pages["zh"], pages["en"]
    assert '<html lang="zh">' in zh and '<html lang="en">' in en
    assert "<title>数据核查报告</title>" in zh and "<th scope=\"col\">核查项</th>" in zh
    assert "<dt>核算</dt>" in zh and "第3行" in zh and "1篇文档，" in zh and "2400件 (总数)" in zh
    assert "2400件 (whole)" in en
    assert "<dt>arithmetic</dt>" in en and "· line 3</h3>" in en and "<title>checker report</title>" in en
    # the page's own words (not the article, not the script) are all Chinese
    body = regex.sub(r"<script>.*?</script>|<style>.*?</style>|<[^>]+>", " ", zh, flags=regex.S)
    body = body.replace(str(article), " ")
    body = regex.sub(r"\b[a-z]+(_[a-z]+)+\b", " ", body)  # rule codes (the roles of numbers are words)
    for rule in regex.findall(r"<option>([a-z_]+)</option>", zh):  # every rule code of the page
        body = regex.sub(rf"\b{rule}\b", " ", body)
    assert not _prose_left(body, _codes() | {"checker"}, str(article))


def test_review_takes_a_locale_option():
    from checker.commands.review import register  # the option exists on the command line
    import argparse

    sub = argparse.ArgumentParser().add_subparsers()
    register(sub)
    with pytest.raises(SystemExit):
        sub.choices["review"].parse_args(["--locale", "fr", "x.md"])
    assert sub.choices["review"].parse_args(["--locale", "zh", "x.md"]).locale == "zh"


def test_review_without_a_terminal_reports_in_its_locale(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "zh.txt").write_text(ZH_ARTICLE, encoding="utf-8")
    assert main(["review", "--locale", "zh", "zh.txt"]) == 1
    captured = capsys.readouterr()
    assert "审核需要交互式终端" in captured.err
    assert "不一致" in captured.out and "公式：" in captured.out and "但文中为97.5%" in captured.out
    assert main(["review", "zh.txt"]) == 1  # CHECKER_LOCALE=en in the suite
    captured = capsys.readouterr()
    assert "review needs an interactive terminal" in captured.err and "but the text says 97.5%" in captured.out
