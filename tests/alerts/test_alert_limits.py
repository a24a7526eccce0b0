"""Every message a bot receives is within that platform's limit (issue 20), measured on what the
checked apprise plugins really POST to a bot API on 127.0.0.1 after a run of many alerts.

The limits, as documented and as the platforms answer when exceeded:
- WeCom group bot: markdown.content at most 4096 bytes UTF-8 (errcode 40058 "markdown.content
  exceed max length 4096"); text.content at most 2048 bytes.
- DingTalk custom robot: the request body at most 20000 bytes ("body 大小不合法；请保持大小在
  20000bytes 以内").
- Feishu custom bot: the request body at most 20 KB; an interactive card at most 30 KB (error
  230025 "卡片内容超过30KB大小限制").
kjwatch packs bot parts under 4000 bytes of markdown (alerts/messages.py), which keeps all three.
"""

from __future__ import annotations

import json

import pytest

from alerts.bots import CheckedDingTalk, CheckedFeishu, install_bot_plugins
from alerts.channels import make_channel
from alerts.deliver import DeliveryPolicy, PendingAlert, deliver_channel
from tests.alerts.conftest import wecom_url
from tests.servers import WebhookServer

WECOM_MARKDOWN_BYTES, DINGTALK_BODY_BYTES = 4096, 20000
FEISHU_BODY_BYTES, FEISHU_CARD_BYTES = 20 * 1024, 30 * 1024


def _many_alerts() -> list[PendingAlert]:
    """A first run of six bureaus, forty long-sentenced alerts each (Chinese: 3 bytes a character,
    6 once JSON escapes it)."""
    alerts = []
    for b in range(6):
        name = f"第{b}市科学技术局"
        for n in range(40):
            url = f"http://kj{b}.example.gov.cn/art/2025/1/{n}/art_{n}.html"
            sentence = "全年新认定高新技术企业356家，科技型中小企业入库2417家，技术合同成交额108.6亿元，" * 3
            body = "\n".join([f"- 单位：{name}", f"- 标题：{name}2024年工作总结和2025年工作要点{n % 5}",
                              f"- 链接：{url}", f"- 原文：“{sentence}”"])
            alerts.append(PendingAlert(f"{b}-{n}", name, f"【新目标】{name} 指标{n}", body, kind="new_target",
                                       url=url, report_url=f"https://kj.intranet.example/report/bureau/b{b}.html"))
    return alerts


@pytest.fixture
def bots(monkeypatch: pytest.MonkeyPatch, wecom: WebhookServer) -> WebhookServer:
    """The DingTalk and Feishu plugins' endpoints pointed at the same local bot API as WeCom's."""
    install_bot_plugins()
    monkeypatch.setattr(CheckedDingTalk, "notify_url", f"http://127.0.0.1:{wecom.port}/robot/send?access_token={{token}}")
    monkeypatch.setattr(CheckedFeishu, "notify_url", f"http://127.0.0.1:{wecom.port}/open-apis/bot/v2/hook/{{token}}")
    return wecom


def _sent(bots: WebhookServer, url: str) -> list[dict[str, object]]:
    bots.posts.clear()
    alerts = _many_alerts()
    outcomes = deliver_channel(make_channel(url, per_minute=0), alerts,
                               DeliveryPolicy(retries=0, backoff=0.0, channel_budget=60.0), sleep=lambda _: None)
    assert len(outcomes) == len(alerts)
    assert all(o.sent for o in outcomes)
    return [payload for _, payload in bots.posts]


def _body_bytes(payload: object) -> int:
    """The request body as the plugin writes it (json.dumps, ASCII escapes)."""
    return len(json.dumps(payload).encode("utf-8"))


def test_wecom_markdown_stays_within_4096_bytes(bots: WebhookServer) -> None:
    posts = _sent(bots, wecom_url())
    assert len(posts) >= 6  # a message (or more) per bureau
    assert all(len(p["markdown"]["content"].encode("utf-8")) <= WECOM_MARKDOWN_BYTES for p in posts)  # type: ignore[index]


def test_dingtalk_request_bodies_stay_within_20000_bytes(bots: WebhookServer) -> None:
    posts = _sent(bots, "dingtalk://" + "a1b2c3d4" * 8 + "/")
    assert len(posts) >= 6
    assert max(_body_bytes(p) for p in posts) <= DINGTALK_BODY_BYTES


def test_feishu_request_bodies_and_cards_stay_within_their_limits(bots: WebhookServer) -> None:
    posts = _sent(bots, "feishu://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/")
    assert len(posts) >= 6
    assert max(_body_bytes(p) for p in posts) <= FEISHU_BODY_BYTES
    assert max(_body_bytes(p["card"]) for p in posts) <= FEISHU_CARD_BYTES  # type: ignore[index]
