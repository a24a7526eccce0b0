"""Browser fetches against plain fetches (issue 18): pages/s on the mock sites of tests/spiders/browser_sites.py.

    PYTHONPATH=. .venv/bin/python bench/browser.py [--repeat 20] [--chromium /usr/bin/chromium]

Measured, on 127.0.0.1 so the network costs next to nothing and what is left is the client:
- Chromium start (Playwright driver + browser), once per crawl that needs it;
- a 加速乐-style 521 solved in a fresh tab (the 521 handed over from memory, the script's reload
  fetched by the browser), the way spiders/rendering.py solves it;
- a list page shown by the browser (fulfilled from memory, scripts run, serialised);
- a `goPage(n)` turn (the page's own POST form) and a `turnPage(n)` turn (fetch + innerHTML);
- plain GETs of the same report pages with the clearance cookie (http.client, one connection a page,
  as Scrapy's cost is not the point here: tests/spiders and bench/crawl.py measure whole crawls).
Wall seconds (time.perf_counter); the browser works in other processes, so CPU time would hide it.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from spiders.browser import BrowserConfig, BrowserSession  # noqa: E402
from spiders.paging import NEXT_TEXTS  # noqa: E402
from tests.spiders.browser_sites import CLEARANCE, ChallengeSite, ScriptPagerSite  # noqa: E402

COOKIE = f"{CLEARANCE}=1700000000.1|0"


def plain_get(url: str, cookie: str = "") -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    connection.request("GET", parts.path or "/", headers={"Cookie": cookie} if cookie else {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k: v for k, v in response.getheaders() if k.lower() != "content-length"}, body


async def rate(label: str, repeat: int, step: Callable[[], Awaitable[int]]) -> None:
    """Runs `step` (which returns the pages it fetched) `repeat` times and prints pages/s."""
    pages, started = 0, time.perf_counter()
    for _ in range(repeat):
        pages += await step()
    seconds = time.perf_counter() - started
    print(f"{label:<58} {pages:>5} pages {seconds:>7.2f} s {pages / seconds:>8.1f} pages/s")


async def browser_rates(session: BrowserSession, challenge: ChallengeSite, pager: ScriptPagerSite,
                        repeat: int) -> None:
    async def solve() -> int:
        status, headers, body = plain_get(challenge.base + "/")
        async with session.tab() as tab:
            snapshot = await tab.open(challenge.base + "/", status, headers, body)
        assert snapshot.evidence is None, snapshot.evidence
        return 1

    async def render() -> int:
        status, headers, body = plain_get(pager.base + "/xxgk/list.html")
        async with session.tab() as tab:
            await tab.open(pager.base + "/xxgk/list.html", status, headers, body)
        return 1

    async def walk(path: str) -> int:
        status, headers, body = plain_get(pager.base + path)
        turned = 0
        async with session.tab() as tab:
            await tab.open(pager.base + path, status, headers, body)
            while await tab.turn(NEXT_TEXTS) is not None:
                turned += 1
        return turned

    await rate("browser: 521 challenge solved in a fresh tab", repeat, solve)
    await rate("browser: list page shown (fulfilled from memory)", repeat, render)
    await rate("browser: goPage(n) turns (POST form by script)", repeat, lambda: walk("/xxgk/list.html"))
    await rate("browser: turnPage(n) turns (fetch + innerHTML)", repeat, lambda: walk("/news/list.html"))


async def plain_rates(challenge: ChallengeSite, repeat: int) -> None:
    async def fetch() -> int:
        for n in (1, 2, 3):
            status, _, _ = plain_get(f"{challenge.base}/art/{n}.html", COOKIE)
            assert status == 200
        return 3

    await rate("plain: report pages with the clearance cookie (http.client)", repeat, fetch)


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="bench/browser.py")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    with ChallengeSite() as challenge, ScriptPagerSite() as pager:
        session = BrowserSession(BrowserConfig(args.chromium, "kjwatch-bench", ("127.0.0.1",)))
        started = time.perf_counter()
        async with session.tab():
            print(f"{'browser: Chromium start (driver + browser + first tab)':<58} "
                  f"{time.perf_counter() - started:>19.2f} s")
        await browser_rates(session, challenge, pager, args.repeat)
        await session.close()
        await plain_rates(challenge, args.repeat)


if __name__ == "__main__":
    asyncio.run(main())
