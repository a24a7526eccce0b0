"""How the spider reads a fetched page: headers, text decoded like the parser does, visible text."""

from __future__ import annotations

import re

from scrapy.http import Response

from parsing.encoding import charset_from_content_type, decode_bytes


def header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def page_text(response: Response) -> str:
    """The page decoded the way the parser decodes it: a charset header that does not decode the
    bytes (utf-8 declared on GBK) gives way to the page's <meta>, where Scrapy's `response.text`
    trusts the header and turns every link title into mojibake."""
    charset = charset_from_content_type(header(response, "Content-Type"))
    return decode_bytes(response.body, header_charset=charset).text


def visible_text(body: str) -> str:
    """Enough of the page to read a `当前(2/5)页` counter; markup between the numbers is removed."""
    return re.sub(r"<[^>]+>", "", body[-20000:])
