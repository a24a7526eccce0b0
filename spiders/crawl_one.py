"""Crawl one source in this process; the flow runs it as a subprocess per crawl.

Twisted's reactor cannot be restarted inside one process, so each crawl gets a
fresh interpreter: `python -m spiders.crawl_one --source-json ... --items ...`.
`--many FILE` crawls several sources in one process instead (one JSON object a
line with the same fields as the options), which is how the bench runs 500 sites.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, cast

from scrapy.core.engine import ExecutionEngine
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings
from twisted.internet import defer

from spiders.spiders.bureau import BureauSpider

MEMORY_FILE = "kjwatch-listed-urls.txt"
# A spider whose last response yields nothing may only notice it is idle at the engine's next
# heartbeat (5 s by default); a revalidating re-crawl is over in well under a second, so look often.
HEARTBEAT_SECONDS = 0.25


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m spiders.crawl_one")
    parser.add_argument("--source-json")
    parser.add_argument("--items")
    parser.add_argument("--stats")
    parser.add_argument("--raw-dir")
    parser.add_argument("--cache-dir")
    parser.add_argument("--log-file")
    parser.add_argument("--seen-urls", help="URLs the warehouse already stores, one a line: never fetched again")
    parser.add_argument("--memory", help=f"list entries seen by earlier crawls (default: CACHE_DIR/{MEMORY_FILE})")
    parser.add_argument("--many", help="crawl several sources: a JSON-lines file of these options")
    parser.add_argument("--parallel", type=int, default=16, help="sources crawled at once with --many")
    args = parser.parse_args(argv)
    if not args.many and not all((args.source_json, args.items, args.stats, args.raw_dir, args.cache_dir)):
        parser.error("--source-json, --items, --stats, --raw-dir and --cache-dir are required without --many")
    return args


def _spider_kwargs(job: dict[str, Any]) -> dict[str, Any]:
    cache_dir = Path(job["cache_dir"])
    return {
        "source_json": job["source_json"], "raw_dir": job["raw_dir"], "stats_path": job["stats"],
        "items_path": job["items"], "seen_urls": job.get("seen_urls"),
        "memory_path": job.get("memory") or str(cache_dir / MEMORY_FILE),
    }


def _settings(cache_dir: str, log_file: str | None) -> Settings:
    settings = get_project_settings()
    settings.set("HTTPCACHE_DIR", cache_dir)
    if log_file:
        settings.set("LOG_FILE", log_file)
    return settings


def crawl_single(args: argparse.Namespace) -> int:
    source = json.loads(args.source_json)
    settings = _settings(args.cache_dir, args.log_file)
    settings.set("KJWATCH_ITEMS_PATH", args.items)
    settings.set("ROBOTSTXT_OBEY", bool(source.get("obey_robots", True)))
    settings.set("CLOSESPIDER_PAGECOUNT", int(source.get("max_pages", 200)) + len(source["start_urls"]))
    job = {"source_json": args.source_json, "raw_dir": args.raw_dir, "stats": args.stats, "items": args.items,
           "cache_dir": args.cache_dir, "seen_urls": args.seen_urls, "memory": args.memory}
    process = CrawlerProcess(settings)
    process.crawl(BureauSpider, **_spider_kwargs(job))
    process.start()
    return 0


def crawl_many(args: argparse.Namespace) -> int:
    """Many sources, `--parallel` at a time, sharing one reactor (robots.txt obeyed for all)."""
    jobs = [json.loads(line) for line in Path(args.many).read_text(encoding="utf-8").splitlines() if line.strip()]
    if not jobs:
        return 0
    process = CrawlerProcess(_settings(jobs[0]["cache_dir"], args.log_file))
    gate = defer.DeferredSemaphore(max(1, args.parallel))
    runs = [gate.run(process.crawl, BureauSpider, **_spider_kwargs(job)) for job in jobs]
    done = defer.DeferredList(runs)
    done.addBoth(_stop_reactor)
    process.start(stop_after_crawl=False)
    return 0


def _stop_reactor(_: Any) -> None:
    from twisted.internet import reactor

    cast(Any, reactor).stop()


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    ExecutionEngine._SLOT_HEARTBEAT_INTERVAL = HEARTBEAT_SECONDS
    return crawl_many(args) if args.many else crawl_single(args)


if __name__ == "__main__":
    sys.exit(main())
