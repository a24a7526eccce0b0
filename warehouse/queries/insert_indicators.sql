-- Valid rows of a batch into `indicators`.
INSERT INTO indicators (document_id, seq, kind, metric, measure, value, unit, approx, year, rank, scope, text,
                        extractor_version)
SELECT document_id, seq, kind, metric, measure, value, unit, approx, year, rank, scope, text, extractor_version
FROM batch_indicators
WHERE indicator_rejection(kind, measure, metric, value, year, rank) IS NULL;
