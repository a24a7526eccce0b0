"""Shared by the report tests (no tests here): the demo warehouse, built once per session,
and a small headless-Chromium driver over the DevTools protocol.

Chromium is Debian's `chromium` package; the driver talks to it with the `websockets`
client (already installed with Prefect) and flags that keep it off the network.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

import pytest
from websockets.sync.client import ClientConnection, connect

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Locally a missing browser skips; in CI (CI=true) it fails, because CI must run these tests.
IN_CI = os.environ.get("CI", "").lower() == "true"
NEEDS_CHROMIUM = pytest.mark.skipif(
    CHROMIUM is None and not IN_CI,
    reason="headless Chromium not installed (apt-get install -y chromium); CI installs it")
# Everything Chromium might fetch by itself (updates, sync, field trials, safe browsing …) is off,
# and any host name resolves to nothing, so a stray request fails fast instead of leaving the machine.
OFFLINE_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--mute-audio",
    "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
    "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--metrics-recording-only",
    "--disable-breakpad", "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--force-device-scale-factor=1", "--window-size=1280,1000",
    "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
)
_BUILT: dict[str, Path] = {}


def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse filled by one monitor run over the demo sites; built once per session."""
    if "db" not in _BUILT:
        from flows.demo.server import DemoSites
        from flows.monitor import monitor

        root = tmp_path_factory.mktemp("report-demo")
        with DemoSites() as sites:
            sources = sites.write_sources(root / "sources.yaml")
            monitor(str(sources), str(root / "state" / "kjwatch.duckdb"), str(root / "raw"), [], None, 0.0, True)
        _BUILT["db"] = root / "state" / "kjwatch.duckdb"
    return _BUILT["db"]


class Page:
    """What one page load produced: console errors, every request URL, and the live tab."""

    def __init__(self, browser: Chromium, session: str) -> None:
        self.browser, self.session = browser, session
        self.errors: list[str] = []
        self.requests: list[str] = []

    def evaluate(self, expression: str) -> Any:
        """Run JavaScript in the page and return its JSON value (an exception fails the test)."""
        reply = self.browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                       "awaitPromise": True}, self.session)
        if "exceptionDetails" in reply:
            raise AssertionError(f"{expression!r} threw {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def resize(self, width: int, height: int, mobile: bool = False) -> None:
        """Lay the page out again at `width` × `height` CSS pixels, device scale 1; `mobile` honours
        the page's viewport meta as a phone does (its layout viewport grows if the content is wider)."""
        self.browser.call("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}, self.session)
        self.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")

    def platform_fonts(self, selector: str) -> list[list[str]]:
        """For each element matching `selector`, the font families Chromium really drew its own text
        with (DevTools CSS.getPlatformFontsForNode): fallback shows here, not in the computed style."""
        self.browser.call("DOM.enable", {}, self.session)
        self.browser.call("CSS.enable", {}, self.session)
        root = self.browser.call("DOM.getDocument", {"depth": 0}, self.session)["root"]["nodeId"]
        nodes = self.browser.call("DOM.querySelectorAll", {"nodeId": root, "selector": selector},
                                  self.session)["nodeIds"]
        return [[f["familyName"] for f in self.browser.call(
            "CSS.getPlatformFontsForNode", {"nodeId": node}, self.session)["fonts"]] for node in nodes]

    def screenshot(self, clip: dict[str, float] | None = None) -> bytes:
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": True}
        if clip:
            params["clip"] = {**clip, "scale": 1}
        reply = self.browser.call("Page.captureScreenshot", params, self.session)
        return base64.b64decode(reply["data"])


class Chromium:
    """A headless Chromium on a private profile; `open(url)` loads a page in a fresh tab."""

    def __init__(self, profile: Path, timeout: float = 30.0) -> None:
        self.profile, self.timeout = profile, timeout
        self._ids = itertools.count(1)
        self._events: list[dict[str, Any]] = []
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: BinaryIO | None = None
        self._ws: ClientConnection | None = None

    def __enter__(self) -> Chromium:
        if CHROMIUM is None:
            raise RuntimeError("CI must run the browser tests: install Debian's chromium (apt-get install -y chromium)")
        self._log = (self.profile / "chromium.log").open("wb")
        self._proc = subprocess.Popen([CHROMIUM, *OFFLINE_FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                      stdout=self._log, stderr=self._log)
        try:
            self._ws = connect(self._endpoint(), max_size=None, open_timeout=self.timeout)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._ws is not None:
            self._ws.close()
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if self._log is not None:
            self._log.close()

    def _endpoint(self) -> str:
        """Chromium writes its DevTools port and path into the profile once it listens."""
        marker = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                raise RuntimeError(f"chromium exited at start; see {self.profile / 'chromium.log'}")
            lines = marker.read_text().split() if marker.exists() else []
            if len(lines) >= 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
            time.sleep(0.05)
        raise TimeoutError("chromium did not open its DevTools port")

    def _receive(self) -> dict[str, Any]:
        assert self._ws is not None
        return json.loads(self._ws.recv(timeout=self.timeout))

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send one command and wait for its reply; events arriving meanwhile are kept."""
        assert self._ws is not None
        ident = next(self._ids)
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self._ws.send(json.dumps(message))
        while True:
            reply = self._receive()
            if reply.get("id") == ident:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def _wait_for(self, method: str, session: str) -> None:
        while not any(e.get("method") == method and e.get("sessionId") == session for e in self._events):
            self._events.append(self._receive())

    def open(self, url: str) -> Page:
        """Load `url` in a new tab, wait for its load event, and record what it logged and fetched."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", {}, session)
        self._events.clear()
        self.call("Page.navigate", {"url": url}, session)
        self._wait_for("Page.loadEventFired", session)
        self.call("Runtime.evaluate", {"expression": "1"}, session)  # flush events queued before load
        page = Page(self, session)
        for event in self._events:
            if event.get("sessionId") == session:
                _record(page, event)
        return page


def _record(page: Page, event: dict[str, Any]) -> None:
    method, params = event.get("method"), event.get("params", {})
    if method == "Network.requestWillBeSent":
        page.requests.append(params["request"]["url"])
    elif method == "Runtime.exceptionThrown":
        page.errors.append(json.dumps(params["exceptionDetails"], ensure_ascii=False))
    elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
        page.errors.append(json.dumps(params.get("args"), ensure_ascii=False))
    elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
        page.errors.append(params["entry"].get("text", ""))
