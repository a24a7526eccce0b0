"""One Chromium per crawl process, shared by every source crawled in it (`crawl_one --many`).

Each source gets its own browser context (its cookies, its domain guard) in the one browser,
so a batch of sixteen sources behind challenges starts one Chromium, not sixteen. The browser
is closed when the last source using it is done.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

LAUNCH_ARGS = ("--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio")


class BrowserUnavailable(RuntimeError):
    """Chromium is not installed (or does not start); the message says what to install."""


class SharedChromium:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._playwright: Any = None
        self._browser: Any = None
        self._users = 0

    async def acquire(self, executable: str) -> Any:
        """The running browser, started at the first call; raises BrowserUnavailable without Chromium."""
        if not Path(executable).is_file():
            raise BrowserUnavailable(f"Chromium is not installed at {executable}: install chromium "
                                     "(apt-get install chromium, or make system-deps)")
        async with self._lock:
            if self._browser is None:
                self._browser = await self._launch(executable)
            self._users += 1
            return self._browser

    async def _launch(self, executable: str) -> Any:
        from playwright.async_api import Error, async_playwright

        self._playwright = await async_playwright().start()
        try:
            return await self._playwright.chromium.launch(executable_path=executable, args=list(LAUNCH_ARGS))
        except Error as exc:
            await self._playwright.stop()
            self._playwright = None
            raise BrowserUnavailable(f"Chromium at {executable} does not start ({str(exc).splitlines()[0]}): "
                                     "reinstall chromium (apt-get install chromium)") from exc

    async def release(self) -> None:
        async with self._lock:
            self._users -= 1
            if self._users > 0 or self._browser is None:
                return
            await self._browser.close()
            await self._playwright.stop()
            self._browser = self._playwright = None


CHROMIUM = SharedChromium()
