-- The most recent runs, newest first: the report's "last run" and the 7-day window end there.
SELECT id, flow, started_at, finished_at, status, sources_ok, sources_failed, sources_blocked,
       documents_new, documents_changed, indicators, alerts, message
FROM runs
ORDER BY started_at DESC, id DESC
LIMIT 20;
