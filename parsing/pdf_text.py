"""Text layer of a PDF via pypdf, with a deadline and an explicit "needs OCR" verdict.

Scanned reports are common on bureau sites; an empty result must say so rather
than look like a report without indicators.  Pages are joined with form feeds so
the cleanup can recognise running headers and page numbers.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any, Final

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PyPdfError

from parsing.sniff import DocumentError

NEEDS_OCR: Final = "needs_ocr"
MIN_PAGE_CHARS: Final = 5


@dataclass
class PdfText:
    text: str
    title: str | None
    pages: int
    warnings: list[str] = field(default_factory=list)
    page_texts: list[str] = field(default_factory=list)

    def blank_pages(self) -> list[int]:
        """Indexes of the pages without a text layer worth the name: the ones OCR should read."""
        return [index for index, text in enumerate(self.page_texts) if len(text.strip()) < MIN_PAGE_CHARS]


class _DeadlinePassed(Exception):
    """Raised from inside pypdf's text visitor so one slow page cannot run on."""


def extract_pdf(data: bytes, *, max_seconds: float) -> PdfText:
    """Return page texts joined by "\\f"; raise DocumentError when it cannot."""
    deadline = time.monotonic() + max_seconds
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = _open(data)
            pages = _page_texts(reader, deadline)
            title = _metadata_title(reader)
        except _DeadlinePassed as exc:
            raise DocumentError(f"PDF text extraction exceeded the {max_seconds:g} s time limit") from exc
        except DocumentError:
            raise
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
                RecursionError, AssertionError, ZeroDivisionError, NotImplementedError) as exc:
            raise DocumentError(f"corrupt PDF: {type(exc).__name__}: {_one_line(exc)}") from exc
    return PdfText("\f".join(pages), title, len(pages), ocr_warnings(pages), pages)


def _open(data: bytes) -> PdfReader:
    """Open, decrypting with the empty password that permission-only PDFs use."""
    reader = PdfReader(BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            reader.decrypt("")
            _ = len(reader.pages)
        except (FileNotDecryptedError, PyPdfError, NotImplementedError) as exc:
            raise DocumentError(f"encrypted PDF needs a password ({_one_line(exc)})") from exc
    return reader


def _page_texts(reader: PdfReader, deadline: float) -> list[str]:
    def check_deadline(*_: Any) -> None:
        if time.monotonic() > deadline:
            raise _DeadlinePassed

    texts = []
    for page in reader.pages:
        check_deadline()
        texts.append(page.extract_text(visitor_text=check_deadline) or "")
    return texts


def _metadata_title(reader: PdfReader) -> str | None:
    """Only trusted when it is not a Word template leftover like "Microsoft Word - 1.doc"."""
    info = reader.metadata
    title = str(info.title).strip() if info is not None and info.title else ""
    if not title or title.lower().startswith(("microsoft word", "untitled", "wps")) or title.isdigit():
        return None
    return title


def ocr_warnings(pages: list[str]) -> list[str]:
    """No text layer, or one on at most half the pages (a typed cover on a scan)."""
    empty = sum(1 for text in pages if len(text.strip()) < MIN_PAGE_CHARS)
    if not pages or empty * 2 > len(pages) or not any(text.strip() for text in pages):
        return [NEEDS_OCR]
    return []


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
