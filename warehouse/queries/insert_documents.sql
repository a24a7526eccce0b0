-- New and changed documents of a batch (changed ones were deleted first, keeping their id).
INSERT INTO documents (id, source_id, url, page_url, title, published_at, report_year, doc_types, bureau, level,
                       content_sha256, content_type, raw_path, text, extractor_version, version, first_seen_at,
                       fetched_at, run_id, period, period_label, text_source)
SELECT id, source_id, url, page_url, title, published_at, report_year, doc_types, bureau, level,
       content_sha256, content_type, raw_path, text, extractor_version, version, first_seen_at, fetched_at, run_id,
       period, period_label, text_source
FROM batch_documents;
