"""Moments are TIMESTAMPTZ (issue 21 item 7); a file from before keeps the instants it held."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from warehouse.db import migrate, writer
from warehouse.sqlfiles import list_sql, read_sql

MOMENTS = {
    "sources": {"updated_at"}, "runs": {"started_at", "finished_at"},
    "crawl_results": {"started_at", "finished_at"}, "documents": {"first_seen_at", "fetched_at"},
    "document_versions": {"fetched_at"}, "alerts": {"created_at"},
    "deliveries": {"sent_at", "created_at", "next_attempt_at"}, "errors": {"occurred_at"},
    "rejected_records": {"rejected_at"}, "source_checks": {"checked_at"}, "schema_migrations": {"applied_at"},
}
STARTED = datetime(2026, 3, 1, 23, 30)  # naive UTC, as the old writers stored it


def _old_file(path: Path) -> None:
    """A warehouse as 0022 left it, written by the old naive-UTC writers in a Shanghai session."""
    con = duckdb.connect(str(path))
    con.execute("SET TimeZone = 'Asia/Shanghai'")
    con.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    for name in [n for n in list_sql("migrations") if n < "0023"]:
        con.execute(read_sql("migrations", name))
        con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, STARTED])
    con.execute("INSERT INTO runs (id, flow, started_at, status) VALUES ('r1', 'monitor', ?, 'ok')", [STARTED])
    con.execute("INSERT INTO errors VALUES ('r1', NULL, NULL, 'crawl', 'boom', ?)", [STARTED])
    con.close()


def _moment_columns(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], tuple[str, bool]]:
    rows = con.execute(
        "SELECT table_name, column_name, data_type, is_nullable FROM duckdb_columns() "
        "WHERE data_type LIKE 'TIMESTAMP%'").fetchall()
    return {(t, c): (kind, nullable) for t, c, kind, nullable in rows}


def test_every_moment_column_is_timestamptz_on_a_fresh_file(db_path: Path) -> None:
    with writer(db_path) as con:
        columns = _moment_columns(con)
    expected = {(t, c) for t, cs in MOMENTS.items() for c in cs}
    assert expected <= set(columns)
    assert {key for key, (kind, _) in columns.items() if kind != "TIMESTAMP WITH TIME ZONE"} == set()


def test_an_old_file_keeps_its_instants_and_not_null(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _old_file(path)
    with writer(path) as con:
        con.execute("SET TimeZone = 'Asia/Shanghai'")
        started = con.execute("SELECT started_at FROM runs").fetchone()
        occurred = con.execute("SELECT occurred_at FROM errors").fetchone()
        applied = con.execute("SELECT min(applied_at) FROM schema_migrations").fetchone()
        columns = _moment_columns(con)
        assert migrate(con) == []
    instant = STARTED.replace(tzinfo=UTC)
    assert started is not None
    assert started[0] == instant
    assert started[0].utcoffset() == timedelta(hours=8)  # shown in the session's zone
    assert occurred == (instant,)
    assert applied == (instant,)
    assert columns[("runs", "started_at")] == ("TIMESTAMP WITH TIME ZONE", False)
    assert columns[("runs", "finished_at")] == ("TIMESTAMP WITH TIME ZONE", True)
    assert columns[("errors", "occurred_at")][1] is False
