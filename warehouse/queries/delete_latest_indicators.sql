-- Forget the latest values of the sources a load touched (they are recomputed next).
DELETE FROM latest_indicators WHERE source_id IN (SELECT id FROM refresh_sources);
