"""Attachment names are titles, never paths: whatever a server puts in Content-Disposition or
the URL (`../`, absolute paths, NUL, bidi marks, 10 000 characters), the raw store holds files
named by their SHA-256 only and the stored title is one bare, printable, bounded name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from spiders.attachments import MAX_NAME_CHARS, attachment_title, content_disposition_filename, safe_name
from tests.spiders.routed_site import RoutedSite
from tests.spiders.sitekit import crawl, source_dict

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LONG = "临川市科学技术局2024年工作总结" * 700
LONG_SERVED = LONG[:1200]  # 1 200 characters (a file system allows 255 bytes); more than 16 kB of header fails first
HOSTILE_HEADERS = {
    "dotdot": "attachment; filename*=UTF-8''..%2F..%2F..%2Fkjwatch-escaped%2F%E5%B7%A5%E4%BD%9C%E6%80%BB%E7%BB%93.pdf",
    "absolute": 'attachment; filename="/kjwatch-escaped/2024年工作总结.pdf"',
    "windows": 'attachment; filename="..\\..\\kjwatch-escaped\\2024年工作要点.pdf"',
    "nul": "attachment; filename*=UTF-8''2024%E5%B9%B4%00%E8%AE%A1%E5%88%92%E2%80%AE.pdf",
    "long": "attachment; filename*=UTF-8''" + "".join(f"%{b:02X}" for b in (LONG_SERVED + ".pdf").encode()),
}


@pytest.mark.parametrize(("header", "name"), [
    (b"attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd", "passwd"),
    (b'attachment; filename="/etc/cron.d/evil.pdf"', "evil.pdf"),
    (b'attachment; filename="C:\\\\Windows\\\\evil.pdf"', "evil.pdf"),
    (b"attachment; filename*=UTF-8''..", None),
    (b"attachment; filename*=UTF-8''a%00b%0A%E2%80%AEfdp.pdf", "abfdp.pdf"),
])
def test_served_names_are_bare_printable_names(header: bytes, name: str | None) -> None:
    assert content_disposition_filename(header) == name


def test_a_very_long_name_is_cut_keeping_its_extension() -> None:
    name = safe_name(LONG + ".docx")
    assert name is not None
    assert len(name) == MAX_NAME_CHARS
    assert name.endswith(".docx")
    title = attachment_title("附件1", None, "http://kjj.example.cn/download?id=1", LONG)
    assert title is not None
    assert len(title) <= MAX_NAME_CHARS


def test_a_url_path_with_escapes_gives_a_bare_title() -> None:
    title = attachment_title(None, None, "http://kjj.example.cn/files/..%2F..%2F2024%E5%B9%B4%00%E6%80%BB%E7%BB%93.pdf")
    assert title == "2024年总结"


@pytest.fixture
def site() -> Iterator[RoutedSite]:
    with RoutedSite() as running:
        links = "".join(f'<li><a href="/download.jsp?id={key}">附件{n}</a></li>'
                        for n, key in enumerate(HOSTILE_HEADERS, 1))
        page = ('<html><head><meta charset="utf-8"><title>临川市科学技术局2024年工作总结</title></head>'
                f"<body><h1>临川市科学技术局关于印发2024年工作总结的通知</h1><ul>{links}</ul></body></html>")
        home = '<html><body><a href="/notice.html">临川市科学技术局2024年工作总结</a></body></html>'
        running.routes["/"] = (200, {}, home.encode())
        running.routes["/notice.html"] = (200, {}, page.encode())
        for n, (key, disposition) in enumerate(HOSTILE_HEADERS.items()):
            running.routes[f"/download.jsp?id={key}"] = (
                200, {"Content-Type": "application/octet-stream",
                      "Content-Disposition": disposition.encode().decode("latin-1")},   # raw UTF-8 bytes
                PDF + str(n).encode())
        yield running


def test_hostile_attachment_names_never_leave_the_raw_store(site: RoutedSite, tmp_path: Path) -> None:
    work = tmp_path / "work"
    run = crawl(source_dict("lc", f"{site.base}/", obey_robots=False), work)
    assert len(run.items) == len(HOSTILE_HEADERS)
    stored = sorted(p.relative_to(work / "raw").as_posix() for p in (work / "raw").rglob("*") if p.is_file())
    assert len(stored) == len(HOSTILE_HEADERS)
    assert all(re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{64}", p) for p in stored)
    assert not list(tmp_path.rglob("kjwatch-escaped"))
    assert not Path("/kjwatch-escaped").exists()
    for item in run.items:
        title = item["title"]
        assert Path(item["raw_path"]).resolve().is_relative_to((work / "raw").resolve())
        assert title
        assert len(title) <= MAX_NAME_CHARS
        assert not set(title) & {"/", "\\", "\x00", "\u202e"}
        assert ".." not in title
