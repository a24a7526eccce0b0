-- Documents found per bureau, newest first, with how many indicators each yielded.
SELECT d.id, d.source_id, d.url, d.page_url, d.title, d.published_at, d.report_year, d.doc_types,
       d.version, d.first_seen_at,
       (SELECT count(*) FROM indicators i WHERE i.document_id = d.id) AS indicators
FROM documents d
ORDER BY d.source_id, d.published_at DESC NULLS LAST, d.url;
