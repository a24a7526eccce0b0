"""Raw bytes of a crawled document → clean text → indicator records."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from parsing.convert import DocumentError, document_text
from parsing.extract import extract_indicators
from parsing.extract.doctypes import titled_header
from warehouse.document_batch import DocumentBatch, concat_batches, pack_documents
from warehouse.load import collector_paused
from warehouse.model import ParsedDocument

EXTRACTOR_VERSION = "kjwatch-extract/0.1"


@dataclass(frozen=True, slots=True)
class ParseFailure:
    source_id: str
    url: str
    message: str


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def parse_item(item: dict[str, Any]) -> ParsedDocument | ParseFailure:
    """Never raises for a bad document: the failure names the URL and the reason."""
    url = item["url"]
    try:
        data = Path(item["raw_path"]).read_bytes()
        page = document_text(data, url=url, content_type=item.get("content_type"))
        extraction = extract_indicators(page.text)
    except DocumentError as exc:
        return ParseFailure(item["source_id"], url, str(exc))
    except (OSError, ValueError) as exc:
        return ParseFailure(item["source_id"], url, f"{type(exc).__name__}: {exc}")
    return ParsedDocument(
        source_id=item["source_id"], url=url, content_sha256=item["content_sha256"],
        fetched_at=datetime.fromisoformat(item["fetched_at"]), page_url=item.get("page_url"),
        title=page.title or item.get("title"), published_at=_date(item.get("published_at")) or page.published_at,
        content_type=item.get("content_type"), raw_path=item["raw_path"], text=page.text,
        header=titled_header(extraction.header, page.title or item.get("title"), page.text),
        records=list(extraction.records), extractor_version=EXTRACTOR_VERSION,
    )


def parse_chunk(items: Sequence[dict[str, Any]]) -> tuple[DocumentBatch, list[ParseFailure]]:
    """Parse and pack a chunk where it runs, so only Arrow tables travel back to the flow."""
    results = [parse_item(item) for item in items]
    parsed = [r for r in results if isinstance(r, ParsedDocument)]
    failures = [r for r in results if isinstance(r, ParseFailure)]
    with collector_paused():
        return pack_documents(parsed), failures


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
    """Parse documents on a process pool: text extraction is CPU-bound and the GIL would
    serialise threads. Small batches stay in-process, where a pool's start-up costs more."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(items) < 8:
        return joined_chunks([parse_chunk(items)])
    size = max(1, len(items) // (workers * 4))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return joined_chunks(pool.map(parse_chunk, chunks))
