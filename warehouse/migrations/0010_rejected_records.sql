-- Indicator records refused by the loader, with the reason, instead of half-inserted rows.
CREATE TABLE rejected_records (
    run_id       VARCHAR,
    document_id  VARCHAR,
    url          VARCHAR,
    record       JSON,
    reason       VARCHAR NOT NULL,
    rejected_at  TIMESTAMP NOT NULL
);
