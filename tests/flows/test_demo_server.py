"""The demo sites behind `kjwatch run --demo`, checked over real HTTP on 127.0.0.1."""

from __future__ import annotations

import email.utils
import io
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import yaml
from pypdf import PdfReader

from flows.demo.attachment_source import AttachmentSource, read_source
from flows.demo.build_attachments import TEXTS_DIR
from flows.demo.server import SITES_DIR, DemoSites

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
COUNTY_REPORT_DOCX = "uploads/2025/qinghe-2024-summary.docx"
COUNTY_REPORT_PDF = "uploads/2025/qinghe-2025-h1-summary.pdf"


@dataclass(frozen=True)
class Reply:
    status: int
    headers: Message
    body: bytes
    url: str


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET") -> Reply:
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(response.status, response.headers, response.read(), response.url)
    except urllib.error.HTTPError as error:
        with error:
            return Reply(error.code, error.headers, error.read(), error.url)


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "a" and attributes.get("href"):
            self.links.append((attributes["href"], attributes))


def links_of(html: str) -> list[tuple[str, dict[str, str]]]:
    collector = _LinkCollector()
    collector.feed(html)
    return collector.links


def text_without_spaces(text: str) -> str:
    """PDF extraction breaks lines where the page wrapped; compare with all whitespace gone."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def sites() -> Iterator[DemoSites]:
    with DemoSites() as running:
        yield running


def test_each_site_runs_on_its_own_free_port(sites: DemoSites) -> None:
    assert set(sites.urls) == {"trs-city", "county-attach"}
    addresses = [urllib.parse.urlsplit(url) for url in sites.urls.values()]
    assert all(address.hostname == "127.0.0.1" and address.port for address in addresses)
    assert len({address.port for address in addresses}) == len(addresses)
    assert all(url.endswith("/") for url in sites.urls.values())


@pytest.mark.parametrize(
    ("site", "path", "content_type"),
    [
        ("trs-city", "", "text/html; charset=utf-8"),
        ("trs-city", "col/col2201/index_2.html", "text/html; charset=utf-8"),
        ("trs-city", "robots.txt", "text/plain; charset=utf-8"),
        ("county-attach", "index.html", "text/html"),
        ("county-attach", COUNTY_REPORT_DOCX, DOCX_TYPE),
        ("county-attach", COUNTY_REPORT_PDF, "application/pdf"),
    ],
)
def test_files_are_served_with_their_content_type(
    sites: DemoSites, site: str, path: str, content_type: str
) -> None:
    reply = fetch(sites.urls[site] + path)
    assert reply.status == 200
    assert reply.headers["Content-Type"] == content_type
    assert int(reply.headers["Content-Length"]) == len(reply.body) > 0
    assert reply.headers["Last-Modified"]


def test_gbk_site_leaves_the_charset_to_the_meta_tag(sites: DemoSites) -> None:
    reply = fetch(sites.urls["county-attach"] + "kjdt/2025/0326-1.html")
    assert "charset" not in reply.headers["Content-Type"]
    assert b'<meta charset="gbk">' in reply.body
    page = reply.body.decode("gbk")
    assert "青禾县科技局2024年工作总结及2025年工作计划" in page
    assert f'href="/{COUNTY_REPORT_DOCX}"' in page
    with pytest.raises(UnicodeDecodeError):
        reply.body.decode("utf-8")


def test_trs_column_pages_only_through_create_page_html(sites: DemoSites) -> None:
    base = sites.urls["trs-city"] + "col/col2201/"
    for index, name in enumerate(["index.html", "index_1.html", "index_2.html"]):
        page = fetch(base + name).body.decode("utf-8")
        assert f'createPageHTML(3, {index}, "index", "html");' in page
        assert "function createPageHTML(" in page
        assert not [href for href, _ in links_of(page) if href.startswith("index")]


def test_trs_list_items_lead_to_articles_with_that_title(sites: DemoSites) -> None:
    base = sites.urls["trs-city"] + "col/col2201/"
    items = [
        (href, attributes["title"])
        for name in ["index.html", "index_1.html", "index_2.html"]
        for href, attributes in links_of(fetch(base + name).body.decode("utf-8"))
        if href.startswith("./2")
    ]
    assert len(items) == 15
    for href, title in items:
        article = fetch(urllib.parse.urljoin(base, href)).body.decode("utf-8")
        assert f'<meta name="ArticleTitle" content="{title}" />' in article
        assert '<div class="TRS_Editor">' in article


@pytest.mark.parametrize("site", ["trs-city", "county-attach"])
def test_every_internal_link_resolves(sites: DemoSites, site: str) -> None:
    base = sites.urls[site]
    queue, seen = [base], {base}
    while queue:
        url = queue.pop()
        reply = fetch(url)
        assert reply.status == 200, url
        if not reply.headers["Content-Type"].startswith("text/html"):
            continue
        encoding = "utf-8" if "utf-8" in reply.headers["Content-Type"] else "gbk"
        for href, _ in links_of(reply.body.decode(encoding)):
            target = urllib.parse.urljoin(url, href).split("#")[0]
            if target.startswith(base) and target not in seen:
                seen.add(target)
                queue.append(target)
    assert len(seen) > 15


def test_unchanged_file_revalidates_with_304(sites: DemoSites) -> None:
    url = sites.urls["trs-city"] + "col/col2201/index.html"
    first = fetch(url)
    by_date = fetch(url, {"If-Modified-Since": first.headers["Last-Modified"]})
    by_etag = fetch(url, {"If-None-Match": first.headers["ETag"]})
    long_ago = fetch(url, {"If-Modified-Since": email.utils.formatdate(0, usegmt=True)})
    assert (by_date.status, by_date.body) == (304, b"")
    assert (by_etag.status, by_etag.body) == (304, b"")
    assert long_ago.status == 200
    assert long_ago.body == first.body


def test_head_sends_headers_without_body(sites: DemoSites) -> None:
    reply = fetch(sites.urls["county-attach"] + COUNTY_REPORT_PDF, method="HEAD")
    assert reply.status == 200
    assert reply.body == b""
    assert int(reply.headers["Content-Length"]) > 1000


def test_missing_file_is_404(sites: DemoSites) -> None:
    assert fetch(sites.urls["trs-city"] + "col/col9999/index.html").status == 404
    assert fetch(sites.urls["county-attach"] + "uploads/").status == 404


def test_directory_url_redirects_to_slash_and_serves_index(sites: DemoSites) -> None:
    reply = fetch(sites.urls["county-attach"] + "kjdt")
    assert reply.status == 200
    assert reply.url.endswith("/kjdt/")
    assert "科技动态".encode("gbk") in reply.body


@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "%2e%2e/secret.txt",
        "..%2fsecret.txt",
        "site/../../secret.txt",
        "link/secret.txt",
        "%2e%2e%5csecret.txt",
    ],
)
def test_nothing_outside_a_site_is_reachable(tmp_path: Path, path: str) -> None:
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    site = tmp_path / "sites" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<html>ok</html>", encoding="utf-8")
    (site / "link").symlink_to(tmp_path, target_is_directory=True)
    with DemoSites(tmp_path / "sites") as running:
        assert fetch(running.urls["site"] + "index.html").status == 200
        reply = fetch(running.urls["site"] + path)
    assert reply.status == 404
    assert b"TOP SECRET" not in reply.body


def test_requests_leave_stderr_quiet(sites: DemoSites, capfd: pytest.CaptureFixture[str]) -> None:
    fetch(sites.urls["trs-city"])
    fetch(sites.urls["trs-city"] + "missing.html")
    assert capfd.readouterr().err == ""


def test_written_sources_point_at_the_running_sites(sites: DemoSites, tmp_path: Path) -> None:
    path = sites.write_sources(tmp_path / "sources.yaml")
    sources = {source["id"]: source for source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]}
    assert set(sources) == {"demo-trs-city", "demo-county-attach"}
    assert sources["demo-trs-city"]["cms"] == "trs"
    assert sources["demo-county-attach"]["cms"] == "static"
    for source in sources.values():
        assert source["allowed_domains"] == ["127.0.0.1"]
        assert (source["obey_robots"], source["max_pages"], source["tags"]) == (True, 50, ["demo"])
        assert source["level"] in {"city", "county"}
        for start_url in source["start_urls"]:
            assert start_url in sites.urls.values()
            assert fetch(start_url).status == 200


def test_sources_need_running_sites(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="start the demo sites"):
        DemoSites().write_sources(tmp_path / "sources.yaml")


def test_docx_report_carries_the_indicator_sentences(sites: DemoSites) -> None:
    document = docx.Document(io.BytesIO(fetch(sites.urls["county-attach"] + COUNTY_REPORT_DOCX).body))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "全县高新技术企业总数达到68家，同比增长15.3%" in text
    assert "技术合同成交额5.82亿元，完成市下达5亿元任务目标的116.4%，排名全市第一" in text
    assert "研发投入强度达到2.08%，较上年提高0.3个百分点" in text
    assert "高新技术企业总数力争达到80家" in text
    assert document.sections[0].header.paragraphs[0].text == "青禾县科学技术局"
    assert len(document.tables) == 1
    assert document.tables[0].cell(0, 3).text == "2025年目标"


def test_pdf_report_extracts_as_chinese_text(sites: DemoSites) -> None:
    reader = PdfReader(io.BytesIO(fetch(sites.urls["county-attach"] + COUNTY_REPORT_PDF).body))
    text = text_without_spaces("".join(page.extract_text() for page in reader.pages))
    assert "新增入库科技型中小企业131家，完成全年160家任务的81.9%" in text
    assert "技术合同成交额3.47亿元，同比增长28.6%，完成全年任务的53.4%，增幅位居全市第二" in text


def _expected_snippets(source: AttachmentSource) -> list[str]:
    snippets = [source.title, source.header, source.date]
    for block in source.blocks:
        snippets.extend([cell for row in block.rows for cell in row] or [block.text])
    return [text_without_spaces(snippet) for snippet in snippets]


def _attachment_text(path: Path) -> str:
    if path.suffix == ".pdf":
        return "".join(page.extract_text() for page in PdfReader(path).pages)
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "".join([paragraph.text for paragraph in document.paragraphs] + cells)


@pytest.mark.parametrize("text_path", sorted(TEXTS_DIR.glob("*.txt")), ids=lambda path: path.stem)
def test_bundled_attachments_match_their_texts(text_path: Path) -> None:
    source = read_source(text_path)
    built = SITES_DIR / source.output
    assert built.stat().st_size < 100_000
    content = text_without_spaces(_attachment_text(built))
    missing = [snippet for snippet in _expected_snippets(source) if snippet not in content]
    assert not missing, "attachment out of date; run python -m flows.demo.build_attachments"


def test_the_demo_run_serves_its_sites_at_the_same_addresses_every_time() -> None:
    """issue 21 item 10: links stored by one `run --demo` died with its random ports."""
    import socket

    from flows.demo.server import DemoSites

    with DemoSites(stable_ports=True) as first:
        urls = dict(first.urls)
    with DemoSites(stable_ports=True) as again:
        assert again.urls == urls
    taken = socket.socket()
    taken.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # the port may linger in TIME_WAIT
    try:
        taken.bind(("127.0.0.1", int(urls[min(urls)].rsplit(":", 1)[1].strip("/"))))
        taken.listen()
        with DemoSites(stable_ports=True) as crowded:
            assert crowded.urls[min(urls)] != urls[min(urls)]
            assert {k: v for k, v in crowded.urls.items() if k != min(urls)} == {
                k: v for k, v in urls.items() if k != min(urls)}
    finally:
        taken.close()
