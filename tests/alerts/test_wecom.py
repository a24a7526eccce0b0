"""The WeCom bot plugin against a local server speaking the WeCom API: markdown, errcode, size cap."""

from __future__ import annotations

import pytest

from alerts.bots import reply_error
from alerts.channels import make_channel
from alerts.deliver import DeliveryPolicy, PendingAlert, deliver_channel, send_message
from tests.alerts.conftest import BOT_KEY, wecom_url
from tests.servers import WebhookServer

ALERT = PendingAlert("a1", "临川市科学技术局", "【新目标】临川市科学技术局 2025年高新技术企业总数 900家",
                     "- 原文：“力争高新技术企业总数达到900家”\n- 来源：工作要点 http://kjj.example.cn/a.html")


def test_markdown_reaches_the_bot_with_its_key_and_title(wecom: WebhookServer) -> None:
    ok, error = send_message(make_channel(wecom_url()), ALERT.title, ALERT.body)
    assert ok, error
    ((path, payload),) = wecom.posts
    assert path.endswith(f"key={BOT_KEY}")
    assert payload["msgtype"] == "markdown"
    content = payload["markdown"]["content"]
    assert content.startswith("### 【新目标】")
    assert "900家" in content


@pytest.mark.parametrize(("errcode", "reason"), [(93000, "errcode=93000"), (40058, "errcode=40058")])
def test_errcode_other_than_zero_is_a_failure(wecom: WebhookServer, errcode: int, reason: str) -> None:
    wecom.errcode = errcode
    ok, error = send_message(make_channel(wecom_url()), ALERT.title, ALERT.body)
    assert not ok
    assert error is not None
    assert reason in error
    assert BOT_KEY not in error


def test_failure_reasons_never_carry_the_key(wecom: WebhookServer) -> None:
    wecom.fail_with = 500
    ok, error = send_message(make_channel(wecom_url()), ALERT.title, ALERT.body)
    assert (ok, error) == (False, "WeCom Bot: HTTP 500")


def test_a_secret_inside_a_message_is_masked(wecom: WebhookServer) -> None:
    ok, _ = send_message(make_channel(wecom_url()), ALERT.title, f"- 链接：http://x/?key={BOT_KEY}")
    assert ok
    assert BOT_KEY not in str([payload for _, payload in wecom.posts])


def test_many_alerts_are_split_under_the_4096_byte_cap(wecom: WebhookServer) -> None:
    alerts = [PendingAlert(f"a{i}", f"第{i % 3}县科技局", f"【新目标】指标{i}", "- 原文：“" + "创新" * 150 + "”")
              for i in range(40)]
    channel = make_channel(wecom_url(), per_minute=0)
    outcomes = deliver_channel(channel, alerts, DeliveryPolicy(retries=0))
    assert len(outcomes) == 40
    assert all(o.sent for o in outcomes)
    sizes = [len(p["markdown"]["content"].encode()) for _, p in wecom.posts]
    assert len(sizes) > 1
    assert max(sizes) <= 4096


def test_bot_replies_are_read_for_every_bot_dialect() -> None:
    assert reply_error('{"errcode":0,"errmsg":"ok"}') is None
    assert reply_error('{"code":0,"msg":"success","data":{}}') is None
    assert reply_error('{"StatusCode":0,"StatusMessage":"success"}') is None
    assert reply_error('{"code":9499,"msg":"Bad Request"}') == "code=9499 Bad Request"
    assert reply_error("<html>login</html>") is not None


@pytest.mark.parametrize("scheme", ["dingtalk", "feishu"])
def test_dingtalk_and_feishu_send_markdown_and_read_the_reply(monkeypatch: pytest.MonkeyPatch, scheme: str) -> None:
    from alerts.bots import CheckedDingTalk, CheckedFeishu

    plugin, path = {"dingtalk": (CheckedDingTalk, "robot/send?access_token={token}"),
                    "feishu": (CheckedFeishu, "open-apis/bot/v2/hook/{token}/")}[scheme]
    with WebhookServer() as bot:
        monkeypatch.setattr(plugin, "notify_url", f"http://127.0.0.1:{bot.port}/{path}")
        channel = make_channel(f"{scheme}://t0ken0123456789/?rto=1&cto=1")
        ok, error = send_message(channel, ALERT.title, ALERT.body)
        assert ok, error
        bot.errcode = 310000
        ok, error = send_message(channel, ALERT.title, ALERT.body)
    assert not ok
    assert error is not None
    assert "errcode=310000" in error
    ((sent_to, payload),) = bot.posts
    assert "t0ken0123456789" in sent_to
    text = str(payload)
    assert "markdown" in text
    assert "900家" in text
