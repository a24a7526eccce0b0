"""issue 21 item 3: a long run fails fast on dead hosts, stores each crawl as it ends and, killed,
is marked interrupted by the next run. Real demo sites, real `kjwatch run` subprocesses, real DuckDB."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import suppress
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from flows.demo.server import DemoSites
from flows.stages import start_run
from tests.servers import free_port
from warehouse.db import writer

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo() -> Iterator[DemoSites]:
    with DemoSites() as sites:
        yield sites


def _source(source_id: str, url: str) -> dict[str, Any]:
    return {"id": source_id, "name": f"{source_id}科学技术局", "level": "city", "start_urls": [url]}


def _write_sources(path: Path, demo: DemoSites, first: list[dict[str, Any]]) -> Path:
    """The extra sources first (they start crawling at once), then the demo sites."""
    entries = yaml.safe_load(demo.sources_yaml())["sources"]
    path.write_text(yaml.safe_dump({"sources": first + entries}, allow_unicode=True), encoding="utf-8")
    return path


def _rows(db: Path, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_unreachable_hosts_fail_at_once_with_a_recorded_reason(demo: DemoSites, tmp_path: Path) -> None:
    """A host that does not resolve or refuses connections was retried with backoff (robots.txt
    and page, three times each: ~13 s a source); now one attempt each and a plain reason."""
    from flows.monitor import monitor

    dead = [_source("nowhere", "http://kjj.nowhere.invalid/col/index.html"),
            _source("refused", f"http://127.0.0.1:{free_port()}/index.html")]
    sources = _write_sources(tmp_path / "sources.yaml", demo, dead)
    db = tmp_path / "state" / "kjwatch.duckdb"
    summary = monitor(str(sources), str(db), str(tmp_path / "raw"), [], None, 0.0, True)
    assert (summary["sources_ok"], summary["sources_failed"]) == (2, 2)
    outcomes = dict(_rows(db, "SELECT source_id, status || ': ' || evidence FROM crawl_results "
                              "WHERE status <> 'ok'"))
    assert outcomes["nowhere"].startswith("failed: ")
    assert "kjj.nowhere.invalid does not resolve" in outcomes["nowhere"]
    assert outcomes["refused"].startswith("failed: ")
    assert "connection refused" in outcomes["refused"]
    for source_id in ("nowhere", "refused"):
        (stats,) = (db.parent / "crawls" / source_id).glob("*/stats.json")
        assert json.loads(stats.read_text(encoding="utf-8"))["retried"] == 0


class _HangingSite(ThreadingHTTPServer):
    """A site that accepts every request and answers none until released: a crawl that never ends."""

    daemon_threads = True

    def __init__(self) -> None:
        self.released = threading.Event()
        released = self.released

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                released.wait()

            def log_message(self, *args: Any) -> None:
                return

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/index.html"

    def release(self) -> None:
        self.released.set()
        self.shutdown()
        self.server_close()


def _kjwatch_run(sources: Path, db: Path, cwd: Path) -> subprocess.Popen[str]:
    """`kjwatch run` as a user starts it, in its own process group (so its leftovers can go too)."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.Popen([sys.executable, "-m", "flows.cli", "run", "--sources", str(sources), "--db", str(db)],
                            env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _lines(stream: Any) -> tuple[queue.Queue[str], threading.Thread]:
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line.rstrip("\n"))
    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    return lines, reader


def _kill_after_finished_crawls(proc: subprocess.Popen[str], finished: int) -> str:
    """SIGKILL the run once `finished` sources reported their crawl; returns the run id."""
    (lines, reader), run_id, seen = _lines(proc.stderr), "", 0
    while seen < finished:
        line = lines.get(timeout=240)  # a safety net for a broken run, not a measured time
        if line.startswith("[kjwatch] run ") and ": crawling " in line:
            run_id = line.split()[2].rstrip(":")
        seen += line.startswith("[kjwatch] [")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with suppress(ProcessLookupError):  # the crawl subprocess and Prefect's server it left behind
        os.killpg(proc.pid, signal.SIGKILL)
    reader.join()
    return run_id


@pytest.mark.e2e
def test_a_killed_run_keeps_its_finished_crawls_and_the_next_run_marks_it_interrupted(
        demo: DemoSites, tmp_path: Path) -> None:
    """A kill during the crawl stage left runs.status 'running' and no crawl_results at all."""
    db = tmp_path / "state" / "kjwatch.duckdb"
    hanging = _HangingSite()
    sources = _write_sources(tmp_path / "sources.yaml", demo, [_source("hangs", hanging.url())])
    proc = _kjwatch_run(sources, db, tmp_path)
    try:
        killed = _kill_after_finished_crawls(proc, finished=2)
    finally:
        hanging.release()
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if proc.stderr:
            proc.stderr.close()
    assert killed
    assert _rows(db, "SELECT source_id, status FROM crawl_results WHERE run_id = ? ORDER BY 1", [killed]) == [
        ("demo-county-attach", "ok"), ("demo-trs-city", "ok")]
    assert _rows(db, "SELECT status FROM runs WHERE id = ?", [killed]) == [("running",)]

    again = _kjwatch_run(_write_sources(tmp_path / "again.yaml", demo, []), db, tmp_path)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err[-2000:]
    told = [line for line in err.splitlines() if "interrupted" in line]
    assert len(told) == 1
    assert killed in told[0]
    (status, finished_at, ok, message), = _rows(
        db, "SELECT status, finished_at, sources_ok, message FROM runs WHERE id = ?", [killed])
    assert (status, ok) == ("interrupted", 2)
    assert finished_at is not None
    assert "interrupted" in message
    new_docs = dict(_rows(db, "SELECT c.source_id, c.documents_new FROM crawl_results c JOIN runs r "
                              "ON r.id = c.run_id WHERE r.status = 'completed'"))
    assert new_docs["demo-trs-city"] > 0


def _exited_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_only_runs_whose_process_is_gone_are_marked_interrupted(db_path: Path) -> None:
    """A run of this live process, or of another host, is left alone; a dead pid or a row
    from before pids were kept is interrupted."""
    here, now = socket.gethostname(), datetime.now(UTC)
    rows = [("alive", os.getpid(), here), ("dead", _exited_pid(), here), ("legacy", None, None),
            ("elsewhere", 1, f"{here}-other")]
    with writer(db_path) as con:
        for run_id, pid, host in rows:
            con.execute("INSERT INTO runs (id, flow, started_at, status, pid, host) VALUES (?, 'monitor', ?, "
                        "'running', ?, ?)", [run_id, now, pid, host])
    assert sorted(start_run(db_path, "next", "monitor", [])) == ["dead", "legacy"]
    statuses = dict(_rows(db_path, "SELECT id, status FROM runs"))
    assert statuses == {"alive": "running", "dead": "interrupted", "legacy": "interrupted",
                        "elsewhere": "running", "next": "running"}
