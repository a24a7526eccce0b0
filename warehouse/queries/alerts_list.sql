-- Alerts created since $since, of one kind or all ($kind NULL), newest first, with delivery counts.
SELECT a.created_at, a.kind, a.key, coalesce(s.name, a.source_id) AS bureau, a.title,
       coalesce(a.url, d.url) AS url,
       count(dl.channel) FILTER (WHERE dl.status = 'sent') AS sent,
       count(dl.channel) FILTER (WHERE dl.status <> 'sent') AS owed
FROM alerts a
LEFT JOIN sources s ON s.id = a.source_id
LEFT JOIN documents d ON d.id = a.document_id
LEFT JOIN deliveries dl ON dl.alert_id = a.id
WHERE a.created_at >= $since AND ($kind IS NULL OR a.kind = $kind)
GROUP BY ALL
ORDER BY a.created_at DESC, a.kind, a.key;
