-- Baseline: on first install, branch main gets a root commit of the schema already in
-- the database, and HEAD points at main.  A reinstall changes nothing here, except that
-- an install made before the ref log existed gets one entry per ref and for HEAD, so
-- validate_data_integrity() can compare refs with their last logged value from now on,
-- and a live base recorded before dependencies were is forgotten.
DO $baseline$
DECLARE
    v_tree record;
    v_sha  text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pggit_v0.refs WHERE name = 'main') THEN
        v_tree := pggit_v0._write_tree();
        v_sha := pggit_v0._write_commit(v_tree.root_sha, ARRAY[]::text[], current_user::text,
                                        'pgGit baseline: schema present at install', 'main', v_tree.rows_written);
        PERFORM pggit_v0._ref_update('install', 'main', 'branch', v_sha,
                                     'Trunk: created at install with the baseline commit');
        PERFORM pggit_v0._set_live_base(v_sha);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pggit_v0.head) THEN
        PERFORM pggit_v0._head_update('install', 'main');
    END IF;
    -- upgrade: refs and HEAD that no log entry covers yet
    INSERT INTO pggit_v0.ref_log (id, ref, old_value, new_value, role_name, call)
    SELECT coalesce((SELECT max(l.id) FROM pggit_v0.ref_log l), 0) + row_number() OVER (ORDER BY x.ref),
           x.ref, NULL, x.value, current_user, 'install (upgrade: ref log started)'
    FROM (SELECT r.name AS ref, r.target_sha AS value FROM pggit_v0.refs r
          UNION ALL
          SELECT 'HEAD', CASE WHEN h.branch IS NOT NULL THEN 'ref: ' || h.branch ELSE h.detached_sha END
          FROM pggit_v0.head h) x
    WHERE NOT EXISTS (SELECT 1 FROM pggit_v0.ref_log l WHERE l.ref = x.ref);
    -- upgrade: a live base whose tree records no dependencies (made before they were) is
    -- not what a snapshot gives now: the next commit reads the whole schema
    DELETE FROM pggit_v0.meta m
    WHERE m.key = 'live_base'
      AND EXISTS (SELECT 1 FROM pggit_v0._tree_objects(pggit_v0._commit_tree(m.value)) o
                  WHERE NOT EXISTS (SELECT 1 FROM pggit_v0.tree_entries e
                                    WHERE e.tree_sha = o.obj_tree AND e.name = 'depends'));
END
$baseline$;
