"""Report figures (issue 21 item 6): one level per comparison, a part year's figure says its period,
a sub-figure its level."""

from __future__ import annotations

from typing import Any

from flows.report.bureau_page import target_rows
from flows.report.figures import figure_text, headline_rows
from flows.report.metric_page import comparisons


def _row(source: str, value: float, *, qualifier: str = "", period: str = "year", label: str = "全年",
         kind: str = "actual", metric: str = "tech_contract_value", unit: str = "万元") -> dict[str, Any]:
    return {"source_id": source, "kind": kind, "metric": metric, "measure": "level", "year": 2025, "value": value,
            "unit": unit, "approx": False, "text": "原文", "document_url": None, "published_at": None,
            "qualifier": qualifier, "period": period, "period_label": label}


BUREAUS = [{"source_id": "city-a", "bureau": "临川市科学技术局", "level": "city", "region": "山东省临川市"},
           {"source_id": "county-b", "bureau": "青禾县科学技术局", "level": "county", "region": "山东省临川市青禾县"},
           {"source_id": "city-c", "bureau": "澄川市科学技术局", "level": "city", "region": "山东省澄川市"}]


def test_a_city_is_ranked_among_cities_and_a_county_among_counties() -> None:
    series = [_row("city-a", 500000), _row("county-b", 900000), _row("city-c", 300000)]
    sections = comparisons("tech_contract_value", {"series": series, "rankings": [], "bureaus": BUREAUS})
    members = [(s["level_label"], [b.source_id for b in s["bars"]]) for s in sections]
    assert members == [("市级", ["city-a", "city-c"]), ("县级", ["county-b"])]


def test_a_part_years_figure_says_its_period_and_a_sub_figure_its_level() -> None:
    assert figure_text(_row("a", 34700, period="half_year", label="上半年")) == "上半年 3.47亿元"
    assert figure_text(_row("a", 1, qualifier="国家级", metric="incubators", unit="家")) == "国家级 1家"
    assert figure_text(_row("a", 72000)) == "7.2亿元"


def test_the_metrics_own_figure_heads_its_sub_figures() -> None:
    rows = [_row("a", 1, qualifier="国家级", metric="incubators", unit="家"),
            _row("a", 32, metric="incubators", unit="家"),
            _row("a", 20, qualifier="省级", metric="incubators", unit="家")]
    assert [r["value"] for r in headline_rows(rows)] == [32]
    assert [r["value"] for r in headline_rows(rows[:1] + rows[2:])] == [1]


def test_a_target_beside_a_half_year_actual_is_in_progress_with_the_period_shown() -> None:
    target = {"source_id": "a", "metric": "tech_contract_value", "year": 2025, "target_value": 70000.0,
              "unit": "万元", "target_text": "力争7亿元", "target_document_url": None, "actual_value": 34700.0,
              "actual_text": "3.47亿元", "actual_document_url": None, "pct_attained": None, "attained": None,
              "actual_published_at": None, "qualifier": "", "actual_period": "half_year",
              "actual_period_label": "上半年"}
    (row,) = target_rows([target])
    assert (row["actual"], row["pct"], row["status"]) == ("上半年 3.47亿元", "—", "in_progress")
    (qualified,) = target_rows([{**target, "metric": "incubators", "unit": "家", "target_value": 1.0,
                                 "actual_value": None, "qualifier": "国家级", "actual_period": None}])
    assert qualified["metric"] == "孵化载体（国家级）"
