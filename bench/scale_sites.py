"""Generated TRS-style 科技局 sites for bench/scale.py: one local server, a path prefix per site.

Every site `/s0001/` … has what a small real bureau site has: a homepage (latest entries,
navigation to two columns), two column lists of one page (TRS `createPageHTML`), a work
summary page with indicators in its text, a 工作要点 notice whose attachment (the demo's
report PDF) is the report, and news items the spider must not follow. The
server answers ETag/If-None-Match with 304, counts requests per status, and runs in its own
process so its CPU is not the crawl's (it still shares the machine's cores).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import threading
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
# The one real report PDF in the repository (the fixtures' other .pdf files are stubs pypdf cannot open).
REPORT_PDF = REPO / "flows/demo/sites/county-attach/uploads/2025/qinghe-2025-h1-summary.pdf"
CITY_CHARS = "澄川青禾临江安远平阳长宁东海西山南城北湖嘉兴永和"
COLUMNS = {"col2201": "工作动态", "col2200": "规划计划"}


def city_name(number: int) -> str:
    """A distinct two-character city per site (the extractor reads the bureau from the text)."""
    k = len(CITY_CHARS)
    return CITY_CHARS[number % k] + CITY_CHARS[(number // k) % k] + ("" if number < k * k else str(number))


def _page(title: str, nav: str, body: str) -> str:
    return ('<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
            f'<title>{title}</title></head><body><div class="nav"><ul>{nav}</ul></div>'
            f'<div class="main">{body}</div></body></html>')


def _nav(site: str) -> str:
    links = "".join(f'<li><a href="/{site}/col/{c}/index.html">{name}</a></li>' for c, name in COLUMNS.items())
    return f'<li><a href="/{site}/">首页</a></li>{links}'


def _entries(site: str, number: int) -> dict[str, list[tuple[str, str]]]:
    """(href, title) per column: two reports, three news items (not followed)."""
    city = city_name(number)
    base = f"/{site}/col/col2201/202501"
    news = [(f"{base}/t20250110_{number}{i}.html", f"市科技局召开{city}科技特派员工作推进会（第{i}期）")
            for i in range(3)]
    summary = (f"{base}/t20250120_{number}7.html", f"{city}市科学技术局2024年工作总结和2025年工作计划")
    notice = (f"/{site}/col/col2200/202502/t20250210_{number}8.html", f"关于印发{city}市2025年科技工作要点的通知")
    return {"col2201": [summary, *news], "col2200": [notice]}


def _list_body(name: str, entries: list[tuple[str, str]], pager: bool) -> str:
    items = "".join(f'<li><a href="{h}" title="{t}" target="_blank">{t}</a><span>2025-01-20</span></li>'
                    for h, t in entries)
    script = '<script>createPageHTML(1, 0, "index", "html");</script>' if pager else ""
    return f'<div class="box-title"><span>{name}</span></div><ul class="list">{items}</ul>{script}'


def _summary_text(number: int) -> str:
    city = city_name(number)
    return (f"<p>2024年，{city}市科学技术局坚持创新驱动发展战略，全市高新技术企业达到{300 + number % 700}家，"
            f"同比增长{10 + number % 9}.5%；全社会研发经费投入{20 + number % 40}.3亿元，增长{8 + number % 5}%；"
            f"技术合同成交额达到{15 + number % 60}亿元。</p>"
            f"<p>2025年，力争高新技术企业达到{400 + number % 700}家，研发经费投入强度达到{2 + number % 2}.8%。</p>"
            + "<p>本局围绕科技创新中心建设推进各项工作，科技成果转化成效明显。</p>" * 8)


def build_site(number: int) -> dict[str, bytes]:
    """Every path of site `number` and its bytes."""
    site, nav = f"s{number:04d}", _nav(f"s{number:04d}")
    entries = _entries(site, number)
    latest = [e for column in entries.values() for e in column]
    files: dict[str, str | bytes] = {f"/{site}/": _page("科学技术局", nav, _list_body("最新动态", latest, False))}
    for column, name in COLUMNS.items():
        files[f"/{site}/col/{column}/index.html"] = _page(name, nav, _list_body(name, entries[column], True))
    for href, title in entries["col2201"][1:]:
        files[href] = _page(title, nav, f"<h1>{title}</h1><p>会议听取了各单位工作汇报。</p>")
    (summary, summary_title), (notice, notice_title) = entries["col2201"][0], entries["col2200"][0]
    files[summary] = _page(summary_title, nav, f"<h1>{summary_title}</h1><div class='content'>"
                                               f"<p>发布时间：2025-01-20</p>{_summary_text(number)}</div>")
    pdf = f"/{site}/module/download/P0202502{number:05d}.pdf"
    files[notice] = _page(notice_title, nav, f"<h1>{notice_title}</h1><p>发布时间：2025-02-10</p>"
                                             f"<p>现将工作要点印发给你们，请认真贯彻落实。</p>"
                                             f'<p>附件：<a href="{pdf}">{notice_title}.pdf</a></p>')
    # A comment after %%EOF makes each site's copy its own document (the warehouse merges equal bytes).
    files[pdf] = REPORT_PDF.read_bytes() + f"\n% site {number}\n".encode()
    return {p: b if isinstance(b, bytes) else b.encode() for p, b in files.items()}


class ScaleStore:
    """All sites in memory, their ETags, and request counts per status (what bench.crawl's handler reads)."""

    def __init__(self, sites: int) -> None:
        self.files: dict[str, bytes] = {"/robots.txt": b"User-agent: *\nDisallow: /admin/\n"}
        for number in range(sites):
            self.files.update(build_site(number))
        self.etags = {p: '"' + hashlib.sha1(b, usedforsecurity=False).hexdigest()[:16] + '"'
                      for p, b in self.files.items()}
        self.counts: Counter[tuple[str, int]] = Counter()
        self.lock = threading.Lock()

    def count(self, path: str, status: int) -> None:
        kind = "robots" if path.endswith("robots.txt") else "page"
        with self.lock:
            self.counts[(kind, status)] += 1


def _serve(sites: int, ports: Any) -> None:
    from bench.crawl import _BenchServer, _handler

    server = _BenchServer(("127.0.0.1", 0), _handler(ScaleStore(sites)))  # type: ignore[arg-type]
    ports.put(server.server_address[1])
    server.serve_forever()


def start_server(sites: int) -> tuple[multiprocessing.Process, str]:
    """The sites' server in a child process; its base URL."""
    ports: Any = multiprocessing.Queue()
    process = multiprocessing.Process(target=_serve, args=(sites, ports), daemon=True)
    process.start()
    return process, f"http://127.0.0.1:{ports.get(timeout=300)}"


def sources_yaml(base: str, sites: int) -> str:
    """The generated sources file (CONTRACT §2)."""
    lines = ["sources:"]
    for number in range(sites):
        sid = f"s{number:04d}"
        lines += [f"  - id: {sid}", f"    name: {city_name(number)}市科学技术局", "    level: city",
                  f"    start_urls: [\"{base}/{sid}/\"]", "    allowed_domains: [127.0.0.1]", "    cms: trs",
                  "    obey_robots: true", "    max_pages: 200"]
    return "\n".join(lines) + "\n"
