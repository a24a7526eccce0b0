-- `kjwatch alerts channels`: per channel, what it owes (rows, oldest alert), its last error and next try.
WITH owed AS (
    SELECT d.channel, count(*) AS owed, min(a.created_at) AS oldest_owed
    FROM deliveries d JOIN alerts a ON a.id = d.alert_id
    WHERE d.status <> 'sent'
    GROUP BY d.channel
), known AS (
    SELECT channel FROM owed UNION SELECT channel FROM channel_state
)
SELECT k.channel, coalesce(o.owed, 0) AS owed, o.oldest_owed, coalesce(cs.failures, 0) AS failures,
       cs.last_error, cs.last_failed_at, cs.last_sent_at, cs.next_attempt_at AS next_try
FROM known k
LEFT JOIN owed o ON o.channel = k.channel
LEFT JOIN channel_state cs ON cs.channel = k.channel
ORDER BY coalesce(o.owed, 0) DESC, k.channel;
