"""The report rendered from a warehouse filled by a real demo run: pages, links, numbers, reruns."""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

import duckdb
import lxml.html
import pytest

from alerts.labels import format_value, metric_label
from flows.report import build_report
from flows.report.command import report, report_after_run
from tests.flows.test_report_helpers import demo_warehouse

pytestmark = pytest.mark.e2e
CITY, COUNTY = "demo-trs-city", "demo-county-attach"


@pytest.fixture(scope="module")
def db(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_warehouse(tmp_path_factory)


@pytest.fixture(scope="module")
def site(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report-site")
    build_report(db, out)
    return out


def _rows(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def _page(site: Path, name: str) -> Any:
    return lxml.html.fromstring((site / name).read_text(encoding="utf-8"))


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_page_and_local_link_is_there(site: Path) -> None:
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    assert {"index.html", f"bureau/{CITY}.html", f"bureau/{COUNTY}.html", "metric/hte_total.html"} <= set(pages)
    assert (site / "static" / "report.css").is_file()
    for name in pages:
        doc = _page(site, name)
        assert not doc.xpath("//script|//iframe|//img"), name
        for href in doc.xpath("//link/@href"):
            assert not href.startswith(("http:", "https:", "//", "/")), (name, href)
        for href in doc.xpath("//a/@href"):
            if not href.startswith(("http://", "https://")):
                assert (site / name).parent.joinpath(href).resolve().is_file(), (name, href)


def test_index_shows_last_run_alerts_health_and_latest_figures(db: Path, site: Path) -> None:
    doc = _page(site, "index.html")
    (run_id,) = _rows(db, "SELECT id FROM runs ORDER BY started_at DESC LIMIT 1")[0]
    (in_run,) = _rows(db, "SELECT count(*) FROM alerts WHERE run_id = ?", [run_id])[0]
    totals = doc.xpath("//section[@id='changes']//tfoot//td[contains(@class, 'total')]")
    assert [_text(t) for t in totals] == [str(in_run), str(in_run)]
    assert len(doc.xpath("//section[@id='health']//tbody/tr")) == 2
    assert all(_text(b) == "正常" for b in doc.xpath("//section[@id='health']//span[contains(@class,'badge')]"))
    sources = {u for (u,) in _rows(db, "SELECT url FROM documents")}
    linked = set(doc.xpath("//section[@id='alerts']//a[starts-with(@href, 'http')]/@href"))
    assert sources <= linked
    latest = {(s, m): _figure(v, u, period, label) for s, m, v, u, period, label in _rows(
        db, "SELECT source_id, metric, arg_max(value, (year, qualifier = '')), arg_max(unit, (year, qualifier = '')), "
            "arg_max(period, (year, qualifier = '')), arg_max(period_label, (year, qualifier = '')) "
            "FROM indicator_latest WHERE kind = 'actual' AND measure = 'level' GROUP BY ALL")}
    columns = [h.split("/")[-1][:-5] for h in doc.xpath("//table[@class='bureaus']/thead//a/@href")]
    assert "tech_contract_value" in columns
    for row in doc.xpath("//table[@class='bureaus']/tbody/tr"):
        source = row.xpath("td[1]/a/@href")[0].split("/")[-1][:-5]
        for metric, cell in zip(columns, row.xpath("td[position() > 4]"), strict=True):
            shown = cell.get("data-value") or "—"
            assert shown == latest.get((source, metric), "—"), (source, metric)


def _figure(value: float | None, unit: str | None, period: str | None, label: str | None) -> str:
    """A figure as the report writes it: a part year's says which part (上半年 131家)."""
    shown = format_value(value, unit)
    return f"{label} {shown}" if value is not None and period not in (None, "year") else shown


def _metric_name(metric: str, qualifier: str) -> str:
    label = metric_label(metric)
    return label if qualifier in label else f"{label}（{qualifier}）"


def test_bureau_targets_match_targets_progress(db: Path, site: Path) -> None:
    doc = _page(site, f"bureau/{CITY}.html")
    shown = {tuple(_text(td) for td in tr.xpath("td[position() <= 5]"))
             for tr in doc.xpath("//table[@class='targets']/tbody/tr")}
    expected = {(f"{year}年", _metric_name(metric, qualifier), format_value(target, unit),
                 _figure(actual, unit, period, label), "—" if pct is None else f"{pct:g}%")
                for metric, qualifier, year, target, actual, unit, pct, period, label in _rows(
                    db, "SELECT metric, qualifier, year, target_value, actual_value, unit, pct_attained, "
                        "actual_period, actual_period_label FROM targets_progress WHERE source_id = ?", [CITY])}
    assert shown == expected
    statuses = [_text(b) for b in doc.xpath("//table[@class='targets']//span[contains(@class,'badge')]")]
    assert "已达成" in statuses


def test_bureau_charts_show_each_year_actual_and_target(db: Path, site: Path) -> None:
    doc = _page(site, f"bureau/{CITY}.html")
    figure = doc.xpath("//figure[@data-metric='hte_total']")[0]
    actuals = [_text(t) for t in figure.xpath(".//g[@data-kind='actual']/text")]
    targets = [_text(t) for t in figure.xpath(".//g[@data-kind='target']/text")]
    view = _rows(db, "SELECT kind, value FROM indicator_latest WHERE source_id = ? AND metric = 'hte_total' "
                     "AND measure = 'level' ORDER BY year", [CITY])
    assert actuals == [f"{v:,.0f}" for k, v in view if k == "actual"]
    assert targets == [f"{v:,.0f}" for k, v in view if k == "target"]
    money = doc.xpath("//figure[@data-metric='tech_contract_value']")[0]
    assert "亿元" in _text(money.xpath("figcaption")[0])


def test_bureau_lists_rank_claims_and_documents(db: Path, site: Path) -> None:
    doc = _page(site, f"bureau/{CITY}.html")
    (claims,) = _rows(db, "SELECT count(*) FROM rankings WHERE source_id = ?", [CITY])[0]
    assert len(doc.xpath("//table[@class='rankings']/tbody/tr")) == claims
    assert "第1位" in _text(doc.xpath("//table[@class='rankings']")[0])
    urls = {u for (u,) in _rows(db, "SELECT url FROM documents WHERE source_id = ?", [CITY])}
    assert set(doc.xpath("//table[@class='documents']//a/@href")) == urls
    assert "2024年3月26日" in _text(doc.xpath("//table[@class='documents']")[0])


def test_metric_page_sorts_bureaus_with_their_rank_claims(db: Path, site: Path) -> None:
    doc = _page(site, "metric/tech_contract_value.html")
    section = doc.xpath("//section[@data-year='2024'][@data-level='city']")[0]
    rows = section.xpath(".//tbody/tr")
    view = _rows(db, "SELECT l.source_id, l.value, l.unit FROM indicator_latest l JOIN sources s ON s.id = l.source_id "
                     "WHERE l.metric = 'tech_contract_value' AND l.kind = 'actual' AND l.measure = 'level' "
                     "AND l.year = 2024 AND s.level = 'city' ORDER BY l.value DESC")
    assert [r.get("data-source") for r in rows] == [s for s, _, _ in view]
    assert [_text(r.xpath(".//span[@class='value']")[0]) for r in rows] == [format_value(v, u) for _, v, u in view]
    assert "同比增幅 全省第1位" in _text(rows[0].xpath("td[contains(@class,'claims')]")[0])


def test_metric_pages_compare_a_city_with_cities_and_a_county_with_counties(db: Path, site: Path) -> None:
    """Issue 21 item 6: a city's figure is never ranked against its own county's."""
    levels = dict(_rows(db, "SELECT id, level FROM sources"))
    assert {levels[CITY], levels[COUNTY]} == {"city", "county"}
    doc = _page(site, "metric/tech_contract_value.html")
    sections = doc.xpath("//section[@data-year='2024']")
    assert len(sections) == 2
    for section in sections:
        members = {levels[tr.get("data-source")] for tr in section.xpath(".//tbody/tr")}
        assert members == {section.get("data-level")}
    assert {_text(s.xpath("h2")[0]).split(" · ")[-1] for s in sections} == {"市级", "县级"}


def test_a_half_year_figure_is_shown_with_its_period_and_no_progress(db: Path, site: Path) -> None:
    """The demo county's 2025 half-year summary: 3.47亿元 is 上半年, not 49.6% of the annual target."""
    doc = _page(site, f"bureau/{COUNTY}.html")
    rows = [[_text(td) for td in tr.xpath("td")] for tr in doc.xpath("//table[@class='targets']/tbody/tr")]
    contract = [r for r in rows if r[0] == "2025年" and r[1] == metric_label("tech_contract_value")]
    assert contract
    assert contract[0][3] == "上半年 3.47亿元"
    assert contract[0][4].endswith("—")
    assert contract[0][5] == "进行中"


def test_regenerating_gives_identical_files(db: Path, site: Path, tmp_path: Path) -> None:
    before = _digests(site)
    stamps = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    build_report(db, site)
    assert _digests(site) == before
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()} == stamps
    build_report(db, tmp_path / "again")
    assert _digests(tmp_path / "again") == before


def test_pages_of_vanished_bureaus_are_removed(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    (out / "bureau").mkdir(parents=True)
    (out / "bureau" / "gone.html").write_text("old", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    files = build_report(db, out)
    assert not (out / "bureau" / "gone.html").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert files == sorted(files)
    assert out / "index.html" in files


def test_report_command_writes_beside_the_database_by_default(db: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert report(argparse.Namespace(db=str(db), out=str(tmp_path / "r"))) == 0
    assert (tmp_path / "r" / "index.html").is_file()
    assert report(argparse.Namespace(db=str(db), out=None)) == 0
    assert (db.parent / "report" / "index.html").is_file()
    assert "index.html" in capsys.readouterr().out
    assert report(argparse.Namespace(db=str(tmp_path / "none.duckdb"), out=None)) == 2
    assert "no warehouse" in capsys.readouterr().err


def test_the_monitor_step_writes_the_report_beside_the_database(db: Path) -> None:
    said: list[str] = []
    assert report_after_run(db, said.append) == db.parent / "report"
    assert (db.parent / "report" / "index.html").is_file()
    assert said == [f"report written to {db.parent / 'report' / 'index.html'}"]


def test_many_bureaus_share_one_header_link_to_the_index(db: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page linking every bureau made the report quadratic in the number of bureaus."""
    from flows.report import build as report_build

    monkeypatch.setattr(report_build, "NAV_LIMIT", 1)
    build_report(db, tmp_path)
    bureaus = sorted(p.name for p in (tmp_path / "bureau").glob("*.html"))
    assert len(bureaus) > 1
    for page in ["index.html", *(f"bureau/{name}" for name in bureaus)]:
        nav = [a.get("href") for a in _page(tmp_path, page).cssselect("header nav a")]
        assert len(nav) == 1, page
        assert nav[0].endswith("index.html#bureaus"), page
    index_links = {a.get("href") for a in _page(tmp_path, "index.html").cssselect("#bureaus a")}
    assert {f"bureau/{name}" for name in bureaus} <= index_links
