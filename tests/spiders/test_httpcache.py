"""A page the server answers 304 for is not written to the HTTP cache again (spiders/httpcache.py, issue 17)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from scrapy import Spider
from scrapy.http import HtmlResponse, Request
from scrapy.settings import Settings
from scrapy.utils.request import RequestFingerprinter

from spiders.httpcache import RevalidationFilesystemCacheStorage
from tests.spiders.sitekit import SITES_ROOT, FixtureSites, crawl, source_dict

CACHE_FILES = {"meta", "pickled_meta", "response_headers", "response_body", "response_data", "request_headers",
               "request_body"}


def _cached_files(cache: Path) -> dict[Path, int]:
    """Every file of Scrapy's cache entries under `cache` and when it was last written."""
    return {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.name in CACHE_FILES}


def test_an_unchanged_recrawl_rewrites_no_cached_page_and_a_changed_page_is_stored_again(tmp_path: Path) -> None:
    shutil.copytree(SITES_ROOT / "trs", tmp_path / "sites" / "trs")
    work, cache = tmp_path / "work", tmp_path / "work" / "cache" / "trs"
    with FixtureSites(["trs"], root=tmp_path / "sites") as sites:
        crawl(source_dict("trs", sites.url("trs")), work)
        before = _cached_files(cache)
        sites.logs["trs"].hits.clear()
        crawl(source_dict("trs", sites.url("trs")), work)
        unchanged_statuses = {status for _, _, status in sites.logs["trs"].hits}
        after_unchanged = _cached_files(cache)
        page = tmp_path / "sites" / "trs" / "col" / "col101" / "index.html"
        page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>更新</p></body>"), encoding="utf-8")
        os.utime(page, (time.time() + 5, time.time() + 5))
        crawl(source_dict("trs", sites.url("trs")), work)
        after_edit = _cached_files(cache)
    assert len(before) >= 7 * 3
    assert unchanged_statuses == {304}
    assert after_unchanged == before                                    # nothing written after the 304s …
    assert any(b"\xe6\x9b\xb4\xe6\x96\xb0" in p.read_bytes() for p, t in after_edit.items()  # … the edit is
               if p.name == "response_body" and t != before.get(p))                     # stored anew


def _storage(tmp_path: Path) -> tuple[RevalidationFilesystemCacheStorage, Spider]:
    storage = RevalidationFilesystemCacheStorage(Settings({"HTTPCACHE_DIR": str(tmp_path / "cache")}))
    storage._fingerprinter = RequestFingerprinter()
    return storage, Spider(name="kjwatch")


def _response(url: str, etag: str, body: bytes, revalidated: bool) -> HtmlResponse:
    return HtmlResponse(url, body=body, headers={"ETag": etag, "Content-Type": "text/html; charset=utf-8"},
                        flags=["cached"] if revalidated else [])


def test_a_304_with_new_validators_is_stored_and_one_with_the_same_is_not(tmp_path: Path) -> None:
    storage, spider = _storage(tmp_path)
    request = Request("http://127.0.0.1/list.html")
    storage.store_response(spider, request, _response(request.url, '"a"', b"first", revalidated=False))
    storage.store_response(spider, request, _response(request.url, '"a"', b"same validators", revalidated=True))
    kept = storage.retrieve_response(spider, request)
    storage.store_response(spider, request, _response(request.url, '"b"', b"new validators", revalidated=True))
    renewed = storage.retrieve_response(spider, request)
    assert kept is not None
    assert kept.body == b"first"
    assert renewed is not None
    assert renewed.body == b"new validators"
    assert renewed.headers[b"ETag"] == b'"b"'
