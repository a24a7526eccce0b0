-- Keep the current indicators of changed documents as their old version's, before replacement.
INSERT INTO indicator_versions
SELECT i.document_id, d.version, i.seq, i.kind, i.metric, i.measure, i.value, i.unit, i.approx, i.year,
       i.rank, i.scope, i.text, i.extractor_version
FROM indicators i
JOIN documents d ON d.id = i.document_id
WHERE i.document_id IN (SELECT id FROM changed_ids);
