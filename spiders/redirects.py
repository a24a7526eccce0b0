"""Redirect loops end as one recorded error instead of vanishing.

Scrapy's dupefilter silently drops a redirect back to a URL already requested (A → B → A),
so a looping site looked like a page that was never there. This middleware sits outside
RedirectMiddleware (its process_response runs first) and fails the request, naming the
chain, as soon as a Location points back into it. Chains that never repeat still end at
REDIRECT_MAX_TIMES ("max redirections reached").
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from w3lib.url import safe_url_string

REDIRECT_STATUSES = (301, 302, 303, 307, 308)


class RedirectLoopMiddleware:
    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in REDIRECT_STATUSES or not location:
            return response
        target = safe_url_string(urljoin(request.url, location.decode("latin-1")))
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in chain:
            raise IgnoreRequest("redirect loop: " + " -> ".join([*chain, target]))
        return response
