"""The `reparse` flow: re-extract every stored raw document with the current extractor.

No network: the raw bytes kept content-addressed under the data dir are the input,
so an improved extractor can be applied to everything already collected.
"""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.parse_stage import ParseFailure, parse_items
from flows.run_process import this_process
from warehouse.db import query, writer
from warehouse.document_batch import DocumentBatch
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


@flow(name="reparse")
def reparse(db: str, quiet: bool = False) -> dict[str, Any]:
    """Re-extract all stored documents; a document whose raw file is gone is reported, not lost."""
    db_path = Path(db)
    run_id = uuid.uuid4().hex[:12]
    with writer(db_path) as con:
        begin_run(con, run_id, "reparse", *this_process())
    items = stored_items(db_path)
    parsed, failures = reparse_task(items)
    indicators = store_reextraction(db_path, run_id, parsed, failures)
    if not quiet:
        for f in failures:
            print(f"[kjwatch] cannot re-read {f.url}: {f.message}", file=sys.stderr)
    summary = {"run_id": run_id, "documents": len(parsed), "failed": len(failures), "indicators": indicators}
    with writer(db_path) as con:
        finish_run(con, run_id, "completed", {"indicators": indicators, "documents_changed": len(parsed),
                                             "message": f"{len(failures)} document(s) could not be re-read"})
    return summary
