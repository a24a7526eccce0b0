"""One crawled document → ParsedDocument or ParseFailure; what a parse worker runs per document.

Kept apart from `flows/parse_stage.py` so the guarded worker process (`flows/parse_worker.py`)
imports only the parsers and not pyarrow: its memory limit (RLIMIT_AS) is a bound on address
space, and Arrow's allocator reserves far more of it than it uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from flows.ocr_setting import document_limits
from parsing.convert import DocumentError, document_text
from parsing.extract import extract_indicators
from parsing.extract.doctypes import titled_header
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
        page = document_text(data, url=url, content_type=item.get("content_type"), limits=document_limits())
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
        records=list(extraction.records), extractor_version=EXTRACTOR_VERSION, text_source=page.text_source,
    )
