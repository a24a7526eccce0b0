-- Every channel's backoff: consecutive failed runs and when it is due again (NULL: at once).
SELECT channel, failures, last_error, last_failed_at, last_sent_at, next_attempt_at
FROM channel_state;
