"""Opening the warehouse: one writer at a time, read-only readers that wait for it.

DuckDB lets one process hold a file for writing and refuses every other opener
meanwhile, readers included. Runs therefore open the file only for their short
load steps, and readers retry until the writer lets go.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import duckdb

from warehouse.metrics import metric_rows, sync_metrics
from warehouse.periods import PERIOD_MIGRATION, fill_document_periods
from warehouse.sqlfiles import list_sql, read_sql

VIEWS = ("indicator_latest", "targets_progress", "rankings", "bureau_scorecard")


class WarehouseLocked(RuntimeError):
    """Another process holds the write lock for longer than we were willing to wait."""


class WarehouseMissing(FileNotFoundError):
    """A read-only query was asked of a database that does not exist yet."""


def _is_lock_error(exc: BaseException) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("Conflicting" in text or "Could not set lock" in text)


def _open(path: Path, *, read_only: bool, wait: float, on_wait: Callable[[str], None] | None):
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise WarehouseLocked(
                    f"{path} is locked by another kjwatch process (a run is loading); gave up after {wait:g} s"
                ) from exc
            if on_wait and not told:
                on_wait(f"waiting for {path}: another process is writing (up to {wait:g} s)")
                told = True
            time.sleep(0.2)


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every numbered migration not yet recorded, each in its own transaction.

    The writing session runs in UTC: a naive datetime bound into a TIMESTAMPTZ column is read in
    the session's zone (DuckDB takes it from TZ), and every writer means UTC by a naive one.
    `applied_at` starts as a plain TIMESTAMP so that 0023 converts it like every other column.
    """
    con.execute("SET TimeZone = 'UTC'")
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
    )
    done = {r[0] for r in con.execute("SELECT name FROM schema_migrations").fetchall()}
    names, fingerprint = _schema()
    if done.issuperset(names) and _stored_fingerprint(con, done) == fingerprint:
        return []  # views and metrics are what this code would build: nothing to do
    applied = []
    for name in names:
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(read_sql("migrations", name))
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, datetime.now(UTC)])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
        if name == PERIOD_MIGRATION:
            fill_document_periods(con)  # the parser is Python: documents stored before get theirs now
    for view in VIEWS:
        con.execute(read_sql("views", view))
    sync_metrics(con)
    con.execute("DELETE FROM schema_fingerprint")
    con.execute("INSERT INTO schema_fingerprint VALUES (?, ?)", [fingerprint, datetime.now(UTC)])
    return applied


_FINGERPRINT_MIGRATION = "0028_schema_fingerprint"


@cache
def _schema() -> tuple[tuple[str, ...], str]:
    """The migrations this code knows and a hash of everything migrate() rebuilds on each open."""
    names = tuple(list_sql("migrations"))
    digest = hashlib.sha256("\n".join(names).encode())
    for view in VIEWS:
        digest.update(read_sql("views", view).encode())
    digest.update(read_sql("queries", "metrics_upsert").encode())
    digest.update(repr(metric_rows()).encode())
    return names, digest.hexdigest()


def _stored_fingerprint(con: duckdb.DuckDBPyConnection, done: set[str]) -> str | None:
    if _FINGERPRINT_MIGRATION not in done:
        return None
    row = con.execute("SELECT fingerprint FROM schema_fingerprint LIMIT 1").fetchall()
    return row[0][0] if row else None


@contextmanager
def writer(path: Path, *, wait: float = 60.0, on_wait: Callable[[str], None] | None = None
           ) -> Iterator[duckdb.DuckDBPyConnection]:
    """The write connection of one load step; closed on exit so readers get in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _open(path, read_only=False, wait=wait, on_wait=on_wait)
    try:
        migrate(con)
        yield con
    finally:
        con.close()


@contextmanager
def reader(path: Path, *, wait: float = 30.0, on_wait: Callable[[str], None] | None = None
           ) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection that waits while a run holds the write lock."""
    if not path.exists():
        raise WarehouseMissing(f"no warehouse at {path}: run `kjwatch run` first")
    con = _open(path, read_only=True, wait=wait, on_wait=on_wait)
    try:
        yield con
    finally:
        con.close()


def query(con: duckdb.DuckDBPyConnection, name: str, params: list | dict | None = None) -> list[dict]:
    """Run a named query from `warehouse/queries/` and return rows as dicts."""
    cur = con.execute(read_sql("queries", name), params or [])
    cols = [c[0] for c in cur.description or []]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
