"""The real spider over real HTTP against one mock site per CMS family: exactly the reports, nothing else."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.spiders.sitekit import FixtureSites, crawl, crawl_env, read_run, source_dict

FAMILIES = ["trs", "hanweb", "zfxxgk", "guangdong", "static", "portal"]
BLOCKED = ["blocked-rs", "blocked-jsl", "blocked-waf", "blocked-empty"]

EXPECTED = {
    "trs": {
        "/col/col101/202501/t20250120_1001.html": None,          # homepage (with jsessionid) and two columns
        "/col/col101/202407/t20240715_1007.html": None,          # only on list page 2 (createPageHTML)
        "/col/col101/202403/t20240326_1008.html": None,          # only on list page 3
        "/xxgk/202502/P020250210123456.pdf": "/xxgk/202502/t20250210_2003.shtml",  # 海云 page 2, file only
    },
    "hanweb": {
        "/art/2024/3/4/art_4567_1003.html": None,                # inline <datastore> record
        "/module/download/downfile.jsp?classid=0&filename=2f3a9c.doc": "/art/2024/3/15/art_4567_1014.html",
        "/art/2024/3/23/art_4567_1022.html": None,               # third group (POST dataproxy)
        "/art/2024/3/13/art_4568_1012.html": None,               # GET-only dataproxy, ids from loose script vars
    },
    "zfxxgk": {
        "/xxgk/ghjh/content_4001.html": None,
        "/xxgk/ghjh/files/2023summary.docx": "/xxgk/ghjh/list_2.html",
        "/xxgk/ghjh/content_4003.html": None,                    # truncated anchor, full title in title=
    },
    "guangdong": {                                              # plus one of the two URLs of the same PDF
        "/zwgk/ghjh/content/post_4123456.html": None,
        "/attachment/0/512/512350/4123460": "/zwgk/ghjh/content/post_4123460.html",  # octet-stream, no suffix
    },
    "static": {
        "/news/2025/0326-1.htm": None,
        "/news/2024/0715-1.htm": None,                           # served after two 503s
        "/upload/2025yd.wps": "/notice/2025/0110-1.htm",
        "/upload/2025plan.xls": "/ghjh/list.htm",
    },
    "portal": {
        "/zwgk/ghjh/2025/t20250115_1.html": None,
        "/uploads/yd2024.pdf": "/zwgk/ghjh/2024/t20240201_2.html",  # only inside a pdf.js iframe
    },
}


@pytest.fixture(scope="module")
def sites() -> Iterator[FixtureSites]:
    with FixtureSites(FAMILIES + BLOCKED) as running:
        yield running


def _path(url: str | None, base: str) -> str | None:
    return url.removeprefix(base.rstrip("/")) if url else None


def _found(sites: FixtureSites, name: str, tmp_path: Path) -> tuple[dict[str, str | None], dict, list]:
    run = crawl(source_dict(name, sites.url(name)), tmp_path)
    base = sites.url(name)
    found = {_path(item["url"], base) or "": _path(item["page_url"], base) for item in run.items}
    return found, run.stats, run.items


@pytest.mark.parametrize("family", ["trs", "hanweb", "zfxxgk", "portal"])
def test_family_finds_exactly_its_reports(sites: FixtureSites, family: str, tmp_path: Path) -> None:
    found, stats, _ = _found(sites, family, tmp_path)
    assert found == EXPECTED[family]
    assert stats["errors"] == []
    assert stats["blocked"] == []


def test_near_misses_and_traps_are_never_requested(sites: FixtureSites, tmp_path: Path) -> None:
    sites.logs["trs"].hits.clear()
    _found(sites, "trs", tmp_path)
    paths = [path for _, path, _ in sites.logs["trs"].hits]
    near_misses = ("t20250108_1002", "t20241218_1003", "t20241105_1004", "t20241012_1005", "t20240220_1009",
                   "t20240305_2001", "t20240125_2002", "t20240110_1010")
    assert not [p for p in paths if any(n in p for n in near_misses)]
    assert not [p for p in paths if "date=" in p or "calendar" in p or "jsessionid" in p]
    assert paths.count("/col/col101/202501/t20250120_1001.html") == 1
    assert len(paths) == len(set(paths))


def test_guangdong_attachments_and_one_document_per_content(sites: FixtureSites, tmp_path: Path) -> None:
    found, stats, items = _found(sites, "guangdong", tmp_path)
    pdfs = {"/attachment/0/512/512345/4123456.pdf", "/uploads/2024/gzzj2024.pdf"}
    assert len(pdfs & set(found)) == 1                       # same bytes at two URLs: one document
    assert {k: v for k, v in found.items() if k not in pdfs} == EXPECTED["guangdong"]
    assert len({item["content_sha256"] for item in items}) == len(items)
    assert stats["duplicate_documents"] == 1
    titles = {_path(item["url"], sites.url("guangdong")): item["title"] for item in items}
    assert titles["/attachment/0/512/512350/4123460"] == "江海市科学技术局2025年工作计划"


def test_hand_made_gbk_site_with_endless_pager_and_flaky_server(sites: FixtureSites, tmp_path: Path) -> None:
    sites.logs["static"].hits.clear()
    found, stats, _ = _found(sites, "static", tmp_path)
    assert found == EXPECTED["static"]
    hits = sites.logs["static"].hits
    assert len([h for h in hits if h[1].startswith("/notice/more.asp")]) <= 2   # endless pager bounded
    assert [h[2] for h in hits if h[1] == "/news/2024/0715-1.htm"] == [503, 503, 200]
    assert "/upload/sbs.doc" not in {h[1] for h in hits}                       # 申报书模板 skipped
    assert stats["errors"] == []


def test_hanweb_dataproxy_by_post_then_get(sites: FixtureSites, tmp_path: Path) -> None:
    sites.logs["hanweb"].hits.clear()
    _found(sites, "hanweb", tmp_path)
    proxy = [(method, status, path) for method, path, status in sites.logs["hanweb"].hits if "dataproxy" in path]
    col4567 = [p for p in proxy if "columnid" not in p[2]]
    assert {(m, s) for m, s, _ in col4567} >= {("POST", 200), ("POST", 405)}
    assert any(m == "GET" and "columnid=4568" in p and "unitid=88002" in p for m, _, p in proxy)


def test_robots_txt_is_obeyed_per_source(sites: FixtureSites, tmp_path: Path) -> None:
    sites.logs["portal"].hits.clear()
    _, stats, _ = _found(sites, "portal", tmp_path / "obey")
    assert stats["robots_disallowed"] == 1
    assert not [h for h in sites.logs["portal"].hits if h[1].startswith("/private/")]
    ignoring = crawl(source_dict("portal", sites.url("portal"), obey_robots=False), tmp_path / "ignore")
    assert any("/private/2024/report.html" in url for url in ignoring.urls())


def test_blocked_sources_are_a_state_with_evidence(sites: FixtureSites, tmp_path: Path) -> None:
    """Four challenge/WAF/empty sites and one real one, crawled together in one process (--many)."""
    jobs = []
    for name in [*BLOCKED, "trs"]:
        out = tmp_path / name
        out.mkdir()
        jobs.append({"source_json": json.dumps(source_dict(name, sites.url(name))), "items": str(out / "items.jsonl"),
                     "stats": str(out / "stats.json"), "raw_dir": str(tmp_path / "raw"),
                     "cache_dir": str(tmp_path / "cache" / name)})
    (tmp_path / "jobs.jsonl").write_text("".join(json.dumps(job) + "\n" for job in jobs), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "spiders.crawl_one", "--many", str(tmp_path / "jobs.jsonl")],
                   env=crawl_env(), check=True, timeout=120, capture_output=True)
    evidence = {name: read_run(tmp_path / name / "items.jsonl", tmp_path / name / "stats.json").stats["blocked"]
                for name in [*BLOCKED, "trs"]}
    assert "412" in evidence["blocked-rs"][0]
    assert 'script r=m' in evidence["blocked-rs"][0]
    assert "521" in evidence["blocked-jsl"][0]
    assert "__jsl_clearance" in evidence["blocked-jsl"][0]
    assert "firewall" in evidence["blocked-waf"][0]
    assert "empty body" in evidence["blocked-empty"][0]
    assert evidence["trs"] == []
