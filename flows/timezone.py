"""The zone moments are shown in: the warehouse stores instants, people read Beijing time.

`KJWATCH_TZ` names an IANA zone (default Asia/Shanghai, where the bureaus and their readers
are); a bad name fails loudly with the name, instead of silently falling back to UTC.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"


class BadTimeZone(ValueError):
    """KJWATCH_TZ names no zone this machine knows."""


def display_zone() -> ZoneInfo:
    """The zone of $KJWATCH_TZ (default Asia/Shanghai)."""
    name = os.environ.get("KJWATCH_TZ", "").strip() or DEFAULT_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise BadTimeZone(f"KJWATCH_TZ={name!r} is not a time zone (try Asia/Shanghai or UTC)") from exc


def in_zone(value: datetime, zone: ZoneInfo) -> datetime:
    """The same instant on the zone's clock; a naive value is UTC, as the old warehouse stored it."""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(zone)


def fmt_moment(value: datetime, zone: ZoneInfo) -> str:
    """`2026-03-01 08:00 CST`: minutes and the zone's abbreviation, for tables people read."""
    return f"{in_zone(value, zone):%Y-%m-%d %H:%M %Z}"
