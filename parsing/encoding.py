"""Bytes → str for HTML and plain text, trusting declarations only as far as they decode.

Chinese government sites routinely declare utf-8 on GBK bytes (or the reverse), so a
declared charset is tried strictly and dropped as soon as it produces a decode error.
GB2312 and GBK are decoded as GB18030, their superset, because pages labelled GB2312
use GBK-only characters (e.g. 旸, 堃) all the time.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Final

from charset_normalizer import from_bytes

META_SCAN_WINDOW: Final = 8192
DETECTION_WINDOW: Final = 65536

_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<(?:meta|\?xml)[^>]*?(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I
)
_CHINESE_SUPERSETS: Final = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030",
                             "euc-cn": "gb18030", "hz-gb-2312": "gb18030", "big5": "big5hkscs"}
# Single-byte Western codecs never fail to decode, so as declarations on Chinese
# sites they carry no information and would hide the real encoding.
_UNINFORMATIVE: Final = {"latin-1", "iso8859-1", "ascii", "cp1252"}


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def charset_from_content_type(content_type: str | None) -> str | None:
    """Pull the charset parameter out of an HTTP Content-Type header value."""
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.I)
    return match.group(1) if match else None


def decode_bytes(data: bytes, *, header_charset: str | None = None) -> Decoded:
    """Decode with BOM, then HTTP charset, then <meta> charset, then detection."""
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(bom_codec, errors="replace"), bom_codec)
    warnings: list[str] = []
    for declared in (header_charset, _meta_charset(data)):
        codec = normalise_codec(declared)
        if codec is None or codec in _UNINFORMATIVE or _implausible_wide(codec, data):
            continue
        try:
            return Decoded(data.decode(codec), codec, warnings)
        except UnicodeDecodeError:
            warnings.append(f"declared charset {declared} does not decode the bytes")
    codec = _detect(data)
    return Decoded(data.decode(codec, errors="replace"), codec, warnings)


def normalise_codec(name: str | None) -> str | None:
    """Map a charset label to a Python codec name, widening Chinese subsets."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().lower())
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # rot13, base64, zlib …: bytes-to-bytes codecs a hostile page may "declare"
    return _CHINESE_SUPERSETS.get(info.name, info.name)


def _implausible_wide(codec: str, data: bytes) -> bool:
    """UTF-16/32 declared on bytes without a NUL: any even-length byte string "decodes" as UTF-16,
    into CJK-looking nonsense, while real UTF-16 markup is full of NUL bytes."""
    return codec.startswith(("utf-16", "utf-32", "utf_16", "utf_32")) and b"\0" not in data[:DETECTION_WINDOW]


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:META_SCAN_WINDOW])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _detect(data: bytes) -> str:
    """UTF-8 first (strict UTF-8 success is near-proof), then GB18030, then detection."""
    for codec in ("utf-8", "gb18030"):
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return codec
    if _mostly_utf8(data):
        return "utf-8"
    best = from_bytes(data[:DETECTION_WINDOW]).best()
    guessed = normalise_codec(best.encoding) if best is not None else None
    return guessed or "gb18030"


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes (a file cut mid-character) is still UTF-8; decoding it
    as GB18030 would turn every Chinese character into the wrong one."""
    text = data.decode("utf-8", errors="replace")
    return text.count("\ufffd") <= max(4, len(text) // 1000)
