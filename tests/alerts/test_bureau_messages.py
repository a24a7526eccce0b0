"""Many alerts at once go out as one message per bureau and run, each with a link to that
bureau's page of the report (issue 20); a run that fits in one message stays one message."""

from __future__ import annotations

import re

from alerts.messages import PER_BUREAU_MAX, PendingAlert, build_messages

BASE = "https://kj.intranet.example/kjwatch"


def _alerts(bureaus: int, per_bureau: int, base: str = BASE) -> list[PendingAlert]:
    alerts = []
    for b in range(bureaus):
        name, sid = f"第{b}市科学技术局", f"city-{b}"
        for n in range(per_bureau):
            body = "\n".join([f"- 单位：{name}", f"- 标题：{name}2025年工作要点",
                              f"- 链接：http://{sid}.example.cn/plan.html",
                              f"- 原文：“力争新认定高新技术企业{100 + n}家，科技型中小企业入库{n}家”"])
            alerts.append(PendingAlert(f"{sid}-{n}", name, f"【新目标】{name} 指标{n}", body, kind="new_target",
                                       report_url=f"{base}/bureau/{sid}.html"))
    return alerts


def test_many_alerts_at_once_make_one_message_per_bureau_each_linking_its_report_page() -> None:
    alerts = _alerts(bureaus=3, per_bureau=12)
    messages = build_messages(alerts, "markdown")
    owners = [{a.bureau for a in m.alerts} for m in messages]
    assert all(len(o) == 1 for o in owners)  # no message mixes bureaus
    assert [o.pop() for o in owners] == ["第0市科学技术局", "第1市科学技术局", "第2市科学技术局"]
    for n, message in enumerate(messages):
        assert f"（第{n}市科学技术局）" in message.title
        links = re.findall(r"\[本单位报告页\]\(([^)]+)\)", message.body)
        assert links == [f"{BASE}/bureau/city-{n}.html"]
        assert message.body.rstrip().endswith(f"({BASE}/bureau/city-{n}.html)")
    assert sorted(a.alert_id for m in messages for a in m.alerts) == sorted(a.alert_id for a in alerts)


def test_a_bureau_longer_than_a_message_gets_numbered_parts_of_its_own() -> None:
    alerts = _alerts(bureaus=2, per_bureau=60)
    messages = build_messages(alerts, "markdown")
    for bureau in ("第0市科学技术局", "第1市科学技术局"):
        own = [m for m in messages if {a.bureau for a in m.alerts} == {bureau}]
        assert len(own) > 1
        assert [m.title[-5:] for m in own] == [f"（{n}/{len(own)}）" for n in range(1, len(own) + 1)]
        assert all("本单位报告页" in m.body for m in own)
    assert all(len(m.title.encode()) + len(m.body.encode()) <= 4000 for m in messages)


def test_a_run_that_fits_in_one_message_stays_one_with_a_link_per_bureau() -> None:
    (message,) = build_messages(_alerts(bureaus=2, per_bureau=2), "markdown")
    assert re.findall(r"\[本单位报告页\]\(([^)]+)\)", message.body) == [
        f"{BASE}/bureau/city-0.html", f"{BASE}/bureau/city-1.html"]


def test_beyond_the_cap_bureaus_share_numbered_parts_so_a_bot_quota_is_not_spent() -> None:
    alerts = _alerts(bureaus=PER_BUREAU_MAX + 2, per_bureau=6)
    messages = build_messages(alerts, "markdown")
    assert len(messages) < PER_BUREAU_MAX + 2
    assert sum(m.body.count("本单位报告页") for m in messages) >= PER_BUREAU_MAX + 2


def test_a_report_on_a_file_share_is_named_not_linked_in_bot_markdown_but_linked_in_mail() -> None:
    alerts = _alerts(bureaus=1, per_bureau=3, base="file:///srv/kjwatch/data/report")
    (markdown,) = build_messages(alerts, "markdown")
    assert "](file:" not in markdown.body
    assert "本单位报告页：file:///srv/kjwatch/data/report/bureau/city-0.html" in markdown.body
    (text,) = build_messages(alerts, "text")
    assert "本单位报告页 file:///srv/kjwatch/data/report/bureau/city-0.html" in text.body
    (html,) = build_messages(_alerts(bureaus=1, per_bureau=3), "html")
    assert f'<a href="{BASE}/bureau/city-0.html">本单位报告页</a>' in html.body
