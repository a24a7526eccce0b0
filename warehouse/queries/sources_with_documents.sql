-- Sources that have stored documents already: a baseline run (`--baseline new`) sends the alerts of the others.
SELECT DISTINCT source_id FROM documents WHERE source_id IS NOT NULL ORDER BY source_id;
