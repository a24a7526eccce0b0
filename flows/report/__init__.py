"""Static HTML report of the warehouse: charts per bureau and metric, offline and reproducible."""

from __future__ import annotations

from pathlib import Path


def build_report(db: Path, out: Path) -> list[Path]:
    """Write the report of warehouse `db` into folder `out`; every file of the site, sorted.

    Imported lazily so `kjwatch --help` does not pay for Jinja and DuckDB.
    """
    from flows.report.build import build_report as build

    return build(db, out)


__all__ = ["build_report"]
