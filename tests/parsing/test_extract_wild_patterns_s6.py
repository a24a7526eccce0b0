"""Patterns from the sixth session's tune failures (2026-12-08), each on an invented text."""

from __future__ import annotations

from parsing.extract import extract_indicators


def rankings(text: str) -> set[tuple[object, ...]]:
    return {(r.metric, r.measure, r.rank, r.scope) for r in extract_indicators(text).records if r.kind == "ranking"}


def doc_types(text: str) -> tuple[str, ...]:
    return tuple(extract_indicators(text).header.doc_types)


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


def test_an_untitled_text_on_months_of_the_year_is_a_progress_report() -> None:
    text = ("2023年1-8月份，全区新增科技型中小企业入库112家，同比增长20%。\n"
            "一、主要做法\n我局深入企业开展政策宣讲。\n二、下一步打算\n继续做好培育工作。")
    assert doc_types(text) == ("report",)


def test_an_untitled_half_year_account_stays_a_summary() -> None:
    text = ("2023年1-6月，在区委、区政府的正确领导下，我局扎实推进各项工作，全区新增科技型中小企业入库112家。\n"
            "一、主要做法\n我局深入企业开展政策宣讲。\n二、存在问题\n企业研发投入不足。")
    assert doc_types(text) == ("summary",)


def test_a_numbered_heading_is_no_title_naming_the_kind() -> None:
    text = ("一、重点工作完成情况\n今年1-3季度，全县技术合同成交额3.2亿元，同比增长15%。\n"
            "（一）指标完成情况。全县高新技术企业达到85家。")
    assert doc_types(text) == ("report",)


def test_a_period_in_brackets_gives_the_plan_its_first_year() -> None:
    text = ("《科技强市行动计划（2025—2027年）》《人才引育行动计划（2025—2027年）》已经市政府同意，现印发给你们。\n"
            "高新技术企业2025年突破900家、2027年突破1200家。")
    extraction = extract_indicators(text)
    assert extraction.header.report_year == 2025
    found = {(r.kind, r.value, r.year) for r in extraction.records}
    assert found == {("target", 900.0, 2025), ("target", 1200.0, 2027)}


def test_goals_listed_after_the_words_the_goals_include_are_targets() -> None:
    text = ("2024年全市科技工作会议召开\n会议部署了2024年重点工作，今年的主要目标包括新增高新技术企业80家以上，"
            "技术合同成交额增长12%以上。")
    kinds = {(r.kind, r.metric) for r in extract_indicators(text).records}
    assert kinds == {("target", "hte_new"), ("target", "tech_contract_value")}


def test_a_zone_headlined_with_its_province_is_counted_by_its_short_name() -> None:
    text = ("湖南株洲高新区：创新引擎持续发力\n2023-05-10 来源：科技日报\n"
            "近日，记者走进株洲高新区，看到一批企业加快研发，培育高新技术企业320家。")
    assert extract_indicators(text).header.level == "zone"


def test_the_nations_total_in_a_city_report_is_left_out() -> None:
    text = ("2023年全市技术合同工作情况\n截至2023年底，全国共登记技术合同95万项，成交金额6.1万亿元。"
            "全市登记技术合同1.2万项，成交额420亿元。")
    values = {r.value for r in extract_indicators(text).records if r.kind == "actual"}
    assert values == {12000.0, 4200000.0}


def test_a_count_that_rose_by_a_figure_is_a_change() -> None:
    text = "2022年工作总结\n全市科技型中小企业增加650家，高新技术企业共增加40家。"
    found = {(r.metric, r.measure, r.value) for r in extract_indicators(text).records}
    assert ("tsme_registered", "change", 650.0) in found
    assert ("hte_new", "level", 40.0) in found


def test_a_subtitle_after_the_dash_names_the_place_the_news_is_about() -> None:
    text = ("湖畔小城迎来“创新春天”——德清县全力打造科创高地\n2024-05-10 来源：科技日报\n"
            "日前，德清县科技创新捷报频传。今年1至3月，德清县技术合同成交额突破2.1亿元。"
            "德清县与浙江省科技厅签署合作协议，浙江省科技厅将支持德清建设创新平台。德清县还将新建研发机构。")
    header = extract_indicators(text).header
    assert (header.bureau, header.level) == (None, "county")


def test_the_sellers_side_of_contracts_is_the_contract_value_and_the_buyers_is_not() -> None:
    text = "2023年工作总结\n全市输出技术合同成交额达到85.6亿元，吸纳技术合同成交额62.3亿元。"
    found = {(r.metric, r.value) for r in extract_indicators(text).records if r.kind == "actual"}
    assert ("tech_contract_value", 856000.0) in found
    assert ("tech_contract_value", 623000.0) not in found


def test_a_breadcrumb_line_stands_alone_when_no_blank_line_follows_it() -> None:
    text = ("您当前的位置：首页>>人大会议>>常委会会议>>某某区第十六届人民代表大会常务委员会第五次会议\n"
            "关于全区科技创新工作情况的报告\n"
            "主任、各位委员：\n三年来，全区上下共同努力。\n一、主要工作\n全区高新技术企业达到320家。\n"
            "二、存在问题\n企业研发投入不足。")
    assert doc_types(text) == ("report",)
