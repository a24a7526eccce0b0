"""`kjwatch export --format parquet|csv DIR`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from flows.config import settings_from
from warehouse.db import WarehouseLocked, WarehouseMissing, reader
from warehouse.export import export_warehouse


def export(args: argparse.Namespace) -> int:
    settings = settings_from(db=args.db)
    try:
        with reader(settings.db, wait=args.wait, on_wait=lambda m: print(f"kjwatch: {m}", file=sys.stderr)
                    ) as con:
            written = export_warehouse(con, Path(args.dir), args.format)
    except (WarehouseLocked, WarehouseMissing, OSError) as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0
