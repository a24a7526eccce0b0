-- Every bureau the report has a page for: the sources, plus any source id only documents name.
WITH docs AS (
    SELECT source_id, count(*) AS documents, max(published_at) AS latest_published_at,
           min(bureau) AS bureau, min(level) AS level
    FROM documents
    GROUP BY source_id
), ids AS (
    SELECT id AS source_id FROM sources
    UNION
    SELECT source_id FROM docs
)
SELECT ids.source_id,
       coalesce(s.name, docs.bureau, ids.source_id) AS bureau,
       coalesce(s.level, docs.level) AS level,
       s.region,
       coalesce(s.start_urls, []) AS start_urls,
       coalesce(docs.documents, 0) AS documents,
       docs.latest_published_at
FROM ids
LEFT JOIN sources s ON s.id = ids.source_id
LEFT JOIN docs ON docs.source_id = ids.source_id
ORDER BY coalesce(s.region, ''), ids.source_id;
