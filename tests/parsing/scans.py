"""Scanned pages made in the test (no tests here): Chinese text drawn with a system CJK font by
Pillow, saved as PNG/JPEG or wrapped in an image-only PDF (no text layer, as a scanner writes).

The font is Debian's fonts-noto-cjk (in the Makefile's SYSTEM_PACKAGES). Locally a missing font
skips the OCR tests; in CI (CI=true) they fail, because CI must run them.
"""

from __future__ import annotations

import glob
import io
import os
from collections.abc import Sequence

import pytest
from PIL import Image, ImageDraw, ImageFont

_FONT_GLOBS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/**/NotoSansCJK*.tt[cf]",
               "/usr/share/fonts/**/NotoSerifCJK*.tt[cf]", "/usr/share/fonts/**/wqy-*.tt[cf]")
IN_CI = os.environ.get("CI", "").lower() == "true"


def cjk_font() -> str | None:
    for pattern in _FONT_GLOBS:
        found = sorted(glob.glob(pattern, recursive=True))
        if found:
            return found[0]
    return None


CJK_FONT = cjk_font()
NEEDS_CJK_FONT = pytest.mark.skipif(
    CJK_FONT is None and not IN_CI,
    reason="no CJK font to draw a scanned page (apt-get install -y fonts-noto-cjk); CI installs it")

A4_150DPI = (1240, 1754)


def scanned_page(lines: Sequence[str], *, size: int = 34) -> Image.Image:
    """One A4 page at 150 dpi, black text on white, a line every 1.8 character heights."""
    assert CJK_FONT is not None, "fonts-noto-cjk is missing (Makefile system-deps installs it)"
    font = ImageFont.truetype(CJK_FONT, size)
    page = Image.new("L", A4_150DPI, 255)
    draw = ImageDraw.Draw(page)
    for row, line in enumerate(lines):
        draw.text((110, 160 + int(row * size * 1.8)), line, font=font, fill=0)
    return page


def image_bytes(page: Image.Image, kind: str) -> bytes:
    buffer = io.BytesIO()
    page.save(buffer, kind)
    return buffer.getvalue()


def image_only_pdf(pages: Sequence[Image.Image]) -> bytes:
    """Pillow writes each page as one image XObject: no fonts, no text operators."""
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", resolution=150, save_all=True, append_images=list(pages[1:]))
    return buffer.getvalue()
