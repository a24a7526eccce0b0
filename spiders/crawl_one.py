"""Crawl sources in this process: one (`--source-json …`) or many (`--many FILE`).

Twisted's reactor cannot be restarted inside one process, so a crawl process runs its
sources once and exits. `--many FILE` (one JSON object a line with the same fields as the
options) crawls them all in one process, `--parallel` at a time, each as its own Scrapy
crawler with its own settings (HTTP cache folder, robots obedience, page cap), so the
per-source limits hold as in a process of its own. As each source ends, a line
`kjwatch-done {"id": …, "stats": …}` goes to stdout (flows/crawl_batch.py reads them); a
source whose spider crashes gets a stats file naming the error, and the others go on.
robots.txt answers are kept per host for 24 h (spiders/robots_cache.py) in
`--robots-cache` (default: `robots-txt` next to the source's cache folder).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, cast

from scrapy.core.engine import ExecutionEngine
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings
from twisted.internet import defer
from twisted.python.failure import Failure

from spiders.spiders.bureau import BureauSpider

MEMORY_FILE = "kjwatch-listed-urls.txt"
ROBOTS_FOLDER = "robots-txt"
DONE_PREFIX = "kjwatch-done "
# A spider whose last response yields nothing may only notice it is idle at the engine's next
# heartbeat (5 s by default); a revalidating re-crawl is over in well under a second, so look often.
HEARTBEAT_SECONDS = 0.25
FILESYSTEM_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"
REVALIDATION_STORAGE = "spiders.httpcache.RevalidationFilesystemCacheStorage"
# Per-source values outrank the process's project settings, which Scrapy merges into every crawler.
SOURCE_PRIORITY = "cmdline"


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
    parser.add_argument("--robots-cache", help=f"robots.txt per host (default: CACHE_DIR/../{ROBOTS_FOLDER})")
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


def _cache_storage(settings: Settings) -> str:
    """Scrapy's filesystem storage becomes the one that does not rewrite a page after its 304
    (spiders/httpcache.py); any other storage the settings name is kept."""
    storage = settings.get("HTTPCACHE_STORAGE")
    return REVALIDATION_STORAGE if storage == FILESYSTEM_STORAGE else str(storage)


def _job_settings(base: Settings, job: dict[str, Any]) -> Settings:
    """The process's settings plus this source's own: cache folder, robots, page cap, items file."""
    source = json.loads(job["source_json"])
    settings = base.copy()
    robots = job.get("robots_cache") or str(Path(job["cache_dir"]).parent / ROBOTS_FOLDER)
    middlewares = {**settings.getdict("DOWNLOADER_MIDDLEWARES"),
                   "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
                   "spiders.robots_cache.CachedRobotsTxtMiddleware": 100}
    values = {"HTTPCACHE_DIR": job["cache_dir"], "KJWATCH_ITEMS_PATH": job["items"],
              "HTTPCACHE_STORAGE": _cache_storage(settings),
              "KJWATCH_ROBOTS_CACHE_DIR": robots, "DOWNLOADER_MIDDLEWARES": middlewares,
              "ROBOTSTXT_OBEY": bool(source.get("obey_robots", True)),
              "CLOSESPIDER_PAGECOUNT": int(source.get("max_pages", 200)) + len(source.get("start_urls") or [])}
    for name, value in values.items():
        settings.set(name, value, priority=SOURCE_PRIORITY)
    return settings


def _new_crawler(process: CrawlerProcess, settings: Settings) -> Crawler:
    """A crawler with its own settings; the first one installs the reactor, as
    CrawlerProcess._create_crawler does for crawlers made from the process's settings."""
    init_reactor = not process._initialized_reactor
    process._initialized_reactor = True
    return Crawler(BureauSpider, settings, init_reactor=init_reactor)


def _process_settings(log_file: str | None) -> Settings:
    settings = get_project_settings()
    if log_file:
        settings.set("LOG_FILE", log_file)
    return settings


def _job_of(args: argparse.Namespace) -> dict[str, Any]:
    return {"source_json": args.source_json, "raw_dir": args.raw_dir, "stats": args.stats, "items": args.items,
            "cache_dir": args.cache_dir, "seen_urls": args.seen_urls, "memory": args.memory,
            "robots_cache": args.robots_cache}


def crawl_single(args: argparse.Namespace) -> int:
    base = _process_settings(args.log_file)
    job = _job_of(args)
    process = CrawlerProcess(base)
    process.crawl(_new_crawler(process, _job_settings(base, job)), **_spider_kwargs(job))
    process.start()
    return 0


def _source_id(job: dict[str, Any]) -> str:
    try:
        return str(json.loads(job["source_json"]).get("id", "?"))
    except (ValueError, AttributeError):
        return "?"


def _crash_stats(job: dict[str, Any], failure: Failure) -> None:
    """A spider that crashed wrote no stats: write them, naming the error, so its source is failed."""
    path = Path(job["stats"])
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    error = f"spider crashed: {failure.type.__name__ if failure.type else 'error'}: {failure.getErrorMessage()}"
    path.write_text(json.dumps({"source_id": _source_id(job), "pages_fetched": 0, "errors": [error]},
                               ensure_ascii=False), encoding="utf-8")


def _crawl_job(process: CrawlerProcess, base: Settings, job: dict[str, Any]) -> defer.Deferred[Any]:
    """One source's crawl; whatever happens, its end is announced on stdout."""
    def announce(result: Any) -> None:
        if isinstance(result, Failure):
            _crash_stats(job, result)
        line = json.dumps({"id": _source_id(job), "stats": job["stats"]}, ensure_ascii=False)
        sys.stdout.write(f"{DONE_PREFIX}{line}\n")
        sys.stdout.flush()

    def start() -> Any:
        return process.crawl(_new_crawler(process, _job_settings(base, job)), **_spider_kwargs(job))
    done = defer.maybeDeferred(start)
    done.addBoth(announce)
    return done


def crawl_many(args: argparse.Namespace) -> int:
    """Many sources, `--parallel` at a time, sharing one reactor and one log."""
    jobs = [json.loads(line) for line in Path(args.many).read_text(encoding="utf-8").splitlines() if line.strip()]
    if not jobs:
        return 0
    base = _process_settings(args.log_file)
    process = CrawlerProcess(base)
    gate = defer.DeferredSemaphore(max(1, args.parallel))
    runs = [gate.run(_crawl_job, process, base, job) for job in jobs]
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
