"""Warehouse load and view speed at scale (issue 6).

Loads 100,000 documents with 1,000,000 indicator rows into a fresh DuckDB file,
reloads the same batch (must change nothing), and times each analyst view.
Prints figures; goals: load >= 500,000 rows/s, every view < 200 ms.

As in a run, the documents are first packed into Arrow by the parse workers
(here: a process pool of --workers, one chunk each, as `parse_items` does), and
the load step, which holds the write lock, is what the rows/s figure times.
The packing time is printed too, and so is the whole thing done in one process.

    .venv/bin/python bench/warehouse.py [--documents N] [--per-document K]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

# This file is named like the `warehouse` package; drop its folder from the path so the
# package, not this script, is what `import warehouse` finds.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from parsing.records import DocumentHeader, IndicatorRecord  # noqa: E402
from warehouse.db import VIEWS, writer  # noqa: E402
from warehouse.document_batch import DocumentBatch, concat_batches, pack_documents  # noqa: E402
from warehouse.load import collector_paused, load_documents  # noqa: E402
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


def _documents(first: int, count: int, k: int, sources: int = 2000) -> list[ParsedDocument]:
    """Documents first..first+count-1, the same wherever they are made (a seed per document)."""
    now = datetime.now(UTC)
    docs = []
    for i in range(first, first + count):
        year = 2018 + i % 8
        docs.append(ParsedDocument(
            source_id=f"s{i % sources}", url=f"http://kjj{i % sources}.example.gov.cn/{i}.html",
            content_sha256=f"{i:064x}", fetched_at=now, title=f"{year}年工作总结", text="正文" * 50,
            published_at=date(year + 1, 1 + i % 12, 1 + i % 28),
            header=DocumentHeader(f"第{i % sources}科技局", "county", year, ("summary",)),
            records=_records(random.Random(i), k, year), extractor_version="bench"))
    return docs


def _parse_worker(job: tuple[int, int, int]) -> tuple[DocumentBatch, float]:
    """What one parse worker hands back: its chunk, packed, and how long the packing took
    (making the documents stands in for parsing them and is not counted)."""
    docs = _documents(*job)
    started = time.perf_counter()
    with collector_paused():
        batch = pack_documents(docs)
    return batch, time.perf_counter() - started


def _pack_in_workers(n: int, k: int, workers: int) -> tuple[DocumentBatch, float, float]:
    size = -(-n // workers)
    jobs = [(first, min(size, n - first), k) for first in range(0, n, size)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(_parse_worker, jobs))
    started = time.perf_counter()
    batch = concat_batches([b for b, _ in results])
    return batch, max(seconds for _, seconds in results), time.perf_counter() - started


def _load(db: Path, docs: DocumentBatch | list[ParsedDocument]) -> tuple[float, int, int]:
    """One run's load step: open for writing, one transaction, close."""
    keys = docs.keys if isinstance(docs, DocumentBatch) else docs
    sources = sorted({d.source_id for d in keys})
    started = time.perf_counter()
    with writer(db) as con:
        upsert_sources(con, [{"id": s, "name": f"{s}科技局", "level": "county", "start_urls": [f"http://{s}/"]}
                             for s in sources])
        result = load_documents(con, docs, "bench")
    return time.perf_counter() - started, len(result.new_ids) + len(result.changed_ids), result.indicators


def _time_views(db: Path) -> None:
    with writer(db) as con:
        for view in VIEWS:
            con.sql(f"SELECT count(*) FROM {view}").fetchall()  # warm
            started = time.perf_counter()
            rows = con.sql(f"SELECT * FROM {view}").to_arrow_table().num_rows
            elapsed = (time.perf_counter() - started) * 1000
            print(f"view {view:18} {rows:>9,} rows  {elapsed:8.1f} ms  (goal < 200 ms)")


def _in_one_process(n: int, k: int) -> None:
    """The same load from plain documents, packing included, with no worker to help."""
    docs = _documents(0, n, k)
    db = Path(tempfile.mkdtemp(prefix="kjwatch-bench-")) / "one-process.duckdb"
    seconds, new, indicators = _load(db, docs)
    print(f"pack + load in one process: {(new + indicators) / seconds:,.0f} rows/s ({seconds:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--per-document", type=int, default=10)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    batch, pack_s, join_s = _pack_in_workers(args.documents, args.per_document, args.workers)
    print(f"packed {len(batch):,} documents on {args.workers} parse worker(s): {pack_s:.2f} s in the slowest, "
          f"joined in {join_s:.2f} s")
    db = Path(tempfile.mkdtemp(prefix="kjwatch-bench-")) / "bench.duckdb"
    seconds, new, indicators = _load(db, batch)
    rows = new + indicators
    print(f"first load: {new:,} documents + {indicators:,} indicators in {seconds:.2f} s "
          f"= {rows / seconds:,.0f} rows/s (goal >= 500,000)")
    seconds, changed, indicators = _load(db, batch)
    print(f"reload (unchanged): {changed} documents and {indicators} indicators written in {seconds:.2f} s "
          f"(idempotent: {changed == 0 and indicators == 0})")
    _time_views(db)
    print(f"database size: {db.stat().st_size / 1e6:.0f} MB")
    _in_one_process(args.documents, args.per_document)


if __name__ == "__main__":
    main()
