-- The first start URL of a source: where a crawl error that names no page of its own happened.
SELECT start_urls[1] AS start_url FROM sources WHERE id = $source_id
