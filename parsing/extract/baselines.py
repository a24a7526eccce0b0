"""Figures that are no figure of the year: a span's starting point, a prior-year value in
brackets, a gap to a wider area; and figures that name a goal (170家任务, 2.0%的目标).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from parsing.extract.clauses import QUOTED_GOAL, REACHED_GOAL
from parsing.extract.mentions import Mention

if TYPE_CHECKING:
    from parsing.extract.state import Figure

_BASELINE = re.compile(r"(?:较|比|上年|去年|同期)[^，]{0,8}（$")
_SPAN_VERB = re.compile(r"[，,]?[^，。；\d]{0,6}?(?:至|到|为)")  # 从…的0.28亿元，上升到…
# 由2014年的1.04万家 (and 由年的18家, where a page stripped its years) starts a span.
_SPAN_START = re.compile(r"[由从](?:\d{4}年(?:底|末)?|上年|去年|年初|年)?(?:的)?$")


# 比2020年的1037家实现翻番, 较上年的35家: the figure compared with, not the figure reported.
_COMPARED_WITH = re.compile(r"(?:比|较|相比|相较于?)(?:\d{4}年(?:底|末)?|上年|去年|上一年)(?:同期)?的$")


def span_start(text: str, mention: Mention) -> bool:
    return bool(
        _SPAN_START.search(text, max(0, mention.start - 10), mention.start) and _SPAN_VERB.match(text, mention.end)
    )


def is_baseline(text: str, mention: Mention) -> bool:
    """较上年度（48.42%）: a prior-year figure quoted in brackets; 从2020年的52家增长至117家:
    the start of a span, whose end is the figure reported."""
    if span_start(text, mention) or _COMPARED_WITH.search(text, max(0, mention.start - 12), mention.start):
        return True
    if mention.unit in ("pp", "%") and _AREA_GAP.search(text, max(0, mention.start - 16), mention.start):
        return True
    closes = text[mention.end : mention.end + 1] == "）"
    return closes and bool(_BASELINE.search(text[max(0, mention.start - 12) : mention.start]))


# 高于全市27.5个百分点 / 比全国平均水平高出11个百分点: a gap to a wider area, not a change.
_AREA_GAP = re.compile(
    r"(?:(?:高于|低于|高出|超出|超过|领先)(?:全国|全省|全市|全区|全县|平均|同期|同类)[^，。；\d]{0,8}"
    r"|(?:比|较)(?:全国|全省|全市|全区|全县)[^，。；\d]{0,8}?(?:高出|高|低|多|快))$"
)


def quoted_goal(text: str, figure: Figure, mentions: list[Mention]) -> Literal["target", "actual", ""] | None:
    """The kind of a figure that names a goal: "target" when a completion share follows
    (完成全年170家任务的71.8%), "actual" when the clause says it was reached (提前达到2.0%的
    目标), "" (no record) otherwise; None when no 任务/目标 follows the figure at all.
    """
    m = figure.mention
    if names_task(text, m) and _SHARE_AFTER.match(text, m.end):
        return "target"  # 完成市上下达任务20家的125%: the task quoted before its completion share
    if not QUOTED_GOAL.match(text[m.end : figure.clause[1]]):
        return None
    if any(other.start > m.end and other.start < figure.clause[1] and other.unit == "%" for other in mentions):
        return "target"
    # 全面完成…确定的3%增长目标: a goal reported as met is neither a target nor what was done.
    before = text[figure.clause[0] : m.start]
    if _AIMING.search(before):
        return "target"  # 为实现研发投入强度2.5%的目标: the goal aimed at
    if _GOAL_COMPLETED.search(before):
        return ""  # 超额完成了规划提出的…达1500家目标任务: the goal's content, reached or not
    return "actual" if REACHED_GOAL.search(before) else ""


_GOAL_COMPLETED = re.compile(r"完成了?[^，。；\d]{0,24}$")


def names_task(text: str, mention: Mention) -> bool:
    """Whether the figure is quoted as a task (完成市上下达任务20家…), so a share of it may follow."""
    return bool(_TASK_BEFORE.search(text, max(0, mention.start - 12), mention.start))


_TASK_BEFORE = re.compile(r"完成[^，。；\d]{0,10}?(?:任务|目标)(?:数)?$")
_SHARE_AFTER = re.compile(r"(?:以上)?的\d")
_AIMING = re.compile(r"(?:为了?|围绕|朝着|向着|对标|瞄准)(?:实现|达到|完成)|锚定"
                     r"|(?:提出|明确|确定|设定)了?(?:到)?\d{4}年")  # 提出了2020年…达450家的目标
