-- Documents without their full text, for export (partitioned by report year).
SELECT
    id, source_id, url, page_url, title, published_at,
    coalesce(report_year, year(published_at)) AS year,
    CAST(coalesce(report_year, year(published_at)) AS INTEGER) AS report_year,  -- the partition key, typed
    doc_types, bureau, level, content_sha256, version, extractor_version, first_seen_at, fetched_at
FROM documents
ORDER BY year, source_id, id
