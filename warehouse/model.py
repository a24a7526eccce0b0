"""What the loader accepts: a fetched document and what parsing made of it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from parsing.records import DocumentHeader, IndicatorRecord


def document_id(url: str) -> str:
    """Stable id from the URL, so a changed document keeps its id across versions."""
    return hashlib.sha1(url.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


@dataclass(slots=True)
class ParsedDocument:
    source_id: str
    url: str
    content_sha256: str
    fetched_at: datetime
    page_url: str | None = None
    title: str | None = None
    published_at: date | None = None
    content_type: str | None = None
    raw_path: str | None = None
    text: str = ""
    header: DocumentHeader | None = None
    records: list[IndicatorRecord] = field(default_factory=list)
    extractor_version: str | None = None
    text_source: str | None = None  # 'text' | 'ocr' | 'mixed' (parsing/ocr.py); None: not known
    id: str = field(init=False)

    def __post_init__(self) -> None:
        # Computed once: a bulk load asks for it several times per document.
        self.id = document_id(self.url)


@dataclass(slots=True)
class LoadResult:
    new_ids: list[str] = field(default_factory=list)
    changed_ids: list[str] = field(default_factory=list)
    unchanged: int = 0
    duplicates: int = 0
    indicators: int = 0
    rejected: int = 0
