from __future__ import annotations

import pytest

from spiders.classify import is_report_title


@pytest.mark.parametrize(
    "title",
    [
        "临川市科学技术局2023年工作总结和2024年工作要点",
        "青禾县科技局2024年工作总结及2025年工作计划",
        "关于印发《2023年全市科技工作总结》和《2024年全市科技工作要点》的通知",
        "2024年上半年工作总结",
        "市科技局2024年度工作报告",
        "区科技局2025年工作思路",
    ],
)
def test_reports_are_recognised(title: str) -> None:
    assert is_report_title(title)


@pytest.mark.parametrize(
    "title",
    [
        "关于报送2024年度科技工作总结的通知",
        "2023年度科技工作先进集体表彰名单",
        "省级科技计划项目验收总结会召开",
        "临川市科学技术局2023年政府信息公开工作年度报告",
        "《2024年全市科技工作要点》政策解读",
        "2024年度双随机抽查工作计划",
        "2023年部门决算公开",
        "2024年科技项目申报指南",
        "科技型中小企业评价工作动态",
        "",
    ],
)
def test_near_misses_are_skipped(title: str) -> None:
    assert not is_report_title(title)
