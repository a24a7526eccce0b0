"""`kjwatch serve` as the operator runs it: it starts its own Prefect server, serves the
deployments, and stops cleanly on SIGTERM (systemd, docker stop) or SIGINT (Ctrl-C).

issue 21 item 4: SIGTERM printed "coroutine 'Runner.astop' was never awaited"; the deployment of
`--every 90` was named monitor-daily; the UI of the server called :4200.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from flows.demo.server import DemoSites

pytestmark = pytest.mark.e2e
STARTED = re.compile(r"started a local Prefect server at (\S+)")


def _get(url: str, body: dict[str, object] | None = None) -> object:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def _ui_settings(api_url: str) -> object:
    """What the server's UI is told about its API (None without a UI)."""
    try:
        return _get(f"{api_url.removesuffix('/api')}/ui-settings")
    except OSError:
        return None


def _polled_names(api_url: str) -> set[str]:
    try:
        found = _get(f"{api_url}/deployments/filter", {})
    except OSError:
        return set()
    polled = [d for d in found if d.get("last_polled")] if isinstance(found, list) else []
    return {d["name"] for d in polled}


def _wait_for_serving(proc: subprocess.Popen[bytes], stderr: Path, limit: float = 180) -> tuple[str, set[str]]:
    """The API URL and the deployment names, once the runner has polled for both deployments
    (its signal handlers are in place by then); the limit is a safety net, not a timing."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and proc.poll() is None:
        found = STARTED.search(stderr.read_text(encoding="utf-8", errors="replace"))
        names = _polled_names(found.group(1)) if found else set()
        if len(names) >= 2:
            return found.group(1) if found else "", names
        time.sleep(0.5)
    raise AssertionError(f"kjwatch serve never served:\n{stderr.read_text(encoding='utf-8')[-3000:]}")


def _stop(proc: subprocess.Popen[bytes], signum: int) -> int | None:
    proc.send_signal(signum)
    try:
        return proc.wait(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return None


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_stops_cleanly_on_a_signal(tmp_path: Path, signum: int) -> None:
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env.pop("PREFECT_API_URL", None)
    stderr = tmp_path / "serve.err"
    with DemoSites() as sites, stderr.open("wb") as err:
        sources = sites.write_sources(tmp_path / "sources.yaml")
        proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--sources", str(sources),
                                 "--db", str(tmp_path / "state" / "k.duckdb"), "--every", "90"],
                                env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=err)
        try:
            api_url, names = _wait_for_serving(proc, stderr)
            ui_settings = _ui_settings(api_url)
        finally:
            code = _stop(proc, signum)
    text = stderr.read_text(encoding="utf-8", errors="replace")
    assert code == 0, text[-3000:]
    assert "Traceback" not in text
    assert "never awaited" not in text
    assert names == {"monitor-every-90s", "digest-weekly"}
    assert isinstance(ui_settings, dict)
    assert ui_settings["api_url"] == api_url
