"""Bulk loading of documents and their indicators, one transaction per load step.

Rows go in as Arrow tables (DuckDB scans them without a round trip per row);
each batch is de-duplicated first because DuckDB silently keeps the first of two
conflicting rows within one statement.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from parsing.records import DocumentHeader, IndicatorRecord
from warehouse.arrow import insert_rows, registered, rows_table
from warehouse.document_batch import DocumentWrite, document_table
from warehouse.indicator_batch import DocumentRecords, indicator_table
from warehouse.model import LoadResult, ParsedDocument
from warehouse.sqlfiles import read_sql


def _unique_batch(docs: Iterable[ParsedDocument]) -> tuple[list[ParsedDocument], int]:
    """Last fetch of a URL wins; a second URL with already-seen bytes is a duplicate."""
    by_url: dict[str, ParsedDocument] = {}
    for doc in docs:
        by_url[doc.url] = doc
    seen_sha: set[str] = set()
    kept = []
    for doc in by_url.values():
        if doc.content_sha256 in seen_sha:
            continue
        seen_sha.add(doc.content_sha256)
        kept.append(doc)
    return kept, len(by_url) - len(kept)


def _insert_indicators(con: duckdb.DuckDBPyConnection, items: Sequence[DocumentRecords],
                       run_id: str | None) -> tuple[int, int]:
    """Valid rows into `indicators`, the rest into `rejected_records`; returns both counts."""
    table, refused = indicator_table(items)
    with registered(con, "batch_indicators", table):
        row = con.execute(read_sql("queries", "insert_indicators")).fetchone()
        inserted = int(row[0]) if row else 0
        if inserted < table.num_rows:  # only then is there anything to reject
            con.execute(read_sql("queries", "insert_rejected_indicators"), [run_id])
    insert_rows(con, "rejected_records", [
        {"run_id": run_id, "document_id": doc_id, "url": None,
         "record": json.dumps(record.to_json(""), ensure_ascii=False, default=str), "reason": reason,
         "rejected_at": datetime.now(UTC)}
        for doc_id, record, reason in refused])
    return inserted, table.num_rows - inserted


def refresh_latest(con: duckdb.DuckDBPyConnection, source_ids: set[str]) -> None:
    """Recompute `latest_indicators` for the given sources, inside the caller's transaction."""
    if not source_ids:
        return
    with registered(con, "refresh_sources", pa.table({"id": pa.array(sorted(source_ids), pa.string())})):
        con.execute(read_sql("queries", "delete_latest_indicators"))
        con.execute(read_sql("queries", "insert_latest_indicators"))


def _existing(con: duckdb.DuckDBPyConnection, docs: Sequence[ParsedDocument]) -> dict[str, tuple]:
    with registered(con, "batch_urls", pa.table({"url": [d.url for d in docs]})):
        rows = con.execute(read_sql("queries", "existing_documents")).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _known_shas(con: duckdb.DuckDBPyConnection, docs: Sequence[ParsedDocument]) -> dict[str, str]:
    with registered(con, "batch_shas", pa.table({"sha": [d.content_sha256 for d in docs]})):
        rows = con.execute(read_sql("queries", "documents_by_sha")).fetchall()
    return {r[0]: r[1] for r in rows}


def load_documents(con: duckdb.DuckDBPyConnection, docs: Iterable[ParsedDocument], run_id: str
                   ) -> LoadResult:
    """Insert new documents, version changed ones, skip unchanged ones — atomically."""
    batch, duplicates = _unique_batch(docs)
    result = LoadResult(duplicates=duplicates)
    if not batch:
        return result
    with collector_paused():
        con.execute("BEGIN TRANSACTION")
        try:
            _load_batch(con, batch, run_id, result)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    return result


@contextmanager
def collector_paused() -> Iterator[None]:
    """A bulk load allocates millions of objects that live until it ends; Python's cyclic
    collector would walk them again and again (a third of the load time) and find nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_batch(con: duckdb.DuckDBPyConnection, batch: list[ParsedDocument], run_id: str,
                result: LoadResult) -> None:
    writes = _writes(con, batch, result)
    _delete_documents(con, result.changed_ids)
    if writes:
        with registered(con, "batch_documents", document_table(writes, run_id)):
            con.execute(read_sql("queries", "insert_documents"))
            con.execute(read_sql("queries", "insert_document_versions"))
    records = [(w.doc.id, w.doc.records, w.doc.extractor_version) for w in writes]
    result.indicators, result.rejected = _insert_indicators(con, records, run_id)
    refresh_latest(con, {w.doc.source_id for w in writes})


def _writes(con: duckdb.DuckDBPyConnection, batch: list[ParsedDocument], result: LoadResult
            ) -> list[DocumentWrite]:
    """Which documents are new or changed, and which the store already has (counted, not written)."""
    existing = _existing(con, batch)
    known = _known_shas(con, batch)
    now = datetime.now(UTC)
    writes: list[DocumentWrite] = []
    for doc in batch:
        old = existing.get(doc.url)
        if old is None:
            if doc.content_sha256 in known:
                result.duplicates += 1
                continue
            result.new_ids.append(doc.id)
            writes.append(DocumentWrite(doc, 1, now))
        elif old[1] == doc.content_sha256:
            result.unchanged += 1
        else:
            result.changed_ids.append(doc.id)
            writes.append(DocumentWrite(doc, old[2] + 1, old[0]))
    return writes


def _delete_documents(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """Changed documents are replaced whole: their row and current indicators go first."""
    if not ids:
        return
    with registered(con, "changed_ids", pa.table({"id": ids})):
        con.execute(read_sql("queries", "archive_indicators"))
        con.execute("DELETE FROM indicators WHERE document_id IN (SELECT id FROM changed_ids)")
        con.execute("DELETE FROM documents WHERE id IN (SELECT id FROM changed_ids)")


def replace_extractions(con: duckdb.DuckDBPyConnection, docs: Sequence[ParsedDocument], run_id: str | None
                        ) -> int:
    """Re-extraction of stored documents: swap their indicators and header fields for a newer
    extractor's in one transaction. The bytes did not change, so no version row is written."""
    if not docs:
        return 0
    updates = rows_table([{"id": d.id, "report_year": d.header.report_year if d.header else None,
                           "doc_types": list(d.header.doc_types) if d.header else [],
                           "bureau": d.header.bureau if d.header else None,
                           "level": d.header.level if d.header else None, "text": d.text,
                           "extractor_version": d.extractor_version} for d in docs])
    con.execute("BEGIN TRANSACTION")
    try:
        with registered(con, "reextracted", updates):
            con.execute("DELETE FROM indicators WHERE document_id IN (SELECT id FROM reextracted)")
            con.execute(read_sql("queries", "update_reextracted_documents"))
        inserted, _rejected = _insert_indicators(con, [(d.id, d.records, d.extractor_version) for d in docs],
                                                 run_id)
        refresh_latest(con, {d.source_id for d in docs})
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return inserted


def replace_indicators(con: duckdb.DuckDBPyConnection, document_id: str, url: str,
                       records: Sequence[IndicatorRecord], extractor_version: str, run_id: str | None = None
                       ) -> int:
    """Swap one document's indicators, keeping its header fields."""
    row = con.execute("SELECT source_id, content_sha256, fetched_at, text FROM documents WHERE id = ?",
                      [document_id]).fetchone()
    if row is None:
        raise KeyError(f"no document {document_id}")
    header = _stored_header(con, document_id)
    doc = ParsedDocument(source_id=row[0], url=url, content_sha256=row[1], fetched_at=row[2], text=row[3],
                         header=header, records=list(records), extractor_version=extractor_version)
    return replace_extractions(con, [doc], run_id)


def _stored_header(con: duckdb.DuckDBPyConnection, document_id: str) -> DocumentHeader:
    row = con.execute("SELECT bureau, level, report_year, doc_types FROM documents WHERE id = ?",
                      [document_id]).fetchone()
    assert row is not None  # noqa: S101 - checked by the caller
    return DocumentHeader(row[0], row[1], row[2], tuple(row[3] or ()))
