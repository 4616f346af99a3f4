-- Migration SQL: the statements that take the schema from one tree to another, in
-- dependency order, preserving data wherever PostgreSQL allows, each with its hazards.
--
-- How it works: the Merkle diff gives the changed blobs; each changed object is then
--   added    (its whole definition is new): created with all its parts
--   removed  (gone from the target): dropped
--   altered  : each changed part becomes ALTER statements (columns, constraints, ...)
--   recreated: dropped and created again (views, aggregates, tables whose partitioning
--              changes, functions whose signature changes), together with the views
--              that depend on it
--   rebuilt  : types in use (enum value removed, domain or composite changed) are
--              renamed away, created anew, the columns using them converted, then dropped
-- Statements are ordered by phase (drops of dependants first, creates in dependency
-- order, foreign keys after tables, NOT VALID then VALIDATE), and within a phase by a
-- textual dependency depth (views on views, partitions after parents).
--
-- Read top-down: generate_migration (the entry point users call) resolves the refs and
-- asks _commit_steps, the one entry the rest of the layer uses (checkout, merge,
-- verify_migration, diff's migration columns); it applies the renames of 56_renames.sql
-- and then _migration_steps, the engine: a plan (which objects are added, removed,
-- altered, recreated or rebuilt, and which dependants go with them), then the statements
-- of each phase.  The DDL text it reads and writes is parsed in 54_ddl_text.sql; applying
-- a script to the live schema is 58_apply.sql.

-- One complete migration script taking the schema of from_ref to the schema of to_ref,
-- in dependency order, with a header saying what it does, in one transaction (a
-- failing statement leaves the database as it was).  Refs as in diff_commits.
CREATE OR REPLACE FUNCTION pggit_v0.generate_migration(from_ref text, to_ref text)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_t0   timestamptz := clock_timestamp();
    v_from text := _resolve_ref(generate_migration.from_ref);
    v_to   text := _resolve_ref(generate_migration.to_ref);
    v_body text;
    v_n    int;
    v_loss text;
BEGIN
    SELECT string_agg(s.statement, E'\n' ORDER BY s.phase, s.ord, s.path COLLATE "C"), count(*),
           -- statements that can lose rows or values, named up front for whoever runs it
           -- (every text in a comment goes through _comment_text: no name can end the comment)
           string_agg(format('-- DATA LOSS (%s): %s', _comment_text(s.path), _comment_text(split_part(s.statement, E'\n', 1))), E'\n'
                      ORDER BY s.phase, s.ord, s.path COLLATE "C") FILTER (WHERE 'data_deletion' = ANY (s.hazards))
    INTO v_body, v_n, v_loss
    FROM _commit_steps(v_from, v_to) s;
    PERFORM _record_timing('migration', v_t0, format('%s..%s: %s statements', left(v_from, 12), left(v_to, 12), v_n));
    RETURN format(E'-- pgGit migration %s (%s) -> %s (%s): %s step(s)\n', _comment_text(generate_migration.from_ref),
                  left(v_from, 12), _comment_text(generate_migration.to_ref), left(v_to, 12), v_n)
        || coalesce(v_loss || E'\n', '')
        || E'BEGIN;\nSET LOCAL check_function_bodies = false;\n'
        || coalesce(v_body || E'\n', '')
        || E'COMMIT;\n';
END
$$;
COMMENT ON FUNCTION pggit_v0.generate_migration(text, text) IS
    'A complete, dependency-ordered migration script from from_ref''s schema to to_ref''s schema';

-- The migration from commit p_from to commit p_to (or, with p_to_tree, to that tree,
-- whose commit p_to is): first the renames (_renames) as ALTER TABLE statements, then
-- _migration_steps from p_from's tree as renamed to the target tree.  Columns as in
-- _migration_steps; the renames are phase 0.  Writes the renamed tree's blobs to the
-- store (content-addressed, like any tree) when there are renames.
CREATE OR REPLACE FUNCTION pggit_v0._commit_steps(p_from text, p_to text, p_to_tree text DEFAULT NULL)
RETURNS TABLE (phase int, ord int, path text, statement text, hazards text[],
               schema_name text, obj_key text, sub_key text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
DECLARE
    v_from_tree text := _commit_tree(p_from);
    v_to_tree   text := coalesce(p_to_tree, _commit_tree(p_to));
    v_renames   jsonb;
    v_base      text;
BEGIN
    SELECT jsonb_agg(to_jsonb(r)) INTO v_renames FROM _renames(p_from, p_to) r;
    IF v_renames IS NULL THEN
        RETURN QUERY SELECT * FROM _migration_steps(v_from_tree, v_to_tree);
        RETURN;
    END IF;
    -- a statement of its own: the stable _migration_steps below sees the rows it writes
    v_base := _renamed_tree(v_from_tree, v_renames);
    RETURN QUERY
    SELECT 0, (row_number() OVER (ORDER BY x.grp, x.s COLLATE "C"))::int, x.path, x.stmt,
           ARRAY['access_exclusive_lock']::text[], x.new_schema, x.key, x.sub
    FROM (   -- columns first (under the table's old name), then tables and sequences: rename, then move
        SELECT 1 AS grp, r.old_schema || '.' || r.old_table || '.' || r.old_column AS s,
               _path(r.new_schema, 'table ' || r.new_table, 'column ' || r.new_column) AS path,
               format('ALTER TABLE %I.%I RENAME COLUMN %I TO %I;', r.old_schema, r.old_table, r.old_column, r.new_column) AS stmt,
               r.new_schema, 'table ' || r.new_table AS key, 'column ' || r.new_column AS sub
        FROM jsonb_populate_recordset(NULL::pggit_v0._rename, v_renames) r WHERE r.kind = 'column'
        UNION ALL
        SELECT 2, r.kind || ' ' || r.old_schema || '.' || r.old_table,
               _path(r.new_schema, r.kind || ' ' || r.new_table, 'definition'),
               concat_ws(E'\n',
                   CASE WHEN r.old_table <> r.new_table
                        THEN format('ALTER %s %I.%I RENAME TO %I;', upper(r.kind), r.old_schema, r.old_table, r.new_table) END,
                   CASE WHEN r.old_schema <> r.new_schema
                        THEN format('ALTER %s %I.%I SET SCHEMA %I;', upper(r.kind), r.old_schema, r.new_table, r.new_schema) END),
               r.new_schema, r.kind || ' ' || r.new_table, 'definition'
        FROM jsonb_populate_recordset(NULL::pggit_v0._rename, v_renames) r WHERE r.kind IN ('table', 'sequence')
    ) x
    UNION ALL
    SELECT * FROM _migration_steps(v_base, v_to_tree);
END
$$;
COMMENT ON FUNCTION pggit_v0._commit_steps(text, text, text) IS
    'Migration steps between two commits: renames first (phase 0), then _migration_steps from the renamed source tree';

-- The fixed vocabulary of hazards, most severe first.
CREATE OR REPLACE FUNCTION pggit_v0.hazard_kinds()
RETURNS TABLE (hazard text, severity text, rank int, description text)
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
VALUES
 ('fails_with_rows', 'breaking', 0, 'Fails as soon as the table has a row: a NOT NULL column added to an existing table without a default. Add a default, or add the column nullable, backfill it, then SET NOT NULL in a later step'),
 ('data_deletion', 'data-loss', 1, 'Drops a table, column or materialized view, or narrows a type: rows or values are lost'),
 ('fails_on_violations', 'high', 2, 'Fails if existing rows violate it: SET NOT NULL, a new unique, check or foreign key constraint or unique index on an existing table. Check the data first; add checks and foreign keys NOT VALID, then VALIDATE'),
 ('correctness_risk', 'high', 3, 'May fail on existing data or change what queries return (type conversion, SET NOT NULL, type rebuild)'),
 ('table_rewrite', 'high', 4, 'Rewrites the whole table under an ACCESS EXCLUSIVE lock (type change, volatile default, SET LOGGED)'),
 ('access_exclusive_lock', 'medium', 5, 'Takes an ACCESS EXCLUSIVE lock: blocks reads and writes while it runs'),
 ('share_lock', 'medium', 6, 'Takes a SHARE lock: blocks writes while it runs (CREATE INDEX without CONCURRENTLY)'),
 ('index_dropped', 'medium', 7, 'Drops an index: queries relying on it may slow down'),
 ('authorization_change', 'medium', 8, 'Changes privileges, policies or row level security'),
 ('extension_upgrade', 'medium', 9, 'Upgrades or removes an extension'),
 ('index_build', 'low', 10, 'Builds an index: time and I/O proportional to the table'),
 ('validation_scan', 'low', 11, 'Scans the table to validate a constraint or NOT NULL')
$$;
COMMENT ON FUNCTION pggit_v0.hazard_kinds() IS
    'The hazards a migration statement may carry: name, severity (breaking, data-loss, high, medium, low), rank, meaning';

-- The migration from tree p_from to tree p_to as ordered steps: phase, order within
-- the phase, the path it implements, the statement and its hazards.
CREATE OR REPLACE FUNCTION pggit_v0._migration_steps(p_from text, p_to text)
RETURNS TABLE (phase int, ord int, path text, statement text, hazards text[],
               schema_name text, obj_key text, sub_key text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
-- The query below is large: planning it costs more than running it on small diffs.  Its
-- row estimates do not depend on the two tree shas, so one generic plan per session
-- serves every call (a custom plan would be made for each of the first five).
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    IF p_from IS NOT DISTINCT FROM p_to THEN
        RETURN;
    END IF;
    RETURN QUERY
    WITH RECURSIVE
    d AS MATERIALIZED (SELECT * FROM _diff_trees(p_from, p_to)),
    changed AS MATERIALIZED (SELECT * FROM _changed_objects(p_from, p_to)),
    -- every object of both trees: only read when dependants must be looked for
    fo AS MATERIALIZED (SELECT * FROM _tree_objects(p_from)),
    t_o AS MATERIALIZED (SELECT * FROM _tree_objects(p_to)),
    -- all views and materialized views on both sides, for dependants, and SQL routines
    -- with an SQL-standard body, RETURN or BEGIN ATOMIC (bound to what they read when
    -- created, like views), and publications (a table dropped and created again leaves
    -- them: they are created again after it)
    views AS MATERIALIZED (
        SELECT x.schema_name, x.obj_key, x.side, o.content AS def, x.obj_tree
        FROM (SELECT f.schema_name, f.obj_key, f.obj_tree, 'from' AS side FROM fo f
              UNION ALL SELECT t.schema_name, t.obj_key, t.obj_tree, 'to' FROM t_o t) x
        JOIN tree_entries e ON e.tree_sha = x.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        WHERE (_key_kind(x.obj_key) IN ('view', 'materialized_view', 'publication')
               OR (_key_kind(x.obj_key) IN ('function', 'procedure') AND _sql_body(o.content)))
          AND (EXISTS (SELECT 1 FROM dep_roots) OR EXISTS (SELECT 1 FROM col_changes))   -- one-time filter: no roots, no scan
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
                 WHEN _key_kind(c.obj_key) = 'server'
                      AND regexp_replace(split_part(od.content, E'\n', 1), ' VERSION ''(?:[^'']|'''')*''| OPTIONS \(.*\);$', '', 'g')
                          = regexp_replace(split_part(nd.content, E'\n', 1), ' VERSION ''(?:[^'']|'''')*''| OPTIONS \(.*\);$', '', 'g')
                      THEN 'altered'
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
                            AND strpos(o2.content, quote_literal(l) || '::' || _qname(c.schema_name, c.obj_key)) > 0)
                      THEN 'altered'
                 -- a composite type that only gains attributes at its end: ALTER TYPE ... ADD
                 -- ATTRIBUTE, which keeps the values of columns using it
                 WHEN _key_kind(c.obj_key) = 'type' AND od.content ~ '^CREATE TYPE .* AS \(' AND nd.content ~ '^CREATE TYPE .* AS \('
                      AND cardinality(_comp_attrs(nd.content)) > cardinality(_comp_attrs(od.content))
                      AND (_comp_attrs(nd.content))[1:cardinality(_comp_attrs(od.content))] = _comp_attrs(od.content)
                      THEN 'altered'
                 WHEN _key_kind(c.obj_key) IN ('type', 'domain') THEN 'rebuilt'
                 WHEN _key_kind(c.obj_key) IN ('function', 'procedure')
                      AND split_part(od.content, E'\n', 1) || split_part(od.content, E'\n', 2)
                          <> split_part(nd.content, E'\n', 1) || split_part(nd.content, E'\n', 2) THEN 'recreated'
                 WHEN _key_kind(c.obj_key) = 'table'
                      AND regexp_replace(regexp_replace(od.content, ' WITH \(.*\);$', ';'), '^CREATE UNLOGGED ', 'CREATE ')
                          <> regexp_replace(regexp_replace(nd.content, ' WITH \(.*\);$', ';'), '^CREATE UNLOGGED ', 'CREATE ')
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
    col_changes AS (   -- one row per such column (retyped: it is still there)
        SELECT d.schema_name, d.obj_key, d.sub_key, d.new_sha IS NOT NULL AS retyped FROM d
        LEFT JOIN objects oo ON oo.sha = d.old_sha
        LEFT JOIN objects no ON no.sha = d.new_sha
        WHERE d.sub_key LIKE 'column %' AND d.old_sha IS NOT NULL
          AND (d.new_sha IS NULL OR (_col_parts(oo.content)).type IS DISTINCT FROM (_col_parts(no.content)).type
               OR (_col_parts(oo.content)).coll IS DISTINCT FROM (_col_parts(no.content)).coll)
    ),
    -- views depending (transitively, by name) on recreated, rebuilt or removed objects
    -- or on tables whose columns change
    dep_roots AS (
        SELECT s.schema_name, s.obj_key FROM status s WHERE s.how IN ('recreated', 'rebuilt', 'removed')
        UNION SELECT tcl.schema_name, tcl.obj_key FROM typed_cols tcl   -- columns converted to a rebuilt type
        UNION SELECT r.schema_name, r.obj_key FROM rebuilt r
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
                    THEN 'rebuilt' ELSE s.how END
        FROM status s
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
          AND NOT EXISTS (SELECT 1 FROM status s WHERE s.schema_name = r.schema_name AND s.obj_key = r.obj_key
                            AND s.how IN ('rebuilt', 'removed', 'recreated'))
          AND EXISTS (SELECT 1 FROM status s WHERE s.how = 'rebuilt')   -- one-time filter
        UNION ALL
        SELECT DISTINCT dp.schema_name, dp.obj_key, _key_kind(dp.obj_key), f.obj_tree, t.obj_tree, 'recreated'
        FROM dependants dp
        JOIN fo f ON f.schema_name = dp.schema_name AND f.obj_key = dp.obj_key
        JOIN t_o t ON t.schema_name = dp.schema_name AND t.obj_key = dp.obj_key
        WHERE NOT EXISTS (SELECT 1 FROM status s WHERE s.schema_name = dp.schema_name AND s.obj_key = dp.obj_key)
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
        SELECT p.schema_name, p.obj_key, p.kind, p.how, k.sub_key, o.content AS old_c, n.content AS new_c,
               _qname(p.schema_name, p.obj_key) AS q, p.old_tree, p.new_tree,
               -- a routine's signature (what must exist to create it), computed once here
               CASE WHEN p.kind IN ('function', 'procedure', 'aggregate') AND k.sub_key = 'definition'
                    THEN _routine_signature(o.content) END AS old_sig,
               CASE WHEN p.kind IN ('function', 'procedure', 'aggregate') AND k.sub_key = 'definition'
                    THEN _routine_signature(n.content) END AS new_sig
        FROM pp_keys k
        JOIN plan p ON p.schema_name = k.schema_name AND p.obj_key = k.obj_key
        LEFT JOIN ob o ON o.obj_tree = p.old_tree AND o.sub_key = k.sub_key
        LEFT JOIN nb n ON n.obj_tree = p.new_tree AND n.sub_key = k.sub_key
        WHERE p.how <> 'altered' OR o.content IS DISTINCT FROM n.content
           -- an unchanged comment on a part that is dropped and created again (trigger,
           -- policy, constraint, index): applied again after it
           OR (k.sub_key ~ '^(trigger|policy|constraint|index)_comment ' AND n.content IS NOT NULL
               AND EXISTS (SELECT 1 FROM nb n2 LEFT JOIN ob o2 ON o2.obj_tree = p.old_tree AND o2.sub_key = n2.sub_key
                           WHERE n2.obj_tree = p.new_tree
                             AND n2.sub_key = regexp_replace(k.sub_key, '^([a-z]+)_comment ', '\1 ')
                             AND o2.content IS DISTINCT FROM n2.content))
    ),
    -- the attach lines of partitions' keys attached to their parents' indexes (few: read
    -- once here, not per dropped index)
    attached_keys AS MATERIALIZED (
        SELECT _attach_line(c.old_c) AS attach FROM pp c
        WHERE split_part(c.sub_key, ' ', 1) = 'constraint' AND _attach_line(c.old_c) IS NOT NULL
    ),
    -- foreign keys of untouched tables that reference recreated tables or tables whose
    -- key constraints or column types change: dropped first, added back at the end
    -- (cols: only foreign keys referencing one of these columns; NULL: every one)
    fk_roots AS (
        SELECT s.schema_name, s.obj_key, NULL::text[] AS cols FROM status s WHERE s.kind = 'table' AND s.how IN ('recreated', 'removed')
        UNION SELECT cr.schema_name, cr.obj_key, cr.cols FROM col_roots cr
        UNION SELECT x.schema_name, x.obj_key, NULL FROM pp x
              WHERE x.sub_key LIKE 'constraint %' AND x.old_c ~ ' (PRIMARY KEY|UNIQUE) '
    ),
    fks AS (
        SELECT DISTINCT f.schema_name, f.obj_key, e.name AS sub_key, o.content AS old_c, tn.content AS new_c,
               _qname(f.schema_name, f.obj_key) AS q
        FROM fo f
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
        WHERE NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = f.schema_name AND x.obj_key = f.obj_key
                            AND (x.sub_key = e.name OR x.how IN ('removed', 'recreated')))
          AND (r.cols IS NULL OR string_to_array(m[2], ', ') && r.cols)
          AND EXISTS (SELECT 1 FROM fk_roots)    -- one-time filter: no roots, no scan
    ),
    -- partitioned tables of the target that get foreign keys or checks added: PostgreSQL
    -- refuses NOT VALID foreign keys on them, so theirs are added validated
    partitioned AS MATERIALIZED (
        SELECT t.schema_name, t.obj_key FROM t_o t
        JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        WHERE _key_kind(t.obj_key) = 'table' AND o.content LIKE '% PARTITION BY %'
          AND (EXISTS (SELECT 1 FROM fks) OR EXISTS (SELECT 1 FROM pp x WHERE x.how = 'altered'
                                                     AND x.sub_key LIKE 'constraint %'))   -- one-time filter
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
        WHERE o.content ~ _word_re(r.q)
          AND r.depth < 10
    ),
    rebuilt AS (
        SELECT w.schema_name, w.obj_key, w.q, max(w.depth) AS depth FROM rebuilt_walk w GROUP BY 1, 2, 3
    ),
    -- routines whose arguments or result use a rebuilt type: recreated around it (they
    -- would otherwise keep pointing at the old type, which then cannot be dropped)
    routine_deps AS (
        SELECT DISTINCT f.schema_name, f.obj_key, f.obj_tree AS old_tree, t.obj_tree AS new_tree
        FROM rebuilt r
        JOIN fo f ON _key_kind(f.obj_key) IN ('function', 'procedure', 'aggregate')
        JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        WHERE (_key_name(f.obj_key) || ' ' || split_part(o.content, E'\n', 1) || ' '
               || split_part(o.content, E'\n', 2)) ~ _word_re(r.q)
          AND EXISTS (SELECT 1 FROM rebuilt)   -- one-time filter: no rebuilt type, no scan
    ),
    -- columns converted when their type is rebuilt
    typed_cols AS (
        SELECT t.schema_name, t.obj_key, _qname(t.schema_name, t.obj_key) AS tq, cp.*, cp.type AS type_q
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
    -- ordering among creates: views on views, partitions and children after parents
    creates AS (
        SELECT x.schema_name, x.obj_key, x.q, x.new_c, x.new_tree FROM pp x
        WHERE x.sub_key = 'definition' AND x.how IN ('added', 'recreated', 'rebuilt') AND x.new_c IS NOT NULL
          AND (x.kind IN ('table', 'view', 'materialized_view', 'type', 'domain')
               OR (x.kind IN ('function', 'procedure') AND _sql_body(x.new_c)))
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
               _compose_table(t.shell, t.col_order, coalesce(t.names, ARRAY[]::text[]), coalesce(t.defs, ARRAY[]::text[])) AS ddl
        FROM (SELECT y.schema_name, y.obj_key, min(y.q) AS q,
                     min(y.new_c) FILTER (WHERE y.sub_key = 'definition') AS shell,
                     min(y.new_c) FILTER (WHERE y.sub_key = 'columns') AS col_order,
                     array_agg((_col_parts(y.new_c)).name ORDER BY y.sub_key) FILTER (WHERE y.sub_key LIKE 'column %') AS names,
                     array_agg(y.new_c ORDER BY y.sub_key) FILTER (WHERE y.sub_key LIKE 'column %') AS defs
              FROM pp y
              WHERE y.kind = 'table' AND y.how IN ('added', 'recreated') AND y.new_c IS NOT NULL
                AND (y.sub_key IN ('definition', 'columns') OR y.sub_key LIKE 'column %')
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
               bool_or(z.part = 'old_sig' AND z.has_g) AS sig_going,
               bool_or(z.part = 'name' AND z.has_a) AS renamed_in
        FROM (SELECT u.*, bool_or(u.src = 't') OVER w AS has_t, bool_or(u.src = 'v') OVER w AS has_v,
                     bool_or(u.src = 'g') OVER w AS has_g, bool_or(u.src = 'a') OVER w AS has_a
              FROM (SELECT 'r' AS src, x.schema_name, x.obj_key, m.part, m.name
                    FROM pp x CROSS JOIN LATERAL (
                        SELECT 'new_sig' AS part, n FROM _qualified_names(x.new_sig) n
                        UNION ALL SELECT 'old_sig', n FROM _qualified_names(x.old_sig) n
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
    -- the definitions created, with their CREATE TABLE text, dependency depth and routine facts
    create_rows AS MATERIALIZED (
        SELECT z.* FROM (
            SELECT u.*, max(u.t_ddl1) OVER w AS t_ddl, max(u.depth1) OVER w AS c_depth, bool_or(u.broken1) OVER w AS c_broken,
                   bool_or(u.sig_table1) OVER w AS sig_table, bool_or(u.sig_view1) OVER w AS sig_view,
                   bool_or(u.body_table1) OVER w AS body_table, bool_or(u.body_view1) OVER w AS body_view,
                   bool_or(u.body_routine1) OVER w AS body_routine
            FROM (SELECT 'x' AS src, x.schema_name, x.obj_key, x.kind, x.how, x.sub_key, x.new_c,
                         NULL::text AS t_ddl1, NULL::int AS depth1, NULL::boolean AS broken1, NULL::boolean AS sig_table1,
                         NULL::boolean AS sig_view1, NULL::boolean AS body_table1, NULL::boolean AS body_view1,
                         NULL::boolean AS body_routine1
                  FROM pp x WHERE x.sub_key = 'definition' AND x.how IN ('added', 'recreated', 'rebuilt') AND x.new_c IS NOT NULL
                  UNION ALL SELECT 't', tc.schema_name, tc.obj_key, NULL, NULL, NULL, NULL, tc.ddl, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                  FROM table_creates tc
                  UNION ALL SELECT 'd', cd.schema_name, cd.obj_key, NULL, NULL, NULL, NULL, NULL, cd.depth, cd.broken, NULL, NULL, NULL, NULL, NULL
                  FROM cdepth cd
                  UNION ALL SELECT 'r', rm.schema_name, rm.obj_key, NULL, NULL, NULL, NULL, NULL, NULL, NULL, rm.sig_table, rm.sig_view,
                                   rm.body_table, rm.body_view, rm.body_routine
                  FROM routine_mentions rm) u
            WINDOW w AS (PARTITION BY u.schema_name, u.obj_key)) z
        WHERE z.src = 'x'
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
                     OR (x.kind IN ('function', 'procedure') AND _sql_body(x.old_c)))) a
        CROSS JOIN LATERAL _dep_order(a.ss, a.ks, a.names, a.defs, a.ts) dd
    ),
    -- the definitions dropped, with their dependants' depth, late-drop depth and routine facts
    drop_rows AS MATERIALIZED (
        SELECT z.* FROM (
            SELECT u.*, max(u.dep_depth1) OVER w AS dep_depth, max(u.late_depth1) OVER w AS late_dep,
                   bool_or(u.sig_going1) OVER w AS sig_going, bool_or(u.renamed_in1) OVER w AS renamed_in,
                   bool_or(u.broken1) OVER w AS d_broken
            FROM (SELECT 'x' AS src, x.schema_name, x.obj_key, x.kind, x.how, x.sub_key, x.old_c, x.q,
                         NULL::int AS dep_depth1, NULL::int AS late_depth1, NULL::boolean AS sig_going1,
                         NULL::boolean AS renamed_in1, NULL::boolean AS broken1
                  FROM pp x WHERE x.sub_key = 'definition' AND x.how IN ('removed', 'recreated') AND x.old_c IS NOT NULL
                  UNION ALL SELECT 'p', dd.schema_name, dd.obj_key, NULL, NULL, NULL, NULL, NULL, dd.depth, NULL, NULL, NULL,
                                   dd.broken
                  FROM ddepth dd
                  UNION ALL SELECT 'l', ld.schema_name, ld.obj_key, NULL, NULL, NULL, NULL, NULL, NULL, ld.depth, NULL, NULL, NULL
                  FROM late_depth ld
                  UNION ALL SELECT 'r', rm.schema_name, rm.obj_key, NULL, NULL, NULL, NULL, NULL, NULL, NULL, rm.sig_going,
                                   rm.renamed_in, NULL
                  FROM routine_mentions rm) u
            WINDOW w AS (PARTITION BY u.schema_name, u.obj_key)) z
        WHERE z.src = 'x'
    ),
    -- constraints, indexes, triggers and policies of tables whose columns are converted to
    -- a rebuilt type that name the type (a label compared in a CHECK or an index
    -- predicate): PostgreSQL cannot carry them over the conversion (the old type's
    -- operators), so they are dropped before it and created again after
    typed_parts AS (
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
        WHERE EXISTS (SELECT 1 FROM rebuilt r WHERE o.content ~ _word_re(r.q))
          AND NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = f.schema_name AND x.obj_key = f.obj_key
                            AND x.sub_key = e.name)
          AND EXISTS (SELECT 1 FROM rebuilt)   -- one-time filter
        UNION
        -- likewise triggers (WHEN) and policies naming a column whose type changes
        SELECT f.schema_name, f.obj_key, e.name, tn.content, _qname(f.schema_name, f.obj_key), 41
        FROM col_changes cc
        JOIN fo f ON f.schema_name = cc.schema_name AND f.obj_key = cc.obj_key
        JOIN t_o t ON t.schema_name = cc.schema_name AND t.obj_key = cc.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND split_part(e.name, ' ', 1) IN ('trigger', 'policy', 'rule')
        JOIN objects o ON o.sha = e.entry_sha
        LEFT JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = e.name
        LEFT JOIN objects tn ON tn.sha = te.entry_sha
        WHERE cc.retyped
          AND o.content ~ _word_re(quote_ident(substr(cc.sub_key, 8)), true)
          AND NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = f.schema_name AND x.obj_key = f.obj_key
                            AND x.sub_key = e.name)
          AND EXISTS (SELECT 1 FROM col_changes)   -- one-time filter
        UNION
        -- and parts of kept tables calling a routine that is dropped and created again
        -- (its result type or arguments change): DROP FUNCTION would refuse under them
        SELECT f.schema_name, f.obj_key, e.name, tn.content, _qname(f.schema_name, f.obj_key), 24
        FROM routine_users ru
        JOIN fo f ON f.schema_name = ru.schema_name AND f.obj_key = ru.obj_key
        JOIN t_o t ON t.schema_name = ru.schema_name AND t.obj_key = ru.obj_key
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = ru.sub_key
        LEFT JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = e.name
        LEFT JOIN objects tn ON tn.sha = te.entry_sha
        WHERE split_part(ru.sub_key, ' ', 1) IN ('constraint', 'index', 'trigger', 'policy')
          AND NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = f.schema_name AND x.obj_key = f.obj_key
                            AND x.sub_key = e.name)
          AND EXISTS (SELECT 1 FROM routine_users)   -- one-time filter
    ),
    -- parts of tables (both sides) that call a routine the migration drops and creates again
    routine_users AS (
        SELECT DISTINCT f.schema_name, f.obj_key, e.name AS sub_key, o.content AS old_c
        FROM plan rp
        JOIN fo f ON _key_kind(f.obj_key) = 'table'
        JOIN tree_entries e ON e.tree_sha = f.obj_tree
                           AND split_part(e.name, ' ', 1) IN ('constraint', 'index', 'trigger', 'policy', 'column')
        JOIN objects o ON o.sha = e.entry_sha
        WHERE rp.how = 'recreated' AND rp.kind IN ('function', 'procedure', 'aggregate')
          AND strpos(o.content, _refname(rp.schema_name, rp.obj_key)) > 0
          AND EXISTS (SELECT 1 FROM t_o t WHERE t.schema_name = f.schema_name AND t.obj_key = f.obj_key)
          AND NOT EXISTS (SELECT 1 FROM plan p3 WHERE p3.schema_name = f.schema_name AND p3.obj_key = f.obj_key
                            AND p3.how IN ('removed', 'recreated'))
          AND EXISTS (SELECT 1 FROM plan x WHERE x.how = 'recreated'   -- one-time filter
                        AND x.kind IN ('function', 'procedure', 'aggregate'))
    ),
    -- sequences owned by a column of a table dropped here (recreated or removed) that the
    -- target still has: DROP TABLE would take them along, so they are released first and
    -- owned again once the table is back
    owned_seqs AS (
        SELECT f.schema_name, f.obj_key, _qname(f.schema_name, f.obj_key) AS q,
               (SELECT tn.content FROM tree_entries te JOIN objects tn ON tn.sha = te.entry_sha
                WHERE te.tree_sha = t.obj_tree AND te.name = 'owned_by') AS target_owned_by
        FROM plan tb
        JOIN fo f ON _key_kind(f.obj_key) = 'sequence'
        JOIN tree_entries e ON e.tree_sha = f.obj_tree AND e.name = 'owned_by'
        JOIN objects o ON o.sha = e.entry_sha
        JOIN t_o t ON t.schema_name = f.schema_name AND t.obj_key = f.obj_key
        WHERE tb.kind = 'table' AND tb.how IN ('recreated', 'removed')
          AND strpos(o.content, ' OWNED BY ' || _qname(tb.schema_name, tb.obj_key) || '.') > 0
          AND NOT EXISTS (SELECT 1 FROM plan p2 WHERE p2.schema_name = f.schema_name AND p2.obj_key = f.obj_key
                            AND p2.how IN ('removed', 'recreated'))
          AND EXISTS (SELECT 1 FROM plan x WHERE x.kind = 'table'   -- one-time filter
                        AND x.how IN ('recreated', 'removed'))
    ),
    -- removed objects dropped late, ordered so that one referring to another goes first
    late AS (
        SELECT x.schema_name, x.obj_key, x.old_c, x.old_tree,
               rtrim(_refname(x.schema_name, x.obj_key), '(') AS n
        FROM pp x
        WHERE x.sub_key = 'definition' AND x.how = 'removed'
          AND x.kind IN ('sequence', 'function', 'procedure', 'aggregate', 'type', 'domain', 'collation')
    ),
    late_depth AS MATERIALIZED (   -- (as cdepth: one _dep_order call, the source's dependencies)
        SELECT a.ss[dd.idx] AS schema_name, a.ks[dd.idx] AS obj_key, dd.depth
        FROM (SELECT array_agg(n ORDER BY schema_name, obj_key) AS names, array_agg(old_c ORDER BY schema_name, obj_key) AS defs,
                     array_agg(schema_name ORDER BY schema_name, obj_key) AS ss, array_agg(obj_key ORDER BY schema_name, obj_key) AS ks,
                     array_agg(old_tree ORDER BY schema_name, obj_key) AS ts
              FROM late) a
        CROSS JOIN LATERAL _dep_order(a.ss, a.ks, a.names, a.defs, a.ts) dd
    ),
    steps AS (
        ------------------------------------------------------------------ drops
        -- whole objects removed or recreated (their parts go with them)
        -- Objects removed for good that columns may use (sequences and functions in
        -- defaults, types, domains, collations) go after the column changes (phase 42),
        -- those referring to others first; then rebuilt types' old copies (47),
        -- extensions and schemas.  Objects recreated go first, to make room.
        SELECT CASE WHEN x.kind IN ('function', 'procedure', 'aggregate')
                         -- its arguments or result use the row type of a table or view that
                         -- goes: dropped first (DROP TABLE refuses while it depends on it)
                         AND coalesce(x.sig_going, false)
                         THEN 11
                    WHEN x.kind IN ('function', 'procedure') AND _sql_body(x.old_c) THEN 12   -- with views
                    WHEN x.how = 'removed' AND x.kind IN ('function', 'procedure', 'aggregate')
                         -- replaced by a routine of the same name (VARIADIC, argument names or
                         -- OUT parameters changed): dropped before that one is created, as
                         -- DROP matches on input types and would take the new one
                         AND coalesce(x.renamed_in, false)
                         THEN 26
                    WHEN x.how = 'removed' AND x.kind IN ('sequence', 'function', 'procedure', 'aggregate',
                                                          'type', 'domain', 'collation') THEN 46
                    -- operators and text search objects: before the functions and
                    -- dictionaries they use; statistics objects: before their columns
                    WHEN x.kind = 'statistics' THEN 14
                    -- event triggers first (they would fire on the script's own DDL), and
                    -- default privileges (they would apply to the objects it creates)
                    WHEN x.kind IN ('event_trigger', 'default_privileges', 'security_label') THEN 1
                    WHEN x.kind = 'subscription' THEN 2
                    WHEN x.kind = 'publication' THEN 3
                    WHEN x.kind = 'foreign_table' THEN 21
                    -- operator classes and families, casts, conversions (before the operators,
                    -- functions and types they use), text search objects, parsers and templates
                    -- last (ord): configurations, dictionaries, then what they use
                    WHEN x.how = 'removed' AND x.kind IN ('operator', 'text_search_configuration', 'text_search_dictionary',
                                                          'operator_class', 'operator_family', 'cast', 'conversion',
                                                          'text_search_parser', 'text_search_template') THEN 45
                    -- user mappings, then servers, then wrappers (ord), after the foreign tables
                    WHEN x.how = 'removed' AND x.kind IN ('user_mapping', 'server', 'foreign_data_wrapper') THEN 44
                    WHEN x.kind IN ('operator', 'text_search_configuration', 'operator_class', 'operator_family', 'cast',
                                    'conversion', 'server') THEN 23
                    WHEN x.kind IN ('text_search_dictionary', 'text_search_parser', 'text_search_template') THEN 24
                    WHEN x.how = 'removed' AND x.kind = 'extension' THEN 48
                    WHEN x.how = 'removed' AND x.kind = 'schema' THEN 49
                    ELSE CASE x.kind WHEN 'view' THEN 12 WHEN 'materialized_view' THEN 12 WHEN 'function' THEN 26
                           WHEN 'procedure' THEN 26 WHEN 'aggregate' THEN 25 WHEN 'table' THEN 21
                           WHEN 'sequence' THEN 22 WHEN 'type' THEN 27 WHEN 'domain' THEN 27
                           WHEN 'extension' THEN 28 WHEN 'collation' THEN 28 WHEN 'schema' THEN 29 END END AS phase,
               CASE WHEN x.kind IN ('view', 'materialized_view')
                         OR (x.kind IN ('function', 'procedure') AND _sql_body(x.old_c))
                    THEN -coalesce(x.dep_depth, 0)
                    WHEN x.kind = 'operator_class' THEN -3
                    WHEN x.kind = 'operator_family' THEN -2
                    WHEN x.kind IN ('cast', 'conversion') THEN -1
                    WHEN x.kind IN ('text_search_parser', 'text_search_template') THEN 5
                    WHEN x.kind = 'user_mapping' THEN 0 WHEN x.kind = 'server' THEN 1 WHEN x.kind = 'foreign_data_wrapper' THEN 2
                    WHEN x.how = 'removed' AND x.kind NOT IN ('table', 'view', 'materialized_view', 'extension', 'schema')
                         THEN -coalesce(x.late_dep, 0)
                    WHEN x.kind = 'table' AND (x.old_c LIKE '% PARTITION OF %' OR x.old_c LIKE '% INHERITS (%') THEN 0
                    ELSE 1 END AS ord,
               x.schema_name, x.obj_key, x.sub_key,
               CASE x.kind
                 WHEN 'user_mapping' THEN regexp_replace(x.q, '^(.+)@("(?:[^"]|"")+"|[^@"]+)$', 'DROP USER MAPPING IF EXISTS FOR \1 SERVER \2;')
                 WHEN 'default_privileges' THEN _invert_default_privileges(x.old_c)
                 WHEN 'security_label' THEN regexp_replace(x.old_c, ' IS ''.*'';$', ' IS NULL;')
                 -- a subscription is dropped without touching the publisher: its slot is
                 -- released first (left on the publisher, if it was ever made there)
                 WHEN 'subscription' THEN format(E'ALTER SUBSCRIPTION %s DISABLE;\nALTER SUBSCRIPTION %s SET (slot_name = NONE);\nDROP SUBSCRIPTION IF EXISTS %s;',
                                                 x.q, x.q, x.q)
                 ELSE format('DROP %s IF EXISTS %s;', replace(upper(x.kind), '_', ' '), x.q) END AS stmt,
               -- a materialized view created again is filled again: its rows are not lost
               CASE WHEN x.kind = 'materialized_view' AND x.how = 'recreated' THEN ARRAY['access_exclusive_lock']
                    WHEN x.kind IN ('table', 'materialized_view') THEN ARRAY['data_deletion', 'access_exclusive_lock']
                    -- a sequence's current value goes with it (a new one starts over)
                    WHEN x.kind = 'sequence' AND x.how = 'removed' THEN ARRAY['data_deletion']
                    WHEN x.kind = 'extension' THEN ARRAY['extension_upgrade', 'correctness_risk']
                    WHEN x.kind IN ('type', 'domain', 'collation') THEN ARRAY['correctness_risk']
                    WHEN x.kind IN ('view') THEN ARRAY['access_exclusive_lock']
                    WHEN x.kind = 'subscription' THEN ARRAY['correctness_risk']
                    WHEN x.kind IN ('default_privileges', 'security_label', 'user_mapping') THEN ARRAY['authorization_change']
                    ELSE ARRAY[]::text[] END AS hz
        FROM drop_rows x
        UNION ALL
        -- a routine with an SQL-standard body on a dependency cycle with views that go:
        -- replaced first by a stub with a string body, which depends on nothing, so that
        -- the views and then the routine can be dropped (PostgreSQL refuses either first)
        SELECT 11, -1000000, x.schema_name, x.obj_key, x.sub_key, _routine_stub(x.old_c), ARRAY[]::text[]
        FROM drop_rows x
        WHERE coalesce(x.d_broken, false) AND x.kind IN ('function', 'procedure')
        UNION ALL
        -- rebuilt types: renamed away first, dropped once their columns are converted
        SELECT 27, 0, x.schema_name, x.obj_key, x.sub_key,
               format('ALTER %s %s RENAME TO %I;', upper(x.kind), x.q, _old_name(_key_name(x.obj_key))),
               ARRAY['correctness_risk']
        FROM pp x WHERE x.how = 'rebuilt' AND x.sub_key = 'definition'
        UNION ALL
        SELECT 47, -coalesce((SELECT r.depth FROM rebuilt r WHERE r.schema_name = x.schema_name AND r.obj_key = x.obj_key), 0),
               x.schema_name, x.obj_key, x.sub_key,
               format('DROP %s %I.%I;', upper(x.kind), x.schema_name, _old_name(_key_name(x.obj_key))),
               ARRAY[]::text[]
        FROM pp x WHERE x.how = 'rebuilt' AND x.sub_key = 'definition'
        UNION ALL
        -- parts of altered objects removed or replaced
        SELECT CASE split_part(x.sub_key, ' ', 1) WHEN 'trigger' THEN 10 WHEN 'rule' THEN 10 WHEN 'policy' THEN 11
                    WHEN 'constraint' THEN CASE WHEN x.old_c LIKE '% FOREIGN KEY %' THEN 13 ELSE 14 END
                    WHEN 'index' THEN 15 WHEN 'column' THEN 20 WHEN 'rls' THEN 11 WHEN 'owned_by' THEN 19
                    -- after the primary key holding it goes, before its parent's column may
                    WHEN 'column_not_null' THEN 19
                    ELSE 70 END,
               -- a partition's index attached to its parent's: after the parent's, which takes it along
               CASE WHEN _attach_line(x.old_c) IS NOT NULL THEN 2 ELSE 1 END, x.schema_name, x.obj_key, x.sub_key,
               coalesce(CASE WHEN split_part(x.sub_key, ' ', 1) = 'index' AND EXISTS (
                                 -- a partition's key is attached to it: PostgreSQL drops it only
                                 -- with that key (added again below, unattached)
                                 SELECT 1 FROM attached_keys c
                                 WHERE strpos(c.attach, format('ALTER INDEX %I.%I ATTACH ', x.schema_name,
                                                                            substr(x.sub_key, 7))) = 1)
                             THEN regexp_replace(_drop_part(x.schema_name, x.q, x.sub_key), ';$', ' CASCADE;')
                             ELSE _drop_part(x.schema_name, x.q, x.sub_key) END, CASE split_part(x.sub_key, ' ', 1)
                 WHEN 'column' THEN format('ALTER TABLE %s DROP COLUMN IF EXISTS %I;', x.q, substr(x.sub_key, 8))
                 WHEN 'rls' THEN format(E'ALTER TABLE %s DISABLE ROW LEVEL SECURITY;\nALTER TABLE %s NO FORCE ROW LEVEL SECURITY;', x.q, x.q)
                 WHEN 'owned_by' THEN format('ALTER SEQUENCE %s OWNED BY NONE;', x.q)
                 WHEN 'column_not_null' THEN format('ALTER TABLE %s ALTER COLUMN %I DROP NOT NULL;', x.q, substr(x.sub_key, 17))
                 WHEN 'replica_identity' THEN format('ALTER TABLE %s REPLICA IDENTITY DEFAULT;', x.q)
                 WHEN 'cluster' THEN format('ALTER %s %s SET WITHOUT CLUSTER;',
                                            CASE WHEN x.kind = 'materialized_view' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, x.q)
                 WHEN 'grants' THEN _invert_grants(x.old_c)
                 WHEN 'column_grants' THEN _invert_grants(x.old_c)
                 WHEN 'column_settings' THEN _reset_column_settings(x.old_c)
                 ELSE regexp_replace(x.old_c, ' IS ''.*'';$', ' IS NULL;')   -- comments
               END),
               CASE split_part(x.sub_key, ' ', 1)
                 WHEN 'column' THEN ARRAY['data_deletion', 'access_exclusive_lock']
                 WHEN 'index' THEN ARRAY['index_dropped', 'access_exclusive_lock']
                 WHEN 'constraint' THEN CASE WHEN x.old_c ~ ' (PRIMARY KEY|UNIQUE|EXCLUDE) '
                                             THEN ARRAY['index_dropped', 'access_exclusive_lock']
                                             ELSE ARRAY['access_exclusive_lock'] END
                 WHEN 'trigger' THEN ARRAY['access_exclusive_lock']
                 WHEN 'rule' THEN ARRAY['access_exclusive_lock', 'correctness_risk']
                 WHEN 'policy' THEN ARRAY['authorization_change']
                 WHEN 'rls' THEN ARRAY['authorization_change']
                 WHEN 'grants' THEN ARRAY['authorization_change']
                 WHEN 'column_grants' THEN ARRAY['authorization_change']
                 ELSE ARRAY[]::text[] END
        FROM pp x
        WHERE (x.how = 'altered' OR (x.how IN ('removed', 'recreated') AND x.kind = 'table'
                                     AND x.sub_key LIKE 'constraint %' AND x.old_c LIKE '% FOREIGN KEY %'))
          AND x.old_c IS NOT NULL
          -- (a sequence moving to another owner column is released first: dropping the old
          -- column would take it along)
          AND (x.how <> 'altered' OR x.new_c IS NULL OR split_part(x.sub_key, ' ', 1) IN ('trigger', 'policy', 'rule', 'constraint', 'index', 'rls', 'grants', 'column_grants', 'owned_by'))
          -- an index or key of a partition only attached to its parent's: kept (attached below)
          AND NOT (x.how = 'altered' AND x.new_c IS NOT NULL AND _without_attach(x.new_c) = x.old_c)
          -- ... or only no longer attached: its parent's index goes, taking it along (created again below)
          AND NOT (x.how = 'altered' AND x.new_c IS NOT NULL AND _attach_line(x.old_c) IS NOT NULL
                   AND x.new_c = _without_attach(x.old_c))
          AND split_part(x.sub_key, ' ', 1) NOT IN ('definition', 'columns')
          AND NOT (split_part(x.sub_key, ' ', 1) LIKE '%comment' AND x.new_c IS NOT NULL)
          -- the comment or column grants of a part dropped here go with it
          AND NOT (x.new_c IS NULL AND x.sub_key ~ '^[a-z]+_(comment|grants|settings) '
                   AND EXISTS (SELECT 1 FROM pp b WHERE b.schema_name = x.schema_name AND b.obj_key = x.obj_key
                                 AND b.sub_key = regexp_replace(x.sub_key, '^([a-z]+)_(comment|grants|settings) ', '\1 ')
                                 AND b.old_c IS NOT NULL AND b.new_c IS NULL))
        UNION ALL
        SELECT tp.drop_phase, -2, tp.schema_name, tp.obj_key, tp.sub_key,
               _drop_part(tp.schema_name, tp.q, tp.sub_key),
               ARRAY['access_exclusive_lock']
        FROM typed_parts tp
        UNION ALL
        SELECT CASE split_part(tp.sub_key, ' ', 1)
                 WHEN 'constraint' THEN CASE WHEN tp.new_c LIKE '% FOREIGN KEY %' THEN 56
                                             WHEN tp.new_c LIKE '% CHECK %' THEN 51 ELSE 50 END
                 WHEN 'index' THEN 55 WHEN 'trigger' THEN 61 ELSE 62 END,
               0, tp.schema_name, tp.obj_key, tp.sub_key,
               CASE WHEN split_part(tp.sub_key, ' ', 1) = 'index' THEN replace(tp.new_c, ' ON ONLY ', ' ON ') ELSE tp.new_c END,
               CASE split_part(tp.sub_key, ' ', 1) WHEN 'index' THEN ARRAY['index_build']
                                                   WHEN 'constraint' THEN ARRAY['validation_scan'] ELSE ARRAY[]::text[] END
        FROM typed_parts tp WHERE tp.new_c IS NOT NULL
        UNION ALL
        SELECT 24, -2, ru.schema_name, ru.obj_key, ru.sub_key,
               format('ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;', _qname(ru.schema_name, ru.obj_key), cp.name),
               ARRAY['access_exclusive_lock']
        FROM routine_users ru CROSS JOIN LATERAL _col_parts(ru.old_c) cp
        WHERE ru.sub_key LIKE 'column %' AND cp.default_expr IS NOT NULL AND cp.generated IS NULL
        UNION ALL
        SELECT 42, 5, ru.schema_name, ru.obj_key, ru.sub_key,
               format('ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;', _qname(ru.schema_name, ru.obj_key), ncp.name,
                      ncp.default_expr),
               ARRAY[]::text[]
        FROM routine_users ru
        CROSS JOIN LATERAL _col_parts(ru.old_c) cp
        JOIN t_o t ON t.schema_name = ru.schema_name AND t.obj_key = ru.obj_key
        JOIN tree_entries te ON te.tree_sha = t.obj_tree AND te.name = ru.sub_key
        JOIN objects tn ON tn.sha = te.entry_sha
        CROSS JOIN LATERAL _col_parts(tn.content) ncp
        WHERE ru.sub_key LIKE 'column %' AND cp.default_expr IS NOT NULL AND cp.generated IS NULL
          AND ncp.default_expr IS NOT NULL AND ncp.generated IS NULL
        UNION ALL
        SELECT 19, 0, os.schema_name, os.obj_key, 'owned_by', format('ALTER SEQUENCE %s OWNED BY NONE;', os.q),
               ARRAY[]::text[]
        FROM owned_seqs os
        UNION ALL
        SELECT 43, 1, os.schema_name, os.obj_key, 'owned_by', os.target_owned_by, ARRAY[]::text[]
        FROM owned_seqs os
        WHERE os.target_owned_by IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM pp x WHERE x.schema_name = os.schema_name AND x.obj_key = os.obj_key
                            AND x.sub_key = 'owned_by')
        UNION ALL
        SELECT CASE WHEN f.old_c LIKE '% FOREIGN KEY %' THEN 13 ELSE 14 END, 1, f.schema_name, f.obj_key, f.sub_key,
               _drop_part(f.schema_name, f.q, f.sub_key),
               ARRAY['access_exclusive_lock']
        FROM fks f
        ------------------------------------------------------------------ creates
        UNION ALL
        -- whole objects added, recreated or rebuilt: their definition
        SELECT CASE x.kind WHEN 'schema' THEN 30 WHEN 'extension' THEN 31 WHEN 'collation' THEN 31
                           WHEN 'type' THEN 32 WHEN 'domain' THEN 32
                           WHEN 'sequence' THEN 33 WHEN 'table' THEN 40 WHEN 'view' THEN 60 WHEN 'materialized_view' THEN 60
                           WHEN 'aggregate' THEN 36 WHEN 'operator' THEN 37
                           -- text search: parsers and templates (after the functions they
                           -- call), dictionaries, then configurations mapping them
                           WHEN 'text_search_parser' THEN 35 WHEN 'text_search_template' THEN 35
                           WHEN 'text_search_dictionary' THEN 36 WHEN 'text_search_configuration' THEN 37
                           -- after operators and functions: families, then their classes, and
                           -- conversions; casts; wrappers, then servers, then user mappings (ord)
                           WHEN 'operator_family' THEN 38 WHEN 'operator_class' THEN 38 WHEN 'conversion' THEN 38
                           WHEN 'cast' THEN 39 WHEN 'foreign_data_wrapper' THEN 39 WHEN 'server' THEN 39
                           WHEN 'user_mapping' THEN 39
                           WHEN 'foreign_table' THEN 44   -- after tables (a partition of one) and types
                           WHEN 'publication' THEN 67 WHEN 'subscription' THEN 68   -- after tables and views
                           -- default privileges after every object is created (they would apply
                           -- to those the script creates), event triggers last (they would fire
                           -- on the script's own DDL)
                           WHEN 'default_privileges' THEN 72 WHEN 'security_label' THEN 73
                           WHEN 'event_trigger' THEN 79
                           WHEN 'statistics' THEN 57   -- after tables, columns and indexes
                           -- an SQL-standard body reading a created table, view or routine, or
                           -- created again (a column it reads changes): with the views, after
                           -- what it reads, in depth order; else with the functions (a column
                           -- default may call it)
                           ELSE CASE WHEN _sql_body(x.new_c) AND (coalesce(x.body_table, false) OR coalesce(x.body_view, false)
                                                                  OR coalesce(x.body_routine, false) OR x.how <> 'added')
                                     THEN 60
                                     -- arguments or result use a created view's row type: after the views
                                     WHEN coalesce(x.sig_view, false) THEN 64
                                     -- ... a created table's row type: after the tables
                                     WHEN coalesce(x.sig_table, false) THEN 41
                                     WHEN coalesce(x.body_table, false) THEN 35 ELSE 34 END END,
               CASE x.kind WHEN 'text_search_parser' THEN 100 WHEN 'text_search_template' THEN 100
                           WHEN 'operator_class' THEN 1 WHEN 'conversion' THEN 2
                           WHEN 'foreign_data_wrapper' THEN 1 WHEN 'server' THEN 2 WHEN 'user_mapping' THEN 3
                           -- a routine created as a stub (a cycle): its definition after the rest
                           ELSE CASE WHEN coalesce(x.c_broken, false) AND x.kind IN ('function', 'procedure') AND _sql_body(x.new_c)
                                     THEN 1000000 ELSE coalesce(x.c_depth, 0) END END,
               x.schema_name, x.obj_key, x.sub_key,
               CASE WHEN x.kind = 'table' THEN x.t_ddl
                    WHEN x.kind = 'materialized_view' THEN regexp_replace(x.new_c, E'\nWITH NO DATA;$', ';')
                    ELSE x.new_c END,
               CASE WHEN x.kind = 'materialized_view' THEN ARRAY['access_exclusive_lock'] ELSE ARRAY[]::text[] END
        FROM create_rows x
        UNION ALL
        -- a routine with an SQL-standard body on a dependency cycle (it reads a view that
        -- calls it): created first as a stub with the same signature and a string body
        -- (not checked: check_function_bodies is off), then replaced by its definition in
        -- its place, as pg_dump does
        SELECT 60, -1, x.schema_name, x.obj_key, x.sub_key, _routine_stub(x.new_c), ARRAY[]::text[]
        FROM create_rows x
        WHERE coalesce(x.c_broken, false) AND x.kind IN ('function', 'procedure')
        UNION ALL
        -- parts of created objects and added or changed parts of altered objects
        -- (those of event triggers after them: last)
        SELECT CASE WHEN x.kind = 'event_trigger' THEN 80 ELSE CASE split_part(x.sub_key, ' ', 1)
                 WHEN 'owned_by' THEN 43 WHEN 'column_not_null' THEN 42
                 WHEN 'constraint' THEN CASE WHEN x.new_c LIKE '% FOREIGN KEY %' THEN 56
                                             WHEN x.new_c LIKE '% CHECK %' THEN 51 ELSE 50 END
                 WHEN 'index' THEN CASE WHEN x.kind = 'materialized_view' THEN 65 ELSE 55 END
                 WHEN 'trigger' THEN 61 WHEN 'policy' THEN 62 WHEN 'rls' THEN 63 WHEN 'rule' THEN 66
                 WHEN 'grants' THEN 71 WHEN 'column_grants' THEN 71 ELSE 70 END END,
               -- a partition's index or key attached to its parent's under its own name: made
               -- before the parent's index, which then takes it instead of making a clone
               CASE WHEN split_part(x.sub_key, ' ', 1) IN ('index', 'constraint') AND _attach_line(x.new_c) IS NOT NULL
                    THEN -1 ELSE 0 END,
               x.schema_name, x.obj_key, x.sub_key,
               CASE WHEN split_part(x.sub_key, ' ', 1) IN ('index', 'constraint') AND _attach_line(x.new_c) IS NOT NULL
                         AND _without_attach(x.new_c) = x.old_c THEN NULL   -- only attached: below
                    -- a new partition under an existing partitioned index: made out of the
                    -- index PostgreSQL cloned onto it (when the clone's name can be told)
                    WHEN ap.pre_exists AND _adopt_clone(x.schema_name, _key_name(x.obj_key), x.new_c, ap.parent_key) IS NOT NULL
                    THEN _adopt_clone(x.schema_name, _key_name(x.obj_key), x.new_c, ap.parent_key)
                    WHEN x.how = 'altered' AND split_part(x.sub_key, ' ', 1) = 'constraint'
                         AND x.new_c ~ ' (FOREIGN KEY|CHECK) ' AND x.new_c NOT LIKE '% NOT VALID;'
                         AND NOT (x.new_c ~ ' FOREIGN KEY ' AND EXISTS (SELECT 1 FROM partitioned pt
                                  WHERE pt.schema_name = x.schema_name AND pt.obj_key = x.obj_key))
                    THEN regexp_replace(x.new_c, ';$', ' NOT VALID;')
                         || format(E'\nALTER TABLE %s VALIDATE CONSTRAINT %I;', x.q, substr(x.sub_key, 12))
                    -- an index on a partitioned table: plain ON, so partitions get theirs
                    WHEN split_part(x.sub_key, ' ', 1) = 'index' THEN replace(_without_attach(x.new_c), ' ON ONLY ', ' ON ')
                    WHEN split_part(x.sub_key, ' ', 1) = 'constraint' THEN _without_attach(x.new_c)
                    -- settings changed: the old ones reset first (an option may be gone)
                    WHEN split_part(x.sub_key, ' ', 1) = 'column_settings' AND x.old_c IS NOT NULL
                         THEN _reset_column_settings(x.old_c) || E'\n' || x.new_c
                    ELSE x.new_c END,
               CASE split_part(x.sub_key, ' ', 1)
                 WHEN 'constraint' THEN
                   -- on a table that may hold rows, existing rows may violate it
                   CASE WHEN x.how <> 'altered' THEN ARRAY[]::text[]
                        WHEN x.new_c ~ ' (PRIMARY KEY|UNIQUE|EXCLUDE) ' THEN ARRAY['fails_on_violations', 'index_build', 'access_exclusive_lock']
                        WHEN x.new_c ~ ' NOT VALID;$' THEN ARRAY['access_exclusive_lock']
                        ELSE ARRAY['fails_on_violations', 'validation_scan', 'access_exclusive_lock'] END
                 WHEN 'index' THEN CASE WHEN x.how <> 'altered' THEN ARRAY[]::text[]
                                        WHEN x.new_c ~ '^CREATE UNIQUE INDEX ' THEN ARRAY['fails_on_violations', 'index_build', 'share_lock']
                                        ELSE ARRAY['index_build', 'share_lock'] END
                 WHEN 'policy' THEN ARRAY['authorization_change']
                 WHEN 'rls' THEN ARRAY['authorization_change']
                 WHEN 'grants' THEN ARRAY['authorization_change']
                 WHEN 'column_grants' THEN ARRAY['authorization_change']
                 WHEN 'trigger' THEN CASE WHEN x.how = 'altered' THEN ARRAY['access_exclusive_lock'] ELSE ARRAY[]::text[] END
                 WHEN 'column_not_null' THEN CASE WHEN x.how = 'altered' THEN ARRAY['fails_on_violations', 'access_exclusive_lock',
                                                                                   'validation_scan'] ELSE ARRAY[]::text[] END
                 ELSE ARRAY[]::text[] END
        FROM pp x
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
        WHERE x.new_c IS NOT NULL
          AND split_part(x.sub_key, ' ', 1) NOT IN ('definition', 'columns', 'column')
        UNION ALL
        -- ... and attached once the parent's index exists (when it took it already: nothing to do)
        SELECT 55, 1, x.schema_name, x.obj_key, x.sub_key, _attach_line(x.new_c), ARRAY[]::text[]
        FROM pp x
        WHERE x.new_c IS NOT NULL AND split_part(x.sub_key, ' ', 1) IN ('index', 'constraint')
          AND _attach_line(x.new_c) IS NOT NULL
        UNION ALL
        -- foreign keys of untouched tables, added back: NOT VALID, then VALIDATE (which
        -- takes a lighter lock than the plain ADD)
        SELECT 56, 0, f.schema_name, f.obj_key, f.sub_key,
               CASE WHEN f.new_c LIKE '% NOT VALID;'
                         OR EXISTS (SELECT 1 FROM partitioned pt WHERE pt.schema_name = f.schema_name AND pt.obj_key = f.obj_key)
                    THEN f.new_c
                    ELSE regexp_replace(f.new_c, ';$', ' NOT VALID;')
                         || format(E'\nALTER TABLE %s VALIDATE CONSTRAINT %I;', f.q, substr(f.sub_key, 12)) END,
               ARRAY['validation_scan']
        FROM fks f WHERE f.new_c IS NOT NULL
        UNION ALL
        -- columns added to existing tables, in the order the target records
        SELECT 42, CASE WHEN cp.generated IS NOT NULL THEN 1000 ELSE -1000 END + coalesce(array_position(
                   _lines((SELECT y.new_c FROM pp y WHERE y.schema_name = x.schema_name
                             AND y.obj_key = x.obj_key AND y.sub_key = 'columns')),
                   quote_ident(substr(x.sub_key, 8))), 0),
               x.schema_name, x.obj_key, x.sub_key,
               format('ALTER TABLE %s ADD COLUMN %s;', x.q, x.new_c),
               CASE WHEN cp.generated IS NOT NULL OR cp.identity IS NOT NULL
                         OR cp.default_expr ~ '(nextval|random|clock_timestamp|gen_random_uuid|uuid_generate)'
                    THEN ARRAY['table_rewrite', 'access_exclusive_lock']
                    -- NOT NULL without a default: fails as soon as the table has a row
                    WHEN cp.not_null AND cp.default_expr IS NULL THEN ARRAY['fails_with_rows', 'access_exclusive_lock']
                    ELSE ARRAY['access_exclusive_lock'] END
        FROM pp x CROSS JOIN LATERAL _col_parts(x.new_c) cp
        WHERE x.how = 'altered' AND x.sub_key LIKE 'column %' AND x.old_c IS NULL
        UNION ALL
        -- columns changed in place
        SELECT 42, 1, x.schema_name, x.obj_key, x.sub_key,
               concat_ws(E'\n',
                 CASE WHEN o.default_expr IS NOT NULL AND (n.default_expr IS NULL OR o.type <> n.type)
                      THEN format('ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;', x.q, n.name) END,
                 CASE WHEN o.identity IS NOT NULL AND n.identity IS NULL
                      THEN format('ALTER TABLE %s ALTER COLUMN %s DROP IDENTITY IF EXISTS;', x.q, n.name) END,
                 CASE WHEN o.generated IS NOT NULL AND n.generated IS NULL
                      THEN format('ALTER TABLE %s ALTER COLUMN %s DROP EXPRESSION;', x.q, n.name) END,
                 CASE WHEN n.generated IS NOT NULL AND o.generated IS DISTINCT FROM n.generated
                      THEN format(E'ALTER TABLE %s DROP COLUMN %s;\nALTER TABLE %s ADD COLUMN %s;', x.q, n.name, x.q, x.new_c) END,
                 CASE WHEN (o.type <> n.type OR o.coll IS DISTINCT FROM n.coll)
                           AND NOT (n.generated IS NOT NULL AND o.generated IS DISTINCT FROM n.generated)
                      -- same base type: no USING, so an overflow raises instead of truncating
                      THEN format('ALTER TABLE %s ALTER COLUMN %s TYPE %s%s%s;', x.q, n.name, n.type,
                                  coalesce(' COLLATE ' || n.coll, ''),
                                  CASE WHEN regexp_replace(o.type, '\([0-9, ]+\)', '', 'g')
                                            = regexp_replace(n.type, '\([0-9, ]+\)', '', 'g') THEN ''
                                       -- cast to the type without its length/precision: the
                                       -- assignment to the column then raises on a value that
                                       -- does not fit (an explicit cast would truncate it)
                                       -- between two user types (an enum moved to another schema,
                                       -- another enum): through text, as no cast joins them
                                       WHEN o.type ~ '^[^(]*\.' AND n.type ~ '^[^(]*\.'
                                       THEN format(' USING %s::text::%s', n.name, n.type)
                                       -- numbers <-> timestamps and dates: as epoch seconds
                                       WHEN _epoch_using(n.name, o.type, n.type) IS NOT NULL
                                       THEN ' USING ' || _epoch_using(n.name, o.type, n.type)
                                       ELSE format(' USING %s::%s', n.name, regexp_replace(n.type, '\([0-9, ]+\)', '', 'g')) END) END,
                 CASE WHEN n.default_expr IS NOT NULL AND (o.default_expr IS DISTINCT FROM n.default_expr OR o.type <> n.type)
                      THEN format('ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;', x.q, n.name, n.default_expr) END,
                 CASE WHEN o.not_null AND NOT n.not_null AND n.identity IS NULL
                      THEN format('ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL;', x.q, n.name) END,
                 CASE WHEN NOT o.not_null AND n.not_null AND n.generated IS NOT DISTINCT FROM o.generated
                      THEN format('ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;', x.q, n.name) END,
                 CASE WHEN n.identity IS NOT NULL AND o.identity IS NULL
                      THEN format(E'ALTER TABLE %s ALTER COLUMN %s ADD GENERATED %s AS IDENTITY%s;\n'
                                  'SELECT setval(pg_get_serial_sequence(%L, %L), coalesce(max(%s), 0) + 1, false) FROM %s;',
                                  x.q, n.name, n.identity, coalesce(' (' || n.identity_options || ')', ''),
                                  x.q, n.name, n.name, x.q)
                      WHEN n.identity IS NOT NULL AND o.identity <> n.identity
                      THEN format('ALTER TABLE %s ALTER COLUMN %s SET GENERATED %s;', x.q, n.name, n.identity) END,
                 -- sequence options changed: every option set (those gone back to their defaults)
                 CASE WHEN n.identity IS NOT NULL AND o.identity IS NOT NULL
                           AND o.identity_options IS DISTINCT FROM n.identity_options
                      THEN format('ALTER TABLE %s ALTER COLUMN %s %s%s;', x.q, n.name, _identity_set_options(n.identity_options),
                                  -- counting the other way: its current value is out of the new range
                                  CASE WHEN coalesce(o.identity_options, '') ~ 'INCREMENT BY -'
                                            <> coalesce(n.identity_options, '') ~ 'INCREMENT BY -'
                                       THEN ' RESTART' END) END),
               ARRAY(SELECT h FROM unnest(ARRAY[
                 CASE WHEN o.type <> n.type AND _type_narrows(o.type, n.type) THEN 'data_deletion' END,
                 CASE WHEN n.generated IS NOT NULL AND o.generated IS DISTINCT FROM n.generated AND o.generated IS NULL THEN 'data_deletion' END,
                 CASE WHEN o.type <> n.type AND _type_rewrites(o.type, n.type) THEN 'correctness_risk' END,
                 -- an identity restarted (it counts the other way): new values may collide
                 CASE WHEN n.identity IS NOT NULL AND o.identity IS NOT NULL
                           AND coalesce(o.identity_options, '') ~ 'INCREMENT BY -' <> coalesce(n.identity_options, '') ~ 'INCREMENT BY -'
                      THEN 'correctness_risk' END,
                 CASE WHEN NOT o.not_null AND n.not_null AND n.generated IS NOT DISTINCT FROM o.generated THEN 'fails_on_violations' END,
                 CASE WHEN (o.type <> n.type AND _type_rewrites(o.type, n.type))
                           OR (n.generated IS NOT NULL AND o.generated IS DISTINCT FROM n.generated)
                           OR (n.identity IS NOT NULL AND o.identity IS NULL) THEN 'table_rewrite' END,
                 'access_exclusive_lock',
                 CASE WHEN NOT o.not_null AND n.not_null THEN 'validation_scan' END]) AS h WHERE h IS NOT NULL)
        FROM pp x
        CROSS JOIN LATERAL _col_parts(x.old_c) o
        CROSS JOIN LATERAL _col_parts(x.new_c) n
        WHERE x.how = 'altered' AND x.sub_key LIKE 'column %' AND x.old_c IS NOT NULL AND x.new_c IS NOT NULL
        UNION ALL
        -- definitions of altered objects
        SELECT CASE x.kind WHEN 'sequence' THEN 33 WHEN 'extension' THEN 31 WHEN 'type' THEN 32 WHEN 'table' THEN 41
                           WHEN 'text_search_dictionary' THEN 36 WHEN 'text_search_configuration' THEN 37
                           WHEN 'operator_family' THEN 38 WHEN 'foreign_data_wrapper' THEN 39 WHEN 'server' THEN 39
                           WHEN 'user_mapping' THEN 39 ELSE 34 END,
               0, x.schema_name, x.obj_key, x.sub_key,
               CASE x.kind
                 -- options set anew; options gone named without a value (which removes them)
                 WHEN 'text_search_dictionary' THEN format('ALTER TEXT SEARCH DICTIONARY %s (%s);', x.q, concat_ws(', ',
                   (SELECT string_agg(m[1], ', ') FROM regexp_matches(coalesce(substring(x.old_c FROM '\(TEMPLATE = [^,)]+, (.*)\);$'), ''),
                                                                      '(?:^|, )([A-Za-z_][A-Za-z_0-9]*) = ', 'g') m
                    WHERE NOT coalesce(substring(x.new_c FROM '\(TEMPLATE = [^,)]+, (.*)\);$'), '') ~ ('(^|, )' || m[1] || ' = ')),
                   substring(x.new_c FROM '\(TEMPLATE = [^,)]+, (.*)\);$')))
                 -- every old mapping dropped, the new ones added
                 WHEN 'text_search_configuration' THEN concat_ws(E'\n',
                   (SELECT format('ALTER TEXT SEARCH CONFIGURATION %s DROP MAPPING IF EXISTS FOR %s;', x.q, string_agg(m[1], ', '))
                    FROM regexp_matches(x.old_c, ' ADD MAPPING FOR (\S+) WITH ', 'g') m HAVING count(*) > 0),
                   (SELECT string_agg(l, E'\n') FROM unnest(_lines(x.new_c)) l WHERE l LIKE 'ALTER TEXT SEARCH CONFIGURATION %'))
                 WHEN 'sequence' THEN regexp_replace(x.new_c, '^CREATE SEQUENCE ', 'ALTER SEQUENCE ')
                 -- wrappers, servers, user mappings: handler, validator, version and
                 -- options changed in place (NULL: nothing but a comment or grant changed)
                 WHEN 'foreign_data_wrapper' THEN (
                   SELECT format('ALTER FOREIGN DATA WRAPPER %s%s;', x.q, z.ch)
                   FROM (SELECT nullif(concat(
                           CASE WHEN _fdw_clause(x.old_c, 'HANDLER') IS DISTINCT FROM _fdw_clause(x.new_c, 'HANDLER')
                                THEN coalesce(' HANDLER ' || _fdw_clause(x.new_c, 'HANDLER'), ' NO HANDLER') END,
                           CASE WHEN _fdw_clause(x.old_c, 'VALIDATOR') IS DISTINCT FROM _fdw_clause(x.new_c, 'VALIDATOR')
                                THEN coalesce(' VALIDATOR ' || _fdw_clause(x.new_c, 'VALIDATOR'), ' NO VALIDATOR') END,
                           _alter_options(x.old_c, x.new_c)), '') AS ch) z
                   WHERE z.ch IS NOT NULL)
                 WHEN 'server' THEN (
                   SELECT format('ALTER SERVER %s%s;', x.q, z.ch)
                   FROM (SELECT nullif(concat(
                           CASE WHEN _fdw_clause(x.old_c, 'VERSION') IS DISTINCT FROM _fdw_clause(x.new_c, 'VERSION')
                                THEN ' VERSION ' || coalesce(_fdw_clause(x.new_c, 'VERSION'), 'NULL') END,
                           _alter_options(x.old_c, x.new_c)), '') AS ch) z
                   WHERE z.ch IS NOT NULL)
                 WHEN 'user_mapping' THEN (
                   SELECT regexp_replace(x.q, '^(.+)@("(?:[^"]|"")+"|[^@"]+)$', 'ALTER USER MAPPING FOR \1 SERVER \2') || z.ch || ';'
                   FROM (SELECT nullif(_alter_options(x.old_c, x.new_c), '') AS ch) z
                   WHERE z.ch IS NOT NULL)
                 -- members dropped, then members added (one ALTER OPERATOR FAMILY each)
                 WHEN 'operator_family' THEN nullif(concat_ws(E'\n',
                   (SELECT string_agg(_opfamily_drop_member(l), E'\n' ORDER BY o) FROM unnest(_lines(x.old_c)) WITH ORDINALITY AS u(l, o)
                    WHERE o > 1 AND NOT l = ANY (_lines(x.new_c))),
                   (SELECT string_agg(l, E'\n' ORDER BY o) FROM unnest(_lines(x.new_c)) WITH ORDINALITY AS u(l, o)
                    WHERE o > 1 AND NOT l = ANY (_lines(x.old_c)))), '')
                 WHEN 'extension' THEN format('ALTER EXTENSION %I UPDATE TO %L;', _key_name(x.obj_key),
                                              substring(x.new_c FROM ' VERSION ''(.*)'';$'))
                 WHEN 'type' THEN CASE WHEN x.new_c ~ '^CREATE TYPE .* AS \(' THEN (   -- composite: appended attributes
                   SELECT string_agg(format('ALTER TYPE %s ADD ATTRIBUTE %s;', x.q, na.a), E'\n' ORDER BY na.o)
                   FROM unnest(_comp_attrs(x.new_c)) WITH ORDINALITY AS na(a, o)
                   WHERE na.o > cardinality(_comp_attrs(x.old_c)))
                 ELSE (   -- enum: only additions reach here
                   SELECT string_agg(format('ALTER TYPE %s ADD VALUE IF NOT EXISTS %s%s;', x.q, quote_literal(nl.v),
                                            CASE WHEN nl.o > 1 THEN ' AFTER ' || quote_literal(nlabels[nl.o - 1])
                                                 WHEN cardinality(nlabels) > 1 THEN ' BEFORE ' || quote_literal(nlabels[2])
                                                 ELSE '' END), E'\n' ORDER BY nl.o)
                   FROM (SELECT _enum_labels(x.new_c) AS nlabels) lab
                   CROSS JOIN LATERAL unnest(lab.nlabels) WITH ORDINALITY AS nl(v, o)
                   WHERE NOT nl.v = ANY (_enum_labels(x.old_c))) END
                 WHEN 'table' THEN concat_ws(E'\n',
                   CASE WHEN x.old_c LIKE 'CREATE UNLOGGED %' AND x.new_c NOT LIKE 'CREATE UNLOGGED %'
                        THEN format('ALTER TABLE %s SET LOGGED;', x.q)
                        WHEN x.old_c NOT LIKE 'CREATE UNLOGGED %' AND x.new_c LIKE 'CREATE UNLOGGED %'
                        THEN format('ALTER TABLE %s SET UNLOGGED;', x.q) END,
                   CASE WHEN substring(x.old_c FROM ' WITH \((.*)\);$') IS DISTINCT FROM substring(x.new_c FROM ' WITH \((.*)\);$') THEN
                     concat_ws(E'\n',
                       (SELECT format('ALTER TABLE %s RESET (%s);', x.q, string_agg(split_part(kv, '=', 1), ', '))
                        FROM unnest(string_to_array(substring(x.old_c FROM ' WITH \((.*)\);$'), ', ')) AS kv
                        HAVING count(*) > 0),
                       (SELECT format('ALTER TABLE %s SET (%s);', x.q, substring(x.new_c FROM ' WITH \((.*)\);$'))
                        WHERE substring(x.new_c FROM ' WITH \((.*)\);$') IS NOT NULL)) END)
                 ELSE x.new_c END,   -- functions and procedures: CREATE OR REPLACE
               CASE x.kind WHEN 'extension' THEN ARRAY['extension_upgrade']
                           WHEN 'table' THEN ARRAY['table_rewrite', 'access_exclusive_lock']
                           ELSE ARRAY[]::text[] END
        FROM pp x
        WHERE x.how = 'altered' AND x.sub_key = 'definition' AND x.old_c IS NOT NULL AND x.new_c IS NOT NULL
        UNION ALL
        -- columns of tables using a rebuilt type: converted to the new type
        SELECT 41, -1, tcl.schema_name, tcl.obj_key, 'column ' || tcl.name,   -- before other column changes
               concat_ws(E'\n',
                 -- the current default may name the old type: always drop it first
                 format('ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;', tcl.tq, tcl.name),
                 format('ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::text::%s;', tcl.tq, tcl.name, tcl.type_q, tcl.name, tcl.type_q),
                 CASE WHEN tcl.default_expr IS NOT NULL THEN format('ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;', tcl.tq, tcl.name, tcl.default_expr) END),
               ARRAY['correctness_risk', 'table_rewrite', 'access_exclusive_lock']
        FROM typed_cols tcl
    )
    SELECT s.phase, s.ord,
           _path(s.schema_name, s.obj_key, s.sub_key),
           s.stmt, s.hz, s.schema_name, s.obj_key, s.sub_key
    FROM steps s
    WHERE s.stmt IS NOT NULL AND s.stmt <> ''
    ORDER BY s.phase, s.ord, s.schema_name COLLATE "C", s.obj_key COLLATE "C", s.sub_key COLLATE "C";
END
$$;
COMMENT ON FUNCTION pggit_v0._migration_steps(text, text) IS
    'Ordered migration statements from tree p_from to tree p_to: phase, order, path, statement, hazards';

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
CREATE OR REPLACE FUNCTION pggit_v0._dep_order(p_schemas text[], p_keys text[], p_names text[], p_defs text[],
                                              p_trees text[])
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
edges AS (
    -- recorded: the object's own definition or a column of it depends on another item
    SELECT DISTINCT a.i AS src, b.i AS dst
    FROM recorded r
    JOIN items a ON a.t = r.obj_tree
    JOIN items b ON b.s = r.ref_schema AND b.k = r.ref_key
    WHERE (r.part = 'definition' OR r.part LIKE 'column %')
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
COMMENT ON FUNCTION pggit_v0._dep_order(text[], text[], text[], text[], text[]) IS
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
