-- Errors are recorded, not swallowed: one row per failure of a document or source.
CREATE TABLE errors (
    run_id     VARCHAR,
    source_id  VARCHAR,
    url        VARCHAR,
    stage      VARCHAR NOT NULL,   -- crawl | text | extract | load | deliver
    message    VARCHAR NOT NULL,
    occurred_at  TIMESTAMP NOT NULL
);
