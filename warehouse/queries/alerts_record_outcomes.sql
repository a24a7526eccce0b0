-- One attempt per row of batch_outcomes: sent, or failed and not due again before next_attempt_at.
UPDATE deliveries
SET status = o.status,
    attempts = deliveries.attempts + 1,
    last_error = o.error,
    sent_at = o.sent_at,
    next_attempt_at = o.next_attempt_at
FROM batch_outcomes o
WHERE deliveries.alert_id = o.alert_id AND deliveries.channel = o.channel;
