-- Monitoring (course sections 2.4 and 3.3): what its files share.  The concerns follow,
-- one file each: 81_integrity.sql, 82_alerts.sql (alerts and the dashboard),
-- 83_analytics.sql, 84_recommendations.sql.  Here: the dropped tables' row estimates
-- capture stores, and the small helpers all of them use.
-- Every figure is computed from the store, the catalogs or the statistics collector
-- when the function runs: no constants stand in for measurements.  Every function
-- returns at least one row; when there is nothing to report that row says so
-- (severity/status 'OK') and what was checked.
--
-- Severities (check_for_alerts, detect_anomalies, get_dashboard_summary):
--   OK < INFO < WARNING < CRITICAL
-- Priorities (get_recommendations): LOW < MEDIUM < HIGH < CRITICAL

-- Row estimates of dropped tables, taken from the statistics collector by capture's
-- sql_drop event trigger (_capture) while the table's statistics still exist (the
-- catalogs no longer do).  Lets detect_anomalies say how many rows a destructive commit
-- threw away.  Ids come from _capture_ids (no nextval in the user's session).
CREATE TABLE IF NOT EXISTS pggit_v0.dropped_table_stats (
    id              bigint PRIMARY KEY,
    dropped_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    txid            bigint NOT NULL,
    object_identity text NOT NULL,
    schema_name     text NOT NULL,
    table_name      text NOT NULL,
    live_tuples     bigint,
    original        boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS dropped_table_stats_txid_idx ON pggit_v0.dropped_table_stats (txid);
COMMENT ON TABLE pggit_v0.dropped_table_stats IS
    'Tables dropped (directly or by CASCADE) with the live row estimate the statistics held at drop time';
-- Upgrade in place: the id was an identity column (nextval in the user's session); the
-- rows keep their ids and the capture_ids counter continues after the largest.
DO $drop_stats_ids$
DECLARE
    v_max bigint;
BEGIN
    LOCK TABLE pggit_v0.capture_ids_lock IN EXCLUSIVE MODE;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
               WHERE a.attrelid = 'pggit_v0.dropped_table_stats'::regclass AND a.attname = 'id' AND a.attidentity <> '') THEN
        ALTER TABLE pggit_v0.dropped_table_stats ALTER COLUMN id DROP IDENTITY;
    END IF;
    v_max := (SELECT max(s.id) FROM pggit_v0.dropped_table_stats s);
    IF v_max >= coalesce(pg_catalog.pg_sequence_last_value('pggit_v0.capture_ids'::regclass), 0) / 16777216 THEN   -- see _capture_ids
        PERFORM pg_catalog.setval('pggit_v0.capture_ids'::regclass, v_max * 16777216);
    END IF;
END
$drop_stats_ids$;

-- Small helpers --------------------------------------------------------------------

-- "a; b; c; and 4 more": the first p_max items of a list, and how many were left out.
CREATE OR REPLACE FUNCTION pggit_v0._mon_list(p_items text[], p_max int DEFAULT 10) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT array_to_string(p_items[1:p_max], '; ')
       || CASE WHEN cardinality(p_items) > p_max
               THEN format('; and %s more', cardinality(p_items) - p_max) ELSE '' END
$$;
COMMENT ON FUNCTION pggit_v0._mon_list(text[], int) IS
    'The first p_max items joined by "; ", followed by how many more there are';

-- Rank of a severity or priority, for max() over them.
CREATE OR REPLACE FUNCTION pggit_v0._mon_rank(p_level text) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE p_level WHEN 'OK' THEN 0 WHEN 'LOW' THEN 1 WHEN 'INFO' THEN 1 WHEN 'MEDIUM' THEN 2
                    WHEN 'WARNING' THEN 2 WHEN 'HIGH' THEN 3 WHEN 'CRITICAL' THEN 4 END
$$;
COMMENT ON FUNCTION pggit_v0._mon_rank(text) IS
    'Orders severities OK < INFO < WARNING < CRITICAL and priorities LOW < MEDIUM < HIGH < CRITICAL';

-- An age rounded for people: "3 days 04:12:09" without the fraction of a second.
CREATE OR REPLACE FUNCTION pggit_v0._mon_age(p_age interval) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE   -- interval output follows IntervalStyle
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$ SELECT date_trunc('second', justify_hours(p_age))::text $$;
COMMENT ON FUNCTION pggit_v0._mon_age(interval) IS 'An interval truncated to whole seconds, for messages';

-- Drop statistics capture ---------------------------------------------------------

-- Dropped tables' row estimates are stored by capture's own sql_drop event trigger
-- (_capture, sql/70_capture.sql): one trigger and one subtransaction per DROP.  Upgrade
-- in place: the former second event trigger and its functions go (_monitor_record_drops
-- was SECURITY DEFINER and executable by PUBLIC: anyone could write capture_faults rows
-- through it).
DO $monitor$
BEGIN
    BEGIN
        DROP EVENT TRIGGER IF EXISTS pggit_v0_monitor_drop;
        DROP FUNCTION IF EXISTS pggit_v0._monitor_drop;   -- (no argument list: the helper-call check)
        DROP FUNCTION IF EXISTS pggit_v0._monitor_record_drops;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE WARNING 'pgGit: could not drop the former event trigger pggit_v0_monitor_drop: %', SQLERRM
              USING HINT = 'Reinstall as a superuser to remove it; capture records dropped tables itself.';
    END;
END
$monitor$;
