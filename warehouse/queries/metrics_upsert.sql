INSERT OR REPLACE INTO metrics (metric, label_zh, unit) VALUES (?, ?, ?)
