"""Any fetched document (HTML, PDF, DOCX, DOC, WPS, OFD, PNG/JPEG scan, text) → clean text plus metadata.

The format is sniffed from the bytes, never taken from the URL or Content-Type,
and every failure surfaces as a one-line DocumentError so a crawl can log and
move on instead of dying on one bad attachment.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Final

from parsing.cleanup import clean_text
from parsing.doc_text import extract_legacy_word
from parsing.docx_text import extract_docx
from parsing.encoding import charset_from_content_type, decode_bytes
from parsing.html_meta import Attachment, parse_date
from parsing.html_text import extract_html
from parsing.ocr import ocr_pdf, scanned_image_text
from parsing.ofd_text import extract_ofd
from parsing.pdf_text import extract_pdf
from parsing.sniff import DocumentError, sniff_kind

__all__ = ["DEFAULT_LIMITS", "Attachment", "DocumentError", "DocumentText", "Limits", "document_text"]

_MB: Final = 1024 * 1024
_TITLE_WORDS = re.compile(r"报告|总结|计划|要点|通知|意见|方案|情况|公报|规划|工作")
_TITLE_SCAN_LINES: Final = 6
_SIGNATURE_DATE = re.compile(r"^\s*\S{0,3}\s*(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年.{1,12}日\s*$")


@dataclass(frozen=True)
class Limits:
    """Caps that keep one hostile or broken document from stalling a crawl."""

    max_bytes: int = 50 * _MB
    max_uncompressed_bytes: int = 200 * _MB
    max_seconds: float = 60.0
    # OCR of scanned pages, per document (0: no OCR, such text stays empty with `needs_ocr`).
    ocr_seconds: float = 60.0


DEFAULT_LIMITS: Final = Limits()


@dataclass
class DocumentText:
    kind: str
    title: str | None
    published_at: dt.date | None
    text: str
    attachments: list[Attachment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    text_source: str = "text"  # "text" (a text layer, markup), "ocr" or "mixed" (some pages OCR)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types for `kjwatch text --json`."""
        return {
            "kind": self.kind,
            "title": self.title,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "text": self.text,
            "attachments": [{"url": a.url, "title": a.title} for a in self.attachments],
            "warnings": list(self.warnings),
            "text_source": self.text_source,
        }


def document_text(data: bytes, *, url: str | None = None, content_type: str | None = None,
                  limits: Limits = DEFAULT_LIMITS) -> DocumentText:
    """Sniff, extract and clean; raise DocumentError with a one-line reason on failure."""
    if len(data) > limits.max_bytes:
        raise DocumentError(f"document is {len(data):,} bytes, over the {limits.max_bytes:,}-byte limit")
    kind = "unknown"
    try:
        kind = sniff_kind(data)
        document = _extract(kind, data, url=url, content_type=content_type, limits=limits)
    except DocumentError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise DocumentError(f"{kind} document too deeply nested or too large to parse") from exc
    except Exception as exc:
        message = " ".join(str(exc).split())[:200]
        raise DocumentError(f"cannot read {kind} document: {type(exc).__name__}: {message}") from exc
    document.text = clean_text(document.text)
    if document.title:
        document.title = " ".join(clean_text(document.title).split()) or None
    if kind != "html":
        document.title = document.title or _title_from_text(document.text)
        document.published_at = _signature_date(document.text)
    return document


def _extract(kind: str, data: bytes, *, url: str | None, content_type: str | None,
             limits: Limits) -> DocumentText:
    if kind == "pdf":
        pdf = extract_pdf(data, max_seconds=limits.max_seconds)
        scanned = ocr_pdf(data, pdf, max_seconds=limits.ocr_seconds)
        return DocumentText("pdf", pdf.title, None, scanned.text, [], scanned.warnings, scanned.source)
    if kind == "image":
        image = scanned_image_text(data, max_seconds=limits.ocr_seconds)
        return DocumentText("image", None, None, image.text, [], image.warnings, image.source)
    if kind == "ofd":
        ofd = extract_ofd(data, max_uncompressed_bytes=limits.max_uncompressed_bytes)
        return DocumentText("ofd", ofd.title, None, ofd.text)
    if kind == "docx":
        word = extract_docx(data, max_uncompressed_bytes=limits.max_uncompressed_bytes)
        return DocumentText("docx", word.title, None, word.text)
    if kind in ("doc", "wps"):
        text = extract_legacy_word(data, kind=kind, max_seconds=limits.max_seconds)
        return DocumentText(kind, None, None, text)
    decoded = decode_bytes(data, header_charset=charset_from_content_type(content_type))
    if kind == "text":
        return DocumentText("text", None, None, decoded.text, [], decoded.warnings)
    page = extract_html(decoded.text, url=url)
    return DocumentText("html", page.title, page.published_at, page.text, page.attachments,
                        decoded.warnings + page.warnings)


def _title_from_text(text: str) -> str | None:
    """Report files open with their title; the first short line naming a report kind."""
    for line in text.split("\n")[:_TITLE_SCAN_LINES]:
        if 6 <= len(line) <= 60 and _TITLE_WORDS.search(line) and line[-1] not in "。；：，":
            return line
    return None


def _signature_date(text: str) -> dt.date | None:
    """The 落款 date alone on one of the last lines is the document's own date."""
    for line in reversed(text.split("\n")[-4:]):
        if _SIGNATURE_DATE.match(line):
            return parse_date(line)
    return None
