"""`checker claims`: the quantity frames and bindings of each sentence, in text and JSON, so that a
reviewer and a developer can see why the checker read a sentence as it did."""
from __future__ import annotations

import json

from checker.cli import main


def write(tmp_path, text: str):
    p = tmp_path / "article.txt"
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_json_names_every_frame_and_the_selected_binding(tmp_path, capsys):
    path = write(tmp_path, "全年实现营业收入63.5亿元，较上年的55.2亿元增长15.0%。")
    assert main(["claims", "--format", "json", "--candidates", path]) == 0
    doc = json.loads(capsys.readouterr().out)["documents"][0]
    sentence = doc["sentences"][0]
    roles = {f["text"]: f["role"] for f in sentence["frames"]}
    assert roles == {"63.5亿元": "level", "55.2亿元": "reference", "15.0%": "pct_change"}
    change = next(f for f in sentence["frames"] if f["role"] == "pct_change")
    assert change["direction"] == "up" and change["cue"] == "增长"
    chosen = [s["binding"] for s in sentence["selected"]]
    assert {"relation": "change_pct", "slots": {"new": "63.5亿元", "old": "55.2亿元"}}.items() <= chosen[0].items()
    assert chosen[0]["score"] > 0 and chosen[0]["features"]  # the reading explains itself
    assert sentence["candidates"], "--candidates lists what was weighed"


def test_text_shows_roles_and_bindings(tmp_path, capsys):
    path = write(tmp_path, "Thefts fell 6.4 percent to 1,170 from 1,250.")
    assert main(["claims", path]) == 0
    out = capsys.readouterr().out
    assert "pct_change" in out and "reference" in out and "level" in out
    assert "=> change_pct" in out and "'new': '1,170'" in out and "'old': '1,250'" in out


def test_an_increment_is_never_a_level(tmp_path, capsys):
    path = write(tmp_path, "年末户籍人口356.2万人，比上年末增加4.1万人。")
    assert main(["claims", "--format", "json", path]) == 0
    frames = json.loads(capsys.readouterr().out)["documents"][0]["sentences"][0]["frames"]
    assert {f["text"]: f["role"] for f in frames}["4.1万人"] == "increment"


def test_unreadable_input_is_one_line(tmp_path, capsys):
    assert main(["claims", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.txt" in err[0]
