-- Function directory: for each public function (a name not starting with '_') one
-- zero-argument entry named with its qualified name, e.g. "pggit_v0.merge_branch".
-- The course's first look at the API, which matches proname against the qualified
-- form,
--     SELECT proname FROM pg_proc WHERE proname LIKE 'pggit_v0.%' LIMIT 5;
-- then lists the API, and each entry says how to call the function:
--     SELECT pggit_v0."pggit_v0.merge_branch"();
-- Entries are rebuilt on every install, so they follow the functions that exist.

-- How to call pggit_v0.<p_name>: one line per overload with its arguments, result and
-- promise (the function's COMMENT).  Raises 42883 when no such public function exists.
CREATE OR REPLACE FUNCTION pggit_v0._describe(p_name text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    v_text text;
BEGIN
    SELECT string_agg(format('pggit_v0.%s(%s) RETURNS %s%s', p.proname,
                             pg_get_function_arguments(p.oid), pg_get_function_result(p.oid),
                             coalesce(E'\n    ' || obj_description(p.oid, 'pg_proc'), '')),
                      E'\n' ORDER BY p.pronargs)
      INTO v_text
      FROM pg_proc p
     WHERE p.pronamespace = 'pggit_v0'::regnamespace AND p.proname = p_name
       AND p.proname !~ '^_';
    IF v_text IS NULL THEN
        RAISE EXCEPTION 'pgGit has no public function named %', coalesce(quote_literal(p_name), 'NULL')
              USING ERRCODE = '42883',
                    HINT = 'List them with: SELECT proname FROM pg_proc WHERE proname LIKE ''pggit_v0.%''';
    END IF;
    RETURN v_text;
END
$fn$;

-- One entry per public function, created in one statement.
DO $directory$
BEGIN
    EXECUTE (
        SELECT string_agg(format(
                   'CREATE OR REPLACE FUNCTION pggit_v0.%I() RETURNS text LANGUAGE sql STABLE '
                   'SET search_path = pg_catalog, pg_temp AS %L; '
                   'COMMENT ON FUNCTION pggit_v0.%I() IS %L',
                   'pggit_v0.' || name, format('SELECT pggit_v0._describe(%L)', name),
                   'pggit_v0.' || name,
                   format('Directory entry: how to call pggit_v0.%s (course 2.1)', name)),
               '; ' ORDER BY name)
          FROM (SELECT DISTINCT p.proname::text AS name
                  FROM pg_catalog.pg_proc p
                 WHERE p.pronamespace = 'pggit_v0'::regnamespace
                   AND p.proname !~ '^_' AND p.proname NOT LIKE 'pggit\_v0.%') AS api);
END
$directory$;
