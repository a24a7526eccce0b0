"""Keep raw bytes content-addressed and hand the flow one JSON line per document."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from spiders.items import DocumentItem


def store_raw(raw_dir: Path, body: bytes) -> tuple[str, Path]:
    """Write bytes under their SHA-256 (once): identical reports share one file."""
    sha = hashlib.sha256(body).hexdigest()
    path = raw_dir / sha[:2] / sha
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(body)
        tmp.replace(path)
    return sha, path


class RawStorePipeline:
    """Appends each DocumentItem to the crawl's items file as it arrives.

    The file is the spider's `items_path` when it has one (several sources crawled in
    one process), else the KJWATCH_ITEMS_PATH setting.
    """

    def __init__(self, items_path: str, crawler: Any = None) -> None:
        self.items_path = Path(items_path)
        self.crawler = crawler
        self.handle: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> RawStorePipeline:
        return cls(crawler.settings.get("KJWATCH_ITEMS_PATH", "items.jsonl"), crawler)

    def open_spider(self, spider: Any = None) -> None:
        spider = spider or getattr(self.crawler, "spider", None)
        if getattr(spider, "items_path", None):
            self.items_path = Path(spider.items_path)
        self.items_path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = self.items_path.open("a", encoding="utf-8")

    def close_spider(self, spider: Any = None) -> None:
        if self.handle:
            self.handle.close()

    def process_item(self, item: DocumentItem, spider: Any = None) -> DocumentItem:
        self.handle.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
        self.handle.flush()
        return item
