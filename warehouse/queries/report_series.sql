-- Actuals and targets per bureau, metric, measure and year: the points of the charts.
SELECT source_id, bureau, kind, metric, measure, year, value, unit, approx, text,
       document_url, published_at
FROM indicator_latest
WHERE kind IN ('actual', 'target') AND year IS NOT NULL AND value IS NOT NULL
ORDER BY source_id, metric, measure, kind, year, unit;
