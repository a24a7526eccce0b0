"""The core metrics' Chinese names and units: one data file, read by the warehouse (table
`metrics`, so SQL users can join on it) and by alerts and the report for display."""

from __future__ import annotations

from functools import cache
from importlib import resources

import duckdb
import yaml

from warehouse.sqlfiles import read_sql


@cache
def metric_rows() -> tuple[tuple[str, str, str], ...]:
    """(metric, Chinese name, unit) of every core metric, in the order of INDICATORS.md §2."""
    text = resources.files("warehouse").joinpath("data", "metrics.yaml").read_text(encoding="utf-8")
    return tuple((m["metric"], m["label"], m["unit"]) for m in yaml.safe_load(text)["metrics"])


def sync_metrics(con: duckdb.DuckDBPyConnection) -> None:
    con.executemany(read_sql("queries", "metrics_upsert"), [list(row) for row in metric_rows()])
