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
