"""Fixture 科技局 sites on 127.0.0.1 and a way to crawl them with the real spider.

Each directory under tests/fixtures/sites/ is one site, served by the demo handler
(Last-Modified/ETag/304) extended by an optional `site.json`:

- `routes`: path (with query) → {status, file, content_type, disposition (str, sent as
  `disposition_encoding` bytes)}: challenge pages, download endpoints;
- `hanweb`: {columnid: {records: file, methods: [POST, GET]}}: the JCMS dataproxy.jsp;
- `flaky`: path → how many 503s before the file is served;
- `endless`: path → a pager that always has one more page (same entries).

Every request is logged per site so tests can assert what the crawler asked for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from flows.demo.handler import describe, make_handler

SITES_ROOT = Path(__file__).resolve().parents[1] / "fixtures" / "sites"
HOST = "127.0.0.1"
REPO = Path(__file__).resolve().parents[2]


@dataclass
class SiteLog:
    hits: list[tuple[str, str, int]] = field(default_factory=list)   # (method, path, status)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, method: str, path: str, status: int) -> None:
        with self.lock:
            self.hits.append((method, path, status))

    def statuses(self) -> Counter[int]:
        return Counter(status for _, _, status in self.hits)


def _site_config(site_dir: Path) -> dict[str, Any]:
    path = site_dir / "site.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def make_fixture_handler(site_dir: Path, log: SiteLog) -> type[BaseHTTPRequestHandler]:
    """The demo handler plus routes, a Hanweb dataproxy, flaky and endless pages, and a request log."""
    base = make_handler(site_dir)
    config = _site_config(site_dir)
    failures: Counter[str] = Counter()

    class FixtureHandler(base):  # type: ignore[valid-type, misc]
        def send_response(self, code: int, message: str | None = None) -> None:
            log.add(self.command, self.path, int(code))
            super().send_response(code, message)

        def do_GET(self) -> None:
            self._dispatch(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._dispatch(self.rfile.read(length) if length else b"")

        def _dispatch(self, body: bytes) -> None:
            path = urllib.parse.urlsplit(self.path).path
            if path.endswith("/module/web/jpage/dataproxy.jsp") and "hanweb" in config:
                self._send(*hanweb_answer(site_dir, config["hanweb"], self.command, self.path, body))
            elif self.path in config.get("routes", {}):
                self._route(config["routes"][self.path])
            elif path in config.get("flaky", {}) and failures[path] < config["flaky"][path]:
                failures[path] += 1
                self._send(503, "text/html", b"<html><body>busy</body></html>")
            elif path in config.get("endless", {}):
                self._send(200, "text/html; charset=utf-8", endless_page(config["endless"][path], self.path))
            elif self.command == "POST":
                self._send(405, "text/html", b"<html><body>405</body></html>")
            else:
                self._serve(send_body=True)

        def _route(self, route: dict[str, Any]) -> None:
            data = (site_dir / route["file"]).read_bytes() if route.get("file") else b""
            headers = {}
            if route.get("disposition"):
                raw = route["disposition"].encode(route.get("disposition_encoding", "utf-8"))
                headers["Content-Disposition"] = raw.decode("latin-1")
            if route.get("file") and route.get("status", 200) == 200:
                meta = describe(site_dir / route["file"])
                if self.headers.get("If-None-Match") == meta.etag:
                    self._send(304, None, b"", {"ETag": meta.etag})
                    return
                headers["ETag"] = meta.etag
            self._send(route.get("status", 200), route.get("content_type", "text/html"), data, headers)

        def _send(self, status: int, content_type: str | None, data: bytes,
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return FixtureHandler


def hanweb_answer(site_dir: Path, config: dict[str, Any], method: str, raw_path: str,
                  body: bytes) -> tuple[int, str, bytes]:
    """JCMS dataproxy.jsp: records startrecord..endrecord of a column, one record of overlap before."""
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(raw_path).query))
    params.update(urllib.parse.parse_qsl(body.decode("utf-8", "replace")))
    column = config["columns"].get(params.get("columnid", ""))
    if column is None or method not in column.get("methods", ["POST", "GET"]):
        return 405 if column else 404, "text/html", b"<html><body>not here</body></html>"
    records = json.loads((site_dir / column["records"]).read_text(encoding="utf-8"))
    start, end = int(params["startrecord"]), int(params["endrecord"])
    chosen = records[max(start - 2, 0):end]
    xml = "".join(f"<record><![CDATA[{r}]]></record>\n" for r in chosen)
    answer = (f'<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>{len(records)}</totalrecord>'
              f"<recordset>\n{xml}</recordset></datastore>")
    return 200, "text/xml; charset=UTF-8", answer.encode()


def endless_page(spec: dict[str, Any], raw_path: str) -> bytes:
    """A pager with no end: every page links page+1 and repeats the same entries."""
    page = int(dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(raw_path).query)).get("page", "1"))
    entries = "".join(f'<li><a href="{href}">{title}</a></li>' for href, title in spec["entries"])
    path = urllib.parse.urlsplit(raw_path).path
    html = (f'<html><head><meta charset="utf-8"></head><body><ul>{entries}</ul>'
            f'<a href="{path}?page={page + 1}">下一页</a></body></html>')
    return html.encode()


class FixtureSites:
    """Serve some fixture sites, each on its own port: ``with FixtureSites(["trs"]) as sites: sites.url("trs")``."""

    def __init__(self, names: list[str], root: Path = SITES_ROOT) -> None:
        self.root = root
        self.names = names
        self.logs: dict[str, SiteLog] = {}
        self.urls: dict[str, str] = {}
        self._servers: list[ThreadingHTTPServer] = []

    def __enter__(self) -> FixtureSites:
        for name in self.names:
            log = SiteLog()
            server = ThreadingHTTPServer((HOST, 0), make_fixture_handler(self.root / name, log))
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
            self._servers.append(server)
            self.logs[name] = log
            self.urls[name] = f"http://{HOST}:{server.server_address[1]}/"
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def url(self, name: str, path: str = "") -> str:
        return self.urls[name] + path.lstrip("/")


def source_dict(sid: str, start_url: str, **extra: Any) -> dict[str, Any]:
    entry = {"id": sid, "name": f"{sid} 科学技术局", "level": "city", "start_urls": [start_url],
             "allowed_domains": [HOST], "cms": "auto", "obey_robots": True, "max_pages": 200}
    entry.update(extra)
    return entry


@dataclass
class CrawlRun:
    items: list[dict[str, Any]]
    stats: dict[str, Any]

    def urls(self) -> set[str]:
        return {item["url"] for item in self.items}

    def paths(self) -> set[str]:
        return {urllib.parse.urlsplit(item["url"]).path + _query(item["url"]) for item in self.items}


def _query(url: str) -> str:
    query = urllib.parse.urlsplit(url).query
    return f"?{query}" if query else ""


def crawl_env() -> dict[str, str]:
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": "spiders.settings", "KJWATCH_CRAWL_DELAY": "0",
            "KJWATCH_RETRY_BACKOFF": "0.3", "KJWATCH_CRAWL_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(REPO)}


def crawl(source: dict[str, Any], work: Path, seen_urls: list[str] | None = None,
          env: dict[str, str] | None = None) -> CrawlRun:
    """One real crawl in a subprocess (`python -m spiders.crawl_one`), sharing `work`'s cache across calls."""
    run_dir = work / f"run{len(list(work.glob('run*')))}"
    run_dir.mkdir(parents=True)
    command = [sys.executable, "-m", "spiders.crawl_one", "--source-json", json.dumps(source, ensure_ascii=False),
               "--items", str(run_dir / "items.jsonl"), "--stats", str(run_dir / "stats.json"),
               "--raw-dir", str(work / "raw"), "--cache-dir", str(work / "cache" / source["id"]),
               "--log-file", str(run_dir / "crawl.log")]
    if seen_urls is not None:
        (run_dir / "seen.txt").write_text("".join(f"{u}\n" for u in seen_urls), encoding="utf-8")
        command += ["--seen-urls", str(run_dir / "seen.txt")]
    subprocess.run(command, env={**crawl_env(), **(env or {})}, check=True, timeout=120, capture_output=True, cwd=REPO)
    return read_run(run_dir / "items.jsonl", run_dir / "stats.json")


def read_run(items_path: Path, stats_path: Path) -> CrawlRun:
    lines = items_path.read_text(encoding="utf-8").splitlines() if items_path.exists() else []
    return CrawlRun([json.loads(line) for line in lines if line.strip()],
                    json.loads(stats_path.read_text(encoding="utf-8")))
