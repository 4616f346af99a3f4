-- Baseline: on first install, branch main gets a root commit of the schema already in
-- the database, and HEAD points at main.  A reinstall changes nothing here.
DO $baseline$
DECLARE
    v_tree record;
    v_sha  text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pggit_v0.refs WHERE name = 'main') THEN
        v_tree := pggit_v0._write_tree();
        v_sha := pggit_v0._write_commit(v_tree.root_sha, ARRAY[]::text[], current_user::text,
                                        'pgGit baseline: schema present at install', 'main', v_tree.rows_written);
        INSERT INTO pggit_v0.refs (name, type, target_sha, description)
        VALUES ('main', 'branch', v_sha, 'Trunk: created at install with the baseline commit');
        PERFORM pggit_v0._set_live_base(v_sha);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pggit_v0.head) THEN
        INSERT INTO pggit_v0.head (branch) VALUES ('main');
    END IF;
END
$baseline$;
