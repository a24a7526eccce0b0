"""`kjwatch serve`: the monitor on its daily schedule, served from this process."""

from __future__ import annotations

from prefect import serve
from prefect.schedules import Cron

from flows.config import Settings
from flows.monitor import monitor

DAILY_CRON = "0 7 * * *"
TIMEZONE = "Asia/Shanghai"


def serve_deployments(settings: Settings) -> int:
    """Cron schedules fire only against a real Prefect server (PREFECT_API_URL)."""
    deployment = monitor.to_deployment(
        name="monitor-daily", schedule=Cron(DAILY_CRON, timezone=TIMEZONE),
        parameters={"sources_file": str(settings.sources), "db": str(settings.db),
                    "raw_dir": str(settings.raw_dir), "notify": list(settings.notify)},
    )
    serve(deployment)  # type: ignore[arg-type]
    return 0
