"""The `digest` flow: one summary of the period's alerts, per channel, once.

The digest is itself stored as an alert (kind `digest`) whose key names the period,
so a re-run of the same day's digest sends nothing twice. Its body keeps the alerts'
own lines (`alerts.messages.compose_digest`); delivery splits it into numbered parts
per channel, so nothing is rendered twice or cut. Without a channel only a few lines
are printed: the whole digest is in the warehouse.
"""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from alerts.deliver import PendingAlert
from alerts.messages import compose_digest
from flows import stages
from flows.config import notify_from_env
from flows.masked_flow import masked_flow
from flows.notify_setup import load_channels, route_new_alerts
from flows.timezone import display_zone, in_zone
from warehouse.db import query, writer
from warehouse.outbox import insert_new_alerts


def digest_alert(rows: list[dict[str, Any]], days: int, until: datetime) -> dict[str, Any]:
    """The period is named on the display zone's calendar: a 07:00 Beijing digest is that day's, not UTC's eve."""
    local_until = in_zone(until, display_zone())
    start = (local_until - timedelta(days=days)).date()
    period = "日报" if days == 1 else "周报" if days == 7 else f"{days}日汇总"
    pending = [PendingAlert(r["id"], r["bureau"], r["title"], r["body"]) for r in rows]
    key = f"digest:{days}d:{local_until.date().isoformat()}"
    return {"id": uuid.uuid5(uuid.NAMESPACE_URL, key).hex[:16], "kind": "digest", "key": key, "source_id": None,
            "document_id": None, "url": None, "body": compose_digest(pending),
            "title": f"kjwatch 科技局监测{period}：{start.month}月{start.day}日至"
                     f"{local_until.month}月{local_until.day}日共 {len(rows)} 条提醒"}


def summary_lines(alert: dict[str, Any], rows: list[dict[str, Any]], shown: int = 5) -> list[str]:
    """What the terminal gets when no channel is set: title, alerts per bureau, where the rest is."""
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["bureau"]] = counts.get(row["bureau"], 0) + 1
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    who = "，".join(f"{name} {n} 条" for name, n in top[:shown])
    more = f" 等 {len(top)} 个单位" if len(top) > shown else ""
    return [alert["title"], f"  {who}{more}",
            "  未配置提醒渠道（--notify URL 或 KJWATCH_NOTIFY），未发送；全文：",
            f"  kjwatch sql \"SELECT body FROM alerts WHERE key = '{alert['key']}'\""]  # noqa: S608 (a hint, not run)


@masked_flow(("notify",), name="digest")  # channel URLs stored masked (flows/masked_flow.py)
def digest(db: str, notify: list[str] | None = None, days: int = 7, quiet: bool = False) -> dict[str, Any]:
    """Summarise the last `days` days of alerts and send it through the outbox."""
    db_path = Path(db)
    channels = load_channels(list(notify) if notify else list(notify_from_env()), None)
    until = datetime.now(UTC)
    with writer(db_path) as con:
        rows = query(con, "digest_alerts", [until - timedelta(days=days)])
        if not rows:
            return {"alerts": 0, "sent": 0}
        alert = digest_alert(rows, days, until)
        inserted = insert_new_alerts(con, [alert], run_id=f"digest-{alert['key']}")
        route_new_alerts(con, inserted, channels)
    if not channels and not quiet:
        print("\n".join(summary_lines(alert, rows)))
    outcomes = stages.deliver_pending(db_path, channels, lambda m: None if quiet else print(m, file=sys.stderr))
    return {"alerts": len(rows), "new_digest": bool(inserted), "sent": sum(o.sent for o in outcomes)}
