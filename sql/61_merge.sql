-- Merges: merge bases over the commit graph, three-way merges of trees with conflict
-- detection, and merge_branch, which applies the merged tree to the live schema through
-- 57_migration.sql's _apply_steps and records the merge commit.

-- The best common ancestors of two commits: common ancestors that are not ancestors of
-- another common ancestor.  Criss-cross histories have more than one.
CREATE OR REPLACE FUNCTION pggit_v0.merge_bases(a text, b text)
RETURNS TABLE (commit_sha text, committed_at timestamptz)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH RECURSIVE
aa(sha) AS (SELECT _resolve_ref($1) UNION SELECT cp.parent_sha FROM aa JOIN commit_parents cp ON cp.commit_sha = aa.sha),
bb(sha) AS (SELECT _resolve_ref($2) UNION SELECT cp.parent_sha FROM bb JOIN commit_parents cp ON cp.commit_sha = bb.sha),
common AS (SELECT sha FROM aa INTERSECT SELECT sha FROM bb),
below(sha) AS (   -- proper ancestors of common ancestors
    SELECT cp.parent_sha FROM common c JOIN commit_parents cp ON cp.commit_sha = c.sha
  UNION
    SELECT cp.parent_sha FROM below JOIN commit_parents cp ON cp.commit_sha = below.sha
)
SELECT c.sha, g.committed_at FROM common c JOIN commit_graph g ON g.commit_sha = c.sha
WHERE c.sha NOT IN (SELECT sha FROM below)
ORDER BY g.committed_at DESC, c.sha
$$;
COMMENT ON FUNCTION pggit_v0.merge_bases(text, text) IS
    'All best common ancestors of two refs, newest first (more than one in criss-cross histories)';

-- The merge base of two refs: their lowest common ancestor.  When a criss-cross history
-- has several, the newest is used.  Raises 42704 for unknown refs, 55000 when unrelated.
CREATE OR REPLACE FUNCTION pggit_v0.merge_base(a text, b text)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_sha text;
BEGIN
    SELECT mb.commit_sha INTO v_sha FROM merge_bases(merge_base.a, merge_base.b) mb LIMIT 1;
    IF v_sha IS NULL THEN
        RAISE EXCEPTION '"%" and "%" have no common ancestor', merge_base.a, merge_base.b
              USING ERRCODE = '55000', HINT = 'Both refs must descend from the baseline commit of this database.';
    END IF;
    RETURN v_sha;
END
$$;
COMMENT ON FUNCTION pggit_v0.merge_base(text, text) IS 'Lowest common ancestor of two refs (newest one in criss-cross histories)';

-- An enum's definition changed on both sides of a merge, merged when each side only
-- added labels (the base's kept, in their order): the base's labels with, in each gap,
-- the target's new labels and then the source's (those not already there).  NULL, a
-- conflict, when a side removed or reordered a base label, when both added different
-- labels in one gap before the base's last label (their order would be a guess), or
-- when one label was added in two places (P4).
CREATE OR REPLACE FUNCTION pggit_v0._merge_enum(p_base text, p_src text, p_tgt text) RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_head text := left(p_tgt, strpos(p_tgt, ' AS ENUM (') - 1);
    b      text[];
    s      text[];
    t      text[];
    gs     text[];
    gt     text[];
    v_out  text[] := '{}';
    si     int := 1;
    ti     int := 1;
BEGIN
    IF p_base IS NULL OR p_src IS NULL OR p_tgt IS NULL OR v_head = ''
       OR p_base !~ ' AS ENUM \(.*\);$' OR p_src !~ ' AS ENUM \(.*\);$' OR p_tgt !~ ' AS ENUM \(.*\);$'
       OR left(p_base, strpos(p_base, ' AS ENUM (') - 1) <> v_head
       OR left(p_src, strpos(p_src, ' AS ENUM (') - 1) <> v_head THEN
        RETURN NULL;
    END IF;
    b := _enum_labels(p_base);
    s := _enum_labels(p_src);
    t := _enum_labels(p_tgt);
    FOR i IN 1 .. cardinality(b) + 1 LOOP
        gs := '{}';
        gt := '{}';
        WHILE si <= cardinality(s) AND (i > cardinality(b) OR s[si] <> b[i]) LOOP
            IF s[si] = ANY (b) THEN RETURN NULL; END IF;   -- (a base label moved or gone)
            gs := gs || s[si];
            si := si + 1;
        END LOOP;
        WHILE ti <= cardinality(t) AND (i > cardinality(b) OR t[ti] <> b[i]) LOOP
            IF t[ti] = ANY (b) THEN RETURN NULL; END IF;
            gt := gt || t[ti];
            ti := ti + 1;
        END LOOP;
        IF i <= cardinality(b) AND (si > cardinality(s) OR ti > cardinality(t)) THEN
            RETURN NULL;   -- (a base label removed)
        END IF;
        IF i <= cardinality(b) AND cardinality(gs) > 0 AND cardinality(gt) > 0 AND gs <> gt THEN
            RETURN NULL;
        END IF;
        v_out := v_out || gt || ARRAY(SELECT u.x FROM unnest(gs) WITH ORDINALITY AS u(x, n)
                                      WHERE NOT u.x = ANY (gt) ORDER BY u.n);
        IF i <= cardinality(b) THEN
            v_out := v_out || b[i];
            si := si + 1;
            ti := ti + 1;
        END IF;
    END LOOP;
    IF (SELECT count(DISTINCT u.x) FROM unnest(v_out) AS u(x)) <> cardinality(v_out) THEN
        RETURN NULL;
    END IF;
    RETURN v_head || ' AS ENUM ('
           || (SELECT string_agg(quote_literal(u.x), ', ' ORDER BY u.n) FROM unnest(v_out) WITH ORDINALITY AS u(x, n))
           || ');';
END
$$;
COMMENT ON FUNCTION pggit_v0._merge_enum(text, text, text) IS
    'Both sides'' labels added to an enum, merged (target''s then source''s in each gap); NULL when that is a guess';

-- Blob-level three-way comparison of base, source and target trees: every path changed
-- on at least one side, with its three versions and whether it conflicts.
--   both_modified      changed on both sides, differently
--   modified_deleted   deleted on one side, changed on the other (also: an object
--                      dropped on one side while the other changed any of its parts)
--   added_differently  added on both sides with different definitions
--   dropped_but_referenced  one side's new definition names an object the other side
--                      dropped (a foreign key to a dropped table, a view over it), or a
--                      column the other side dropped (an index, constraint, trigger,
--                      policy or view using it); the dropped column conflicts too
-- Column order never conflicts: it is merged (target's order, then source's new columns).
CREATE OR REPLACE FUNCTION pggit_v0._three_way(p_base text, p_source text, p_target text)
RETURNS TABLE (schema_name text, obj_key text, sub_key text, base_sha text, source_sha text, target_sha text,
               source_changed boolean, target_changed boolean, conflict text, object_conflict boolean)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH ds AS (SELECT * FROM _diff_trees(p_base, p_source)),
     dt AS (SELECT * FROM _diff_trees(p_base, p_target)),
     paths AS (
        SELECT coalesce(s.schema_name, t.schema_name) AS schema_name, coalesce(s.obj_key, t.obj_key) AS obj_key,
               coalesce(s.sub_key, t.sub_key) AS sub_key, coalesce(s.old_sha, t.old_sha) AS base_sha,
               s.schema_name IS NOT NULL AS source_changed, t.schema_name IS NOT NULL AS target_changed,
               s.new_sha AS s_new, t.new_sha AS t_new
        FROM ds s FULL JOIN dt t ON t.schema_name = s.schema_name AND t.obj_key = s.obj_key AND t.sub_key = s.sub_key
     ),
     -- objects one side deleted (their definition is gone on that side)
     deleted AS (
        SELECT p.schema_name, p.obj_key, CASE WHEN p.source_changed AND p.s_new IS NULL THEN 'source' ELSE 'target' END AS side
        FROM paths p
        WHERE p.sub_key = 'definition' AND p.base_sha IS NOT NULL
          AND ((p.source_changed AND p.s_new IS NULL) OR (p.target_changed AND p.t_new IS NULL))
     ),
     -- paths the other side added or changed whose new definition names a deleted object
     -- (a foreign key to a dropped table, a view over it): merged, the tree would not build
     referencing AS (
        SELECT DISTINCT p.schema_name, p.obj_key, p.sub_key, d.schema_name AS ref_schema, d.obj_key AS ref_key
        FROM deleted d
        JOIN paths p ON NOT (p.schema_name = d.schema_name AND p.obj_key = d.obj_key)
                    AND CASE d.side WHEN 'source' THEN p.target_changed AND p.t_new IS NOT NULL
                                    ELSE p.source_changed AND p.s_new IS NOT NULL END
        JOIN objects o ON o.sha = CASE d.side WHEN 'source' THEN p.t_new ELSE p.s_new END
        WHERE o.content ~ _word_re(_refname(d.schema_name, d.obj_key))
     ),
     -- columns one side dropped (of tables both sides keep)
     dropped_cols AS (
        SELECT p.schema_name, p.obj_key, p.sub_key, substr(p.sub_key, 8) AS col,
               CASE WHEN p.source_changed AND p.s_new IS NULL THEN 'source' ELSE 'target' END AS side
        FROM paths p
        WHERE p.sub_key LIKE 'column %' AND p.base_sha IS NOT NULL
          AND ((p.source_changed AND p.s_new IS NULL) OR (p.target_changed AND p.t_new IS NULL))
          AND NOT EXISTS (SELECT 1 FROM deleted d WHERE d.schema_name = p.schema_name AND d.obj_key = p.obj_key)
     ),
     -- parts the other side added or changed that use such a column: an index, constraint,
     -- trigger, policy, generated column, comment or grant of that table naming it, or
     -- another object (a view, a foreign key) naming the table and the column
     col_referencing AS (
        SELECT DISTINCT p.schema_name, p.obj_key, p.sub_key, dc.schema_name AS ref_schema, dc.obj_key AS ref_key,
               dc.sub_key AS ref_sub
        FROM dropped_cols dc
        JOIN paths p ON CASE dc.side WHEN 'source' THEN p.target_changed AND p.t_new IS NOT NULL
                                     ELSE p.source_changed AND p.s_new IS NOT NULL END
                    AND p.sub_key <> 'columns' AND p.sub_key <> dc.sub_key
        JOIN objects o ON o.sha = CASE dc.side WHEN 'source' THEN p.t_new ELSE p.s_new END
        CROSS JOIN LATERAL (SELECT _word_re(quote_ident(dc.col), true) AS col_re) x   -- also qualified: t.c
        WHERE CASE WHEN p.schema_name = dc.schema_name AND p.obj_key = dc.obj_key
                   THEN p.sub_key IN ('column_comment ' || dc.col, 'column_grants ' || dc.col, 'column_settings ' || dc.col) OR o.content ~ x.col_re
                   ELSE strpos(o.content, _refname(dc.schema_name, dc.obj_key)) > 0 AND o.content ~ x.col_re END
     ),
     -- objects both sides added (no base definition) with different parts: a table made
     -- on two branches with other columns, indexes, constraints... (git's add/add).  Not
     -- merged as the union of the parts, a table neither side designed (X10): each part
     -- they differ on, and the definition, conflict; a strategy takes the whole object
     -- from one side.  The same object added on both sides merges cleanly (the column
     -- order alone never conflicts)
     added_both AS (
        SELECT p.schema_name, p.obj_key FROM paths p
        WHERE p.sub_key = 'definition' AND p.base_sha IS NULL AND p.source_changed AND p.target_changed
          AND p.s_new IS NOT NULL AND p.t_new IS NOT NULL
          AND EXISTS (SELECT 1 FROM paths q WHERE q.schema_name = p.schema_name AND q.obj_key = p.obj_key
                        AND q.sub_key NOT IN ('columns', 'depends')
                        AND ((q.source_changed AND q.s_new IS NOT NULL) IS DISTINCT FROM (q.target_changed AND q.t_new IS NOT NULL)
                             OR q.s_new IS DISTINCT FROM q.t_new))
     ),
     -- objects deleted on one side while the other side changed any part, or referenced
     -- by the other side's changes: taken whole from the winning side
     dropped AS (
        SELECT d.schema_name, d.obj_key FROM deleted d
        WHERE EXISTS (SELECT 1 FROM paths q WHERE q.schema_name = d.schema_name AND q.obj_key = d.obj_key
                        AND CASE d.side WHEN 'source' THEN q.target_changed AND q.t_new IS NOT NULL
                                        ELSE q.source_changed AND q.s_new IS NOT NULL END)
           OR EXISTS (SELECT 1 FROM referencing r WHERE r.ref_schema = d.schema_name AND r.ref_key = d.obj_key)
        UNION ALL
        SELECT a.schema_name, a.obj_key FROM added_both a
     )
SELECT p.schema_name, p.obj_key, p.sub_key, p.base_sha,
       CASE WHEN p.source_changed THEN p.s_new ELSE p.base_sha END,
       CASE WHEN p.target_changed THEN p.t_new ELSE p.base_sha END,
       p.source_changed, p.target_changed,
       CASE
         WHEN p.sub_key = 'columns' THEN NULL
         WHEN EXISTS (SELECT 1 FROM added_both a WHERE a.schema_name = p.schema_name AND a.obj_key = p.obj_key) THEN
              CASE WHEN p.sub_key = 'depends' THEN NULL
                   WHEN p.sub_key = 'definition' OR p.s_new IS DISTINCT FROM p.t_new THEN 'added_differently' END
         WHEN EXISTS (SELECT 1 FROM dropped d WHERE d.schema_name = p.schema_name AND d.obj_key = p.obj_key)
              AND (p.source_changed OR p.target_changed) THEN 'modified_deleted'
         WHEN EXISTS (SELECT 1 FROM referencing r WHERE r.schema_name = p.schema_name AND r.obj_key = p.obj_key
                        AND r.sub_key = p.sub_key) THEN 'dropped_but_referenced'
         -- a dropped column and what the other side made use it: both conflict, so a
         -- strategy takes both from one side (never an index on a column that is gone)
         WHEN EXISTS (SELECT 1 FROM col_referencing r
                      WHERE (r.schema_name = p.schema_name AND r.obj_key = p.obj_key AND r.sub_key = p.sub_key)
                         OR (r.ref_schema = p.schema_name AND r.ref_key = p.obj_key AND r.ref_sub = p.sub_key))
              THEN 'dropped_but_referenced'
         WHEN NOT (p.source_changed AND p.target_changed) OR p.s_new IS NOT DISTINCT FROM p.t_new THEN NULL
         -- an enum both sides only added labels to: merged (_merge_enum, _merge_commit)
         WHEN p.sub_key = 'definition' AND _key_kind(p.obj_key) = 'type'
              AND p.base_sha IS NOT NULL AND p.s_new IS NOT NULL AND p.t_new IS NOT NULL
              AND _merge_enum((SELECT o.content FROM objects o WHERE o.sha = p.base_sha),
                              (SELECT o.content FROM objects o WHERE o.sha = p.s_new),
                              (SELECT o.content FROM objects o WHERE o.sha = p.t_new)) IS NOT NULL THEN NULL
         WHEN p.base_sha IS NULL THEN 'added_differently'
         WHEN p.s_new IS NULL OR p.t_new IS NULL THEN 'modified_deleted'
         ELSE 'both_modified' END,
       EXISTS (SELECT 1 FROM dropped d WHERE d.schema_name = p.schema_name AND d.obj_key = p.obj_key)
FROM paths p
$$;

-- Renames p_renames (_rename rows, jsonb) with the columns of tables that renames p_by
-- rename or move under their new names (renamed columns of a table kept: its name on the
-- other side of a merge, P10); the others as they are, in order.  NULL stays NULL.
CREATE OR REPLACE FUNCTION pggit_v0._renames_under(p_renames jsonb, p_by jsonb) RETURNS jsonb
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE WHEN p_by IS NULL THEN p_renames ELSE (
    SELECT jsonb_agg(CASE WHEN b.kind IS NULL THEN a.elem
                          ELSE a.elem || jsonb_build_object('old_schema', b.new_schema, 'old_table', b.new_table,
                                                            'new_schema', b.new_schema, 'new_table', b.new_table) END
                     ORDER BY a.ord)
    FROM jsonb_array_elements(p_renames) WITH ORDINALITY AS a(elem, ord)
    LEFT JOIN LATERAL (
        SELECT r.* FROM jsonb_populate_recordset(NULL::_rename, p_by) r
        WHERE r.kind = 'table' AND a.elem->>'kind' = 'column'
          AND (r.old_schema, r.old_table) = (a.elem->>'old_schema', a.elem->>'old_table')
          AND (a.elem->>'old_schema', a.elem->>'old_table') = (a.elem->>'new_schema', a.elem->>'new_table')
        LIMIT 1) b ON true) END
$$;
COMMENT ON FUNCTION pggit_v0._renames_under(jsonb, jsonb) IS
    'Column renames of one side of a merge under the table names the other side''s renames give';

-- Renames p_renames (_rename rows, jsonb) without those of p_done (applied already),
-- the others of tables p_done renames under the new names (columns, parts).  NULL when
-- none is left.
CREATE OR REPLACE FUNCTION pggit_v0._renames_past(p_renames jsonb, p_done jsonb) RETURNS jsonb
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT jsonb_agg(CASE WHEN b.kind IS NULL THEN a.elem
                      ELSE a.elem || jsonb_build_object('old_schema', b.new_schema, 'old_table', b.new_table) END
                 ORDER BY a.ord)
FROM jsonb_array_elements(p_renames) WITH ORDINALITY AS a(elem, ord)
LEFT JOIN LATERAL (
    SELECT r.* FROM jsonb_populate_recordset(NULL::_rename, p_done) r
    WHERE r.kind = 'table' AND a.elem->>'kind' IN ('column', 'displaced', 'displaced_part', 'part')
      AND (r.old_schema, r.old_table) = (a.elem->>'old_schema', a.elem->>'old_table')
    LIMIT 1) b ON true
WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(p_done) d(e) WHERE d.e = a.elem)
$$;
COMMENT ON FUNCTION pggit_v0._renames_past(jsonb, jsonb) IS
    'Renames without those applied already, the others under the names those give their tables';

-- The three trees a merge compares, with each side's renames (the capture log's, as
-- checkouts replay them) applied to the base and to the other side: a table or column
-- renamed on one side and changed on the other then meets under one name, as git's
-- rename detection makes a merge of a moved file.  Renames of the same object on both
-- sides are not applied (they conflict by name, as before).  Stores the derived trees
-- (_renamed_tree); no commit points at them.
CREATE OR REPLACE FUNCTION pggit_v0._merge_trees(p_base text, p_src text, p_tgt text,
                                                 OUT base_tree text, OUT src_tree text, OUT tgt_tree text,
                                                 OUT renamed_differently text[])
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_rs   jsonb;
    v_rt   jsonb;
    v_rs_m jsonb;
    v_rt_m jsonb;
    v_same jsonb;
BEGIN
    base_tree := _commit_tree(p_base);
    src_tree := _commit_tree(p_src);
    tgt_tree := _commit_tree(p_tgt);
    -- (a table one side dropped and made again is compared by name: the merged tree
    -- takes that side's; the script that applies it drops and makes it, T4)
    SELECT jsonb_agg(to_jsonb(r)) INTO v_rs
    FROM (SELECT * FROM _renames(p_base, p_src) x WHERE x.kind <> 'dropped_table'
          UNION ALL SELECT * FROM _label_renames(p_base, p_src)) r;
    SELECT jsonb_agg(to_jsonb(r)) INTO v_rt
    FROM (SELECT * FROM _renames(p_base, p_tgt) x WHERE x.kind <> 'dropped_table'
          UNION ALL SELECT * FROM _label_renames(p_base, p_tgt)) r;
    -- renames both sides made alike (the same rows): the base takes them, and neither
    -- side (both trees hold them); the other renames of the tables they rename, under
    -- the new names (W12: both renamed the table, one a column of it too: the column was
    -- kept and an empty one added)
    IF v_rs IS NOT NULL AND v_rt IS NOT NULL THEN
        SELECT jsonb_agg(a.e ORDER BY a.o) INTO v_same
        FROM jsonb_array_elements(v_rs) WITH ORDINALITY AS a(e, o)
        WHERE a.e->>'kind' IN ('table', 'sequence', 'column', 'enum_label')
          AND EXISTS (SELECT 1 FROM jsonb_array_elements(v_rt) b(e) WHERE b.e = a.e);
        IF v_same IS NOT NULL THEN
            base_tree := _renamed_tree(base_tree, v_same);
            v_rs := _renames_past(v_rs, v_same);
            v_rt := _renames_past(v_rt, v_same);
        END IF;
    END IF;
    IF v_rs IS NULL AND v_rt IS NULL THEN
        RETURN;
    END IF;
    -- both sides renaming one object (or to one name): no renames applied, compared by
    -- name as before; renamed differently (one old name, two new ones, or the other way
    -- round) is a conflict of its own, by the base's name
    -- (a table renamed or moved on one side and a column of it renamed on the other is no
    -- such pair: each side's column renames are applied to the other under its table's
    -- name there, P10)
    IF v_rs IS NOT NULL AND v_rt IS NOT NULL AND EXISTS (
           SELECT 1 FROM jsonb_populate_recordset(NULL::_rename, v_rs) a
           JOIN jsonb_populate_recordset(NULL::_rename, v_rt) b
             ON ((a.old_schema, a.old_table) IN ((b.old_schema, b.old_table), (b.new_schema, b.new_table))
                 OR (a.new_schema, a.new_table) IN ((b.old_schema, b.old_table), (b.new_schema, b.new_table)))
            AND NOT (a.kind = 'table' AND b.kind = 'column' AND (b.old_schema, b.old_table) = (b.new_schema, b.new_table))
            AND NOT (b.kind = 'table' AND a.kind = 'column' AND (a.old_schema, a.old_table) = (a.new_schema, a.new_table))
            -- (nor two columns of one table renamed, neither to the other's name: T5)
            AND NOT (a.kind = 'column' AND b.kind = 'column'
                     AND a.old_column NOT IN (b.old_column, b.new_column)
                     AND a.new_column NOT IN (b.old_column, b.new_column))) THEN
        SELECT array_agg(DISTINCT _path(a.old_schema,
                                        CASE WHEN a.kind IN ('column', 'displaced') THEN 'table' ELSE a.kind END
                                        || ' ' || a.old_table,
                                        CASE WHEN a.kind = 'column' THEN 'column ' || a.old_column ELSE 'definition' END))
        INTO renamed_differently
        FROM jsonb_populate_recordset(NULL::_rename, v_rs) a
        JOIN jsonb_populate_recordset(NULL::_rename, v_rt) b ON a.kind = b.kind
        WHERE a.kind IN ('table', 'sequence', 'column', 'enum_label')
          AND (((a.old_schema, a.old_table, coalesce(a.old_column, '')) = (b.old_schema, b.old_table, coalesce(b.old_column, ''))
                AND (a.new_schema, a.new_table, coalesce(a.new_column, '')) <> (b.new_schema, b.new_table, coalesce(b.new_column, '')))
               OR ((a.new_schema, a.new_table, coalesce(a.new_column, '')) = (b.new_schema, b.new_table, coalesce(b.new_column, ''))
                   AND (a.old_schema, a.old_table, coalesce(a.old_column, '')) <> (b.old_schema, b.old_table, coalesce(b.old_column, ''))));
        RETURN;
    END IF;
    -- each side's column renames under the names the other side gives their tables (P10)
    v_rs_m := _renames_under(v_rs, v_rt);
    v_rt_m := _renames_under(v_rt, v_rs);
    IF v_rs IS NOT NULL THEN
        base_tree := _renamed_tree(base_tree, v_rs);
        tgt_tree := _renamed_tree(tgt_tree, v_rs_m);
    END IF;
    IF v_rt IS NOT NULL THEN
        base_tree := _renamed_tree(base_tree, v_rt_m);
        src_tree := _renamed_tree(src_tree, v_rt_m);
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._merge_trees(text, text, text) IS
    'Base, source and target trees of a merge with each side''s logged renames applied to the base and the other side';

-- The tables and columns one side of a merge renamed and the other dropped (AA9,
-- git's rename/delete), each with the side that dropped it (p_other): neither side's
-- renames of the same table or column alike (renamed_differently, or the same rename).
-- detect_merge_conflicts reports them by the base's name; _merge_commit lets the
-- strategy's side win on their paths under the new name (R11-12).
CREATE OR REPLACE FUNCTION pggit_v0._renamed_deleted(p_base text, p_src text, p_tgt text)
RETURNS TABLE (kind text, old_schema text, old_table text, old_column text, new_schema text, new_table text,
               new_column text, other text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT r.kind, r.old_schema, r.old_table, r.old_column, r.new_schema, r.new_table, r.new_column, r.other
FROM (SELECT x.*, p_tgt AS other FROM _renames(p_base, p_src) x
      UNION ALL SELECT x.*, p_src FROM _renames(p_base, p_tgt) x) r
CROSS JOIN LATERAL (
    SELECT (SELECT o.obj_tree FROM _tree_objects(_commit_tree(r.other)) o
            WHERE o.schema_name = r.old_schema AND o.obj_key = 'table ' || r.old_table) AS other_tree) ot
WHERE r.kind IN ('table', 'column')
  -- (the other side renamed it too: renamed_differently, or alike)
  AND NOT EXISTS (SELECT 1 FROM _renames(p_base, r.other) y
                  WHERE y.kind IN ('table', 'column') AND (y.old_schema, y.old_table) = (r.old_schema, r.old_table)
                    AND (r.kind = 'table' OR y.kind = 'table' OR y.old_column = r.old_column))
  AND CASE WHEN r.kind = 'table' THEN ot.other_tree IS NULL
           ELSE (r.old_schema, r.old_table) = (r.new_schema, r.new_table)
                AND NOT EXISTS (SELECT 1 FROM tree_entries e
                                WHERE e.tree_sha = ot.other_tree AND e.name = 'column ' || r.old_column) END
$$;
COMMENT ON FUNCTION pggit_v0._renamed_deleted(text, text, text) IS
    'Tables and columns one side of a merge renamed and the other (column other) dropped: the renamed_deleted conflicts (AA9)';

-- Conflicts a merge of source into target (default: the current branch) would meet.
CREATE OR REPLACE FUNCTION pggit_v0.detect_merge_conflicts(source text, target text DEFAULT NULL)
RETURNS TABLE (path text, object_type text, schema_name text, object_name text, kind text,
               base_definition text, source_definition text, target_definition text)
LANGUAGE plpgsql VOLATILE   -- (stores the renamed trees it compares: _merge_trees)
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_target text := coalesce(detect_merge_conflicts.target, _current_branch(), 'HEAD');
    v_src    text := _resolve_ref(detect_merge_conflicts.source);
    v_tgt    text := _resolve_ref(v_target);
    v_base   text := merge_base(v_src, v_tgt);
    v_trees  record;
BEGIN
    v_trees := _merge_trees(v_base, v_src, v_tgt);
    RETURN QUERY
    WITH w AS MATERIALIZED (SELECT * FROM _three_way(v_trees.base_tree, v_trees.src_tree, v_trees.tgt_tree)),
    c AS (
        SELECT w.*, w.conflict AS kind FROM w WHERE w.conflict IS NOT NULL
        UNION ALL   -- a view, routine, policy or rule one side made over what the other
                    -- side renamed (marked by _renamed_tree: its text names the old name)
        SELECT w.*, 'renamed_but_read' FROM w
        WHERE w.conflict IS NULL AND v_trees.base_tree IS DISTINCT FROM _commit_tree(v_base)
          AND EXISTS (SELECT 1 FROM objects o
                      WHERE o.sha = CASE WHEN w.source_changed THEN w.source_sha ELSE w.target_sha END
                        AND strpos(o.content, E'\n-- (reads an object renamed: made again)') > 0)
        UNION ALL   -- a default (or another part) one side added or changed naming an enum
                    -- label the other side renamed: the merged definition would name a
                    -- label the merged enum lacks (X5: the merge failed on it, with a hint
                    -- about the database's values)
        SELECT DISTINCT ON (w.schema_name, w.obj_key, w.sub_key) w.*, 'renamed_but_read' FROM w
        JOIN (SELECT 'source' AS side, r.* FROM _label_renames(v_base, v_src) r
              UNION ALL SELECT 'target', r.* FROM _label_renames(v_base, v_tgt) r) l
          ON CASE l.side WHEN 'source' THEN w.target_changed ELSE w.source_changed END
        JOIN objects o ON o.sha = CASE l.side WHEN 'source' THEN w.target_sha ELSE w.source_sha END
        CROSS JOIN LATERAL (SELECT format('%I.%I', l.old_schema, l.old_table) AS typ) t
        WHERE w.conflict IS NULL
          AND (strpos(o.content, quote_literal(l.old_column) || '::' || t.typ) > 0
               OR o.content ~ ('''\{(?:[^'']*,)?"?' || _re_quote(replace(l.old_column, '''', '''''')) || '"?(?:,[^'']*)?\}''::'
                               || _re_quote(t.typ) || '\['))
    )
    SELECT _path(w.schema_name, w.obj_key, w.sub_key),
           CASE WHEN w.sub_key = 'definition' THEN _key_kind(w.obj_key) ELSE split_part(w.sub_key, ' ', 1) END,
           w.schema_name, _key_name(w.obj_key), w.kind,
           (SELECT o.content FROM objects o WHERE o.sha = w.base_sha),
           (SELECT o.content FROM objects o WHERE o.sha = w.source_sha),
           (SELECT o.content FROM objects o WHERE o.sha = w.target_sha)
    FROM c w
    UNION ALL   -- one object renamed differently on the two sides (or two to one name)
    SELECT p, CASE WHEN split_part(p, '/', 4) = 'column' THEN 'column' ELSE split_part(p, '/', 2) END,
           split_part(p, '/', 1), split_part(p, '/', 3), 'renamed_differently',
           NULL, NULL, NULL
    FROM unnest(v_trees.renamed_differently) p
    UNION ALL   -- a table or column renamed on one side, dropped on the other (AA9): the
                -- merge dropped what the renaming side keeps using under its new name
                -- (git's rename/delete); by the base's name
    SELECT _path(r.old_schema, 'table ' || r.old_table,
                 CASE WHEN r.kind = 'column' THEN 'column ' || r.old_column ELSE 'definition' END),
           CASE WHEN r.kind = 'column' THEN 'column' ELSE 'table' END, r.old_schema, r.old_table, 'renamed_deleted',
           NULL, NULL, NULL
    FROM _renamed_deleted(v_base, v_src, v_tgt) r
    WHERE v_trees.renamed_differently IS NULL
    ORDER BY 1;
END
$$;
COMMENT ON FUNCTION pggit_v0.detect_merge_conflicts(text, text) IS
    'Paths a merge of source into target (default current branch) would conflict on: both_modified, modified_deleted, added_differently, dropped_but_referenced, renamed_differently, renamed_deleted, renamed_but_read';

-- The merged column order: target's order without columns the source removed, then the
-- columns only the source added, in the source's order.
CREATE OR REPLACE FUNCTION pggit_v0._merge_order(p_base text, p_source text, p_target text) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
WITH b AS (SELECT unnest(_lines(p_base)) AS c),   -- _lines: a quoted name may hold a line break
     s AS (SELECT c, o FROM unnest(_lines(p_source)) WITH ORDINALITY u(c, o)),
     t AS (SELECT c, o FROM unnest(_lines(p_target)) WITH ORDINALITY u(c, o)),
     merged AS (
        SELECT t.c, 0 AS grp, t.o FROM t
        WHERE NOT (t.c IN (SELECT c FROM b) AND t.c NOT IN (SELECT c FROM s))
        UNION ALL
        SELECT s.c, 1, s.o FROM s WHERE s.c NOT IN (SELECT c FROM b) AND s.c NOT IN (SELECT c FROM t)
     )
SELECT string_agg(c, E'\n' ORDER BY grp, o) FROM merged
$$;

-- The merge commit of p_src into p_tgt: the target's tree with the source's changes
-- applied (conflicting paths resolved by p_strategy: abort/ours keep the target's,
-- theirs takes the source's), written with parents (p_tgt, p_src) on p_branch.  Moves
-- no ref.  With the owner's rights: the tree is composed only of blobs already stored
-- in the two commits' trees, so no caller can bring content of its own.
CREATE OR REPLACE FUNCTION pggit_v0._merge_commit(p_src text, p_tgt text, p_strategy text, p_message text,
                                                 p_branch text)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_base  text;
    v_tree  record;
    v_trees record;
    v_left  text[];
    v_rd    jsonb;
BEGIN
    PERFORM _lock_history();
    IF (SELECT count(*) FROM commit_graph c WHERE c.commit_sha IN (p_src, p_tgt)) <> 2 THEN
        RAISE EXCEPTION 'commit % or % not found', p_src, p_tgt USING ERRCODE = '42704';
    END IF;
    v_base := merge_base(p_src, p_tgt);
    v_trees := _merge_trees(v_base, p_src, p_tgt);   -- (each side's renames applied to the other)
    -- a table or column renamed on one side and dropped on the other (renamed_deleted,
    -- as detect_merge_conflicts finds it): the renames applied to the base, the three-way
    -- sees a drop of the new name only, which won whatever the strategy (R11-12).  Its
    -- paths under the new name conflict: the strategy's side wins (theirs: the source's,
    -- renamed or dropped; ours: the target's)
    IF v_trees.renamed_differently IS NULL THEN
        SELECT jsonb_agg(jsonb_build_object('s', r.new_schema, 'k', 'table ' || r.new_table,
                                            'c', CASE WHEN r.kind = 'column' THEN 'column ' || r.new_column END))
        INTO v_rd
        FROM _renamed_deleted(v_base, p_src, p_tgt) r;
    END IF;
    -- the merged blobs: target's tree with the source's changes applied
    WITH w AS MATERIALIZED (
        SELECT x.schema_name, x.obj_key, x.sub_key, x.base_sha, x.source_sha, x.target_sha,
               x.source_changed, x.target_changed,
               CASE WHEN x.conflict IS NULL AND v_rd IS NOT NULL
                         AND EXISTS (SELECT 1 FROM jsonb_array_elements(v_rd) d(e)
                                     WHERE d.e->>'s' = x.schema_name AND d.e->>'k' = x.obj_key
                                       AND (d.e->>'c' IS NULL OR d.e->>'c' = x.sub_key))
                    THEN 'renamed_deleted' ELSE x.conflict END AS conflict,
               x.object_conflict
        FROM _three_way(v_trees.base_tree, v_trees.src_tree, v_trees.tgt_tree) x),
    objs AS MATERIALIZED (
        SELECT DISTINCT ON (x.schema_name, x.obj_key) x.schema_name, x.obj_key, x.bucket
        FROM (SELECT * FROM _tree_objects(v_trees.tgt_tree) UNION ALL SELECT * FROM _tree_objects(v_trees.src_tree)) x
    ),
    -- objects in an object-level conflict are taken whole from the winning side
    obj_winner AS (
        SELECT DISTINCT w.schema_name, w.obj_key FROM w WHERE w.object_conflict
    ),
    merged AS (
        SELECT t.schema_name, t.obj_key, t.sub_key, t.blob_sha FROM _tree_blobs(v_trees.tgt_tree, true) t
        WHERE NOT EXISTS (SELECT 1 FROM w WHERE w.schema_name = t.schema_name AND w.obj_key = t.obj_key AND w.sub_key = t.sub_key)
          -- the target's recorded dependencies of an object the merge changes may not hold
          -- for the result: left out (the migration engine then reads its definition)
          AND NOT (t.sub_key = 'depends' AND EXISTS (SELECT 1 FROM w WHERE w.schema_name = t.schema_name AND w.obj_key = t.obj_key))
          AND NOT (p_strategy = 'theirs' AND EXISTS (SELECT 1 FROM obj_winner ow
                                                     WHERE ow.schema_name = t.schema_name AND ow.obj_key = t.obj_key))
        UNION ALL
        SELECT w.schema_name, w.obj_key, w.sub_key,
               CASE WHEN w.object_conflict THEN CASE WHEN p_strategy = 'theirs' THEN w.source_sha ELSE w.target_sha END
                    WHEN w.conflict IS NULL AND w.source_changed THEN w.source_sha
                    WHEN w.conflict IS NULL THEN w.target_sha
                    WHEN p_strategy = 'theirs' THEN w.source_sha
                    ELSE w.target_sha END
        FROM w
        WHERE (w.sub_key <> 'columns' OR NOT (w.source_changed AND w.target_changed))
          AND NOT (w.sub_key = 'definition' AND w.source_changed AND w.target_changed AND w.conflict IS NULL
                   AND NOT w.object_conflict AND w.source_sha IS DISTINCT FROM w.target_sha
                   AND _key_kind(w.obj_key) = 'type')
        UNION ALL   -- an object the merge takes as the source has it (only the source
                    -- changed it, or added it): its recorded dependencies hold for the
                    -- result, and order its migration (G5: an extension requiring another,
                    -- added on the merged branch, was dropped before the other)
        SELECT s.schema_name, s.obj_key, s.sub_key, s.blob_sha FROM _tree_blobs(v_trees.src_tree, true) s
        WHERE s.sub_key = 'depends'
          AND EXISTS (SELECT 1 FROM w WHERE w.schema_name = s.schema_name AND w.obj_key = s.obj_key AND w.source_changed)
          AND NOT EXISTS (SELECT 1 FROM w WHERE w.schema_name = s.schema_name AND w.obj_key = s.obj_key
                            AND (w.target_changed OR w.conflict IS NOT NULL OR w.object_conflict))
        UNION ALL   -- object-level conflicts won by the source: its untouched blobs too
        SELECT s.schema_name, s.obj_key, s.sub_key, s.blob_sha FROM _tree_blobs(v_trees.src_tree, true) s
        WHERE p_strategy = 'theirs'
          AND EXISTS (SELECT 1 FROM obj_winner ow WHERE ow.schema_name = s.schema_name AND ow.obj_key = s.obj_key)
          AND NOT EXISTS (SELECT 1 FROM w WHERE w.schema_name = s.schema_name AND w.obj_key = s.obj_key AND w.sub_key = s.sub_key)
    ),
    contents AS (
        SELECT m.schema_name, m.obj_key, m.sub_key, o.content FROM merged m JOIN objects o ON o.sha = m.blob_sha
        WHERE m.blob_sha IS NOT NULL
        UNION ALL   -- column orders changed on both sides: merged
        SELECT w.schema_name, w.obj_key, w.sub_key,
               _merge_order((SELECT o.content FROM objects o WHERE o.sha = w.base_sha),
                            (SELECT o.content FROM objects o WHERE o.sha = w.source_sha),
                            (SELECT o.content FROM objects o WHERE o.sha = w.target_sha))
        FROM w WHERE w.sub_key = 'columns' AND w.source_changed AND w.target_changed
          AND w.source_sha IS NOT NULL AND w.target_sha IS NOT NULL AND NOT w.object_conflict
        UNION ALL   -- enums both sides added labels to: merged (P4)
        SELECT w.schema_name, w.obj_key, w.sub_key,
               _merge_enum((SELECT o.content FROM objects o WHERE o.sha = w.base_sha),
                           (SELECT o.content FROM objects o WHERE o.sha = w.source_sha),
                           (SELECT o.content FROM objects o WHERE o.sha = w.target_sha))
        FROM w WHERE w.sub_key = 'definition' AND w.source_changed AND w.target_changed AND w.conflict IS NULL
          AND NOT w.object_conflict AND w.source_sha IS DISTINCT FROM w.target_sha
          AND _key_kind(w.obj_key) = 'type'
        UNION ALL   -- ... or taken from the one side that still has the table
        SELECT w.schema_name, w.obj_key, w.sub_key, o.content
        FROM w JOIN objects o ON o.sha = CASE WHEN w.object_conflict
                                              THEN CASE WHEN p_strategy = 'theirs' THEN w.source_sha ELSE w.target_sha END
                                              ELSE coalesce(w.source_sha, w.target_sha) END
        WHERE w.sub_key = 'columns' AND w.source_changed AND w.target_changed
          AND (w.object_conflict OR w.source_sha IS NULL OR w.target_sha IS NULL)
    ),
    -- drop parts whose object lost its definition (a table dropped on the winning side)
    complete AS (
        SELECT c.* FROM contents c
        WHERE EXISTS (SELECT 1 FROM contents d WHERE d.schema_name = c.schema_name AND d.obj_key = c.obj_key
                        AND d.sub_key = 'definition')
    )
    SELECT wt.root_sha, wt.rows_written INTO v_tree
    FROM (SELECT array_agg(c.schema_name) AS ss, array_agg(ob.bucket) AS bs, array_agg(c.obj_key) AS ks,
                 array_agg(c.sub_key) AS subs, array_agg(c.content) AS defs
          FROM complete c JOIN objs ob ON ob.schema_name = c.schema_name AND ob.obj_key = c.obj_key) a
    CROSS JOIN LATERAL _write_tree_rows(a.ss, a.bs, a.ks, a.subs, a.defs) wt;

    -- a view, routine, policy or rule one side made over what the other side renamed:
    -- its text names the old name, which the merged schema lacks; no tree says what
    -- PostgreSQL would make of it (marked by _renamed_tree)
    IF v_trees.base_tree IS DISTINCT FROM _commit_tree(v_base) THEN
        SELECT array_agg(_path(b.schema_name, b.obj_key, b.sub_key) ORDER BY 1) INTO v_left
        FROM _tree_blobs(v_tree.root_sha, true) b JOIN objects o ON o.sha = b.blob_sha
        WHERE strpos(o.content, E'\n-- (reads an object renamed: made again)') > 0;
        IF v_left IS NOT NULL THEN
            RAISE EXCEPTION 'merge of % into % has % conflict(s): renamed_but_read: %', left(p_src, 12), left(p_tgt, 12),
                            cardinality(v_left), array_to_string(v_left[1:10], '; ')
                  USING ERRCODE = '55000', DETAIL = array_to_string(v_left, E'\n'),
                        HINT = 'One branch made these over a table or column the other renamed: make them again on '
                               || 'that branch under the new name (or merge the rename into it first), then merge.';
        END IF;
    END IF;

    RETURN _write_commit(v_tree.root_sha, ARRAY[p_tgt, p_src], _caller(), p_message, p_branch, v_tree.rows_written);
END
$$;
COMMENT ON FUNCTION pggit_v0._merge_commit(text, text, text, text, text) IS
    'Writes the merge commit of two commits (stored blobs only, strategy for conflicts) with the owner''s rights; moves no ref';

-- Merge source into target (default: the current branch).  Fast-forwards when target is
-- an ancestor of source; otherwise writes a merge commit with parents (target, source).
-- Paths changed on one side are taken; conflicts abort listing them unless strategy
-- 'ours' (keep target) or 'theirs' (take source) resolves them.  When target is the
-- current branch the live schema is migrated to the merged tree in the same
-- transaction: any failure leaves commits, refs and the schema unchanged, and it is
-- refused (55000, listing them) when statements would lose data, unless force.
CREATE OR REPLACE FUNCTION pggit_v0._merge_once(source text, target text, message text,
                                              strategy text, force boolean)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_t0       timestamptz := clock_timestamp();
    v_target   text;
    v_strategy text := lower(coalesce(_merge_once.strategy, 'abort'));
    v_src      text;
    v_tgt      text;
    v_base     text;
    v_current  boolean;
    v_conf     text[];
    v_sha      text;
    v_start    txid_snapshot := txid_current_snapshot();
    v_steps    pggit_v0._migration_step[];   -- computed once, for the data-loss check and the apply
BEGIN
    PERFORM _require_rights('merge_branch');
    IF _merge_once.message IS NOT NULL THEN   -- NULL: the default message; never a blank one
        PERFORM _require_text(_merge_once.message, 'merge message',
                              'Omit message for "Merge branch ''<source>'' into <target>".');
    END IF;
    PERFORM _lock_history();
    v_target := coalesce(_merge_once.target, _current_branch());
    IF v_strategy NOT IN ('abort', 'ours', 'theirs') THEN
        RAISE EXCEPTION 'unknown merge strategy "%"', _merge_once.strategy
              USING ERRCODE = '22023', HINT = 'Use abort (default), ours or theirs.';
    END IF;
    IF v_target IS NULL OR NOT EXISTS (SELECT 1 FROM refs r WHERE r.name = v_target AND r.type = 'branch') THEN
        RAISE EXCEPTION 'merge target branch "%" not found', coalesce(v_target, 'HEAD (detached)')
              USING ERRCODE = '42704', HINT = 'Name the target branch, or check out a branch first.';
    END IF;
    v_src := _resolve_ref(_merge_once.source);
    v_tgt := _resolve_ref(v_target);
    v_base := merge_base(v_src, v_tgt);
    v_current := (_current_branch() = v_target);
    IF v_current THEN
        PERFORM _require_clean(format('merge of "%s" into the current branch "%s"', _merge_once.source, v_target));
    END IF;

    IF v_base = v_src THEN
        RAISE NOTICE '"%" is already merged into "%": nothing to do', _merge_once.source, v_target;
        RETURN v_tgt;
    END IF;

    IF v_base = v_tgt THEN   -- fast-forward
        IF v_current THEN
            v_steps := _steps(v_tgt, v_src);
            PERFORM _refuse_loss(_data_at_risk_steps(v_steps), _merge_once.force,
                                 format('merge of "%s" into the current branch "%s"', _merge_once.source, v_target));
            PERFORM _apply_steps(v_tgt, _commit_tree(v_src), v_steps);
            PERFORM _settle_live(v_src, v_start);
        END IF;
        PERFORM _ref_update('merge_branch (fast-forward)', v_target, 'branch', v_src);
        RAISE NOTICE 'fast-forward: "%" now points at %', v_target, left(v_src, 12);
        PERFORM _record_timing('merge', v_t0, 'fast-forward ' || _merge_once.source || ' into ' || v_target);
        RETURN v_src;
    END IF;

    SELECT array_agg(c.kind || ': ' || c.path ORDER BY c.path) INTO v_conf
    FROM detect_merge_conflicts(v_src, v_tgt) c;
    IF v_conf IS NOT NULL AND v_strategy = 'abort' THEN
        RAISE EXCEPTION 'merge of "%" into "%" has % conflict(s): %', _merge_once.source, v_target,
                        cardinality(v_conf), array_to_string(v_conf[1:10], '; ')
              USING ERRCODE = '55000',
                    DETAIL = array_to_string(v_conf, E'\n'),
                    HINT = 'Inspect them with detect_merge_conflicts(); resolve by committing a fix on either branch, or merge with strategy => ''ours'' or ''theirs''.';
    END IF;

    v_sha := _merge_commit(v_src, v_tgt, v_strategy,
                           coalesce(_merge_once.message, format('Merge branch ''%s'' into %s', _merge_once.source, v_target)),
                           v_target);
    IF v_current THEN
        v_steps := _steps(v_tgt, v_sha);
        PERFORM _refuse_loss(_data_at_risk_steps(v_steps), _merge_once.force,
                             format('merge of "%s" into the current branch "%s"', _merge_once.source, v_target));
        PERFORM _apply_steps(v_tgt, _commit_tree(v_sha), v_steps);
        PERFORM _settle_live(v_sha, v_start);
    END IF;
    PERFORM _ref_update('merge_branch', v_target, 'branch', v_sha);
    PERFORM _record_timing('merge', v_t0, _merge_once.source || ' into ' || v_target);
    RETURN v_sha;
END
$$;

-- Merge source into target (see _merge_once), in attempts as checkout_branch (E6).
CREATE OR REPLACE FUNCTION pggit_v0.merge_branch(source text, target text DEFAULT NULL,
                                                message text DEFAULT NULL, strategy text DEFAULT 'abort',
                                                force boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
BEGIN
    PERFORM _require_rights('merge_branch');   -- 42501 with its hint before anything else
    RETURN _in_attempts(format('SELECT pggit_v0._merge_once(%L, %L, %L, %L, %L)', merge_branch.source,
                               merge_branch.target, merge_branch.message, merge_branch.strategy,
                               merge_branch.force));
END
$$;
COMMENT ON FUNCTION pggit_v0._merge_once(text, text, text, text, boolean) IS
    'One attempt of merge_branch (see there), under the history lock';
COMMENT ON FUNCTION pggit_v0.merge_branch(text, text, text, text, boolean) IS
    'Merges source into target (default current branch): fast-forward or a two-parent merge commit; strategy abort|ours|theirs; migrates the live schema when target is current, refusing data loss unless force';

-- Promises of the private helpers above.
COMMENT ON FUNCTION pggit_v0._three_way(text, text, text) IS 'Blob-level three-way comparison of base, source and target trees, with conflict kinds';
COMMENT ON FUNCTION pggit_v0._merge_order(text, text, text) IS 'Merged column order: target''s, without source removals, then source additions';
