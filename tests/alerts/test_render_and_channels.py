from __future__ import annotations

import pytest

from alerts.channels import ChannelError, mask_url, parse_channels, redact
from alerts.deliver import PendingAlert, split_batches
from alerts.labels import format_value
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
