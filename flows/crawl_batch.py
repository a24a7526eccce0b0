"""Crawl many sources in one long-lived Scrapy process and read back each outcome as it ends.

A process per source cost ~0.8 s of interpreter and Scrapy start-up each (bench/scale.py: an
unchanged N=100 run took 1.65 s per source). Here one `python -m spiders.crawl_one --many`
process crawls a batch, `parallel` sources at a time, each as its own Scrapy crawler with its
own settings: page cap (max_pages), allowed domains, HTTP cache, robots obedience, throttling
and retries per source, exactly as in a process of its own. Each source's end is announced on
the process's stdout; its outcome is built from its own items and stats files and handed to
`on_outcome` at once (progress lines, crawl_results rows). A source whose spider crashes gets a
failed outcome naming the error; if the whole process dies, the sources that had finished keep
their outcomes and the others are failed with the exit status.

What the batch path cannot do, and why `KJWATCH_CRAWL_PROCESS=per-source` keeps the old path
(flows/crawl.py): a time limit per source (a batch has one, CRAWL_TIMEOUT_SECONDS × its size,
capped at BATCH_TIMEOUT_CAP_SECONDS), a log file per source (a batch writes one log), and
isolation of a source that leaks memory or wedges the reactor.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flows.crawl import CRAWL_TIMEOUT_SECONDS, CrawlOutcome, crawl_status, read_items
from spiders.sources import Source

BATCH_PARALLEL = 16
BATCH_TIMEOUT_CAP_SECONDS = 6 * 3600
DONE_PREFIX = "kjwatch-done "            # spiders.crawl_one's announcement of a finished source
PROCESS_MODES = ("batch", "per-source")


def crawl_process_mode() -> str:
    """KJWATCH_CRAWL_PROCESS: `batch` (default, one process per batch) or `per-source`."""
    mode = os.environ.get("KJWATCH_CRAWL_PROCESS", "batch").strip().lower() or "batch"
    if mode not in PROCESS_MODES:
        raise ValueError(f"KJWATCH_CRAWL_PROCESS must be one of {', '.join(PROCESS_MODES)}, not {mode!r}")
    return mode


def _job(source: Source, base: Path, raw_dir: Path, cache_dir: Path, seen: Iterable[str] | None) -> dict[str, Any]:
    base.mkdir(parents=True, exist_ok=True)
    job = {"source_json": json.dumps(source.to_dict(), ensure_ascii=False), "items": str(base / "items.jsonl"),
           "stats": str(base / "stats.json"), "raw_dir": str(raw_dir.resolve()),
           "cache_dir": str(cache_dir.resolve() / source.id), "robots_cache": str(cache_dir.resolve() / "robots-txt")}
    if seen is not None:
        seen_path = base / "seen-urls.txt"
        seen_path.write_text("".join(f"{u}\n" for u in seen), encoding="utf-8")
        job["seen_urls"] = str(seen_path)
    return job


def _outcome(source_id: str, job: dict[str, Any], started: datetime, returncode: int = 0,
             note: str | None = None) -> CrawlOutcome:
    """What one source's files say; `note` is why the process ended before the source did."""
    stats_path = Path(job["stats"])
    stats = json.loads(stats_path.read_text(encoding="utf-8")) if stats_path.exists() else {}
    items = read_items(Path(job["items"]))
    status, evidence = crawl_status(stats, items, returncode)
    errors = list(stats.get("errors") or []) + ([note] if note else [])
    return CrawlOutcome(source_id, status, items, int(stats.get("pages_fetched", 0)), errors, evidence,
                        started, datetime.now(UTC))


def _command(jobs_path: Path, parallel: int, log_path: Path) -> list[str]:
    return [sys.executable, "-m", "spiders.crawl_one", "--many", str(jobs_path), "--parallel", str(parallel),
            "--log-file", str(log_path)]


def _read_announcements(proc: subprocess.Popen[str], jobs: dict[str, dict[str, Any]], started: datetime,
                        on_outcome: Callable[[CrawlOutcome], None]) -> list[CrawlOutcome]:
    outcomes = []
    for line in proc.stdout or ():
        if not line.startswith(DONE_PREFIX):
            continue
        source_id = json.loads(line[len(DONE_PREFIX):])["id"]
        job = jobs.pop(source_id, None)
        if job is not None:
            outcomes.append(_outcome(source_id, job, started))
            on_outcome(outcomes[-1])
    return outcomes


def crawl_batch(sources: Sequence[Source], raw_dir: Path, work_dir: Path, cache_dir: Path,
                on_outcome: Callable[[CrawlOutcome], None] = lambda _: None, crawl_delay: float | None = None,
                seen_urls: Mapping[str, Iterable[str]] | None = None, parallel: int = BATCH_PARALLEL,
                timeout: float | None = None) -> list[CrawlOutcome]:
    """Crawl `sources` in one process; never raises for a bad site. Outcomes in the order they end."""
    started = datetime.now(UTC)
    stamp = started.strftime("%Y%m%dT%H%M%S%f")
    jobs = {s.id: _job(s, work_dir / s.id / stamp, raw_dir, cache_dir,
                       None if seen_urls is None else seen_urls.get(s.id, [])) for s in sources}
    batch_dir = work_dir / "_batches" / stamp
    batch_dir.mkdir(parents=True, exist_ok=True)
    jobs_path = batch_dir / "jobs.jsonl"
    jobs_path.write_text("".join(json.dumps(j, ensure_ascii=False) + "\n" for j in jobs.values()), encoding="utf-8")
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "spiders.settings"}
    if crawl_delay is not None:
        env["KJWATCH_CRAWL_DELAY"] = str(crawl_delay)
    limit = timeout or min(CRAWL_TIMEOUT_SECONDS * max(1, len(sources) // max(parallel, 1)), BATCH_TIMEOUT_CAP_SECONDS)
    killed = threading.Event()
    with (batch_dir / "stderr.txt").open("w", encoding="utf-8") as stderr, subprocess.Popen(  # noqa: S603
            _command(jobs_path, parallel, batch_dir / "crawl.log"), env=env, stdout=subprocess.PIPE,
            stderr=stderr, text=True, encoding="utf-8") as proc:

        def kill() -> None:
            killed.set()
            proc.kill()
        timer = threading.Timer(limit, kill)
        timer.start()
        try:
            outcomes = _read_announcements(proc, jobs, started, on_outcome)
            returncode = proc.wait()
        finally:
            timer.cancel()
    note = (f"crawl timed out after {limit:g} s" if killed.is_set()
            else f"crawl process exited with status {returncode} before this source finished")
    for source_id, job in jobs.items():
        outcomes.append(_outcome(source_id, job, started, returncode or -1, note))
        on_outcome(outcomes[-1])
    return outcomes
