"""OCR of scanned pages: PDF pages without a text layer and PNG/JPEG attachments.

Many bureau attachments are scans; without OCR they yield no text and look like reports
without figures.  rapidocr is used because its PP-OCR models ship inside the wheel, so OCR
works offline and nothing is downloaded at run time.  Pages are read one at a time against
a per-document deadline: a 200-page scan stops with the pages read so far and says so
(`ocr_incomplete`) instead of holding the parse worker until it is killed.

The engine is built lazily, once per process: importing onnxruntime and OpenCV costs most
of a second and several hundred MB of address space that text documents never need.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from typing import Any, Final

from PIL import Image

from parsing.pdf_text import PdfText, ocr_warnings
from parsing.sniff import DocumentError

OCR_INCOMPLETE: Final = "ocr_incomplete"
# documents.text_source: where a document's text came from.
TEXT_LAYER: Final = "text"
OCR: Final = "ocr"
MIXED: Final = "mixed"
# Long side of a page image given to the detector: 150 dpi for A4, enough for 9 pt text.
MAX_SIDE_PX: Final = 1800
PDF_RENDER_DPI: Final = 150
# A scan is rarely over 60 megapixels; Pillow's own bomb check refuses far larger ones.
MAX_IMAGE_PIXELS: Final = 60_000_000
_ENGINE_PARAMS: Final = {
    "Global.log_level": "error",
    # Scanned reports are upright; the 180° classifier would cost a tenth of the time for nothing.
    "Global.use_cls": False,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
}


@dataclass
class OcrPages:
    """Texts of the pages read, in the order given, and whether the deadline stopped the reading."""

    texts: list[str] = field(default_factory=list)
    incomplete: bool = False


@cache
def _engine() -> Any:
    from rapidocr import RapidOCR  # deferred: see the module docstring

    return RapidOCR(params=dict(_ENGINE_PARAMS))


def ocr_image(image: Image.Image) -> str:
    """One page image → its lines of text, top to bottom, boxes on one line joined by a space."""
    import numpy as np

    page = _fit(image.convert("RGB"))
    result = _engine()(np.asarray(page))
    boxes = result.boxes if result.boxes is not None else []
    return "\n".join(_lines(list(zip(boxes, result.txts or (), strict=False))))


def ocr_pages(pages: Iterable[Callable[[], Image.Image]], *, max_seconds: float) -> OcrPages:
    """OCR page by page until the pages or the time run out (a started page is finished)."""
    deadline = time.monotonic() + max_seconds
    done = OcrPages()
    for render in pages:
        if time.monotonic() >= deadline:
            done.incomplete = True
            break
        done.texts.append(ocr_image(render()))
    return done


@dataclass
class ScannedText:
    """A document's text with OCR filled in, where the text came from, and what is still missing."""

    text: str
    source: str
    warnings: list[str]


def ocr_pdf(data: bytes, pdf: PdfText, *, max_seconds: float) -> ScannedText:
    """The PDF's text with each page lacking a text layer read by OCR, in page order."""
    blank = pdf.blank_pages()
    if not blank or max_seconds <= 0:
        return ScannedText(pdf.text, TEXT_LAYER, list(pdf.warnings))
    read = ocr_pages(pdf_page_renderers(data, blank), max_seconds=max_seconds)
    pages = list(pdf.page_texts)
    for index, text in zip(blank, read.texts, strict=False):
        pages[index] = text
    recognised = any(text.strip() for text in read.texts)
    layered = len(blank) < len(pages)
    source = (MIXED if layered else OCR) if recognised else TEXT_LAYER
    return ScannedText("\f".join(pages), source, ocr_warnings(pages) + ([OCR_INCOMPLETE] if read.incomplete else []))


def scanned_image_text(data: bytes, *, max_seconds: float) -> ScannedText:
    """A PNG/JPEG attachment: OCR when allowed, else an empty text that says it needs OCR."""
    image = _open_image(data)
    if max_seconds <= 0:
        return ScannedText("", TEXT_LAYER, ocr_warnings([""]))
    read = ocr_pages([lambda: image], max_seconds=max_seconds)
    return ScannedText("\n".join(read.texts), OCR, ocr_warnings(read.texts or [""]))


def pdf_page_renderers(data: bytes, indexes: Sequence[int]) -> list[Callable[[], Image.Image]]:
    """Lazy renderers of the given PDF pages (pypdfium2), so only pages OCR reaches are drawn."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"cannot render PDF pages for OCR: {exc}") from exc

    def renderer(index: int) -> Callable[[], Image.Image]:
        def render() -> Image.Image:
            page = document[index]
            width, height = page.get_size()
            scale = min(PDF_RENDER_DPI / 72, MAX_SIDE_PX / max(width, height, 1))
            return page.render(scale=scale, grayscale=True).to_pil()
        return render

    return [renderer(index) for index in indexes]


def _open_image(data: bytes) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data))
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise DocumentError(f"image of {image.width}×{image.height} pixels is over the "
                                    f"{MAX_IMAGE_PIXELS:,}-pixel limit")
            image.load()
        except (OSError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise DocumentError(f"cannot read image: {exc}") from exc
    return image


def _fit(image: Image.Image) -> Image.Image:
    """Large scans are scaled down to MAX_SIDE_PX: detection memory grows with the area."""
    side = max(image.size)
    if side <= MAX_SIDE_PX:
        return image
    scale = MAX_SIDE_PX / side
    return image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))


def _lines(boxes: list[tuple[Any, str]]) -> list[str]:
    """Boxes whose vertical centres lie within half a box height of each other form one line
    (table cells, a figure set apart); lines come top to bottom, boxes left to right."""
    rows: list[tuple[float, float, list[tuple[float, str]]]] = []
    for box, text in sorted(boxes, key=lambda item: _centre_y(item[0])):
        centre, height, left = _centre_y(box), _height(box), min(point[0] for point in box)
        if rows and abs(centre - rows[-1][0]) <= max(height, rows[-1][1]) / 2:
            rows[-1][2].append((left, text))
        else:
            rows.append((centre, height, [(left, text)]))
    return [" ".join(text for _, text in sorted(cells)) for _, _, cells in rows]


def _centre_y(box: Any) -> float:
    return float(sum(point[1] for point in box)) / len(box)


def _height(box: Any) -> float:
    ys = [point[1] for point in box]
    return float(max(ys) - min(ys))
