-- Stored documents whose current bytes equal a batch member's: the same report at another URL.
SELECT d.content_sha256, d.id
FROM documents d
JOIN batch_shas b ON b.sha = d.content_sha256;
