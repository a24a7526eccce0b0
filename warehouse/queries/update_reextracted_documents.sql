-- Header fields, period and text of re-extracted documents, from the `reextracted` batch.
UPDATE documents
SET report_year = r.report_year, doc_types = r.doc_types, bureau = r.bureau, level = r.level,
    text = r.text, extractor_version = r.extractor_version, period = r.period, period_label = r.period_label,
    text_source = coalesce(r.text_source, documents.text_source)
FROM reextracted r
WHERE documents.id = r.id;
