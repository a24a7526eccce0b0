-- `key` names the fact an alert is about, so the same fact never alerts twice.
CREATE TABLE alerts (
    id           VARCHAR PRIMARY KEY,
    kind         VARCHAR NOT NULL,
    key          VARCHAR NOT NULL UNIQUE,
    source_id    VARCHAR,
    document_id  VARCHAR,
    title        VARCHAR NOT NULL,
    body         VARCHAR NOT NULL,
    url          VARCHAR,
    run_id       VARCHAR,
    created_at   TIMESTAMP NOT NULL
);
