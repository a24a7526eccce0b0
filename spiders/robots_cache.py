"""robots.txt kept per host in the state folder, so an unchanged re-run does not ask for it again.

Scrapy's RobotsTxtMiddleware fetches robots.txt once per host *per crawl*: with one crawl per
source and every run, that was a request per source per run on top of the list pages (0.5 of
the 2.33 requests per list page measured by bench/scale.py). Here an answer (any status below
500: a 404 means "no rules", as Scrapy reads it) is stored under the host's name and reused
for KJWATCH_ROBOTS_CACHE_HOURS (24 h by default); an older one, a 5xx or a network error is
fetched again, exactly as Scrapy would. The cache folder is shared by every source of a state
folder (KJWATCH_ROBOTS_CACHE_DIR, set by `spiders.crawl_one`), so sources on one host share it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request, Response
from scrapy.robotstxt import RobotParser
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler

DEFAULT_HOURS = 24.0


class RobotsCache:
    """One JSON file per scheme://host: {"fetched_at": epoch seconds, "status": int, "body": str}."""

    def __init__(self, folder: Path, max_age_hours: float = DEFAULT_HOURS) -> None:
        self.folder = folder
        self.max_age = max_age_hours * 3600

    def _path(self, origin: str) -> Path:
        return self.folder / (hashlib.sha1(origin.encode(), usedforsecurity=False).hexdigest()[:20] + ".json")

    def fresh_body(self, origin: str, now: float | None = None) -> bytes | None:
        """The stored robots.txt of `origin` if younger than the expiry, else None."""
        path = self._path(origin)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        age = (time.time() if now is None else now) - float(entry.get("fetched_at", 0))
        if not 0 <= age < self.max_age:
            return None
        return str(entry.get("body", "")).encode("utf-8", "surrogateescape")

    def store(self, origin: str, status: int, body: bytes) -> None:
        """Atomic write; a server error is not an answer worth keeping."""
        if status >= 500:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = {"origin": origin, "fetched_at": time.time(), "status": status,
                 "body": body.decode("utf-8", "surrogateescape")}
        path = self._path(origin)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)


class CachedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """RobotsTxtMiddleware that reads a fresh stored robots.txt instead of downloading it."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        folder = crawler.settings.get("KJWATCH_ROBOTS_CACHE_DIR")
        hours = crawler.settings.getfloat("KJWATCH_ROBOTS_CACHE_HOURS", DEFAULT_HOURS)
        self.cache = RobotsCache(Path(folder), hours) if folder else None

    async def robot_parser(self, request: Request) -> RobotParser | None:
        url = urlparse_cached(request)
        if self.cache is not None and url.netloc not in self._parsers:
            body = self.cache.fresh_body(f"{url.scheme}://{url.netloc}")
            if body is not None:
                self._stats.inc_value("robotstxt/cache_hit")
                self._parsers[url.netloc] = build_from_crawler(self._parserimpl, self.crawler, body)
        return await super().robot_parser(request)

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if self.cache is not None:
            self.cache.store(f"{urlparse_cached(response).scheme}://{netloc}", response.status, response.body)
        await super()._parse_robots(response, netloc, request)
