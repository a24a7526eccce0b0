"""Hanweb JCMS lists: records hidden in `<datastore>` CDATA, further groups via dataproxy.jsp.

A JCMS column page carries its first group of records inside a `<script type=text/xml>`
datastore that an HTML parser never sees as links, and the rest only comes from
`/module/web/jpage/dataproxy.jsp?startrecord=…&endrecord=…&perpage=…` with the
column's `columnid/unitid/webid` (POST from the browser; some sites accept only GET).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from spiders.links import Link, links_in_html

RECORD = re.compile(r"<record[^>]*>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.DOTALL | re.IGNORECASE)
NEXTGROUP = re.compile(r"<nextgroup[^>]*>\s*<!\[CDATA\[(.*?)\]\]>", re.DOTALL | re.IGNORECASE)
PROXY_PATH = re.compile(r"""['"]?([\w./-]*/module/web/jpage/dataproxy\.jsp)""")
TOTAL = re.compile(r"(?:totalRecord\s*[:=]\s*['\"]?|<totalrecord>\s*)(\d+)", re.IGNORECASE)
ID_PARAMS = ("columnid", "unitid", "webid")
DEFAULT_FORM = {"col": "1", "appid": "1", "path": "/", "sourceContentType": "1", "permissiontype": "0"}
MAX_RECORDS = 20000


@dataclass(frozen=True, slots=True)
class HanwebColumn:
    """What the browser's jpage script knows about one column's list."""

    proxy_url: str
    form: dict[str, str] = field(default_factory=dict)
    per_page: int = 15
    group_size: int = 3
    total: int | None = None

    @property
    def group_records(self) -> int:
        return self.per_page * self.group_size

    def group(self, start: int) -> tuple[str, dict[str, str]]:
        """URL and form of the group starting at record `start` (1-based)."""
        end = start + self.group_records - 1
        query = urlencode({"startrecord": start, "endrecord": end, "perpage": self.per_page})
        return f"{self.proxy_url}?{query}", dict(self.form)

    def has_more(self, start: int) -> bool:
        return start <= min(self.total or MAX_RECORDS, MAX_RECORDS)


def records(body: str) -> list[str]:
    return RECORD.findall(body)


def record_links(page_url: str, body: str) -> list[Link]:
    """The list entries of a datastore (page or dataproxy answer), as ordinary links."""
    return [link for record in records(body) for link in links_in_html(page_url, record)]


def total_records(body: str) -> int | None:
    found = TOTAL.search(body)
    return int(found.group(1)) if found else None


def _number(body: str, name: str, default: int) -> int:
    found = re.search(rf"{name}\s*[:=]\s*['\"]?(\d+)", body, re.IGNORECASE)
    return int(found.group(1)) if found else default


def _form_from_page(body: str) -> dict[str, str]:
    """The nextgroup link's query is the form jpage posts; loose `columnid: 123` in scripts fills gaps."""
    form = dict(DEFAULT_FORM)
    nextgroup = NEXTGROUP.search(body)
    if nextgroup:
        href = re.search(r"""href\s*=\s*['"]([^'"]+)""", nextgroup.group(1))
        if href:
            query = urlsplit(href.group(1).replace("&amp;", "&")).query
            form.update({k: v for k, v in parse_qsl(query, keep_blank_values=True) if k != "page"})
    for name in ID_PARAMS:
        if not form.get(name):
            found = re.search(rf"""\b{name}\s*[:=]\s*['"]?(\d+)""", body, re.IGNORECASE)
            if found:
                form[name] = found.group(1)
    return form


def hanweb_column(page_url: str, body: str) -> HanwebColumn | None:
    """The column behind a JCMS list page, or None when the page has no dataproxy list."""
    if "<datastore" not in body.lower():
        return None
    proxy = PROXY_PATH.search(body)
    form = _form_from_page(body)
    if not form.get("columnid"):
        return None
    return HanwebColumn(
        proxy_url=urljoin(page_url, proxy.group(1) if proxy else "/module/web/jpage/dataproxy.jsp"),
        form=form, per_page=_number(body, "perPage", 15), group_size=_number(body, "groupSize", 3),
        total=total_records(body),
    )


def first_proxy_start(column: HanwebColumn, inline_records: int) -> int | None:
    """Where the dataproxy takes over after the page's own records; None when they are all there is."""
    if inline_records < column.group_records and column.total is None:
        return None
    start = column.group_records + 1 if inline_records >= column.group_records else inline_records + 1
    return start if column.has_more(start) else None


def is_dataproxy_answer(status: int, body: str) -> bool:
    """False for 404/405 pages and HTML error pages, which mean: try the other HTTP method."""
    return status < 400 and ("<record" in body.lower() or "<totalrecord" in body.lower())
