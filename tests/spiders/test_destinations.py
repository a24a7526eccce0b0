"""The real spider never leaves its source: links and redirects off the source's domains, to
other schemes, or to a loopback/private address where the source is not, are refused
(spiders/destinations.py). Two real servers on 127.0.0.1: the source, and a bystander on
another port that must see no request at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spiders.destinations import home_endpoints, refusal
from tests.spiders.routed_site import TITLES, RoutedSite, report_page
from tests.spiders.sitekit import HOST, crawl, source_dict


@pytest.fixture
def sites() -> Iterator[tuple[RoutedSite, RoutedSite]]:
    with RoutedSite() as source, RoutedSite() as bystander:
        yield source, bystander


def _serve(source: RoutedSite, bystander: RoutedSite) -> None:
    """A homepage whose report links redirect off the source in every way a server can."""
    home_port, other_port = source.server_address[1], bystander.server_address[1]
    moved = {
        "甲": f"{source.base}/moved/a.html",                    # same site: followed
        "乙": f"{bystander.base}/secret/b.html",                # loopback, another port
        "丙": "http://evil.example/c.html",                     # another domain
        "丁": "file:///etc/passwd",                             # another scheme
        "戊": f"http://localhost:{other_port}/secret/e.html",   # an allowed name, onto loopback
    }
    links = [f'<li><a href="/r/{i}.html">{TITLES[name]}</a></li>' for i, name in enumerate(moved)]
    links.append(f'<li><a href="http://localhost:{home_port}/direct/f.html">{TITLES["己"]}</a></li>')
    links.append(f'<li><a href="http://localhost:{other_port}/secret/g.html">{TITLES["庚"]}</a></li>')
    source.routes["/"] = (200, {}, f'<html><head><meta charset="utf-8"></head><body><ul>{"".join(links)}</ul>'
                                   "</body></html>".encode())
    for i, target in enumerate(moved.values()):
        source.routes[f"/r/{i}.html"] = (302, {"Location": target}, b"")
    source.routes["/moved/a.html"] = (200, {}, report_page(TITLES["甲"]))
    source.routes["/direct/f.html"] = (200, {}, report_page(TITLES["己"]))
    for path in ("/secret/b.html", "/secret/e.html", "/secret/g.html"):
        bystander.routes[path] = (200, {}, report_page("不该被抓取的内网页面"))


def test_redirects_and_links_never_leave_the_source(sites: tuple[RoutedSite, RoutedSite], tmp_path: Path) -> None:
    source, bystander = sites
    _serve(source, bystander)
    port = source.server_address[1]
    run = crawl(source_dict("lc", f"{source.base}/", allowed_domains=[HOST, "localhost"], obey_robots=False),
                tmp_path)
    assert bystander.hits == []
    assert run.urls() == {f"{source.base}/moved/a.html", f"http://localhost:{port}/direct/f.html"}
    errors = "\n".join(run.stats["errors"])
    assert "127.0.0.1 resolves to the non-public address 127.0.0.1, where the source is not" in errors
    assert "secret/g.html: not fetched: localhost resolves to the non-public address 127.0.0.1" in errors
    assert f"redirected from {source.base}/r/4.html" in errors          # localhost:other port
    assert "evil.example is not one of the source's domains" in errors
    assert f"{source.base}/r/3.html: Ignoring non-200 response" in errors  # Scrapy follows no file: redirect
    assert f"redirected from {source.base}/r/1.html" in errors
    assert {p for p in source.hits if p.startswith("/r/")} == {f"/r/{i}.html" for i in range(5)}


def test_an_allowed_domain_still_may_not_lead_onto_a_private_network() -> None:
    domains = ("example.cn", "127.0.0.1", "169.254.169.254", "10.1.2.3")
    homes = home_endpoints(("http://10.1.2.3/",))          # a source on an intranet mirror
    assert refusal("http://10.1.2.3/a.html", domains, homes) is None
    assert "non-public address 10.1.2.3" in str(refusal("http://10.1.2.3:8080/", domains, homes))
    assert "non-public address 127.0.0.1" in str(refusal("http://127.0.0.1:6379/", domains, homes))
    assert "non-public address 169.254.169.254" in str(refusal("http://169.254.169.254/latest/", domains, homes))
    assert "not one of the source's domains" in str(refusal("http://192.168.1.1/", domains, homes))
    assert "scheme" in str(refusal("ftp://kjj.example.cn/a.pdf", domains, homes))
    assert "scheme" in str(refusal("data:text/html,<script>", domains, homes))
