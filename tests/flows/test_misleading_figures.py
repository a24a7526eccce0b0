"""A run's load step on a real warehouse (issue 21 item 6): a half-year figure meets no annual
target, sub-targets of one metric raise an alert each, a yearly figure that meets its target
says its period."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from flows.stages import load_run
from parsing.records import DocumentHeader, IndicatorRecord
from warehouse.db import writer
from warehouse.document_batch import pack_documents
from warehouse.model import ParsedDocument


def _record(kind: str, metric: str, value: float, unit: str, text: str) -> IndicatorRecord:
    return IndicatorRecord(kind, metric, "level", value, unit, False, 2025, None, None, text)  # type: ignore[arg-type]


def _doc(name: str, title: str, published: date, records: list[IndicatorRecord]) -> ParsedDocument:
    return ParsedDocument(source_id="linchuan", url=f"http://127.0.0.1/{name}.html", content_sha256=name * 16,
                          fetched_at=datetime.now(UTC), title=title, published_at=published, text="一、主要工作",
                          header=DocumentHeader("临川市科学技术局", "city", 2025, ("summary",)), records=records)


PLAN = _doc("plan", "临川市科学技术局2025年工作要点", date(2025, 2, 1), [
    _record("target", "tech_contract_value", 30000, "万元", "力争技术合同成交额达到3亿元"),
    _record("target", "incubators", 1, "家", "力争新增国家级科技企业孵化器1家"),
    _record("target", "incubators", 20, "家", "省级科技企业孵化器20家")])
HALF = _doc("half", "临川市科学技术局2025年上半年工作总结", date(2025, 7, 10), [
    _record("actual", "tech_contract_value", 34700, "万元", "技术合同成交额3.47亿元")])
YEAR = _doc("year", "临川市科学技术局2025年工作总结", date(2026, 1, 20), [
    _record("actual", "tech_contract_value", 72000, "万元", "全年技术合同成交额7.2亿元")])


def _alerts(db: Path) -> list[tuple[str, str]]:
    with writer(db) as con:
        return con.execute("SELECT kind, title FROM alerts ORDER BY key").fetchall()


def test_periods_and_sub_targets_in_a_runs_alerts(db_path: Path) -> None:
    load_run(db_path, "r1", [], pack_documents([PLAN, HALF]), [], [])
    first = _alerts(db_path)
    assert [kind for kind, _ in first if kind != "new_document"] == ["new_target", "new_target", "new_target"]
    assert any("国家级" in title for _, title in first)
    assert any("省级" in title for _, title in first)
    load_run(db_path, "r2", [], pack_documents([YEAR]), [], [])
    met = [title for kind, title in _alerts(db_path) if kind == "target_met"]
    assert met == ["【目标达成】临川市科学技术局 2025年技术合同成交额 7.2亿元"]
    with writer(db_path) as con:
        body = con.execute("SELECT body FROM alerts WHERE kind = 'target_met'").fetchone()
    assert body is not None
    assert "数值：全年 7.2亿元" in body[0]
