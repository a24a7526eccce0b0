-- One run's per-source outcomes for the end-of-run summary: what happened and why, worst first.
SELECT c.source_id, coalesce(s.name, c.source_id) AS name, c.status, c.pages_fetched, c.documents_found,
       c.documents_new, c.documents_changed, coalesce(c.evidence, c.error) AS reason
FROM crawl_results c
LEFT JOIN sources s ON s.id = c.source_id
WHERE c.run_id = $run_id
ORDER BY CASE c.status WHEN 'failed' THEN 0 WHEN 'blocked' THEN 1 ELSE 2 END, c.source_id;
