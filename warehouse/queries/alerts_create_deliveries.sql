-- Outbox rows for batch_deliveries (alert_id, channel); a row that exists already is kept as it is.
INSERT INTO deliveries (alert_id, channel, status, attempts, created_at)
SELECT DISTINCT alert_id, channel, 'pending', 0, $now FROM batch_deliveries
ON CONFLICT (alert_id, channel) DO NOTHING;
