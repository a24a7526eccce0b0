"""Sending owed alerts through apprise: every channel in its own thread, paced and time-boxed.

A channel that refuses, fails or hangs only delays itself: each channel sends
from its own thread within a time budget and a message is retried with backoff.
A channel's backlog goes run by run, oldest run first (each run's alerts grouped
as `alerts.grouping` reads them), so a channel that works gets all of it. A
channel that failed last time is probed with one message, one attempt; once it
accepts one, the rest follows. Two failed messages in a row (one, before the
channel accepted anything in a probe) leave the rest for the next run. Each
message's outcome is handed to `record` as soon as it is known, so a run killed
mid-way re-sends at most the messages that were in flight.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from alerts.channels import Channel
from alerts.messages import MAX_MESSAGE_BYTES, Message, PendingAlert, build_messages, digest_title, split_batches
from alerts.sending import send_message

__all__ = ["MAX_MESSAGE_BYTES", "DeliveryOutcome", "DeliveryPolicy", "OwedAlert", "PendingAlert",
           "backlog_messages", "deliver_all", "deliver_channel", "digest_title", "send_message", "split_batches"]

Sender = Callable[[Channel, str, str], tuple[bool, str | None]]
Recorder = Callable[[list["DeliveryOutcome"]], None]


@dataclass(frozen=True, slots=True)
class OwedAlert(PendingAlert):
    """An alert as the outbox owes it: the run that raised it (a backlog goes run by run, oldest
    first) and how often its row was tried (a probe prefers the message tried least)."""

    raised_in: str | None = None
    attempts: int = 0


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


def backlog_messages(alerts: Sequence[PendingAlert], style: str) -> list[Message]:
    """A channel's messages, one run's alerts after another in the order given (oldest run first);
    within a run, the grouped, numbered parts of `build_messages`."""
    runs: dict[str | None, list[PendingAlert]] = {}
    for alert in alerts:
        runs.setdefault(getattr(alert, "raised_in", None), []).append(alert)
    return [message for batch in runs.values() for message in build_messages(batch, style)]


def _tried(message: Message) -> int:
    return max((getattr(a, "attempts", 0) for a in message.alerts), default=0)


PROBE_PATIENCE = 3  # a message tried this many times more than the least tried one is no longer the probe


def probe_first(messages: Sequence[Message]) -> list[Message]:
    """The oldest message goes first, unless it was tried PROBE_PATIENCE times more than another:
    a message the channel refuses for what it says cannot keep a recovered channel shut. The
    others follow in their order."""
    if not messages:
        return []
    fewest = min(_tried(m) for m in messages)
    probe = next(n for n, m in enumerate(messages) if _tried(m) < fewest + PROBE_PATIENCE)
    return [messages[probe], *messages[:probe], *messages[probe + 1:]]


@dataclass(slots=True)
class _Streak:
    """When a channel's run stops: two failed messages in a row, or one failed probe."""

    probing: bool
    accepted: bool = False
    failed_in_a_row: int = 0

    def note(self, ok: bool) -> None:
        self.accepted = self.accepted or ok
        self.failed_in_a_row = 0 if ok else self.failed_in_a_row + 1

    def stop(self) -> bool:
        return self.failed_in_a_row >= (1 if self.probing and not self.accepted else 2)

    def attempt_policy(self, policy: DeliveryPolicy) -> DeliveryPolicy:
        """A probe is one attempt of one message: a failing channel is not hammered."""
        return replace(policy, retries=0) if self.probing and not self.accepted else policy


def deliver_channel(channel: Channel, alerts: Sequence[PendingAlert], policy: DeliveryPolicy | None = None,
                    sender: Sender = send_message, record: Recorder | None = None,
                    sleep: Callable[[float], None] = time.sleep, probe: bool = False) -> list[DeliveryOutcome]:
    """Send one channel's owed alerts (`probe`: it failed last run); alerts not attempted (quota,
    budget, failures before them) get no outcome and stay owed, as does a digest whose parts
    were not all sent."""
    policy = policy or DeliveryPolicy()
    deadline = time.monotonic() + policy.channel_budget
    pacer, streak = _Pacer(channel.per_minute, sleep), _Streak(probe)
    messages = backlog_messages(alerts, channel.style)
    outcomes: list[DeliveryOutcome] = []
    torn: set[str] = set()  # digests with a failed part: their later parts wait with them
    for message in probe_first(messages) if probe else messages:
        if not pacer.allows_another() or time.monotonic() >= deadline or streak.stop():
            break
        if message.shared and message.alerts[0].alert_id in torn:
            continue
        pacer.wait()
        ok, error = _send_with_retries(channel, message, streak.attempt_policy(policy), sender, deadline, sleep)
        streak.note(ok)
        if ok and message.shared and message.part < message.parts:
            continue  # a digest's row is sent once its last part is; a failure re-sends it whole
        if not ok and message.shared:
            torn.add(message.alerts[0].alert_id)
        batch = [DeliveryOutcome(a.alert_id, channel.name, ok, error) for a in message.alerts]
        if record is not None:
            record(batch)
        outcomes += batch
    return outcomes


def deliver_all(owed: Mapping[Channel, Sequence[PendingAlert]], record: Recorder,
                policy: DeliveryPolicy | None = None, sender: Sender = send_message,
                grace: float = 30.0, probing: Collection[str] = ()) -> list[DeliveryOutcome]:
    """Every channel at once, each in a daemon thread (channels named in `probing` are probed);
    a channel still stuck after its budget plus `grace` is left behind and whatever it sends
    later is not recorded (so re-sent once)."""
    policy = policy or DeliveryPolicy()
    lock, closed = threading.Lock(), threading.Event()
    results: list[DeliveryOutcome] = []

    def guarded_record(batch: list[DeliveryOutcome]) -> None:
        with lock:
            if not closed.is_set():
                record(batch)
                results.extend(batch)

    threads = [threading.Thread(target=deliver_channel, name=f"deliver-{n}", daemon=True,
                                args=(c, alerts, policy, sender, guarded_record, time.sleep, c.name in probing))
               for n, (c, alerts) in enumerate(owed.items()) if alerts]
    for thread in threads:
        thread.start()
    give_up = time.monotonic() + policy.channel_budget + grace
    for thread in threads:
        thread.join(max(give_up - time.monotonic(), 0))
    with lock:
        closed.set()
        return list(results)
