-- Bureaus we watch, mirrored from the sources file on every run.
CREATE TABLE sources (
    id           VARCHAR PRIMARY KEY,
    name         VARCHAR NOT NULL,
    level        VARCHAR,
    region       VARCHAR,
    region_code  VARCHAR,
    start_urls   VARCHAR[],
    tags         VARCHAR[],
    updated_at   TIMESTAMP
);
