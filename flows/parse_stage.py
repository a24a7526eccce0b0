"""Raw bytes of a crawled document → clean text → indicator records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from parsing.convert import DocumentError, document_text
from parsing.extract import extract_indicators
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
        header=extraction.header, records=list(extraction.records), extractor_version=EXTRACTOR_VERSION,
    )
