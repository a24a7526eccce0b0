"""Backoff per channel, not per alert: whether a channel is tried in a run, and what it owes.

A failed message used to put each of its alerts into a backoff of its own, so a
channel that recovered got only the alerts that happened to be due, and older
ones arrived after newer ones. Now the channel carries the backoff: a channel that
is due is sent its whole backlog; one that accepted nothing in a run waits before
the next probe (0 after the first failed run, since the run's own retries covered a
blip; then 5 min, doubling, at most 6 h). Rows never expire, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from warehouse.arrow import registered
from warehouse.db import query
from warehouse.sqlfiles import read_sql

PROBE_BASE = timedelta(minutes=5)   # wait after the second failed run in a row, doubling after
PROBE_CAP = timedelta(hours=6)

_RESULTS_SCHEMA = pa.schema([("channel", pa.string()), ("failures", pa.int32()), ("error", pa.string()),
                             ("accepted", pa.bool_()), ("next_attempt_at", pa.timestamp("us", tz="UTC"))])


@dataclass(frozen=True, slots=True)
class ChannelState:
    """What the warehouse knows of one channel (keyed by its masked name, as in `deliveries`)."""

    channel: str
    failures: int = 0
    last_error: str | None = None
    next_attempt_at: datetime | None = None

    @property
    def failing(self) -> bool:
        """Accepted nothing in its last run: it is probed with one message before the rest."""
        return self.failures > 0

    def due(self, now: datetime) -> bool:
        return self.next_attempt_at is None or self.next_attempt_at <= now


@dataclass(frozen=True, slots=True)
class ChannelResult:
    """One run's outcome for a channel that was tried: did it accept any message, and why not."""

    channel: str
    accepted: bool
    error: str | None = None


def probe_delay(failures: int) -> timedelta:
    """Wait before the next try after `failures` runs in a row accepted nothing: 0, 5 min, 10 … 6 h."""
    if failures <= 1:
        return timedelta(0)
    return min(PROBE_BASE * (2 ** min(failures - 2, 16)), PROBE_CAP)


def channel_states(con: duckdb.DuckDBPyConnection) -> dict[str, ChannelState]:
    return {r["channel"]: ChannelState(r["channel"], int(r["failures"]), r["last_error"], r["next_attempt_at"])
            for r in query(con, "channel_states")}


def _result_row(result: ChannelResult, before: ChannelState | None, now: datetime) -> dict[str, Any]:
    failures = 0 if result.accepted else (before.failures if before else 0) + 1
    return {"channel": result.channel, "failures": failures, "error": None if result.accepted else result.error,
            "accepted": result.accepted,
            "next_attempt_at": None if result.accepted else now + probe_delay(failures)}


def record_channel_results(con: duckdb.DuckDBPyConnection, results: Sequence[ChannelResult],
                           before: Mapping[str, ChannelState], now: datetime) -> None:
    """Store each tried channel's run: healthy again, or one more failure and its next try."""
    if not results:
        return
    rows = [_result_row(r, before.get(r.channel), now) for r in results]
    with registered(con, "batch_channel_results", pa.Table.from_pylist(rows, schema=_RESULTS_SCHEMA)):
        con.execute(read_sql("queries", "channel_state_record"), {"now": now})


def channels_overview(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Per channel: owed rows, oldest owed alert, failures in a row, last error (masked), next try."""
    return query(con, "channels_overview")
