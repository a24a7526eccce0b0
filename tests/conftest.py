"""Test-wide setup: Prefect isolated in a temporary home, nothing reaches the internet."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.servers import WebhookServer

_PREFECT_HOME = tempfile.mkdtemp(prefix="kjwatch-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["PREFECT_LOGGING_LEVEL"] = "WARNING"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "90"
os.environ.pop("PREFECT_API_URL", None)
os.environ.pop("KJWATCH_NOTIFY", None)
os.environ["KJWATCH_CRAWL_DELAY"] = "0"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for the session (≈10 s), shared by every flow test."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "kjwatch.duckdb"


@pytest.fixture
def wecom(monkeypatch: pytest.MonkeyPatch) -> Iterator[WebhookServer]:
    """A server speaking the WeCom bot API; the plugin's endpoint (a class attribute naming
    qyapi.weixin.qq.com) is pointed at it."""
    from alerts.bots import CheckedWeComBot, install_bot_plugins

    install_bot_plugins()
    with WebhookServer() as server:
        monkeypatch.setattr(CheckedWeComBot, "notify_url", server.wecom_api())
        yield server
