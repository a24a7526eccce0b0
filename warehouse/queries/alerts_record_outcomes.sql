-- One attempt per row of batch_outcomes: sent, or failed (tried again when its channel is next due).
UPDATE deliveries
SET status = o.status,
    attempts = deliveries.attempts + 1,
    last_error = o.error,
    sent_at = o.sent_at,
    next_attempt_at = NULL
FROM batch_outcomes o
WHERE deliveries.alert_id = o.alert_id AND deliveries.channel = o.channel;
