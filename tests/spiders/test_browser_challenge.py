"""A 加速乐-style 521 cookie challenge solved by a real Chromium inside a real crawl; the rest stays plain HTTP."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.spiders.browser_sites import CLEARANCE, NEEDS_CHROMIUM, ChallengeSite
from tests.spiders.sitekit import REPO, crawl, crawl_env, read_run, source_dict

pytestmark = NEEDS_CHROMIUM


@pytest.fixture
def site() -> ChallengeSite:
    with ChallengeSite() as running:
        yield running


def test_challenge_is_solved_by_the_browser_and_reports_fetched_plainly(site: ChallengeSite, tmp_path: Path) -> None:
    run = crawl(source_dict("jsl-live", site.base + "/"), tmp_path)
    assert run.paths() == {"/art/1.html", "/art/2.html", "/art/3.html"}
    assert run.stats["blocked"] == []
    assert run.stats["errors"] == []
    reports = site.hits_of("/art/")
    assert len(reports) == 3
    assert all(CLEARANCE in hit.cookie and not hit.browser and hit.status == 200 for hit in reports)
    browser = [hit for hit in site.hits if hit.browser and hit.path == "/"]
    assert [(hit.status, CLEARANCE in hit.cookie) for hit in browser] == [(200, True)]   # the reload; 521 was ours
    plain_home = [(hit.status, CLEARANCE in hit.cookie) for hit in site.hits if not hit.browser and hit.path == "/"]
    assert plain_home == [(521, False), (200, True)]


def test_plain_render_never_starts_a_browser(site: ChallengeSite, tmp_path: Path) -> None:
    run = crawl(source_dict("jsl-plain", site.base + "/", render="plain"), tmp_path)
    assert run.items == []
    assert "521" in run.stats["blocked"][0]
    assert not [hit for hit in site.hits if hit.browser]


def test_challenged_sources_crawled_in_one_process_are_all_solved(tmp_path: Path) -> None:
    """`crawl_one --many`: two sources in the process's one Chromium (a context each); the first to
    finish must not close the browser under the second."""
    with ChallengeSite() as first, ChallengeSite() as second:
        jobs = []
        for name, site in (("jsl-first", first), ("jsl-second", second)):
            out = tmp_path / name
            out.mkdir()
            jobs.append({"source_json": json.dumps(source_dict(name, site.base + "/")),
                         "items": str(out / "items.jsonl"), "stats": str(out / "stats.json"),
                         "raw_dir": str(tmp_path / "raw"), "cache_dir": str(tmp_path / "cache" / name)})
        (tmp_path / "jobs.jsonl").write_text("".join(json.dumps(job) + "\n" for job in jobs), encoding="utf-8")
        subprocess.run([sys.executable, "-m", "spiders.crawl_one", "--many", str(tmp_path / "jobs.jsonl")],
                       env=crawl_env(), check=True, timeout=120, capture_output=True, cwd=REPO)
        for name, site in (("jsl-first", first), ("jsl-second", second)):
            run = read_run(tmp_path / name / "items.jsonl", tmp_path / name / "stats.json")
            assert run.paths() == {"/art/1.html", "/art/2.html", "/art/3.html"}
            assert all(CLEARANCE in hit.cookie and not hit.browser for hit in site.hits_of("/art/"))
