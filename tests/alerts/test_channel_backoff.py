"""Issue 16's scenario on a real DuckDB file and real local webhooks: a channel that answers 500
for a run and 200 after gets its whole backlog (71 alerts) in the run after it recovers, exactly
once, oldest run first; a channel that keeps failing is probed with one message per run."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from alerts.channels import make_channel
from alerts.deliver import DeliveryPolicy
from alerts.detect import detect_fact_alerts
from alerts.model import Alert
from flows import cmd_alerts
from flows.notify_setup import deliver_owed
from tests.alerts.conftest import BOT_KEY, wecom_url
from tests.alerts.outbox_helpers import deliveries, fact, store
from tests.servers import WebhookServer
from warehouse.db import writer
from warehouse.outbox_channels import channel_states, probe_delay


def _alerts(first: int, count: int) -> list[Alert]:
    """`count` targets with sentences of their own (力争hte_total达到<n>家), numbered from `first`."""
    return detect_fact_alerts([fact("linchuan" if n % 2 else "chengchuan", "hte_total", 1000 + n, year=1900 + n)
                               for n in range(first, first + count)])


def _sentence(alert: Alert) -> str:
    return next(line for line in alert.body.splitlines() if "原文" in line).split("“", 1)[1].rstrip("”")


def _arrivals(server: WebhookServer, alerts: list[Alert]) -> dict[str, list[int]]:
    """For each alert, the indexes of the posts that carried its sentence."""
    texts = [json.dumps(payload, ensure_ascii=False) for _, payload in server.posts]
    return {a.id: [n for n, text in enumerate(texts) for _ in range(text.count(_sentence(a)))] for a in alerts}


def test_a_recovered_channel_gets_its_whole_backlog_oldest_first_and_a_failing_one_one_probe_a_run(
        wecom: WebhookServer, db_path: Path, quick: DeliveryPolicy) -> None:
    older, newer = _alerts(0, 50), _alerts(50, 21)
    with WebhookServer() as dead:
        bot, down = make_channel(wecom_url(), per_minute=0), make_channel(dead.url())
        dead.fail_with = wecom.fail_with = 500
        store(db_path, older, [bot, down], run_id="run1")
        assert not any(o.sent for o in deliver_owed(db_path, [bot, down], lambda _m: None, quick))
        assert wecom.posts == []
        first_run_attempts = dead.attempts

        wecom.fail_with = None  # a minute later the bot is healthy again; the other channel is not
        store(db_path, newer, [bot, down], run_id="run2")
        second = deliver_owed(db_path, [bot, down], lambda _m: None, quick)
        assert sum(o.sent for o in second if o.channel == bot.name) == 71
        assert dead.attempts == first_run_attempts + 1  # one probe, one attempt

        arrivals = _arrivals(wecom, older + newer)
        assert all(len(posts) == 1 for posts in arrivals.values())  # exactly once
        assert max(arrivals[a.id][0] for a in older) < min(arrivals[a.id][0] for a in newer)  # oldest first
        assert len(wecom.posts) > 2  # several numbered messages, all delivered

        later = datetime.now(UTC)
        for run in range(1, 4):  # each run past the channel's growing backoff: one probe
            later += timedelta(days=1)
            deliver_owed(db_path, [bot, down], lambda _m: None, quick, now=later)
            assert dead.attempts == first_run_attempts + 1 + run
    rows = deliveries(db_path)
    assert {r["status"] for r in rows if r["channel"] == bot.name} == {"sent"}
    assert sum(r["status"] != "sent" for r in rows if r["channel"] == down.name) == 71  # all still owed


def test_the_backoff_grows_per_channel_and_a_success_clears_it(db_path: Path, quick: DeliveryPolicy) -> None:
    with WebhookServer() as hook:
        channel = make_channel(hook.url())
        store(db_path, _alerts(0, 3), [channel])
        hook.fail_with = 500
        now = datetime.now(UTC)
        for run in range(3):
            deliver_owed(db_path, [channel], lambda _m: None, quick, now=now + timedelta(days=run))
        with writer(db_path) as con:
            state = channel_states(con)[channel.name]
        assert state.failures == 3
        assert state.next_attempt_at == now + timedelta(days=2) + probe_delay(3)
        assert probe_delay(1) == timedelta(0) < probe_delay(2) < probe_delay(3) <= timedelta(hours=6)
        attempts = hook.attempts
        assert deliver_owed(db_path, [channel], lambda _m: None, quick, now=now + timedelta(days=2)) == []
        assert hook.attempts == attempts  # backing off: not even a probe

        hook.fail_with = None
        done = deliver_owed(db_path, [channel], lambda _m: None, quick, now=now + timedelta(days=3))
        assert [o.sent for o in done] == [True] * 3
        with writer(db_path) as con:
            state = channel_states(con)[channel.name]
        assert (state.failures, state.next_attempt_at) == (0, None)


def _channels_args(db: Path) -> argparse.Namespace:
    return argparse.Namespace(db=str(db), format="json")


def test_alerts_channels_shows_owed_oldest_last_error_masked_and_next_try(
        wecom: WebhookServer, db_path: Path, quick: DeliveryPolicy, capsys: pytest.CaptureFixture[str]) -> None:
    bot = make_channel(wecom_url(), per_minute=0)
    ids = store(db_path, _alerts(0, 4), [bot])
    wecom.fail_with = 500
    deliver_owed(db_path, [bot], lambda _m: None, quick)
    deliver_owed(db_path, [bot], lambda _m: None, quick)
    assert cmd_alerts.channels_command(_channels_args(db_path)) == 0
    out = capsys.readouterr().out
    (row,) = [json.loads(line) for line in out.splitlines()]
    with writer(db_path) as con:
        oldest = con.execute("SELECT min(created_at) FROM alerts").fetchone()
    record: dict[str, Any] = row
    assert (record["channel"], record["owed"], record["failures"]) == (bot.name, len(ids), 2)
    assert oldest is not None
    assert datetime.fromisoformat(record["oldest_owed"]) == oldest[0]
    assert record["last_error"]
    assert "500" in record["last_error"]
    assert datetime.fromisoformat(record["next_try"]) > datetime.now(UTC)
    assert BOT_KEY not in out
