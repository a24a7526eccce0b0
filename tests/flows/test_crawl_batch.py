"""One crawl process for many sources (issue 17): each keeps its own limits, and a source whose
spider crashes is failed on its own while the others keep their results."""

from __future__ import annotations

from pathlib import Path

from flows.crawl import CrawlOutcome
from flows.crawl_batch import crawl_batch
from spiders.sources import Source
from tests.spiders.sitekit import HOST, FixtureSites


def _source(sid: str, url: str, **extra: object) -> Source:
    return Source(sid, f"{sid} 科学技术局", "city", (url,), allowed_domains=(HOST,), **extra)  # type: ignore[arg-type]


def test_one_process_crawls_many_sources_each_within_its_own_limits(tmp_path: Path) -> None:
    announced: list[CrawlOutcome] = []
    with FixtureSites(["trs", "static"]) as sites:
        sources = [_source("trs", sites.url("trs")), _source("trs-capped", sites.url("trs"), max_pages=3),
                   _source("static", sites.url("static"))]
        outcomes = crawl_batch(sources, tmp_path / "raw", tmp_path / "crawls", tmp_path / "cache",
                               announced.append, crawl_delay=0)
        trs_paths = [path for _, path, _ in sites.logs["trs"].hits]
    by_id = {o.source_id: o for o in outcomes}
    assert sorted(o.source_id for o in announced) == ["static", "trs", "trs-capped"]
    assert by_id["trs"].status == "ok"
    assert len(by_id["trs"].items) == 4
    assert by_id["trs-capped"].pages_fetched <= 4 < by_id["trs"].pages_fetched
    assert by_id["static"].status == "ok"
    assert by_id["static"].items
    assert len(list((tmp_path / "crawls" / "_batches").iterdir())) == 1      # one crawl process
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["robots-txt", "static", "trs", "trs-capped"]
    assert trs_paths.count("/robots.txt") <= 2                                # kept per host, not per crawl


def test_a_source_whose_spider_crashes_is_failed_and_the_others_keep_their_results(tmp_path: Path) -> None:
    with FixtureSites(["trs"]) as sites:
        sources = [_source("broken", sites.url("trs"), max_pages="many"), _source("trs", sites.url("trs"))]
        outcomes = crawl_batch(sources, tmp_path / "raw", tmp_path / "crawls", tmp_path / "cache", crawl_delay=0)
    by_id = {o.source_id: o for o in outcomes}
    assert by_id["broken"].status == "failed"
    assert by_id["broken"].errors[0].startswith("spider crashed: ")
    assert by_id["trs"].status == "ok"
    assert len(by_id["trs"].items) == 4


def test_robots_txt_is_fetched_once_per_host_across_runs(tmp_path: Path) -> None:
    with FixtureSites(["trs"]) as sites:
        for _ in range(2):
            crawl_batch([_source("trs", sites.url("trs"))], tmp_path / "raw", tmp_path / "crawls",
                        tmp_path / "cache", crawl_delay=0)
        paths = [path for _, path, _ in sites.logs["trs"].hits]
    assert paths.count("/robots.txt") == 1
