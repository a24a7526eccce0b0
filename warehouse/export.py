"""`kjwatch export`: the warehouse as Parquet or CSV files, partitioned by year.

The partition key `year` lives only in folder names (year=2024), which DuckDB, polars and
pandas type differently; each partitioned file therefore also carries the same year as a
typed INTEGER column, `report_year` (documents) or `indicator_year` (indicators).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.sqlfiles import read_sql

PARTITIONED = {"indicators": "export_indicators", "documents": "export_documents"}
# Every other table and every view, whole: a reader of the export sees what a SQL user sees.
WHOLE_TABLES = ("sources", "alerts", "deliveries", "runs", "crawl_results", "errors", "rejected_records",
                "document_versions", "indicator_versions", "source_checks", "metrics")
VIEWS = ("indicator_latest", "targets_progress", "rankings", "bureau_scorecard")


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_warehouse(con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str) -> list[Path]:
    """Write one folder per partitioned table (year=YYYY/…) and one file per small table."""
    if fmt not in ("parquet", "csv"):
        raise ValueError(f"unknown export format {fmt!r}: use parquet or csv")
    out_dir.mkdir(parents=True, exist_ok=True)
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    written = []
    for name, query in PARTITIONED.items():
        target = out_dir / name
        sql = read_sql("queries", query).strip().rstrip(";")
        con.execute(f"COPY ({sql}) TO {_literal(target)} "
                    f"({options}, PARTITION_BY (year), OVERWRITE_OR_IGNORE true)")
        written.append(target)
    for table in (*WHOLE_TABLES, *VIEWS):
        target = out_dir / f"{table}.{fmt}"
        con.execute(f"COPY (SELECT * FROM {table}) TO {_literal(target)} ({options})")  # noqa: S608 (names are constants)
        written.append(target)
    return written
