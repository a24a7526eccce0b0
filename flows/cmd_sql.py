"""`kjwatch sql`: read-only queries that wait politely for a loading run."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from flows.config import settings_from
from flows.timezone import BadTimeZone, display_zone, fmt_moment, in_zone
from warehouse.db import WarehouseLocked, WarehouseMissing, reader


def _iso_moments(row: tuple, zone: ZoneInfo) -> tuple:
    """Machine formats get ISO 8601 with the zone's offset, so any reader recovers the instant."""
    return tuple(in_zone(v, zone).isoformat() if isinstance(v, datetime) else v for v in row)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _cell(value: Any, zone: ZoneInfo) -> str:
    if value is None:
        return ""
    return fmt_moment(value, zone) if isinstance(value, datetime) else str(value)


def _print_table(columns: list[str], rows: list[tuple], zone: ZoneInfo) -> None:
    cells = [[_cell(v, zone) for v in row] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(_pad(v, w) for v, w in zip(r, widths, strict=True)).rstrip())
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def print_rows(fmt: str, columns: list[str], rows: list[tuple], zone: ZoneInfo | None = None) -> None:
    """Rows as a table, CSV or JSON lines; moments are shown in `zone` (default $KJWATCH_TZ)."""
    zone = zone or display_zone()
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(_iso_moments(row, zone) for row in rows)
    elif fmt == "json":
        for row in rows:
            record = {c: _json_value(v) for c, v in zip(columns, _iso_moments(row, zone), strict=True)}
            print(json.dumps(record, ensure_ascii=False, default=str))
    else:
        _print_table(columns, rows, zone)


def sql(args: argparse.Namespace) -> int:
    settings = settings_from(db=args.db)
    try:
        zone = display_zone()
        with reader(settings.db, wait=args.wait, on_wait=lambda m: print(f"kjwatch: {m}", file=sys.stderr)
                    ) as con:
            con.execute(f"SET TimeZone = '{zone.key}'")  # ::DATE and strftime follow the display zone
            cur = con.execute(args.query)
            columns = [c[0] for c in cur.description or []]
            rows = cur.fetchall()
    except (WarehouseLocked, WarehouseMissing, BadTimeZone) as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        print(f"kjwatch: query failed: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    print_rows(args.format, columns, rows, zone)
    return 0
