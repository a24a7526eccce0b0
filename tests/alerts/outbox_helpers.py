"""A real DuckDB warehouse with stored alerts and routed outbox rows, as a run leaves them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from alerts.channels import Channel
from alerts.detect import detect_fact_alerts
from alerts.model import Alert, Fact
from flows.notify_setup import route_new_alerts
from warehouse.db import writer
from warehouse.outbox import insert_new_alerts
from warehouse.runs import upsert_sources

SOURCES = [{"id": "linchuan", "name": "临川市科学技术局", "level": "city", "start_urls": ["http://a"],
            "tags": ["shandong"]},
           {"id": "chengchuan", "name": "澄川市科学技术局", "level": "city", "start_urls": ["http://b"],
            "tags": ["jiangsu"]}]


def fact(source: str, metric: str, value: float, year: int = 2025) -> Fact:
    bureau = next(s["name"] for s in SOURCES if s["id"] == source)
    return Fact(source_id=source, bureau=bureau, document_id=f"{source}-plan", document_url=f"http://{source}/plan",
                document_title="2025年工作要点", published_at=date(2025, 2, 1),
                first_seen_at=datetime(2025, 2, 1, tzinfo=UTC), kind="target", metric=metric, measure="level",
                value=value, unit="家", year=year, rank=None, scope=None, text=f"力争{metric}达到{value:g}家")


def sample_alerts() -> list[Alert]:
    return detect_fact_alerts([fact("linchuan", "hte_total", 900), fact("linchuan", "platforms", 35),
                               fact("chengchuan", "incubators", 12)])


def alert_row(alert: Alert) -> dict[str, Any]:
    return {"id": alert.id, "kind": alert.kind, "key": alert.key, "source_id": alert.source_id,
            "document_id": alert.document_id, "title": alert.title, "body": alert.body, "url": alert.url}


def store(db: Path, alerts: list[Alert], channels: list[Channel], run_id: str = "run1") -> list[str]:
    """What `load_run` does with detected alerts: store the new ones, route them to channels."""
    with writer(db) as con:
        upsert_sources(con, SOURCES)
        ids = insert_new_alerts(con, [alert_row(a) for a in alerts], run_id)
        route_new_alerts(con, ids, channels)
    return ids


def deliveries(db: Path) -> list[dict[str, Any]]:
    with writer(db) as con:
        cur = con.execute("SELECT alert_id, channel, status, attempts, last_error, next_attempt_at "
                          "FROM deliveries ORDER BY channel, alert_id")
        cols = [c[0] for c in cur.description or []]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
