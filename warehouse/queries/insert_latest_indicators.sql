-- Recompute the latest values of the sources a load touched.
INSERT INTO latest_indicators
SELECT
    d.source_id, d.bureau, i.kind, i.metric, i.measure, i.year, i.value, i.unit, i.approx,
    i.rank, i.scope, i.text, d.id, d.title, d.url, d.published_at
FROM indicators i
JOIN documents d ON d.id = i.document_id
WHERE d.source_id IN (SELECT id FROM refresh_sources)
QUALIFY row_number() OVER (
    PARTITION BY d.source_id, i.kind, i.metric, i.measure, i.year, i.scope
    ORDER BY d.published_at DESC NULLS LAST, d.first_seen_at DESC, i.seq
) = 1;
