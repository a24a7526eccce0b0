"""Crawl benchmark: ≥ 500 generated 科技局 sites on 127.0.0.1, a first crawl and an unchanged re-run.

    PYTHONPATH=. .venv/bin/python bench/crawl.py [--sites 500] [--workers 2] [--parallel 32]

Each site lives under its own path prefix (/s0001/ …) of one local server running in a
separate process; it has a homepage with the latest entries, three columns whose lists
run four pages (TRS `createPageHTML` or 下一页 anchors), report pages and attachments.
The crawl runs `python -m spiders.crawl_one --many` in a few worker processes. The second
run gets the first run's documents as `--seen-urls`, exactly as the flow would.
Goal (issue 17): the re-run needs ≤ 1.0 request per list page it checks and is ≥ 10× faster.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
COLUMNS, PAGES, PER_PAGE = 3, 8, 10
FILLER = "本局围绕科技创新中心建设推进各项工作，研发经费投入持续增长，高新技术企业数量稳步提高。" * 12


def _list_page(site: str, column: int, page: int, entries: list[tuple[str, str]], style: str) -> str:
    items = "".join(f'<li><a href="{href}" title="{title}">{title}</a><span>2024-05-01</span></li>'
                    for href, title in entries)
    if style == "trs":
        pager = f'<script>createPageHTML({PAGES}, {page}, "index", "html");</script>'
    elif page + 1 < PAGES:
        pager = f'<div>当前({page + 1}/{PAGES})页 <a href="index_{page + 1}.html">下一页</a></div>'
    else:
        pager = f"<div>当前({PAGES}/{PAGES})页</div>"
    names = ("工作动态", "通知公告", "规划计划")
    nav = f'<a href="/{site}/">首页</a>' + "".join(
        f'<a href="/{site}/col{c}/index.html">{name}</a>' for c, name in enumerate(names))
    return f'<html><head><meta charset="utf-8"></head><body><div>{nav}</div><ul>{items}</ul>{pager}</body></html>'


def _column_entries(site: str, number: int, column: int) -> list[list[tuple[str, str]]]:
    """Four pages of ten entries; two reports per column (one page, one attachment-only) on deeper pages."""
    pages = []
    for page in range(PAGES):
        entries = []
        for i in range(PER_PAGE):
            n = page * PER_PAGE + i
            href = f"/{site}/col{column}/2024{page + 1:02d}/t2024{page + 1:02d}01_{n}.html"
            title = f"第{number}号市科技局科技活动简讯第{column}-{n}期"
            if (page, i) == (3, 3):
                title = f"第{number}号市科技局{2020 + column}年工作总结"
            elif (page, i) == (6, 5):
                title = f"关于印发第{number}号市科技局{2021 + column}年工作要点的通知"
            elif i == 7:
                title = f"关于报送{2020 + column}年度科技工作总结的通知（{n}）"
            entries.append((href, title))
        pages.append(entries)
    return pages


def _report_files(site: str, href: str, title: str) -> dict[str, str | bytes]:
    """A report page with its text, or a short 印发 page whose PDF attachment is the report."""
    if "工作总结" in title and "报送" not in title:
        page = f"<html><head><title>{title}</title></head><body><h1>{title}</h1><div>{FILLER}</div></body></html>"
        return {href: page}
    if "工作要点" in title:
        pdf = f"/{site}/files/{hashlib.md5(href.encode(), usedforsecurity=False).hexdigest()}.pdf"
        page = f'<html><body><h1>{title}</h1><p>印发给你们。</p><a href="{pdf}">{title}.pdf</a></body></html>'
        return {href: page, pdf: b"%PDF-1.4\n" + title.encode() + b"\n%%EOF\n"}
    return {}


def build_site(number: int) -> dict[str, bytes]:
    site = f"s{number:04d}"
    files: dict[str, str | bytes] = {}
    latest: list[tuple[str, str]] = []
    for column in range(COLUMNS):
        style = "trs" if (number + column) % 2 else "anchor"
        for page, entries in enumerate(_column_entries(site, number, column)):
            name = "index.html" if page == 0 else f"index_{page}.html"
            files[f"/{site}/col{column}/{name}"] = _list_page(site, column, page, entries, style)
            for href, title in entries:
                files.update(_report_files(site, href, title))
        latest += _column_entries(site, number, column)[0][:3]
    files[f"/{site}/"] = _list_page(site, 0, PAGES, latest, "none").replace("当前", "")
    return {path: body.encode() if isinstance(body, str) else body for path, body in files.items()}


class SiteStore:
    """All sites in memory plus request counts per site and status."""

    def __init__(self, sites: int) -> None:
        self.files: dict[str, bytes] = {}
        for number in range(sites):
            self.files.update(build_site(number))
        self.etags = {path: '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest()[:16] + '"'
                      for path, body in self.files.items()}
        self.counts: Counter[tuple[str, int]] = Counter()
        self.lock = threading.Lock()

    def count(self, path: str, status: int) -> None:
        with self.lock:
            self.counts[(path.split("/")[1], status)] += 1


def _handler(store: SiteStore) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            """Silent: half a million requests."""

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path == "/__stats":
                self._reply(200, json.dumps([[k[0], k[1], v] for k, v in store.counts.items()]).encode())
                return
            if path == "/__reset":
                store.counts.clear()
                self._reply(200, b"{}")
                return
            if path.endswith("/robots.txt"):
                path = "/robots.txt"
            body = store.files.get(path)
            if body is None:
                store.count(self.path, 404)
                self._reply(404, b"not found")
                return
            etag = store.etags[path]
            status = 304 if self.headers.get("If-None-Match") == etag else 200
            store.count(self.path, status)
            self._reply(status, b"" if status == 304 else body, etag, path)

        def _reply(self, status: int, body: bytes, etag: str | None = None, path: str = "") -> None:
            self.send_response(status)
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", "Wed, 01 May 2024 08:00:00 GMT")
            kind = "application/pdf" if path.endswith(".pdf") else "text/html; charset=utf-8"
            if status != 304:
                self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


class _BenchServer(ThreadingHTTPServer):
    """A listen backlog of 5 (the default) drops SYNs under load and costs 1 s retransmits."""

    daemon_threads = True
    request_queue_size = 1024


def serve(sites: int, port_queue: Any) -> None:
    store = SiteStore(sites)
    store.files["/robots.txt"] = b"User-agent: *\nDisallow: /admin/\n"
    store.etags["/robots.txt"] = '"robots"'
    server = _BenchServer(("127.0.0.1", 0), _handler(store))
    port_queue.put(server.server_address[1])
    server.serve_forever()


def _jobs(base: str, sites: int, work: Path, run: str, seen: dict[str, Path]) -> list[dict[str, Any]]:
    jobs = []
    for number in range(sites):
        sid = f"s{number:04d}"
        source = {"id": sid, "name": f"{sid}科技局", "level": "city", "start_urls": [f"{base}/{sid}/"],
                  "allowed_domains": ["127.0.0.1"], "obey_robots": True, "max_pages": 200}
        out = work / run / sid
        out.mkdir(parents=True, exist_ok=True)
        job = {"source_json": json.dumps(source, ensure_ascii=False), "items": str(out / "items.jsonl"),
               "stats": str(out / "stats.json"), "raw_dir": str(work / "raw"), "cache_dir": str(work / "cache" / sid)}
        if sid in seen:
            job["seen_urls"] = str(seen[sid])
        jobs.append(job)
    return jobs


def crawl(jobs: list[dict[str, Any]], work: Path, run: str, workers: int, parallel: int) -> float:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "spiders.settings", "KJWATCH_CRAWL_DELAY": "0",
           "KJWATCH_CRAWL_LOG_LEVEL": "ERROR", "PYTHONPATH": str(REPO)}
    started = time.perf_counter()
    procs = []
    for worker in range(workers):
        batch = work / run / f"jobs{worker}.jsonl"
        batch.write_text("".join(json.dumps(j) + "\n" for j in jobs[worker::workers]), encoding="utf-8")
        procs.append(subprocess.Popen([sys.executable, "-m", "spiders.crawl_one", "--many", str(batch),  # noqa: S603
                                       "--parallel", str(parallel)], env=env, stdout=subprocess.DEVNULL))
    for proc in procs:
        proc.wait()
    return time.perf_counter() - started


def _server_counts(base: str, reset: bool = True) -> Counter[int]:
    with urllib.request.urlopen(f"{base}/__stats", timeout=30) as reply:  # noqa: S310 - 127.0.0.1 only
        rows = json.loads(reply.read())
    if reset:
        urllib.request.urlopen(f"{base}/__reset", timeout=30).close()  # noqa: S310
    by_status: Counter[int] = Counter()
    for _, status, n in rows:
        by_status[status] += n
    return by_status


def _summary(jobs: list[dict[str, Any]]) -> dict[str, int]:
    totals: Counter[str] = Counter()
    for job in jobs:
        path = Path(job["stats"])
        stats = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        for key in ("list_pages", "documents_found", "requests", "not_modified"):
            totals[key] += int(stats.get(key, 0))
        totals["errors"] += len(stats.get("errors", []))
        items_path = Path(job["items"])
        totals["items"] += len(items_path.read_text(encoding="utf-8").splitlines()) if items_path.exists() else 0
    return dict(totals)


def _write_seen(jobs: list[dict[str, Any]], work: Path) -> dict[str, Path]:
    seen = {}
    for job in jobs:
        sid = json.loads(job["source_json"])["id"]
        lines = Path(job["items"]).read_text(encoding="utf-8").splitlines() if Path(job["items"]).exists() else []
        urls = {u for line in lines for u in (json.loads(line)["url"], json.loads(line)["page_url"]) if u}
        seen[sid] = work / "seen" / f"{sid}.txt"
        seen[sid].parent.mkdir(parents=True, exist_ok=True)
        seen[sid].write_text("".join(f"{u}\n" for u in sorted(urls)), encoding="utf-8")
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--parallel", type=int, default=32)
    args = parser.parse_args()
    ports: Any = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(args.sites, ports), daemon=True)
    server.start()
    base = f"http://127.0.0.1:{ports.get(timeout=120)}"
    with tempfile.TemporaryDirectory(prefix="kjwatch-bench-") as tmp:
        work = Path(tmp)
        first_jobs = _jobs(base, args.sites, work, "first", {})
        first_time = crawl(first_jobs, work, "first", args.workers, args.parallel)
        first_requests, first = _server_counts(base), _summary(first_jobs)
        second_jobs = _jobs(base, args.sites, work, "second", _write_seen(first_jobs, work))
        second_time = crawl(second_jobs, work, "second", args.workers, args.parallel)
        second_requests, second = _server_counts(base), _summary(second_jobs)
    server.terminate()
    _report(args.sites, first_time, first_requests, first, second_time, second_requests, second)
    return 0


def _report(sites: int, first_time: float, first_requests: Counter[int], first: dict[str, int],
            second_time: float, second_requests: Counter[int], second: dict[str, int]) -> None:
    total1, total2 = sum(first_requests.values()), sum(second_requests.values())
    print(f"sites: {sites}")
    print(f"first crawl : {first_time:6.1f} s, {total1} requests ({dict(first_requests)}), "
          f"{total1 / first_time:6.1f} pages/s, {first['items']} documents, {first['errors']} errors")
    print(f"second crawl: {second_time:6.1f} s, {total2} requests ({dict(second_requests)}), "
          f"{total2 / sites:.2f} requests/site, {second['items']} documents, {second['errors']} errors")
    print(f"  list pages checked: {second['list_pages']}, requests per list page: "
          f"{total2 / max(second['list_pages'], 1):.2f} (goal ≤ 1.0)")
    print(f"  time ratio first/second: {first_time / second_time:.1f}× (goal ≥ 10×)")


if __name__ == "__main__":
    sys.exit(main())
