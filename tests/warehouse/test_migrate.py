from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.db import migrate, writer
from warehouse.sqlfiles import list_sql

CONTRACT_COLUMNS = {
    "sources": {"id", "name", "level", "region"},
    "documents": {"id", "source_id", "url", "page_url", "title", "published_at", "report_year", "doc_types",
                  "bureau", "level", "content_sha256", "text", "fetched_at"},
    "indicators": {"document_id", "kind", "metric", "measure", "value", "unit", "approx", "year", "rank",
                   "scope", "text"},
    "alerts": {"id", "kind", "key", "source_id", "document_id", "title", "body", "created_at"},
    "deliveries": {"alert_id", "channel", "status", "attempts", "last_error", "sent_at"},
    "runs": {"id", "started_at", "finished_at", "status"},
    "crawl_results": {"run_id", "source_id", "status", "pages_fetched", "errors"},
    "document_versions": {"document_id", "version", "text"},
}


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}


def test_fresh_database_has_the_contract_schema_and_views(db_path: Path) -> None:
    with writer(db_path) as con:
        for table, expected in CONTRACT_COLUMNS.items():
            assert expected <= _columns(con, table), table
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        assert {"indicator_latest", "targets_progress", "rankings"} <= views


def test_migrations_apply_once_and_in_order(db_path: Path) -> None:
    with writer(db_path) as con:
        applied = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
        assert applied == list_sql("migrations")
        assert migrate(con) == []
    names = list_sql("migrations")
    assert names == sorted(names)
    assert all(n[:4].isdigit() for n in names)
