"""Measures: level, yoy_growth (%), change (pp or absolute, 净增), completion; carried subjects."""

from __future__ import annotations

from parsing.extract import extract_indicators


def facts(text: str) -> set[tuple[str, str, str, float | None, str | None]]:
    return {(r.kind, r.metric, r.measure, r.value, r.unit) for r in extract_indicators(text).records}


def test_growth_after_a_level_takes_its_metric() -> None:
    got = facts("全区技术合同成交额达到41.3亿元，同比增长12.6%。")
    assert ("actual", "tech_contract_value", "level", 413000.0, "万元") in got
    assert ("actual", "tech_contract_value", "yoy_growth", 12.6, "%") in got


def test_decline_is_negative_growth() -> None:
    assert ("actual", "rd_expenditure", "yoy_growth", -3.2, "%") in facts("全市研发经费投入同比下降3.2%。")


def test_percentage_points_are_a_change() -> None:
    got = facts("高新技术产业产值占规模以上工业产值比重为47.9%，较上年提高1.6个百分点。")
    assert ("actual", "ht_output_share", "level", 47.9, "%") in got
    assert ("actual", "ht_output_share", "change", 1.6, "pp") in got


def test_points_after_growth_wording_are_still_a_change() -> None:
    got = facts("研发经费投入占GDP比重为2.31%，同比增长0.12个百分点。")
    assert ("actual", "rd_intensity", "change", 0.12, "pp") in got


def test_absolute_change_against_last_year() -> None:
    got = facts("全县研发经费投入4.2亿元，比上年增加0.56亿元。")
    assert ("actual", "rd_expenditure", "change", 5600.0, "万元") in got


def test_net_increase_is_a_change_of_the_total() -> None:
    got = facts("全市有效高新技术企业达到865家，净增97家。")
    assert ("actual", "hte_total", "level", 865.0, "家") in got
    assert ("actual", "hte_total", "change", 97.0, "家") in got


def test_net_new_firms_are_a_change_of_the_total_too() -> None:
    assert facts("2019年，实现净新增国家高新技术企业302家。") == {("actual", "hte_total", "change", 302.0, "家")}


def test_completion_of_a_task() -> None:
    got = facts("科技型中小企业入库评价314家，完成年度任务的104.7%。")
    assert ("actual", "tsme_registered", "completion", 104.7, "%") in got


def test_completion_rate_wording() -> None:
    got = facts("组织申报高新技术企业65家，申报任务完成率108%。")
    assert ("actual", "hte_applied", "completion", 108.0, "%") in got


def test_a_goal_quoted_in_a_summary_is_a_target_plus_completion() -> None:
    got = facts("今年新认定高新技术企业122家，完成全年170家任务的71.8%。")
    assert ("target", "hte_new", "level", 170.0, "家") in got
    assert ("actual", "hte_new", "completion", 71.8, "%") in got


def test_a_goal_reported_as_met_is_no_target() -> None:
    got = facts("规上服务业营业收入同比增长9%，全面完成年初确定的5%增长目标。")
    assert not any(kind == "target" for kind, *_ in got)


def test_a_goal_reached_early_is_what_was_done() -> None:
    got = facts("全县研发经费投入强度在2023年提前达到1.8%的目标要求。")
    assert ("actual", "rd_intensity", "level", 1.8, "%") in got
    assert not any(kind == "target" for kind, *_ in got)


def test_a_named_goal_with_a_modifier_is_no_actual() -> None:
    got = facts("全区圆满完成技术合同成交额突破90亿元的指导性目标。")
    assert not any(value == 900000.0 for _, _, _, value, _ in got)


def test_bracketed_baseline_is_not_reported() -> None:
    got = facts("有研发活动企业占比达到58.2%，较上年（55.1%）提高3.1个百分点。")
    assert ("actual", "rd_active_share", "level", 55.1, "%") not in got
    assert ("actual", "rd_active_share", "change", 3.1, "pp") in got


def test_growth_of_an_unknown_subject_is_dropped() -> None:
    got = facts("高新技术产业纳统企业由300家增至352家，增长17.3%。")
    assert got == set()


def test_new_and_cumulative_levels_are_two_records() -> None:
    got = facts("新增省级科技成果登记12项，累计达到87项。")
    assert ("actual", "achievements_registered", "level", 12.0, "项") in got
    assert ("actual", "achievements_registered", "level", 87.0, "项") in got


def test_approximate_growth_rates_are_kept_and_marked() -> None:
    text = "2023年，技术合同成交额同比增长超过50%，研发投入增长约20%，争取上级资金超3亿元。"
    got = [(r.metric, r.measure, r.value, r.approx) for r in extract_indicators(text).records]
    assert got == [("tech_contract_value", "yoy_growth", 50.0, True), ("rd_expenditure", "yoy_growth", 20.0, True),
                   ("funding_secured", "level", 30000.0, True)]


def test_a_count_of_firms_after_qizhong_takes_the_list_named_before() -> None:
    got = facts("科技部公示了山东省2022年首批入库科技型中小企业名单，其中我市1017家企业，约占全省的五分之一。")
    assert ("actual", "tsme_registered", "level", 1017.0, "家") in got


def test_counted_firms_that_act_take_the_subject_named_before() -> None:
    got = facts(
        "全县高新技术企业申报工作成效明显，17家企业进入拟认定公示名单，"
        "其中第一批拟认定10家，第二批拟认定6家，第三批拟认定1家。"
    )
    for value in (17.0, 10.0, 6.0, 1.0):
        assert ("actual", "hte_new", "level", value, "家") in got


def test_passing_review_is_new_and_applying_for_recognition_is_applied() -> None:
    assert ("actual", "hte_new", "level", 70.0, "家") in facts("全年申报高新技术企业120家，共70家企业通过评审。")
    assert ("actual", "hte_applied", "level", 38.0, "家") in facts("国家高新技术企业申报认定 38 家。")


def test_bi_zeng_is_growth() -> None:
    assert ("actual", "rd_expenditure", "yoy_growth", 44.8, "%") in facts("2023年度地方研发投入比增44.8%。")
    assert ("actual", "rd_expenditure", "yoy_growth", -3.1, "%") in facts("研发投入同比降3.1%。")


def test_the_enterprises_share_of_rd_is_no_intensity() -> None:
    assert not facts("企业研发经费占比达到81.4%，企业研发投入占全社会研发投入总量88%以上。")


def test_the_end_of_a_span_reads_its_subject_before_the_start() -> None:
    got = facts("全市研发活动覆盖率从34.82%提高到59.95%、R&D人员占企业就业人员比重从6.02%提高到9.75%。")
    assert ("actual", "rd_active_share", "level", 59.95, "%") in got
    assert not any(value == 9.75 for *_, value, _ in got)


def test_a_growth_naming_its_own_subject_does_not_take_the_one_before() -> None:
    got = facts(
        "2024年，完成科技型中小企业入库818家，高新技术产业增加值增速达到7%，"
        "技术合同成交额35亿元、同比增长12%。"
    )
    assert ("actual", "tsme_registered", "yoy_growth", 7.0, "%") not in got
    assert ("actual", "tech_contract_value", "yoy_growth", 12.0, "%") in got
