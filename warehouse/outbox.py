"""Alerts and their deliveries: insert-if-new by key, then an outbox per channel."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import duckdb

from warehouse.arrow import registered, rows_table
from warehouse.db import query


def insert_new_alerts(con: duckdb.DuckDBPyConnection, alerts: Sequence[dict[str, Any]], run_id: str
                      ) -> list[str]:
    """Store alerts whose key is new; return their ids. Known keys are left untouched."""
    rows = list({a["key"]: a for a in alerts}.values())
    if not rows:
        return []
    now = datetime.now(UTC)
    table = rows_table([{**a, "run_id": run_id, "created_at": now} for a in rows])
    with registered(con, "batch_alerts", table):
        inserted = con.execute(
            "INSERT INTO alerts (id, kind, key, source_id, document_id, title, body, url, run_id, created_at) "
            "SELECT b.id, b.kind, b.key, b.source_id, b.document_id, b.title, b.body, b.url, b.run_id, "
            "b.created_at FROM batch_alerts b WHERE b.key NOT IN (SELECT key FROM alerts) "
            "AND b.id NOT IN (SELECT id FROM alerts) RETURNING id"
        ).fetchall()
    return [r[0] for r in inserted]


def create_deliveries(con: duckdb.DuckDBPyConnection, alert_ids: Sequence[str], channels: Sequence[str]
                      ) -> int:
    rows = [{"alert_id": a, "channel": c} for a in alert_ids for c in channels]
    if not rows:
        return 0
    with registered(con, "batch_deliveries", rows_table(rows)):
        con.execute(
            "INSERT INTO deliveries (alert_id, channel, status, attempts, created_at) "
            "SELECT alert_id, channel, 'pending', 0, ? FROM batch_deliveries "
            "ON CONFLICT (alert_id, channel) DO NOTHING", [datetime.now(UTC)]
        )
    return len(rows)


def pending_deliveries(con: duckdb.DuckDBPyConnection, max_attempts: int = 10) -> list[dict[str, Any]]:
    return query(con, "pending_deliveries", [max_attempts])


def record_outcomes(con: duckdb.DuckDBPyConnection, outcomes: Sequence[dict[str, Any]]) -> None:
    """Outcomes carry alert_id, channel, sent (bool) and error."""
    if not outcomes:
        return
    now = datetime.now(UTC)
    rows = [{"alert_id": o["alert_id"], "channel": o["channel"],
             "status": "sent" if o["sent"] else "failed", "error": o["error"],
             "sent_at": now if o["sent"] else None} for o in outcomes]
    with registered(con, "batch_outcomes", rows_table(rows)):
        con.execute(
            "UPDATE deliveries SET status = o.status, attempts = deliveries.attempts + 1, "
            "last_error = o.error, sent_at = o.sent_at FROM batch_outcomes o "
            "WHERE deliveries.alert_id = o.alert_id AND deliveries.channel = o.channel"
        )
