"""A 科技局 site on 127.0.0.1 where most links lead to hostile answers: a 200 MB page (with and
without Content-Length), gzip and deflate bombs, redirect loops and endless redirect chains,
an endless pager, a zip-bomb DOCX, a PDF that keeps the parser busy, pages that lie about
their charset, and a few honest documents the run must still store."""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from flows.demo.server import SITES_DIR
from tests.flows.hostile_files import big_page_chunks, docx_bomb, gzip_bomb, slow_pdf

DEMO = SITES_DIR / "county-attach"
TRS = SITES_DIR / "trs-city" / "col" / "col2201"
UTF8_HEADER = "text/html; charset=utf-8"

# link title → path; every hostile path must end up as exactly one recorded error
HOSTILE_LINKS = {
    "澄川市科技局2024年工作总结": "/big.html",
    "澄川市科技局2023年工作总结": "/big-declared.html",
    "澄川市科技局2022年工作总结": "/bomb-gzip.html",
    "澄川市科技局2021年工作总结": "/bomb-deflate.html",
    "澄川市科技局2020年工作总结": "/loop-a.html",
    "澄川市科技局2019年工作总结": "/hops.html?n=0",
    "澄川市科技局2018年工作总结": "/many-links.html",
    "澄川市科技局2024年工作计划": "/files/plan-2024.docx",
    "澄川市科技局2023年工作计划": "/files/plan-2023.pdf",
}
HONEST_LINKS = {
    "清河县科技局2025年上半年工作总结及下半年工作计划": "/good.html",
    "清河县科技局2024年工作总结及2025年工作计划": "/wrong-charset.html",
    "清河县2024年工作总结": "/files/good-summary.docx",
}
ENDLESS_LIST = "/news/list.html?page=1"
WRONG_CHARSET_LIST = "/gbk-list.html"
LISTED_ON_WRONG_CHARSET_LIST = ("清河县科技局2024年度工作报告", "/listed-report.html")


def _anchors(links: dict[str, str]) -> str:
    return "".join(f'<li><a href="{path}">{title}</a></li>' for title, path in links.items())


def index_page() -> bytes:
    return (f'<html><head><meta charset="utf-8"><title>澄川市科学技术局</title></head><body><ul>'
            f"{_anchors(HOSTILE_LINKS | HONEST_LINKS)}</ul></body></html>").encode()


def endless_list(page: int) -> bytes:
    """Every page lists new (non-report) entries and one more page: a pager without an end."""
    entries = "".join(f'<li><a href="/news/a{page}_{i}.html">召开座谈会{page}-{i}</a></li>' for i in range(3))
    return (f'<html><head><meta charset="utf-8"></head><body><ul>{entries}</ul>'
            f'<a href="/news/list.html?page={page + 1}">下一页</a></body></html>').encode()


def wrong_charset_list() -> bytes:
    title, path = LISTED_ON_WRONG_CHARSET_LIST
    return (f'<html><head><meta charset="gbk"></head><body><ul><li><a href="{path}">{title}</a></li>'
            f"</ul></body></html>").encode("gbk")


def many_links_page(count: int = 600_000) -> Iterator[bytes]:
    """~20 MB of anchors: under the download cap, far over what a page needs (600 k links)."""
    yield b'<html><head><meta charset="utf-8"></head><body>'
    for start in range(0, count, 10_000):
        yield b"".join(b'<p><a href="/a%d.html">x</a></p>' % n for n in range(start, start + 10_000))
    yield b"</body></html>"


def trs_page(name: str) -> bytes:
    return next(TRS.glob(f"*/{name}")).read_bytes()


def gbk_page(name: str) -> bytes:
    """A demo page re-encoded as GBK, its own <meta> saying so (the HTTP header will lie)."""
    html = trs_page(name).decode("utf-8").replace("charset=utf-8", "charset=gbk")
    return html.encode("gb18030")


def deflated(data_bytes: int = 1024 * 1024 * 1024) -> bytes:
    packer, block, out = zlib.compressobj(9), b"\0" * (1024 * 1024), []
    for _ in range(data_bytes // len(block)):
        out.append(packer.compress(block))
    return b"".join([*out, packer.flush()])


class HostileSite:
    """``with HostileSite() as site: site.url("/")``; hostile bodies are built once, on entry."""

    def __init__(self) -> None:
        self.bodies: dict[str, bytes] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True

    def __enter__(self) -> HostileSite:
        self.bodies = {"gzip": gzip_bomb(), "deflate": deflated(), "docx": docx_bomb(), "pdf": slow_pdf()}
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"


Reply = tuple[int, dict[str, str], bytes | Iterator[bytes]]


def _routes(site: HostileSite) -> dict[str, Callable[[dict[str, list[str]]], Reply]]:
    demo = DEMO.joinpath
    return {
        "/": lambda q: (200, {"Content-Type": UTF8_HEADER}, index_page()),
        "/big.html": lambda q: (200, {"Content-Type": UTF8_HEADER}, big_page_chunks()),
        "/big-declared.html": lambda q: (200, {"Content-Type": UTF8_HEADER, "Content-Length": str(200 << 20)},
                                         big_page_chunks()),
        "/bomb-gzip.html": lambda q: (200, {"Content-Type": UTF8_HEADER, "Content-Encoding": "gzip"},
                                      site.bodies["gzip"]),
        "/bomb-deflate.html": lambda q: (200, {"Content-Type": UTF8_HEADER, "Content-Encoding": "deflate"},
                                         site.bodies["deflate"]),
        "/many-links.html": lambda q: (200, {"Content-Type": UTF8_HEADER}, many_links_page()),
        "/loop-a.html": lambda q: (302, {"Location": "/loop-b.html"}, b""),
        "/loop-b.html": lambda q: (302, {"Location": "/loop-a.html"}, b""),
        "/hops.html": lambda q: (302, {"Location": f"/hops.html?n={int(q['n'][0]) + 1}"}, b""),
        "/files/plan-2024.docx": lambda q: (200, {"Content-Type": "application/octet-stream"}, site.bodies["docx"]),
        "/files/plan-2023.pdf": lambda q: (200, {"Content-Type": "application/pdf"}, site.bodies["pdf"]),
        "/news/list.html": lambda q: (200, {"Content-Type": UTF8_HEADER}, endless_list(int(q["page"][0]))),
        "/good.html": lambda q: (200, {"Content-Type": UTF8_HEADER}, trs_page("t20250120_1241187.html")),
        "/wrong-charset.html": lambda q: (200, {"Content-Type": UTF8_HEADER}, gbk_page("t20241105_1239560.html")),
        WRONG_CHARSET_LIST: lambda q: (200, {"Content-Type": UTF8_HEADER}, wrong_charset_list()),
        "/listed-report.html": lambda q: (200, {"Content-Type": UTF8_HEADER}, trs_page("t20240326_1234567.html")),
        "/files/good-summary.docx": lambda q: (200, {"Content-Type": "application/octet-stream"},
                                               demo("uploads/2025/qinghe-2024-summary.docx").read_bytes()),
    }


def _handler(site: HostileSite) -> type[BaseHTTPRequestHandler]:
    routes = _routes(site)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            route = routes.get(parts.path)
            if route is None:
                self._reply(404, {"Content-Type": "text/html"}, b"<html><body>404</body></html>")
                return
            self._reply(*route(parse_qs(parts.query)))

        def _reply(self, status: int, headers: dict[str, str], body: bytes | Iterator[bytes]) -> None:
            """Bytes get a Content-Length; a stream ends when the connection closes (HTTP/1.0)."""
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if isinstance(body, bytes) and "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for chunk in [body] if isinstance(body, bytes) else body:
                    self.wfile.write(chunk)
            except OSError:
                return   # the crawler hung up on a body it would not take: that is the point

        def log_message(self, *args: Any) -> None:
            return

    return Handler


def write_sources(site: HostileSite, path: Path) -> Path:
    starts = "".join(f"      - {site.url(p)}\n" for p in ("/", ENDLESS_LIST, WRONG_CHARSET_LIST))
    path.write_text("sources:\n  - id: hostile\n    name: 澄川市科学技术局\n    level: city\n"
                    f"    start_urls:\n{starts}    allowed_domains: [127.0.0.1]\n    max_pages: 200\n",
                    encoding="utf-8")
    return path
