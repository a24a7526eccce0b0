"""Which stored documents a crawl fetches again: each at most once per 7-day window, spread over the days.

An unchanged re-run should cost one request per list page, so stored report pages and files
are not revalidated on every run (that was 1 of the 2.33 requests per list page measured by
bench/scale.py). An edited report must still be found, so every stored document younger than
180 days (older ones are settled: never fetched again, warehouse/queries/revalidation_documents.sql)
gets one revalidation per window of REVALIDATE_EVERY (7 days). The windows of a document are
shifted by a phase drawn from its URL (the page linking it, when it is an attachment, so a page
and its files go together): with daily runs a run revalidates about 1/7 of the documents, not
all of them every seventh day. A document is due when one of its window boundaries falls
between the source's last successful crawl and now, so an edit is found at the first run after
at most 7 days, whether runs are daily or weekly; a source that failed for a while catches up.
What is due is fetched as before (a 304 when unchanged); the rest goes to the spider as "seen".
Limit: the spider reaches a due report through the list pages a re-run walks (the first page
of each list unless something new is on it), as it always did.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

REVALIDATE_EVERY = timedelta(days=7)


def phase_seconds(url: str) -> float:
    """Where in the 7-day period this URL's windows start: a stable spread drawn from its hash."""
    digest = int(hashlib.sha1(url.encode(), usedforsecurity=False).hexdigest()[:12], 16)
    return digest % int(REVALIDATE_EVERY.total_seconds())


def _window(moment: datetime, url: str) -> int:
    seconds = _utc(moment).timestamp() - phase_seconds(url)
    return int(seconds // REVALIDATE_EVERY.total_seconds())


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def is_due(url: str, last_crawl: datetime | None, now: datetime) -> bool:
    """Due when a window boundary of `url` fell after the last successful crawl (or none is known)."""
    return last_crawl is None or _window(now, url) > _window(last_crawl, url)


def urls_to_skip(rows: Iterable[Mapping[str, Any]], now: datetime | None = None) -> dict[str, list[str]]:
    """Per source, the stored URLs (documents and the pages linking them) this crawl need not fetch.

    `rows` are revalidation_documents rows: source_id, url, page_url, settled, last_crawl."""
    now = now or datetime.now(UTC)
    skip: dict[str, set[str]] = {}
    fetch: dict[str, set[str]] = {}
    for row in rows:
        urls = {row["url"], *([row["page_url"]] if row["page_url"] else [])}
        key = row["page_url"] or row["url"]
        due = not row["settled"] and is_due(key, row["last_crawl"], now)
        (fetch if due else skip).setdefault(row["source_id"], set()).update(urls)
    return {source: sorted(urls - fetch.get(source, set())) for source, urls in skip.items()}
