"""Re-crawls: unchanged pages cost a 304, unchanged lists stop at page one, stored reports are not refetched."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from flows.crawl import crawl_source
from flows.demo.server import DemoSites
from spiders.sources import parse_sources
from tests.spiders.sitekit import SITES_ROOT, FixtureSites, crawl, source_dict

REPORTS_PAGE_2 = "/col/col101/202407/t20240715_1007.html"


def _copy_site(tmp_path: Path, name: str) -> Path:
    root = tmp_path / "sites"
    shutil.copytree(SITES_ROOT / name, root / name)
    return root


def test_unchanged_site_is_revalidated_with_304s_and_lists_stop_at_page_one(tmp_path: Path) -> None:
    with FixtureSites(["trs"]) as sites:
        first = crawl(source_dict("trs", sites.url("trs")), tmp_path)
        first_hits = list(sites.logs["trs"].hits)
        sites.logs["trs"].hits.clear()
        second = crawl(source_dict("trs", sites.url("trs")), tmp_path, seen_urls=sorted(
            {item["url"] for item in first.items} | {item["page_url"] for item in first.items if item["page_url"]}))
        second_hits = sites.logs["trs"].hits
    assert len(first.items) == 4
    assert {status for _, _, status in second_hits} == {304}
    assert second.stats["lists_stopped_unchanged"] >= 2
    assert second.stats["skipped_stored"] >= 1
    assert second.items == []
    assert len(second_hits) <= 1.5 * second.stats["list_pages"]
    assert len(second_hits) < len(first_hits) / 2


def test_a_new_report_on_page_one_is_found_and_paging_stops_after_it(tmp_path: Path) -> None:
    root = _copy_site(tmp_path, "trs")
    with FixtureSites(["trs"], root=root) as sites:
        first = crawl(source_dict("trs", sites.url("trs")), tmp_path / "work")
        seen = sorted({item["url"] for item in first.items})
        page = root / "trs" / "col" / "col101" / "index.html"
        new_item = ('<li><a href="./202503/t20250301_1100.html" title="临川市科学技术局2025年第一季度工作总结">'
                    "临川市科学技术局2025年第一季度工作总结</a></li>")
        page.write_text(page.read_text(encoding="utf-8").replace('<ul class="list">', '<ul class="list">' + new_item),
                        encoding="utf-8")
        os.utime(page, (time.time() + 5, time.time() + 5))
        report = root / "trs" / "col" / "col101" / "202503" / "t20250301_1100.html"
        report.parent.mkdir()
        shutil.copy(root / "trs" / "col" / "col101" / "202407" / "t20240715_1007.html", report)
        sites.logs["trs"].hits.clear()
        second = crawl(source_dict("trs", sites.url("trs")), tmp_path / "work", seen_urls=seen)
        paths = [path for _, path, _ in sites.logs["trs"].hits]
    assert [item["url"].rsplit("/", 1)[-1] for item in second.items] == ["t20250301_1100.html"]
    assert "/col/col101/index_1.html" in paths                 # page 1 changed: look one page further …
    assert "/col/col101/index_2.html" not in paths             # … which holds nothing new: stop
    assert REPORTS_PAGE_2 not in paths                          # stored reports are not fetched again


def test_page_cap_bounds_a_crawl(tmp_path: Path) -> None:
    with FixtureSites(["trs"]) as sites:
        run = crawl(source_dict("trs", sites.url("trs"), max_pages=3), tmp_path)
        hits = [h for h in sites.logs["trs"].hits if h[1] != "/robots.txt"]
    assert run.stats["requests"] <= 4
    assert len(hits) <= 4
    assert run.stats["capped"] > 0


def test_bundled_demo_sites_still_give_their_four_reports(tmp_path: Path) -> None:
    with DemoSites() as demo:
        sources = parse_sources(demo.sources_yaml())
        outcomes = [crawl_source(source, tmp_path / "raw", tmp_path / "work", tmp_path / "cache", crawl_delay=0)
                    for source in sources]
    found = sorted(item["url"].split("/", 3)[3] for outcome in outcomes for item in outcome.items)
    assert [outcome.status for outcome in outcomes] == ["ok", "ok"]
    assert found == [
        "col/col2201/202403/t20240326_1234567.html", "col/col2201/202501/t20250120_1241187.html",
        "uploads/2025/qinghe-2024-summary.docx", "uploads/2025/qinghe-2025-h1-summary.pdf",
    ]
