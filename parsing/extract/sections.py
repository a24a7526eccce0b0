"""Which paragraphs report results and which state plans.

Every figure in a 工作计划 / 工作要点 / 下一步 / 下半年 section that is phrased as
a goal is a target, so each paragraph is tagged with the mode of the section it
sits in and, for plans, the year the plan is for (from the heading, or relative
to the report year when the heading only says 下一步 / 下半年).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from parsing.extract.textclean import looks_like_heading

Mode = Literal["summary", "plan"]

_SUMMARY_HEADING = re.compile(
    r"总结(?!如下)|完成情况|工作情况|开展情况|进展情况|主要成效|主要成绩|工作成效|回顾|存在(?:的)?(?:主要)?问题|不足|"
    r"发展基础|发展现状|现实基础|基本情况|取得(?:的)?(?:成绩|成效|成就)"
)
_PLAN_HEADING = re.compile(
    r"工作计划|工作要点|工作打算|工作安排|工作思路|工作设想|下一步|下半年|明年|"
    r"\d{4}年(?:度)?(?:的)?(?:主要|重点)(?:目标|任务)|主要目标|重点任务|目标任务|(?:年度|总体|绩效)目标"
)
_HALF_YEAR = re.compile(r"下半年")
# …937份 超额完成目标任务: a headline reporting a goal met opens no plan.
_MET_GOAL = re.compile(r"(?:超额|提前|全面)?(?:完成|实现|达成)了?(?:全年|年度)?(?:目标任务|任务目标|目标|任务)")
# `(?<!\d\d\d)` after 19/20 is "no digit before the year"; placed there, the pattern
# starts with a literal and the engine skips ahead to the next 1 or 2.
YEAR = re.compile(r"((?:19|20)(?<!\d\d\d)\d{2})(?=\s?年)")


@dataclass(frozen=True, slots=True)
class Section:
    mode: Mode
    year: int | None
    same_year: bool

    def plan_year(self, report_year: int | None) -> int | None:
        """The year a plan section's goals are for."""
        if self.year is not None or report_year is None:
            return self.year
        return report_year if self.same_year else report_year + 1


SUMMARY = Section("summary", None, True)


def heading_section(paragraph: str) -> Section | None:
    """The section a heading opens, or None when the paragraph is no heading."""
    if not looks_like_heading(paragraph):
        return None
    if _SUMMARY_HEADING.search(paragraph) or _MET_GOAL.search(paragraph):
        return SUMMARY
    if not _PLAN_HEADING.search(paragraph):
        return None
    years = YEAR.findall(paragraph)
    year = int(years[-1]) if years else None
    return Section("plan", year, bool(_HALF_YEAR.search(paragraph)))


# A document that is only a plan (规划, 行动方案, 工作要点) states goals until a heading
# opens a review; its goals are for the year it is about.
PLAN_DOCUMENT = Section("plan", None, True)


# A progress table of assigned tasks (序号 | 任务目标 | 进展情况 …): in each row the first
# long cell, after the short ones (row number, 牵头单位, 进度), states the year's task and the
# long cells after it what was done.
_TASK_COLUMN = re.compile(
    r"(?:任务目标|目标任务|具体任务(?:与要求|内容)?|工作任务|重点任务|主要任务|任务内容|工作目标)\s*[|｜]?\s*"
)
_PROGRESS_COLUMN = re.compile(r"(?:进展情况|完成情况|推进情况|落实情况|工作进展|进度情况)")
_SHORT_CELL = 12
TASK_CELL = Section("plan", None, True)
# News of a work meeting: the paragraph of what the meeting asked for states the coming year's goals.
_MEETING_ASKS = re.compile(r"(?:会议|会上|大会)(?:要求|强调|提出|部署|明确)")
MEETING_GOALS = Section("plan", None, False)


def _task_table_start(paragraphs: list[str]) -> int | None:
    """Index of the first task-column header that a progress column follows within three cells."""
    return next((i for i, p in enumerate(paragraphs)
                 if _TASK_COLUMN.fullmatch(p.strip())
                 and any(_PROGRESS_COLUMN.match(q.strip()) for q in paragraphs[i + 1:i + 4])), None)


def tag_sections(paragraphs: list[str], start: Section = SUMMARY) -> list[Section]:
    """The section of every paragraph (headings belong to the section they open)."""
    current = start
    tagged: list[Section] = []
    table = _task_table_start(paragraphs)
    task_next = False
    for index, paragraph in enumerate(paragraphs):
        if table is not None and index > table:
            short = len(paragraph.strip(" |｜")) <= _SHORT_CELL
            if not short and task_next:
                tagged.append(TASK_CELL)
                task_next, current = False, SUMMARY
                continue
            task_next = short
        if current.mode == "summary" and _MEETING_ASKS.match(paragraph):
            tagged.append(MEETING_GOALS)  # 会议要求，要…新增众创空间100家以上: this paragraph sets goals
            continue
        opened = heading_section(paragraph)
        if opened is not None and opened.mode == "plan" and opened.year is None and current.mode == "plan":
            opened = current  # （二）重点任务 inside 2025年工作目标和重点任务 keeps its year
        current = opened or current
        tagged.append(current)
    return tagged
