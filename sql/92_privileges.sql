-- Privileges: who may read and who may write history.
--   * The role that installs the layer owns it and may do everything.
--   * No role may write the layer's tables directly: writes go through the SECURITY
--     DEFINER functions of 52_history_writes.sql (and _commit_snapshot, _merge_commit,
--     _settle_live), which store only snapshots of the real catalog or merges of stored
--     trees, and move refs only forward, logging every move.
--   * Internal functions (named _...) are not executable by PUBLIC.  grant_access(role)
--     gives a role what the API needs: 'reader' = SELECT on history (the DDL log's
--     statement text only with statements => true), EXECUTE on the internal functions
--     that read; 'developer' = reader plus EXECUTE on the write functions.
--   * Public API functions stay executable by PUBLIC, so a role without access gets the
--     layer's own 42501 naming the call, the role and the grant_access() to run.
-- The SECURITY DEFINER functions, and why each needs the owner's rights:
--   _capture, _capture_names   event triggers: log DDL of roles that cannot write the log
--   _commit_snapshot           writes a commit of the live catalog (create_basic_commit)
--   _merge_commit              writes a merge commit of two stored trees (merge_branch)
--   _settle_live               proves the live catalog equals a commit, links the DDL log
--   _ref_update, _head_update  move refs and HEAD, appending to ref_log
--   _record_timing             appends a timing row (reads record timings too)
--   _renamed_tree              stores the renamed tree a migration with renames diffs from
--                              (refuses a caller that may not write history, Z3)
--   _lock_history              locks history_lock, which no other role may lock (S1)
-- Grants are remembered in role_access and given again by every install (an upgrade
-- that recreates a function would otherwise drop them).

CREATE TABLE IF NOT EXISTS pggit_v0.role_access (
    role_name  text PRIMARY KEY,
    level      text NOT NULL CHECK (level IN ('reader', 'developer')),
    statements boolean NOT NULL DEFAULT false,
    granted_by text NOT NULL DEFAULT current_user,
    granted_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE pggit_v0.role_access IS 'Roles given access with grant_access(): level and whether they read DDL statements';
-- The role's OID when access was given: a reinstall gives access again only to that very
-- role, not to a new one created later under a dropped one's name (S14).  NULL for rows
-- of installs before it (filled in by the next install, by name).
ALTER TABLE pggit_v0.role_access ADD COLUMN IF NOT EXISTS role_oid oid;

-- The functions a level needs EXECUTE on, beyond what PUBLIC has: every internal
-- function, less the write functions for readers.
CREATE OR REPLACE FUNCTION pggit_v0._access_functions(p_level text) RETURNS SETOF regprocedure
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT p.oid::regprocedure FROM pg_proc p
WHERE p.pronamespace = 'pggit_v0'::regnamespace AND p.proname LIKE '\_%' AND p.prokind = 'f'
  AND p.prorettype <> 'event_trigger'::regtype
  AND (p_level = 'developer'
       OR p.proname NOT IN ('_commit_snapshot', '_merge_commit', '_settle_live', '_ref_update', '_head_update',
                            '_unlogged_begin', '_lock_history'))
ORDER BY 1
$$;
COMMENT ON FUNCTION pggit_v0._access_functions(text) IS
    'Internal functions a reader or developer role gets EXECUTE on (developers also the write functions)';

-- Run the GRANTs (p_grant) or REVOKEs that give p_role the level's access.
CREATE OR REPLACE FUNCTION pggit_v0._access_apply(p_role text, p_level text, p_statements boolean, p_grant boolean)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_verb text := CASE WHEN p_grant THEN 'GRANT' ELSE 'REVOKE' END;
    v_to   text := CASE WHEN p_grant THEN 'TO' ELSE 'FROM' END;
BEGIN
    EXECUTE format('%s USAGE ON SCHEMA pggit_v0 %s %I', v_verb, v_to, p_role);
    EXECUTE (SELECT format('%s EXECUTE ON FUNCTION %s %s %I', v_verb, string_agg(f::text, ', '), v_to, p_role)
             FROM _access_functions(CASE WHEN p_grant THEN p_level ELSE 'developer' END) f);
    EXECUTE (SELECT format('%s SELECT ON %s %s %I', v_verb, string_agg(c.oid::regclass::text, ', '), v_to, p_role)
             FROM pg_class c
             WHERE c.relnamespace = 'pggit_v0'::regnamespace AND c.relkind IN ('r', 'v', 'p')
               AND (NOT p_grant OR p_statements OR c.relname NOT IN ('ddl_log', 'capture_faults'))
               -- the lock targets: nothing reads them, and a role holding one in an idle
               -- transaction made a reinstall, and every DDL queued behind it, wait (S15)
               AND (NOT p_grant OR c.relname NOT IN ('capture_ids_lock', 'history_lock')));
    IF p_grant THEN   -- (what installs before S15 gave on the lock targets)
        EXECUTE format('REVOKE ALL ON pggit_v0.capture_ids_lock, pggit_v0.history_lock FROM %I', p_role);
    END IF;
    IF p_grant AND NOT p_statements THEN   -- the statement texts only with statements => true
        EXECUTE (SELECT string_agg(format('GRANT SELECT (%s) ON %s TO %I',
                                          (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
                                           FROM pg_attribute a
                                           WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                                             AND a.attname <> 'statement'),
                                          c.oid::regclass, p_role), '; ')
                 FROM pg_class c
                 WHERE c.relnamespace = 'pggit_v0'::regnamespace AND c.relname IN ('ddl_log', 'capture_faults'));
    ELSE
        EXECUTE format('%s SELECT ON pggit_v0.ddl_log, pggit_v0.capture_faults %s %I', v_verb, v_to, p_role);
    END IF;
    IF NOT p_grant THEN   -- column grants given without statements
        EXECUTE (SELECT string_agg(format('REVOKE SELECT (%s) ON %s FROM %I',
                                          (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
                                           FROM pg_attribute a
                                           WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
                                          c.oid::regclass, p_role), '; ')
                 FROM pg_class c
                 WHERE c.relnamespace = 'pggit_v0'::regnamespace AND c.relname IN ('ddl_log', 'capture_faults'));
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._access_apply(text, text, boolean, boolean) IS
    'Runs the GRANTs (or REVOKEs) of a reader or developer level for a role';

-- Raise 42501 unless the caller owns schema pggit_v0 (or is a member of its owner).
CREATE OR REPLACE FUNCTION pggit_v0._require_owner(p_action text) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_owner regrole := (SELECT n.nspowner::regrole FROM pg_namespace n WHERE n.nspname = 'pggit_v0');
BEGIN
    IF NOT pg_has_role(v_owner, 'USAGE') THEN
        RAISE EXCEPTION '% needs the owner of schema pggit_v0 (%), not role %', p_action, v_owner, current_user
              USING ERRCODE = '42501', HINT = format('Connect as %s (the role that installed the layer).', v_owner);
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._require_owner(text) IS 'Raises 42501 unless the caller owns schema pggit_v0';

-- Give role_name access to the API: 'developer' (default) may read, commit, branch,
-- tag, check out and merge; 'reader' may read history, diffs and monitoring.  DDL
-- statement texts (ddl_log.statement, capture_faults.statement) only with statements =>
-- true.  Calling it again changes the level.  Only the layer's owner may call it.
-- Raises 42704 for an unknown role, 22023 for an unknown level.
CREATE OR REPLACE FUNCTION pggit_v0.grant_access(role_name text, level text DEFAULT 'developer',
                                                statements boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    PERFORM _require_owner('grant_access');
    IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = grant_access.role_name) THEN
        RAISE EXCEPTION 'role "%" does not exist', grant_access.role_name
              USING ERRCODE = '42704', HINT = 'CREATE ROLE it first, or check the spelling.';
    END IF;
    IF grant_access.level IS NULL OR grant_access.level NOT IN ('reader', 'developer') THEN
        RAISE EXCEPTION 'unknown access level "%"', grant_access.level
              USING ERRCODE = '22023', HINT = 'Use ''reader'' or ''developer''.';
    END IF;
    PERFORM _access_apply(grant_access.role_name, 'developer', true, false);   -- from a clean slate
    PERFORM _access_apply(grant_access.role_name, grant_access.level, coalesce(grant_access.statements, false), true);
    INSERT INTO role_access AS a (role_name, level, statements, role_oid)
    VALUES (grant_access.role_name, grant_access.level, coalesce(grant_access.statements, false),
            (SELECT r.oid FROM pg_roles r WHERE r.rolname = grant_access.role_name))
    ON CONFLICT ON CONSTRAINT role_access_pkey
    DO UPDATE SET level = excluded.level, statements = excluded.statements, role_oid = excluded.role_oid,
                  granted_by = current_user, granted_at = now();
    RETURN format('%s: %s%s', grant_access.role_name, grant_access.level,
                  CASE WHEN grant_access.statements THEN ', with DDL statements' ELSE '' END);
END
$$;
COMMENT ON FUNCTION pggit_v0.grant_access(text, text, boolean) IS
    'Owner only: gives a role reader or developer (default) access to the API, DDL statement texts only with statements => true';

-- Take back what grant_access gave role_name.
CREATE OR REPLACE FUNCTION pggit_v0.revoke_access(role_name text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    PERFORM _require_owner('revoke_access');
    IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = revoke_access.role_name) THEN
        RAISE EXCEPTION 'role "%" does not exist', revoke_access.role_name USING ERRCODE = '42704';
    END IF;
    PERFORM _access_apply(revoke_access.role_name, 'developer', true, false);
    DELETE FROM role_access a WHERE a.role_name = revoke_access.role_name;
    RETURN FOUND;
END
$$;
COMMENT ON FUNCTION pggit_v0.revoke_access(text) IS 'Owner only: takes back what grant_access gave a role; false when it had none';
