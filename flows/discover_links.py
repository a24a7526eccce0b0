"""Reading a government portal page: which links name the S&T bureau, which lead towards it.

No network here: `flows/discover.py` fetches, this module judges links by their text.
A bureau link is a short organ name (科技局, 商河县科学技术局, 科技和工业信息化局信息公开), not a
notice title that mentions one (市科技局关于开展…的通知).  A link naming another place's bureau
(济南市科学技术局 on a search for 商河县) is not the one searched for; a bare 科技局 is taken as
the portal's own, and a bare 县科技局 only for a county.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html

from flows.bureaus_expected import ExpectedBureau
from parsing.extract.gazetteer import _short_names as gazetteer_short_names  # the extractor's own rules

_ORGANS = (
    "科学技术和工业信息化局", "科技和工业信息化局", "科学技术和信息化局", "科技和信息化局", "科技工业信息化局",
    "工业和科技局", "工业和信息化科技局", "科学技术委员会", "科技创新委员会", "科学技术厅", "科学技术局",
    "科技创新局", "科技厅", "科技局", "科工信局", "科工局", "科技委", "科创委", "科创局",
)
_ORGAN_NAME = re.compile(
    "^(?P<prefix>.{0,16}?)(?P<organ>" + "|".join(_ORGANS) + ")"
    r"(?:网站|门户网站|网|主页|首页|政府信息公开|信息公开|信息公开专栏|信息公开目录|专栏)?$"
)
_NAVIGATION = (("部门网站", 4), ("部门", 3), ("政府机构", 3), ("机构", 2), ("委办局", 3), ("网站群", 2),
               ("政府信息公开", 2), ("信息公开", 1), ("政务公开", 1), ("县直", 2), ("市直", 2), ("区直", 2))
_GENERIC_KINDS = "省市县区旗州盟"
MAX_TEXT = 24


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str


@dataclass(frozen=True, slots=True)
class BureauLink:
    url: str
    text: str  # the link text as shown (the evidence)
    organ_name: str  # the division's name and the organ as the link writes it (商河县科技和工业信息化局)
    score: int  # 3: names the region; 1: a bare or generic name (科技局, 县科技局)


def page_links(html: str, page_url: str) -> list[Link]:
    """Every http(s) link of a page with its text (or title): <a href> and <option value> (the
    部门网站 drop-downs many portals have)."""
    try:
        root = lxml.html.fromstring(html or "<html></html>")
    except (ValueError, lxml.etree.ParserError):
        return []
    found: list[Link] = []
    for element in root.iter("a", "option"):
        target = element.get("href") if element.tag == "a" else element.get("value")
        text = re.sub(r"\s+", "", element.text_content() or "") or re.sub(r"\s+", "", element.get("title") or "")
        if not target or not text or target.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(page_url, target.strip())
        if urlsplit(url).scheme in ("http", "https"):
            found.append(Link(url.split("#")[0], text))
    return found


def region_names(bureau: ExpectedBureau) -> tuple[str, ...]:
    """How a division is written before its organ: 商河县, 商河; 黔东南苗族侗族自治州, 黔东南州, 黔东南."""
    division = bureau.division
    names = [division, *gazetteer_short_names(division)]
    if "自治" not in division and division.endswith(("县", "区", "旗")) and len(division) >= 3:
        names.append(division[:-1])  # 商河县 → 商河; 忠县 stays whole
    return tuple(dict.fromkeys(names))


def bureau_link(link: Link, bureau: ExpectedBureau) -> BureauLink | None:
    """The link as the searched bureau's, or None when it is no organ name or another place's organ."""
    text = re.sub(r"[（(][^）)]*[）)]", "", link.text)
    match = _ORGAN_NAME.fullmatch(text) if len(text) <= MAX_TEXT else None
    if not match:
        return None
    prefix, organ = match.group("prefix"), match.group("organ")
    if prefix.endswith(region_names(bureau)):
        return BureauLink(link.url, link.text, bureau.division + organ, 3)
    if prefix == "" or (prefix in _GENERIC_KINDS and prefix == bureau.division[-1]):
        return BureauLink(link.url, link.text, bureau.division + organ, 1)
    return None


def best_bureau_link(links: list[Link], bureau: ExpectedBureau) -> BureauLink | None:
    """The best-scored bureau link of a page (the first of equals: portals list their own organ first)."""
    found = [b for b in (bureau_link(link, bureau) for link in links) if b]
    return max(found, key=lambda b: b.score) if found else None


def navigation_weight(link: Link) -> int:
    """How likely a link leads to a department list or the 信息公开 directory (0: not at all)."""
    if len(link.text) > MAX_TEXT // 2:
        return 0
    return max((weight for word, weight in _NAVIGATION if word in link.text), default=0)


def same_site(url: str, portal_url: str) -> bool:
    """A page of the portal: its host, or a sibling host of its domain (www.jinan.gov.cn → xxgk.jinan.gov.cn)."""
    host, portal = urlsplit(url).netloc.lower(), urlsplit(portal_url).netloc.lower()
    domain = portal.removeprefix("www.")
    return host == portal or ("." in domain and not domain.replace(".", "").isdigit() and host.endswith("." + domain))
