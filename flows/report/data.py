"""Everything the report shows, read from the warehouse in one short read-only visit.

The report is rendered after the connection is closed, so a run that wants the write
lock waits only for a handful of queries, never for the rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from warehouse.db import query, reader

Row = dict[str, Any]
RECENT_DAYS = 7


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Rows of the report queries; `as_of` comes from the newest run, never from the wall clock."""

    runs: list[Row]
    health: list[Row]
    bureaus: list[Row]
    alerts: list[Row]
    documents: list[Row]
    series: list[Row]
    targets: list[Row]
    rankings: list[Row]

    @property
    def last_run(self) -> Row | None:
        return self.runs[0] if self.runs else None

    @property
    def as_of(self) -> datetime | None:
        """The moment "the last 7 days" ends: taken from the data so reruns are identical."""
        run = self.last_run
        return (run["finished_at"] or run["started_at"]) if run else None


def load_snapshot(db: Path, *, wait: float = 30.0) -> Snapshot:
    """Run every `report_*` query once; alerts only as far back as the 7-day window."""
    with reader(db, wait=wait) as con:
        runs = query(con, "report_runs")
        since = runs[0]["started_at"] - timedelta(days=RECENT_DAYS) if runs else datetime.min
        return Snapshot(
            runs=runs,
            health=query(con, "report_sources_health"),
            bureaus=query(con, "report_bureaus"),
            alerts=query(con, "report_alerts", [since]),
            documents=query(con, "report_documents"),
            series=query(con, "report_series"),
            targets=query(con, "report_targets"),
            rankings=query(con, "report_rankings"),
        )


def by_source(rows: list[Row]) -> dict[str, list[Row]]:
    """Group rows by `source_id`, keeping the query's order inside each group."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row["source_id"], []).append(row)
    return grouped
