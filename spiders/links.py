"""Links a 科技局 page offers, including those only scripts write.

Government CMSs hide navigation in JavaScript: TRS writes its pagination with
`createPageHTML(...)`, portals redirect with `<meta http-equiv=refresh>` or
`window.location`, and "更多" buttons are often `onclick=window.open(...)`.
Every URL is canonicalised so one page reached with two session ids is one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import html as lxml_html

from spiders.attachments import DOCUMENT_EXTENSIONS, is_document_url
from spiders.paging import pagination_urls

__all__ = [
    "DOCUMENT_EXTENSIONS", "Link", "canonical_url", "is_document_url", "links_in_html", "page_links",
    "pagination_urls", "script_urls", "within_domains",
]

SCRIPT_URL = re.compile(
    r"""(?:window\.open|(?:window\.|self\.|top\.|document\.)?location(?:\.href)?\s*=|location\.replace"""
    r"""|location\.assign)\s*\(?\s*['"]([^'"]+)['"]"""
)
# Any quoted path in an onclick handler: changeColumn('/xxgk/ghjh/index.html'), goUrl("./list.htm").
ONCLICK_PATH = re.compile(r"""['"]((?:https?://|/|\./|\.\./)[^'"\s]+|[\w-]+/[^'"\s]+\.s?html?)['"]""")
META_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.IGNORECASE)
SESSION_PATH_PARAM = re.compile(r";\s*(?:jsessionid|phpsessid|sid)=[^/?#]*", re.IGNORECASE)
SESSION_QUERY_KEYS = {"jsessionid", "phpsessid", "aspsessionid", "sessionid", "sessid", "cfid", "cftoken"}
LINK_TAGS = ("a", "area", "iframe", "frame", "meta", "span", "div", "li", "button", "td", "input", "img")


@dataclass(frozen=True, slots=True)
class Link:
    """`via` says how the page points there: an anchor, an onclick, or a redirect/frame it loads by itself."""

    url: str
    text: str
    via: str = "anchor"

    @property
    def is_automatic(self) -> bool:
        """A meta refresh, script redirect or frame: the browser goes there without a click."""
        return self.via in ("refresh", "script", "frame")


def canonical_url(url: str) -> str:
    """One spelling per page: no fragment, no session id in path or query, no stray spaces."""
    parts = urlsplit(url.strip())
    path = SESSION_PATH_PARAM.sub("", parts.path) or "/"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if k.lower() not in SESSION_QUERY_KEYS]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _anchor_text(anchor: lxml_html.HtmlElement) -> str:
    """A truncated anchor ('…工作总结...') carries the full title in `title=`."""
    text = _clean(anchor.text_content())
    title = _clean(anchor.get("title") or "")
    if title and (not text or text.endswith(("...", "…", "..")) or len(title) > len(text)):
        return title
    return text


def script_urls(page_url: str, body: str) -> list[str]:
    """Targets of `window.open(...)`, `location.href = ...` and friends in a script or handler."""
    return [canonical_url(urljoin(page_url, u)) for u in SCRIPT_URL.findall(body)
            if not u.lower().startswith(("javascript", "about:"))]


def page_links(page_url: str, body: str) -> list[Link]:
    """Every followable link of a page: anchors, onclick targets, frames, meta refresh, script redirects."""
    links = links_in_html(page_url, body)
    links.extend(Link(url, "", "script") for url in _script_redirects(page_url, body))
    return links


def links_in_html(page_url: str, body: str) -> list[Link]:
    """Links in markup only (used for fragments such as Hanweb CDATA records too)."""
    try:
        tree = lxml_html.fromstring(body)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    links: list[Link] = []
    for el in tree.iter(*LINK_TAGS):
        links.extend(_element_links(page_url, el))
    return links


def _script_redirects(page_url: str, body: str) -> list[str]:
    """`window.location = ...` entries in inline scripts (not in onclick handlers, counted there)."""
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", body, re.IGNORECASE | re.DOTALL)
    return [url for script in scripts for url in script_urls(page_url, script)]


def _element_links(page_url: str, el: lxml_html.HtmlElement) -> list[Link]:
    tag = el.tag
    if tag == "meta":
        return _meta_refresh(page_url, el)
    if tag in ("iframe", "frame"):
        src = el.get("src")
        return [Link(canonical_url(urljoin(page_url, src.strip())), "", "frame")] if src else []
    out = []
    href = el.get("href") if tag in ("a", "area") else None
    if href and not href.strip().lower().startswith(("javascript", "mailto:", "#", "tel:")):
        out.append(Link(canonical_url(urljoin(page_url, href.strip())), _anchor_text(el)))
    onclick = el.get("onclick") or ""
    if onclick:
        text = _anchor_text(el)
        urls = script_urls(page_url, onclick) or [
            canonical_url(urljoin(page_url, u)) for u in ONCLICK_PATH.findall(onclick)]
        out.extend(Link(u, text, "onclick") for u in dict.fromkeys(urls))
    return out


def _meta_refresh(page_url: str, el: lxml_html.HtmlElement) -> list[Link]:
    if (el.get("http-equiv") or "").lower() != "refresh":
        return []
    found = META_REFRESH_URL.search(el.get("content") or "")
    return [Link(canonical_url(urljoin(page_url, found.group(1).strip())), "", "refresh")] if found else []


def within_domains(url: str, domains: tuple[str, ...]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)
