"""Which figure of a bureau's year the report shows, and how it says what the figure covers.

A year may hold a metric's own figure (孵化载体 32家) beside sub-figures qualified by a level
(国家级 1家, 省级 20家), and an actual may cover only part of the year (上半年 3.47亿元). Charts
and comparisons show one figure per year: the metric's own when stated. Every figure that is
not the whole year's, or not the whole metric's, says so in its text.
"""

from __future__ import annotations

from typing import Any

from flows.report.formatting import format_value, metric_label

Row = dict[str, Any]


def _slot(row: Row) -> tuple[Any, ...]:
    return (row["source_id"], row["kind"], row["metric"], row["measure"], row["year"], row["unit"])


def headline_rows(rows: list[Row]) -> list[Row]:
    """One row per bureau, kind, metric, measure, year and unit, in the given order: the one
    without a qualifier when there is one, else the first sub-figure."""
    best: dict[tuple[Any, ...], Row] = {}
    for row in rows:
        current = best.get(_slot(row))
        if current is None or (current.get("qualifier") and not row.get("qualifier")):
            best[_slot(row)] = row
    return [row for row in rows if best[_slot(row)] is row]


def partial_period(row: Row, prefix: str = "period") -> str:
    """上半年, 一季度, 1-10月 for a figure of part of the year; '' for a whole year's."""
    period = row.get(prefix)
    return "" if period in (None, "year") else str(row.get(f"{prefix}_label") or period)


def shown_qualifier(row: Row) -> str:
    """The level a sub-figure names, unless the metric's own name says it (省级以上科技项目)."""
    qualifier = str(row.get("qualifier") or "")
    return "" if qualifier in metric_label(row["metric"]) else qualifier


def figure_text(row: Row, value_key: str = "value", period_key: str = "period") -> str:
    """The value with what it covers: 上半年 3.47亿元, 国家级 1家, 7.2亿元."""
    words = [partial_period(row, period_key), shown_qualifier(row), format_value(row[value_key], row["unit"])]
    return " ".join(word for word in words if word)
