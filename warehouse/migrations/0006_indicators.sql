-- The records of INDICATORS.md for each document's current version.
CREATE TABLE indicators (
    document_id        VARCHAR NOT NULL,
    seq                INTEGER NOT NULL,
    kind               VARCHAR NOT NULL,
    metric             VARCHAR NOT NULL,
    measure            VARCHAR NOT NULL,
    value              DOUBLE,
    unit               VARCHAR,
    approx             BOOLEAN NOT NULL DEFAULT false,
    year               INTEGER,
    rank               INTEGER,
    scope              VARCHAR,
    text               VARCHAR,
    extractor_version  VARCHAR
);
-- No key index: rows are replaced per document, and bulk loads stay fast without one.
