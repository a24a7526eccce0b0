"""OCR speed (issue 18): pages/s of parsing/ocr.py (rapidocr) on generated scanned pages.

    PYTHONPATH=. .venv/bin/python bench/ocr.py [--pages 10] [--font PATH]

Pages are A4 at 150 dpi, drawn by Pillow with a system CJK font (fonts-noto-cjk): 18 lines of a
bureau report with figures, as a scanner would give them. Three figures are printed:
  - engine start: first OCR call in this process (imports onnxruntime/OpenCV, loads the models);
  - image pages/s: PNG pages through document_text (the image attachment path);
  - PDF pages/s: one image-only PDF of --pages pages through document_text (pypdfium2 renders
    each page, then OCR), the path of a scanned PDF attachment.
No time limit applies here (Limits.ocr_seconds is infinite), so every page is read.
Wall seconds (OCR runs on all cores) and CPU seconds of this process, the share of the drawn
characters found again (difflib, whitespace removed), and the peak resident memory.
"""

from __future__ import annotations

import argparse
import difflib
import io
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from parsing.convert import Limits, document_text  # noqa: E402
from parsing.ocr import ocr_image  # noqa: E402

LINES = [
    "{n}、2023年全市新增高新技术企业{a}家，总数达到{b}家，同比增长{c}%。",
    "技术合同成交额达到{d}亿元，研发经费投入强度达到{e}%，居全省第{f}位。",
    "新认定科技型中小企业{g}家，新建省级以上创新平台{h}个。",
]
DEFAULT_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def page_lines(number: int) -> list[str]:
    values = {"n": number, "a": 100 + number, "b": 1800 + number, "c": 10 + number % 9, "d": f"{30 + number}.6",
              "e": f"2.{number % 10}", "f": 1 + number % 5, "g": 300 + number, "h": 12 + number}
    return [line.format(**values) for _ in range(6) for line in LINES]


def draw(lines: list[str], font: ImageFont.FreeTypeFont) -> Image.Image:
    page = Image.new("L", (1240, 1754), 255)
    pen = ImageDraw.Draw(page)
    for row, line in enumerate(lines):
        pen.text((90, 120 + row * 80), line, font=font, fill=0)
    return page


def found_share(drawn: list[str], text: str) -> float:
    want, got = "".join("".join(drawn).split()), "".join(text.split())
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(want))


def timed(work: object) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()  # type: ignore[operator]
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--font", default=DEFAULT_FONT)
    args = parser.parse_args()
    font = ImageFont.truetype(args.font, 34)
    drawn = [page_lines(n) for n in range(1, args.pages + 1)]
    pages = [draw(lines, font) for lines in drawn]

    _, start_wall, _ = timed(lambda: ocr_image(pages[0]))
    print(f"engine start + first page: {start_wall:.2f} s")

    pngs = []
    for page in pages:
        buffer = io.BytesIO()
        page.save(buffer, "PNG")
        pngs.append(buffer.getvalue())
    texts, wall, cpu = timed(lambda: [document_text(png, limits=Limits(ocr_seconds=float("inf"))).text
                                      for png in pngs])
    share = sum(found_share(d, t) for d, t in zip(drawn, texts, strict=True)) / len(pages)  # type: ignore[arg-type]
    print(f"image pages: {len(pages)} in {wall:.2f} s wall ({len(pages) / wall:.2f} pages/s), "
          f"{cpu:.2f} s CPU ({len(pages) / cpu:.2f} pages/CPU-s), characters found {share:.1%}")

    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", resolution=150, save_all=True, append_images=pages[1:])
    unbounded = Limits(ocr_seconds=float("inf"))  # measure every page, not the production time limit
    document, wall, cpu = timed(lambda: document_text(buffer.getvalue(), limits=unbounded))
    text = document.text  # type: ignore[attr-defined]
    share = found_share([line for lines in drawn for line in lines], text)
    print(f"scanned PDF: {len(pages)} pages in {wall:.2f} s wall ({len(pages) / wall:.2f} pages/s), "
          f"{cpu:.2f} s CPU, text_source {document.text_source}, characters found {share:.1%}")  # type: ignore[attr-defined]
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
