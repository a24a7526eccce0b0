"""Whole reports of other levels and provinces (tests/fixtures/extract), written for
these tests: a provincial 科学技术厅 summary, a 市辖区 half-year summary + plan, a
新区 plan and a 县级市 summary.  Each `.expected.json` lists every record the
report should give, so both a lost and an invented record fail.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from parsing.extract import extract_indicators

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"
REPORTS = sorted(FIXTURES.glob("*.txt"))


def _expected(report: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(report.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return data


def _canonical(rows: list[list[Any]]) -> list[str]:
    return sorted(json.dumps(row, ensure_ascii=False) for row in rows)


def test_the_fixture_set_covers_four_levels() -> None:
    levels = {_expected(report)["header"]["level"] for report in REPORTS}
    assert levels == {"province", "district", "zone", "county"}


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_header(report: Path) -> None:
    header = extract_indicators(report.read_text(encoding="utf-8")).header
    got = {"bureau": header.bureau, "level": header.level, "report_year": header.report_year,
           "doc_types": list(header.doc_types)}
    assert got == _expected(report)["header"]


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_records(report: Path) -> None:
    records = extract_indicators(report.read_text(encoding="utf-8")).records
    got = [[r.kind, r.metric, r.measure, r.value, r.unit, r.approx, r.year, r.rank, r.scope] for r in records]
    assert _canonical(got) == _canonical(_expected(report)["records"])
