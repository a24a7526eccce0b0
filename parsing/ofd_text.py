"""Text of an OFD (GB/T 33190, the Chinese fixed-layout format some bureaus publish instead of PDF).

An OFD is a zip: OFD.xml names the document root (Doc_0/Document.xml), which lists the pages
in order; each page's Content.xml holds TextObjects (a Boundary "x y w h" in mm) whose
TextCode children carry the characters at offsets X, Y inside it.  The standard library's
zipfile and a locked-down lxml parser read that directly: the PyPI reader (easyofd) pulls
PyMuPDF (AGPL), reportlab and loguru for rendering we do not need.  Pieces are put back into
lines by their baseline, left to right, since converters often write one object per character.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from itertools import pairwise
from typing import Final

from lxml import etree

from parsing.sniff import DocumentError

_PROLOGUE_BYTES: Final = 2048


@dataclass
class OfdText:
    text: str
    title: str | None
    pages: int


@dataclass(frozen=True, slots=True)
class _Piece:
    """A run of characters at an absolute position on the page (mm from the top left)."""

    y: float
    x: float
    end: float
    size: float
    text: str


def extract_ofd(data: bytes, *, max_uncompressed_bytes: int) -> OfdText:
    """Page texts joined by form feeds; raise DocumentError for bombs, DOCTYPEs and broken packages."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            _check(archive, max_uncompressed_bytes)
            root = _parse(archive, "OFD.xml")
            doc_root = _first_text(root, "DocRoot")
            if not doc_root:
                raise DocumentError("corrupt OFD: OFD.xml names no DocRoot")
            document_path = _member(doc_root, "")
            page_paths = _page_paths(_parse(archive, document_path), posixpath.dirname(document_path))
            pages = [_page_text(_parse(archive, path)) for path in page_paths]
    except (KeyError, ValueError, zipfile.BadZipFile, zlib.error, NotImplementedError, etree.XMLSyntaxError,
            OSError, EOFError) as exc:
        raise DocumentError(f"corrupt OFD: {type(exc).__name__}: {' '.join(str(exc).split())[:200]}") from exc
    return OfdText("\f".join(pages), _first_text(root, "Title") or None, len(pages))


def _check(archive: zipfile.ZipFile, max_uncompressed_bytes: int) -> None:
    """Sum the declared sizes (zipfile never inflates past them) and refuse DOCTYPEs (entity tricks)."""
    members = archive.infolist()
    total = sum(member.file_size for member in members)
    if total > max_uncompressed_bytes:
        raise DocumentError(f"OFD expands to {total:,} bytes, over the {max_uncompressed_bytes:,}-byte limit "
                            "(zip bomb?)")
    for member in members:
        if member.filename.lower().endswith(".xml"):
            with archive.open(member) as part:
                if b"<!DOCTYPE" in part.read(_PROLOGUE_BYTES).upper():
                    raise DocumentError(f"OFD part {member.filename} declares a DOCTYPE (XXE attempt?)")


def _parse(archive: zipfile.ZipFile, name: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    return etree.fromstring(archive.read(name), parser)


def _member(location: str, base: str) -> str:
    """A BaseLoc is relative to the part naming it, or absolute from the package root."""
    location = location.strip().replace("\\", "/")
    path = location.lstrip("/") if location.startswith("/") else posixpath.join(base, location)
    return posixpath.normpath(path)


def _local(element: etree._Element) -> str:
    """OFD writers disagree on the namespace (2016 spec URI, none at all): match local names."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _first_text(root: etree._Element, name: str) -> str:
    for element in root.iter():
        if _local(element) == name:
            return (element.text or "").strip()
    return ""


def _page_paths(document: etree._Element, base: str) -> list[str]:
    return [_member(element.get("BaseLoc", ""), base) for element in document.iter()
            if _local(element) == "Page" and element.get("BaseLoc")]


def _page_text(page: etree._Element) -> str:
    pieces = [piece for element in page.iter() if _local(element) == "TextObject"
              for piece in _pieces(element)]
    return "\n".join(_lines(pieces))


def _numbers(value: str | None, count: int) -> list[float]:
    parts = [float(part) for part in (value or "").split()[:count]]
    return parts + [0.0] * (count - len(parts))


def _pieces(text_object: etree._Element) -> list[_Piece]:
    left, top, width, _ = _numbers(text_object.get("Boundary"), 4)
    size = _numbers(text_object.get("Size"), 1)[0] or 3.5
    pieces = []
    for code in text_object:
        if _local(code) == "TextCode" and (code.text or "").strip():
            x, y = _numbers(code.get("X"), 1)[0], _numbers(code.get("Y"), 1)[0]
            end = left + width if width > 0 else left + x + size * len(code.text or "")
            pieces.append(_Piece(top + y, left + x, end, size, code.text or ""))
    return pieces


def _lines(pieces: list[_Piece]) -> list[str]:
    """Pieces whose baselines lie within half a character of each other form one line; a gap
    wider than a character (a table's next cell) becomes a space."""
    rows: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.y, p.x)):
        if rows and abs(piece.y - rows[-1][0].y) <= max(piece.size, rows[-1][0].size) / 2:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    return [_joined(sorted(row, key=lambda p: p.x)) for row in rows]


def _joined(row: list[_Piece]) -> str:
    parts = [row[0].text]
    for before, piece in pairwise(row):
        parts.append((" " if piece.x - before.end > piece.size else "") + piece.text)
    return "".join(parts)
