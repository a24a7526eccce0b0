"""`kjwatch report`, and the report step at the end of each monitoring run."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from flows.config import settings_from


def default_out(db: Path) -> Path:
    """Beside the database (data/report for data/kjwatch.duckdb): the report belongs to that data."""
    return db.parent / "report"


REPORT_URL_ENV = "KJWATCH_REPORT_URL"  # where the report is published (an intranet server), if anywhere


def bureau_page_url(db: Path, env: Mapping[str, str] | None = None) -> Callable[[str | None], str | None]:
    """source id → its bureau's page of the report, for the alerts: under $KJWATCH_REPORT_URL when
    the report folder is served, else the file:// of the page the run writes beside the database."""
    from flows.report.formatting import slug

    base = (os.environ if env is None else env).get(REPORT_URL_ENV, "").strip()
    root = base.rstrip("/") if base else default_out(db).resolve().as_uri()

    def page(source_id: str | None) -> str | None:
        return f"{root}/bureau/{slug(source_id)}.html" if source_id else None

    return page


def report(args: argparse.Namespace) -> int:
    """Build the report from `args.db` into `args.out`; 2 when there is no warehouse to read."""
    from flows.report import build_report
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


def report_after_run(db: Path, say: Callable[[str], None]) -> Path | None:
    """The monitor flow's last step: the run's data is already safe, so a report that cannot be
    written is told on stderr (also under --quiet) and the run still completes."""
    from flows.report import build_report

    out = default_out(db)
    try:
        build_report(db, out)
    except Exception as exc:
        print(f"kjwatch: report not written to {out}: {exc}", file=sys.stderr)
        return None
    say(f"report written to {out / 'index.html'}")
    return out
