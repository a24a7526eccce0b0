-- Bureau and title of each document of one source, most frequent bureau first.
SELECT bureau, title
FROM documents
WHERE source_id = $source_id
ORDER BY count(*) OVER (PARTITION BY bureau) DESC, bureau, title
