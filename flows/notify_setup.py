"""Where alert channels come from and how the outbox is worked off; the flows side of `alerts`.

`alerts` is pure: it never reads the environment or Prefect. This module hands it
`os.environ`, notify.yaml's text and a Prefect Secret resolver, and connects the
warehouse outbox to delivery (rows read in one short write lock, each message's
outcome recorded in its own, so `kjwatch sql` readers get in between). Backoff is
per channel (`warehouse.outbox_channels`): a due channel is sent its whole backlog,
one in backoff nothing, and each tried channel's result is stored after the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import duckdb

from alerts.channels import Channel
from alerts.deliver import DeliveryOutcome, DeliveryPolicy, OwedAlert, deliver_all
from alerts.routing import NotifyConfigError, RoutableAlert, all_channels, plan_deliveries
from flows.report.command import bureau_page_url
from warehouse.db import writer
from warehouse.outbox import alerts_for_routing, create_delivery_rows, pending_deliveries, record_outcomes
from warehouse.outbox_channels import ChannelResult, ChannelState, channel_states, record_channel_results

DEFAULT_NOTIFY_CONFIG = Path("notify.yaml")
DEFAULT_FAILING_RUNS = 3
Progress = Callable[[str], None]


def prefect_secret(name: str) -> str:
    """The value of a Prefect Secret block (`secret:` entries of notify.yaml)."""
    from prefect.blocks.system import Secret

    block = Secret.load(name, _sync=True)  # type: ignore[call-arg]
    return str(cast(Secret, block).get())


def notify_config_path(flag: str | None, env: Mapping[str, str] | None = None) -> Path | None:
    """`--notify-config`, else KJWATCH_NOTIFY_CONFIG, else ./notify.yaml when it exists; a file
    named explicitly must exist."""
    env = os.environ if env is None else env
    named = flag or env.get("KJWATCH_NOTIFY_CONFIG", "").strip()
    if named:
        if not Path(named).is_file():
            raise NotifyConfigError(f"notify config {named} not found")
        return Path(named)
    return DEFAULT_NOTIFY_CONFIG if DEFAULT_NOTIFY_CONFIG.is_file() else None


def load_channels(notify_urls: Sequence[str], config_flag: str | None = None,
                  env: Mapping[str, str] | None = None) -> list[Channel]:
    """Every channel of a run: `--notify`/KJWATCH_NOTIFY URLs plus notify.yaml's routed ones.
    Raises NotifyConfigError (a ChannelError) naming the entry at fault."""
    env = os.environ if env is None else env
    path = notify_config_path(config_flag, env)
    text = path.read_text(encoding="utf-8") if path else None
    return all_channels(list(notify_urls), text, env, prefect_secret, origin=str(path or "notify.yaml"))


def failing_runs(env: Mapping[str, str] | None = None) -> int:
    """N of `source_failing` from KJWATCH_FAILING_RUNS (default 3)."""
    value = (os.environ if env is None else env).get("KJWATCH_FAILING_RUNS", "").strip()
    if not value:
        return DEFAULT_FAILING_RUNS
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"KJWATCH_FAILING_RUNS must be a whole number ≥ 1, not {value!r}")
    return int(value)


def route_new_alerts(con: duckdb.DuckDBPyConnection, alert_ids: Sequence[str], channels: Sequence[Channel]
                     ) -> int:
    """Outbox rows for freshly stored alerts, each to the channels whose kinds/tags it matches."""
    rows = alerts_for_routing(con, alert_ids)
    routable = [RoutableAlert(r["alert_id"], r["kind"], frozenset(r["tags"] or ())) for r in rows]
    return create_delivery_rows(con, plan_deliveries(routable, channels))


def _owed_alert(row: Mapping[str, Any], page_of: Callable[[str | None], str | None]) -> OwedAlert:
    return OwedAlert(row["alert_id"], row["bureau"], row["title"], row["body"], kind=row["kind"],
                     document_title=row["document_title"], url=row["url"], published_at=row["published_at"],
                     report_url=page_of(row["source_id"]), raised_in=row["raised_in"], attempts=int(row["attempts"]))


def _owed_by_channel(pending: Sequence[dict[str, Any]], channels: Sequence[Channel],
                     page_of: Callable[[str | None], str | None]) -> dict[Channel, list[OwedAlert]]:
    """Each channel's owed alerts, each knowing its bureau's report page (`bureau_page_url`)."""
    owed: dict[Channel, list[OwedAlert]] = {}
    for channel in channels:
        owed[channel] = [_owed_alert(p, page_of) for p in pending if p["channel"] == channel.name]
    return {c: alerts for c, alerts in owed.items() if alerts}


def outcome_recorder(db: Path) -> Callable[[list[DeliveryOutcome]], None]:
    """Each message's rows recorded in a write lock of their own, as soon as the channel answered."""
    def record(batch: list[DeliveryOutcome]) -> None:
        with writer(db) as con:
            record_outcomes(con, [{"alert_id": o.alert_id, "channel": o.channel, "sent": o.sent,
                                   "error": o.error} for o in batch])
    return record


def _channel_results(owed: Mapping[Channel, Sequence[OwedAlert]], outcomes: Sequence[DeliveryOutcome]
                     ) -> list[ChannelResult]:
    """Per tried channel: accepted any message, else the first reason it gave; untried: none."""
    results = []
    for channel in owed:
        done = [o for o in outcomes if o.channel == channel.name]
        if done:
            error = next((o.error for o in done if not o.sent), None)
            results.append(ChannelResult(channel.name, any(o.sent for o in done), error))
    return results


def _report(owed: Mapping[Channel, Sequence[OwedAlert]], outcomes: Sequence[DeliveryOutcome],
            progress: Progress) -> None:
    for channel, alerts in owed.items():
        done = [o for o in outcomes if o.channel == channel.name]
        failed = [o for o in done if not o.sent]
        if failed or len(done) < len(alerts):
            progress(f"{channel.name}: {len(done) - len(failed)} sent, {len(failed)} failed"
                     f"{' (' + (failed[0].error or '') + ')' if failed else ''}, "
                     f"{len(alerts) - len(done) + len(failed)} owed for the next run")


def _split_due(owed: Mapping[Channel, list[OwedAlert]], states: Mapping[str, ChannelState], now: datetime,
               progress: Progress) -> dict[Channel, list[OwedAlert]]:
    """Channels due now (no backoff, or its time has come); the others are told and left alone."""
    due = {}
    for channel, alerts in owed.items():
        state = states.get(channel.name, ChannelState(channel.name))
        if state.due(now):
            due[channel] = alerts
            probe = f" (probing: {state.failures} failed run(s) in a row)" if state.failing else ""
            progress(f"sending {len(alerts)} alert(s) to {channel.name}{probe}")
        elif state.next_attempt_at is not None:
            progress(f"{channel.name}: {len(alerts)} alert(s) owed, backing off until "
                     f"{state.next_attempt_at.isoformat(timespec='seconds')} ({state.failures} failed runs)")
    return due


def deliver_owed(db: Path, channels: Sequence[Channel], progress: Progress,
                 policy: DeliveryPolicy | None = None, now: datetime | None = None) -> list[DeliveryOutcome]:
    """Send the whole backlog of every configured channel that is due (`now`: default the clock),
    all channels at once; then store each tried channel's result, its backoff growing per channel."""
    if not channels:
        return []
    now = now or datetime.now(UTC)
    with writer(db) as con:
        pending = pending_deliveries(con)
        states = channel_states(con)
    due = _split_due(_owed_by_channel(pending, channels, bureau_page_url(db)), states, now, progress)
    probing = {c.name for c in due if c.name in states and states[c.name].failing}
    outcomes = deliver_all(due, outcome_recorder(db), policy, probing=probing)
    results = _channel_results(due, outcomes)
    if results:
        with writer(db) as con:
            record_channel_results(con, results, states, now)
    _report(due, outcomes, progress)
    return outcomes
