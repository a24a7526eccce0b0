"""The whole product on real components: demo sites over HTTP, Scrapy subprocesses,
the Prefect engine, a DuckDB file, a real SMTP server and a real webhook receiver."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows.demo.server import DemoSites
from tests.servers import SmtpServer, WebhookServer
from warehouse.document_batch import DocumentBatch

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]

CHANGED_PAGE = "trs-city/col/col2201/202501/t20250120_1241187.html"
ADDED_TARGET = "<p>力争到2026年全市科技特派员达到999人。</p>"


def _run(sites: DemoSites, tmp_path: Path, notify: list[str]) -> dict[str, Any]:
    from flows.monitor import monitor

    sources = sites.write_sources(tmp_path / "sources.yaml")
    db = tmp_path / "state" / "kjwatch.duckdb"
    return monitor(str(sources), str(db), str(tmp_path / "raw"), notify, None, 0.0, True)


def _count(tmp_path: Path, sql: str) -> int:
    with duckdb.connect(str(tmp_path / "state" / "kjwatch.duckdb"), read_only=True) as con:
        row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _a_week_passes(tmp_path: Path) -> None:
    """The sources' last successful crawls move a week back, as if the runs had been a week apart."""
    with duckdb.connect(str(tmp_path / "state" / "kjwatch.duckdb")) as con:
        con.execute("UPDATE crawl_results SET started_at = started_at - INTERVAL 8 DAY")


def _add_target(root: Path) -> None:
    page = root / CHANGED_PAGE
    html = page.read_text(encoding="utf-8")
    start = html.index('class="TRS_Editor"')
    end = html.index("</div>", start)
    page.write_text(html[:end] + ADDED_TARGET + html[end:], encoding="utf-8")


def test_monitor_run_delivers_once_and_reacts_to_one_change(sites: DemoSites, tmp_path: Path) -> None:
    with SmtpServer() as smtp, WebhookServer() as hook:
        notify = [smtp.url(), hook.url()]
        first = _run(sites, tmp_path, notify)
        assert first["sources_ok"] == 2
        assert first["documents_new"] >= 4
        assert first["indicators"] >= 30
        assert first["alerts"] >= 10
        assert first["deliveries_failed"] == 0
        assert smtp.sink.messages
        assert hook.posts
        subject = str(smtp.sink.messages[0]["Subject"])
        assert "kjwatch" in subject or "【" in subject
        mail_text = "".join(m.get_content() for m in smtp.sink.messages)
        assert "澄川市科学技术局" in mail_text
        assert "高新技术企业" in mail_text
        assert any("目标" in p["message"] for _, p in hook.posts)
        deliveries = _count(tmp_path, "SELECT count(*) FROM deliveries WHERE status = 'sent'")
        assert deliveries == 2 * first["alerts"]

        mails, posts = len(smtp.sink.messages), len(hook.posts)
        second = _run(sites, tmp_path, notify)
        assert (second["documents_new"], second["documents_changed"], second["alerts"]) == (0, 0, 0)
        assert (len(smtp.sink.messages), len(hook.posts)) == (mails, posts)
        assert _count(tmp_path, "SELECT count(*) FROM deliveries") == deliveries

        _add_target(sites.root)
        _a_week_passes(tmp_path)        # stored reports are revalidated weekly (flows/revalidation.py)
        third = _run(sites, tmp_path, notify)
        assert (third["documents_new"], third["documents_changed"]) == (0, 1)
        assert third["alerts"] == 1
        assert _count(tmp_path, "SELECT count(*) FROM alerts WHERE kind = 'new_target' "
                                "AND key LIKE '%sci_commissioners%2026' AND title LIKE '%999%'") == 1
        assert len(hook.posts) == posts + 1
        assert "999" in hook.posts[-1][1]["message"] + hook.posts[-1][1]["title"]
        assert _count(tmp_path, "SELECT count(*) FROM document_versions") == third["total_documents"] + 1


def _indicator_set(tmp_path: Path) -> set[tuple]:
    with duckdb.connect(str(tmp_path / "state" / "kjwatch.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT document_id, kind, metric, measure, value, year, rank, scope FROM indicators"
                           ).fetchall()
    return set(rows)


def test_reparse_reproduces_the_crawled_indicators(sites: DemoSites, tmp_path: Path) -> None:
    from flows.reparse import reparse

    _run(sites, tmp_path, [])
    crawled = _indicator_set(tmp_path)
    summary = reparse(str(tmp_path / "state" / "kjwatch.duckdb"), True)
    assert summary["failed"] == 0
    assert summary["documents"] >= 4
    assert _indicator_set(tmp_path) == crawled


def test_parsing_on_a_dask_cluster_matches_the_process_pool(sites: DemoSites, tmp_path: Path) -> None:
    from distributed import LocalCluster

    from flows.crawl import crawl_source
    from flows.dask_parse import parse_items_on_dask
    from flows.parse_stage import parse_items
    from spiders.sources import load_sources

    items = []
    for source in load_sources(sites.write_sources(tmp_path / "sources.yaml")):
        outcome = crawl_source(source, tmp_path / "raw", tmp_path / "crawls", tmp_path / "cache", crawl_delay=0)
        items += outcome.items
    with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster:
        on_dask, failed = parse_items_on_dask(items, cluster.scheduler_address)
    local, _ = parse_items(items, workers=1)
    assert not failed
    assert len(on_dask) == len(items) >= 4
    assert _records_per_url(on_dask) == _records_per_url(local)


def _records_per_url(batch: DocumentBatch) -> set[tuple[str, int]]:
    rows = Counter(batch.indicators["doc_row"].to_pylist())
    return {(key.url, rows[row]) for row, key in enumerate(batch.keys)}


def test_each_source_reports_as_it_finishes_and_its_task_run_is_named_after_it(
        sites: DemoSites, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """issue 21 items 3 and 4: a long run printed nothing until every crawl was done, and its
    task runs were named crawl-source-4de instead of by source."""
    from prefect.client.orchestration import get_client

    from flows.monitor import monitor

    sources = sites.write_sources(tmp_path / "sources.yaml")
    db = tmp_path / "state" / "kjwatch.duckdb"
    monitor(str(sources), str(db), str(tmp_path / "raw"), [], None, 0.0, False)
    progress = [line for line in capsys.readouterr().err.splitlines() if line.startswith("[kjwatch] [")]
    assert [line.split("]")[1].strip()[:4] for line in progress] == ["[1/2", "[2/2"]
    with get_client(sync_client=True) as client:
        names = {run.name for run in client.read_task_runs()}
    assert {"crawl-demo-trs-city", "crawl-demo-county-attach"} <= names


def test_the_flow_run_is_named_after_the_kjwatch_run(sites: DemoSites, tmp_path: Path) -> None:
    """issue 21 item 4: flow runs had random names unrelated to the run id."""
    from prefect.client.orchestration import get_client

    from flows.monitor import monitor

    sources = sites.write_sources(tmp_path / "sources.yaml")
    result = monitor(str(sources), str(tmp_path / "k.duckdb"), str(tmp_path / "raw"), [], None, 0.0, True,
                     False, run_id="abc123def456")
    assert result["run_id"] == "abc123def456"
    with get_client(sync_client=True) as client:
        assert "kjwatch-abc123def456" in {run.name for run in client.read_flow_runs()}


def test_a_healthy_run_logs_no_prefect_warning(sites: DemoSites, tmp_path: Path,
                                               caplog: pytest.LogCaptureFixture) -> None:
    """issue 21 item 4: every source logged "Timeout of 3600 seconds configured for this task, but
    the task is running in a worker thread" on every run, also with --quiet. Prefect's logging
    setup replaces the root logger's handlers, so the capture hangs on the `prefect` logger."""
    from flows.monitor import monitor

    sources = sites.write_sources(tmp_path / "sources.yaml")
    prefect_logger = logging.getLogger("prefect")
    prefect_logger.addHandler(caplog.handler)
    try:
        result = monitor(str(sources), str(tmp_path / "k.duckdb"), str(tmp_path / "raw"), [], None, 0.0,
                         True, False)
    finally:
        prefect_logger.removeHandler(caplog.handler)
    assert result["sources_ok"] == 2
    warnings = [f"{r.name}: {r.getMessage()[:100]}" for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == []
