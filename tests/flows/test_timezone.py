"""Moments are shown in Asia/Shanghai with the zone (KJWATCH_TZ), in tables, CSV, JSON and the report."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from flows.cli import main
from flows.report.formatting import fmt_datetime
from flows.timezone import BadTimeZone, display_zone, fmt_moment
from warehouse.db import writer

RAISED = datetime.now(UTC).replace(hour=1, minute=30, second=0, microsecond=0)  # today, 09:30 in Beijing


@pytest.fixture
def alert_db(db_path: Path) -> Path:
    with writer(db_path) as con:
        con.execute("INSERT INTO alerts (id, kind, key, title, body, created_at) "
                    "VALUES ('a1', 'new_document', 'doc:1', '工作总结', '正文', ?)", [RAISED])
    return db_path


def test_the_display_zone_is_shanghai_unless_kjwatch_tz_says_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KJWATCH_TZ", raising=False)
    assert display_zone() == ZoneInfo("Asia/Shanghai")
    monkeypatch.setenv("KJWATCH_TZ", "UTC")
    assert fmt_moment(datetime(2026, 3, 1, 1, 30, tzinfo=UTC), display_zone()) == "2026-03-01 01:30 UTC"
    monkeypatch.setenv("KJWATCH_TZ", "Mars/Olympus")
    with pytest.raises(BadTimeZone, match="Mars/Olympus"):
        display_zone()


def test_alerts_list_shows_beijing_time_with_its_zone(alert_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("KJWATCH_TZ", raising=False)
    assert main(["alerts", "list", "--db", str(alert_db)]) == 0
    assert f"{RAISED:%Y-%m-%d} 09:30 CST" in capsys.readouterr().out
    assert main(["alerts", "list", "--db", str(alert_db), "--format", "json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["created_at"] == f"{RAISED:%Y-%m-%d}T09:30:00+08:00"


def test_sql_shows_moments_in_the_zone_and_refuses_a_bad_one(alert_db: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("KJWATCH_TZ", raising=False)
    query = "SELECT created_at, strftime(created_at, '%H') AS hour FROM alerts"
    assert main(["sql", "--db", str(alert_db), "--format", "csv", query]) == 0
    assert capsys.readouterr().out.splitlines()[1] == f"{RAISED:%Y-%m-%d}T09:30:00+08:00,09"
    monkeypatch.setenv("KJWATCH_TZ", "Nowhere/Land")
    assert main(["sql", "--db", str(alert_db), query]) == 2
    assert "Nowhere/Land" in capsys.readouterr().err


def test_report_times_are_beijing_time_with_the_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KJWATCH_TZ", raising=False)
    assert fmt_datetime(datetime(2025, 1, 5, 9, 7, tzinfo=UTC)) == "2025年1月5日 17:07 CST"


def test_the_digest_names_its_period_on_the_beijing_calendar(monkeypatch: pytest.MonkeyPatch) -> None:
    """23:30 UTC on 2 March is 07:30 on 3 March in Beijing: the week is 2月24日至3月3日."""
    from flows.digest import digest_alert

    monkeypatch.delenv("KJWATCH_TZ", raising=False)
    alert = digest_alert([], 7, datetime(2026, 3, 2, 23, 30, tzinfo=UTC))
    assert "2月24日至3月3日" in alert["title"]
    assert alert["key"] == "digest:7d:2026-03-03"


README_QUERY = re.search(r"```sql\n(SELECT source_id, title, url, first_seen_at.*?)```",
                         (Path(__file__).resolve().parents[2] / "warehouse" / "README.md").read_text("utf-8"),
                         flags=re.S)


@pytest.mark.parametrize("tz", ["Asia/Shanghai", "UTC", "America/New_York"])
def test_the_readme_last_24_hours_query_is_right_in_any_tz(db_path: Path, tz: str) -> None:
    """Run in a child process: DuckDB takes its session zone from the process's TZ."""
    assert README_QUERY is not None
    now = datetime.now(UTC)
    with writer(db_path) as con:
        for name, hours in [("new", 20), ("old", 26)]:  # an 8-hour shift moves either across the line
            con.execute("INSERT INTO documents (id, source_id, url, content_sha256, first_seen_at, fetched_at) "
                        "VALUES (?, 's1', ?, ?, ?, ?)",
                        [name, f"http://127.0.0.1/{name}", name] + [now - timedelta(hours=hours)] * 2)
    env = {**os.environ, "TZ": tz}
    done = subprocess.run([sys.executable, "-m", "flows.cli", "sql", "--db", str(db_path), "--format", "csv",
                           README_QUERY.group(1)], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "http://127.0.0.1/new" in done.stdout
    assert "http://127.0.0.1/old" not in done.stdout
