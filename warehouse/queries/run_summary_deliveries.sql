-- Per channel (masked URL), the deliveries of one run: of the alerts it raised, and older ones it
-- sent while it ran. Read from the outbox, never from the senders.
SELECT d.channel,
       count(*) FILTER (WHERE d.status = 'sent') AS sent,
       count(*) FILTER (WHERE d.status = 'failed') AS failed,
       count(*) FILTER (WHERE d.status NOT IN ('sent', 'failed')) AS pending
FROM deliveries d
JOIN alerts a ON a.id = d.alert_id
JOIN runs r ON r.id = $run_id
WHERE a.run_id = $run_id
   OR (d.sent_at >= r.started_at AND (r.finished_at IS NULL OR d.sent_at <= r.finished_at))
GROUP BY d.channel
ORDER BY d.channel;
