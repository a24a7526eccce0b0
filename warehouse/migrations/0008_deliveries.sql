-- The outbox: one row per alert and channel; `channel` is the masked apprise URL.
CREATE TABLE deliveries (
    alert_id    VARCHAR NOT NULL,
    channel     VARCHAR NOT NULL,
    status      VARCHAR NOT NULL,   -- pending | sent | failed
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  VARCHAR,
    sent_at     TIMESTAMP,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (alert_id, channel)
);
