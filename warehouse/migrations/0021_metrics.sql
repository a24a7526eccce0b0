-- The core metrics with their Chinese names and units (issue 21 item 8): rows come from
-- warehouse/data/metrics.yaml and are refreshed by every migrate.
CREATE TABLE IF NOT EXISTS metrics (
    metric   VARCHAR PRIMARY KEY,
    label_zh VARCHAR NOT NULL,
    unit     VARCHAR NOT NULL
);
