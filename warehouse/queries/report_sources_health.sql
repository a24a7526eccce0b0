-- Each source's latest crawl outcome, its last success and how many runs in a row it failed.
WITH ranked AS (
    SELECT c.source_id, c.status, c.pages_fetched, c.documents_found, c.error, c.evidence,
           coalesce(c.finished_at, r.finished_at, r.started_at) AS crawled_at,
           row_number() OVER (PARTITION BY c.source_id ORDER BY r.started_at DESC, c.run_id DESC) AS recency
    FROM crawl_results c
    JOIN runs r ON r.id = c.run_id
), summary AS (
    SELECT source_id,
           max(crawled_at) FILTER (WHERE status = 'ok') AS last_success_at,
           coalesce(min(recency) FILTER (WHERE status = 'ok') - 1, count(*)) AS failures_in_a_row
    FROM ranked
    GROUP BY source_id
), ids AS (
    SELECT id AS source_id FROM sources
    UNION
    SELECT source_id FROM ranked
)
SELECT ids.source_id, coalesce(s.name, ids.source_id) AS bureau,
       latest.status, latest.pages_fetched, latest.documents_found, latest.error, latest.evidence,
       latest.crawled_at AS last_crawl_at, summary.last_success_at,
       coalesce(summary.failures_in_a_row, 0) AS failures_in_a_row
FROM ids
LEFT JOIN sources s ON s.id = ids.source_id
LEFT JOIN ranked latest ON latest.source_id = ids.source_id AND latest.recency = 1
LEFT JOIN summary ON summary.source_id = ids.source_id
ORDER BY ids.source_id;
