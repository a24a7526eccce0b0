-- Deliveries still owed ($max_attempts, $now): pending or failed, not out of attempts, due; oldest alert first.
-- The alert's kind and document let a message group it under its bureau and document (alerts/grouping.py).
SELECT d.alert_id, d.channel, d.attempts, a.title, a.body, a.source_id,
       coalesce(s.name, a.source_id) AS bureau,
       a.kind, doc.title AS document_title, coalesce(a.url, doc.url) AS url, doc.published_at
FROM deliveries d
JOIN alerts a ON a.id = d.alert_id
LEFT JOIN sources s ON s.id = a.source_id
LEFT JOIN documents doc ON doc.id = a.document_id
WHERE d.status <> 'sent'
  AND d.attempts < $max_attempts
  AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= $now)
ORDER BY a.created_at, a.id;
