"""The document rows of a load as one Arrow table, built column-wise.

The same table feeds `documents` and `document_versions`, so each value is
gathered once; an explicit schema spares Arrow a type-inference pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

import pyarrow as pa

from warehouse.model import ParsedDocument

_TEXT = ("id", "source_id", "url", "page_url", "title", "content_sha256", "content_type", "raw_path", "text",
         "extractor_version")
SCHEMA = pa.schema([
    *[(name, pa.string()) for name in _TEXT[:5]],
    ("published_at", pa.date32()), ("report_year", pa.int32()), ("doc_types", pa.list_(pa.string())),
    ("bureau", pa.string()), ("level", pa.string()),
    *[(name, pa.string()) for name in _TEXT[5:]],
    ("version", pa.int32()),
])


@dataclass(slots=True)
class DocumentWrite:
    """A document the load writes, with the version it becomes and when it was first seen."""

    doc: ParsedDocument
    version: int
    first_seen_at: datetime


def _header_columns(docs: Sequence[ParsedDocument]) -> dict[str, list]:
    headers = list(map(attrgetter("header"), docs))
    return {
        "report_year": [h.report_year if h else None for h in headers],
        "doc_types": [list(h.doc_types) if h else [] for h in headers],
        "bureau": [h.bureau if h else None for h in headers],
        "level": [h.level if h else None for h in headers],
    }


def document_table(writes: Sequence[DocumentWrite], run_id: str) -> pa.Table:
    """Rows for `documents` (and, by projection, `document_versions`)."""
    docs = list(map(attrgetter("doc"), writes))
    columns: dict[str, list] = {name: list(map(attrgetter(name), docs)) for name in (*_TEXT, "published_at")}
    columns["version"] = list(map(attrgetter("version"), writes))
    columns.update(_header_columns(docs))
    table = pa.table(columns, schema=SCHEMA)
    # Timestamps keep Arrow's inference, so aware and naive datetimes load as they always have.
    table = table.append_column("first_seen_at", pa.array(list(map(attrgetter("first_seen_at"), writes))))
    table = table.append_column("fetched_at", pa.array(list(map(attrgetter("fetched_at"), docs))))
    return table.append_column("run_id", pa.array([run_id] * len(writes), pa.string()))
