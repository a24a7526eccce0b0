"""`kjwatch serve` stopped at any moment of its start-up (Ctrl-C or SIGTERM) ends without a
traceback and leaves no Prefect server behind. The signal is sent by the process itself as a
given module starts to import (tests/flows/signal_hook), so each moment is hit exactly: while
the command modules load, and once the local Prefect server is up but the runner is not.
Signals while serving are tested in test_serve_signals.py."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[2]
HOOK = Path(__file__).resolve().parent / "signal_hook"
STARTED = re.compile(r"started a local Prefect server at (\S+)")
SOURCES = ('sources:\n  - id: x\n    name: 某市科学技术局\n    level: city\n'
           '    start_urls: ["http://127.0.0.1:9/"]\n')


def _serve_until_signalled(tmp_path: Path, module: str, signame: str) -> tuple[int, str]:
    (tmp_path / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PYTHONPATH": f"{HOOK}{os.pathsep}{REPO}",
           "KJWATCH_TEST_SIGNAL_AT": module, "KJWATCH_TEST_SIGNAL": signame}
    env.pop("PREFECT_API_URL", None)
    done = subprocess.run([sys.executable, "-m", "flows.cli", "serve", "--sources", "sources.yaml",
                           "--db", str(tmp_path / "k.duckdb"), "--every", "90"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False)
    return done.returncode, done.stdout + done.stderr


def _answers(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=5):
            return True
    except OSError:
        return False


@pytest.mark.parametrize(("signame", "code"), [("SIGINT", 130), ("SIGTERM", -15)])
def test_a_signal_while_the_commands_load_ends_quietly(tmp_path: Path, signame: str, code: int) -> None:
    returncode, output = _serve_until_signalled(tmp_path, "pypdf", signame)
    assert "Traceback" not in output
    assert returncode == code, output[-2000:]
    assert not STARTED.search(output)


@pytest.mark.parametrize("signame", ["SIGINT", "SIGTERM"])
def test_a_signal_once_the_local_server_is_up_stops_it_too(tmp_path: Path, signame: str) -> None:
    returncode, output = _serve_until_signalled(tmp_path, "flows.serve", signame)
    assert "Traceback" not in output
    assert returncode == 0, output[-2000:]
    started = STARTED.search(output)
    assert started, output[-2000:]
    assert not _answers(started.group(1))
