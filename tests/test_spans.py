"""The words of a span that bound its number (analysis/ledger/spans.py), on the report's own wordings."""

import pytest

from analysis.ledger import spans


@pytest.mark.parametrize(
    "span, bounds",
    [
        ("比例已达25%", {"="}),
        ("超过70%", {">"}),
        ("突破6.5亿", {">"}),
        ("5000多家", {">"}),
        ("达200余项", {">"}),
        ("200+维度", {">"}),
        ("不低于70%", {">="}),
        ("不足15%", {"<"}),
        ("降至5%以下", {"<"}),
        ("3公里内", {"<="}),
        ("20ms以内", {"<="}),
        ("30分钟达", {"<="}),
        ("72小时全球达", {"<="}),
        ("约3000亿元", {"~"}),
        ("300-500个家庭", {">=", "<="}),
        ("从8%降至3%", {"="}),  # a change from one value to another, not a range
        ("多多买菜12%", {"="}),  # Pinduoduo's 多多 is a name, not "more than"
        ("国内28%", {"="}),  # 国内 is "domestic", not "within"
        ("超市占比28%", {"="}),  # 超市 is a supermarket, not "over"
    ],
)
def test_the_bound_a_span_states(span, bounds):
    assert spans.stated_bounds(span) == bounds


@pytest.mark.parametrize(
    "value, unit, value_base, gloss, agrees",
    [
        ("9.8", "亿", "980000000", "China's online shoppers reached 980 million by 2025", True),
        ("9.8", "亿", "980000000", "China's online shoppers reached 970 million by 2025", False),
        ("70", "%", "0.7", "User penetration exceeded 70% by 2025", True),
        ("1", "/5", "0.2", "Acquisition cost fell to one fifth of the traditional model", True),
        ("1", "/5", "0.2", "Acquisition cost fell to a quarter of the traditional model", False),
    ],
)
def test_the_gloss_prints_the_value(value, unit, value_base, gloss, agrees):
    row = {"value": value, "unit": unit, "value_base": value_base, "gloss_en": gloss}
    assert spans.gloss_agrees(row) is agrees
