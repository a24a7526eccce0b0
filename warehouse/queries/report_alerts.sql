-- Alerts created since a moment (parameter 1), newest first, with where to read the source.
SELECT a.id, a.kind, a.source_id, coalesce(s.name, a.source_id) AS bureau, a.title,
       coalesce(a.url, d.url) AS url, d.title AS document_title, a.run_id, a.created_at
FROM alerts a
LEFT JOIN sources s ON s.id = a.source_id
LEFT JOIN documents d ON d.id = a.document_id
WHERE a.created_at >= ?
ORDER BY a.created_at DESC, a.kind, a.source_id, a.title, a.id;
