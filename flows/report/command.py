"""`kjwatch report`: regenerate the static HTML report on demand."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from flows.config import settings_from


def default_out(db: Path) -> Path:
    """Beside the database (data/report for data/kjwatch.duckdb): the report belongs to that data."""
    return db.parent / "report"


def report(args: argparse.Namespace) -> int:
    """Build the report from `args.db` into `args.out`; 2 when there is no warehouse to read."""
    from flows.report.build import build_report
    from warehouse.db import WarehouseLocked, WarehouseMissing

    settings = settings_from(db=getattr(args, "db", None))
    out = Path(args.out) if getattr(args, "out", None) else default_out(settings.db)
    try:
        files = build_report(settings.db, out)
    except (WarehouseLocked, WarehouseMissing) as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    if not getattr(args, "quiet", False):
        pages = sum(p.suffix == ".html" for p in files)
        print(f"kjwatch report: {pages} page(s) in {out} — open {out / 'index.html'}")
    return 0
