"""`kjwatch sources list [--missing] | add | check` (and `discover`, in flows/cmd_discover.py)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from flows import cli_help as H
from flows.bureaus_expected import expected_bureaus, missing_bureaus
from flows.cmd_discover import add_discover_parser
from flows.cmd_sql import print_rows
from flows.config import settings_from
from flows.progress import work_progress
from flows.registry import PROVINCE_TAGS, add_source, load_registry, new_entry, select
from flows.sources_check import CheckResult, check_url
from spiders.sources import LEVELS, Source, SourcesError
from warehouse.arrow import insert_rows
from warehouse.db import WarehouseLocked, writer


def _path(args: argparse.Namespace) -> Path:
    return settings_from(sources=args.sources).sources


def list_sources(args: argparse.Namespace) -> int:
    try:
        sources = load_registry(_path(args))
    except SourcesError as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    if args.missing:
        return list_missing(sources, args)
    try:
        sources = select(sources, [args.tag] if args.tag else None, str(_path(args)))
    except SourcesError as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    rows = [(s.id, s.name, s.level, s.region or "", ",".join(s.tags), s.start_urls[0]) for s in sources
            if not args.level or s.level == args.level]
    print_rows(args.format, ["id", "name", "level", "region", "tags", "start_url"], rows)
    return 0


def list_missing(sources: list[Source], args: argparse.Namespace) -> int:
    """The divisions no source monitors, with the organ to look for; the total goes to stdout under a
    table and to stderr with --format csv/json, so those stay machine-readable."""
    province, level = (None, args.tag) if args.tag in LEVELS else (args.tag, args.level)
    if province and province not in PROVINCE_TAGS.values():
        print(f"kjwatch: --missing --tag takes a province ({', '.join(sorted(PROVINCE_TAGS.values()))}) "
              f"or a level, not {args.tag!r}", file=sys.stderr)
        return 2
    missing = missing_bureaus(sources, province, level)
    expected = [b for b in expected_bureaus() if (not province or b.province_tag == province)
                and (not level or b.level == level)]
    rows = [(b.region_code, b.region, b.name, b.level) for b in missing]
    print_rows(args.format, ["region_code", "region", "expected_name", "level"], rows)
    total = (f"{len(missing)} of {len(expected)} divisions have no monitored bureau "
             f"/ {len(missing)} 个行政区尚无监测的科技局（共 {len(expected)} 个）")
    print(total, file=sys.stdout if args.format == "table" else sys.stderr)
    return 0


def add(args: argparse.Namespace) -> int:
    path = Path(args.sources or "sources.yaml")
    try:
        entry = new_entry(args.url, args.name, args.level, args.id, args.region, args.region_code, args.tag)
        source = add_source(path, entry)
    except (SourcesError, OSError) as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    print(f"added {source.id} ({source.name}) to {path}")
    return 0


def check(args: argparse.Namespace) -> int:
    try:
        sources = load_registry(_path(args))
    except SourcesError as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    if args.ids:
        unknown = set(args.ids) - {s.id for s in sources}
        if unknown:
            print(f"kjwatch: no source with id {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        sources = [s for s in sources if s.id in args.ids]
    results = _checked(sources, getattr(args, "quiet", False))
    rows = [(r.source_id, r.status, r.http_status or "", r.cms or "", r.url, r.detail) for r in results]
    print_rows(args.format, ["id", "status", "http", "cms", "url", "detail"], rows)
    try:
        with writer(settings_from(db=args.db).db, wait=30) as con:
            now = datetime.now(UTC)
            insert_rows(con, "source_checks", [{"checked_at": now, **asdict(r)} for r in results])
    except WarehouseLocked as exc:
        print(f"kjwatch: results not stored: {exc}", file=sys.stderr)
    return _check_exit(results)


USABLE = ("reachable", "redirected")
MISSING_HELP = ("列出尚无监测科技局的行政区（省、地、县级，含预期机构名；--tag 为省份拼音或级别）/ list the divisions "
                "(province, prefecture, county level) no source monitors, with the organ expected there; "
                "--tag takes a province (shandong) or a level")


def _checked(sources: list[Source], quiet: bool) -> list[CheckResult]:
    """Each source's start URLs, with progress on stderr (a bar on a terminal) as each is done."""
    results: list[CheckResult] = []
    with work_progress("kjwatch sources check", quiet) as bar:
        bar.start(len(sources))
        for count, source in enumerate(sources, 1):
            found = [check_url(source, url) for url in source.start_urls]
            results += found
            said = ", ".join(r.status if r.detail == "ok" else f"{r.status} — {r.detail}" for r in found)
            bar.source_done(f"[{count}/{len(sources)}] {source.id}: {said}", len(found), 0,
                            sum(r.status not in USABLE for r in found))
    return results


def _check_exit(results: list[CheckResult]) -> int:
    """0 when every site answered usefully, 1 when some did not, 3 when none did (scripts can tell)."""
    failed = [r for r in results if r.status not in USABLE]
    if failed:
        print(f"kjwatch: {len(failed)} of {len(results)} source(s) not usable: "
              + ", ".join(f"{r.source_id} {r.status}" for r in failed[:10]), file=sys.stderr)
    return 0 if not failed else 3 if len(failed) == len(results) else 1


def add_parsers(sub: argparse._SubParsersAction) -> None:
    sources = sub.add_parser("sources", help=H.COMMANDS["sources"], description=H.COMMANDS["sources"])
    inner = sources.add_subparsers(dest="sources_command", required=True)
    listing = inner.add_parser("list", help="列出来源 / list sources")
    listing.add_argument("--sources", help=H.SOURCES)
    listing.add_argument("--tag", help=H.FLAGS["list_tag"])
    listing.add_argument("--level", choices=LEVELS, help=H.FLAGS["list_level"])
    listing.add_argument("--missing", action="store_true", help=MISSING_HELP)
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table", help=H.FORMAT)
    listing.set_defaults(func=list_sources)
    adding = inner.add_parser("add", help="校验后添加一个来源 / validate and append one source")
    adding.add_argument("url", help=H.FLAGS["add_url"])
    adding.add_argument("--name", required=True, help=H.FLAGS["name"])
    adding.add_argument("--level", required=True, help=H.FLAGS["level"])
    adding.add_argument("--id", help=H.FLAGS["id"])
    adding.add_argument("--region", help=H.FLAGS["region"])
    adding.add_argument("--region-code", help=H.FLAGS["region_code"])
    adding.add_argument("--tag", action="append", default=[], help=H.FLAGS["add_tag"])
    adding.add_argument("--sources", help=H.FLAGS["add_sources"])
    adding.set_defaults(func=add)
    checking = inner.add_parser("check", help="逐个访问起始网址 / fetch each start URL once and report what is there")
    checking.add_argument("ids", nargs="*", metavar="ID", help=H.FLAGS["ids"])
    checking.add_argument("--sources", help=H.SOURCES)
    checking.add_argument("--db", help=H.DB)
    checking.add_argument("--format", choices=("table", "csv", "json"), default="table", help=H.FORMAT)
    checking.add_argument("--quiet", action="store_true", help=H.QUIET)
    checking.set_defaults(func=check)
    add_discover_parser(inner)
