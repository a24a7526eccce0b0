"""`kjwatch serve`: the monitor (daily) and digest (weekly) schedules, served from this process.

Stopping with SIGTERM leaves the deployments active (not paused), so a restarted
service picks up the same schedules.
"""

from __future__ import annotations

import os
from typing import Any

from prefect import serve
from prefect.schedules import Cron, Interval, Schedule

from flows.config import Settings
from flows.digest import digest
from flows.monitor import monitor

MONITOR_CRON = "0 7 * * *"     # every day at 07:00
DIGEST_CRON = "0 8 * * 1"      # Mondays at 08:00
TIMEZONE = "Asia/Shanghai"


def _schedule(cron: str, every: float | None) -> Schedule:
    return Interval(every, timezone=TIMEZONE) if every else Cron(cron, timezone=TIMEZONE)


def deployments(settings: Settings, every: float | None = None) -> list[Any]:
    monitor_parameters = {"sources_file": str(settings.sources.resolve()), "db": str(settings.db.resolve()),
                          "raw_dir": str(settings.raw_dir.resolve()),
                          "quiet": True}
    digest_parameters = {"db": str(settings.db.resolve()), "days": 7,
                         "quiet": True}
    return [
        monitor.to_deployment(name="monitor-daily", schedule=_schedule(MONITOR_CRON, every),
                              parameters=monitor_parameters),
        digest.to_deployment(name="digest-weekly", schedule=_schedule(DIGEST_CRON, None),
                             parameters=digest_parameters),
    ]


def serve_deployments(settings: Settings, every: float | None = None) -> int:
    """Channel URLs reach the served runs through KJWATCH_NOTIFY, never as stored parameters."""
    if settings.notify:
        os.environ["KJWATCH_NOTIFY"] = " ".join(settings.notify)
    serve(*deployments(settings, every), pause_on_shutdown=False)  # type: ignore[arg-type]
    return 0
