"""`kjwatch run`, `kjwatch crawl` and `kjwatch serve`."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from flows.config import Settings, StateDirError, prepare_prefect, settings_from

TRY_QUERY = (
    "SELECT bureau, kind, metric, year, value, unit, rank, scope FROM indicator_latest "
    "WHERE kind <> 'actual' ORDER BY bureau, kind, metric"
)


class RunRefused(RuntimeError):
    """The run cannot proceed at all (bad sources file, locked database, bad notify URL)."""


def _refusals() -> tuple[type[BaseException], ...]:
    from alerts.channels import ChannelError
    from spiders.sources import SourcesError
    from warehouse.db import WarehouseLocked

    return (SourcesError, WarehouseLocked, ChannelError, RunRefused, StateDirError)


def _demo_sources(stack: ExitStack, settings: Settings) -> Path:
    from flows.demo.server import DemoSites

    sites = stack.enter_context(DemoSites(stable_ports=True))
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    path = sites.write_sources(settings.state_dir / "demo-sources.yaml")
    if not settings.quiet:
        for name, url in sites.urls.items():
            print(f"[kjwatch] demo site {name} at {url}", file=sys.stderr)
    return path


def _execute(settings: Settings, demo: bool, tags: list[str], detect_alerts: bool,
             dask_address: str | None = None, notify_config: str | None = None,
             baseline: str | None = None) -> dict[str, Any]:
    from flows.baseline import baseline_mode
    from flows.notify_setup import failing_runs, load_channels
    from flows.registry import select
    from spiders.sources import load_sources

    with ExitStack() as stack:
        sources = _demo_sources(stack, settings) if demo else settings.sources
        if not sources.exists():
            raise RunRefused(f"sources file {sources} not found (use --sources FILE or --demo)")
        select(load_sources(sources), tags, str(sources))  # refuse a bad file or an empty choice before Prefect
        prepare_prefect(settings.state_dir)  # before notify.yaml: `secret:` entries load Prefect blocks
        if detect_alerts:
            load_channels(list(settings.notify), notify_config)
            try:
                failing_runs()
                baseline = baseline_mode(baseline)
            except ValueError as exc:
                raise RunRefused(str(exc)) from None
        from flows.monitor import monitor

        os.environ["KJWATCH_NOTIFY"] = " ".join(settings.notify)
        return monitor(str(sources), str(settings.db), str(settings.raw_dir), None,
                       tags or None, 0.0 if demo else None, settings.quiet, detect_alerts,
                       dask_address=dask_address, notify_config=notify_config, run_id=uuid.uuid4().hex[:12],
                       baseline=baseline or "off")


def print_summary(summary: dict[str, Any], db: Path, command: str = "run") -> None:
    """The bilingual end-of-run summary (flows/run_summary.py), read back from the warehouse."""
    from flows.run_summary import render_summary, run_details

    print(render_summary(summary, run_details(db, summary["run_id"]), db, command, TRY_QUERY))


def _run_command(args: argparse.Namespace, settings: Settings, demo: bool, detect_alerts: bool) -> int:
    try:
        dask_address = getattr(args, "dask", None) or os.environ.get("KJWATCH_DASK_ADDRESS")
        summary = _execute(settings, demo, getattr(args, "tag", []), detect_alerts, dask_address,
                           notify_config=getattr(args, "notify_config", None),
                           baseline=getattr(args, "baseline", None))
    except _refusals() as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    print_summary(summary, settings.db, "run" if detect_alerts else "crawl")
    return 0


def run(args: argparse.Namespace) -> int:
    settings = settings_from(db=args.db, sources=args.sources, notify=args.notify, quiet=args.quiet)
    return _run_command(args, settings, args.demo, detect_alerts=True)


def crawl(args: argparse.Namespace) -> int:
    settings = settings_from(db=args.db, sources=args.sources, notify=[], quiet=args.quiet)
    if args.url:
        settings = _adhoc_sources(settings, args.url)
    code = _run_command(args, settings, demo=False, detect_alerts=False)
    if args.url and code == 0:
        _name_adhoc_sources(settings, len(args.url))
    return code


def _name_adhoc_sources(settings: Settings, count: int) -> None:
    """`crawl --url` knows only a host: the bureau its documents (or their titles) name is the name."""
    from parsing.extract import extract_indicators
    from warehouse.db import writer
    from warehouse.runs import rename_source, source_documents

    with writer(settings.db) as con:
        for source_id in (_adhoc_id(n) for n in range(1, count + 1)):
            rows = source_documents(con, source_id)
            named: list[str | None] = [b for b, _ in rows if b]
            named = named or [extract_indicators(t).header.bureau for _, t in rows if t]
            name = next((n for n in named if n), None)
            if name:
                rename_source(con, source_id, name)


def _adhoc_id(n: int) -> str:
    return f"adhoc-{n}"


def _adhoc_sources(settings: Settings, urls: list[str]) -> Settings:
    """`crawl --url`: a throwaway sources file with one source per URL host."""
    from urllib.parse import urlsplit

    import yaml

    entries = [{"id": _adhoc_id(n), "name": urlsplit(u).hostname or u, "level": "city", "start_urls": [u]}
               for n, u in enumerate(urls, 1)]
    path = Path(tempfile.mkdtemp(prefix="kjwatch-")) / "sources.yaml"
    path.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
    return Settings(settings.db, settings.raw_dir, path, (), settings.quiet)


def digest(args: argparse.Namespace) -> int:
    settings = settings_from(db=args.db, notify=args.notify, quiet=args.quiet)
    if not settings.db.exists():
        print(f"kjwatch: no warehouse at {settings.db}: run `kjwatch run` first", file=sys.stderr)
        return 2
    try:
        prepare_prefect(settings.state_dir)
        from flows.digest import digest as digest_flow

        os.environ["KJWATCH_NOTIFY"] = " ".join(settings.notify)
        summary = digest_flow(str(settings.db), None, args.days, settings.quiet)
    except _refusals() as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    print(f"kjwatch digest: {summary['alerts']} alert(s) in the last {args.days} day(s), sent {summary['sent']}")
    return 0


def reparse(args: argparse.Namespace) -> int:
    settings = settings_from(db=args.db, quiet=args.quiet)
    if not settings.db.exists():
        print(f"kjwatch: no warehouse at {settings.db}: run `kjwatch run` first", file=sys.stderr)
        return 2
    try:
        prepare_prefect(settings.state_dir)
        from flows.reparse import reparse as reparse_flow

        summary = reparse_flow(str(settings.db), settings.quiet)
    except _refusals() as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    print(f"kjwatch reparse {summary['run_id']}: {summary['documents']} document(s) re-extracted, "
          f"{summary['indicators']} indicator(s), {summary['failed']} could not be re-read")
    return 0


def serve(args: argparse.Namespace) -> int:
    """Serve against PREFECT_API_URL when set; otherwise start a local Prefect server first."""
    import signal

    from flows.local_server import prefect_server

    settings = settings_from(db=args.db, sources=args.sources, notify=args.notify, quiet=args.quiet)
    try:
        prepare_prefect(settings.state_dir)
    except StateDirError as exc:
        print(f"kjwatch: {exc}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        with ExitStack() as stack:
            if not os.environ.get("PREFECT_API_URL"):
                api_url = stack.enter_context(prefect_server(settings.state_dir / "prefect-server.log"))
                os.environ["PREFECT_API_URL"] = api_url
                if not settings.quiet:
                    print(f"[kjwatch] started a local Prefect server at {api_url} "
                          f"(UI {api_url.removesuffix('/api')})", file=sys.stderr)
            from flows.serve import serve_deployments

            return serve_deployments(settings, args.every)
    except KeyboardInterrupt:  # also while the local server is still starting
        return 0


def _stop_on_sigterm(signum: int, frame: object) -> None:
    """Until the runner takes SIGTERM over (`flows.serve.StoppableRunner`), it ends serving like
    Ctrl-C, so the local server is stopped on the way out."""
    raise KeyboardInterrupt
