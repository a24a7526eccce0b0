-- Actuals and targets per bureau, metric, measure and year: the points of the charts, each with
-- the level that qualifies a sub-figure (国家级 / '') and the period it covers (上半年 …).
SELECT source_id, bureau, kind, metric, measure, year, value, unit, approx, text,
       document_url, published_at, qualifier, period, period_label
FROM indicator_latest
WHERE kind IN ('actual', 'target') AND year IS NOT NULL AND value IS NOT NULL
ORDER BY source_id, metric, measure, kind, year, unit, qualifier;
