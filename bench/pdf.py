"""PDF text speed (issue 17): our extraction (parsing/pdf_text.py, pypdf) against pypdfium2 on the same files.

    PYTHONPATH=. .venv/bin/python bench/pdf.py [--pages 40] [--repeat 3] [MORE.pdf ...]

Files: the demo's report PDF (flows/demo/sites/county-attach) and generated Chinese
reports of 1 and `--pages` pages (reportlab, built-in STSong-Light CID font, as the demo's
attachments are made), and any PDF named on the command line (e.g. one printed by
`chromium --headless --print-to-pdf`, whose embedded subset TrueType fonts with ToUnicode
maps are closer to a Word/WPS export than reportlab's). pypdfium2 is measured only if
installed (`pip install pypdfium2` into the venv; it is not a dependency). Times are CPU
seconds of this process (time.process_time), so other work on the machine changes them
little. Text agreement: the share of characters of our text (whitespace removed) that
pypdfium2's text has too, in order (difflib), per file.
Goal: ≥ 150 pages/s.
"""

from __future__ import annotations

import argparse
import difflib
import io
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from parsing.pdf_text import extract_pdf  # noqa: E402

LINE = "2024年，全市高新技术企业达到{n}家，同比增长12.5%；全社会研发经费投入46.3亿元，技术合同成交额达到{m}亿元。"


def generated_report(pages: int) -> bytes:
    """A text-layer Chinese report of `pages` pages, 38 lines each."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1)
    for page in range(pages):
        canvas.setFont("STSong-Light", 10.5)
        for line in range(38):
            canvas.drawString(40, 800 - line * 20, LINE.format(n=300 + page, m=line + 10)[:38])
        canvas.drawString(280, 30, f"— {page + 1} —")
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def ours(data: bytes) -> tuple[str, int]:
    result = extract_pdf(data, max_seconds=600)
    return result.text, result.pages


def pdfium(data: bytes) -> tuple[str, int]:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        texts = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return "\f".join(texts), len(texts)
    finally:
        document.close()


def _measure(extract: Callable[[bytes], tuple[str, int]], data: bytes, repeat: int) -> tuple[str, int, float]:
    """Text, pages and the best CPU time of `repeat` runs."""
    best = float("inf")
    text, pages = "", 0
    for _ in range(repeat):
        started = time.process_time()
        text, pages = extract(data)
        best = min(best, time.process_time() - started)
    return text, pages, max(best, 1e-6)


def agreement(a: str, b: str) -> float:
    a, b = re.sub(r"\s+", "", a), re.sub(r"\s+", "", b)
    if not a:
        return 1.0 if not b else 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(a)


def files(pages: int) -> list[tuple[str, bytes]]:
    """The demo's report (the fixtures' other .pdf files are stubs neither library opens) and generated ones."""
    demo = REPO / "flows/demo/sites/county-attach/uploads/2025/qinghe-2025-h1-summary.pdf"
    return [(str(demo.relative_to(REPO)), demo.read_bytes()), ("generated 1-page report", generated_report(1)),
            (f"generated {pages}-page report", generated_report(pages))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("more", nargs="*", type=Path, help="more PDF files to measure")
    args = parser.parse_args()
    try:
        import pypdfium2  # noqa: F401
        have_pdfium = True
    except ImportError:
        have_pdfium = False
        print("pypdfium2 not installed: measuring ours only")
    totals: dict[str, list[float]] = {"ours": [0, 0.0], "pdfium": [0, 0.0]}
    for name, data in files(args.pages) + [(str(p), p.read_bytes()) for p in args.more]:
        text, pages, seconds = _measure(ours, data, args.repeat)
        totals["ours"][0] += pages
        totals["ours"][1] += seconds
        line = f"{name}: {pages} page(s), ours {pages / seconds:7.1f} pages/s"
        if have_pdfium:
            other, other_pages, other_seconds = _measure(pdfium, data, args.repeat)
            totals["pdfium"][0] += other_pages
            totals["pdfium"][1] += other_seconds
            line += (f", pypdfium2 {other_pages / other_seconds:7.1f} pages/s ({seconds / other_seconds:.1f}× faster), "
                     f"text agreement {agreement(text, other):.3f} / {agreement(other, text):.3f}")
        print(line)
    for key, (total_pages, total_seconds) in totals.items():
        if total_pages:
            print(f"total {key}: {total_pages:.0f} pages in {total_seconds:.3f} CPU s = "
                  f"{total_pages / total_seconds:.1f} pages/s (goal ≥ 150)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
