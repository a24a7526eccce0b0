"""Metric mapping through the alias table: every core key, its look-alikes, and other: phrases."""

from __future__ import annotations

import pytest

from parsing.extract import extract_indicators
from parsing.extract.metrics import alias_table, build_table


def actuals(text: str) -> set[tuple[str, float | None]]:
    return {(r.metric, r.value) for r in extract_indicators(text).records if r.kind == "actual"}


@pytest.mark.parametrize(
    ("sentence", "metric", "value"),
    [
        ("全市有效期内高新技术企业总数达到1530家。", "hte_total", 1530.0),
        ("全年通过认定高新技术企业218家。", "hte_new", 218.0),
        ("组织推荐申报高新技术企业264家。", "hte_applied", 264.0),
        ("国家科技型中小企业评价入库417家。", "tsme_registered", 417.0),
        ("技术合同认定登记金额完成8.4亿元。", "tech_contract_value", 84000.0),
        ("全年完成技术合同认定登记186项。", "tech_contract_count", 186.0),
        ("全社会R&D经费投入达到21.6亿元。", "rd_expenditure", 216000.0),
        ("研究与试验发展经费投入强度达到2.72%。", "rd_intensity", 2.72),
        ("高新技术产业产值占规上工业产值比重达到55.3%。", "ht_output_share", 55.3),
        ("高新技术产业产值完成412.6亿元。", "ht_output_value", 4126000.0),
        ("全年争取上级各类科技资金5,620万元。", "funding_secured", 5620.0),
        ("获批省级重点研发计划项目7项。", "projects_provincial", 7.0),
        ("获批市级科技计划项目32项。", "projects_municipal", 32.0),
        ("新增省级新型研发机构4家。", "platforms", 4.0),
        ("新增省级科技企业孵化器3家。", "incubators", 3.0),
        ("6人入选省级重点人才工程。", "talents", 6.0),
        ("全年引进外国专家52人次。", "foreign_experts", 52.0),
        ("全县科技特派员达到146名。", "sci_commissioners", 146.0),
        ("完成科技成果登记58项。", "achievements_registered", 58.0),
        ("发放科技成果转化贷款6.8亿元。", "tech_loans", 68000.0),
        ("规上工业企业研发机构覆盖率达到52.4%。", "rd_institution_coverage", 52.4),
        ("规上工业企业中有研发活动企业占比为61.8%。", "rd_active_share", 61.8),
        ("全市有研发活动的规上企业占规上企业总数的44.44%。", "rd_active_share", 44.44),
        ("研发经费28.1亿元，经费投入强度为0.89%。", "rd_intensity", 0.89),
        ("登记省市级科技成果70项。", "achievements_registered", 70.0),
        ("获省厅立项支持项目70项。", "projects_provincial", 70.0),
        ("新增省级及以上创业孵化平台2个。", "incubators", 2.0),
        ("认定大学科技园4家。", "incubators", 4.0),
        ("新增省级校企共建研发中心7家。", "platforms", 7.0),
        ("开展“宁科贷”业务，在贷项目26项，贷款金额7130万元。", "tech_loans", 7130.0),
        ("中央引导地方科技发展资金提高至7300万元。", "funding_secured", 7300.0),
    ],
)
def test_core_metrics(sentence: str, metric: str, value: float) -> None:
    assert (metric, value) in actuals(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "技术市场交易额达到12.3亿元。",
        "财政科技支出占GDP比重达到0.4%。",
        "现有自治区科技型中小企业达204家。",
        "高新技术产业增加值占规上工业增加值比重为61.2%。",
        "企业研发费用占营业收入比重为3.4%。",
        "享受研发费用加计扣除额9.6亿元。",
        "市级准高企58家。",
        "33家实验室列入市重点实验室筹建计划。",
        "成功孵化科技型中小企业42家。",
        "全市高端外国专家项目人才库专家总数达到87人。",
        "3名人选被认定为市级人才。",
        "组织企业申报国家重点人才工程9人。",
        "累计参会企业超过110家。",
        "为43家高新技术企业、科技型中小企业等科创企业提供融资服务。",
    ],
)
def test_look_alikes_are_not_core_metrics(sentence: str) -> None:
    assert actuals(sentence) == set()


def test_sub_population_after_qizhong_is_left_out() -> None:
    got = actuals("高企申报累计上报材料47家，其中复审13家，新认定34家，申报任务完成率100%。")
    assert got == {("hte_applied", 47.0), ("hte_applied", 100.0)}


def test_listed_kinds_are_separate_records_not_a_sum() -> None:
    got = actuals("新获批省级众创空间5家和科技企业加速器2家。")
    assert got == {("incubators", 5.0), ("incubators", 2.0)}


def test_enumerated_count_is_not_the_listed_metric() -> None:
    assert actuals("研发投入、技术合同成交额等6项指标提前完成。") == set()


def test_per_item_values_listed_with_respectively_are_left_out() -> None:
    got = actuals("3家企业的科技成果转化贷款通过审批，金额分别为500万元、300万元、800万元。")
    assert got == set()


def test_alias_table_is_data_and_extends_without_code() -> None:
    table = build_table([{"units": ["家"], "default": "hte_total", "aliases": ["高新企业"]}])
    assert [h.family.default for h in table.hits("全市高新企业120家")] == ["hte_total"]
    assert alias_table().hits("高新技术企业")[0].family.default == "hte_total"


def test_the_next_item_of_a_list_takes_the_cue_the_list_began_with() -> None:
    text = "2023年，全县入选国家级重点人才工程12人，省级（重点）人才工程35名。"
    got = [(r.metric, r.value) for r in extract_indicators(text).records]
    assert got == [("talents", 12.0), ("talents", 35.0)]


def test_new_ones_reaching_a_number_are_new_ones() -> None:
    text = "2023年，新认定高新技术企业达到35家，全年通过认定的高新技术企业达到28家，净增高企20家。"
    got = [(r.metric, r.measure, r.value) for r in extract_indicators(text).records]
    assert got == [("hte_new", "level", 35.0), ("hte_new", "level", 28.0), ("hte_total", "change", 20.0)]


def test_other_shares_of_gdp_are_not_rd_intensity() -> None:
    text = "2023年，全市高新技术产业增加值占GDP比重达到18.6%，研发经费投入占GDP比重达到2.4%。"
    got = [(r.metric, r.value) for r in extract_indicators(text).records]
    assert got == [("rd_intensity", 2.4)]
