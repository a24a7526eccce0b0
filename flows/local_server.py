"""A Prefect server of our own, for `kjwatch serve` when no PREFECT_API_URL is set.

Cron schedules only fire against a real server (the ephemeral one never schedules),
so serving starts one on 127.0.0.1 and stops it on the way out. Imports nothing
from Prefect: the server must be up before Prefect reads its API URL.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

STARTUP_SECONDS = 90.0
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prefect_command() -> list[str]:
    """The `prefect` script of this interpreter's environment."""
    script = Path(sys.executable).with_name("prefect")
    return [str(script)] if script.exists() else [sys.executable, "-m", "prefect"]


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:  # noqa: S310 - loopback
            return bool(response.status == 200)
    except OSError:
        return False


def wait_healthy(api_url: str, proc: subprocess.Popen[bytes], timeout: float = STARTUP_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with status {proc.returncode} while starting")
        if _healthy(api_url):
            return
        time.sleep(0.5)
    raise RuntimeError(f"the Prefect server at {api_url} was not healthy after {timeout:g} s")


def server_env(base: Mapping[str, str], port: int) -> dict[str, str]:
    """The environment of the server process, so its UI talks to this server.

    `--port` reaches only uvicorn: Prefect's own settings keep port 4200, and the UI it serves
    would call http://127.0.0.1:4200/api. The address goes into the settings too. The UI is on
    (kjwatch turns it off for ephemeral runs) unless PREFECT_SERVER_UI_ENABLED says otherwise.
    """
    base_url = f"http://{HOST}:{port}"
    env = {k: v for k, v in base.items() if k not in ("PREFECT_API_URL", "PREFECT_UI_API_URL")}
    env.update({"PREFECT_SERVER_API_HOST": HOST, "PREFECT_SERVER_API_PORT": str(port),
                "PREFECT_SERVER_UI_API_URL": f"{base_url}/api", "PREFECT_UI_URL": base_url,
                "PREFECT_SERVER_UI_ENABLED": base.get("PREFECT_SERVER_UI_ENABLED", "true")})
    return env


@contextmanager
def prefect_server(log_path: Path, port: int | None = None) -> Iterator[str]:
    """Run `prefect server start` on 127.0.0.1; yields its API URL."""
    port = port or free_port()
    api_url = f"http://{HOST}:{port}/api"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = server_env(os.environ, port)
    with log_path.open("ab") as log:
        proc = subprocess.Popen([*prefect_command(), "server", "start", "--host", HOST,  # noqa: S603
                                 "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        wait_healthy(api_url, proc)
        yield api_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
