-- Each target beside the latest actual for the same bureau, metric, year and qualifier (a 国家级
-- target against a 国家级 actual). Progress is judged against like periods only: pct_attained and
-- attained are NULL when the actual covers part of the year (上半年, 1-10月), whose period is shown.
CREATE OR REPLACE VIEW targets_progress AS
SELECT
    t.source_id,
    t.bureau,
    t.metric,
    t.year,
    t.value AS target_value,
    t.unit,
    t.text AS target_text,
    t.document_url AS target_document_url,
    a.value AS actual_value,
    a.text AS actual_text,
    a.document_url AS actual_document_url,
    CASE WHEN a.period = t.period AND a.value IS NOT NULL AND t.value > 0
         THEN round(100.0 * a.value / t.value, 1) END AS pct_attained,
    CASE WHEN a.period = t.period AND a.value IS NOT NULL THEN a.value >= t.value END AS attained,
    t.qualifier,
    t.period AS target_period,
    a.period AS actual_period,
    a.period_label AS actual_period_label
FROM indicator_latest t
LEFT JOIN indicator_latest a
    ON a.kind = 'actual' AND a.measure = 'level'
   AND a.source_id = t.source_id AND a.metric = t.metric AND a.year = t.year AND a.qualifier = t.qualifier
WHERE t.kind = 'target' AND t.measure = 'level';
