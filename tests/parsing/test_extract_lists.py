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
