"""`kjwatch` command line (CONTRACT.md §1). Heavy imports happen inside each command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from alerts.model import ALERT_KINDS
from flows import cmd_alerts, cmd_export, cmd_files, cmd_run, cmd_sources, cmd_sql
from flows.report import command as cmd_report


def _run_parser(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser("run", help="one monitoring run as a Prefect flow")
    run.add_argument("--sources", help="sources file (default $KJWATCH_SOURCES or sources.yaml)")
    run.add_argument("--db", help="DuckDB file (default $KJWATCH_DB or data/kjwatch.duckdb)")
    run.add_argument("--notify", action="append", default=[], help="apprise URL; repeatable")
    run.add_argument("--notify-config", metavar="FILE",
                     help="channel routing file (default $KJWATCH_NOTIFY_CONFIG, else notify.yaml if present)")
    run.add_argument("--demo", action="store_true", help="serve and crawl the bundled demo sites")
    run.add_argument("--tag", action="append", default=[], help="only sources with this tag")
    run.add_argument("--dask", metavar="ADDRESS", help="parse on this Dask scheduler (or $KJWATCH_DASK_ADDRESS)")
    run.add_argument("--quiet", action="store_true")
    run.set_defaults(func=cmd_run.run)
    crawl = sub.add_parser("crawl", help="crawl and store documents only; no alerts")
    group = crawl.add_mutually_exclusive_group()
    group.add_argument("--sources")
    group.add_argument("--url", action="extend", nargs="+", default=[], metavar="URL",
                       help="crawl these start URLs instead of a sources file (--url A B, or --url A --url B)")
    crawl.add_argument("--db")
    crawl.add_argument("--quiet", action="store_true")
    crawl.set_defaults(func=cmd_run.crawl)
    digest = sub.add_parser("digest", help="send a summary of the last days' alerts")
    digest.add_argument("--db")
    digest.add_argument("--notify", action="append", default=[])
    digest.add_argument("--days", type=int, default=7)
    digest.add_argument("--quiet", action="store_true")
    digest.set_defaults(func=cmd_run.digest)
    reparse = sub.add_parser("reparse", help="re-extract every stored document with the current extractor")
    reparse.add_argument("--db")
    reparse.add_argument("--quiet", action="store_true")
    reparse.set_defaults(func=cmd_run.reparse)
    serve = sub.add_parser("serve", help="serve the scheduled deployments (monitor daily, digest weekly)")
    serve.add_argument("--sources")
    serve.add_argument("--db")
    serve.add_argument("--notify", action="append", default=[])
    serve.add_argument("--every", type=float, help="run the monitor every N seconds instead of daily")
    serve.add_argument("--quiet", action="store_true")
    serve.set_defaults(func=cmd_run.serve)


def _file_parsers(sub: argparse._SubParsersAction) -> None:
    extract = sub.add_parser("extract", help="indicator records of files")
    extract.add_argument("--jsonl", action="store_true", help="one JSON object a line, header first")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    extract.set_defaults(func=cmd_files.extract)
    text = sub.add_parser("text", help="clean text of files as the extractor sees it")
    text.add_argument("--json", action="store_true", help="add title, date, attachments, warnings")
    text.add_argument("paths", nargs="+", metavar="PATH")
    text.set_defaults(func=cmd_files.text)


def _query_parsers(sub: argparse._SubParsersAction) -> None:
    sql = sub.add_parser("sql", help="read-only SQL against the warehouse")
    sql.add_argument("--db")
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table")
    sql.add_argument("--wait", type=float, default=30.0, help="seconds to wait for a writer (default 30)")
    sql.add_argument("query", metavar="QUERY")
    sql.set_defaults(func=cmd_sql.sql)
    export = sub.add_parser("export", help="write the warehouse as Parquet or CSV, partitioned by year")
    export.add_argument("--db")
    export.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    export.add_argument("--wait", type=float, default=30.0)
    export.add_argument("dir", metavar="DIR")
    export.set_defaults(func=cmd_export.export)
    rep = sub.add_parser("report", help="write the static HTML report of the warehouse")
    rep.add_argument("--db", help="DuckDB file (default $KJWATCH_DB or data/kjwatch.duckdb)")
    rep.add_argument("--out", help="output folder (default: report/ beside the database)")
    rep.add_argument("--quiet", action="store_true")
    rep.set_defaults(func=cmd_report.report)


def _alerts_parsers(sub: argparse._SubParsersAction) -> None:
    alerts = sub.add_parser("alerts", help="alert channels and the alerts raised")
    alerts_sub = alerts.add_subparsers(dest="alerts_command", required=True)
    test = alerts_sub.add_parser("test", help="send one test message through an apprise URL")
    test.add_argument("url")
    test.set_defaults(func=cmd_alerts.test)
    listing = alerts_sub.add_parser("list", help="alerts raised recently, newest first")
    listing.add_argument("--db")
    listing.add_argument("--kind", choices=(*ALERT_KINDS, "digest"))
    listing.add_argument("--since", type=int, default=30, metavar="DAYS", help="raised in the last DAYS days (30)")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    listing.set_defaults(func=cmd_alerts.list_command)
    resend = alerts_sub.add_parser("resend", help="send one alert again (by key) and record it")
    resend.add_argument("key", metavar="KEY")
    resend.add_argument("--db")
    resend.add_argument("--notify", action="append", default=[], metavar="URL",
                        help="send to this apprise URL instead of the alert's channels; repeatable")
    resend.add_argument("--notify-config", metavar="FILE")
    resend.set_defaults(func=cmd_alerts.resend)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kjwatch")
    except PackageNotFoundError:
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kjwatch", description="科技局 work-report monitor")
    parser.add_argument("--version", action="version", version=f"kjwatch {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    _run_parser(sub)
    _file_parsers(sub)
    _query_parsers(sub)
    cmd_sources.add_parsers(sub)
    _alerts_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        print("kjwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `kjwatch text FILE | head`: the reader left; stop quietly like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
