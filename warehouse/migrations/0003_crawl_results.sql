-- Per-source outcome of each run's crawl: the evidence behind `source_failing`.
CREATE TABLE crawl_results (
    run_id             VARCHAR NOT NULL,
    source_id          VARCHAR NOT NULL,
    status             VARCHAR NOT NULL,   -- ok | failed | blocked
    pages_fetched      INTEGER DEFAULT 0,
    documents_found    INTEGER DEFAULT 0,
    documents_new      INTEGER DEFAULT 0,
    documents_changed  INTEGER DEFAULT 0,
    errors             INTEGER DEFAULT 0,
    error              VARCHAR,
    evidence           VARCHAR,
    started_at         TIMESTAMP,
    finished_at        TIMESTAMP,
    PRIMARY KEY (run_id, source_id)
);
