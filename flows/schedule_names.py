"""Deployment names that say when a deployment runs (`monitor-daily`, `monitor-every-90s`).

A name that outlives its schedule misleads: `serve --every 90` was listed as `monitor-daily`.
The name is built from the schedule itself, so the two cannot disagree.
"""

from __future__ import annotations

_UNITS = ((86400, "d"), (3600, "h"), (60, "m"))


def interval_label(seconds: float) -> str:
    """`every-90s`, `every-5m`, `every-2h`, `every-1d`: the largest unit that divides exactly."""
    if seconds <= 0:
        raise ValueError(f"an interval must be positive, not {seconds:g} s")
    if seconds != int(seconds):
        return f"every-{seconds:g}s".replace(".", "_")
    whole = int(seconds)
    for size, unit in _UNITS:
        if whole % size == 0:
            return f"every-{whole // size}{unit}"
    return f"every-{whole}s"


def _fixed(field: str) -> bool:
    return field.isdigit()


def cron_label(cron: str) -> str:
    """`daily` for one fixed time each day, `weekly` for one fixed time on one weekday,
    `hourly` for one fixed minute each hour; any other cron is just `cron`."""
    fields = cron.split()
    if len(fields) != 5:
        raise ValueError(f"a cron expression has five fields, not {cron!r}")
    minute, hour, day, month, weekday = fields
    if not _fixed(minute) or day != "*" or month != "*":
        return "cron"
    if hour == "*" and weekday == "*":
        return "hourly"
    if _fixed(hour) and weekday == "*":
        return "daily"
    if _fixed(hour) and _fixed(weekday):
        return "weekly"
    return "cron"


def deployment_name(flow_name: str, cron: str | None = None, every: float | None = None) -> str:
    """The interval wins when both are given (that is what `serve --every` does to the cron)."""
    if every is not None:
        return f"{flow_name}-{interval_label(every)}"
    if cron is None:
        raise ValueError("a deployment name needs a cron expression or an interval")
    return f"{flow_name}-{cron_label(cron)}"
