-- Every rank claim, per bureau, metric, measure and scope, oldest first.
SELECT source_id, bureau, metric, measure, scope, year, rank, text, document_url, published_at
FROM rankings
ORDER BY source_id, metric, measure, scope NULLS LAST, year NULLS LAST, published_at NULLS LAST,
         rank NULLS LAST, text;
