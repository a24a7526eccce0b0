"""Schedules and workers on a real local Prefect server (`prefect server start`)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.demo.server import DemoSites
from flows.local_server import prefect_command, prefect_server
from warehouse.db import WarehouseLocked, WarehouseMissing, reader

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def api_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("prefect-server")
    old = os.environ.get("PREFECT_HOME")
    os.environ["PREFECT_HOME"] = str(home)
    try:
        with prefect_server(home / "server.log") as url:
            yield url
    finally:
        if old is not None:
            os.environ["PREFECT_HOME"] = old


def _env(api_url: str, **extra: str) -> dict[str, str]:
    return {**os.environ, "PREFECT_API_URL": api_url, "KJWATCH_CRAWL_DELAY": "0", **extra}


def _api(api_url: str, path: str, body: dict | None = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"{api_url}{path}", data=data, method="POST" if data else "GET",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _completed_runs(db: Path) -> int:
    try:
        with reader(db, wait=5) as con:
            row = con.execute("SELECT count(*) FROM runs WHERE flow = 'monitor' AND status = 'completed'"
                              ).fetchone()
    except (WarehouseLocked, WarehouseMissing):
        return 0
    except Exception:
        return 0
    return int(row[0]) if row else 0


def test_serve_fires_on_schedule_and_stops_without_pausing(api_url: str, tmp_path: Path) -> None:
    db = tmp_path / "state" / "kjwatch.duckdb"
    with DemoSites() as sites:
        sources = sites.write_sources(tmp_path / "sources.yaml")
        proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--sources", str(sources),
                                 "--db", str(db), "--every", "5", "--quiet"], env=_env(api_url), cwd=tmp_path,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 180
            while _completed_runs(db) < 1 and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(2)
            assert _completed_runs(db) >= 1
        finally:
            code = _stop(proc)
    assert code == 0
    deployment = _api(api_url, "/deployments/name/monitor/monitor-every-5s")
    assert isinstance(deployment, dict)
    assert deployment["paused"] is False


def _stop(proc: subprocess.Popen[bytes], grace: float = 180) -> int | None:
    """SIGTERM and wait (a run in progress finishes first); kill if it never stops, so a
    stuck process cannot slow the tests after it."""
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return None


def _start_worker(api_url: str, pool: str, name: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen([*prefect_command(), "worker", "start", "--pool", pool, "--type", "process",
                                 "--name", name, "--limit", "1"], env=_env(api_url), cwd=ROOT,
                                stdout=out, stderr=subprocess.STDOUT)


def test_two_process_workers_share_the_runs(api_url: str, tmp_path: Path) -> None:
    pool = "kjwatch-test-pool"
    subprocess.run([*prefect_command(), "work-pool", "create", pool, "--type", "process"],
                   env=_env(api_url), check=True, capture_output=True, timeout=180)
    deploy = (
        "from prefect import flow\n"
        f"f = flow.from_source(source={str(ROOT)!r}, entrypoint='tests/flows/worker_probe.py:worker_probe')\n"
        f"f.deploy(name='probe', work_pool_name={pool!r}, parameters={{'out_dir': {str(tmp_path)!r}}}, "
        "print_next_steps=False)\n"
    )
    subprocess.run([sys.executable, "-c", deploy], env=_env(api_url), check=True, capture_output=True,
                   timeout=120, cwd=ROOT)
    workers = [_start_worker(api_url, pool, f"w{i}", tmp_path / f"w{i}.log") for i in (1, 2)]
    try:
        trigger = ("from prefect.deployments import run_deployment\n"
                   "for _ in range(6): run_deployment('worker-probe/probe', timeout=0)\n")
        subprocess.run([sys.executable, "-c", trigger], env=_env(api_url), check=True, capture_output=True,
                       timeout=180, cwd=ROOT)
        deadline = time.monotonic() + 240
        while len(list(tmp_path.glob("*.ran"))) < 6 and time.monotonic() < deadline:
            time.sleep(2)
    finally:
        for w in workers:
            _stop(w, grace=60)
    parents = {p.read_text(encoding="utf-8") for p in tmp_path.glob("*.ran")}
    assert len(list(tmp_path.glob("*.ran"))) == 6
    assert len(parents) == 2, "both workers should have run flows"


def test_prefect_yaml_deploys_all_against_a_local_server(api_url: str) -> None:
    env = _env(api_url, KJWATCH_HOME=str(ROOT))
    subprocess.run([*prefect_command(), "work-pool", "create", "kjwatch-process", "--type", "process"],
                   env=env, capture_output=True, timeout=180, check=False)
    done = subprocess.run([*prefect_command(), "--no-prompt", "deploy", "--all", "--prefect-file",
                           "deploy/prefect.yaml"], env=env, capture_output=True, text=True, timeout=180, cwd=ROOT,
                          check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    names = {d["name"] for d in _api(api_url, "/deployments/filter", {})}  # type: ignore[union-attr]
    assert {"monitor-daily", "digest-weekly", "reparse"} <= names
    daily = _api(api_url, "/deployments/name/monitor/monitor-daily")
    assert isinstance(daily, dict)
    assert daily["schedules"][0]["schedule"]["cron"] == "0 7 * * *"
    assert daily["schedules"][0]["schedule"]["timezone"] == "Asia/Shanghai"
