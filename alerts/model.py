"""Facts the detectors read and the alerts they produce."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

ALERT_KINDS = ("new_document", "new_target", "target_revised", "new_ranking", "ranking_changed", "target_met",
               "source_failing")  # CONTRACT.md §4


@dataclass(frozen=True, slots=True)
class Fact:
    """One stored indicator with the document it came from, in publication order."""

    source_id: str
    bureau: str
    document_id: str
    document_url: str
    document_title: str | None
    published_at: date | None
    first_seen_at: datetime
    kind: str
    metric: str
    measure: str
    value: float | None
    unit: str | None
    year: int | None
    rank: int | None
    scope: str | None
    text: str
    qualifier: str = ""  # the level a sub-target names (国家级 / 省级), '' for the metric itself
    period: str = "year"  # what the figure covers: year | half_year | quarter | month_to_date
    period_label: str = "全年"  # 全年, 上半年, 一季度, 1-10月

    def order(self) -> tuple:
        """Time order of facts: the year a figure is about first, then when it was published."""
        published = self.published_at or date.min
        return (self.year or published.year, published, self.first_seen_at, self.document_id)


@dataclass(frozen=True, slots=True)
class NewDocument:
    source_id: str
    bureau: str
    document_id: str
    url: str
    title: str | None
    published_at: date | None
    report_year: int | None
    doc_types: tuple[str, ...]
    indicators: int


@dataclass(frozen=True, slots=True)
class Alert:
    kind: str
    key: str
    source_id: str
    bureau: str
    document_id: str | None
    title: str
    body: str
    url: str | None

    @property
    def id(self) -> str:
        return hashlib.sha1(self.key.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]
