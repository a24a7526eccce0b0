-- One row per bureau: its latest core indicators and targets, for a quick overview. A metric's
-- own figure (no 国家级 / 省级 qualifier) is preferred over a sub-target's.
CREATE OR REPLACE VIEW bureau_scorecard AS
WITH latest AS (
    SELECT source_id, bureau, kind, metric, year, value, unit
    FROM indicator_latest
    WHERE measure = 'level' AND kind IN ('actual', 'target') AND metric NOT LIKE 'other:%'
    QUALIFY row_number() OVER (PARTITION BY source_id, kind, metric ORDER BY year DESC NULLS LAST, qualifier <> '') = 1
)
SELECT
    s.id AS source_id,
    s.name AS bureau,
    s.level,
    (SELECT count(*) FROM documents d WHERE d.source_id = s.id) AS documents,
    (SELECT max(d.published_at) FROM documents d WHERE d.source_id = s.id) AS last_published,
    max(CASE WHEN l.kind = 'actual' AND l.metric = 'hte_total' THEN l.value END) AS hte_total,
    max(CASE WHEN l.kind = 'target' AND l.metric = 'hte_total' THEN l.value END) AS hte_total_target,
    max(CASE WHEN l.kind = 'actual' AND l.metric = 'tsme_registered' THEN l.value END) AS tsme_registered,
    max(CASE WHEN l.kind = 'actual' AND l.metric = 'tech_contract_value' THEN l.value END)
        AS tech_contract_value_wan,
    max(CASE WHEN l.kind = 'target' AND l.metric = 'tech_contract_value' THEN l.value END)
        AS tech_contract_value_target_wan,
    max(CASE WHEN l.kind = 'actual' AND l.metric = 'rd_expenditure' THEN l.value END) AS rd_expenditure_wan,
    max(CASE WHEN l.kind = 'actual' AND l.metric = 'rd_intensity' THEN l.value END) AS rd_intensity_pct,
    max(CASE WHEN l.kind = 'target' AND l.metric = 'rd_intensity' THEN l.value END) AS rd_intensity_target_pct,
    max(CASE WHEN l.kind = 'actual' AND l.metric = 'ht_output_share' THEN l.value END) AS ht_output_share_pct,
    (SELECT count(*) FROM rankings r WHERE r.source_id = s.id) AS ranking_claims
FROM sources s
LEFT JOIN latest l ON l.source_id = s.id
GROUP BY s.id, s.name, s.level;
