-- How many alerts of each kind one run raised (new targets, rankings …) for the end-of-run summary.
SELECT kind, count(*) AS alerts
FROM alerts
WHERE run_id = $run_id
GROUP BY kind
ORDER BY kind;
