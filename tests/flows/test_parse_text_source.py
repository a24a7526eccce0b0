"""Scanned attachments in the parse stage (issue 18): a scanned PDF is OCRed inside the guarded
parse worker (its default memory limit leaves room for the OCR engine), loaded into a real DuckDB
file with `documents.text_source = 'ocr'`, and its figures land in `indicators`."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from flows.ocr_setting import DEFAULT_OCR_SECONDS, ocr_seconds
from flows.parse_stage import parse_items
from tests.parsing.scans import NEEDS_CJK_FONT, image_only_pdf, scanned_page
from warehouse.db import writer
from warehouse.load import load_documents

REPORT = ["东江市科学技术局2023年工作总结", "2023年全市新增高新技术企业120家，技术合同成交额",
          "达到35.6亿元。"]


def _item(raw: Path, data: bytes) -> dict[str, str]:
    raw.write_bytes(data)
    return {"source_id": "dongjiang", "url": f"http://127.0.0.1/{raw.name}", "raw_path": str(raw),
            "content_sha256": hashlib.sha256(data).hexdigest(), "fetched_at": datetime.now(UTC).isoformat()}


@NEEDS_CJK_FONT
def test_a_scanned_pdf_is_stored_as_ocr_text_with_its_figures(tmp_path: Path, db_path: Path) -> None:
    items = [_item(tmp_path / "scan.pdf", image_only_pdf([scanned_page(REPORT)])),
             _item(tmp_path / "typed.txt", "\n".join(REPORT).encode())]
    batch, failures = parse_items(items, workers=1)
    assert failures == []
    with writer(db_path) as con:
        load_documents(con, batch, "r1")
        sources = dict(con.execute("SELECT url, text_source FROM documents").fetchall())
        scanned = con.execute(
            "SELECT i.metric, i.value, i.unit FROM indicators i JOIN documents d ON d.id = i.document_id "
            "WHERE d.url LIKE '%scan.pdf' ORDER BY i.seq").fetchall()
    assert sources == {"http://127.0.0.1/scan.pdf": "ocr", "http://127.0.0.1/typed.txt": "text"}
    assert scanned == [("hte_new", 120.0, "家"), ("tech_contract_value", 356000.0, "万元")]


@pytest.mark.parametrize(
    ("environment", "seconds"),
    [({}, DEFAULT_OCR_SECONDS), ({"KJWATCH_OCR_SECONDS": "0"}, 0.0), ({"KJWATCH_OCR_SECONDS": "12"}, 12.0),
     ({"KJWATCH_PARSE_SECONDS": "40"}, 30.0), ({"KJWATCH_PARSE_SECONDS": "400"}, DEFAULT_OCR_SECONDS)],
)
def test_the_ocr_time_limit_comes_from_the_environment_and_stays_under_the_worker_limit(
        monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], seconds: float) -> None:
    monkeypatch.delenv("KJWATCH_OCR_SECONDS", raising=False)
    monkeypatch.delenv("KJWATCH_PARSE_SECONDS", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert ocr_seconds() == seconds
