"""Recognise report files: by URL, by download endpoint, by what the server says it sent.

Bureaus publish many reports only as a .doc/.pdf behind `downfile.jsp?...` or
`/attachment/...`, served as `application/octet-stream` with the real name in a
Content-Disposition header that is as often GBK as UTF-8.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, unquote_to_bytes, urlsplit

DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd")
DOWNLOAD_ENDPOINT = re.compile(
    r"downfile|download|/attachment/|getfile|filedown|fileserver|/uploadfile/.*\?|/files/get|attachid=", re.IGNORECASE)
GENERIC_LINK_TEXT = re.compile(
    r"^(附件\s*\d*[:：]?|下载|点击下载|点击此处下载|文件下载|原文下载|查看原文|原文|下载附件)?$")
ATTACHMENT_PREFIX = re.compile(r"^附件\s*\d*\s*[:：.、]\s*")
CJK = re.compile(r"[\u4e00-\u9fff]")
FILENAME_STAR = re.compile(r"filename\*\s*=\s*([\w-]+)'[^']*'([^;]+)", re.IGNORECASE)
FILENAME_PLAIN = re.compile(rb"""filename\s*=\s*(?:"([^"]*)"|([^;]+))""", re.IGNORECASE)
FILE_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
MAX_NAME_CHARS = 120  # longer than any real report title; a 10 000-character name is an attack or a bug
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def is_document_url(url: str) -> bool:
    """A link to a file rather than a page: by extension or by download endpoint."""
    parts = urlsplit(url)
    path = unquote(parts.path).lower()
    if path.endswith(DOCUMENT_EXTENSIONS):
        return True
    if path.endswith((".html", ".htm", ".shtml")):
        return False
    return bool(DOWNLOAD_ENDPOINT.search(f"{parts.path}?{parts.query}"))


def _decode_name(raw: bytes) -> str:
    """Raw header bytes: UTF-8 first, then GBK (GB18030); percent-escapes the same way."""
    if b"%" in raw:
        raw = unquote_to_bytes(raw)
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def content_disposition_filename(header: bytes | None) -> str | None:
    """The file name a server gave, decoded from RFC 5987 `filename*=`, UTF-8, GBK or %-escapes."""
    if not header:
        return None
    text = header.decode("latin-1")
    star = FILENAME_STAR.search(text)
    if star:
        encoding = star.group(1).lower()
        try:
            return safe_name(unquote(star.group(2).strip().strip('"'), encoding=encoding, errors="strict"))
        except (LookupError, UnicodeDecodeError):
            return safe_name(_decode_name(star.group(2).strip().encode("latin-1")))
    plain = FILENAME_PLAIN.search(header)
    if not plain:
        return None
    raw = (plain.group(1) if plain.group(1) is not None else plain.group(2)).strip()
    return safe_name(_decode_name(raw))


def safe_name(name: str | None) -> str | None:
    """A served or linked name as a bare file name: the last part of any path (`../`, `C:\\`,
    absolute), without NUL, control or bidi characters, at most MAX_NAME_CHARS long. Raw
    files are stored under their SHA-256 only; this keeps the name a title, never a path."""
    if not name:
        return None
    base = PurePosixPath(_UNPRINTABLE.sub("", name).replace("\\", "/")).name.strip(" .")
    if len(base) > MAX_NAME_CHARS:
        _, dot, extension = base.rpartition(".")
        keep = f"{dot}{extension}" if dot and len(extension) <= 5 else ""
        base = base[: MAX_NAME_CHARS - len(keep)].rstrip(" .") + keep
    return base or None


def attachment_title(link_title: str | None, filename: str | None, url: str,
                     page_title: str | None = None) -> str | None:
    """The most telling name: the first in Chinese among link text, served file name, parent page title.

    '附件1', '下载' and 'P020250210123456.pdf' say nothing; the URL's own name is the last resort.
    """
    candidates = [link_title, filename, page_title, safe_name(unquote(urlsplit(url).path))]
    names = [_tidy_name(c) for c in candidates if c]
    meaningful = [n for n in names if n and not GENERIC_LINK_TEXT.match(n)]
    return next((n for n in meaningful if CJK.search(n)), meaningful[0] if meaningful else None)


def _tidy_name(name: str) -> str:
    """Without 附件1： or the extension, unprintable characters or more than MAX_NAME_CHARS."""
    name = " ".join(_UNPRINTABLE.sub(" ", name[: MAX_NAME_CHARS * 4]).split())
    return strip_extension(ATTACHMENT_PREFIX.sub("", name.strip())).strip()[:MAX_NAME_CHARS]


def strip_extension(name: str) -> str:
    return re.sub(r"\.(pdf|docx?|wps|xlsx?|et|ofd)$", "", name, flags=re.IGNORECASE)


def looks_like_html(content_type: str | None, body: bytes) -> bool:
    """Trust the bytes over the header: a PDF sent as text/html is still a PDF."""
    head = body[:1024].lstrip()
    if head.startswith(FILE_MAGIC):
        return False
    kind = (content_type or "").lower()
    if "html" in kind or "xml" in kind:
        return True
    lowered = head.lower()
    return lowered.startswith((b"<!doctype", b"<html", b"<?xml")) or b"<html" in lowered or b"<datastore" in lowered
