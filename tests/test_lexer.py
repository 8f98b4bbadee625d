"""Spot checks of the number lexer, Chinese and English, on sentences written for these tests.

Each case names the expression as written (``surf``), the sentence it sits in, and the reading:
kind, value, the interval (low/high; None is unbounded), unit, qualifier, scale, label.
"""
from __future__ import annotations

from fractions import Fraction as F

import pytest
from conftest import mentions_of

from checker.lexer import lexer_for
from checker.lexicon import load_lexicon, rules_dir
from checker.numerals import parse_chinese, parse_english, significant_step

UNSET = object()


def find(text: str, surf: str, language: str | None = None):
    """The one mention whose text is ``surf`` (every mention quotes the original exactly)."""
    mentions = mentions_of(text, language)
    for m in mentions:
        assert text[m.start : m.end] == m.text
    found = [m for m in mentions if m.text == surf]
    assert len(found) == 1, f"{surf!r} in {[(m.text, m.kind) for m in mentions]}"
    return found[0]


def check(text, surf, kind, value=UNSET, low=UNSET, high=UNSET, unit=UNSET, qualifier=UNSET, scale=UNSET,
          label=UNSET, language=None):
    m = find(text, surf, language)
    assert m.kind == kind, (surf, m)
    if value is not UNSET:
        assert m.value == (None if value is None else F(value)), (surf, m.value)
    if low is UNSET and high is UNSET and value is not UNSET and qualifier in (UNSET, None) and value is not None:
        low = high = value  # an exact number is its own interval
    if low is not UNSET:
        assert m.low == (None if low is None else F(low)), (surf, m.low)
    if high is not UNSET:
        assert m.high == (None if high is None else F(high)), (surf, m.high)
    if unit is not UNSET:
        assert m.unit == unit, (surf, m.unit)
    if qualifier is not UNSET:
        assert m.qualifier == qualifier, (surf, m.qualifier)
    if scale is not UNSET:
        assert m.scale == scale, (surf, m.scale)
    if label is not UNSET:
        assert m.label == label, (surf, m.label)
    return m


def statistics(text, language=None):
    return [(m.text, m.value) for m in mentions_of(text, language) if m.is_statistic]


# -- Chinese: Arabic and Chinese numerals ---------------------------------------------------------------

@pytest.mark.parametrize("text, surf, kind, value, unit, scale", [
    ("全镇今年新办企业318家。", "318家", "count", 318, "家", 1),
    ("全年降水量为1032.6毫米以上的站点有7个。", "7个", "count", 7, "个", 1),
    ("人均住房面积达到38.25平方米。", "38.25平方米", "measure", "38.25", "平方米", 1),
    ("该村共有村民小组十七个。", "十七个", "count", 17, "个", 1),
    ("辖区划分为廿个网格。", "廿个", "count", 20, "个", 1),
    ("新建公租房两千三百套。", "两千三百套", "count", 2300, "套", 1),
    ("全年接待游客一万二千人次。", "一万二千人次", "count", 12000, "人次", 1),
    ("新增就业岗位一万二千个。", "一万二千个", "count", 12000, "个", 1),
    ("活动吸引了三百零五名选手。", "三百零五名", "count", 305, "名", 1),
    ("参保人数一万零八百人。", "一万零八百人", "count", 10800, "人", 1),
])
def test_chinese_integers(text, surf, kind, value, unit, scale):
    check(text, surf, kind, value, unit=unit, scale=scale, qualifier=None)


@pytest.mark.parametrize("text, surf, kind, value, unit, decimals", [
    ("群众满意度为百分之九十八点五。", "百分之九十八点五", "percent", "98.5", "%", 1),
    ("不良率为千分之三。", "千分之三", "per_mille", 3, "‰", 0),
    ("约三成居民选择公交出行。", "约三成", "percent", 30, "%", 0),
    ("返乡创业人数占六成。", "六成", "percent", 60, "%", 0),
    ("网购交易额增长五倍。", "五倍", "multiple", 5, "倍", 0),
    ("客流量是去年的1.5倍。", "1.5倍", "multiple", "1.5", "倍", 1),
    ("发案率为百分之12.5。", "百分之12.5", "percent", "12.5", "%", 1),
])
def test_chinese_percent_words_tenths_and_multiples(text, surf, kind, value, unit, decimals):
    m = find(text, surf)
    assert (m.kind, m.value, m.unit, m.decimals) == (kind, F(value), unit, decimals)


def test_qualified_percent_words():
    check("不良率控制在千分之三以内。", "千分之三以内", "per_mille", 3, low=None, high=3, qualifier="at_most")
    check("约三成居民满意。", "约三成", "percent", 30, low=27, high=33, qualifier="about")


@pytest.mark.parametrize("text, surf, kind, value, scale, unit", [
    ("全区新增就业1.2万人。", "1.2万人", "count", 12000, 10_000, "人"),
    ("全年实现税收5.58亿元。", "5.58亿元", "money", 558_000_000, 100_000_000, "元"),
    ("组织志愿者3千人次参加。", "3千人次", "count", 3000, 1000, "人次"),
    ("累计投入资金1500万元。", "1500万元", "money", 15_000_000, 10_000, "元"),
    ("全市常住人口达到1200.5万。", "1200.5万", "count", 12_005_000, 10_000, None),
    ("总投资两千三百万元。", "两千三百万元", "money", 23_000_000, 10_000, "元"),
    ("出口额达3.2亿美元。", "3.2亿美元", "money", 320_000_000, 100_000_000, "美元"),
    ("引进外资800万美元。", "800万美元", "money", 8_000_000, 10_000, "美元"),
])
def test_scales(text, surf, kind, value, scale, unit):
    check(text, surf, kind, value, scale=scale, unit=unit)


def test_mixed_scale_with_infix_qualifier():
    check("全区参与群众2万余人。", "2万余人", "count", 20000, low=20000, high=30000, scale=10_000, unit="人",
          qualifier="more_than")
    check("投入资金3500余万元。", "3500余万元", "money", 35_000_000, low=35_000_000, high=36_000_000,
          qualifier="more_than")
    check("帮扶困难群众1.5万多户。", "1.5万多户", "count", 15000, low=15000, high=16000, qualifier="more_than")


# -- Chinese: qualifiers as intervals ---------------------------------------------------------------------

@pytest.mark.parametrize("text, surf, value, low, high, qualifier", [
    ("培训网格员2000余人。", "2000余人", 2000, 2000, 3000, "more_than"),
    ("走访群众3500余户。", "3500余户", 3500, 3500, 3600, "more_than"),
    ("现场有二十余人。", "二十余人", 20, 20, 30, "more_than"),
    ("收到建议200多条。", "200多条", 200, 200, 300, "more_than"),
    ("覆盖近20个乡镇。", "近20个", 20, 18, 20, "nearly"),
    ("惠及近万人。", "近万人", 10000, 9000, 10000, "nearly"),
    ("约300人到场。", "约300人", 300, 270, 330, "about"),
    ("受理量约为12.5万件。", "约为12.5万件", 125000, 112500, 137500, "about"),
    ("超5000人参与。", "超5000人", 5000, 5000, None, "more_than"),
    ("超过80%的居民满意。", "超过80%", 80, 80, None, "more_than"),
    ("逾千人参加。", "逾千人", 1000, 1000, None, "more_than"),
    ("逾300家企业入驻。", "逾300家", 300, 300, None, "more_than"),
    ("等候时间缩短到30分钟左右。", "30分钟左右", 30, 27, 33, "about"),
    ("每天接待500人左右。", "500人左右", 500, 450, 550, "about"),
    ("90%以上的纠纷在村里化解。", "90%以上", 90, 90, None, "at_least"),
    ("参会者在200人以上。", "200人以上", 200, 200, None, "at_least"),
    ("不到10%的家庭受影响。", "不到10%", 10, None, 10, "less_than"),
    ("不足百人。", "不足百人", 100, None, 100, "less_than"),
    ("每批100人上下。", "100人上下", 100, 90, 110, "about"),
    ("至少12个部门参与。", "至少12个", 12, 12, None, "at_least"),
    ("最多3次。", "最多3次", 3, None, 3, "at_most"),
    ("问题在10件以下。", "10件以下", 10, None, 10, "at_most"),
    ("接到十来个电话。", "十来个", 10, 9, 11, "about"),
])
def test_chinese_qualifiers(text, surf, value, low, high, qualifier):
    m = find(text, surf)
    assert m.is_statistic or m.kind == "duration"
    assert (m.value, m.qualifier) == (value, qualifier)
    assert (m.low, m.high) == (None if low is None else F(low), None if high is None else F(high))


def test_nearly_n_years_is_the_last_n_years():
    check("近5年来，累计投入近8亿元。", "近5年", "duration", 5, qualifier=None)
    check("近5年来，累计投入近8亿元。", "近8亿元", "money", 800_000_000, low=720_000_000, high=800_000_000,
          qualifier="nearly")


# -- Chinese: percentage points, per-mille, ranges, signs -------------------------------------------------

def test_percentage_points():
    check("满意率提高3.2个百分点。", "3.2个百分点", "percentage_points", "3.2", unit="个百分点")
    check("发案率下降0.8百分点。", "0.8百分点", "percentage_points", "0.8", unit="百分点")


def test_per_mille():
    check("人口自然增长率为3.5‰。", "3.5‰", "per_mille", "3.5", unit="‰")
    check("死亡率为千分之五。", "千分之五", "per_mille", 5)


@pytest.mark.parametrize("text, surf, low, high, kind, unit", [
    ("每个网格配备3至5个人。", "3至5个", 3, 5, "count", "个"),
    ("降幅在3–5%之间。", "3–5%", 3, 5, "percent", "%"),
    ("降幅在3-5%之间。", "3-5%", 3, 5, "percent", "%"),
    ("办理时限为3～5天。", "3～5天", 3, 5, "duration", "天"),
    ("投资3到5万元。", "3到5万元", 30_000, 50_000, "money", "元"),
    ("招募3万-5万人。", "3万-5万人", 30_000, 50_000, "count", "人"),
    ("增长10%至15%。", "10%至15%", 10, 15, "percent", "%"),
])
def test_chinese_ranges(text, surf, low, high, kind, unit):
    m = check(text, surf, kind, None, low=low, high=high, unit=unit)
    assert m.is_range and not m.exact


def test_from_a_to_b_is_a_change_not_a_range():
    assert statistics("满意度从91.2%上升到94.6%。") == [("91.2%", F("91.2")), ("94.6%", F("94.6"))]


@pytest.mark.parametrize("text, surf, kind, value", [
    ("同比增长-3.2%。", "-3.2%", "percent", "-3.2"),
    ("增速为－2.5％。", "－2.5％", "percent", "-2.5"),
    ("环比-0.3个百分点。", "-0.3个百分点", "percentage_points", "-0.3"),
    ("净流入为-12人。", "-12人", "count", -12),
    ("同比+5.1%。", "+5.1%", "percent", "5.1"),
    ("指数（-1.5%）回落。", "-1.5%", "percent", "-1.5"),
])
def test_chinese_signed_values(text, surf, kind, value):
    m = check(text, surf, kind, value)
    assert m.literal[0] in "+-"  # the sign is printed, so it is part of the literal and the span
    assert F(m.literal) == m.value


def test_a_hyphen_after_a_word_or_number_is_not_a_sign():
    assert find("歼-20战机", "20").value == 20  # a model name: the hyphen is not a minus
    assert find("新冠COVID-19疫情", "19").kind == "code"
    assert find("2019-2023年", "2019").kind == "year"


@pytest.mark.parametrize("text, surf, kind, unit, quantity", [
    ("投入资金500万元。", "500万元", "money", "元", "yuan"),
    ("拨付专项资金2.3亿元。", "2.3亿元", "money", "元", "yuan"),
    ("辖区面积45.6平方公里。", "45.6平方公里", "measure", "平方公里", "square_kilometer"),
    ("清运垃圾3200吨。", "3200吨", "measure", "吨", "tonne"),
    ("修建道路12公里。", "12公里", "measure", "公里", "kilometer"),
    ("流转土地800亩。", "800亩", "measure", "亩", "mu"),
    ("发电5千瓦时。", "5千瓦时", "measure", "千瓦时", "kilowatt_hour"),
    ("用时2个半小时。", "2个半小时", "duration", "小时", "hour"),
    ("3个工作日内办结。", "3个工作日", "duration", "工作日", "day"),
])
def test_chinese_units_and_quantities(text, surf, kind, unit, quantity):
    m = check(text, surf, kind, unit=unit, label=quantity)
    assert m.value is not None


def test_classifier_that_starts_another_word():
    """双11期间: 期间 is a period, not the classifier 期."""
    assert find("双11期间，共有3期培训。", "3期").unit == "期"
    assert find("双11期间，共有3期培训。", "11").unit is None


# -- Chinese: labels (not statistics) --------------------------------------------------------------------

@pytest.mark.parametrize("text, surf, kind", [
    ("2024年，全区新建口袋公园12个。", "2024年", "year"),
    ("2024年10月14日上午，会议召开。", "2024年10月14日", "date"),
    ("二〇二四年十月，大桥通车。", "二〇二四年十月", "date"),
    ("2019年以来，累计培训5000人次。", "2019年", "year"),
    ("10月份，共受理投诉30件。", "10月份", "date"),
    ("截至3月底，已完成改造。", "3月底", "date"),
    ("会议于14:30开始。", "14:30", "date"),
    ("2023-06-30的数据显示。", "2023-06-30", "date"),
    ("在“5.12”地震救援中表现突出。", "5.12", "date"),
    ("在“7·20”特大暴雨中。", "7·20", "date"),
    ("2019-2023年间建成5个中心。", "2023年", "year"),
])
def test_chinese_years_and_dates(text, surf, kind):
    m = check(text, surf, kind)
    assert not m.is_statistic


@pytest.mark.parametrize("text, surf, kind, label", [
    ("这是连续举办的第16个年头。", "第16个", "ordinal", None),
    ("在第三届比赛中获奖。", "第三届", "ordinal", None),
    ("请拨打12345热线反映。", "12345", "code", "label"),
    ("紧急情况拨打110报警。", "110", "code", "label"),
    ("咨询电话0571-87654321。", "0571-87654321", "code", "phone"),
    ("联系手机13912345678。", "13912345678", "code", "phone"),
    ("服务热线400-123-4567。", "400-123-4567", "code", "phone"),
    ("推行1+9工作机制。", "1+9", "code", "formula"),
    ("构建1+6+N工作模式。", "1+6+N", "code", "formula"),
    ("成立110联调中心。", "110", "code", "label"),
    ("打造“141”体系。", "141", "code", "label"),
    ("编号007号。", "007", "code", "identifier"),
    ("详见第3页。", "第3页", "code", "page"),
    ("第 12 页 共 30 页", "第 12 页 共 30 页", "code", "page"),
    ("见第三页。", "第三页", "code", "page"),
])
def test_chinese_ordinals_codes_and_pages(text, surf, kind, label):
    m = check(text, surf, kind, label=label)
    assert not m.is_statistic


@pytest.mark.parametrize("text, surf, unit", [
    ("我市已连续17年获评平安市。", "17年", "年"),
    ("实现平安十七连创。", "十七连创", "连创"),
    ("3日以内答复。", "3日以内", "日"),
    ("60岁以上老人3000人。", "60岁以上", "岁"),
])
def test_chinese_durations_are_labels(text, surf, unit):
    m = check(text, surf, "duration", unit=unit)
    assert not m.is_statistic


def test_page_number_line():
    text = "第一部分 工作回顾\n共办理案件300件。\n- 12 -\n第二部分\n — 13 — \n"
    pages = [m for m in mentions_of(text, "zh") if m.label == "page"]
    assert [m.text for m in pages] == ["- 12 -", "— 13 —"]
    assert [m.line for m in pages] == [3, 5]
    assert statistics(text) == [("300件", 300)]


def test_idioms_and_words_are_not_numbers():
    text = "推行一站式服务，统一标准，千家万户受益，贴近百姓，一线干警十分辛苦，每万人发案率下降。"
    assert statistics(text, "zh") == []


def test_chinese_numeral_alone_is_not_a_statistic():
    assert statistics("三是加强宣传，一直坚持，一定落实。", "zh") == []


# -- English -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, surf, kind, value, scale", [
    ("The council hired twelve wardens.", "twelve", "count", 12, 1),
    ("Thirty-seven stalls reopened.", "Thirty-seven", "count", 37, 1),
    ("A dozen shops closed.", "A dozen", "count", 12, 1),
    ("The fund reached 1.2 million.", "1.2 million", "count", 1_200_000, 1_000_000),
    ("It spent 3 billion yuan.", "3 billion yuan", "money", 3_000_000_000, 1_000_000_000),
    ("The city spent $3bn on roads.", "$3bn", "money", 3_000_000_000, 1_000_000_000),
    ("A survey of 15.6k homes.", "15.6k", "count", 15_600, 1000),
    ("Half a million visitors came.", "Half a million", "count", 500_000, 1_000_000),
    ("It lent twelve thousand books.", "twelve thousand", "count", 12_000, 1000),
])
def test_english_numbers_and_scales(text, surf, kind, value, scale):
    check(text, surf, kind, value, scale=scale, language="en")


@pytest.mark.parametrize("text, surf, value", [
    ("Two-thirds of residents agreed.", "Two-thirds", F(2, 3)),
    ("A quarter of the budget went to schools.", "A quarter", F(1, 4)),
    ("Half of the staff were new.", "Half", F(1, 2)),
    ("One in five households moved.", "One in five", F(1, 5)),
    ("three-quarters of the roads", "three-quarters", F(3, 4)),
])
def test_english_fractions(text, surf, value):
    check(text, surf, "fraction", value, language="en")


@pytest.mark.parametrize("text, surf, kind, value, unit", [
    ("Turnout was 45%.", "45%", "percent", 45, "%"),
    ("Turnout was 45 percent.", "45 percent", "percent", 45, "%"),
    ("Turnout was 45 per cent.", "45 per cent", "percent", 45, "%"),
    ("It rose 3.2 percentage points.", "3.2 percentage points", "percentage_points", "3.2", "pp"),
    ("It fell 0.5 percentage point.", "0.5 percentage point", "percentage_points", "0.5", "pp"),
    ("It rose 2.1 pp in May.", "2.1 pp", "percentage_points", "2.1", "pp"),
    ("The error rate was 4‰.", "4‰", "per_mille", 4, "‰"),
    ("Sales rose three times.", "three times", "multiple", 3, "times"),
    ("Costs were 2.5 times higher.", "2.5 times", "multiple", "2.5", "times"),
    ("A 4-fold jump.", "4-fold", "multiple", 4, "times"),
    ("Fraud saw a threefold increase.", "threefold", "multiple", 3, "times"),
    ("Visits doubled.", "doubled", "multiple", 2, "times"),
])
def test_english_percents_points_and_multiples(text, surf, kind, value, unit):
    check(text, surf, kind, value, unit=unit, language="en")


@pytest.mark.parametrize("text, surf, value, low, high, qualifier", [
    ("About 300 people came.", "About 300", 300, 270, 330, "about"),
    ("Some 2,000 mediators work here.", "Some 2,000", 2000, 1800, 2200, "about"),
    ("Nearly 40% agreed.", "Nearly 40%", 40, 36, 40, "nearly"),
    ("Almost 500 cases closed.", "Almost 500", 500, 450, 500, "nearly"),
    ("More than 2,000 people attended.", "More than 2,000", 2000, 2000, None, "more_than"),
    ("Over 100 volunteers joined.", "Over 100", 100, 100, None, "more_than"),
    ("At least 12 schools took part.", "At least 12", 12, 12, None, "at_least"),
    ("Under 50 cases remained.", "Under 50", 50, None, 50, "less_than"),
    ("Fewer than 8 remained.", "Fewer than 8", 8, None, 8, "less_than"),
    ("Up to 40 cases a day.", "Up to 40", 40, None, 40, "at_most"),
    ("It took 30 minutes or so.", "30 minutes or so", 30, 27, 33, "about"),
    ("Officers made 200 or more arrests.", "200 or more", 200, 200, None, "at_least"),
    ("The fair drew 5,000 plus visitors.", "5,000 plus", 5000, 5000, None, "more_than"),
])
def test_english_qualifiers(text, surf, value, low, high, qualifier):
    m = find(text, surf, "en")
    assert m.value == value and m.qualifier == qualifier
    assert m.low == (None if low is None else F(low)) and m.high == (None if high is None else F(high))


def test_english_ranges():
    check("It grew by 3-5%.", "3-5%", "percent", None, low=3, high=5, language="en")
    check("It grew by 3–5%.", "3–5%", "percent", None, low=3, high=5, language="en")
    check("Between 20 and 30 percent agreed.", "Between 20 and 30 percent", "percent", None, low=20, high=30,
          language="en")
    check("Each team has 3 to 5 members.", "3 to 5", "count", None, low=3, high=5, language="en")


def test_english_signed_values():
    check("Inflation was -0.4% in March.", "-0.4%", "percent", "-0.4", language="en")
    check("Inflation was +1.2% in April.", "+1.2%", "percent", "1.2", language="en")
    check("a balance of −300 yuan", "−300 yuan", "money", -300, language="en")
    check("About -500 were lost.", "About -500", "count", -500, low=-550, high=-450, language="en")


@pytest.mark.parametrize("text, surf, kind, quantity", [
    ("It covers 120 square kilometres.", "120 square kilometres", "measure", "square_kilometer"),
    ("It covers 35 hectares.", "35 hectares", "measure", "hectare"),
    ("It built 14 km of road.", "14 km", "measure", "kilometer"),
    ("It paid 3 million dollars.", "3 million dollars", "money", "usd"),
    ("A meeting lasted 3 hours.", "3 hours", "duration", "hour"),
    ("It ran for 17 consecutive years.", "17 consecutive years", "duration", "year"),
])
def test_english_units(text, surf, kind, quantity):
    check(text, surf, kind, label=quantity, language="en")


def test_english_counted_nouns_are_counts():
    """300 cases / 500 people: counts (the noun is the claim assembler's business, not a unit)."""
    check("300 cases were reported by 500 people.", "300", "count", 300, language="en")
    check("300 cases were reported by 500 people.", "500", "count", 500, language="en")


@pytest.mark.parametrize("text, surf, kind, label", [
    ("On 14 October 2024 the report came out.", "14 October 2024", "date", None),
    ("On October 14, 2024 the report came out.", "October 14, 2024", "date", None),
    ("In March 2023 the park opened.", "March 2023", "date", None),
    ("It opened on 2023-06-30.", "2023-06-30", "date", None),
    ("It was built in 2019.", "2019", "year", None),
    ("Since 2015, crime has fallen.", "2015", "year", None),
    ("It was the 17th meeting.", "17th", "ordinal", None),
    ("The 21st century.", "21st", "ordinal", None),
    ("Call the 12345 hotline.", "12345", "code", "label"),
    ("Call 0571-87654321 now.", "0571-87654321", "code", "phone"),
    ("The 1+6+N model works.", "1+6+N", "code", "formula"),
    ("The 110 command centre answered.", "110", "code", "label"),
    ("The COVID-19 response.", "19", "code", "identifier"),
    ("Call 555-0123 today.", "0123", "code", "identifier"),
    ("See page 12 for details.", "page 12", "code", "page"),
    ("See pp. 4-6 for details.", "pp. 4-6", "code", "page"),
    ("Page 3 of 10", "Page 3 of 10", "code", "page"),
])
def test_english_labels(text, surf, kind, label):
    m = check(text, surf, kind, label=label, language="en")
    assert not m.is_statistic


def test_english_words_that_are_not_numbers():
    assert statistics("The one-stop centre opened, and no one complained; someone called at once.", "en") == []


def test_a_4_digit_count_after_a_verb_is_not_a_year():
    check("The team treated 1,998 patients.", "1,998", "count", 1998, language="en")


# -- numerals, lexicon, robustness ---------------------------------------------------------------------

@pytest.mark.parametrize("written, value", [
    ("十七", 17), ("廿", 20), ("廿五", 25), ("卅", 30), ("两千三百", 2300), ("一万二千", 12000), ("一万二", 12000),
    ("九十八点五", F("98.5")), ("三百零五", 305), ("一千零一", 1001), ("二〇二四", 2024), ("一亿二千万", 120_000_000),
    ("十万", 100_000), ("百", 100), ("万", 10_000),
])
def test_parse_chinese(written, value):
    assert parse_chinese(written) == value


@pytest.mark.parametrize("written", ["三四", "百千", "两两", "十十", "点五", "一点"])
def test_parse_chinese_refuses_non_numerals(written):
    assert parse_chinese(written) is None


@pytest.mark.parametrize("words, value", [
    ("thirty seven", 37), ("two hundred and five", 205), ("a dozen", 12), ("twelve thousand", 12000),
    ("nineteen", 19),
])
def test_parse_english(words, value):
    assert parse_english(words.split()) == value


@pytest.mark.parametrize("literal, step", [("2000", 1000), ("3500", 100), ("1.2", F(1, 10)), ("7", 1), ("两千", 1000)])
def test_significant_step(literal, step):
    assert significant_step(literal) == step


def test_every_quantity_unit_is_defined_for_pint():
    """Each money/measure/duration unit the lexicons attach is a unit of rules/units.toml."""
    import tomllib

    import pint

    definitions = tomllib.loads((rules_dir() / "units.toml").read_text(encoding="utf-8"))["definitions"]
    ureg = pint.UnitRegistry(None)
    for line in definitions:
        ureg.define(line)
    for language in ("zh", "en"):
        lex = load_lexicon(language)
        names = {c for c, _ in lex.money_units.values()} | set(lex.measure_units.values())
        names |= set(lex.duration_units.values()) | set(lex.money_prefixes.values())
        for name in names:
            assert ureg.Quantity(1, name).magnitude == 1, name
    # and a mention's quantity converts: 3千米 is 3 km
    m = find("步道全长3千米。", "3千米", "zh")
    assert ureg.Quantity(float(m.value), m.label).to("kilometer").magnitude == pytest.approx(3)


def test_lexers_are_cached_per_language():
    assert lexer_for("zh") is lexer_for("zh")
    assert lexer_for("en") is not lexer_for("zh")


@pytest.mark.parametrize("text", [
    "", "。", "-", "+", "%", "第", "百分之", "1", "一", "万", "1.", ".5", "1+", "-1", "第-", "约", "— —", "\n- 1", "1-",
    "0.", "00", "1e5", "3.14.15", "12,", ",12", "１", "〇", "十十十十", "9" * 200, "1" + "0" * 31 + "人",
    "百分之百分之百", "3至", "至5", "between and", "half", "page", "pp.", "- 12", "12 -",
])
def test_odd_fragments_do_not_crash(text):
    for language in ("zh", "en"):
        for m in mentions_of(text, language):
            assert text[m.start : m.end] == m.text


@pytest.mark.parametrize("text", ["一二三" * 3000, "〇" * 5000, "百分之" + "九" * 6000, "第" + "五" * 5000 + "个",
                                  "十" * 5000 + "人", "1" * 5000 + "." + "2" * 5000 + "%"])
def test_huge_numerals_are_not_numbers_and_do_not_crash(text):
    """int() refuses more than 4300 digits: a run that long is never read as a value."""
    for language in ("zh", "en"):
        assert not [m for m in mentions_of(text, language) if m.is_statistic]


def test_long_digit_run_is_an_identifier():
    text = "编号" + "7" * 10_000 + "的记录"
    (m,) = mentions_of(text, "zh")
    assert m.kind == "code" and m.label == "digit run" and m.text == "7" * 10_000


def test_english_candidate_starts_find_every_match():
    """The English lexer tries its pattern only at candidate starts; that must equal a full scan."""
    import random

    from checker.lexer import _matches_at

    lx = lexer_for("en")
    tokens = ["one", "Two", "THREE", "thirty", "-", "seven", "a", "an", "A", "dozen", "hundred", "thousand", "million",
              "half", "Half", "quarter", "thirds", "in", "five", "$", "US$", "USD", "RMB ", "¥", "12", "3.5", "2,000",
              "%", " percent", "times", "fold", "doubled", "twofold", "st", "th", " ", "and", ",", ".", "of", "the",
              "km", "years", "xone", "onex", "_", "9a", "b7", "€"]
    rng = random.Random(0)
    for _ in range(3000):
        text = "".join(rng.choice(tokens) + rng.choice(["", " "]) for _ in range(rng.randrange(1, 12)))
        full = [(m.span(), m.groups()) for m in lx.pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in _matches_at(lx.pattern, lx.starts, text)] == full, text
