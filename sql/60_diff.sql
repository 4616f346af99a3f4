-- Diffs: between two commits or branches, and between HEAD and the live schema.
-- Every diff is one row per changed path:
--   path = schema/kind/name[/subkind[/subname]], e.g. training/table/customers/column/phone
-- object_type is the kind of the changed thing (table, column, constraint, index, ...),
-- object_name the object it belongs to, sub_name the sub-object's name.
-- A change of column order is reported (one row, path .../columns) only when columns
-- present on both sides changed their relative order: adding or dropping a column
-- is not a reordering.

-- True when the columns present in both lists are in a different relative order.
CREATE OR REPLACE FUNCTION pggit_v0._order_changed(p_old text, p_new text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
WITH a AS (SELECT x, o FROM unnest(_lines(p_old)) WITH ORDINALITY u(x, o)),   -- (a quoted name may hold a line break)
     b AS (SELECT x, o FROM unnest(_lines(p_new)) WITH ORDINALITY u(x, o))
SELECT p_old IS NOT NULL AND p_new IS NOT NULL
   AND ARRAY(SELECT a.x FROM a WHERE a.x IN (SELECT b.x FROM b) ORDER BY a.o)
       IS DISTINCT FROM ARRAY(SELECT b.x FROM b WHERE b.x IN (SELECT a.x FROM a) ORDER BY b.o)
$$;

-- The blob-level differences between stored tree p_a and the live schema at the
-- objects of the given (schema, bare name) pairs only, as _diff_live gives them for
-- those: the objects of those names are snapshotted and compared with theirs in p_a,
-- which is read bucket-wise (only the buckets the names and fresh objects fall in).
CREATE OR REPLACE FUNCTION pggit_v0._diff_live_names(p_a text, p_schemas text[], p_names text[])
RETURNS TABLE (schema_name text, obj_key text, sub_key text, old_sha text, new_sha text, new_content text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET plan_cache_mode = force_generic_plan   -- planned once per session
AS $$
BEGIN
    RETURN QUERY
    WITH dirty AS MATERIALIZED (SELECT u.s, u.n, _bucket(u.s, u.n) AS bk FROM unnest(p_schemas, p_names) AS u(s, n)),
    fresh AS MATERIALIZED (   -- one catalog pass per schema for all its names
        SELECT sn.schema_name, sn.kind || ' ' || sn.name AS obj_key, sn.sub_key, sn.definition,
               _sha('blob', sn.definition) AS sha, _bucket(sn.schema_name, sn.bare_name) AS bk
        FROM (SELECT d.s, array_agg(d.n) AS ns FROM dirty d GROUP BY d.s) g
        CROSS JOIN LATERAL _snapshot_names(g.s, g.ns) sn
    ),
    touched AS (SELECT d.s, d.bk FROM dirty d UNION SELECT f.schema_name, f.bk FROM fresh f),
    old_obj AS MATERIALIZED (   -- their objects in p_a: root -> schema -> bucket digits, by index
        SELECT t.s AS schema_name, e3.name AS obj_key, e3.entry_sha AS obj_tree
        FROM touched t
        JOIN tree_entries e0 ON e0.tree_sha = p_a AND e0.name = t.s
        JOIN tree_entries e1 ON e1.tree_sha = e0.entry_sha AND e1.name = left(t.bk, 1)
        JOIN tree_entries e2 ON e2.tree_sha = e1.entry_sha AND e2.name = right(t.bk, 1)
        JOIN tree_entries e3 ON e3.tree_sha = e2.entry_sha
        WHERE EXISTS (SELECT 1 FROM dirty d WHERE d.s = t.s AND _key_bare(e3.name) = d.n)
           OR EXISTS (SELECT 1 FROM fresh f WHERE f.schema_name = t.s AND f.obj_key = e3.name)
    ),
    old_blobs AS (
        SELECT o.schema_name, o.obj_key, e.name AS sub_key, e.entry_sha
        FROM old_obj o JOIN tree_entries e ON e.tree_sha = o.obj_tree
    )
    SELECT coalesce(n.schema_name, o.schema_name), coalesce(n.obj_key, o.obj_key), coalesce(n.sub_key, o.sub_key),
           o.entry_sha, n.sha, n.definition
    FROM old_blobs o
    FULL JOIN fresh n ON n.schema_name = o.schema_name AND n.obj_key = o.obj_key AND n.sub_key = o.sub_key
    WHERE o.entry_sha IS DISTINCT FROM n.sha
      AND coalesce(n.sub_key, o.sub_key) <> 'depends';   -- recorded dependencies: not a change of their own
END
$$;
COMMENT ON FUNCTION pggit_v0._diff_live_names(text, text[], text[]) IS
    'Changed blob paths between a stored root tree and the live schema at the objects of some (schema, bare name) pairs only';

-- The blob-level differences between commit p_commit's tree p_a and the live schema,
-- the rows _diff_live(p_a) gives, read incrementally when the DDL log proves what can
-- differ (_incremental_dirty: capture on and unchanged since the commit, no fault, the
-- live schema known to equal p_a apart from the DDL logged since): with nothing
-- logged, no row and no catalog read; else only the objects the log names
-- (_diff_live_names).  Without p_commit, or when the log proves nothing, the whole live
-- schema is compared (_diff_live).  With pggit.verify_incremental = on, both ways are
-- taken and must agree (else XX000).  Says how it read in the transaction-local setting
-- pggit.live_diff (status() records it with its timing).
CREATE OR REPLACE FUNCTION pggit_v0._diff_live_since(p_a text, p_commit text)
RETURNS TABLE (schema_name text, obj_key text, sub_key text, old_sha text, new_sha text, new_content text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET plan_cache_mode = force_generic_plan   -- planned once per session
AS $$
DECLARE
    v_ids  bigint[];
    v_tree text;
    v_s    text[];
    v_n    text[];
    v_bad  text;
BEGIN
    -- (a role that may not read the statement texts, or the faults' transaction ids,
    -- cannot check the log: the whole schema is compared for it)
    IF p_commit IS NOT NULL AND p_a IS NOT NULL
       AND has_table_privilege('pggit_v0.ddl_log', 'SELECT')
       AND has_table_privilege('pggit_v0.capture_faults', 'SELECT')
       AND (SELECT c.tree_sha FROM commit_graph c WHERE c.commit_sha = p_commit) = p_a THEN
        v_ids := _pending_log_ids();
        SELECT d.parent_tree, d.dirty_s, d.dirty_n INTO v_tree, v_s, v_n
        FROM _incremental_dirty(p_commit, v_ids, _capture_epoch()) d;
    END IF;
    -- how it was read, for status()'s timing row (transaction-local)
    PERFORM set_config('pggit.live_diff', CASE WHEN v_tree IS NULL THEN 'the whole schema compared'
                                               WHEN cardinality(v_s) = 0 THEN 'no DDL logged since HEAD: no catalog read'
                                               ELSE format('incremental: %s name(s) read', cardinality(v_s)) END, true);
    IF v_tree IS NULL THEN
        RETURN QUERY SELECT * FROM _diff_live(p_a);
        RETURN;
    END IF;
    IF coalesce(current_setting('pggit.verify_incremental', true), '') = 'on' THEN
        -- development safety net: the whole comparison must give the same rows (unless
        -- other sessions committed DDL since v_ids, which it may see)
        WITH inc AS (SELECT x.schema_name, x.obj_key, x.sub_key, x.old_sha, x.new_sha, x.new_content
                     FROM _diff_live_names(p_a, v_s, v_n) x),
        full_ AS (SELECT x.schema_name, x.obj_key, x.sub_key, x.old_sha, x.new_sha, x.new_content
                  FROM _diff_live(p_a) x),
        bad AS ((SELECT * FROM inc EXCEPT SELECT * FROM full_) UNION (SELECT * FROM full_ EXCEPT SELECT * FROM inc))
        SELECT string_agg(DISTINCT _path(b.schema_name, b.obj_key, b.sub_key), ', ') INTO v_bad FROM bad b;
        IF v_bad IS NOT NULL AND cardinality(_pending_log_ids()) = cardinality(v_ids) THEN
            RAISE EXCEPTION 'incremental status differs from the full comparison: %', v_bad
                  USING ERRCODE = 'XX000', HINT = 'SET pggit.full_snapshot = on works around it; please report it.';
        END IF;
    END IF;
    IF cardinality(v_s) = 0 THEN
        RETURN;   -- nothing logged since: the live schema is p_a
    END IF;
    RETURN QUERY SELECT * FROM _diff_live_names(p_a, v_s, v_n);
END
$$;
COMMENT ON FUNCTION pggit_v0._diff_live_since(text, text) IS
    'Changed blob paths between a commit''s tree and the live schema, read only where the DDL log says they can be when it is complete';

-- A diff's rows come in two parts, so that a query pays only for the columns it reads:
--   _diff_paths  the changed paths, formatted (kind, names, path, change, old and new
--                definition): a Merkle descent, a few index lookups per changed object;
--   _diff_steps  per path, the migration statements implementing it and their hazards:
--                the whole migration plan (_commit_steps), tens of milliseconds.
-- _diff_rows joins them, and is inlined into its callers (LANGUAGE sql, STABLE, no SET
-- clause): the planner then drops the join to _diff_steps, never calling it, when the
-- query reads neither migration_sql nor hazards (count(*), SELECT path, ...).  Its body
-- is only schema-qualified calls, pg_catalog operators and a join: it reads no table by
-- name, so the caller's search_path cannot reach into it.

-- Changed paths between stored tree p_a and stored tree p_b, or the live schema when
-- p_live (read incrementally given p_a's commit p_a_commit: _diff_live_since),
-- formatted for users, with their place in the diff's order (ord: schema, kind, name,
-- the object's definition before its parts; the rows come in no particular order, the
-- caller sorts them by ord).  With p_timing, records the operation
-- 'diff' with that detail once the rows are computed.
CREATE OR REPLACE FUNCTION pggit_v0._diff_paths(p_a text, p_b text, p_live boolean DEFAULT false,
                                               p_a_commit text DEFAULT NULL, p_timing text DEFAULT NULL)
RETURNS TABLE (ord bigint, object_type text, schema_name text, object_name text, sub_name text, path text,
               change_type text, old_definition text, new_definition text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET plan_cache_mode = force_generic_plan   -- planned once per session
AS $$
#variable_conflict use_column
DECLARE
    v_t0 timestamptz := clock_timestamp();
BEGIN
    RETURN QUERY
    WITH raw AS (
        SELECT d.schema_name, d.obj_key, d.sub_key, d.old_sha, d.new_sha, NULL::text AS new_content
        FROM _diff_trees_q(p_a, p_b) d WHERE NOT p_live   -- (inlined: planned with this query)
        UNION ALL
        SELECT l.schema_name, l.obj_key, l.sub_key, l.old_sha, l.new_sha, l.new_content
        FROM _diff_live_since(p_a, p_a_commit) l WHERE p_live
    ),
    rows AS (
        SELECT r.*, _key_kind(r.obj_key) AS kind, _key_name(r.obj_key) AS oname,
               (SELECT o.content FROM objects o WHERE o.sha = r.old_sha) AS old_def,
               coalesce(r.new_content, (SELECT o.content FROM objects o WHERE o.sha = r.new_sha)) AS new_def
        FROM raw r
    )
    SELECT row_number() OVER (ORDER BY x.schema_name COLLATE "C", x.kind, x.oname COLLATE "C",
                                       x.sub_key <> 'definition', x.sub_key COLLATE "C"),
           CASE WHEN x.sub_key = 'definition' THEN x.kind ELSE split_part(x.sub_key, ' ', 1) END,
           x.schema_name, x.oname,
           CASE WHEN strpos(x.sub_key, ' ') > 0 THEN substr(x.sub_key, strpos(x.sub_key, ' ') + 1) END,
           _path(x.schema_name, x.obj_key, x.sub_key),
           CASE WHEN x.old_sha IS NULL THEN 'ADDED' WHEN x.new_sha IS NULL THEN 'REMOVED' ELSE 'MODIFIED' END,
           x.old_def, x.new_def
    FROM rows x
    WHERE NOT (x.sub_key = 'columns' AND x.old_sha IS NOT NULL AND x.new_sha IS NOT NULL
               AND NOT _order_changed(x.old_def, x.new_def));
    IF p_timing IS NOT NULL THEN
        PERFORM _record_timing('diff', v_t0, p_timing);
    END IF;
END
$$;

-- Per path of the diff from stored tree p_a to stored tree p_b: the migration
-- statements implementing it, in script order, and their hazards (sorted, {} when
-- none).  Given the two commits (p_a_commit, p_b_commit), with their renames (see
-- _commit_steps).  With p_timing, records the operation 'migration' with that detail.
CREATE OR REPLACE FUNCTION pggit_v0._diff_steps(p_a text, p_b text, p_a_commit text DEFAULT NULL,
                                               p_b_commit text DEFAULT NULL, p_timing text DEFAULT NULL)
RETURNS TABLE (path text, statements text, hazards text[])
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
DECLARE
    v_t0 timestamptz := clock_timestamp();
    v_n  bigint;
BEGIN
    IF p_a IS NOT DISTINCT FROM p_b THEN
        RETURN;   -- no changed path (whatever renames the commits hold)
    END IF;
    RETURN QUERY
    WITH steps1 AS MATERIALIZED (
        SELECT * FROM _migration_steps(p_a, p_b) m WHERE p_a_commit IS NULL
        UNION ALL
        SELECT * FROM _commit_steps(p_a_commit, p_b_commit) m WHERE p_a_commit IS NOT NULL
    ),
    -- a renamed table's parts: the steps name them under its new name, the diff rows of
    -- the parts it loses under its old one (the source's): the steps count for both, so a
    -- column dropped from a renamed table carries its DROP and data_deletion (H15: a
    -- RenameModel and a RemoveField in one migration passed the gate)
    moved AS (
        SELECT _path(r.old_schema, 'table ' || r.old_table, 'definition') || '/' AS old_prefix,
               _path(r.new_schema, 'table ' || r.new_table, 'definition') || '/' AS new_prefix
        FROM _renames(p_a_commit, p_b_commit) r
        WHERE p_a_commit IS NOT NULL AND r.kind = 'table'
          AND EXISTS (SELECT 1 FROM steps1 WHERE steps1.phase = 0)
    ),
    steps0 AS MATERIALIZED (
        SELECT m.path, m.statement, m.phase, m.ord, m.hazards FROM steps1 m
        UNION ALL
        SELECT mv.old_prefix || substr(m.path, length(mv.new_prefix) + 1), m.statement, m.phase, m.ord, m.hazards
        FROM steps1 m JOIN moved mv ON left(m.path, length(mv.new_prefix)) = mv.new_prefix
    )
    -- statements and hazards per path, each in one pass (a hazards subquery per path
    -- was quadratic: a whole-schema diff of 17,000 paths spent 5.6 s there)
    SELECT m.path, string_agg(m.statement, E'\n' ORDER BY m.phase, m.ord),
           coalesce(h.hz, ARRAY[]::text[])
    FROM steps0 m
    LEFT JOIN (SELECT m2.path, array_agg(DISTINCT x ORDER BY x) AS hz
               FROM steps0 m2 CROSS JOIN LATERAL unnest(m2.hazards) AS x GROUP BY m2.path) h ON h.path = m.path
    GROUP BY m.path, h.hz;
    IF p_timing IS NOT NULL THEN
        GET DIAGNOSTICS v_n = ROW_COUNT;
        PERFORM _record_timing('migration', v_t0, format('%s (the migration columns of its %s changed paths)',
                                                          p_timing, v_n));
    END IF;
END
$$;

-- Changed paths between stored tree p_a and stored tree p_b, or the live schema when
-- p_live, formatted for users (_diff_paths).  Stored diffs also carry, per path, the
-- migration statements that implement it (in script order) and their hazards
-- (_diff_steps), computed only when the query reads them (see above); given the two
-- commits (p_a_commit, p_b_commit), those include their renames (see _commit_steps).
-- A live diff given p_a's commit (p_a_commit) reads only what the DDL log says can
-- differ when the log is complete (_diff_live_since); without it, the whole schema.
-- p_timing: see _diff_paths and _diff_steps.
-- (Inlined: no SET clause, schema-qualified calls, pg_catalog operators; see above.)
DROP FUNCTION IF EXISTS pggit_v0._diff_rows(text, text, boolean);
DROP FUNCTION IF EXISTS pggit_v0._diff_rows(text, text, boolean, text, text);
CREATE OR REPLACE FUNCTION pggit_v0._diff_rows(p_a text, p_b text, p_live boolean DEFAULT false,
                                              p_a_commit text DEFAULT NULL, p_b_commit text DEFAULT NULL,
                                              p_timing text DEFAULT NULL)
RETURNS TABLE (object_type text, schema_name text, object_name text, sub_name text, path text,
               change_type text, old_definition text, new_definition text,
               migration_sql text, hazards text[])
LANGUAGE sql STABLE
AS $$
SELECT x.object_type, x.schema_name, x.object_name, x.sub_name, x.path, x.change_type,
       x.old_definition, x.new_definition, st.statements,
       CASE WHEN NOT p_live THEN coalesce(st.hazards, ARRAY[]::pg_catalog.text[]) END
FROM pggit_v0._diff_paths(p_a, p_b, p_live, p_a_commit, p_timing) x
-- (one row per path, which lets the planner drop this join when its columns are not read)
LEFT JOIN (SELECT s.path, pg_catalog.min(s.statements) AS statements, pg_catalog.min(s.hazards) AS hazards
           FROM pggit_v0._diff_steps(p_a, p_b, p_a_commit, p_b_commit, p_timing) s
           WHERE NOT p_live
           GROUP BY s.path) st ON st.path OPERATOR(pg_catalog.=) x.path
ORDER BY x.ord
$$;

-- What changed from commit a to commit b.  Refs may be branches, tags, HEAD, shas or
-- unique sha prefixes (with ~N / ^); unknown refs raise 42704 naming them.  Records
-- its timing ('diff'; and 'migration' when the migration columns are read).
-- (Inlined into the caller's query, like _diff_rows, so that count(*) or a narrower
-- select list skips the migration columns: no SET clause, schema-qualified calls.)
CREATE OR REPLACE FUNCTION pggit_v0.diff_commits(a text, b text)
RETURNS TABLE (object_type text, schema_name text, object_name text, sub_name text, path text,
               change_type text, old_definition text, new_definition text,
               migration_sql text, hazards text[])
LANGUAGE sql STABLE
AS $$
SELECT d.object_type, d.schema_name, d.object_name, d.sub_name, d.path, d.change_type,
       d.old_definition, d.new_definition, d.migration_sql, d.hazards
FROM (SELECT pggit_v0._resolve_ref(a) AS va, pggit_v0._resolve_ref(b) AS vb OFFSET 0) r   -- (each resolved once)
CROSS JOIN LATERAL pggit_v0._diff_rows(pggit_v0._commit_tree(r.va), pggit_v0._commit_tree(r.vb), false, r.va, r.vb,
                                       pg_catalog.concat(a, '..', b)) d
$$;
COMMENT ON FUNCTION pggit_v0.diff_commits(text, text) IS
    'One row per path changed from ref a to ref b: kind, schema, object, path, ADDED/REMOVED/MODIFIED, old and new definition';

-- What changed from branch a to branch b (any ref is accepted, like diff_commits).
-- (Inlined, like diff_commits.)
CREATE OR REPLACE FUNCTION pggit_v0.diff_branches(a text, b text)
RETURNS TABLE (object_type text, schema_name text, object_name text, sub_name text, path text,
               change_type text, old_definition text, new_definition text,
               migration_sql text, hazards text[])
LANGUAGE sql STABLE
AS $$
SELECT d.object_type, d.schema_name, d.object_name, d.sub_name, d.path, d.change_type,
       d.old_definition, d.new_definition, d.migration_sql, d.hazards
FROM pggit_v0.diff_commits(a, b) d
$$;
COMMENT ON FUNCTION pggit_v0.diff_branches(text, text) IS
    'One row per path changed from branch a to branch b (same rows as diff_commits)';

-- Uncommitted changes: HEAD's tree against the live schema, like git status.
-- No rows when the live schema is what HEAD recorded.
CREATE OR REPLACE FUNCTION pggit_v0.status()
RETURNS TABLE (object_type text, schema_name text, object_name text, sub_name text, path text,
               change_type text, old_definition text, new_definition text,
               migration_sql text, hazards text[])
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_t0    timestamptz := clock_timestamp();
    v_head  text;
    v_space text;
    v_orig  text;
BEGIN
    v_head := get_head_sha();   -- raises when HEAD does not resolve, instead of calling everything ADDED
    -- nothing logged since HEAD's commit, and the log trusted since it: no row, and
    -- nothing else to set up (the checks _diff_live_since makes first, without the
    -- diff's large functions a session's first status() would compile and plan)
    IF coalesce(current_setting('pggit.verify_incremental', true), '') <> 'on'
       AND has_table_privilege('pggit_v0.ddl_log', 'SELECT')
       AND has_table_privilege('pggit_v0.capture_faults', 'SELECT') THEN
        v_space := _xid_space();
        IF cardinality(_pending_log_ids(v_space)) = 0
           AND _incremental_base(v_head, _capture_epoch(), v_space) IS NOT NULL THEN
            PERFORM _record_timing('status', v_t0, 'no DDL logged since HEAD: no catalog read');
            RETURN;
        END IF;
    END IF;
    -- (with HEAD's commit: read incrementally when the DDL log proves what changed).
    -- Lock waits end after the caller's lock_timeout, else pggit.lock_wait (30 s): 55P03
    -- naming the sessions holding the locks (V7: a role that locked its own table under
    -- its own view held every status() waiting for ever); the caller's lock_timeout is
    -- its own again afterwards (the set_config goes back with the block on an error).
    v_orig := current_setting('lock_timeout');
    BEGIN
        PERFORM set_config('lock_timeout', _lock_wait(), true);
        RETURN QUERY SELECT * FROM _diff_rows(_commit_tree(v_head), NULL, true, v_head);
        PERFORM set_config('lock_timeout', v_orig, true);
    EXCEPTION WHEN lock_not_available THEN
        PERFORM _lock_wait_failed('status()', v_t0);
    END;
    PERFORM _record_timing('status', v_t0, current_setting('pggit.live_diff', true));
END
$$;
COMMENT ON FUNCTION pggit_v0.status() IS
    'Uncommitted changes: one row per path where the live schema differs from HEAD';

-- One row per live object with its state against HEAD: committed, modified or untracked.
-- The live read waits for locks at most _lock_wait() (the caller's lock_timeout, else
-- pggit.lock_wait), then 55P03 naming the sessions holding them (V7, Z5).
CREATE OR REPLACE FUNCTION pggit_v0.get_current_schema()
RETURNS TABLE (schema_name text, object_type text, object_name text, status text, sub_objects bigint,
               tree_sha text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
DECLARE
    v_t0   timestamptz := clock_timestamp();
    v_orig text := current_setting('lock_timeout');
BEGIN
    PERFORM set_config('lock_timeout', _lock_wait(), true);
    RETURN QUERY
WITH live AS (
    SELECT s.schema_name, s.obj_key, s.tree_sha, count(*) AS n
    FROM _stage() s WHERE s.depth = 4
    GROUP BY s.schema_name, s.obj_key, s.tree_sha
),
head AS (SELECT * FROM _tree_objects(_commit_tree(_head_commit())))
SELECT l.schema_name, _key_kind(l.obj_key), _key_name(l.obj_key),
       CASE WHEN h.obj_tree IS NULL THEN 'untracked' WHEN h.obj_tree = l.tree_sha THEN 'committed'
            ELSE 'modified' END,
       l.n, l.tree_sha
FROM live l
LEFT JOIN head h ON h.schema_name = l.schema_name AND h.obj_key = l.obj_key
ORDER BY l.schema_name COLLATE "C", _key_kind(l.obj_key), _key_name(l.obj_key) COLLATE "C";
    PERFORM set_config('lock_timeout', v_orig, true);
EXCEPTION WHEN lock_not_available THEN
    PERFORM _lock_wait_failed('get_current_schema()', v_t0);
END
$$;
COMMENT ON FUNCTION pggit_v0.get_current_schema() IS
    'Live objects with status committed / modified / untracked against HEAD';

-- Promises of the private helpers above.
COMMENT ON FUNCTION pggit_v0._order_changed(text, text) IS 'True when columns present on both sides changed their relative order';
COMMENT ON FUNCTION pggit_v0._diff_paths(text, text, boolean, text, text) IS 'Changed paths between two stored trees (or a tree and the live schema), formatted, with their place in the order';
COMMENT ON FUNCTION pggit_v0._diff_steps(text, text, text, text, text) IS 'Per changed path between two stored trees: its migration statements in script order and their hazards';
COMMENT ON FUNCTION pggit_v0._diff_rows(text, text, boolean, text, text, text) IS 'Changed paths between two stored trees (or a tree and the live schema), formatted, with migration SQL and hazards when read';
