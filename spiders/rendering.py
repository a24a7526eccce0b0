"""The spider's side of the browser: solve a JS challenge once, read `render: browser` lists as shown.

A recognised challenge (加速乐 521, 瑞数 412) is opened in Chromium, which runs the site's
script; the cookies it earns are then sent with every plain Scrapy request, and the
challenged request is asked again plainly. A `render: browser` source has its list pages
read as the browser shows them, and a list paged only by script (`goPage(n)`, `turnPage`,
a POST form built on the fly) is walked by clicking its own 下一页 control.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from typing import Any

import scrapy
from scrapy import signals
from scrapy.http import HtmlResponse, Response

from spiders.blocking import is_challenge
from spiders.browser import CHALLENGE_ROUNDS, BrowserConfig, BrowserSession, BrowserTab, Snapshot
from spiders.chromium import BrowserUnavailable
from spiders.crawlstats import CrawlStats
from spiders.documents import is_html
from spiders.pagetext import visible_text
from spiders.paging import NEXT_TEXTS, page_counter
from spiders.sources import Source

MAX_SCRIPTED_PAGES = 60      # pages walked along one script-paged list, like MAX_LIST_PAGES
TRANSPORT_HEADERS = {b"content-encoding", b"content-length", b"transfer-encoding"}
SOLVED = "challenge_solved"  # meta flag: this request already carries the browser's cookies
ListReader = Callable[[Response], Iterable[Any]]
Cookies = dict[str | bytes, str | bytes | bool | float | int]


class BrowserPages:
    """Mixed into BureauSpider; the browser starts only when a page needs it."""

    source: Source
    stats: CrawlStats
    settings: Any
    browser: BrowserSession | None = None
    browser_cookies: dict[str, str]
    browser_missing: BrowserUnavailable | None = None
    list_fresh: dict[str, bool]

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)  # type: ignore[misc]
        crawler.signals.connect(spider.close_browser, signal=signals.spider_closed)
        return spider

    async def close_browser(self) -> None:
        if self.browser is not None:
            await self.browser.close()

    def _session(self) -> BrowserSession:
        if self.browser_missing is not None:
            raise self.browser_missing
        if self.browser is None:
            self.browser = BrowserSession(BrowserConfig(
                executable=self.settings.get("KJWATCH_CHROMIUM"), user_agent=self.settings.get("USER_AGENT"),
                allowed_domains=self.source.allowed_domains,
                wait_seconds=self.settings.getfloat("KJWATCH_BROWSER_WAIT", 10.0)))
        return self.browser

    def challenge_to_solve(self, response: Response) -> str | None:
        """The challenge evidence when the browser should try it: once per request, never for `render: plain`."""
        if self.source.render == "plain" or response.meta.get(SOLVED):
            return None
        return is_challenge(response.status, response.body)

    def renders(self, response: Response) -> bool:
        return self.source.render == "browser" and is_html(response) and response.status < 400

    def cookies_for_requests(self) -> Cookies:
        """What the browser earned (a challenge's clearance cookie), sent with every plain request."""
        cookies: Cookies = {name: value for name, value in self.browser_cookies.items()}
        return cookies

    async def solve_challenge(self, response: Response, evidence: str) -> AsyncIterator[scrapy.Request]:
        """Runs the challenge in the browser, keeps its cookies and asks for the page again plainly."""
        try:
            async with self._session().tab() as tab:
                snapshot = await _open(tab, response)
                cookies = await tab.cookies()
        except BrowserUnavailable as exc:
            self._no_browser(response.url, f"the JS challenge at {response.url} ({evidence})", exc)
            self.stats.blocked.append(f"{response.url}: {evidence}; no browser to solve it: {exc}")
            return
        self.stats.pages_fetched += 1
        if snapshot.evidence:
            self.stats.blocked.append(f"{response.url}: {evidence}; still a challenge after the browser "
                                      f"ran its script ({CHALLENGE_ROUNDS} reloads waited for)")
            return
        self.browser_cookies.update(cookies)
        self.stats.requests += 1
        yield _request_of(response).replace(cookies=self.cookies_for_requests(), dont_filter=True,
                                       meta={**response.meta, SOLVED: True})

    async def browser_list(self, response: Response, read_list: ListReader) -> AsyncIterator[Any]:
        """A list page as the browser shows it, then its scripted next pages while they hold something new."""
        try:
            outputs = await self._walk(response, read_list)
        except BrowserUnavailable as exc:
            self._no_browser(response.url, "render: browser", exc)
            return
        for output in outputs:
            yield output

    async def _walk(self, response: Response, read_list: ListReader) -> list[Any]:
        walk = response.meta.get("walk") or response.url
        first = int(response.meta.get("list_page", 0))
        outputs: list[Any] = []
        async with self._session().tab() as tab:
            snapshot: Snapshot | None = await _open(tab, response)
            for page_no in range(first, first + MAX_SCRIPTED_PAGES):
                if snapshot is None:
                    break
                self.browser_cookies.update(await tab.cookies())
                page_outputs = list(read_list(_rendered(response, snapshot, walk, page_no)))
                outputs += page_outputs
                if not self._turns_on(walk, page_no, snapshot, page_outputs):
                    break
                self.stats.requests += 1
                snapshot = await tab.turn(NEXT_TEXTS)
        return outputs

    def _turns_on(self, walk: str, page_no: int, snapshot: Snapshot, outputs: list[Any]) -> bool:
        """Only a list with nothing new stops; so do a plain next page (followed as a request) and the last page."""
        plain_next = any(isinstance(o, scrapy.Request) and o.meta.get("list_page") == page_no + 1 for o in outputs)
        counter = page_counter(visible_text(snapshot.html))
        if plain_next or not self.list_fresh.get(walk) or (counter and counter[0] >= counter[1]):
            return False
        if self.stats.requests >= self.source.max_pages:
            self.stats.capped += 1
            return False
        return True

    def _no_browser(self, url: str, why: str, exc: BrowserUnavailable) -> None:
        """Said once per crawl, naming the source: the fix is an install, not a retry."""
        if self.browser_missing is None:
            self.browser_missing = exc
            self.stats.errors.append(f"source {self.source.id}: {why} needs a headless browser, but {exc}")


async def _open(tab: BrowserTab, response: Response) -> Snapshot:
    """The page Scrapy fetched, handed to the browser as is (already inflated: no encoding headers)."""
    headers = {name.decode("latin-1"): b",".join(values).decode("latin-1")
               for name, values in response.headers.items() if name.lower() not in TRANSPORT_HEADERS}
    return await tab.open(response.url, response.status, headers, response.body)


def _rendered(response: Response, snapshot: Snapshot, walk: str, page_no: int) -> HtmlResponse:
    """The browser's page as a Scrapy response: UTF-8 (as serialised), the request's meta kept."""
    request = _request_of(response).replace(url=snapshot.url, meta={**response.meta, "walk": walk,
                                                                "list_page": page_no, "rendered": True})
    return HtmlResponse(url=snapshot.url, status=snapshot.status, body=snapshot.html.encode("utf-8"),
                        headers={"Content-Type": "text/html; charset=utf-8"}, encoding="utf-8", request=request)


def blocked_entry(response: Response, evidence: str) -> str:
    """`URL: evidence`, saying so when even the browser's cookies did not get past the challenge."""
    after = "; still a challenge for plain requests with the browser's cookies" if response.meta.get(SOLVED) else ""
    return f"{response.url}: {evidence}{after}"


def _request_of(response: Response) -> scrapy.Request:
    if response.request is None:
        raise RuntimeError(f"{response.url}: a response without its request")
    return response.request
