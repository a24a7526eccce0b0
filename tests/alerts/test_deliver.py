"""Delivery on real local servers: webhook, SMTP (HTML with a text alternative), failures, pacing."""

from __future__ import annotations

import time

from alerts.channels import Channel, make_channel, parse_channels
from alerts.deliver import DeliveryOutcome, DeliveryPolicy, PendingAlert, deliver_all, deliver_channel
from alerts.messages import build_messages
from tests.servers import SmtpServer, WebhookServer

ALERT = PendingAlert("a1", "临川市科学技术局", "【新目标】临川市科学技术局 2025年高新技术企业总数 900家",
                     "- 单位：临川市科学技术局\n- 原文：“力争高新技术企业总数达到900家”\n"
                     "- 来源：2025年工作要点 http://kjj.example.cn/art/2025/1/a.html?id=1&t=2")
OTHER = PendingAlert("a2", "澄川市科学技术局", "【排名变化】澄川市科学技术局 创新能力 全省第1（上升2位）",
                     "- 排名：全省第1（此前第3，上升2位）")


def test_json_webhook_receives_chinese_title_and_body() -> None:
    with WebhookServer() as hook:
        (channel,) = parse_channels([hook.url()])
        outcomes = deliver_channel(channel, [ALERT], DeliveryPolicy(retries=0))
    assert [o.sent for o in outcomes] == [True]
    (_path, payload) = hook.posts[0]
    assert payload["title"].startswith("【新目标】")
    assert "900家" in payload["message"]


def test_failing_channel_is_reported_not_raised(quick: DeliveryPolicy) -> None:
    with WebhookServer() as hook:
        hook.fail_with = 500
        (channel,) = parse_channels([hook.url()])
        outcomes = deliver_channel(channel, [ALERT], quick)
        assert hook.attempts == 2  # one retry
    assert [o.sent for o in outcomes] == [False]
    assert outcomes[0].error


def test_html_mail_is_multipart_alternative_readable_in_both_parts() -> None:
    with SmtpServer() as smtp:
        (channel,) = parse_channels([smtp.url(fmt="html")])
        outcomes = deliver_channel(channel, [ALERT, OTHER], DeliveryPolicy(retries=0))
    assert all(o.sent for o in outcomes)
    (message,) = smtp.sink.messages
    assert message.get_content_type() == "multipart/alternative"
    assert "2 条新提醒" in str(message["Subject"])
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "临川市科学技术局" in text
    assert "原文：“力争高新技术企业总数达到900家”" in text
    assert "http://kjj.example.cn/art/2025/1/a.html?id=1&t=2" in text
    assert '<a href="http://kjj.example.cn/art/2025/1/a.html?id=1&amp;t=2">' in html
    assert "<h2" in html
    assert "澄川市科学技术局" in html


def test_text_mail_keeps_one_fact_per_line() -> None:
    with SmtpServer() as smtp:
        (channel,) = parse_channels([smtp.url(fmt="text")])
        outcomes = deliver_channel(channel, [ALERT], DeliveryPolicy(retries=0))
    assert all(o.sent for o in outcomes)
    (message,) = smtp.sink.messages
    assert message["Subject"] == ALERT.title
    lines = message.get_content().replace("\r\n", "\n").splitlines()
    assert "2025年工作要点 http://kjj.example.cn/art/2025/1/a.html?id=1&t=2" in lines
    assert "- 【新目标】原文：“力争高新技术企业总数达到900家”" in lines
    assert not any("单位：" in line for line in lines)  # the subject names the bureau


def test_markdown_digest_groups_bureaus_and_links_titles() -> None:
    (message,) = build_messages([ALERT, OTHER], "markdown")
    assert message.body.index("## 临川市科学技术局") < message.body.index("## 澄川市科学技术局")
    assert "[2025年工作要点](http://kjj.example.cn/art/2025/1/a.html?id=1&t=2)" in message.body
    assert "[http" not in message.body


def test_a_hanging_channel_does_not_hold_up_the_others() -> None:
    with WebhookServer() as hanging, WebhookServer() as healthy:
        hanging.hang = 5
        slow = make_channel(hanging.url().replace("/hook", "/hook?rto=1&cto=1"))
        (fast,) = parse_channels([healthy.url()])
        arrived: dict[str, float] = {}
        start = time.monotonic()

        def record(batch: list[DeliveryOutcome]) -> None:
            arrived[batch[0].channel] = time.monotonic() - start

        outcomes = deliver_all({slow: [ALERT], fast: [ALERT]}, record, DeliveryPolicy(retries=1, backoff=0.01))
    assert {(o.channel, o.sent) for o in outcomes} == {(slow.name, False), (fast.name, True)}
    assert arrived[fast.name] < 1.0 < arrived[slow.name]


def test_pacing_spaces_sends_and_leaves_the_rest_for_the_next_run() -> None:
    sent: list[str] = []
    waits: list[float] = []

    def sender(channel: Channel, title: str, body: str) -> tuple[bool, str | None]:
        sent.append(title)
        return True, None

    channel = Channel(url="json://127.0.0.1:9/x", name="json://127.0.0.1:9/x", per_minute=2)
    many = [PendingAlert(f"a{i}", "甲县科技局", f"提醒{i}", "- 说明：" + "很长" * 4000) for i in range(5)]
    outcomes = deliver_channel(channel, many, DeliveryPolicy(), sender, sleep=waits.append)
    assert len(sent) == 2
    assert [o.alert_id for o in outcomes] == ["a0", "a1"]
    assert len(waits) == 1
    assert 29 < waits[0] <= 30


def test_after_two_failed_messages_in_a_row_the_rest_waits() -> None:
    calls: list[str] = []

    def sender(channel: Channel, title: str, body: str) -> tuple[bool, str | None]:
        calls.append(title)
        return False, "down"

    channel = Channel(url="json://127.0.0.1:9/x", name="json://127.0.0.1:9/x")
    many = [PendingAlert(f"a{i}", "甲县科技局", f"提醒{i}", "- 说明：" + "很长" * 4000) for i in range(3)]
    outcomes = deliver_channel(channel, many, DeliveryPolicy(retries=2, backoff=0.0), sender)
    assert len(calls) == 6  # two messages, three attempts each; the third waits
    assert [(o.alert_id, o.sent) for o in outcomes] == [("a0", False), ("a1", False)]
