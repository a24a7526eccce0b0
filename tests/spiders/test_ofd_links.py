"""OFD attachments (issue 18) are followed like PDFs: by extension, and found on article pages."""

from __future__ import annotations

from parsing.html_text import extract_html
from spiders.attachments import is_document_url


def test_ofd_links_are_document_links_and_page_attachments() -> None:
    assert is_document_url("http://127.0.0.1/upload/2024/工作总结.OFD")
    page = extract_html('<html><body><p>正文</p><a href="/upload/2024/r.ofd">2023年工作总结.ofd</a></body></html>',
                        url="http://127.0.0.1/art/1.html")
    assert [(a.url, a.title) for a in page.attachments] == [
        ("http://127.0.0.1/upload/2024/r.ofd", "2023年工作总结.ofd")]
