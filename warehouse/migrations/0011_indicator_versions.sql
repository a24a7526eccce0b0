-- Indicators of superseded document versions, copied here before a changed document's
-- current indicators are replaced, so old figures stay queryable.
CREATE TABLE indicator_versions (
    document_id        VARCHAR NOT NULL,
    version            INTEGER NOT NULL,
    seq                INTEGER NOT NULL,
    kind               VARCHAR NOT NULL,
    metric             VARCHAR NOT NULL,
    measure            VARCHAR NOT NULL,
    value              DOUBLE,
    unit               VARCHAR,
    approx             BOOLEAN,
    year               INTEGER,
    rank               INTEGER,
    scope              VARCHAR,
    text               VARCHAR,
    extractor_version  VARCHAR
);
