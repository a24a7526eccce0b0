-- Each target beside the actual that followed (targets_progress), in year order per bureau.
SELECT source_id, bureau, metric, year, target_value, unit, target_text, target_document_url,
       actual_value, actual_text, actual_document_url, pct_attained, attained
FROM targets_progress
ORDER BY source_id, year, metric;
