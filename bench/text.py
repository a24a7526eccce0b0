"""Throughput of document_text per format on one core, over generated inputs.

Goals (issue 4): HTML ≥ 200 pages/s, PDF ≥ 50 pages/s, DOCX ≥ 100 documents/s.
Run: python bench/text.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parsing.convert import document_text

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "pages"
SENTENCES = [
    "全社会研发经费投入达到{n}.{m}亿元，同比增长{m}.{n}%。",
    "新认定高新技术企业{n}家，总数达到{n}{m}家。",
    "技术合同成交额突破{n}亿元，完成年度目标的{m}{n}%。",
    "科技型中小企业评价入库{n}{m}家，较上年增加{m}家。",
    "围绕产业链部署创新链，组织实施重点研发项目{n}项。",
]


def prose(rng: random.Random, sentences: int) -> str:
    return "".join(rng.choice(SENTENCES).format(n=rng.randint(1, 999), m=rng.randint(1, 99))
                   for _ in range(sentences))


def html_pages(rng: random.Random) -> list[bytes]:
    """Saved fixtures plus a large generated portal page with nav, sidebar and footer."""
    pages = [path.read_bytes() for path in sorted(FIXTURES.glob("*.html"))]
    nav = "".join(f"<li><a href='/col/{i}/'>栏目{i}</a></li>" for i in range(40))
    side = "".join(f"<li><a href='/art/{i}.html'>科技新闻第{i}条标题</a><span>[03-{i % 28 + 1:02d}]</span></li>"
                   for i in range(60))
    body = "".join(f"<p style='text-indent:2em'>{prose(rng, 4)}</p>" for _ in range(40))
    pages.append(f"""<html><head><meta charset="utf-8"><title>工作总结_科技局</title></head><body>
        <div class="header"><ul class="nav">{nav}</ul></div><div class="side"><ul>{side}</ul></div>
        <div class="article"><h1>2023年工作总结</h1><div>发布时间：2024-01-18</div><div class="con">{body}</div></div>
        <div class="footer">版权所有 科技局</div></body></html>""".encode())
    return pages


def pdf_document(rng: random.Random, pages: int) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number in range(1, pages + 1):
        pdf.setFont("STSong-Light", 11)
        pdf.drawString(72, 800, "东江市科学技术局2023年工作报告")
        text = prose(rng, 30)
        for row in range(38):
            pdf.drawString(72, 770 - 18 * row, text[row * 34:(row + 1) * 34])
        pdf.drawCentredString(300, 40, f"— {number} —")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def docx_document(rng: random.Random) -> bytes:
    import docx

    document = docx.Document()
    for _ in range(30):
        document.add_paragraph(prose(rng, 3))
    table = document.add_table(rows=10, cols=4)
    for row in table.rows:
        for cell in row.cells:
            cell.text = str(rng.randint(1, 9999))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rate(inputs: list[bytes], units_each: int, seconds: float, convert: Callable[[bytes], object]) -> float:
    """Units per second over whole passes through the inputs, at least one pass."""
    done, start = 0, time.perf_counter()
    while True:
        for data in inputs:
            convert(data)
            done += units_each
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="minimum time per format")
    args = parser.parse_args()
    rng = random.Random(4)
    pdf_pages = 20
    results = [
        ("HTML", "pages/s", rate(html_pages(rng), 1, args.seconds, document_text), 200),
        ("PDF", "pages/s", rate([pdf_document(rng, pdf_pages)], pdf_pages, args.seconds, document_text), 50),
        ("DOCX", "documents/s", rate([docx_document(rng) for _ in range(5)], 1, args.seconds, document_text), 100),
    ]
    for name, unit, value, goal in results:
        verdict = "ok" if value >= goal else "BELOW GOAL"
        print(f"{name:5} {value:8.1f} {unit:12} (goal ≥ {goal}) {verdict}")


if __name__ == "__main__":
    main()
