-- Backoff per channel, not per alert (issue 16): one row per channel that ever failed or sent.
-- `channel` is deliveries.channel (the masked apprise URL or the name given in notify.yaml) and
-- `last_error` is scrubbed of the channel's secrets, so no token or password is stored here.
-- deliveries.next_attempt_at (0020) is no longer read: a channel that is due gets its whole backlog.
CREATE TABLE channel_state (
    channel          VARCHAR PRIMARY KEY,
    failures         INTEGER NOT NULL DEFAULT 0,   -- runs in a row in which the channel accepted nothing
    last_error       VARCHAR,
    last_failed_at   TIMESTAMPTZ,
    last_sent_at     TIMESTAMPTZ,
    next_attempt_at  TIMESTAMPTZ,                  -- NULL: due at once
    updated_at       TIMESTAMPTZ NOT NULL
);
