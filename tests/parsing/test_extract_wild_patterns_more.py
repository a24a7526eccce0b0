"""More patterns the wild corpus taught the extractor (2026-12-07), each on an invented text."""

from __future__ import annotations

import pytest

from parsing.extract import extract_indicators


def facts(text: str) -> set[tuple[object, ...]]:
    return {(r.kind, r.metric, r.measure, r.value) for r in extract_indicators(text).records}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A summary's place-wide 培育 reports the count reached.
        ("2024年工作总结。全市培育国家高新技术企业318家、国家科技型中小企业752家。",
         {("actual", "hte_total", "level", 318.0), ("actual", "tsme_registered", "level", 752.0)}),
        # 新培育 counts new firms, in an account and in a goal.
        ("2023年重点工作任务分解表\n1 新培育科技型中小企业60家以上。区科技局 2023年12月底",
         {("target", "tsme_registered", "level", 60.0)}),
        # A comparison said in a clause of its own still makes the next figure a change.
        ("2020年总结。全市科技型中小企业达到1500家，较去年同期相比，增加210家。",
         {("actual", "tsme_registered", "change", 210.0)}),
        # Growth in tenths (三成) and a net rise in percent are growth rates.
        ("2021年总结。全市高新技术企业2800家，同比净增四成。", {("actual", "hte_total", "yoy_growth", 40.0)}),
        ("2021年总结。全市高新技术企业2800家，同比净增25%。", {("actual", "hte_total", "yoy_growth", 25.0)}),
        # 年内 before a verb of action states what is to be done this year.
        ("今年以来，全县推进科技创新。年内新增省级科技企业孵化器3个，国家级科技企业孵化器1个。",
         {("target", "incubators", "level", 3.0), ("target", "incubators", "level", 1.0)}),
        # A word pointing back (这项数据) names nothing new: the subject before carries on.
        ("2022年，全市高新企业总量达2100家。2023年，这项数据达2900家，比增38%。",
         {("actual", "hte_total", "level", 2900.0), ("actual", "hte_total", "yoy_growth", 38.0)}),
        # 在…方面 names the subject of the growth rate that follows.
        ("2021年计划。在高新技术企业增长方面，增长比例将达到18%以上。", {("target", "hte_total", "yoy_growth", 18.0)}),
        ("2023年总结。全县R&D经费投入2.1亿元，增速高达42%。", {("actual", "rd_expenditure", "yoy_growth", 42.0)}),
        ("2023年，全县强化科技创新驱动，全社会R&D经费支出占比达2.7%。", {("actual", "rd_intensity", "level", 2.7)}),
        ("2025年前三季度，我市组织企业申报省专项资金、获批资金排名全省第三。",
         {("ranking", "funding_secured", "level", None)}),
        ("2025年，我区目标推动技术合同成交额突破120亿元。", {("target", "tech_contract_value", "level", 1200000.0)}),
        ("2021年1-8月，我市规上工业研发费达21.5亿元，增速达40.6%。", {("actual", "rd_expenditure", "level", 215000.0)}),
        ("2021年全省共登记技术合同14000项，全年成交额达到520亿元。",
         {("actual", "tech_contract_value", "level", 5200000.0)}),
        ("2021年总结。立项市科技重大专项12项。", {("actual", "projects_municipal", "level", 12.0)}),
        # A headline reporting a goal met opens no plan section.
        ("2021年湘潭市技术合同认定登记份数900份 超额完成目标任务\n2021年全市完成技术合同认定登记成交额150亿元。",
         {("actual", "tech_contract_value", "level", 1500000.0)}),
        ("2023年总结。新入选“长江学者”“国家杰青”5名。", {("actual", "talents", "level", 5.0)}),
    ],
)
def test_pattern_gives_its_records(text: str, expected: set[tuple[object, ...]]) -> None:
    assert expected <= facts(text), facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "2019年总结。全市新申报国家级众创空间2家，省级孵化器3家，省级众创空间4家。",
        "2019年总结。全县新申报国家级众创空间2家、省级孵化器3家、省级众创空间4家。",
    ],
)
def test_a_list_led_by_new_applications_stays_applications(text: str) -> None:
    assert not {f for f in facts(text) if f[1] == "incubators"}, facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "2023年总结。今年重点新培育的15家高新技术企业已全部提交申报材料。",
        "2024年计划。全县培育高新技术企业8家以上。",
    ],
)
def test_cultivation_pools_are_no_counts(text: str) -> None:
    assert not {f for f in facts(text) if f[0] == "actual" and f[1] in ("hte_total", "hte_new")}, facts(text)


def test_a_task_breakdown_named_in_a_field_is_points() -> None:
    text = ("索引号: 1134/202307-00015\n名称: 2023年本部门年度重点工作任务的任务分解 文号:\n"
            "发布日期: 2023-07-12\n1 研发费用突破7亿元。区科技局 2023年12月底\n")
    result = extract_indicators(text)
    assert result.header.doc_types == ("points",)
    assert ("target", "rd_expenditure", "level", 70000.0) in facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "2019年计划。规上工业企业建立研发机构数量达到15家以上。",
        "2017年总结。累计审核备案建有研发机构的规上企业共1800家。",
    ],
)
def test_firms_with_an_rd_unit_are_no_platforms(text: str) -> None:
    assert not {f for f in facts(text) if f[1] == "platforms"}, facts(text)


def test_a_province_farm_firm_designation_is_no_hte_count() -> None:
    text = "2020年总结。全区拥有国家高新技术企业65家、自治区农业高新技术企业3家。"
    hte = {f for f in facts(text) if f[1] == "hte_total"}
    assert hte == {("actual", "hte_total", "level", 65.0)}, facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "2020年总结。三年新增国家级创新平台4个。",
        "2023年总结。自实施科技创新三年行动计划以来，全县R&D经费投入增速高达637%。",
        "2023年总结。全县高新技术企业营业收入增加了35%，高企利润增长12%。",
        "2024年总结。全省政府所属研究机构R&D经费占比高达41.2%。",
        "2019年总结。全县有省级高新技术企业研发中心12家。",
        "2024年总结。上市公司创新能力百强企业平均研发投入为40亿元。",
        "2022年总结。兑现省级研发投入奖励160万元。",
        "2025年计划。全社会研发经费投入年均增长高于12%。",
        "2015年总结。西藏900人入选国家科技特派员人才库。",
    ],
)
def test_no_core_record_for_multi_year_sums_or_other_subjects(text: str) -> None:
    core = {f for f in facts(text) if f[0] in ("actual", "target")
            and f[1] in ("platforms", "rd_expenditure", "rd_intensity", "hte_total", "hte_new", "talents")}
    assert not core, facts(text)


def test_a_sentence_citing_a_plan_is_no_title() -> None:
    text = ("河南公布4371家入库科技型中小企业\n发布时间:2025-02-06 07:11:07\n"
            "9月10日，省科技厅公布2024年第三批4371家入库科技型中小企业名单。\n"
            "根据《创新型企业梯次培育实施方案(2024—2026年)(试行)》，全省将建立梯次培育体系。\n")
    assert ("actual", "tsme_registered", "level", 4371.0) in facts(text), facts(text)


@pytest.mark.parametrize(
    "text",
    [
        "2023年总结。规上工业企业研发经费投入215亿元，占全社会研发投入经费比重达94.7%。",
        "2023年总结。某公司每年投入的研发费用不低于销售收入的6%。",
    ],
)
def test_shares_of_rd_or_of_sales_are_no_intensity(text: str) -> None:
    assert not {f for f in facts(text) if f[1] == "rd_intensity"}, facts(text)


def test_the_firms_part_of_rd_after_a_comma_keeps_no_parent_key() -> None:
    text = "2023年总结。全市研发经费投入达230亿元，比上年增长20%。其中，规上工业企业研发经费投入215亿元，同比增长17%。"
    rd = {f for f in facts(text) if f[1] == "rd_expenditure"}
    expected = {("actual", "rd_expenditure", "level", 2300000.0), ("actual", "rd_expenditure", "yoy_growth", 20.0)}
    assert rd == expected, rd


def test_a_span_start_before_a_comma_is_no_record() -> None:
    text = "2020年总结。全县技术合同交易额从2017年的0.3亿元，上升到2020年的1.8亿元。"
    values = {f[3] for f in facts(text) if f[1] == "tech_contract_value"}
    assert values == {18000.0}, facts(text)


def test_the_figure_compared_with_is_no_record_and_keeps_the_subject() -> None:
    text = "2022年，全市高新企业总量达2400家，比2020年的1100家实现翻番。2023年，这项数据达3100家，比增29%。"
    hte = {f for f in facts(text) if f[1] == "hte_total"}
    assert ("actual", "hte_total", "level", 1100.0) not in hte, hte
    assert {("actual", "hte_total", "level", 3100.0), ("actual", "hte_total", "yoy_growth", 29.0)} <= hte, hte


def test_a_bare_organ_after_a_list_comma_shares_the_place_named_before() -> None:
    text = "记者1月8日获悉，陕西省委科技工委书记、省科技厅厅长介绍，2023年全省技术合同成交额4000亿元。"
    assert extract_indicators(text).header.bureau == "陕西省科技厅"


def test_bare_counting_words_in_a_ranking_count_the_subject_named_before() -> None:
    text = ("2024年，苏州高新技术企业认定保持领先势头，保持全国第四位。"
            "申报数、认定数、净增数和有效数四项指标均稳居全省第一。")
    ranked = {(f[1], f[2]) for f in facts(text) if f[0] == "ranking"}
    assert {("hte_applied", "level"), ("hte_new", "level"), ("hte_total", "change"), ("hte_total", "level")} <= ranked


def test_places_counted_and_shares_of_the_nation_are_no_records() -> None:
    text = "2024年总结。全市有九个县级市（区）的有效高新技术企业数超千家，研发经费约占全国14.29%。"
    assert not {f for f in facts(text) if f[1] in ("hte_total", "rd_intensity")}, facts(text)


def test_a_zone_headline_behind_a_column_tag_and_a_share_without_the_word_industry() -> None:
    text = ("首页资讯>研究>正文\n【世界速看料】潍坊高新区蝉联全省高新区第2位\n"
            "近日，省科技厅通报了2022年全省开发区综合发展水平评价情况。\n"
            "2022年，潍坊高新区研发投入占比达到6.9%，全区高新技术产值占比达92.3%。\n")
    result = extract_indicators(text)
    assert result.header.level == "zone"
    assert {("actual", "rd_intensity", "level", 6.9), ("actual", "ht_output_share", "level", 92.3)} <= facts(text)


def test_planned_applications_are_goals_and_candidates_found_are_not() -> None:
    planned = facts("2021年上半年总结。积极动员企业申报高新技术企业，拟申报25家。")
    assert ("target", "hte_applied", "level", 25.0) in planned, planned
    found = facts("2025年上半年总结。摸排拟申报省级以上研发机构企业12家。")
    assert not {f for f in found if f[0] == "target"}, found


def test_a_completion_rate_of_another_subject_is_not_the_subject_before() -> None:
    text = "2015年总结。推荐申报高新技术企业3家，复评1家；发明专利申请已完成任务的473.68%。"
    assert not {f for f in facts(text) if f[2] == "completion" and f[1].startswith("hte")}, facts(text)
    kept = facts("2017年总结。新申报高新技术企业89家，完成省科技厅下达任务的124%。")
    assert ("actual", "hte_applied", "completion", 124.0) in kept, kept


def test_a_dated_past_position_is_left_behind_for_the_one_reached() -> None:
    text = "2022年，全省区域创新能力从2012年的全国第27位提高到2021年的第20位。"
    ranks = {r.rank for r in extract_indicators(text).records if r.kind == "ranking"}
    assert ranks == {20}, ranks


def test_firms_served_are_no_count_of_firms() -> None:
    text = "截至2022年6月末，全省金融机构为1100户高新技术企业提供了信贷支持，贷款余额1400亿元。"
    assert not {f for f in facts(text) if f[1] == "hte_total"}, facts(text)


def test_the_cantonese_classifier_for_firms_counts_firms() -> None:
    assert ("actual", "hte_applied", "level", 4.0) in facts("2023年上半年，全市共有4間企業申報高新技術企業。")


def test_a_list_of_the_year_s_key_work_is_points() -> None:
    text = "华容县科技局2017年重点工作“三明确一限期”清单\n年末，全县高新技术产业增加值占地区生产总值比重达到22%。\n"
    result = extract_indicators(text)
    assert result.header.doc_types == ("points",)
    assert {r.kind for r in result.records} == {"target"}, result.records


def test_a_numbered_place_without_di_after_pai_wei() -> None:
    text = "2016年，我市科技活动产出全省第2位、高新技术产业化全省排位14位、科技活动投入全省排位8位。"
    ranks = {r.rank for r in extract_indicators(text).records if r.kind == "ranking"}
    assert {2, 14, 8} <= ranks, ranks


def test_funds_won_for_support_are_funds_secured() -> None:
    assert ("actual", "funding_secured", "level", 880.0) in facts("2015年总结。全区获批扶持资金880万元。")
