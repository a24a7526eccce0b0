-- Documents already stored for the URLs of a batch: first seen, current hash, version.
SELECT d.url, d.first_seen_at, d.content_sha256, d.version
FROM documents d
JOIN batch_urls b ON b.url = d.url;
