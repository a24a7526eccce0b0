"""Shapes shared by the extractor, the warehouse loader and the alert detectors.

The field names follow INDICATORS.md §1 exactly, because `kjwatch extract --jsonl`
prints these records and outside scorers read them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["actual", "target", "ranking"]
Measure = Literal["level", "yoy_growth", "change", "completion"]
Level = Literal["province", "city", "county", "district", "zone"]
DocType = Literal["summary", "plan", "points", "report"]


@dataclass(frozen=True, slots=True)
class IndicatorRecord:
    kind: Kind
    metric: str
    measure: Measure
    value: float | None
    unit: str | None
    approx: bool
    year: int | None
    rank: int | None
    scope: str | None
    text: str

    def identity(self) -> tuple[Any, ...]:
        """One record per distinct fact per document (INDICATORS.md §5)."""
        return (self.kind, self.metric, self.measure, self.value, self.year, self.rank, self.scope)

    def to_json(self, doc: str) -> dict[str, Any]:
        return {"doc": doc, **asdict(self)}


@dataclass(frozen=True, slots=True)
class DocumentHeader:
    bureau: str | None
    level: Level | None
    report_year: int | None
    doc_types: tuple[str, ...] = ()

    def to_json(self, doc: str) -> dict[str, Any]:
        return {
            "doc": doc,
            "kind": "document",
            "bureau": self.bureau,
            "level": self.level,
            "report_year": self.report_year,
            "doc_types": list(self.doc_types),
        }


@dataclass(slots=True)
class Extraction:
    header: DocumentHeader
    records: list[IndicatorRecord] = field(default_factory=list)
