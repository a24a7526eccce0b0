-- URLs a crawl need not fetch again: documents stored for over 180 days (and the pages linking
-- them). Younger documents are revalidated (a 304 when unchanged) so that edits are noticed.
SELECT source_id, url FROM documents WHERE first_seen_at < now() - INTERVAL 180 DAY
UNION
SELECT source_id, page_url AS url FROM documents
WHERE page_url IS NOT NULL AND first_seen_at < now() - INTERVAL 180 DAY
ORDER BY source_id, url;
