"""Channel URLs handed to the flows from Python (`monitor(notify=[…])`, `digest(db, [...])`)
reach the flow, which delivers through them, but Prefect stores them masked among the flow
run's parameters (flows/masked_flow.py): the real Prefect engine and its API in a test
harness, a real local site, a real webhook receiver, a real DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.servers import WebhookServer
from tests.spiders.routed_site import TITLES, RoutedSite, report_page
from tests.spiders.sitekit import source_dict

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]
SECRET = "Hook-Pa55word-0b7e44"  # noqa: S105 - a made-up password the test looks for


def _stored_parameters(db: Path) -> dict[str, dict[str, Any]]:
    """Parameters Prefect's API holds for this warehouse's flow runs, by flow name."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        names = {f.id: f.name for f in client.read_flows()}
        runs = [r for r in client.read_flow_runs(limit=200) if r.parameters.get("db") == str(db)]
    return {names[r.flow_id]: r.parameters for r in runs}


def _site_sources(site: RoutedSite, path: Path) -> Path:
    site.routes["/"] = (200, {}, f'<html><body><a href="/r/1.html">{TITLES["甲"]}</a></body></html>'.encode())
    site.routes["/r/1.html"] = (200, {}, report_page(TITLES["甲"]))
    entry = source_dict("lc", f"{site.base}/", obey_robots=False)
    path.write_text(yaml.safe_dump({"sources": [entry]}, allow_unicode=True), encoding="utf-8")
    return path


def test_urls_given_to_the_flows_from_python_are_used_but_stored_masked(tmp_path: Path) -> None:
    from flows.digest import digest
    from flows.monitor import monitor

    db = tmp_path / "state" / "kjwatch.duckdb"
    with RoutedSite() as site, WebhookServer() as hook:
        url = f"json://kjwatch:{SECRET}@127.0.0.1:{hook.port}/hook"
        sources = _site_sources(site, tmp_path / "sources.yaml")
        summary = monitor(str(sources), str(db), str(tmp_path / "raw"), notify=[url], crawl_delay=0.0, quiet=True)
        after_run = len(hook.posts)
        digested = digest(str(db), [url], 7, True)
    assert summary["alerts"] >= 1
    assert summary["deliveries_sent"] >= 1                            # the flow really used the URL…
    assert after_run >= 1
    assert digested["sent"] == 1
    assert len(hook.posts) == after_run + 1
    stored = _stored_parameters(db)
    assert set(stored) == {"monitor", "digest"}
    assert stored["monitor"]["notify"] == ["**********"]
    assert stored["digest"]["notify"] == ["**********"]
    assert stored["monitor"]["sources_file"] == str(sources)          # the other parameters as given
    assert SECRET not in json.dumps(stored)
