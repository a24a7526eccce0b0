"""Patterns from the sixth session's tune failures (2026-12-08), each on an invented text."""

from __future__ import annotations

from parsing.extract import extract_indicators


def rankings(text: str) -> set[tuple[object, ...]]:
    return {(r.metric, r.measure, r.rank, r.scope) for r in extract_indicators(text).records if r.kind == "ranking"}


def test_the_rise_of_new_high_tech_firms_ranks_the_total() -> None:
    text = "2023年工作总结\n2023年全市新增国家高新技术企业45家，增量排名全省第二。"
    assert rankings(text) == {("hte_total", "change", 2, "全省")}


def test_the_rise_of_a_stated_intensity_is_in_points() -> None:
    text = "2022年工作总结\n全市研发经费投入强度提高到2.4%，增幅位居全省第3位。"
    assert rankings(text) == {("rd_intensity", "change", 3, "全省")}


def test_a_share_ranked_by_its_rise_without_a_figure_keeps_the_growth() -> None:
    text = "2022年工作总结\n全市规模以上工业企业中有研发活动企业占比增幅排名全省第四。"
    found = rankings(text)
    assert ("rd_active_share", "yoy_growth", 4, "全省") in found
    assert ("rd_active_share", "change", 4, "全省") not in found


def test_a_sentence_about_a_qualified_part_ranks_the_part() -> None:
    text = ("2023年工作总结\n全市研发经费投入达80.5亿元，同比增长12.1%。"
            "其中，规上工业企业研发经费投入70.2亿元，增长13.5%，总量和增幅均居全省第二。")
    found = rankings(text)
    assert {measure for metric, measure, _, _ in found if str(metric).startswith("other:")} == {"level", "yoy_growth"}
    assert not any(metric == "rd_expenditure" for metric, _, _, _ in found)
