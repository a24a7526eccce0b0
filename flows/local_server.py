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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STARTUP_SECONDS = 90.0


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


@contextmanager
def prefect_server(log_path: Path, port: int | None = None) -> Iterator[str]:
    """Run `prefect server start` on 127.0.0.1; yields its API URL."""
    port = port or free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    with log_path.open("ab") as log:
        proc = subprocess.Popen([*prefect_command(), "server", "start", "--host", "127.0.0.1",  # noqa: S603
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
