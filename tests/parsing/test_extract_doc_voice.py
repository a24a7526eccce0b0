"""How a text without a usable title is read: its voice decides plan or report."""

from __future__ import annotations

from parsing.extract import extract_indicators

WORK_ITEMS = (
    "1、全力争取科技项目资金。全年争取上级科技项目资金300万元以上。\n"
    "2、积极打造科技创新平台，力争新增省级工程技术研究中心2家以上。\n"
    "3、做好高新技术企业培育，其中，高新技术企业新增5家以上，总量达到60家以上。\n"
    "4、做好科技特派员工作。\n"
)


def test_untitled_numbered_work_items_set_goals() -> None:
    result = extract_indicators(WORK_ITEMS)
    assert result.header.doc_types == ("points",)
    kinds = {(r.kind, r.metric, r.value) for r in result.records}
    assert ("target", "hte_new", 5.0) in kinds
    assert ("target", "hte_total", 60.0) in kinds
    assert all(r.kind == "target" for r in result.records)


def test_items_that_state_a_fact_done_are_no_plan() -> None:
    text = WORK_ITEMS + "5、今年以来，已新增高新技术企业3家，同比增长50%。\n"
    assert extract_indicators(text).header.doc_types != ("points",)


def test_a_plan_paragraph_reviewing_a_past_year_goes_on_reviewing_it() -> None:
    text = (
        "XX市2024年科技工作要点\n一、总体目标\n"
        "2023年，全市高新技术企业达到500家。技术合同成交额完成25亿元。\n"
        "2024年，力争高新技术企业达到600家。新增科技型中小企业200家。\n"
    )
    kinds = {(r.kind, r.metric, r.value, r.year) for r in extract_indicators(text).records}
    assert ("actual", "tech_contract_value", 250000.0, 2023) in kinds
    assert ("target", "tsme_registered", 200.0, 2024) in kinds


def test_a_reply_to_a_proposal_is_a_report_of_the_year_it_was_signed() -> None:
    text = (
        "关于市政协十届三次会议第125号提案的答复\n张委员：\n您提出的建议收悉，现答复如下：\n"
        "截至2023年底，全市有效高新技术企业达到1286家。2023年全市技术合同成交额达到152.6亿元。\n"
        "XX市科学技术局\n2024年5月20日\n"
    )
    header = extract_indicators(text).header
    assert header.doc_types == ("report",)
    assert header.report_year == 2024


def test_news_opening_on_an_issued_annual_plan_reads_as_the_plan() -> None:
    text = (
        "16日，省政府对外公布《关于下达2020年国民经济和社会发展计划的通知》。\n"
        "据了解，2019年全省研发经费支出预计达1648亿元。\n"
        "深入实施双倍增计划，新增高新技术企业4000家。\n"
    )
    kinds = {(r.kind, r.metric, r.value) for r in extract_indicators(text).records}
    assert ("target", "hte_new", 4000.0) in kinds


def test_a_policy_list_issued_is_no_plan_of_figures() -> None:
    text = "近年来，市科技局制定出台《促进科技成果转化改革方案》。\n2020年全市新增高新技术企业40家。\n"
    kinds = {(r.kind, r.metric, r.value) for r in extract_indicators(text).records}
    assert ("actual", "hte_new", 40.0) in kinds
