-- Store the alerts of batch_alerts whose key (and id) is new; known facts are left untouched.
INSERT INTO alerts (id, kind, key, source_id, document_id, title, body, url, run_id, created_at)
SELECT b.id, b.kind, b.key, b.source_id, b.document_id, b.title, b.body, b.url, b.run_id, b.created_at
FROM batch_alerts b
WHERE b.key NOT IN (SELECT key FROM alerts)
  AND b.id NOT IN (SELECT id FROM alerts)
RETURNING id;
