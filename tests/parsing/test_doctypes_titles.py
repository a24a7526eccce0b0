"""Doc types from invented titles, and from a web page's title when its text lacks one."""

from __future__ import annotations

import pytest

from parsing.extract.doctypes import title_types, titled_header, with_page_title
from parsing.records import DocumentHeader

BODY = ("一、主要工作完成情况。全年新增高新技术企业38家，全市高新技术企业总数达到420家。\n"
        "二、下一步工作打算。力争高新技术企业总数达到500家。\n")


@pytest.mark.parametrize(("title", "types"), [
    ("临川市科学技术局2024年工作总结和2025年工作计划", ("summary", "plan")),
    ("青禾县科技局2024年工作总结及2025年工作打算", ("summary", "plan")),
    ("关于2024年工作总结和2025年工作计划的报告", ("summary", "plan")),
    ("澄川市科技局2024年上半年工作总结和下半年工作计划", ("summary", "plan")),
    ("临川市科技局2024年工作总结及2025年工作要点", ("summary", "points")),
    ("临川市科学技术局2024年工作总结", ("summary",)),
])
def test_a_title_names_every_kind_it_holds(title: str, types: tuple[str, ...]) -> None:
    assert title_types(title) == types


def test_a_page_title_missing_from_the_text_names_its_kinds() -> None:
    assert with_page_title(("summary",), "临川市科学技术局2024年工作总结和2025年工作计划", BODY) == (
        "summary", "plan")


def test_a_text_that_opens_on_its_own_title_keeps_its_types() -> None:
    text = "临川市科学技术局2024年工作总结\n" + BODY
    assert with_page_title(("summary",), "临川市科学技术局2024年工作总结", text) == ("summary",)


def test_a_page_title_naming_no_kind_changes_nothing() -> None:
    assert with_page_title(("summary",), "临川市科学技术局", BODY) == ("summary",)
    assert with_page_title(("summary",), None, BODY) == ("summary",)


def test_news_under_a_summary_title_stays_news() -> None:
    news = "本报讯（记者 王明）近日，临川市召开科技工作会议。\n" + BODY
    assert with_page_title(("report",), "临川市2024年科技工作总结", news) == ("report",)


def test_the_header_takes_the_page_titles_kinds() -> None:
    header = DocumentHeader("临川市科学技术局", "city", 2024, ("summary",))
    titled = titled_header(header, "临川市科学技术局2024年工作总结和2025年工作计划", BODY)
    assert titled == DocumentHeader("临川市科学技术局", "city", 2024, ("summary", "plan"))
