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


def test_crawl_errors_stored_without_a_url_get_the_page_they_name_or_the_start_url(db_path: Path) -> None:
    with writer(db_path) as con:
        con.execute("INSERT INTO sources (id, name, start_urls) VALUES ('s1', '甲市科技局', "
                    "['http://kjj.example.cn/', 'http://kjj.example.cn/tzgg/'])")
        con.execute("INSERT INTO errors VALUES ('r1', 's1', NULL, 'crawl', ?, now()), "
                    "('r1', 's1', NULL, 'crawl', 'crawl timed out after 1800 s', now()), "
                    "('r1', 's1', NULL, 'deliver', 'webhook answered 500', now())",
                    ["http://kjj.example.cn:8080/tzgg/c.html: not fetched: evil.example is not one of its domains"])
        con.execute("DELETE FROM schema_migrations WHERE name = '0027_crawl_error_urls'")
    with writer(db_path) as con:
        rows = con.execute("SELECT stage, url FROM errors ORDER BY stage, message").fetchall()
    assert rows == [("crawl", "http://kjj.example.cn/"), ("crawl", "http://kjj.example.cn:8080/tzgg/c.html"),
                    ("deliver", None)]


def test_a_writer_that_finds_the_schema_current_does_not_rebuild_it(tmp_path: Path) -> None:
    """The short writes of a run (one per finished crawl) skip rebuilding views and metrics
    when every migration is applied and what they were built from is unchanged."""
    db = tmp_path / "kjwatch.duckdb"
    with writer(db):
        pass
    with duckdb.connect(str(db)) as con:
        con.execute("DROP VIEW rankings")
    with writer(db) as con:  # current: the dropped view shows that nothing was rebuilt
        assert not con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'rankings'").fetchall()[0][0]
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE schema_fingerprint SET fingerprint = 'built by older code'")
    with writer(db) as con:  # another code's fingerprint: views and metrics are built again
        assert con.execute("SELECT count(*) FROM duckdb_views() WHERE view_name = 'rankings'").fetchall()[0][0] == 1
