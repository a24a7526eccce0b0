-- Deliveries still owed, whatever their attempts: oldest alert first, each with the run that raised it.
-- Whether a channel is tried at all is its own backoff (channel_state), never the row's.
-- The alert's kind and document let a message group it under its bureau and document (alerts/grouping.py).
SELECT d.alert_id, d.channel, d.attempts, a.title, a.body, a.source_id,
       coalesce(s.name, a.source_id) AS bureau,
       a.kind, doc.title AS document_title, coalesce(a.url, doc.url) AS url, doc.published_at,
       coalesce(a.run_id, CAST(a.created_at AS VARCHAR)) AS raised_in, a.created_at
FROM deliveries d
JOIN alerts a ON a.id = d.alert_id
LEFT JOIN sources s ON s.id = a.source_id
LEFT JOIN documents doc ON doc.id = a.document_id
WHERE d.status <> 'sent'
ORDER BY a.created_at, a.id;
