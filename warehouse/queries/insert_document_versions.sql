-- Every written document's new version, from the same batch as `insert_documents`.
INSERT INTO document_versions (document_id, version, content_sha256, title, text, raw_path, fetched_at)
SELECT id, version, content_sha256, title, text, raw_path, fetched_at
FROM batch_documents;
