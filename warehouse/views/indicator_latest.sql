-- Latest value per bureau × metric × measure × kind × year × qualifier (国家级 / 省级 / ''), with the
-- sentence it came from and the period it covers (year | half_year | quarter | month_to_date, and
-- its label: 全年, 上半年, 一季度, 1-10月). Reads `latest_indicators`, which every load refreshes
-- for the sources it touched.
CREATE OR REPLACE VIEW indicator_latest AS
SELECT
    l.source_id,
    coalesce(s.name, l.doc_bureau) AS bureau,
    l.kind, l.metric, l.measure, l.year, l.value, l.unit, l.approx, l.rank, l.scope, l.text,
    l.document_id, l.document_title, l.document_url, l.published_at,
    l.qualifier,
    indicator_period(l.kind, l.year, d.report_year, d.period) AS period,
    indicator_period_label(l.kind, l.year, d.report_year, d.period, d.period_label) AS period_label
FROM latest_indicators l
LEFT JOIN sources s ON s.id = l.source_id
LEFT JOIN documents d ON d.id = l.document_id;
