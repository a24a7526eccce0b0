"""Number forms: Arabic, full-width, separators, 万/亿, Chinese numerals, approximations, redaction."""

from __future__ import annotations

import pytest

from parsing.extract import extract_indicators
from parsing.extract.mentions import find_mentions
from parsing.extract.numbers import parse_chinese, parse_numeral, parse_rank
from parsing.extract.textclean import normalise


def one(sentence: str) -> tuple[float | None, str, bool]:
    found = find_mentions(normalise(sentence))
    assert len(found) == 1, found
    return found[0].value, found[0].unit, found[0].approx


@pytest.mark.parametrize(
    ("text", "value"),
    [("十二", 12), ("一百二十", 120), ("两百", 200), ("两千", 2000), ("两", 2), ("三千五百", 3500), ("一百零五", 105)],
)
def test_chinese_numerals(text: str, value: float) -> None:
    numeral = parse_chinese(text)
    assert numeral is not None
    assert numeral.value == value
    assert not numeral.approx


def test_cn2an_range_failures_are_read_as_approximate_first_number() -> None:
    # cn2an reads 两三 as 23 and 三四十 as 340.
    assert parse_chinese("两三") == (2.0, True)
    assert parse_chinese("三四") == (3.0, True)
    assert parse_chinese("三四十") == (30.0, True)


@pytest.mark.parametrize("text", ["十四五", "三十三百", "百"])
def test_malformed_chinese_numerals_are_no_numbers(text: str) -> None:
    assert parse_numeral(text) is None


def test_ranks() -> None:
    assert parse_rank("首位") == 1
    assert parse_rank("一") == 1
    assert parse_rank("12") == 12
    assert parse_rank("十一") == 11


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("技术合同成交额18亿元", (180000.0, "万元", False)),
        ("争取上级资金3700余万元", (3700.0, "万元", True)),
        ("补助资金50万元", (50.0, "万元", False)),
        ("奖励资金850000元", (85.0, "万元", False)),
        ("贷款规模1.5千万元", (1500.0, "万元", False)),
        ("科技型中小企业2.3万家", (23000.0, "家", False)),
        ("入库企业１２３家", (123.0, "家", False)),
        ("成交额１,２３４．５万元", (1234.5, "万元", False)),
        ("登记合同1,286项", (1286.0, "项", False)),
        ("占比达到２６．７３％", (26.73, "%", False)),
        ("提高2.34个百分点", (2.34, "pp", False)),
        ("选派专家15名", (15.0, "人", False)),
        ("聘请顾问8位", (8.0, "人", False)),
        ("服务群众1500余人次", (1500.0, "人次", True)),
        ("新认定企业二十五家", (25.0, "家", False)),
        ("建成平台两百家", (200.0, "家", False)),
    ],
)
def test_number_forms(sentence: str, expected: tuple[float, str, bool]) -> None:
    assert one(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "参会企业超过110家", "服务企业500多家", "培训人员近300人", "投入约12亿元",
        "新增20家以上", "达到53%以上", "引进逾40人",
    ],
)
def test_approximation_cues(sentence: str) -> None:
    assert one(sentence)[2] is True


@pytest.mark.parametrize("sentence", ["入库企业突破2500家", "开展活动不少于10场", "比重不低于3%"])
def test_bounds_are_not_approximations(sentence: str) -> None:
    assert one(sentence)[2] is False


@pytest.mark.parametrize(
    "sentence", ["XX家企业", "X.X亿元", "XX.XX%", "xx项", "××家", "**万元", "XXX余次"]
)
def test_redacted_placeholders_have_no_value(sentence: str) -> None:
    found = find_mentions(normalise(sentence))
    assert len(found) == 1
    assert found[0].redacted


def test_ordinals_years_dates_and_quoted_names_are_no_quantities() -> None:
    text = normalise("第一批企业于2023年6月29日申报，“四个意识”与第12位不计，10万吨项目")
    assert find_mentions(text) == []


def test_threshold_qualifiers_are_marked() -> None:
    found = find_mentions("营业收入5000万元以上的企业")
    assert found[0].threshold
    assert not find_mentions("新增企业5家以上")[0].threshold


def test_one_counted_at_the_end_of_a_clause_is_a_figure_but_an_article_is_not() -> None:
    text = "2023年，新增国家级众创空间一家，新增省级重点实验室一个。引进一家企业建设研发中心。"
    got = [(r.metric, r.value) for r in extract_indicators(text).records]
    assert got == [("incubators", 1.0), ("platforms", 1.0)]


def test_work_permits_keep_their_unit() -> None:
    got = [(r.metric, r.value, r.unit) for r in extract_indicators("2023年，办理外国人来华工作许可432件。").records]
    assert got == [("foreign_experts", 432.0, "件")]
