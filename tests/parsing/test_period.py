"""The reporting period of a document, from invented titles and opening lines."""

from __future__ import annotations

import pytest

from parsing.period import Period, report_period


@pytest.mark.parametrize(("title", "kind", "label"), [
    ("临川市科技局2024年上半年工作总结和下半年工作计划", "half_year", "上半年"),
    ("青禾县科技局2024年半年工作总结", "half_year", "上半年"),
    ("2024年1-6月科技创新工作进展", "half_year", "上半年"),
    ("澄川市科学技术局2024年第一季度工作总结", "quarter", "一季度"),
    ("2024年三季度重点工作推进情况", "quarter", "三季度"),
    ("临川市前三季度科技工作情况", "month_to_date", "1-9月"),
    ("今年1-3季度科技创新工作情况", "month_to_date", "1-9月"),
    ("临川市2024年1—10月科技指标完成情况", "month_to_date", "1-10月"),
    ("一至十一月全市科技工作综述", "month_to_date", "1-11月"),
    ("截至2024年10月底科技工作进展", "month_to_date", "1-10月"),
    ("临川市科学技术局2024年工作总结和2025年工作计划", "year", "全年"),
    ("2024年1-12月技术合同登记情况", "year", "全年"),
    ("临川市“十四五”（2021-2025年）科技创新规划", "year", "全年"),
])
def test_a_title_names_its_period(title: str, kind: str, label: str) -> None:
    assert report_period(title) == Period(kind, label)  # type: ignore[arg-type]


def test_a_period_that_names_the_plan_part_is_no_period_of_the_figures() -> None:
    assert report_period("临川市2024年工作总结和2025年上半年工作计划").kind == "year"
    assert report_period("2025年一季度工作打算").kind == "year"


def test_without_a_period_in_the_title_the_first_lines_tell() -> None:
    lines = ["科技局工作汇报", "时间：2024-07-12", "科技局工作汇报", "上半年，我局在县委、县政府的正确领导下，……"]
    assert report_period("科技局工作汇报", lines) == Period("half_year", "上半年")
    assert report_period(None, ["科技工作动态", "截至10月底，全市高新技术企业达到120家。"]).label == "1-10月"


def test_a_plain_texts_first_line_is_its_title() -> None:
    assert report_period(None, ["", "2024年上半年科技工作总结", "一、主要工作"]).kind == "half_year"


def test_a_yearly_title_is_not_overruled_by_a_date_in_its_body() -> None:
    lines = ["2024年，全市科技工作稳步推进。", "截至11月底，全市技术合同成交额35亿元。"]
    assert report_period("临川市科学技术局2024年工作总结", lines) == Period("year", "全年")


def test_nothing_said_means_a_year() -> None:
    assert report_period(None, []) == Period("year", "全年")
    assert report_period("科技工作动态", ["我局召开党组会议。"]) == Period("year", "全年")
