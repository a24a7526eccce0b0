"""A download failure in words a person reading crawl_results understands at a glance."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError


def failure_reason(failure: Any, url: str) -> str:
    """`URL: reason`; a dead host is named as such instead of by Twisted's exception text."""
    parts = urlsplit(url)
    if failure.check(CannotResolveHostError):
        return f"{url}: host {parts.hostname} does not resolve (DNS lookup failed)"
    if failure.check(DownloadConnectionRefusedError):
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return f"{url}: connection refused by {parts.hostname}:{port}"
    return f"{url}: {failure.getErrorMessage()}"
