"""Indicator records of many documents as one Arrow table, built column-wise.

A million records must load in about two seconds, so the Python side only
gathers attributes (C-speed `attrgetter`) and leaves validation to SQL
(`indicator_rejection` macro). Records whose types Arrow refuses take a slow
path that sets them aside one by one; everything else is judged by the macro alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

import pyarrow as pa

from parsing.records import IndicatorRecord

FIELDS = ("kind", "metric", "measure", "value", "unit", "approx", "year", "rank", "scope", "text")
SCHEMA = pa.schema([
    ("document_id", pa.string()), ("seq", pa.int32()), ("kind", pa.string()), ("metric", pa.string()),
    ("measure", pa.string()), ("value", pa.float64()), ("unit", pa.string()), ("approx", pa.bool_()),
    ("year", pa.int32()), ("rank", pa.int32()), ("scope", pa.string()), ("text", pa.string()),
    ("extractor_version", pa.string()),
])
DocumentRecords = tuple[str, Sequence[IndicatorRecord], str | None]


def _columns(items: Sequence[DocumentRecords]) -> dict[str, list]:
    """One list per column, each filled by a C-level `map` over all records at once."""
    doc_ids: list[str] = []
    seqs: list[int] = []
    versions: list[str | None] = []
    records: list[IndicatorRecord] = []
    for document_id, doc_records, extractor_version in items:
        n = len(doc_records)
        doc_ids.extend([document_id] * n)
        seqs.extend(range(n))
        versions.extend([extractor_version] * n)
        records.extend(doc_records)
    fields = {name: list(map(attrgetter(name), records)) for name in FIELDS}
    return {"document_id": doc_ids, "seq": seqs, **fields, "extractor_version": versions}


def indicator_table(items: Sequence[DocumentRecords]) -> tuple[pa.Table, list[tuple[str, IndicatorRecord, str]]]:
    """The batch as a table, plus records refused before SQL (wrong Python types)."""
    try:
        return pa.table(_columns(items), schema=SCHEMA), []
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        return _slow_table(items)


def _slow_table(items: Sequence[DocumentRecords]) -> tuple[pa.Table, list[tuple[str, IndicatorRecord, str]]]:
    kept: list[DocumentRecords] = []
    refused: list[tuple[str, IndicatorRecord, str]] = []
    for document_id, records, version in items:
        good = []
        for record in records:
            if _arrow_accepts(record):
                good.append(record)
            else:
                refused.append((document_id, record, "field types do not match the schema"))
        kept.append((document_id, good, version))
    return pa.table(_columns(kept), schema=SCHEMA), refused


def _arrow_accepts(record: IndicatorRecord) -> bool:
    try:
        pa.table(_columns([("x", [record], None)]), schema=SCHEMA)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        return False
    return True
