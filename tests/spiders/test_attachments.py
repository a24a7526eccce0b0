from __future__ import annotations

import pytest

from spiders.attachments import attachment_title, content_disposition_filename, is_document_url, looks_like_html


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ('attachment; filename="2025年工作要点.doc"'.encode("gbk"), "2025年工作要点.doc"),
        ('attachment; filename="2025年工作要点.doc"'.encode(), "2025年工作要点.doc"),
        (b"attachment; filename*=UTF-8''%E5%B7%A5%E4%BD%9C%E8%AE%A1%E5%88%92.docx", "工作计划.docx"),
        (b"attachment; filename=%B9%A4%D7%F7%D7%DC%BD%E1.pdf", "工作总结.pdf"),
        (b"attachment; filename=%E5%B7%A5%E4%BD%9C%E6%80%BB%E7%BB%93.pdf", "工作总结.pdf"),
        (b"inline", None),
        (None, None),
    ],
)
def test_content_disposition_names_in_any_encoding(header: bytes | None, name: str | None) -> None:
    assert content_disposition_filename(header) == name


def test_attachment_titles_prefer_telling_chinese_names() -> None:
    assert attachment_title("附件1", "2025年工作要点.doc", "http://h/downfile.jsp?id=1") == "2025年工作要点"
    assert attachment_title("附件：2025年工作计划", None, "http://h/a/1") == "2025年工作计划"
    page_title = "市科技局2025年工作要点"
    assert attachment_title("P0202501.pdf", None, "http://h/P0202501.pdf", page_title) == page_title
    assert attachment_title("下载", None, "http://h/files/report.pdf") == "report"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://h/a/b.WPS", True), ("http://h/module/download/downfile.jsp?classid=0&filename=x", True),
        ("http://h/attachment/0/512/512350/4123460", True), ("http://h/download/index.html", False),
        ("http://h/art/2024/3/26/art_1_2.html", False),
    ],
)
def test_document_urls(url: str, expected: bool) -> None:
    assert is_document_url(url) is expected


def test_bytes_decide_over_content_type() -> None:
    assert not looks_like_html("text/html", b"%PDF-1.4 ...")
    assert looks_like_html(None, b"  <!DOCTYPE html><html>")
    assert not looks_like_html("application/octet-stream", b"\xd0\xcf\x11\xe0....")
