-- Last step of every install: internal functions are not for PUBLIC (only the rights
-- check answers everyone), and the access given with grant_access() is given again,
-- since functions this install recreated lost their grants.  See 92_privileges.sql.
DO $privileges$
DECLARE
    v_stale text;
BEGIN
    EXECUTE (SELECT 'REVOKE EXECUTE ON FUNCTION ' || string_agg(p.oid::regprocedure::text, ', ') || ' FROM PUBLIC'
             FROM pg_proc p
             WHERE p.pronamespace = 'pggit_v0'::regnamespace AND p.proname LIKE '\_%'
               AND p.proname <> '_require_rights');
    -- The API's PL/pgSQL functions run with standard_conforming_strings on: a session
    -- with it off (old ODBC/JDBC settings) compiled the layer's literals with backslash
    -- escapes (create_basic_commit failed with a syntax error) and deparsed defaults with
    -- doubled backslashes (R2 of the review).  What they call inherits it.
    EXECUTE (SELECT pg_catalog.string_agg(pg_catalog.format('ALTER FUNCTION %s SET standard_conforming_strings = on',
                                                            p.oid::regprocedure), '; ')
             FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
             WHERE p.pronamespace = 'pggit_v0'::regnamespace AND p.proname NOT LIKE '\_%'
               AND l.lanname = 'plpgsql' AND p.prokind IN ('f', 'p')
               AND NOT coalesce('standard_conforming_strings=on' = ANY (p.proconfig), false));
    -- a role whose OID is not the one access was given to (dropped, and another made
    -- under its name) gets nothing, and a warning (S14)
    PERFORM pggit_v0._access_apply(a.role_name, a.level, a.statements, true)
    FROM pggit_v0.role_access a JOIN pg_roles r ON r.rolname = a.role_name
    WHERE a.role_oid IS NULL OR a.role_oid = r.oid;
    UPDATE pggit_v0.role_access a SET role_oid = r.oid
    FROM pg_roles r WHERE r.rolname = a.role_name AND a.role_oid IS NULL;
    SELECT string_agg(a.role_name, ', ' ORDER BY a.role_name) INTO v_stale
    FROM pggit_v0.role_access a
    WHERE NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = a.role_name AND r.oid = a.role_oid);
    IF v_stale IS NOT NULL THEN
        RAISE WARNING 'access not given again to role(s) %: dropped (or made anew under that name) since grant_access',
                      v_stale
              USING HINT = 'grant_access() the role again if it should have access; revoke_access() before DROP ROLE.';
    END IF;
END
$privileges$;
