"""Conversion artefacts must neither break nor invent a number."""

from __future__ import annotations

from parsing.extract import extract_indicators
from parsing.extract.textclean import normalise, paragraphs


def facts(text: str) -> set[tuple[str, str, float | None]]:
    return {(r.metric, r.measure, r.value) for r in extract_indicators(text).records}


def test_spaced_out_characters_are_closed_up() -> None:
    assert normalise("技 术 合 同 成 交 额 分 别 为 823.57 亿 元") == "技术合同成交额分别为823.57亿元"
    assert ("tech_contract_value", "level", 6_420_000.0) in facts("全 市 技 术 合 同 成 交 额 达 到 642 亿 元 。")


def test_half_width_punctuation_becomes_chinese_but_times_and_decimals_survive() -> None:
    assert normalise("发布时间:2023-01-05 09:30:00") == "发布时间：2023-01-05 09:30:00"
    assert normalise("完成工作,效果明显;增长3.5%") == "完成工作，效果明显；增长3.5%"
    assert normalise("(一)加强领导") == "（一）加强领导"


def test_a_number_broken_across_lines_is_rejoined() -> None:
    text = "全县全年共争取各级各类科技项目资金达到12\n34.5万元，为历年最多，有力支持了企业创新发展。"
    assert ("funding_secured", "level", 1234.5) in facts(text)


def test_a_word_broken_across_a_blank_line_and_a_page_number_is_rejoined() -> None:
    text = "经过一年的不懈努力，全市规模以上工业企业中有研发活动企业占比达到62.5%，同比增长\n\n— 3 —\n\n2.1个百分点。"
    assert ("rd_active_share", "change", 2.1) in facts(text)


def test_page_number_lines_are_dropped() -> None:
    text = "第一段内容。\n- 3 -\n第 3 页\n— 12 —\n第2页 共8页\n第二段内容。"
    assert paragraphs(text) == ["第一段内容。", "第二段内容。"]


def test_word_bookmarks_are_removed() -> None:
    text = "[bookmark: _GoBack]全县新增省级科技企业孵化器2家。"
    assert paragraphs(text) == ["全县新增省级科技企业孵化器2家。"]
    assert ("incubators", "level", 2.0) in facts(text)


def test_headings_are_not_glued_to_the_paragraph_after_them() -> None:
    text = "一、主要工作成效\n全年新增高新技术企业36家。\n2025年工作计划\n力争新增高新技术企业40家。"
    assert paragraphs(text) == [
        "一、主要工作成效", "全年新增高新技术企业36家。", "2025年工作计划", "力争新增高新技术企业40家。",
    ]


def test_fullwidth_digits_and_percent_are_read() -> None:
    assert ("rd_intensity", "level", 2.65) in facts("全社会研发投入强度达到２．６５％。")
