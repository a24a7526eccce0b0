"""What earlier crawls already know, so an unchanged list costs one request.

Two kinds of knowledge: URLs the warehouse already stores (`--seen-urls`, never
fetched again) and the entries listed on list pages in earlier crawls (kept next
to the HTTP cache). A list page holds something new when one of its entries was
unknown to earlier crawls and not yet met earlier on the same list walk (an endless
pager repeating its last page stops at once); otherwise the walk stops there.
Entries met in *this* crawl on other pages (the homepage repeats a column's latest
items) do not count as known, or a first crawl would never page a list.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from spiders.links import canonical_url


def read_url_file(path: Path | None) -> set[str]:
    """One URL a line; a missing file is an empty set (first crawl)."""
    if path is None or not path.is_file():
        return set()
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return {canonical_url(line) for line in lines if line.strip()}


class CrawlMemory:
    def __init__(self, seen_path: Path | None = None, listed_path: Path | None = None) -> None:
        self.stored = read_url_file(seen_path)
        self.listed_path = listed_path
        self.previous = read_url_file(listed_path)
        self.listed = set(self.previous)
        self.walks: dict[str, set[str]] = {}

    def is_stored(self, url: str) -> bool:
        """Already a document in the warehouse: no need to fetch it again."""
        return canonical_url(url) in self.stored

    def note_listed(self, walk: str, urls: Iterable[str]) -> int:
        """Remember one page of the list walk `walk`; how many entries are new to it and to earlier crawls."""
        met = self.walks.setdefault(walk, set())
        fresh = 0
        for url in urls:
            if url not in self.previous and url not in self.stored and url not in met:
                fresh += 1
            met.add(url)
            self.listed.add(url)
        return fresh

    def save(self) -> None:
        """Atomic rewrite, so a crawl killed mid-write leaves the previous memory intact."""
        if self.listed_path is None:
            return
        self.listed_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.listed_path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text("".join(f"{url}\n" for url in sorted(self.listed)), encoding="utf-8")
        tmp.replace(self.listed_path)
