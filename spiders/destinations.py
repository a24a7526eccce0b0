"""Where a crawl may go: the source's own domains, over http(s), never to a private address.

The spider only ever asks for links on the source's domains (`BureauSpider._request`),
but a server answers with redirects (`302 Location: http://10.0.0.5/`, another site, a
`file:` URL) that Scrapy follows by itself, and a domain on the list can resolve to a
loopback or intranet address. This downloader middleware sees every request on its way
out (followed links, redirects, robots.txt) and refuses:

- a scheme other than http and https;
- a host outside the source's `allowed_domains`;
- a host that resolves to a non-public address (loopback, private, link-local, reserved)
  unless the source itself is there: a start URL at that address and port. So a source
  served from 127.0.0.1 (tests, an intranet mirror) is crawled, and nothing else on the
  machine or its network is reached through it.

Names are resolved once per host and crawl; an unresolvable host is left to the download
(which reports it as a dead host).
"""

from __future__ import annotations

import ipaddress
import socket
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest

from spiders.links import within_domains

WEB_SCHEMES = ("http", "https")
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@cache
def host_addresses(host: str) -> frozenset[IPAddress]:
    """Every address `host` resolves to (an IP literal is itself); empty when it does not resolve."""
    try:
        return frozenset({ipaddress.ip_address(host.strip("[]"))})
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return frozenset()
    return frozenset(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in found)


def _endpoint(url: str) -> tuple[str, int] | None:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return parts.hostname.lower(), port or (443 if parts.scheme == "https" else 80)


def home_endpoints(start_urls: tuple[str, ...] | list[str]) -> frozenset[tuple[IPAddress, int]]:
    """(address, port) of each start URL: where the source itself is."""
    homes: set[tuple[IPAddress, int]] = set()
    for url in start_urls:
        endpoint = _endpoint(url)
        if endpoint:
            homes.update((address, endpoint[1]) for address in host_addresses(endpoint[0]))
    return frozenset(homes)


def refusal(url: str, domains: tuple[str, ...], homes: frozenset[tuple[IPAddress, int]]) -> str | None:
    """Why the crawl must not fetch `url`, or None when it may."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in WEB_SCHEMES:
        return f"not fetched: {scheme or 'no'} scheme (only http and https)"
    endpoint = _endpoint(url)
    if endpoint is None:
        return "not fetched: no host"
    host, port = endpoint
    if not within_domains(url, domains):
        return f"not fetched: {host} is not one of the source's domains ({', '.join(domains)})"
    inner = sorted(str(a) for a in host_addresses(host) if not a.is_global and (a, port) not in homes)
    if inner:
        return f"not fetched: {host} resolves to the non-public address {inner[0]}, where the source is not"
    return None


class SafeDestinationMiddleware:
    """Refuses, with a reason the spider records, any request `refusal` names (see the module)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.domains: tuple[str, ...] = ()
        self.homes: frozenset[tuple[IPAddress, int]] = frozenset()

    @classmethod
    def from_crawler(cls, crawler: Any) -> SafeDestinationMiddleware:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware

    def spider_opened(self, spider: Any) -> None:
        source = getattr(spider, "source", None)
        self.domains = tuple(getattr(spider, "allowed_domains", None) or ())
        self.homes = home_endpoints(tuple(source.start_urls) if source else ())

    def process_request(self, request: Request, spider: Any = None) -> None:
        reason = refusal(request.url, self.domains, self.homes)
        if reason is None:
            return
        if self.crawler.stats:
            self.crawler.stats.inc_value("kjwatch/destination_refused")
        redirected = request.meta.get("redirect_urls")
        where = f" (redirected from {redirected[-1]})" if redirected else ""
        raise IgnoreRequest(f"{reason}{where}")
