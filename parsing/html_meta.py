"""Title, publish date and 信息公开 metadata of a government article page.

The body tells little about when and what: TRS and Hanweb put both in <meta> tags,
信息公开 pages in a 索引号/发布机构/成文日期 table, and many portals leave <title>
as the site name.  Dates come in a dozen spellings, including 二〇二三年十二月五日.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Final
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

from lxml import html

_NUMERIC_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)"
)
_COMPACT_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-]?(\d{1,2})[/_-](\d{1,2})(?!\d)")
_URL_YEAR = re.compile(r"/((?:19|20)\d{2})(?:\d{2}|\d{4})?/")
_CN_DIGITS: Final = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {
    "零": 0, "○": 0, "О": 0, "O": 0, "Ｏ": 0}
_CN_DATE = re.compile(r"([〇零○ОOＯ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月"
                      r"\s*([一二三四五六七八九十]{1,3})\s*日")
_SHORT_DATE = re.compile(r"[\[【(（]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*[\]】)）]")
_LABELLED_DATE = re.compile(r"(?:发布时间|发布日期|发表时间|发文日期|成文日期|更新时间|日期|时间)\s*[:：]\s*"
                            r"([^\n]{6,20})")
_META_DATE_KEYS: Final = ("pubdate", "publishdate", "firstpublishedtime", "publishtime", "published_time",
                          "article:published_time", "og:release_date", "dc.date", "dcterms.created",
                          "lastmodifiedtime", "maketime")
INFO_LABELS: Final = ("索引号", "发布机构", "发文机关", "成文日期", "发布日期", "发文日期", "生成日期",
                      "名称", "文件名称", "标题", "文号", "发文字号", "主题分类", "主题词", "组配分类",
                      "体裁分类", "公开方式", "公开范围", "有效性", "信息来源", "统一编号", "所属机构",
                      "公开时限")
_INFO_INLINE = re.compile(rf"^({'|'.join(INFO_LABELS)})\s*[:：]\s*(\S.*)$", re.S)
_INFO_NEXT_LABEL = re.compile(rf"\s(?:{'|'.join(INFO_LABELS)})\s*[:：]")
_INFO_TAGS: Final = ("td", "th", "li", "dd", "dt", "p", "span", "div", "label", "b", "strong", "em")
_MAX_INFO_CELL: Final = 200
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|--|——|—| - |－)\s*")
_PORTAL_SUFFIXES: Final = ("局", "网", "网站", "门户", "政府", "平台", "首页", "委员会", "厅")


def parse_date(text: str, *, default_year: int | None = None) -> dt.date | None:
    """Return the first plausible date written in any common Chinese/ISO form."""
    for pattern, convert in ((_NUMERIC_DATE, int), (_CN_DATE, _cn_number)):
        for match in pattern.finditer(text):
            found = _make_date(*(convert(part) for part in match.groups()))
            if found:
                return found
    if default_year is not None:
        for match in _SHORT_DATE.finditer(text):
            found = _make_date(default_year, int(match.group(1)), int(match.group(2)))
            if found:
                return found
    return None


def date_from_url(url: str | None) -> dt.date | None:
    """TRS URLs carry t20240326_…, Hanweb ones /art/2024/3/26/…."""
    if not url:
        return None
    for pattern in (_URL_DATE, _COMPACT_DATE):
        for match in pattern.finditer(url):
            found = _make_date(*(int(part) for part in match.groups()))
            if found:
                return found
    return None


def _url_year(url: str | None) -> int | None:
    """Year-only paths such as /2024/0326_88.html or /202403/ date "[03-26]" stamps."""
    match = _URL_YEAR.search(url or "")
    return int(match.group(1)) if match else None


def _cn_number(text: str) -> int:
    """二〇二三 → 2023 (digit by digit); 十二 → 12, 二十五 → 25, 三十 → 30."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[char]) for char in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def read_meta_tags(root: html.HtmlElement) -> dict[str, str]:
    """<meta name|property=… content=…> keyed by lower-cased name; first one wins."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name and content and name not in found:
            found[name] = content
    return found


def read_info_block(root: html.HtmlElement) -> tuple[dict[str, str], list[html.HtmlElement]]:
    """Read 索引号/发布机构/成文日期… pairs; also return the blocks holding them."""
    info: dict[str, str] = {}
    holders: list[html.HtmlElement] = []
    for element in root.iter(*_INFO_TAGS):
        text = element.text_content().strip()
        if not text or len(text) > _MAX_INFO_CELL or text[0] not in "索发成生名文标主组体公有信统所":
            continue
        pair = _info_pair(element, text)
        if pair and pair[0] not in info:
            info[pair[0]] = pair[1]
            holders.append(element)
    return info, holders


def _info_pair(element: html.HtmlElement, text: str) -> tuple[str, str] | None:
    """Either "索引号：xxx" in one element or "索引号" followed by a value cell."""
    label = re.sub(r"[\s:：]", "", text)
    if label in INFO_LABELS:
        value_cell = element.getnext()
        if value_cell is None:
            return None
        value = " ".join(value_cell.text_content().split())
        return (label, value) if value and value.rstrip("：:") not in INFO_LABELS else None
    match = _INFO_INLINE.match(text)
    if not match:
        return None
    value = _INFO_NEXT_LABEL.split(match.group(2), maxsplit=1)[0]
    value = " ".join(value.split())
    return (match.group(1), value) if value else None


def info_container(holders: list[html.HtmlElement]) -> html.HtmlElement | None:
    """The smallest table/list/div enclosing at least two metadata cells."""
    if len(holders) < 2:
        return None
    ancestors = {id(a): a for a in holders[0].iterancestors()}
    for ancestor in holders[1].iterancestors():
        if id(ancestor) in ancestors and ancestor.tag not in ("tr", "tbody"):
            return ancestor if len(ancestor.text_content()) < 1500 else None
    return None


def choose_title(meta: dict[str, str], info: dict[str, str], title_tag: str | None,
                 heading: str | None) -> str | None:
    """Prefer what the CMS declares, then 信息公开 名称, then <title> unless it is the portal."""
    for key in ("articletitle", "og:title"):
        if meta.get(key):
            return " ".join(meta[key].split())
    for label in ("名称", "文件名称", "标题"):
        if info.get(label):
            return info[label]
    first = _title_tag_article_part(title_tag, meta)
    if heading and (not first or first in heading or _looks_like_portal(first)):
        return heading
    return first or heading


def _title_tag_article_part(title_tag: str | None, meta: dict[str, str]) -> str | None:
    if not title_tag:
        return None
    parts = [part for part in _TITLE_SEPARATORS.split(" ".join(title_tag.split())) if part]
    site_names = {meta.get("sitename"), meta.get("og:site_name"), meta.get("columnname")}
    parts = [part for part in parts if part not in site_names]
    return parts[0] if parts else None


def _looks_like_portal(text: str) -> bool:
    return len(text) <= 20 and text.endswith(_PORTAL_SUFFIXES)


def choose_date(meta: dict[str, str], info: dict[str, str], page_text: str, body_text: str,
                url: str | None) -> dt.date | None:
    """Declared dates first, then labelled ones on the page, the signature line, the URL."""
    url_date = date_from_url(url)
    year = url_date.year if url_date else _url_year(url)
    candidates = [meta.get(key, "") for key in _META_DATE_KEYS]
    candidates += [info.get(label, "") for label in ("发布日期", "成文日期", "发文日期", "生成日期")]
    candidates += [match.group(1) for match in _LABELLED_DATE.finditer(page_text)]
    for candidate in candidates:
        found = parse_date(candidate, default_year=year) if candidate else None
        if found:
            return found
    signature = "\n".join(body_text.strip().split("\n")[-3:])
    return parse_date(signature) or url_date


@dataclass
class Attachment:
    url: str
    title: str


_DOCUMENT_SUFFIXES: Final = (".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".ofd", ".zip", ".rar",
                             ".7z", ".txt", ".rtf", ".ppt", ".pptx", ".csv")
# Scripts write links as JS strings: document.write('<a href=\'…\'>…</a>') or var hasFJ = '…'.
_SCRIPT_LINK = re.compile(r"""<a\s[^<>]*?href\s*=\s*["']?([^"'\s<>]+)["']?[^<>]*>(.*?)</a>""", re.I | re.S)
_JS_ESCAPES = re.compile(r"""\\(['"/])""")
_TAGS = re.compile(r"<[^>]+>")


def find_attachments(root: html.HtmlElement, base_url: str | None) -> list[Attachment]:
    """Links to files, embedded PDF viewers and links written by scripts, de-duplicated."""
    found: dict[str, Attachment] = {}
    for href, text in _link_candidates(root):
        attachment = _attachment(href.strip(), " ".join(text.split()), base_url)
        if attachment and (attachment.url not in found or not found[attachment.url].title):
            found[attachment.url] = attachment
    return list(found.values())


def _link_candidates(root: html.HtmlElement) -> list[tuple[str, str]]:
    """(href, text) pairs in document order from anchors, frames and script strings."""
    candidates = []
    for element in root.iter("a", "iframe", "embed", "object", "script"):
        if element.tag == "a":
            candidates.append((element.get("href", ""), element.text_content() or element.get("title", "")))
        elif element.tag == "script":
            unescaped = _JS_ESCAPES.sub(r"\1", element.text or "")
            candidates += [(href, _TAGS.sub("", text)) for href, text in _SCRIPT_LINK.findall(unescaped)]
        else:
            candidates.append((element.get("src") or element.get("data") or "", ""))
    return candidates


def _attachment(href: str, text: str, base_url: str | None) -> Attachment | None:
    if not href or href.startswith(("javascript:", "#", "mailto:")) or "'+" in href or '"+' in href:
        return None
    target = _viewer_target(href) or href
    path = unquote(urlsplit(target).path).lower()
    if not (path.endswith(_DOCUMENT_SUFFIXES) or text.lower().endswith(_DOCUMENT_SUFFIXES)
            or text.startswith("附件")):
        return None
    url = urljoin(base_url, target) if base_url else target
    return Attachment(url=url, title=text or PurePosixPath(unquote(urlsplit(url).path)).name)


def _viewer_target(href: str) -> str | None:
    """pdf.js style viewers: /pdfjs/web/viewer.html?file=/upload/report.pdf."""
    files = parse_qs(urlsplit(href).query).get("file")
    return files[0] if files else None
