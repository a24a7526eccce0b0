-- Where a document's text came from (issue 18): 'text' (its text layer or markup), 'ocr' (every
-- page read by OCR: a scanned PDF, a PNG/JPEG attachment) or 'mixed' (a text layer on some pages,
-- OCR on the others), so a figure read from a scan can be told from a typed one. Documents stored
-- before had no OCR: their text is the text layer.
ALTER TABLE documents ADD COLUMN text_source VARCHAR;
UPDATE documents SET text_source = 'text';
