"""Header: bureau, level (gazetteer-backed), report year, document types."""

from __future__ import annotations

import pytest

from parsing.extract import extract_indicators
from parsing.records import DocumentHeader


def header(text: str) -> DocumentHeader:
    return extract_indicators(text).header


@pytest.mark.parametrize(
    ("title", "bureau", "level"),
    [
        ("江苏省科学技术厅2023年工作总结", "江苏省科学技术厅", "province"),
        ("苏州市科学技术局2023年工作总结", "苏州市科学技术局", "city"),
        ("昆山市科技局2023年工作总结", "昆山市科技局", "county"),
        ("阳新县科技局2023年工作总结", "阳新县科技局", "county"),
        ("准格尔旗科学技术局2023年工作总结", "准格尔旗科学技术局", "county"),
        ("锡林郭勒盟科技局2023年工作总结", "锡林郭勒盟科技局", "city"),
        ("恩施土家族苗族自治州科学技术局2023年工作总结", "恩施土家族苗族自治州科学技术局", "city"),
        ("江宁区科技局2023年工作总结", "江宁区科技局", "district"),
        ("苏州工业园区科技局2023年工作总结", "苏州工业园区科技局", "zone"),
        ("潍坊高新区科技局2023年工作总结", "潍坊高新区科技局", "zone"),
        ("湖北省黄石市阳新县科学技术局2023年工作总结", "阳新县科学技术局", "county"),
    ],
)
def test_named_bureaus_and_their_levels(title: str, bureau: str, level: str) -> None:
    got = header(title + "\n全年新增高新技术企业12家。")
    assert (got.bureau, got.level) == (bureau, level)


def test_unnamed_county_bureau_is_null_but_level_is_read_from_the_text() -> None:
    text = "今年以来，县科技局坚持创新驱动。我县新增高新技术企业9家，全县科技型中小企业达到80家，排名全市第一。"
    got = header(text)
    assert (got.bureau, got.level) == (None, "county")


def test_unnamed_district_bureau() -> None:
    got = header("区科技局2024年度工作报告\n今年以来，我区科技工作稳步推进，全区新增研发平台3家。")
    assert (got.bureau, got.level, got.report_year, got.doc_types) == (None, "district", 2024, ("report",))


def test_redacted_place_is_no_name() -> None:
    assert header("X区科技局2024年度工作报告\n我区新增平台3家。").bureau is None


def test_superior_bureau_cited_in_running_text_is_not_the_author() -> None:
    text = (
        "今年以来，我县科技工作扎实推进，县科技局全力服务企业。\n"
        "全县3个项目通过济南市科技局审核，我县新增高新技术企业9家，全县研发投入持续增长。"
    )
    got = header(text)
    assert (got.bureau, got.level) == (None, "county")


def test_summary_plus_plan_takes_the_summarised_year() -> None:
    got = header("高唐县科技局2023年工作总结和2024年工作计划\n一、2023年工作情况\n二、2024年工作计划")
    assert (got.report_year, got.doc_types) == (2023, ("summary", "plan"))


def test_notice_wrapping_summary_and_points() -> None:
    text = (
        "某科发〔2024〕3号\n关于印发《2023年全市科技工作总结》和《2024年全市科技工作要点》的通知\n"
        "各区县科技局：\n现将有关材料印发给你们。\n襄阳市科学技术局\n2024年2月20日"
    )
    got = header(text)
    assert (got.bureau, got.level, got.report_year, got.doc_types) == (
        "襄阳市科学技术局", "city", 2023, ("summary", "points"),
    )


def test_report_wrapping_summary_and_plan_is_summary_and_plan() -> None:
    got = header("县科技局关于2022年工作总结和2023年工作打算的报告\n我县全年新增高企5家。")
    assert got.doc_types == ("summary", "plan")
    assert got.report_year == 2022


def test_without_title_the_year_is_the_one_the_summary_talks_about() -> None:
    text = (
        "一、强化创新主体培育\n2023年度省科技型中小企业入库85家，2023年新增高新技术企业6家，"
        "2022年研发投入3.1亿元。\n二、存在的问题\n研发投入不足。"
    )
    got = header(text)
    assert (got.report_year, got.doc_types) == (2023, ("summary",))


def test_half_year_summary_without_years_in_title() -> None:
    text = (
        "科技局上半年工作总结和下半年工作计划\n一、上半年工作情况\n组织申报2021年省级项目3项。\n"
        "二、下半年工作计划\n2021年全年力争新增高新技术企业6家。"
    )
    got = header(text)
    assert (got.report_year, got.doc_types) == (2021, ("summary", "plan"))
