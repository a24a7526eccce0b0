-- One run's result per channel (batch_channel_results: channel, failures, error, accepted, next_attempt_at;
-- $now): failures and next try as warehouse/outbox_channels.py computed them; a success keeps the last error.
INSERT INTO channel_state AS cs (channel, failures, last_error, last_failed_at, last_sent_at, next_attempt_at,
                                 updated_at)
SELECT channel, failures, error, CASE WHEN accepted THEN NULL ELSE $now END,
       CASE WHEN accepted THEN $now END, next_attempt_at, $now
FROM batch_channel_results
ON CONFLICT (channel) DO UPDATE SET
    failures = excluded.failures,
    last_error = coalesce(excluded.last_error, cs.last_error),
    last_failed_at = coalesce(excluded.last_failed_at, cs.last_failed_at),
    last_sent_at = coalesce(excluded.last_sent_at, cs.last_sent_at),
    next_attempt_at = excluded.next_attempt_at,
    updated_at = excluded.updated_at;
