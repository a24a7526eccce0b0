"""Patterns the wild corpus taught the extractor, each on an invented sentence."""

from __future__ import annotations

import pytest

from parsing.extract import extract_indicators
from parsing.extract.spun import unspin
from parsing.extract.textclean import normalise


def facts(text: str) -> set[tuple[object, ...]]:
    return {
        (r.kind, r.metric, r.measure, r.value, r.rank, r.scope)
        for r in extract_indicators(text).records
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年工作总结。全市高新技术企业总数从2020年的60家增长至130家。", ("actual", "hte_total", "level", 130.0)),
        ("2024年工作总结。全市科技型中小企业数量由90家增至210家。", ("actual", "tsme_registered", "level", 210.0)),
        ("2023年总结。其中国家级孵化载体12家。", ("actual", "incubators", "level", 12.0)),
        ("2023年总结。全市“双创”载体共有41家。", ("actual", "incubators", "level", 41.0)),
        ("2019年总结。全社会研究与试验发展(R&D)经费6.2亿元。", ("actual", "rd_expenditure", "level", 62000.0)),
        ("2019年总结。全社会研发投入达到5亿元，投入强度达到0.7%。", ("actual", "rd_intensity", "level", 0.7)),
        ("2023年总结。全社会研发投入200亿元，占GDP达3.1%。", ("actual", "rd_intensity", "level", 3.1)),
        ("2024年计划。确保全社会研发经费投入达到1.8%。", ("target", "rd_intensity", "level", 1.8)),
        ("2016年总结。全年共成交技术合同4000项，成交总额为90.5亿元。",
         ("actual", "tech_contract_value", "level", 905000.0)),
        ("2018年总结。技术合同成交额达120亿元，首次突破百亿元大关，同比增长30%。",
         ("actual", "tech_contract_value", "yoy_growth", 30.0)),
        ("2023年总结。新增科技型中小企业46户。", ("actual", "tsme_registered", "level", 46.0)),
        ("2022年总结。成果转化产值271亿元，技术合同成交额突破2亿元大关。",
         ("actual", "tech_contract_value", "level", 20000.0)),
        ("2019年总结。新培育省、市级新型研发机构14家。", ("actual", "platforms", "level", 14.0)),
        ("2023年回顾。高新技术企业数量增长一倍多，从2014年的1.04万家提高到2023年的2.83万家。",
         ("actual", "hte_total", "level", 28300.0)),
        ("2021年。到2023年全省科技型企业将达到4万家，其中，高新技术企业达到1.5万家。",
         ("target", "hte_total", "level", 15000.0)),
        ("2025年。目前拟申报高企90家，力争今年高新技术企业突破300家。", ("target", "hte_total", "level", 300.0)),
    ],
)
def test_wild_patterns_give_their_record(text: str, expected: tuple[object, ...]) -> None:
    assert any(fact[:4] == expected for fact in facts(text)), facts(text)


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        ("2024年工作总结。全市高新技术企业总数从2020年的60家增长至130家。", 60.0),
        ("2022年总结。全省研发投入达3000亿元，较2017年增长超过60%。", 60.0),
        ("2022年总结。全市研发投入强度比2012年提升了1.1个百分点。", 1.1),
        ("2022年总结。2021年至2022年，新认定高新技术企业20家。", 20.0),
        ("2023年总结。高新技术企业净增300家，占全省净增数的70.5%。", 70.5),
        ("2017年总结。认定了数十名科技特派员。", 10.0),
        ("2023年总结。实现研发经费年均增长12%。", 12.0),
    ],
)
def test_wild_look_alikes_give_no_core_record(text: str, unwanted: float) -> None:
    assert all(fact[3] != unwanted or str(fact[1]).startswith("other:") for fact in facts(text)), facts(text)


@pytest.mark.parametrize(
    ("text", "rank", "scope"),
    [
        ("2023年总结。技术合同成交额636亿元，继续保持东北第一。", 1, "东北"),
        ("2019年总结。研发投入强度提升幅度居全国第二、中部第一。", 1, "中部"),
        ("2020年总结。高新技术企业通过数位居南通第二。", 2, "南通"),
        ("2021年总结。研发投入强度增速在九个国家中心城市中居第一。", 1, "九个国家中心城市"),
    ],
)
def test_rankings_scoped_by_region_place_or_list(text: str, rank: int, scope: str) -> None:
    assert any(f[0] == "ranking" and f[4] == rank and f[5] == scope for f in facts(text)), facts(text)


def test_increment_and_growth_rank_twice() -> None:
    found = facts("2022年总结。全区新增高企80家，高企增量、增速均居全市第一。")
    assert {(f[2], f[4]) for f in found if f[0] == "ranking"} == {("change", 1), ("yoy_growth", 1)}


def test_bullets_are_items_of_their_own() -> None:
    found = facts("2023年\n\n●新增国家级科技型中小企业1163家\n\n●高新技术企业净增365家")
    assert ("actual", "tsme_registered", "level", 1163.0, None, None) in found
    assert ("actual", "hte_total", "change", 365.0, None, None) in found


def test_one_position_after_figures_of_several_metrics_ranks_each() -> None:
    found = facts("2015年。全市高新技术企业新增30家、科技型中小企业入库120家，均居全省第三位。")
    assert {f[1] for f in found if f[0] == "ranking"} == {"hte_new", "tsme_registered"}


def test_one_position_after_a_list_of_subjects_ranks_each() -> None:
    found = facts("2023年。技术合同登记数量和成交总额全省排名第一。")
    assert {f[1] for f in found if f[0] == "ranking"} == {"tech_contract_count", "tech_contract_value"}


def test_a_ranked_share_is_not_the_amount() -> None:
    found = facts("2015年。高新技术企业总量104家，占规模以上工业企业数量的比重达到14.4%，在全省排名第三位。")
    assert all(str(f[1]).startswith("other:") for f in found if f[0] == "ranking")


@pytest.mark.parametrize(
    "text", ["2023年。全市高新技术企业达到120家；新增18家。", "2023年。全市高新技术企业达到120家。新增18家。"]
)
def test_the_subject_carries_into_a_segment_that_only_adds_a_figure(text: str) -> None:
    found = facts(text)
    assert ("actual", "hte_new", "level", 18.0, None, None) in found


def test_a_goal_sentence_after_a_fact_keeps_its_subject() -> None:
    found = facts("2024年工作总结。到2023年底，全市高新技术企业达到500家。力争到2025年达到800家。")
    assert ("actual", "hte_total", "level", 500.0, None, None) in found
    assert ("target", "hte_total", "level", 800.0, None, None) in found


@pytest.mark.parametrize(
    "text",
    [
        "2023年。全市高新技术企业和科技型中小企业分别新增200家、300家。",
        "2023年。高新技术企业和科技型中小企业数量快速增长，分别新增200家、300家。",
    ],
)
def test_respectively_lists_pair_in_order(text: str) -> None:
    found = facts(text)
    assert ("actual", "hte_new", "level", 200.0, None, None) in found
    assert ("actual", "tsme_registered", "level", 300.0, None, None) in found


def test_parallel_lists_pair_without_respectively() -> None:
    found = facts("2023年。全市高新技术企业、科技型中小企业达800家、900家。")
    assert ("actual", "hte_total", "level", 800.0, None, None) in found
    assert ("actual", "tsme_registered", "level", 900.0, None, None) in found


def test_one_shared_value_gives_a_record_per_subject() -> None:
    found = facts("2023年。全市高新技术企业、科技型中小企业数量均增长12%。")
    assert {f[1] for f in found if f[3] == 12.0} == {"hte_total", "tsme_registered"}


def test_later_values_of_a_list_share_the_first_measure() -> None:
    found = facts("2023年。技术合同成交额和研发投入分别增长15%、20%。")
    assert ("actual", "rd_expenditure", "yoy_growth", 20.0, None, None) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年总结。全社会R&D占比达到2.5%。", ("actual", "rd_intensity", "level", 2.5)),
        ("2023年总结。全社会r&d投入达到5亿元。", ("actual", "rd_expenditure", "level", 50000.0)),
        ("2023年总结。高新产业产值达到120亿元。", ("actual", "ht_output_value", "level", 1200000.0)),
        ("2023年总结。完成技术合同登记12亿元。", ("actual", "tech_contract_value", "level", 120000.0)),
        ("2023年总结。高新技术产业产值35.2亿，同比增长10%。", ("actual", "ht_output_value", "level", 352000.0)),
    ],
)
def test_short_and_elliptical_forms(text: str, expected: tuple[object, ...]) -> None:
    assert any(fact[:4] == expected for fact in facts(text)), facts(text)


@pytest.mark.parametrize(
    "text", ["2023年总结。孵化器新增在孵企业150家。", "2023年总结。每万家企业中高新技术企业达到15家。"]
)
def test_firms_in_incubators_and_densities_are_no_core_count(text: str) -> None:
    assert not [f for f in facts(text) if f[0] == "actual"], facts(text)


def test_a_rise_in_position_keeps_the_new_place() -> None:
    assert any(f[0] == "ranking" and f[4] == 6 for f in facts("2023年总结。全市排名由第10位跃居第6位。"))


@pytest.mark.parametrize(
    ("text", "bureau", "year"),
    [
        ("宜宾市科工局2023年工作总结\n2023年，全市新增高企50家。", "宜宾市科工局", 2023),
        ("深圳市科创委2022年工作总结和2023年工作计划\n一、2022年工作总结", "深圳市科创委", 2022),
        ("南京市科技创新三年行动计划（2024—2028年）\n到2028年，全市高新技术企业达到1万家。", None, 2024),
    ],
)
def test_headers_of_other_organs_and_plan_periods(text: str, bureau: str | None, year: int) -> None:
    header = extract_indicators(text).header
    assert (header.bureau, header.report_year) == (bureau, year)


def test_respectively_places_pair_with_their_subjects() -> None:
    found = facts("2023年总结。高企数量、技术合同成交额分别居全国第四位、第五位。")
    assert {(f[1], f[4]) for f in found if f[0] == "ranking"} == {("hte_total", 4), ("tech_contract_value", 5)}


def test_a_part_of_the_same_count_after_qizhong_is_a_record() -> None:
    found = facts("2023年。全市高新技术企业达到120家，其中新认定30家。")
    assert ("actual", "hte_new", "level", 30.0, None, None) in found


@pytest.mark.parametrize(
    "text",
    [
        "2023年。全社会研发投入5.3亿元，其中规上工业企业研发经费4.8亿元。",
        "2023年。高企申报上报材料47家，其中复审13家，新认定34家。",
    ],
)
def test_qualified_parts_after_qizhong_are_not_the_parent_metric(text: str) -> None:
    assert len([f for f in facts(text) if f[0] == "actual"]) == 1, facts(text)


def test_first_tier_is_a_rank_null_position() -> None:
    """Corpus decision 4: 第一方阵 is read like 前列 (both labellers of the wild corpus)."""
    found = facts("2023年。高新技术企业数量进入全省第一方阵。")
    assert ("ranking", "hte_total", "level", None, None, "全省") in found


def test_a_wider_area_figure_in_a_city_report_is_left_out() -> None:
    text = "南通市科技局2023年工作总结\n2023年，全省新增高新技术企业5000家，全市新增高新技术企业420家。"
    assert {f[3] for f in facts(text) if f[0] == "actual"} == {420.0}


def test_a_bare_intensity_after_an_rd_amount_is_the_intensity() -> None:
    got = facts("2024年总结。全市研发经费投入达12亿元，强度提升至2.5%。")
    assert ("actual", "rd_intensity", "level", 2.5, None, None) in got


def test_a_bare_position_after_levels_of_two_metrics_ranks_both_in_every_scope_listed() -> None:
    got = facts("2024年总结。全省研发经费投入达1283.9亿元，强度提升至2.57%，居全国第9、中部第2。")
    rankings = {(metric, rank, scope) for kind, metric, _, _, rank, scope in got if kind == "ranking"}
    assert rankings == {
        ("rd_expenditure", 9, "全国"), ("rd_intensity", 9, "全国"),
        ("rd_expenditure", 2, "中部"), ("rd_intensity", 2, "中部"),
    }


def test_a_bare_position_after_an_amount_and_its_growth_ranks_the_amount_only() -> None:
    got = facts("2024年总结。全市技术合同成交额达108.6亿元，同比增长25.7%，居全省第二位。")
    rankings = {(metric, measure) for kind, metric, measure, _, _, _ in got if kind == "ranking"}
    assert rankings == {("tech_contract_value", "level")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021年总结。组织30家企业申报2021年度第一批国家高新技术企业。", ("actual", "hte_applied", "level", 30.0)),
        ("2022年总结。2022年共有345家企业申报认定高新技术企业。", ("actual", "hte_applied", "level", 345.0)),
        ("2024年总结。获立项8个、经费357万元。", ("actual", "funding_secured", "level", 357.0)),
        ("2017年总结。争取各类科技项目59项，无偿经费1357万元。", ("actual", "funding_secured", "level", 1357.0)),
        ("2015年总结。累计获得扶持资金1140万元。", ("actual", "funding_secured", "level", 1140.0)),
    ],
)
def test_counted_firms_and_project_money(text: str, expected: tuple[object, ...]) -> None:
    assert (*expected, None, None) in facts(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年总结。有研发活动的规上工业企业占比达到41.2%。", ("actual", "rd_active_share", "level", 41.2)),
        ("2022年总结。规上工业企业研发活动覆盖率达到84.1%。", ("actual", "rd_active_share", "level", 84.1)),
        ("2024年总结。为19家科技型企业发放“苏科贷”6660万元。", ("actual", "tech_loans", "level", 6660.0)),
        ("2021年总结。目前已向12家企业放贷3400万元。", ("actual", "tech_loans", "level", 3400.0)),
    ],
)
def test_more_core_vocabulary(text: str, expected: tuple[object, ...]) -> None:
    assert (*expected, None, None) in facts(text)


def test_a_gap_to_a_wider_area_is_no_change() -> None:
    got = facts("2022年总结。规上工业企业研发活动覆盖率达到84.1%，高于全市27.5个百分点，位居全市第一。")
    assert not any(measure == "change" for _, _, measure, _, _, _ in got)
    assert ("ranking", "rd_active_share", "level", None, 1, "全市") in got


def test_laurels_and_again_first_are_first_places() -> None:
    got = facts("2024年总结。全区研发经费投入达6.25亿元，同比增长31.2%，总量与增速双双摘得全市桂冠。"
                "科技型中小企业入库350家，同样位居全市榜首。")
    rankings = {(metric, measure, rank) for kind, metric, measure, _, rank, _ in got if kind == "ranking"}
    assert rankings == {("rd_expenditure", "level", 1), ("rd_expenditure", "yoy_growth", 1),
                        ("tsme_registered", "level", 1)}


def test_an_estimate_is_a_goal_until_a_clause_opens_on_an_elapsed_period() -> None:
    got = facts("2024年总结。估计国家高企累计达95家，1—9月份，高新技术产业产值达118.8亿元。")
    assert ("target", "hte_total", "level", 95.0, None, None) in got
    assert ("actual", "ht_output_value", "level", 1188000.0, None, None) in got


def test_a_first_time_milestone_carries_the_subject_and_the_position_after_it() -> None:
    got = facts("2022年总结。全市科技型中小企业评价入库数创历史新高，首次突破2000家，入库总数位列无锡第一。")
    assert ("actual", "tsme_registered", "level", 2000.0, None, None) in got
    assert ("ranking", "tsme_registered", "level", None, 1, "无锡") in got


def test_the_units_of_a_list_are_a_scope() -> None:
    got = facts("2021年总结。全县高新技术企业达到57家，总数排名县区第二。")
    assert ("ranking", "hte_total", "level", None, 2, "县区") in got


def test_a_further_place_in_a_named_area_follows_a_position() -> None:
    got = facts("2022年总结。全区国家高新技术企业达6000家，位居全国区县第二、广东省第一。")
    assert ("ranking", "hte_total", "level", None, 1, "广东省") in got
    assert ("ranking", "hte_total", "level", None, 2, "全国区县") in got


def test_a_sub_areas_bracketed_figure_is_left_out() -> None:
    got = facts("天津市科技局2023年1—5月工作通报。全市科技型中小企业排名前五位的区是滨海新区（2452家）、西青区。")
    assert not any(fact[3] in (2452.0, 1100.0) for fact in got)


def test_a_tier_named_by_the_province_counts_the_citys_platforms() -> None:
    got = facts("昆明市科技局召开2024年工作会议。目前,全市共有国家重点实验室9家,云南省重点实验室140家。")
    assert ("actual", "platforms", "level", 140.0, None, None) in got


def test_new_national_talents() -> None:
    assert ("actual", "talents", "level", 160.0, None, None) in facts("新增国家级人才160人。")


def test_one_figure_for_two_kinds_joined_is_a_sum_of_neither() -> None:
    found = facts("2023年计划。力争全市高新技术企业和科技型中小企业突破260家。")
    assert {(kind, metric) for kind, metric, *_ in found} == {("target", "other:高新技术企业和科技型中小企业")}


def test_the_next_kind_after_and_is_no_subject_of_the_figure_before() -> None:
    found = facts("2022年总结。全市高新技术企业120家和科技型中小企业300家。")
    assert ("actual", "hte_total", "level", 120.0, None, None) in found


def test_a_range_states_no_figure() -> None:
    found = facts("2017年计划。争取获得省科学技术奖1-2项，新增高新技术企业10家。")
    assert [value for _, _, _, value, *_ in found] == [10.0]


def test_a_respective_list_item_of_no_core_metric_drops_only_its_value() -> None:
    found = facts("2022年总结。省级以上工程技术研究中心、企业技术中心分别达83家、34家。")
    assert [(metric, value) for _, metric, _, value, *_ in found] == [("platforms", 83.0)]


def test_a_shared_head_noun_names_no_one_item() -> None:
    found = facts("2016年总结。技术转让、开发和服务合同成交额分别为4.3亿元、20.5亿元、116.7亿元。")
    assert [value for _, _, _, value, *_ in found] == []


def test_a_goal_floor_reported_as_held_is_the_actual() -> None:
    got = facts("2023年总结。实现申报数、认定数双增长、有效期内高企稳定在6100家以上的目标。")
    assert ("actual", "hte_total", "level", 6100.0, None, None) in got


def test_a_technical_trade_contract_sum_is_the_contract_value_but_a_trade_sum_is_not() -> None:
    assert ("actual", "tech_contract_value", "level", 49900.0, None, None) in facts(
        "2021年总结。技术交易合同总金额达到4.99亿元。"
    )
    assert not any(f[1] == "tech_contract_value" for f in facts("2021年总结。全区技术交易额达到4.99亿元。"))


def test_a_round_milestone_before_the_exact_figure_is_no_record_of_its_own() -> None:
    got = facts("2017年总结。全市高新技术企业总数突破600家，达到612家。")
    assert got == {("actual", "hte_total", "level", 612.0, None, None)}


def test_firms_acting_on_something_else_carry_no_subject() -> None:
    got = facts("2023年总结。新认定高新技术企业30家。全年共组织26家企业申报各类科技计划项目。")
    assert not any(f[3] == 26.0 for f in got)


def test_a_kind_joined_with_another_sort_is_a_count_of_neither() -> None:
    assert not facts("2021年总结。新增市级以上专业研发机构和服务机构40个。")
    assert ("actual", "platforms", "level", 3.0, None, None) in facts("2022年总结。已拥有国家重点实验室及分支机构3个。")


def test_a_plan_periods_cumulative_goal_is_of_no_core_metric() -> None:
    got = facts("“十三五”时期的核心指标：力争累计认定高新技术企业数量超过1500户。")
    assert {(f[0], str(f[1]).startswith("other:"), f[3]) for f in got} == {("target", True, 1500.0)}


def test_a_bare_share_of_gdp_belongs_to_the_figure_before() -> None:
    assert not facts("2017年总结。前三季度高新技术产业增加值129.04亿元，占GDP的10.22%。")
    assert ("actual", "rd_intensity", "level", 2.1, None, None) in facts("2017年总结。研发投入12亿元，占GDP的2.1%。")


def test_firms_counted_with_products_are_no_firm_count() -> None:
    assert not facts("2017年总结。全年新增高新技术企业（产品）162家。")


@pytest.mark.parametrize(
    "text",
    [
        "2021年，全市全社会研发经费投入54.03亿元，是2012年的6.4倍；全社会研发投入强度1.52%，比2012年提升了1.1个百分点。",
        "截至2016年，该市共有176家高新技术企业，与2012年相比，增长232%。",
    ],
)
def test_growth_against_a_year_long_past_gives_no_record(text: str) -> None:
    assert not any(f[2] in ("change", "yoy_growth") for f in facts(text))


def test_a_rate_ending_a_list_is_the_rate_of_every_item() -> None:
    found = facts("2024年总结。全区工业、服务业指标增速全市第一。")
    assert {(f[1], f[2]) for f in found} == {("other:工业", "yoy_growth"), ("other:服务业指标", "yoy_growth")}


def test_a_later_place_without_scope_keeps_the_scope_of_its_sentence() -> None:
    found = facts("2017年总结。创新能力跃居全国首位，其中企业创新、创新绩效2个指标均排名第一。成交额排名第三。")
    assert {(f[1], f[4], f[5]) for f in found} == {
        ("other:创新能力", 1, "全国"),
        ("other:企业创新", 1, "全国"),
        ("other:创新绩效", 1, "全国"),
    }


def test_a_part_by_level_of_a_sum_of_kinds_is_a_part_of_neither() -> None:
    assert not any(f[1] == "platforms" for f in facts("2023年总结。新增双创载体和研发机构24家，其中省级以上8家。"))
    assert ("platforms", 8.0) in {(f[1], f[3]) for f in facts("2023年总结。研发平台30家，其中省级以上8家。")}


def test_a_platform_listed_with_other_sorts_is_counted_with_them() -> None:
    found = facts("2021年总结。新建省技术创新中心、科学家工作室、“头雁”工作站22个。")
    assert not any(f[1] == "platforms" for f in found)


def test_a_bracketed_list_of_indicators_sets_goals_until_it_closes() -> None:
    found = facts(
        "2023年总结。创新主体方面（指标：新增科技型中小企业60家、新增高新技术企业（瞪羚企业）5家），"
        "全年入库科技型中小企业64家。"
    )
    assert ("target", "tsme_registered", "level", 60.0, None, None) in found
    assert ("target", "hte_new", "level", 5.0, None, None) in found
    assert ("actual", "tsme_registered", "level", 64.0, None, None) in found


def test_firms_applying_to_the_small_firm_list_are_not_on_it() -> None:
    found = facts("2023年总结。动员70余家企业申报科技型中小企业，目前已完成申报68家，入库64家。")
    assert {f[3] for f in found if f[1] == "tsme_registered"} == {64.0}


def test_a_rate_in_brackets_after_its_name_is_its_figure() -> None:
    found = facts("2023年总结。全区高新技术企业认定数增速（51.6%）以及总量增速（26.7%）均居全市第一。")
    assert ("actual", "hte_new", "yoy_growth", 51.6, None, None) in found
    assert ("actual", "hte_total", "yoy_growth", 26.7, None, None) in found


def test_a_share_of_the_years_goal_is_its_completion() -> None:
    found = facts("2024年总结。技术合同成交额完成9.6亿元，占年度目标任务的120%。")
    assert ("actual", "tech_contract_value", "completion", 120.0, None, None) in found


def test_the_units_a_ranking_compares_are_no_count_and_belong_to_its_scope() -> None:
    found = facts("2023年总结。全区高新技术企业净增45家，净增数在全市12个县（市、区）中排名第2。")
    assert found == {
        ("actual", "hte_total", "change", 45.0, None, None),
        ("ranking", "hte_total", "change", None, 2, "全市12个县（市、区）"),
    }


def test_an_average_in_brackets_is_anothers_figure() -> None:
    found = facts("2023年总结。研发投入强度2.1%，与全市平均水平（2.6%）相比仍有差距。")
    assert found == {("actual", "rd_intensity", "level", 2.1, None, None)}


def test_one_subjects_measures_pair_in_order_with_the_places() -> None:
    found = facts("2023年总结。高新技术企业数量、增速分别位居全市第一、第二。")
    assert found == {
        ("ranking", "hte_total", "level", None, 1, "全市"),
        ("ranking", "hte_total", "yoy_growth", None, 2, "全市"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年总结。为实现研发投入强度2.5%的目标，我局出台了措施。", ("target", "rd_intensity", "level", 2.5)),
        ("2023年工作总结。下达我县高新技术企业认定任务20家，已认定22家。", ("target", "hte_new", "level", 20.0)),
        ("2023年工作总结。下达我县高新技术企业认定任务20家，已认定22家。", ("actual", "hte_new", "level", 22.0)),
    ],
)
def test_goals_aimed_at_or_assigned_are_targets_until_a_fact_is_stated(text: str, expected: tuple[object, ...]) -> None:
    assert expected in {f[:4] for f in facts(text)}


def test_spaced_out_text_has_spaced_out_digits() -> None:
    found = facts("2 0 2 3 年 工 作 总 结 。全 县 高 新 技 术 企 业 达 到 1 2 0 家 ，研 发 投 入 强 度 2 . 1 % 。")
    assert ("actual", "hte_total", "level", 120.0, None, None) in found
    assert ("actual", "rd_intensity", "level", 2.1, None, None) in found


def test_a_spinners_reprint_reads_as_the_plain_words() -> None:
    spun = "2023年回顾。全省研发经费加入伸长14.2%，增速居寰宇第5位；高新本领企业总数打破1.6万家；家产链加疾擢升。"
    found = facts(spun)
    assert ("actual", "rd_expenditure", "yoy_growth", 14.2, None, None) in found
    assert ("ranking", "rd_expenditure", "yoy_growth", None, 5, "全国") in found
    assert ("actual", "hte_total", "level", 16000.0, None, None) in found


def test_plain_prose_keeps_words_a_spinner_would_use() -> None:
    plain = "2023年总结。正在建设的创新平台加入了省级网络，技术改进项目打破纪录。"
    assert unspin(plain) == plain


def test_contracts_above_a_size_are_a_subset() -> None:
    found = facts("2016年总结。全年共成交1000万以上的重大技术合同303项。全省共成交技术合同5252项。")
    assert {f[3] for f in found if f[1] == "tech_contract_count"} == {5252.0}


@pytest.mark.parametrize(
    "text",
    [
        "2025年总结。星锐科技、东贝铸造等8家企业获得省级高新技术企业发展专项资金。",
        "2022年总结。对王勤礼等35名优秀科技特派员进行通报表扬。",
    ],
)
def test_firms_funded_and_people_commended_are_no_count_of_the_kind(text: str) -> None:
    assert facts(text) == set()


def test_firms_granted_as_new_high_tech_firms_are_counted() -> None:
    found = facts("2021年总结。对252家首次获批的高新技术企业奖补7560万元。")
    assert ("actual", "hte_new", "level", 252.0, None, None) in found


@pytest.mark.parametrize(
    ("text", "goal", "done"),
    [
        ("2023年总结。高新技术企业目标40家，完成45家。", ("target", "hte_total", "level", 40.0), 45.0),
        ("2023年总结。年度目标任务：新增高新技术企业40家，实际完成45家。", ("target", "hte_new", "level", 40.0), 45.0),
        ("2023年总结。科技型中小企业入库任务数300家，已入库320家。",
         ("target", "tsme_registered", "level", 300.0), 320.0),
        ("2023年总结。技术合同成交额年度目标10亿元，截至12月底完成12.3亿元。",
         ("target", "tech_contract_value", "level", 100000.0), 123000.0),
        ("2023年总结。全年计划新增科技型中小企业100家，实际新增120家。",
         ("target", "tsme_registered", "level", 100.0), 120.0),
    ],
)
def test_a_quota_stated_in_a_summary_is_a_target_and_what_was_done_an_actual(
    text: str, goal: tuple[object, ...], done: float
) -> None:
    found = {f[:4] for f in facts(text)}
    assert goal in found
    assert ("actual", goal[1], "level", done) in found


def test_a_share_of_the_quota_done_is_no_goal() -> None:
    found = facts("2025年总结。技术合同成交额5亿元，完成全年目标任务73.5%。")
    assert ("actual", "tech_contract_value", "completion", 73.5, None, None) in found


@pytest.mark.parametrize(
    "text",
    [
        "2023年总结。北京流向津冀技术合同成交额达748.7亿元，同比增长109.8%。",
        "2022年总结。吸纳京津技术合同成交额40.35亿元。",
        "2018年总结。研发投入强度与全国平均水平的差距从2015年的0.5个百分点缩小到0.2个百分点。",
    ],
)
def test_flows_of_contracts_and_gaps_to_an_average_are_no_figure_of_ours(text: str) -> None:
    assert facts(text) == set()


def test_a_growth_after_the_figures_share_of_a_wider_total_is_the_figures() -> None:
    found = facts("2021年总结。全市社会研发经费投入28.8亿元，占全省比重为61.27%，同比增长87.7%。")
    assert ("actual", "rd_expenditure", "yoy_growth", 87.7, None, None) in found


def test_small_form_semicolons_end_a_segment_and_a_rate_before_the_place_is_ranked() -> None:
    found = facts("2021年总结。地方财政收入完成10亿元，增长20%，在长春市四大开发区中增速排名第一﹔科研平台200家。")
    assert ("ranking", "other:地方财政收入完成", "yoy_growth", None, 1, "长春市四大开发区") in found
    assert ("actual", "platforms", "level", 200.0, None, None) in found


def test_a_bracket_of_details_opens_a_clause_of_its_own() -> None:
    found = facts(
        "2024年总结。共组织27家企业申报高新技术企业，17家企业进入拟认定公示名单（第一批拟认定10家，第二批拟认定6家）。"
    )
    assert {f[3] for f in found if f[1] == "hte_new"} == {17.0, 10.0, 6.0}


def test_a_part_of_applications_still_at_the_application_stage_is_a_record() -> None:
    found = facts("2021年总结。组织30家企业申报2021年度第一批国家高新技术企业，其中17家企业通过审核推荐。")
    assert {f[3] for f in found if f[1] == "hte_applied"} == {30.0, 17.0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年总结。江西省科学技术厅公示了第二批拟入库科技型中小企业名单，我市天驰科技发展有限公司、"
         "水镜石科技有限公司等387家企业入选。", ("actual", "tsme_registered", "level", 387.0)),
        ("2023年总结。全市科技型中小企业入库工作推进有力，晋城市22家企业入库。",
         ("actual", "tsme_registered", "level", 22.0)),
        ("2021年总结。全国最新一批高新技术企业名单公示，我市1327家企业上榜。", ("actual", "hte_new", "level", 1327.0)),
    ],
)
def test_firms_named_or_placed_before_their_count_act_as_the_subject(text: str, expected: tuple[object, ...]) -> None:
    assert expected in {f[:4] for f in facts(text)}


def test_a_list_of_the_top_firms_is_no_count_of_them() -> None:
    text = "2022年总结。自治区发布高新技术企业百强榜单，钦州发电有限公司、天山电子有限公司等5家企业入选。"
    assert facts(text) == set()


def test_the_verb_leading_a_list_is_the_verb_of_every_item() -> None:
    found = {f[:4] for f in facts("2023年总结。全年新增科技型中小企业50家、高新技术企业10家。")}
    assert ("actual", "hte_new", "level", 10.0) in found
    found = {f[:4] for f in facts("2023年总结。全县拥有科技型中小企业150家、高新技术企业40家。")}
    assert ("actual", "hte_total", "level", 40.0) in found


def test_listed_measures_take_the_subject_the_first_names_and_no_item_lends_its_measure() -> None:
    found = facts("2023年总结。研发投入总量和强度分别位居全市第2位和第3位。")
    assert found == {
        ("ranking", "rd_expenditure", "level", None, 2, "全市"),
        ("ranking", "rd_intensity", "level", None, 3, "全市"),
    }
    found = facts("2023年总结。高新技术产业增加值增速、研发投入强度两项指标均居全市第一位。")
    assert ("ranking", "rd_intensity", "level", None, 1, "全市") in found
    assert ("ranking", "other:高新技术产业增加值", "yoy_growth", None, 1, "全市") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019年总结。我市高新技术企业总数有望达到121家，首次突破100家。", {("target", "hte_total", "level", 121.0)}),
        ("2020年新闻。2020年该省R&D经费增长目标14%以上。", {("target", "rd_expenditure", "yoy_growth", 14.0)}),
        ("2020年新闻。此外，该省还将新增高新技术企业4000家。", {("target", "hte_new", "level", 4000.0)}),
        ("2019年总结。我市推荐47家高新技术企业，其中38家被国家认定为高新技术企业。",
         {("actual", "hte_applied", "level", 47.0), ("actual", "hte_new", "level", 38.0)}),
        ("2019年总结。万人从业人员技术合同成交额为472.67万元。", set()),
    ],
)
def test_expected_and_announced_goals_milestones_passed_parts_and_densities(
    text: str, expected: set[tuple[object, ...]]
) -> None:
    assert {f[:4] for f in facts(text)} == expected


def test_a_lead_over_another_figure_leaves_the_ranked_growth_alone() -> None:
    found = facts("2019年总结。高新技术产业增加值增长14.8%，高于全省平均增速1.6个百分点，居全省第9位。")
    assert {f[2] for f in found if f[0] == "ranking"} == {"yoy_growth"}


def test_a_position_restated_in_headline_and_body_is_one_ranking() -> None:
    text = (
        "贵阳高新区综合评价排名升至全国第37位\n"
        "本报讯，贵阳高新区综合评价排名升至全国第37位，其中“综合质效和持续创新力”单项排名第25位。"
    )
    found = facts(text)
    assert sorted(f[4] for f in found if f[0] == "ranking") == [25, 37]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023年回顾。有效期内高企总数将达1850家。", {("target", "hte_total", "level", 1850.0)}),
        ("2022年总结。大学科技园累计落地企业534家。", set()),
        ("2015年新闻。鹿泉区8家企业被评为高新技术企业。", {("actual", "hte_new", "level", 8.0)}),
    ],
)
def test_将达_goals_firms_in_parks_and_firms_named_high_tech(text: str, expected: set[tuple[object, ...]]) -> None:
    assert {f[:4] for f in facts(text)} == expected


def test_growths_of_a_subject_named_without_a_figure_take_its_cues() -> None:
    found = facts("2023年新闻。全区高新技术企业培育工作中，认定通过率(89.1%)、认定数增速(51.6%)以及总量增速(26.7%)。")
    assert ("actual", "hte_new", "yoy_growth", 51.6, None, None) in found
    assert ("actual", "hte_total", "yoy_growth", 26.7, None, None) in found


def test_a_lowercase_gdp_is_the_acronym() -> None:
    assert ("actual", "rd_intensity", "level", 2.41, None, None) in facts("2016年总结。全社会研发投入占gdp比重2.41%。")


def test_the_rd_intensity_of_large_firms_is_no_rd_intensity() -> None:
    assert not any(f[1] == "rd_intensity" for f in facts("2023年总结。全县规上工业企业R&D强度达0.9%。"))


def test_firms_per_thousand_registered_firms_is_a_density() -> None:
    found = facts("2019年工作计划。力争2019年千家工商注册企业中高新技术企业数量不少于5.67家。")
    assert [f[1].startswith("other:") for f in found if f[0] == "target"] == [True]


def test_a_count_of_firms_whose_unit_the_page_dropped_is_still_a_count() -> None:
    assert ("actual", "hte_total", "level", 38.0, None, None) in facts("2022年总结。全市国家高新技术企业达到38。")


def test_a_year_after_firms_is_no_count() -> None:
    assert not any(f[3] == 2023.0 for f in facts("2023年总结。关于表彰优秀企业2023。"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年总结。全县获批中央引导地方科技发展专项4项。", ("actual", "projects_provincial", "level", 4.0)),
        ("2018年总结。我市获省重大科技创新专项2项。", ("actual", "projects_provincial", "level", 2.0)),
        ("2022年总结。获批兵团科技计划项目11项。", ("actual", "projects_provincial", "level", 11.0)),
        ("2022年总结。实施师市科技计划项目31项。", ("actual", "projects_municipal", "level", 31.0)),
    ],
)
def test_programme_names_of_projects_won_above(text: str, expected: tuple[object, ...]) -> None:
    """A national programme (中央引导地方科技发展专项), a 重大科技…专项 and the 兵团 / 师市 plans."""
    assert expected in {fact[:4] for fact in facts(text)}


@pytest.mark.parametrize("text", ["2020年总结。全市上市高新技术企业17家。",
                                  "2020年总结。8家高新技术企业获批在科创板上市。"])
def test_listed_high_tech_firms_are_a_subset_not_the_count(text: str) -> None:
    assert facts(text) == set()


def test_a_pool_of_firms_to_be_listed_does_not_veto_the_count_beside_it() -> None:
    text = "2023年计划。新增高新技术企业5家、新增省级上市后备企业1家。"
    assert ("target", "hte_new", "level", 5.0) in {fact[:4] for fact in facts(text)}


@pytest.mark.parametrize("text", ["2021年总结。首批企业获得省级奖补资金1580万元。",
                                  "2017年总结。全年落实省级奖补资金3786万元。"])
def test_awards_paid_out_to_firms_are_no_funds_secured(text: str) -> None:
    assert facts(text) == set()


def test_funds_secured_for_awards_are_still_funds_secured() -> None:
    assert ("actual", "funding_secured", "level", 438.0) in {
        fact[:4] for fact in facts("2024年总结。争取企业研发投入奖励资金438万元。")}


def test_firms_admitted_to_another_list_do_not_carry_the_subject() -> None:
    text = ("2023年1-5月份，全市5100家企业通过科技型中小企业评价入库；"
            "806家企业通过天津市雏鹰企业评价入库；70家企业通过天津市瞪羚企业评价入库。")
    assert {fact[3] for fact in facts(text)} == {5100.0}


@pytest.mark.parametrize("text", [
    "2023年总结。主要创新指标全市领先，其中高新技术企业总量突破1500家，科技型中小企业超3500家。",
    "2023年总结。拥有国家火炬特色产业基地6个，主要创新指标全市领先，其中高新技术企业总量突破1500家，"
    "科技型中小企业超3500家。",
])
def test_a_qi_zhong_after_a_clause_without_a_count_lists_figures_of_their_own(text: str) -> None:
    """§5: a figure after 其中 is a record of its own, never dropped for standing after 其中."""
    assert {fact[1] for fact in facts(text)} >= {"hte_total", "tsme_registered"}


def test_a_qi_zhong_part_of_the_count_just_before_is_still_its_part() -> None:
    text = "2023年总结。全市高新技术企业达到500家，其中新认定120家。"
    assert {fact[:4] for fact in facts(text)} == {("actual", "hte_total", "level", 500.0),
                                                 ("actual", "hte_new", "level", 120.0)}


@pytest.mark.parametrize(("text", "value"), [
    ("2023年总结。全区有市级工程(技术)研究中心7个。", 7.0),
    ("2023年总结。全区有市级企业科技研究开发机构35个。", 35.0),
    ("2024年总结。新引建高能级科创平台5家，累计达32家。", 32.0),
])
def test_platform_names_in_their_other_forms(text: str, value: float) -> None:
    assert ("actual", "platforms", "level", value) in {fact[:4] for fact in facts(text)}


def test_firms_successfully_cultivated_are_the_stock_not_a_pool() -> None:
    assert ("actual", "hte_total", "level", 15.0) in {
        fact[:4] for fact in facts("2022年总结。全县成功培育国家高新技术企业15家。")}


def test_money_in_wan_without_yuan_is_still_money() -> None:
    """INDICATORS.md §5: 产值35.2亿 and 投入3500万 are money."""
    got = {fact[:4] for fact in facts("2023年总结。全县研发经费投入3500万，同比增长10%。")}
    assert {("actual", "rd_expenditure", "level", 3500.0), ("actual", "rd_expenditure", "yoy_growth", 10.0)} <= got


def test_a_rounded_headline_of_a_body_figure_is_one_record() -> None:
    """Corpus decision 12: 上半年…产值46亿元 over 1-6月…产值46.34亿元 is the body's figure only."""
    text = ("上半年高新技术产业实现产值46亿元\n"
            "2016年1-6月，全县实现高新技术产值46.34亿元，同比增长12%。\n")
    assert {fact[:4] for fact in facts(text) if fact[2] == "level"} == {
        ("actual", "ht_output_value", "level", 463400.0)}


def test_two_close_figures_of_different_years_both_stay() -> None:
    text = "2023年总结。全市高新技术企业由2022年的1000家增加到2023年的1012家。"
    assert ("actual", "hte_total", "level", 1012.0) in {fact[:4] for fact in facts(text)}


def test_the_year_named_after_a_span_of_years_is_the_figures_own() -> None:
    """2022年至2024年累计…（no record），其中2024年…19个，16个…: the later figures are 2024's."""
    text = ("2024年总结。2022年至2024年累计获自治区级科技项目立项33个、市级立项30个，"
            "其中2024年辖区企业参与自治区科技项目通过立项19个，16个市级科技项目获得立项。")
    got = {fact[:4] for fact in facts(text)}
    assert {("actual", "projects_provincial", "level", 19.0), ("actual", "projects_municipal", "level", 16.0)} <= got
    assert ("actual", "projects_provincial", "level", 33.0) not in got


def test_the_certified_firms_counted_so_far_are_the_stock() -> None:
    assert ("actual", "hte_total", "level", 1900.0) in {
        fact[:4] for fact in facts("2017年总结。截至目前，全省经认定的高新技术企业共1900家。")}


@pytest.mark.parametrize("text", ["2016年总结。全区共有国际研发机构150家。", "2016年总结。全区有外资研发中心5个。"])
def test_foreign_firms_own_research_centres_are_no_platforms(text: str) -> None:
    assert facts(text) == set()


def test_counted_firms_of_a_size_act_like_counted_firms() -> None:
    assert ("actual", "hte_applied", "level", 36.0) in {
        fact[:4] for fact in facts("2021年总结。全年推荐36户规模以上工业企业申报认定为高新技术企业。")}


def test_a_joint_count_with_a_bracketed_gloss_is_a_count_of_neither() -> None:
    text = "2018年工作要点。力争技术创新中心（工程技术研究中心）和科技企业孵化器达到260个。"
    got = facts(text)
    assert [fact[0] for fact in got] == ["target"]
    assert all(fact[1].startswith("other:") for fact in got)


@pytest.mark.parametrize("text", ["2024年计划。新增国家级平台载体3个以上。", "2024年计划。新增创新平台载体5个。"])
def test_platform_and_incubator_carriers_together_are_no_platforms(text: str) -> None:
    """平台载体 covers platforms and incubators alike: an other: goal."""
    got = facts(text)
    assert got
    assert all(fact[1].startswith("other:") for fact in got)


def test_the_certified_firms_of_the_subject_carry_it() -> None:
    got = {fact[:4] for fact in facts("2016年计划。力争申报高新技术企业35家，通过认定的企业达到25家。")}
    assert ("target", "hte_new", "level", 25.0) in got


def test_first_time_certifications_inside_a_count_are_a_qualified_subset() -> None:
    got = {fact[:4] for fact in facts("2017年总结。全市有37户企业通过高新技术企业认定，其中首次通过认定的企业20户。")}
    assert ("actual", "hte_new", "level", 20.0) not in got
    assert ("actual", "hte_new", "level", 37.0) in got


def test_a_share_written_as_a_fraction_is_its_percentage() -> None:
    got = {fact[3] for fact in facts("2024年计划。力争规模工业应税销售占全市1/8，新开企业数占全市1/3。")}
    assert got == {12.5, 33.33}


def test_a_date_written_with_a_slash_is_no_share() -> None:
    assert normalise("2024/1/8召开会议") == "2024/1/8召开会议"


def test_dollars_keep_their_own_unit() -> None:
    from alerts.labels import format_value

    got = [r for r in extract_indicators("2024年计划。力争实际利用外资1亿美元。").records]
    assert [(r.value, r.unit) for r in got] == [(10000.0, "万美元")]
    assert format_value(10000.0, "万美元") == "1亿美元"


def test_radicals_from_pdf_fonts_read_as_the_characters_they_look_like() -> None:
    """⼯⾼⽐⻓⼊: Kangxi and simplified radicals that embedded PDF fonts give for 工高比长入."""
    got = {fact[:4] for fact in facts("2023年总结。全市⾼新技术企业达到120家，⽐上年增⻓10%。")}
    assert {("actual", "hte_total", "level", 120.0), ("actual", "hte_total", "yoy_growth", 10.0)} <= got
