"""The report as a person sees it: every page in headless Chromium, offline, charts on screen.

Skipped (with the reason) where Debian's `chromium` is not installed; CI installs it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from alerts.labels import format_value
from flows.report import build_report
from tests.flows.test_report_helpers import NEEDS_CHROMIUM, Chromium, Page, demo_warehouse

pytestmark = [pytest.mark.e2e, NEEDS_CHROMIUM]
CITY = "demo-trs-city"
ACTUAL_BLUE, TARGET_FILL = (37, 99, 168), (251, 238, 221)


@pytest.fixture(scope="module")
def db(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_warehouse(tmp_path_factory)


@pytest.fixture(scope="module")
def site(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report-browser")
    build_report(db, out)
    return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    with Chromium(tmp_path_factory.mktemp("chromium-profile")) as running:
        yield running


def _open(browser: Chromium, site: Path, name: str) -> Page:
    return browser.open((site / name).resolve().as_uri())


def _pixels_like(png: bytes, colour: tuple[int, int, int], tolerance: int = 12) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = image.getcolors(maxcolors=image.width * image.height) or []
    return sum(count for count, pixel in counts
               if all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True)))


def _colours(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=image.width * image.height) or [])


def _box(page: Page, selector: str) -> dict[str, float]:
    script = (f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
              " return {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}; })()")
    box = page.evaluate(script)
    assert box["width"] > 0
    assert box["height"] > 0
    return box


def test_every_page_loads_offline_without_console_errors(site: Path, browser: Chromium) -> None:
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    assert len(pages) > 5
    for name in pages:
        page = _open(browser, site, name)
        assert page.errors == [], name
        assert [u for u in page.requests if not u.startswith("file://")] == [], name
        assert any(u.endswith("/static/report.css") for u in page.requests), name
        header = page.evaluate("getComputedStyle(document.querySelector('header.site')).backgroundColor")
        assert header == "rgb(23, 50, 77)", name


def test_bureau_charts_draw_actual_and_target_bars(site: Path, browser: Chromium) -> None:
    page = _open(browser, site, f"bureau/{CITY}.html")
    chart = page.screenshot(_box(page, "figure[data-metric='hte_total'] svg.chart"))
    assert _pixels_like(chart, ACTUAL_BLUE) > 500
    assert _pixels_like(chart, TARGET_FILL) > 500
    assert _colours(chart) > 10


def test_metric_page_draws_sorted_bars(site: Path, browser: Chromium) -> None:
    page = _open(browser, site, "metric/tech_contract_value.html")
    # The city and the county are compared within their own level: a section each, each led by a full bar.
    for level in ("city", "county"):
        widths = page.evaluate(f"[...document.querySelectorAll(\"section[data-year='2024'][data-level='{level}'] "
                               ".hbar\")].map(e => e.getBoundingClientRect().width)")
        assert len(widths) == 1
        assert widths[0] > 0
    section = "section[data-year='2024'][data-level='city']"
    assert _pixels_like(page.screenshot(_box(page, section)), ACTUAL_BLUE) > 1000


def test_numbers_on_screen_match_the_views(db: Path, site: Path, browser: Chromium) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        view = con.execute("SELECT value, unit FROM indicator_latest WHERE source_id = ? AND kind = 'actual' "
                           "AND measure = 'level' AND metric = 'tech_contract_value' ORDER BY year DESC LIMIT 1",
                           [CITY]).fetchone()
        series = con.execute("SELECT value FROM indicator_latest WHERE source_id = ? AND kind = 'actual' "
                             "AND measure = 'level' AND metric = 'hte_total' ORDER BY year", [CITY]).fetchall()
    assert view is not None
    index = _open(browser, site, "index.html")
    cell = index.evaluate(
        "(() => { const table = document.querySelector('table.bureaus');"
        " const heads = [...table.querySelectorAll('thead th')];"
        " const column = heads.findIndex(th => th.querySelector(\"a[href='metric/tech_contract_value.html']\"));"
        f" const row = table.querySelector(\"tbody a[href='bureau/{CITY}.html']\").closest('tr');"
        " return row.children[column].innerText; })()")
    assert cell.splitlines()[0] == format_value(*view)
    page = _open(browser, site, f"bureau/{CITY}.html")
    bars = page.evaluate("[...document.querySelectorAll(\"figure[data-metric='hte_total'] g.actual\")]"
                         ".map(g => [g.querySelector('text').textContent, g.querySelector('rect').getBBox().height])")
    assert [label for label, _ in bars] == [f"{v:,.0f}" for (v,) in series]
    heights = [h for _, h in bars]
    assert heights == sorted(heights)
    assert heights[-1] / heights[0] == pytest.approx(series[-1][0] / series[0][0], rel=0.02)
