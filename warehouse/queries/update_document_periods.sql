-- The periods found for documents stored without one, from the `document_periods` batch.
UPDATE documents
SET period = p.period, period_label = p.period_label
FROM document_periods p
WHERE documents.id = p.id;
