"""issue 16, hostile input: each hostile answer of a real local site is one recorded error for
that document or source, the run completes, and the honest documents next to them are stored.
Real components throughout: HTTP server, Scrapy subprocess, Prefect engine, DuckDB file."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.flows.hostile_site import (
    ENDLESS_LIST,
    HONEST_LINKS,
    HOSTILE_LINKS,
    LISTED_ON_WRONG_CHARSET_LIST,
    HostileSite,
    write_sources,
)

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]


def _rows(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_each_hostile_input_is_one_recorded_error_and_the_run_completes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.monitor import monitor

    monkeypatch.setenv("KJWATCH_PARSE_SECONDS", "5")
    db = tmp_path / "state" / "kjwatch.duckdb"
    with HostileSite() as site:
        sources = write_sources(site, tmp_path / "sources.yaml")
        result = monitor(str(sources), str(db), str(tmp_path / "raw"), [], None, 0.0, True)
    assert _rows(db, "SELECT status FROM runs") == [("completed",)]
    errors = [f"{url or ''} {message}" for url, message in _rows(db, "SELECT url, message FROM errors")]
    for path in [*HOSTILE_LINKS.values(), ENDLESS_LIST]:
        assert len([e for e in errors if site.url(path) in e]) == 1, (path, errors)
    stored = {url: text for url, text in _rows(db, "SELECT url, text FROM documents")}
    honest = [site.url(p) for p in [*HONEST_LINKS.values(), LISTED_ON_WRONG_CHARSET_LIST[1]]]
    assert set(honest) <= set(stored)
    assert result["documents_new"] == len(stored) == len(honest)


def test_a_list_that_lies_about_its_charset_still_leads_to_its_reports(tmp_path: Path) -> None:
    """GBK bytes under `charset=utf-8`: Scrapy's response.text made every link title mojibake, so
    no title read as a report and the list's reports were never fetched."""
    from flows.crawl import crawl_source
    from spiders.sources import load_sources

    title, path = LISTED_ON_WRONG_CHARSET_LIST
    with HostileSite() as site:
        source = load_sources(write_sources(site, tmp_path / "sources.yaml"))[0]
        outcome = crawl_source(source, tmp_path / "raw", tmp_path / "crawls", tmp_path / "cache", crawl_delay=0)
        listed = [i for i in outcome.items if i["url"] == site.url(path)]
    assert [i["title"] for i in listed] == [title]
