"""Fixtures: a WeCom bot API on 127.0.0.1 and delivery settings that keep tests quick."""

from __future__ import annotations

import pytest

from alerts.deliver import DeliveryPolicy

BOT_KEY = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"


@pytest.fixture
def quick() -> DeliveryPolicy:
    return DeliveryPolicy(retries=1, backoff=0.01, channel_budget=20.0)


def wecom_url() -> str:
    """Short timeouts so a hanging bot costs about a second."""
    return f"wecombot://{BOT_KEY}?rto=1&cto=1"
