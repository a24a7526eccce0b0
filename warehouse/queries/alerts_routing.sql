-- Kind and source tags of the alerts in batch_ids, for routing them to channels.
SELECT a.id AS alert_id, a.kind, coalesce(s.tags, []::VARCHAR[]) AS tags
FROM alerts a
LEFT JOIN sources s ON s.id = a.source_id
WHERE a.id IN (SELECT id FROM batch_ids)
ORDER BY a.created_at, a.id;
