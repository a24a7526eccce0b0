"""Fixtures: a WeCom bot API on 127.0.0.1 and delivery settings that keep tests quick."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from alerts.bots import CheckedWeComBot, install_bot_plugins
from alerts.deliver import DeliveryPolicy
from tests.servers import WebhookServer

BOT_KEY = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"


@pytest.fixture
def wecom(monkeypatch: pytest.MonkeyPatch) -> Iterator[WebhookServer]:
    """A server speaking the WeCom bot API; the plugin's endpoint (a class attribute naming
    qyapi.weixin.qq.com) is pointed at it."""
    install_bot_plugins()
    with WebhookServer() as server:
        monkeypatch.setattr(CheckedWeComBot, "notify_url", server.wecom_api())
        yield server


@pytest.fixture
def quick() -> DeliveryPolicy:
    return DeliveryPolicy(retries=1, backoff=0.01, channel_budget=20.0)


def wecom_url() -> str:
    """Short timeouts so a hanging bot costs about a second."""
    return f"wecombot://{BOT_KEY}?rto=1&cto=1"
