from __future__ import annotations

import pytest

from alerts.channels import ChannelError, mask_url, parse_channels, redact, scrub
from alerts.deliver import PendingAlert, split_batches
from alerts.labels import format_value
from alerts.messages import build_messages
from alerts.render import render_digest


def test_secrets_never_appear_in_channel_names() -> None:
    names = [c.name for c in parse_channels(
        ["wecombot://abcdef1234567890abcdef, mailto://bot:hunter2@127.0.0.1:25/a@example.com?from=bot@example.com"])]
    assert len(names) == 2
    assert all("abcdef1234567890" not in n and "hunter2" not in n for n in names)


def test_unusable_url_is_rejected_without_echoing_secrets() -> None:
    with pytest.raises(ChannelError, match="not a usable apprise URL"):
        mask_url("nosuchscheme://user:topsecret@host")
    assert "topsecret" not in redact("nosuchscheme://user:topsecret@host")
    assert "0123456789abcdef0123" not in redact("https://x/send?key=0123456789abcdef0123")


def test_values_read_naturally() -> None:
    assert format_value(180000, "万元") == "18亿元"
    assert format_value(3700, "万元") == "3,700万元"
    assert format_value(2.34, "pp") == "2.34个百分点"
    assert format_value(26.5, "%") == "26.5%"


def test_digest_groups_by_bureau_and_batches_stay_under_the_cap() -> None:
    alerts = [
        PendingAlert(f"a{i}", "甲县科技局" if i % 2 else "乙市科技局", f"【新目标】指标{i}", "- 原文：" + "很长" * 200)
        for i in range(12)
    ]
    digest = render_digest(alerts[:2])
    assert digest.index("## 乙市科技局") < digest.index("## 甲县科技局")
    batches = split_batches(alerts, limit=3000)
    assert sum(len(b) for b in batches) == 12
    assert all(len(render_digest(b).encode()) <= 3000 for b in batches if len(b) > 1)


def test_mail_channels_keep_their_port_and_hide_the_password() -> None:
    (a, b) = parse_channels(["mailto://bot:hunter2x@127.0.0.1:2525/a@example.com?from=k@example.com",
                             "mailto://bot:hunter2x@127.0.0.1:2526/a@example.com?from=k@example.com"])
    assert a.name == "mailto://bot:****@127.0.0.1:2525/a%40example.com"
    assert a.name != b.name
    assert "hunter2x" in a.secrets()
    assert a.style == "html"


def test_known_secrets_are_scrubbed_from_any_text() -> None:
    (channel,) = parse_channels(["wecombot://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"])
    text = "POST https://qyapi/send?key=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 failed"
    assert scrub(text, channel.secrets()) == "POST https://qyapi/send?key=**** failed"


def test_each_style_renders_the_stored_lines_naturally() -> None:
    alert = PendingAlert("a1", "甲县科技局", "【新目标】甲县 <研发>", "- 单位：甲县科技局\n- 链接：http://x.cn/a?b=1&c=2")
    html = render_digest([alert, alert], "html")
    assert "&lt;研发&gt;" in html
    assert '<a href="http://x.cn/a?b=1&amp;c=2">原文链接</a>' in html
    text = render_digest([alert], "text", lone_body=True)
    assert text.splitlines() == ["原文链接 http://x.cn/a?b=1&c=2", "  【新目标】甲县 <研发>"]
    assert render_digest([alert], "markdown", lone_body=True).startswith("**[原文链接](http://x.cn/a?b=1&c=2)**")


def test_a_lone_alert_too_long_for_a_bot_is_clipped_not_dropped() -> None:
    huge = PendingAlert("a1", "甲县科技局", "【新报告】甲县", "- 说明：" + "长" * 5000)
    (message,) = build_messages([huge], "markdown")
    assert len(message.title.encode()) + len(message.body.encode()) <= 4000
    assert message.body.endswith("已截断）")


def test_a_digest_of_one_alert_still_names_it() -> None:
    alert = PendingAlert("a1", "甲县科技局", "【新目标】甲县 研发投入", "- 单位：甲县科技局")
    digest = render_digest([alert])
    assert "## 甲县科技局" in digest
    assert "【新目标】甲县 研发投入" in digest
