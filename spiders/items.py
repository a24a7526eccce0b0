"""What a crawl hands to the flow: one line per fetched report or attachment."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(slots=True)
class DocumentItem:
    source_id: str
    url: str
    title: str | None
    page_url: str | None
    published_at: str | None
    content_type: str | None
    content_sha256: str
    raw_path: str
    fetched_at: str
    status: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
