-- One alert by its key, with the bureau name and the channels it was routed to.
SELECT a.id AS alert_id, a.kind, a.key, a.title, a.body, coalesce(s.name, a.source_id) AS bureau,
       list(dl.channel ORDER BY dl.channel) FILTER (WHERE dl.channel IS NOT NULL) AS channels
FROM alerts a
LEFT JOIN sources s ON s.id = a.source_id
LEFT JOIN deliveries dl ON dl.alert_id = a.id
WHERE a.key = $key
GROUP BY ALL;
