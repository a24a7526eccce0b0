"""Parsed documents in the loader's columnar form.

Packing runs where documents are parsed: each parse worker packs its own chunk,
in parallel, so the load step, which holds the warehouse's only write lock,
merely picks rows and hands Arrow to DuckDB. One documents table feeds both
`documents` and `document_versions`; explicit schemas spare Arrow a type
inference pass and let chunks from different workers be concatenated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import attrgetter

import pyarrow as pa
import pyarrow.compute as pc

from parsing.period import document_period
from warehouse.indicator_batch import SCHEMA as INDICATOR_SCHEMA
from warehouse.indicator_batch import RefusedRecord, indicator_table
from warehouse.model import ParsedDocument

_TEXT = ("id", "source_id", "url", "page_url", "title", "content_sha256", "content_type", "raw_path", "text",
         "extractor_version", "text_source")
TIMESTAMP = pa.timestamp("us", tz="UTC")  # an instant, as the warehouse's TIMESTAMPTZ columns hold it
SCHEMA = pa.schema([
    *[(name, pa.string()) for name in _TEXT],
    ("published_at", pa.date32()), ("fetched_at", TIMESTAMP), ("report_year", pa.int32()),
    ("doc_types", pa.list_(pa.string())), ("bureau", pa.string()), ("level", pa.string()),
    ("period", pa.string()), ("period_label", pa.string()),
])


@dataclass(frozen=True, slots=True)
class DocumentKey:
    """What the loader decides on in Python: is this URL new, changed or already stored?"""

    id: str
    source_id: str
    url: str
    content_sha256: str


@dataclass(slots=True)
class DocumentBatch:
    keys: list[DocumentKey]
    documents: pa.Table  # row i describes keys[i]
    indicators: pa.Table  # `doc_row` points into keys
    refused: list[RefusedRecord] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(frozen=True, slots=True)
class DocumentWrite:
    """A batch row the load writes, with the version it becomes and when it was first seen."""

    row: int
    version: int
    first_seen_at: datetime


def utc_timestamps(values: Sequence[datetime | None]) -> pa.Array:
    """Aware datetimes keep their instant; naive ones are taken to be UTC (the old writers' habit)."""
    return pa.array([v.replace(tzinfo=UTC) if v is not None and v.tzinfo is None else v for v in values],
                    TIMESTAMP)


def _header_columns(docs: Sequence[ParsedDocument]) -> dict[str, list]:
    headers = list(map(attrgetter("header"), docs))
    return {
        "report_year": [h.report_year if h else None for h in headers],
        "doc_types": [list(h.doc_types) if h else [] for h in headers],
        "bureau": [h.bureau if h else None for h in headers],
        "level": [h.level if h else None for h in headers],
    }


def _period_columns(docs: Sequence[ParsedDocument]) -> dict[str, list]:
    """The period each document reports on (a year, 上半年 …), read from its title and first lines."""
    periods = [document_period(d.title, d.text) for d in docs]
    return {"period": [p.kind for p in periods], "period_label": [p.label for p in periods]}


def pack_documents(docs: Sequence[ParsedDocument]) -> DocumentBatch:
    keys = [DocumentKey(d.id, d.source_id, d.url, d.content_sha256) for d in docs]
    columns: dict[str, list | pa.Array] = {name: list(map(attrgetter(name), docs)) for name in _TEXT}
    columns["published_at"] = list(map(attrgetter("published_at"), docs))
    columns["fetched_at"] = utc_timestamps(list(map(attrgetter("fetched_at"), docs)))
    columns.update(_header_columns(docs))
    columns.update(_period_columns(docs))
    indicators, refused = indicator_table([(d.id, d.records, d.extractor_version) for d in docs])
    return DocumentBatch(keys, pa.table(columns, schema=SCHEMA), indicators, refused)


def concat_batches(batches: Sequence[DocumentBatch]) -> DocumentBatch:
    """Chunks from several workers as one batch; `doc_row`s are shifted to the joined rows."""
    keys: list[DocumentKey] = []
    indicators: list[pa.Table] = []
    refused: list[RefusedRecord] = []
    for batch in batches:
        offset = len(keys)
        rows = pc.add(batch.indicators["doc_row"], pa.scalar(offset, pa.int32()))
        indicators.append(batch.indicators.set_column(len(INDICATOR_SCHEMA) - 1, "doc_row", rows))
        refused += [RefusedRecord(r.doc_row + offset, r.document_id, r.record, r.reason) for r in batch.refused]
        keys += batch.keys
    documents = pa.concat_tables([b.documents for b in batches]) if batches else SCHEMA.empty_table()
    joined = pa.concat_tables(indicators) if indicators else INDICATOR_SCHEMA.empty_table()
    return DocumentBatch(keys, documents, joined, refused)


def written_documents(batch: DocumentBatch, writes: Sequence[DocumentWrite], run_id: str) -> pa.Table:
    """The rows to insert, with what only the load knows: version, first sighting, run."""
    rows = [w.row for w in writes]
    # Every row, in order (a first load): no copy of the texts; `take` costs a sixth of the load.
    whole = len(rows) == batch.documents.num_rows and rows == list(range(len(rows)))
    table = batch.documents if whole else batch.documents.take(pa.array(rows, pa.int64()))
    table = table.append_column("version", pa.array([w.version for w in writes], pa.int32()))
    table = table.append_column("first_seen_at", utc_timestamps([w.first_seen_at for w in writes]))
    return table.append_column("run_id", pa.array([run_id] * len(writes), pa.string()))


def written_indicators(batch: DocumentBatch, rows: Sequence[int]) -> pa.Table:
    """Indicators of the written rows only (unchanged and duplicate documents keep theirs)."""
    if len(rows) == len(batch):
        return batch.indicators
    wanted = pc.is_in(batch.indicators["doc_row"], value_set=pa.array(rows, pa.int32()))
    return batch.indicators.filter(wanted)
