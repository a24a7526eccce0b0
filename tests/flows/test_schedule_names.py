"""Deployment names follow their schedules (issue 21 item 4: `serve --every 90` was `monitor-daily`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from flows.config import Settings
from flows.schedule_names import cron_label, deployment_name, interval_label

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("seconds", "label"), [
    (90, "every-90s"), (90.0, "every-90s"), (300, "every-5m"), (3600, "every-1h"), (7200, "every-2h"),
    (5400, "every-90m"), (86400, "every-1d"), (61, "every-61s"), (1.5, "every-1_5s"),
])
def test_an_interval_is_named_in_its_largest_whole_unit(seconds: float, label: str) -> None:
    assert interval_label(seconds) == label


@pytest.mark.parametrize(("cron", "label"), [
    ("0 7 * * *", "daily"), ("0 8 * * 1", "weekly"), ("15 * * * *", "hourly"),
    ("*/5 * * * *", "cron"), ("0 7 1 * *", "cron"), ("0 7,19 * * *", "cron"), ("0 8 * * 1-5", "cron"),
])
def test_a_cron_is_named_daily_only_when_it_runs_once_a_day(cron: str, label: str) -> None:
    assert cron_label(cron) == label


def test_the_interval_of_serve_every_replaces_the_daily_name() -> None:
    assert deployment_name("monitor", "0 7 * * *") == "monitor-daily"
    assert deployment_name("monitor", "0 7 * * *", 90) == "monitor-every-90s"
    assert deployment_name("digest", "0 8 * * 1") == "digest-weekly"


@pytest.mark.parametrize("bad", [0, -5])
def test_an_interval_that_is_not_positive_has_no_name(bad: float) -> None:
    with pytest.raises(ValueError, match="positive"):
        interval_label(bad)


def test_a_cron_without_five_fields_has_no_name() -> None:
    with pytest.raises(ValueError, match="five fields"):
        cron_label("0 7 * *")


def _settings(tmp_path: Path) -> Settings:
    return Settings(db=tmp_path / "k.duckdb", raw_dir=tmp_path / "raw", sources=tmp_path / "sources.yaml")


@pytest.mark.parametrize(("every", "expected"), [(None, "monitor-daily"), (90.0, "monitor-every-90s"),
                                                 (3600.0, "monitor-every-1h")])
def test_serve_names_the_monitor_deployment_after_its_schedule(tmp_path: Path, every: float | None,
                                                               expected: str) -> None:
    from flows.serve import deployments

    names = [d.name for d in deployments(_settings(tmp_path), every)]
    assert names == [expected, "digest-weekly"]


def test_the_scheduled_deployments_of_prefect_yaml_are_named_after_their_cron() -> None:
    spec = yaml.safe_load((ROOT / "deploy" / "prefect.yaml").read_text(encoding="utf-8"))
    scheduled = [d for d in spec["deployments"] if d.get("schedules")]
    assert scheduled
    for d in scheduled:
        flow_name = d["entrypoint"].rsplit(":", 1)[1]
        assert d["name"] == deployment_name(flow_name, d["schedules"][0]["cron"])
