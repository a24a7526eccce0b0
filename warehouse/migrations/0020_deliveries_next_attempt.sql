-- Backoff across runs: a failed delivery is not retried before this moment (NULL: at once).
ALTER TABLE deliveries ADD COLUMN next_attempt_at TIMESTAMP;
