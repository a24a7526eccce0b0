"""Warehouse load and view speed at scale (issue 6).

Loads 100,000 documents with 1,000,000 indicator rows into a fresh DuckDB file,
reloads the same batch (must change nothing), and times each analyst view.
Prints figures; goals: load >= 500,000 rows/s, every view < 200 ms.

    .venv/bin/python bench/warehouse.py [--documents N] [--per-document K]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

# This file is named like the `warehouse` package; drop its folder from the path so the
# package, not this script, is what `import warehouse` finds.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from parsing.records import DocumentHeader, IndicatorRecord  # noqa: E402
from warehouse.db import VIEWS, writer  # noqa: E402
from warehouse.load import load_documents  # noqa: E402
from warehouse.model import ParsedDocument  # noqa: E402
from warehouse.runs import upsert_sources  # noqa: E402

METRICS = ("hte_total", "hte_new", "tsme_registered", "tech_contract_value", "rd_expenditure", "rd_intensity",
           "ht_output_share", "platforms", "incubators", "sci_commissioners")


def _records(rng: random.Random, k: int, year: int) -> list[IndicatorRecord]:
    out = []
    for i in range(k):
        kind = ("actual", "target", "ranking")[i % 3]
        metric = METRICS[i % len(METRICS)]
        if kind == "ranking":
            out.append(IndicatorRecord(kind, metric, "level", None, None, False, year, rng.randint(1, 16), "全省",
                                       "排名全省第一"))
        else:
            out.append(IndicatorRecord(kind, metric, "level", float(rng.randint(1, 5000)), "家", False,
                                       year + (kind == "target"), None, None, "高新技术企业达到1200家"))
    return out


def _documents(n: int, k: int, sources: int = 2000) -> list[ParsedDocument]:
    rng = random.Random(7)
    now = datetime.now(UTC)
    docs = []
    for i in range(n):
        year = 2018 + i % 8
        docs.append(ParsedDocument(
            source_id=f"s{i % sources}", url=f"http://kjj{i % sources}.example.gov.cn/{i}.html",
            content_sha256=f"{i:064x}", fetched_at=now, title=f"{year}年工作总结", text="正文" * 50,
            published_at=date(year + 1, 1 + i % 12, 1 + i % 28),
            header=DocumentHeader(f"第{i % sources}科技局", "county", year, ("summary",)),
            records=_records(rng, k, year), extractor_version="bench"))
    return docs


def _load(db: Path, docs: list[ParsedDocument]) -> tuple[float, int, int]:
    started = time.perf_counter()
    new = indicators = 0
    with writer(db) as con:
        upsert_sources(con, [{"id": s, "name": f"{s}科技局", "level": "county", "start_urls": [f"http://{s}/"]}
                             for s in sorted({d.source_id for d in docs})])
        result = load_documents(con, docs, "bench")  # one run's load step: one transaction
        new += len(result.new_ids) + len(result.changed_ids)
        indicators += result.indicators
    return time.perf_counter() - started, new, indicators


def _time_views(db: Path) -> None:
    with writer(db) as con:
        for view in VIEWS:
            con.sql(f"SELECT count(*) FROM {view}").fetchall()  # warm
            started = time.perf_counter()
            rows = con.sql(f"SELECT * FROM {view}").to_arrow_table().num_rows
            elapsed = (time.perf_counter() - started) * 1000
            print(f"view {view:18} {rows:>9,} rows  {elapsed:8.1f} ms  (goal < 200 ms)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--per-document", type=int, default=10)
    args = parser.parse_args()
    started = time.perf_counter()
    docs = _documents(args.documents, args.per_document)
    print(f"generated {len(docs):,} documents in {time.perf_counter() - started:.1f} s")
    db = Path(tempfile.mkdtemp(prefix="kjwatch-bench-")) / "bench.duckdb"
    seconds, new, indicators = _load(db, docs)
    rows = new + indicators
    print(f"first load: {new:,} documents + {indicators:,} indicators in {seconds:.2f} s "
          f"= {rows / seconds:,.0f} rows/s (goal >= 500,000)")
    seconds, changed, indicators = _load(db, docs)
    print(f"reload (unchanged): {changed} documents and {indicators} indicators written in {seconds:.2f} s "
          f"(idempotent: {changed == 0 and indicators == 0})")
    _time_views(db)
    print(f"database size: {db.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
