"""Parsing on a Dask cluster (prefect-dask): the scale-out path for large backlogs.

Documents travel to Dask workers in chunks (one task per chunk keeps Prefect's
per-task overhead small); the workers need this project installed and the raw
files on a shared path. Results come back to the flow, which alone writes DuckDB.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.parse_stage import ParseFailure, parse_item
from warehouse.model import ParsedDocument

CHUNK = 16


@task(name="parse-chunk", cache_policy=NO_CACHE)
def parse_chunk(items: list[dict[str, Any]]) -> list[ParsedDocument | ParseFailure]:
    return [parse_item(item) for item in items]


@flow(name="parse-on-dask")
def parse_on_dask(items: list[dict[str, Any]]) -> list[ParsedDocument | ParseFailure]:
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    futures = parse_chunk.map(chunks)
    return [result for future in futures for result in future.result()]


def parse_items_on_dask(items: list[dict[str, Any]], address: str
                        ) -> tuple[list[ParsedDocument], list[ParseFailure]]:
    from prefect_dask import DaskTaskRunner

    runner = DaskTaskRunner(address=address)
    results = parse_on_dask.with_options(task_runner=runner)(items)  # type: ignore[arg-type]
    parsed = [r for r in results if isinstance(r, ParsedDocument)]
    failures = [r for r in results if isinstance(r, ParseFailure)]
    return parsed, failures
