"""Plain-text helpers shared by the renderer and the grouping of alerts (no templates here).

Titles and sentences come from crawled pages, so whatever a channel would read as markup
is made inert here: `md_escape` for bot markdown (HTML is escaped by Jinja's autoescape),
`web_url` so that only http(s) addresses ever become links.
"""

from __future__ import annotations

import re

# A URL ends at whitespace, quotes or Chinese punctuation (fact lines are joined with ；).
URL_PATTERN = re.compile(r"https?://[^\s<>\"“”（）；，。、【】《》［］]+")
# Characters bot markdown (WeCom, DingTalk, Feishu) reads as markup, and inert look-alikes:
# a crawled title with `**`, `](http://…)`, `<font>` or a leading `#` stays text. `_` is left alone:
# it emphasises nothing inside a word (hte_total, t2024_1) and URLs and metric keys carry it.
_MARKDOWN_LOOKALIKES = str.maketrans({
    "[": "［", "]": "］", "*": "＊", "`": "｀", "<": "＜", ">": "＞", "#": "＃", "~": "～",
    "|": "｜", "\\": "＼",
})
# In a URL the same characters are percent-encoded, so link text and target stay one URL.
_URL_ESCAPES = {ch: f"%{ord(ch):02X}" for ch in "()[]*`<>|\\ "}


def clip(text: str | None, limit: int) -> str:
    """Sentences from extraction can run to a page; a message needs the gist, not all of it."""
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def body_lines(body: str) -> list[str]:
    """The facts of a stored body, without their list marks (or heading marks of a stored digest)."""
    lines = (line.strip().removeprefix("- ").lstrip("#").strip() for line in body.splitlines())
    return [line for line in lines if line]


def one_line(text: str) -> str:
    """Whitespace (newlines included) folded to single spaces: a title cannot open a line of its own."""
    return " ".join(str(text).split())


def web_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: a crawled `javascript:` or `data:` link is never linked."""
    if url and URL_PATTERN.fullmatch(url.strip()):
        return url.strip()
    return None


def md_url(url: str) -> str:
    """A URL safe as markdown link text or target: markup characters percent-encoded."""
    return "".join(_URL_ESCAPES.get(ch, ch) for ch in url)


def md_escape(text: str, link_urls: bool = False) -> str:
    """Crawled text as inert bot markdown on one line; its http(s) URLs are kept whole
    (percent-encoded where markdown would read them), and become links with `link_urls`."""
    text = one_line(text)
    parts, last = [], 0
    for match in URL_PATTERN.finditer(text):
        url = md_url(match.group(0))
        parts += [text[last:match.start()].translate(_MARKDOWN_LOOKALIKES), f"[{url}]({url})" if link_urls else url]
        last = match.end()
    parts.append(text[last:].translate(_MARKDOWN_LOOKALIKES))
    return "".join(parts)
