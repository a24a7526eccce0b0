-- Every stored document's raw file, in the shape of a crawl item, for re-extraction.
SELECT id, source_id, url, page_url, title, published_at, content_type, content_sha256, raw_path, fetched_at
FROM documents
ORDER BY source_id, url;
