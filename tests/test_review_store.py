"""The review database and verdicts flowing out: default location, WAL, fingerprints that survive
edits, `checker check --format json` with review states, `checker review --export`, and the
article window (sanitized, wrapped) — none of which may import textual."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import jsonschema

from checker.cli import main
from checker.review.excerpt import excerpt, sanitize, wrap_offsets
from checker.review.queue import CHANGED, CONFIRMED, Filter, certainty_rank
from checker.review.store import ReviewStore, default_db_path
from conftest import REPO
from review_support import EN, ZH, copy_examples, open_session

SCHEMA = json.loads((REPO / "checker" / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def check_json(capsys, *args: str) -> dict:
    main(["check", "--format", "json", *args])
    return json.loads(capsys.readouterr().out)


def test_default_database_sits_in_the_common_parent_of_the_articles(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "c").mkdir()
    one, two = tmp_path / "a" / "b" / "x.md", tmp_path / "a" / "c" / "y.md"
    assert default_db_path([str(one), str(two)]) == tmp_path / "a" / ".checker" / "reviews.sqlite"
    assert default_db_path([str(one)]) == tmp_path / "a" / "b" / ".checker" / "reviews.sqlite"
    assert default_db_path([str(tmp_path / "a"), "-"]) == tmp_path / "a" / ".checker" / "reviews.sqlite"


def test_database_is_wal_with_a_history_table(tmp_path):
    store = ReviewStore(tmp_path / "r.sqlite")
    store.set_verdict("f1", "confirmed", reviewer="alice", signature="s")
    store.close()
    conn = sqlite3.connect(tmp_path / "r.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"reviews", "history", "meta"} <= tables
    conn.close()


def test_verdicts_survive_unrelated_edits_of_the_article(tmp_path):
    (article,) = copy_examples(tmp_path, ZH)
    session = open_session([article])
    for f in session.findings[:5]:
        session.give_verdict(f, "confirmed")
    session.store.close()
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("（示例文章，数字为虚构，用于演示 checker。）", "（另一段与数字无关的说明。）")
                       + "\n附记：本文不含新的数字。\n", encoding="utf-8")
    reopened = open_session([article])
    assert [reopened.state(f) for f in reopened.findings if f.flagged] == [CONFIRMED] * 5


def test_check_json_carries_review_states_from_the_default_database(tmp_path, capsys):
    paths = copy_examples(tmp_path)
    report = check_json(capsys, *map(str, paths))
    assert not any("review" in c for d in report["documents"] for c in d["checks"])  # no database yet

    session = open_session(paths, reviewer="alice")
    first, second = session.findings[0], session.findings[1]
    session.give_verdict(first, "confirmed")
    session.write_note(first, "[bold]as printed[/]")
    session.give_verdict(second, "dismissed")
    session.store.close()

    report = check_json(capsys, *map(str, paths))
    jsonschema.validate(report, SCHEMA)
    # the review database keys on the claim (checker.review.identity), the report on Check.id: match by place
    reviews = {(c["rule"], c["span"]["start"]): c["review"] for d in report["documents"] for c in d["checks"] if "review" in c}
    first_at, second_at = (first.check.rule, first.check.start), (second.check.rule, second.check.start)
    assert reviews[first_at]["verdict"] == "confirmed"
    assert reviews[first_at]["note"] == "[bold]as printed[/]"
    assert reviews[first_at]["reviewer"] == "alice" and reviews[first_at]["at"]
    assert reviews[first_at]["changed_since_review"] is False
    assert reviews[second_at]["verdict"] == "dismissed"
    assert len(reviews) == 2

    (tmp_path / ZH).write_text((tmp_path / ZH).read_text(encoding="utf-8").replace("1260起", "1,260起"),
                               encoding="utf-8")
    report = check_json(capsys, *map(str, paths))
    reviews = {(c["rule"], c["span"]["start"]): c["review"] for d in report["documents"] for c in d["checks"] if "review" in c}
    assert reviews[first_at]["changed_since_review"] is True


def test_check_db_option_names_the_database(tmp_path, capsys):
    (article,) = copy_examples(tmp_path, EN)
    db = tmp_path / "elsewhere" / "team.sqlite"
    session = open_session([article], db=db)
    session.give_verdict(session.findings[0], "confirmed")
    session.store.close()
    report = check_json(capsys, str(article))
    assert not any("review" in c for d in report["documents"] for c in d["checks"])  # not the default place
    report = check_json(capsys, "--db", str(db), str(article))
    jsonschema.validate(report, SCHEMA)
    assert [c["review"]["verdict"] for d in report["documents"] for c in d["checks"] if "review" in c] == ["confirmed"]
    assert main(["check", "--db", str(tmp_path / "missing.sqlite"), str(article)]) == 2
    assert "missing.sqlite" in capsys.readouterr().err


def test_review_export_writes_every_verdict(tmp_path, capsys):
    paths = copy_examples(tmp_path)
    session = open_session(paths, reviewer="alice")
    session.give_verdict(session.findings[0], "confirmed")
    session.write_note(session.findings[1], "see the 2024 report")
    session.store.set_verdict("0000000000000000", "dismissed", reviewer="bob", signature="x", path="gone.md")
    session.store.close()
    out = tmp_path / "verdicts.json"
    assert main(["review", *map(str, paths), "--export", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    by_fp = {r["fingerprint"]: r for r in data["reviews"]}
    assert by_fp[session.findings[0].fingerprint]["verdict"] == "confirmed"
    assert by_fp[session.findings[0].fingerprint]["status"] == "current"
    assert by_fp[session.findings[1].fingerprint]["note"] == "see the 2024 report"
    assert by_fp["0000000000000000"]["status"] == "not found"  # kept, never dropped
    assert len(data["history"]) == 3
    assert main(["review", str(tmp_path / ZH), "--export", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["reviews"]


def test_review_modules_on_the_check_path_do_not_import_textual():
    code = ("import sys, checker.review.store, checker.review.export, checker.review.session, "
            "checker.review.queue, checker.review.detail, checker.review.excerpt, checker.commands.review;"
            "print(sorted(m for m in ('textual','pandas','sympy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_certainty_and_filters():
    assert [certainty_rank(s) for s in ("exact recomputation", None, "strong: only 3 fits", "interval",
                                        "weak: not an exhaustive breakdown", "untestable")] == [0, 0, 0, 1, 2, 3]
    assert not Filter("") and Filter(" rate ").text == "rate"


def test_excerpt_sanitizes_and_keeps_offsets():
    article = "head\n\x1b[2J[bold]共受理纠纷200起，化解150起\r\n\u202etail"
    start = article.index("200起")
    ex = excerpt(article, start, start + 4, [(start, start + 4)])
    assert "\x1b" not in ex.text.plain and "\u202e" not in ex.text.plain and "\r" not in ex.text.plain
    assert ex.text.plain[ex.focus : ex.focus + 4] == "200起" and "[bold]" in ex.text.plain
    assert len(sanitize(article)) == len(article)
    one_line = "这是没有换行的长文。" * 100_000 + "共受理纠纷200起" + "这是没有换行的长文。" * 100_000
    start = one_line.index("200起")
    ex = excerpt(one_line, start, start + 4, [(start, start + 4)])
    assert len(ex.text) < 5_000 and ex.text.plain[ex.focus : ex.focus + 4] == "200起"


def test_wrap_keeps_numbers_whole_and_punctuation_off_row_starts():
    plain = "全区共立刑事案件326起，与上年412起相比下降18.2%。破获案件523起"
    rows = wrap_offsets(plain, 44)
    pieces = [plain[a:b] for a, b in rows]
    assert "".join(pieces) == plain
    assert all(not p.startswith(("%", "。", "，")) for p in pieces)
    assert any(p.startswith("18.2%") for p in pieces)
    words = wrap_offsets("received 1,260 disputes and resolved 1,198 of them", 20)
    assert [p for p in ("received 1,260 disputes and resolved 1,198 of them"[a:b] for a, b in words)] == [
        "received 1,260 ", "disputes and ", "resolved 1,198 of ", "them"]
    assert wrap_offsets("", 10) == [(0, 0)] and wrap_offsets("a\n\nb", 10) == [(0, 1), (2, 2), (3, 4)]


def test_changed_state_needs_the_verdict_again(tmp_path):
    (article,) = copy_examples(tmp_path, ZH)
    session = open_session([article])
    session.give_verdict(session.findings[0], "confirmed")
    session.store.close()
    article.write_text(article.read_text(encoding="utf-8").replace("1260起", "1,260起"), encoding="utf-8")
    reopened = open_session([article])
    assert reopened.state(reopened.findings[0]) == CHANGED
    assert reopened.progress().reviewed == 0 and reopened.progress().changed == 1
    assert reopened.resume_row() == 1
