-- What the views and the metrics table were last built from (a hash of their SQL and data):
-- a writer that finds every migration applied and this fingerprint current skips rebuilding
-- them, so the short writes of a run (one per finished crawl) do not pay for it each time.
CREATE TABLE IF NOT EXISTS schema_fingerprint (
    fingerprint VARCHAR NOT NULL,
    written_at TIMESTAMPTZ NOT NULL
);
