-- Documents stored before periods were recorded (migration 0024): title and opening text.
SELECT id, title, left(text, 4000) AS head
FROM documents
WHERE period IS NULL;
