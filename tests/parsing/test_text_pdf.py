"""PDF text through pypdf: Chinese text, page furniture, no text layer, encryption, deadline."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from parsing.convert import DocumentError, Limits, document_text
from parsing.pdf_text import NEEDS_OCR

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

BODY = [
    "2023年全市科技工作坚持创新驱动发展战略，全社会研发经费投入",
    "达到823.57亿元，同比增长12.5%，占地区生产总值比重达到3.1%。",
    "一、创新主体不断壮大",
    "新认定高新技术企业312家，总数达到1856家。",
]


def make_pdf(pages: list[list[str]], *, header: str | None = None, encrypt: StandardEncryption | None = None,
             title: str | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, encrypt=encrypt)
    if title:
        pdf.setTitle(title)
    for number, lines in enumerate(pages, start=1):
        pdf.setFont(FONT, 11)
        if header:
            pdf.drawString(72, 800, header)
        for row, line in enumerate(lines):
            pdf.drawString(72, 760 - 18 * row, line)
        pdf.drawCentredString(300, 40, f"— {number} —")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def test_chinese_text_comes_back_with_wrapped_lines_joined() -> None:
    document = document_text(make_pdf([BODY]))
    assert document.kind == "pdf"
    assert document.warnings == []
    assert document.text.split("\n") == [
        "2023年全市科技工作坚持创新驱动发展战略，全社会研发经费投入达到823.57亿元，同比增长12.5%，占地区生产总值比重达到3.1%。",
        "一、创新主体不断壮大",
        "新认定高新技术企业312家，总数达到1856家。",
    ]


def test_running_header_and_page_numbers_are_dropped() -> None:
    pages = [[f"第{n}部分：全市科技工作取得新成效。", f"本部分共有{n}项指标完成情况说明。"] for n in range(1, 5)]
    text = document_text(make_pdf(pages, header="东江市科学技术局2023年工作报告")).text
    assert "东江市科学技术局2023年工作报告" not in text
    assert "—" not in text
    assert text.startswith("第1部分：全市科技工作取得新成效。")
    assert text.count("\n") == 7


def test_metadata_title_is_used_when_meaningful() -> None:
    assert document_text(make_pdf([BODY], title="2023年科技工作总结")).title == "2023年科技工作总结"
    assert document_text(make_pdf([BODY], title="Microsoft Word - 1.doc")).title is None


def test_pdf_without_text_layer_warns_needs_ocr() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for _ in range(2):
        pdf.rect(100, 100, 300, 400, fill=1)
        pdf.circle(300, 600, 50)
        pdf.showPage()
    pdf.save()
    document = document_text(buffer.getvalue())
    assert document.text == ""
    assert document.warnings == [NEEDS_OCR]


def test_owner_password_only_pdf_is_read() -> None:
    data = make_pdf([BODY], encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    assert "823.57亿元" in document_text(data).text


def test_user_password_pdf_is_a_document_error() -> None:
    data = make_pdf([BODY], encrypt=StandardEncryption("secret", ownerPassword="owner"))
    with pytest.raises(DocumentError, match="encrypted PDF"):
        document_text(data)


@pytest.mark.parametrize("data", [b"%PDF-1.4\n%garbage\n", b"%PDF-1.7\n" + b"\x00\xff" * 500])
def test_corrupt_pdf_is_a_one_line_document_error(data: bytes) -> None:
    with pytest.raises(DocumentError) as raised:
        document_text(data)
    assert "\n" not in str(raised.value)


def test_truncated_pdf_is_a_document_error_or_partial_text() -> None:
    data = make_pdf([BODY, BODY])
    try:
        document = document_text(data[: len(data) // 2])
    except DocumentError:
        return
    assert isinstance(document.text, str)


def test_deadline_stops_extraction() -> None:
    with pytest.raises(DocumentError, match="time limit"):
        document_text(make_pdf([BODY] * 3), limits=Limits(max_seconds=0))
