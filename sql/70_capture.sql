-- Capture: event triggers on ddl_command_end and sql_drop log every DDL command
-- (statement, tag, object type and identity, schema, role, transaction, time, branch);
-- one on ddl_command_start keeps names before renames, so the log says what was renamed.
-- The layer's own objects, temp objects and extension members are not logged.
-- Capture never makes a user's DDL fail: any error is trapped and recorded in
-- capture_faults (or, if even that fails, raised as a WARNING).
-- Where event triggers may not be created (managed servers, non-superusers) the layer
-- installs in snapshot-only mode: commits, diffs and history still work from snapshots.

-- Record a fault met by an event trigger function (the user's DDL goes on) in
-- capture_faults; if even that fails, a WARNING naming what failed.  Never raises.
CREATE OR REPLACE FUNCTION pggit_v0._capture_fault(p_event text, p_tag text, p_sqlstate text, p_message text,
                                                  p_statement text, p_what text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    INSERT INTO capture_faults (event, command_tag, sqlstate, message, statement)
    VALUES (p_event, p_tag, p_sqlstate, p_message, left(p_statement, 20000));
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pgGit: % failed for "%" (%), and recording that failed too: %', p_what, p_tag, p_message, SQLERRM;
END
$$;
COMMENT ON FUNCTION pggit_v0._capture_fault(text, text, text, text, text, text) IS
    'Records an event trigger function''s fault in capture_faults, else a WARNING; never raises';

-- Before an ALTER TABLE, ALTER FOREIGN TABLE or ALTER SEQUENCE whose text renames or moves
-- something (RENAME, SET SCHEMA): remembers every user table's and sequence's schema,
-- name and column names by OID and column number, in the transaction-local setting
-- pggit.names_before, so that _capture can record what a renamed one was called.  Any other statement
-- costs one regular expression.  Migrations pgGit runs itself (pggit.applying) are not
-- recorded as renames.  Never raises: a fault is recorded and the rename is then
-- migrated as a drop and an add, as before.
CREATE OR REPLACE FUNCTION pggit_v0._capture_names() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    IF current_query() !~* '\m(rename|set\s+schema)\M'
       OR coalesce(current_setting('pggit.installing', true), '') = 'on'
       OR coalesce(current_setting('pggit.applying', true), '') = 'on' THEN
        RETURN;
    END IF;
    BEGIN
        PERFORM set_config('pggit.names_before', coalesce((
            SELECT jsonb_object_agg(c.oid::text, jsonb_build_array(n.nspname, c.relname,
                       (SELECT jsonb_object_agg(a.attnum::text, a.attname) FROM pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)))
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'f', 'S') AND n.nspname <> 'pggit_v0'
              AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_')::text, ''), true);
    EXCEPTION WHEN OTHERS THEN   -- never fail the user's DDL
        PERFORM set_config('pggit.names_before', '', true);
        PERFORM _capture_fault(TG_EVENT, TG_TAG, SQLSTATE, SQLERRM, current_query(), 'keeping names before a rename');
    END;
END
$$;
COMMENT ON FUNCTION pggit_v0._capture_names() IS
    'Event trigger function (ddl_command_start of ALTER TABLE/FOREIGN TABLE/SEQUENCE that renames or moves): keeps table, sequence and column names by OID for _capture; never raises';

-- Records the commands of the running ddl_command_end or sql_drop event, with the
-- layer owner's rights (SECURITY DEFINER: roles doing DDL need no rights on the log).
-- The role logged is the one that ran the DDL: the SET ROLE in effect, else the
-- session user.  Statement text is kept up to 20,000 characters (a whole script sent
-- as one query string would otherwise be stored once per command it contains).
-- Every error is trapped into capture_faults; if even that fails, a WARNING.
-- This runs once per DDL command, so it is one function (both event triggers call it;
-- TG_EVENT tells them apart) doing one insert; its own duration goes in that row.
CREATE OR REPLACE FUNCTION pggit_v0._capture() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    p_event text := TG_EVENT;
    p_tag   text := TG_TAG;
    v_t0   timestamptz;
    v_q    text;
    v_role text;
    v_names jsonb;   -- names before a rename (see _capture_names)
BEGIN
    IF current_setting('pggit.installing', true) = 'on' THEN
        RETURN;   -- install.sql creating or upgrading the layer itself
    END IF;
    -- One block with an exception handler, so one subtransaction per DDL (each costs
    -- about as much as the insert); the handler's own block only runs on an error.
    BEGIN
        v_t0 := clock_timestamp();
        v_q := current_query();
        v_role := CASE WHEN current_setting('role') = 'none' THEN session_user::text
                       ELSE current_setting('role') END;
        IF length(v_q) > 20000 THEN
            v_q := left(v_q, 20000) || E'\n-- [truncated by pgGit: ' || length(v_q) || ' characters]';
        END IF;
        IF p_event = 'sql_drop' THEN
            INSERT INTO ddl_log (event, command_tag, object_type, object_identity, schema_name, statement,
                                 role_name, txid, branch, capture_duration)
            SELECT p_event, p_tag, d.object_type, d.object_identity, d.schema_name, v_q,
                   v_role, txid_current(), (SELECT h.branch FROM head h), clock_timestamp() - v_t0
            FROM pg_event_trigger_dropped_objects() d
            WHERE d.original AND NOT d.is_temporary
              AND coalesce(d.schema_name, '') <> 'pggit_v0'
              AND NOT (d.object_type = 'schema' AND d.object_identity = 'pggit_v0')
              -- parts of layer tables ("t on pggit_v0.refs"); a user's name with that
              -- text in it is quoted, so it never ends the identity unquoted
              AND coalesce(d.object_identity, '') !~ ' on pggit_v0\.[a-z_0-9]+$';
        ELSE
            v_names := nullif(current_setting('pggit.names_before', true), '')::jsonb;
            INSERT INTO ddl_log (event, command_tag, object_type, object_identity, schema_name, statement,
                                 role_name, txid, branch, capture_duration, renamed_from)
            SELECT p_event, c.command_tag, c.object_type, c.object_identity, c.schema_name, v_q,
                   v_role, txid_current(), (SELECT h.branch FROM head h), clock_timestamp() - v_t0,
                   CASE WHEN v_names IS NOT NULL AND c.object_type IN ('table', 'table column', 'foreign table', 'sequence') THEN
                       (SELECT nullif(x.old, c.object_identity)
                        FROM (SELECT CASE WHEN c.objsubid = 0 THEN format('%I.%I', r->>0, r->>1)
                                          WHEN r->2->>(c.objsubid::text) IS NOT NULL
                                          THEN format('%I.%I.%I', r->>0, r->>1, r->2->>(c.objsubid::text)) END AS old
                              FROM (SELECT v_names->(c.objid::text) AS r) y
                              WHERE y.r IS NOT NULL) x) END
            FROM pg_event_trigger_ddl_commands() c
            WHERE NOT c.in_extension
              AND coalesce(c.schema_name, '') <> 'pggit_v0'
              AND coalesce(c.schema_name, '') NOT LIKE 'pg\_temp%'
              AND coalesce(c.schema_name, '') NOT LIKE 'pg\_toast\_temp%'
              AND NOT (c.object_type = 'schema' AND c.object_identity = 'pggit_v0')
              AND coalesce(c.object_identity, '') !~ ' on pggit_v0\.[a-z_0-9]+$';
            IF v_names IS NOT NULL THEN
                PERFORM set_config('pggit.names_before', '', true);
            END IF;
        END IF;
    EXCEPTION WHEN OTHERS THEN   -- never fail the user's DDL: record why instead
        PERFORM _capture_fault(p_event, p_tag, SQLSTATE, SQLERRM, coalesce(v_q, current_query()), 'capture');
    END;
END
$$;
COMMENT ON FUNCTION pggit_v0._capture() IS
    'Event trigger function (ddl_command_end and sql_drop): logs each DDL command; never raises, traps errors into capture_faults';

-- Roles may call the layer's functions (each checks its own rights through the tables).
GRANT USAGE ON SCHEMA pggit_v0 TO PUBLIC;

-- Install (or reinstall) the event triggers; without the privilege, snapshot-only mode.
SET LOCAL client_min_messages = notice;
DO $capture$
BEGIN
    BEGIN
        IF EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'pggit_v0_capture_ddl') THEN
            DROP EVENT TRIGGER pggit_v0_capture_ddl;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'pggit_v0_capture_drop') THEN
            DROP EVENT TRIGGER pggit_v0_capture_drop;
        END IF;
        CREATE EVENT TRIGGER pggit_v0_capture_ddl ON ddl_command_end
            EXECUTE FUNCTION pggit_v0._capture();
        CREATE EVENT TRIGGER pggit_v0_capture_drop ON sql_drop
            EXECUTE FUNCTION pggit_v0._capture();
        IF EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'pggit_v0_capture_names') THEN
            DROP EVENT TRIGGER pggit_v0_capture_names;
        END IF;
        CREATE EVENT TRIGGER pggit_v0_capture_names ON ddl_command_start
            WHEN TAG IN ('ALTER TABLE', 'ALTER FOREIGN TABLE', 'ALTER SEQUENCE')
            EXECUTE FUNCTION pggit_v0._capture_names();
        -- ALWAYS: also in sessions with session_replication_role = replica
        ALTER EVENT TRIGGER pggit_v0_capture_ddl ENABLE ALWAYS;
        ALTER EVENT TRIGGER pggit_v0_capture_drop ENABLE ALWAYS;
        ALTER EVENT TRIGGER pggit_v0_capture_names ENABLE ALWAYS;
        INSERT INTO pggit_v0.meta (key, value) VALUES ('capture', 'event_triggers')
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now();
    EXCEPTION WHEN insufficient_privilege THEN
        INSERT INTO pggit_v0.meta (key, value) VALUES ('capture', 'snapshot-only')
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now();
        RAISE NOTICE 'pgGit installed in snapshot-only mode: % (role %)', SQLERRM, current_user
              USING HINT = 'Commits, diffs and history work from snapshots; DDL is not logged. Reinstall as a superuser to enable capture.';
    END;
END
$capture$;
SET LOCAL client_min_messages = warning;

-- Whether DDL capture is on: mode, both event triggers present and enabled; the detail
-- also says when the rename trigger (pggit_v0_capture_names) is missing or disabled.
CREATE OR REPLACE FUNCTION pggit_v0.capture_status()
RETURNS TABLE (mode text, enabled boolean, detail text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH t AS (
    SELECT count(*) FILTER (WHERE e.evtenabled <> 'D' AND e.evtname <> 'pggit_v0_capture_names') AS on_count,
           count(*) FILTER (WHERE e.evtname <> 'pggit_v0_capture_names') AS present,
           count(*) FILTER (WHERE e.evtenabled <> 'D' AND e.evtname = 'pggit_v0_capture_names') AS names_on
    FROM pg_event_trigger e
    WHERE e.evtname IN ('pggit_v0_capture_ddl', 'pggit_v0_capture_drop', 'pggit_v0_capture_names')
)
SELECT coalesce((SELECT m.value FROM meta m WHERE m.key = 'capture'), 'snapshot-only'),
       t.on_count = 2,
       CASE WHEN t.on_count = 2 THEN 'event triggers pggit_v0_capture_ddl and pggit_v0_capture_drop are enabled'
                 || CASE WHEN t.names_on = 0
                         THEN '; renames are not recorded (pggit_v0_capture_names missing or disabled): they migrate as drop and add'
                         ELSE '' END
            WHEN t.present = 0 THEN 'capture disabled: no event triggers (snapshot-only mode); DDL is not logged'
            ELSE 'capture disabled: ' || (2 - t.on_count) || ' of 2 event triggers missing or disabled' END
FROM t
$$;
COMMENT ON FUNCTION pggit_v0.capture_status() IS
    'Capture mode (event_triggers or snapshot-only), whether it is enabled, and why not';
