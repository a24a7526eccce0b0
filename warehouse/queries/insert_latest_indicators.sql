-- Recompute the latest values of the sources a load touched. `arg_max` over a grouped key is a hash
-- aggregate, several times faster than ranking every row with a window; the order is that of
-- `published_at DESC NULLS LAST, first_seen_at DESC, seq`. Sub-targets qualified by a level
-- (国家级 / 省级) keep a row each.
INSERT INTO latest_indicators (source_id, doc_bureau, kind, metric, measure, year, value, unit, approx, rank, scope,
                               text, document_id, document_title, document_url, published_at, qualifier)
WITH picked AS (
    SELECT arg_max(struct_pack(document_id := i.document_id, seq := i.seq),
                   (coalesce(d.published_at, DATE '0001-01-01'), d.first_seen_at, -i.seq)) AS pick
    FROM indicators i
    JOIN documents d ON d.id = i.document_id
    WHERE d.source_id IN (SELECT id FROM refresh_sources)
    GROUP BY d.source_id, i.kind, i.metric, i.measure, i.year, i.scope, indicator_qualifier(i.text)
)
SELECT
    d.source_id, d.bureau, i.kind, i.metric, i.measure, i.year, i.value, i.unit, i.approx,
    i.rank, i.scope, i.text, d.id, d.title, d.url, d.published_at, indicator_qualifier(i.text)
FROM picked p
JOIN indicators i ON i.document_id = p.pick.document_id AND i.seq = p.pick.seq
JOIN documents d ON d.id = i.document_id;
