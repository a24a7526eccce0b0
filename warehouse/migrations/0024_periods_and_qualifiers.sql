-- Misleading figures (issue 21 item 6). A half-year summary's 3.47亿元 was shown as 49.6% of an
-- annual target, and a 国家级 1家 target and a 省级 20家 one of the same metric collapsed into one.
-- Each document now records the period it reports on (year | half_year | quarter | month_to_date,
-- filled from its title and first lines by parsing/period.py; rows stored before are filled right
-- after this migration), and each indicator carries the level word that qualifies it.
ALTER TABLE documents ADD COLUMN period VARCHAR;
ALTER TABLE documents ADD COLUMN period_label VARCHAR;

-- The level that qualifies a figure (国家级孵化器1家 → 国家级); '' when none. 国家高新技术企业 is
-- the plain name of the metric, so only a word ending in 级 counts.
CREATE MACRO indicator_qualifier(text) AS
    coalesce(regexp_extract(coalesce(text, ''), '(国家|省部|省|市|县|区)级', 0), '');

-- The period of one indicator: a target is for its whole year, and a figure about an earlier year
-- than the report's (2023年，全市… in a 2024 half-year summary) is that year's; other figures
-- share their document's period.
CREATE MACRO indicator_period(kind, year, report_year, period) AS
    CASE WHEN kind = 'target' OR year < report_year THEN 'year' ELSE coalesce(period, 'year') END;

CREATE MACRO indicator_period_label(kind, year, report_year, period, label) AS
    CASE WHEN indicator_period(kind, year, report_year, period) = 'year' THEN '全年'
         ELSE coalesce(label, period) END;

-- Sub-targets of one metric and year keep their own rows: the latest value is now kept per
-- qualifier too, recomputed here from what is stored.
ALTER TABLE latest_indicators ADD COLUMN qualifier VARCHAR DEFAULT '';
DELETE FROM latest_indicators;
INSERT INTO latest_indicators (source_id, doc_bureau, kind, metric, measure, year, value, unit, approx, rank, scope,
                               text, document_id, document_title, document_url, published_at, qualifier)
SELECT
    d.source_id, d.bureau, i.kind, i.metric, i.measure, i.year, i.value, i.unit, i.approx,
    i.rank, i.scope, i.text, d.id, d.title, d.url, d.published_at, indicator_qualifier(i.text)
FROM indicators i
JOIN documents d ON d.id = i.document_id
QUALIFY row_number() OVER (
    PARTITION BY d.source_id, i.kind, i.metric, i.measure, i.year, i.scope, indicator_qualifier(i.text)
    ORDER BY d.published_at DESC NULLS LAST, d.first_seen_at DESC, i.seq
) = 1;
