"""Parsing on a Dask cluster (prefect-dask): the scale-out path for large backlogs.

Documents travel to Dask workers in chunks (one task per chunk keeps Prefect's
per-task overhead small); the workers need this project installed and the raw
files on a shared path. Results come back to the flow, which alone writes DuckDB.
"""

from __future__ import annotations

from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.parse_stage import ParseFailure, joined_chunks
from flows.parse_stage import parse_chunk as parse_and_pack
from warehouse.document_batch import DocumentBatch

CHUNK = 16


@task(name="parse-chunk", cache_policy=NO_CACHE)
def parse_chunk(items: list[dict[str, Any]]) -> tuple[DocumentBatch, list[ParseFailure]]:
    return parse_and_pack(items)


@flow(name="parse-on-dask")
def parse_on_dask(items: list[dict[str, Any]]) -> list[tuple[DocumentBatch, list[ParseFailure]]]:
    chunks = [items[i:i + CHUNK] for i in range(0, len(items), CHUNK)]
    futures = parse_chunk.map(chunks)
    return [future.result() for future in futures]


def parse_items_on_dask(items: list[dict[str, Any]], address: str) -> tuple[DocumentBatch, list[ParseFailure]]:
    from prefect_dask import DaskTaskRunner

    runner = DaskTaskRunner(address=address)
    return joined_chunks(parse_on_dask.with_options(task_runner=runner)(items))  # type: ignore[arg-type]
