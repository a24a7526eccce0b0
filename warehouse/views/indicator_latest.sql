-- Latest value per bureau × metric × measure × kind × year, with the sentence it came from.
CREATE OR REPLACE VIEW indicator_latest AS
SELECT
    d.source_id,
    coalesce(s.name, d.bureau) AS bureau,
    i.kind,
    i.metric,
    i.measure,
    i.year,
    i.value,
    i.unit,
    i.approx,
    i.rank,
    i.scope,
    i.text,
    d.id AS document_id,
    d.title AS document_title,
    d.url AS document_url,
    d.published_at
FROM indicators i
JOIN documents d ON d.id = i.document_id
LEFT JOIN sources s ON s.id = d.source_id
QUALIFY row_number() OVER (
    PARTITION BY d.source_id, i.kind, i.metric, i.measure, i.year, i.scope
    ORDER BY d.published_at DESC NULLS LAST, d.first_seen_at DESC, i.seq
) = 1;
