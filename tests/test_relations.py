"""The relation rules end to end, in Chinese and English: sentence in, judged checks out.

Every rule code has a consistent and an inconsistent case in each language (more where a
convention or qualifier matters).  Each case names the rule that must fire, its verdict and the
numbers by role; inconsistent checks must carry suggestions and a message that shows the
arithmetic.  The sentences and figures are invented for these tests.

Cases the engine does not handle yet are marked ``xfail(strict=True)`` with the reason, so they
document the gap and turn red (XPASS) once fixed: then drop the mark.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest

from checker.lexer import detect_language
from checker.model import Check, Document
from checker.pipeline import check_document
from checker.rulepack import load_rulepack

SEVERITY = {"base_implied": "warning"}  # every other rule here is an error when inconsistent


def checks_of(text: str) -> list[Check]:
    doc = Document(path="<t>", text=text, encoding="utf-8", sha256="", language=detect_language(text))
    return check_document(doc, load_rulepack()).checks


def roles_of(check: Check) -> dict[str, str]:
    return {ref.role: ref.mention.text for ref in check.numbers}


def same_number(printed: str, expected: str) -> bool:
    """The mention is the expected number; an English mention may also carry its noun ("2,140 disputes")."""
    return printed == expected or bool(re.fullmatch(re.escape(expected) + r"\s+[A-Za-z][A-Za-z -]*", printed))


def roles_match(check: Check, expected: dict[str, str]) -> bool:
    got = roles_of(check)
    return got.keys() == expected.keys() and all(same_number(got[k], v) for k, v in expected.items())


def describe(checks: list[Check]) -> str:
    return "\n".join(f"  {c.rule} {c.verdict} {roles_of(c)} | {c.message} | {c.suggestions}" for c in checks) or "  (no checks)"


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    rule: str
    verdict: str
    roles: dict[str, str]
    #: substrings the message must contain (the arithmetic)
    message: tuple[str, ...] = ()
    #: substring of the convention that makes a consistent check consistent
    convention: str | None = None
    #: substring of the check's strength
    strength: str | None = None
    #: substring one of the suggestions must contain
    suggestion: str | None = None
    #: the engine misses the claim or misjudges it (verdict-level gap)
    xfail: str | None = None
    #: the verdict is right but the explanation (message/suggestions) falls short
    xfail_explain: str | None = None
    tags: tuple[str, ...] = field(default=())


C, I = "consistent", "inconsistent"

CASES: list[Case] = [
    # ---------------------------------------------------------------- rate
    Case("rate-zh-ok", "今年以来，全区共受理矛盾纠纷2468起，成功调处2431起，调处成功率98.5%。", "rate", C,
         {"whole": "2468起", "part": "2431起", "rate": "98.5%"}, ("2,431 / 2,468",), convention="round half up",
         strength="exact"),
    Case("rate-zh-bad", "今年以来，全区共受理矛盾纠纷2468起，成功调处2431起，调处成功率96.5%。", "rate", I,
         {"whole": "2468起", "part": "2431起", "rate": "96.5%"}, ("2,431 / 2,468", "98.5%", "96.5%"),
         suggestion="2,381–2,382"),
    # truncation is not a default convention (checker.precision): 66.67% printed "66.6%" is one digit off
    Case("rate-zh-truncation", "今年共受理信访件300件，办结200件，办结率66.6%。", "rate", I,
         {"whole": "300件", "part": "200件", "rate": "66.6%"}, ("200 / 300", "66.67%"), suggestion="66.7%"),
    Case("rate-zh-round-half-up", "今年共受理信访件300件，办结200件，办结率66.7%。", "rate", C,
         {"whole": "300件", "part": "200件", "rate": "66.7%"}, convention="round half up"),
    Case("rate-zh-two-decimals", "今年共受理信访件300件，办结200件，办结率66.67%。", "rate", C,
         {"whole": "300件", "part": "200件", "rate": "66.67%"}, convention="round half up"),
    Case("rate-zh-neither-convention", "今年共受理信访件300件，办结200件，办结率66.8%。", "rate", I,
         {"whole": "300件", "part": "200件", "rate": "66.8%"}, ("200 / 300", "66.67%"), suggestion="66.7%"),
    Case("rate-zh-half-even", "全年受理投诉200件，办结173件，办结率86%。", "rate", C,
         {"whole": "200件", "part": "173件", "rate": "86%"}, ("86.5%",), convention="round half even"),
    Case("rate-zh-half-up-only", "全年受理投诉200件，办结173件，办结率87%。", "rate", C,
         {"whole": "200件", "part": "173件", "rate": "87%"}, convention="round half up"),
    Case("rate-zh-99.5-truncated", "全年受理纠纷1600起，化解1593起，化解率99.5%。", "rate", I,
         {"whole": "1600起", "part": "1593起", "rate": "99.5%"}, ("99.56%",), suggestion="part should be 1,592"),
    Case("rate-zh-short-of-100", "全年受理纠纷10000起，化解9996起，化解率99.9%。", "rate", C,
         {"whole": "10000起", "part": "9996起", "rate": "99.9%"}, ("99.96%",), convention="truncation short of 100%"),
    Case("rate-zh-99.50-too-precise", "全年受理纠纷1600起，化解1593起，化解率99.50%。", "rate", I,
         {"whole": "1600起", "part": "1593起", "rate": "99.50%"}, ("1,593 / 1,600", "99.562%"),
         suggestion="1,592"),
    Case("rate-zh-99.50-exact", "全年受理纠纷1600起，化解1592起，化解率99.50%。", "rate", C,
         {"whole": "1600起", "part": "1592起", "rate": "99.50%"}, convention="exact"),
    Case("rate-zh-yishang-ok", "全年受理纠纷1600起，化解1598起，化解率99%以上。", "rate", C,
         {"whole": "1600起", "part": "1598起", "rate": "99%以上"}, convention="lower bound"),
    Case("rate-zh-yishang-bad", "全年受理纠纷1600起，化解1500起，化解率99%以上。", "rate", I,
         {"whole": "1600起", "part": "1500起", "rate": "99%以上"}, ("1,500 / 1,600", "93.75%")),
    Case("rate-zh-jin-ok", "全年受理纠纷1600起，化解1500起，化解率近94%。", "rate", C,
         {"whole": "1600起", "part": "1500起", "rate": "近94%"}, convention="nearly"),
    Case("rate-zh-jin-bad", "全年受理纠纷1600起，化解1598起，化解率近94%。", "rate", I,
         {"whole": "1600起", "part": "1598起", "rate": "近94%"}, ("1,598 / 1,600", "99.88%")),
    Case("rate-zh-yue-ok", "全年受理纠纷1600起，化解1500起，化解率约90%。", "rate", C,
         {"whole": "1600起", "part": "1500起", "rate": "约90%"}, convention="about"),
    Case("rate-zh-yue-bad", "全年受理纠纷1600起，化解1100起，化解率约90%。", "rate", I,
         {"whole": "1600起", "part": "1100起", "rate": "约90%"}, ("1,100 / 1,600", "68.75%")),
    Case("rate-zh-yu-approximate-counts", "全年受理纠纷1200余起，化解1150余起，化解率95.8%。", "rate", C,
         {"whole": "1200余起", "part": "1150余起", "rate": "95.8%"}, strength="interval"),
    Case("rate-zh-fullwidth", "受理纠纷１２６０起，调处１１９８起，调处成功率９５．１％。", "rate", C,
         {"whole": "１２６０起", "part": "１１９８起", "rate": "９５．１％"}, ("1,198 / 1,260",)),
    Case("rate-zh-thousands", "全市共排查矛盾纠纷3,512起，化解3,488起，化解率99.32%。", "rate", C,
         {"whole": "3,512起", "part": "3,488起", "rate": "99.32%"}),
    Case("rate-zh-year-and-followup", "2023年共受理纠纷2400起，化解2376起，化解率99%，同比提高1.2个百分点。", "rate", C,
         {"whole": "2400起", "part": "2376起", "rate": "99%"}, convention="exact"),
    Case("rate-en-ok", "The town received 2,140 disputes and resolved 2,087 of them, a success rate of 97.5%.", "rate", C,
         {"whole": "2,140", "part": "2,087", "rate": "97.5%"}, ("2,087 / 2,140", "97.52%"), convention="round half up"),
    Case("rate-en-bad", "The town received 2,140 disputes and resolved 2,087 of them, a success rate of 95.5%.", "rate", I,
         {"whole": "2,140", "part": "2,087", "rate": "95.5%"}, ("2,087 / 2,140", "97.52%", "95.5%"),
         suggestion="2,043–2,044"),
    Case("rate-en-truncation", "The bureau received 300 complaints and resolved 200 of them, a resolution rate of 66.6%.",
         "rate", I, {"whole": "300", "part": "200", "rate": "66.6%"}, suggestion="66.7%"),
    Case("rate-en-more-than-ok", "The bureau received 1,600 disputes and resolved 1,598 of them, a success rate of more than 99%.",
         "rate", C, {"whole": "1,600", "part": "1,598", "rate": "more than 99%"}, convention="lower bound"),
    Case("rate-en-more-than-bad", "The bureau received 1,600 disputes and resolved 1,500 of them, a success rate of more than 99%.",
         "rate", I, {"whole": "1,600", "part": "1,500", "rate": "more than 99%"}, ("1,500 / 1,600", "93.75%")),
    Case("rate-en-nearly-ok", "The bureau received 1,600 disputes and resolved 1,500 of them, a success rate of nearly 94%.",
         "rate", C, {"whole": "1,600", "part": "1,500", "rate": "nearly 94%"}, convention="nearly"),
    Case("rate-en-about-bad", "The bureau received 1,600 disputes and resolved 1,100 of them, a success rate of about 90%.",
         "rate", I, {"whole": "1,600", "part": "1,100", "rate": "about 90%"}, ("1,100 / 1,600", "68.75%")),
    Case("rate-en-99.50-too-precise", "The bureau received 1,600 disputes and resolved 1,593 of them, a success rate of 99.50%.",
         "rate", I, {"whole": "1,600", "part": "1,593", "rate": "99.50%"}, ("99.562%",)),
    Case("rate-en-of-the-ok", "Of the 2,140 disputes received, 2,087 (97.5%) were resolved.", "rate", C,
         {"whole": "2,140", "part": "2,087", "rate": "97.5%"}),
    Case("rate-en-of-the-bad", "Of the 2,140 disputes received, 2,087 (95.5%) were resolved.", "rate", I,
         {"whole": "2,140", "part": "2,087", "rate": "95.5%"}, ("2,087 / 2,140",)),
    # ---------------------------------------------------------------- granularity
    Case("granularity-zh-strong-ok", "今年以来共受理行政复议案件74件，结案率59.46%。", "granularity", C,
         {"whole": "74件", "rate": "59.46%"}, ("44",), strength="strong: only 44 fits"),
    Case("granularity-zh-strong-bad", "今年以来共受理行政复议案件74件，结案率59.40%。", "granularity", I,
         {"whole": "74件", "rate": "59.40%"}, ("74", "43.952", "43.96"), strength="strong", suggestion="44 of 74"),
    Case("granularity-zh-one-decimal", "今年以来共受理行政复议案件74件，结案率59.5%。", "granularity", C,
         {"whole": "74件", "rate": "59.5%"}, strength="strong: only 44 fits"),
    Case("granularity-zh-untestable", "今年以来共受理行政复议案件6350件，结案率96.1%。", "granularity", C,
         {"whole": "6350件", "rate": "96.1%"}, ("several whole counts fit",), strength="untestable"),
    Case("granularity-en-strong-ok", "The office received 74 appeals, a clearance rate of 59.46%.", "granularity", C,
         {"whole": "74", "rate": "59.46%"}, strength="strong: only 44 fits"),
    Case("granularity-en-strong-bad", "The office received 74 appeals, a clearance rate of 59.40%.", "granularity", I,
         {"whole": "74", "rate": "59.40%"}, ("74", "43.952"), strength="strong", suggestion="44 of 74"),
    Case("granularity-en-untestable", "The office received 6,350 appeals, a clearance rate of 96.1%.", "granularity", C,
         {"whole": "6,350", "rate": "96.1%"}, strength="untestable"),
    # ---------------------------------------------------------------- change_pct
    Case("change_pct-zh-comparison-ok", "全年共发生刑事案件287起（与上年351起相比下降18.23%）。", "change_pct", C,
         {"old": "351起", "new": "287起", "change": "18.23%"}, ("(287 − 351) / 351", "-18.234%")),
    Case("change_pct-zh-comparison-bad", "全年共发生刑事案件287起（与上年351起相比下降21.5%）。", "change_pct", I,
         {"old": "351起", "new": "287起", "change": "21.5%"}, ("(287 − 351) / 351", "-18.23%"),
         suggestion="the change is 18.2%"),
    Case("change_pct-zh-wrong-direction", "全年共发生刑事案件287起（与上年351起相比上升18.23%）。", "change_pct", I,
         {"old": "351起", "new": "287起", "change": "18.23%"}, ("351 → 287",), suggestion="down"),
    Case("change_pct-zh-from-to-ok", "入室盗窃案件由351起降至287起，下降18.2%。", "change_pct", C,
         {"old": "351起", "new": "287起", "change": "18.2%"}, convention="round half up"),
    Case("change_pct-zh-from-to-bad", "刑事案件由412起降至326起，下降25.0%。", "change_pct", I,
         {"old": "412起", "new": "326起", "change": "25.0%"}, ("(326 − 412) / 412", "-20.87%")),
    Case("change_pct-zh-jin-ok", "刑事案件从412起下降到326起，下降近21%。", "change_pct", C,
         {"old": "412起", "new": "326起", "change": "近21%"}, convention="nearly"),
    Case("change_pct-zh-yue-ok", "刑事案件从412起下降到326起，下降约20%。", "change_pct", C,
         {"old": "412起", "new": "326起", "change": "约20%"}, convention="about"),
    Case("change_pct-en-to-from-ok", "Burglaries fell to 287 from 351, a drop of 18.2%.", "change_pct", C,
         {"old": "351", "new": "287", "change": "18.2%"}, ("(287 − 351) / 351",), convention="round half up"),
    Case("change_pct-en-to-from-bad", "Burglaries fell to 287 from 351, a drop of 22.3%.", "change_pct", I,
         {"old": "351", "new": "287", "change": "22.3%"}, ("(287 − 351) / 351", "-18.23%"),
         suggestion="the change is 18.2%"),
    Case("change_pct-en-from-to-bad", "Criminal cases fell from 412 to 326, down 25%.", "change_pct", I,
         {"old": "412", "new": "326", "change": "25%"}, ("(326 − 412) / 412",)),
    Case("change_pct-en-wrong-direction", "Burglaries fell to 287 from 351, a rise of 18.2%.", "change_pct", I,
         {"old": "351", "new": "287", "change": "18.2%"}, ("351 → 287",), suggestion="down"),
    Case("change_pct-en-nearly-ok", "Criminal cases fell from 412 to 326, a drop of nearly 21%.", "change_pct", C,
         {"old": "412", "new": "326", "change": "nearly 21%"}, convention="nearly"),
    Case("change_pct-en-more-than-bad", "Criminal cases fell from 412 to 326, a drop of more than 25%.", "change_pct", I,
         {"old": "412", "new": "326", "change": "more than 25%"}, ("-20.87%",)),
    # ---------------------------------------------------------------- change_abs
    Case("change_abs-zh-ok", "注册志愿者从148人增加到184人，增加36人。", "change_abs", C,
         {"old": "148人", "new": "184人", "change": "36人"}, ("184 − 148 = 36",)),
    Case("change_abs-zh-bad", "注册志愿者从148人增加到184人，增加46人。", "change_abs", I,
         {"old": "148人", "new": "184人", "change": "46人"}, ("184 − 148 = 36", "46人"), suggestion="36"),
    Case("change_abs-en-ok", "Registered volunteers rose from 148 to 184, up 36.", "change_abs", C,
         {"old": "148", "new": "184", "change": "36"}, ("184 − 148 = 36",)),
    Case("change_abs-en-bad", "Registered volunteers rose from 148 to 184, up 46.", "change_abs", I,
         {"old": "148", "new": "184", "change": "46"}, ("184 − 148 = 36",), suggestion="36"),
    Case("change_abs-en-by-from-to-ok", "Registered volunteers rose by 36 from 148 to 184.", "change_abs", C,
         {"old": "148", "new": "184", "change": "36"}),
    Case("change_abs-en-by-from-to-bad", "Registered volunteers rose by 46 from 148 to 184.", "change_abs", I,
         {"old": "148", "new": "184", "change": "46"}, ("184 − 148 = 36",)),
    # ---------------------------------------------------------------- pp_diff
    Case("pp_diff-zh-ok", "群众满意度从88.7%提升到93.2%，提高4.5个百分点。", "pp_diff", C,
         {"old": "88.7%", "new": "93.2%", "change": "4.5个百分点"}, ("93.2 − 88.7",)),
    Case("pp_diff-zh-bad", "群众满意度从88.7%提升到93.2%，提高5.5个百分点。", "pp_diff", I,
         {"old": "88.7%", "new": "93.2%", "change": "5.5个百分点"}, ("93.2 − 88.7", "5.5个百分点")),
    Case("pp_diff-zh-points-as-percent", "群众满意度从88.7%提升到93.2%，提高4.5%。", "pp_diff", I,
         {"old": "88.7%", "new": "93.2%", "change": "4.5%"}, ("percentage points", "5.07%"),
         suggestion="percentage points"),
    Case("pp_diff-zh-percent-as-points", "群众满意度从88.7%提升到93.2%，提高5.1个百分点。", "pp_diff", I,
         {"old": "88.7%", "new": "93.2%", "change": "5.1个百分点"}, ("percent change", "5.07%")),
    Case("pp_diff-zh-relative-change-ok", "群众满意度从88.7%提升到93.2%，提高5.1%。", "pp_diff", C,
         {"old": "88.7%", "new": "93.2%", "change": "5.1%"}, ("5.07%",)),
    Case("pp_diff-zh-neither", "群众满意度从88.7%提升到93.2%，提高8.0%。", "pp_diff", I,
         {"old": "88.7%", "new": "93.2%", "change": "8.0%"}, ("5.07%",)),
    Case("pp_diff-zh-wrong-direction", "群众满意度从88.7%下降到93.2%，下降4.5个百分点。", "pp_diff", I,
         {"old": "88.7%", "new": "93.2%", "change": "4.5个百分点"}, ("88.7% → 93.2%",)),
    Case("pp_diff-en-ok", "Public satisfaction rose from 88.7% to 93.2%, up 4.5 percentage points.", "pp_diff", C,
         {"old": "88.7%", "new": "93.2%", "change": "4.5 percentage points"}, ("93.2 − 88.7",)),
    Case("pp_diff-en-bad", "Public satisfaction rose from 88.7% to 93.2%, up 5.5 percentage points.", "pp_diff", I,
         {"old": "88.7%", "new": "93.2%", "change": "5.5 percentage points"}, ("93.2 − 88.7",)),
    Case("pp_diff-en-points-as-percent", "Public satisfaction rose from 88.7% to 93.2%, up 4.5%.", "pp_diff", I,
         {"old": "88.7%", "new": "93.2%", "change": "4.5%"}, ("percentage points", "5.07%"),
         suggestion="percentage points"),
    Case("pp_diff-en-percent-as-points", "Public satisfaction rose from 88.7% to 93.2%, up 5.1 percentage points.", "pp_diff", I,
         {"old": "88.7%", "new": "93.2%", "change": "5.1 percentage points"}, ("percent change", "5.07%")),
    Case("pp_diff-en-relative-change-ok", "Public satisfaction rose from 88.7% to 93.2%, up 5.1%.", "pp_diff", C,
         {"old": "88.7%", "new": "93.2%", "change": "5.1%"}, ("5.07%",)),
    Case("pp_diff-en-neither", "Public satisfaction rose from 88.7% to 93.2%, up 8.0%.", "pp_diff", I,
         {"old": "88.7%", "new": "93.2%", "change": "8.0%"}, ("5.07%",)),
    Case("pp_diff-en-wrong-direction", "Public satisfaction fell from 88.7% to 93.2%, down 4.5 percentage points.", "pp_diff", I,
         {"old": "88.7%", "new": "93.2%", "change": "4.5 percentage points"}, ("88.7% → 93.2%",)),
    # ---------------------------------------------------------------- direction
    Case("direction-zh-ok", "群众满意度从86.3%上升到93.1%。", "direction", C,
         {"old": "86.3%", "new": "93.1%"}, ("86.3 → 93.1",)),
    Case("direction-zh-bad", "群众满意度从93.1%上升到86.3%。", "direction", I,
         {"old": "93.1%", "new": "86.3%"}, ("93.1 → 86.3",), suggestion="down"),
    Case("direction-zh-counts-ok", "刑事案件由412起降至326起。", "direction", C,
         {"old": "412起", "new": "326起"}, ("412 → 326",)),
    Case("direction-en-ok", "Satisfaction rose from 86.3% to 93.1%.", "direction", C,
         {"old": "86.3%", "new": "93.1%"}, ("86.3 → 93.1",)),
    Case("direction-en-bad", "Thefts fell from 189 to 243.", "direction", I,
         {"old": "189", "new": "243"}, ("189 → 243",), suggestion="up"),
    Case("direction-en-to-from-ok", "Burglaries fell to 287 from 351.", "direction", C,
         {"old": "351", "new": "287"}),
    # ---------------------------------------------------------------- arity
    Case("arity-zh-ok", "入室盗窃、电信诈骗案件分别下降14.2%、6.1%。", "arity", C,
         {"values[0]": "14.2%", "values[1]": "6.1%"}, ("2 items", "2 values")),
    Case("arity-zh-bad", "入室盗窃、电信诈骗、抢劫案件分别下降14.2%、6.1%。", "arity", I,
         {"values[0]": "14.2%", "values[1]": "6.1%"}, ("3 items", "2 values"), suggestion="one value per item"),
    Case("arity-zh-three-ok", "入室盗窃、电信诈骗、抢劫案件同比分别下降14.2%、6.1%和3.3%。", "arity", C,
         {"values[0]": "14.2%", "values[1]": "6.1%", "values[2]": "3.3%"}, ("3 items", "3 values")),
    Case("arity-en-ok", "Robbery and vehicle theft cases fell 16.4% and 9.7%, respectively.", "arity", C,
         {"values[0]": "16.4%", "values[1]": "9.7%"}, ("2 items", "2 values")),
    Case("arity-en-bad", "Robbery, burglary and vehicle theft cases fell 16.4% and 9.7%, respectively.", "arity", I,
         {"values[0]": "16.4%", "values[1]": "9.7%"}, ("3 items", "2 values"), suggestion="one value per item"),
    # ---------------------------------------------------------------- part_le_whole
    Case("part_le_whole-zh-ok", "全年打掉犯罪团伙31个，其中黑恶势力集团9个。", "part_le_whole", C,
         {"whole": "31个", "part": "9个"}),
    Case("part_le_whole-zh-bad", "全年打掉犯罪团伙31个，其中黑恶势力集团39个。", "part_le_whole", I,
         {"whole": "31个", "part": "39个"}, ("39个", "31个"), suggestion="at least 39"),
    Case("part_le_whole-zh-second-part-bad", "抓获犯罪嫌疑人54名，其中未成年人7名、外省籍人员61名。", "part_le_whole", I,
         {"whole": "54名", "part": "61名"}, ("61名", "54名")),
    Case("part_le_whole-zh-yishang-ok", "该团伙有成员12人以上，其中15人被判刑。", "part_le_whole", C,
         {"whole": "12人以上", "part": "15人"}),
    Case("part_le_whole-zh-baokuo-bad", "全年共调解纠纷83起，包括家庭纠纷27起、邻里纠纷91起。", "part_le_whole", I,
         {"whole": "83起", "part": "91起"}, ("91起", "83起")),
    Case("part_le_whole-en-ok", "The ring had 14 members, of whom 11 were convicted.", "part_le_whole", C,
         {"whole": "14", "part": "11"}),
    Case("part_le_whole-en-bad", "The ring had 9 members, of whom 11 were convicted.", "part_le_whole", I,
         {"whole": "9", "part": "11"}, ("11", "9"), suggestion="at least 11"),
    Case("part_le_whole-en-of-which-bad", "Police broke up 31 gangs, of which 39 were organized crime groups.", "part_le_whole", I,
         {"whole": "31", "part": "39"}, ("39", "31")),
    Case("part_le_whole-en-more-than-ok", "The gang had more than 12 members, of whom 15 were convicted.", "part_le_whole", C,
         {"whole": "more than 12", "part": "15"}),
    Case("part_le_whole-en-including-bad",
         "The center mediated 83 disputes (including 27 family disputes and 91 neighbour disputes).", "part_le_whole", I,
         {"whole": "83", "part": "91"}, ("91", "83")),
    # ---------------------------------------------------------------- sum
    Case("sum-zh-ok", "热线共收到群众诉求640件，已解决627件，对13件暂未解决的持续跟进。", "sum", C,
         {"total": "640件", "parts[0]": "627件", "parts[1]": "13件"}, ("627 + 13 = 640",)),
    Case("sum-zh-bad", "热线共收到群众诉求640件，已解决627件，对18件暂未解决的持续跟进。", "sum", I,
         {"total": "640件", "parts[0]": "627件", "parts[1]": "18件"}, ("627 + 18 = 645", "640件"),
         suggestion="645"),
    Case("sum-zh-shangwei-ok", "热线共收到群众诉求640件，解决627件，13件尚未解决。", "sum", C,
         {"total": "640件", "parts[0]": "627件", "parts[1]": "13件"}),
    Case("sum-en-ok", "The hotline logged a total of 1,045 requests: 1,031 were resolved and 14 remain unresolved.", "sum", C,
         {"total": "1,045", "parts[0]": "1,031", "parts[1]": "14"}, ("1,031 + 14 = 1,045",)),
    Case("sum-en-bad", "The hotline logged a total of 1,045 requests: 1,031 were resolved and 19 remain unresolved.", "sum", I,
         {"total": "1,045", "parts[0]": "1,031", "parts[1]": "19"}, ("1,031 + 19 = 1,050",)),
    Case("sum-en-not-yet-bad", "The hotline received 1,045 requests, resolved 1,031 and 19 were not yet resolved.", "sum", I,
         {"total": "1,045", "parts[0]": "1,031", "parts[1]": "19"}, ("1,031 + 19 = 1,050",)),
    # ---------------------------------------------------------------- base_implied
    Case("base_implied-zh-ok", "全年破获刑事案件728起，同比上升30.47%。", "base_implied", C,
         {"new": "728起", "change": "30.47%"}, ("implies 558 before", "558 → 728"), strength="strong"),
    Case("base_implied-zh-bad", "全年破获刑事案件728起，同比上升30.40%。", "base_implied", I,
         {"new": "728起", "change": "30.40%"}, ("728 / (1 + 30.40%/100)", "558.261–558.304"), strength="strong",
         suggestion="558 → 728"),
    Case("base_implied-zh-down-ok", "全年破获刑事案件728起，同比下降30.47%。", "base_implied", C,
         {"new": "728起", "change": "30.47%"}, ("implies 1047 before",)),
    Case("base_implied-zh-untestable", "全年破获刑事案件728起，同比上升30%。", "base_implied", C,
         {"new": "728起", "change": "30%"}, strength="untestable"),
    Case("base_implied-en-after-count-ok", "728 cases were solved, up 30.47% year on year.", "base_implied", C,
         {"new": "728", "change": "30.47%"}, ("implies 558 before",)),
    Case("base_implied-en-after-count-bad", "Police solved 728 cases, up 30.40% year on year.", "base_implied", I,
         {"new": "728", "change": "30.40%"}, ("558.261",)),
    Case("base_implied-en-rose-to-ok", "Cases solved rose 30.47% year on year to 728.", "base_implied", C,
         {"new": "728", "change": "30.47%"}, ("implies 558 before",)),
    Case("base_implied-en-rose-to-bad", "Cases solved rose 30.40% year on year to 728.", "base_implied", I,
         {"new": "728", "change": "30.40%"}),
    # ---------------------------------------------------------------- bound
    Case("bound-zh-bad", "今年命案破案率达104%。", "bound", I, {"value": "104%"}, ("104%", "100%"), suggestion="digits"),
    Case("bound-zh-ok", "今年命案破案率达100%。", "bound", C, {"value": "100%"}),
    Case("bound-zh-shares-bad", "盗窃案件占刑事案件总数的64.1%，诈骗案件占47.9%。", "bound", I,
         {"shares[0]": "64.1%", "shares[1]": "47.9%"}, ("111.9%", "100%")),
    Case("bound-zh-shares-ok", "盗窃案件占刑事案件总数的44.1%，诈骗案件占27.9%。", "bound", C,
         {"shares[0]": "44.1%", "shares[1]": "27.9%"}),
    Case("bound-en-was-bad", "The homicide solve rate was 104%.", "bound", I, {"value": "104%"}, ("104%", "100%")),
    Case("bound-en-was-ok", "The homicide solve rate was 96%.", "bound", C, {"value": "96%"}),
    Case("bound-en-reached-bad", "The homicide solve rate reached 104%.", "bound", I, {"value": "104%"}, ("104%", "100%")),
    Case("bound-en-reached-ok", "The homicide solve rate reached 96%.", "bound", C, {"value": "96%"}),
    Case("bound-en-shares-bad", "Thefts accounted for 64.1% of all crimes and frauds accounted for 47.9%.", "bound", I,
         {"shares[0]": "64.1%", "shares[1]": "47.9%"}, ("111.9%",)),
]


def _params(cases, *, explain: bool = False):
    out = []
    for case in cases:
        marks = []
        reason = case.xfail or (case.xfail_explain if explain else None)
        if reason:
            marks.append(pytest.mark.xfail(reason=reason, strict=True))
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


def find_check(case: Case) -> tuple[Check, list[Check]]:
    checks = checks_of(case.text)
    for c in checks:
        if c.rule == case.rule and roles_match(c, case.roles):
            return c, checks
    raise AssertionError(f"no {case.rule} check with roles {case.roles} in {case.text!r}; the engine produced:\n"
                         + describe(checks))


def test_every_rule_has_cases_in_both_languages():
    codes = {"rate", "granularity", "change_pct", "change_abs", "pp_diff", "direction", "arity", "part_le_whole",
             "sum", "base_implied", "bound"}
    for code in codes:
        for lang in ("zh", "en"):
            verdicts = {c.verdict for c in CASES if c.rule == code and detect_language(c.text) == lang}
            assert verdicts == {C, I}, f"{code}/{lang} lacks a {({C, I} - verdicts)} case"
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", _params(CASES))
def test_rule_fires_with_verdict(case: Case):
    check, _ = find_check(case)
    assert check.verdict == case.verdict, f"{check.message} | {check.suggestions}"
    assert check.severity == ("info" if case.verdict == C else SEVERITY.get(case.rule, "error"))
    # the quote is the original text, and it holds every number of the check
    assert check.quote == case.text[check.start : check.end]
    for ref in check.numbers:
        m = ref.mention
        assert case.text[m.start : m.end] == m.text
        assert check.start <= m.start and m.end <= check.end, f"{m.text!r} outside quote {check.quote!r}"
    if case.convention:
        assert case.convention in (check.convention or ""), check.message
    if case.strength:
        assert case.strength in (check.strength or ""), check.message
    assert check.id and check.line == 1


@pytest.mark.parametrize("case", _params([c for c in CASES if c.verdict == I or c.message], explain=True))
def test_check_explains_itself(case: Case):
    check, _ = find_check(case)
    for piece in case.message:
        assert piece in check.message, f"{piece!r} not in message {check.message!r}"
    assert any(ch.isdigit() for ch in check.message)
    if check.verdict == I:
        assert check.suggestions, f"no suggestions for: {check.message}"
        assert check.formula and check.recomputed
    if case.suggestion:
        assert any(case.suggestion in s for s in check.suggestions), check.suggestions


# ---------------------------------------------------------------- precise suggestions

@pytest.mark.parametrize("text", ["群众满意度从88.7%提升到93.2%，提高4.5%。",
                                  "Public satisfaction rose from 88.7% to 93.2%, up 4.5%.",
                                  "Public satisfaction rose from 88.7% to 93.2%, up 5.1 percentage points."],
                         ids=["zh-points-as-percent", "en-points-as-percent", "en-percent-as-points"])
def test_pp_diff_suggests_the_actual_difference(text):
    [check] = [c for c in checks_of(text) if c.rule == "pp_diff"]
    assert check.verdict == I
    assert any("4.5 percentage points" in s for s in check.suggestions), check.suggestions


# ---------------------------------------------------------------- no false alarms

NEGATIVE = [
    pytest.param("全区破获刑事案件526起，居民消费价格指数同比上涨2.3%。", id="zh-yoy-of-unrelated-index"),
    pytest.param("全区破获刑事案件526起，CPI同比上涨2.3%。", id="zh-yoy-of-cpi"),
    pytest.param("Police solved 526 cases; consumer prices rose 2.3% year on year.", id="en-yoy-of-unrelated-index"),
    pytest.param("Police solved 526 cases, while the consumer price index rose 2.3% year on year.", id="en-yoy-while-index"),
    pytest.param("全年共调解纠纷83起（包括家庭纠纷27起、邻里纠纷31起），调解成功率100%。", id="zh-baokuo-in-parentheses"),
    pytest.param("The center mediated 83 disputes (including 27 family disputes and 31 neighbour disputes).",
                 id="en-including-in-parentheses"),
    pytest.param("全年共接警5260起，其中刑事警情同比下降12.6%。", id="zh-qizhong-then-change"),
    pytest.param("全区共有网格员1320名，同比增加8.2%，其中专职网格员610名。", id="zh-count-change-subset"),
    pytest.param("盗窃、诈骗、抢劫案件分别为126起、88起、17起，分别占总数的54.1%、37.9%、7.3%。", id="zh-fenbie-counts-and-shares"),
    pytest.param("盗抢骗案件和电诈案件同比分别下降23.1%和17.4%。", id="zh-fenbie-he"),
    pytest.param("两起案件分别涉案金额120万元、85万元。", id="zh-fenbie-numbered-noun"),
    pytest.param("全年破获电诈案件217起，抓获嫌疑人163名，同比分别上升35.6%、28.3%。", id="zh-fenbie-items-in-earlier-clauses"),
    pytest.param("Robbery and vehicle theft cases fell 16.4% and 9.7% respectively.", id="en-respectively-no-comma"),
    pytest.param("全区电诈案件立案数同比上升151%。", id="zh-change-above-100"),
    pytest.param("全区立案482起，同比上升151%。", id="zh-count-change-above-100"),
    pytest.param("Reported frauds rose 151% year on year.", id="en-change-above-100"),
    pytest.param("Fraud cases were up 151% from a year earlier.", id="en-up-above-100"),
    pytest.param("Thefts doubled from 189 to 378.", id="en-doubled-from-to"),
    pytest.param("Thefts rose from 189 to 378, doubling in a year.", id="en-rose-doubling"),
    pytest.param("Thefts rose from 189 to 378, up 189.", id="en-from-to-up-189"),
    pytest.param("盗窃案件从189起增加到378起，翻了一番。", id="zh-fan-yi-fan"),
    pytest.param("盗窃案件由189起翻番至378起。", id="zh-fanfan-zhi"),
    pytest.param("全年受理纠纷2400起，同比增长12%，化解2376起，化解率99%。", id="zh-rate-after-yoy"),
    pytest.param("全市户籍人口52.3万人，同比增长1.8%。", id="zh-scaled-count-change"),
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_inconsistent_verdict(text):
    bad = [c for c in checks_of(text) if c.verdict == "inconsistent"]
    assert not bad, "false alarm:\n" + describe(bad)


@pytest.mark.parametrize("text", ["全区电诈案件立案数同比上升151%。", "全区立案482起，同比上升151%。",
                                  "Reported frauds rose 151% year on year.", "Fraud cases were up 151% from a year earlier."],
                         ids=["zh", "zh-with-count", "en-rose", "en-up"])
def test_change_above_100_percent_is_not_a_rate(text):
    assert not [c for c in checks_of(text) if c.rule in ("bound", "rate", "granularity")]


def test_unrelated_index_is_not_a_base():
    for text in ("全区破获刑事案件526起，居民消费价格指数同比上涨2.3%。",
                 "Police solved 526 cases; consumer prices rose 2.3% year on year."):
        assert not [c for c in checks_of(text) if c.rule in ("base_implied", "change_pct")], text


def test_baokuo_in_parentheses_is_only_a_subset():
    checks = checks_of("全年共调解纠纷83起（包括家庭纠纷27起、邻里纠纷31起），调解成功率100%。")
    subsets = [roles_of(c) for c in checks if c.rule == "part_le_whole"]
    assert {"whole": "83起", "part": "27起"} in subsets and {"whole": "83起", "part": "31起"} in subsets
    assert all(c.verdict == C for c in checks), describe(checks)
    # the success rate is not a rate of the listed kinds
    assert not [c for c in checks if c.rule in ("rate", "granularity")], describe(checks)


# ---------------------------------------------------------------- the command line

def test_check_command_json_reports_inconsistent_rate(tmp_path, capsys):
    from checker.cli import main

    text = ("今年以来，全区共受理矛盾纠纷2468起，成功调处2431起，调处成功率96.5%。\n"
            "群众满意度从88.7%提升到93.2%，提高4.5个百分点。\n")
    path = tmp_path / "article.md"
    path.write_text(text, encoding="utf-8")
    code = main(["check", str(path), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    [doc] = report["documents"]
    bad = [c for c in doc["checks"] if c["verdict"] == "inconsistent"]
    assert [c["rule"] for c in bad] == ["rate"]
    [rate] = bad
    assert rate["quote"] == text[rate["span"]["start"] : rate["span"]["end"]]
    assert {n["role"]: n["text"] for n in rate["numbers"]} == {"whole": "2468起", "part": "2431起", "rate": "96.5%"}
    assert rate["suggestions"] and "2,431 / 2,468" in rate["message"]
    pp = [c for c in doc["checks"] if c["rule"] == "pp_diff"]
    assert pp and pp[0]["verdict"] == "consistent" and pp[0]["line"] == 2
    assert report["summary"]["inconsistent"] == 1
