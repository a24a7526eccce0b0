"""Run bookkeeping: the run row, per-source crawl outcomes, recorded errors, sources."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb

from warehouse.arrow import insert_rows, registered, rows_table
from warehouse.sqlfiles import read_sql


@dataclass(slots=True)
class CrawlResultRow:
    run_id: str
    source_id: str
    status: str
    pages_fetched: int = 0
    documents_found: int = 0
    documents_new: int = 0
    documents_changed: int = 0
    errors: int = 0
    error: str | None = None
    evidence: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None


@dataclass(slots=True)
class ErrorRow:
    run_id: str | None
    source_id: str | None
    url: str | None
    stage: str
    message: str
    occurred_at: datetime


@dataclass(frozen=True, slots=True)
class UnfinishedRun:
    """A runs row still 'running' and the process (pid on host) that started it, when known."""

    id: str
    pid: int | None
    host: str | None


def begin_run(con: duckdb.DuckDBPyConnection, run_id: str, flow: str, pid: int | None = None,
              host: str | None = None) -> None:
    """The run's row; `pid` and `host` let a later run tell whether this one is still going."""
    con.execute("INSERT INTO runs (id, flow, started_at, status, pid, host) VALUES (?, ?, ?, 'running', ?, ?)",
                [run_id, flow, datetime.now(UTC), pid, host])


def unfinished_runs(con: duckdb.DuckDBPyConnection) -> list[UnfinishedRun]:
    return [UnfinishedRun(*row) for row in con.execute(read_sql("queries", "unfinished_runs")).fetchall()]


def mark_interrupted(con: duckdb.DuckDBPyConnection, run_ids: Sequence[str], noticed_by: str) -> None:
    """Runs whose process died: 'interrupted', with the counts of the crawl outcomes they stored."""
    if run_ids:
        con.execute(read_sql("queries", "mark_runs_interrupted"), {"ids": list(run_ids), "noticed_by": noticed_by})


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, summary: dict[str, Any]) -> None:
    columns = ("sources_ok", "sources_failed", "sources_blocked", "documents_new", "documents_changed",
               "indicators", "alerts", "deliveries_sent", "deliveries_failed", "message")
    values = [summary.get(c) for c in columns]
    assignments = ", ".join(f"{c} = ?" for c in columns)
    con.execute(f"UPDATE runs SET finished_at = ?, status = ?, {assignments} WHERE id = ?",  # noqa: S608
                [datetime.now(UTC), status, *values, run_id])


def upsert_sources(con: duckdb.DuckDBPyConnection, sources: Iterable[dict[str, Any]]) -> None:
    now = datetime.now(UTC)
    rows = [{"id": s["id"], "name": s["name"], "level": s["level"], "region": s.get("region"),
             "region_code": s.get("region_code"), "start_urls": list(s["start_urls"]),
             "tags": list(s.get("tags") or []), "updated_at": now} for s in sources]
    rows = list({r["id"]: r for r in rows}.values())
    if not rows:
        return
    with registered(con, "batch_sources", rows_table(rows)):
        con.execute(
            "INSERT INTO sources SELECT id, name, level, region, region_code, start_urls, tags, updated_at "
            "FROM batch_sources ON CONFLICT (id) DO UPDATE SET name = excluded.name, level = excluded.level, "
            "region = excluded.region, region_code = excluded.region_code, "
            "start_urls = excluded.start_urls, tags = excluded.tags, updated_at = excluded.updated_at"
        )


def source_documents(con: duckdb.DuckDBPyConnection, source_id: str) -> list[tuple[str | None, str | None]]:
    """(bureau, title) of a source's documents, the most frequent bureau first."""
    return con.execute(read_sql("queries", "source_documents"), {"source_id": source_id}).fetchall()


def rename_source(con: duckdb.DuckDBPyConnection, source_id: str, name: str) -> None:
    con.execute(read_sql("queries", "source_rename"), {"source_id": source_id, "name": name})


def record_crawl_results(con: duckdb.DuckDBPyConnection, rows: Sequence[CrawlResultRow]) -> None:
    insert_rows(con, "crawl_results", [asdict(r) for r in rows])


def record_document_counts(con: duckdb.DuckDBPyConnection, run_id: str,
                           counts: dict[str, tuple[int, int]]) -> None:
    """Fill in each source's (new, changed) documents on the crawl_results rows written earlier."""
    rows = [{"source_id": s, "documents_new": n, "documents_changed": c} for s, (n, c) in counts.items()]
    if not rows:
        return
    with registered(con, "batch_document_counts", rows_table(rows)):
        con.execute(read_sql("queries", "crawl_results_document_counts"), {"run_id": run_id})


def source_start_url(con: duckdb.DuckDBPyConnection, source_id: str) -> str | None:
    """The source's first start URL, as the last run stored it; None for a source never stored."""
    rows = con.execute(read_sql("queries", "source_start_url"), {"source_id": source_id}).fetchall()
    return str(rows[0][0]) if rows and rows[0][0] else None


def record_errors(con: duckdb.DuckDBPyConnection, rows: Sequence[ErrorRow]) -> None:
    insert_rows(con, "errors", [asdict(r) for r in rows])
