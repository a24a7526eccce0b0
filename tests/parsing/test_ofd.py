"""OFD attachments (issue 18): a minimal OFD package (GB/T 33190: OFD.xml → Document.xml → page
Content.xml with TextObject/TextCode) made in the test is known by its content and read to text,
through `kjwatch text` and `kjwatch extract` as well."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from flows.cli import main
from parsing.convert import DocumentError, Limits, document_text
from parsing.ofd_text import extract_ofd

NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
OFD_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody>
<ofd:DocInfo><ofd:DocID>a1</ofd:DocID><ofd:Title>东江市科学技术局2023年工作总结</ofd:Title></ofd:DocInfo>
<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"""


def _document_xml(pages: int) -> str:
    listed = "".join(f'<ofd:Page ID="{n + 10}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(pages))
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {NS}><ofd:CommonData><ofd:MaxUnitID>99'
            f'</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
            f'</ofd:CommonData><ofd:Pages>{listed}</ofd:Pages></ofd:Document>')


def _text_object(ident: int, x: float, y: float, text: str, width: float = 0) -> str:
    width = width or 4.2 * len(text)
    return (f'<ofd:TextObject ID="{ident}" Boundary="{x} {y} {width} 6" Font="3" Size="4.2">'
            f'<ofd:TextCode X="0" Y="4.5">{text}</ofd:TextCode></ofd:TextObject>')


def _page_xml(objects: list[str]) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content><ofd:Layer ID="2">'
            f'{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')


def make_ofd(pages: list[list[str]], *, extra: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", OFD_XML)
        package.writestr("Doc_0/Document.xml", _document_xml(len(pages)))
        for number, objects in enumerate(pages):
            package.writestr(f"Doc_0/Pages/Page_{number}/Content.xml", _page_xml(objects))
        for name, content in (extra or {}).items():
            package.writestr(name, content)
    return buffer.getvalue()


# Page 1 is written one object per character for its first line, as some converters do, and the
# objects come out of order; page 2 has a table row of two cells.
FIRST_LINE = "东江市科学技术局2023年工作总结"
PAGE_1 = [_text_object(100 + i, 20 + 4.2 * i, 20, ch, 4.2) for i, ch in reversed(list(enumerate(FIRST_LINE)))] + [
    _text_object(200, 20, 40, "2023年全市新增高新技术企业120家，技术合同成交额"),
    _text_object(201, 20, 47, "达到35.6亿元，同比增长12.5%。"),
]
PAGE_2 = [_text_object(300, 20, 20, "科技型中小企业"), _text_object(301, 120, 20, "305家")]


def test_an_ofd_package_is_known_by_its_content_and_read_in_reading_order() -> None:
    document = document_text(make_ofd([PAGE_1, PAGE_2]))
    assert (document.kind, document.title, document.text_source, document.warnings) == (
        "ofd", FIRST_LINE, "text", [])
    assert document.text.split("\n") == [
        FIRST_LINE, "2023年全市新增高新技术企业120家，技术合同成交额达到35.6亿元，同比增长12.5%。",
        "科技型中小企业305家",
    ]
    # Before cleanup, a table's next cell is set apart by a space.
    raw = extract_ofd(make_ofd([PAGE_1, PAGE_2]), max_uncompressed_bytes=1 << 20)
    assert (raw.pages, raw.text.split("\f")[1]) == (2, "科技型中小企业 305家")


def test_kjwatch_text_and_extract_read_an_ofd_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "report.ofd"
    path.write_bytes(make_ofd([PAGE_1]))
    assert main(["text", "--json", str(path)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["kind"], shown["title"]) == ("ofd", FIRST_LINE)
    assert main(["extract", "--jsonl", str(path)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["bureau"] == "东江市科学技术局"
    assert [(x["metric"], x["measure"], x["value"], x["unit"]) for x in lines[1:]] == [
        ("hte_new", "level", 120.0, "家"), ("tech_contract_value", "level", 356000.0, "万元"),
        ("tech_contract_value", "yoy_growth", 12.5, "%"),
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (make_ofd([PAGE_1], extra={"Doc_0/Res/x.xml": '<!DOCTYPE x [<!ENTITY a "b">]><x/>'}), "DOCTYPE"),
        (make_ofd([PAGE_1], extra={"Doc_0/Res/big.xml": "<x>" + " " * 3_000_000 + "</x>"}), "over the"),
        (make_ofd([["<ofd:TextObject"]]), "corrupt OFD"),
    ],
)
def test_hostile_or_broken_ofd_is_one_document_error(data: bytes, reason: str) -> None:
    with pytest.raises(DocumentError, match=reason):
        document_text(data, limits=Limits(max_uncompressed_bytes=2_000_000))
