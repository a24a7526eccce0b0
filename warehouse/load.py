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

from parsing.records import IndicatorRecord
from warehouse.arrow import insert_rows, registered
from warehouse.model import LoadResult, ParsedDocument
from warehouse.sqlfiles import read_sql
from warehouse.validate import rejection_reason

DOCUMENT_COLUMNS = (
    "id", "source_id", "url", "page_url", "title", "published_at", "report_year", "doc_types",
    "bureau", "level", "content_sha256", "content_type", "raw_path", "text", "version",
    "extractor_version", "first_seen_at", "fetched_at", "run_id",
)
INDICATOR_COLUMNS = (
    "document_id", "seq", "kind", "metric", "measure", "value", "unit", "approx", "year",
    "rank", "scope", "text", "extractor_version",
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


def _indicator_rows(document_id: str, records: Sequence[IndicatorRecord], extractor_version: str | None
                    ) -> tuple[list[dict], list[tuple[IndicatorRecord, str]]]:
    """Rows for the valid records, and the rejected ones with their reasons."""
    rows: list[dict] = []
    rejected: list[tuple[IndicatorRecord, str]] = []
    for r in records:
        reason = rejection_reason(r)
        if reason:
            rejected.append((r, reason))
            continue
        rows.append({
            "document_id": document_id, "seq": len(rows), "kind": r.kind, "metric": r.metric,
            "measure": r.measure, "value": r.value, "unit": r.unit, "approx": r.approx,
            "year": r.year, "rank": r.rank, "scope": r.scope, "text": r.text,
            "extractor_version": extractor_version,
        })
    return rows, rejected


def _rejection_rows(run_id: str | None, document_id: str, url: str,
                    rejected: Sequence[tuple[IndicatorRecord, str]]) -> list[dict]:
    now = datetime.now(UTC)
    return [{"run_id": run_id, "document_id": document_id, "url": url,
             "record": json.dumps(r.to_json(url), ensure_ascii=False), "reason": reason, "rejected_at": now}
            for r, reason in rejected]


def _existing(con: duckdb.DuckDBPyConnection, docs: Sequence[ParsedDocument]) -> dict[str, tuple]:
    with registered(con, "batch_urls", pa.table({"url": [d.url for d in docs]})):
        rows = con.execute(read_sql("queries", "existing_documents")).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def _known_shas(con: duckdb.DuckDBPyConnection, docs: Sequence[ParsedDocument]) -> dict[str, str]:
    with registered(con, "batch_shas", pa.table({"sha": [d.content_sha256 for d in docs]})):
        rows = con.execute(read_sql("queries", "documents_by_sha")).fetchall()
    return {r[0]: r[1] for r in rows}


def _version_row(doc: ParsedDocument, version: int) -> dict:
    records = [r.to_json(doc.url) for r in doc.records]
    return {
        "document_id": doc.id, "version": version, "content_sha256": doc.content_sha256,
        "title": doc.title, "text": doc.text, "raw_path": doc.raw_path,
        "fetched_at": doc.fetched_at, "indicators": json.dumps(records, ensure_ascii=False),
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
    doc_rows, version_rows, indicator_rows, rejections, changed = [], [], [], [], []
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
        rows, rejected = _indicator_rows(doc.id, doc.records, doc.extractor_version)
        indicator_rows.extend(rows)
        rejections.extend(_rejection_rows(run_id, doc.id, doc.url, rejected))
    _delete_documents(con, changed)
    insert_rows(con, "documents", doc_rows, DOCUMENT_COLUMNS)
    insert_rows(con, "document_versions", version_rows)
    insert_rows(con, "indicators", indicator_rows, INDICATOR_COLUMNS)
    insert_rows(con, "rejected_records", rejections)
    result.indicators = len(indicator_rows)
    result.rejected = len(rejections)


def _delete_documents(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    """Changed documents are replaced whole: their row and current indicators go first."""
    if not ids:
        return
    with registered(con, "changed_ids", pa.table({"id": ids})):
        con.execute("DELETE FROM indicators WHERE document_id IN (SELECT id FROM changed_ids)")
        con.execute("DELETE FROM documents WHERE id IN (SELECT id FROM changed_ids)")


def replace_indicators(con: duckdb.DuckDBPyConnection, document_id: str, url: str,
                       records: Sequence[IndicatorRecord], extractor_version: str, run_id: str | None = None
                       ) -> int:
    """Re-extraction: swap a document's indicators for a newer extractor's, atomically.

    The document's bytes did not change, so no new version row is written; the
    extractor version on each indicator says which extractor produced it.
    """
    rows, rejected = _indicator_rows(document_id, records, extractor_version)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM indicators WHERE document_id = ?", [document_id])
        insert_rows(con, "indicators", rows, INDICATOR_COLUMNS)
        insert_rows(con, "rejected_records", _rejection_rows(run_id, document_id, url, rejected))
        con.execute("UPDATE documents SET extractor_version = ? WHERE id = ?", [extractor_version, document_id])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(rows)
