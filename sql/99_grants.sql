-- Last step of every install: internal functions are not for PUBLIC (only the rights
-- check answers everyone), and the access given with grant_access() is given again,
-- since functions this install recreated lost their grants.  See 92_privileges.sql.
DO $privileges$
BEGIN
    EXECUTE (SELECT 'REVOKE EXECUTE ON FUNCTION ' || string_agg(p.oid::regprocedure::text, ', ') || ' FROM PUBLIC'
             FROM pg_proc p
             WHERE p.pronamespace = 'pggit_v0'::regnamespace AND p.proname LIKE '\_%'
               AND p.proname <> '_require_rights');
    PERFORM pggit_v0._access_apply(a.role_name, a.level, a.statements, true)
    FROM pggit_v0.role_access a JOIN pg_roles r ON r.rolname = a.role_name;
END
$privileges$;
