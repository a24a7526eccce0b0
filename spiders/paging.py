"""Where a list continues: TRS `createPageHTML`, 下一页 anchors, `当前(i/n)页` counters.

Pages are walked one at a time so the walk can stop at the first page that holds
nothing new; an unchanged list then costs one request, not one per page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^()]*)\)")
PAGE_COUNTER = re.compile(
    r"(?:当前|第)\s*[(（]?\s*(\d+)\s*/\s*(\d+)\s*[)）]?\s*页|第\s*(\d+)\s*页\s*/?\s*共\s*(\d+)\s*页")
NEXT_TEXTS = ("下一页", "下页", "下一頁", "后一页", "nextpage", "next")
MAX_TRS_PAGES = 500


@dataclass(frozen=True, slots=True)
class TrsPager:
    """The arguments of one `createPageHTML` call (classic or 海云 signature)."""

    count: int
    current: int
    prefix: str
    suffix: str

    def url(self, page_url: str, index: int) -> str:
        name = self.prefix if index == 0 else f"{self.prefix}_{index}"
        return urljoin(page_url, f"{name}.{self.suffix}")


def trs_pagers(body: str) -> list[TrsPager]:
    """Classic `createPageHTML(count, current, name, ext)` and 海云's `(div, count, current, name, ext, total)`."""
    pagers = []
    for match in CREATE_PAGE.finditer(body):
        args = [_resolve(a.strip(), body) for a in match.group(1).split(",")]
        for first in (0, 1):
            count, current, name, ext = [*args[first:first + 4], "", "", "", ""][:4]
            if count.isdigit() and current.isdigit() and _is_quoted(name) and _is_quoted(ext):
                pagers.append(TrsPager(int(count), int(current), name[1:-1], ext[1:-1]))
                break
    return [p for p in pagers if p.prefix and p.suffix and "+" not in p.prefix]


def _is_quoted(arg: str) -> bool:
    return len(arg) >= 2 and arg[0] == arg[-1] and arg[0] in "'\""


def _resolve(arg: str, body: str) -> str:
    """`createPageHTML(countPage, currentPage, ...)` with `var countPage = 5;` earlier in the page."""
    if _is_quoted(arg) or not re.fullmatch(r"[A-Za-z_$][\w$]*", arg):
        return arg
    found = re.search(rf"\b{re.escape(arg)}\s*=\s*['\"]?(\d+)", body)
    return found.group(1) if found else arg


def pagination_urls(page_url: str, body: str) -> list[str]:
    """Every further page of a TRS list (pages 1..count-1; page 0 is `index.html`)."""
    urls = [pager.url(page_url, i) for pager in trs_pagers(body) for i in range(1, min(pager.count, MAX_TRS_PAGES))]
    return list(dict.fromkeys(urls))


def trs_next_pages(page_url: str, body: str) -> list[str]:
    """The page after this one, by the pager's own idea of where it is."""
    return [pager.url(page_url, pager.current + 1) for pager in trs_pagers(body)
            if pager.current + 1 < min(pager.count, MAX_TRS_PAGES)]


def page_counter(text: str) -> tuple[int, int] | None:
    """(current, total) from `当前(2/5)页`, `第2/5页` or `第2页 共5页`."""
    found = PAGE_COUNTER.search(re.sub(r"\s+", "", text))
    if not found:
        return None
    numbers = [int(g) for g in found.groups() if g is not None]
    return numbers[0], numbers[1]


def is_next_text(text: str) -> bool:
    label = re.sub(r"[\s>›»<‹«\[\]【】]+", "", text).lower()
    return label in NEXT_TEXTS


def next_anchor_urls(anchors: list[tuple[str, str]], body_text: str) -> list[str]:
    """Targets of 下一页 anchors, unless a page counter says this is the last page."""
    counter = page_counter(body_text)
    if counter and counter[0] >= counter[1]:
        return []
    return list(dict.fromkeys(url for url, text in anchors if is_next_text(text)))
