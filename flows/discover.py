"""`kjwatch sources discover`: find a division's S&T bureau through its government portal.

A portal lists its departments (部门网站, a 政府机构 page, a drop-down of 部门 sites) or has a
政府信息公开 directory with one column per department; the bureau's own site or its
信息公开 column is one or two links away.  This reads a handful of portal pages (at most
MAX_PAGES, most promising links first) with plain urllib: Scrapy would be heavy for a few
pages fetched once, on request, by a person at a terminal.

robots.txt is respected — fetched with the same timeout, a page it disallows is not read
(and said so) — because discovery is automated reading of a site like a crawl.  A missing or
unreadable robots.txt (404, 5xx) allows everything, as crawlers commonly treat it.
"""

from __future__ import annotations

import heapq
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flows.bureaus_expected import ExpectedBureau
from flows.discover_links import BureauLink, best_bureau_link, navigation_weight, page_links, same_site
from parsing.encoding import charset_from_content_type, decode_bytes

USER_AGENT = "kjwatch/0.1 (science-bureau report monitor; sources discover)"
TIMEOUT = 10.0
MAX_PAGES = 12
MAX_DEPTH = 3
MAX_BYTES = 3_000_000


class DiscoverError(RuntimeError):
    """The portal itself cannot be read; the message names the URL and why."""


@dataclass
class Discovery:
    """What a search of a portal gave: the bureau link and the page it was on, or none, and what was read."""

    portal_url: str
    found: BureauLink | None = None
    page_url: str | None = None  # the evidence: the portal page the link is on
    pages: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # pages skipped (robots.txt, errors)


def fetch_text(url: str) -> tuple[str, str]:
    """The final URL and decoded text of one page; OSError/ValueError name the URL."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310 - http(s) checked
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - http(s) checked
            data = response.read(MAX_BYTES)
            charset = charset_from_content_type(response.headers.get("Content-Type"))
            return response.geturl(), decode_bytes(data, header_charset=charset).text
    except urllib.error.HTTPError as exc:
        exc.close()
        raise OSError(f"{url} answered HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise OSError(f"{url} cannot be reached: {reason}") from exc


class _Robots:
    """robots.txt per host, fetched once with a timeout (RobotFileParser.read has none)."""

    def __init__(self) -> None:
        self._parsers: dict[str, urllib.robotparser.RobotFileParser] = {}

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self._parsers:
            parser = urllib.robotparser.RobotFileParser()
            try:
                _, text = fetch_text(f"{key}/robots.txt")
            except OSError as exc:
                if "answered HTTP" not in str(exc):
                    raise
                text = ""
            parser.parse(text.splitlines())
            self._parsers[key] = parser
        return self._parsers[key].can_fetch(USER_AGENT, url)


def _check_scheme(url: str) -> None:
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        raise DiscoverError(f"portal URL {url!r} is not an http(s) URL")


def _read_portal(url: str, robots: _Robots) -> tuple[str, str]:
    """The portal's first page, or a DiscoverError naming the URL."""
    _check_scheme(url)
    try:
        if not robots.allows(url):
            raise DiscoverError(f"robots.txt of {url} disallows reading it")
        return fetch_text(url)
    except OSError as exc:
        raise DiscoverError(f"cannot read the portal {url}: {exc}") from exc


def _queue_links(queue: list[tuple[int, int, str]], html: str, page_url: str, depth: int,
                 site_url: str, seen: set[str]) -> None:
    for link in page_links(html, page_url):
        weight = navigation_weight(link)
        if weight and link.url not in seen and same_site(link.url, site_url):
            seen.add(link.url)
            heapq.heappush(queue, (depth + 1 - weight, len(seen), f"{depth + 1} {link.url}"))


def discover_bureau(bureau: ExpectedBureau, portal_url: str, max_pages: int = MAX_PAGES) -> Discovery:
    """Search a portal for the bureau: the first page holding a link naming it wins (its best link)."""
    robots = _Robots()
    result = Discovery(portal_url)
    final_url, html = _read_portal(portal_url, robots)
    queue: list[tuple[int, int, str]] = []
    seen = {portal_url, final_url}
    page_url, depth = final_url, 0
    while True:
        result.pages.append(page_url)
        found = best_bureau_link(page_links(html, page_url), bureau)
        if found:
            result.found, result.page_url = found, page_url
            return result
        if depth < MAX_DEPTH:
            _queue_links(queue, html, page_url, depth, final_url, seen)
        next_page = _next_page(queue, robots, result, max_pages)
        if next_page is None:
            return result
        depth, page_url, html = next_page


def _next_page(queue: list[tuple[int, int, str]], robots: _Robots, result: Discovery,
               max_pages: int) -> tuple[int, str, str] | None:
    """The most promising queued page that can be read, or None when the queue or the budget is spent."""
    while queue and len(result.pages) < max_pages:
        _, _, item = heapq.heappop(queue)
        depth_text, url = item.split(" ", 1)
        try:
            if not robots.allows(url):
                result.problems.append(f"{url}: robots.txt disallows it")
                continue
            final_url, html = fetch_text(url)
        except OSError as exc:
            result.problems.append(str(exc))
            continue
        return int(depth_text), final_url, html
    return None
