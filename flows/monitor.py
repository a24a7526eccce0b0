"""The `monitor` flow: crawl → text → indicators → DuckDB → alerts → delivery.

Import only after `flows.config.prepare_prefect` has set Prefect's environment.
"""

from __future__ import annotations

import queue
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import GlobalConcurrencyLimitUpdate
from prefect.concurrency.sync import concurrency
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from flows import stages
from flows.baseline import baseline_mode, baseline_note
from flows.config import notify_from_env
from flows.crawl import CrawlOutcome, crawl_source
from flows.crawl_batch import crawl_batch, crawl_process_mode
from flows.masked_flow import masked_flow
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


def ensure_crawl_limit(limit: int, free_leftovers: bool = False) -> None:
    """Crawls across all runs and workers share one global concurrency limit. With
    `free_leftovers` (no other run of this warehouse is in progress) slots still held are a
    killed run's: SIGKILL gives Prefect no chance to release them, and the next run would wait
    for them forever, so they are freed."""
    with get_client(sync_client=True) as client:
        client.upsert_global_concurrency_limit_by_name(CRAWL_LIMIT_NAME, limit)
        if free_leftovers and client.read_global_concurrency_limit_by_name(CRAWL_LIMIT_NAME).active_slots:
            client.update_global_concurrency_limit(CRAWL_LIMIT_NAME, GlobalConcurrencyLimitUpdate(active_slots=0))


@task(name="crawl-source", task_run_name="crawl-{source.id}", retries=1, retry_delay_seconds=5,
      cache_policy=NO_CACHE)
def crawl_task(source: Source, raw_dir: Path, work_dir: Path, cache_dir: Path,
               crawl_delay: float | None, seen_urls: list[str]) -> CrawlOutcome:
    """No Prefect timeout: crawls run in the task runner's worker threads, where Prefect cannot
    interrupt them and only warns on every run. The crawl subprocess has its own time limit
    (`flows.crawl.CRAWL_TIMEOUT_SECONDS`), which kills a stuck crawl and records it as failed."""
    with concurrency(CRAWL_LIMIT_NAME, occupy=1):
        return crawl_source(source, raw_dir, work_dir, cache_dir, crawl_delay=crawl_delay, seen_urls=seen_urls)


@task(name="crawl-batch", task_run_name="crawl-{name}", cache_policy=NO_CACHE)
def crawl_batch_task(name: str, sources: list[Source], raw_dir: Path, work_dir: Path, cache_dir: Path,
                     crawl_delay: float | None, seen_urls: dict[str, list[str]],
                     finished: queue.Queue[CrawlOutcome | None]) -> None:
    """One long-lived crawl process for a share of the sources (flows/crawl_batch.py), holding one
    slot of the global crawl limit; each outcome goes to `finished` as it ends, then None."""
    try:
        with concurrency(CRAWL_LIMIT_NAME, occupy=1):
            crawl_batch(sources, raw_dir, work_dir, cache_dir, finished.put, crawl_delay, seen_urls)
    finally:
        finished.put(None)


@task(name="parse-documents", retries=1, timeout_seconds=3600, cache_policy=NO_CACHE)
def parse_task(items: list[dict[str, Any]]) -> tuple[DocumentBatch, list[ParseFailure]]:
    return parse_items(items)


def _source_line(count: int, total: int, o: CrawlOutcome) -> str:
    return (f"[{count}/{total}] {o.source_id}: {o.status}, {o.pages_fetched} page(s), "
            f"{len(o.items)} document(s)" + (f" — {o.evidence}" if o.evidence else ""))


def _finished(count: int, total: int, o: CrawlOutcome, bar: WorkProgress, store: Callable[[CrawlOutcome], None]
              ) -> None:
    """Stored and reported the moment a crawl ends: a long run is not silent, a killed one keeps what finished."""
    store(o)
    line = _source_line(count, total, o)
    get_run_logger().info(line)
    bar.source_done(line, o.pages_fetched, len(o.items), max(len(o.errors), int(o.status != "ok")))


def _as_they_finish(futures: list[Any], bar: WorkProgress, store: Callable[[CrawlOutcome], None]
                    ) -> list[CrawlOutcome]:
    """Per-source crawl tasks: outcomes as they end, returned in the order given."""
    order = {id(f): n for n, f in enumerate(futures)}
    done: dict[int, CrawlOutcome] = {}
    for count, future in enumerate(as_completed(futures), 1):
        done[order[id(future)]] = future.result()
        _finished(count, len(futures), done[order[id(future)]], bar, store)
    return [done[n] for n in range(len(futures))]


def _batch_name(share: list[Source]) -> str:
    """A batch's task run is named after its sources: `crawl-<id>` alone, `crawl-<id>-and-<n>-more`."""
    return share[0].id if len(share) == 1 else f"{share[0].id}-and-{len(share) - 1}-more"


def _crawl_all(sources: list[Source], paths: tuple[Path, Path, Path], crawl_delay: float | None,
               seen: dict[str, list[str]], bar: WorkProgress, store: Callable[[CrawlOutcome], None]
               ) -> list[CrawlOutcome]:
    """CRAWL_CONCURRENCY long-lived crawl processes share the sources (KJWATCH_CRAWL_PROCESS=per-source:
    one process per source); outcomes are stored in this thread as they end, returned in source order."""
    raw_path, work_dir, cache_dir = paths
    if crawl_process_mode() == "per-source":
        futures = [crawl_task.submit(s, raw_path, work_dir, cache_dir, crawl_delay, seen.get(s.id, []))
                   for s in sources]
        return _as_they_finish(futures, bar, store)
    finished: queue.Queue[CrawlOutcome | None] = queue.Queue()
    shares = [share for share in (sources[n::CRAWL_CONCURRENCY] for n in range(CRAWL_CONCURRENCY)) if share]
    batches = [crawl_batch_task.submit(_batch_name(share), share, raw_path, work_dir, cache_dir, crawl_delay,
                                       {s.id: seen.get(s.id, []) for s in share}, finished)
               for share in shares]
    done: dict[str, CrawlOutcome] = {}
    running = len(batches)
    while running:
        try:
            outcome = finished.get(timeout=5)
        except queue.Empty:     # a batch task that never ran its body announces nothing
            running = 0 if all(b.state.is_final() for b in batches) and finished.empty() else running
            continue
        if outcome is None:
            running -= 1
            continue
        done[outcome.source_id] = outcome
        _finished(len(done), len(sources), outcome, bar, store)
    for batch in batches:
        batch.result()
    return [done[s.id] for s in sources]


def select_sources(sources_file: Path, tags: list[str] | None) -> list[Source]:
    return select(load_sources(sources_file), tags, str(sources_file))


def _flow_run_name() -> str:
    """The flow run carries the kjwatch run id (runs.id), so Prefect's UI and the warehouse agree."""
    from prefect.runtime import flow_run

    given = flow_run.parameters.get("run_id")
    return f"kjwatch-{given}" if given else f"kjwatch-{str(flow_run.id)[:12]}"


# `notify` URLs carry tokens: Prefect stores them masked, also when Python callers pass them (flows/masked_flow.py).
@masked_flow(("notify",), name="monitor", flow_run_name=_flow_run_name,
             task_runner=ThreadPoolTaskRunner(max_workers=CRAWL_CONCURRENCY))
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
    ensure_crawl_limit(CRAWL_CONCURRENCY, free_leftovers=not stages.other_runs_in_progress(db_path, run_id))
    say(f"run {run_id}: crawling {len(sources)} source(s)")
    bar.start(len(sources))
    work_dir, cache_dir = db_path.parent / "crawls", db_path.parent / "httpcache"
    seen = stages.seen_urls(db_path)
    outcomes = _crawl_all(sources, (raw_path, work_dir, cache_dir), crawl_delay, seen, bar,
                          partial(stages.record_crawl, db_path, run_id))
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
