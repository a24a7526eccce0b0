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
