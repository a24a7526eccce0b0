"""A headless Chromium (Debian's `chromium`, driven by Playwright) for pages plain HTTP cannot read.

Why a browser at all: 加速乐/瑞数 answer the first request with a script that computes a
cookie and reloads, and some lists page only through `goPage(n)`-style scripts. The browser
runs the site's own script; what it leaves (the page, its cookies) goes back to Scrapy, so
every other request stays a cheap plain one.

The first document of a tab is the response Scrapy already fetched (robots.txt and the
destination checks have passed for it), fulfilled from memory rather than fetched again;
the browser may then reach only the source's own domains, and never loads images or fonts.
Playwright is imported only when a browser is really needed: plain crawls (`make demo`) never
load it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from spiders.blocking import block_evidence
from spiders.chromium import CHROMIUM
from spiders.links import within_domains

SKIPPED_RESOURCES = {"image", "media", "font"}
CHALLENGE_ROUNDS = 3          # reloads a challenge script may ask for before the source counts as blocked
RELOAD_SECONDS = 3.0          # how long a still-challenged page is given to reload itself
TURN_MARK = "__kjwatchTurn"   # set on the old page before a pager script runs; a new page lacks it
# Finds the scripted 下一页 control: a link with a `javascript:`/`#` href or an onclick, or a button.
FIND_SCRIPTED_NEXT = """(texts) => {
  const label = (el) => (el.innerText || el.value || '').replace(/[\\s>›»<‹«\\[\\]【】]+/g, '').toLowerCase();
  const scripted = (el) => el.tagName !== 'A' || el.hasAttribute('onclick')
      || /^(javascript:|#|$)/i.test((el.getAttribute('href') || '').trim());
  const all = document.querySelectorAll('a, button, input[type=button], input[type=submit], span[onclick]');
  return Array.from(all).find((el) => texts.includes(label(el)) && scripted(el) && el.getClientRects().length > 0
      && !el.disabled && !/disabled/i.test(el.className)) || null;
}"""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A page as the browser shows it after its scripts ran."""

    url: str
    status: int
    html: str
    evidence: str | None = None      # still a challenge page after CHALLENGE_ROUNDS reloads


@dataclass(frozen=True, slots=True)
class BrowserConfig:
    executable: str
    user_agent: str
    allowed_domains: tuple[str, ...]
    wait_seconds: float = 10.0


class BrowserTab:
    """One page of the browser: opened on a fetched response, turned by the page's own pager."""

    def __init__(self, page: Any, wait_seconds: float) -> None:
        self.page = page
        self.wait_ms = wait_seconds * 1000
        self.statuses: list[int] = []
        self._loaded = asyncio.Event()
        self._looping = asyncio.Event()      # more navigations than any challenge needs: a reload loop
        page.on("response", self._note_document)
        page.on("load", self._note_load)

    def _note_document(self, response: Any) -> None:
        if response.request.is_navigation_request() and response.frame == self.page.main_frame:
            self.statuses.append(response.status)
            if len(self.statuses) > CHALLENGE_ROUNDS + 2:
                self._looping.set()

    def _note_load(self, _: Any) -> None:
        self._loaded.set()

    async def open(self, url: str, status: int, headers: dict[str, str], body: bytes) -> Snapshot:
        """The fetched response, with its scripts run and any challenge reloads followed."""
        served = False

        async def first_document(route: Any) -> None:
            nonlocal served
            if served or route.request.url != url:
                await route.fallback()
                return
            served = True
            await route.fulfill(status=status, headers=headers, body=body)

        await self.page.route("**/*", first_document)
        await self.page.goto(url, wait_until="commit", timeout=self.wait_ms)
        return await self._settled()

    async def _settled(self) -> Snapshot:
        """Waits out challenge reloads: done once the page is no challenge, blocked after a few rounds.

        A challenge script reloads at once or within a second or two, so a page still challenged
        gets RELOAD_SECONDS to load anew, not the whole page budget; a page that reloads endlessly
        is given up at once."""
        await self._until_loaded(self.wait_ms)
        for _ in range(CHALLENGE_ROUNDS):
            snapshot = await self.snapshot()
            if snapshot.evidence is None or self._looping.is_set():
                return snapshot
            self._loaded.clear()
            if not await self._until_loaded(min(self.wait_ms, RELOAD_SECONDS * 1000)):
                break
        return await self.snapshot()

    async def _until_loaded(self, timeout_ms: float) -> bool:
        """True once the page fired `load`; False after timeout_ms or when it reloads in a loop."""
        waiters = {asyncio.ensure_future(self._loaded.wait()), asyncio.ensure_future(self._looping.wait())}
        _, pending = await asyncio.wait(waiters, timeout=timeout_ms / 1000, return_when=asyncio.FIRST_COMPLETED)
        for waiter in pending:
            waiter.cancel()
        return self._loaded.is_set() and not self._looping.is_set()

    async def snapshot(self) -> Snapshot:
        """The page now; one caught mid-navigation (or reloading in a loop) reads as empty: not usable.

        `page.content()` has no timeout of its own and retries across navigations, so a page that
        reloads itself forever would hold it forever: it is bounded here and skipped for a loop."""
        html = ""
        if not self._looping.is_set():
            try:
                html = await asyncio.wait_for(self.page.content(), timeout=self.wait_ms / 1000)
            except (TimeoutError, _playwright_error()):
                html = ""
        status = self.statuses[-1] if self.statuses else 200
        return Snapshot(self.page.url, status, html, block_evidence(status, html.encode("utf-8")))

    async def turn(self, next_texts: tuple[str, ...]) -> Snapshot | None:
        """Clicks the scripted next-page control and returns the new list, or None when there is none."""
        control = (await self.page.evaluate_handle(FIND_SCRIPTED_NEXT, list(next_texts))).as_element()
        if control is None:
            return None
        html = await self.page.evaluate(f"() => {{ window.{TURN_MARK} = true; return document.body.innerHTML; }}")
        changed = f"(old) => !window.{TURN_MARK} || (document.body && document.body.innerHTML !== old)"
        try:
            await control.click(timeout=self.wait_ms)
            await self.page.wait_for_function(changed, arg=html, timeout=self.wait_ms)
            await self.page.wait_for_load_state("load", timeout=self.wait_ms)
        except _playwright_error():
            return None
        return await self.snapshot()

    async def cookies(self) -> dict[str, str]:
        return {cookie["name"]: cookie["value"] for cookie in await self.page.context.cookies()}


class BrowserSession:
    """A source's browser context (its cookies, its domains) in the process's one Chromium (spiders/chromium.py),
    started at the first page that needs it."""

    def __init__(self, config: BrowserConfig) -> None:
        self.config = config
        self._playwright: Any = None
        self._context: Any = None
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def tab(self) -> AsyncIterator[BrowserTab]:
        """A fresh tab; tabs take turns, so a bureau server never sees more than one browser page at a time."""
        async with self._lock:
            context = await self._started()
            page = await context.new_page()
            try:
                yield BrowserTab(page, self.config.wait_seconds)
            finally:
                await self._close_page(page)

    async def _close_page(self, page: Any) -> None:
        """Route handlers still running (a page reloading itself in a loop) would hold `close()` up:
        they are dropped first, and a close that still hangs is left to the context's close."""
        try:
            await page.unroute_all(behavior="ignoreErrors")
            await asyncio.wait_for(page.close(), timeout=self.config.wait_seconds)
        except (TimeoutError, _playwright_error()):
            return

    async def _started(self) -> Any:
        if self._context is None:
            browser = await CHROMIUM.acquire(self.config.executable)
            self._context = await browser.new_context(user_agent=self.config.user_agent, locale="zh-CN")
            await self._context.route("**/*", self._guard)
        return self._context

    async def _guard(self, route: Any) -> None:
        """Only the source's own domains, over http(s), and nothing heavy that a list does not need."""
        request = route.request
        allowed = urlsplit(request.url).scheme in ("http", "https") and within_domains(request.url,
                                                                                        self.config.allowed_domains)
        if request.resource_type in SKIPPED_RESOURCES or not allowed:
            await route.abort()
        else:
            await route.fallback()

    async def close(self) -> None:
        if self._context is not None:
            await self._context.unroute_all(behavior="ignoreErrors")
            await self._context.close()
            self._context = None
            await CHROMIUM.release()


def _playwright_error() -> type[Exception]:
    """Playwright's base error (timeouts included), imported only once a browser runs."""
    from playwright.async_api import Error

    return Error
