"""Alerts and their outbox: insert-if-new by key, one `deliveries` row per alert and channel.

Delivery guarantee (see alerts/README.md): a row is created in the same
transaction as its alert, and marked sent only after the channel accepted the
message, so nothing is lost; a run killed between the two re-sends once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import duckdb

from warehouse.arrow import registered, rows_table
from warehouse.db import query
from warehouse.sqlfiles import read_sql


def _now() -> datetime:
    """Aware UTC, like every other timestamp the warehouse writes."""
    return datetime.now(UTC)


def insert_new_alerts(con: duckdb.DuckDBPyConnection, alerts: Sequence[dict[str, Any]], run_id: str
                      ) -> list[str]:
    """Store alerts whose key is new; return their ids. Known keys are left untouched."""
    rows = list({a["key"]: a for a in alerts}.values())
    if not rows:
        return []
    now = _now()
    table = rows_table([{**a, "run_id": run_id, "created_at": now} for a in rows])
    with registered(con, "batch_alerts", table):
        inserted = con.execute(read_sql("queries", "alerts_insert_new")).fetchall()
    return [r[0] for r in inserted]


def create_delivery_rows(con: duckdb.DuckDBPyConnection, pairs: Sequence[tuple[str, str]]) -> int:
    """Outbox rows for (alert id, channel name) pairs, as routing decided them."""
    rows = [{"alert_id": alert_id, "channel": channel} for alert_id, channel in pairs]
    if not rows:
        return 0
    with registered(con, "batch_deliveries", rows_table(rows)):
        con.execute(read_sql("queries", "alerts_create_deliveries"), {"now": _now()})
    return len(rows)


def create_deliveries(con: duckdb.DuckDBPyConnection, alert_ids: Sequence[str], channels: Sequence[str]
                      ) -> int:
    """Every alert to every channel (no routing filters)."""
    return create_delivery_rows(con, [(a, c) for a in alert_ids for c in channels])


def alerts_for_routing(con: duckdb.DuckDBPyConnection, alert_ids: Sequence[str]) -> list[dict[str, Any]]:
    """alert_id, kind and the source's tags of each alert, for channel filters."""
    if not alert_ids:
        return []
    with registered(con, "batch_ids", rows_table([{"id": a} for a in alert_ids])):
        return query(con, "alerts_routing")


def pending_deliveries(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every row owed, oldest alert first; whether its channel is tried now is the channel's
    backoff (`warehouse.outbox_channels`), never the row's, so a recovered channel gets them all."""
    return query(con, "pending_deliveries")


def record_outcomes(con: duckdb.DuckDBPyConnection, outcomes: Sequence[dict[str, Any]],
                    now: datetime | None = None) -> None:
    """Outcomes carry alert_id, channel, sent (bool) and error; each counts one attempt."""
    if not outcomes:
        return
    now = now or _now()
    rows = [{"alert_id": o["alert_id"], "channel": o["channel"],
             "status": "sent" if o["sent"] else "failed", "error": None if o["sent"] else o["error"],
             "sent_at": now if o["sent"] else None}
            for o in outcomes]
    with registered(con, "batch_outcomes", rows_table(rows)):
        con.execute(read_sql("queries", "alerts_record_outcomes"))


def list_alerts(con: duckdb.DuckDBPyConnection, since: datetime, kind: str | None = None
                ) -> list[dict[str, Any]]:
    return query(con, "alerts_list", {"since": since, "kind": kind})


def alert_by_key(con: duckdb.DuckDBPyConnection, key: str) -> dict[str, Any] | None:
    rows = query(con, "alerts_by_key", {"key": key})
    return rows[0] if rows else None


def reopen_deliveries(con: duckdb.DuckDBPyConnection, pairs: Sequence[tuple[str, str]]) -> None:
    """Rows for `pairs` owed again from zero attempts (created when missing): `alerts resend`."""
    create_delivery_rows(con, pairs)
    rows = [{"alert_id": alert_id, "channel": channel} for alert_id, channel in pairs]
    if rows:
        with registered(con, "batch_deliveries", rows_table(rows)):
            con.execute(read_sql("queries", "alerts_reopen_deliveries"))
