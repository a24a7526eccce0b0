"""`kjwatch alerts test|list|channels|resend`: try a channel, see what was raised and what each
channel still owes, send one alert again."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta

import apprise
import duckdb

from alerts.channels import Channel, ChannelError, parse_channels
from alerts.deliver import DeliveryOutcome, DeliveryPolicy, PendingAlert, deliver_all, send_message
from flows.cmd_sql import print_rows
from flows.config import notify_from_env, settings_from
from flows.notify_setup import load_channels, outcome_recorder
from flows.timezone import BadTimeZone, display_zone
from warehouse.db import WarehouseLocked, WarehouseMissing, reader, writer
from warehouse.outbox import alert_by_key, list_alerts, reopen_deliveries
from warehouse.outbox_channels import channels_overview

LIST_COLUMNS = ["created_at", "kind", "bureau", "title", "sent", "owed", "key", "url"]
CHANNEL_COLUMNS = ["channel", "owed", "oldest_owed", "failures", "last_error", "last_failed_at", "next_try"]


def _fail(message: str, code: int = 2) -> int:
    print(f"kjwatch: {message}", file=sys.stderr)
    return code


def test(args: argparse.Namespace) -> int:
    try:
        channels = parse_channels([args.url])
    except ChannelError as exc:
        return _fail(str(exc))
    failed = 0
    for channel in channels:
        ok, error = send_message(channel, "kjwatch 测试消息",
                                 "这是一条来自 kjwatch 科技局监测的测试消息。收到即表示通道可用。",
                                 body_format=apprise.NotifyFormat.TEXT)
        print(f"{channel.name}: {'sent' if ok else 'FAILED: ' + (error or 'unknown error')}")
        failed += not ok
    return 1 if failed else 0


def list_command(args: argparse.Namespace) -> int:
    """Alerts of the last `--since` days (default 30), newest first."""
    settings = settings_from(db=args.db)
    since = datetime.now(UTC) - timedelta(days=args.since)
    try:
        zone = display_zone()
        with reader(settings.db, on_wait=lambda m: print(f"kjwatch: {m}", file=sys.stderr)) as con:
            rows = list_alerts(con, since, args.kind)
    except (WarehouseLocked, WarehouseMissing, BadTimeZone) as exc:
        return _fail(str(exc))
    print_rows(args.format, LIST_COLUMNS, [tuple(r[c] for c in LIST_COLUMNS) for r in rows], zone)
    return 0


def channels_command(args: argparse.Namespace) -> int:
    """Per channel: alerts owed, the oldest of them, failed runs in a row, the last error (masked,
    as stored) and the next try (empty: the next run)."""
    settings = settings_from(db=args.db)
    try:
        zone = display_zone()
        with reader(settings.db, on_wait=lambda m: print(f"kjwatch: {m}", file=sys.stderr)) as con:
            rows = channels_overview(con)
    except (WarehouseLocked, WarehouseMissing, BadTimeZone) as exc:
        return _fail(str(exc))
    except duckdb.CatalogException:
        return _fail(f"the warehouse at {settings.db} predates channel backoff: run `kjwatch run` once")
    print_rows(args.format, CHANNEL_COLUMNS, [tuple(r[c] for c in CHANNEL_COLUMNS) for r in rows], zone)
    return 0


def _resend_targets(args: argparse.Namespace, routed_to: list[str]) -> list[Channel]:
    """Given URLs win; otherwise the configured channels the alert was routed to."""
    if args.notify:
        return parse_channels(list(args.notify))
    configured = load_channels(list(notify_from_env()), getattr(args, "notify_config", None))
    targets = [c for c in configured if c.name in routed_to]
    missing = sorted(set(routed_to) - {c.name for c in targets})
    if missing:
        print(f"kjwatch: not configured now, skipped: {', '.join(missing)}", file=sys.stderr)
    return targets


def resend(args: argparse.Namespace) -> int:
    """Send one alert (by key) again and record it, whatever its deliveries say."""
    settings = settings_from(db=args.db)
    if not settings.db.exists():
        return _fail(f"no warehouse at {settings.db}: run `kjwatch run` first")
    try:
        with writer(settings.db) as con:
            alert = alert_by_key(con, args.key)
        if alert is None:
            return _fail(f"no alert with key {args.key!r} (see `kjwatch alerts list`)")
        targets = _resend_targets(args, list(alert["channels"] or []))
        if not targets:
            return _fail("no channel to send to: give --notify URL or configure the alert's channels")
        with writer(settings.db) as con:
            reopen_deliveries(con, [(alert["alert_id"], c.name) for c in targets])
    except (ChannelError, WarehouseLocked) as exc:
        return _fail(str(exc))
    pending = PendingAlert(alert["alert_id"], alert["bureau"], alert["title"], alert["body"])
    outcomes = deliver_all({c: [pending] for c in targets}, outcome_recorder(settings.db), DeliveryPolicy())
    return _report(targets, outcomes)


def _report(targets: list[Channel], outcomes: list[DeliveryOutcome]) -> int:
    by_channel = {o.channel: o for o in outcomes}
    failed = 0
    for channel in targets:
        outcome = by_channel.get(channel.name)
        ok = outcome is not None and outcome.sent
        reason = outcome.error if outcome else "not attempted (time budget)"
        print(f"{channel.name}: {'sent' if ok else 'FAILED: ' + (reason or 'unknown error')}")
        failed += not ok
    return 1 if failed else 0
