"""Lists paged only by script (`goPage(n)` POST form, `turnPage(n)` in place), walked in a real Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spiders.browser_sites import NEEDS_CHROMIUM, PAGER_PAGES, ScriptPagerSite, pager_reports
from tests.spiders.sitekit import crawl, source_dict

pytestmark = NEEDS_CHROMIUM


@pytest.fixture
def site() -> ScriptPagerSite:
    with ScriptPagerSite() as running:
        yield running


def _source(site: ScriptPagerSite, render: str = "browser") -> dict:
    source = source_dict("gopage", site.base + "/xxgk/list.html", render=render)
    source["start_urls"].append(site.base + "/news/list.html")
    return source


def test_every_page_of_a_script_pager_is_read(site: ScriptPagerSite, tmp_path: Path) -> None:
    run = crawl(_source(site), tmp_path)
    assert run.paths() == pager_reports()
    assert run.stats["errors"] == []
    posts = sorted(hit.path for hit in site.hits if hit.method == "POST")
    assert posts == ["/xxgk/list.do"] * (PAGER_PAGES - 1)                       # goPage(2), goPage(3)
    assert [hit.path for hit in site.hits if hit.path.startswith("/news/data")] == ["/news/data?page=2"]
    assert all(not hit.browser for hit in site.hits_of("/art/"))                  # reports: plain requests
    assert not [hit for hit in site.hits if hit.browser and hit.path.endswith("list.html")]  # served from Scrapy


def test_an_unchanged_script_list_costs_one_page(site: ScriptPagerSite, tmp_path: Path) -> None:
    crawl(_source(site), tmp_path)
    site.hits.clear()
    again = crawl(_source(site), tmp_path, seen_urls=sorted(site.base + path for path in pager_reports()))
    assert again.items == []
    assert not [hit for hit in site.hits if hit.method == "POST" or hit.path.startswith("/news/data")]


def test_without_a_browser_hint_only_the_first_page_is_read(site: ScriptPagerSite, tmp_path: Path) -> None:
    run = crawl(_source(site, render="auto"), tmp_path)
    assert run.paths() == {"/art/1.html", "/art/2.html", "/art/3.html", "/art/100.html", "/art/101.html"}
