"""Run one source's crawl in a fresh Scrapy subprocess and read back what it found."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from spiders.sources import Source

CRAWL_TIMEOUT_SECONDS = 1800


@dataclass(slots=True)
class CrawlOutcome:
    source_id: str
    status: str                      # ok | failed | blocked
    items: list[dict[str, Any]] = field(default_factory=list)
    pages_fetched: int = 0
    errors: list[str] = field(default_factory=list)
    evidence: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None


def read_items(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def crawl_status(stats: dict[str, Any], items: list[dict[str, Any]], returncode: int) -> tuple[str, str | None]:
    """ok, failed or blocked, and the evidence, from a crawl's stats, items and exit status."""
    blocked = stats.get("blocked") or []
    if returncode != 0 and not stats:
        return "failed", f"crawler exited with status {returncode}"
    if blocked and not items:
        return "blocked", "; ".join(blocked[:3])
    if stats.get("pages_fetched", 0) == 0 or (not items and stats.get("errors")):
        errors = stats.get("errors") or ["no page could be fetched"]
        return "failed", "; ".join(errors[:3])
    return "ok", None


def crawl_source(source: Source, raw_dir: Path, work_dir: Path, cache_dir: Path,
                 crawl_delay: float | None = None, timeout: float = CRAWL_TIMEOUT_SECONDS,
                 seen_urls: Iterable[str] | None = None) -> CrawlOutcome:
    """Crawl one source; never raises for a bad site — the outcome says what happened."""
    started = datetime.now(UTC)
    stamp = started.strftime("%Y%m%dT%H%M%S%f")
    base = work_dir / source.id / stamp
    base.mkdir(parents=True, exist_ok=True)
    items_path, stats_path, log_path = base / "items.jsonl", base / "stats.json", base / "crawl.log"
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "spiders.settings"}
    if crawl_delay is not None:
        env["KJWATCH_CRAWL_DELAY"] = str(crawl_delay)
    command = [sys.executable, "-m", "spiders.crawl_one", "--source-json",
               json.dumps(source.to_dict(), ensure_ascii=False), "--items", str(items_path),
               "--stats", str(stats_path), "--raw-dir", str(raw_dir.resolve()),
               "--cache-dir", str(cache_dir.resolve() / source.id), "--log-file", str(log_path)]
    if seen_urls is not None:
        seen_path = base / "seen-urls.txt"
        seen_path.write_text("".join(f"{u}\n" for u in seen_urls), encoding="utf-8")
        command += ["--seen-urls", str(seen_path)]
    try:
        proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout,  # noqa: S603
                              check=False)
        returncode, stderr = proc.returncode, proc.stderr
    except subprocess.TimeoutExpired:
        returncode, stderr = -1, f"crawl timed out after {timeout:g} s"
    stats = json.loads(stats_path.read_text(encoding="utf-8")) if stats_path.exists() else {}
    items = read_items(items_path)
    status, evidence = crawl_status(stats, items, returncode)
    errors = list(stats.get("errors") or [])
    if returncode != 0:
        errors.append(stderr.strip().splitlines()[-1] if stderr.strip() else f"exit status {returncode}")
    return CrawlOutcome(source.id, status, items, int(stats.get("pages_fetched", 0)), errors, evidence,
                        started, datetime.now(UTC))
