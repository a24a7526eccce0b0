"""The outbox on a real DuckDB file: failed channels catch up exactly once, routing, a killed run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from alerts.channels import make_channel, parse_channels
from alerts.deliver import DeliveryPolicy
from alerts.routing import parse_notify_config
from flows.notify_setup import deliver_owed
from tests.alerts.conftest import BOT_KEY, wecom_url
from tests.alerts.outbox_helpers import deliveries, sample_alerts, store
from tests.servers import WebhookServer

LATER = datetime.now(UTC) + timedelta(days=1)


def _facts(alerts: list[Any]) -> list[str]:
    """Each alert's own sentence (its 原文 line): what identifies it inside a grouped message."""
    return [next(line for line in a.body.splitlines() if "原文" in line).split("：", 1)[1] for a in alerts]


def _titles_received(server: WebhookServer, titles: list[str]) -> Counter[str]:
    """How many times each alert (by its sentence) reached the server, across every message."""
    texts = [str(payload) for _, payload in server.posts]
    return Counter({t: sum(text.count(t) for text in texts) for t in titles})


def _break(server: WebhookServer, mode: str) -> None:
    if mode == "http500":
        server.fail_with = 500
    elif mode == "errcode":
        server.errcode = 93000
    else:
        server.hang = 3.0


@pytest.mark.parametrize("mode", ["http500", "errcode", "hang"])
def test_a_failing_channel_gets_each_alert_exactly_once_after_it_recovers(
        wecom: WebhookServer, db_path: Path, quick: DeliveryPolicy, mode: str) -> None:
    alerts = sample_alerts()
    titles = _facts(alerts)
    with WebhookServer() as hook:
        bot, healthy = make_channel(wecom_url(), per_minute=0), make_channel(hook.url())
        store(db_path, alerts, [bot, healthy])
        _break(wecom, mode)
        first = deliver_owed(db_path, [bot, healthy], lambda _m: None, quick)
        assert {(o.channel, o.sent) for o in first} == {(bot.name, False), (healthy.name, True)}
        rows = {(r["channel"], r["status"]) for r in deliveries(db_path)}
        assert rows == {(bot.name, "failed"), (healthy.name, "sent")}
        assert all(BOT_KEY not in (r["last_error"] or "") for r in deliveries(db_path))

        attempts = wecom.attempts
        probe = deliver_owed(db_path, [bot, healthy], lambda _m: None, quick)  # the next run probes once
        assert {(o.channel, o.sent) for o in probe} == {(bot.name, False)}
        assert wecom.attempts == attempts + 1
        assert deliver_owed(db_path, [bot, healthy], lambda _m: None, quick) == []  # then backs off
        assert wecom.attempts == attempts + 1

        wecom.fail_with = wecom.errcode = wecom.hang = None
        second = deliver_owed(db_path, [bot, healthy], lambda _m: None, quick, now=LATER)
        assert {(o.channel, o.sent) for o in second} == {(bot.name, True)}
        assert deliver_owed(db_path, [bot, healthy], lambda _m: None, quick, now=LATER + timedelta(days=1)) == []
        assert _titles_received(wecom, titles) == Counter(dict.fromkeys(titles, 1))
        assert _titles_received(hook, titles) == Counter(dict.fromkeys(titles, 1))
    assert {r["status"] for r in deliveries(db_path)} == {"sent"}


def test_rows_follow_the_channels_kinds_and_tags(db_path: Path) -> None:
    config = ("channels:\n  - name: 山东群\n    url: json://127.0.0.1:9/sd\n    tags: [shandong]\n"
              "  - name: 达标提醒\n    url: json://127.0.0.1:9/met\n    kinds: [target_met]\n")
    channels = [*parse_channels(["json://127.0.0.1:9/all"]), *parse_notify_config(config, {})]
    store(db_path, sample_alerts(), channels)
    per_channel = Counter(r["channel"] for r in deliveries(db_path))
    assert per_channel == {"json://127.0.0.1:9/all": 3, "山东群": 2}


def test_a_rerun_with_the_same_alerts_adds_no_rows(db_path: Path) -> None:
    channels = parse_channels(["json://127.0.0.1:9/all"])
    assert len(store(db_path, sample_alerts(), channels)) == 3
    assert store(db_path, sample_alerts(), channels, run_id="run2") == []
    assert len(deliveries(db_path)) == 3


_DELIVER_ONCE = """
import sys
from pathlib import Path
from alerts.channels import parse_channels
from flows.notify_setup import deliver_owed
deliver_owed(Path(sys.argv[1]), parse_channels([sys.argv[2]]), print)
"""


def test_a_run_killed_between_sending_and_recording_sends_at_most_once_more(db_path: Path) -> None:
    alerts = sample_alerts()
    with WebhookServer() as hook:
        (channel,) = parse_channels([hook.url()])
        store(db_path, alerts, [channel])
        victim: dict[str, Any] = {}

        def kill_the_sender(_path: str, _payload: Any) -> None:
            os.kill(victim["process"].pid, signal.SIGKILL)  # the message is accepted, the record never made

        hook.on_post = kill_the_sender
        victim["process"] = subprocess.Popen([sys.executable, "-c", _DELIVER_ONCE, str(db_path), hook.url()],
                                             cwd=Path(__file__).parents[2])
        assert victim["process"].wait(timeout=60) == -signal.SIGKILL
        hook.on_post = None
        assert len(hook.posts) == 1
        assert {r["status"] for r in deliveries(db_path)} == {"pending"}

        deliver_owed(db_path, [channel], lambda _m: None)
        deliver_owed(db_path, [channel], lambda _m: None, now=LATER)
    counts = _titles_received(hook, _facts(alerts))
    assert counts == Counter(dict.fromkeys(counts, 2))  # the killed send plus one re-send, never more
    assert {r["status"] for r in deliveries(db_path)} == {"sent"}
