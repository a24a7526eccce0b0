"""A digest's e-mail as the reader gets it (issue 20): sent through apprise to a real SMTP server on
127.0.0.1, its HTML part opened in headless Chromium at phone width: no errors, nothing scrolls
sideways, every link absolute. Skipped where Debian's `chromium` is missing; CI installs it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from alerts.channels import make_channel
from alerts.messages import PendingAlert, build_messages
from alerts.sending import send_message
from tests.flows.test_report_helpers import NEEDS_CHROMIUM, Chromium
from tests.servers import SmtpServer

pytestmark = [pytest.mark.e2e, NEEDS_CHROMIUM]
LONG_URL = ("https://kjj.example.gov.cn/module/download/downfile.jsp?classid=0&filename=2408281542123456789"
            "0abcdef1234567890abcdef.pdf&showname=%E5%B7%A5%E4%BD%9C%E8%A6%81%E7%82%B9")


def _alerts() -> list[PendingAlert]:
    """Two bureaus, a long attachment URL and a long sentence: what makes a phone scroll sideways."""
    alerts = []
    for b, name in enumerate(("澄川市科学技术局", "青禾县科学技术局")):
        for n in range(4):
            url = f"{LONG_URL}&n={b}{n}"
            body = "\n".join([f"- 单位：{name}", f"- 标题：{name}关于印发2025年科技创新工作要点的通知",
                              f"- 链接：{url}", f"- 原文：“力争全年新认定高新技术企业{100 + n}家，详见 {url}”"])
            alerts.append(PendingAlert(f"{b}-{n}", name, f"【新目标】{name} 指标{n}", body, kind="new_target",
                                       url=url, report_url=f"https://kj.intranet.example/report/bureau/b{b}.html"))
    return alerts


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    with Chromium(tmp_path_factory.mktemp("chromium-mail")) as running:
        yield running


def _received_html(tmp_path: Path) -> list[Path]:
    """Each message of the digest as the mail channel sends it, its HTML part as received."""
    with SmtpServer() as smtp:
        channel = make_channel(smtp.url(fmt="html"))
        messages = build_messages(_alerts(), channel.style)
        for message in messages:
            assert send_message(channel, message.title, message.body) == (True, None)
        received = list(smtp.sink.messages)
    assert len(received) == len(messages)
    files = []
    for n, mail in enumerate(received):
        part = mail.get_body(preferencelist=("html",))
        assert part is not None
        html = part.get_content()
        files.append(tmp_path / f"mail-{n}.html")
        files[-1].write_text(f"<!DOCTYPE html><meta charset='utf-8'><meta name='viewport' "
                             f"content='width=device-width, initial-scale=1'>{html}", encoding="utf-8")
    return files


def test_the_mail_reads_on_a_phone_without_errors_or_sideways_scrolling(tmp_path: Path, browser: Chromium) -> None:
    for file in _received_html(tmp_path):
        page = browser.open(file.resolve().as_uri())
        page.resize(390, 844, mobile=True)
        page.screenshot()  # laid out and painted
        assert page.errors == [], file.name
        assert [u for u in page.requests if not u.startswith("file://")] == []  # no remote images or fonts
        width, inner = page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")
        assert inner == 390, file.name
        assert width <= inner, file.name
        hrefs = page.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
        assert hrefs, file.name
        assert all(h.startswith(("https://", "http://")) for h in hrefs), hrefs
        assert any(h.endswith("/report/bureau/b0.html") or h.endswith("/report/bureau/b1.html") for h in hrefs)
