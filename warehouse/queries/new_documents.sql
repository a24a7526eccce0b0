-- Documents loaded as new by one run, with their indicator counts, for `new_document` alerts.
SELECT
    d.source_id,
    coalesce(s.name, d.bureau, d.source_id) AS bureau,
    d.id AS document_id,
    d.url,
    d.title,
    d.published_at,
    d.report_year,
    d.doc_types,
    (SELECT count(*) FROM indicators i WHERE i.document_id = d.id) AS indicators
FROM documents d
LEFT JOIN sources s ON s.id = d.source_id
WHERE d.id IN (SELECT id FROM batch_documents)
ORDER BY d.source_id, d.published_at, d.url;
