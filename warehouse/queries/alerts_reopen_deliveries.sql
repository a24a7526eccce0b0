-- `kjwatch alerts resend`: make the given (alert_id, channel) rows owed again, attempts from zero.
UPDATE deliveries
SET status = 'pending', attempts = 0, next_attempt_at = NULL
FROM batch_deliveries b
WHERE deliveries.alert_id = b.alert_id AND deliveries.channel = b.channel;
