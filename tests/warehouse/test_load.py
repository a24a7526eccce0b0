from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from parsing.records import DocumentHeader, IndicatorRecord
from warehouse.db import writer
from warehouse.load import load_documents, replace_indicators
from warehouse.model import ParsedDocument

TARGET = IndicatorRecord("target", "hte_total", "level", 900.0, "家", False, 2025, None, None,
                         "力争高新技术企业总数达到900家")
RANKING = IndicatorRecord("ranking", "tech_contract_value", "level", None, None, False, 2024, 2, "全省",
                          "技术合同成交额居全省第二位")


def _doc(url: str = "http://h/a.html", sha: str = "a" * 64, records: list | None = None) -> ParsedDocument:
    return ParsedDocument(
        source_id="demo", url=url, content_sha256=sha, fetched_at=datetime.now(UTC), title="工作总结",
        text="正文", header=DocumentHeader("临川市科学技术局", "city", 2024, ("summary", "plan")),
        records=[TARGET, RANKING] if records is None else records,
    )


def test_new_then_unchanged_then_changed(db_path: Path) -> None:
    with writer(db_path) as con:
        first = load_documents(con, [_doc()], "r1")
        again = load_documents(con, [_doc()], "r2")
        changed = load_documents(con, [_doc(sha="b" * 64, records=[TARGET])], "r3")
        versions = con.execute("SELECT version FROM document_versions ORDER BY version").fetchall()
        rows = con.execute("SELECT id, version FROM documents").fetchall()
        indicators = con.execute("SELECT kind FROM indicators").fetchall()
    assert (len(first.new_ids), first.indicators) == (1, 2)
    assert (again.new_ids, again.changed_ids, again.unchanged) == ([], [], 1)
    assert changed.changed_ids == first.new_ids
    assert rows == [(first.new_ids[0], 2)]
    assert versions == [(1,), (2,)]
    assert indicators == [("target",)]


def test_same_bytes_at_two_urls_is_one_document(db_path: Path) -> None:
    with writer(db_path) as con:
        result = load_documents(con, [_doc("http://h/a.html"), _doc("http://h/b.html")], "r1")
        later = load_documents(con, [_doc("http://h/c.html")], "r2")
        count = con.execute("SELECT count(*) FROM documents").fetchone()
    assert (len(result.new_ids), result.duplicates) == (1, 1)
    assert later.duplicates == 1
    assert count == (1,)


def test_failed_load_leaves_database_as_before(db_path: Path) -> None:
    with writer(db_path) as con:
        load_documents(con, [_doc()], "r1")
        bad = replace(_doc("http://h/new.html", sha="c" * 64), source_id=None)  # type: ignore[arg-type]
        with pytest.raises(duckdb.ConstraintException, match="source_id"):
            load_documents(con, [bad], "r2")
        count = con.execute("SELECT count(*) FROM documents").fetchone()
        indicators = con.execute("SELECT count(*) FROM indicators").fetchone()
    assert count == (1,)
    assert indicators == (2,)


def test_views_answer_latest_targets_and_rankings(db_path: Path) -> None:
    actual = IndicatorRecord("actual", "hte_total", "level", 950.0, "家", False, 2025, None, None, "达到950家")
    with writer(db_path) as con:
        load_documents(con, [_doc()], "r1")
        load_documents(con, [_doc("http://h/b.html", "d" * 64, [actual])], "r2")
        progress = con.execute("SELECT target_value, actual_value, pct_attained, attained FROM targets_progress"
                               ).fetchall()
        ranks = con.execute("SELECT metric, scope, rank FROM rankings").fetchall()
    assert progress == [(900.0, 950.0, 105.6, True)]
    assert ranks == [("tech_contract_value", "全省", 2)]


def test_malformed_record_is_rejected_with_reason_and_the_rest_loads(db_path: Path) -> None:
    broken = IndicatorRecord("actual", "hte_total", "level", float("nan"), "家", False, 2024, None, None, "x")
    wrong_kind = IndicatorRecord("guess", "hte_total", "level", 3.0, "家", False, 2024, None, None, "y")  # type: ignore[arg-type]
    with writer(db_path) as con:
        result = load_documents(con, [_doc(records=[TARGET, broken, wrong_kind])], "r1")
        reasons = [r[0] for r in con.execute("SELECT reason FROM rejected_records ORDER BY reason").fetchall()]
        kinds = con.execute("SELECT kind FROM indicators").fetchall()
    assert (result.indicators, result.rejected) == (1, 2)
    assert reasons == ["unknown kind 'guess'", "value nan is not a finite number"]
    assert kinds == [("target",)]


def test_reextraction_replaces_indicators_atomically(db_path: Path) -> None:
    doc = _doc()
    with writer(db_path) as con:
        load_documents(con, [doc], "r1")
        count = replace_indicators(con, doc.id, doc.url, [RANKING], "extract/2")
        rows = con.execute("SELECT kind, extractor_version FROM indicators").fetchall()
        version = con.execute("SELECT extractor_version, version FROM documents").fetchone()
    assert count == 1
    assert rows == [("ranking", "extract/2")]
    assert version == ("extract/2", 1)


def test_scorecard_has_one_row_per_bureau(db_path: Path) -> None:
    with writer(db_path) as con:
        con.execute("INSERT INTO sources (id, name, level) VALUES ('demo', '临川市科学技术局', 'city')")
        load_documents(con, [_doc()], "r1")
        rows = con.execute("SELECT bureau, hte_total_target, ranking_claims FROM bureau_scorecard").fetchall()
    assert rows == [("临川市科学技术局", 900.0, 1)]


def test_old_version_indicators_stay_queryable(db_path: Path) -> None:
    with writer(db_path) as con:
        load_documents(con, [_doc()], "r1")
        load_documents(con, [_doc(sha="e" * 64, records=[])], "r2")
        old = con.execute("SELECT version, kind FROM indicator_versions ORDER BY kind").fetchall()
    assert old == [(1, "ranking"), (1, "target")]


def test_indicator_latest_prefers_the_newest_publication_then_the_first_sentence(db_path: Path) -> None:
    def actual(value: float) -> IndicatorRecord:
        return IndicatorRecord("actual", "hte_total", "level", value, "家", False, 2024, None, None, f"达到{value:g}家")

    older, newer, undated = _doc("http://h/1.html", "1" * 64, [actual(10)]), _doc(
        "http://h/2.html", "2" * 64, [actual(20), actual(21)]), _doc("http://h/3.html", "3" * 64, [actual(30)])
    older.published_at, newer.published_at = date(2025, 1, 5), date(2025, 3, 1)
    with writer(db_path) as con:
        load_documents(con, [older, newer, undated], "r1")
        latest = con.execute("SELECT value, document_url FROM indicator_latest").fetchall()
    assert latest == [(20.0, "http://h/2.html")]
