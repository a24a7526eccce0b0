-- Crawl errors were stored without the URL they concern. Fill it in for the rows stored so far
-- as the crawl now does (flows/stages.py): the page the message names (`URL: reason`), else the
-- source's first start URL.
UPDATE errors
SET url = COALESCE(
    NULLIF(regexp_extract(message, '^(https?://\S+): ', 1), ''),
    (SELECT sources.start_urls[1] FROM sources WHERE sources.id = errors.source_id)
)
WHERE stage = 'crawl' AND url IS NULL;
