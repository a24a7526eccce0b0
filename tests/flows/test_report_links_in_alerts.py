"""A real first run (demo sites, Scrapy, Prefect, DuckDB, a local WeCom bot): the alerts arrive a
message per bureau when many arrive at once, each linking that bureau's page of the report the run
wrote (issue 20); KJWATCH_REPORT_URL says where the report folder is served."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from flows.demo.server import DemoSites
from flows.report.command import bureau_page_url, default_out
from tests.servers import WebhookServer

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("prefect_harness")]
BOT = "wecombot://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0?rto=1&cto=1"
BASE = "https://kj.intranet.example/kjwatch/report"


def test_each_bureau_s_message_links_its_report_page(sites: DemoSites, wecom: WebhookServer, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.monitor import monitor

    monkeypatch.setenv("KJWATCH_REPORT_URL", BASE + "/")
    db = tmp_path / "state" / "kjwatch.duckdb"
    summary = monitor(str(sites.write_sources(tmp_path / "sources.yaml")), str(db), str(tmp_path / "raw"),
                      [BOT], None, 0.0, True, baseline="off")
    assert summary["alerts"] >= 10
    with duckdb.connect(str(db), read_only=True) as con:
        ids = dict(con.execute("SELECT name, id FROM sources").fetchall())
    contents = [payload["markdown"]["content"] for _, payload in wecom.posts]
    assert contents
    seen = set()
    for content in contents:
        bureaus = [line[3:].strip() for line in content.splitlines() if line.startswith("## ")]
        links = re.findall(r"\[本单位报告页\]\(([^)]+)\)", content)
        assert links == [f"{BASE}/bureau/{ids[b]}.html" for b in bureaus]
        if len(contents) > 1:
            assert len(bureaus) == 1  # many alerts at once: a message per bureau
        seen.update(bureaus)
    assert seen == set(ids)
    for link in {u for c in contents for u in re.findall(r"\[本单位报告页\]\(([^)]+)\)", c)}:
        assert (default_out(db) / link.removeprefix(BASE + "/")).is_file()  # the page the run wrote


def test_without_a_served_report_the_page_beside_the_database_is_named(tmp_path: Path) -> None:
    db = tmp_path / "data" / "kjwatch.duckdb"
    page = bureau_page_url(db, env={})
    assert page("demo-trs-city") == (tmp_path / "data" / "report" / "bureau" / "demo-trs-city.html").as_uri()
    assert page(None) is None
    served = bureau_page_url(db, env={"KJWATCH_REPORT_URL": "https://kj.example/r/"})
    assert served("demo-trs-city") == "https://kj.example/r/bureau/demo-trs-city.html"
