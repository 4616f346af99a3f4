-- pgGit versioning layer (schema pggit_v0): install or upgrade in place.
--   psql -v ON_ERROR_STOP=1 -f sql/install.sql
-- Everything runs in one transaction: a failed install leaves the database as it was.
-- Files are numbered by concern and read top to bottom in dependency order.
BEGIN;
-- Reinstalls would print a NOTICE per existing table; only the capture mode NOTICE matters.
SET LOCAL client_min_messages = warning;
-- The install's own literals read backslashes as themselves (a session with
-- standard_conforming_strings off would read them as escapes; see 97_literals.sql).
SET LOCAL standard_conforming_strings = on;
-- The layer's own DDL is not captured (the capture functions check this setting and the
-- marker written below).
SET LOCAL pggit.installing = on;
-- Function bodies are checked when called, not at creation (as pg_dump does): a fifth
-- faster install; the test suite calls every function.
SET LOCAL check_function_bodies = off;
-- SQL functions without a SET clause (inlinable ones) resolve names in this path when
-- their bodies are checked; at run time their callers pin the same path.
-- A reinstall takes ACCESS EXCLUSIVE locks on the layer's tables and views: a session
-- idle in a transaction that read one makes it wait, and every DDL statement of every
-- role (capture writes those tables) queues behind it.  Without a lock_timeout of the
-- caller's, it gives up after 10 s instead (R7; run it again when those sessions end).
DO $lock$ BEGIN
    IF pg_catalog.current_setting('lock_timeout') = '0' THEN
        PERFORM pg_catalog.set_config('lock_timeout', '10s', true);
    END IF;
END $lock$;
-- Until the preflight has made sure the schema pggit_v0 is the installer's, no name
-- resolves in it (a role that made it first could shadow pg_catalog's functions there
-- with ones of better-matching argument types: R6).
SET LOCAL search_path = pg_catalog, pg_temp;
\ir 00_preflight.sql
SET LOCAL search_path = pg_catalog, pggit_v0, pg_temp;
\ir 10_storage.sql
-- The marker capture requires besides pggit.installing (a session setting anyone can
-- set): only a role that may write the layer's tables can make it (see _unlogged_begin).
INSERT INTO pggit_v0.capture_faults (id, event, command_tag, message)
OVERRIDING SYSTEM VALUE   -- (an install from before had identity ids; 70_capture.sql drops them)
VALUES (-txid_current(), 'unlogged', 'PGGIT INSTALL', 'install.sql ran unlogged and did not finish')
ON CONFLICT (id) DO NOTHING;
\ir 20_util.sql
\ir 30_snapshot.sql
\ir 40_trees.sql
\ir 50_commits.sql
\ir 52_history_writes.sql
\ir 54_ddl_text.sql
\ir 55_refs.sql
\ir 56_renames.sql
\ir 57_migration.sql
\ir 58_plan.sql
\ir 59_emit.sql
\ir 60_diff.sql
\ir 61_merge.sql
\ir 65_introspect.sql
\ir 70_capture.sql
\ir 80_monitoring.sql
\ir 81_integrity.sql
\ir 82_alerts.sql
\ir 83_analytics.sql
\ir 84_recommendations.sql
\ir 90_baseline.sql
\ir 92_privileges.sql
\ir 95_directory.sql
\ir 97_literals.sql
\ir 99_grants.sql
DELETE FROM pggit_v0.capture_faults WHERE id = -txid_current() AND event = 'unlogged';
COMMIT;
