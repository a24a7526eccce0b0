"""A tiny real HTTP server on 127.0.0.1 for crawl tests that need exact answers: each path
gets the (status, headers, body) it is told, and every path asked for is logged."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.spiders.sitekit import HOST

REPORT_TEXT = "<p>" + "今年以来，全市科技创新工作取得新进展，高新技术企业数量稳步增长。" * 20 + "</p>"
TITLES = {name: f"临川市科学技术局2024年{name}工作总结" for name in ("甲", "乙", "丙", "丁", "戊", "己", "庚")}


def report_page(title: str) -> bytes:
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><h1>{title}</h1>{REPORT_TEXT}</body></html>").encode()


class RoutedSite(ThreadingHTTPServer):
    """Answers `routes[path]` = (status, headers, body) and logs every path asked for."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__((HOST, 0), _RoutedHandler)
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.hits: list[str] = []

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}"

    def __enter__(self) -> RoutedSite:
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


class _RoutedHandler(BaseHTTPRequestHandler):
    server: RoutedSite

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        status, headers, body = self.server.routes.get(self.path, (404, {}, b"<html>404</html>"))
        self.send_response(status)
        for name, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        return
