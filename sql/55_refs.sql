-- Refs: branches and tags, HEAD and checkout.  Branch and tag names follow
-- git check-ref-format --branch; one namespace holds both, so a name means one thing.

-- Create a branch at from_ref (default HEAD) and, with checkout (default), make it
-- current so the next commit lands on it.  Returns the branch's head sha.
-- Raises 42602 for an invalid name, 42710 when the name is taken, 42704 for an
-- unknown from_ref.
CREATE OR REPLACE FUNCTION pggit_v0.create_branch(name text, description text DEFAULT NULL,
                                                 from_ref text DEFAULT 'HEAD', checkout boolean DEFAULT true)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_sha  text;
    v_type text;
BEGIN
    PERFORM _require_rights('create_branch');
    PERFORM _check_ref_name(create_branch.name, 'branch');
    PERFORM _lock_history();
    SELECT r.type INTO v_type FROM refs r WHERE r.name = create_branch.name;
    IF v_type IS NOT NULL THEN
        RAISE EXCEPTION '% "%" already exists', v_type, create_branch.name
              USING ERRCODE = '42710',
                    HINT = CASE v_type
                             WHEN 'tag' THEN 'Branches and tags share one namespace and tags are permanent: pick another name.'
                             ELSE 'Pick another name, switch to it with checkout_branch(), or remove it with delete_branch().' END;
    END IF;
    v_sha := _resolve_ref(coalesce(create_branch.from_ref, 'HEAD'));
    PERFORM _ref_update('create_branch', create_branch.name, 'branch', v_sha, create_branch.description);
    IF coalesce(create_branch.checkout, true) THEN
        IF _commit_tree(v_sha) IS DISTINCT FROM _commit_tree(_head_commit()) THEN
            RAISE NOTICE 'branch "%" starts at % whose schema differs from HEAD''s; the live schema was not changed',
                         create_branch.name, left(v_sha, 12)
                  USING HINT = format('To switch the live schema too: SELECT pggit_v0.checkout_branch(%L, apply => true) '
                                      'from the previous branch, or create the branch with checkout => false.', create_branch.name);
        END IF;
        PERFORM _head_update('create_branch', create_branch.name);
    END IF;
    RETURN v_sha;
END
$$;
COMMENT ON FUNCTION pggit_v0.create_branch(text, text, text, boolean) IS
    'Creates a branch at from_ref (default HEAD), checked out unless checkout => false; returns its head sha. 42602 bad name, 42710 duplicate.';

-- checkout_branch(name, apply, force) is in 57_migration.sql: with apply it migrates the schema.

-- Delete a branch ref.  Commits are never destroyed.  Refuses main (55000) and unknown
-- names (42704); deleting the current branch switches HEAD to main with a NOTICE.
CREATE OR REPLACE FUNCTION pggit_v0.delete_branch(name text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
BEGIN
    PERFORM _require_rights('delete_branch');
    IF delete_branch.name = 'main' THEN
        RAISE EXCEPTION 'cannot delete branch "main"'
              USING ERRCODE = '55000', HINT = 'main is the trunk every other branch is compared with.';
    END IF;
    PERFORM _lock_history();
    IF NOT EXISTS (SELECT 1 FROM refs r WHERE r.name = delete_branch.name AND r.type = 'branch') THEN
        RAISE EXCEPTION 'branch "%" not found', delete_branch.name
              USING ERRCODE = '42704', HINT = 'SELECT name FROM pggit_v0.list_branches() lists the branches.';
    END IF;
    IF (SELECT h.branch FROM head h) = delete_branch.name THEN
        PERFORM _head_update('delete_branch', 'main');
        RAISE NOTICE 'deleted the current branch "%"; HEAD is now on main', delete_branch.name;
    END IF;
    PERFORM _ref_update('delete_branch', delete_branch.name, 'branch', NULL);
    RETURN true;
END
$$;
COMMENT ON FUNCTION pggit_v0.delete_branch(text) IS
    'Deletes a branch (never its commits); returns true. 55000 for main, 42704 when unknown.';

-- Create a tag pointing at ref (default HEAD); returns the tagged commit sha.
CREATE OR REPLACE FUNCTION pggit_v0.create_tag(name text, ref text DEFAULT 'HEAD', message text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_sha  text;
    v_type text;
BEGIN
    PERFORM _require_rights('create_tag');
    PERFORM _check_ref_name(create_tag.name, 'tag');
    PERFORM _lock_history();
    SELECT r.type INTO v_type FROM refs r WHERE r.name = create_tag.name;
    IF v_type IS NOT NULL THEN
        RAISE EXCEPTION '% "%" already exists', v_type, create_tag.name
              USING ERRCODE = '42710', HINT = 'Tags are immutable: pick another name.';
    END IF;
    v_sha := _resolve_ref(coalesce(create_tag.ref, 'HEAD'));
    PERFORM _ref_update('create_tag', create_tag.name, 'tag', v_sha, create_tag.message);
    RETURN v_sha;
END
$$;
COMMENT ON FUNCTION pggit_v0.create_tag(text, text, text) IS
    'Tags a commit (default HEAD); returns its sha. 42602 bad name, 42710 duplicate, 42704 unknown ref.';

-- Every commit reachable from each branch (all parents), for counts and ahead/behind.
CREATE OR REPLACE FUNCTION pggit_v0._branch_ancestry()
RETURNS TABLE (branch text, commit_sha text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH RECURSIVE anc(branch, sha) AS (
    SELECT r.name, r.target_sha FROM refs r WHERE r.type = 'branch'
  UNION
    SELECT a.branch, cp.parent_sha FROM anc a JOIN commit_parents cp ON cp.commit_sha = a.sha
)
SELECT anc.branch, anc.sha FROM anc
$$;

-- Branches with their head, last commit, size and position against main.
CREATE OR REPLACE FUNCTION pggit_v0.list_branches()
RETURNS TABLE (name text, branch_name text, description text, head_sha text, last_commit timestamptz,
               last_message text, last_author text, commit_count bigint, is_current boolean,
               ahead bigint, behind bigint, created_at timestamptz)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH anc AS MATERIALIZED (SELECT * FROM _branch_ancestry()),
     main AS (SELECT a.commit_sha FROM anc a WHERE a.branch = 'main')
SELECT r.name, r.name, r.description, r.target_sha, c.committed_at, c.message, c.author,
       (SELECT count(*) FROM anc a WHERE a.branch = r.name),
       r.name = (SELECT h.branch FROM head h),
       (SELECT count(*) FROM anc a WHERE a.branch = r.name
          AND NOT EXISTS (SELECT 1 FROM main m WHERE m.commit_sha = a.commit_sha)),
       (SELECT count(*) FROM main m
          WHERE NOT EXISTS (SELECT 1 FROM anc a WHERE a.branch = r.name AND a.commit_sha = m.commit_sha)),
       r.created_at
FROM refs r
JOIN commit_graph c ON c.commit_sha = r.target_sha
WHERE r.type = 'branch'
ORDER BY r.name = 'main' DESC, r.name
$$;
COMMENT ON FUNCTION pggit_v0.list_branches() IS
    'Branches: name (also as branch_name), description, head sha, last commit time and message, commits, current, ahead/behind main';

-- Tags and what they point at.
CREATE OR REPLACE FUNCTION pggit_v0.list_tags()
RETURNS TABLE (name text, target_sha text, message text, created_by text, created_at timestamptz)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
SELECT r.name, r.target_sha, r.description, r.created_by, r.created_at FROM refs r
WHERE r.type = 'tag' ORDER BY r.name
$$;
COMMENT ON FUNCTION pggit_v0.list_tags() IS 'Tags: name, tagged commit, message, who and when';

-- Promises of the private helpers above.
COMMENT ON FUNCTION pggit_v0._branch_ancestry() IS 'Every commit reachable from each branch (all parents)';
