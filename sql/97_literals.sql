-- How the layer's own string literals are read, whatever the session says.
--
-- A PL/pgSQL body (and a SQL function's that is not inlined) is parsed when it first
-- runs in a session, with that session's standard_conforming_strings: with it off, the
-- backslashes of a plain literal are escapes, so '\m(rename|set\s+schema)\M' became
-- 'm(rename|sets+schema)M' and capture recorded no rename (the review's R10-9; S6 for
-- the patterns of capture and redaction).  Every layer function that holds a backslash
-- and already has a SET clause (so is never inlined) gets standard_conforming_strings =
-- on in it too; the SQL functions left are inlinable and run inside those callers, or
-- write their patterns as E'' literals.  Runs after every function is made, and again at
-- each reinstall (CREATE OR REPLACE keeps no SET clause the file does not give).
DO $literals$
DECLARE
    v_fn regprocedure;
BEGIN
    FOR v_fn IN
        SELECT p.oid::regprocedure
        FROM pg_catalog.pg_proc p
        WHERE p.pronamespace OPERATOR(pg_catalog.=) 'pggit_v0'::regnamespace
          AND p.proconfig IS NOT NULL
          AND pg_catalog.strpos(p.prosrc, pg_catalog.chr(92)) OPERATOR(pg_catalog.>) 0
          AND NOT ('standard_conforming_strings=on' OPERATOR(pg_catalog.=) ANY (p.proconfig))
        ORDER BY p.oid
    LOOP
        EXECUTE pg_catalog.format('ALTER FUNCTION %s SET standard_conforming_strings = on', v_fn);
    END LOOP;
END
$literals$;
