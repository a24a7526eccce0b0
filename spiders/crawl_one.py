"""Crawl one source in this process; the flow runs it as a subprocess per crawl.

Twisted's reactor cannot be restarted inside one process, so each crawl gets a
fresh interpreter: `python -m spiders.crawl_one --source-json ... --items ...`.
"""

from __future__ import annotations

import argparse
import json
import sys

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from spiders.spiders.bureau import BureauSpider


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m spiders.crawl_one")
    parser.add_argument("--source-json", required=True)
    parser.add_argument("--items", required=True)
    parser.add_argument("--stats", required=True)
    parser.add_argument("--raw-dir", required=True)
    parser.add_argument("--cache-dir", required=True)
    parser.add_argument("--log-file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    source = json.loads(args.source_json)
    settings = get_project_settings()
    settings.set("KJWATCH_ITEMS_PATH", args.items)
    settings.set("HTTPCACHE_DIR", args.cache_dir)
    settings.set("ROBOTSTXT_OBEY", bool(source.get("obey_robots", True)))
    settings.set("CLOSESPIDER_PAGECOUNT", int(source.get("max_pages", 200)) + len(source["start_urls"]))
    if args.log_file:
        settings.set("LOG_FILE", args.log_file)
    process = CrawlerProcess(settings)
    process.crawl(BureauSpider, source_json=args.source_json, raw_dir=args.raw_dir, stats_path=args.stats)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
