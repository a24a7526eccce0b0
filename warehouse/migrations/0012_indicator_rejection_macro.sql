-- Why an indicator row cannot be stored (NULL when it can): checked in SQL so bulk loads
-- need no per-row Python work.
CREATE MACRO indicator_rejection(kind, measure, metric, value, year, rank) AS
    CASE
        WHEN kind IS NULL OR kind NOT IN ('actual', 'target', 'ranking') THEN 'unknown kind ''' || coalesce(kind, 'NULL') || ''''
        WHEN measure IS NULL OR measure NOT IN ('level', 'yoy_growth', 'change', 'completion')
            THEN 'unknown measure ''' || coalesce(measure, 'NULL') || ''''
        WHEN metric IS NULL OR metric = '' THEN 'empty metric'
        WHEN kind = 'ranking' AND rank IS NOT NULL AND rank < 1 THEN 'rank ' || rank || ' is not a positive integer'
        WHEN kind <> 'ranking' AND (value IS NULL OR isnan(value) OR isinf(value))
            THEN 'value ' || coalesce(CAST(value AS VARCHAR), 'None') || ' is not a finite number'
        WHEN kind <> 'ranking' AND year IS NOT NULL AND (year < 1949 OR year > 2100)
            THEN 'year ' || year || ' is out of range'
    END;
