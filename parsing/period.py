"""The period a document reports on: the whole year, the first half, a quarter, or the months so far.

A half-year summary's 3.47亿元 is no shortfall against an annual target of 7亿元; it is
half a year's figure. Progress can only be judged against like periods, so every
document gets its period from its title (…上半年工作总结, 1-10月…情况) or, failing
that, from its first lines (截至10月底，…). A year is the default: most summaries
cover one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

PeriodKind = Literal["year", "half_year", "quarter", "month_to_date"]
PERIOD_KINDS: tuple[PeriodKind, ...] = ("year", "half_year", "quarter", "month_to_date")


@dataclass(frozen=True, slots=True)
class Period:
    """`kind` is what comparisons use; `label` is what a reader sees (上半年, 1-10月)."""

    kind: PeriodKind
    label: str


YEAR = Period("year", "全年")
_QUARTER_NAMES = "一二三四"
_CN_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DASH = r"\s*[-—–~～至到]\s*"
# A period word that names the plan part of a title (…和下半年工作计划) says nothing of the figures.
_PLAN_AFTER = re.compile(r"^[^，。；、和及与]{0,4}?(?:计划|打算|要点|工作重点|安排|思路)")
_PATTERNS = (
    ("range", re.compile(r"(?<![\d十])(?:1|一)" + _DASH + r"(?P<end>" + _MONTH + r")\s*月")),
    ("until", re.compile(r"截[至止]到?\s*(?:\d{4}\s*年)?\s*(?P<end>" + _MONTH + r")\s*月(?:底|末|份)?")),
    ("nine", re.compile(r"前[三3]季度?|(?<!\d)(?:1|一)" + _DASH + r"[三3]季度")),
    ("half", re.compile(r"前两季度|上半年|(?<![下近多大前后每])半年")),
    ("quarter", re.compile(r"第?(?P<q>[一二三四1-4])季度")),
)
# A title that names a year's summary or report: its opening lines are not asked.
_YEARLY_TITLE = re.compile(r"\d{4}\s*年度?(?![^，。]{0,2}\d{1,2}月)[^，。]{0,30}?(?:总结|报告|汇报|情况)|年度|全年")
_OPENING_LINES = 5
_OPENING_CHARS = 80
_HEAD_CHARS = 4000  # far more than five opening lines need; a whole report need not be split


def month_number(text: str) -> int:
    """12, 6, 十, 十二 → the month as an int."""
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + _CN_DIGITS.get(text[1:], 0)
    return _CN_DIGITS[text]


def months_to_date(end: int) -> Period:
    """January to month `end`: a quarter, a half, the year, or just the months so far."""
    if end >= 12:
        return YEAR
    if end == 6:
        return Period("half_year", "上半年")
    if end == 3:
        return Period("quarter", "一季度")
    return Period("month_to_date", f"1-{end}月")


def _period_of(name: str, match: re.Match[str]) -> Period:
    if name in ("range", "until"):
        return months_to_date(month_number(match.group("end")))
    if name == "nine":
        return months_to_date(9)
    if name == "half":
        return months_to_date(6)
    quarter = match.group("q")
    number = int(quarter) if quarter.isdigit() else _QUARTER_NAMES.index(quarter) + 1
    return Period("quarter", f"{_QUARTER_NAMES[number - 1]}季度")


def period_in(line: str) -> Period | None:
    """The earliest period the line names for its figures; None when it names none."""
    found: list[tuple[int, Period]] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(line):
            if not _PLAN_AFTER.match(line[match.end():]):
                found.append((match.start(), _period_of(name, match)))
                break
    return min(found, key=lambda hit: hit[0])[1] if found else None


def report_period(title: str | None, lines: Sequence[str] = ()) -> Period:
    """The document's period: the title's (a plain text's first line), else, for a title
    that names no year's account, that of its first lines, else the year."""
    lines = [line for line in lines if line.strip()]
    title = title or (lines[0] if lines else "")
    named = period_in(title)
    if named is not None:
        return named
    if title and _YEARLY_TITLE.search(title):
        return YEAR
    for line in lines[:_OPENING_LINES]:
        named = period_in(line[:_OPENING_CHARS])
        if named is not None:
            return named
    return YEAR


def document_period(title: str | None, text: str | None) -> Period:
    """The period of a stored document: its title and the first lines of its text."""
    return report_period(title, (text or "")[:_HEAD_CHARS].splitlines())
