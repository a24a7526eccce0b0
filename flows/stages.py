"""The steps of a monitoring run as plain functions; `flows/monitor.py` wraps them as tasks.

Each step that writes opens the warehouse only for its own short transaction,
so `kjwatch sql` readers get in between steps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from alerts.channels import Channel
from alerts.deliver import DeliveryOutcome
from alerts.detect import detect_fact_alerts, detect_failing_sources, detect_new_documents
from alerts.model import Alert, Fact, NewDocument
from flows.baseline import is_baseline, quiet_sources
from flows.crawl import CrawlOutcome
from flows.notify_setup import deliver_owed, failing_runs, route_new_alerts
from flows.parse_stage import ParseFailure
from flows.revalidation import urls_to_skip
from flows.run_process import is_gone, this_process
from spiders.failures import message_url
from warehouse.arrow import registered
from warehouse.db import query, writer
from warehouse.document_batch import DocumentBatch
from warehouse.load import load_documents
from warehouse.model import LoadResult
from warehouse.outbox import insert_new_alerts
from warehouse.runs import (
    CrawlResultRow,
    ErrorRow,
    begin_run,
    finish_run,
    mark_interrupted,
    record_crawl_results,
    record_document_counts,
    record_errors,
    source_start_url,
    unfinished_runs,
    upsert_sources,
)

Progress = Callable[[str], None]


def start_run(db: Path, run_id: str, flow: str, sources: Sequence[dict[str, Any]]) -> list[str]:
    """Begin the run; earlier runs left 'running' by a process that is gone are marked
    interrupted first. Returns their ids."""
    with writer(db) as con:
        gone = [r.id for r in unfinished_runs(con) if is_gone(r.pid, r.host)]
        mark_interrupted(con, gone, run_id)
        begin_run(con, run_id, flow, *this_process())
        upsert_sources(con, sources)
    return gone


def other_runs_in_progress(db: Path, run_id: str) -> list[str]:
    """Runs other than `run_id` still 'running' (after `start_run`, only those of a live process)."""
    with writer(db) as con:
        return [r.id for r in unfinished_runs(con) if r.id != run_id]


def seen_urls(db: Path, now: datetime | None = None) -> dict[str, list[str]]:
    """Stored document URLs and the pages linking them, per source, that the crawl skips: all
    but those due for their weekly revalidation (flows/revalidation.py)."""
    with writer(db) as con:
        rows = query(con, "revalidation_documents")
    return urls_to_skip(rows, now)


def _crawl_row(run_id: str, o: CrawlOutcome) -> CrawlResultRow:
    return CrawlResultRow(
        run_id=run_id, source_id=o.source_id, status=o.status, pages_fetched=o.pages_fetched,
        documents_found=len(o.items), errors=len(o.errors), error="; ".join(o.errors[:5]) or None,
        evidence=o.evidence, started_at=o.started_at, finished_at=o.finished_at)


def record_crawl(db: Path, run_id: str, outcome: CrawlOutcome) -> None:
    """One source's outcome and errors, stored the moment its crawl ends: a run killed later
    keeps every crawl that finished. Its new/changed counts follow when documents are loaded.
    Each error row carries the page it names (`URL: reason`), else the source's start URL."""
    now = datetime.now(UTC)
    with writer(db) as con:
        record_crawl_results(con, [_crawl_row(run_id, outcome)])
        start_url = source_start_url(con, outcome.source_id)
        record_errors(con, [ErrorRow(run_id, outcome.source_id, message_url(e) or start_url, "crawl", e, now)
                            for e in outcome.errors])


def _document_counts(loaded: LoadResult, parsed: DocumentBatch) -> dict[str, tuple[int, int]]:
    """(new, changed) documents per source of this load."""
    by_id = {d.id: d.source_id for d in parsed.keys}
    new = Counter(by_id[i] for i in loaded.new_ids if i in by_id)
    changed = Counter(by_id[i] for i in loaded.changed_ids if i in by_id)
    return {source: (new[source], changed[source]) for source in new | changed}


def load_run(db: Path, run_id: str, outcomes: Sequence[CrawlOutcome], parsed: DocumentBatch,
             failures: Sequence[ParseFailure], channels: Sequence[Channel], detect_alerts: bool = True,
             baseline: str | None = None) -> tuple[LoadResult, list[Alert], list[Alert]]:
    """Load documents, count them per source, detect and store alerts with their outbox rows:
    one lock. The crawl outcomes themselves are already stored (`record_crawl`). Alerts of a
    `baseline` (flows/baseline.py) are stored without rows and returned apart: never sent."""
    with writer(db) as con:
        quiet = quiet_sources(con, baseline, [o.source_id for o in outcomes])  # before this run's documents
        loaded = load_documents(con, parsed, run_id)
        record_document_counts(con, run_id, _document_counts(loaded, parsed))
        now = datetime.now(UTC)
        record_errors(con, [ErrorRow(run_id, f.source_id, f.url, "text", f.message, now) for f in failures])
        if not detect_alerts:
            return loaded, [], []
        candidates = _detect(con, loaded, parsed, [o.source_id for o in outcomes])
        inserted = set(insert_new_alerts(con, [_alert_row(a) for a in candidates], run_id))
        new = [a for a in candidates if a.id in inserted]
        quieted = [a for a in new if is_baseline(a, quiet)]
        route_new_alerts(con, sorted({a.id for a in new} - {a.id for a in quieted}), channels)
    return loaded, new, quieted


def _alert_row(alert: Alert) -> dict[str, Any]:
    return {"id": alert.id, "kind": alert.kind, "key": alert.key, "source_id": alert.source_id,
            "document_id": alert.document_id, "title": alert.title, "body": alert.body, "url": alert.url}


def _with_table(con: Any, name: str, column: str, values: Sequence[str], sql: str) -> list[dict[str, Any]]:
    with registered(con, name, pa.table({column: pa.array(list(values), pa.string())})):
        return query(con, sql)


def _detect(con: Any, loaded: LoadResult, parsed: DocumentBatch, crawled_sources: Sequence[str]
            ) -> list[Alert]:
    touched = set(loaded.new_ids) | set(loaded.changed_ids)
    new_docs = _with_table(con, "batch_documents", "id", loaded.new_ids, "new_documents")
    sources = sorted({d.source_id for d in parsed.keys if d.id in touched})
    facts = [Fact(**row) for row in _with_table(con, "batch_sources", "id", sources, "facts_for_sources")]
    history: dict[str, list[tuple[str, str]]] = {}
    for row in query(con, "crawl_history"):
        if row["source_id"] in crawled_sources:
            history.setdefault(row["source_id"], []).append((row["run_id"], row["status"]))
    documents = [NewDocument(**{**d, "doc_types": tuple(d["doc_types"] or ())}) for d in new_docs]
    return (detect_new_documents(documents) + detect_fact_alerts(facts)
            + detect_failing_sources(history, failing_runs()))


def deliver_pending(db: Path, channels: Sequence[Channel], progress: Progress) -> list[DeliveryOutcome]:
    """Send what the outbox owes to configured channels; record each outcome as it is known."""
    return deliver_owed(db, channels, progress)


def end_run(db: Path, run_id: str, status: str, summary: dict[str, Any]) -> dict[str, Any]:
    with writer(db) as con:
        finish_run(con, run_id, status, summary)
        totals = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM indicators), "
                             "(SELECT count(*) FROM alerts)").fetchone() or (0, 0, 0)
    return {**summary, "total_documents": totals[0], "total_indicators": totals[1], "total_alerts": totals[2]}
