"""Crawled titles and sentences are data, never markup: bot markdown, mail HTML and the text a
bot receives stay inert whatever a government page (or an attacker behind one) puts in them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from alerts.channels import make_channel
from alerts.deliver import PendingAlert, send_message
from alerts.messages import build_messages
from alerts.model import Alert, Fact, NewDocument
from alerts.render import render_alert, render_digest
from tests.alerts.conftest import wecom_url
from tests.servers import WebhookServer

EVIL_TITLE = '**紧急**](http://evil.example/x)[点此 <script>alert(1)</script> `code` <font color="warning">红</font>'
EVIL_SENTENCE = "力争达到900家 [点我](http://evil.example/p) ## 假标题 ![img](http://evil.example/i.png) | 表格 |"
EVIL_URL = "javascript:alert(document.cookie)"
DOC_URL = "http://kjj.example.cn/a.html"
MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
HTML_LINK = re.compile(r'<a href="([^"]*)">([^<]*)</a>')


def _new_document(url: str = "http://kjj.example.cn/a.html", title: str = EVIL_TITLE) -> Alert:
    document = NewDocument("s1", "临川市科学技术局", "d1", url, title, date(2025, 3, 1), 2024, ("summary",), 3)
    return render_alert("new_document", "new_document:d1", "s1", "临川市科学技术局", "d1", url, document=document)


def _target(url: str = "http://kjj.example.cn/a.html") -> Alert:
    fact = Fact("s1", "临川市科学技术局", "d1", url, EVIL_TITLE, date(2025, 3, 1), datetime(2025, 3, 2, tzinfo=UTC),
                "target", "hte_total", "level", 900.0, "家", 2025, None, None, EVIL_SENTENCE)
    return render_alert("new_target", "new_target:d1", "s1", "临川市科学技术局", "d1", url, fact=fact)


def _pending(alert: Alert, n: int = 1) -> PendingAlert:
    return PendingAlert(f"a{n}", alert.bureau, alert.title, alert.body, kind=alert.kind,
                        document_title=EVIL_TITLE, url=alert.url, published_at=date(2025, 3, 1))


def _assert_honest_links(links: list[tuple[str, str]]) -> None:
    """Every link is ours (the document's) or a bare URL shown as itself: no text hides a target."""
    for text, target in links:
        assert target.startswith("http")
        assert target == DOC_URL or text == target, (text, target)


def _assert_inert_markdown(markdown: str) -> None:
    _assert_honest_links(MD_LINK.findall(markdown))
    assert "[点" not in markdown                    # the page's own link text is no link
    assert "**紧急**" not in markdown
    assert "`code`" not in markdown
    assert "<script" not in markdown
    assert "<font" not in markdown
    assert "javascript:" not in markdown
    assert not any(line.lstrip().startswith(("## 假", "#假")) for line in markdown.splitlines())
    assert "| 表格 |" not in markdown


@pytest.mark.parametrize("url", ["http://kjj.example.cn/a.html", EVIL_URL], ids=["web-url", "javascript-url"])
def test_bot_markdown_keeps_crawled_markup_inert(url: str) -> None:
    alerts = [_pending(_new_document(url), 1), _pending(_target(url), 2)]
    for markdown in (render_digest(alerts, "markdown"), render_digest(alerts[:1], "markdown", lone_body=True)):
        _assert_inert_markdown(markdown)
        assert "紧急" in markdown                       # the words themselves are still there
    assert "900家" in render_digest(alerts, "markdown")
    if url == EVIL_URL:
        assert "](" not in render_digest(alerts[:1], "markdown", lone_body=True)
    else:
        assert "](http://kjj.example.cn/a.html)" in render_digest(alerts, "markdown")


def test_mail_html_escapes_crawled_markup_and_links_only_web_urls() -> None:
    alerts = [_pending(_new_document(EVIL_URL), 1), _pending(_target(), 2)]
    html = render_digest(alerts, "html")
    assert "<script" not in html
    assert "<font" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    _assert_honest_links([(text, href) for href, text in HTML_LINK.findall(html)
                          if "原文链接" not in text and not text.startswith("**")])
    assert f'<a href="{DOC_URL}">' in html


def test_a_hostile_title_reaches_the_bot_as_text(wecom: WebhookServer) -> None:
    (message,) = build_messages([_pending(_new_document())], "markdown")
    ok, error = send_message(make_channel(wecom_url()), message.title, message.body)
    assert ok, error
    ((_, payload),) = wecom.posts
    content = payload["markdown"]["content"]
    heading, _, _ = content.partition("\n")
    assert heading.startswith("### 【新报告】临川市科学技术局：")
    _assert_inert_markdown(content)


def test_a_title_cannot_open_a_line_of_its_own(wecom: WebhookServer) -> None:
    alert = _new_document(title="年度总结\n# 假标题\n[点我](http://evil.example)")
    (message,) = build_messages([_pending(alert)], "markdown")
    ok, error = send_message(make_channel(wecom_url()), message.title, message.body)
    assert ok, error
    content = wecom.posts[0][1]["markdown"]["content"]
    assert not any(line.startswith("# ") for line in content.splitlines())
    _assert_inert_markdown(content)
