"""Rules that real reports of other provinces and levels need (own sentences)."""

from __future__ import annotations

import time

import pytest

from parsing.extract import extract_indicators
from parsing.extract.clauses import MAX_SENTENCE, bounded
from parsing.extract.textclean import normalise


def facts(text: str) -> set[tuple[str, str, str, float | None]]:
    return {(r.kind, r.metric, r.measure, r.value) for r in extract_indicators(text).records}


def rankings(text: str) -> list[tuple[str, int | None, str | None]]:
    return [(r.metric, r.rank, r.scope) for r in extract_indicators(text).records if r.kind == "ranking"]


@pytest.mark.parametrize(
    ("title", "bureau", "level"),
    [
        ("两江新区科技创新局2025年工作计划", "两江新区科技创新局", "zone"),
        ("江北新区科技创新局2024年工作总结", "江北新区科技创新局", "zone"),
        ("东湖新技术开发区科技创新局2023年工作总结", "东湖新技术开发区科技创新局", "zone"),
        ("长沙高新技术产业开发区管委会科技局2023年工作总结", "长沙高新技术产业开发区管委会科技局", "zone"),
        ("上海市浦东新区科技和经济委员会2023年工作总结", "上海市浦东新区科技和经济委员会", "zone"),
        ("关于印发江北新区科技局2024年工作要点的通知", "江北新区科技局", "zone"),
        ("义乌市科学技术局2023年工作总结", "义乌市科学技术局", "county"),
        ("广东省科学技术厅2023年工作总结", "广东省科学技术厅", "province"),
    ],
)
def test_zones_without_a_known_place_and_other_organs(title: str, bureau: str, level: str) -> None:
    header = extract_indicators(title + "\n全年新增高新技术企业12家。").header
    assert (header.bureau, header.level) == (bureau, level)


def test_a_long_preamble_in_running_text_is_no_zone_name() -> None:
    text = "根据上级部门关于推进创新发展的新区科技局工作部署，我县新增高新技术企业9家。"
    assert extract_indicators(text).header.bureau is None


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("全市高新技术企业总数达到856家，数量位居全省县级市首位。", "全省县级市"),
        ("全区技术合同成交额12亿元，位居苏州各县市区前列。", "苏州各县市区"),
        ("全县技术合同成交额3亿元，位居各县区第一。", "各县区"),
    ],
)
def test_scopes_as_written(sentence: str, scope: str) -> None:
    assert [s for _, _, s in rankings(sentence)] == [scope]


def test_a_quantity_word_before_the_position_ranks_the_segments_metric() -> None:
    assert rankings("全市高新技术企业总数达到856家，数量位居全省县级市首位。") == [("hte_total", 1, "全省县级市")]


def test_an_alias_after_a_list_mark_belongs_to_the_next_figure() -> None:
    got = facts("全年新增省级工程技术研究中心18家、省级众创空间7家。")
    assert got == {("actual", "platforms", "level", 18.0), ("actual", "incubators", "level", 7.0)}


def test_a_yearless_sub_heading_keeps_the_plan_year() -> None:
    text = (
        "2026年工作目标和重点任务\n（一）主要目标\n力争新增高新技术企业50家。\n"
        "（二）重点任务\n全年新增科技型中小企业入库300家以上。"
    )
    years = {r.year for r in extract_indicators(text).records if r.kind == "target"}
    assert years == {2026}


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("一.加强组织领导", "一、加强组织领导"),
        ("十二.其他工作", "十二、其他工作"),
        ("增长 12 %，达到 3. 5亿元", "增长12%，达到3.5亿元"),
        ("R & D 经费", "R & D经费"),
        ("a  b c", "a b c"),
    ],
)
def test_normalise_heading_numbers_and_spaces(raw: str, clean: str) -> None:
    assert normalise(raw) == clean


@pytest.mark.parametrize(
    "unit_of_text",
    [
        "企业{i}研发投入{i}万元 高新技术企业{i}家 技术合同{i}项 增长{i}.5% 排名全市第{j}位\n",
        "全市高新技术企业达到{i}家，技术合同成交额{i}亿元，同比增长{j}%，排名全省第{j}位，",
        "全区新增高新技术企业XX家，技术合同登记额X.X亿元，列全市第X位。\n",
    ],
)
def test_text_without_full_stops_costs_linear_time(unit_of_text: str) -> None:
    """A table, a run-on text or a redacted report is no quadratic case: 4x the text may
    not cost 8x the time."""

    def seconds(lines: int) -> float:
        """Best of two runs: a shared CI machine adds pauses, never speed."""
        text = "".join(unit_of_text.format(i=i, j=i % 9 + 1) for i in range(lines))
        runs = []
        for _ in range(2):
            start = time.process_time()
            extract_indicators(text)
            runs.append(time.process_time() - start)
        return min(runs)

    small, large = seconds(300), seconds(1200)
    assert large < 8 * max(small, 0.01)


def test_overlong_sentences_are_cut_after_clause_marks_and_lose_nothing() -> None:
    sentence = "全市新增高新技术企业12家，" * 200 + "x" * 1500
    pieces = bounded(sentence)
    assert "".join(pieces) == sentence
    assert max(len(p) for p in pieces) <= MAX_SENTENCE
    assert all(p.endswith("，") for p in pieces[:-3])
