"""A web page whose body lacks its title is typed by its <title> (issue 21 item 6):
in the warehouse's parse stage and in `kjwatch extract`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.cli import main
from flows.parse_stage import parse_item
from warehouse.model import ParsedDocument

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>临川市科学技术局2024年工作总结和2025年工作计划</title></head>
<body><div class="article"><p>一、主要工作完成情况。全年新增高新技术企业38家，全市高新技术企业总数达到420家。</p>
<p>二、下一步工作打算。力争高新技术企业总数达到500家。</p></div></body></html>
"""


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "t20250120_1001.html"
    path.write_text(PAGE, encoding="utf-8")
    return path


def test_the_parse_stage_types_a_summary_and_plan_by_its_page_title(page: Path) -> None:
    parsed = parse_item({"source_id": "linchuan", "url": "http://127.0.0.1/t20250120_1001.html",
                         "raw_path": str(page), "content_sha256": "0" * 64,
                         "fetched_at": "2025-01-21T08:00:00+00:00", "content_type": "text/html"})
    assert isinstance(parsed, ParsedDocument)
    assert parsed.header is not None
    assert parsed.header.doc_types == ("summary", "plan")


def test_extract_prints_the_page_titles_types(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--jsonl", str(page)]) == 0
    header = json.loads(capsys.readouterr().out.splitlines()[0])
    assert header["doc_types"] == ["summary", "plan"]
