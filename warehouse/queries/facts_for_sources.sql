-- Every indicator of the given sources with its document, for the change detectors; the level
-- that qualifies a sub-target (国家级 / 省级) and the period a figure covers come along.
SELECT
    d.source_id,
    coalesce(s.name, d.bureau, d.source_id) AS bureau,
    d.id AS document_id,
    d.url AS document_url,
    d.title AS document_title,
    d.published_at,
    d.first_seen_at,
    i.kind, i.metric, i.measure, i.value, i.unit, i.year, i.rank, i.scope, i.text,
    indicator_qualifier(i.text) AS qualifier,
    indicator_period(i.kind, i.year, d.report_year, d.period) AS period,
    indicator_period_label(i.kind, i.year, d.report_year, d.period, d.period_label) AS period_label
FROM indicators i
JOIN documents d ON d.id = i.document_id
LEFT JOIN sources s ON s.id = d.source_id
WHERE d.source_id IN (SELECT id FROM batch_sources)
ORDER BY d.source_id, d.published_at NULLS FIRST, d.first_seen_at, i.seq;
