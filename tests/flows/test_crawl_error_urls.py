"""Every crawl error row in the warehouse names the URL it concerns: the page a spider error is
about (`URL: reason`), else, for errors of the whole crawl (a killed or crashed crawl process,
a missing browser), the source's start URL. A real crawl over a real local server, recorded
into a real DuckDB file by the step the monitor flow uses (`flows.stages.record_crawl`)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from flows import stages
from flows.crawl import CrawlOutcome, crawl_source
from spiders.sources import Source
from tests.spiders.routed_site import TITLES, RoutedSite
from tests.spiders.sitekit import source_dict


def _error_rows(db: Path) -> list[tuple[str, str | None, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT source_id, url, message FROM errors WHERE stage = 'crawl' "
                           "ORDER BY message").fetchall()


def test_a_crawled_page_that_fails_is_the_url_of_its_error_row(tmp_path: Path) -> None:
    db = tmp_path / "kjwatch.duckdb"
    with RoutedSite() as site:
        site.routes["/"] = (200, {}, f'<html><body><a href="/r/gone.html">{TITLES["甲"]}</a></body></html>'.encode())
        source = Source.from_dict(source_dict("gone", f"{site.base}/", start_urls=[f"{site.base}/",
                                              f"{site.base}/list/"], obey_robots=False))
        stages.start_run(db, "run1", "monitor", [source.to_dict()])
        outcome = crawl_source(source, tmp_path / "raw", tmp_path / "crawls", tmp_path / "cache", crawl_delay=0)
    stages.record_crawl(db, "run1", outcome)
    assert _error_rows(db) == [("gone", f"{site.base}/list/", f"{site.base}/list/: HTTP 404"),
                               ("gone", f"{site.base}/r/gone.html", f"{site.base}/r/gone.html: HTTP 404")]


def test_an_error_of_the_whole_crawl_carries_the_start_url(tmp_path: Path) -> None:
    db = tmp_path / "kjwatch.duckdb"
    source = Source.from_dict(source_dict("killed", "http://127.0.0.1:9/kjj/index.html"))
    stages.start_run(db, "run1", "monitor", [source.to_dict()])
    errors = ["crawl process exited with status -9 before this source finished",
              "spider crashed: KeyError: 'items'",
              "source killed: a JS challenge needs a headless browser, but Chromium is not installed"]
    stages.record_crawl(db, "run1", CrawlOutcome("killed", "failed", errors=errors))
    rows = _error_rows(db)
    assert [message for _, _, message in rows] == sorted(errors)
    assert {url for _, url, _ in rows} == {"http://127.0.0.1:9/kjj/index.html"}
