"""Regenerate the county demo site's DOCX/PDF attachments from `attachment_texts/*.txt`.

Run: ``python -m flows.demo.build_attachments`` (needs python-docx and reportlab).
Outputs are byte-for-byte reproducible (fixed timestamps, reportlab invariant mode)
so regenerating without a text change leaves git clean.
"""

from __future__ import annotations

import argparse
import datetime as dt
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from flows.demo.attachment_source import AttachmentSource, Block, read_source

DEMO_DIR = Path(__file__).resolve().parent
TEXTS_DIR = DEMO_DIR / "attachment_texts"
SITES_DIR = DEMO_DIR / "sites"
FIXED_TIME = dt.datetime(2025, 3, 20, 9, 0, 0)
PDF_FONT = "STSong-Light"  # built-in CID font: no font file to ship, text stays extractable
BODY_FONT, HEADING_FONT, TITLE_FONT = "仿宋_GB2312", "黑体", "方正小标宋简体"


def build_all(texts_dir: Path = TEXTS_DIR, sites_dir: Path = SITES_DIR) -> list[Path]:
    built = []
    for text_path in sorted(texts_dir.glob("*.txt")):
        source = read_source(text_path)
        target = _output_path(sites_dir, source.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        builder = {".docx": build_docx, ".pdf": build_pdf}.get(target.suffix)
        if builder is None:
            raise ValueError(f"{text_path}: output must end in .docx or .pdf, got {source.output}")
        builder(source, target)
        built.append(target)
    return built


def _output_path(sites_dir: Path, output: str) -> Path:
    """A typo in `output:` must not write outside the site tree."""
    target = (sites_dir / output).resolve()
    if not target.is_relative_to(sites_dir.resolve()):
        raise ValueError(f"output {output!r} leaves {sites_dir}")
    return target


# --- DOCX -------------------------------------------------------------------------------------


def build_docx(source: AttachmentSource, path: Path) -> None:
    document = Document()
    _set_font(document.styles["Normal"].element, BODY_FONT)
    document.styles["Normal"].font.size = Pt(14)
    document.sections[0].header.paragraphs[0].text = source.header
    _docx_line(document.add_paragraph(), source.title, TITLE_FONT, 20, WD_ALIGN_PARAGRAPH.CENTER)
    for block in source.blocks:
        _docx_block(document, block)
    _docx_line(document.add_paragraph(), source.header, BODY_FONT, 14, WD_ALIGN_PARAGRAPH.RIGHT)
    _docx_line(document.add_paragraph(), source.date, BODY_FONT, 14, WD_ALIGN_PARAGRAPH.RIGHT)
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = source.title, source.header, ""
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    document.save(str(path))
    _freeze_zip_times(path)


def _docx_block(document: DocxDocument, block: Block) -> None:
    if block.kind == "table":
        _docx_table(document, block.rows)
    elif block.kind == "paragraph":
        paragraph = document.add_paragraph(block.text)
        paragraph.paragraph_format.first_line_indent = Pt(28)
    else:
        heading = document.add_heading(level=1 if block.kind == "chapter" else 2)
        font = HEADING_FONT if block.kind == "chapter" else "楷体_GB2312"
        _docx_line(heading, block.text, font, 16 if block.kind == "chapter" else 14, None)


def _docx_table(document: DocxDocument, rows: Sequence[tuple[str, ...]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row_cells, row_texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row_cells.cells, row_texts, strict=True):
            cell.text = text


def _docx_line(
    paragraph: DocxParagraph, text: str, font: str, size: int, align: WD_ALIGN_PARAGRAPH | None
) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    _set_font(run._element, font)
    if align is not None:
        paragraph.alignment = align


def _set_font(element: object, font: str) -> None:
    """python-docx only sets the Latin font; Chinese text needs w:eastAsia."""
    run_properties = element.get_or_add_rPr()  # type: ignore[attr-defined]
    run_properties.get_or_add_rFonts().set(qn("w:eastAsia"), font)
    run_properties.get_or_add_rFonts().set(qn("w:ascii"), font)


def _freeze_zip_times(path: Path) -> None:
    """python-docx stamps zip entries with the current time; pin them for reproducible bytes."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


# --- PDF --------------------------------------------------------------------------------------


def build_pdf(source: AttachmentSource, path: Path) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        invariant=1,
        title=source.title,
        author=source.header,
        leftMargin=72,
        rightMargin=72,
        topMargin=80,
        bottomMargin=72,
    )
    story: list[Flowable] = [Paragraph(escape(source.title), _pdf_style(18, 28, TA_CENTER)), Spacer(1, 12)]
    story.extend(_pdf_block(block) for block in source.blocks)
    story.append(Paragraph(escape(source.header), _pdf_style(12, 20, TA_RIGHT)))
    story.append(Paragraph(escape(source.date), _pdf_style(12, 20, TA_RIGHT)))

    def draw_page_furniture(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(PDF_FONT, 9)
        canvas.drawString(72, A4[1] - 50, source.header)
        canvas.drawCentredString(A4[0] / 2, 40, f"- {doc.page} -")
        canvas.restoreState()

    document.build(story, onFirstPage=draw_page_furniture, onLaterPages=draw_page_furniture)


def _pdf_block(block: Block) -> Flowable:
    if block.kind == "table":
        table = Table([list(row) for row in block.rows])
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), PDF_FONT, 10),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ]
            )
        )
        return table
    if block.kind == "paragraph":
        return Paragraph(escape(block.text), _pdf_style(12, 20, first_line_indent=24))
    return Paragraph(escape(block.text), _pdf_style(14 if block.kind == "chapter" else 12, 24))


def _pdf_style(size: int, leading: int, align: int = 0, first_line_indent: int = 0) -> ParagraphStyle:
    return ParagraphStyle(
        f"demo-{size}-{align}-{first_line_indent}",
        fontName=PDF_FONT,
        fontSize=size,
        leading=leading,
        alignment=align,
        firstLineIndent=first_line_indent,
        wordWrap="CJK",
        spaceAfter=4,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--texts", type=Path, default=TEXTS_DIR)
    parser.add_argument("--sites", type=Path, default=SITES_DIR)
    args = parser.parse_args(argv)
    for path in build_all(args.texts, args.sites):
        print(f"{path.relative_to(args.sites.resolve())}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
