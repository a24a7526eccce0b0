"""DOCX via python-docx: reading order, tables, headers, zip bombs and XXE."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from parsing.convert import DocumentError, Limits, document_text


def make_docx(*, header: str | None = None, title: str | None = None) -> bytes:
    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    if title:
        document.core_properties.title = title
    document.add_paragraph("东江市科学技术局2023年工作总结")
    document.add_paragraph("一、主要指标")
    document.add_paragraph("全市研发经费投入达到１２３．４５亿元，同比增长15.2%。")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("指标", "2022年", "2023年"), ("高新技术企业", "1544", "1856"),
                                        ("技术合同成交额", "86.2", "102.7")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("二是加快科技成果转化。")
    document.add_paragraph("东江市科学技术局")
    document.add_paragraph("2024年1月18日")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rewrite_part(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, content if item.filename == name else source.read(item.filename))
    return buffer.getvalue()


def test_paragraphs_and_tables_in_reading_order() -> None:
    document = document_text(make_docx(header="东江市科学技术局文件"))
    assert document.kind == "docx"
    assert document.text.split("\n") == [
        "东江市科学技术局文件",
        "东江市科学技术局2023年工作总结",
        "一、主要指标",
        "全市研发经费投入达到123.45亿元，同比增长15.2%。",
        "指标\t2022年\t2023年",
        "高新技术企业\t1544\t1856",
        "技术合同成交额\t86.2\t102.7",
        "二是加快科技成果转化。",
        "东江市科学技术局",
        "2024年1月18日",
    ]


def test_title_from_properties_or_first_title_line_and_signature_date() -> None:
    document = document_text(make_docx())
    assert document.title == "东江市科学技术局2023年工作总结"
    assert document.published_at is not None
    assert document.published_at.isoformat() == "2024-01-18"
    assert document_text(make_docx(title="2023年科技工作总结（定稿）")).title == "2023年科技工作总结（定稿）"


def test_merged_cells_appear_once_per_row() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "合并单元格"
    table.cell(0, 2).text = "数值"
    buffer = io.BytesIO()
    document.save(buffer)
    assert document_text(buffer.getvalue()).text == "合并单元格\t数值"


def test_zip_bomb_is_refused_before_parsing() -> None:
    buffer = io.BytesIO(make_docx())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\x00" * 3_000_000)
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(DocumentError, match="zip bomb"):
        document_text(buffer.getvalue(), limits=Limits(max_uncompressed_bytes=2_000_000))


def test_xxe_docx_is_refused_and_never_reads_local_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-XXE", encoding="utf-8")
    original = zipfile.ZipFile(io.BytesIO(make_docx())).read("word/document.xml").decode()
    root_start = original.index("<w:document")
    evil = (original[:root_start] + f'<!DOCTYPE d [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
            + original[root_start:].replace("一、主要指标", "&xxe;"))
    data = rewrite_part(make_docx(), "word/document.xml", evil.encode())
    with pytest.raises(DocumentError, match="DOCTYPE"):
        document_text(data)
    parsed = docx.Document(io.BytesIO(data))
    assert "TOP-SECRET-XXE" not in "\n".join(paragraph.text for paragraph in parsed.paragraphs)


def test_doctype_hidden_past_the_prologue_is_still_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-XXE", encoding="utf-8")
    original = zipfile.ZipFile(io.BytesIO(make_docx())).read("word/document.xml").decode()
    root_start = original.index("<w:document")
    evil = (original[:root_start] + "<!--" + "x" * 5000 + "-->"
            + f'<!DOCTYPE d [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
            + original[root_start:].replace("一、主要指标", "&xxe;"))
    data = rewrite_part(make_docx(), "word/document.xml", evil.encode())
    try:
        text = document_text(data).text
    except DocumentError:
        return
    assert "TOP-SECRET-XXE" not in text


def test_text_box_content_is_read_once() -> None:
    body = (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        "<w:p><w:r><w:t>文本框标题</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框标题</w:t></w:r></w:p></w:txbxContent>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    original = zipfile.ZipFile(io.BytesIO(make_docx())).read("word/document.xml").decode()
    if 'xmlns:mc="' not in original[:3000]:
        original = original.replace("<w:document ", '<w:document xmlns:mc="http://schemas.openxmlformats.org/'
                                    'markup-compatibility/2006" ', 1)
    evil = original.replace("<w:body>", "<w:body>" + body, 1)
    text = document_text(rewrite_part(make_docx(), "word/document.xml", evil.encode())).text
    assert text.count("文本框标题") == 1


def test_docx_missing_main_part_content_is_a_document_error() -> None:
    data = rewrite_part(make_docx(), "word/document.xml", b"<not-closed")
    with pytest.raises(DocumentError, match="DOCX"):
        document_text(data)
