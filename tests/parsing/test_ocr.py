"""OCR of scanned attachments (issue 18): an image-only PDF and PNG/JPEG scans drawn in the test
with a system CJK font are read by rapidocr (models shipped in its wheel), marked as OCR text,
and their figures come out of the same extractor as typed text."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from flows.cli import main
from parsing.convert import Limits, document_text
from parsing.ocr import MIXED, OCR, ocr_pages
from parsing.pdf_text import NEEDS_OCR
from tests.parsing.scans import NEEDS_CJK_FONT, image_bytes, image_only_pdf, scanned_page

REPORT = ["东江市科学技术局2023年工作总结", "2023年全市新增高新技术企业120家，技术合同成交额",
          "达到35.6亿元，同比增长12.5%。"]

pytestmark = NEEDS_CJK_FONT


def _figures(lines: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(x["kind"], x["metric"], x["measure"], x["value"], x["unit"], x["year"]) for x in lines[1:]]


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    assert main(argv) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_a_scanned_pdf_is_read_by_ocr_and_gives_the_figures_of_the_typed_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scan, typed = tmp_path / "scan.pdf", tmp_path / "typed.txt"
    scan.write_bytes(image_only_pdf([scanned_page(REPORT)]))
    typed.write_text("\n".join(REPORT) + "\n", encoding="utf-8")
    assert "".join(page.extract_text() for page in PdfReader(scan).pages).strip() == ""  # no text layer

    from_scan = _cli(["extract", "--jsonl", str(scan)], capsys)
    from_text = _cli(["extract", "--jsonl", str(typed)], capsys)
    assert _figures(from_scan) == _figures(from_text)
    assert ("actual", "hte_new", "level", 120.0, "家", 2023) in _figures(from_scan)
    assert ("actual", "tech_contract_value", "level", 356000.0, "万元", 2023) in _figures(from_scan)
    assert (from_scan[0]["bureau"], from_scan[0]["report_year"]) == ("东江市科学技术局", 2023)

    (shown,) = _cli(["text", "--json", str(scan)], capsys)
    assert (shown["kind"], shown["text_source"], shown["warnings"]) == ("pdf", OCR, [])
    assert "技术合同成交额达到35.6亿元" in str(shown["text"])


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_an_image_attachment_is_known_by_its_magic_bytes_and_read_by_ocr(kind: str) -> None:
    document = document_text(image_bytes(scanned_page(REPORT), kind))
    assert (document.kind, document.text_source, document.warnings) == ("image", OCR, [])
    assert "2023年全市新增高新技术企业120家" in document.text
    assert document.title == "东江市科学技术局2023年工作总结"


def _typed_page(lines: list[str]) -> bytes:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("STSong-Light", 11)
    for row, line in enumerate(lines):
        pdf.drawString(72, 760 - 18 * row, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_only_the_pages_without_a_text_layer_are_read_by_ocr_and_the_text_says_mixed() -> None:
    writer = PdfWriter()
    for data in (_typed_page(["一、总体情况", "全年认定科技型中小企业305家。"]),
                 image_only_pdf([scanned_page(REPORT[1:])])):
        writer.append(io.BytesIO(data))
    buffer = io.BytesIO()
    writer.write(buffer)
    document = document_text(buffer.getvalue())
    assert document.text_source == MIXED
    assert document.text.index("科技型中小企业305家") < document.text.index("高新技术企业120家")


def test_with_ocr_off_a_scan_stays_empty_and_says_it_needs_ocr() -> None:
    document = document_text(image_only_pdf([scanned_page(REPORT)]), limits=Limits(ocr_seconds=0))
    assert (document.text, document.warnings, document.text_source) == ("", [NEEDS_OCR], "text")


def test_reading_stops_at_the_time_limit_with_the_pages_read_so_far() -> None:
    page = scanned_page(REPORT)
    rendered: list[int] = []

    def render(number: int, after: Callable[[], None] = lambda: None) -> Callable[[], Image.Image]:
        def draw() -> Image.Image:
            rendered.append(number)
            after()
            return page
        return draw

    def outlast_the_limit() -> None:  # the first page ends after the deadline, whatever the machine
        start = time.monotonic()
        while time.monotonic() - start <= 0.01:
            pass

    read = ocr_pages([render(1, outlast_the_limit), render(2), render(3)], max_seconds=0.005)
    assert (rendered, read.incomplete) == ([1], True)
    assert "高新技术企业120家" in read.texts[0]
