"""Article body, title, date and attachment links from a government CMS page.

Known containers (TRS_Editor, Hanweb's ZJEG_RSS markers, #zoom …) are used when
present; otherwise the body is the block that holds the most non-link prose
(a readability-style density score), because portal templates vary endlessly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Final
from urllib.parse import urljoin

from lxml import etree, html

from parsing.html_meta import (
    Attachment,
    choose_date,
    choose_title,
    find_attachments,
    info_container,
    read_info_block,
    read_meta_tags,
)
from parsing.sniff import DocumentError

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# lxml refuses str input with C0 controls, which stray into CMS pages pasted from Word.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HANWEB = re.compile(r"<!--\s*ZJEG_RSS\.content\.begin\s*-->(.*?)<!--\s*ZJEG_RSS\.content\.end\s*-->", re.S)
_INVISIBLE: Final = ("script", "style", "noscript", "template", "iframe", "object", "embed", "select",
                     "button", "input", "textarea", "svg", "nav")
_KNOWN_BODIES: Final = (
    "//*[contains(@class,'TRS_Editor') or contains(@class,'TRS_UEDITOR') or contains(@class,'trs_editor')]",
    "//*[@id='UCAP-CONTENT' or @id='zoom' or @id='Zoom' or @id='js_content' or @id='ozoom']",
    "//*[contains(@class,'pages_content') or contains(@class,'article-content') or contains(@class,'art_con')"
    " or contains(@class,'news_content') or contains(@class,'wzxq') or contains(@class,'xxgk_content')]",
)
_MIN_BODY_CHARS: Final = 30
_HEADING_XPATH: Final = ("//h1|//*[contains(@class,'title') or contains(@id,'title') or @class='bt' "
                         "or contains(@class,'tit ')]|//h2")


@dataclass
class HtmlPage:
    title: str | None
    published_at: dt.date | None
    text: str
    attachments: list[Attachment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_html(markup: str, *, url: str | None = None) -> HtmlPage:
    """Parse one article page; the text is rendered but not yet cleaned."""
    markup = _XML_DECLARATION.sub("", _CONTROL_CHARS.sub(" ", markup), count=1)
    root = _parse(markup)
    base_url = _base_url(root, url)
    attachments = find_attachments(root, base_url)
    meta = read_meta_tags(root)
    title_tag = root.findtext(".//title")
    _drop_invisible(root)
    info, holders = read_info_block(root)
    container = info_container(holders)
    if container is not None:
        container.drop_tree()
    heading = _heading(root)
    body = _hanweb_body(markup)
    if body is None:
        body = _known_body(root)
    if body is None:
        body = _densest_block(root)
    drop_widgets(body)
    text = render_text(body)
    page_text = render_text(root) if root.find("body") is not None else text
    return HtmlPage(
        title=choose_title(meta, info, title_tag, heading),
        published_at=choose_date(meta, info, page_text, text, url),
        text=text,
        attachments=attachments,
        warnings=[] if text.strip() else ["empty_html_body"],
    )


def _parse(markup: str) -> html.HtmlElement:
    # huge_tree lifts libxml2's depth limit of 256, past which text is silently lost;
    # the input size is already capped.  A fresh parser per call keeps threads apart.
    try:
        return html.document_fromstring(markup, parser=html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(f"unparseable HTML: {exc}") from exc


def _base_url(root: html.HtmlElement, url: str | None) -> str | None:
    base = root.find(".//base")
    href = base.get("href") if base is not None else None
    if href:
        return urljoin(url or "", href.strip())
    return url


def _drop_invisible(root: html.HtmlElement) -> None:
    """Scripts, styles and form controls never show text to a reader."""
    for element in list(root.iter(*_INVISIBLE, etree.Comment)):
        element.drop_tree()


def _heading(root: html.HtmlElement) -> str | None:
    for element in root.xpath(_HEADING_XPATH):
        text = " ".join(element.text_content().split())
        if 5 <= len(text) <= 150:
            return text
    return None


def _hanweb_body(markup: str) -> html.HtmlElement | None:
    """Hanweb JCMS marks the article with comments that survive any template."""
    match = _HANWEB.search(markup)
    if not match or not match.group(1).strip():
        return None
    fragment = html.fragment_fromstring(match.group(1), create_parent="div")
    _drop_invisible(fragment)
    return fragment


def _known_body(root: html.HtmlElement) -> html.HtmlElement | None:
    for xpath in _KNOWN_BODIES:
        matches = root.xpath(xpath)
        if matches:
            best = max(matches, key=lambda element: len(element.text_content().strip()))
            if len(best.text_content().strip()) >= _MIN_BODY_CHARS:
                return best
    return None


_INLINE: Final = frozenset({"a", "span", "font", "b", "strong", "i", "em", "u", "sub", "sup", "small",
                            "big", "label", "abbr", "cite", "code", "s", "strike", "ins", "del", "mark",
                            "o:p", "img"})
_BLOCK: Final = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
                           "tbody", "thead", "tfoot", "section", "article", "blockquote", "pre", "dd", "dt",
                           "dl", "header", "footer", "form", "center", "hr", "address", "figure", "main",
                           "figcaption", "caption", "body", "html", "aside", "fieldset", "legend"})
_SCORED_PUNCTUATION = re.compile(r"[，。；、,]")
_MIN_PARAGRAPH_CHARS: Final = 10


def _densest_block(root: html.HtmlElement) -> html.HtmlElement:
    """Score blocks by the prose they and their children hold, minus link-heavy ones."""
    scores: defaultdict[html.HtmlElement, float] = defaultdict(float)
    for block, chars in _prose_by_block(root).items():
        if chars < _MIN_PARAGRAPH_CHARS:
            continue
        scores[block] += chars
        parent = block.getparent()
        if parent is not None:
            scores[parent] += chars
            grandparent = parent.getparent()
            if grandparent is not None:
                scores[grandparent] += chars / 2
    if not scores:
        body = root.find("body")
        return body if body is not None else root
    ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:5]
    return max(ranked, key=lambda item: item[1] * (1 - _link_density(item[0])))[0]


def _prose_by_block(root: html.HtmlElement) -> dict[html.HtmlElement, float]:
    """Non-link characters per nearest block ancestor, with a bonus for punctuation."""
    prose: defaultdict[html.HtmlElement, float] = defaultdict(float)
    for text in root.xpath("//text()"):
        stripped = text.strip()
        if not stripped:
            continue
        owner = text.getparent()
        if owner is None:
            continue
        if text.is_tail:
            owner = owner.getparent()
        in_link = False
        while owner is not None and owner.tag in _INLINE:
            in_link = in_link or owner.tag == "a"
            owner = owner.getparent()
        if owner is not None and not in_link:
            prose[owner] += len(stripped) + 10 * len(_SCORED_PUNCTUATION.findall(stripped))
    return prose


def _link_density(element: html.HtmlElement) -> float:
    total = len(element.text_content().strip())
    if not total:
        return 1.0
    linked = sum(len(link.text_content().strip()) for link in element.iter("a"))
    return min(1.0, linked / total)


_WIDGET_MARKERS = re.compile(
    r"share|bdshare|print|close|font|toolbar|breadcrumb|crumb|position|location|footer|copyright|"
    r"sidebar|related|comment|qrcode|erweima|ewm|weixin|pager|pagination|prevnext|menu", re.I)
_MAX_WIDGET_CHARS: Final = 200


def drop_widgets(body: html.HtmlElement) -> None:
    """Share/print/close bars and breadcrumbs inside the body; large blocks are kept."""
    doomed = []
    for element in body.iter():
        if element is body or not isinstance(element.tag, str):
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if marker.strip() and _WIDGET_MARKERS.search(marker):
            if len(element.text_content().strip()) <= _MAX_WIDGET_CHARS:
                doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
_WIDGET_TEXT = re.compile(
    r"【?\s*字[体号]\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小\s*[】\]]?\s*】?"
    r"|分享到\s*[:：]?|[【\[]\s*(?:打印|关闭|收藏|返回顶部|我要纠错|加入收藏|打印本页|关闭窗口)\s*[】\]]"
    r"|打印本页|关闭窗口|扫一扫在手机打开当前页|返回顶部")
_NAVIGATION_LINE = re.compile(r"^(?:上一篇|下一篇|上一条|下一条|当前位置|您的位置|您现在的位置)\s*[:：]")
_MAX_CELL_CHARS: Final = 200


def render_text(element: html.HtmlElement) -> str:
    """Text with block boundaries as newlines and table cells separated by tabs."""
    parts: list[str] = []
    _render(element, parts)
    lines = []
    for raw in "".join(parts).split("\n"):
        line = _WIDGET_TEXT.sub("", re.sub(r" *\t[\t ]*", "\t", raw)).strip(" \t")
        if line and not _NAVIGATION_LINE.match(line) and line.strip("|｜/ 　"):
            lines.append(line)
    return "\n".join(lines)


def _render(element: html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("td", "th") and _is_data_cell(element):
        cell = "".join(_rendered(element)).replace("\n", " ")
        parts.append("\t" + cell + "\t")
    elif tag == "br":
        parts.append("\n")
    else:
        is_block = tag in _BLOCK or tag in ("td", "th")
        if is_block:
            parts.append("\n")
        if element.text and tag:
            parts.append(_WHITESPACE.sub(" ", element.text))
        for child in element:
            _render(child, parts)
        if is_block:
            parts.append("\n")
    if element.tail:
        parts.append(_WHITESPACE.sub(" ", element.tail))


def _rendered(element: html.HtmlElement) -> list[str]:
    parts: list[str] = []
    if element.text:
        parts.append(_WHITESPACE.sub(" ", element.text))
    for child in element:
        _render(child, parts)
    return parts


def _is_data_cell(cell: html.HtmlElement) -> bool:
    """Layout tables hold whole articles in one cell; those render as blocks."""
    if cell.find(".//table") is not None:
        return False
    return len(cell.text_content()) <= _MAX_CELL_CHARS
