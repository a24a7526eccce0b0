-- Latest value per bureau × metric × measure × kind × year, with the sentence it came from.
-- Reads `latest_indicators`, which every load refreshes for the sources it touched.
CREATE OR REPLACE VIEW indicator_latest AS
SELECT
    l.source_id,
    coalesce(s.name, l.doc_bureau) AS bureau,
    l.kind, l.metric, l.measure, l.year, l.value, l.unit, l.approx, l.rank, l.scope, l.text,
    l.document_id, l.document_title, l.document_url, l.published_at
FROM latest_indicators l
LEFT JOIN sources s ON s.id = l.source_id;
