-- Runs whose process is gone: interrupted, finished at their last recorded crawl (else their
-- start), with the source counts of the crawl outcomes they did store. $ids: the run ids.
UPDATE runs SET
    status = 'interrupted',
    finished_at = coalesce(
        (SELECT max(c.finished_at) FROM crawl_results c WHERE c.run_id = runs.id), runs.started_at),
    sources_ok = (SELECT count(*) FROM crawl_results c WHERE c.run_id = runs.id AND c.status = 'ok'),
    sources_failed = (SELECT count(*) FROM crawl_results c WHERE c.run_id = runs.id AND c.status = 'failed'),
    sources_blocked = (SELECT count(*) FROM crawl_results c WHERE c.run_id = runs.id AND c.status = 'blocked'),
    message = 'interrupted: its process ended before the run finished; noticed by run ' || $noticed_by
WHERE status = 'running' AND list_contains($ids, id);
