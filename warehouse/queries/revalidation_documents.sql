-- Stored documents per source for the crawl's revalidation schedule (flows/revalidation.py):
-- settled ones (stored for over 180 days) are never fetched again; the others are revalidated
-- once per 7-day window, counted from the source's last successful crawl (last_crawl).
SELECT d.source_id, d.url, d.page_url, d.first_seen_at < now() - INTERVAL 180 DAY AS settled, c.last_crawl
FROM documents AS d
LEFT JOIN (SELECT source_id, max(started_at) AS last_crawl FROM crawl_results
           WHERE status = 'ok' GROUP BY source_id) AS c USING (source_id)
ORDER BY d.source_id, d.url;
