"""Bulk loading of documents and their indicators, one transaction per load step.

Rows go in as Arrow tables (DuckDB scans them without a round trip per row),
packed where the documents were parsed (`document_batch`). Each batch is
de-duplicated first because DuckDB silently keeps the first of two conflicting
rows within one statement.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from parsing.records import DocumentHeader, IndicatorRecord
from warehouse.arrow import insert_rows, registered
from warehouse.document_batch import (
    DocumentBatch,
    DocumentKey,
    DocumentWrite,
    pack_documents,
    written_documents,
    written_indicators,
)
from warehouse.indicator_batch import RefusedRecord
from warehouse.model import LoadResult, ParsedDocument
from warehouse.sqlfiles import read_sql

Documents = DocumentBatch | Iterable[ParsedDocument]


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


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _packed(docs: Documents) -> DocumentBatch:
    return docs if isinstance(docs, DocumentBatch) else pack_documents(list(docs))


def _unique_rows(keys: Sequence[DocumentKey]) -> tuple[list[int], int]:
    """Last fetch of a URL wins; a second URL with already-seen bytes is a duplicate."""
    by_url = {key.url: row for row, key in enumerate(keys)}
    seen_sha: set[str] = set()
    kept = []
    for row in by_url.values():
        sha = keys[row].content_sha256
        if sha not in seen_sha:
            seen_sha.add(sha)
            kept.append(row)
    return kept, len(by_url) - len(kept)


def load_documents(con: duckdb.DuckDBPyConnection, docs: Documents, run_id: str) -> LoadResult:
    """Insert new documents, version changed ones, skip unchanged ones — atomically."""
    with collector_paused():
        batch = _packed(docs)
        rows, duplicates = _unique_rows(batch.keys)
        result = LoadResult(duplicates=duplicates)
        if rows:
            with _transaction(con):
                _load_rows(con, batch, rows, run_id, result)
    return result


def _load_rows(con: duckdb.DuckDBPyConnection, batch: DocumentBatch, rows: list[int], run_id: str,
               result: LoadResult) -> None:
    writes = _writes(con, batch.keys, rows, result)
    _delete_documents(con, result.changed_ids)
    if not writes:
        return
    with registered(con, "batch_documents", written_documents(batch, writes, run_id)):
        con.execute(read_sql("queries", "insert_documents"))
        con.execute(read_sql("queries", "insert_document_versions"))
    written = [w.row for w in writes]
    wanted = set(written)
    refused = [r for r in batch.refused if r.doc_row in wanted]
    result.indicators, result.rejected = _insert_indicators(con, written_indicators(batch, written), refused,
                                                            run_id)
    refresh_latest(con, {batch.keys[row].source_id for row in written})


def _writes(con: duckdb.DuckDBPyConnection, keys: Sequence[DocumentKey], rows: list[int], result: LoadResult
            ) -> list[DocumentWrite]:
    """Which rows are new or changed documents, and which the store already has (counted only)."""
    existing = _existing(con, [keys[row].url for row in rows])
    known = _known_shas(con, [keys[row].content_sha256 for row in rows])
    now = datetime.now(UTC)
    writes: list[DocumentWrite] = []
    for row in rows:
        key = keys[row]
        old = existing.get(key.url)
        if old is None:
            if key.content_sha256 in known:
                result.duplicates += 1
                continue
            result.new_ids.append(key.id)
            writes.append(DocumentWrite(row, 1, now))
        elif old[1] == key.content_sha256:
            result.unchanged += 1
        else:
            result.changed_ids.append(key.id)
            writes.append(DocumentWrite(row, old[2] + 1, old[0]))
    return writes


def _existing(con: duckdb.DuckDBPyConnection, urls: list[str]) -> dict[str, tuple]:
    with registered(con, "batch_urls", pa.table({"url": pa.array(urls, pa.string())})):
        rows = con.execute(read_sql("queries", "existing_documents")).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _known_shas(con: duckdb.DuckDBPyConnection, shas: list[str]) -> dict[str, str]:
    with registered(con, "batch_shas", pa.table({"sha": pa.array(shas, pa.string())})):
        rows = con.execute(read_sql("queries", "documents_by_sha")).fetchall()
    return {r[0]: r[1] for r in rows}


def _insert_indicators(con: duckdb.DuckDBPyConnection, table: pa.Table, refused: Sequence[RefusedRecord],
                       run_id: str | None) -> tuple[int, int]:
    """Valid rows into `indicators`, the rest into `rejected_records`; returns both counts."""
    with registered(con, "batch_indicators", table):
        row = con.execute(read_sql("queries", "insert_indicators")).fetchone()
        inserted = int(row[0]) if row else 0
        if inserted < table.num_rows:  # only then is there anything to reject
            con.execute(read_sql("queries", "insert_rejected_indicators"), [run_id])
    now = datetime.now(UTC)
    insert_rows(con, "rejected_records", [
        {"run_id": run_id, "document_id": r.document_id, "url": None, "record": r.record, "reason": r.reason,
         "rejected_at": now} for r in refused])
    return inserted, table.num_rows - inserted + len(refused)


def refresh_latest(con: duckdb.DuckDBPyConnection, source_ids: set[str]) -> None:
    """Recompute `latest_indicators` for the given sources, inside the caller's transaction."""
    if not source_ids:
        return
    with registered(con, "refresh_sources", pa.table({"id": pa.array(sorted(source_ids), pa.string())})):
        con.execute(read_sql("queries", "delete_latest_indicators"))
        con.execute(read_sql("queries", "insert_latest_indicators"))


def _delete_documents(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """Changed documents are replaced whole: their row and current indicators go first."""
    if not ids:
        return
    with registered(con, "changed_ids", pa.table({"id": pa.array(ids, pa.string())})):
        con.execute(read_sql("queries", "archive_indicators"))
        con.execute("DELETE FROM indicators WHERE document_id IN (SELECT id FROM changed_ids)")
        con.execute("DELETE FROM documents WHERE id IN (SELECT id FROM changed_ids)")


def replace_extractions(con: duckdb.DuckDBPyConnection, docs: Documents, run_id: str | None) -> int:
    """Re-extraction of stored documents: swap their indicators and header fields for a newer
    extractor's in one transaction. The bytes did not change, so no version row is written."""
    with collector_paused():
        batch = _packed(docs)
        if not batch:
            return 0
        with _transaction(con):
            with registered(con, "reextracted", batch.documents):
                con.execute("DELETE FROM indicators WHERE document_id IN (SELECT id FROM reextracted)")
                con.execute(read_sql("queries", "update_reextracted_documents"))
            inserted, _rejected = _insert_indicators(con, batch.indicators, batch.refused, run_id)
            refresh_latest(con, {key.source_id for key in batch.keys})
    return inserted


def replace_indicators(con: duckdb.DuckDBPyConnection, document_id: str, url: str,
                       records: Sequence[IndicatorRecord], extractor_version: str, run_id: str | None = None
                       ) -> int:
    """Swap one document's indicators, keeping its header fields."""
    row = con.execute("SELECT source_id, content_sha256, fetched_at, text FROM documents WHERE id = ?",
                      [document_id]).fetchone()
    if row is None:
        raise KeyError(f"no document {document_id}")
    header, title = _stored_header(con, document_id)
    doc = ParsedDocument(source_id=row[0], url=url, content_sha256=row[1], fetched_at=row[2], text=row[3],
                         title=title, header=header, records=list(records), extractor_version=extractor_version)
    return replace_extractions(con, [doc], run_id)


def _stored_header(con: duckdb.DuckDBPyConnection, document_id: str) -> tuple[DocumentHeader, str | None]:
    """The stored header and title (the title tells the document's period again)."""
    row = con.execute("SELECT bureau, level, report_year, doc_types, title FROM documents WHERE id = ?",
                      [document_id]).fetchone()
    assert row is not None  # noqa: S101 - checked by the caller
    return DocumentHeader(row[0], row[1], row[2], tuple(row[3] or ())), row[4]
