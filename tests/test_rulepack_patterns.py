"""The bundled pack's regular expressions compile (a run loads them unchecked, to start faster),
and a user pack's bad pattern is refused at load with the file and list named."""
from pathlib import Path

import pytest

from checker.claims import PATTERN_LISTS
from checker.rulepack import RulePackError, _load_vocab, load_rulepack, rules_dir


def test_every_bundled_pattern_compiles():
    frames = _load_vocab(rules_dir(), "frames.toml", patterns=True)
    claims = _load_vocab(rules_dir(), patterns=PATTERN_LISTS)
    assert frames["zh"]["up_before"] and frames["en"]["time_phrase"]
    assert claims["zh"]["not_level_before"] and claims["en"]["not_level_before"]


@pytest.mark.parametrize("filename, name", [("frames.toml", "up_before"), ("claims.toml", "not_level_before")])
def test_a_bad_user_pattern_is_refused(tmp_path: Path, filename: str, name: str):
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / filename).write_text(f'{name} = ["(unclosed"]\n', encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        load_rulepack((str(tmp_path),))
    assert filename in str(err.value) and name in str(err.value)
