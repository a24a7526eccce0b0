"""One metric across bureaus: per year and region, a sorted bar chart with each bureau's rank claims."""

from __future__ import annotations

import re
from typing import Any

from flows.report.charts import RankedBar, ranked_bars
from flows.report.data import Row
from flows.report.formatting import fmt_rank, format_value, measure_label, metric_label

_PROVINCE = re.compile(r"^(.+?(?:省|自治区|特别行政区))")
_MUNICIPALITY = re.compile(r"^(北京市|天津市|上海市|重庆市)")


def province_of(region: str | None) -> str:
    """Bureaus are compared within one province: its cities and counties report alike."""
    if not region:
        return "未注明地区"
    match = _PROVINCE.match(region) or _MUNICIPALITY.match(region)
    return match.group(1) if match else region


def metrics_with_values(series: list[Row]) -> list[str]:
    """Metrics that get a page: some bureau states an actual level for some year."""
    return sorted({r["metric"] for r in series if r["kind"] == "actual" and r["measure"] == "level"})


def _claims(rankings: list[Row], source_id: str, year: int) -> list[str]:
    return [(measure_label(r["measure"]) + " " if r["measure"] != "level" else "") + fmt_rank(r["rank"], r["scope"])
            for r in rankings if r["source_id"] == source_id and r["year"] == year]


def _bars_for(year: int, unit: str | None, members: list[Row], data: dict[str, list[Row]]) -> list[RankedBar]:
    """Each bureau of the region with a value in `unit` that year, or at least a rank claim."""
    bars = []
    for bureau in members:
        sid = bureau["source_id"]
        actual = next((r for r in data["actuals"] if r["source_id"] == sid and r["year"] == year
                       and r["unit"] == unit), None)
        target = next((r for r in data["targets"] if r["source_id"] == sid and r["year"] == year
                       and r["unit"] == unit), None)
        claims = _claims(data["rankings"], sid, year)
        if actual is None and not claims:
            continue
        bars.append(RankedBar(sid, bureau["bureau"], actual["value"] if actual else None,
                              format_value(actual["value"], unit) if actual else "未公布数值",
                              0.0, claims, format_value(target["value"], unit) if target else ""))
    return ranked_bars(bars)


def comparisons(metric: str, snap_parts: dict[str, list[Row]]) -> list[dict[str, Any]]:
    """Sections newest year first, then province, then unit (a metric stated in two units splits)."""
    series = [r for r in snap_parts["series"] if r["metric"] == metric and r["measure"] == "level"]
    data = {"actuals": [r for r in series if r["kind"] == "actual"],
            "targets": [r for r in series if r["kind"] == "target"],
            "rankings": [r for r in snap_parts["rankings"] if r["metric"] == metric]}
    regions: dict[str, list[Row]] = {}
    for bureau in snap_parts["bureaus"]:
        regions.setdefault(province_of(bureau["region"]), []).append(bureau)
    sections = []
    for year in sorted({r["year"] for r in data["actuals"]}, reverse=True):
        units = sorted({r["unit"] or "" for r in data["actuals"] if r["year"] == year})
        for region in sorted(regions):
            for unit in units:
                bars = _bars_for(year, unit or None, regions[region], data)
                if any(b.value is not None for b in bars):
                    sections.append({"year": year, "region": region, "unit": unit, "bars": bars,
                                     "show_unit": len(units) > 1})
    return sections


def metric_context(metric: str, snap_parts: dict[str, list[Row]]) -> dict[str, Any]:
    """Template variables of metric/<key>.html."""
    return {"metric": metric, "label": metric_label(metric), "sections": comparisons(metric, snap_parts)}
