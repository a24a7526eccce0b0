"""How long a crawl takes to give up on a host that does not resolve or refuses the connection.

    PYTHONPATH=. .venv/bin/python bench/fail_fast.py [--repeat 3]

Runs `flows.crawl.crawl_source` (the same Scrapy subprocess a run uses) against a `.invalid`
host, a closed 127.0.0.1 port and, for scale, a one-page site on 127.0.0.1; prints the wall
time of each, best and worst of `--repeat`, with the outcome and its reason. Nothing leaves
the machine: `.invalid` never resolves (RFC 6761) and the rest is loopback.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from flows.crawl import CrawlOutcome, crawl_source
from spiders.sources import Source

PAGE = "<html><head><meta charset='utf-8'></head><body><a href='/a.html'>2024年工作总结</a></body></html>"


class _OnePage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGE.encode() if self.path in ("/", "/a.html") else b"not found"
        self.send_response(200 if self.path in ("/", "/a.html") else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        return


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _time_one(url: str, work: Path, n: int) -> tuple[float, CrawlOutcome]:
    source = Source(id=f"bench-{n}", name="bench", level="city", start_urls=(url,))
    started = time.perf_counter()
    outcome = crawl_source(source, work / "raw", work / "crawls", work / "cache", crawl_delay=0)
    return time.perf_counter() - started, outcome


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("KJWATCH_CRAWL_DELAY", "0")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _OnePage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    cases = {"unresolvable host": "http://kjj.nowhere.invalid/col/index.html",
             "refused port": f"http://127.0.0.1:{_closed_port()}/index.html",
             "one-page site": f"http://127.0.0.1:{server.server_address[1]}/"}
    with tempfile.TemporaryDirectory(prefix="kjwatch-bench-") as tmp:
        for n, (name, url) in enumerate(cases.items()):
            runs = [_time_one(url, Path(tmp), n * 100 + r) for r in range(args.repeat)]
            times = sorted(t for t, _ in runs)
            outcome = runs[-1][1]
            print(f"{name:18} best {times[0]:5.2f} s  worst {times[-1]:5.2f} s  "
                  f"{outcome.status}: {outcome.evidence or '-'}")
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
