"""`kjwatch alerts list` and `kjwatch alerts resend` on a real warehouse and a real webhook."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from alerts.channels import parse_channels
from flows import cmd_alerts
from flows.notify_setup import deliver_owed
from tests.alerts.outbox_helpers import deliveries, sample_alerts, store
from tests.servers import WebhookServer


def _list(db: Path, **options: object) -> argparse.Namespace:
    return argparse.Namespace(db=str(db), kind=options.get("kind"), since=options.get("since", 30),
                              format=options.get("format", "table"))


def test_list_shows_recent_alerts_with_delivery_counts(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    channels = parse_channels(["json://127.0.0.1:9/all"])
    store(db_path, sample_alerts(), channels)
    assert cmd_alerts.list_command(_list(db_path)) == 0
    table = capsys.readouterr().out
    assert "临川市科学技术局" in table
    assert "(3 rows)" in table
    assert cmd_alerts.list_command(_list(db_path, kind="new_target", format="json")) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(records) == 3
    assert {r["owed"] for r in records} == {1}
    assert cmd_alerts.list_command(_list(db_path, kind="target_met", format="json")) == 0
    assert capsys.readouterr().out == ""


def test_resend_sends_one_alert_again_to_its_channel_and_records_it(
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    alert = sample_alerts()[0]
    with WebhookServer() as hook:
        channels = parse_channels([hook.url()])
        store(db_path, sample_alerts(), channels)
        deliver_owed(db_path, channels, lambda _m: None)
        config = tmp_path / "notify.yaml"
        config.write_text(f"channels:\n  - url: {hook.url()}\n", encoding="utf-8")
        monkeypatch.setenv("KJWATCH_NOTIFY_CONFIG", str(config))
        args = argparse.Namespace(db=str(db_path), key=alert.key, notify=[], notify_config=None)
        assert cmd_alerts.resend(args) == 0
        assert alert.title in str(hook.posts[-1][1])
        assert len(hook.posts) == 2
    assert capsys.readouterr().out.strip() == f"{channels[0].name}: sent"
    row = next(r for r in deliveries(db_path) if r["alert_id"] == alert.id)
    assert (row["status"], row["attempts"]) == ("sent", 1)


def test_resend_to_a_given_url_adds_that_channel(db_path: Path) -> None:
    alert = sample_alerts()[1]
    store(db_path, sample_alerts(), [])
    with WebhookServer() as hook:
        args = argparse.Namespace(db=str(db_path), key=alert.key, notify=[hook.url("other")], notify_config=None)
        assert cmd_alerts.resend(args) == 0
        assert len(hook.posts) == 1
    assert [(r["channel"], r["status"]) for r in deliveries(db_path)] == [(parse_channels([hook.url("other")])[0].name,
                                                                           "sent")]


def test_resend_of_an_unknown_key_says_so(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store(db_path, sample_alerts(), [])
    args = argparse.Namespace(db=str(db_path), key="nope", notify=[], notify_config=None)
    assert cmd_alerts.resend(args) == 2
    assert "no alert with key 'nope'" in capsys.readouterr().err
