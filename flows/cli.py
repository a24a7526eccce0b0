"""`kjwatch` command line (CONTRACT.md §1). Heavy imports happen inside each command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

try:  # the command modules take most of a second to load: Ctrl-C then must not print a traceback
    from alerts.model import ALERT_KINDS
    from flows import cli_help as H
    from flows import cmd_alerts, cmd_export, cmd_files, cmd_run, cmd_sources, cmd_sql
    from flows.cli_examples import attach_examples
    from flows.report import command as cmd_report
except KeyboardInterrupt:
    sys.stderr.write("kjwatch: interrupted\n")
    raise SystemExit(130) from None


def _run_parser(sub: argparse._SubParsersAction) -> None:
    run = sub.add_parser("run", help=H.COMMANDS["run"], description=H.COMMANDS["run"])
    run.add_argument("--sources", help=H.SOURCES)
    run.add_argument("--db", help=H.DB)
    run.add_argument("--notify", action="append", default=[], metavar="URL", help=H.NOTIFY)
    run.add_argument("--notify-config", metavar="FILE", help=H.NOTIFY_CONFIG)
    run.add_argument("--demo", action="store_true", help=H.FLAGS["demo"])
    run.add_argument("--tag", action="append", default=[], help=H.FLAGS["tag"])
    run.add_argument("--dask", metavar="ADDRESS", help=H.FLAGS["dask"])
    run.add_argument("--baseline", nargs="?", const="all", choices=("all", "new"), help=H.FLAGS["baseline"])
    run.add_argument("--quiet", action="store_true", help=H.QUIET)
    run.set_defaults(func=cmd_run.run)
    crawl = sub.add_parser("crawl", help=H.COMMANDS["crawl"], description=H.COMMANDS["crawl"])
    group = crawl.add_mutually_exclusive_group()
    group.add_argument("--sources", help=H.SOURCES)
    group.add_argument("--url", action="extend", nargs="+", default=[], metavar="URL", help=H.FLAGS["url"])
    crawl.add_argument("--db", help=H.DB)
    crawl.add_argument("--quiet", action="store_true", help=H.QUIET)
    crawl.set_defaults(func=cmd_run.crawl)
    digest = sub.add_parser("digest", help=H.COMMANDS["digest"], description=H.COMMANDS["digest"])
    digest.add_argument("--db", help=H.DB)
    digest.add_argument("--notify", action="append", default=[], metavar="URL", help=H.NOTIFY)
    digest.add_argument("--days", type=int, default=7, help=H.FLAGS["days"])
    digest.add_argument("--quiet", action="store_true", help=H.QUIET)
    digest.set_defaults(func=cmd_run.digest)
    reparse = sub.add_parser("reparse", help=H.COMMANDS["reparse"], description=H.COMMANDS["reparse"])
    reparse.add_argument("--db", help=H.DB)
    reparse.add_argument("--quiet", action="store_true", help=H.QUIET)
    reparse.set_defaults(func=cmd_run.reparse)
    serve = sub.add_parser("serve", help=H.COMMANDS["serve"], description=H.COMMANDS["serve"])
    serve.add_argument("--sources", help=H.SOURCES)
    serve.add_argument("--db", help=H.DB)
    serve.add_argument("--notify", action="append", default=[], metavar="URL", help=H.NOTIFY)
    serve.add_argument("--every", type=float, metavar="SECONDS", help=H.FLAGS["every"])
    serve.add_argument("--quiet", action="store_true", help=H.QUIET)
    serve.set_defaults(func=cmd_run.serve)


def _file_parsers(sub: argparse._SubParsersAction) -> None:
    extract = sub.add_parser("extract", help=H.COMMANDS["extract"], description=H.COMMANDS["extract"])
    extract.add_argument("--jsonl", action="store_true", help=H.FLAGS["jsonl"])
    extract.add_argument("paths", nargs="+", metavar="PATH", help=H.FLAGS["paths"])
    extract.set_defaults(func=cmd_files.extract)
    text = sub.add_parser("text", help=H.COMMANDS["text"], description=H.COMMANDS["text"])
    text.add_argument("--json", action="store_true", help=H.FLAGS["json"])
    text.add_argument("paths", nargs="+", metavar="PATH", help=H.FLAGS["paths"])
    text.set_defaults(func=cmd_files.text)


def _query_parsers(sub: argparse._SubParsersAction) -> None:
    sql = sub.add_parser("sql", help=H.COMMANDS["sql"], description=H.COMMANDS["sql"])
    sql.add_argument("--db", help=H.DB)
    sql.add_argument("--format", choices=("table", "csv", "json"), default="table", help=H.FORMAT)
    sql.add_argument("--wait", type=float, default=30.0, help=H.WAIT)
    sql.add_argument("query", metavar="QUERY", help=H.FLAGS["query"])
    sql.set_defaults(func=cmd_sql.sql)
    export = sub.add_parser("export", help=H.COMMANDS["export"], description=H.COMMANDS["export"])
    export.add_argument("--db", help=H.DB)
    export.add_argument("--format", choices=("parquet", "csv"), default="parquet", help=H.FORMAT)
    export.add_argument("--wait", type=float, default=30.0, help=H.WAIT)
    export.add_argument("dir", metavar="DIR", help=H.FLAGS["dir"])
    export.set_defaults(func=cmd_export.export)
    rep = sub.add_parser("report", help=H.COMMANDS["report"], description=H.COMMANDS["report"])
    rep.add_argument("--db", help=H.DB)
    rep.add_argument("--out", help=H.FLAGS["out"])
    rep.add_argument("--quiet", action="store_true", help=H.QUIET)
    rep.set_defaults(func=cmd_report.report)


def _alerts_parsers(sub: argparse._SubParsersAction) -> None:
    alerts = sub.add_parser("alerts", help=H.COMMANDS["alerts"], description=H.COMMANDS["alerts"])
    alerts_sub = alerts.add_subparsers(dest="alerts_command", required=True)
    test = alerts_sub.add_parser("test", help="发一条测试消息 / send one test message through an apprise URL")
    test.add_argument("url", help=H.FLAGS["test_url"])
    test.set_defaults(func=cmd_alerts.test)
    listing = alerts_sub.add_parser("list", help="最近的提醒与各渠道欠发情况 / alerts raised recently, newest first")
    listing.add_argument("--db", help=H.DB)
    listing.add_argument("--kind", choices=(*ALERT_KINDS, "digest"), help=H.FLAGS["kind"])
    listing.add_argument("--since", type=int, default=30, metavar="DAYS", help=H.FLAGS["since"])
    listing.add_argument("--format", choices=("table", "json"), default="table", help=H.FORMAT)
    listing.set_defaults(func=cmd_alerts.list_command)
    chans = alerts_sub.add_parser("channels", help="各渠道欠发、最早欠发、最近错误、下次尝试 / "
                                  "per channel: alerts owed, oldest owed, last error (masked), next try")
    chans.add_argument("--db", help=H.DB)
    chans.add_argument("--format", choices=("table", "json"), default="table", help=H.FORMAT)
    chans.set_defaults(func=cmd_alerts.channels_command)
    resend = alerts_sub.add_parser("resend", help="按键重发一条提醒 / send one alert again (by key) and record it")
    resend.add_argument("key", metavar="KEY", help=H.FLAGS["key"])
    resend.add_argument("--db", help=H.DB)
    resend.add_argument("--notify", action="append", default=[], metavar="URL", help=H.FLAGS["resend_notify"])
    resend.add_argument("--notify-config", metavar="FILE", help=H.NOTIFY_CONFIG)
    resend.set_defaults(func=cmd_alerts.resend)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kjwatch")
    except PackageNotFoundError:
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kjwatch", description="科技局工作报告监测 / 科技局 work-report monitor")
    parser.add_argument("--version", action="version", version=f"kjwatch {_version()}",
                        help="版本 / show the version and exit")
    sub = parser.add_subparsers(dest="command", required=True)
    _run_parser(sub)
    _file_parsers(sub)
    _query_parsers(sub)
    cmd_sources.add_parsers(sub)
    _alerts_parsers(sub)
    attach_examples(parser)
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
