"""clean_text: layout debris out, headings and list items kept, numbers normalised."""

from __future__ import annotations

import pytest

from parsing.cleanup import clean_text


def test_spaced_out_cjk_and_numbers_collapse() -> None:
    assert clean_text("分 别 为 823.57 亿 元 ，增长 12.5 %") == "分别为823.57亿元，增长12.5%"


def test_full_width_digits_and_number_punctuation_fold_to_ascii() -> None:
    assert clean_text("投入１２３．４５亿元，增长１５．２％，“十四五”") == "投入123.45亿元，增长15.2%，“十四五”"


def test_chinese_punctuation_is_kept() -> None:
    assert clean_text("一是加强；二是推进：（一）“科技”！") == "一是加强；二是推进：（一）“科技”！"


def test_bookmarks_are_removed() -> None:
    assert clean_text("[bookmark: _Toc123]一、总体情况") == "一、总体情况"


def test_lines_broken_mid_clause_are_joined_without_space() -> None:
    text = "全市研发经费投入达到\n823亿元，同比增长12%，\n占GDP比重3.1%。"
    assert clean_text(text) == "全市研发经费投入达到823亿元，同比增长12%，占GDP比重3.1%。"


def test_visually_full_lines_are_joined_and_short_last_line_ends_paragraph() -> None:
    text = ("2023年全市科技工作坚持创新驱动发展战略深入实施各项\n"
            "改革举措加快推进科技成果转化和产业化取得明显成效全\n"
            "年完成各项目标任务\n"
            "一、主要指标\n"
            "高新技术企业达到1856家\n"
            "二是加快平台建设")
    assert clean_text(text).split("\n") == [
        "2023年全市科技工作坚持创新驱动发展战略深入实施各项改革举措加快推进科技成果转化和产业化取得明显成效全年完成各项目标任务",
        "一、主要指标",
        "高新技术企业达到1856家",
        "二是加快平台建设",
    ]


@pytest.mark.parametrize("item", ["一、总体情况", "（二）创新投入", "3.研发投入", "第二章 总则", "②新增", "二是推进"])
def test_list_items_are_never_merged_into_previous_line(item: str) -> None:
    assert clean_text(f"全市研发经费投入达到，\n{item}").split("\n")[1].startswith(item[:2])


def test_latin_words_split_across_lines_keep_a_space() -> None:
    assert clean_text("research and\ndevelopment，") == "research and development，"


@pytest.mark.parametrize("page_number", ["— 3 —", "- 3 -", "－12－", "第 3 页", "第3页 共10页", "共10页 第3页", "3/10"])
def test_page_numbers_are_dropped(page_number: str) -> None:
    assert clean_text(f"上文结束。\n{page_number}\n下文开始。") == "上文结束。\n下文开始。"


def test_running_headers_and_footers_repeated_on_pages_are_dropped() -> None:
    pages = [f"东江市科学技术局文件\n第{n}段正文内容。\n东江市科技局办公室 印发 {n}" for n in range(1, 5)]
    assert clean_text("\f".join(pages)) == "第1段正文内容。\n第2段正文内容。\n第3段正文内容。\n第4段正文内容。"


def test_sentence_continuing_across_a_page_break_is_joined() -> None:
    pages = ["标题一\n全市研发投入达到", "823亿元。\n结束。"]
    assert clean_text("\f".join(pages)) == "标题一\n全市研发投入达到823亿元。\n结束。"


def test_bare_number_at_page_bottom_is_a_page_number_but_table_numbers_survive() -> None:
    assert clean_text("正文一。\n12\f正文二。\n指标\t2023\n13") == "正文一。\n正文二。\n指标\t2023"


def test_table_rows_keep_tabs_and_are_not_joined() -> None:
    table = "指标\t2022年\t2023年\n高新技术企业\t1544\t1856"
    assert clean_text(table) == table


def test_blank_lines_and_indentation_go() -> None:
    assert clean_text("\u3000\u3000第一段。\n\n\n  第二段。\r\n") == "第一段。\n第二段。"


def test_empty_text_stays_empty() -> None:
    assert clean_text("") == ""
    assert clean_text(" \n\f\n ") == ""


def test_a_metadata_line_is_never_joined_to_the_title() -> None:
    meta = "索引号：113716260045163127/2024-00004    生成日期：2024-01-11"
    text = f"{meta}\n邹平市科技局2023年工作总结\n全市高新技术企业总数达到156家。"
    lines = clean_text(text).splitlines()
    assert lines[1:2] == ["邹平市科技局2023年工作总结"]
    assert lines[0].startswith("索引号")
