from __future__ import annotations

from pathlib import Path

import pytest

from tests.servers import WebhookServer
from warehouse.db import writer
from warehouse.outbox import insert_new_alerts

pytestmark = pytest.mark.usefixtures("prefect_harness")


def _alert(n: int) -> dict:
    return {"id": f"a{n}", "kind": "new_target", "key": f"new_target:demo:hte_total:level:{2024 + n}",
            "source_id": "demo", "document_id": None, "url": "http://h/a",
            "title": f"【新目标】临川市科学技术局 {2024 + n}年高新技术企业总数 900家",
            "body": "- 原文：“力争达到900家”"}


def test_digest_sends_once_per_period_and_keeps_urls_out_of_parameters(db_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                       ) -> None:
    from flows.digest import digest

    with writer(db_path) as con:
        con.execute("INSERT INTO sources (id, name, level) VALUES ('demo', '临川市科学技术局', 'city')")
        insert_new_alerts(con, [_alert(1), _alert(2)], run_id="r1")
    with WebhookServer() as hook:
        monkeypatch.setenv("KJWATCH_NOTIFY", hook.url())
        first = digest(str(db_path), None, 7, True)
        second = digest(str(db_path), None, 7, True)
    assert (first["alerts"], first["new_digest"], first["sent"]) == (2, True, 1)
    assert second["new_digest"] is False
    assert second["sent"] == 0
    assert len(hook.posts) == 1
    title = hook.posts[0][1]["title"]
    assert "周报" in title
    assert "2 条提醒" in title
    assert "临川市科学技术局" in hook.posts[0][1]["message"]
