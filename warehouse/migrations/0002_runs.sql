-- One row per monitoring run; the summary columns are what the CLI prints.
CREATE TABLE runs (
    id                 VARCHAR PRIMARY KEY,
    flow               VARCHAR NOT NULL,
    started_at         TIMESTAMP NOT NULL,
    finished_at        TIMESTAMP,
    status             VARCHAR NOT NULL,
    sources_ok         INTEGER DEFAULT 0,
    sources_failed     INTEGER DEFAULT 0,
    sources_blocked    INTEGER DEFAULT 0,
    documents_new      INTEGER DEFAULT 0,
    documents_changed  INTEGER DEFAULT 0,
    indicators         INTEGER DEFAULT 0,
    alerts             INTEGER DEFAULT 0,
    deliveries_sent    INTEGER DEFAULT 0,
    deliveries_failed  INTEGER DEFAULT 0,
    message            VARCHAR
);
