"""Patterns from the fourth session's fresh batches (BD, BF, BG; 2026-12-07), each on an invented text."""

from __future__ import annotations

from parsing.extract import extract_indicators


def facts(text: str) -> set[tuple[object, ...]]:
    return {(r.kind, r.metric, r.measure, r.value) for r in extract_indicators(text).records}


def places(text: str) -> set[tuple[object, ...]]:
    return {(r.metric, r.rank, r.scope) for r in extract_indicators(text).records if r.kind == "ranking"}


def test_a_rate_whose_percent_sign_was_dropped_is_still_a_rate() -> None:
    found = facts("2022年工作总结。全县研发经费投入8.2亿元，同比增长26.75，占GDP比重达1.91。")
    assert ("actual", "rd_expenditure", "yoy_growth", 26.75) in found
    assert ("actual", "rd_intensity", "level", 1.91) in found


def test_a_year_after_a_rate_verb_is_not_a_rate() -> None:
    records = extract_indicators("2022年总结。全县高新技术企业数量同比增长2021，").records
    assert not any(r.value == 2021 for r in records)


def test_a_numbered_league_of_counties_keeps_its_wide_scope() -> None:
    found = places("2023年总结。全县R&D经费投入增幅居全省17强县市区第一。")
    assert ("rd_expenditure", 1, "全省17强县市区") in found


def test_the_list_named_before_a_colon_scopes_the_places_after_it() -> None:
    found = places("此外，我市有3个指标在全国78个创新型城市中排名靠前：高新技术企业数第10位，"
                   "科技型中小企业数第11位，技术合同成交额第12位。")
    assert {rank for _, rank, scope in found if scope == "全国78个创新型城市"} == {10, 11, 12}


def test_a_list_named_with_a_comma_before_the_place() -> None:
    found = places("根据该评价报告，我市在全国78个创新型城市中，排名第十，继续保持前十。")
    assert {(rank, scope) for _, rank, scope in found} == {(10, "全国78个创新型城市")}


def test_a_bureau_that_plans_to_raise_a_count_sets_a_target() -> None:
    found = facts("2019年工作总结。市科技局计划将全市高新技术企业数量提高到4000家。")
    assert ("target", "hte_total", "level", 4000.0) in found


def test_an_untitled_text_opening_on_the_years_plans_is_a_plan() -> None:
    text = ("创新城市再起航\n2024年，我们将认真贯彻落实上级部署，推动创新驱动发展。\n"
            "二是健全科技型企业培育体系。2024年新增国家高新技术企业35家以上。")
    extraction = extract_indicators(text)
    assert extraction.header.doc_types == ("plan",)
    assert ("target", "hte_new", "level", 35.0) in facts(text)


def test_an_untitled_text_that_states_facts_done_is_no_plan() -> None:
    text = "2024年，我们将推动创新发展。\n2023年全县高新技术企业已达120家，同比增长12%。"
    assert extract_indicators(text).header.doc_types != ("plan",)


def test_news_reports_on_no_year_after_its_page_went_up() -> None:
    text = ("全市科技创新再上台阶\n2024-07-12 09:30 来源：日报\n记者获悉，全市高新技术企业达到800家。"
            "2025年，全市将新增高新技术企业100家。2025年力争科技型中小企业1000家。2025年技术合同成交额力争50亿元。")
    assert extract_indicators(text).header.report_year == 2024


def test_a_page_date_is_found_past_a_menu_split_into_scraps() -> None:
    menu = "\n".join(f"栏目{n}|" for n in range(12))
    text = (f"大江网\n{menu}\n科技推动创新发展\n2022-07-01 17:20:06 来源:大江网\n"
            "据了解，全市高新技术企业由2011年的26家增加到2021年的1067家。")
    extraction = extract_indicators(text)
    assert extraction.header.report_year == 2022
    assert ("actual", "hte_total", "level", 1067.0) in facts(text)


def test_a_rise_in_points_then_a_place_ranks_the_rise() -> None:
    found = {(r.metric, r.measure, r.rank, r.scope) for r in extract_indicators(
        "2019年，全区R&D经费投入强度达到1.45%，年度增幅达到0.22个百分点，居全国第4位、西部12省市区首位。").records
        if r.kind == "ranking"}
    assert found == {("rd_intensity", "change", 4, "全国"), ("rd_intensity", "change", 1, "西部12省市区")}


def test_places_inside_the_report_ranked_in_turn_are_sub_areas() -> None:
    text = "2018年，全省科技进步考核中，酒泉、张掖、嘉峪关分别排在全省第3、4、5位。"
    assert not [r for r in extract_indicators(text).records if r.kind == "ranking"]


def test_the_place_named_best_owns_the_figure_after_it() -> None:
    text = ("泰州市科技局发布泰州市高新技术产业数据\n2018年，泰州市高新技术产业产值达3244.99亿元。"
            "各市(区)也实现了稳定增长，其中高新技术产业产值最高的是高港区，达到809.41亿元；"
            "产值占比最高的也是高港区，达到56.5%。")
    assert facts(text) == {("actual", "ht_output_value", "level", 32449900.0)}


def test_a_round_figure_said_as_one_numeral_character() -> None:
    assert ("actual", "hte_total", "level", 1000.0) in facts("2023年总结。全市高新技术企业数突破千家。")
    goal = facts("力争到2025年，全市技术合同成交额突破百亿元。")
    assert ("target", "tech_contract_value", "level", 1000000.0) in goal


def test_a_round_bound_restated_by_the_exact_figure_is_one_record() -> None:
    found = facts("2023年总结。全市技术合同成交额首破百亿元大关，达108.6亿元，同比增长20%。")
    assert ("actual", "tech_contract_value", "level", 1086000.0) in found
    assert ("actual", "tech_contract_value", "level", 1000000.0) not in found


def test_a_goals_floor_and_its_aim_are_two_goals() -> None:
    found = facts("2023年，全市高新技术企业总数确保突破1万家，力争达到1.05万家。")
    assert {("target", "hte_total", "level", 10000.0), ("target", "hte_total", "level", 10500.0)} <= found


def test_a_plan_put_forward_for_a_year_sets_a_goal() -> None:
    found = facts("2019年工作总结。市科技局提出了2020年全市高新技术企业总数达450家的目标。")
    assert ("target", "hte_total", "level", 450.0) in found
    assert ("actual", "hte_total", "level", 450.0) not in found


def test_candidates_found_for_applying_are_no_applications() -> None:
    assert facts("2025年上半年总结。目前排摸拟申报高企200家，已申报高企120家。") == {
        ("actual", "hte_applied", "level", 120.0)}


def test_a_change_over_ten_years_is_no_change_of_the_year() -> None:
    found = facts("陕西发挥科教优势，十年来，全社会研发经费投入强度提高0.31个百分点、达到2.34%。")
    assert found == {("actual", "rd_intensity", "level", 2.34)}


def test_a_change_of_last_year_in_a_dated_sentence_is_kept() -> None:
    found = facts("2023年，全市高新技术企业达到500家，较上年增长25%。")
    assert ("actual", "hte_total", "yoy_growth", 25.0) in found
