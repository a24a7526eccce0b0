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

import duckdb

from flows.config import settings_from
from warehouse.db import WarehouseLocked, WarehouseMissing, reader


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


def _print_table(columns: list[str], rows: list[tuple]) -> None:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in cells:
        print("  ".join(_pad(v, w) for v, w in zip(r, widths, strict=True)).rstrip())
    print(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


def print_rows(fmt: str, columns: list[str], rows: list[tuple]) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt == "json":
        for row in rows:
            record = {c: _json_value(v) for c, v in zip(columns, row, strict=True)}
            print(json.dumps(record, ensure_ascii=False, default=str))
    else:
        _print_table(columns, rows)


def sql(args: argparse.Namespace) -> int:
    settings = settings_from(db=args.db)
    try:
        with reader(settings.db, wait=args.wait, on_wait=lambda m: print(f"kjwatch: {m}", file=sys.stderr)
                    ) as con:
            cur = con.execute(args.query)
            columns = [c[0] for c in cur.description or []]
            rows = cur.fetchall()
    except (WarehouseLocked, WarehouseMissing) as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        print(f"kjwatch: query failed: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    print_rows(args.format, columns, rows)
    return 0
