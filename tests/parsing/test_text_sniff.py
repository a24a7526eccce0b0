"""Format detection trusts bytes only, never the URL or the Content-Type."""

from __future__ import annotations

import io
import zipfile

import pytest

from parsing.convert import DocumentError, document_text
from parsing.sniff import OLE2_MAGIC, sniff_kind


def _zip(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def _ole2(*streams: str) -> bytes:
    directory = b"".join(name.encode("utf-16-le") + b"\x00\x00" for name in streams)
    return OLE2_MAGIC + b"\x00" * 504 + directory + b"\x00" * 512


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\xef\xbb\xbf%PDF-1.4\n", "pdf"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (b"  \r\n<HTML><HEAD><TITLE>t</TITLE>", "html"),
        ("<div class='TRS_Editor'><p>片段</p></div>".encode(), "html"),
        ("<p>页面</p>".encode("utf-16"), "html"),
        ("2023年科技工作总结\n一、总体情况".encode("gbk"), "text"),
        ("纯文本".encode(), "text"),
    ],
)
def test_sniff_by_content(data: bytes, kind: str) -> None:
    assert sniff_kind(data) == kind


def test_zip_with_word_document_is_docx() -> None:
    assert sniff_kind(_zip(["[Content_Types].xml", "word/document.xml"])) == "docx"


def test_zip_with_ofd_xml_is_ofd_and_png_jpeg_are_images() -> None:
    assert sniff_kind(_zip(["OFD.xml", "Doc_0/Document.xml"])) == "ofd"
    assert sniff_kind(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40) == "image"
    assert sniff_kind(b"\xff\xd8\xff\xe0" + b"\x00" * 40) == "image"


@pytest.mark.parametrize(
    ("names", "reason"),
    [(["xl/workbook.xml"], "not a Word document")],
)
def test_other_zips_are_refused_with_reason(names: list[str], reason: str) -> None:
    with pytest.raises(DocumentError, match=reason):
        sniff_kind(_zip(names))


def test_ole2_word_document_is_doc_and_kingsoft_is_wps() -> None:
    assert sniff_kind(_ole2("Root Entry", "WordDocument", "1Table")) == "doc"
    assert sniff_kind(_ole2("Root Entry", "WordDocument", "WpsCustomData")) == "wps"


@pytest.mark.parametrize(
    ("streams", "reason"),
    [(("EncryptedPackage",), "encrypted"), (("Workbook",), "spreadsheet"), (("Foo",), "WordDocument")],
)
def test_non_word_ole2_files_are_refused(streams: tuple[str, ...], reason: str) -> None:
    with pytest.raises(DocumentError, match=reason):
        sniff_kind(_ole2(*streams))


def test_extension_and_content_type_do_not_override_content() -> None:
    page = "<html><body><div><p>这是一个网页，不是PDF文件，内容足够长以便识别正文。</p></div></body></html>".encode()
    document = document_text(page, url="http://x.gov.cn/report.pdf", content_type="application/pdf")
    assert document.kind == "html"


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"\x00\x01\x02\x03\x04\x05\x06\x07" * 64, bytes(range(256)) * 8])
def test_empty_and_garbage_bytes_raise_document_error(data: bytes) -> None:
    with pytest.raises(DocumentError) as raised:
        document_text(data)
    assert "\n" not in str(raised.value)


def test_corrupt_zip_is_a_document_error() -> None:
    with pytest.raises(DocumentError, match="zip"):
        document_text(b"PK\x03\x04" + b"\x00" * 100)
