"""Which year a report is about: the title's year, the meeting a news item reports,
the year the text talks about most, or its publication date.

A summary-plus-plan document is about the year summarised; a January work meeting
reviews the year before; a plan for a period (2024—2028年) is about its first year.
"""

from __future__ import annotations

import re
from collections import Counter

from parsing.extract.doctypes import is_reply
from parsing.extract.sections import YEAR, Section
from parsing.extract.textclean import METADATA

TITLE_LINES = 8
_PUBLISHED = re.compile(
    r"(?:(?:时间|日期)\s*[：|]\s*|^)((?:19|20)\d{2})[-/.年](\d{1,2})(?:[-/.月]\d{1,2}日?(?:\s+[\d:]+)?$)?"
)
# Any full date near the top (上传时间:2018-07-17, 16.07.2023) when no field names one.
_ANY_DATE = re.compile(
    r"(?P<y1>(?:19|20)\d{2})[-/.](?P<m1>\d{1,2})[-/.]\d{1,2}|\d{1,2}\.(?P<m2>\d{1,2})\.(?P<y2>(?:19|20)\d{2})"
)
# A plan for a period (三年行动计划（2024—2028年）) is about the period's first year.
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年?\s*[—－\-–~～至到]+\s*(?:19|20)\d{2}\s*年")
_BARE_YEAR = re.compile(r"(?<![\d.])(20[0-3]\d)(?![\d.]|\s?(?:家|项|个|人|万|亿|元|件|户|名|余|多|%|平方|吨))")
_BARE_DATE = re.compile(r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+[\d:]+)?$")
# A work meeting held in one year reviews the year before (2025年全区科技工作会).
_MEETING_YEAR = re.compile(r"((?:19|20)\d{2})年[^，。；\d]{0,14}?科技[^，。；\d]{0,8}?工作(?:会议|会|大会)")
# Years a figure is compared with or counted from are not the year reported on.
_COMPARED = ("比", "较", "是", "从", "由", "自", "与")
_PART_YEAR = re.compile(r"半年|季度|\d{1,2}月")
# The year and its kind in one name: not across a bracket or title mark (行动计划（2024—2025年）》《…行动计划).
_SUMMARY_YEAR = re.compile(r"((?:19|20)\d{2})年(?:度)?[^，。\d）)》《]{0,16}?(?:总结|报告|工作情况|述职)")
_PLAN_YEAR = re.compile(r"((?:19|20)\d{2})年(?:度)?[^，。\d）)》《]{0,16}?(?:计划|要点|打算|思路)")
_HORIZON = ("到", "至", "力争", "计划", "争取")
_DASHES = ("-", "—", "－", "–", "~", "～")  # 2021-2023年: a period's end year


_SIGNED = re.compile(r"^((?:19|20)\d{2})年\d{1,2}月\d{1,2}日$|(?:成文|发文)日期\s*[\]】：:]?\s*((?:19|20)\d{2})")
_REPLY_LINES = 24


def reply_year(paragraphs: list[str]) -> int | None:
    """The year a reply to a proposal was signed or filed, when the text is one."""
    if not is_reply(paragraphs[:_REPLY_LINES]):
        return None
    for paragraph in [*paragraphs[:_REPLY_LINES], *paragraphs[-6:]]:
        signed = _SIGNED.search(paragraph.strip())
        if signed:
            return int(signed.group(1) or signed.group(2))
    return None


def report_year(title: str, paragraphs: list[str], sections: list[Section], types: tuple[str, ...]) -> int | None:
    """The summarised year: from the title, the work meeting a news item reports on,
    else the year the text talks about most (a reply: the year it was made)."""
    replied = reply_year(paragraphs)
    if replied is not None:
        return replied
    meeting = _MEETING_YEAR.search(title)
    if meeting:  # 在2016年天津市科技工作会议上的报告: a meeting's report, not a 2016 summary
        return _meeting_about(int(meeting.group(1)), paragraphs)
    for pattern in (_SUMMARY_YEAR, _PLAN_YEAR, _PERIOD):
        match = pattern.search(title)
        if match:
            return int(match.group(1))
    if types == ("report",):
        for paragraph in paragraphs[:TITLE_LINES]:
            meeting = _MEETING_YEAR.search(paragraph) or _ZONE_MEETING_YEAR.search(paragraph)
            if meeting:
                return _meeting_about(int(meeting.group(1)), paragraphs)
        tasks = _undated_meeting_tasks(paragraphs[:TITLE_LINES])
        if tasks is not None:
            return _meeting_about(tasks, paragraphs)
    votes = _year_votes(paragraphs, sections)
    if not votes:
        return None
    return max(votes.items(), key=lambda item: (item[1], item[0]))[0]


_REVIEW = re.compile(r"去年|上年度|过去一年|过去的一年|一年来")
# 兰州高新区2026年工作会议: a zone's work meeting is its science meeting too.
_ZONE_MEETING_YEAR = re.compile(r"((?:19|20)\d{2})年[^，。；\d]{0,3}?工作(?:会议|会|大会)")
_UNDATED_MEETING = re.compile(r"科技[^，。；\d]{0,8}?工作(?:会议|会|大会)")
_TASK_YEAR = re.compile(r"((?:19|20)\d{2})年[，,]?[^，。；\d]{0,12}?(?:将|力争|要)")


def _undated_meeting_tasks(opening: list[str]) -> int | None:
    """记者从3月8日召开的…科技工作会议上获悉，2024年，新疆将…: the year a meeting named
    without its year sets tasks for, which is the meeting's own year."""
    for index, paragraph in enumerate(opening):
        meeting = _UNDATED_MEETING.search(paragraph)
        if meeting:
            task = _TASK_YEAR.search("\n".join(opening[index:]), meeting.end())
            return int(task.group(1)) if task else None
    return None


def _meeting_about(year: int, paragraphs: list[str]) -> int:
    """A work meeting reviews the year before; news of one that only sets the new
    year's tasks (no word of the year before) is about the meeting's year."""
    reviewed = re.compile(rf"{year - 1}\s?年(?!度?[^，。；]{{0,12}}(?:会议|工作会))")
    text = "\n".join(paragraphs)
    return year - 1 if reviewed.search(text) or _REVIEW.search(text) else year


_DATELINE = 40
_DAY = re.compile(r"\d{1,2}月\d{1,2}日")


def _year_votes(paragraphs: list[str], sections: list[Section]) -> Counter[int]:
    """Votes of the years written (a summary section's count double); compared and
    counted-from years (较2020年, 相较于2022年, 2018年以来, 到 2025 年) do not vote."""
    votes: Counter[int] = Counter()
    for paragraph, section in zip(paragraphs, sections, strict=True):
        weight = 2 if section.mode == "summary" else 1
        dateline = len(paragraph) <= _DATELINE
        for match in YEAR.finditer(paragraph):
            if dateline and _DAY.match(paragraph, match.end() + 1):
                continue  # 2021年11月17日11:05 | 小字号: when the page went up, not what it is about
            before = paragraph[max(0, match.start() - 3) : match.start()].rstrip()
            since = paragraph.startswith("以来", match.end() + 1)
            if not (before.endswith((*_HORIZON, *_COMPARED, "较于", *_DASHES)) or since):
                votes[int(match.group(1))] += weight
        for period in _PERIOD.finditer(paragraph):  # （2021-2023年）: its first year
            votes[int(period.group(1))] += weight
    return votes


def published_year(title: str, paragraphs: list[str], types: tuple[str, ...]) -> int | None:
    """The year a report without any year in it is about, from its page's publication
    date (发布时间：2024-07-12).  A whole-year summary published in January to March
    is about the year before; a plan, or a half-year summary, about the year published."""
    opening = _opening(paragraphs)
    for paragraph in opening:
        date = (
            _PUBLISHED.search(paragraph)
            if METADATA.match(paragraph) or "|" in paragraph or _BARE_DATE.match(paragraph)
            else None
        )
        if date:
            return _about_year(int(date.group(1)), int(date.group(2)), title, types)
    for paragraph in opening:
        loose = _ANY_DATE.search(paragraph)
        if loose:
            year = int(loose.group("y1") or loose.group("y2"))
            return _about_year(year, int(loose.group("m1") or loose.group("m2")), title, types)
    for paragraph in opening:
        short = _SHORT_STAMP.search(paragraph)
        if short:
            return _about_year(2000 + int(short.group(1)), int(short.group(2)), title, types)
    return None


_OPENING_CHARS = 600
_OPENING_MAX = 30


def _opening(paragraphs: list[str]) -> list[str]:
    """The page's top, where its date stands: the first TITLE_LINES paragraphs, more when
    they are short scraps (a portal's menu split at every |) until 600 characters are read."""
    read = 0
    for count, paragraph in enumerate(paragraphs[:_OPENING_MAX], 1):
        read += len(paragraph)
        if count >= TITLE_LINES and read >= _OPENING_CHARS:
            return paragraphs[:count]
    return paragraphs[:_OPENING_MAX]


# 23-03-07 08:22 来源：张掖日报: a news page's stamp with a two-digit year (only with its time).
_SHORT_STAMP = re.compile(r"(?<![\d-])(\d{2})-(\d{1,2})-\d{1,2}\s+\d{1,2}:\d{2}(?!\d)")


def _about_year(year: int, month: int, title: str, types: tuple[str, ...]) -> int:
    whole_year = types[0] in ("summary", "report") and not _PART_YEAR.search(title)
    return year - 1 if whole_year and month <= 3 else year


def any_year(text: str) -> int | None:
    """The year a text mentions most, written with or without 年, when nothing dates it."""
    years = Counter(int(y) for y in _BARE_YEAR.findall(text))
    return max(years.items(), key=lambda item: (item[1], item[0]))[0] if years else None
