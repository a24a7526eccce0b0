"""`kjwatch serve`: the monitor (daily) and digest (weekly) schedules, served from this process.

Each deployment is named after its schedule (`monitor-daily`, or `monitor-every-90s` with
`--every 90`), so Prefect's list says when a deployment runs. Stopping with SIGTERM leaves the
deployments active (not paused), so a restarted service picks up the same schedules.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Sequence
from typing import Any

from prefect.runner import Runner
from prefect.schedules import Cron, Interval, Schedule

from flows.config import Settings
from flows.digest import digest
from flows.monitor import monitor
from flows.schedule_names import deployment_name

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
        monitor.to_deployment(name=deployment_name("monitor", MONITOR_CRON, every or None),
                              schedule=_schedule(MONITOR_CRON, every), parameters=monitor_parameters),
        digest.to_deployment(name=deployment_name("digest", DIGEST_CRON),
                             schedule=_schedule(DIGEST_CRON, None), parameters=digest_parameters),
    ]


class StoppableRunner(Runner):
    """A Runner that SIGTERM stops in order.

    Prefect's own handler calls the async `stop` from a signal handler (so the stop never runs:
    "coroutine 'Runner.astop' was never awaited") and then exits from inside the event loop.
    Here the stop is handed to the loop, which cancels runs in progress, ends the polling
    loops and lets `start` return normally.
    """

    _stop_task: asyncio.Task[None] | None = None

    def handle_sigterm(self, *args: Any, **kwargs: Any) -> None:
        if not self.started:
            raise KeyboardInterrupt
        loop = asyncio.get_running_loop()
        loop.call_soon_threadsafe(self._begin_stop)

    def _begin_stop(self) -> None:
        if self.started:
            self._stop_task = asyncio.get_running_loop().create_task(self.astop())


def run_runner(deployments_to_serve: Sequence[Any], quiet: bool) -> None:
    """What `prefect.serve` does, with the runner above; deployments stay active on shutdown."""
    runner = StoppableRunner(pause_on_shutdown=False)
    for deployment in deployments_to_serve:
        runner.add_deployment(deployment)
    if not quiet:
        names = ", ".join(d.full_name for d in deployments_to_serve)
        print(f"[kjwatch] serving {names}; SIGTERM or Ctrl-C stops", file=sys.stderr, flush=True)
    try:
        asyncio.run(runner.start())
    except KeyboardInterrupt:
        pass


def serve_deployments(settings: Settings, every: float | None = None) -> int:
    """Channel URLs reach the served runs through KJWATCH_NOTIFY, never as stored parameters."""
    if settings.notify:
        os.environ["KJWATCH_NOTIFY"] = " ".join(settings.notify)
    run_runner(deployments(settings, every), settings.quiet)
    return 0
