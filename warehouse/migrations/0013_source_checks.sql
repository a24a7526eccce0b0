-- Results of `kjwatch sources check`: is each start URL reachable, and what CMS does it run?
CREATE TABLE source_checks (
    checked_at  TIMESTAMP NOT NULL,
    source_id   VARCHAR NOT NULL,
    url         VARCHAR NOT NULL,
    status      VARCHAR NOT NULL,   -- reachable | redirected | blocked | gone | robots_disallow | unreachable
    http_status INTEGER,
    final_url   VARCHAR,
    cms         VARCHAR,
    detail      VARCHAR
);
