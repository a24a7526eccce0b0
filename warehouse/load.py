"""Bulk loading of documents and their indicators, one transaction per load step.

Rows go in as Arrow tables (DuckDB scans them without a round trip per row);
each batch is de-duplicated first because DuckDB silently keeps the first of two
conflicting rows within one statement.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from parsing.records import DocumentHeader, IndicatorRecord
from warehouse.arrow import insert_rows, registered, rows_table
from warehouse.indicator_batch import DocumentRecords, indicator_table
from warehouse.model import LoadResult, ParsedDocument
from warehouse.sqlfiles import read_sql

DOCUMENT_COLUMNS = (
    "id", "source_id", "url", "page_url", "title", "published_at", "report_year", "doc_types",
    "bureau", "level", "content_sha256", "content_type", "raw_path", "text", "version",
    "extractor_version", "first_seen_at", "fetched_at", "run_id",
)


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


def _document_row(doc: ParsedDocument, version: int, first_seen: datetime, run_id: str) -> dict:
    header = doc.header
    return {
        "id": doc.id, "source_id": doc.source_id, "url": doc.url, "page_url": doc.page_url,
        "title": doc.title, "published_at": doc.published_at,
        "report_year": header.report_year if header else None,
        "doc_types": list(header.doc_types) if header else [],
        "bureau": header.bureau if header else None, "level": header.level if header else None,
        "content_sha256": doc.content_sha256, "content_type": doc.content_type,
        "raw_path": doc.raw_path, "text": doc.text, "version": version,
        "extractor_version": doc.extractor_version, "first_seen_at": first_seen,
        "fetched_at": doc.fetched_at, "run_id": run_id,
    }


def _insert_indicators(con: duckdb.DuckDBPyConnection, items: Sequence[DocumentRecords],
                       run_id: str | None) -> tuple[int, int]:
    """Valid rows into `indicators`, the rest into `rejected_records`; returns both counts."""
    table, refused = indicator_table(items)
    with registered(con, "batch_indicators", table):
        before = _count(con, "indicators")
        con.execute(read_sql("queries", "insert_indicators"))
        inserted = _count(con, "indicators") - before
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


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608 - fixed table names
    return int(row[0]) if row else 0


def _existing(con: duckdb.DuckDBPyConnection, docs: Sequence[ParsedDocument]) -> dict[str, tuple]:
    with registered(con, "batch_urls", pa.table({"url": [d.url for d in docs]})):
        rows = con.execute(read_sql("queries", "existing_documents")).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _known_shas(con: duckdb.DuckDBPyConnection, docs: Sequence[ParsedDocument]) -> dict[str, str]:
    with registered(con, "batch_shas", pa.table({"sha": [d.content_sha256 for d in docs]})):
        rows = con.execute(read_sql("queries", "documents_by_sha")).fetchall()
    return {r[0]: r[1] for r in rows}


def _version_row(doc: ParsedDocument, version: int) -> dict:
    return {
        "document_id": doc.id, "version": version, "content_sha256": doc.content_sha256,
        "title": doc.title, "text": doc.text, "raw_path": doc.raw_path, "fetched_at": doc.fetched_at,
    }


def load_documents(con: duckdb.DuckDBPyConnection, docs: Iterable[ParsedDocument], run_id: str
                   ) -> LoadResult:
    """Insert new documents, version changed ones, skip unchanged ones — atomically."""
    batch, duplicates = _unique_batch(docs)
    result = LoadResult(duplicates=duplicates)
    if not batch:
        return result
    con.execute("BEGIN TRANSACTION")
    try:
        _load_batch(con, batch, run_id, result)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return result


def _load_batch(con: duckdb.DuckDBPyConnection, batch: list[ParsedDocument], run_id: str,
                result: LoadResult) -> None:
    existing = _existing(con, batch)
    known = _known_shas(con, batch)
    now = datetime.now(UTC)
    doc_rows: list[dict] = []
    version_rows: list[dict] = []
    records: list[DocumentRecords] = []
    changed: list[str] = []
    for doc in batch:
        old = existing.get(doc.url)
        if old is None and doc.content_sha256 in known:
            result.duplicates += 1
            continue
        if old is not None and old[1] == doc.content_sha256:
            result.unchanged += 1
            continue
        version = 1 if old is None else old[2] + 1
        first_seen = now if old is None else old[0]
        (result.new_ids if old is None else result.changed_ids).append(doc.id)
        if old is not None:
            changed.append(doc.id)
        doc_rows.append(_document_row(doc, version, first_seen, run_id))
        version_rows.append(_version_row(doc, version))
        records.append((doc.id, doc.records, doc.extractor_version))
    _delete_documents(con, changed)
    insert_rows(con, "documents", doc_rows, DOCUMENT_COLUMNS)
    insert_rows(con, "document_versions", version_rows)
    result.indicators, result.rejected = _insert_indicators(con, records, run_id)
    written = set(result.new_ids) | set(result.changed_ids)
    refresh_latest(con, {d.source_id for d in batch if d.id in written})


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
