"""Raw bytes of a crawled document → clean text → indicator records.

Every document is parsed in a guarded worker process (`flows/parse_guard.py`): one with a
time and a memory limit, so a hostile file becomes one ParseFailure and the run goes on.
The limits are `KJWATCH_PARSE_SECONDS` (per document, default 120) and
`KJWATCH_PARSE_MEMORY_MB` (address space per worker, default 2048: OCR needs ~1.5 GB of it).
OCR of scanned pages stops after `KJWATCH_OCR_SECONDS` a document (`flows/ocr_setting.py`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from flows.parse_guard import WorkerLimits, guarded_parse
from flows.parse_one import EXTRACTOR_VERSION, ParseFailure, parse_item
from warehouse.document_batch import DocumentBatch, concat_batches, pack_documents
from warehouse.load import collector_paused
from warehouse.model import ParsedDocument

__all__ = ["EXTRACTOR_VERSION", "ParseFailure", "parse_chunk", "parse_item", "parse_items", "worker_limits"]

_MB = 1024 * 1024


def worker_limits() -> WorkerLimits:
    """The parse workers' limits from the environment (read here: flows/ reads the environment)."""
    default = WorkerLimits()
    seconds = float(os.environ.get("KJWATCH_PARSE_SECONDS") or default.seconds)
    memory_mb = os.environ.get("KJWATCH_PARSE_MEMORY_MB")
    return WorkerLimits(seconds, int(float(memory_mb) * _MB) if memory_mb else default.memory_bytes)


def _packed(results: Sequence[ParsedDocument | ParseFailure]) -> tuple[DocumentBatch, list[ParseFailure]]:
    parsed = [r for r in results if isinstance(r, ParsedDocument)]
    failures = [r for r in results if isinstance(r, ParseFailure)]
    with collector_paused():
        return pack_documents(parsed), failures


def parse_chunk(items: Sequence[dict[str, Any]]) -> tuple[DocumentBatch, list[ParseFailure]]:
    """Parse a chunk where it runs (one guarded worker), so only Arrow tables travel back."""
    return _packed(guarded_parse(items, 1, worker_limits()))


def joined_chunks(results: Iterable[tuple[DocumentBatch, list[ParseFailure]]]
                  ) -> tuple[DocumentBatch, list[ParseFailure]]:
    batches: list[DocumentBatch] = []
    failures: list[ParseFailure] = []
    for batch, failed in results:
        batches.append(batch)
        failures += failed
    return concat_batches(batches), failures


def parse_items(items: Sequence[dict[str, Any]], workers: int | None = None
                ) -> tuple[DocumentBatch, list[ParseFailure]]:
    """Parse documents on `workers` guarded processes (default: one per CPU): text extraction
    is CPU-bound and the GIL would serialise threads."""
    if not items:
        return _packed([])
    return _packed(guarded_parse(items, workers or os.cpu_count() or 1, worker_limits()))
