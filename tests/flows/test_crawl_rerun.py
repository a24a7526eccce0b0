"""Unchanged re-runs cost at most one request per list page, and an edited report is still found
on its weekly revalidation run (issue 17): real monitor runs over a fixture site on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows.revalidation import REVALIDATE_EVERY, urls_to_skip
from tests.spiders.sitekit import SITES_ROOT, FixtureSites, source_dict

EDITED = "col/col101/202501/t20250120_1001.html"


def _run(sources: Path, state: Path) -> dict[str, Any]:
    from flows.monitor import monitor

    return monitor(str(sources), str(state / "kjwatch.duckdb"), str(state / "raw"), [], None, 0.0, True,
                   baseline="off")


def _latest_stats(state: Path) -> dict[str, Any]:
    newest = max((state / "crawls" / "trs").glob("*/stats.json"), key=lambda p: p.parent.name)
    return dict(json.loads(newest.read_text(encoding="utf-8")))


def _edit(page: Path) -> None:
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", "<p>修订：全市高新技术企业达到999家。</p></body>"), encoding="utf-8")
    os.utime(page, (time.time() + 5, time.time() + 5))


def _a_week_passes(state: Path) -> None:
    """The source's last successful crawl moves a week back, as if the runs had been a week apart."""
    with duckdb.connect(str(state / "kjwatch.duckdb")) as con:
        con.execute("UPDATE crawl_results SET started_at = started_at - INTERVAL 8 DAY")


@pytest.mark.usefixtures("prefect_harness")
def test_an_unchanged_rerun_costs_one_request_per_list_page_and_an_edit_is_found_within_a_week(
        tmp_path: Path) -> None:
    shutil.copytree(SITES_ROOT / "trs", tmp_path / "sites" / "trs")
    state = tmp_path / "state"
    with FixtureSites(["trs"], root=tmp_path / "sites") as sites:
        sources = tmp_path / "sources.yaml"
        sources.write_text(json.dumps({"sources": [source_dict("trs", sites.url("trs"))]}), encoding="utf-8")
        hits = sites.logs["trs"].hits
        first = _run(sources, state)
        hits.clear()
        second = _run(sources, state)
        rerun_hits, rerun_lists = list(hits), _latest_stats(state)["list_pages"]
        _edit(tmp_path / "sites" / "trs" / EDITED)
        hits.clear()
        third = _run(sources, state)
        third_paths = [path for _, path, _ in hits]
        _a_week_passes(state)
        hits.clear()
        fourth = _run(sources, state)
        fourth_paths = [path for _, path, _ in hits]
    assert first["documents_new"] >= 3
    assert second["documents_new"] == second["documents_changed"] == 0
    assert {status for _, _, status in rerun_hits} == {304}
    assert "/robots.txt" not in [path for _, path, _ in rerun_hits]
    assert 0 < len(rerun_hits) <= rerun_lists                     # ≤ 1.0 request per list page
    assert third["documents_changed"] == 0                        # edited, but not due yet …
    assert f"/{EDITED}" not in third_paths
    assert fourth["documents_changed"] == 1                       # … found on its revalidation run
    assert f"/{EDITED}" in fourth_paths


def _rows(count: int, last_crawl: datetime | None, settled: bool = False) -> list[dict[str, Any]]:
    return [{"source_id": "s", "url": f"http://bureau.example/t{n}.html", "page_url": None, "settled": settled,
             "last_crawl": last_crawl} for n in range(count)]


def test_daily_runs_revalidate_about_a_seventh_of_the_documents_each_and_every_one_within_a_week() -> None:
    now = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
    rows = _rows(700, now - timedelta(days=1))
    due_per_day = []
    for day in range(7):
        moment = now + timedelta(days=day)
        rows = [{**r, "last_crawl": moment - timedelta(days=1)} for r in rows]
        skipped = set(urls_to_skip(rows, moment).get("s", []))
        due_per_day.append({r["url"] for r in rows} - skipped)
    assert all(60 <= len(due) <= 140 for due in due_per_day)
    assert set().union(*due_per_day) == {r["url"] for r in rows}          # each one within 7 days …
    assert sum(len(due) for due in due_per_day) == len(rows)               # … and only once
    assert urls_to_skip(_rows(3, now - REVALIDATE_EVERY), now) == {}       # a week without runs: all due
    assert len(urls_to_skip(_rows(3, now - REVALIDATE_EVERY, settled=True), now)["s"]) == 3   # settled: never
