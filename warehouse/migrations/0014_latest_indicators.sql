-- The latest value per bureau × kind × metric × measure × year × scope, kept up to date by each
-- load for the sources it touched, so `indicator_latest` reads a small table instead of ranking
-- every indicator on each query. Filled here from what is already stored.
CREATE TABLE latest_indicators AS
SELECT
    d.source_id, d.bureau AS doc_bureau, i.kind, i.metric, i.measure, i.year, i.value, i.unit, i.approx,
    i.rank, i.scope, i.text, d.id AS document_id, d.title AS document_title, d.url AS document_url,
    d.published_at
FROM indicators i
JOIN documents d ON d.id = i.document_id
QUALIFY row_number() OVER (
    PARTITION BY d.source_id, i.kind, i.metric, i.measure, i.year, i.scope
    ORDER BY d.published_at DESC NULLS LAST, d.first_seen_at DESC, i.seq
) = 1;
