-- Preflight: refuse servers older than PostgreSQL 14 with a clear error, then
-- create the layer's schema.  Nothing here touches user objects.
DO $preflight$
BEGIN
    IF current_setting('server_version_num')::int < 140000 THEN
        RAISE EXCEPTION 'pgGit needs PostgreSQL 14 or newer; this server is %',
                        current_setting('server_version')
              USING ERRCODE = '0A000',
                    HINT = 'Install pggit_v0 into a PostgreSQL 14, 15, 16, 17 or 18 database.';
    END IF;
END
$preflight$;

CREATE SCHEMA IF NOT EXISTS pggit_v0;
COMMENT ON SCHEMA pggit_v0 IS 'pgGit: Git-like version control for this database''s schema';

-- Upgrading in place: functions are recreated by the files that follow, and some change
-- their result columns between versions, which CREATE OR REPLACE cannot do.  Drop every
-- layer function that nothing outside the layer depends on (a user's view calling
-- check_for_alerts() keeps it); the layer's own triggers and event triggers that go
-- with them are recreated too.  Tables, and so every commit, branch and log row, stay.
DO $upgrade$
DECLARE
    v_fn regprocedure;
    v_et name;
BEGIN
    -- capture first, so no event trigger calls a function that is already gone
    FOR v_et IN SELECT evtname FROM pg_catalog.pg_event_trigger WHERE evtname LIKE 'pggit\_v0\_%' LOOP
        EXECUTE format('DROP EVENT TRIGGER %I', v_et);
    END LOOP;
    FOR v_fn IN
        SELECT p.oid::regprocedure
        FROM pg_catalog.pg_proc p
        WHERE p.pronamespace = 'pggit_v0'::regnamespace
          AND NOT EXISTS (
              SELECT 1 FROM pg_catalog.pg_depend d
              JOIN pg_catalog.pg_rewrite rw ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND rw.oid = d.objid
              JOIN pg_catalog.pg_class c ON c.oid = rw.ev_class
              WHERE d.refclassid = 'pg_catalog.pg_proc'::regclass AND d.refobjid = p.oid
                AND c.relnamespace <> 'pggit_v0'::regnamespace)
    LOOP
        EXECUTE format('DROP FUNCTION %s CASCADE', v_fn);
    END LOOP;
END
$upgrade$;
