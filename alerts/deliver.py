"""Sending owed alerts through apprise: every channel in its own thread, paced and time-boxed.

A channel that refuses, fails or hangs only delays itself: each channel sends
from its own thread within a time budget, a message is retried with backoff, and
after a message fails for good the rest of that channel's messages wait for the
next run. Each message's outcome is handed to `record` as soon as it is known, so
a run killed mid-way re-sends at most the messages that were in flight.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from alerts.channels import Channel
from alerts.messages import MAX_MESSAGE_BYTES, Message, PendingAlert, build_messages, digest_title, split_batches
from alerts.sending import send_message

__all__ = ["MAX_MESSAGE_BYTES", "DeliveryOutcome", "DeliveryPolicy", "PendingAlert", "deliver_all",
           "deliver_channel", "digest_title", "send_message", "split_batches"]

Sender = Callable[[Channel, str, str], tuple[bool, str | None]]
Recorder = Callable[[list["DeliveryOutcome"]], None]


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    alert_id: str
    channel: str
    sent: bool
    error: str | None


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    retries: int = 2             # extra attempts of one message within a run
    backoff: float = 1.0         # seconds before the first retry, doubling after
    channel_budget: float = 120.0  # seconds one channel may spend in a run; the rest waits


class _Pacer:
    """At most `per_minute` messages a run, spaced evenly, so a bot's minute quota is never hit."""

    def __init__(self, per_minute: int | None, sleep: Callable[[float], None]) -> None:
        self.interval = 60.0 / per_minute if per_minute else 0.0
        self.quota = per_minute
        self.sent = 0
        self.last = float("-inf")
        self.sleep = sleep

    def allows_another(self) -> bool:
        return self.quota is None or self.sent < self.quota

    def wait(self) -> None:
        delay = self.last + self.interval - time.monotonic()
        if delay > 0:
            self.sleep(delay)
        self.last = time.monotonic()
        self.sent += 1


def _send_with_retries(channel: Channel, message: Message, policy: DeliveryPolicy, sender: Sender,
                       deadline: float, sleep: Callable[[float], None]) -> tuple[bool, str | None]:
    ok, error = False, None
    for attempt in range(policy.retries + 1):
        ok, error = sender(channel, message.title, message.body)
        pause = policy.backoff * (2**attempt)
        if ok or attempt == policy.retries or time.monotonic() + pause > deadline:
            break
        sleep(pause)
    return ok, error


def deliver_channel(channel: Channel, alerts: Sequence[PendingAlert], policy: DeliveryPolicy | None = None,
                    sender: Sender = send_message, record: Recorder | None = None,
                    sleep: Callable[[float], None] = time.sleep) -> list[DeliveryOutcome]:
    """Send one channel's owed alerts; alerts not attempted (quota, budget, a failed message
    before them) get no outcome and stay owed, as does a digest whose parts were not all sent."""
    policy = policy or DeliveryPolicy()
    deadline = time.monotonic() + policy.channel_budget
    pacer = _Pacer(channel.per_minute, sleep)
    outcomes: list[DeliveryOutcome] = []
    for message in build_messages(alerts, channel.style):
        if not pacer.allows_another() or time.monotonic() >= deadline:
            break
        pacer.wait()
        ok, error = _send_with_retries(channel, message, policy, sender, deadline, sleep)
        if ok and message.shared and message.part < message.parts:
            continue  # a digest's row is sent once its last part is; a failure re-sends it whole
        batch = [DeliveryOutcome(a.alert_id, channel.name, ok, error) for a in message.alerts]
        if record is not None:
            record(batch)
        outcomes += batch
        if not ok:
            break
    return outcomes


def deliver_all(owed: Mapping[Channel, Sequence[PendingAlert]], record: Recorder,
                policy: DeliveryPolicy | None = None, sender: Sender = send_message,
                grace: float = 30.0) -> list[DeliveryOutcome]:
    """Every channel at once, each in a daemon thread; a channel still stuck after its budget
    plus `grace` is left behind and whatever it sends later is not recorded (so re-sent once)."""
    policy = policy or DeliveryPolicy()
    lock, closed = threading.Lock(), threading.Event()
    results: list[DeliveryOutcome] = []

    def guarded_record(batch: list[DeliveryOutcome]) -> None:
        with lock:
            if not closed.is_set():
                record(batch)
                results.extend(batch)

    threads = [threading.Thread(target=deliver_channel, args=(c, alerts, policy, sender, guarded_record),
                                name=f"deliver-{n}", daemon=True)
               for n, (c, alerts) in enumerate(owed.items()) if alerts]
    for thread in threads:
        thread.start()
    give_up = time.monotonic() + policy.channel_budget + grace
    for thread in threads:
        thread.join(max(give_up - time.monotonic(), 0))
    with lock:
        closed.set()
        return list(results)
