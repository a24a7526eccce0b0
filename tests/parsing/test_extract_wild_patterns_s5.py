"""Patterns from the fifth session's tune failures (2026-12-07), each on an invented text."""

from __future__ import annotations

from parsing.extract import extract_indicators


def facts(text: str) -> set[tuple[object, ...]]:
    return {(r.kind, r.metric, r.measure, r.value) for r in extract_indicators(text).records}


def header_level(text: str) -> str | None:
    return extract_indicators(text).header.level


def test_a_text_ranking_itself_within_its_city_speaks_for_a_county() -> None:
    text = ("2021年工作总结\n全市高新技术企业达到120家，同比增长15%。"
            "全市研发经费投入强度2.8%，全市排名第三。")
    assert header_level(text) == "county"


def test_a_city_ranking_itself_within_its_province_stays_a_city() -> None:
    text = ("2021年工作总结\n全市高新技术企业达到1200家，同比增长15%。"
            "全市研发经费投入强度2.8%，排名全省第三。")
    assert header_level(text) == "city"


def test_a_zone_ranking_within_its_city_is_the_zone() -> None:
    text = ("2022年工作总结\n全市高新技术企业达到300家，高新区新增高新技术企业30家，"
            "高新区技术合同成交额5亿元，全市排名第一。高新区研发投入增长12%。全市研发投入增长10%。")
    assert header_level(text) == "zone"


def test_a_rally_of_the_whole_city_is_no_ranking_of_it() -> None:
    text = ("2024年全市科技工作会议召开\n会议要求，进一步动员全市上下聚焦创新第一动力。"
            "全市高新技术企业达到800家。")
    assert header_level(text) == "city"


def test_a_statement_of_the_situation_is_a_report() -> None:
    text = ("“十三五”期间科技创新工作情况说明\n一、主体成长。我局加强培育，全市高新技术企业达到300家。\n"
            "二、平台建设。全市新增省级平台5个。")
    assert extract_indicators(text).header.doc_types == ("report",)


def test_a_clause_of_work_done_lends_no_cue_to_the_figure_after_it() -> None:
    found = facts("2023年工作总结\n湘东区加强科技型企业梯度培育，预计高企数量增至44家，再攀新高。")
    assert ("target", "hte_total", "level", 44) in found


def test_the_idiom_innovation_is_the_first_driving_force_is_no_ranking() -> None:
    records = extract_indicators("全市科技创新大会召开\n大会进一步动员全市上下聚焦创新第一动力、"
                                 "产业高质量第一支撑，深入实施创新驱动战略。").records
    assert not any(r.kind == "ranking" for r in records)


def test_firms_added_in_the_year_are_new_ones() -> None:
    found = facts("2023年工作总结\n据统计，开发区2023年共增加高新技术企业16家，较去年同期增长约33.3%。")
    assert ("actual", "hte_new", "level", 16) in found
    assert ("actual", "hte_new", "yoy_growth", 33.3) in found


def test_money_added_is_a_change_not_the_amount() -> None:
    found = facts("2020年工作总结\n全省技术合同成交额增加350亿元、总额突破4100亿元。")
    assert ("actual", "tech_contract_value", "change", 3500000) in found
    assert ("actual", "tech_contract_value", "level", 3500000) not in found


def test_intensity_and_its_rise_ranked_together_are_two_rankings_of_the_intensity() -> None:
    records = extract_indicators("2022年工作总结\n全区研发投入占GDP比重达3.5%，强度和增幅均位列全市第一。").records
    ranked = {(r.metric, r.measure) for r in records if r.kind == "ranking"}
    assert ("rd_intensity", "level") in ranked
    assert not any(metric.startswith("other:") for metric, _ in ranked)
