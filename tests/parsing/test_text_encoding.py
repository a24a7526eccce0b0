"""Decoding: BOM, HTTP charset, <meta>, detection, and catching headers that lie."""

from __future__ import annotations

import codecs

import pytest

from parsing.convert import document_text
from parsing.encoding import charset_from_content_type, decode_bytes, normalise_codec

PROSE = "2023年全市高新技术企业达到1856家，研发经费投入增长15.2%，堃旸等生僻字也要正确。"


def _page(meta: str, encoding: str) -> bytes:
    return f"<html><head>{meta}<title>报告</title></head><body><div><p>{PROSE}</p></div></body></html>".encode(
        encoding)


def test_gbk_bytes_behind_a_lying_utf8_header_are_decoded() -> None:
    data = _page("", "gbk")
    document = document_text(data, content_type="text/html; charset=utf-8")
    assert PROSE in document.text
    assert any("utf-8" in warning for warning in document.warnings)


def test_gbk_bytes_behind_a_lying_utf8_meta_with_real_header() -> None:
    data = _page("<meta charset='utf-8'>", "gbk")
    assert PROSE in document_text(data, content_type="text/html;charset=GBK").text


@pytest.mark.parametrize(
    "meta",
    [
        "<meta http-equiv='Content-Type' content='text/html; charset=gb2312'>",
        "<meta charset=gbk>",
        '<META HTTP-EQUIV="content-type" CONTENT="text/html;charset=GB2312">',
    ],
)
def test_meta_charset_is_scanned_leniently_and_gb2312_widened(meta: str) -> None:
    decoded = decode_bytes(_page(meta, "gb18030"))
    assert decoded.encoding == "gb18030"
    assert PROSE in decoded.text


def test_undeclared_gbk_is_detected() -> None:
    assert PROSE in decode_bytes(_page("", "gbk")).text


def test_utf8_page_declaring_latin1_is_decoded_as_utf8() -> None:
    decoded = decode_bytes(_page("<meta charset='iso-8859-1'>", "utf-8"))
    assert decoded.encoding == "utf-8"


@pytest.mark.parametrize(("bom", "codec"), [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")])
def test_bom_wins_over_declarations(bom: bytes, codec: str) -> None:
    decoded = decode_bytes(bom + PROSE.encode(codec), header_charset="gbk")
    assert decoded.text == PROSE


def test_plain_text_file_goes_through_as_text_kind() -> None:
    document = document_text(f"一、总体情况\n{PROSE}\n".encode("gb18030"))
    assert document.kind == "text"
    assert document.text == f"一、总体情况\n{PROSE}"


def test_helpers() -> None:
    assert charset_from_content_type('text/html; charset="GB2312"') == "GB2312"
    assert charset_from_content_type("text/html") is None
    assert normalise_codec("GBK") == "gb18030"
    assert normalise_codec("no-such-codec") is None


def test_utf8_cut_mid_character_stays_utf8() -> None:
    data = ("2024年全市高新技术企业总数达到1200家。" * 20).encode("utf-8")[:-1]
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert "高新技术企业" in decoded.text
