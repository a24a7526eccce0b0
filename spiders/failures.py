"""A download failure in words a person reading crawl_results understands at a glance."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import CannotResolveHostError, DownloadCancelledError, DownloadConnectionRefusedError

# `URL: reason`, the form of every crawl error that concerns a page (a URL holds no space).
MESSAGE_URL = re.compile(r"^(https?://\S+): ")


def message_url(message: str) -> str | None:
    """The page a crawl error is about (`URL: reason`), or None when it names no page."""
    found = MESSAGE_URL.match(message)
    return found.group(1) if found else None


def failure_reason(failure: Any, url: str) -> str:
    """`URL: reason`; a dead host is named as such instead of by Twisted's exception text."""
    parts = urlsplit(url)
    if failure.check(CannotResolveHostError):
        return f"{url}: host {parts.hostname} does not resolve (DNS lookup failed)"
    if failure.check(DownloadConnectionRefusedError):
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return f"{url}: connection refused by {parts.hostname}:{port}"
    if failure.check(DownloadCancelledError):
        detail = failure.getErrorMessage()[:160]
        reason = f"{url}: body over the download size limit (DOWNLOAD_MAXSIZE), cancelled"
        return f"{reason}: {detail}" if detail else reason
    return f"{url}: {failure.getErrorMessage()}"


def first_url(request: Any) -> str:
    """The URL the crawler asked for, not the last hop of the redirects it was sent along."""
    if request is None:
        return "?"
    return str((request.meta.get("redirect_urls") or [request.url])[0])
