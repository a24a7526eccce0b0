-- Ranking history per bureau, metric and scope (add ORDER BY year, published_at for a timeline).
CREATE OR REPLACE VIEW rankings AS
SELECT
    d.source_id,
    coalesce(s.name, d.bureau) AS bureau,
    i.metric,
    i.measure,
    i.scope,
    i.year,
    i.rank,
    i.text,
    d.id AS document_id,
    d.url AS document_url,
    d.published_at
FROM indicators i
JOIN documents d ON d.id = i.document_id
LEFT JOIN sources s ON s.id = d.source_id
WHERE i.kind = 'ranking';
