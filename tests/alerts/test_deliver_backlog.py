"""A channel's backlog: run by run, oldest first; one refused message does not stop the rest;
a channel that failed last run is probed with one attempt of one message."""

from __future__ import annotations

from alerts.channels import Channel
from alerts.deliver import DeliveryPolicy, OwedAlert, deliver_channel

CHANNEL = Channel(url="json://127.0.0.1:9/x", name="json://127.0.0.1:9/x")
LONG = "- 说明：" + "很长" * 4000  # one alert a message on a plain-text channel


def _owed(n: int, run: str = "run1", attempts: int = 0, body: str = LONG) -> OwedAlert:
    return OwedAlert(f"{run}-a{n}", "甲县科技局", f"提醒{run}-{n}", body, raised_in=run, attempts=attempts)


class Recording:
    """A sender that answers from a rule and keeps every (title, body) it was given."""

    def __init__(self, accept: object = True) -> None:
        self.calls: list[tuple[str, str]] = []
        self.accept = accept

    def __call__(self, channel: Channel, title: str, body: str) -> tuple[bool, str | None]:
        self.calls.append((title, body))
        ok = self.accept(title, body) if callable(self.accept) else bool(self.accept)
        return (True, None) if ok else (False, "HTTP 500")


def test_a_backlog_goes_run_by_run_oldest_run_first() -> None:
    older = OwedAlert("o1", "乙市科技局", "【新目标】乙市科技局 旧的", "- 原文：“旧的一条”", raised_in="run1")
    newer = OwedAlert("n1", "甲县科技局", "【新目标】甲县科技局 新的", "- 原文：“新的一条”", raised_in="run2")
    sender = Recording()
    outcomes = deliver_channel(CHANNEL, [older, newer], DeliveryPolicy(retries=0), sender)
    assert [o.alert_id for o in outcomes] == ["o1", "n1"]
    assert ["旧的一条" in body for _, body in sender.calls] == [True, False]


def test_a_message_refused_after_the_channel_accepted_one_does_not_stop_the_rest() -> None:
    sender = Recording(lambda title, body: "（2/4）" not in title)
    alerts = [_owed(n) for n in range(4)]
    outcomes = deliver_channel(CHANNEL, alerts, DeliveryPolicy(retries=0), sender)
    assert [(o.alert_id, o.sent) for o in outcomes] == [("run1-a0", True), ("run1-a1", False),
                                                         ("run1-a2", True), ("run1-a3", True)]


def test_a_probe_is_one_attempt_of_one_message() -> None:
    sender = Recording(False)
    outcomes = deliver_channel(CHANNEL, [_owed(n) for n in range(3)], DeliveryPolicy(retries=2, backoff=0.0),
                               sender, probe=True)
    assert len(sender.calls) == 1
    assert [(o.alert_id, o.sent) for o in outcomes] == [("run1-a0", False)]


def test_a_probe_that_is_accepted_sends_the_whole_backlog() -> None:
    sender = Recording(True)
    outcomes = deliver_channel(CHANNEL, [_owed(n) for n in range(5)], DeliveryPolicy(retries=0), sender, probe=True)
    assert [o.sent for o in outcomes] == [True] * 5


def test_a_probe_is_the_oldest_message_unless_it_was_tried_far_more_often() -> None:
    """A message the channel refuses for what it says (tried often) cannot keep it shut."""
    sender = Recording(True)
    once_more = [_owed(0, attempts=1), _owed(1), _owed(2)]
    assert [o.alert_id for o in deliver_channel(CHANNEL, once_more, DeliveryPolicy(retries=0), sender, probe=True)
            ] == ["run1-a0", "run1-a1", "run1-a2"]
    poison = _owed(0, attempts=5)
    sender = Recording(lambda title, body: "（1/3）" not in title)  # the poison is the first part
    outcomes = deliver_channel(CHANNEL, [poison, _owed(1), _owed(2)], DeliveryPolicy(retries=0), sender, probe=True)
    assert [(o.alert_id, o.sent) for o in outcomes] == [("run1-a1", True), ("run1-a0", False), ("run1-a2", True)]
