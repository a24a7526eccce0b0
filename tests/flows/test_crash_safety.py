"""issue 16 crash safety: a real `kjwatch run` (subprocess, ephemeral Prefect, a DuckDB file, the
demo sites and a webhook channel on 127.0.0.1) is killed with SIGKILL at seeded moments — as crawling
starts, with one crawl done and one running, after the last crawl (parsing), while the load step
writes, and with a message in flight to the webhook — and after each kill the next run must
complete and keep everything stored before.

KJWATCH_CRASH_KILLS (default 8) sets the number of kills, KJWATCH_CRASH_SEED (default 16) the
seed: a failure names both, so it reproduces. bench/crash.py prints the same series as figures."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from flows.demo.server import DemoSites
from tests.flows.crash_rig import CountingHook, crash_series, plan

KILLS = int(os.environ.get("KJWATCH_CRASH_KILLS", "8"))
SEED = int(os.environ.get("KJWATCH_CRASH_SEED", "16"))


@pytest.mark.e2e
def test_every_kill_is_survived_without_loss_and_with_at_most_the_in_flight_message_again(
        sites: DemoSites, tmp_path: Path) -> None:
    moments = plan(SEED, KILLS)
    with CountingHook() as hook:
        records = crash_series(tmp_path, sites.write_sources(tmp_path / "sources.yaml"), sites.root, hook, moments)
        received, repeats = hook.alerts_received(), hook.duplicates()
    where = f"seed {SEED}, moments {moments}"
    for n, record in enumerate(records, 1):
        assert record.exit_code == 0, (where, n, record)
        assert record.lost == {"documents": 0, "indicators": 0, "alerts": 0, "sent": 0}, (where, n, record)
        assert record.duplicates <= (1 if record.moment == "delivery" else 0), (where, n, record)
    with duckdb.connect(str(tmp_path / "state" / "kjwatch.duckdb")) as con:
        alerts, owed = con.execute("SELECT (SELECT count(*) FROM alerts), (SELECT count(*) FROM deliveries "
                                   "WHERE status <> 'sent')").fetchone() or (0, 0)
        statuses = dict(con.execute("SELECT status, count(*) FROM runs GROUP BY 1").fetchall())
    assert alerts > KILLS
    assert owed == 0
    assert received - sum(repeats) == alerts, where  # each alert reached the webhook, the repeats aside
    assert statuses == {"interrupted": KILLS, "completed": KILLS}, where
