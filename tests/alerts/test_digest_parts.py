"""A stored digest at send time: its items come back whole, in numbered parts, its row recorded once."""

from __future__ import annotations

from alerts.channels import Channel
from alerts.deliver import DeliveryPolicy, PendingAlert, deliver_channel
from alerts.messages import build_messages, compose_digest, digest_items

ITEMS = [PendingAlert(f"a{i}", f"第{i % 3}县科技局", f"【新目标】指标{i}",
                      f"- 原文：“{'创新' * 120}”\n- 来源：要点 http://kjj.x{i}.gov.cn/a.html?id={i}&t=1")
         for i in range(30)]
DIGEST = PendingAlert("d1", None, "kjwatch 科技局监测周报：共 30 条提醒", compose_digest(ITEMS))  # type: ignore[arg-type]


def test_a_stored_digest_keeps_each_alert_s_lines_unrendered() -> None:
    items = digest_items(DIGEST)
    assert sorted((i.title, i.body) for i in items) == sorted((a.title, a.body) for a in ITEMS)
    assert "](" not in DIGEST.body
    assert digest_items(ITEMS[0]) == []


def test_parts_are_numbered_and_none_is_clipped() -> None:
    messages = build_messages([DIGEST], "markdown")
    assert len(messages) > 1
    assert [m.title.rsplit("（", 1)[1] for m in messages] == [f"{n}/{len(messages)}）"
                                                              for n in range(1, len(messages) + 1)]
    assert all(len(m.title.encode()) + len(m.body.encode()) <= 4000 for m in messages)
    assert not any("已截断" in m.body for m in messages)
    assert all(m.alerts == (DIGEST,) for m in messages)


def test_a_digest_row_is_sent_after_its_last_part_and_owed_when_one_fails() -> None:
    sent: list[str] = []

    def sender(channel: Channel, title: str, body: str) -> tuple[bool, str | None]:
        sent.append(title)
        return len(sent) < 2, None if len(sent) < 2 else "down"

    channel = Channel(url="wecombot://k", name="wecombot://k")
    failed = deliver_channel(channel, [DIGEST], DeliveryPolicy(retries=0), sender)
    assert [(o.alert_id, o.sent) for o in failed] == [("d1", False)]
    ok = deliver_channel(channel, [DIGEST], DeliveryPolicy(retries=0), lambda c, t, b: (True, None))
    assert [(o.alert_id, o.sent) for o in ok] == [("d1", True)]
