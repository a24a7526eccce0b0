"""`<meta http-equiv="refresh">` is followed like a redirect by the real spider over real HTTP
(spiders/redirects.py): a saved 科技局 index page that only refreshes onward leads to its
reports; a refresh loop or an endless chain is one recorded error and the crawl finishes; a
page that refreshes itself (a reload timer) is read in place; a refresh never takes the crawl
off the source's domains nor onto a loopback address where the source is not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spiders.settings import REDIRECT_MAX_TIMES
from tests.spiders.routed_site import TITLES, RoutedSite, report_page
from tests.spiders.sitekit import HOST, FixtureSites, crawl, source_dict

REPORTS = {"/art/2025/3/art_1229_5101.html", "/art/2025/3/art_1229_5102.html"}


@pytest.fixture(scope="module")
def site() -> Iterator[FixtureSites]:
    with FixtureSites(["refresh"]) as running:
        yield running


def _refresh(url: str, delay: int = 0) -> bytes:
    return (f'<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="{delay};url={url}">'
            "</head><body>正在跳转</body></html>").encode()


def test_a_saved_index_page_that_only_refreshes_leads_to_the_reports(site: FixtureSites, tmp_path: Path) -> None:
    run = crawl(source_dict("refresh", site.url("refresh")), tmp_path)
    assert run.paths() == REPORTS
    assert run.stats["errors"] == []


def test_a_refresh_loop_is_one_recorded_error_and_the_crawl_finishes(site: FixtureSites, tmp_path: Path) -> None:
    start = site.url("refresh", "/loop/index.html")
    run = crawl(source_dict("loop", start), tmp_path)
    assert run.items == []
    assert run.stats["reason"] == "finished"
    assert len(run.stats["errors"]) == 1
    error = run.stats["errors"][0]
    assert error.startswith(f"{start}: meta refresh loop: {start} -> ")
    assert "/loop/jump.html" in error
    asked = [path for _, path, _ in site.logs["refresh"].hits if path.startswith("/loop/")]
    assert sorted(asked) == ["/loop/index.html", "/loop/jump.html"]       # each once, then it stopped


def test_a_page_that_refreshes_itself_is_read_as_it_is(site: FixtureSites, tmp_path: Path) -> None:
    run = crawl(source_dict("reload", site.url("refresh", "/reload/index.html")), tmp_path)
    assert run.paths() == {"/art/2025/3/art_1229_5102.html"}
    assert run.stats["errors"] == []


@pytest.fixture
def sites() -> Iterator[tuple[RoutedSite, RoutedSite]]:
    with RoutedSite() as source, RoutedSite() as bystander:
        yield source, bystander


def test_a_refresh_never_leaves_the_source(sites: tuple[RoutedSite, RoutedSite], tmp_path: Path) -> None:
    source, bystander = sites
    other_port = bystander.server_address[1]
    targets = [f"{bystander.base}/secret.html", "http://evil.example/a.html",
               f"http://localhost:{other_port}/secret.html", "/moved/home.html"]
    for n, target in enumerate(targets):
        source.routes[f"/start/{n}.html"] = (200, {}, _refresh(target))
    source.routes["/moved/home.html"] = (200, {}, f'<a href="/r.html">{TITLES["甲"]}</a>'.encode())
    source.routes["/r.html"] = (200, {}, report_page(TITLES["甲"]))
    bystander.routes["/secret.html"] = (200, {}, report_page("不该被抓取的内网页面"))
    starts = [f"{source.base}/start/{n}.html" for n in range(len(targets))]
    run = crawl(source_dict("stay", starts[0], start_urls=starts, allowed_domains=[HOST, "localhost"],
                            obey_robots=False), tmp_path)
    assert bystander.hits == []
    assert run.urls() == {f"{source.base}/r.html"}                     # a refresh on the source is followed
    errors = "\n".join(run.stats["errors"])
    assert f"where the source is not (redirected from {source.base}/start/0.html)" in errors
    assert "evil.example is not one of the source's domains" in errors
    assert f"localhost resolves to the non-public address 127.0.0.1, where the source is not " \
           f"(redirected from {source.base}/start/2.html)" in errors


def test_an_endless_refresh_chain_stops_at_the_redirect_limit(tmp_path: Path) -> None:
    with RoutedSite() as source:
        for n in range(3 * REDIRECT_MAX_TIMES):
            source.routes[f"/chain/{n}.html"] = (200, {}, _refresh(f"/chain/{n + 1}.html"))
        run = crawl(source_dict("chain", f"{source.base}/chain/0.html", obey_robots=False), tmp_path)
    assert run.stats["errors"] == [f"{source.base}/chain/0.html: max redirections reached"]
    assert len([p for p in source.hits if p.startswith("/chain/")]) == REDIRECT_MAX_TIMES + 1
