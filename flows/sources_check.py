"""`kjwatch sources check`: fetch each start URL once and say what is there.

Outcomes: reachable, redirected, blocked (JS challenge / WAF), gone (404/410),
robots_disallow, unreachable — plus the CMS family the page looks like.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

from spiders.blocking import block_evidence
from spiders.sources import Source

USER_AGENT = "kjwatch/0.1 (science-bureau report monitor; sources check)"
TIMEOUT = 15.0
CMS_SIGNS = (
    ("hanweb", re.compile(r"jpage/dataproxy\.jsp|<datastore>|ZJEG_RSS|hanweb", re.I)),
    ("trs", re.compile(r"createPageHTML|TRS_Editor|/col/col\d+/|t\d{8}_\d+\.s?html|trs", re.I)),
    ("zfxxgk", re.compile(r"索引号|xxgk|信息公开目录|主动公开")),
    ("guangdong", re.compile(r"post_\d+\.html|/attachment/\d")),
)


@dataclass(frozen=True, slots=True)
class CheckResult:
    source_id: str
    url: str
    status: str
    http_status: int | None
    final_url: str | None
    cms: str | None
    detail: str


def recognise_cms(body: str) -> str:
    for family, sign in CMS_SIGNS:
        if sign.search(body):
            return family
    return "static"


def _fetch(url: str) -> tuple[int, str, bytes]:
    """One GET, redirects followed; HTTP errors are answers too (their bodies show challenges)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310 - http(s) URLs
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - http(s) only
            return response.status, response.geturl(), response.read(2_000_000)
    except urllib.error.HTTPError as exc:
        body = exc.read(200_000) if exc.fp else b""
        exc.close()
        return exc.code, url, body


def robots_allows(url: str) -> bool:
    parts = urlsplit(url)
    robots = urllib.robotparser.RobotFileParser(f"{parts.scheme}://{parts.netloc}/robots.txt")
    try:
        robots.read()
    except OSError:
        return True
    return robots.can_fetch(USER_AGENT, url)


def check_url(source: Source, url: str) -> CheckResult:
    try:
        if source.obey_robots and not robots_allows(url):
            return CheckResult(source.id, url, "robots_disallow", None, None, None, "robots.txt disallows it")
        final_status, final_url, body = _fetch(url)
    except (OSError, ValueError) as exc:
        return CheckResult(source.id, url, "unreachable", None, None, None, str(exc)[:200])
    return _classify(source, url, final_status, final_url, body)


def _classify(source: Source, url: str, final_status: int, final_url: str, body: bytes) -> CheckResult:
    evidence = block_evidence(final_status, body)
    if evidence:
        return CheckResult(source.id, url, "blocked", final_status, final_url, None, evidence)
    if final_status in (404, 410):
        return CheckResult(source.id, url, "gone", final_status, final_url, None, f"HTTP {final_status}")
    if final_status >= 400:
        return CheckResult(source.id, url, "unreachable", final_status, final_url, None, f"HTTP {final_status}")
    cms = recognise_cms(body.decode("utf-8", "replace"))
    if final_url.rstrip("/") != url.rstrip("/"):
        return CheckResult(source.id, url, "redirected", final_status, final_url, cms, f"moved to {final_url}")
    return CheckResult(source.id, url, "reachable", final_status, final_url, cms, "ok")


def check_sources(sources: list[Source]) -> list[CheckResult]:
    return [check_url(s, url) for s in sources for url in s.start_urls]
