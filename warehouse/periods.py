"""Periods for documents stored before the warehouse recorded them (migration 0024).

The period parser is Python (parsing/period.py), so the migration cannot fill the new
column itself; this runs once, right after it, so old and new files read alike.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from parsing.period import document_period
from warehouse.arrow import registered
from warehouse.sqlfiles import read_sql

PERIOD_MIGRATION = "0024_periods_and_qualifiers"


def fill_document_periods(con: duckdb.DuckDBPyConnection) -> int:
    """Give every document without a period the one its title and first lines state."""
    rows = con.execute(read_sql("queries", "documents_without_period")).fetchall()
    if not rows:
        return 0
    periods = [document_period(title, head) for _, title, head in rows]
    table = pa.table({"id": pa.array([r[0] for r in rows], pa.string()),
                      "period": pa.array([p.kind for p in periods], pa.string()),
                      "period_label": pa.array([p.label for p in periods], pa.string())})
    with registered(con, "document_periods", table):
        con.execute(read_sql("queries", "update_document_periods"))
    return len(rows)
