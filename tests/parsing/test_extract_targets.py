"""Targets: goal cues in summaries, every goal in plan sections, the plan year, non-goals."""

from __future__ import annotations

import pytest

from parsing.extract import extract_indicators


def targets(text: str) -> set[tuple[str, float | None, bool, int | None]]:
    return {
        (r.metric, r.value, r.approx, r.year)
        for r in extract_indicators(text).records
        if r.kind == "target"
    }


def kinds(text: str) -> list[str]:
    return [r.kind for r in extract_indicators(text).records]


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年，全县力争新增高新技术企业30家。",
        "2023年，全县确保新增高新技术企业30家。",
        "2023年全县科技工作的目标是：新增高新技术企业30家。",
        "2023年，全县计划到年底新增高新技术企业30家。",
        "2023年，全县预计新增高新技术企业30家。",
    ],
)
def test_goal_cues_in_a_summary(sentence: str) -> None:
    assert targets(sentence) == {("hte_new", 30.0, False, 2023)}


def test_goal_cue_governs_the_rest_of_the_sentence() -> None:
    got = targets("2022年工作总结\n明年力争新增高新技术企业8家，科技型中小企业入库60家。")
    assert {m for m, *_ in got} == {"hte_new", "tsme_registered"}


def test_plain_summary_figures_are_actuals() -> None:
    assert kinds("2023年工作总结\n全年争取上级科技资金1860万元。") == ["actual"]


def test_main_goals_paragraph_with_year() -> None:
    text = (
        "2025年全区科技工作的主要目标是：全社会研发经费投入占GDP比重达到2.8%，"
        "高新技术企业总数达到420家，技术合同成交额突破25亿元。"
    )
    assert targets(text) == {
        ("rd_intensity", 2.8, False, 2025), ("hte_total", 420.0, False, 2025),
        ("tech_contract_value", 250000.0, False, 2025),
    }


@pytest.mark.parametrize(
    ("heading", "year"),
    [
        ("三、2025年工作计划", 2025), ("二、下一步工作打算", 2025),
        ("三、下半年工作计划", 2024), ("2025年工作要点", 2025),
    ],
)
def test_plan_sections_make_goals_targets_with_the_heading_year(heading: str, year: int) -> None:
    text = (
        f"2024年工作总结\n一、主要工作完成情况\n全年新认定高新技术企业40家。\n"
        f"{heading}\n新认定高新技术企业50家以上。"
    )
    got = extract_indicators(text).records
    assert [(r.kind, r.value, r.year) for r in got] == [("actual", 40.0, 2024), ("target", 50.0, year)]


def test_plan_numbers_that_are_no_goals_are_skipped() -> None:
    text = (
        "三、2025年工作计划\n聚焦新材料、高端装备等8条产业链，依托3个创新联合体，"
        "推动营业收入5000万元以上的企业研发机构全覆盖，在平台、人才、企业等4个方面持续突破。"
    )
    assert extract_indicators(text).records == []


def test_past_figures_inside_a_plan_section_stay_actuals() -> None:
    text = "三、2025年工作计划\n截至2024年底，全县高新技术企业达到96家，2025年力争突破110家。"
    got = [(r.kind, r.value, r.year) for r in extract_indicators(text).records]
    assert got == [("actual", 96.0, 2024), ("target", 110.0, 2025)]


def test_non_core_goal_gets_an_other_metric() -> None:
    got = targets("三、2025年工作计划\n全年选派科技副总40人次，举办产学研对接活动不少于12场。")
    assert {(m.startswith("other:"), v) for m, v, _, _ in got} == {(True, 40.0), (True, 12.0)}


def test_application_goals_are_not_core_counts() -> None:
    got = targets("三、2025年工作计划\n力争申报省级以上科技项目20项以上，申报省级众创空间2家。")
    assert {m.startswith("other:") for m, *_ in got} == {True}
    assert {v for _, v, _, _ in got} == {20.0, 2.0}


def test_respectively_pairs_subjects_with_values_in_order() -> None:
    got = targets("2025年工作要点\n力争高新技术企业和科技型中小企业分别达到900家、1500家。")
    assert got == {("hte_total", 900.0, False, 2025), ("tsme_registered", 1500.0, False, 2025)}


def test_a_target_repeated_in_two_sections_is_one_record() -> None:
    text = (
        "2025年工作要点\n2025年主要目标是：高新技术企业总量达到1200家。\n"
        "一、壮大创新主体\n实施倍增计划，力争高新技术企业总量达到1200家。"
    )
    assert targets(text) == {("hte_total", 1200.0, False, 2025)}


def test_redacted_goals_give_nothing() -> None:
    text = "三、下一步工作计划\n2025年确保新增市级以上创新平台不低于X家，高企认定通过XX家以上。"
    assert extract_indicators(text).records == []


def test_a_plan_states_goals_without_a_verb_but_an_unnamed_figure_needs_one() -> None:
    text = ("某县科技局2023年工作总结\n一、工作成效\n技术合同成交额5亿元。\n二、2024年工作计划\n"
            "技术合同成交额6亿元。全年科技成果转化贷款2亿元。科技特派员120人。举办培训班12期。\n")
    got = [(r.kind, r.metric, r.value, r.year) for r in extract_indicators(text).records]
    assert got == [("actual", "tech_contract_value", 50000.0, 2023), ("target", "tech_contract_value", 60000.0, 2024),
                   ("target", "tech_loans", 20000.0, 2024), ("target", "sci_commissioners", 120.0, 2024)]


def test_the_end_of_a_five_year_plan_is_the_target_year() -> None:
    text = ("某县科技局2023年工作总结\n三、下一步工作\n"
            "到“十四五”末，全县高新技术企业达到80家。“十四五”期间，累计新增省级以上研发平台20家。\n")
    got = {(metric if metric.startswith(("hte", "platforms")) else "other", value, approx, year)
           for metric, value, approx, year in targets(text)}
    # A sum over the plan's years is of no core metric (tests/corpus/wild/README.md decision 5).
    assert got == {("hte_total", 80.0, False, 2025), ("other", 20.0, False, 2025)}


def test_an_assigned_task_is_a_target_and_what_was_done_after_it_is_not() -> None:
    text = "2020年高新区工作总结。市下达至高新区高新技术企业指标任务为35家，全年完成42家。"
    records = extract_indicators(text).records
    kinds = {(r.kind, r.value) for r in records}
    assert ("target", 35.0) in kinds
    assert ("target", 42.0) not in kinds


def test_a_rise_that_is_to_be_made_is_a_goal() -> None:
    assert targets("2023年，全县高新技术企业要由上年的20家增加至30家。") == {("hte_total", 30.0, False, 2023)}


def test_a_plan_to_select_commissioners_is_a_goal() -> None:
    assert targets("2025年，全年计划选聘企业科技特派员超过4000人。") == {("sci_commissioners", 4000.0, True, 2025)}


def test_a_goal_of_growth_over_five_years_is_no_record() -> None:
    found = targets("预计到2020年，全市高新技术企业达350家，比2015年增长127%。")
    assert found == {("hte_total", 350.0, False, 2020)}


def test_a_goal_of_average_growth_stays_a_goal_of_no_core_metric() -> None:
    found = targets("力争到2023年，全社会研发经费年均增长34%。")
    assert [metric.startswith("other:") for metric, *_ in found] == [True]


def test_a_place_that_will_act_sets_the_goals_of_its_sentence() -> None:
    """绵阳将支持…，全年新增…以上: 将 before a verb of action is a goal cue."""
    text = "2016年，绵阳将支持骨干企业建设重点实验室，全年新增国家级创新平台4家以上。"
    assert kinds(text) == ["target"]
    assert targets(text) == {("platforms", 4.0, True, 2016)}


def test_jiang_as_the_object_marker_sets_no_goal() -> None:
    assert kinds("2016年，我局将32家企业纳入高新技术企业培育库，全年新增高新技术企业12家。") == ["actual"]


def test_the_content_of_a_goal_reported_completed_is_no_record() -> None:
    """超额完成了规划提出的…达1500家目标任务 (corpus decision 11): only the 1679 is a record."""
    text = "2020年，全市高新技术企业总数达1679家，超额完成了规划提出的全市高新技术企业达1500家目标任务。"
    assert [(r.kind, r.value) for r in extract_indicators(text).records] == [("actual", 1679.0)]


def test_news_of_a_plan_met_is_read_as_a_summary() -> None:
    text = ("我市超额完成“十三五”科技创新规划目标\n"
            "2020年，全市新认定高新技术企业120家，技术合同成交额达到12亿元。\n")
    assert set(kinds(text)) == {"actual"}


def test_jiang_zai_opens_what_is_to_be_done() -> None:
    text = "2022年，全省将在科技创新引领产业上实现新突破，新增高新技术企业700家，新建省级科技创新平台60家。"
    assert set(kinds(text)) == {"target"}


def test_anchoring_a_goal_sets_it() -> None:
    text = "2025年，全区将坚持创新驱动，锚定地区生产总值突破800亿元、高新技术企业突破900家目标。"
    assert ("hte_total", 900.0) in {(metric, value) for metric, value, _, _ in targets(text)}


def test_preparing_to_launch_is_a_goal() -> None:
    assert kinds("2016年，近期准备推出创新事项21项。") == ["target"]
