"""What one segment is read with: the figures and positions found in its paragraph, and
where it sits (section, years in force, the sentence before it, the bureau's home)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TypeVar

from parsing.extract.clauses import year_before
from parsing.extract.mentions import Mention, find_mentions
from parsing.extract.rankings import Position, find_positions
from parsing.extract.sections import Section
from parsing.extract.subarea import Home
from parsing.records import Kind

Spanned = TypeVar("Spanned", Mention, Position)


class Found:
    """The figures and ranked positions of a stretch of text, in reading order.

    They are found once per paragraph (neither can span a sentence or a ；) and
    handed down, so a sentence without any costs nothing further.
    """

    __slots__ = ("_mention_starts", "_position_starts", "mentions", "positions")

    def __init__(self, mentions: list[Mention], positions: list[Position]) -> None:
        self.mentions, self.positions = mentions, positions
        self._mention_starts = [m.start for m in mentions]
        self._position_starts = [p.start for p in positions]

    @classmethod
    def scan(cls, text: str) -> Found:
        return cls(find_mentions(text), find_positions(text))

    def __bool__(self) -> bool:
        return bool(self.mentions or self.positions)

    def holds(self, begin: int, end: int) -> bool:
        """Whether anything starts in [begin, end)."""
        for starts in (self._mention_starts, self._position_starts):
            index = bisect_left(starts, begin)
            if index < len(starts) and starts[index] < end:
                return True
        return False

    def between(self, begin: int, end: int) -> Found:
        """Those starting in [begin, end), with offsets relative to `begin`."""
        return Found(
            _shifted(self.mentions, self._mention_starts, begin, end),
            _shifted(self.positions, self._position_starts, begin, end),
        )


def _shifted(items: list[Spanned], starts: list[int], begin: int, end: int) -> list[Spanned]:
    low, high = bisect_left(starts, begin), bisect_left(starts, end)
    return [item.moved(-begin) for item in items[low:high]] if begin else items[low:high]


@dataclass(frozen=True, slots=True)
class Context:
    """Where a segment sits: its section, the years in force, the sentence before it."""

    section: Section
    report_year: int | None
    plan_year: int | None
    prefix: str
    target_from: int | None
    home: Home | None = None
    target_until: int | None = None
    # Further goal stretches of the sentence after a past clause ended the first (…，目前已申报
    # 11家，2025年根据下发目标任务培育12家): (from, until) in the segment's offsets.
    later_goals: tuple[tuple[int, int | None], ...] = ()

    def year_for(self, text: str, position: int, kind: Kind) -> int | None:
        """The year of a figure at `position` of the segment `text`."""
        stated = year_before(self.prefix, text, position)
        if stated is not None:
            return stated
        if kind == "target" and self.section.mode == "plan":
            return self.plan_year
        return self.report_year

    def goal_governs(self, position: int) -> bool:
        if any(start <= position and (end is None or position < end) for start, end in self.later_goals):
            return True
        if self.target_until is not None and position >= self.target_until:
            return False
        return self.target_from is not None and self.target_from <= position
