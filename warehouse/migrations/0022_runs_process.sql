-- The process a run lives in, so the next run can tell a run still going from one that was
-- killed (issue 21 item 3): a 'running' row whose process is gone becomes 'interrupted'.
ALTER TABLE runs ADD COLUMN pid INTEGER;
ALTER TABLE runs ADD COLUMN host VARCHAR;
