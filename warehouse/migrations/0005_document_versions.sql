-- Every text a document has had, so a silently edited report stays auditable.
-- The indicators each older version had are kept in `indicator_versions`.
CREATE TABLE document_versions (
    document_id     VARCHAR NOT NULL,
    version         INTEGER NOT NULL,
    content_sha256  VARCHAR NOT NULL,
    title           VARCHAR,
    text            VARCHAR,
    raw_path        VARCHAR,
    fetched_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (document_id, version)
);
