"""The weekly digest of 71 alerts from four bureaus on real local channels (issue 21, item 1).

A json webhook, a WeCom bot API and an SMTP server on 127.0.0.1, a real DuckDB file: every
alert arrives exactly once per channel across numbered parts, each part under the platform's
cap, each link rendered once; without a channel the terminal gets a few lines, not the digest.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.servers import SmtpServer, WebhookServer
from warehouse.db import writer
from warehouse.outbox import insert_new_alerts
from warehouse.runs import upsert_sources

pytestmark = pytest.mark.usefixtures("prefect_harness")

BUREAUS = {"linchuan": ("临川市科学技术局", 30), "chengchuan": ("澄川市科学技术局", 20),
           "hexi": ("河西县科学技术局", 15), "gaoxin": ("临川高新区科技创新局", 6)}
WECOM_CAP = 4096  # WeCom refuses more (errcode 40058)
TEXT_CAP = 20_000


def _url(source: str, n: int) -> str:
    return f"http://kjj.{source}.gov.cn/art/2025/{n}/t2025_{n}.html?id={n}&t=2"


def _alerts() -> list[dict[str, str | None]]:
    rows: list[dict[str, str | None]] = []
    for source, (bureau, count) in BUREAUS.items():
        for n in range(count):
            rows.append({"id": f"{source}{n:03d}", "kind": "new_target", "key": f"new_target:{source}:m{n}:2025",
                         "source_id": source, "document_id": None, "url": _url(source, n),
                         "title": f"【新目标】{bureau} 2025年指标{source}{n:03d} {900 + n}家",
                         "body": f"- 单位：{bureau}\n- 指标：高新技术企业总数\n- 数值：{900 + n}家（2025年）\n"
                                 f"- 原文：“力争全市高新技术企业总数达到{900 + n}家，" + "科技创新" * 12 + "”\n"
                                 f"- 来源：2025年工作要点 {_url(source, n)}"})
    return rows


def _store(db: Path) -> list[dict[str, str | None]]:
    rows = _alerts()
    sources = [{"id": s, "name": name, "level": "city", "start_urls": [f"http://kjj.{s}.gov.cn/"], "tags": []}
               for s, (name, _) in BUREAUS.items()]
    with writer(db) as con:
        upsert_sources(con, sources)
        insert_new_alerts(con, rows, run_id="r1")
    return rows


def _numbered(titles: list[str]) -> None:
    parts = len(titles)
    assert parts > 1
    assert [re.search(r"（(\d+)/(\d+)）$", t).groups() for t in titles] == [  # type: ignore[union-attr]
        (str(n), str(parts)) for n in range(1, parts + 1)]
    assert all("共 71 条提醒" in t for t in titles)


def _md_links_once(text: str, rows: list[dict[str, str | None]]) -> None:
    targets = re.findall(r"\]\(([^)\s]*)\)", text)
    assert "[[" not in text
    assert all("[" not in t and "](" not in t for t in targets)
    assert "[http" not in text  # a document's title is its link text, never the bare URL (item 5)
    for row in rows:
        assert targets.count(str(row["url"])) == 1
        assert text.count(f"[2025年工作要点]({row['url']})") == 1


def test_digest_reaches_every_channel_whole_in_numbered_parts(
        db_path: Path, tmp_path: Path, wecom: WebhookServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.digest import digest

    rows = _store(db_path)
    with WebhookServer() as hook, SmtpServer() as smtp:
        config = tmp_path / "notify.yaml"
        config.write_text(f"channels:\n  - url: {hook.url()}\n  - url: {smtp.url(fmt='html')}\n"
                          f"  - url: wecombot://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0?rto=1&cto=1\n"
                          f"    per_minute: 600\n", encoding="utf-8")
        monkeypatch.setenv("KJWATCH_NOTIFY_CONFIG", str(config))
        monkeypatch.delenv("KJWATCH_NOTIFY", raising=False)
        first = digest(str(db_path), None, 7, True)
        again = digest(str(db_path), None, 7, True)
    assert (first["alerts"], first["new_digest"], first["sent"]) == (71, True, 3)
    assert (again["new_digest"], again["sent"]) == (False, 0)

    _numbered([p["title"] for _, p in hook.posts])
    texts = [p["message"] for _, p in hook.posts]
    assert all(len(t.encode()) + len(p["title"].encode()) <= TEXT_CAP for t, (_, p) in zip(texts, hook.posts,
                                                                                             strict=True))
    joined = "\n".join(texts)
    assert joined.count("【新目标】") == len(rows)  # one line per alert, under its bureau and document
    for row in rows:
        assert joined.count(str(row["url"])) == 1
    assert all(name in joined for name, _ in BUREAUS.values())

    contents = [p["markdown"]["content"] for _, p in wecom.posts]
    assert all(len(c.encode()) <= WECOM_CAP for c in contents)
    _numbered([c.splitlines()[0] for c in contents])
    bot_text = "\n".join(contents)
    assert bot_text.count("【新目标】") == len(rows)
    _md_links_once(bot_text, rows)

    (mail,) = smtp.sink.messages
    html = mail.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "**" not in html
    assert html.count("<h2") == len(BUREAUS)
    hrefs = [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]*)"', html)]
    assert all("](" not in h and "[" not in h for h in hrefs)
    assert sorted(hrefs) == sorted(str(r["url"]) for r in rows)


def test_without_a_channel_the_terminal_gets_a_short_summary(
        db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from flows.digest import digest

    _store(db_path)
    monkeypatch.delenv("KJWATCH_NOTIFY", raising=False)
    monkeypatch.delenv("KJWATCH_NOTIFY_CONFIG", raising=False)
    monkeypatch.chdir(db_path.parent)
    summary = digest(str(db_path), None, 7, False)
    out = capsys.readouterr().out
    assert summary["alerts"] == 71
    lines = out.strip().splitlines()
    assert len(lines) <= 5
    assert len(out.encode()) < 1000
    assert "共 71 条提醒" in lines[0]
    assert "临川市科学技术局 30 条" in out
    assert "http://" not in out
