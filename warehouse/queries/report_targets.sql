-- Each target beside the actual that followed (targets_progress), in year order per bureau;
-- the actual's publication date tells a shortfall mid-year from a missed target, and its period
-- (上半年, 1-10月) why no progress is computed against an annual target.
SELECT t.source_id, t.bureau, t.metric, t.year, t.target_value, t.unit, t.target_text,
       t.target_document_url, t.actual_value, t.actual_text, t.actual_document_url,
       t.pct_attained, t.attained, d.published_at AS actual_published_at,
       t.qualifier, t.actual_period, t.actual_period_label
FROM targets_progress t
LEFT JOIN documents d ON d.url = t.actual_document_url
ORDER BY t.source_id, t.year, t.metric, t.qualifier;
