"""Mock 科技局 sites on 127.0.0.1 that plain HTTP cannot read, for the browser crawl tests and the bench.

- `ChallengeSite`: 加速乐-style; without the `__jsl_clearance_s` cookie every page is a 521 whose
  script sets the cookie through `document.cookie` and reloads; with it, the list and reports.
- `ScriptPagerSite`: a list paged by `goPage(n)` (a POST form built by script) and a news list
  paged by `turnPage(n)` (fetch + innerHTML, no navigation); no page links to page 2 by URL.

Every request is logged with its cookie and whether a browser sent it (Chromium sends
`Sec-Fetch-Mode`; Scrapy does not), so tests can tell browser fetches from plain ones.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.spiders.routed_site import report_page
from tests.spiders.sitekit import HOST

CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"
# Locally a missing browser skips; in CI (CI=true) it fails, because CI must run these tests.
NEEDS_CHROMIUM = pytest.mark.skipif(
    not CHROMIUM.is_file() and not IN_CI,
    reason="headless Chromium not installed at /usr/bin/chromium (apt-get install -y chromium); CI installs it")
CLEARANCE = "__jsl_clearance_s"
CHALLENGE = (b"<html><script>document.cookie=('_')+('_jsl_clearance_s')+('=')+(1700000000)+'.1|0';"
             b"location.href=location.pathname+location.search</script></html>")
PAGER_PAGES, PAGE_SIZE = 3, 3       # goPage list: 9 reports on 3 pages
NEWS_PAGES, NEWS_SIZE = 2, 2        # turnPage list: 4 reports on 2 pages


def report_title(number: int) -> str:
    return f"临川市科学技术局{2000 + number}年工作总结"


@dataclass(frozen=True, slots=True)
class Hit:
    method: str
    path: str
    status: int
    cookie: str
    browser: bool


class MockSite(ThreadingHTTPServer):
    """A site answering `answer(method, path, body, cookie)`; every request is logged as a Hit."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__((HOST, 0), _Handler)
        self.hits: list[Hit] = []
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}"

    def __enter__(self) -> MockSite:
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()

    def answer(self, method: str, path: str, form: dict[str, str], cookie: str) -> tuple[int, str, bytes]:
        raise NotImplementedError

    def hits_of(self, prefix: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.path.startswith(prefix)]


class _Handler(BaseHTTPRequestHandler):
    server: MockSite

    def do_GET(self) -> None:
        self._reply({})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._reply(dict(urllib.parse.parse_qsl(self.rfile.read(length).decode())))

    def _reply(self, form: dict[str, str]) -> None:
        cookie = self.headers.get("Cookie") or ""
        status, content_type, body = self.server.answer(self.command, self.path, form, cookie)
        with self.server.lock:
            self.server.hits.append(Hit(self.command, self.path, status, cookie, "Sec-Fetch-Mode" in self.headers))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        return


HTML = "text/html; charset=utf-8"
NOT_FOUND = (404, HTML, b"<html>404</html>")


def _links(numbers: range) -> str:
    return "".join(f'<li><a href="/art/{n}.html">{report_title(n)}</a></li>' for n in numbers)


def _page(body: str, script: str = "") -> bytes:
    return (f'<html><head><meta charset="utf-8"><title>科技局</title><script>{script}</script></head>'
            f"<body>{body}</body></html>").encode()


def _report(path: str) -> tuple[int, str, bytes]:
    number = path.removeprefix("/art/").removesuffix(".html")
    return (200, HTML, report_page(report_title(int(number)))) if number.isdigit() else NOT_FOUND


class ChallengeSite(MockSite):
    """加速乐 521 until the clearance cookie comes along."""

    def answer(self, method: str, path: str, form: dict[str, str], cookie: str) -> tuple[int, str, bytes]:
        if path == "/robots.txt":
            return NOT_FOUND
        if CLEARANCE not in cookie:
            return 521, HTML, CHALLENGE
        if path == "/":
            return 200, HTML, _page(f"<h2>工作总结</h2><ul>{_links(range(1, 4))}</ul>")
        return _report(path)


GO_PAGE = """function goPage(n) {
  var form = document.createElement('form'); form.method = 'post'; form.action = '/xxgk/list.do';
  var input = document.createElement('input'); input.type = 'hidden'; input.name = 'page'; input.value = n;
  form.appendChild(input); document.body.appendChild(form); form.submit();
}"""
TURN_PAGE = """var current = 1;
function turnPage(n) {
  fetch('/news/data?page=' + n).then(function (r) { return r.json(); }).then(function (data) {
    document.getElementById('news').innerHTML = data.html; current = n;
    document.getElementById('more').style.display = n < data.pages ? '' : 'none';
  });
}"""


class ScriptPagerSite(MockSite):
    """Lists that page only by script: `goPage(n)` posts a form, `turnPage(n)` rewrites the list in place."""

    def answer(self, method: str, path: str, form: dict[str, str], cookie: str) -> tuple[int, str, bytes]:
        route = urllib.parse.urlsplit(path)
        if route.path == "/xxgk/list.html" or (route.path == "/xxgk/list.do" and method == "POST"):
            return 200, HTML, self._pager_page(int(form.get("page", "1")))
        if route.path == "/news/list.html":
            more = '<a id="more" href="javascript:;" onclick="turnPage(current + 1)">下一页</a>'
            return 200, HTML, _page(f'<ul id="news">{self._news(1)}</ul>{more}', TURN_PAGE)
        if route.path == "/news/data":
            page = int(dict(urllib.parse.parse_qsl(route.query)).get("page", "1"))
            return 200, "application/json", json.dumps({"html": self._news(page), "pages": NEWS_PAGES}).encode()
        return _report(route.path)

    @staticmethod
    def _pager_page(page: int) -> bytes:
        first = 1 + (page - 1) * PAGE_SIZE
        pager = f'<a href="javascript:goPage({page + 1})">下一页</a>' if page < PAGER_PAGES else ""
        return _page(f"<ul>{_links(range(first, first + PAGE_SIZE))}</ul>"
                     f"<div>{pager} 当前({page}/{PAGER_PAGES})页</div>", GO_PAGE)

    @staticmethod
    def _news(page: int) -> str:
        first = 100 + (page - 1) * NEWS_SIZE
        return _links(range(first, first + NEWS_SIZE)) if page <= NEWS_PAGES else ""


def pager_reports() -> set[str]:
    goes = {f"/art/{n}.html" for n in range(1, 1 + PAGER_PAGES * PAGE_SIZE)}
    return goes | {f"/art/{n}.html" for n in range(100, 100 + NEWS_PAGES * NEWS_SIZE)}
