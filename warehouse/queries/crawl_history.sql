-- Recent crawl outcomes per source, newest first, for `source_failing`.
SELECT c.source_id, c.run_id, c.status
FROM crawl_results c
JOIN runs r ON r.id = c.run_id
ORDER BY c.source_id, r.started_at DESC;
