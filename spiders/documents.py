"""Which parts of a report page are the report: the page text, its attachments, or both.

A 关于印发…工作要点的通知 page is a short wrapper around the real file; a report
published as a page carries the text itself and may add the same text as a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scrapy.http import Response

from parsing.convert import DocumentText
from spiders.attachments import (
    attachment_title,
    content_disposition_filename,
    is_document_url,
    looks_like_html,
)
from spiders.classify import is_report_title
from spiders.items import DocumentItem
from spiders.links import Link, canonical_url
from spiders.pipelines import store_raw

MIN_REPORT_CHARS = 400
MAX_WRAPPER_ATTACHMENTS = 6


@dataclass(frozen=True, slots=True)
class PageVerdict:
    """A report page's decision: is the page itself a document, and which files to fetch."""

    page_is_document: bool
    attachments: list[Link]


def report_page_verdict(page: DocumentText, page_links: list[Link]) -> PageVerdict:
    """Long pages are documents and bring only report-titled files; short wrappers bring their files."""
    files = _file_links(page, page_links)
    titled = [link for link in files if is_report_title(link.text)]
    if len(page.text) >= MIN_REPORT_CHARS:
        return PageVerdict(True, titled)
    if not files:
        return PageVerdict(True, [])
    return PageVerdict(False, titled or files[:MAX_WRAPPER_ATTACHMENTS])


def _file_links(page: DocumentText, page_links: list[Link]) -> list[Link]:
    """Attachments the text extractor saw (incl. viewers, script links) plus download endpoints and iframes."""
    found: dict[str, str] = {}
    candidates = [Link(canonical_url(a.url), a.title) for a in page.attachments] + page_links
    for link in candidates:
        if is_document_url(link.url) and (link.url not in found or not found[link.url]):
            found[link.url] = link.text
    return [Link(url, text) for url, text in found.items()]


def content_type(response: Response) -> str | None:
    value = response.headers.get("Content-Type")
    return value.decode("latin-1") if value else None


def is_html(response: Response) -> bool:
    return looks_like_html(content_type(response), response.body)


def file_title(response: Response, link_title: str | None, page_title: str | None) -> str | None:
    filename = content_disposition_filename(response.headers.get("Content-Disposition"))
    return attachment_title(link_title, filename, response.url, page_title)


def document_item(source_id: str, raw_dir: Path, response: Response, title: str | None,
                  page_url: str | None, published_at: str | None) -> DocumentItem:
    sha, path = store_raw(raw_dir, response.body)
    return DocumentItem(
        source_id=source_id, url=response.url, title=title, page_url=page_url,
        published_at=published_at, content_type=content_type(response), content_sha256=sha,
        raw_path=str(path), fetched_at=datetime.now(UTC).isoformat(), status=response.status,
    )
