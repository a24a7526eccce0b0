"""The steps of a monitoring run as plain functions; `flows/monitor.py` wraps them as tasks.

Each step that writes opens the warehouse only for its own short transaction,
so `kjwatch sql` readers get in between steps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from alerts.channels import Channel
from alerts.deliver import DeliveryOutcome
from alerts.detect import detect_fact_alerts, detect_failing_sources, detect_new_documents
from alerts.model import Alert, Fact, NewDocument
from flows.crawl import CrawlOutcome
from flows.notify_setup import deliver_owed, failing_runs, route_new_alerts
from flows.parse_stage import ParseFailure
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
    record_crawl_results,
    record_errors,
    upsert_sources,
)

Progress = Callable[[str], None]


def start_run(db: Path, run_id: str, flow: str, sources: Sequence[dict[str, Any]]) -> None:
    with writer(db) as con:
        begin_run(con, run_id, flow)
        upsert_sources(con, sources)


def seen_urls(db: Path) -> dict[str, list[str]]:
    """Long-stored document URLs and the pages linking them, per source: the crawl skips them."""
    with writer(db) as con:
        rows = query(con, "seen_urls")
    seen: dict[str, list[str]] = {}
    for row in rows:
        seen.setdefault(row["source_id"], []).append(row["url"])
    return seen


def _crawl_rows(run_id: str, outcomes: Sequence[CrawlOutcome], loaded: LoadResult,
                parsed: DocumentBatch) -> list[CrawlResultRow]:
    by_id = {d.id: d.source_id for d in parsed.keys}
    rows = []
    for o in outcomes:
        rows.append(CrawlResultRow(
            run_id=run_id, source_id=o.source_id, status=o.status, pages_fetched=o.pages_fetched,
            documents_found=len(o.items),
            documents_new=sum(by_id.get(i) == o.source_id for i in loaded.new_ids),
            documents_changed=sum(by_id.get(i) == o.source_id for i in loaded.changed_ids),
            errors=len(o.errors), error="; ".join(o.errors[:5]) or None, evidence=o.evidence,
            started_at=o.started_at, finished_at=o.finished_at))
    return rows


def _error_rows(run_id: str, outcomes: Sequence[CrawlOutcome], failures: Sequence[ParseFailure]
                ) -> list[ErrorRow]:
    now = datetime.now(UTC)
    rows = [ErrorRow(run_id, o.source_id, None, "crawl", e, now) for o in outcomes for e in o.errors]
    rows += [ErrorRow(run_id, f.source_id, f.url, "text", f.message, now) for f in failures]
    return rows


def load_run(db: Path, run_id: str, outcomes: Sequence[CrawlOutcome], parsed: DocumentBatch,
             failures: Sequence[ParseFailure], channels: Sequence[Channel], detect_alerts: bool = True
             ) -> tuple[LoadResult, list[Alert]]:
    """Load documents, record outcomes, detect and store alerts with their outbox rows: one lock."""
    with writer(db) as con:
        loaded = load_documents(con, parsed, run_id)
        record_crawl_results(con, _crawl_rows(run_id, outcomes, loaded, parsed))
        record_errors(con, _error_rows(run_id, outcomes, failures))
        if not detect_alerts:
            return loaded, []
        candidates = _detect(con, loaded, parsed, [o.source_id for o in outcomes])
        inserted = set(insert_new_alerts(con, [_alert_row(a) for a in candidates], run_id))
        route_new_alerts(con, sorted(inserted), channels)
    return loaded, [a for a in candidates if a.id in inserted]


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
