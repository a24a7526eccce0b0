"""`kjwatch run` in a folder that has nothing yet (issue 21 item 2).

Prefect only warned when it could not make its home under a missing `data/`, then waited
90 s for an ephemeral server that could not start; the run must make its folders itself,
or stop at once with one line naming the folder.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _user_env() -> dict[str, str]:
    """A user's shell: none of the test session's Prefect or kjwatch settings."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "KJWATCH_"))}


def _kjwatch(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flows.cli", *args], env=_user_env(), cwd=cwd,
                          capture_output=True, text=True, timeout=240, check=False)


@pytest.mark.e2e
def test_a_run_in_an_empty_folder_makes_its_data_folder(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(
        "sources:\n  - id: gone\n    name: 测试市科学技术局\n    level: city\n"
        f"    start_urls: ['http://127.0.0.1:{_closed_port()}/list/']\n", encoding="utf-8")
    proc = _kjwatch(["run", "--quiet"], tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    assert "Failed to create the Prefect home" not in proc.stderr
    assert (tmp_path / "data" / "kjwatch.duckdb").exists()
    assert "kjwatch run" in proc.stdout


def test_a_folder_that_cannot_be_made_stops_the_run_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text(
        "sources:\n  - id: gone\n    name: 测试市科学技术局\n    level: city\n"
        "    start_urls: ['http://127.0.0.1:9/list/']\n", encoding="utf-8")
    (tmp_path / "blocker").write_text("a file where the data folder should be", encoding="utf-8")
    proc = _kjwatch(["run", "--db", "blocker/kjwatch.duckdb", "--quiet"], tmp_path)
    err = proc.stderr.strip()
    assert proc.returncode == 2
    assert err.startswith("kjwatch: cannot create the state folder")
    assert "blocker" in err
    assert len(err.splitlines()) == 1
