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

-- A schema pggit_v0 that another role made (or owns), or one holding objects of another
-- role, would let that role run its code as the installer: a schema's owner may drop and
-- replace any function in it (the capture event trigger calls them by name), and a table
-- it made first keeps its triggers through CREATE TABLE IF NOT EXISTS (S10).  The
-- installer must own the schema; a superuser installs only into a superuser's.  Checked
-- after the schema is made (or found) and locked, in the install's transaction: a schema
-- another role makes, or drops and makes again, between a check and the CREATE would
-- otherwise pass (R1); once the check passes the schema is the installer's, and only its
-- owner may put objects in it.  Everything is
-- qualified with pg_catalog and install.sql keeps pggit_v0 off the search path until
-- here (R6).
DO $owner$
DECLARE
    v_owner oid;
    v_me    oid := (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user);
    v_super boolean := (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user);
    v_other text;
BEGIN
    -- made here, or found; then COMMENT ON SCHEMA locks it until the install commits (an
    -- owner's DROP SCHEMA waits), and only then is its owner read
    BEGIN
        CREATE SCHEMA pggit_v0;
    EXCEPTION WHEN duplicate_schema THEN
        NULL;
    END;
    COMMENT ON SCHEMA pggit_v0 IS 'pgGit: Git-like version control for this database''s schema';
    v_owner := (SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.nspname = 'pggit_v0');
    IF v_owner IS NULL THEN
        RAISE EXCEPTION 'schema pggit_v0 went away while the install began'
              USING ERRCODE = '55000', HINT = 'Another session dropped it: run the install again.';
    END IF;
    IF v_owner OPERATOR(pg_catalog.<>) v_me
       AND (CASE WHEN v_super THEN NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.oid = v_owner)
                 ELSE NOT pg_catalog.pg_has_role(v_me, v_owner, 'MEMBER') END) THEN
        RAISE EXCEPTION 'schema pggit_v0 is owned by role %, not by the installing role %',
                        v_owner::regrole, current_user
              USING ERRCODE = '42501',
                    HINT = pg_catalog.format('A schema of that name made by another role could run that role''s code as %s. '
                                  'Install as its owner (SET ROLE %s), or check what it holds and drop it '
                                  '(DROP SCHEMA pggit_v0 CASCADE) before installing.', current_user, v_owner::regrole);
    END IF;
    SELECT pg_catalog.string_agg(pg_catalog.format('%s %s (owner %s)', o.kind, o.name, o.owner::regrole), ', ' ORDER BY o.kind, o.name)
    INTO v_other
    FROM (SELECT 'relation' AS kind, pg_catalog.format('pggit_v0.%I', c.relname) AS name, c.relowner AS owner
          FROM pg_catalog.pg_class c WHERE c.relnamespace = 'pggit_v0'::regnamespace AND c.relkind OPERATOR(pg_catalog.<>) 'i'
          UNION ALL
          SELECT 'function', pg_catalog.format('pggit_v0.%I', p.proname), p.proowner
          FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'pggit_v0'::regnamespace
          UNION ALL   -- (not a table's row type, nor an array type)
          SELECT 'type', pg_catalog.format('pggit_v0.%I', t.typname), t.typowner
          FROM pg_catalog.pg_type t
          WHERE t.typnamespace = 'pggit_v0'::regnamespace AND t.typrelid OPERATOR(pg_catalog.=) 0 AND t.typcategory OPERATOR(pg_catalog.<>) 'A'
          UNION ALL
          SELECT 'operator', pg_catalog.format('pggit_v0.%s', o.oprname), o.oprowner
          FROM pg_catalog.pg_operator o WHERE o.oprnamespace = 'pggit_v0'::regnamespace) o
    WHERE o.owner OPERATOR(pg_catalog.<>) v_owner;
    IF v_other IS NOT NULL THEN
        RAISE EXCEPTION 'schema pggit_v0 holds objects of other roles than its owner %: %', v_owner::regrole, v_other
              USING ERRCODE = '42501',
                    HINT = 'Objects of another role in the layer''s schema could run that role''s code as the installer: '
                           'check them and drop them (or reassign them to the owner) before installing.';
    END IF;
END
$owner$;

-- A reinstall locks every relation the layer has, all of them, before it changes any
-- (V11).  Taken one by one as the files below reach them, an API call holding one of
-- them and asking for another deadlocked with the install (40P01, 2 of 6 reinstalls under
-- a status() loop).  Each try takes them with NOWAIT in a subtransaction that gives back
-- what it got when one is busy, so the install never waits while it holds one of them:
-- no cycle, no deadlock on either side.  A NOWAIT request never queues, though: sessions
-- keeping some layer relation locked at every instant (two staggered sessions running
-- DDL, which capture logs) would starve it (S2).  So after a short while (a second at
-- most, half the lock_timeout) a try first queues for the relation the last one found
-- busy, holding nothing else: new callers of that relation then wait behind it while
-- running ones finish, and the rest follow with NOWAIT.  Sessions of two kinds holding
-- two relations in turn (captured DDL on ddl_log, a reader's reads of refs) still beat
-- that (S2 again); from three seconds on (or two thirds of the lock_timeout) a try queues
-- for each relation in turn, holding the ones it has: that may deadlock with an API call
-- that holds one and asks for another (PostgreSQL then ends one of the two: when it is
-- the install, it tries again).  It gives up at the caller's lock_timeout (install.sql
-- sets 10 s when there is none) with 55P03 naming the sessions in the way.
DO $locks$
DECLARE
    v_rels     text[];
    v_rel      text;
    v_busy     text;
    v_queue    text;
    v_setting  text := pg_catalog.current_setting('lock_timeout');
    v_timeout  interval := v_setting::interval;
    v_start    timestamptz := pg_catalog.clock_timestamp();
    v_deadline timestamptz;
    v_nowait   timestamptz;
    v_queued   timestamptz;
    v_mode     text;
    v_left     interval;
    v_pause    float8 := 0.005;
    v_holders  text;
BEGIN
    SELECT pg_catalog.array_agg(pg_catalog.format('pggit_v0.%I', c.relname) ORDER BY c.oid)
      INTO v_rels
    FROM pg_catalog.pg_class c
    WHERE c.relnamespace = 'pggit_v0'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm');
    IF v_rels IS NULL THEN
        RETURN;   -- a first install: nobody can use what is not there yet
    END IF;
    IF v_timeout OPERATOR(pg_catalog.<=) interval '0' THEN
        v_timeout := interval '100 years';
    END IF;
    v_deadline := v_start OPERATOR(pg_catalog.+) v_timeout;
    v_nowait := v_start OPERATOR(pg_catalog.+) LEAST(interval '1 second', v_timeout OPERATOR(pg_catalog./) 2);
    v_queued := v_start OPERATOR(pg_catalog.+) LEAST(interval '3 seconds', v_timeout OPERATOR(pg_catalog.*) 2 OPERATOR(pg_catalog./) 3);
    LOOP
        BEGIN
            -- (the waits of this try end at the deadline; NOWAIT requests do not wait)
            v_left := v_deadline OPERATOR(pg_catalog.-) pg_catalog.clock_timestamp();
            PERFORM pg_catalog.set_config('lock_timeout',
                        GREATEST(1, (EXTRACT(epoch FROM v_left) OPERATOR(pg_catalog.*) 1000)::bigint)::text, true);
            v_mode := CASE WHEN pg_catalog.clock_timestamp() OPERATOR(pg_catalog.>=) v_queued
                           THEN '' ELSE ' NOWAIT' END;   -- (each in turn, queued, from then on)
            IF v_queue IS NOT NULL THEN
                v_busy := v_queue;
                EXECUTE 'LOCK TABLE ' || v_queue || ' IN ACCESS EXCLUSIVE MODE';
            END IF;
            FOREACH v_rel IN ARRAY v_rels LOOP
                v_busy := v_rel;
                EXECUTE 'LOCK TABLE ' || v_rel || ' IN ACCESS EXCLUSIVE MODE' || v_mode;
            END LOOP;
            PERFORM pg_catalog.set_config('lock_timeout', v_setting, true);
            RETURN;
        EXCEPTION WHEN lock_not_available OR deadlock_detected THEN
            IF pg_catalog.clock_timestamp() OPERATOR(pg_catalog.>=) v_deadline THEN
                SELECT pg_catalog.string_agg(DISTINCT pg_catalog.format('pid %s (%s, %s)', a.pid, a.usename,
                           coalesce(a.state, '?')), ', ')
                  INTO v_holders
                FROM pg_catalog.pg_locks l
                JOIN pg_catalog.pg_class c ON c.oid = l.relation AND c.relnamespace = 'pggit_v0'::regnamespace
                JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
                WHERE l.granted AND l.pid OPERATOR(pg_catalog.<>) pg_catalog.pg_backend_pid();
                RAISE EXCEPTION 'pgGit could not lock its tables for the reinstall within lock_timeout (%)', v_setting
                      USING ERRCODE = '55P03',
                            DETAIL = pg_catalog.format('Sessions using the layer: %s.', coalesce(v_holders, 'none left')),
                            HINT = 'Run the install again when those sessions have finished their transactions, '
                                   'or with a longer lock_timeout (PGOPTIONS=''-c lock_timeout=60s'').';
            END IF;
            IF pg_catalog.clock_timestamp() OPERATOR(pg_catalog.<) v_nowait THEN
                PERFORM pg_catalog.pg_sleep(v_pause);
                v_pause := LEAST(v_pause OPERATOR(pg_catalog.*) 2, 0.1);
            ELSE
                v_queue := v_busy;
            END IF;
        END;
    END LOOP;
END
$locks$;

-- Upgrading in place: functions are recreated by the files that follow, and some change
-- their result columns between versions, which CREATE OR REPLACE cannot do.  Drop every
-- layer function that nothing outside the layer depends on (a user's view calling
-- check_for_alerts() keeps it); the layer's own triggers and event triggers that go
-- with them are recreated too.  Tables, and so every commit, branch and log row, stay.
-- Internal functions (names starting with _) are no API: they go even when an object
-- outside the layer uses them, and that object with them, with a WARNING naming it
-- (V8: any role could pin one with a view, and every reinstall, security fixes
-- included, failed).
DO $upgrade$
DECLARE
    v_fn regprocedure;
    v_et name;
    v_pinned text;
    v_ty regtype;
BEGIN
    SELECT pg_catalog.string_agg(DISTINCT pg_catalog.format('%s (%s, owner %s)', c.oid::regclass,
               CASE c.relkind WHEN 'm' THEN 'materialized view' ELSE 'view' END, c.relowner::regrole), ', ')
      INTO v_pinned
    FROM pg_catalog.pg_proc p
    JOIN pg_catalog.pg_depend d ON d.refclassid = 'pg_catalog.pg_proc'::regclass AND d.refobjid = p.oid
                               AND d.classid = 'pg_catalog.pg_rewrite'::regclass
    JOIN pg_catalog.pg_rewrite rw ON rw.oid = d.objid
    JOIN pg_catalog.pg_class c ON c.oid = rw.ev_class
    WHERE p.pronamespace = 'pggit_v0'::regnamespace AND p.proname LIKE '\_%'
      AND c.relnamespace <> 'pggit_v0'::regnamespace;
    IF v_pinned IS NOT NULL THEN
        RAISE WARNING 'dropping %: they use internal functions of pgGit, which change between versions', v_pinned
              USING HINT = 'Use the API (functions without a leading underscore) in views: those are kept across upgrades.';
    END IF;
    -- capture first, so no event trigger calls a function that is already gone
    FOR v_et IN SELECT evtname FROM pg_catalog.pg_event_trigger WHERE evtname LIKE 'pggit\_v0\_%' LOOP
        EXECUTE format('DROP EVENT TRIGGER %I', v_et);
    END LOOP;
    FOR v_fn IN
        SELECT p.oid::regprocedure
        FROM pg_catalog.pg_proc p
        WHERE p.pronamespace = 'pggit_v0'::regnamespace
          AND (p.proname LIKE '\_%' OR NOT EXISTS (
              SELECT 1 FROM pg_catalog.pg_depend d
              JOIN pg_catalog.pg_rewrite rw ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND rw.oid = d.objid
              JOIN pg_catalog.pg_class c ON c.oid = rw.ev_class
              WHERE d.refclassid = 'pg_catalog.pg_proc'::regclass AND d.refobjid = p.oid
                AND c.relnamespace <> 'pggit_v0'::regnamespace))
    LOOP
        EXECUTE format('DROP FUNCTION %s CASCADE', v_fn);
    END LOOP;
    -- the same for internal composite types (no layer table column uses them): a view on
    -- NULL::pggit_v0._rename stopped every reinstall too (the review's W2)
    SELECT pg_catalog.string_agg(DISTINCT CASE WHEN r.oid IS NOT NULL
               THEN pg_catalog.format('%s (%s, owner %s)', r.oid::regclass,
                        CASE r.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'table' END,
                        r.relowner::regrole)
               ELSE pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) END, ', ')
      INTO v_pinned
    FROM pg_catalog.pg_type t
    JOIN pg_catalog.pg_depend d ON d.refclassid = 'pg_catalog.pg_type'::regclass AND d.refobjid = t.oid
    LEFT JOIN pg_catalog.pg_rewrite rw ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND rw.oid = d.objid
    LEFT JOIN pg_catalog.pg_class r ON r.oid = CASE WHEN d.classid = 'pg_catalog.pg_class'::regclass THEN d.objid
                                                    ELSE rw.ev_class END
    WHERE t.typnamespace = 'pggit_v0'::regnamespace AND t.typname LIKE '\_%' AND t.typtype = 'c'
      AND d.deptype = 'n'
      AND (pg_catalog.pg_identify_object(d.classid, d.objid, d.objsubid)).schema IS DISTINCT FROM 'pggit_v0';
    IF v_pinned IS NOT NULL THEN
        RAISE WARNING 'dropping %: they use internal types of pgGit, which change between versions', v_pinned;
    END IF;
    FOR v_ty IN
        SELECT t.oid::regtype FROM pg_catalog.pg_type t
        WHERE t.typnamespace = 'pggit_v0'::regnamespace AND t.typname LIKE '\_%' AND t.typtype = 'c'
          AND NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class r ON r.oid = a.attrelid
                          WHERE a.atttypid = t.oid AND r.relnamespace = 'pggit_v0'::regnamespace
                            AND r.relkind IN ('r', 'p'))
          AND EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')
    LOOP
        EXECUTE format('DROP TYPE %s CASCADE', v_ty);
    END LOOP;
END
$upgrade$;
