-- Runs still marked running, with the process that started them (NULL before migration 0022).
SELECT id, pid, host
FROM runs
WHERE status = 'running'
ORDER BY started_at, id;
