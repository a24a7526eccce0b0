"""issue 16, wrong charset declarations: a declaration that cannot be the bytes' encoding is
passed over, never trusted into mojibake or into a failed document."""

from __future__ import annotations

import pytest

from parsing.convert import document_text
from parsing.encoding import decode_bytes

GBK_PAGE = "<html><head><title>2024年工作总结</title></head><body><p>科技创新成效显著。</p></body></html>".encode("gbk")


@pytest.mark.parametrize("declared", ["rot13", "base64", "zlib", "hex", "uu"])
def test_a_bytes_to_bytes_codec_declared_as_charset_is_ignored(declared: str) -> None:
    decoded = decode_bytes(GBK_PAGE, header_charset=declared)
    assert "科技创新成效显著" in decoded.text


def test_a_page_declaring_a_bytes_codec_still_gives_its_text() -> None:
    page = document_text(GBK_PAGE, content_type="text/html; charset=base64")
    assert "科技创新成效显著" in page.text


@pytest.mark.parametrize("declared", ["utf-16", "utf-16le", "utf-32"])
def test_a_wide_charset_declared_on_narrow_bytes_is_not_trusted(declared: str) -> None:
    """Any byte string of the right length decodes as UTF-16 without an error: CJK-looking nonsense."""
    data = GBK_PAGE + b" " * (-len(GBK_PAGE) % 4)
    decoded = decode_bytes(data, header_charset=declared)
    assert "科技创新成效显著" in decoded.text


def test_real_utf16_without_a_bom_still_decodes_as_declared() -> None:
    data = "<p>科技创新</p>".encode("utf-16-le")
    assert decode_bytes(data, header_charset="utf-16le").text == "<p>科技创新</p>"
