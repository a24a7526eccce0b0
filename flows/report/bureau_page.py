"""One bureau's page: its indicators over the years, targets against outcomes, rank claims, documents."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from flows.report.charts import SeriesChart, YearPoint, series_chart
from flows.report.data import Row
from flows.report.figures import figure_text, headline_rows, partial_period, shown_qualifier
from flows.report.formatting import (
    CORE_METRICS,
    doc_types_label,
    fmt_date,
    fmt_datetime,
    fmt_pct,
    fmt_rank,
    format_value,
    level_label,
    measure_label,
    metric_label,
    metric_order,
    metric_title,
)
from flows.report.rank_chart import rank_chart


def _points(rows: list[Row], unit: str | None) -> list[YearPoint]:
    """Actual and target level per year, in the chart's unit (a stray unit would mislead); the
    metric's own figure rather than a 国家级 sub-figure, and a part year's says which part."""
    years: dict[int, dict[str, Any]] = {}
    for row in headline_rows(rows):
        if row["measure"] == "level" and row["unit"] == unit:
            entry = years.setdefault(row["year"], {})
            entry[row["kind"]] = row["value"]
            part = partial_period(row) or shown_qualifier(row)
            entry[f"{row['kind']}_text"] = (f"【{part}】" if part else "") + (row["text"] or "")
            entry[f"{row['kind']}_url"] = row["document_url"]
    return [YearPoint(year, entry.get("actual"), entry.get("target"),
                      entry.get("actual_text", ""), entry.get("target_text", ""),
                      entry.get("actual_url"), entry.get("target_url"))
            for year, entry in sorted(years.items())]


def _other_measures(rows: list[Row]) -> list[dict[str, Any]]:
    """Growth, change and completion figures: stated next to the chart rather than drawn, each
    with the sentence it came from and its document."""
    return [{"figure": f"{row['year']}年{measure_label(row['measure'])} {format_value(row['value'], row['unit'])}",
             "text": row["text"] or "", "url": row["document_url"]}
            for row in rows if row["kind"] == "actual" and row["measure"] != "level"]


def indicator_charts(series: list[Row], metric_pages: dict[str, str]) -> list[dict[str, Any]]:
    """A chart per core metric with at least one actual level; targets beside each year's actual."""
    charts = []
    ordered = sorted(series, key=lambda r: (metric_order(r["metric"]), r["year"]))
    for metric, group in groupby(ordered, key=lambda r: r["metric"]):
        rows = list(group)
        actual_units = [r["unit"] for r in rows if r["kind"] == "actual" and r["measure"] == "level"]
        if metric not in CORE_METRICS or not actual_units:
            continue
        unit = actual_units[-1]
        chart: SeriesChart = series_chart(metric_label(metric), unit, _points(rows, unit))
        charts.append({"metric": metric, "chart": chart, "page": metric_pages.get(metric),
                       "notes": _other_measures(rows)})
    return charts


TARGET_STATUSES = {"met": "已达成", "missed": "未达成", "in_progress": "进行中", "pending": "待公布"}


def target_status(target: Row) -> str:
    """A shortfall reported before the target year ended (a half-year summary) is not yet a miss;
    an actual of part of the year (上半年) is progress under way, never a verdict."""
    if target["attained"] is None:
        return "in_progress" if target.get("actual_value") is not None else "pending"
    if target["attained"]:
        return "met"
    published = target.get("actual_published_at")
    return "in_progress" if published is not None and published.year <= target["year"] else "missed"


def target_rows(targets: list[Row]) -> list[dict[str, Any]]:
    """Newest target year first; a target with no later actual is 'pending', not 'missed'."""
    ordered = sorted(targets, key=lambda t: (-t["year"], metric_order(t["metric"])))
    rows = []
    for t in ordered:
        status = target_status(t)
        rows.append({
            "year": t["year"],
            "metric": metric_label(t["metric"]) + (f"（{shown_qualifier(t)}）" if shown_qualifier(t) else ""),
            "target": format_value(t["target_value"], t["unit"]),
            "actual": _actual_text(t),
            "pct": fmt_pct(t["pct_attained"]),
            "bar": min(float(t["pct_attained"] or 0.0), 100.0),
            "status": status, "status_label": TARGET_STATUSES[status],
            "target_text": t["target_text"] or "", "target_url": t["target_document_url"],
            "actual_text": t["actual_text"] or "", "actual_url": t["actual_document_url"],
        })
    return rows


def _actual_text(target: Row) -> str:
    """The actual beside a target, with its period when it covers part of the year (上半年 3.47亿元)."""
    if target["actual_value"] is None:
        return format_value(None, target["unit"])
    return figure_text({**target, "qualifier": ""}, "actual_value", "actual_period")


def ranking_groups(rankings: list[Row]) -> list[dict[str, Any]]:
    """Rank claims per metric, measure and scope, oldest first, so a move up or down is visible;
    each group with a positioned claim gets its chart of rank over the years."""
    def key(row: Row) -> tuple[Any, ...]:
        return (metric_order(row["metric"]), row["measure"], row["scope"] or "")

    groups = []
    for (_, measure, scope), rows in groupby(sorted(rankings, key=key), key=key):
        rows_ = list(rows)
        title = metric_title(rows_[0]["metric"], measure)
        claims = [{"year": c["year"], "rank": fmt_rank(c["rank"], None), "position": c["rank"],
                   "text": c["text"] or "", "url": c["document_url"],
                   "published": fmt_date(c["published_at"])} for c in rows_]
        groups.append({"title": title, "scope": scope or "—", "claims": claims,
                       "chart": rank_chart(title, scope or "—", claims)})
    return groups


def document_rows(documents: list[Row]) -> list[dict[str, Any]]:
    return [{"title": d["title"] or d["url"], "url": d["url"], "page_url": d["page_url"],
             "published": fmt_date(d["published_at"]), "report_year": d["report_year"],
             "types": doc_types_label(d["doc_types"]), "indicators": d["indicators"],
             "version": d["version"], "first_seen": fmt_datetime(d["first_seen_at"])} for d in documents]


def bureau_context(bureau: Row, parts: dict[str, list[Row]], metric_pages: dict[str, str]) -> dict[str, Any]:
    """Template variables of bureau/<id>.html; `parts` holds this bureau's rows of each query."""
    return {
        "bureau": {**bureau, "level_label": level_label(bureau["level"]),
                   "latest": fmt_date(bureau["latest_published_at"])},
        "charts": indicator_charts(parts["series"], metric_pages),
        "targets": target_rows(parts["targets"]),
        "rankings": ranking_groups(parts["rankings"]),
        "documents": document_rows(parts["documents"]),
    }
