"""Links a 科技局 page offers, including those only scripts write.

Government CMSs hide navigation in JavaScript: TRS writes its pagination with
`createPageHTML(...)`, portals redirect with `<meta http-equiv=refresh>` or
`window.location`, and "更多" buttons are often `onclick=window.open(...)`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^()]*)\)")
SCRIPT_URL = re.compile(
    r"""(?:window\.open|window\.location(?:\.href)?\s*=|location\.href\s*=|location\.replace)\s*\(?\s*['"]([^'"]+)['"]"""
)
META_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\";]+)", re.IGNORECASE)
DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".ofd")


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _anchor_text(anchor: lxml_html.HtmlElement) -> str:
    """A truncated anchor ('…工作总结...') carries the full title in `title=`."""
    text = _clean(anchor.text_content())
    title = _clean(anchor.get("title") or "")
    if title and (not text or text.endswith(("...", "…", "..")) or len(title) > len(text)):
        return title
    return text


def pagination_urls(page_url: str, body: str) -> list[str]:
    """Pages of a TRS list, from either signature of `createPageHTML`."""
    urls: list[str] = []
    for match in CREATE_PAGE.finditer(body):
        args = [a.strip().strip("'\"") for a in match.group(1).split(",")]
        if len(args) >= 4 and args[0].isdigit():
            count, prefix, suffix = int(args[0]), args[2], args[3]
        elif len(args) >= 5 and args[1].isdigit():
            count, prefix, suffix = int(args[1]), args[3], args[4]
        else:
            continue
        urls.extend(urljoin(page_url, f"{prefix}_{i}.{suffix}") for i in range(1, min(count, 500)))
    return list(dict.fromkeys(urls))


def script_urls(page_url: str, body: str) -> list[str]:
    return [urljoin(page_url, u) for u in SCRIPT_URL.findall(body) if not u.startswith("javascript")]


def page_links(page_url: str, body: str) -> list[Link]:
    """Every followable link of a page: anchors, onclick targets, iframes, meta refresh."""
    try:
        tree = lxml_html.fromstring(body)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    links: list[Link] = []
    for el in tree.iter("a", "area", "iframe", "meta", "span", "div", "li", "button"):
        links.extend(_element_links(page_url, el))
    return links


def _element_links(page_url: str, el: lxml_html.HtmlElement) -> list[Link]:
    tag = el.tag
    if tag == "meta":
        if (el.get("http-equiv") or "").lower() != "refresh":
            return []
        found = META_REFRESH_URL.search(el.get("content") or "")
        return [Link(urljoin(page_url, found.group(1).strip()), "")] if found else []
    if tag == "iframe":
        src = el.get("src")
        return [Link(urljoin(page_url, src), "")] if src else []
    out = []
    href = el.get("href") if tag in ("a", "area") else None
    if href and not href.lower().startswith(("javascript", "mailto:", "#", "tel:")):
        out.append(Link(urljoin(page_url, href.strip()), _anchor_text(el)))
    onclick = el.get("onclick") or ""
    out.extend(Link(u, _anchor_text(el)) for u in script_urls(page_url, onclick))
    return out


def is_document_url(url: str) -> bool:
    path = urlsplit(url).path.lower()
    return path.endswith(DOCUMENT_EXTENSIONS) or "downfile" in path or "download" in path


def within_domains(url: str, domains: tuple[str, ...]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in domains)
