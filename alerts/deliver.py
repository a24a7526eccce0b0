"""Sending pending deliveries through apprise, one channel at a time, with retries.

Alerts of one run reach a channel as a digest grouped by bureau, split so a bot
message stays under its size cap; each alert's delivery row takes the outcome of
the message that carried it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import apprise

from alerts.channels import Channel, redact
from alerts.render import render_digest

MAX_MESSAGE_BYTES = 3800  # WeCom markdown is capped at 4096 bytes


@dataclass(frozen=True, slots=True)
class PendingAlert:
    alert_id: str
    bureau: str
    title: str
    body: str


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    alert_id: str
    channel: str
    sent: bool
    error: str | None


def split_batches(alerts: Sequence[PendingAlert], limit: int = MAX_MESSAGE_BYTES) -> list[list[PendingAlert]]:
    """Greedy batches whose rendered digest stays under `limit` bytes (one alert at least)."""
    batches: list[list[PendingAlert]] = []
    current: list[PendingAlert] = []
    for alert in alerts:
        trial = [*current, alert]
        if current and len(render_digest(trial).encode("utf-8")) > limit:
            batches.append(current)
            current = [alert]
        else:
            current = trial
    if current:
        batches.append(current)
    return batches


def digest_title(batch: Sequence[PendingAlert]) -> str:
    bureaus = list(dict.fromkeys(a.bureau for a in batch))
    who = bureaus[0] + (f" 等{len(bureaus)}个单位" if len(bureaus) > 1 else "")
    if len(batch) == 1:
        return batch[0].title
    return f"kjwatch 科技局监测：{len(batch)} 条新提醒（{who}）"


def send_message(channel: Channel, title: str, body: str) -> tuple[bool, str | None]:
    """apprise never raises; its logs say why a send failed, so capture them."""
    notifier = apprise.Apprise()
    if not notifier.add(channel.url):
        return False, f"apprise rejected the URL {channel.name}"
    with apprise.LogCapture(level=apprise.logging.WARNING) as logs:
        ok = notifier.notify(body=body, title=title, body_format=channel.body_format())
        detail = logs.getvalue().strip().splitlines()
    return bool(ok), None if ok else redact(detail[-1] if detail else "delivery failed")


def deliver_batches(channel: Channel, alerts: Sequence[PendingAlert], retries: int = 2,
                    backoff: float = 1.0, sender: Callable[..., Any] = send_message) -> list[DeliveryOutcome]:
    outcomes: list[DeliveryOutcome] = []
    for batch in split_batches(alerts):
        ok, error = False, None
        for attempt in range(retries + 1):
            ok, error = sender(channel, digest_title(batch), render_digest(batch))
            if ok:
                break
            if attempt < retries:
                time.sleep(backoff * (2**attempt))
        outcomes.extend(DeliveryOutcome(a.alert_id, channel.name, ok, error) for a in batch)
    return outcomes
