-- Alerts of a period for the digest, grouped later by bureau; digests themselves excluded.
SELECT a.id, a.kind, a.title, a.body, a.url, coalesce(s.name, a.source_id, 'kjwatch') AS bureau, a.created_at
FROM alerts a
LEFT JOIN sources s ON s.id = a.source_id
WHERE a.created_at >= ? AND a.kind <> 'digest'
ORDER BY bureau, a.created_at, a.id;
