"""Lists that share or pair values and places, each on an invented sentence."""

from __future__ import annotations

from parsing.extract import extract_indicators


def facts(text: str) -> set[tuple[object, ...]]:
    return {
        (r.kind, r.metric, r.measure, r.value, r.rank, r.scope)
        for r in extract_indicators(text).records
    }


def test_growths_listed_after_amounts_pair_back_in_order() -> None:
    found = facts("2022年总结。全年登记科技成果900项、技术合同3000项，技术合同成交额达到30亿元，"
                  "分别比2021年增长了41.5%、12.2%、16.8%。")
    assert ("actual", "achievements_registered", "yoy_growth", 41.5, None, None) in found
    assert ("actual", "tech_contract_count", "yoy_growth", 12.2, None, None) in found
    assert ("actual", "tech_contract_value", "yoy_growth", 16.8, None, None) in found


def test_a_growth_pairs_with_the_whole_and_not_the_part_after_its() -> None:
    found = facts("2016年总结。全市技术合同交易额15亿元，其中小微企业技术合同交易额达到9亿元，"
                  "分别比上年增长20.5%、31.5%。")
    assert ("actual", "tech_contract_value", "yoy_growth", 20.5, None, None) in found
    assert not any(f[3] == 31.5 for f in found)


def test_named_amounts_ranked_after_a_rate_rank_their_level() -> None:
    found = facts("2021年总结。建设项目300个，投资完成率达到150%，项目建设数和投资完成额均为全省第一。")
    ranked = {f[2] for f in found if f[0] == "ranking"}
    assert ranked == {"level"}


def test_a_region_after_a_position_is_a_further_scope() -> None:
    found = facts("2022年总结。有研发活动的规上工业企业占比达到38.5%，排名全国第9位、西北省区第2位。")
    assert ("ranking", "rd_active_share", "level", None, 2, "西北省区") in found


def test_a_river_belt_is_a_scope() -> None:
    found = facts("2022年总结。全社会研发经费增速居全国第7位、沿黄省区第2位。")
    assert any(f[0] == "ranking" and f[5] == "沿黄省区" and f[4] == 2 for f in found)


def test_a_sentence_opening_on_a_goal_verb_goes_on_with_the_goal_before_it() -> None:
    found = facts("2024年，我市将实施科技企业培育壮大工程。实现科技型中小企业入库2500家以上，"
                  "高新技术企业数量突破1800家。")
    assert ("target", "tsme_registered", "level", 2500.0, None, None) in found
    assert ("target", "hte_total", "level", 1800.0, None, None) in found


def test_a_sentence_of_done_facts_does_not_go_on_with_a_goal() -> None:
    found = facts("2024年，我市将实施科技企业培育工程。实现高新技术企业数量已达1500家。")
    assert not any(f[0] == "target" for f in found)


def test_a_tier_after_two_figures_ranks_both() -> None:
    found = facts("2025年总结。高新技术企业达1.1万家，科技型中小企业突破2万家，稳居全国第一方阵。")
    ranked = {f[1] for f in found if f[0] == "ranking"}
    assert ranked == {"hte_total", "tsme_registered"}


def test_a_subsidy_for_research_is_no_research_spending() -> None:
    found = facts("2021年总结。全县企业享受研发经费补助资金2100万元，研发投入奖补资金300万元。")
    assert not any(f[1] == "rd_expenditure" for f in found)


def test_firms_above_a_size_are_no_count_of_all_firms() -> None:
    found = facts("2023年总结。高新技术企业保有量达120家，超亿元工业高新技术企业35家。")
    assert ("actual", "hte_total", "level", 120.0, None, None) in found
    assert not any(f[3] == 35.0 and f[1] == "hte_total" for f in found)


def test_a_numeral_inside_a_quoted_slogan_counts_nothing() -> None:
    found = facts("2023年总结。深入实施“六个倍增、三个突破”行动，高新技术企业达到500家。")
    assert found == {("actual", "hte_total", "level", 500.0, None, None)}


def test_a_plan_stating_its_indicators_sets_goals() -> None:
    found = facts("2023年，规划提出了主要指标，研发经费投入强度达到2.5%，高新技术企业达到800家。")
    assert ("target", "rd_intensity", "level", 2.5, None, None) in found
    assert ("target", "hte_total", "level", 800.0, None, None) in found


def test_a_sum_over_years_is_no_yearly_fact() -> None:
    found = facts("2023年总结。近三年累计新增高新技术企业120家，研发经费年均增长15%。")
    assert found == set()


def test_a_yearly_average_goal_is_kept_outside_the_core_metrics() -> None:
    found = facts("2024年工作要点。到2025年，研发经费年均增长12%，高新技术企业达到900家。")
    assert ("target", "hte_total", "level", 900.0, None, None) in found
    goals = [f for f in found if f[3] == 12.0]
    assert len(goals) == 1
    assert str(goals[0][1]).startswith("other:")
