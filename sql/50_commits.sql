-- Commits: snapshot the schema into a content-addressed commit on the current branch,
-- and read history back.

-- The tree of a commit.
CREATE OR REPLACE FUNCTION pggit_v0._commit_tree(p_commit text) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0
SET jit = off
AS $$ SELECT tree_sha FROM commit_graph WHERE commit_sha = p_commit $$;

-- The canonical text of a commit object (what its sha is computed over).  The only
-- place the format is written: _write_commit and the integrity check both use it.
CREATE OR REPLACE FUNCTION pggit_v0._commit_text(p_tree text, p_parents text[], p_author text,
                                                p_at timestamptz, p_message text)
RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0
AS $$
SELECT 'tree ' || p_tree || E'\n'
    || coalesce((SELECT string_agg('parent ' || p, E'\n' ORDER BY o) || E'\n'
                 FROM unnest(p_parents) WITH ORDINALITY AS u(p, o)), '')
    || 'author ' || replace(p_author, E'\n', ' ') || E'\n'
    || 'committed_at ' || to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\n'
    || E'\n' || p_message
$$;

-- Write a commit object for p_tree with the given parents; no ref is moved.
CREATE OR REPLACE FUNCTION pggit_v0._write_commit(p_tree text, p_parents text[], p_author text,
                                                 p_message text, p_branch text, p_rows int DEFAULT 0)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0
SET jit = off
AS $$
DECLARE
    v_at      timestamptz := clock_timestamp();
    v_content text;
    v_sha     text;
    v_changes int;
BEGIN
    v_content := _commit_text(p_tree, p_parents, p_author, v_at, p_message);
    v_sha := _sha('commit', v_content);

    IF coalesce(cardinality(p_parents), 0) = 0 THEN
        SELECT count(*) INTO v_changes FROM _tree_blobs(p_tree);
    ELSE
        SELECT count(*) INTO v_changes FROM _diff_trees(_commit_tree(p_parents[1]), p_tree);
    END IF;

    INSERT INTO objects (sha, type, size, content)
    VALUES (v_sha, 'commit', octet_length(v_content), v_content);
    INSERT INTO commit_graph (commit_sha, tree_sha, author, message, committed_at, branch, changes, rows_written)
    VALUES (v_sha, p_tree, p_author, p_message, v_at, p_branch, v_changes,
            p_rows + 2 + coalesce(cardinality(p_parents), 0));
    INSERT INTO commit_parents (commit_sha, position, parent_sha)
    SELECT v_sha, o, p FROM unnest(p_parents) WITH ORDINALITY AS u(p, o);
    RETURN v_sha;
END
$$;
COMMENT ON FUNCTION pggit_v0._write_commit(text, text[], text, text, text, int) IS
    'Stores a commit object and its graph rows for a tree and ordered parents; moves no ref';

-- Link DDL log entries not yet in a commit (e.g. the statements a merge ran) to p_sha.
CREATE OR REPLACE FUNCTION pggit_v0._link_pending(p_sha text) RETURNS int
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0
SET jit = off
AS $$
DECLARE
    v_n int;
BEGIN
    INSERT INTO ddl_log_commits (log_id, commit_sha)
    SELECT l.id, p_sha FROM ddl_log l
    WHERE NOT EXISTS (SELECT 1 FROM ddl_log_commits lc WHERE lc.log_id = l.id);
    GET DIAGNOSTICS v_n = ROW_COUNT;
    RETURN v_n;
END
$$;

-- Keep the planner's statistics of the store current: a commit that grew objects or
-- tree_entries by more than a tenth (or a store never analyzed) analyzes both, so the
-- tree walks that follow use index lookups (without statistics, diffs of a 1,000-table
-- store took 3x longer).  Only the tables' owner may analyze them; others skip.
CREATE OR REPLACE FUNCTION pggit_v0._refresh_stats(p_rows_written int) RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0
AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_class c
               WHERE c.oid IN ('pggit_v0.objects'::regclass, 'pggit_v0.tree_entries'::regclass)
                 AND pg_has_role(c.relowner, 'USAGE')
                 AND (c.reltuples < 0 OR p_rows_written > 0.1 * c.reltuples)) THEN
        ANALYZE pggit_v0.objects, pggit_v0.tree_entries;
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._refresh_stats(int) IS
    'ANALYZE objects and tree_entries after a commit that grew them by over 10% (owner only)';

-- Snapshot the live schema into a new commit on the current branch (or detached HEAD).
-- Promises: the commit's parent is HEAD's commit; the current branch then points at
-- it; DDL log entries not yet in a commit are linked to it.  A commit with no change
-- is allowed (NOTICE).  Raises 22023 when the message or author is empty.
CREATE OR REPLACE FUNCTION pggit_v0.create_basic_commit(message text, author text DEFAULT current_user)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0
SET jit = off
AS $$
DECLARE
    v_t0     timestamptz := clock_timestamp();
    v_branch text;
    v_parent text;
    v_tree   record;
    v_sha    text;
    v_links  int;
BEGIN
    IF create_basic_commit.message IS NULL OR btrim(create_basic_commit.message) = '' THEN
        RAISE EXCEPTION 'commit message must not be empty'
              USING ERRCODE = '22023',
                    HINT = 'Say what changed and why, e.g. create_basic_commit(''Add customer phone and address columns'').';
    END IF;
    IF create_basic_commit.author IS NULL OR btrim(create_basic_commit.author) = '' THEN
        RAISE EXCEPTION 'commit author must not be empty'
              USING ERRCODE = '22023', HINT = 'Omit author to use current_user.';
    END IF;

    -- one committer at a time: HEAD is locked until this transaction ends
    SELECT h.branch, coalesce(h.detached_sha, r.target_sha) INTO v_branch, v_parent
    FROM head h LEFT JOIN refs r ON r.name = h.branch
    FOR UPDATE OF h;

    v_tree := _write_tree();
    IF v_parent IS NOT NULL AND _commit_tree(v_parent) = v_tree.root_sha THEN
        RAISE NOTICE 'nothing changed since commit %: the new commit records the same schema', left(v_parent, 12);
    END IF;

    v_sha := _write_commit(v_tree.root_sha,
                           CASE WHEN v_parent IS NULL THEN ARRAY[]::text[] ELSE ARRAY[v_parent] END,
                           create_basic_commit.author, create_basic_commit.message, v_branch,
                           v_tree.rows_written);

    IF v_branch IS NOT NULL THEN
        UPDATE refs SET target_sha = v_sha, updated_at = now() WHERE refs.name = v_branch;
    ELSE
        UPDATE head SET detached_sha = v_sha;
    END IF;

    v_links := _link_pending(v_sha);

    PERFORM _refresh_stats(v_tree.rows_written);
    PERFORM _record_timing('commit', v_t0,
                           format('%s rows written, %s log entries linked', v_tree.rows_written + 3, v_links));
    RETURN v_sha;
END
$$;
COMMENT ON FUNCTION pggit_v0.create_basic_commit(text, text) IS
    'Commits the live schema on the current branch; returns the commit sha. Raises 22023 on an empty message.';

-- The commit sha HEAD resolves to.
CREATE OR REPLACE FUNCTION pggit_v0.get_head_sha() RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0
SET jit = off
AS $$
DECLARE
    v_sha text := _head_commit();
BEGIN
    IF v_sha IS NULL THEN
        RAISE EXCEPTION 'HEAD does not point at a commit'
              USING ERRCODE = '55000',
                    HINT = 'Reinstall the layer (psql -f sql/install.sql) to record the baseline commit.';
    END IF;
    RETURN v_sha;
END
$$;
COMMENT ON FUNCTION pggit_v0.get_head_sha() IS 'The commit sha HEAD resolves to';

-- History in first-parent order, newest first, from a ref (default HEAD).
CREATE OR REPLACE FUNCTION pggit_v0.get_commit_history(max_count int DEFAULT 20, skip int DEFAULT 0,
                                                      ref text DEFAULT 'HEAD')
RETURNS TABLE (commit_sha text, parent_shas text[], author text, message text,
               committed_at timestamptz, branch text, changes int)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0
SET jit = off
AS $$
WITH RECURSIVE fp(sha, n) AS (
    SELECT _resolve_ref($3), 0
  UNION ALL
    SELECT cp.parent_sha, fp.n + 1
    FROM fp JOIN commit_parents cp ON cp.commit_sha = fp.sha AND cp.position = 1
    WHERE fp.n + 1 < coalesce($1, 20) + greatest(coalesce($2, 0), 0)
)
SELECT c.commit_sha,
       coalesce((SELECT array_agg(p.parent_sha ORDER BY p.position) FROM commit_parents p
                 WHERE p.commit_sha = c.commit_sha), ARRAY[]::text[]),
       c.author, c.message, c.committed_at, c.branch, c.changes
FROM fp JOIN commit_graph c ON c.commit_sha = fp.sha
ORDER BY fp.n
LIMIT greatest(coalesce($1, 20), 0) OFFSET greatest(coalesce($2, 0), 0)
$$;
COMMENT ON FUNCTION pggit_v0.get_commit_history(int, int, text) IS
    'Commits reachable from ref by first parents, newest first: sha, parents, author, message, time, branch, paths changed';

-- Promises of the private helpers above.
COMMENT ON FUNCTION pggit_v0._commit_tree(text) IS 'The tree sha of a commit';
COMMENT ON FUNCTION pggit_v0._commit_text(text, text[], text, timestamptz, text) IS 'Canonical text of a commit object, the input of its sha';
COMMENT ON FUNCTION pggit_v0._link_pending(text) IS 'Links DDL log entries not yet in a commit to the given commit; returns how many';
