"""Channel secrets (passwords and tokens inside apprise URLs) never land anywhere: not in the
warehouse, not in Prefect's own database or logs, not in crawl logs, not in what the CLI
prints, also when channels fail and their errors are recorded. Real `kjwatch` subprocesses
against the demo sites, a real webhook receiver (one healthy, one answering 500), a real SMTP
server that refuses the login, and a port nobody listens on."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.demo.server import DemoSites
from tests.servers import SmtpServer, WebhookServer, free_port

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]
SECRETS = {
    "hook": "Hook-Pa55word-7f3a9c",
    "failing": "Fail-Pa55word-c41d2e",
    "mail": "Mail-Pa55word-93be10",
    "token": "Api-Token-5d8e2f6a0b1c",
}


def _urls(hook: WebhookServer, failing: WebhookServer, smtp: SmtpServer) -> list[str]:
    return [f"json://kjwatch:{SECRETS['hook']}@127.0.0.1:{hook.port}/hook",
            f"json://kjwatch:{SECRETS['failing']}@127.0.0.1:{failing.port}/hook",
            f"mailto://bot:{SECRETS['mail']}@127.0.0.1:{smtp.port}/a@example.com?from=k@example.com&secure=no",
            f"json://127.0.0.1:{free_port()}/hook?+X-Api-Key={SECRETS['token']}&cto=1&rto=1"]


def _kjwatch(tmp_path: Path, *args: str) -> str:
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "state" / "prefect"), "PYTHONPATH": str(REPO),
           "KJWATCH_CRAWL_DELAY": "0"}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run([sys.executable, "-m", "flows.cli", *args], env=env, cwd=tmp_path, capture_output=True,
                          text=True, timeout=600, check=False)
    return f"{done.stdout}\n{done.stderr}"


def _warehouse_text(db: Path) -> str:
    """Every row of every table, as text: DuckDB compresses strings, so its bytes prove nothing."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        return "\n".join(str(con.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables)  # noqa: S608


def _prefect_text(home: Path) -> str:
    """Every row of Prefect's own database (flow runs, their parameters, logs, task runs)."""
    texts = []
    for path in home.rglob("*.db"):
        with sqlite3.connect(path) as con:
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            texts += [str(con.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables]  # noqa: S608
    return "\n".join(texts)


def _file_bytes(root: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in root.rglob("*") if p.is_file()]


def test_channel_secrets_never_reach_the_database_logs_prefect_or_output(tmp_path: Path) -> None:
    with DemoSites() as sites, WebhookServer() as hook, WebhookServer() as failing, SmtpServer() as smtp:
        failing.fail_with = 500
        sources = sites.write_sources(tmp_path / "sources.yaml")
        notify = [arg for url in _urls(hook, failing, smtp) for arg in ("--notify", url)]
        db = tmp_path / "state" / "kjwatch.duckdb"
        output = _kjwatch(tmp_path, "run", "--sources", str(sources), "--db", str(db), *notify)
        output += _kjwatch(tmp_path, "alerts", "list", "--db", str(db))
        output += _kjwatch(tmp_path, "alerts", "channels", "--db", str(db))
        output += _kjwatch(tmp_path, "alerts", "test", _urls(hook, failing, smtp)[1])
        output += _kjwatch(tmp_path, "sql", "--db", str(db), "SELECT channel, status, error FROM deliveries")
    assert hook.posts, output[-3000:]                                 # the run really delivered…
    assert failing.attempts > 0                                       # …and really failed somewhere
    warehouse = _warehouse_text(db)
    assert "failed" in warehouse or "pending" in warehouse
    prefect = _prefect_text(tmp_path / "state" / "prefect")
    assert "monitor" in prefect                                       # Prefect did record the flow run
    places = {"output": output, "warehouse": warehouse, "prefect database": prefect}
    places |= {str(path): data.decode("utf-8", "replace") for path, data in _file_bytes(tmp_path)}
    leaks = [(name, where) for name, secret in SECRETS.items() for where, text in places.items() if secret in text]
    assert leaks == []
