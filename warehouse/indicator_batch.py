"""Indicator records of many documents as one Arrow table, built column-wise.

A million records must pack in well under a second, so the Python side only
gathers attributes (C-speed `attrgetter`) and leaves validation to SQL
(`indicator_rejection` macro). Records whose types Arrow refuses take a slow
path that sets them aside one by one; everything else is judged by the macro alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, chain
from operator import attrgetter

import pyarrow as pa
import pyarrow.compute as pc

from parsing.records import IndicatorRecord

FIELDS = ("kind", "metric", "measure", "value", "unit", "approx", "year", "rank", "scope", "text")
SCHEMA = pa.schema([
    ("document_id", pa.string()), ("seq", pa.int32()), ("kind", pa.string()), ("metric", pa.string()),
    ("measure", pa.string()), ("value", pa.float64()), ("unit", pa.string()), ("approx", pa.bool_()),
    ("year", pa.int32()), ("rank", pa.int32()), ("scope", pa.string()), ("text", pa.string()),
    ("extractor_version", pa.string()),
    ("doc_row", pa.int32()),  # which document of the batch the record belongs to
])
DocumentRecords = tuple[str, Sequence[IndicatorRecord], str | None]
_ARROW_REFUSALS = (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError)


@dataclass(frozen=True, slots=True)
class RefusedRecord:
    """A record whose field types Arrow cannot hold, kept as JSON for `rejected_records`."""

    doc_row: int
    document_id: str
    record: str
    reason: str


def _columns(items: Sequence[DocumentRecords]) -> dict[str, pa.Array | list]:
    """One column per field, each gathered by a C-level `map` over all records at once; the
    per-document columns are spread over their records by Arrow (`take`), not by Python."""
    records = list(chain.from_iterable(doc_records for _, doc_records, _ in items))
    offsets = pa.array([0, *accumulate(len(doc_records) for _, doc_records, _ in items)], pa.int32())
    parents = pc.list_parent_indices(pa.ListArray.from_arrays(offsets, pa.nulls(len(records))))
    positions = pc.cumulative_sum(pa.repeat(pa.scalar(1, pa.int32()), len(records)))  # 1..n, in C
    fields = {name: list(map(attrgetter(name), records)) for name in FIELDS}
    return {
        "document_id": pc.take(pa.array([item[0] for item in items], pa.string()), parents),
        "seq": pc.subtract(pc.subtract(positions, 1), pc.take(offsets, parents)),
        **fields,
        "extractor_version": pc.take(pa.array([item[2] for item in items], pa.string()), parents),
        "doc_row": parents.cast(pa.int32()),
    }


def indicator_table(items: Sequence[DocumentRecords]) -> tuple[pa.Table, list[RefusedRecord]]:
    """The batch as a table, plus records refused before SQL (wrong Python types)."""
    try:
        return pa.table(_columns(items), schema=SCHEMA), []
    except _ARROW_REFUSALS:
        return _slow_table(items)


def _slow_table(items: Sequence[DocumentRecords]) -> tuple[pa.Table, list[RefusedRecord]]:
    kept: list[DocumentRecords] = []
    refused: list[RefusedRecord] = []
    for row, (document_id, records, version) in enumerate(items):
        good = []
        for record in records:
            if _arrow_accepts(record):
                good.append(record)
            else:
                text = json.dumps(record.to_json(""), ensure_ascii=False, default=str)
                refused.append(RefusedRecord(row, document_id, text, "field types do not match the schema"))
        kept.append((document_id, good, version))
    return pa.table(_columns(kept), schema=SCHEMA), refused


def _arrow_accepts(record: IndicatorRecord) -> bool:
    try:
        pa.table(_columns([("x", [record], None)]), schema=SCHEMA)
    except _ARROW_REFUSALS:
        return False
    return True
