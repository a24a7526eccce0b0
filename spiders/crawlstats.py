"""The per-source crawl record the flow reads back: what was fetched, found, blocked or broken."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(slots=True)
class CrawlStats:
    """Field names up to `errors` are read by flows/crawl.py; the rest explain a crawl to people."""

    source_id: str
    reason: str = ""
    pages_fetched: int = 0
    requests: int = 0
    documents_found: int = 0
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    not_modified: int = 0
    list_pages: int = 0
    lists_stopped_unchanged: int = 0
    skipped_stored: int = 0
    duplicate_documents: int = 0
    capped: int = 0
    robots_disallowed: int = 0
    retried: int = 0

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")
