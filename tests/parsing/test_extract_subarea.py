"""Figures of a sub-area inside a report are left out (INDICATORS.md §5)."""

from __future__ import annotations

from parsing.extract import extract_indicators


def _facts(text: str) -> list[tuple[str, str, float | None, int | None]]:
    return [(r.kind, r.metric, r.value, r.rank) for r in extract_indicators(text).records]


def test_a_district_or_zone_in_a_city_report_is_left_out_until_the_city_speaks_again() -> None:
    text = ("淄博市科学技术局2023年工作总结\n"
            "2023年，张店区新增高新技术企业45家，居各区县首位。全市高新技术企业达到1250家。\n"
            "2023年淄川区技术合同成交额8.2亿元。经开区科技型中小企业入库320家，全市入库2100家。\n")
    assert _facts(text) == [("actual", "hte_total", 1250.0, None), ("actual", "tsme_registered", 2100.0, None)]


def test_the_bureaus_own_place_is_no_sub_area() -> None:
    text = "张店区科技局2023年工作总结\n张店区新增高新技术企业45家，居全市首位。\n"
    assert _facts(text) == [("actual", "hte_new", 45.0, None), ("ranking", "hte_new", None, 1)]


def test_a_city_in_a_provincial_report_is_left_out() -> None:
    text = "山东省科学技术厅2023年工作总结\n全省高新技术企业达到2.6万家。济南市新增高新技术企业1200家。\n"
    assert _facts(text) == [("actual", "hte_total", 26000.0, None)]


def test_a_higher_level_named_in_a_county_report_does_not_silence_it() -> None:
    text = "商河县科技局2023年工作总结\n济南市下达我县目标任务，全县新增高新技术企业12家。\n"
    assert _facts(text) == [("actual", "hte_new", 12.0, None)]


def test_a_breakdown_by_area_is_left_out() -> None:
    text = (
        "2020年，全市R&D经费投入11.98亿元。"
        "分地区看，R&D经费投入分别为钟山区5.10亿元，较上年增长8.9%；六枝特区0.84亿元，较上年增长92.2%；"
        "水城3.29亿元，较上年增长14.5%。"
    )
    assert [value for _, _, value, _ in _facts(text)] == [119800.0]
