"""Expose a batch of rows to SQL as an Arrow table for the length of one statement or two."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

import duckdb
import pyarrow as pa


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    """Register `table` as `name`; after a failed statement the aborted transaction
    refuses even `unregister`, and the original error is the one worth raising."""
    con.register(name, table)
    failed = False
    try:
        yield
    except BaseException:
        failed = True
        raise
    finally:
        if failed:
            with suppress(duckdb.Error):
                con.unregister(name)
        else:
            con.unregister(name)


def rows_table(rows: Sequence[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(list(rows))


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]],
                columns: Sequence[str] | None = None) -> None:
    """Bulk insert of dict rows by column name (never row-by-row)."""
    if not rows:
        return
    cols = ", ".join(columns or list(rows[0]))
    with registered(con, "batch_rows", rows_table(rows)):
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM batch_rows")  # noqa: S608
