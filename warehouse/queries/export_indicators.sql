-- Indicators with their bureau and document, flat, for export (partitioned by year).
SELECT
    d.source_id,
    coalesce(s.name, d.bureau) AS bureau,
    d.level,
    i.kind, i.metric, i.measure, i.value, i.unit, i.approx,
    coalesce(i.year, d.report_year) AS year,
    CAST(coalesce(i.year, d.report_year) AS INTEGER) AS indicator_year,  -- the partition key, typed
    i.rank, i.scope, i.text,
    d.id AS document_id, d.title AS document_title, d.url AS document_url, d.published_at
FROM indicators i
JOIN documents d ON d.id = i.document_id
LEFT JOIN sources s ON s.id = d.source_id
ORDER BY year, d.source_id, d.id, i.seq
