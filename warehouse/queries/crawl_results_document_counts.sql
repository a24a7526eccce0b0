-- A run's new and changed documents per source, known only once the documents are loaded;
-- the crawl_results rows themselves were written as each source's crawl ended.
UPDATE crawl_results SET
    documents_new = b.documents_new,
    documents_changed = b.documents_changed
FROM batch_document_counts b
WHERE crawl_results.run_id = $run_id AND crawl_results.source_id = b.source_id;
