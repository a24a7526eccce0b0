"""A run's alerts as messages (issue 21 item 5): bureau → document → kind, each named once,
titles as link text, numbered parts that keep a document whole, no `- ` lists for WeCom."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from alerts.channels import make_channel
from alerts.deliver import DeliveryPolicy, PendingAlert, deliver_channel
from alerts.detect import detect_fact_alerts, detect_new_documents
from alerts.messages import build_messages
from alerts.model import Alert, Fact, NewDocument
from tests.alerts.conftest import wecom_url
from tests.servers import WebhookServer

BUREAUS = {"lc": "临川市科学技术局", "cc": "澄川市科学技术局"}


def _document(source: str, doc: str, title: str, day: int) -> NewDocument:
    return NewDocument(source_id=source, bureau=BUREAUS[source], document_id=doc, url=f"http://{source}.cn/{doc}.html",
                       title=title, published_at=date(2025, 2, day), report_year=2025, doc_types=("plan",),
                       indicators=3)


def _target(source: str, doc: str, title: str, day: int, metric: str, value: float) -> Fact:
    return Fact(source_id=source, bureau=BUREAUS[source], document_id=doc, document_url=f"http://{source}.cn/{doc}.html",
                document_title=title, published_at=date(2025, 2, day), first_seen_at=datetime(2025, 2, day, tzinfo=UTC),
                kind="target", metric=metric, measure="level", value=value, unit="家", year=2025, rank=None,
                scope=None, text=f"力争{metric}达到{value:g}家")


def _pending(alert: Alert, with_fields: bool = True) -> PendingAlert:
    """As the outbox hands it over; without fields the message reads the document from the stored lines."""
    if not with_fields:
        return PendingAlert(alert.id, alert.bureau, alert.title, alert.body)
    published = date(2025, 2, int(alert.document_id[-1]) + 1) if alert.document_id else None  # as _document gives
    return PendingAlert(alert.id, alert.bureau, alert.title, alert.body, kind=alert.kind, url=alert.url,
                        published_at=published)


def _run_alerts(targets_per_document: int = 2, documents: int = 2) -> list[Alert]:
    """Targets first and bureaus interleaved, as detection and the outbox produce them."""
    docs = [_document(s, f"{s}{n}", f"{BUREAUS[s][:3]}2025年工作要点{n}", n + 1)
            for n in range(documents) for s in BUREAUS]
    facts = [_target(d.source_id, d.document_id, d.title or "", int(d.document_id[-1]) + 1,
                     f"metric_{d.document_id}_{k}", 100 + k) for d in docs for k in range(targets_per_document)]
    return detect_fact_alerts(facts) + detect_new_documents(docs)


def _document_urls(body: str) -> list[str]:
    return re.findall(r"\]\((http://[^)]+)\)", body)


def test_a_run_reads_bureau_then_document_then_kind_each_named_once() -> None:
    alerts = _run_alerts()
    for with_fields in (True, False):
        (message,) = build_messages([_pending(a, with_fields) for a in alerts], "markdown")
        body = message.body
        assert [line for line in body.splitlines() if line.startswith("## ")] == [
            "## 临川市科学技术局", "## 澄川市科学技术局"]
        for bureau in BUREAUS.values():
            assert body.count(bureau) == 1  # its heading only, not once per alert
        assert len(_document_urls(body)) == len(set(_document_urls(body))) == 4  # each document once
        assert "[http" not in body  # titles are the link text
        assert not any(line.startswith("- ") for line in body.splitlines())
        blocks = body.split("\n\n")
        for block in (b for b in blocks if b.startswith("**[")):
            kinds = re.findall(r"^【([^】]+)】", block, flags=re.M)
            assert kinds[0] == "新报告"  # the report first, then what it sets
            assert set(kinds[1:]) == {"新目标"}
            assert len(kinds) == 3
        if with_fields:
            assert body.index("工作要点1") < body.index("工作要点0")  # the newer report first


def test_parts_are_numbered_and_keep_each_document_whole() -> None:
    alerts = [_pending(a) for a in _run_alerts(targets_per_document=6, documents=4)]
    messages = build_messages(alerts, "markdown")
    assert len(messages) > 1
    for bureau in BUREAUS.values():  # many alerts at once: a message per bureau, its parts numbered
        own = [m for m in messages if {a.bureau for a in m.alerts} == {bureau}]
        parts = len(own)
        assert parts >= 1
        if parts > 1:
            assert [m.title[-len(f"（{n}/{parts}）"):] for n, m in enumerate(own, 1)] == [
                f"（{n}/{parts}）" for n in range(1, parts + 1)]
    assert all(len(m.title.encode()) + len(m.body.encode()) <= 4000 for m in messages)
    seen = [u for m in messages for u in _document_urls(m.body)]
    assert len(seen) == len(set(seen)) == 8  # no document's block torn across two parts
    carried = [a.alert_id for m in messages for a in m.alerts]
    assert sorted(carried) == sorted(a.alert_id for a in alerts)  # each alert in exactly one part


def test_a_document_longer_than_a_part_is_split_between_its_alerts_under_its_heading() -> None:
    alerts = [_pending(a) for a in _run_alerts(targets_per_document=30, documents=1)]
    messages = build_messages(alerts, "markdown", limit=2500)
    assert len(messages) > 2
    assert all(len(m.title.encode()) + len(m.body.encode()) <= 2500 for m in messages)
    assert all(_document_urls(m.body) for m in messages)  # a continued part repeats its document's link
    assert not any("[http" in m.body for m in messages)
    assert not any("已截断" in m.body for m in messages)


def test_each_part_s_alerts_are_recorded_as_it_is_sent() -> None:
    alerts = [_pending(a) for a in _run_alerts(targets_per_document=6, documents=4)]
    sent: list[str] = []

    def sender(channel: object, title: str, body: str) -> tuple[bool, str | None]:
        sent.append(title)
        return (len(sent) < 2, None if len(sent) < 2 else "down")

    channel = make_channel("json://127.0.0.1:9/hook")
    outcomes = deliver_channel(channel, alerts, DeliveryPolicy(retries=0), sender)
    first = build_messages(alerts, "text")[0]
    assert {o.alert_id for o in outcomes if o.sent} == {a.alert_id for a in first.alerts}
    assert all(not o.sent for o in outcomes if o.alert_id not in {a.alert_id for a in first.alerts})


def test_mail_gets_real_lists_under_linked_titles() -> None:
    alerts = [_pending(a) for a in _run_alerts()]
    (message,) = build_messages(alerts, "html")
    assert message.body.count("<ul") == 4
    assert message.body.count("<li>") == len(alerts)
    assert '<a href="http://lc.cn/lc0.html">临川市2025年工作要点0</a>' in message.body


def test_the_wecom_bot_receives_headings_and_plain_lines_not_lists(wecom: WebhookServer) -> None:
    alerts = [_pending(a) for a in _run_alerts()]
    outcomes = deliver_channel(make_channel(wecom_url(), per_minute=0), alerts, DeliveryPolicy(retries=0))
    assert all(o.sent for o in outcomes)
    ((_, payload),) = wecom.posts
    content = payload["markdown"]["content"]
    assert content.startswith("### kjwatch 科技局监测：")
    assert "[临川市2025年工作要点0](http://lc.cn/lc0.html)" in content
    assert not any(line.lstrip().startswith(("- ", "* ")) for line in content.splitlines())
