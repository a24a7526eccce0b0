"""One generic spider for every 科技局 site; per-site differences come from the page, not from code.

It walks navigation and list pages (TRS, Hanweb JCMS datastores, 信息公开 directories,
集约化 and hand-made sites alike), follows only links whose titles are work reports,
and stores the report pages and their attachments. Lists are walked page by page
and the walk stops at the first page holding nothing new, so an unchanged site
costs one revalidated request per list it checks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from parsing.convert import DocumentError, document_text
from spiders.blocking import block_evidence
from spiders.crawlstats import CrawlStats
from spiders.documents import document_item, file_title, is_html, report_page_verdict
from spiders.failures import failure_reason, first_url
from spiders.hanweb import (
    MAX_RECORDS,
    HanwebColumn,
    first_proxy_start,
    hanweb_column,
    is_dataproxy_answer,
    record_links,
    records,
    total_records,
)
from spiders.links import Link, canonical_url, page_links, within_domains
from spiders.memory import CrawlMemory
from spiders.pagetext import header as _header
from spiders.pagetext import page_text as _page_text
from spiders.pagetext import visible_text as _visible_text
from spiders.paging import next_anchor_urls, pagination_urls, trs_next_pages
from spiders.rendering import BrowserPages, blocked_entry
from spiders.routing import LinkKind, link_kind
from spiders.sources import Source

MAX_LIST_PAGES = 60          # pages walked along one list, whatever its pager promises
# A web page is read for links and text in this process; real 科技局 pages stay under 2 MB, while
# a 51 MB page of 1.5 M links took 1.4 GB and 47 s. Files (PDF, DOCX …) may go to DOWNLOAD_MAXSIZE.
MAX_PAGE_BYTES = 10 * 1024 * 1024
MAX_NAV_HOPS = 6             # homepage → portal → hub → column → list: deep enough, not endless
PRIORITY = {"report": 30, "list": 10, "next": 5}
DIRECTORY_INDEXES = ("index.html", "index.htm", "index.shtml", "default.htm", "default.html")


class BureauSpider(BrowserPages, scrapy.Spider):
    name = "bureau"
    handle_httpstatus_list = [400, 403, 404, 405, 412, 521]  # noqa: RUF012 - Scrapy reads a class attribute

    def __init__(self, source_json: str = "{}", raw_dir: str = "raw", stats_path: str = "stats.json",
                 seen_urls: str | None = None, memory_path: str | None = None, items_path: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source = Source.from_dict(json.loads(source_json))
        self.allowed_domains = list(self.source.allowed_domains)
        self.raw_dir = Path(raw_dir)
        self.stats_path = Path(stats_path)
        self.items_path = items_path
        self.memory = CrawlMemory(Path(seen_urls) if seen_urls else None, Path(memory_path) if memory_path else None)
        self.stats = CrawlStats(self.source.id)
        self.requested_keys: set[str] = set()
        self.yielded_shas: set[str] = set()
        self.browser_cookies: dict[str, str] = {}
        self.list_fresh: dict[str, bool] = {}

    async def start(self) -> Any:
        for url in self.source.start_urls:
            request = self._request(canonical_url(url), self.parse_page, force=True, priority=PRIORITY["list"])
            if request is not None:
                yield request

    # -- requests -----------------------------------------------------------------------------------

    def _request(self, url: str, callback: Any, *, force: bool = False, priority: int = 0,
                 formdata: dict[str, str] | None = None, **meta: Any) -> scrapy.Request | None:
        """The one gate for every request: same domain, once per crawl, within the page cap."""
        key = f"POST {url}" if formdata is not None else url
        if not within_domains(url, self.source.allowed_domains) or key in self.requested_keys:
            return None
        if self.stats.requests >= self.source.max_pages and not force:
            self.stats.capped += 1
            return None
        self.requested_keys.add(key)
        self.requested_keys.update(_directory_aliases(url))
        self.stats.requests += 1
        common: dict[str, Any] = {"callback": callback, "errback": self.on_error, "priority": priority,
                                  "meta": meta, "cookies": self.cookies_for_requests()}
        if formdata is not None:
            return scrapy.FormRequest(url, formdata=formdata, **common)
        return scrapy.Request(url, **common)

    def on_error(self, failure: Any) -> None:
        request = getattr(failure, "request", None)
        if failure.check(IgnoreRequest) and "robots.txt" in failure.getErrorMessage():
            self.stats.robots_disallowed += 1
            return
        self.stats.errors.append(failure_reason(failure, first_url(request)))

    def _usable(self, response: Response) -> bool:
        """Counts the fetch; a challenge page or an HTTP error is recorded and goes no further."""
        self.stats.pages_fetched += 1
        if "cached" in response.flags:
            self.stats.not_modified += 1
        evidence = block_evidence(response.status, response.body)
        if evidence:
            self.stats.blocked.append(blocked_entry(response, evidence))
            return False
        if response.status >= 400:
            self.stats.errors.append(f"{response.url}: HTTP {response.status}")
            return False
        if len(response.body) > MAX_PAGE_BYTES and is_html(response):
            self.stats.errors.append(f"{response.url}: web page of {len(response.body):,} bytes, over the "
                                     f"{MAX_PAGE_BYTES:,}-byte limit for a page; not read")
            return False
        return True

    # -- lists ----------------------------------------------------------------------------------------

    async def parse_page(self, response: Response) -> AsyncIterator[Any]:
        """A JS challenge goes to the browser first; a `render: browser` list is read as Chromium shows it."""
        if evidence := self.challenge_to_solve(response):
            async for request in self.solve_challenge(response, evidence):
                yield request
        elif self.renders(response):
            async for output in self.browser_list(response, self._list_page):
                yield output
        else:
            for output in self._list_page(response):
                yield output

    def _list_page(self, response: Response) -> Iterator[Any]:
        """A homepage, hub or list page: follow reports and lists, then the list's next page if new."""
        if not self._usable(response):
            return
        if not is_html(response):
            yield from self._file(response)
            return
        self.stats.list_pages += 1
        body = _page_text(response)
        links = page_links(response.url, body) + record_links(response.url, body)
        yield from self._follow(links, response)
        yield from self._continue_list(response, body, links)

    def _follow(self, links: list[Link], response: Response) -> Iterator[scrapy.Request]:
        hops = int(response.meta.get("hops", 0))
        for link in links:
            kind = link_kind(link)
            if kind in (LinkKind.REPORT_PAGE, LinkKind.REPORT_FILE) and self.memory.is_stored(link.url):
                self.stats.skipped_stored += 1
                continue
            if kind is LinkKind.REPORT_PAGE:
                yield from _some(self._request(link.url, self.parse_article, priority=PRIORITY["report"],
                                               list_title=link.text))
            elif kind is LinkKind.REPORT_FILE:
                yield from _some(self._request(link.url, self.parse_file, priority=PRIORITY["report"],
                                               page_url=response.url, title=link.text))
            elif kind is LinkKind.LIST and hops < MAX_NAV_HOPS:
                yield from _some(self._request(link.url, self.parse_page, priority=PRIORITY["list"], hops=hops + 1))

    def _continue_list(self, response: Response, body: str, links: list[Link]) -> Iterator[scrapy.Request]:
        """Next page (TRS pager, 下一页 anchor, Hanweb group) only while pages still hold something new."""
        next_urls = trs_next_pages(response.url, body) or next_anchor_urls(
            [(link.url, link.text) for link in links], _visible_text(body))
        column = hanweb_column(response.url, body)
        pager_urls = set(next_urls) | set(pagination_urls(response.url, body))
        entries = {link.url for link in links if link.url not in pager_urls}
        walk = response.meta.get("walk") or response.url
        if not self._holds_something_new(walk, entries, bool(next_urls or column)):
            return
        page_no = int(response.meta.get("list_page", 0))
        if page_no + 1 >= MAX_LIST_PAGES:
            self._pager_cut(walk, bool(next_urls or column))
            return
        for url in next_urls:
            yield from _some(self._request(url, self.parse_page, priority=PRIORITY["next"], walk=walk,
                                           list_page=page_no + 1, hops=response.meta.get("hops", 0)))
        start = first_proxy_start(column, len(records(body))) if column else None
        if column and start:
            yield from _some(self._group_request(column, start, "POST", list_page=page_no + 1,
                                                 page_url=response.url))

    def _holds_something_new(self, walk: str, entries: set[str], pageable: bool) -> bool:
        fresh = self.memory.note_listed(walk, entries)
        self.list_fresh[walk] = fresh > 0
        if not fresh and pageable:
            self.stats.lists_stopped_unchanged += 1
        return fresh > 0

    def _group_request(self, column: HanwebColumn, start: int, method: str, **meta: Any) -> scrapy.Request | None:
        url, form = column.group(start)
        meta.update(column=column, start=start, method=method)
        if method == "GET":
            return self._request(f"{url}&{urlencode(form)}", self.parse_group, priority=PRIORITY["next"], **meta)
        return self._request(url, self.parse_group, priority=PRIORITY["next"], formdata=form, **meta)

    def parse_group(self, response: Response) -> Iterator[Any]:
        """A dataproxy.jsp answer: its records, then the next group while they are new."""
        column: HanwebColumn = response.meta["column"]
        start, method, page_no = int(response.meta["start"]), response.meta["method"], response.meta["list_page"]
        meta = {"list_page": page_no, "page_url": response.meta["page_url"]}
        body = _page_text(response) if is_html(response) else ""
        if method == "POST" and not is_dataproxy_answer(response.status, body):
            yield from _some(self._group_request(column, start, "GET", **meta))
            return
        if not self._usable(response):
            return
        self.stats.list_pages += 1
        links = record_links(meta["page_url"], body)
        yield from self._follow(links, response)
        next_start = start + column.group_records
        has_more = next_start <= min(total_records(body) or column.total or MAX_RECORDS, MAX_RECORDS)
        new = self._holds_something_new(meta["page_url"], {link.url for link in links}, True)
        if new and has_more and page_no + 1 >= MAX_LIST_PAGES:
            self._pager_cut(meta["page_url"], True)
        elif new and has_more:
            yield from _some(self._group_request(column, next_start, method, **{**meta, "list_page": page_no + 1}))

    def _pager_cut(self, walk: str, has_next: bool) -> None:
        """A pager still offering new pages after MAX_LIST_PAGES is endless or hostile: one error."""
        if has_next:
            self.stats.errors.append(f"{walk}: list pager still going after {MAX_LIST_PAGES} pages; "
                                     "the walk stopped there")

    # -- reports ------------------------------------------------------------------------------------

    async def parse_article(self, response: Response) -> AsyncIterator[Any]:
        """Report pages and files: a challenge in their way is solved, then they are asked for again."""
        if evidence := self.challenge_to_solve(response):
            async for request in self.solve_challenge(response, evidence):
                yield request
        elif self._usable(response):
            for output in self._article(response):
                yield output

    parse_file = parse_article

    def _article(self, response: Response) -> Iterator[Any]:
        """A report page is a document itself when it carries the text, else its attachments are."""
        if not is_html(response):
            yield from self._file(response)
            return
        try:
            page = document_text(response.body, url=response.url, content_type=_header(response, "Content-Type"))
        except DocumentError as exc:
            self.stats.errors.append(f"{response.url}: {exc}")
            return
        title = response.meta.get("list_title") or response.meta.get("title") or page.title
        published = page.published_at.isoformat() if page.published_at else None
        verdict = report_page_verdict(page, page_links(response.url, _page_text(response)))
        if verdict.page_is_document:
            yield from self._document(response, title, None, published)
        for link in verdict.attachments:
            yield from _some(self._request(link.url, self.parse_file, priority=PRIORITY["report"],
                                           page_url=response.url, title=link.text, page_title=title,
                                           published_at=published))

    def _file(self, response: Response) -> Iterator[Any]:
        title = file_title(response, response.meta.get("title"), response.meta.get("page_title"))
        yield from self._document(response, title, response.meta.get("page_url"), response.meta.get("published_at"))

    def _document(self, response: Response, title: str | None, page_url: str | None,
                  published_at: str | None) -> Iterator[Any]:
        """One document per content: the same file under two URLs is yielded once."""
        sha = hashlib.sha256(response.body).hexdigest()
        if sha in self.yielded_shas:
            self.stats.duplicate_documents += 1
            return
        self.yielded_shas.add(sha)
        self.stats.documents_found += 1
        yield document_item(self.source.id, self.raw_dir, response, title, page_url, published_at)

    def closed(self, reason: str) -> None:
        self.memory.save()
        self.stats.reason = reason
        self.stats.retried = int(self.crawler.stats.get_value("retry/count", 0) or 0)
        self.stats.write(self.stats_path)


def _some(request: scrapy.Request | None) -> Iterator[scrapy.Request]:
    if request is not None:
        yield request


def _directory_aliases(url: str) -> list[str]:
    """`/` and `/index.html` are one homepage on every CMS met so far; fetch it once."""
    head, _, tail = url.rpartition("/")
    if "?" in tail or (tail and tail not in DIRECTORY_INDEXES):
        return []
    return [f"{head}/{name}" for name in ("", *DIRECTORY_INDEXES)]
