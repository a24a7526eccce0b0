"""Scrapy settings for kjwatch crawls: polite, cached, honest.

This module and `flows/` are the only places that read the environment.
"""

from __future__ import annotations

import os

BOT_NAME = "kjwatch"
SPIDER_MODULES = ["spiders.spiders"]
NEWSPIDER_MODULE = "spiders.spiders"

USER_AGENT = "kjwatch/0.1 (science-bureau report monitor; polite crawler; contact: see project README)"
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "spiders.middlewares.RevalidationAwareAutoThrottle": 0,
}
AUTOTHROTTLE_START_DELAY = float(os.environ.get("KJWATCH_CRAWL_DELAY", "1.0"))
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 0.0
DOWNLOAD_TIMEOUT = 30
# Bodies over DOWNLOAD_MAXSIZE are cancelled while they arrive, and compressed bodies are
# inflated only up to it (HttpCompressionMiddleware): a 200 MB page or a gzip bomb costs one
# recorded error and at most this much memory.
DOWNLOAD_MAXSIZE = 60 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024
REDIRECT_MAX_TIMES = 10

RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# Scrapy's list minus a host that does not resolve or refuses the connection: retried with
# backoff, robots.txt and page three times each, such a source took ~13 s to fail; once is enough
# (the next run tries again, and `source_failing` waits for several failed runs).
RETRY_EXCEPTIONS = [
    "scrapy.exceptions.DownloadFailedError",
    "scrapy.exceptions.DownloadTimeoutError",
    "scrapy.exceptions.ResponseDataLossError",
    "twisted.internet.error.ConnectionDone",
    "twisted.internet.error.ConnectionLost",
    OSError,
    "scrapy.core.downloader.handlers.http11.TunnelError",
]
# Seconds before the first retry; doubles per attempt (spiders.middlewares).
RETRY_BACKOFF_BASE = float(os.environ.get("KJWATCH_RETRY_BACKOFF", "2.0"))
RETRY_BACKOFF_MAX = 60.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.middlewares.BackoffRetryMiddleware": 550,
    "spiders.middlewares.BackoffDelayMiddleware": 50,
    # Before everything else, redirects and robots.txt included: the source's domains over
    # http(s), no private address unless the source is there (spiders/destinations.py). It
    # replaces Scrapy's offsite filter, which drops a redirect off the domains without a word.
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "spiders.destinations.SafeDestinationMiddleware": 40,
    # Outside RedirectMiddleware (600), so it sees a redirect first: a loop is one error.
    "spiders.redirects.RedirectLoopMiddleware": 650,
    # <meta http-equiv="refresh"> followed like a redirect, a refresh loop as one error, a page
    # refreshing itself read in place (spiders/redirects.py); same slot as Scrapy's own.
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "spiders.redirects.LoopSafeMetaRefreshMiddleware": 580,
}

# Link depth is bounded by the spider itself (navigation hops, pages per list, max_pages);
# Scrapy's depth counts every list page, so it is only a last-resort safety net here.
DEPTH_LIMIT = 100
DEPTH_PRIORITY = 1

# Revalidate every cached page (a 304 costs almost nothing) instead of trusting freshness.
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "scrapy.extensions.httpcache.RFC2616Policy"
HTTPCACHE_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"
HTTPCACHE_DIR = os.environ.get("KJWATCH_HTTPCACHE", "httpcache")
HTTPCACHE_IGNORE_HTTP_CODES = [301, 302, 400, 403, 404, 405, 412, 429, 500, 502, 503, 504, 521]
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "zh-CN,zh;q=0.9",
    "Cache-Control": "max-age=0",
}

# Headless Chromium (Debian's `chromium`) for `render: browser` sources and JS challenges; started
# only when a page needs it (spiders/browser.py). KJWATCH_BROWSER_WAIT: seconds a page may take.
KJWATCH_CHROMIUM = os.environ.get("KJWATCH_CHROMIUM", "/usr/bin/chromium")
KJWATCH_BROWSER_WAIT = float(os.environ.get("KJWATCH_BROWSER_WAIT", "10"))

ITEM_PIPELINES = {"spiders.pipelines.RawStorePipeline": 300}

TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = os.environ.get("KJWATCH_CRAWL_LOG_LEVEL", "INFO")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
