"""Misleading figures (issue 21 item 6) in the warehouse: every actual has a period, progress is
judged against like periods only, and sub-targets qualified by a level keep a row each."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from parsing.records import DocumentHeader, IndicatorRecord
from warehouse.db import migrate, writer
from warehouse.load import load_documents, replace_indicators
from warehouse.model import ParsedDocument
from warehouse.sqlfiles import list_sql, read_sql

CONTRACT_TARGET = IndicatorRecord("target", "tech_contract_value", "level", 70000.0, "万元", False, 2025, None,
                                  None, "力争技术合同成交额达到7亿元")
HALF_YEAR_ACTUAL = IndicatorRecord("actual", "tech_contract_value", "level", 34700.0, "万元", False, 2025, None,
                                   None, "技术合同成交额3.47亿元")
YEAR_ACTUAL = IndicatorRecord("actual", "tech_contract_value", "level", 72000.0, "万元", False, 2025, None, None,
                              "全年技术合同成交额7.2亿元")
EARLIER_ACTUAL = IndicatorRecord("actual", "hte_total", "level", 410.0, "家", False, 2024, None, None,
                                 "2024年，全市高新技术企业达到410家")
NATIONAL = IndicatorRecord("target", "incubators", "level", 1.0, "家", False, 2025, None, None,
                           "力争新增国家级科技企业孵化器1家")
PROVINCIAL = IndicatorRecord("target", "incubators", "level", 20.0, "家", False, 2025, None, None,
                             "省级科技企业孵化器20家")
PROVINCIAL_ACTUAL = IndicatorRecord("actual", "incubators", "level", 12.0, "家", False, 2025, None, None,
                                    "新增省级科技企业孵化器12家")


def _doc(url: str, title: str, records: list[IndicatorRecord], published: date, types: tuple[str, ...],
         text: str = "一、主要工作") -> ParsedDocument:
    return ParsedDocument(
        source_id="linchuan", url=url, content_sha256=url.rjust(64, "0")[-64:], fetched_at=datetime.now(UTC),
        title=title, published_at=published, text=text, records=records,
        header=DocumentHeader("临川市科学技术局", "city", 2025, types))


PLAN = _doc("http://127.0.0.1/plan.html", "临川市科学技术局2025年工作要点", [CONTRACT_TARGET, NATIONAL, PROVINCIAL],
            date(2025, 2, 1), ("points",))
HALF_YEAR = _doc("http://127.0.0.1/half.html", "临川市科学技术局2025年上半年工作总结和下半年工作计划",
                 [HALF_YEAR_ACTUAL, EARLIER_ACTUAL, PROVINCIAL_ACTUAL], date(2025, 7, 10), ("summary", "plan"))
YEAR = _doc("http://127.0.0.1/year.html", "临川市科学技术局2025年工作总结", [YEAR_ACTUAL], date(2026, 1, 20),
            ("summary",))


def _progress(con: duckdb.DuckDBPyConnection, metric: str) -> list[tuple]:
    return con.execute(
        "SELECT qualifier, target_value, actual_value, actual_period, actual_period_label, pct_attained, attained "
        "FROM targets_progress WHERE metric = ? ORDER BY target_value", [metric]).fetchall()


def test_documents_store_the_period_their_title_states(db_path: Path) -> None:
    with writer(db_path) as con:
        load_documents(con, [PLAN, HALF_YEAR], "r1")
        rows = con.execute("SELECT url, period, period_label FROM documents ORDER BY url").fetchall()
    assert rows == [("http://127.0.0.1/half.html", "half_year", "上半年"),
                    ("http://127.0.0.1/plan.html", "year", "全年")]


def test_a_half_year_actual_is_no_progress_against_an_annual_target(db_path: Path) -> None:
    with writer(db_path) as con:
        load_documents(con, [PLAN, HALF_YEAR], "r1")
        assert _progress(con, "tech_contract_value") == [("", 70000.0, 34700.0, "half_year", "上半年", None, None)]
        load_documents(con, [YEAR], "r2")
        assert _progress(con, "tech_contract_value") == [("", 70000.0, 72000.0, "year", "全年", 102.9, True)]


def test_every_actual_has_a_period_and_an_earlier_years_figure_is_that_year(db_path: Path) -> None:
    with writer(db_path) as con:
        load_documents(con, [PLAN, HALF_YEAR], "r1")
        rows = con.execute("SELECT kind, metric, year, period, period_label FROM indicator_latest "
                           "ORDER BY kind, metric, value").fetchall()
    assert ("actual", "hte_total", 2024, "year", "全年") in rows
    assert ("actual", "tech_contract_value", 2025, "half_year", "上半年") in rows
    assert ("target", "tech_contract_value", 2025, "year", "全年") in rows
    assert all(period is not None for *_, period, _label in rows)


def test_sub_targets_of_one_metric_keep_a_row_each(db_path: Path) -> None:
    with writer(db_path) as con:
        load_documents(con, [PLAN, HALF_YEAR], "r1")
        latest = con.execute("SELECT qualifier, value FROM indicator_latest WHERE metric = 'incubators' "
                             "AND kind = 'target' ORDER BY value").fetchall()
        progress = _progress(con, "incubators")
    assert latest == [("国家级", 1.0), ("省级", 20.0)]
    assert progress == [("国家级", 1.0, None, None, None, None, None),
                        ("省级", 20.0, 12.0, "half_year", "上半年", None, None)]


def test_rankings_carry_the_bureaus_level(db_path: Path) -> None:
    ranking = IndicatorRecord("ranking", "tech_contract_value", "level", None, None, False, 2025, 2, "全省",
                              "技术合同成交额居全省第二位")
    with writer(db_path) as con:
        load_documents(con, [_doc("http://127.0.0.1/r.html", "临川市科学技术局2025年工作总结", [ranking],
                                  date(2026, 1, 5), ("summary",))], "r1")
        rows = con.execute("SELECT level, period, rank FROM rankings").fetchall()
    assert rows == [("city", "year", 2)]


def test_replacing_indicators_keeps_the_period_the_title_states(db_path: Path) -> None:
    with writer(db_path) as con:
        result = load_documents(con, [HALF_YEAR], "r1")
        replace_indicators(con, result.new_ids[0], HALF_YEAR.url, [HALF_YEAR_ACTUAL], "v2")
        row = con.execute("SELECT period, period_label FROM documents").fetchone()
    assert row == ("half_year", "上半年")


def _file_before_periods(path: Path) -> None:
    """A warehouse as 0023 left it, holding a half-year summary and its figure."""
    con = duckdb.connect(str(path))
    con.execute("SET TimeZone = 'UTC'")
    con.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    for name in [n for n in list_sql("migrations") if n < "0024"]:
        con.execute(read_sql("migrations", name))
        con.execute("INSERT INTO schema_migrations VALUES (?, now())", [name])
    con.execute("INSERT INTO documents (id, source_id, url, title, published_at, report_year, content_sha256, "
                "text, first_seen_at, fetched_at) VALUES ('d1', 'linchuan', 'http://127.0.0.1/half.html', "
                "'临川市科学技术局2025年上半年工作总结', DATE '2025-07-10', 2025, 'x', '一、主要工作', now(), now())")
    for seq, record in enumerate([NATIONAL, PROVINCIAL, HALF_YEAR_ACTUAL]):
        con.execute("INSERT INTO indicators (document_id, seq, kind, metric, measure, value, unit, year, text) "
                    "VALUES ('d1', ?, ?, ?, ?, ?, ?, ?, ?)",
                    [seq, record.kind, record.metric, record.measure, record.value, record.unit, record.year,
                     record.text])
    con.close()


def test_a_file_from_before_gets_its_periods_and_sub_target_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _file_before_periods(path)
    with writer(path) as con:
        period = con.execute("SELECT period, period_label FROM documents").fetchone()
        actual = con.execute("SELECT period_label FROM indicator_latest WHERE kind = 'actual'").fetchone()
        targets = con.execute("SELECT qualifier FROM indicator_latest WHERE kind = 'target' "
                              "ORDER BY value").fetchall()
        assert migrate(con) == []
    assert period == ("half_year", "上半年")
    assert actual == ("上半年",)
    assert targets == [("国家级",), ("省级",)]
