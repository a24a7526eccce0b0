"""The `reparse` flow: re-extract every stored raw document with the current extractor.

No network: the raw bytes kept content-addressed under the data dir are the input,
so an improved extractor can be applied to everything already collected.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.parse_stage import ParseFailure, parse_items
from flows.progress import WorkProgress, work_progress
from flows.run_process import this_process
from warehouse.db import query, writer
from warehouse.document_batch import DocumentBatch, concat_batches
from warehouse.load import replace_extractions
from warehouse.runs import ErrorRow, begin_run, finish_run, record_errors


def stored_items(db: Path) -> list[dict[str, Any]]:
    """Stored documents as crawl items (ISO strings where the crawler writes strings)."""
    with writer(db) as con:
        rows = query(con, "stored_documents")
    for row in rows:
        row["fetched_at"] = row["fetched_at"].isoformat()
        row["published_at"] = row["published_at"].isoformat() if row["published_at"] else None
    return rows


@task(name="reparse-documents", cache_policy=NO_CACHE)
def reparse_task(items: list[dict[str, Any]]) -> tuple[DocumentBatch, list[ParseFailure]]:
    return parse_items(items)


def store_reextraction(db: Path, run_id: str, parsed: DocumentBatch, failures: list[ParseFailure]
                       ) -> int:
    with writer(db) as con:
        count = replace_extractions(con, parsed, run_id)
        now = datetime.now(UTC)
        record_errors(con, [ErrorRow(run_id, f.source_id, f.url, "text", f.message, now) for f in failures])
    return count


def by_source(items: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Stored items per source, in the order they came: the bar moves as each source is re-read."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        groups.setdefault(item["source_id"], []).append(item)
    return groups


def _reparse_sources(bar: WorkProgress, groups: dict[str, list[dict[str, Any]]]
                     ) -> tuple[DocumentBatch, list[ParseFailure]]:
    batches: list[DocumentBatch] = []
    failures: list[ParseFailure] = []
    bar.start(len(groups))
    for count, (source_id, group) in enumerate(groups.items(), 1):
        parsed, failed = reparse_task.with_options(task_run_name=f"reparse-{source_id}")(group)
        batches.append(parsed)
        failures += failed
        for f in failed:
            bar.note(f"cannot re-read {f.url}: {f.message}")
        bar.source_done(f"[{count}/{len(groups)}] {source_id}: {len(parsed)} document(s) re-extracted, "
                        f"{len(failed)} could not be re-read", 0, len(parsed), len(failed))
    return concat_batches(batches), failures


@flow(name="reparse")
def reparse(db: str, quiet: bool = False) -> dict[str, Any]:
    """Re-extract all stored documents; a document whose raw file is gone is reported, not lost.
    Sources are re-read one after another so the progress (flows/progress.py) moves per source."""
    db_path = Path(db)
    run_id = uuid.uuid4().hex[:12]
    with writer(db_path) as con:
        begin_run(con, run_id, "reparse", *this_process())
    with work_progress("kjwatch reparse", quiet) as bar:
        parsed, failures = _reparse_sources(bar, by_source(stored_items(db_path)))
        bar.phase("storing 入库")
        indicators = store_reextraction(db_path, run_id, parsed, failures)
    summary = {"run_id": run_id, "documents": len(parsed), "failed": len(failures), "indicators": indicators}
    with writer(db_path) as con:
        finish_run(con, run_id, "completed", {"indicators": indicators, "documents_changed": len(parsed),
                                             "message": f"{len(failures)} document(s) could not be re-read"})
    return summary
