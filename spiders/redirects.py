"""Redirect loops end as one recorded error instead of vanishing.

Scrapy's dupefilter silently drops a redirect back to a URL already requested (A → B → A),
so a looping site looked like a page that was never there. RedirectLoopMiddleware sits
outside RedirectMiddleware (its process_response runs first) and fails the request, naming
the chain, as soon as a Location points back into it. Chains that never repeat still end at
REDIRECT_MAX_TIMES ("max redirections reached").

Gov sites' index pages often redirect with `<meta http-equiv="refresh" content="0;url=…">`
instead of a 3xx. LoopSafeMetaRefreshMiddleware replaces Scrapy's MetaRefreshMiddleware (same
parsing, same REDIRECT_MAX_TIMES budget shared with 3xx hops) and adds what it lacks: a
refresh back into the chain is one error, like a 3xx loop; a refresh to the page itself is a
reload timer, not a redirect, so the page is read as it is (Scrapy followed it, and the
dupefilter dropped it: the page was lost). The redirected request goes through the
scheduler like any other, so SafeDestinationMiddleware (spiders/destinations.py) keeps it
on the source's domains and off private addresses.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urldefrag, urljoin

from scrapy import Request
from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
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


def _page(url: str) -> str:
    """A URL without its fragment: the page a browser would load."""
    return urldefrag(url)[0]


class LoopSafeMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's meta refresh follower, with self-reloads read in place and loops as one error."""

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Request | Response:
        followed = super().process_response(request, response)
        if not isinstance(followed, Request):
            return followed
        target = _page(followed.url)
        if target == _page(request.url):
            return response
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in {_page(url) for url in chain}:
            raise IgnoreRequest("meta refresh loop: " + " -> ".join([*chain, followed.url]))
        return followed
