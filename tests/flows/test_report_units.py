"""The report's formatting, chart geometry and rendering on hand-made rows (no warehouse)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from flows.report.build import render_pages
from flows.report.bureau_page import target_status
from flows.report.charts import RankedBar, YearPoint, ranked_bars, series_chart
from flows.report.command import report_after_run
from flows.report.data import Snapshot
from flows.report.formatting import fmt_date, fmt_datetime, fmt_number, fmt_rank, scale_for, slug
from flows.report.metric_page import province_of


@pytest.mark.parametrize(("value", "text"), [
    (date(2024, 3, 26), "2024年3月26日"),
    (datetime(2025, 1, 5, 9, 7), "2025年1月5日"),
    (None, "—"),
])
def test_dates_read_the_chinese_way(value: date | None, text: str) -> None:
    assert fmt_date(value) == text


def test_times_add_hours_and_minutes() -> None:
    """A naive moment is UTC (the old warehouse's habit), shown on the Beijing clock."""
    assert fmt_datetime(datetime(2025, 1, 5, 1, 7, 33)) == "2025年1月5日 09:07 CST"


@pytest.mark.parametrize(("value", "text"), [(1328.0, "1,328"), (2136.8, "2,136.8"), (2.535, "2.54"),
                                             (1086000.0, "1,086,000"), (None, "—")])
def test_numbers_get_thousands_separators(value: float | None, text: str) -> None:
    assert fmt_number(value) == text


def test_money_charts_switch_to_yi_yuan_together() -> None:
    assert scale_for([58200.0, 34700.0, 50000.0], "万元") == (10000.0, "亿元")
    assert scale_for([628000.0, 8650.0], "万元") == (10000.0, "亿元")
    assert scale_for([8650.0, 4200.0, 10000.0], "万元") == (1.0, "万元")
    assert scale_for([2160.0, 1380.0], "万元") == (1.0, "万元")
    assert scale_for([46.5], "%") == (1.0, "%")


def test_ranks_name_their_scope_or_say_near_the_top() -> None:
    assert fmt_rank(2, "全省") == "全省第2位"
    assert fmt_rank(None, "全市各县区") == "全市各县区前列"


def test_slugs_are_safe_file_names() -> None:
    assert slug("demo-trs-city") == "demo-trs-city"
    assert slug("hte_total") == "hte_total"
    other = slug("other:入库数量")
    assert other.startswith("other-")
    assert other == slug("other:入库数量")
    assert slug("../etc") != "../etc"


def test_series_chart_puts_target_beside_actual_on_one_scale() -> None:
    chart = series_chart("技术合同成交额", "万元", [
        YearPoint(2023, actual=864000.0), YearPoint(2024, actual=1086000.0, target=1000000.0),
        YearPoint(2025, target=1200000.0)])
    assert chart.unit == "亿元"
    assert [t.label for t in chart.ticks] == ["2023年", "2024年", "2025年"]
    assert [(b.kind, b.label) for b in chart.bars] == [
        ("actual", "86.4"), ("actual", "108.6"), ("target", "100"), ("target", "120")]
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.label == "120"
    assert tallest.y == pytest.approx(26.0)
    assert all(b.y + b.height == pytest.approx(chart.baseline) for b in chart.bars)


def test_long_series_get_compact_labels() -> None:
    chart = series_chart("高新技术企业总数", "家", [YearPoint(y, actual=float(y - 2000)) for y in range(2015, 2025)])
    assert chart.dense
    assert chart.ticks[0].label == "2015"
    assert all(b.width <= 34 for b in chart.bars)


def test_ranked_bars_sort_by_value_with_claims_only_last() -> None:
    def bar(sid: str, value: float | None) -> RankedBar:
        return RankedBar(sid, sid, value, "", 0.0, [], "")

    ordered = ranked_bars([bar("b", 50.0), bar("c", None), bar("a", 200.0)])
    assert [(r.source_id, r.percent) for r in ordered] == [("a", 100.0), ("b", 25.0), ("c", 0.0)]


@pytest.mark.parametrize(("attained", "published", "status"), [
    (None, None, "pending"), (True, date(2025, 1, 20), "met"),
    (False, date(2025, 3, 26), "missed"), (False, date(2024, 7, 18), "in_progress")])
def test_a_shortfall_reported_mid_year_is_in_progress(attained: bool | None, published: date | None,
                                                      status: str) -> None:
    assert target_status({"attained": attained, "actual_published_at": published, "year": 2024}) == status


@pytest.mark.parametrize(("region", "province"), [
    ("江南省澄川市青禾县", "江南省"), ("广西壮族自治区南宁市", "广西壮族自治区"),
    ("上海市浦东新区", "上海市"), (None, "未注明地区")])
def test_bureaus_are_compared_within_their_province(region: str | None, province: str) -> None:
    assert province_of(region) == province


def _hostile_snapshot() -> Snapshot:
    """One bureau whose crawled title tries to inject markup."""
    evil = '<script>alert("x")</script>'
    bureau = {"source_id": "evil", "bureau": f"坏局{evil}", "level": "city", "region": None,
              "start_urls": ["javascript:alert(1)"], "documents": 1, "latest_published_at": date(2024, 1, 2)}
    document = {"id": "d1", "source_id": "evil", "url": "http://x.invalid/a", "page_url": None, "title": evil,
                "published_at": date(2024, 1, 2), "report_year": 2023, "doc_types": ["summary"], "version": 1,
                "first_seen_at": datetime(2024, 1, 3), "indicators": 1}
    point = {"source_id": "evil", "bureau": bureau["bureau"], "kind": "actual", "metric": "hte_total",
             "measure": "level", "year": 2023, "value": 12.0, "unit": "家", "approx": False, "text": evil,
             "document_url": "http://x.invalid/a", "published_at": date(2024, 1, 2)}
    health = {"source_id": "evil", "bureau": bureau["bureau"], "status": "blocked", "pages_fetched": 1,
              "documents_found": 0, "error": None, "evidence": "HTTP 412 <WAF>", "last_crawl_at": datetime(2024, 1, 3),
              "last_success_at": None, "failures_in_a_row": 3}
    return Snapshot(runs=[], health=[health], bureaus=[bureau], alerts=[], documents=[document],
                    series=[point], targets=[], rankings=[])


def test_crawled_text_is_escaped_and_an_empty_history_renders() -> None:
    pages = render_pages(_hostile_snapshot())
    assert set(pages) == {"index.html", "bureau/evil.html", "metric/hte_total.html"}
    for html in pages.values():
        assert "<script>" not in html
        assert "javascript:" not in html
    assert "&lt;script&gt;" in pages["bureau/evil.html"]
    assert "还没有运行记录" in pages["index.html"]
    assert "被拦截" in pages["index.html"]
    assert "HTTP 412 &lt;WAF&gt;" in pages["index.html"]


def test_a_report_failure_after_a_run_is_told_not_raised(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    said: list[str] = []
    assert report_after_run(tmp_path / "missing.duckdb", said.append) is None
    assert "report not written" in capsys.readouterr().err
    assert said == []
