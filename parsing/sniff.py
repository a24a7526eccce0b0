"""Decide a document's format from its bytes, because extensions and MIME types lie.

Government CMSes serve PDFs as ``application/octet-stream``, name WPS files ``.doc``
and return HTML error pages with a ``.pdf`` URL, so only the content is trusted.
``DocumentError`` lives here, the first stage, so every format module can raise it
without importing the dispatcher.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import Final

PDF_MAGIC: Final = b"%PDF-"
ZIP_MAGIC: Final = b"PK\x03\x04"
OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PNG_MAGIC: Final = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC: Final = b"\xff\xd8\xff"
# Some servers prepend junk (a BOM, whitespace, a PHP notice) before the PDF header;
# readers accept the header within the first KiB, so do we.
PDF_HEADER_WINDOW: Final = 1024
HTML_SNIFF_WINDOW: Final = 65536

_HTML_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|meta|title|div|p|table|script|a\s)[\s>/]", re.IGNORECASE
)
_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


class DocumentError(Exception):
    """Raised with a one-line reason for any input that cannot be turned into text."""


def sniff_kind(data: bytes) -> str:
    """Return "pdf", "docx", "ofd", "doc", "wps", "image" (PNG/JPEG), "html" or "text";
    raise DocumentError otherwise."""
    if not data.strip():
        raise DocumentError("empty document (0 bytes of content)")
    if PDF_MAGIC in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data)
    if data.startswith(OLE2_MAGIC):
        return _ole2_kind(data)
    if data.startswith((PNG_MAGIC, JPEG_MAGIC)):
        return "image"
    head = _ascii_view(data[:HTML_SNIFF_WINDOW])
    if _HTML_MARKUP.search(head):
        return "html"
    if _looks_like_text(head):
        return "text"
    raise DocumentError(f"unrecognised binary format (first bytes {data[:8].hex()})")


def _zip_kind(data: bytes) -> str:
    """A zip is a DOCX if it holds word/document.xml, an OFD if OFD.xml; XLSX and archives are neither."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise DocumentError(f"corrupt zip container: {exc}") from exc
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names:
        return "ofd"
    raise DocumentError("zip file is not a Word document (no word/document.xml)")


def _ole2_kind(data: bytes) -> str:
    """Tell Word from Kingsoft WPS (and both from XLS/PPT) by the OLE2 stream names.

    Stream names sit in the directory sectors as UTF-16LE, so a byte search finds
    them without parsing the compound file.
    """
    if _utf16(b"EncryptedPackage") in data:
        raise DocumentError("encrypted (password-protected) Office document")
    if _utf16(b"WordDocument") not in data:
        if _utf16(b"Workbook") in data or _utf16(b"PowerPoint Document") in data:
            raise DocumentError("OLE2 file is a spreadsheet or presentation, not a text document")
        if _utf16(b"WpsCustomData") in data or b"Kingsoft" in data[:65536]:
            return "wps"
        raise DocumentError("OLE2 file without a WordDocument stream")
    if _utf16(b"WpsCustomData") in data or _utf16(b"KSOProductBuildVer") in data:
        return "wps"
    return "doc"


def _ascii_view(head: bytes) -> bytes:
    """UTF-16 files (with a BOM) are re-encoded so the byte patterns below still apply."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return head.decode("utf-16", errors="ignore").encode("utf-8")
    return head


def _utf16(name: bytes) -> bytes:
    return name.decode("ascii").encode("utf-16-le")


def _looks_like_text(head: bytes) -> bool:
    """Text has almost no C0 control bytes; a few stray ones are tolerated."""
    return len(_BINARY_CONTROL.findall(head)) <= max(2, len(head) // 200)
