"""One generic spider for every 科技局 site; per-site differences come from the source entry.

It walks navigation and list pages, follows only links whose titles are work
reports, and stores the report pages and their attachments. Pages whose text
carries the report become documents; a page that merely links an attachment
hands that role to the attachment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response

from parsing.convert import DocumentError, document_text
from spiders.blocking import block_evidence
from spiders.classify import is_report_title
from spiders.items import DocumentItem
from spiders.links import Link, is_document_url, page_links, pagination_urls, script_urls, within_domains
from spiders.pipelines import store_raw
from spiders.sources import Source

NAV_WORDS = re.compile(
    r"通知公告|工作动态|规划计划|计划总结|工作总结|总结计划|信息公开|政务公开|部门文件|年度报告|更多|more|"
    r"公示公告|政策文件|科技要闻|工作报告|计划规划|法定主动公开|部门动态|科技动态"
)
LIST_URL = re.compile(r"/col/|/index(_\d+)?\.s?html?$|list|/node_|channel|column|/$", re.IGNORECASE)
ARTICLE_URL = re.compile(r"/t\d{8}_\d+\.s?html?$|/art/|content_\d+|post_\d+|/\d{6}/|detail", re.IGNORECASE)
ATTACHMENT_SUFFIX = re.compile(r"\.(pdf|docx?|wps|xlsx?|ofd)$", re.IGNORECASE)
MIN_REPORT_CHARS = 400


class BureauSpider(scrapy.Spider):
    name = "bureau"
    handle_httpstatus_list = [403, 404, 412, 521]  # noqa: RUF012 - Scrapy reads a class attribute

    def __init__(self, source_json: str = "{}", raw_dir: str = "raw", stats_path: str = "stats.json",
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        data = json.loads(source_json)
        self.source = Source.from_dict(data)
        self.allowed_domains = list(self.source.allowed_domains)
        self.raw_dir = Path(raw_dir)
        self.stats_path = Path(stats_path)
        self.requested = 0
        self.seen_urls: set[str] = set()
        self.pages = 0
        self.documents = 0
        self.blocked: list[str] = []
        self.errors: list[str] = []

    async def start(self) -> Any:
        for url in self.source.start_urls:
            request = self._request(url, self.parse_page, force=True)
            if request is not None:
                yield request

    def _request(self, url: str, callback: Any, force: bool = False, **meta: Any) -> scrapy.Request | None:
        if not within_domains(url, self.source.allowed_domains):
            return None
        if url in self.seen_urls:
            return None
        if self.requested >= self.source.max_pages and not force:
            return None
        self.seen_urls.add(url)
        self.requested += 1
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta)

    def on_error(self, failure: Any) -> None:
        request = getattr(failure, "request", None)
        self.errors.append(f"{getattr(request, 'url', '?')}: {failure.getErrorMessage()}")

    def _check_response(self, response: Response) -> bool:
        self.pages += 1
        evidence = block_evidence(response.status, response.body)
        if evidence:
            self.blocked.append(f"{response.url}: {evidence}")
            return False
        if response.status >= 400:
            self.errors.append(f"{response.url}: HTTP {response.status}")
            return False
        return True

    def parse_page(self, response: Response) -> Iterator[Any]:
        """A homepage, hub or list page: follow reports, lists and pagination."""
        if not self._check_response(response):
            return
        if not _is_html(response):
            yield from self.parse_attachment(response, counted=True)
            return
        body = response.text
        for url in pagination_urls(response.url, body) + script_urls(response.url, body):
            yield from _some(self._request(url, self.parse_page))
        for link in page_links(response.url, body):
            yield from _some(self._follow(link, response.url))

    def _follow(self, link: Link, from_url: str) -> scrapy.Request | None:
        if is_report_title(link.text):
            if is_document_url(link.url):
                return self._request(link.url, self.parse_attachment, page_url=from_url, title=link.text)
            return self._request(link.url, self.parse_article, list_title=link.text)
        if is_document_url(link.url) or (ARTICLE_URL.search(link.url) and not NAV_WORDS.search(link.text)):
            return None
        if NAV_WORDS.search(link.text) or (LIST_URL.search(link.url) and not link.text):
            return self._request(link.url, self.parse_page)
        return None

    def parse_article(self, response: Response) -> Iterator[Any]:
        """A report page: a document itself when it carries the text, else its attachments are."""
        if not self._check_response(response):
            return
        if not _is_html(response):
            yield from self.parse_attachment(response, counted=True)
            return
        try:
            page = document_text(response.body, url=response.url, content_type=_content_type(response))
        except DocumentError as exc:
            self.errors.append(f"{response.url}: {exc}")
            return
        title = page.title or response.meta.get("list_title")
        attachments = [a for a in page.attachments if is_document_url(a.url)]
        if len(page.text) >= MIN_REPORT_CHARS or not attachments:
            yield self._item(response, title, None, page.published_at.isoformat() if page.published_at else None)
        for att in attachments:
            yield from _some(self._request(att.url, self.parse_attachment, page_url=response.url,
                                           title=att.title or title, published_at=page.published_at))

    def parse_attachment(self, response: Response, counted: bool = False) -> Iterator[Any]:
        if not counted and not self._check_response(response):
            return
        published = response.meta.get("published_at")
        title = ATTACHMENT_SUFFIX.sub("", response.meta.get("title") or "") or None
        yield self._item(response, title, response.meta.get("page_url"),
                         published.isoformat() if published else None)

    def _item(self, response: Response, title: str | None, page_url: str | None,
              published_at: str | None) -> DocumentItem:
        sha, path = store_raw(self.raw_dir, response.body)
        self.documents += 1
        return DocumentItem(
            source_id=self.source.id, url=response.url, title=title, page_url=page_url,
            published_at=published_at, content_type=_content_type(response), content_sha256=sha,
            raw_path=str(path), fetched_at=datetime.now(UTC).isoformat(), status=response.status,
        )

    def closed(self, reason: str) -> None:
        stats = {
            "source_id": self.source.id, "reason": reason, "pages_fetched": self.pages,
            "requests": self.requested, "documents_found": self.documents,
            "blocked": self.blocked, "errors": self.errors,
        }
        self.stats_path.parent.mkdir(parents=True, exist_ok=True)
        self.stats_path.write_text(json.dumps(stats, ensure_ascii=False), encoding="utf-8")


def _some(request: scrapy.Request | None) -> Iterator[scrapy.Request]:
    if request is not None:
        yield request


def _content_type(response: Response) -> str | None:
    value = response.headers.get("Content-Type")
    return value.decode("latin-1") if value else None


def _is_html(response: Response) -> bool:
    kind = (_content_type(response) or "").lower()
    head = response.body[:512].lstrip().lower()
    if head.startswith((b"%pdf", b"pk\x03\x04", b"\xd0\xcf\x11\xe0")):
        return False
    return "html" in kind or head.startswith((b"<!doctype", b"<html")) or b"<html" in head
