"""One metric across bureaus: per year, region and level, a sorted bar chart with each bureau's rank
claims. A city is compared with cities and a county with counties, never a city with its own counties."""

from __future__ import annotations

import re
from typing import Any

from flows.report.charts import RankedBar, ranked_bars
from flows.report.data import Row
from flows.report.figures import figure_text, headline_rows
from flows.report.formatting import fmt_rank, level_label, measure_label, metric_label

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
                              figure_text(actual) if actual else "未公布数值",
                              0.0, claims, figure_text(target) if target else "",
                              (actual["text"] or "") if actual else "", actual["document_url"] if actual else None))
    return ranked_bars(bars)


def comparison_groups(bureaus: list[Row]) -> dict[tuple[str, str], list[Row]]:
    """Bureaus of one province and one level: the peers a figure is ranked among."""
    groups: dict[tuple[str, str], list[Row]] = {}
    for bureau in bureaus:
        groups.setdefault((province_of(bureau["region"]), bureau["level"] or ""), []).append(bureau)
    return groups


def comparisons(metric: str, snap_parts: dict[str, list[Row]]) -> list[dict[str, Any]]:
    """Sections newest year first, then province and level, then unit (a metric stated in two units splits)."""
    series = headline_rows([r for r in snap_parts["series"] if r["metric"] == metric and r["measure"] == "level"])
    data = {"actuals": [r for r in series if r["kind"] == "actual"],
            "targets": [r for r in series if r["kind"] == "target"],
            "rankings": [r for r in snap_parts["rankings"] if r["metric"] == metric]}
    groups = comparison_groups(snap_parts["bureaus"])
    sections = []
    for year in sorted({r["year"] for r in data["actuals"]}, reverse=True):
        units = sorted({r["unit"] or "" for r in data["actuals"] if r["year"] == year})
        for region, level in sorted(groups, key=lambda g: (g[0], _LEVEL_ORDER.get(g[1], 9), g[1])):
            for unit in units:
                bars = _bars_for(year, unit or None, groups[(region, level)], data)
                if any(b.value is not None for b in bars):
                    sections.append({"year": year, "region": region, "level": level or "unknown",
                                     "level_label": level_label(level or None), "unit": unit, "bars": bars,
                                     "show_unit": len(units) > 1})
    return sections


_LEVEL_ORDER = {"province": 0, "city": 1, "district": 2, "county": 3, "zone": 4}


def metric_context(metric: str, snap_parts: dict[str, list[Row]]) -> dict[str, Any]:
    """Template variables of metric/<key>.html."""
    return {"metric": metric, "label": metric_label(metric), "sections": comparisons(metric, snap_parts)}
