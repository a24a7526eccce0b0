-- Ranking history per bureau, metric and scope (add ORDER BY year, published_at for a timeline).
-- `level` is the bureau's (city, county …): compare bureaus of one level only, a city's claims
-- beside cities', never beside its own counties'. `period` is the document's (上半年 …).
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
    d.published_at,
    coalesce(s.level, d.level) AS level,
    indicator_period(i.kind, i.year, d.report_year, d.period) AS period,
    indicator_period_label(i.kind, i.year, d.report_year, d.period, d.period_label) AS period_label
FROM indicators i
JOIN documents d ON d.id = i.document_id
LEFT JOIN sources s ON s.id = d.source_id
WHERE i.kind = 'ranking';
