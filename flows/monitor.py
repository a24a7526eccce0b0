"""The `monitor` flow: crawl → text → indicators → DuckDB → alerts → delivery.

Import only after `flows.config.prepare_prefect` has set Prefect's environment.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.concurrency.sync import concurrency
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from flows import stages
from flows.baseline import baseline_mode, baseline_note
from flows.config import notify_from_env
from flows.crawl import CrawlOutcome, crawl_source
from flows.notify_setup import load_channels
from flows.parse_stage import ParseFailure, parse_items
from flows.progress import WorkProgress, work_progress
from flows.registry import select
from flows.report.command import report_after_run
from spiders.sources import Source, load_sources
from warehouse.document_batch import DocumentBatch

CRAWL_CONCURRENCY = 2
CRAWL_LIMIT_NAME = "kjwatch-crawl"


def _progress(bar: WorkProgress) -> stages.Progress:
    """Progress goes to Prefect's run log always, and to the terminal (bar or lines) unless quiet."""
    logger = get_run_logger()

    def say(message: str) -> None:
        logger.info(message)
        bar.note(message)
    return say


def ensure_crawl_limit(limit: int) -> None:
    """Crawls across all runs and workers share one global concurrency limit."""
    with get_client(sync_client=True) as client:
        client.upsert_global_concurrency_limit_by_name(CRAWL_LIMIT_NAME, limit)


@task(name="crawl-source", task_run_name="crawl-{source.id}", retries=1, retry_delay_seconds=5,
      cache_policy=NO_CACHE)
def crawl_task(source: Source, raw_dir: Path, work_dir: Path, cache_dir: Path,
               crawl_delay: float | None, seen_urls: list[str]) -> CrawlOutcome:
    """No Prefect timeout: crawls run in the task runner's worker threads, where Prefect cannot
    interrupt them and only warns on every run. The crawl subprocess has its own time limit
    (`flows.crawl.CRAWL_TIMEOUT_SECONDS`), which kills a stuck crawl and records it as failed."""
    with concurrency(CRAWL_LIMIT_NAME, occupy=1):
        return crawl_source(source, raw_dir, work_dir, cache_dir, crawl_delay=crawl_delay, seen_urls=seen_urls)


@task(name="parse-documents", retries=1, timeout_seconds=3600, cache_policy=NO_CACHE)
def parse_task(items: list[dict[str, Any]]) -> tuple[DocumentBatch, list[ParseFailure]]:
    return parse_items(items)


def _as_they_finish(futures: list[Any], bar: WorkProgress, store: Callable[[CrawlOutcome], None]
                    ) -> list[CrawlOutcome]:
    """Each source's outcome is stored and reported the moment its crawl ends (a long run is
    not silent, a killed one keeps what finished); they come back in the order given."""
    order = {id(f): n for n, f in enumerate(futures)}
    done: dict[int, CrawlOutcome] = {}
    logger = get_run_logger()
    for count, future in enumerate(as_completed(futures), 1):
        o = future.result()
        store(o)
        done[order[id(future)]] = o
        line = (f"[{count}/{len(futures)}] {o.source_id}: {o.status}, {o.pages_fetched} page(s), "
                f"{len(o.items)} document(s)" + (f" — {o.evidence}" if o.evidence else ""))
        logger.info(line)
        bar.source_done(line, o.pages_fetched, len(o.items), max(len(o.errors), int(o.status != "ok")))
    return [done[n] for n in range(len(futures))]


def select_sources(sources_file: Path, tags: list[str] | None) -> list[Source]:
    return select(load_sources(sources_file), tags, str(sources_file))


def _flow_run_name() -> str:
    """The flow run carries the kjwatch run id (runs.id), so Prefect's UI and the warehouse agree."""
    from prefect.runtime import flow_run

    given = flow_run.parameters.get("run_id")
    return f"kjwatch-{given}" if given else f"kjwatch-{str(flow_run.id)[:12]}"


@flow(name="monitor", flow_run_name=_flow_run_name,
      task_runner=ThreadPoolTaskRunner(max_workers=CRAWL_CONCURRENCY))  # type: ignore[arg-type]
def monitor(sources_file: str, db: str, raw_dir: str, notify: list[str] | None = None,
            tags: list[str] | None = None, crawl_delay: float | None = None, quiet: bool = False,
            detect_alerts: bool = True, dask_address: str | None = None, notify_config: str | None = None,
            run_id: str | None = None, baseline: str | None = None) -> dict[str, Any]:
    """One monitoring run over every source (or those with one of `tags`); with `baseline`
    ("all", "new"; default $KJWATCH_BASELINE) its alerts are recorded, not sent (flows/baseline.py).
    The bar (flows/progress.py) is stopped whatever happens, so the terminal is left clean."""
    bar = work_progress("kjwatch run" if detect_alerts else "kjwatch crawl", quiet)
    try:
        return _monitor(bar, sources_file, db, raw_dir, notify, tags, crawl_delay, detect_alerts, dask_address,
                        notify_config, run_id, baseline)
    finally:
        bar.close()


def _monitor(bar: WorkProgress, sources_file: str, db: str, raw_dir: str, notify: list[str] | None,
             tags: list[str] | None, crawl_delay: float | None, detect_alerts: bool, dask_address: str | None,
             notify_config: str | None, run_id: str | None, baseline: str | None) -> dict[str, Any]:
    say = _progress(bar)
    baseline = baseline_mode(baseline)
    db_path, raw_path = Path(db), Path(raw_dir)
    sources = select_sources(Path(sources_file), tags)
    # URLs may carry tokens: the CLI hands them over in KJWATCH_NOTIFY, not as parameters
    # that Prefect would store with the flow run.
    urls = list(notify) if notify else list(notify_from_env())
    channels = load_channels(urls, notify_config) if detect_alerts else []
    run_id = run_id or uuid.uuid4().hex[:12]
    interrupted = stages.start_run(db_path, run_id, "monitor", [s.to_dict() for s in sources])
    if interrupted:
        say(f"marked {len(interrupted)} earlier run(s) interrupted (their process is gone): "
            + ", ".join(interrupted))
    ensure_crawl_limit(CRAWL_CONCURRENCY)
    say(f"run {run_id}: crawling {len(sources)} source(s)")
    bar.start(len(sources))
    work_dir, cache_dir = db_path.parent / "crawls", db_path.parent / "httpcache"
    seen = stages.seen_urls(db_path)
    futures = [crawl_task.submit(s, raw_path, work_dir, cache_dir, crawl_delay, seen.get(s.id, []))
               for s in sources]
    outcomes = _as_they_finish(futures, bar, partial(stages.record_crawl, db_path, run_id))
    items = [i for o in outcomes for i in o.items]
    bar.phase("parsing 解析")
    if dask_address:
        from flows.dask_parse import parse_items_on_dask

        parsed, failures = parse_items_on_dask(items, dask_address)
    else:
        parsed, failures = parse_task(items)
    for f in failures:
        say(f"cannot read {f.url}: {f.message}")
    bar.phase("loading 入库")
    loaded, new_alerts, quieted = stages.load_run(db_path, run_id, outcomes, parsed, failures, channels,
                                                  detect_alerts=detect_alerts, baseline=baseline)
    say(f"{len(loaded.new_ids)} new and {len(loaded.changed_ids)} changed document(s), "
        f"{loaded.indicators} indicator(s), {len(new_alerts)} new alert(s)")
    if not channels:
        for alert in new_alerts:
            if alert not in quieted:
                print(f"  {alert.title}")
    bar.phase("delivering 投递")
    delivered = stages.deliver_pending(db_path, channels, say)
    summary = {
        "run_id": run_id,
        "sources_ok": sum(o.status == "ok" for o in outcomes),
        "sources_failed": sum(o.status == "failed" for o in outcomes),
        "sources_blocked": sum(o.status == "blocked" for o in outcomes),
        "documents_new": len(loaded.new_ids), "documents_changed": len(loaded.changed_ids),
        "indicators": loaded.indicators, "alerts": len(new_alerts),
        "deliveries_sent": sum(d.sent for d in delivered),
        "deliveries_failed": sum(not d.sent for d in delivered),
        "baseline": len(quieted) if baseline else None,
        "message": baseline_note(baseline, len(quieted)),
    }
    result = stages.end_run(db_path, run_id, "completed", summary)
    get_run_logger().info("summary: %s", ", ".join(f"{k} {v}" for k, v in result.items() if k != "message"))
    bar.phase("report 报告")
    report_after_run(db_path, say)
    bar.phase("done 完成")
    return result
