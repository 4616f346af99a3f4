-- Migration SQL, stage 2: the plan.  From the two trees (after stage 1's renames,
-- 56_renames.sql), which objects the migration handles and how:
--   added    (its whole definition is new): created with all its parts
--   removed  (gone from the target): dropped
--   altered  : each changed part becomes ALTER statements (columns, constraints, ...)
--   recreated: dropped and created again (views, aggregates, tables whose partitioning
--              changes, functions whose signature changes), together with the views
--              and SQL-standard routines that depend on it
--   rebuilt  : types in use (enum value removed, domain or composite changed) are
--              renamed away, created anew, the columns using them converted, then dropped
-- with what goes and comes back with them (views over changed columns, foreign keys of
-- kept tables on changed keys, parts naming a rebuilt type, sequences owned by a table
-- that is recreated), and the facts the statements are ordered by: the dependency
-- depth of what is created and dropped, from the graph each commit recorded
-- (_dep_order, a topological sort; cycles broken at a routine, as pg_dump does).
-- Stage 3 (59_emit.sql) turns the plan into statements.

-- One row of a plan (_migration_plan).  role says what the row is:
--   part            a part (blob) of an object the migration handles: old_c and new_c
--                   are its content in the source and the target tree (NULL: absent)
--   foreign_key     a foreign key of a kept table referencing what changes: dropped
--                   first, added back (new_c) at the end
--   typed_part      a part of a kept table naming a rebuilt type or a retyped column, or
--                   calling a recreated routine: dropped (at drop_phase), created again
--   routine_user    a part of a kept table calling a recreated routine (a column default)
--                   (drop_phase 11, also on typed_part and domain_user rows: it calls a
--                   routine made again among the views, an SQL-standard body: it goes
--                   before them and comes back after them, at 67)
--   inherit_again   an inheritance child whose inherited columns and checks become its own:
--                   NO INHERIT and INHERIT again the parent (new_c) they come through
--   domain_user     a check ("constraint <name>") or the default of a kept domain calling a
--                   recreated routine: dropped, set again (new_c) after it
--   owned_sequence  a sequence owned by a column of a table that goes: released, then
--                   owned again (new_c) unless its ownership changes anyway (keeps_owner)
--   typed_column    a column converted to a rebuilt type (new_c: its target definition)
--   adopted_index   a partition's index once its parent's (made ON ONLY) is valid: one
--                   recorded then, not attached, or made now (new_c: the statements)
-- Facts on the parts of whole objects (NULL when not known or not relevant):
-- create_ddl (a table created whole: CREATE TABLE with its columns), create_depth /
-- drop_depth (dependency depth among what is created / dropped; *_broken: a routine
-- that breaks a cycle), late_depth (objects removed after the columns), rebuilt_depth
-- (a rebuilt type's; 0 on a routine or cast removed that uses one: rebuilt_removed),
-- sig_* / body_* (a routine's signature or body names a table or view created or
-- going, or a routine added), renamed_in (a routine of the same name is added),
-- partitioned (the target table is partitioned), col_order (the target's columns).
-- On parts: drop_cascade (an index a partition's key is attached to), goes_with_part
-- (a comment or grant of a part dropped here), pre_exists / parent_key (a partition's
-- index attached to an index that already exists / to a key).
-- Only functions use it: recreated (with them) on every install.
-- (The type is made in 57_migration.sql, before _migration_steps declares a variable of it.)

-- The plan taking tree p_from to tree p_to: one row per part of each object handled,
-- and per part of other objects that goes and comes back with them (see
-- _migration_part).  No rows when the trees are equal.
CREATE OR REPLACE FUNCTION pggit_v0._migration_plan(p_from text, p_to text)
RETURNS SETOF pggit_v0._migration_part
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
-- The query below is large: planning it costs more than running it on small diffs.  Its
-- row estimates do not depend on the two tree shas, so one generic plan per session
-- serves every call (a custom plan would be made for each of the first five).
SET plan_cache_mode = force_generic_plan
SET join_collapse_limit = 1
AS $$
#variable_conflict use_column
BEGIN
    IF p_from IS NOT DISTINCT FROM p_to THEN
        RETURN;
    END IF;
    RETURN QUERY
    WITH RECURSIVE
    -- (the inlinable twin of _diff_trees: planned once a session with this statement;
    -- _diff_trees has a SET clause and was planned again at every call)
    d0 AS MATERIALIZED (SELECT * FROM _diff_trees_q(p_from, p_to)),
    -- tables detached from their partitioned parent, or attached to one, with nothing else
    -- of theirs changing but what DETACH / ATTACH PARTITION does (their parts on the plain
    -- side are exactly those PostgreSQL leaves or takes of the parent's: _partition_part):
    -- altered (ALTER TABLE ... DETACH / ATTACH PARTITION, _emit_alters), keeping their
    -- rows, instead of dropped and created; their other parts are left out of the plan
    move_cands AS MATERIALIZED (
        SELECT x.schema_name, x.obj_key, coalesce(po.parent, pn.parent) AS parent, po.parent IS NOT NULL AS detach
        FROM d0 x
        JOIN objects oo ON oo.sha = x.old_sha
        JOIN objects no ON no.sha = x.new_sha
        LEFT JOIN LATERAL _partition_of(oo.content) po ON true
        LEFT JOIN LATERAL _partition_of(no.content) pn ON true
        WHERE x.sub_key = 'definition' AND x.obj_key LIKE 'table %'
          AND strpos(oo.content || no.content, ' PARTITION OF ') > 0
          AND (po.plain = no.content OR pn.plain = oo.content)
    ),
    -- the parent's parts as the table has them (detached: the parent as it was; attached:
    -- as it is then)
    move_parts AS MATERIALIZED (
        SELECT mc.schema_name, mc.obj_key, v.sub_key, v.content
        FROM move_cands mc
        CROSS JOIN LATERAL parse_ident(mc.parent) pi
        JOIN fo pf ON pf.schema_name = pi[1] AND pf.obj_key = 'table ' || pi[2]
        JOIN t_o pt ON pt.schema_name = pf.schema_name AND pt.obj_key = pf.obj_key
        JOIN tree_entries e ON e.tree_sha = CASE WHEN mc.detach THEN pf.obj_tree ELSE pt.obj_tree END AND e.name <> 'depends'
        JOIN objects o ON o.sha = e.entry_sha
        CROSS JOIN LATERAL _partition_part(_key_name(mc.obj_key), _qname(mc.schema_name, mc.obj_key), e.name, o.content) v
        WHERE v.sub_key IS NOT NULL
          AND EXISTS (SELECT 1 FROM move_cands)   -- one-time filter
    ),
    part_moves AS MATERIALIZED (
        SELECT mc.schema_name, mc.obj_key,
               -- detached: the parent's keys and indexes it keeps that the target has not
               -- (dropped after: typed_parts)
               CASE WHEN mc.detach THEN ARRAY(
                   SELECT mp.sub_key FROM move_parts mp
                   WHERE mp.schema_name = mc.schema_name AND mp.obj_key = mc.obj_key
                     AND NOT EXISTS (SELECT 1 FROM d0 y WHERE y.schema_name = mc.schema_name AND y.obj_key = mc.obj_key
                                       AND y.sub_key = mp.sub_key)) END AS leftovers
        FROM move_cands mc
        WHERE EXISTS (SELECT 1 FROM move_parts mp WHERE mp.schema_name = mc.schema_name AND mp.obj_key = mc.obj_key)
          -- its changed parts are on its plain side and are the parent's (attached: the
          -- parent's it lacks are made, as clones)
          AND NOT EXISTS (
              SELECT 1 FROM d0 y
              WHERE y.schema_name = mc.schema_name AND y.obj_key = mc.obj_key AND y.sub_key <> 'definition'
                AND (CASE WHEN mc.detach THEN y.old_sha ELSE y.new_sha END IS NOT NULL
                     OR NOT EXISTS (SELECT 1 FROM move_parts mp JOIN objects o ON o.sha = coalesce(y.new_sha, y.old_sha)
                                    WHERE mp.schema_name = y.schema_name AND mp.obj_key = y.obj_key
                                      AND (mp.sub_key = y.sub_key AND mp.content = o.content
                                           -- a clone named after what the table was called
                                           -- then (renamed since: E5), the same otherwise
                                           OR (split_part(mp.sub_key, ' ', 1) = split_part(y.sub_key, ' ', 1)
                                               AND CASE split_part(y.sub_key, ' ', 1)
                                                       WHEN 'index' THEN _index_shape(mp.content) = _index_shape(o.content)
                                                       WHEN 'constraint'
                                                       THEN regexp_replace(mp.content, '^ALTER TABLE \S+ ADD CONSTRAINT \S+ ', '')
                                                            = regexp_replace(o.content, '^ALTER TABLE \S+ ADD CONSTRAINT \S+ ', '')
                                                       ELSE false END)))))
          -- attached, no index or key of its own is taken for one of the parent's (ATTACH
          -- takes a matching one instead of making the clone the target records)
          AND NOT (NOT mc.detach AND EXISTS (
              SELECT 1 FROM fo f
              JOIN tree_entries e ON e.tree_sha = f.obj_tree AND split_part(e.name, ' ', 1) IN ('index', 'constraint')
              JOIN objects o ON o.sha = e.entry_sha
              JOIN move_parts mp ON mp.schema_name = mc.schema_name AND mp.obj_key = mc.obj_key
                                AND split_part(mp.sub_key, ' ', 1) = split_part(e.name, ' ', 1) AND mp.sub_key <> e.name
              WHERE f.schema_name = mc.schema_name AND f.obj_key = mc.obj_key
                AND CASE WHEN e.name LIKE 'index %' THEN _index_shape(o.content) = _index_shape(mp.content)
                         ELSE regexp_replace(o.content, '^ALTER TABLE \S+ ADD CONSTRAINT \S+ ', '')
                              = regexp_replace(mp.content, '^ALTER TABLE \S+ ADD CONSTRAINT \S+ ', '') END))
          -- detached, it keeps every column of the parent's
          AND NOT (mc.detach AND EXISTS (
              SELECT 1 FROM move_parts mp
              WHERE mp.schema_name = mc.schema_name AND mp.obj_key = mc.obj_key
                AND (mp.sub_key = 'columns' OR mp.sub_key LIKE 'column %')
                AND NOT EXISTS (SELECT 1 FROM d0 y WHERE y.schema_name = mc.schema_name AND y.obj_key = mc.obj_key
                                  AND y.sub_key = mp.sub_key)))
          AND EXISTS (SELECT 1 FROM move_cands)   -- one-time filter
    ),
    -- tables given or losing a parent by plain inheritance (INHERITS), nothing else of
    -- their definition changing: ALTER TABLE ... INHERIT / NO INHERIT (_emit_alters),
    -- keeping their rows, instead of dropped and created (C15).  NO INHERIT makes the
    -- parent's columns and checks the table's own: those parts, new on the target, are
    -- compared with the parent's as the source has them (inh_fill).  INHERIT leaves the
    -- table's columns its own, so a target where a column is the parent's only (going
    -- back over a NO INHERIT) stays a drop and a create.
    inh_cands AS MATERIALIZED (
        SELECT x.schema_name, x.obj_key, _qname(x.schema_name, x.obj_key) AS q,
               ARRAY(SELECT unnest(_inherits(oo.content)) EXCEPT SELECT unnest(_inherits(no.content))) AS gone,
               ARRAY(SELECT unnest(_inherits(no.content)) EXCEPT SELECT unnest(_inherits(oo.content))) AS came
        FROM d0 x
        JOIN objects oo ON oo.sha = x.old_sha
        JOIN objects no ON no.sha = x.new_sha
        WHERE x.sub_key = 'definition' AND x.obj_key LIKE 'table %'
          AND strpos(oo.content || no.content, ' INHERITS (') > 0
          AND _without_inherits(oo.content) = _without_inherits(no.content)
    ),
    -- the parents a table leaves and their ancestors (source side), nearest first
    inh_anc(schema_name, obj_key, pq, depth, n) AS (
        SELECT ic.schema_name, ic.obj_key, g.pq, 0, g.n
        FROM inh_cands ic CROSS JOIN LATERAL unnest(ic.gone) WITH ORDINALITY AS g(pq, n)
      UNION
        SELECT a.schema_name, a.obj_key, u.pq, a.depth + 1, a.n
        FROM inh_anc a
        CROSS JOIN LATERAL parse_ident(a.pq) pi
        JOIN fo f ON f.schema_name = pi[1] AND f.obj_key = 'table ' || pi[2]
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        CROSS JOIN LATERAL unnest(_inherits(o.content)) AS u(pq)
        WHERE a.depth < 32
    ),
    -- the columns and constraints new on the target of a table leaving parents, and the
    -- part of that name of the nearest of those parents and their ancestors that has one
    inh_fill AS MATERIALIZED (
        SELECT y.schema_name, y.obj_key, y.sub_key, pe.entry_sha AS parent_sha, pc.c AS parent_c, pc.c = yn.content AS same,
               EXISTS (SELECT 1 FROM fo f JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = 'columns'
                       JOIN objects o ON o.sha = e.entry_sha
                       WHERE f.schema_name = y.schema_name AND f.obj_key = y.obj_key
                         AND substr(y.sub_key, 8) = ANY (string_to_array(o.content, E'\n'))) AS had_column
        FROM inh_cands ic
        JOIN d0 y ON y.schema_name = ic.schema_name AND y.obj_key = ic.obj_key AND y.old_sha IS NULL
                 AND y.new_sha IS NOT NULL AND (y.sub_key LIKE 'column %' OR y.sub_key LIKE 'constraint %')
        JOIN objects yn ON yn.sha = y.new_sha
        LEFT JOIN LATERAL (
            SELECT g.pq, e.entry_sha, o.content
            FROM inh_anc g
            CROSS JOIN LATERAL parse_ident(g.pq) pi
            JOIN fo f ON f.schema_name = pi[1] AND f.obj_key = 'table ' || pi[2]
            JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = y.sub_key
            JOIN objects o ON o.sha = e.entry_sha
            WHERE g.schema_name = y.schema_name AND g.obj_key = y.obj_key
            ORDER BY g.n, g.depth LIMIT 1) pe ON true
        CROSS JOIN LATERAL (SELECT CASE WHEN y.sub_key LIKE 'constraint %'
                                        THEN replace(pe.content, 'ALTER TABLE ' || pe.pq || ' ', 'ALTER TABLE ' || ic.q || ' ')
                                        ELSE pe.content END AS c) pc
        WHERE cardinality(ic.gone) > 0
    ),
    inh_moves AS MATERIALIZED (
        SELECT ic.schema_name, ic.obj_key FROM inh_cands ic
        WHERE cardinality(ic.gone) + cardinality(ic.came) > 0
          -- a column it had (inherited) is found on a parent it leaves; a constraint
          -- found there is the same
          AND NOT EXISTS (SELECT 1 FROM inh_fill f WHERE f.schema_name = ic.schema_name AND f.obj_key = ic.obj_key
                            AND CASE WHEN f.sub_key LIKE 'column %' THEN f.parent_sha IS NULL AND f.had_column
                                     ELSE f.parent_sha IS NOT NULL AND NOT f.same END)
          AND NOT (cardinality(ic.came) > 0
                   AND EXISTS (SELECT 1 FROM d0 y WHERE y.schema_name = ic.schema_name AND y.obj_key = ic.obj_key
                                 AND y.sub_key LIKE 'column %' AND y.new_sha IS NULL))
    ),
    -- Columns and checks an inheritance child holds as its own besides inheriting them
    -- (NO INHERIT then INHERIT makes every inherited column and check the child's own,
    -- attislocal; pg_dump then writes them in its CREATE TABLE) on one side only, its
    -- parents the same on both (N3): found on the target's ancestors of the table (nearest
    -- first; through: the parent it inherits them through).  Made its own (the target's):
    -- NO INHERIT and INHERIT that parent again, keeping the rows (inherit_again), instead
    -- of ADD COLUMN, which refuses; no longer its own: no DDL makes an inherited column
    -- the parent's only, so the table is dropped and created (forced_tables), as going
    -- back over a NO INHERIT is.
    inh_kept AS MATERIALIZED (
        SELECT DISTINCT x.schema_name, x.obj_key, _inherits(o.content) AS parents
        FROM d0 x
        JOIN fo f ON f.schema_name = x.schema_name AND f.obj_key = x.obj_key
        JOIN t_o t ON t.schema_name = x.schema_name AND t.obj_key = x.obj_key
        JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name = 'definition'
        JOIN tree_entries fe ON fe.tree_sha = f.obj_tree AND fe.name = 'definition' AND fe.entry_sha = e.entry_sha
        JOIN objects o ON o.sha = e.entry_sha
        WHERE x.obj_key LIKE 'table %' AND (x.sub_key LIKE 'column %' OR x.sub_key LIKE 'constraint %')
          AND (x.old_sha IS NULL) <> (x.new_sha IS NULL)
          AND strpos(o.content, ' INHERITS (') > 0
    ),
    inh_up(schema_name, obj_key, through, pq, depth) AS (
        SELECT ik.schema_name, ik.obj_key, p.pq, p.pq, 0 FROM inh_kept ik CROSS JOIN LATERAL unnest(ik.parents) AS p(pq)
      UNION
        SELECT a.schema_name, a.obj_key, a.through, u.pq, a.depth + 1
        FROM inh_up a
        CROSS JOIN LATERAL parse_ident(a.pq) pi
        JOIN t_o t ON t.schema_name = pi[1] AND t.obj_key = 'table ' || pi[2]
        JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        CROSS JOIN LATERAL unnest(_inherits(o.content)) AS u(pq)
        WHERE a.depth < 32
    ),
    inh_local AS MATERIALIZED (
        SELECT DISTINCT x.schema_name, x.obj_key, x.sub_key, x.new_sha IS NOT NULL AS made_own, a.through
        FROM d0 x
        JOIN inh_up a ON a.schema_name = x.schema_name AND a.obj_key = x.obj_key
        CROSS JOIN LATERAL parse_ident(a.pq) pi
        JOIN t_o t ON t.schema_name = pi[1] AND t.obj_key = 'table ' || pi[2]
        JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name = x.sub_key
        JOIN objects po ON po.sha = e.entry_sha
        JOIN objects xo ON xo.sha = coalesce(x.new_sha, x.old_sha)
        WHERE (x.old_sha IS NULL) <> (x.new_sha IS NULL)
          AND CASE WHEN x.sub_key LIKE 'column %' THEN (_col_parts(po.content)).type = (_col_parts(xo.content)).type
                   ELSE replace(po.content, 'ALTER TABLE ' || a.pq || ' ', 'ALTER TABLE ' || _qname(x.schema_name, x.obj_key) || ' ')
                        = xo.content END
    ),
    d AS MATERIALIZED (
        SELECT d0.schema_name, d0.obj_key, d0.sub_key,
               -- a column NO INHERIT makes the table's own: as the parent had it
               coalesce((SELECT f.parent_sha FROM inh_fill f JOIN inh_moves m ON m.schema_name = f.schema_name
                                                                          AND m.obj_key = f.obj_key
                         WHERE f.schema_name = d0.schema_name AND f.obj_key = d0.obj_key AND f.sub_key = d0.sub_key
                           AND f.sub_key LIKE 'column %'), d0.old_sha) AS old_sha,
               d0.new_sha
        FROM d0
        WHERE NOT (d0.sub_key <> 'definition'
                   AND EXISTS (SELECT 1 FROM part_moves pm WHERE pm.schema_name = d0.schema_name AND pm.obj_key = d0.obj_key))
          -- parts NO INHERIT makes the table's own as the target has them
          AND NOT EXISTS (SELECT 1 FROM inh_fill f JOIN inh_moves m ON m.schema_name = f.schema_name AND m.obj_key = f.obj_key
                          WHERE f.schema_name = d0.schema_name AND f.obj_key = d0.obj_key AND f.sub_key = d0.sub_key
                            AND f.same)
          -- inherited parts made the table's own by inherit_again
          AND NOT EXISTS (SELECT 1 FROM inh_local il WHERE il.schema_name = d0.schema_name AND il.obj_key = d0.obj_key
                            AND il.sub_key = d0.sub_key AND il.made_own)
    ),
    changed0 AS MATERIALIZED (SELECT * FROM _changed_objects(p_from, p_to)),
    -- servers dropped and created again (their type or wrapper changes): DROP SERVER
    -- refuses under their user mappings and foreign tables, which therefore go and come
    -- back with them (foreign tables by the edge their commit recorded, else by the
    -- SERVER clause of their definition)
    moved_servers AS MATERIALIZED (
        SELECT quote_ident(_key_name(c.obj_key)) AS q
        FROM changed0 c
        JOIN old_def od ON od.schema_name = c.schema_name AND od.obj_key = c.obj_key
        JOIN new_def nd ON nd.schema_name = c.schema_name AND nd.obj_key = c.obj_key
        WHERE _key_kind(c.obj_key) = 'server' AND NOT _server_kept(od.content, nd.content)
          -- one-time filter: else, both sides estimated at a row, every changed object was
          -- scanned once per object of the source (a whole schema going back to the empty
          -- tree: 29 million rows, 21 s, at 4,000 tables)
          AND EXISTS (SELECT 1 FROM changed0 c0 WHERE _key_kind(c0.obj_key) = 'server')
    ),
    server_users AS (
        SELECT f.schema_name, f.obj_key, f.bucket, f.obj_tree AS old_tree, t.obj_tree AS new_tree
        FROM fo f
        JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key
        WHERE _key_kind(f.obj_key) IN ('user_mapping', 'foreign_table')
          AND NOT EXISTS (SELECT 1 FROM changed0 c WHERE c.schema_name = f.schema_name AND c.obj_key = f.obj_key)
          AND EXISTS (
              SELECT 1 FROM moved_servers ms
              WHERE CASE WHEN _key_kind(f.obj_key) = 'user_mapping'
                         THEN right(_key_name(f.obj_key), length(ms.q) + 1) = '@' || ms.q
                         WHEN EXISTS (SELECT 1 FROM tree_entries e WHERE e.tree_sha = f.obj_tree AND e.name = 'depends')
                         THEN EXISTS (SELECT 1 FROM _tree_deps(ARRAY[f.obj_tree]) r
                                      WHERE r.ref_schema = 'pg_database' AND _key_kind(r.ref_key) = 'server'
                                        AND quote_ident(_key_name(r.ref_key)) = ms.q)
                         ELSE EXISTS (SELECT 1 FROM tree_entries e JOIN objects o ON o.sha = e.entry_sha
                                      WHERE e.tree_sha = f.obj_tree AND e.name = 'definition'
                                        AND o.content ~ (' SERVER ' || _re_quote(ms.q) || '([ ;\n]|$)')) END)
          AND EXISTS (SELECT 1 FROM moved_servers)   -- one-time filter
    ),
    changed AS MATERIALIZED (
        SELECT c.*, false AS on_server FROM changed0 c
        UNION ALL
        SELECT u.*, true FROM server_users u
    ),
    -- every object of both trees: only read when dependants must be looked for
    fo AS MATERIALIZED (SELECT * FROM _tree_objects(p_from)),
    t_o AS MATERIALIZED (SELECT * FROM _tree_objects(p_to)),
    -- the source's view-like objects: views and materialized views, SQL routines with an
    -- SQL-standard body, RETURN or BEGIN ATOMIC (bound to what they read when created,
    -- like views), publications (a table dropped and created again leaves them: they
    -- are created again after it), and statistics objects (DROP COLUMN and DROP TABLE
    -- take them along, DROP FUNCTION refuses under their expressions: N1, N5).  Only
    -- those that may depend, transitively, on a root (dep_roots, col_changes) are read:
    -- found level by level through the reverse index of recorded dependencies (dep_refs,
    -- then the object trees holding those blobs); objects recorded before dependencies
    -- were (no "depends" blob) are read too, and count as roots themselves (what depends
    -- on them is found by the walk below).
    view_like AS MATERIALIZED (
        SELECT f.schema_name, f.obj_key, f.obj_tree,
               NOT EXISTS (SELECT 1 FROM tree_entries d WHERE d.tree_sha = f.obj_tree AND d.name = 'depends') AS unrecorded
        FROM fo f
        WHERE _key_kind(f.obj_key) IN ('view', 'materialized_view', 'publication', 'statistics', 'function', 'procedure')
          AND (EXISTS (SELECT 1 FROM dep_roots) OR EXISTS (SELECT 1 FROM col_changes))   -- one-time filter: no roots, no scan
    ),
    view_reach(schema_name, obj_key) AS (
        SELECT r.schema_name, r.obj_key FROM dep_roots r
        UNION SELECT cc.schema_name, cc.obj_key FROM col_changes cc
        UNION SELECT vl.schema_name, vl.obj_key FROM view_like vl WHERE vl.unrecorded
      UNION
        SELECT vl.schema_name, vl.obj_key
        FROM view_reach r
        JOIN dep_refs x ON x.ref_schema = r.schema_name AND x.ref_key = r.obj_key
        JOIN tree_entries e ON e.entry_sha = x.blob_sha AND e.name = 'depends'
        JOIN view_like vl ON vl.obj_tree = e.tree_sha
    ),
    -- (many roots, a whole schema going or coming: every view-like object, without the
    -- walk, whose joins the planner nests expecting few rows)
    many_roots AS MATERIALIZED (
        SELECT (SELECT count(*) FROM dep_roots) + (SELECT count(*) FROM col_changes) > 64 AS yes
    ),
    reached AS MATERIALIZED (
        SELECT vl.schema_name, vl.obj_key, vl.obj_tree
        FROM view_like vl JOIN (SELECT DISTINCT r.schema_name, r.obj_key FROM view_reach r) r
                                ON r.schema_name = vl.schema_name AND r.obj_key = vl.obj_key
        WHERE NOT (SELECT m.yes FROM many_roots m)
        UNION ALL
        SELECT vl.schema_name, vl.obj_key, vl.obj_tree FROM view_like vl
        WHERE (SELECT m.yes FROM many_roots m)
    ),
    views AS MATERIALIZED (
        SELECT vl.schema_name, vl.obj_key, 'from'::text AS side, o.content AS def, vl.obj_tree
        FROM reached vl
        JOIN tree_entries e ON e.tree_sha = vl.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        WHERE _key_kind(vl.obj_key) IN ('view', 'materialized_view', 'publication', 'statistics')
           OR (_key_kind(vl.obj_key) IN ('function', 'procedure') AND _sql_body(o.content))
    ),
    old_def AS (SELECT d.schema_name, d.obj_key, o.content FROM d JOIN objects o ON o.sha = d.old_sha
                WHERE d.sub_key = 'definition'),
    new_def AS (SELECT d.schema_name, d.obj_key, o.content FROM d JOIN objects o ON o.sha = d.new_sha
                WHERE d.sub_key = 'definition'),
    -- how each changed object is handled
    status AS (
        SELECT c.schema_name, c.obj_key, _key_kind(c.obj_key) AS kind, c.old_tree, c.new_tree,
               CASE
                 WHEN c.old_tree IS NULL THEN 'added'
                 WHEN c.new_tree IS NULL THEN 'removed'
                 WHEN c.on_server THEN 'recreated'
                 -- a partitioned table a column of whose partition key changes type:
                 -- PostgreSQL cannot alter that column (42P16), so the table is dropped and
                 -- created again, with its partitions (a drop: guarded)
                 WHEN _key_kind(c.obj_key) = 'table'
                      AND EXISTS (SELECT 1 FROM col_changes0 cc
                                  JOIN tree_entries e ON e.tree_sha = c.old_tree AND e.name = 'definition'
                                  JOIN objects o ON o.sha = e.entry_sha
                                  WHERE cc.schema_name = c.schema_name AND cc.obj_key = c.obj_key AND cc.retyped
                                    AND strpos(o.content, ' PARTITION BY ') > 0
                                    AND substring(o.content FROM ' PARTITION BY [A-Z]+ \((.*)\)')
                                        ~ _word_re(quote_ident(substr(cc.sub_key, 8)), true))
                      THEN 'recreated'
                 WHEN od.content IS NULL THEN 'altered'
                 -- text search objects keeping their parser or template: altered in place
                 -- (indexes and columns may depend on them)
                 WHEN _key_kind(c.obj_key) IN ('text_search_dictionary', 'text_search_configuration')
                      AND substring(od.content FROM '\((?:PARSER|TEMPLATE) = [^,)]+') = substring(nd.content FROM '\((?:PARSER|TEMPLATE) = [^,)]+')
                      THEN 'altered'
                 -- foreign-data wrappers, user mappings, servers keeping their type and
                 -- wrapper, operator families keeping their method: altered in place (ALTER
                 -- ... OPTIONS, ADD/DROP members), so what uses them stays
                 WHEN _key_kind(c.obj_key) IN ('foreign_data_wrapper', 'user_mapping') THEN 'altered'
                 WHEN _key_kind(c.obj_key) = 'server' AND _server_kept(od.content, nd.content) THEN 'altered'
                 WHEN _key_kind(c.obj_key) = 'operator_family'
                      AND split_part(od.content, E'\n', 1) = split_part(nd.content, E'\n', 1) THEN 'altered'
                 WHEN _key_kind(c.obj_key) IN ('view', 'materialized_view', 'aggregate', 'collation', 'operator', 'statistics',
                                               'text_search_dictionary', 'text_search_configuration',
                                               'operator_family', 'operator_class', 'cast', 'conversion', 'text_search_parser',
                                               'text_search_template', 'server', 'foreign_table', 'event_trigger', 'publication',
                                               'subscription', 'default_privileges', 'security_label') THEN 'recreated'
                 WHEN _key_kind(c.obj_key) = 'type' AND od.content LIKE '% AS RANGE %' THEN 'recreated'
                 WHEN _key_kind(c.obj_key) = 'type' AND od.content LIKE '% AS ENUM %'
                      AND _enum_labels(od.content) = ARRAY(SELECT l FROM unnest(_enum_labels(nd.content)) l
                                                           WHERE l = ANY (_enum_labels(od.content)))
                      -- ADD VALUE only when no other change uses a new label: a value added
                      -- in a transaction cannot be used before it commits (55P04)
                      AND NOT EXISTS (
                          SELECT 1 FROM unnest(_enum_labels(nd.content)) AS l
                          JOIN d d2 ON d2.new_sha IS NOT NULL AND NOT (d2.schema_name = c.schema_name AND d2.obj_key = c.obj_key)
                          JOIN objects o2 ON o2.sha = d2.new_sha
                          WHERE NOT l = ANY (_enum_labels(od.content))
                            AND (strpos(o2.content, quote_literal(l) || '::' || _qname(c.schema_name, c.obj_key)) > 0
                                 -- (a partition's bound names the label without a cast, AA2)
                                 OR (strpos(o2.content, ' FOR VALUES ') > 0
                                     AND strpos(substr(o2.content, strpos(o2.content, ' FOR VALUES ')), quote_literal(l)) > 0)))
                      THEN 'altered'
                 -- a composite type that only gains attributes at its end: ALTER TYPE ... ADD
                 -- ATTRIBUTE, which keeps the values of columns using it
                 WHEN _key_kind(c.obj_key) = 'type' AND od.content ~ '^CREATE TYPE .* AS \(' AND nd.content ~ '^CREATE TYPE .* AS \('
                      AND cardinality(_comp_attrs(nd.content)) > cardinality(_comp_attrs(od.content))
                      AND (_comp_attrs(nd.content))[1:cardinality(_comp_attrs(od.content))] = _comp_attrs(od.content)
                      THEN 'altered'
                 -- a domain keeping its type and collation: altered in place (ALTER DOMAIN
                 -- ... DEFAULT, NOT NULL, DROP/ADD CONSTRAINT), its columns left as they are
                 WHEN _key_kind(c.obj_key) = 'domain'
                      AND (_domain_parts(od.content)).base = (_domain_parts(nd.content)).base THEN 'altered'
                 WHEN _key_kind(c.obj_key) IN ('type', 'domain') THEN 'rebuilt'
                 WHEN _key_kind(c.obj_key) IN ('function', 'procedure')
                      AND split_part(od.content, E'\n', 1) || split_part(od.content, E'\n', 2)
                          <> split_part(nd.content, E'\n', 1) || split_part(nd.content, E'\n', 2) THEN 'recreated'
                 WHEN EXISTS (SELECT 1 FROM part_moves pm WHERE pm.schema_name = c.schema_name AND pm.obj_key = c.obj_key)
                      OR EXISTS (SELECT 1 FROM inh_moves im WHERE im.schema_name = c.schema_name AND im.obj_key = c.obj_key)
                      THEN 'altered'
                 WHEN _key_kind(c.obj_key) = 'table'
                      AND regexp_replace(regexp_replace(od.content, '(?<!FOR VALUES) WITH \([^()]*\);$', ';'), '^CREATE UNLOGGED ', 'CREATE ')
                          <> regexp_replace(regexp_replace(nd.content, '(?<!FOR VALUES) WITH \([^()]*\);$', ';'), '^CREATE UNLOGGED ', 'CREATE ')
                      THEN 'recreated'
                 WHEN _key_kind(c.obj_key) = 'extension'
                      AND substring(od.content FROM 'WITH SCHEMA (.*) VERSION') <> substring(nd.content FROM 'WITH SCHEMA (.*) VERSION')
                      THEN 'recreated'
                 ELSE 'altered' END AS how
        FROM changed c
        LEFT JOIN old_def od ON od.schema_name = c.schema_name AND od.obj_key = c.obj_key
        LEFT JOIN new_def nd ON nd.schema_name = c.schema_name AND nd.obj_key = c.obj_key
    ),
    -- tables whose columns change type or disappear: views reading them are recreated
    -- (in_place: changed by ALTER COLUMN, not dropped and added again)
    col_changes0 AS MATERIALIZED (   -- one row per such column (retyped: it is still there)
        SELECT d.schema_name, d.obj_key, d.sub_key, d.new_sha IS NOT NULL AS retyped,
               d.new_sha IS NOT NULL AND NOT (strpos(no.content, ' GENERATED ALWAYS AS (') > 0
                                              AND (_col_parts(oo.content)).generated
                                                  IS DISTINCT FROM (_col_parts(no.content)).generated) AS in_place
        FROM d
        LEFT JOIN objects oo ON oo.sha = d.old_sha
        LEFT JOIN objects no ON no.sha = d.new_sha
        WHERE d.sub_key LIKE 'column %' AND d.old_sha IS NOT NULL
          AND (d.new_sha IS NULL OR (_col_parts(oo.content)).type IS DISTINCT FROM (_col_parts(no.content)).type
               OR (_col_parts(oo.content)).coll IS DISTINCT FROM (_col_parts(no.content)).coll
               -- a generated column whose expression changes is dropped and added again
               OR (strpos(no.content, ' GENERATED ALWAYS AS (') > 0
                   AND (_col_parts(oo.content)).generated IS DISTINCT FROM (_col_parts(no.content)).generated))
    ),
    -- generated columns, unchanged, of kept tables, whose expression reads a column whose
    -- type changes: PostgreSQL refuses the change under them (0A000), and cannot change a
    -- generated expression in place before version 17, so they are dropped before it and
    -- added back after (recomputed: no value is lost), with the indexes and constraints
    -- naming them (typed_parts); they count as changed columns (views reading them go too).
    -- drop_phase: when they go (41, with the type changes; 24, before the routine they
    -- call goes: gen_callers)
    gen_readers AS MATERIALIZED (
        SELECT g.schema_name, g.obj_key, g.sub_key, g.new_c, min(g.drop_phase) AS drop_phase
        FROM (
        SELECT DISTINCT f.schema_name, f.obj_key, e.name AS sub_key, tn.content AS new_c, 41 AS drop_phase
        FROM (SELECT DISTINCT cc.schema_name, cc.obj_key FROM col_changes0 cc WHERE cc.retyped) ct
        JOIN fo f ON f.schema_name = ct.schema_name AND f.obj_key = ct.obj_key
        JOIN t_o t ON t.schema_name = ct.schema_name AND t.obj_key = ct.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name LIKE 'column %'
        JOIN objects o ON o.sha = e.entry_sha
        JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = e.name AND te.entry_sha = e.entry_sha
        JOIN objects tn ON tn.sha = te.entry_sha
        WHERE strpos(o.content, ' GENERATED ALWAYS AS (') > 0
          AND EXISTS (SELECT 1 FROM col_changes0 cc
                      WHERE cc.retyped AND cc.schema_name = f.schema_name AND cc.obj_key = f.obj_key
                        AND (_col_parts(o.content)).generated ~ _word_re(quote_ident(substr(cc.sub_key, 8)), true))
          AND EXISTS (SELECT 1 FROM col_changes0 cc WHERE cc.retyped)   -- one-time filter
        UNION
        -- likewise generated columns, unchanged, of a rebuilt type (typed_gen_cols):
        -- PostgreSQL converts none in place (DROP DEFAULT, USING: 42P16, L5)
        SELECT g.schema_name, g.obj_key, g.sub_key, g.col_def, 41 FROM typed_gen_cols g
        UNION
        -- and those calling a routine the migration drops and makes again (N1): DROP
        -- FUNCTION refuses under them
        SELECT g.schema_name, g.obj_key, g.sub_key, g.new_c, 24 FROM gen_callers g
        ) g
        GROUP BY g.schema_name, g.obj_key, g.sub_key, g.new_c
    ),
    col_changes AS (
        -- (drop_phase: when what reads them goes; a generated column whose expression
        -- changes is dropped with the columns, at 20: a policy, trigger or rule reading it
        -- goes before, with theirs, N5)
        SELECT cc.schema_name, cc.obj_key, cc.sub_key, cc.retyped, cc.in_place,
               CASE WHEN cc.retyped AND NOT cc.in_place THEN 10 ELSE 41 END AS drop_phase
        FROM col_changes0 cc
        UNION ALL SELECT g.schema_name, g.obj_key, g.sub_key, true, false, g.drop_phase FROM gen_readers g
    ),
    -- routines the migration drops (removed, or dropped and made again), as the changes
    -- and the rebuilt types tell (not those made again because a view they read is: see
    -- routine_users, which reads the plan)
    dropped_routines AS MATERIALIZED (
        SELECT s.schema_name, s.obj_key FROM status s
        WHERE s.kind IN ('function', 'procedure', 'aggregate') AND s.how IN ('recreated', 'removed')
        UNION
        SELECT rd.schema_name, rd.obj_key FROM routine_deps rd WHERE _key_kind(rd.obj_key) <> 'cast'
    ),
    -- the columns and definitions of the source's tables that call one of them: by their
    -- recorded edges (the trees found through the reverse index, dep_refs), else, for
    -- trees recorded before edges were, by the name their text holds
    early_calls AS MATERIALIZED (
        SELECT DISTINCT f.schema_name, f.obj_key, r.part
        FROM _tree_deps(ARRAY(SELECT DISTINCT e.tree_sha FROM dropped_routines dr
                              JOIN dep_refs x ON x.ref_schema = dr.schema_name AND x.ref_key = dr.obj_key
                              JOIN tree_entries e ON e.entry_sha = x.blob_sha AND e.name = 'depends')) r
        JOIN dropped_routines dr ON dr.schema_name = r.ref_schema AND dr.obj_key = r.ref_key
        JOIN fo f ON f.obj_tree = r.obj_tree AND _key_kind(f.obj_key) = 'table'
        WHERE r.part LIKE 'column %' OR r.part = 'definition'
        UNION
        SELECT f.schema_name, f.obj_key, e.name
        FROM fo f
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND (e.name LIKE 'column %' OR e.name = 'definition')
        JOIN objects o ON o.sha = e.entry_sha
        WHERE _key_kind(f.obj_key) = 'table'
          AND NOT EXISTS (SELECT 1 FROM tree_entries d WHERE d.tree_sha = f.obj_tree AND d.name = 'depends')
          AND EXISTS (SELECT 1 FROM dropped_routines dr WHERE strpos(o.content, _refname(dr.schema_name, dr.obj_key)) > 0)
          AND EXISTS (SELECT 1 FROM dropped_routines)   -- one-time filter
    ),
    -- generated columns, the same on both sides, of kept tables, calling such a routine:
    -- dropped before it and added back after (gen_readers)
    gen_callers AS MATERIALIZED (
        SELECT ec.schema_name, ec.obj_key, ec.part AS sub_key, o.content AS new_c
        FROM early_calls ec
        JOIN fo f ON f.schema_name = ec.schema_name AND f.obj_key = ec.obj_key
        JOIN t_o t ON t.schema_name = ec.schema_name AND t.obj_key = ec.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = ec.part
        JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = e.name AND te.entry_sha = e.entry_sha
        JOIN objects o ON o.sha = e.entry_sha
        WHERE ec.part LIKE 'column %' AND strpos(o.content, ' GENERATED ALWAYS AS (') > 0
          AND NOT EXISTS (SELECT 1 FROM status s WHERE s.schema_name = ec.schema_name AND s.obj_key = ec.obj_key
                            AND s.how IN ('removed', 'recreated'))
    ),
    -- Tables the migration drops and creates again that the changes alone do not say:
    -- partitioned tables, kept, whose partition key calls a routine it drops (PostgreSQL
    -- cannot change a partition key, and DROP FUNCTION refuses under it: in the history
    -- too the table went with the routine), and the partitions, kept, of a partitioned
    -- table dropped and created again (DROP TABLE takes them along), through every level.
    -- Their rows are lost: announced and guarded as any table dropped.
    forced_walk(schema_name, obj_key, q, old_tree, new_tree, depth, forced) AS (
        SELECT f.schema_name, f.obj_key, _qname(f.schema_name, f.obj_key), f.obj_tree, t.obj_tree, 0, true
        FROM (SELECT DISTINCT ec.schema_name, ec.obj_key FROM early_calls ec WHERE ec.part = 'definition') ec
        JOIN fo f ON f.schema_name = ec.schema_name AND f.obj_key = ec.obj_key
        JOIN t_o t ON t.schema_name = ec.schema_name AND t.obj_key = ec.obj_key
        JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        WHERE strpos(o.content, ' PARTITION BY ') > 0
          AND NOT EXISTS (SELECT 1 FROM status s WHERE s.schema_name = ec.schema_name AND s.obj_key = ec.obj_key
                            AND s.how IN ('removed', 'recreated'))
        UNION
        SELECT f.schema_name, f.obj_key, _qname(f.schema_name, f.obj_key), f.obj_tree, t.obj_tree, 0, true
        FROM (SELECT DISTINCT il.schema_name, il.obj_key FROM inh_local il
              WHERE NOT il.made_own AND il.sub_key LIKE 'column %') il
        JOIN fo f ON f.schema_name = il.schema_name AND f.obj_key = il.obj_key
        JOIN t_o t ON t.schema_name = il.schema_name AND t.obj_key = il.obj_key
        WHERE NOT EXISTS (SELECT 1 FROM status s WHERE s.schema_name = il.schema_name AND s.obj_key = il.obj_key
                            AND s.how IN ('removed', 'recreated'))
        UNION
        SELECT s.schema_name, s.obj_key, _qname(s.schema_name, s.obj_key), NULL, NULL, 0, false
        FROM status s WHERE s.kind = 'table' AND s.how = 'recreated'
      UNION
        SELECT f.schema_name, f.obj_key, _qname(f.schema_name, f.obj_key), f.obj_tree, t.obj_tree, p.depth + 1, true
        FROM forced_walk p
        JOIN fo f ON _key_kind(f.obj_key) = 'table'
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key
        JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = 'definition'
        JOIN objects tn ON tn.sha = te.entry_sha
        WHERE strpos(o.content, ' PARTITION OF ' || p.q || ' ') > 0 AND strpos(tn.content, ' PARTITION OF ' || p.q || ' ') > 0
          AND NOT EXISTS (SELECT 1 FROM status s WHERE s.schema_name = f.schema_name AND s.obj_key = f.obj_key
                            AND s.how IN ('removed', 'recreated'))
          AND p.depth < 10
          -- (one-time filter: the recursive term runs once even when the first finds nothing)
          AND (EXISTS (SELECT 1 FROM status s2 WHERE s2.kind = 'table' AND s2.how = 'recreated')
               OR EXISTS (SELECT 1 FROM early_calls ec2 WHERE ec2.part = 'definition')
               OR EXISTS (SELECT 1 FROM inh_local il2 WHERE NOT il2.made_own))
    ),
    forced_tables AS MATERIALIZED (
        SELECT DISTINCT w.schema_name, w.obj_key, w.old_tree, w.new_tree FROM forced_walk w WHERE w.forced
    ),
    -- views depending (transitively, by name) on recreated, rebuilt or removed objects
    -- or on tables whose columns change
    dep_roots AS (
        SELECT s.schema_name, s.obj_key FROM status s WHERE s.how IN ('recreated', 'rebuilt', 'removed')
        UNION SELECT tcl.schema_name, tcl.obj_key FROM typed_cols tcl   -- columns converted to a rebuilt type
        UNION SELECT r.schema_name, r.obj_key FROM rebuilt r
        UNION SELECT ft.schema_name, ft.obj_key FROM forced_tables ft
    ),
    -- tables whose columns change, with the names of those columns: only views reading
    -- one of them (or whole rows: "t.*") are recreated, not every view on the table
    col_roots AS (
        SELECT cc.schema_name, cc.obj_key, _qname(cc.schema_name, cc.obj_key) AS q,
               array_agg(quote_ident(substr(cc.sub_key, 8))) AS cols
        FROM col_changes cc GROUP BY cc.schema_name, cc.obj_key
    ),
    -- what each view (source side) depends on: the objects and columns its commit
    -- recorded (pg_depend's view of it), else the qualified names its definition
    -- mentions, found once per view and joined by name (testing every root against every
    -- view was quadratic)
    view_deps AS MATERIALIZED (
        SELECT v.schema_name, v.obj_key, r.ref_schema, r.ref_key, r.ref_column
        FROM views v JOIN _tree_deps(ARRAY(SELECT v2.obj_tree FROM views v2 WHERE v2.side = 'from')) r ON r.obj_tree = v.obj_tree
        WHERE v.side = 'from' AND r.part = 'definition'
    ),
    view_mentions AS MATERIALIZED (
        SELECT DISTINCT v.schema_name, v.obj_key, m.name
        FROM views v CROSS JOIN LATERAL _qualified_names(v.def) m(name)
        WHERE v.side = 'from'
          AND NOT EXISTS (SELECT 1 FROM tree_entries e WHERE e.tree_sha = v.obj_tree AND e.name = 'depends')
    ),
    first_dependants AS (
        SELECT vm.schema_name, vm.obj_key
        FROM view_mentions vm JOIN dep_roots r ON vm.name = rtrim(_refname(r.schema_name, r.obj_key), '(')
        WHERE (vm.schema_name, vm.obj_key) <> (r.schema_name, r.obj_key)
        UNION
        SELECT vm.schema_name, vm.obj_key
        FROM view_mentions vm
        JOIN col_roots cr ON vm.name = cr.q
        JOIN views v ON v.side = 'from' AND v.schema_name = vm.schema_name AND v.obj_key = vm.obj_key
        WHERE v.def ~ '\.\*' OR EXISTS (SELECT 1 FROM unnest(cr.cols) c WHERE v.def ~ _word_re(c, true))
        UNION   -- recorded: depends on a root, or on one of the columns that change
        SELECT vd.schema_name, vd.obj_key
        FROM view_deps vd JOIN dep_roots r ON r.schema_name = vd.ref_schema AND r.obj_key = vd.ref_key
        WHERE (vd.schema_name, vd.obj_key) <> (r.schema_name, r.obj_key)
        UNION
        SELECT vd.schema_name, vd.obj_key
        FROM view_deps vd JOIN col_changes cc ON cc.schema_name = vd.ref_schema AND cc.obj_key = vd.ref_key
                                              -- (no column: the whole row, "SELECT t FROM t")
                                              AND (cc.sub_key = vd.ref_column OR vd.ref_column = '')
        -- (a statistics object follows a column changed in place: ALTER COLUMN ... TYPE
        -- makes it again itself)
        WHERE NOT (cc.in_place AND _key_kind(vd.obj_key) = 'statistics')
    ),
    -- both kinds of edges by the name others mention an object by, for the walk below
    -- (one join per level, by hash)
    view_edges AS MATERIALIZED (
        SELECT vm.schema_name, vm.obj_key, vm.name FROM view_mentions vm
        UNION
        SELECT vd.schema_name, vd.obj_key, rtrim(_refname(vd.ref_schema, vd.ref_key), '(') FROM view_deps vd
    ),
    dependants(schema_name, obj_key, depth) AS (
        SELECT f.schema_name, f.obj_key, 1 FROM first_dependants f
      UNION
        SELECT ve.schema_name, ve.obj_key, dp.depth + 1
        FROM dependants dp JOIN view_edges ve ON ve.name = rtrim(_refname(dp.schema_name, dp.obj_key), '(')
        WHERE (ve.schema_name, ve.obj_key) <> (dp.schema_name, dp.obj_key) AND dp.depth < 20
    ),
    plan AS MATERIALIZED (   -- one row per object to handle, with its blob trees
        SELECT s.schema_name, s.obj_key, s.kind, s.old_tree, s.new_tree,
               CASE WHEN s.how = 'altered' AND EXISTS (SELECT 1 FROM routine_deps rd
                        WHERE rd.schema_name = s.schema_name AND rd.obj_key = s.obj_key)
                    THEN 'recreated'
                    WHEN s.how = 'altered' AND EXISTS (SELECT 1 FROM rebuilt r
                        WHERE r.schema_name = s.schema_name AND r.obj_key = s.obj_key)
                    THEN 'rebuilt'
                    -- a view whose text stays but which is bound to another object now (a
                    -- routine replaced by an overload of that name): created again; so is
                    -- an SQL-standard routine calling one that is (its text changes with
                    -- the callee's result type: CREATE OR REPLACE cannot come before the
                    -- callee's DROP, which refuses under it, N1)
                    WHEN s.how = 'altered' AND s.kind IN ('view', 'materialized_view', 'function', 'procedure')
                         AND EXISTS (SELECT 1 FROM dependants dp WHERE dp.schema_name = s.schema_name AND dp.obj_key = s.obj_key)
                    THEN 'recreated'
                    WHEN s.how = 'altered' AND EXISTS (SELECT 1 FROM forced_tables ft
                        WHERE ft.schema_name = s.schema_name AND ft.obj_key = s.obj_key)
                    THEN 'recreated' ELSE s.how END
        FROM status s
        UNION ALL
        SELECT ft.schema_name, ft.obj_key, 'table', ft.old_tree, ft.new_tree, 'recreated'
        FROM forced_tables ft
        WHERE NOT EXISTS (SELECT 1 FROM status s WHERE s.schema_name = ft.schema_name AND s.obj_key = ft.obj_key)
        UNION ALL
        SELECT rd.schema_name, rd.obj_key, _key_kind(rd.obj_key), rd.old_tree, rd.new_tree, 'recreated'
        FROM routine_deps rd
        WHERE NOT EXISTS (SELECT 1 FROM status s WHERE s.schema_name = rd.schema_name AND s.obj_key = rd.obj_key)
        UNION ALL
        SELECT r.schema_name, r.obj_key, _key_kind(r.obj_key), f.obj_tree, t.obj_tree, 'rebuilt'
        FROM rebuilt r
        JOIN fo f ON f.schema_name = r.schema_name AND f.obj_key = r.obj_key
        JOIN t_o t ON t.schema_name = r.schema_name AND t.obj_key = r.obj_key
        WHERE r.depth > 0
          -- (one changed itself is above: altered ones are rebuilt there)
          AND NOT EXISTS (SELECT 1 FROM status s WHERE s.schema_name = r.schema_name AND s.obj_key = r.obj_key)
          AND EXISTS (SELECT 1 FROM status s WHERE s.how = 'rebuilt')   -- one-time filter
        UNION ALL
        SELECT DISTINCT dp.schema_name, dp.obj_key, _key_kind(dp.obj_key), f.obj_tree, t.obj_tree, 'recreated'
        FROM dependants dp
        JOIN fo f ON f.schema_name = dp.schema_name AND f.obj_key = dp.obj_key
        JOIN t_o t ON t.schema_name = dp.schema_name AND t.obj_key = dp.obj_key
        WHERE NOT EXISTS (SELECT 1 FROM status s WHERE s.schema_name = dp.schema_name AND s.obj_key = dp.obj_key)
          -- (an SQL-standard routine using a rebuilt type is one of those above: once)
          AND NOT EXISTS (SELECT 1 FROM routine_deps rd WHERE rd.schema_name = dp.schema_name AND rd.obj_key = dp.obj_key)
    ),
    ob AS MATERIALIZED (SELECT * FROM _object_tree_blobs(ARRAY(SELECT p.old_tree FROM plan p WHERE p.old_tree IS NOT NULL))),
    nb AS MATERIALIZED (SELECT * FROM _object_tree_blobs(ARRAY(SELECT p.new_tree FROM plan p WHERE p.new_tree IS NOT NULL))),
    -- blob pairs of each planned object: for altered objects only changed blobs, for the
    -- others every blob of the side(s) concerned
    -- the part keys of each planned object on either side (joined by hash: a subquery per
    -- object scanned every blob of every object, quadratic on whole schemas)
    pp_keys AS MATERIALIZED (
        SELECT p.schema_name, p.obj_key, x.sub_key FROM plan p JOIN ob x ON x.obj_tree = p.old_tree
        UNION
        SELECT p.schema_name, p.obj_key, y.sub_key FROM plan p JOIN nb y ON y.obj_tree = p.new_tree
    ),
    pp AS MATERIALIZED (
        SELECT p.schema_name, p.obj_key, p.kind, p.how, k.sub_key, coalesce(o.content, ih.parent_c) AS old_c, n.content AS new_c,
               _qname(p.schema_name, p.obj_key) AS q, p.old_tree, p.new_tree,
               -- a routine's signature (what must exist to create it), computed once here
               CASE WHEN p.kind IN ('function', 'procedure', 'aggregate') AND k.sub_key = 'definition'
                    THEN _routine_signature(o.content) END AS old_sig,
               CASE WHEN p.kind IN ('function', 'procedure', 'aggregate') AND k.sub_key = 'definition'
                    THEN _routine_signature(n.content) END AS new_sig,
               -- whether the part needs its object's facts (with_facts below): definitions,
               -- and the columns and constraints of altered tables
               k.sub_key = 'definition'
                 OR (p.how = 'altered' AND p.kind = 'table'
                     AND (k.sub_key = 'columns' OR k.sub_key LIKE 'column %' OR k.sub_key LIKE 'constraint %'))
                 AS needs_facts
        FROM pp_keys k
        JOIN plan p ON p.schema_name = k.schema_name AND p.obj_key = k.obj_key
        LEFT JOIN ob o ON o.obj_tree = p.old_tree AND o.sub_key = k.sub_key
        LEFT JOIN nb n ON n.obj_tree = p.new_tree AND n.sub_key = k.sub_key
        -- a column or check NO INHERIT makes the table's own: as the parent had it
        LEFT JOIN (SELECT f.* FROM inh_fill f JOIN inh_moves m ON m.schema_name = f.schema_name AND m.obj_key = f.obj_key) ih
               ON p.how = 'altered' AND ih.schema_name = p.schema_name AND ih.obj_key = p.obj_key AND ih.sub_key = k.sub_key
        WHERE (p.how <> 'altered' OR coalesce(o.content, ih.parent_c) IS DISTINCT FROM n.content
           -- an unchanged comment on a part that is dropped and created again (trigger,
           -- policy, constraint, index): applied again after it
           OR (k.sub_key ~ '^(trigger|policy|constraint|index)_comment ' AND n.content IS NOT NULL
               AND EXISTS (SELECT 1 FROM nb n2 LEFT JOIN ob o2 ON o2.obj_tree = p.old_tree AND o2.sub_key = n2.sub_key
                           WHERE n2.obj_tree = p.new_tree
                             AND n2.sub_key = regexp_replace(k.sub_key, '^([a-z]+)_comment ', '\1 ')
                             AND o2.content IS DISTINCT FROM n2.content)))
          -- a table detached or attached: its definition alone (part_moves)
          AND NOT (p.how = 'altered' AND k.sub_key <> 'definition'
                   AND EXISTS (SELECT 1 FROM part_moves pm WHERE pm.schema_name = p.schema_name AND pm.obj_key = p.obj_key))
          -- inherited parts made the table's own by inherit_again (a hashed lookup)
          AND (p.how <> 'altered'
               OR (p.schema_name, p.obj_key, k.sub_key) NOT IN (SELECT il.schema_name, il.obj_key, il.sub_key
                                                                FROM inh_local il WHERE il.made_own))
    ),
    -- the attach lines of partitions' keys attached to their parents' indexes (few: read
    -- once here, not per dropped index)
    attached_keys AS MATERIALIZED (
        SELECT _attach_line(c.old_c) AS attach FROM pp c
        WHERE split_part(c.sub_key, ' ', 1) = 'constraint' AND _attach_line(c.old_c) IS NOT NULL
    ),
    -- tables made LOGGED or UNLOGGED (unlogged: the target's persistence)
    persist_flips AS MATERIALIZED (
        SELECT s.schema_name, s.obj_key, nd.content LIKE 'CREATE UNLOGGED %' AS unlogged FROM status s
        JOIN old_def od ON od.schema_name = s.schema_name AND od.obj_key = s.obj_key
        JOIN new_def nd ON nd.schema_name = s.schema_name AND nd.obj_key = s.obj_key
        WHERE s.kind = 'table' AND s.how = 'altered'
          AND (od.content LIKE 'CREATE UNLOGGED %') <> (nd.content LIKE 'CREATE UNLOGGED %')
          AND NOT EXISTS (SELECT 1 FROM forced_tables ft WHERE ft.schema_name = s.schema_name AND ft.obj_key = s.obj_key)
    ),
    -- foreign keys of untouched tables that reference recreated tables or tables whose
    -- key constraints or column types change: dropped first, added back at the end
    -- (cols: only foreign keys referencing one of these columns; NULL: every one)
    fk_roots AS (
        SELECT s.schema_name, s.obj_key, NULL::text[] AS cols FROM status s WHERE s.kind = 'table' AND s.how IN ('recreated', 'removed')
        UNION SELECT ft.schema_name, ft.obj_key, NULL FROM forced_tables ft
        UNION SELECT cr.schema_name, cr.obj_key, cr.cols FROM col_roots cr
        UNION SELECT x.schema_name, x.obj_key, NULL FROM pp x
              WHERE x.sub_key LIKE 'constraint %' AND x.old_c ~ ' (PRIMARY KEY|UNIQUE) '
        -- a unique index dropped or changed: a foreign key may rest on it (C8)
        UNION SELECT x.schema_name, x.obj_key, NULL FROM pp x
              WHERE x.sub_key LIKE 'index %' AND x.old_c LIKE 'CREATE UNIQUE INDEX %'
        -- a table made LOGGED or UNLOGGED: a foreign key between it and a table of the
        -- other persistence is refused at either statement (Synapse's two lock tables,
        -- referencing each other, made UNLOGGED: L1), so theirs go first and come back
        UNION SELECT pf.schema_name, pf.obj_key, NULL FROM persist_flips pf
    ),
    -- the source's tables that may hold such foreign keys: those whose recorded
    -- dependencies name a root (the reverse index, dep_refs), the roots themselves (a key
    -- referenced by its own table: edges inside one table are not recorded), and tables
    -- recorded before dependencies were (no "depends" blob)
    -- (the object trees holding a "depends" blob that names a root, found from the roots
    -- first: joined from every table of the tree instead, it probed 1,000 trees)
    fk_dep_trees AS MATERIALIZED (
        SELECT DISTINCT e.tree_sha
        FROM (SELECT DISTINCT fr.schema_name, fr.obj_key FROM fk_roots fr) r
        JOIN dep_refs x ON x.ref_schema = r.schema_name AND x.ref_key = r.obj_key
        JOIN tree_entries e ON e.entry_sha = x.blob_sha AND e.name = 'depends'
        WHERE NOT (SELECT m.yes FROM many_roots m)
    ),
    fk_tables AS MATERIALIZED (
        SELECT f.schema_name, f.obj_key, f.obj_tree
        FROM fo f
        -- (one scan of the tree's objects: joined, the planner expects few tables and
        -- scans them once per tree found)
        WHERE f.obj_tree = ANY (ARRAY(SELECT dt.tree_sha FROM fk_dep_trees dt))
          AND _key_kind(f.obj_key) = 'table' AND NOT (SELECT m.yes FROM many_roots m)
        UNION
        SELECT f.schema_name, f.obj_key, f.obj_tree FROM fo f   -- (many roots: every table)
        WHERE _key_kind(f.obj_key) = 'table' AND (SELECT m.yes FROM many_roots m)
          AND EXISTS (SELECT 1 FROM fk_roots)
        UNION
        SELECT f.schema_name, f.obj_key, f.obj_tree
        FROM fk_roots r JOIN fo f ON f.schema_name = r.schema_name AND f.obj_key = r.obj_key
        UNION
        SELECT f.schema_name, f.obj_key, f.obj_tree FROM fo f
        WHERE _key_kind(f.obj_key) = 'table'
          AND NOT EXISTS (SELECT 1 FROM tree_entries d WHERE d.tree_sha = f.obj_tree AND d.name = 'depends')
          AND EXISTS (SELECT 1 FROM fk_roots)    -- one-time filter: no roots, no scan
    ),
    fks AS (
        SELECT DISTINCT f.schema_name, f.obj_key, e.name AS sub_key, o.content AS old_c, tn.content AS new_c,
               _qname(f.schema_name, f.obj_key) AS q
        FROM fk_tables f
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name LIKE 'constraint %'
        JOIN objects o ON o.sha = e.entry_sha
        -- the referenced table and columns, read once per constraint and joined by hash
        -- (a text search of every root in every constraint was quadratic)
        CROSS JOIN LATERAL regexp_match(o.content,
            ' REFERENCES ((?:"(?:[^"]|"")+"|[^ ."(]+)\.(?:"(?:[^"]|"")+"|[^ ."(]+))\(([^)]*)\)') m
        JOIN (SELECT _qname(fr.schema_name, fr.obj_key) AS q, fr.cols FROM fk_roots fr) r ON r.q = m[1]
        LEFT JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key
        LEFT JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = e.name
        LEFT JOIN objects tn ON tn.sha = te.entry_sha
        -- not a constraint the plan handles itself, nor one of a table that goes: NOT IN
        -- over the plan, a hashed lookup whatever the planner expects of fk_tables (with
        -- NOT EXISTS it scanned pp once per constraint when a whole schema goes: 0.25 s)
        WHERE (f.schema_name, f.obj_key, e.name) NOT IN (SELECT x.schema_name, x.obj_key, x.sub_key FROM pp x)
          AND (f.schema_name, f.obj_key) NOT IN (SELECT x.schema_name, x.obj_key FROM pp x
                                                 WHERE x.how IN ('removed', 'recreated'))
          AND (r.cols IS NULL OR string_to_array(m[2], ', ') && r.cols)
          AND EXISTS (SELECT 1 FROM fk_roots)    -- one-time filter: no roots, no scan
    ),
    -- partitioned tables of the target that get foreign keys or checks added: PostgreSQL
    -- refuses NOT VALID foreign keys on them, so theirs are added validated
    -- (only those tables are read: reading every table's definition for it made a small
    -- change adding a check cost a scan of the whole tree)
    partitioned AS MATERIALIZED (
        SELECT t.schema_name, t.obj_key FROM t_o t
        JOIN (SELECT f.schema_name, f.obj_key FROM fks f
              UNION SELECT x.schema_name, x.obj_key FROM pp x
                    WHERE x.how = 'altered' AND x.sub_key LIKE 'constraint %') c
             ON c.schema_name = t.schema_name AND c.obj_key = t.obj_key
        JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        WHERE _key_kind(t.obj_key) = 'table' AND o.content LIKE '% PARTITION BY %'
    ),
    -- What the source's types, domains, routines and tables recorded depending on among
    -- types and domains (read only when a type is rebuilt): which of them use a rebuilt
    -- type is read from these edges; trees without recorded dependencies (committed
    -- before they were recorded) fall back to the names their text mentions.
    type_deps AS MATERIALIZED (
        SELECT r.obj_tree, r.part, r.ref_schema, r.ref_key
        FROM _tree_deps(ARRAY(SELECT f.obj_tree FROM fo f
                              WHERE _key_kind(f.obj_key) IN ('type', 'domain', 'function', 'procedure', 'aggregate', 'table')
                                AND EXISTS (SELECT 1 FROM status s WHERE s.how = 'rebuilt'))) r
        WHERE _key_kind(r.ref_key) IN ('type', 'domain')
    ),
    type_recorded AS MATERIALIZED (   -- those source trees that recorded their dependencies
        SELECT f.obj_tree FROM fo f JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = 'depends'
        WHERE _key_kind(f.obj_key) IN ('type', 'domain', 'function', 'procedure', 'aggregate', 'table')
          AND EXISTS (SELECT 1 FROM status s WHERE s.how = 'rebuilt')   -- one-time filter
    ),
    -- types rebuilt: those whose change needs it, and (transitively) the types and domains
    -- built on them (a domain over a domain, an enum inside a composite), which would
    -- otherwise keep pointing at the renamed old type
    rebuilt_walk(schema_name, obj_key, q, depth) AS (
        SELECT s.schema_name, s.obj_key, _qname(s.schema_name, s.obj_key), 0 FROM status s WHERE s.how = 'rebuilt'
      UNION
        SELECT f.schema_name, f.obj_key, _qname(f.schema_name, f.obj_key), r.depth + 1
        FROM rebuilt_walk r
        JOIN fo f ON _key_kind(f.obj_key) IN ('type', 'domain') AND (f.schema_name, f.obj_key) <> (r.schema_name, r.obj_key)
        JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        WHERE CASE WHEN EXISTS (SELECT 1 FROM type_recorded tr WHERE tr.obj_tree = f.obj_tree)
                   THEN EXISTS (SELECT 1 FROM type_deps td WHERE td.obj_tree = f.obj_tree AND td.part = 'definition'
                                  AND td.ref_schema = r.schema_name AND td.ref_key = r.obj_key)
                   ELSE o.content ~ _word_re(r.q) END
          AND r.depth < 10
          -- (one-time filter: the recursive term runs once even when the first finds
          -- nothing, which read every object of both trees)
          AND EXISTS (SELECT 1 FROM status s2 WHERE s2.how = 'rebuilt')
    ),
    rebuilt AS (
        SELECT w.schema_name, w.obj_key, w.q, max(w.depth) AS depth FROM rebuilt_walk w GROUP BY 1, 2, 3
    ),
    -- routines using a rebuilt type (arguments, result, an SQL-standard body), and casts
    -- from or to it (L7): recreated around it (they would otherwise keep pointing at the
    -- old type, which then cannot be dropped); by their recorded dependencies, else by
    -- the names their signature mentions
    routine_deps AS (
        SELECT DISTINCT f.schema_name, f.obj_key, f.obj_tree AS old_tree, t.obj_tree AS new_tree
        FROM rebuilt r
        JOIN type_deps td ON td.ref_schema = r.schema_name AND td.ref_key = r.obj_key AND td.part = 'definition'
        JOIN fo f ON f.obj_tree = td.obj_tree AND _key_kind(f.obj_key) IN ('function', 'procedure', 'aggregate')
        JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key
        WHERE EXISTS (SELECT 1 FROM rebuilt)   -- one-time filter: no rebuilt type, no scan
        UNION
        SELECT f.schema_name, f.obj_key, f.obj_tree, t.obj_tree
        FROM rebuilt r
        JOIN fo f ON _key_kind(f.obj_key) IN ('function', 'procedure', 'aggregate', 'cast')
        JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        WHERE NOT EXISTS (SELECT 1 FROM type_recorded tr WHERE tr.obj_tree = f.obj_tree)
          AND (_key_name(f.obj_key) || ' ' || split_part(o.content, E'\n', 1) || ' '
               || split_part(o.content, E'\n', 2)) ~ _word_re(r.q)
          AND EXISTS (SELECT 1 FROM rebuilt)   -- one-time filter: no rebuilt type, no scan
    ),
    -- routines and casts the migration removes whose signature uses a rebuilt type (by
    -- their recorded dependencies, else the names their signature mentions): dropped
    -- before it is renamed away, as those kept are (routine_deps), not with the objects
    -- removed for good after the columns (the old type's DROP would refuse under them:
    -- DROP FUNCTION would name the new type by then, L6)
    rebuilt_removed AS (
        SELECT DISTINCT f.schema_name, f.obj_key
        FROM rebuilt r
        JOIN type_deps td ON td.ref_schema = r.schema_name AND td.ref_key = r.obj_key AND td.part = 'definition'
        JOIN fo f ON f.obj_tree = td.obj_tree AND _key_kind(f.obj_key) IN ('function', 'procedure', 'aggregate')
        JOIN status s ON s.schema_name = f.schema_name AND s.obj_key = f.obj_key AND s.how = 'removed'
        WHERE EXISTS (SELECT 1 FROM rebuilt)   -- one-time filter: no rebuilt type, no scan
        UNION
        SELECT f.schema_name, f.obj_key
        FROM rebuilt r
        JOIN status s ON s.how = 'removed' AND s.kind IN ('function', 'procedure', 'aggregate', 'cast')
        JOIN fo f ON f.schema_name = s.schema_name AND f.obj_key = s.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        WHERE NOT EXISTS (SELECT 1 FROM type_recorded tr WHERE tr.obj_tree = f.obj_tree)
          AND (_key_name(f.obj_key) || ' ' || split_part(o.content, E'\n', 1) || ' '
               || split_part(o.content, E'\n', 2)) ~ _word_re(r.q)
          AND EXISTS (SELECT 1 FROM rebuilt)   -- one-time filter: no rebuilt type, no scan
    ),
    -- columns of a rebuilt type, both trees holding them (a new column is added with the
    -- new type): converted (typed_cols), or, generated ones, dropped and added back
    -- (typed_gen_cols, with gen_readers; they hold the same text on both sides, else
    -- their expression changes and they are dropped and added anyway)
    typed_cols_all AS MATERIALIZED (
        SELECT t.schema_name, t.obj_key, _qname(t.schema_name, t.obj_key) AS tq, cp.*, cp.type AS type_q, o.content AS col_def,
               e.name AS col_key, EXISTS (SELECT 1 FROM fo f JOIN tree_entries fe ON fe.tree_sha = f.obj_tree AND fe.name = e.name
                                          WHERE f.schema_name = t.schema_name AND f.obj_key = t.obj_key
                                            AND fe.entry_sha = e.entry_sha) AS same
        FROM rebuilt r
        CROSS JOIN t_o t
        JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name LIKE 'column %'
        JOIN objects o ON o.sha = e.entry_sha
        CROSS JOIN LATERAL _col_parts(o.content) cp
        WHERE _key_kind(t.obj_key) = 'table' AND cp.type IN (r.q, r.q || '[]')
          -- columns the source already has (a new column is added with the new type)
          AND EXISTS (SELECT 1 FROM fo f JOIN tree_entries fe ON fe.tree_sha = f.obj_tree AND fe.name = e.name
                      WHERE f.schema_name = t.schema_name AND f.obj_key = t.obj_key)
    ),
    typed_cols AS (
        SELECT tc.* FROM typed_cols_all tc WHERE tc.generated IS NULL
    ),
    typed_gen_cols AS (
        SELECT tc.schema_name, tc.obj_key, tc.col_key AS sub_key, tc.col_def FROM typed_cols_all tc
        WHERE tc.generated IS NOT NULL AND tc.same
    ),
    -- ordering among creates: views on views, partitions and children after parents
    creates AS (
        SELECT x.schema_name, x.obj_key, x.q, x.new_c, x.new_tree FROM pp x
        WHERE x.sub_key = 'definition' AND x.how IN ('added', 'recreated', 'rebuilt') AND x.new_c IS NOT NULL
          AND (x.kind IN ('table', 'view', 'materialized_view', 'type', 'domain')
               OR (x.kind IN ('function', 'procedure') AND _sql_body(x.new_c))
               -- every routine, when a domain created calls one: they and those domains
               -- are then created in one dependency order (see domain_calls)
               OR (x.kind IN ('function', 'procedure') AND EXISTS (SELECT 1 FROM domain_calls)))
    ),
    -- domains created whose CHECK or DEFAULT calls a routine the script creates (HashiCorp
    -- Boundary's wt_sentinel), by the edges their commit recorded: created with the
    -- routines, in the dependency order of both (a routine may take or return such a domain)
    domain_calls AS MATERIALIZED (
        SELECT DISTINCT x.schema_name, x.obj_key
        FROM pp x
        JOIN _tree_deps(ARRAY(SELECT y.new_tree FROM pp y
                              WHERE y.sub_key = 'definition' AND y.kind = 'domain' AND y.new_c IS NOT NULL
                                AND y.how IN ('added', 'recreated', 'rebuilt')
                                AND (strpos(y.new_c, ' CHECK ') > 0 OR strpos(y.new_c, ' DEFAULT ') > 0))) r
             ON r.obj_tree = x.new_tree
        JOIN pp f ON f.schema_name = r.ref_schema AND f.obj_key = r.ref_key AND f.sub_key = 'definition'
                 AND f.kind IN ('function', 'procedure') AND f.how IN ('added', 'recreated')
        WHERE x.sub_key = 'definition' AND x.kind = 'domain' AND x.how IN ('added', 'recreated', 'rebuilt')
    ),
    -- The creates in dependency order: a topological sort of the dependencies the target
    -- commit recorded (_dep_order), run once over all creates: the CTE is materialized
    -- (else it is inlined into a per-row subquery) and joins nothing (a join put the
    -- function on the inner side of a nested loop: once per created object, cubic on
    -- whole schemas)
    cdepth AS MATERIALIZED (
        SELECT a.ss[dd.idx] AS schema_name, a.ks[dd.idx] AS obj_key, dd.depth, dd.broken
        FROM (SELECT array_agg(q ORDER BY schema_name, obj_key) AS names, array_agg(new_c ORDER BY schema_name, obj_key) AS defs,
                     array_agg(schema_name ORDER BY schema_name, obj_key) AS ss, array_agg(obj_key ORDER BY schema_name, obj_key) AS ks,
                     array_agg(new_tree ORDER BY schema_name, obj_key) AS ts
              FROM creates) a
        CROSS JOIN LATERAL _dep_order(a.ss, a.ks, a.names, a.defs, a.ts) dd
    ),
    -- tables created whole: their columns composed inline
    -- (the columns of all tables created whole gathered in one pass, joined by hash: a
    -- subquery per table scanned every part of every object, quadratic on whole schemas)
    -- (one aggregate over the parts, no join: the planner, expecting one row from every
    -- CTE, nested joins here, quadratic on whole schemas)
    table_creates AS MATERIALIZED (
        SELECT t.schema_name, t.obj_key, t.q,
               _compose_table(t.shell, t.col_order, coalesce(t.names, ARRAY[]::text[]), coalesce(t.defs, ARRAY[]::text[]))
               -- a partition's own column defaults right after it, before its own
               -- partitions are made (PARTITION OF copies the defaults it has then)
               || coalesce(E'\n' || t.own_defaults, '') AS ddl
        FROM (SELECT y.schema_name, y.obj_key, min(y.q) AS q,
                     string_agg(y.new_c, E'\n' ORDER BY y.sub_key) FILTER (WHERE y.sub_key LIKE 'column\_default %') AS own_defaults,
                     min(y.new_c) FILTER (WHERE y.sub_key = 'definition') AS shell,
                     min(y.new_c) FILTER (WHERE y.sub_key = 'columns') AS col_order,
                     -- (a column's name as _col_parts reads it, without a call per column)
                     array_agg(substring(y.new_c FROM '^("(?:[^"]|"")+"|[^ ]+) ') ORDER BY y.sub_key)
                         FILTER (WHERE y.sub_key LIKE 'column %') AS names,
                     array_agg(y.new_c ORDER BY y.sub_key) FILTER (WHERE y.sub_key LIKE 'column %') AS defs
              FROM pp y
              WHERE y.kind = 'table' AND y.how IN ('added', 'recreated') AND y.new_c IS NOT NULL
                AND (y.sub_key IN ('definition', 'columns') OR y.sub_key LIKE 'column %' OR y.sub_key LIKE 'column\_default %')
              GROUP BY y.schema_name, y.obj_key) t
        WHERE t.shell IS NOT NULL
    ),
    -- What the create and drop phases look up per object is gathered by sorting, not by
    -- joins: a union of the rows and what they need, spread over each object's rows by
    -- window functions.  (The planner, expecting one row from every CTE, nests joins with
    -- them: a scan of one CTE per row of another, quadratic on whole schemas.)
    -- The names of the tables and views created or going away, and of the routines added:
    lookup_names AS MATERIALIZED (
        SELECT tc.q AS name, 't' AS src FROM table_creates tc
        UNION ALL SELECT v.q, 'v' FROM pp v
                  WHERE v.sub_key = 'definition' AND v.how IN ('added', 'recreated') AND v.kind IN ('view', 'materialized_view')
        UNION ALL SELECT g.q, 'g' FROM pp g
                  WHERE g.sub_key = 'definition' AND g.how IN ('removed', 'recreated') AND g.kind IN ('table', 'view', 'materialized_view')
        UNION ALL SELECT quote_ident(a.schema_name) || '.' || split_part(_key_name(a.obj_key), '(', 1), 'a' FROM pp a
                  WHERE a.sub_key = 'definition' AND a.how = 'added' AND a.kind IN ('function', 'procedure', 'aggregate')
    ),
    -- per routine: whether its new signature names a created table (sig_table) or view
    -- (sig_view), its new body a created table (body_table), its old signature a table or
    -- view that goes (sig_going), and whether a routine of its name is added (renamed_in)
    routine_mentions AS MATERIALIZED (
        SELECT z.schema_name, z.obj_key,
               bool_or(z.part = 'new_sig' AND z.has_t) AS sig_table, bool_or(z.part = 'new_sig' AND z.has_v) AS sig_view,
               bool_or(z.part = 'new_body' AND z.has_t) AS body_table, bool_or(z.part = 'new_body' AND z.has_v) AS body_view,
               bool_or(z.part = 'body_only' AND z.has_a) AS body_routine,
               -- (or, of an SQL-standard body, its old body: such a routine reading a
               -- table or view that goes is dropped before it, others after the tables,
               -- whose column defaults may call them)
               bool_or(z.part IN ('old_sig', 'old_body') AND z.has_g) AS sig_going,
               bool_or(z.part = 'name' AND z.has_a) AS renamed_in
        FROM (SELECT u.*, bool_or(u.src = 't') OVER w AS has_t, bool_or(u.src = 'v') OVER w AS has_v,
                     bool_or(u.src = 'g') OVER w AS has_g, bool_or(u.src = 'a') OVER w AS has_a
              FROM (SELECT 'r' AS src, x.schema_name, x.obj_key, m.part, m.name
                    FROM pp x CROSS JOIN LATERAL (
                        -- (the signature without the routine's own name: a trigger
                        -- function t() names no table t)
                        SELECT 'new_sig' AS part, n FROM _qualified_names(_sig_args(x.new_sig)) n
                        UNION ALL SELECT 'old_sig', n FROM _qualified_names(_sig_args(x.old_sig)) n
                        UNION ALL SELECT 'old_body', n FROM _qualified_names(substr(x.old_c, length(x.old_sig) + 1)) n
                                  WHERE x.how = 'removed' AND _sql_body(x.old_c)
                        UNION ALL SELECT 'new_body', n FROM _qualified_names(x.new_c) n
                        UNION ALL SELECT 'body_only', n FROM _qualified_names(substr(x.new_c, length(x.new_sig) + 1)) n
                        UNION ALL SELECT 'name', quote_ident(x.schema_name) || '.' || split_part(_key_name(x.obj_key), '(', 1)
                    ) m(part, name)
                    WHERE x.sub_key = 'definition' AND x.kind IN ('function', 'procedure', 'aggregate')

                    UNION ALL
                    SELECT l.src, NULL, NULL, NULL, l.name FROM lookup_names l) u
              WINDOW w AS (PARTITION BY u.name)) z
        WHERE z.src = 'r'
        GROUP BY z.schema_name, z.obj_key
    ),
    -- the views and routines with SQL-standard bodies dropped (removed, or recreated),
    -- in dependency order: a topological sort of what the source commit recorded, deepest
    -- first when dropping; a cycle (a routine reading a view that calls it) is broken at
    -- the routine, which is replaced by a stub first (one _dep_order call, as cdepth)
    ddepth AS MATERIALIZED (
        SELECT a.ss[dd.idx] AS schema_name, a.ks[dd.idx] AS obj_key, dd.depth, dd.broken
        FROM (SELECT array_agg(x.q ORDER BY x.schema_name, x.obj_key) AS names,
                     array_agg(x.old_c ORDER BY x.schema_name, x.obj_key) AS defs,
                     array_agg(x.schema_name ORDER BY x.schema_name, x.obj_key) AS ss,
                     array_agg(x.obj_key ORDER BY x.schema_name, x.obj_key) AS ks,
                     array_agg(x.old_tree ORDER BY x.schema_name, x.obj_key) AS ts
              FROM pp x
              WHERE x.sub_key = 'definition' AND x.how IN ('removed', 'recreated') AND x.old_c IS NOT NULL
                AND (x.kind IN ('view', 'materialized_view')
                     OR (x.kind IN ('function', 'procedure') AND _sql_body(x.old_c))
                     -- routines on the row type of a table or view that goes: dropped with
                     -- the views, after those calling them, before those they use
                     OR (x.kind IN ('function', 'procedure', 'aggregate')
                         AND EXISTS (SELECT 1 FROM routine_mentions rm WHERE rm.schema_name = x.schema_name
                                       AND rm.obj_key = x.obj_key AND rm.sig_going))
                     OR (x.kind IN ('function', 'procedure', 'aggregate')
                         AND EXISTS (SELECT 1 FROM on_rowtypes o WHERE o.side = 'old' AND o.schema_name = x.schema_name
                                       AND o.obj_key = x.obj_key)))) a
        CROSS JOIN LATERAL _dep_order(a.ss, a.ks, a.names, a.defs, a.ts) dd
    ),
    -- Types, domains, routines and aggregates built on the row type of a table the
    -- migration creates, directly or through each other (a domain over a table's row
    -- type, a routine returning it): created with the tables, in dependency order
    -- (sig_table); and, on the source side, those built on a table or view that goes:
    -- dropped with the views, before it (sig_going).  Read from the recorded edges.
    rowtype_items AS MATERIALIZED (
        SELECT y.schema_name, y.obj_key, 'new' AS side, y.new_tree AS t FROM pp y
        WHERE y.sub_key = 'definition' AND y.how IN ('added', 'recreated', 'rebuilt') AND y.new_c IS NOT NULL
          AND y.kind IN ('type', 'domain', 'function', 'procedure', 'aggregate')
        UNION ALL
        SELECT y.schema_name, y.obj_key, 'old', y.old_tree FROM pp y
        WHERE y.sub_key = 'definition' AND y.how IN ('removed', 'recreated') AND y.old_c IS NOT NULL
          AND y.kind IN ('type', 'domain', 'function', 'procedure', 'aggregate')
    ),
    rowtype_edges AS MATERIALIZED (
        SELECT x.schema_name, x.obj_key, x.side, r.ref_schema, r.ref_key
        FROM rowtype_items x
        JOIN _tree_deps(ARRAY(SELECT i.t FROM rowtype_items i)) r ON r.obj_tree = x.t
        WHERE r.part = 'definition' OR r.part LIKE 'column %'
    ),
    on_rowtypes(schema_name, obj_key, side) AS (
        SELECT x.schema_name, x.obj_key, 'new' FROM pp x
        WHERE x.sub_key = 'definition' AND x.kind = 'table' AND x.how IN ('added', 'recreated') AND x.new_c IS NOT NULL
          AND EXISTS (SELECT 1 FROM rowtype_edges)   -- one-time filter
        UNION
        SELECT x.schema_name, x.obj_key, 'old' FROM pp x
        WHERE x.sub_key = 'definition' AND x.kind IN ('table', 'view', 'materialized_view')
          AND x.how IN ('removed', 'recreated') AND x.old_c IS NOT NULL
          AND EXISTS (SELECT 1 FROM rowtype_edges)   -- one-time filter
      UNION
        SELECT e.schema_name, e.obj_key, e.side
        FROM on_rowtypes o JOIN rowtype_edges e ON e.ref_schema = o.schema_name AND e.ref_key = o.obj_key AND e.side = o.side
    ),
    -- the tables dropped (removed, or recreated) and the sequences removed, in dependency
    -- order, deepest first: a table whose policy, trigger, rule or column default reads
    -- another goes before it (a sequence owned by a table goes with that table).  Foreign
    -- keys do not count: they are dropped first.  Types and domains built on the row type
    -- of a table that goes are dropped among them (after the tables using them, before
    -- that table).
    tdepth AS MATERIALIZED (
        SELECT a.ss[dd.idx] AS schema_name, a.ks[dd.idx] AS obj_key, dd.depth
        FROM (SELECT array_agg(x.q ORDER BY x.schema_name, x.obj_key) AS names,
                     array_agg(x.old_c ORDER BY x.schema_name, x.obj_key) AS defs,
                     array_agg(x.schema_name ORDER BY x.schema_name, x.obj_key) AS ss,
                     array_agg(x.obj_key ORDER BY x.schema_name, x.obj_key) AS ks,
                     array_agg(x.old_tree ORDER BY x.schema_name, x.obj_key) AS ts
              FROM pp x
              WHERE x.sub_key = 'definition' AND x.old_c IS NOT NULL
                AND ((x.kind = 'table' AND x.how IN ('removed', 'recreated')) OR (x.kind = 'sequence' AND x.how = 'removed')
                     OR (x.kind IN ('type', 'domain') AND x.how IN ('removed', 'recreated')
                         AND EXISTS (SELECT 1 FROM on_rowtypes o WHERE o.side = 'old' AND o.schema_name = x.schema_name
                                       AND o.obj_key = x.obj_key)))
              HAVING count(*) > 1) a
        CROSS JOIN LATERAL _dep_order(a.ss, a.ks, a.names, a.defs, a.ts, true) dd
    ),
    -- the edges the source commit recorded from the triggers, policies and rules of tables
    -- whose column types change to their own table (see _snap_depends)
    own_edges AS MATERIALIZED (
        SELECT r.obj_tree, r.part, r.ref_column
        FROM _tree_deps(ARRAY(SELECT f.obj_tree FROM col_changes cc
                              JOIN fo f ON f.schema_name = cc.schema_name AND f.obj_key = cc.obj_key
                              WHERE cc.retyped)) r
        JOIN fo f ON f.obj_tree = r.obj_tree
        WHERE r.ref_schema = f.schema_name AND r.ref_key = f.obj_key
          AND split_part(r.part, ' ', 1) IN ('trigger', 'policy', 'rule')
    ),
    -- the policies and rules of other tables reading a column whose type changes (a
    -- subquery): their recorded edges, found through the reverse index (dep_refs)
    other_readers AS MATERIALIZED (
        SELECT r.obj_tree, r.part, min(cc.drop_phase) AS drop_phase
        FROM _tree_deps(ARRAY(SELECT f.obj_tree FROM fo f   -- (one scan: see fk_tables)
                              WHERE _key_kind(f.obj_key) = 'table'
                                AND f.obj_tree = ANY (ARRAY(
                                    SELECT e.tree_sha
                                    FROM (SELECT DISTINCT cc.schema_name, cc.obj_key FROM col_changes cc WHERE cc.retyped) c
                                    JOIN dep_refs x ON x.ref_schema = c.schema_name AND x.ref_key = c.obj_key
                                    JOIN tree_entries e ON e.entry_sha = x.blob_sha AND e.name = 'depends')))) r
        JOIN col_changes cc ON cc.retyped AND cc.schema_name = r.ref_schema AND cc.obj_key = r.ref_key
                           AND cc.sub_key = r.ref_column
        WHERE split_part(r.part, ' ', 1) IN ('policy', 'rule')
        GROUP BY r.obj_tree, r.part
    ),
    -- constraints, indexes, triggers and policies of tables whose columns are converted to
    -- a rebuilt type that name the type (a label compared in a CHECK or an index
    -- predicate): PostgreSQL cannot carry them over the conversion (the old type's
    -- operators), so they are dropped before it and created again after
    -- (drop_phase: when; a part found for two reasons goes at the earlier: typed_parts)
    typed_parts0 AS (
        SELECT DISTINCT f.schema_name, f.obj_key, e.name AS sub_key, tn.content AS new_c,
               _qname(f.schema_name, f.obj_key) AS q, 41 AS drop_phase
        FROM (SELECT DISTINCT tc.schema_name, tc.obj_key FROM typed_cols tc) tt
        JOIN fo f ON f.schema_name = tt.schema_name AND f.obj_key = tt.obj_key
        JOIN t_o t ON t.schema_name = tt.schema_name AND t.obj_key = tt.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree
                           AND split_part(e.name, ' ', 1) IN ('constraint', 'index', 'trigger', 'policy')
        JOIN objects o ON o.sha = e.entry_sha
        LEFT JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = e.name
        LEFT JOIN objects tn ON tn.sha = te.entry_sha
        WHERE CASE WHEN EXISTS (SELECT 1 FROM type_recorded tr WHERE tr.obj_tree = f.obj_tree)
                   THEN EXISTS (SELECT 1 FROM type_deps td JOIN rebuilt r ON r.schema_name = td.ref_schema AND r.obj_key = td.ref_key
                                WHERE td.obj_tree = f.obj_tree AND td.part = e.name)
                   ELSE EXISTS (SELECT 1 FROM rebuilt r WHERE o.content ~ _word_re(r.q)) END
          AND NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = f.schema_name AND x.obj_key = f.obj_key
                            AND x.sub_key = e.name)
          AND EXISTS (SELECT 1 FROM rebuilt)   -- one-time filter
        UNION
        -- likewise triggers, policies and rules reading a column whose type changes
        -- (PostgreSQL refuses the change under them): those whose edges to their own
        -- table, recorded by the source commit, name the column; for one recorded before
        -- those edges were (none names its own table), those whose text names it
        SELECT f.schema_name, f.obj_key, e.name, tn.content, _qname(f.schema_name, f.obj_key), cc.drop_phase
        FROM col_changes cc
        JOIN fo f ON f.schema_name = cc.schema_name AND f.obj_key = cc.obj_key
        JOIN t_o t ON t.schema_name = cc.schema_name AND t.obj_key = cc.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND split_part(e.name, ' ', 1) IN ('trigger', 'policy', 'rule')
        JOIN objects o ON o.sha = e.entry_sha
        LEFT JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = e.name
        LEFT JOIN objects tn ON tn.sha = te.entry_sha
        WHERE cc.retyped
          AND CASE WHEN EXISTS (SELECT 1 FROM own_edges oe WHERE oe.obj_tree = f.obj_tree AND oe.part = e.name)
                   THEN EXISTS (SELECT 1 FROM own_edges oe WHERE oe.obj_tree = f.obj_tree AND oe.part = e.name
                                  AND oe.ref_column = cc.sub_key)
                   ELSE o.content ~ _word_re(quote_ident(substr(cc.sub_key, 8)), true) END
          AND NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = f.schema_name AND x.obj_key = f.obj_key
                            AND x.sub_key = e.name)
          AND EXISTS (SELECT 1 FROM col_changes)   -- one-time filter
        UNION
        -- generated columns reading a column whose type changes (gen_readers), and the
        -- indexes and constraints naming them or a generated column whose expression
        -- changes (DROP COLUMN takes those along)
        SELECT g.schema_name, g.obj_key, g.sub_key, g.new_c, _qname(g.schema_name, g.obj_key), g.drop_phase
        FROM gen_readers g
        UNION
        SELECT f.schema_name, f.obj_key, e.name, tn.content, _qname(f.schema_name, f.obj_key), g.drop_phase
        FROM (SELECT gr.schema_name, gr.obj_key, gr.sub_key, gr.drop_phase FROM gen_readers gr
              UNION
              SELECT dd.schema_name, dd.obj_key, dd.sub_key, 41 FROM d dd
              JOIN objects oo ON oo.sha = dd.old_sha JOIN objects no ON no.sha = dd.new_sha
              WHERE dd.sub_key LIKE 'column %' AND strpos(no.content, ' GENERATED ALWAYS AS (') > 0
                AND (_col_parts(oo.content)).generated IS DISTINCT FROM (_col_parts(no.content)).generated) g
        JOIN fo f ON f.schema_name = g.schema_name AND f.obj_key = g.obj_key
        JOIN t_o t ON t.schema_name = g.schema_name AND t.obj_key = g.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND split_part(e.name, ' ', 1) IN ('constraint', 'index')
        JOIN objects o ON o.sha = e.entry_sha
        LEFT JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = e.name
        LEFT JOIN objects tn ON tn.sha = te.entry_sha
        WHERE o.content ~ _word_re(quote_ident(substr(g.sub_key, 8)), true)
          AND NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = f.schema_name AND x.obj_key = f.obj_key
                            AND x.sub_key = e.name)
        UNION
        -- what a partition detached here keeps of its parent's and the target has not
        SELECT pm.schema_name, pm.obj_key, l.sub_key, NULL, _qname(pm.schema_name, pm.obj_key), 6
        FROM part_moves pm CROSS JOIN LATERAL unnest(pm.leftovers) l(sub_key)
        UNION
        -- policies and rules of other tables reading such a column
        SELECT f.schema_name, f.obj_key, e.name, tn.content, _qname(f.schema_name, f.obj_key), orr.drop_phase
        FROM other_readers orr
        JOIN fo f ON f.obj_tree = orr.obj_tree
        JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = orr.part
        LEFT JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = e.name
        LEFT JOIN objects tn ON tn.sha = te.entry_sha
        WHERE NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = f.schema_name AND x.obj_key = f.obj_key
                            AND (x.sub_key = e.name OR x.how IN ('removed', 'recreated')))
        UNION
        -- and parts of kept tables (and rules of kept views) calling a routine that is
        -- dropped and created again (its result type or arguments change): DROP FUNCTION
        -- would refuse under them; generated columns among them are dropped and added
        -- back (those gen_callers does not know: a routine made again with a view it reads)
        SELECT f.schema_name, f.obj_key, e.name, tn.content, _qname(f.schema_name, f.obj_key),
               CASE WHEN ru.late THEN 11 ELSE 24 END
        FROM routine_users ru
        JOIN fo f ON f.schema_name = ru.schema_name AND f.obj_key = ru.obj_key
        JOIN t_o t ON t.schema_name = ru.schema_name AND t.obj_key = ru.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = ru.sub_key
        LEFT JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = e.name
        LEFT JOIN objects tn ON tn.sha = te.entry_sha
        WHERE (split_part(ru.sub_key, ' ', 1) IN ('constraint', 'index', 'trigger', 'policy', 'rule')
               OR (split_part(ru.sub_key, ' ', 1) = 'column' AND strpos(ru.old_c, ' GENERATED ALWAYS AS (') > 0))
          AND NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = f.schema_name AND x.obj_key = f.obj_key
                            AND x.sub_key = e.name)
          AND EXISTS (SELECT 1 FROM routine_users)   -- one-time filter
    ),
    typed_parts AS (
        SELECT tp.schema_name, tp.obj_key, tp.sub_key, tp.new_c, tp.q, min(tp.drop_phase) AS drop_phase
        FROM typed_parts0 tp
        GROUP BY tp.schema_name, tp.obj_key, tp.sub_key, tp.new_c, tp.q
    ),
    -- parts of tables (both sides) that call a routine the migration drops and creates again
    -- what the source's tables, views and domains recorded calling among the routines the
    -- plan drops (their trees found through the reverse index, dep_refs: read only when a
    -- routine is dropped)
    routine_edges AS MATERIALIZED (
        SELECT r.obj_tree, r.part, r.ref_schema, r.ref_key
        FROM _tree_deps(ARRAY(SELECT DISTINCT f.obj_tree
                              FROM plan rp
                              JOIN dep_refs x ON x.ref_schema = rp.schema_name AND x.ref_key = rp.obj_key
                              JOIN tree_entries e ON e.entry_sha = x.blob_sha AND e.name = 'depends'
                              JOIN fo f ON f.obj_tree = e.tree_sha
                              WHERE rp.how IN ('recreated', 'removed') AND rp.kind IN ('function', 'procedure', 'aggregate')
                                AND _key_kind(f.obj_key) IN ('table', 'view', 'materialized_view', 'domain'))) r
        WHERE _key_kind(r.ref_key) IN ('function', 'procedure', 'aggregate')
    ),
    -- routines made again among the views (an SQL-standard body: dropped with them, at 12,
    -- created with them, at 60): what calls them goes before them and comes back after
    -- them (late)
    late_routines AS MATERIALIZED (
        SELECT x.schema_name, x.obj_key FROM pp x
        WHERE x.sub_key = 'definition' AND x.how = 'recreated' AND x.kind IN ('function', 'procedure')
          AND (_sql_body(x.old_c) OR _sql_body(x.new_c))
    ),
    -- the source's tables and views that recorded no dependencies (a commit made before
    -- they were recorded): their parts are searched for the names of the routines the
    -- plan drops.  Found once: in the join below, the planner (estimating a row on each
    -- side) probed every table once per dropped routine, also in the written order (a
    -- whole schema going back to the empty tree: 400 x 5,000 probes, 30 s, at 4,000 tables)
    nodep_tables AS MATERIALIZED (
        SELECT f.obj_tree FROM fo f
        WHERE _key_kind(f.obj_key) IN ('table', 'view', 'materialized_view')
          AND NOT EXISTS (SELECT 1 FROM tree_entries d WHERE d.tree_sha = f.obj_tree AND d.name = 'depends')
    ),
    -- (late: one of the routines it calls is such a routine)
    routine_users AS (
        SELECT f.schema_name, f.obj_key, e.name AS sub_key, o.content AS old_c, tn.content AS new_c,
               bool_or(EXISTS (SELECT 1 FROM late_routines lr WHERE lr.schema_name = u.rs AND lr.obj_key = u.rk)) AS late
        FROM (   -- (table tree, part, the recreated routine it calls): recorded, else named in its text
              SELECT re.obj_tree, re.part, rp.schema_name AS rs, rp.obj_key AS rk
              FROM routine_edges re
              JOIN plan rp ON rp.schema_name = re.ref_schema AND rp.obj_key = re.ref_key
              -- (or removed: a part kept as it was then calls another routine of that
              -- name, an overload added, and DROP FUNCTION would refuse under it too)
              WHERE rp.how IN ('recreated', 'removed') AND rp.kind IN ('function', 'procedure', 'aggregate')
              UNION
              SELECT f2.obj_tree, e2.name, rp.schema_name, rp.obj_key
              -- (the relations without recorded dependencies first: the anti-join stays
              -- under the joins when they are planned in the written order)
              FROM nodep_tables f2
              JOIN tree_entries e2 ON e2.tree_sha = f2.obj_tree
                                  AND split_part(e2.name, ' ', 1) IN ('constraint', 'index', 'trigger', 'policy', 'column', 'rule')
              JOIN objects o2 ON o2.sha = e2.entry_sha
              JOIN plan rp ON rp.how IN ('recreated', 'removed') AND rp.kind IN ('function', 'procedure', 'aggregate')
                          AND strpos(o2.content, _refname(rp.schema_name, rp.obj_key)) > 0
             ) u
        JOIN fo f ON f.obj_tree = u.obj_tree
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = u.part
        JOIN objects o ON o.sha = e.entry_sha
        JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key
        LEFT JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = e.name
        LEFT JOIN objects tn ON tn.sha = te.entry_sha
        WHERE split_part(e.name, ' ', 1) IN ('constraint', 'index', 'trigger', 'policy', 'column', 'rule')
          AND _key_kind(f.obj_key) IN ('table', 'view', 'materialized_view')
          AND NOT EXISTS (SELECT 1 FROM plan p3 WHERE p3.schema_name = f.schema_name AND p3.obj_key = f.obj_key
                            AND p3.how IN ('removed', 'recreated'))
          AND EXISTS (SELECT 1 FROM plan x WHERE x.how IN ('recreated', 'removed')   -- one-time filter
                        AND x.kind IN ('function', 'procedure', 'aggregate'))
        GROUP BY f.schema_name, f.obj_key, e.name, o.content, tn.content
    ),
    -- the checks and the default of kept domains that call a routine the plan drops (found
    -- by their recorded edges, else by their text; each part by the routine's name in its
    -- text): dropped before it, set again once it is made again (N1).  new_c: the
    -- target's, when it is the same (a part that changes is the domain's own change,
    -- _emit_alters; sub_key "constraint <name>" or "default")
    domain_users AS (
        SELECT f.schema_name, f.obj_key, dp.sub_key, dp.old_c, dp.new_c, _qname(f.schema_name, f.obj_key) AS q,
               bool_or(EXISTS (SELECT 1 FROM late_routines lr WHERE lr.schema_name = u.rs AND lr.obj_key = u.rk)) AS late
        FROM (   -- (domain tree, the routine it calls)
              SELECT re.obj_tree, _refname(rp.schema_name, rp.obj_key) AS callee, rp.schema_name AS rs, rp.obj_key AS rk
              FROM routine_edges re
              JOIN plan rp ON rp.schema_name = re.ref_schema AND rp.obj_key = re.ref_key
              WHERE re.part = 'definition' AND rp.how IN ('recreated', 'removed')
                AND rp.kind IN ('function', 'procedure', 'aggregate')
              UNION
              SELECT f2.obj_tree, _refname(rp.schema_name, rp.obj_key), rp.schema_name, rp.obj_key
              FROM fo f2
              JOIN tree_entries e2 ON e2.tree_sha = f2.obj_tree AND e2.name = 'definition'
              JOIN objects o2 ON o2.sha = e2.entry_sha
              JOIN plan rp ON rp.how IN ('recreated', 'removed') AND rp.kind IN ('function', 'procedure', 'aggregate')
              WHERE _key_kind(f2.obj_key) = 'domain'
                AND NOT EXISTS (SELECT 1 FROM tree_entries d WHERE d.tree_sha = f2.obj_tree AND d.name = 'depends')
                AND strpos(o2.content, _refname(rp.schema_name, rp.obj_key)) > 0
             ) u
        JOIN fo f ON f.obj_tree = u.obj_tree AND _key_kind(f.obj_key) = 'domain'
        JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = 'definition'
        JOIN objects tn ON tn.sha = te.entry_sha
        CROSS JOIN LATERAL _domain_parts(o.content) od
        CROSS JOIN LATERAL _domain_parts(tn.content) nd
        CROSS JOIN LATERAL (
            SELECT 'constraint ' || c.nm AS sub_key, c.ck AS old_c,
                   (SELECT n.ck FROM unnest(nd.check_names, nd.checks) AS n(nm, ck) WHERE n.nm = c.nm AND n.ck = c.ck) AS new_c
            FROM unnest(od.check_names, od.checks) AS c(nm, ck)
            UNION ALL
            SELECT 'default', od.dflt, CASE WHEN nd.dflt = od.dflt THEN nd.dflt END WHERE od.dflt IS NOT NULL
        ) dp
        WHERE strpos(dp.old_c, u.callee) > 0
          AND NOT EXISTS (SELECT 1 FROM plan p3 WHERE p3.schema_name = f.schema_name AND p3.obj_key = f.obj_key
                            AND p3.how IN ('removed', 'recreated', 'rebuilt'))
          AND EXISTS (SELECT 1 FROM plan x WHERE x.how IN ('recreated', 'removed')   -- one-time filter
                        AND x.kind IN ('function', 'procedure', 'aggregate'))
        GROUP BY f.schema_name, f.obj_key, dp.sub_key, dp.old_c, dp.new_c
    ),
    -- sequences owned by a column of a table dropped here (recreated or removed) that the
    -- target still has: DROP TABLE would take them along, so they are released first and
    -- owned again once the table is back
    owned_seqs AS (
        SELECT f.schema_name, f.obj_key, _qname(f.schema_name, f.obj_key) AS q,
               (SELECT tn.content FROM tree_entries te JOIN objects tn ON tn.sha = te.entry_sha
                WHERE te.tree_sha = t.obj_tree AND te.name = 'owned_by') AS target_owned_by,
               -- its ownership is not itself changed (else that change sets it)
               NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = f.schema_name AND x.obj_key = f.obj_key
                             AND x.sub_key = 'owned_by') AS keeps_owner
        -- (the sequences both trees hold first: planned in the written order)
        FROM fo f
        JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = 'owned_by'
        JOIN objects o ON o.sha = e.entry_sha
        JOIN plan tb ON tb.kind = 'table' AND tb.how IN ('recreated', 'removed')
                    AND strpos(o.content, ' OWNED BY ' || _qname(tb.schema_name, tb.obj_key) || '.') > 0
        WHERE _key_kind(f.obj_key) = 'sequence'
          AND NOT EXISTS (SELECT 1 FROM plan p2 WHERE p2.schema_name = f.schema_name AND p2.obj_key = f.obj_key
                            AND p2.how IN ('removed', 'recreated'))
          AND EXISTS (SELECT 1 FROM plan x WHERE x.kind = 'table'   -- one-time filter
                        AND x.how IN ('recreated', 'removed'))
    ),
    -- partitioned indexes made ON ONLY their table that became valid (every partition's
    -- index attached since): nothing to do for them (PostgreSQL makes one valid with the
    -- last ATTACH PARTITION), but for their partitions (by the partition's recorded
    -- PARTITION OF): an index recorded then, not attached to it, of its shape, is
    -- attached; a partition with none gets one under the name PostgreSQL gives a clone
    -- (plain columns only), attached
    became_valid AS (
        SELECT x.schema_name, x.sub_key, x.q, x.new_c FROM pp x
        WHERE x.sub_key LIKE 'index %' AND x.how = 'altered' AND _index_became_valid(x.old_c, x.new_c)
    ),
    bv_partitions AS (
        SELECT bv.schema_name AS p_schema, bv.sub_key AS p_sub_key, bv.new_c AS p_def,
               t.schema_name, t.obj_key, _qname(t.schema_name, t.obj_key) AS q, f.obj_tree AS old_tree
        FROM became_valid bv
        JOIN t_o t ON _key_kind(t.obj_key) = 'table'
        JOIN fo f ON f.schema_name = t.schema_name AND f.obj_key = t.obj_key   -- (a new one clones it)
        JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        WHERE strpos(o.content, ' PARTITION OF ' || bv.q || ' ') > 0
          AND EXISTS (SELECT 1 FROM became_valid)   -- one-time filter: none, no scan of every table
    ),
    adopted_indexes AS (
        SELECT DISTINCT x.schema_name, x.obj_key, x.sub_key, x.q,
               format('ALTER INDEX %I.%I ATTACH PARTITION %I.%I;', bp.p_schema, substr(bp.p_sub_key, 7),
                      x.schema_name, substr(x.sub_key, 7)) AS stmt
        FROM pp x
        JOIN bv_partitions bp ON bp.schema_name = x.schema_name AND bp.obj_key = x.obj_key
                             AND _index_shape(bp.p_def) = _index_shape(x.old_c)
        WHERE x.sub_key LIKE 'index %' AND x.how = 'altered' AND x.old_c IS NOT NULL AND x.new_c IS NULL
          AND _attach_line(x.old_c) IS NULL
        UNION ALL
        SELECT bp.schema_name, bp.obj_key, 'index ' || nm.n, bp.q,
               regexp_replace(split_part(bp.p_def, E'\n', 1),
                              '^CREATE (UNIQUE )?INDEX (?:"(?:[^"]|"")+"|[^ ]+) ON (?:ONLY )?(?:"(?:[^"]|"")+"|[^ ."]+)\.(?:"(?:[^"]|"")+"|[^ ."]+) ',
                              'CREATE \1INDEX ' || replace(quote_ident(nm.n), '\', '\\') || ' ON ' || replace(bp.q, '\', '\\') || ' ')
               || E'\n' || format('ALTER INDEX %I.%I ATTACH PARTITION %I.%I;', bp.p_schema, substr(bp.p_sub_key, 7),
                                   bp.schema_name, nm.n)
        FROM bv_partitions bp
        CROSS JOIN LATERAL (
            SELECT _clone_index_name(_key_name(bp.obj_key), string_agg(c, '_' ORDER BY o), 'idx') AS n
            FROM unnest(string_to_array(substring(split_part(bp.p_def, E'\n', 1) FROM ' USING [a-z]+ \(([^()]*)\)'), ', '))
                 WITH ORDINALITY AS u(c, o)
            HAVING bool_and(c ~ '^[a-z_][a-z0-9_$]*$')   -- (plain names: no expression, no quoted name)
        ) nm
        WHERE nm.n IS NOT NULL
          -- none there: not recorded as attached to it then, nor of its shape
          AND NOT EXISTS (SELECT 1 FROM tree_entries e JOIN objects o ON o.sha = e.entry_sha
                          WHERE e.tree_sha = bp.old_tree AND e.name LIKE 'index %'
                            AND (strpos(o.content, format(E'\nALTER INDEX %I.%I ATTACH PARTITION ', bp.p_schema,
                                                          substr(bp.p_sub_key, 7))) > 0
                                 OR _index_shape(o.content) = _index_shape(bp.p_def)))
    ),
    -- removed objects dropped late, ordered so that one referring to another goes first
    late AS (
        SELECT x.schema_name, x.obj_key, x.old_c, x.old_tree,
               rtrim(_refname(x.schema_name, x.obj_key), '(') AS n
        FROM pp x
        WHERE x.sub_key = 'definition' AND x.how = 'removed'
          AND x.kind IN ('sequence', 'function', 'procedure', 'aggregate', 'type', 'domain', 'collation', 'extension')
    ),
    late_depth AS MATERIALIZED (   -- (as cdepth: one _dep_order call, the source's dependencies)
        SELECT a.ss[dd.idx] AS schema_name, a.ks[dd.idx] AS obj_key, dd.depth
        FROM (SELECT array_agg(n ORDER BY schema_name, obj_key) AS names, array_agg(old_c ORDER BY schema_name, obj_key) AS defs,
                     array_agg(schema_name ORDER BY schema_name, obj_key) AS ss, array_agg(obj_key ORDER BY schema_name, obj_key) AS ks,
                     array_agg(old_tree ORDER BY schema_name, obj_key) AS ts
              FROM late) a
        CROSS JOIN LATERAL _dep_order(a.ss, a.ks, a.names, a.defs, a.ts) dd
    ),
    -- Facts about whole objects, one row per fact: the CREATE TABLE text of a table
    -- created whole, dependency depths for creating, dropping and dropping late, the
    -- depth of a rebuilt type, a partitioned target table, what a routine's signature
    -- and body name.  They reach the parts by sorting, not by joins (see lookup_names).
    obj_facts AS (
        SELECT tc.schema_name, tc.obj_key, 'create_ddl' AS fact, NULL::int AS n, NULL::boolean AS b, tc.ddl AS t
        FROM table_creates tc
        UNION ALL SELECT cd.schema_name, cd.obj_key, 'create_depth', cd.depth, cd.broken, NULL FROM cdepth cd
        UNION ALL SELECT dd.schema_name, dd.obj_key, 'drop_depth', dd.depth, dd.broken, NULL FROM ddepth dd
        UNION ALL SELECT td.schema_name, td.obj_key, 'drop_depth', td.depth, false, NULL FROM tdepth td
        UNION ALL SELECT ld.schema_name, ld.obj_key, 'late_depth', ld.depth, NULL, NULL FROM late_depth ld
        UNION ALL SELECT r.schema_name, r.obj_key, 'rebuilt_depth', r.depth, NULL, NULL FROM rebuilt r
        UNION ALL SELECT r.schema_name, r.obj_key, 'rebuilt_depth', 0, NULL, NULL FROM rebuilt_removed r
        UNION ALL SELECT pt.schema_name, pt.obj_key, 'partitioned', NULL, true, NULL FROM partitioned pt
        UNION ALL SELECT dc.schema_name, dc.obj_key, 'body_routine', NULL, true, NULL FROM domain_calls dc
        UNION ALL SELECT o.schema_name, o.obj_key, CASE o.side WHEN 'new' THEN 'sig_table' ELSE 'sig_going' END,
                         NULL, true, NULL
                  FROM on_rowtypes o WHERE _key_kind(o.obj_key) NOT IN ('table', 'view', 'materialized_view')
        UNION ALL SELECT rm.schema_name, rm.obj_key, v.fact, NULL, true, NULL
                  FROM routine_mentions rm
                  CROSS JOIN LATERAL (VALUES ('sig_table', rm.sig_table), ('sig_view', rm.sig_view), ('body_table', rm.body_table),
                                             ('body_view', rm.body_view), ('body_routine', rm.body_routine),
                                             ('sig_going', rm.sig_going), ('renamed_in', rm.renamed_in)) AS v(fact, b)
                  WHERE v.b
    ),
    -- the parts that need their object's facts: definitions, and the columns and
    -- constraints of altered tables (with the target's column order)
    with_facts AS (
        SELECT z.* FROM (
            SELECT u.*,
                   max(u.t) FILTER (WHERE u.fact = 'create_ddl') OVER w AS create_ddl,
                   max(u.n) FILTER (WHERE u.fact = 'create_depth') OVER w AS create_depth,
                   bool_or(u.b) FILTER (WHERE u.fact = 'create_depth') OVER w AS create_broken,
                   bool_or(u.b) FILTER (WHERE u.fact = 'sig_table') OVER w AS sig_table,
                   bool_or(u.b) FILTER (WHERE u.fact = 'sig_view') OVER w AS sig_view,
                   bool_or(u.b) FILTER (WHERE u.fact = 'body_table') OVER w AS body_table,
                   bool_or(u.b) FILTER (WHERE u.fact = 'body_view') OVER w AS body_view,
                   bool_or(u.b) FILTER (WHERE u.fact = 'body_routine') OVER w AS body_routine,
                   max(u.n) FILTER (WHERE u.fact = 'drop_depth') OVER w AS drop_depth,
                   bool_or(u.b) FILTER (WHERE u.fact = 'drop_depth') OVER w AS drop_broken,
                   max(u.n) FILTER (WHERE u.fact = 'late_depth') OVER w AS late_depth,
                   bool_or(u.b) FILTER (WHERE u.fact = 'sig_going') OVER w AS sig_going,
                   bool_or(u.b) FILTER (WHERE u.fact = 'renamed_in') OVER w AS renamed_in,
                   max(u.n) FILTER (WHERE u.fact = 'rebuilt_depth') OVER w AS rebuilt_depth,
                   bool_or(u.b) FILTER (WHERE u.fact = 'partitioned') OVER w AS partitioned,
                   max(u.new_c) FILTER (WHERE u.sub_key = 'columns') OVER w AS col_order
            FROM (SELECT x.schema_name, x.obj_key, x.kind, x.how, x.sub_key, x.old_c, x.new_c, x.q,
                         NULL::text AS fact, NULL::int AS n, NULL::boolean AS b, NULL::text AS t
                  FROM pp x
                  WHERE x.needs_facts
                  UNION ALL
                  SELECT f.schema_name, f.obj_key, NULL, NULL, NULL, NULL, NULL, NULL, f.fact, f.n, f.b, f.t FROM obj_facts f) u
            WINDOW w AS (PARTITION BY u.schema_name, u.obj_key)) z
        WHERE z.fact IS NULL
    ),
    parts AS (
        SELECT wf.schema_name, wf.obj_key, wf.kind, wf.how, wf.sub_key, wf.old_c, wf.new_c, wf.q,
               wf.create_ddl, wf.create_depth, wf.create_broken, wf.sig_table, wf.sig_view, wf.body_table, wf.body_view,
               wf.body_routine, wf.drop_depth, wf.drop_broken, wf.late_depth, wf.sig_going, wf.renamed_in, wf.rebuilt_depth,
               wf.partitioned, wf.col_order
        FROM with_facts wf
        UNION ALL
        SELECT x.schema_name, x.obj_key, x.kind, x.how, x.sub_key, x.old_c, x.new_c, x.q,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM pp x
        WHERE NOT x.needs_facts
    )
    -- the plan: every part of every object handled, then the parts of other objects that
    -- go and come back with them
    SELECT 'part', x.schema_name, x.obj_key, x.kind, x.how, x.sub_key, x.old_c, x.new_c, x.q,
               x.create_ddl, x.create_depth, x.create_broken, x.sig_table, x.sig_view, x.body_table, x.body_view,
               x.body_routine, x.drop_depth, x.drop_broken, x.late_depth, x.sig_going, x.renamed_in, x.rebuilt_depth,
               -- an index a partition's key is attached to: PostgreSQL drops it only with that key
               CASE WHEN x.how = 'altered' AND split_part(x.sub_key, ' ', 1) = 'index' AND x.old_c IS NOT NULL
                    THEN EXISTS (SELECT 1 FROM attached_keys c
                                 WHERE strpos(c.attach, format('ALTER INDEX %I.%I ATTACH ', x.schema_name,
                                                               substr(x.sub_key, 7))) = 1) END,
               -- the comment, grants or settings of a part dropped here: they go with it
               CASE WHEN x.how = 'altered' AND x.old_c IS NOT NULL AND x.new_c IS NULL
                         AND x.sub_key ~ '^[a-z]+_(comment|grants|settings) '
                    THEN EXISTS (SELECT 1 FROM pp b WHERE b.schema_name = x.schema_name AND b.obj_key = x.obj_key
                                   AND b.sub_key = regexp_replace(x.sub_key, '^([a-z]+)_(comment|grants|settings) ', '\1 ')
                                   AND b.old_c IS NOT NULL AND b.new_c IS NULL) END,
               ap.pre_exists, ap.parent_key, x.partitioned, x.col_order, NULL::int, NULL::boolean
    FROM parts x
    -- a partition's index or key attached to its parent's: whether that one exists
    -- before the partition is created (not created here), and whether it is a key's
    -- (CASE: the subqueries run only for such rows; as a filter of the lateral
    -- subquery they ran for every created part, quadratic on whole schemas)
    LEFT JOIN LATERAL (
        SELECT CASE WHEN g.attached THEN NOT EXISTS (
                   SELECT 1 FROM pp y WHERE y.new_c IS NOT NULL
                     AND split_part(y.sub_key, ' ', 1) IN ('index', 'constraint')
                     AND strpos(_attach_line(x.new_c), format('ALTER INDEX %I.%I ATTACH ', y.schema_name,
                                                              substr(y.sub_key, strpos(y.sub_key, ' ') + 1))) = 1) END
               AS pre_exists,
               CASE WHEN g.attached THEN EXISTS (
                   SELECT 1 FROM t_o t JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name LIKE 'constraint %'
                   WHERE strpos(_attach_line(x.new_c), format('ALTER INDEX %I.%I ATTACH ', t.schema_name,
                                                              substr(e.name, 12))) = 1) END AS parent_key
        FROM (SELECT x.kind = 'table' AND x.how IN ('added', 'recreated')
                     AND split_part(x.sub_key, ' ', 1) IN ('index', 'constraint')
                     AND _attach_line(x.new_c) IS NOT NULL AS attached) g
    ) ap ON true
    UNION ALL   -- foreign keys of untouched tables referencing what changes: dropped, added back
    SELECT 'foreign_key', f.schema_name, f.obj_key, 'table', NULL, f.sub_key, f.old_c, f.new_c, f.q,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               EXISTS (SELECT 1 FROM partitioned pt WHERE pt.schema_name = f.schema_name AND pt.obj_key = f.obj_key),
               NULL, NULL, NULL
    FROM fks f
    UNION ALL   -- parts naming a rebuilt type or a retyped column, or calling a recreated routine
    SELECT 'typed_part', tp.schema_name, tp.obj_key, 'table', NULL, tp.sub_key, NULL, tp.new_c, tp.q,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, tp.drop_phase, NULL
    FROM typed_parts tp
    UNION ALL   -- the comments of the parts above dropped and added back (typed parts, foreign keys)
    SELECT 'part_comment', c.schema_name, c.obj_key, 'table', NULL, te.name, NULL, o.content, c.q,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL
    FROM (SELECT tp.schema_name, tp.obj_key, tp.sub_key, tp.q FROM typed_parts tp WHERE tp.new_c IS NOT NULL
          UNION SELECT f.schema_name, f.obj_key, f.sub_key, f.q FROM fks f WHERE f.new_c IS NOT NULL) c
    JOIN t_o t ON t.schema_name = c.schema_name AND t.obj_key = c.obj_key
    JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = regexp_replace(c.sub_key, '^([a-z]+) ', '\1_comment ')
    JOIN objects o ON o.sha = te.entry_sha
    WHERE NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = c.schema_name AND x.obj_key = c.obj_key
                        AND x.sub_key = te.name)   -- (a changed comment is set there)
    UNION ALL   -- the grants and settings of a column dropped and added back (a generated one
                -- made again: typed_parts, whose comments are above; one whose expression
                -- changes, its comment too): DROP COLUMN took them along (N5)
    SELECT 'part_comment', c.schema_name, c.obj_key, 'table', NULL, te.name, NULL, o.content, c.q,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL
    FROM (SELECT tp.schema_name, tp.obj_key, substr(tp.sub_key, 8) AS col, tp.q, false AS with_comment FROM typed_parts tp
          WHERE tp.sub_key LIKE 'column %' AND tp.new_c IS NOT NULL
          UNION
          SELECT x.schema_name, x.obj_key, substr(x.sub_key, 8), x.q, true FROM pp x
          WHERE x.kind = 'table' AND x.how = 'altered' AND x.sub_key LIKE 'column %' AND x.old_c IS NOT NULL
            AND strpos(x.new_c, ' GENERATED ALWAYS AS (') > 0
            AND (_col_parts(x.old_c)).generated IS DISTINCT FROM (_col_parts(x.new_c)).generated) c
    JOIN t_o t ON t.schema_name = c.schema_name AND t.obj_key = c.obj_key
    JOIN tree_entries te ON te.tree_sha = t.obj_tree
                        AND (te.name IN ('column_grants ' || c.col, 'column_settings ' || c.col)
                             OR (c.with_comment AND te.name = 'column_comment ' || c.col))
    JOIN objects o ON o.sha = te.entry_sha
    WHERE NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = c.schema_name AND x.obj_key = c.obj_key
                        AND x.sub_key = te.name)   -- (a changed one is set there)
    UNION ALL   -- a kept table's REPLICA IDENTITY USING INDEX or CLUSTER ON naming an index
                -- (or key) the script drops and makes again: set again after it (dropping
                -- the index took the setting along, N2); with the comments
    SELECT 'part_comment', t.schema_name, t.obj_key, 'table', NULL, te.name, NULL, o.content,
               _qname(t.schema_name, t.obj_key),
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL
    FROM (SELECT x.schema_name, x.obj_key, substr(x.sub_key, strpos(x.sub_key, ' ') + 1) AS idx FROM pp x
          WHERE x.kind = 'table' AND x.how = 'altered' AND split_part(x.sub_key, ' ', 1) IN ('index', 'constraint')
            AND x.old_c IS NOT NULL AND x.new_c IS NOT NULL
          UNION SELECT tp.schema_name, tp.obj_key, substr(tp.sub_key, strpos(tp.sub_key, ' ') + 1) FROM typed_parts tp
          WHERE split_part(tp.sub_key, ' ', 1) IN ('index', 'constraint') AND tp.new_c IS NOT NULL) r
    JOIN t_o t ON t.schema_name = r.schema_name AND t.obj_key = r.obj_key
    JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name IN ('replica_identity', 'cluster')
    JOIN objects o ON o.sha = te.entry_sha
    WHERE right(o.content, length(quote_ident(r.idx)) + 2) = ' ' || quote_ident(r.idx) || ';'
      AND NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = t.schema_name AND x.obj_key = t.obj_key
                        AND x.sub_key = te.name)   -- (a changed one is set there)
    UNION ALL   -- inheritance children whose inherited columns and checks become their own
                -- (new_c: the parent, left and inherited again, N3)
    SELECT DISTINCT 'inherit_again', il.schema_name, il.obj_key, 'table', NULL, 'definition', NULL, il.through,
               _qname(il.schema_name, il.obj_key),
               NULL::text, NULL::int, NULL::boolean, NULL::boolean, NULL::boolean, NULL::boolean, NULL::boolean, NULL::boolean,
               NULL::int, NULL::boolean, NULL::int, NULL::boolean, NULL::boolean, NULL::int, NULL::boolean, NULL::boolean,
               NULL::boolean, NULL::boolean, NULL::boolean, NULL::text, NULL::int, NULL::boolean
    FROM inh_local il
    WHERE il.made_own
      AND NOT EXISTS (SELECT 1 FROM plan p WHERE p.schema_name = il.schema_name AND p.obj_key = il.obj_key
                        AND p.how IN ('removed', 'recreated'))
    UNION ALL   -- checks and defaults of kept domains calling a recreated routine
    SELECT 'domain_user', du.schema_name, du.obj_key, 'domain', NULL, du.sub_key, du.old_c, du.new_c, du.q,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, CASE WHEN du.late THEN 11 END, NULL
    FROM domain_users du
    UNION ALL   -- parts of kept tables calling a recreated routine (their column defaults)
    SELECT 'routine_user', ru.schema_name, ru.obj_key, 'table', NULL, ru.sub_key, ru.old_c, ru.new_c,
               _qname(ru.schema_name, ru.obj_key),
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, CASE WHEN ru.late THEN 11 END, NULL
    FROM routine_users ru
    UNION ALL   -- partitions' indexes attached to their parent's made valid (new_c: the statements)
    SELECT 'adopted_index', ca.schema_name, ca.obj_key, 'table', NULL, ca.sub_key, NULL, ca.stmt, ca.q,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL
    FROM adopted_indexes ca
    UNION ALL   -- sequences released from a table that goes, owned again once it is back
    SELECT 'owned_sequence', os.schema_name, os.obj_key, 'sequence', NULL, 'owned_by', NULL, os.target_owned_by, os.q,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, os.keeps_owner
    FROM owned_seqs os
    UNION ALL   -- sequences a table's SET LOGGED/UNLOGGED takes along (PostgreSQL 15+) whose
                -- target persistence is not the table's: set back (new_c: LOGGED or UNLOGGED, L3)
    SELECT 'seq_persistence', t.schema_name, t.obj_key, 'sequence', NULL, 'persistence', NULL,
               CASE WHEN sd.content LIKE 'CREATE UNLOGGED %' THEN 'UNLOGGED' ELSE 'LOGGED' END,
               _qname(t.schema_name, t.obj_key),
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL
    FROM persist_flips pf
    JOIN t_o t ON _key_kind(t.obj_key) = 'sequence'
    JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name = 'owned_by'
    JOIN objects ob ON ob.sha = e.entry_sha
    JOIN tree_entries d ON d.tree_sha = t.obj_tree AND d.name = 'definition'
    JOIN objects sd ON sd.sha = d.entry_sha
    WHERE strpos(ob.content, ' OWNED BY ' || format('%I.%I', pf.schema_name, _key_name(pf.obj_key)) || '.') > 0
      AND (sd.content LIKE 'CREATE UNLOGGED %') <> pf.unlogged
      AND current_setting('server_version_num')::int >= 150000   -- (14: sequences are always logged)
      -- one-time filter: else, persist_flips estimated at a row, every sequence of the
      -- target was read with its two blobs (four probes each) to meet an empty list
      AND EXISTS (SELECT 1 FROM persist_flips)
    UNION ALL   -- columns converted to a rebuilt type (new_c: the target's column)
    SELECT 'typed_column', tcl.schema_name, tcl.obj_key, 'table', NULL, 'column ' || tcl.name, NULL, tcl.col_def, tcl.tq,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL
    FROM typed_cols tcl
    UNION ALL   -- default privileges both trees hold unchanged: in effect while the script
                -- creates objects (read only when it creates some)
    SELECT 'kept_default_acl', f.schema_name, f.obj_key, 'default_privileges', NULL, 'definition', NULL, o.content, NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL
    FROM fo f
    JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key AND t.obj_tree = f.obj_tree
    JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = 'definition'
    JOIN objects o ON o.sha = e.entry_sha
    WHERE f.obj_key LIKE 'default\_privileges %'
      AND EXISTS (SELECT 1 FROM status s WHERE s.how IN ('added', 'recreated', 'rebuilt')   -- one-time filter
                    AND s.kind IN ('table', 'view', 'materialized_view', 'foreign_table', 'sequence', 'function',
                                   'procedure', 'aggregate', 'type', 'domain', 'schema'));
END
$$;
COMMENT ON FUNCTION pggit_v0._migration_plan(text, text) IS
    'The migration plan between two trees: each part of each object handled (added, removed, altered, recreated, rebuilt), what goes and comes back with them, and the facts statements are ordered by';

-- (_dep_depth, the depth read from names alone, is now _dep_order's fallback)
DROP FUNCTION IF EXISTS pggit_v0."_dep_depth"(text[], text[]);

-- Topological depth of each node of a graph (Kahn's algorithm, linear in nodes plus
-- edges): 0 for a node that depends on none of the others, else one more than the
-- deepest node it depends on.  Edge k: node p_src[k] depends on node p_dst[k] (1-based
-- indexes below p_n).  Creating in increasing depth creates what each object needs
-- first; dropping in decreasing depth drops dependants first.  A cycle (which only
-- routines with SQL-standard bodies and views can form) is broken at one of its nodes,
-- one the caller prefers (p_prefer) when the cycle has one, which then comes first and
-- is reported broken (created as a stub first, then for real).
CREATE OR REPLACE FUNCTION pggit_v0._graph_depth(p_n int, p_src int[], p_dst int[], p_prefer boolean[] DEFAULT NULL)
RETURNS TABLE (idx int, depth int, broken boolean)
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_m      int := coalesce(cardinality(p_src), 0);
    v_indeg  int[] := array_fill(0, ARRAY[greatest(p_n, 1)]);
    v_depth  int[] := array_fill(0, ARRAY[greatest(p_n, 1)]);
    v_start  int[] := array_fill(0, ARRAY[greatest(p_n, 1) + 1]);   -- dependants of node i: v_adj[v_start[i] .. v_start[i+1]-1]
    v_adj    int[];
    v_dsts   int[];
    v_queue  int[] := ARRAY[]::int[];
    v_seen   boolean[];
    v_out    boolean[] := array_fill(false, ARRAY[greatest(p_n, 1)]);
    v_broken boolean[] := array_fill(false, ARRAY[greatest(p_n, 1)]);
    v_head   int := 1;
    v_done   int := 0;
    v_max    int := 0;
    u int; v int; k int;
BEGIN
    IF p_n IS NULL OR p_n = 0 THEN
        RETURN;
    END IF;
    -- adjacency from each node to the nodes that depend on it, grouped by sorting once
    SELECT array_agg(e.s ORDER BY e.d, e.s), array_agg(e.d ORDER BY e.d, e.s) INTO v_adj, v_dsts
    FROM (SELECT DISTINCT x.s, x.d FROM unnest(p_src, p_dst) AS x(s, d) WHERE x.s <> x.d) e;
    v_m := coalesce(cardinality(v_adj), 0);
    FOR k IN 1 .. v_m LOOP
        v_start[v_dsts[k] + 1] := v_start[v_dsts[k] + 1] + 1;
        v_indeg[v_adj[k]] := v_indeg[v_adj[k]] + 1;
    END LOOP;
    v_start[1] := 1;
    FOR i IN 2 .. p_n + 1 LOOP
        v_start[i] := v_start[i - 1] + v_start[i];
    END LOOP;
    FOR i IN 1 .. p_n LOOP
        IF v_indeg[i] = 0 THEN v_queue := v_queue || i; END IF;
    END LOOP;
    LOOP
        WHILE v_head <= coalesce(cardinality(v_queue), 0) LOOP
            u := v_queue[v_head];
            v_head := v_head + 1;
            v_done := v_done + 1;
            v_max := greatest(v_max, v_depth[u]);
            v_out[u] := true;
            FOR k IN v_start[u] .. v_start[u + 1] - 1 LOOP
                v := v_adj[k];
                CONTINUE WHEN v_out[v];   -- (the edge that closed a broken cycle)
                v_depth[v] := greatest(v_depth[v], v_depth[u] + 1);
                v_indeg[v] := v_indeg[v] - 1;
                IF v_indeg[v] = 0 THEN v_queue := v_queue || v; END IF;
            END LOOP;
        END LOOP;
        EXIT WHEN v_done >= p_n;
        -- a cycle: walk from a node left back along what it still waits for until a node
        -- repeats (that node is on a cycle), and release that node, as pg_dump breaks a
        -- loop at one of its members; its dependants then follow it as usual
        u := NULL;
        FOR i IN 1 .. p_n LOOP
            IF v_indeg[i] > 0 THEN u := i; EXIT; END IF;
        END LOOP;
        v_seen := array_fill(false, ARRAY[p_n]);
        WHILE NOT v_seen[u] LOOP
            v_seen[u] := true;
            SELECT min(x.d) INTO v FROM unnest(p_src, p_dst) AS x(s, d)
            WHERE x.s = u AND x.d <> u AND v_indeg[x.d] > 0;
            EXIT WHEN v IS NULL;
            u := v;
        END LOOP;
        -- (go round the cycle once more for a node the caller prefers to break at)
        v := u;
        LOOP
            EXIT WHEN coalesce(p_prefer[v], false);
            SELECT min(x.d) INTO k FROM unnest(p_src, p_dst) AS x(s, d)
            WHERE x.s = v AND x.d <> v AND v_indeg[x.d] > 0 AND v_seen[x.d];
            EXIT WHEN k IS NULL OR k = u;
            v := k;
        END LOOP;
        IF coalesce(p_prefer[v], false) THEN u := v; END IF;
        v_broken[u] := true;
        v_depth[u] := greatest(v_depth[u], v_max + 1);
        v_indeg[u] := 0;
        v_queue := v_queue || u;
    END LOOP;
    RETURN QUERY SELECT i, v_depth[i], v_broken[i] FROM generate_series(1, p_n) AS i;
END
$$;
COMMENT ON FUNCTION pggit_v0._graph_depth(int, int[], int[], boolean[]) IS
    'Topological depth of each node of a dependency graph (Kahn''s algorithm; cycles broken at a preferred node, reported)';

-- Dependency depth of a set of definitions (creates: the target's; drops: the source's),
-- from the dependencies each object recorded at commit time (_tree_deps), or, for an
-- object whose tree has no "depends" blob (committed before dependencies were
-- recorded, or by a merge that changed it), from the qualified names its definition
-- mentions, as the engine did before.  Only dependencies of the object itself and of
-- its columns count: constraints, indexes, triggers and policies are created after
-- every object.
-- Items: schema, object key, the name others mention it by (schema.name, no
-- arguments), definition, object tree.
DROP FUNCTION IF EXISTS pggit_v0._dep_order(text[], text[], text[], text[], text[]);
CREATE OR REPLACE FUNCTION pggit_v0._dep_order(p_schemas text[], p_keys text[], p_names text[], p_defs text[],
                                              p_trees text[], p_table_parts boolean DEFAULT false)
RETURNS TABLE (idx int, depth int, broken boolean)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
-- The arrays' sizes are unknown to the planner (it expects 10 items): it nested a scan
-- of every item per edge, quadratic on whole schemas (5,000 tables: 3.7 s).  Every join
-- here is by hash.
SET enable_nestloop = off
AS $$
WITH items AS MATERIALIZED (
    SELECT u.i::int AS i, u.s, u.k, regexp_replace(u.n, '\(.*$', '') AS n, u.d, u.t
    FROM unnest(p_schemas, p_keys, p_names, p_defs, p_trees) WITH ORDINALITY AS u(s, k, n, d, t, i)
),
recorded AS MATERIALIZED (SELECT * FROM _tree_deps(ARRAY(SELECT it.t FROM items it WHERE it.t IS NOT NULL))),
-- the items whose trees recorded their dependencies (an empty "depends" blob: none)
has_record AS MATERIALIZED (
    SELECT DISTINCT it.i FROM items it JOIN tree_entries e ON e.tree_sha = it.t AND e.name = 'depends'
),
recorded_edges AS MATERIALIZED (
    SELECT DISTINCT a.i AS src, b.i AS dst, r.part = 'owned_by' AS owned
    FROM recorded r
    JOIN items a ON a.t = r.obj_tree
    JOIN items b ON b.s = r.ref_schema AND b.k = r.ref_key
    WHERE (r.part = 'definition' OR r.part LIKE 'column %' OR r.part = 'owned_by'
           OR (p_table_parts AND split_part(r.part, ' ', 1) IN ('policy', 'trigger', 'rule')))
),
edges AS (
    -- recorded: the object's own definition or a column of it depends on another item;
    -- not a table's column on the sequence that table owns (serial: both go together)
    SELECT e.src, e.dst FROM recorded_edges e
    WHERE NOT EXISTS (SELECT 1 FROM recorded_edges o WHERE o.owned AND o.src = e.dst AND o.dst = e.src)
    UNION
    -- read from the definition, for items without recorded dependencies
    SELECT DISTINCT a.i, b.i
    FROM items a CROSS JOIN LATERAL _qualified_names(a.d) m(tok)
    JOIN items b ON b.n = m.tok
    WHERE NOT EXISTS (SELECT 1 FROM has_record h WHERE h.i = a.i)
)
SELECT g.idx, g.depth, g.broken
FROM (SELECT array_agg(e.src) AS src, array_agg(e.dst) AS dst FROM edges e WHERE e.src <> e.dst) a
-- a cycle is broken at a routine with an SQL-standard body when it has one: that
-- routine can be created as a stub first (pg_dump breaks loops the same way)
CROSS JOIN LATERAL _graph_depth(cardinality(p_keys), a.src, a.dst,
                                ARRAY(SELECT it.k ~ '^(function|procedure) ' AND _sql_body(it.d) FROM items it ORDER BY it.i)) g
$$;
COMMENT ON FUNCTION pggit_v0._dep_order(text[], text[], text[], text[], text[], boolean) IS
    'Dependency depth of definitions from their recorded dependencies (or, without any, the names they mention), and which break a cycle';

-- Every blob of the given objects of a tree, with content.
CREATE OR REPLACE FUNCTION pggit_v0._object_tree_blobs(p_obj_trees text[])
RETURNS TABLE (obj_tree text, sub_key text, content text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
SELECT e.tree_sha, e.name, o.content
FROM (SELECT DISTINCT t FROM unnest(p_obj_trees) AS t) u
JOIN tree_entries e ON e.tree_sha = u.t      -- index lookups, not a scan of every entry
JOIN objects o ON o.sha = e.entry_sha
WHERE e.name <> 'depends'   -- recorded dependencies: read by _tree_deps, never DDL
$$;
COMMENT ON FUNCTION pggit_v0._object_tree_blobs(text[]) IS 'Every blob (with content) of the given object trees but their recorded dependencies';
