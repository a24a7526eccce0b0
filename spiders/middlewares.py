"""Retries that back off and a throttle that understands revalidation.

A struggling government server gets more time, not a burst:
Scrapy's RetryMiddleware re-queues a failed request at once; here every retry
carries a delay that doubles per attempt (RETRY_BACKOFF_BASE, capped at
RETRY_BACKOFF_MAX), served by a tiny middleware that sleeps before the download.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.asyncio import sleep

BACKOFF_META = "kjwatch_backoff"


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 30.0)

    def _retry(self, request: Request, reason: Any) -> Request | None:
        retry = super()._retry(request, reason)
        if retry is not None:
            attempt = int(retry.meta.get("retry_times", 1))
            retry.meta[BACKOFF_META] = min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)
        return retry


class BackoffDelayMiddleware:
    """Waits out a retry's backoff before the request reaches the download slot."""

    async def process_request(self, request: Request, spider: Any = None) -> None:
        delay = float(request.meta.pop(BACKOFF_META, 0) or 0)
        if delay > 0:
            await sleep(delay)


class RevalidationAwareAutoThrottle(AutoThrottle):
    """AutoThrottle that lets a 304 relax the delay the way a 200 does.

    Stock AutoThrottle sees the raw 304 of a revalidation and, because it is not a 200,
    never lowers the delay: one slow response early in a re-crawl would pin the delay
    high for every remaining (cheap) revalidation of that site.
    """

    def _adjust_delay(self, slot: Any, latency: float, response: Response) -> None:
        if response.status == 304:
            response = response.replace(status=200)
        super()._adjust_delay(slot, latency, response)
