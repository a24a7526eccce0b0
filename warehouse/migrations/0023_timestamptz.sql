-- Every moment becomes a TIMESTAMPTZ (issue 21 item 7): the old columns held naive UTC, which
-- DuckDB compares with now() in the session's zone, so "the last hours" under TZ=Asia/Shanghai
-- looked eight hours into the future. `AT TIME ZONE 'UTC'` reads each stored value as the UTC
-- instant it always was; migrate() sets the session zone to UTC so nothing shifts.
ALTER TABLE sources ALTER COLUMN updated_at TYPE TIMESTAMPTZ USING updated_at AT TIME ZONE 'UTC';
ALTER TABLE runs ALTER COLUMN started_at TYPE TIMESTAMPTZ USING started_at AT TIME ZONE 'UTC';
ALTER TABLE runs ALTER COLUMN finished_at TYPE TIMESTAMPTZ USING finished_at AT TIME ZONE 'UTC';
ALTER TABLE crawl_results ALTER COLUMN started_at TYPE TIMESTAMPTZ USING started_at AT TIME ZONE 'UTC';
ALTER TABLE crawl_results ALTER COLUMN finished_at TYPE TIMESTAMPTZ USING finished_at AT TIME ZONE 'UTC';
ALTER TABLE documents ALTER COLUMN first_seen_at TYPE TIMESTAMPTZ USING first_seen_at AT TIME ZONE 'UTC';
ALTER TABLE documents ALTER COLUMN fetched_at TYPE TIMESTAMPTZ USING fetched_at AT TIME ZONE 'UTC';
ALTER TABLE document_versions ALTER COLUMN fetched_at TYPE TIMESTAMPTZ USING fetched_at AT TIME ZONE 'UTC';
ALTER TABLE alerts ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at AT TIME ZONE 'UTC';
ALTER TABLE deliveries ALTER COLUMN sent_at TYPE TIMESTAMPTZ USING sent_at AT TIME ZONE 'UTC';
ALTER TABLE deliveries ALTER COLUMN created_at TYPE TIMESTAMPTZ USING created_at AT TIME ZONE 'UTC';
ALTER TABLE deliveries ALTER COLUMN next_attempt_at TYPE TIMESTAMPTZ USING next_attempt_at AT TIME ZONE 'UTC';
ALTER TABLE errors ALTER COLUMN occurred_at TYPE TIMESTAMPTZ USING occurred_at AT TIME ZONE 'UTC';
ALTER TABLE rejected_records ALTER COLUMN rejected_at TYPE TIMESTAMPTZ USING rejected_at AT TIME ZONE 'UTC';
ALTER TABLE source_checks ALTER COLUMN checked_at TYPE TIMESTAMPTZ USING checked_at AT TIME ZONE 'UTC';
ALTER TABLE schema_migrations ALTER COLUMN applied_at TYPE TIMESTAMPTZ USING applied_at AT TIME ZONE 'UTC';
