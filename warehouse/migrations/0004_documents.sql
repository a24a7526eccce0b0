-- One row per distinct document; `id` is derived from the URL so a changed page keeps it.
CREATE TABLE documents (
    id                 VARCHAR PRIMARY KEY,
    source_id          VARCHAR NOT NULL,
    url                VARCHAR NOT NULL UNIQUE,
    page_url           VARCHAR,
    title              VARCHAR,
    published_at       DATE,
    report_year        INTEGER,
    doc_types          VARCHAR[],
    bureau             VARCHAR,
    level              VARCHAR,
    content_sha256     VARCHAR NOT NULL,
    content_type       VARCHAR,
    raw_path           VARCHAR,
    text               VARCHAR,
    version            INTEGER NOT NULL DEFAULT 1,
    extractor_version  VARCHAR,
    first_seen_at      TIMESTAMP NOT NULL,
    fetched_at         TIMESTAMP NOT NULL,
    run_id             VARCHAR
);
