"""Hostile documents built on the fly (nothing big is committed): each is small on the wire
or on disk and costs a parser minutes or gigabytes."""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from collections.abc import Iterator

_CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  b'<Default Extension="xml" ContentType="application/xml"/></Types>')
_DOCUMENT_OPEN = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                  b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')


def _pdf(objects: list[bytes]) -> bytes:
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def slow_pdf(pages: int = 100, operations: int = 100_000) -> bytes:
    """Every page draws one shared content stream of `operations` no-op transforms: a ~15 KB
    file that keeps pypdf tokenising for seconds per page and never reaches a text callback."""
    content = zlib.compress(b"1 0 0 1 0 0 cm " * operations, 9)
    font = b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    kids = b" ".join(b"%d 0 R" % (4 + n) for n in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(content), content)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 3 0 R %s >>" % font] * pages
    return _pdf(objects)


def docx_bomb(inflated_bytes: int = 190 * 1024 * 1024) -> bytes:
    """A DOCX whose word/document.xml is `inflated_bytes` of empty paragraphs: under the
    200 MB declared-size check, yet tens of millions of XML nodes (gigabytes) once parsed."""
    buffer = io.BytesIO()
    chunk = b"<w:p/>" * 100_000
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(_DOCUMENT_OPEN)
            for _ in range(inflated_bytes // len(chunk)):
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def gzip_bomb(inflated_bytes: int = 1024 * 1024 * 1024) -> bytes:
    """`inflated_bytes` of spaces gzipped (~1 MB a GB), streamed so the test never holds them."""
    buffer = io.BytesIO()
    block = b" " * (1024 * 1024)
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as packed:
        for _ in range(inflated_bytes // len(block)):
            packed.write(block)
    return buffer.getvalue()


def big_page_chunks(total_bytes: int = 200 * 1024 * 1024) -> Iterator[bytes]:
    """A 200 MB HTML page, generated chunk by chunk as it is sent."""
    head = b'<html><head><meta charset="utf-8"><title>big</title></head><body><p>'
    yield head
    chunk = "科技创新".encode() * 21845
    sent = len(head)
    while sent < total_bytes:
        yield chunk
        sent += len(chunk)
