-- Invalid rows of a batch into `rejected_records`, each with its reason.
INSERT INTO rejected_records (run_id, document_id, url, record, reason, rejected_at)
SELECT ?, b.document_id, NULL,
       to_json(struct_pack(kind := b.kind, metric := b.metric, measure := b.measure, value := b.value,
                           unit := b.unit, year := b.year, rank := b.rank, scope := b.scope, text := b.text)),
       indicator_rejection(b.kind, b.measure, b.metric, b.value, b.year, b.rank),
       now()
FROM batch_indicators b
WHERE indicator_rejection(b.kind, b.measure, b.metric, b.value, b.year, b.rank) IS NOT NULL;
