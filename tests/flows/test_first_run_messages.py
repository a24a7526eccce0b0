"""A first run on real components (demo sites over HTTP, Scrapy, Prefect, DuckDB) against a
local WeCom bot and a JSON webhook (issue 21 item 5): its alerts arrive grouped bureau →
document → kind, a message per bureau (issue 20) in numbered parts with titled links; with a
baseline nothing arrives, now or later, while the alerts are stored."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from flows.demo.server import DemoSites
from tests.servers import WebhookServer

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]

BOT = "wecombot://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0?rto=1&cto=1"


def _run(sources: Path, tmp_path: Path, notify: list[str], baseline: str | None = None) -> dict[str, Any]:
    from flows.monitor import monitor

    db = tmp_path / "state" / "kjwatch.duckdb"
    return monitor(str(sources), str(db), str(tmp_path / "raw"), notify, None, 0.0, True,
                   baseline=baseline or "off")


def _scalar(tmp_path: Path, sql: str) -> Any:
    with duckdb.connect(str(tmp_path / "state" / "kjwatch.duckdb"), read_only=True) as con:
        row = con.execute(sql).fetchone()
    return row[0] if row else None


def _contents(wecom: WebhookServer) -> list[str]:
    return [payload["markdown"]["content"] for _, payload in wecom.posts]


def test_a_first_run_arrives_grouped_numbered_and_linked_by_title(
        sites: DemoSites, wecom: WebhookServer, tmp_path: Path) -> None:
    with WebhookServer() as hook:
        sources = sites.write_sources(tmp_path / "sources.yaml")
        summary = _run(sources, tmp_path, [BOT, hook.url()])
        assert summary["alerts"] >= 10
        assert summary["deliveries_failed"] == 0
        assert _scalar(tmp_path, "SELECT count(*) FROM deliveries WHERE status = 'sent'") == 2 * summary["alerts"]
        contents = _contents(wecom)
        parts = len(contents)
        # Many alerts at once: one message per bureau (issue 20), in parts numbered per bureau.
        bureaus = [[line for line in c.splitlines() if line.startswith("## ")] for c in contents]
        assert all(len(names) == 1 for names in bureaus)
        for name in {names[0] for names in bureaus}:
            own = [c.splitlines()[0] for c, names in zip(contents, bureaus, strict=True) if names[0] == name]
            if len(own) > 1:
                assert [t[-len(f"（{n}/{len(own)}）"):] for n, t in enumerate(own, 1)] == [
                    f"（{n}/{len(own)}）" for n in range(1, len(own) + 1)]
        for content in contents:
            lines = content.splitlines()
            assert len(content.encode()) <= 4096
            assert not any(line.startswith("- ") for line in lines)  # WeCom renders no lists
            assert "[http" not in content  # a document's title is its link text
            headings = [line for line in lines if line.startswith("## ")]
            assert len(headings) == len(set(headings))  # each bureau once a part
        links = [re.findall(r"\*\*\[[^\]]+\]\((http[^)]+)\)\*\*", c) for c in contents]
        continued = sum(links[n][0] == links[n - 1][-1] for n in range(1, parts))  # a block longer than a part
        assert sum(map(len, links)) - continued == len({u for part in links for u in part})  # else whole
        new_reports = _scalar(tmp_path, "SELECT count(*) FROM alerts WHERE kind = 'new_document'")
        blocks = [b for c in contents for b in c.split("\n\n") if b.startswith("**[")]
        heads = [b.splitlines()[1] for b in blocks]
        assert sum(h.startswith("【新报告】") for h in heads) == new_reports  # a report heads its block
        texts = [payload["message"] for _, payload in hook.posts]
        assert all("【" in t and "》 http" in t for t in texts)  # plain text: 《title》 then its URL


def test_a_baseline_run_records_its_alerts_and_sends_nothing_then_or_later(
        sites: DemoSites, wecom: WebhookServer, tmp_path: Path) -> None:
    with WebhookServer() as hook:
        sources = sites.write_sources(tmp_path / "sources.yaml")
        first = _run(sources, tmp_path, [BOT, hook.url()], baseline="all")
        assert first["alerts"] >= 10
        assert first["message"] == f"baseline: {first['alerts']} alerts recorded, not sent"
        assert _scalar(tmp_path, "SELECT count(*) FROM alerts") == first["alerts"]
        assert _scalar(tmp_path, "SELECT count(*) FROM deliveries") == 0
        assert _scalar(tmp_path, "SELECT message FROM runs") == first["message"]
        second = _run(sources, tmp_path, [BOT, hook.url()])
        assert (second["alerts"], second["deliveries_sent"]) == (0, 0)
        assert wecom.posts == []
        assert hook.posts == []


def test_baseline_new_quiets_only_the_source_without_documents(
        sites: DemoSites, wecom: WebhookServer, tmp_path: Path) -> None:
    everything = yaml.safe_load(sites.sources_yaml())["sources"]
    (tmp_path / "one.yaml").write_text(yaml.safe_dump({"sources": everything[:1]}, allow_unicode=True), "utf-8")
    _run(tmp_path / "one.yaml", tmp_path, [])  # the first source is known: it has documents
    both = sites.write_sources(tmp_path / "sources.yaml")
    summary = _run(both, tmp_path, [BOT], baseline="new")
    added = everything[1]["id"]
    assert summary["alerts"] == summary["baseline"] > 0
    assert _scalar(tmp_path, f"SELECT count(*) FROM alerts WHERE source_id = '{added}' "  # noqa: S608
                             "AND run_id = (SELECT max_by(id, started_at) FROM runs)") == summary["alerts"]
    assert wecom.posts == []


def test_the_cli_says_how_many_alerts_the_baseline_recorded(sites: DemoSites, tmp_path: Path) -> None:
    """`kjwatch run --baseline` in a subprocess, as a user types it."""
    sources = sites.write_sources(tmp_path / "sources.yaml")
    db = tmp_path / "data" / "kjwatch.duckdb"
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    with WebhookServer() as hook:
        proc = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--baseline", "--sources", str(sources),
                               "--db", str(db), "--notify", hook.url(), "--quiet"],
                              env=env, capture_output=True, text=True, timeout=300, check=False, cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert hook.posts == []
    found = re.search(r"baseline: (\d+) alerts recorded, not sent", proc.stdout)
    assert found, proc.stdout
    assert int(found.group(1)) >= 10
