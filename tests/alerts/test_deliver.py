from __future__ import annotations

from alerts.channels import parse_channels
from alerts.deliver import PendingAlert, deliver_batches, send_message
from tests.servers import SmtpServer, WebhookServer

ALERT = PendingAlert("a1", "临川市科学技术局", "【新目标】临川市科学技术局 2025年高新技术企业总数 900家",
                     "- 原文：“力争高新技术企业总数达到900家”")


def test_json_webhook_receives_chinese_title_and_body() -> None:
    with WebhookServer() as hook:
        (channel,) = parse_channels([hook.url()])
        outcomes = deliver_batches(channel, [ALERT], retries=0)
    assert [o.sent for o in outcomes] == [True]
    (_path, payload) = hook.posts[0]
    assert payload["title"].startswith("【新目标】")
    assert "900家" in payload["message"]


def test_failing_channel_is_reported_not_raised() -> None:
    with WebhookServer() as hook:
        hook.fail_with = 500
        (channel,) = parse_channels([hook.url()])
        outcomes = deliver_batches(channel, [ALERT], retries=1, backoff=0.01)
    assert [o.sent for o in outcomes] == [False]
    assert outcomes[0].error


def test_mail_arrives_with_chinese_subject_and_lines() -> None:
    with SmtpServer() as smtp:
        (channel,) = parse_channels([smtp.url()])
        ok, error = send_message(channel, ALERT.title, "第一行\n第二行")
    assert ok, error
    (message,) = smtp.sink.messages
    assert message["Subject"] == ALERT.title
    assert "第一行\n第二行" in message.get_content().replace("\r\n", "\n")
