"""A source that needs a browser on a machine without Chromium fails with a message saying what to install."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.crawl import crawl_source
from spiders.sources import Source
from tests.spiders.browser_sites import ChallengeSite, ScriptPagerSite
from tests.spiders.sitekit import REPO, crawl, source_dict

MISSING = {"KJWATCH_CHROMIUM": "/nonexistent/chromium"}


def test_render_browser_source_fails_naming_source_and_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                 ) -> None:
    monkeypatch.setenv("KJWATCH_CHROMIUM", MISSING["KJWATCH_CHROMIUM"])
    monkeypatch.setenv("KJWATCH_CRAWL_LOG_LEVEL", "WARNING")
    monkeypatch.chdir(REPO)
    with ScriptPagerSite() as site:
        source = Source.from_dict(source_dict("gopage-nobrowser", site.base + "/xxgk/list.html", render="browser"))
        outcome = crawl_source(source, tmp_path / "raw", tmp_path / "work", tmp_path / "cache", crawl_delay=0)
    assert outcome.status == "failed"
    assert outcome.items == []
    assert outcome.evidence is not None
    assert "source gopage-nobrowser" in outcome.evidence
    assert "/nonexistent/chromium" in outcome.evidence
    assert "install chromium" in outcome.evidence


def test_challenge_without_chromium_stays_blocked_and_says_why(tmp_path: Path) -> None:
    with ChallengeSite() as site:
        run = crawl(source_dict("jsl-nobrowser", site.base + "/"), tmp_path, env=MISSING)
    assert run.items == []
    assert "521" in run.stats["blocked"][0]
    assert "install chromium" in run.stats["blocked"][0]
    assert run.stats["errors"] == ["source jsl-nobrowser: the JS challenge at " + site.base + "/ (HTTP 521: 加速乐 "
                                   "521 challenge (__jsl_clearance)) needs a headless browser, but Chromium is not "
                                   "installed at /nonexistent/chromium: install chromium (apt-get install chromium, "
                                   "or make system-deps)"]
