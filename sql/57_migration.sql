-- Migrations: the statements that take the schema from one commit to another, in
-- dependency order, preserving data wherever PostgreSQL allows, each with its hazards;
-- and applying them to the live schema.  This file holds the entry points, read
-- top-down; the engine is one file per stage:
--   54_ddl_text.sql   reading and writing canonical DDL text (the parsers)
--   56_renames.sql    stage 1: renames found in the capture log, and a tree "as renamed"
--   58_plan.sql       stage 2: the plan: which objects are added, removed, altered,
--                     recreated or rebuilt, what goes and comes back with them, and the
--                     dependency order (a topological sort of the graph commits record)
--   59_emit.sql       stage 3: the emitters: the statements of each phase
--
-- generate_migration (what users call) resolves the refs and asks _commit_steps, the
-- one entry the rest of the layer uses (checkout, merge, verify_migration, diff's
-- migration columns): the renames as ALTER statements, then _migration_steps, the
-- plan's statements sorted by phase.  _apply_steps runs them on the live schema for
-- checkout and merge, after the guards below (blobs re-hashed, a clean live schema,
-- rows at risk refused without force); verify_migration runs them and rolls back.

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
    v_note text;
BEGIN
    SELECT string_agg(s.statement, E'\n' ORDER BY s.phase, s.ord, s.path COLLATE "C"), count(*),
           -- statements that can lose rows or values, named up front for whoever runs it
           -- (every text in a comment goes through _comment_text: no name can end the comment)
           -- (the statement's line that loses them: not a DROP DEFAULT before a type change)
           string_agg(format('-- DATA LOSS (%s): %s', _comment_text(s.path),
                             _comment_text(coalesce(substring(s.statement FROM '(?n)^(?!ALTER TABLE .* ALTER COLUMN .* DROP DEFAULT;$).+$'),
                                                    split_part(s.statement, E'\n', 1)))), E'\n'
                      ORDER BY s.phase, s.ord, s.path COLLATE "C") FILTER (WHERE 'data_deletion' = ANY (s.hazards))
    INTO v_body, v_n, v_loss
    FROM _commit_steps(v_from, v_to) s;
    -- a routine of the target that a default or generated column the script sets calls,
    -- without a search_path of its own: it runs under the pinned path below, where
    -- checkout_branch(apply) runs it under the session's; one naming a sequence or table
    -- without its schema fails here only (AB2, Lemmy's nextval('changeme_seq')).  Named
    -- up front with the fix: the pinned path stays (V2)
    IF v_body ~ '\m(DEFAULT|GENERATED)\M' THEN
        SELECT string_agg(format('-- NOTE (%s): called by a default or generated column below, it runs under '
                                 || 'search_path = pg_catalog, pg_temp here; if it names objects without their schema, '
                                 || 'give it one: ALTER FUNCTION %s SET search_path = ...',
                                 _comment_text(rtrim(r.n, '(')), _comment_text(r.sig)), E'\n' ORDER BY r.n)
        INTO v_note
        FROM (SELECT DISTINCT _refname(o.schema_name, o.obj_key) AS n,
                     quote_ident(o.schema_name) || '.' || quote_ident(split_part(_key_name(o.obj_key), '(', 1))
                     || substr(_key_name(o.obj_key), strpos(_key_name(o.obj_key), '(')) AS sig
              FROM _tree_objects(_commit_tree(v_to)) o
              JOIN tree_entries e ON e.tree_sha = o.obj_tree AND e.name = 'definition'
              JOIN objects d ON d.sha = e.entry_sha
              WHERE _key_kind(o.obj_key) = 'function'
                AND d.content !~* '\mSET\s+search_path\M'
                AND EXISTS (SELECT 1 FROM regexp_split_to_table(v_body, E'\n') l(line)
                            WHERE l.line ~ '\m(DEFAULT|GENERATED)\M'
                              AND strpos(l.line, _refname(o.schema_name, o.obj_key)) > 0)) r;
    END IF;
    PERFORM _record_timing('migration', v_t0, format('%s..%s: %s statements', left(v_from, 12), left(v_to, 12), v_n));
    RETURN format(E'-- pgGit migration %s (%s) -> %s (%s): %s step(s)\n', _comment_text(generate_migration.from_ref),
                  left(v_from, 12), _comment_text(generate_migration.to_ref), left(v_to, 12), v_n)
        || coalesce(v_loss || E'\n', '')
        || coalesce(v_note || E'\n', '')
        -- (standard_conforming_strings pinned before any literal: psql lexes the script
        -- by the session's setting, and with it off a recorded '\' left the literal and
        -- the next one's text ran as a psql meta-command, V3)
        -- (search_path pinned, as pg_dump's scripts do: recorded texts name the user's
        -- objects with their schema and built-ins without one, and a function or operator
        -- of another role in public, or in a schema named like the role running the
        -- script, matching the arguments better than the built-in's, bound in its place,
        -- V2; pg_temp last: no temporary object is found by an unqualified name either)
        || E'BEGIN;\nSET LOCAL check_function_bodies = false;\nSET LOCAL standard_conforming_strings = on;\n'
        || E'SET LOCAL search_path = pg_catalog, pg_temp;\n'
        || coalesce(v_body || E'\n', '')
        || E'COMMIT;\n';
END
$$;
COMMENT ON FUNCTION pggit_v0.generate_migration(text, text) IS
    'A complete, dependency-ordered migration script from from_ref''s schema to to_ref''s schema';

-- Whether a default a column was first added with (in the commit of tree p_then_tree)
-- can be used where the script adds it and changes it to the target's after (the
-- target's types; what the target lacks is dropped before that change, and DROP refuses
-- under a default): no routine it calls and no sequence its nextval() reads is one the
-- commit held that the target does not (a routine or sequence in neither, an
-- extension's, is taken as there), and each label it casts to an enum of the target is
-- one of that enum's labels there (P2: a label renamed, a sequence renamed, a routine
-- dropped since).
DROP FUNCTION IF EXISTS pggit_v0._default_fits(text, text);
CREATE OR REPLACE FUNCTION pggit_v0._default_fits(p_expr text, p_then_tree text, p_to_tree text) RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
WITH objs AS MATERIALIZED (
    SELECT o.schema_name, o.obj_key, o.obj_tree, 'to' AS side FROM _tree_objects(p_to_tree) o
    WHERE _key_kind(o.obj_key) IN ('function', 'procedure', 'aggregate', 'sequence', 'type')
      AND p_expr ~ '[(:]'   -- (a constant: nothing to look up)
    UNION ALL
    SELECT o.schema_name, o.obj_key, o.obj_tree, 'then' FROM _tree_objects(p_then_tree) o
    WHERE _key_kind(o.obj_key) IN ('function', 'procedure', 'aggregate', 'sequence')
      AND p_expr ~ '[(:]'
),
-- routines, sequences and types by the names a default names them by, on each side
names AS (
    SELECT o.side, o.obj_tree, _key_kind(o.obj_key) AS kind,
           CASE WHEN _key_kind(o.obj_key) IN ('function', 'procedure', 'aggregate')
                THEN rtrim(_refname(o.schema_name, o.obj_key), '(')
                ELSE format('%I.%I', o.schema_name, _key_name(o.obj_key)) END AS n
    FROM objs o
),
-- the routines it calls (read without its string literals) and the sequences its
-- nextval() reads
named AS (
    SELECT m[1] AS n
    FROM regexp_matches(regexp_replace(p_expr, '''(?:[^'']|'''')*''', '''''', 'g'),
                        '((?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\.(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*))\(', 'g') m
    UNION
    SELECT format('%I.%I', pi[1], pi[2])
    FROM regexp_matches(p_expr, 'nextval\(''((?:[^'']|'''')*)''::regclass\)', 'g') m
    CROSS JOIN LATERAL parse_ident(replace(m[1], '''''', '''')) pi
    WHERE cardinality(pi) = 2
)
SELECT p_expr IS NULL
    OR (NOT EXISTS (   -- one the commit held that the target does not
            SELECT 1 FROM named x
            WHERE EXISTS (SELECT 1 FROM names t WHERE t.side = 'then' AND t.n = x.n)
              AND NOT EXISTS (SELECT 1 FROM names t WHERE t.side = 'to' AND t.kind <> 'type' AND t.n = x.n))
        AND NOT EXISTS (   -- a label cast to an enum of the target that the enum lacks
            SELECT 1
            FROM regexp_matches(p_expr, '''((?:[^'']|'''')*)''::((?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\.(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*))(\[\])?',
                                'g') m
            JOIN names t ON t.side = 'to' AND t.kind = 'type' AND t.n = m[2]
            JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name = 'definition'
            JOIN objects d ON d.sha = e.entry_sha
            WHERE d.content LIKE '% AS ENUM %'
              AND CASE WHEN m[3] IS NULL THEN NOT replace(m[1], '''''', '''') = ANY (_enum_labels(d.content))
                       -- (an array of it: each element, when none is quoted, X2)
                       WHEN m[1] ~ '^\{[^{}"\\'']*\}$'
                       THEN EXISTS (SELECT 1 FROM unnest(string_to_array(substr(m[1], 2, length(m[1]) - 2), ',')) x(e)
                                    WHERE NOT btrim(x.e) = ANY (_enum_labels(d.content)) AND lower(btrim(x.e)) <> 'null')
                       ELSE true END))
$$;
COMMENT ON FUNCTION pggit_v0._default_fits(text, text, text) IS
    'Whether a column''s first default names only routines, sequences and enum labels the script has where it adds the column';

-- The migration from commit p_from to commit p_to (or, with p_to_tree, to that tree,
-- whose commit p_to is): first the renames (_renames) as ALTER TABLE statements, then
-- The target tree as it was when the columns it adds to kept tables were added: each
-- such column's blob taken from the earliest commit on p_to's side (of p_from...p_to)
-- that has it, when that differs from the target's (a default set, changed or dropped
-- later, a generated column made plain later).  A migration over the span then adds the
-- column as the history did, and alters it to the target after: the rows that exist get
-- the value the history gave them, not the target's default (C14).  A column whose
-- default the commit that added it changed or dropped after gets the default it was
-- added with (_added_default, from the captured statement: G2).  NULL when no added
-- column differs.  _renamed_tree stores that tree (kinds 'then_blob', 'then_default').
CREATE OR REPLACE FUNCTION pggit_v0._added_as_then(p_base text, p_to_tree text, p_from text, p_to text) RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_then     jsonb;
    v_blobs    jsonb;
    v_defaults jsonb;
BEGIN
    -- (most migrations add no column to a table both trees hold; a whole schema made from
    -- the empty baseline adds only new tables' columns: the query below, whose anti-join
    -- over every added column cost 3.6 of a 1,000-table migration's 5.9 s, is not run)
    IF p_from IS NULL OR p_to IS NULL OR NOT EXISTS (
           SELECT 1 FROM _diff_trees(p_base, p_to_tree) d
           WHERE d.sub_key LIKE 'column %' AND d.old_sha IS NULL AND d.new_sha IS NOT NULL
             AND _tree_has_table(p_base, d.schema_name, _key_name(d.obj_key))) THEN
        RETURN NULL;
    END IF;
    WITH RECURSIVE diff AS MATERIALIZED (
        SELECT d.* FROM _diff_trees(p_base, p_to_tree) d
        WHERE _key_kind(d.obj_key) = 'table' AND (d.sub_key LIKE 'column %' OR d.sub_key = 'definition')
    ),
    added AS MATERIALIZED (   -- columns the target adds to tables both trees hold
        SELECT d.schema_name, d.obj_key, d.sub_key, d.new_sha, _bucket(d.schema_name, _key_name(d.obj_key)) AS bucket
        FROM diff d
        WHERE d.sub_key LIKE 'column %' AND d.old_sha IS NULL AND d.new_sha IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM diff t WHERE t.schema_name = d.schema_name AND t.obj_key = d.obj_key
                            AND t.sub_key = 'definition' AND t.old_sha IS NULL)
    ),
    fwd AS MATERIALIZED (
        SELECT g.commit_sha, g.tree_sha, g.committed_at
        FROM _one_side_commits(p_from, p_to) c JOIN commit_graph g ON g.commit_sha = c.sha
        WHERE c.fwd AND EXISTS (SELECT 1 FROM added)
    ),
    -- the renames and drops of tables and columns those commits logged, in order
    fren AS MATERIALIZED (
        SELECT f.committed_at AS at, l.id, l.event, l.object_type, l.object_identity, l.renamed_from
        FROM fwd f JOIN ddl_log_commits lc ON lc.commit_sha = f.commit_sha JOIN ddl_log l ON l.id = lc.log_id
        WHERE l.object_type IN ('table', 'table column')
          AND (l.renamed_from IS NOT NULL OR (l.event = 'sql_drop' AND l.object_type = 'table column'))
    ),
    -- each added column's names back through the renames of its table and itself (P6: a
    -- column added, then renamed or its table renamed or moved, was added under the old
    -- name): node d holds the names of the commits committed in [the next node's hi, hi).
    -- A column of that name ended (renamed away or dropped) between the rename that gave
    -- the name and hi is another column: the chain ends there
    chain(schema_name, obj_key, sub_key, d, cs, ct, cc, hi_at, hi_id) AS (
        SELECT a.schema_name, a.obj_key, a.sub_key, 0, a.schema_name, _key_name(a.obj_key), substr(a.sub_key, 8),
               'infinity'::timestamptz, 0::bigint
        FROM added a
        UNION ALL
        SELECT c.schema_name, c.obj_key, c.sub_key, c.d + 1, p.n[1], p.n[2],
               CASE WHEN r.object_type = 'table column' THEN p.n[3] ELSE c.cc END, r.at, r.id
        FROM chain c
        CROSS JOIN LATERAL (
            SELECT x.* FROM fren x
            WHERE x.renamed_from IS NOT NULL AND (x.at, x.id) < (c.hi_at, c.hi_id)
              AND CASE WHEN x.object_type = 'table column' THEN x.object_identity = format('%I.%I.%I', c.cs, c.ct, c.cc)
                       ELSE x.object_identity = format('%I.%I', c.cs, c.ct) END
            ORDER BY x.at DESC, x.id DESC LIMIT 1) r
        CROSS JOIN LATERAL (SELECT parse_ident(r.renamed_from) AS n) p
        WHERE c.d < 64
          AND cardinality(p.n) = CASE WHEN r.object_type = 'table column' THEN 3 ELSE 2 END
          AND NOT EXISTS (SELECT 1 FROM fren x
                          WHERE x.object_type = 'table column'
                            AND (x.at, x.id) > (r.at, r.id) AND (x.at, x.id) < (c.hi_at, c.hi_id)
                            AND coalesce(x.renamed_from, x.object_identity) = format('%I.%I.%I', c.cs, c.ct, c.cc))
    ),
    nodes AS MATERIALIZED (
        SELECT c.*, coalesce(n.hi_at, '-infinity'::timestamptz) AS lo_at
        FROM chain c
        LEFT JOIN chain n ON (n.schema_name, n.obj_key, n.sub_key, n.d) = (c.schema_name, c.obj_key, c.sub_key, c.d + 1)
    ),
    held AS MATERIALIZED (   -- each added column's blob in each such commit holding it (under its names then)
        SELECT n.schema_name, n.obj_key, n.sub_key, a.new_sha, f.commit_sha, f.committed_at, e4.entry_sha AS then_sha,
               n.cs, n.ct, n.cc, n.hi_at, n.hi_id
        FROM nodes n
        JOIN added a ON (a.schema_name, a.obj_key, a.sub_key) = (n.schema_name, n.obj_key, n.sub_key)
        JOIN fwd f ON f.committed_at >= n.lo_at AND f.committed_at < n.hi_at
        CROSS JOIN LATERAL (SELECT _bucket(n.cs, n.ct) AS bucket) b
        JOIN tree_entries e0 ON e0.tree_sha = f.tree_sha AND e0.name = n.cs
        JOIN tree_entries e1 ON e1.tree_sha = e0.entry_sha AND e1.name = left(b.bucket, 1)
        JOIN tree_entries e2 ON e2.tree_sha = e1.entry_sha AND e2.name = right(b.bucket, 1)
        JOIN tree_entries e3 ON e3.tree_sha = e2.entry_sha AND e3.name = 'table ' || n.ct
        JOIN tree_entries e4 ON e4.tree_sha = e3.entry_sha AND e4.name = 'column ' || n.cc
    ),
    then_blob AS (   -- each added column's blob in the earliest such commit holding it
                     -- since the last one where a column of its name then ended (E10: b
                     -- renamed to a and a new b added; the old b's blob is not the new one's)
        SELECT DISTINCT ON (h.schema_name, h.obj_key, h.sub_key) h.schema_name, h.obj_key, h.sub_key,
               h.new_sha, h.then_sha, h.commit_sha, h.cs, h.ct, h.cc
        FROM held h
        WHERE NOT EXISTS (SELECT 1 FROM fren x
                          WHERE x.object_type = 'table column'
                            AND coalesce(x.renamed_from, x.object_identity) = format('%I.%I.%I', h.cs, h.ct, h.cc)
                            AND x.at > h.committed_at AND (x.at, x.id) < (h.hi_at, h.hi_id))
        ORDER BY h.schema_name, h.obj_key, h.sub_key, h.committed_at, h.commit_sha
    ),
    -- the enum labels renamed since the commit each blob is taken from (the script
    -- renames them first: a first default naming one is added with its new name, T3)
    labs AS MATERIALIZED (
        SELECT c.commit_sha,
               (SELECT jsonb_agg(jsonb_build_object('t', format('%I.%I', r.old_schema, r.old_table),
                                                    'o', r.old_column, 'n', r.new_column))
                FROM _label_renames(c.commit_sha, p_to) r) AS labels
        FROM (SELECT DISTINCT b.commit_sha FROM then_blob b) c
        WHERE EXISTS (SELECT 1 FROM ddl_log l WHERE l.renamed_label IS NOT NULL)
    ),
    then_lab AS (
        SELECT t.*, l.labels FROM then_blob t LEFT JOIN labs l ON l.commit_sha = t.commit_sha
    )
    -- (one whose first default names what is gone where the script adds it: as the
    -- target has it, P2)
    -- (nor one whose type is a type or domain the target lacks: renamed or dropped since,
    -- P2e, P2f; nor a generated column generated in the target too: its values are the
    -- target expression's either way, and its first expression may read renamed columns)
    SELECT jsonb_agg(to_jsonb(t)) INTO v_blobs FROM then_lab t
    WHERE t.then_sha = t.new_sha
       OR NOT EXISTS (
              SELECT 1
              FROM objects tb CROSS JOIN LATERAL _col_parts(tb.content) tc,
                   objects nb CROSS JOIN LATERAL _col_parts(nb.content) nc
              WHERE tb.sha = t.then_sha AND nb.sha = t.new_sha
                AND ((tc.generated IS NOT NULL AND nc.generated IS NOT NULL)
                     OR (tc.type IS DISTINCT FROM nc.type AND tc.type ~ '^(?:"(?:[^"]|"")+"|[^".]+)\.'
                         -- (_renamed_tree adds one giving its rows nothing or a quoted
                         -- constant cast to it with the target's type: _col_typed_as)
                         AND _col_typed_as(tb.content, nb.content) = tb.content
                         AND NOT EXISTS (
                             SELECT 1
                             FROM parse_ident(regexp_replace(tc.type, '(\[\])+$', ''), false) q
                             JOIN tree_entries e0 ON e0.tree_sha = p_to_tree AND e0.name = q[1]
                             JOIN tree_entries e1 ON e1.tree_sha = e0.entry_sha AND e1.name = left(_bucket(q[1], q[2]), 1)
                             JOIN tree_entries e2 ON e2.tree_sha = e1.entry_sha AND e2.name = right(_bucket(q[1], q[2]), 1)
                             JOIN tree_entries e3 ON e3.tree_sha = e2.entry_sha
                                                 AND e3.name IN ('type ' || q[2], 'domain ' || q[2])
                             WHERE cardinality(q) = 2))))
      AND (t.then_sha = t.new_sha OR _default_fits((SELECT c.default_expr FROM objects o
                                                    CROSS JOIN LATERAL _col_parts(_col_relabeled(o.content, t.labels)) c
                                                    WHERE o.sha = t.then_sha),
                        (SELECT g.tree_sha FROM commit_graph g WHERE g.commit_sha = t.commit_sha), p_to_tree));
    -- the default a column was added with, when the commit that added it changed or
    -- dropped that default after (G2: Django's AddField with a default is ADD COLUMN ...
    -- DEFAULT 5 NOT NULL, then DROP DEFAULT: the rows got 5, the commit holds no default).
    -- Read from the statements, so only for a role that may read them (grant_access
    -- without statements: as before)
    IF v_blobs IS NOT NULL AND has_column_privilege('pggit_v0.ddl_log', 'statement', 'SELECT') THEN
        SELECT jsonb_agg(jsonb_build_object('kind', 'then_default', 'old_schema', t.schema_name,
                                            'old_table', t.obj_key, 'old_column', t.sub_key,
                                            'new_table', t.then_sha, 'new_column', d.id::text))
        INTO v_defaults
        FROM jsonb_to_recordset(v_blobs) AS t(schema_name text, obj_key text, sub_key text, new_sha text,
                                             then_sha text, commit_sha text, cs text, ct text, cc text)
        CROSS JOIN LATERAL (   -- (the names the column and its table had then: P6)
            SELECT l.id, _added_default(l.statement, t.cc, t.cs, t.ct) AS expr
            FROM ddl_log_commits lc JOIN ddl_log l ON l.id = lc.log_id
            WHERE lc.commit_sha = t.commit_sha AND l.event = 'ddl_command_end' AND l.command_tag = 'ALTER TABLE'
              AND l.object_identity = format('%I.%I', t.cs, t.ct)
              AND l.statement ~* 'default'
              AND _added_default(l.statement, t.cc, t.cs, t.ct) IS NOT NULL
            ORDER BY l.id LIMIT 1) d
        WHERE EXISTS (SELECT 1 FROM ddl_log_commits lc JOIN ddl_log l ON l.id = lc.log_id
                      WHERE lc.commit_sha = t.commit_sha
                        AND ((l.event = 'sql_drop' AND l.object_type = 'default value'
                              AND l.object_identity = format('for %I.%I.%I', t.cs, t.ct, t.cc))
                             OR lower(l.statement) ~ ('alter\s+(column\s+)?"?'
                                                      || regexp_replace(lower(t.cc), '\W', '.', 'g')
                                                      || '"?\s+(set|drop)\s+default')))
          AND (SELECT c.default_expr FROM objects o CROSS JOIN LATERAL _col_parts(o.content) c
               WHERE o.sha = t.then_sha) IS DISTINCT FROM d.expr
          AND _default_fits(d.expr, (SELECT g.tree_sha FROM commit_graph g WHERE g.commit_sha = t.commit_sha), p_to_tree);
    END IF;
    SELECT jsonb_agg(x.r) INTO v_then
    FROM (SELECT jsonb_build_object('kind', 'then_blob', 'old_schema', t.schema_name, 'old_table', t.obj_key,
                                    'old_column', t.sub_key, 'new_column', t.then_sha) AS r
          FROM jsonb_to_recordset(v_blobs) AS t(schema_name text, obj_key text, sub_key text, new_sha text,
                                               then_sha text, labels jsonb)
          -- (or the same, when a label its default names was renamed since: labels
          -- swapped, the target's default names the other one, X1)
          WHERE (t.then_sha <> t.new_sha
                 OR (jsonb_typeof(t.labels) = 'array'
                     AND (SELECT _col_relabeled(o.content, t.labels) <> o.content FROM objects o WHERE o.sha = t.then_sha)))
            AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v_defaults) e
                            WHERE (e->>'old_schema', e->>'old_table', e->>'old_column')
                                  = (t.schema_name, t.obj_key, t.sub_key))
          UNION ALL   -- (new_table: the blob given that default, new_column: the ddl_log row
                      -- whose ADD COLUMN gave it, read again by _renamed_tree)
          SELECT e FROM jsonb_array_elements(v_defaults) e
          UNION ALL   -- (the labels renamed since: new_schema the enum, new_table the label
                      -- then, new_column the label now; _renamed_tree renames them in
                      -- the default of the column's blob above, T3)
          SELECT jsonb_build_object('kind', 'then_label', 'old_schema', t.schema_name, 'old_table', t.obj_key,
                                    'old_column', t.sub_key, 'new_schema', l->>'t', 'new_table', l->>'o',
                                    'new_column', l->>'n')
          FROM jsonb_to_recordset(v_blobs) AS t(schema_name text, obj_key text, sub_key text, labels jsonb)
          CROSS JOIN LATERAL jsonb_array_elements(t.labels) l
          WHERE jsonb_typeof(t.labels) = 'array') x;
    -- (the tree is written by _renamed_tree, with the owner's rights: blobs already stored)
    RETURN CASE WHEN v_then IS NULL THEN NULL ELSE _renamed_tree(p_to_tree, v_then) END;
END
$$;
COMMENT ON FUNCTION pggit_v0._added_as_then(text, text, text, text) IS
    'The target tree with the columns it adds to kept tables as they were when added (C14); NULL when none differs';

-- A USING expression with its casts, blanks and letter case taken out: two that read alike
-- so convert the same values (the history's convert_to(tok, 'UTF8') and a migration's
-- convert_to(tok::text, 'UTF8')); NULL for NULL.
CREATE OR REPLACE FUNCTION pggit_v0._using_shape(p_expr text) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$ SELECT lower(regexp_replace(regexp_replace(p_expr, '::\s*"?[a-z_][a-z0-9_ ]*"?(\([0-9, ]*\))?(\[\])?', '', 'gi'),
                                  '[\s()";]', '', 'g')) $$;
COMMENT ON FUNCTION pggit_v0._using_shape(text) IS
    'A USING expression without casts, blanks, parentheses, quotes, semicolons or case: to compare a migration''s with the history''s (X4)';

-- _commit_steps_raw with the retypes the history ran with a USING expression other
-- than a plain cast flagged: a migration casts (it cannot run the expression over a
-- span: the columns it reads may be gone or renamed), so the rows get other values than
-- the history gave them (cents * 100, lower(code), at AT TIME ZONE 'UTC'): announced as
-- data loss and refused without force, as a lossy cast is (X4).  Only the retypes of
-- commits on p_to's side, by the names their statement gave the table and column.
CREATE OR REPLACE FUNCTION pggit_v0._commit_steps(p_from text, p_to text, p_to_tree text DEFAULT NULL)
RETURNS TABLE (phase int, ord int, path text, statement text, hazards text[],
               schema_name text, obj_key text, sub_key text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
    -- (read from the statements: only for a role that may read them, as _added_as_then;
    -- a reference to the column fails for any other, whatever the WHERE says)
    IF NOT has_column_privilege('pggit_v0.ddl_log', 'statement', 'SELECT') THEN
        RETURN QUERY SELECT * FROM _commit_steps_raw(p_from, p_to, p_to_tree);
        RETURN;
    END IF;
    RETURN QUERY
    WITH s AS MATERIALIZED (SELECT * FROM _commit_steps_raw(p_from, p_to, p_to_tree)),
    usings AS MATERIALIZED (
        SELECT DISTINCT (parse_ident(l.object_identity))[1] AS s_name, (parse_ident(l.object_identity))[2] AS t_name,
               u.col, _using_shape(u.expr) AS shape
        FROM _one_side_commits(p_from, p_to) c
        JOIN ddl_log_commits lc ON lc.commit_sha = c.sha JOIN ddl_log l ON l.id = lc.log_id
        CROSS JOIN LATERAL _logged_usings(l.statement, (parse_ident(l.object_identity))[1],
                                          (parse_ident(l.object_identity))[2]) u
        WHERE c.fwd AND l.event = 'ddl_command_end' AND l.command_tag = 'ALTER TABLE'
          AND l.statement ~* '\musing\M' AND cardinality(parse_ident(l.object_identity)) = 2
          AND EXISTS (SELECT 1 FROM s WHERE s.sub_key LIKE 'column %' AND s.statement ~ ' TYPE ')
    )
    SELECT s.phase, s.ord, s.path, s.statement,
           CASE WHEN s.sub_key LIKE 'column %' AND NOT 'data_deletion' = ANY (s.hazards)
                     AND strpos(s.statement, format(' ALTER COLUMN %I TYPE ', substr(s.sub_key, 8))) > 0
                     AND EXISTS (SELECT 1 FROM usings u WHERE u.s_name = s.schema_name
                                   AND u.t_name = _key_name(s.obj_key) AND u.col = substr(s.sub_key, 8)
                                   -- (the migration's own USING, the history's but for casts:
                                   -- text <-> bytea through convert_to/convert_from, C13)
                                   AND u.shape IS DISTINCT FROM
                                       _using_shape(substring(s.statement from ' USING (.*?);?\s*$')))
                THEN s.hazards || ARRAY['data_deletion'] ELSE s.hazards END,
           s.schema_name, s.obj_key, s.sub_key
    FROM s;
END
$$;

-- _migration_steps from p_from's tree as renamed to the target tree.  Columns as in
-- _migration_steps; the renames are phase 0.  Writes the renamed tree's blobs to the
-- store (content-addressed, like any tree) when there are renames.
CREATE OR REPLACE FUNCTION pggit_v0._commit_steps_raw(p_from text, p_to text, p_to_tree text DEFAULT NULL)
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
    v_then      text;
    v_parts     jsonb;
BEGIN
    SELECT jsonb_agg(to_jsonb(r)) INTO v_renames
    FROM (SELECT * FROM _renames(p_from, p_to) UNION ALL SELECT * FROM _label_renames(p_from, p_to)) r;
    v_base := v_from_tree;
    IF v_renames IS NOT NULL THEN
        -- a statement of its own: the stable _migration_steps below sees the rows it writes
        v_base := _renamed_tree(v_from_tree, v_renames);
    END IF;
    -- indexes and constraints renamed (by their text; not of tables moving to another
    -- schema): ALTER ... RENAME in phase 0, and the base as renamed
    SELECT jsonb_agg(to_jsonb(p)) INTO v_parts
    FROM _part_renames(v_from_tree, v_base, v_to_tree) p
    WHERE NOT EXISTS (SELECT 1 FROM jsonb_populate_recordset(NULL::_rename, v_renames) r
                      WHERE r.kind = 'table' AND r.new_schema = p.old_schema AND r.new_table = p.old_table
                        AND r.old_schema <> r.new_schema);
    IF v_parts IS NOT NULL THEN
        v_base := _renamed_tree(v_base, v_parts);
        v_renames := coalesce(v_renames, '[]'::jsonb) || v_parts;
    END IF;
    -- columns added as the history added them, then altered to the target (C14): the
    -- steps to that tree, then (phases after all of them) from it to the target
    v_then := _added_as_then(v_base, v_to_tree, p_from, p_to);
    IF v_then IS NOT NULL THEN
        RETURN QUERY
        SELECT * FROM _commit_steps_to(p_from, p_to, v_renames, v_base, v_then)
        UNION ALL
        SELECT m.phase + 1000, m.ord, m.path, m.statement, m.hazards, m.schema_name, m.obj_key, m.sub_key
        FROM _migration_steps(v_then, v_to_tree) m;
        RETURN;
    END IF;
    RETURN QUERY SELECT * FROM _commit_steps_to(p_from, p_to, v_renames, v_base, v_to_tree);
END
$$;

-- _commit_steps' statements from the renamed source tree p_base to the tree p_to_tree:
-- the renames first (phase 0), then _migration_steps.
CREATE OR REPLACE FUNCTION pggit_v0._commit_steps_to(p_from text, p_to text, v_renames jsonb, v_base text,
                                                     v_to_tree text)
RETURNS TABLE (phase int, ord int, path text, statement text, hazards text[],
               schema_name text, obj_key text, sub_key text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
DECLARE
    v_from_tree text := _commit_tree(p_from);
BEGIN
    IF v_renames IS NULL THEN
        RETURN QUERY SELECT * FROM _migration_steps(v_base, v_to_tree);
        RETURN;
    END IF;
    RETURN QUERY
    WITH ren AS (SELECT * FROM jsonb_populate_recordset(NULL::pggit_v0._rename, v_renames)),
    -- a rename onto a name another rename frees (a swap, a rotation: b -> c then a -> b)
    -- goes through a temporary name: first to it, then the others, then to its own
    moves00 AS (
        SELECT r.*,
               CASE WHEN r.kind = 'column'
                    THEN EXISTS (SELECT 1 FROM ren r2 WHERE r2.kind = 'column' AND (r2.old_schema, r2.old_table, r2.old_column)
                                                                             = (r.old_schema, r.old_table, r.new_column))
                    WHEN r.kind = 'enum_label'
                    THEN EXISTS (SELECT 1 FROM ren r2 WHERE r2.kind = 'enum_label' AND (r2.old_schema, r2.old_table, r2.old_column)
                                                                                 = (r.old_schema, r.old_table, r.new_column))
                    -- (moved and renamed: through a temporary name too, moved under it, so
                    -- that neither schema's names are in the way, A9)
                    ELSE EXISTS (SELECT 1 FROM ren r2 WHERE r2.kind = r.kind AND (r2.old_schema, r2.old_table)
                                                                           = (r.new_schema, r.new_table))
                         OR (r.old_schema <> r.new_schema AND r.old_table <> r.new_table) END AS staged,
               -- (the name and a suffix, shortened with a hash of the name when long:
               -- two long names sharing a prefix get two, A8)
               _old_name(coalesce(r.old_column, r.old_table)) AS tmp0,
               -- (a sequence whose table moves it: renamed where it is, before, P9)
               r.kind = 'sequence' AND r.old_schema <> r.new_schema AND EXISTS (
                   SELECT 1 FROM ren t
                   JOIN _tree_objects(v_from_tree) o ON o.schema_name = r.old_schema AND o.obj_key = 'sequence ' || r.old_table
                   JOIN tree_entries e ON e.tree_sha = o.obj_tree AND e.name = 'owned_by'
                   JOIN objects b ON b.sha = e.entry_sha
                   WHERE t.kind = 'table' AND t.old_schema = r.old_schema AND t.new_schema = r.new_schema
                     AND strpos(b.content, ' OWNED BY ' || format('%I.%I', t.old_schema, t.old_table) || '.') > 0) AS carried
        FROM ren r WHERE r.kind IN ('column', 'table', 'sequence', 'enum_label')
    ),
    moves0 AS (
        SELECT x.kind, x.old_schema, x.old_table, x.old_column, x.new_schema, x.new_table, x.new_column,
               x.staged AND NOT x.carried AS staged, x.tmp0, x.carried
        FROM moves00 x
    ),
    -- schemas the moves need that the source lacks (the target's objects: their trees)
    new_schemas AS MATERIALIZED (
        SELECT t.schema_name AS s, t.obj_tree
        FROM _tree_objects(v_to_tree) t
        WHERE t.obj_key = 'schema ' || t.schema_name
          AND t.schema_name IN (SELECT r.new_schema FROM ren r WHERE r.kind IN ('table', 'sequence')
                                  AND r.old_schema <> r.new_schema)
          AND NOT EXISTS (SELECT 1 FROM _tree_objects(v_from_tree) f WHERE f.schema_name = t.schema_name
                            AND f.obj_key = t.obj_key)
    ),
    -- a temporary name two moves would share (two tables t swapped between schemas, C4)
    -- or a name either tree already holds (a column x__pggit_old, C2) gets a hash of
    -- the object's whole name
    moves AS (
        SELECT m.*,
               CASE WHEN m.staged AND (
                         count(*) FILTER (WHERE m.staged) OVER (
                             PARTITION BY m.kind, m.tmp0,
                                          CASE WHEN m.kind IN ('column', 'enum_label') THEN m.old_schema || '.' || m.old_table END) > 1
                         OR (m.kind = 'column' AND EXISTS (
                                 SELECT 1 FROM _tree_objects(v_from_tree) o
                                 JOIN tree_entries e ON e.tree_sha = o.obj_tree AND e.name = 'column ' || m.tmp0
                                 WHERE o.schema_name = m.old_schema AND o.obj_key = 'table ' || m.old_table))
                         OR (m.kind IN ('table', 'sequence') AND EXISTS (
                                 SELECT 1 FROM _tree_objects(v_from_tree) o
                                 WHERE o.schema_name IN (m.old_schema, m.new_schema) AND _key_name(o.obj_key) = m.tmp0))
                         -- (a label of the enum in either tree: x__pggit_old, X9)
                         OR (m.kind = 'enum_label' AND EXISTS (
                                 SELECT 1 FROM (SELECT * FROM _tree_objects(v_from_tree)
                                                UNION ALL SELECT * FROM _tree_objects(v_to_tree)) o
                                 JOIN tree_entries e ON e.tree_sha = o.obj_tree AND e.name = 'definition'
                                 JOIN objects b ON b.sha = e.entry_sha
                                 WHERE o.schema_name = m.old_schema AND o.obj_key = 'type ' || m.old_table
                                   AND m.tmp0 = ANY (_enum_labels(b.content)))))
                    THEN _old_name(coalesce(m.old_column, m.old_table) || '_'
                                   || left(md5(concat_ws('.', m.old_schema, m.old_table, m.old_column)), 8))
                    ELSE m.tmp0 END AS tmp
        FROM moves0 m
    )
    SELECT 0, (row_number() OVER (ORDER BY x.grp, x.s COLLATE "C"))::int, x.path, x.stmt,
           x.hz, x.new_schema, x.key, x.sub
    FROM (   -- the schemas tables and sequences move into that the source lacks, created
             -- first (as the target defines them; not again with the other objects, below:
             -- P1); the parts using displaced columns and those columns dropped, then columns
        SELECT -2 AS grp, ns.s, _path(ns.s, 'schema ' || ns.s, 'definition') AS path, o.content AS stmt,
               ARRAY[]::text[] AS hz, ns.s AS new_schema, 'schema ' || ns.s AS key, 'definition' AS sub
        FROM new_schemas ns
        JOIN tree_entries e ON e.tree_sha = ns.obj_tree AND e.name = 'definition'
        JOIN objects o ON o.sha = e.entry_sha
        UNION ALL
             -- (under the table's old name), then tables and sequences: rename, then
             -- move; then enum labels (each: to a temporary name, direct, to its own)
        SELECT -1, r.old_schema || '.' || r.old_table || '.' || r.old_column,
               _path(r.old_schema, 'table ' || r.old_table, r.old_column) AS path,
               _drop_part(r.old_schema, format('%I.%I', r.old_schema, r.old_table), r.old_column) AS stmt,
               CASE WHEN r.old_column LIKE 'index %' THEN ARRAY['index_dropped', 'access_exclusive_lock']
                    ELSE ARRAY['access_exclusive_lock'] END AS hz,
               r.old_schema AS new_schema, 'table ' || r.old_table AS key, r.old_column AS sub
        FROM ren r WHERE r.kind = 'displaced_part'
        UNION ALL
        SELECT 0 AS grp, r.old_schema || '.' || r.old_table || '.' || r.old_column AS s,
               _path(r.old_schema, 'table ' || r.old_table, 'column ' || r.old_column) AS path,
               format('ALTER TABLE %I.%I DROP COLUMN %I;', r.old_schema, r.old_table, r.old_column) AS stmt,
               -- (a generated column holds no values of its own: its expression makes them
               -- again from the columns that stay, N6)
               CASE WHEN g.generated THEN ARRAY['access_exclusive_lock']
                    ELSE ARRAY['data_deletion', 'access_exclusive_lock'] END AS hz,
               r.old_schema AS new_schema, 'table ' || r.old_table AS key, 'column ' || r.old_column AS sub
        FROM ren r
        CROSS JOIN LATERAL (
            SELECT EXISTS (SELECT 1 FROM _tree_objects(v_from_tree) o
                           JOIN tree_entries e ON e.tree_sha = o.obj_tree AND e.name = 'column ' || r.old_column
                           JOIN objects b ON b.sha = e.entry_sha
                           WHERE o.schema_name = r.old_schema AND o.obj_key = 'table ' || r.old_table
                             AND strpos(b.content, ' GENERATED ALWAYS AS (') > 0) AS generated) g
        WHERE r.kind = 'displaced'
        UNION ALL   -- tables likewise (with the sequences they own)
        SELECT 0, r.old_schema || '.' || r.old_table,
               _path(r.old_schema, 'table ' || r.old_table, 'definition'),
               format('DROP TABLE %I.%I;', r.old_schema, r.old_table),
               ARRAY['data_deletion', 'access_exclusive_lock'],
               r.old_schema, 'table ' || r.old_table, 'definition'
        FROM ren r WHERE r.kind IN ('displaced_table', 'dropped_table')
        UNION ALL   -- views likewise (G3)
        SELECT 0, r.old_schema || '.' || r.old_table,
               _path(r.old_schema, r.old_column || ' ' || r.old_table, 'definition'),
               format('DROP %s %I.%I;', CASE WHEN r.old_column = 'view' THEN 'VIEW' ELSE 'MATERIALIZED VIEW' END,
                      r.old_schema, r.old_table),
               CASE WHEN r.old_column = 'view' THEN ARRAY[]::text[]
                    ELSE ARRAY['data_deletion', 'access_exclusive_lock'] END,
               r.old_schema, r.old_column || ' ' || r.old_table, 'definition'
        FROM ren r WHERE r.kind = 'displaced_view'
        UNION ALL
        SELECT CASE WHEN NOT m.staged THEN 2 ELSE g.step END, r.old_schema || '.' || r.old_table || '.' || r.old_column,
               _path(r.new_schema, 'table ' || r.new_table, 'column ' || r.new_column),
               format('ALTER TABLE %I.%I RENAME COLUMN %I TO %I;', r.old_schema, r.old_table,
                      CASE WHEN m.staged AND g.step = 3 THEN m.tmp ELSE r.old_column END,
                      CASE WHEN m.staged AND g.step = 1 THEN m.tmp ELSE r.new_column END),
               CASE WHEN m.staged AND g.step = 1 THEN ARRAY['access_exclusive_lock']
                    ELSE ARRAY['breaks_clients', 'access_exclusive_lock'] END,
               r.new_schema, 'table ' || r.new_table, 'column ' || r.new_column
        FROM moves m CROSS JOIN LATERAL (SELECT m.kind, m.old_schema, m.old_table, m.old_column, m.new_schema,
                                                m.new_table, m.new_column) r
        CROSS JOIN LATERAL (VALUES (1), (3)) g(step)
        WHERE m.kind = 'column' AND (m.staged OR g.step = 1)
        UNION ALL
        SELECT CASE WHEN NOT m.staged THEN 5 ELSE g.step END, m.kind || ' ' || m.old_schema || '.' || m.old_table,
               _path(m.new_schema, m.kind || ' ' || m.new_table, 'definition'),
               CASE WHEN m.staged AND g.step = 4
                    THEN format('ALTER %s %I.%I RENAME TO %I;', upper(m.kind), m.old_schema, m.old_table, m.tmp)
                    WHEN m.staged THEN concat_ws(E'\n',   -- from the temporary name: moved, then named
                       CASE WHEN m.old_schema <> m.new_schema
                            THEN format('ALTER %s %I.%I SET SCHEMA %I;', upper(m.kind), m.old_schema, m.tmp, m.new_schema) END,
                       format('ALTER %s %I.%I RENAME TO %I;', upper(m.kind), m.new_schema, m.tmp, m.new_table))
                    ELSE concat_ws(E'\n',
                       CASE WHEN m.old_table <> m.new_table
                            THEN format('ALTER %s %I.%I RENAME TO %I;', upper(m.kind), m.old_schema, m.old_table, m.new_table) END,
                       CASE WHEN m.old_schema <> m.new_schema
                            THEN format('ALTER %s %I.%I SET SCHEMA %I;', upper(m.kind), m.old_schema, m.new_table, m.new_schema) END)
                    END,
               CASE WHEN m.staged AND g.step = 4 THEN ARRAY['access_exclusive_lock']
                    ELSE ARRAY['breaks_clients', 'access_exclusive_lock'] END,
               m.new_schema, m.kind || ' ' || m.new_table, 'definition'
        FROM moves m CROSS JOIN LATERAL (VALUES (4), (6)) g(step)
        WHERE m.kind IN ('table', 'sequence') AND (m.staged OR g.step = 4) AND NOT m.carried
        UNION ALL   -- a sequence its table moves: renamed before the table moves (P9)
        SELECT 3, m.kind || ' ' || m.old_schema || '.' || m.old_table,
               _path(m.new_schema, 'sequence ' || m.new_table, 'definition'),
               format('ALTER SEQUENCE %I.%I RENAME TO %I;', m.old_schema, m.old_table, m.new_table),
               ARRAY['breaks_clients', 'access_exclusive_lock'], m.new_schema, 'sequence ' || m.new_table, 'definition'
        FROM moves m WHERE m.carried AND m.old_table <> m.new_table
        UNION ALL   -- indexes and constraints renamed (kind 'part'), before any table is
                    -- renamed or moved (a moved table's index may need the old name):
                    -- under the table's source name
        SELECT 3, p.old_schema || '.' || p.old_table || '.' || p.old_column,
               _path(p.new_schema, 'table ' || p.new_table, p.new_column),
               CASE split_part(p.old_column, ' ', 1)
                    WHEN 'index' THEN format('ALTER INDEX %I.%I RENAME TO %I;', coalesce(t.old_schema, p.old_schema),
                                             substr(p.old_column, 7), substr(p.new_column, 7))
                    ELSE format('ALTER TABLE %I.%I RENAME CONSTRAINT %I TO %I;', coalesce(t.old_schema, p.old_schema),
                                coalesce(t.old_table, p.old_table), substr(p.old_column, 12), substr(p.new_column, 12)) END,
               CASE WHEN p.old_column LIKE 'index %' THEN ARRAY[]::text[] ELSE ARRAY['access_exclusive_lock'] END,
               p.new_schema, 'table ' || p.new_table, p.new_column
        FROM ren p
        LEFT JOIN ren t ON t.kind = 'table' AND t.new_schema = p.old_schema AND t.new_table = p.old_table
        WHERE p.kind = 'part'
        UNION ALL   -- enum labels (the rows holding them keep their values)
        SELECT CASE WHEN NOT m.staged THEN 8 ELSE g.step END, m.old_schema || '.' || m.old_table || '.' || m.old_column,
               _path(m.old_schema, 'type ' || m.old_table, 'definition'),
               format('ALTER TYPE %I.%I RENAME VALUE %L TO %L;', m.old_schema, m.old_table,
                      CASE WHEN m.staged AND g.step = 9 THEN m.tmp ELSE m.old_column END,
                      CASE WHEN m.staged AND g.step = 7 THEN m.tmp ELSE m.new_column END),
               ARRAY[]::text[], m.old_schema, 'type ' || m.old_table, 'definition'
        FROM moves m CROSS JOIN LATERAL (VALUES (7), (9)) g(step)
        WHERE m.kind = 'enum_label' AND (m.staged OR g.step = 7)
    ) x
    UNION ALL
    SELECT m.* FROM _migration_steps(v_base, v_to_tree) m
    WHERE NOT (m.sub_key = 'definition' AND m.obj_key = 'schema ' || m.schema_name
               AND EXISTS (SELECT 1 FROM jsonb_populate_recordset(NULL::pggit_v0._rename, v_renames) r
                           WHERE r.kind IN ('table', 'sequence') AND r.new_schema = m.schema_name
                             AND r.old_schema <> r.new_schema)
               AND NOT EXISTS (SELECT 1 FROM _tree_objects(v_from_tree) f WHERE f.schema_name = m.schema_name
                                 AND f.obj_key = m.obj_key));
END
$$;
COMMENT ON FUNCTION pggit_v0._commit_steps_to(text, text, jsonb, text, text) IS
    'The renames (phase 0), then _migration_steps from the renamed source tree to a tree';
COMMENT ON FUNCTION pggit_v0._commit_steps_raw(text, text, text) IS
    'Migration steps between two commits before _commit_steps flags the retypes the history ran with a USING expression';
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
 ('breaks_clients', 'high', 4, 'Renames (or moves to another schema) a table, column or sequence: code still using the old name fails from then on. Add the new name beside the old (a view, a generated column) and switch clients first, or rename in a release of its own'),
 ('table_rewrite', 'high', 5, 'Rewrites the whole table under an ACCESS EXCLUSIVE lock (type change, volatile default, SET LOGGED)'),
 ('access_exclusive_lock', 'medium', 6, 'Takes an ACCESS EXCLUSIVE lock: blocks reads and writes while it runs'),
 ('share_lock', 'medium', 7, 'Takes a SHARE lock: blocks writes while it runs (CREATE INDEX without CONCURRENTLY)'),
 ('index_dropped', 'medium', 8, 'Drops an index: queries relying on it may slow down'),
 ('authorization_change', 'medium', 9, 'Changes privileges, policies or row level security'),
 ('extension_upgrade', 'medium', 10, 'Upgrades or removes an extension'),
 ('index_build', 'low', 11, 'Builds an index: time and I/O proportional to the table'),
 ('validation_scan', 'low', 12, 'Scans the table to validate a constraint or NOT NULL')
$$;
COMMENT ON FUNCTION pggit_v0.hazard_kinds() IS
    'The hazards a migration statement may carry: name, severity (breaking, data-loss, high, medium, low), rank, meaning';

-- One part of a migration plan (its fields: see _migration_part in 58_plan.sql, whose
-- _migration_plan fills it); made here, before _migration_steps declares a variable of it
-- (a PL/pgSQL declaration of a type not made yet fails when bodies are checked).
DROP TYPE IF EXISTS pggit_v0._migration_part CASCADE;
CREATE TYPE pggit_v0._migration_part AS (
    role text, schema_name text, obj_key text, kind text, how text, sub_key text, old_c text, new_c text, q text,
    create_ddl text, create_depth int, create_broken boolean,
    sig_table boolean, sig_view boolean, body_table boolean, body_view boolean, body_routine boolean,
    drop_depth int, drop_broken boolean, late_depth int, sig_going boolean, renamed_in boolean, rebuilt_depth int,
    drop_cascade boolean, goes_with_part boolean, pre_exists boolean, parent_key boolean,
    partitioned boolean, col_order text, drop_phase int, keeps_owner boolean);

-- The migration from tree p_from to tree p_to as ordered steps: phase, order within
-- the phase, the path it implements, the statement and its hazards (hazard_kinds).
-- The plan (58_plan.sql), then each emitter's statements (59_emit.sql), sorted.
CREATE OR REPLACE FUNCTION pggit_v0._migration_steps(p_from text, p_to text)
RETURNS TABLE (phase int, ord int, path text, statement text, hazards text[],
               schema_name text, obj_key text, sub_key text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
DECLARE
    v_plan pggit_v0._migration_part[];
    v_tmp  jsonb;   -- rebuilt types whose temporary name is taken: {schema, key, o, n}
BEGIN
    IF p_from IS NOT DISTINCT FROM p_to THEN
        RETURN;
    END IF;
    v_plan := ARRAY(SELECT p FROM _migration_plan(p_from, p_to) p);
    -- a rebuilt type is renamed away to name__pggit_old while its columns are converted;
    -- a type, table or other relation of that name in the schema (either tree) gets
    -- another, free one (name_2__pggit_old ..., X9)
    IF EXISTS (SELECT 1 FROM unnest(v_plan) x WHERE x.role = 'part' AND x.how = 'rebuilt' AND x.sub_key = 'definition') THEN
        WITH r AS (
            SELECT DISTINCT x.schema_name, x.obj_key, _key_name(x.obj_key) AS nm FROM unnest(v_plan) x
            WHERE x.role = 'part' AND x.how = 'rebuilt' AND x.sub_key = 'definition'
        ),
        names AS MATERIALIZED (
            SELECT DISTINCT o.schema_name, _key_name(o.obj_key) AS nm
            FROM (SELECT * FROM _tree_objects(p_from) UNION ALL SELECT * FROM _tree_objects(p_to)) o
            WHERE o.schema_name IN (SELECT r.schema_name FROM r)
        )
        SELECT jsonb_agg(jsonb_build_object('s', r.schema_name, 'k', r.obj_key, 'o', _old_name(r.nm),
                                            'n', (SELECT _old_name(r.nm || '_' || g) FROM generate_series(2, 1000) g
                                                  WHERE NOT EXISTS (SELECT 1 FROM names n WHERE n.schema_name = r.schema_name
                                                                      AND n.nm = _old_name(r.nm || '_' || g))
                                                  ORDER BY g LIMIT 1)))
        INTO v_tmp
        FROM r
        WHERE EXISTS (SELECT 1 FROM names n WHERE n.schema_name = r.schema_name AND n.nm = _old_name(r.nm));
    END IF;
    RETURN QUERY
    SELECT s.phase, s.ord, _path(s.schema_name, s.obj_key, s.sub_key),
           CASE WHEN t.n IS NOT NULL AND s.phase IN (27, 47) AND s.sub_key = 'definition'
                     AND right(s.stmt, length(quote_ident(t.o)) + 1) = quote_ident(t.o) || ';'
                THEN left(s.stmt, length(s.stmt) - length(quote_ident(t.o)) - 1) || quote_ident(t.n) || ';'
                ELSE s.stmt END,
           s.hz, s.schema_name, s.obj_key, s.sub_key
    FROM (SELECT * FROM _emit_drops(v_plan)
          UNION ALL SELECT * FROM _emit_part_drops(v_plan)
          UNION ALL SELECT * FROM _emit_alters(v_plan)
          UNION ALL SELECT * FROM _emit_columns(v_plan)
          UNION ALL SELECT * FROM _emit_creates(v_plan)
          UNION ALL SELECT * FROM _emit_part_creates(v_plan)) s
    LEFT JOIN (SELECT e->>'s' AS s, e->>'k' AS k, e->>'o' AS o, e->>'n' AS n
               FROM jsonb_array_elements(coalesce(v_tmp, '[]')) e) t ON t.s = s.schema_name AND t.k = s.obj_key
    WHERE s.stmt IS NOT NULL AND s.stmt <> ''
    ORDER BY s.phase, s.ord, s.schema_name COLLATE "C", s.obj_key COLLATE "C", s.sub_key COLLATE "C";
END
$$;
COMMENT ON FUNCTION pggit_v0._migration_steps(text, text) IS
    'Ordered migration statements from tree p_from to tree p_to: phase, order, path, statement, hazards';

-- Applying a migration to the live schema: what checkout_branch (with apply) and
-- merges (61_merge.sql) call around the statements above.  Before: both trees' blobs
-- re-hashed (_verify_blobs), the live schema clean (_require_clean), rows at risk
-- counted and refused without force (_data_at_risk_steps, _refuse_loss).  Then the
-- script runs (_apply_steps) and the live schema is settled against concurrent DDL
-- (_settle_live).  verify_migration runs a script and rolls it back; checkout_branch
-- is here as the entry point users call.

-- One migration step as _commit_steps gives it.  Checkout computes a migration's steps
-- once (_steps) and hands them to the data-loss check and to the apply: computing them
-- is the dearest part of a checkout after running them (a 1,000-table schema: ~0.5 s).
-- Functions take it as an argument, so it is created once and never changed.
DO $type$
BEGIN
    IF to_regtype('pggit_v0._migration_step') IS NULL THEN
        CREATE TYPE pggit_v0._migration_step AS (phase int, ord int, path text, statement text, hazards text[],
                                                 schema_name text, obj_key text, sub_key text);
    END IF;
END
$type$;

-- The steps of the migration from commit p_from to commit p_to (or its tree p_to_tree),
-- in the order they run.
CREATE OR REPLACE FUNCTION pggit_v0._steps(p_from text, p_to text, p_to_tree text DEFAULT NULL)
RETURNS pggit_v0._migration_step[]
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
SELECT ARRAY(SELECT ROW(s.phase, s.ord, s.path, s.statement, s.hazards, s.schema_name, s.obj_key,
                        s.sub_key)::pggit_v0._migration_step
             FROM pggit_v0._commit_steps(p_from, p_to, p_to_tree) s
             ORDER BY s.phase, s.ord, s.path COLLATE "C")
$$;
COMMENT ON FUNCTION pggit_v0._steps(text, text, text) IS
    'The migration steps between two commits (_commit_steps) as one array, in the order they run';

-- Every blob of the given trees whose content no longer hashes to its sha (history
-- edited outside the API): raises XX001 naming the paths, before anything runs.
CREATE OR REPLACE FUNCTION pggit_v0._verify_blobs(p_trees text[]) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_bad text[];
BEGIN
    SELECT array_agg(DISTINCT _path(b.schema_name, b.obj_key, b.sub_key)) INTO v_bad
    FROM (SELECT DISTINCT t FROM unnest(p_trees) t WHERE t IS NOT NULL) tr
    CROSS JOIN LATERAL _tree_blobs(tr.t, true) b
    JOIN objects o ON o.sha = b.blob_sha
    WHERE _sha('blob', o.content) <> o.sha;
    IF v_bad IS NOT NULL THEN
        RAISE EXCEPTION '% blob(s) of the trees to migrate between do not match their sha: %',
                        cardinality(v_bad), array_to_string(v_bad[1:10], ', ')
              USING ERRCODE = 'XX001',
                    HINT = 'History was edited outside the pgGit API; nothing was run. SELECT * FROM pggit_v0.validate_data_integrity() lists what failed.';
    END IF;
END
$$;

-- Let this transaction's DDL go unlogged by capture, for a migration pgGit runs itself
-- (p_call names it): sets pggit.applying = on and writes the owner-only marker capture
-- requires besides that setting (the setting alone is the session's own: a role setting
-- it itself is logged as usual).  The marker is a capture fault (id minus the
-- transaction id, event 'unlogged') saying the transaction ran DDL unlogged without a
-- proof: _settle_live deletes it once it has proved the catalog equals the commit
-- migrated to, and a rollback takes it away.  One left behind (a transaction that called
-- this and committed without that proof) stays a fault: the next commit and status()
-- read the whole schema, which sees that DDL, and alerts() reports it.
CREATE OR REPLACE FUNCTION pggit_v0._unlogged_begin(p_call text) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    INSERT INTO pggit_v0.capture_faults (id, event, command_tag, message)
    VALUES (-txid_current(), 'unlogged', 'PGGIT MIGRATION',
            format('%s by role %s ran DDL unlogged in transaction %s, and no proof of the result followed; the next commit reads the whole schema',
                   left(p_call, 200),
                   CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END,
                   txid_current()))
    ON CONFLICT (id) DO NOTHING;
    PERFORM set_config('pggit.applying', 'on', true);
END
$$;

-- The search_path a checkout or merge runs its steps with (_apply_steps).  The user's
-- routines a step runs (a generated column, a default filled in, an index expression,
-- the user's own event triggers) read their unqualified names from the session's
-- default path, as when the script runs in psql, not from pgGit's (C12: a table named
-- meta was read from pggit_v0); so: pg_catalog, the schemas of that path that exist,
-- pggit_v0 (blobs are deparsed under pgGit's path, so a user's default calling
-- pggit_v0.get_head_sha() is recorded as get_head_sha(): Z8), pg_temp last.  The steps'
-- own texts name every user object with its schema and only built-ins and the layer's
-- objects without one, and PostgreSQL takes a function or operator of a later schema
-- over pg_catalog's when its argument types match better (public.cardinality(text[])
-- over pg_catalog.cardinality(anyarray), public.<>(mood, mood) over <>(anyenum,
-- anyenum)), and a user schema's get_head_sha() or commit_graph over pggit_v0's: a
-- role with CREATE on public, and no access to pgGit, had its function run as the
-- applying role, which the proof caught only after it ran (V2, Z8).  So:
--   * a schema named like the applying role ("$user", or named so) stays on the path only
--     when that role owns it (any role that may create schemas made one, V2b);
--   * refused (42501): in a schema of the path, a function the steps call by the name
--     of a built-in or of a pggit_v0 function, any operator named like a built-in one,
--     or a relation or type named like a pggit_v0 one that the steps name, owned by
--     neither the applying role nor a superuser (what is the applying role's or a
--     superuser's it could run anyway).  Extension members count like the rest (a role
--     that owns an extension may add its own function to it, S16).
-- Called before the steps, and again before each step once a function or operator of
-- another role was committed while they ran (_apply_steps, Z13).  p_since: only objects
-- with a larger OID (0: all).
-- Runs with the caller's rights (current_user is the applying role).
DROP FUNCTION IF EXISTS pggit_v0._apply_path(pggit_v0._migration_step[]);
DROP FUNCTION IF EXISTS pggit_v0._apply_path(pggit_v0._migration_step[], oid);
CREATE OR REPLACE FUNCTION pggit_v0._apply_path(p_steps pggit_v0._migration_step[], p_keep oid[] DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_schemas name[];
    v_keep    oid[];
    v_names   text[];
    v_words   text[];
    v_me      oid := (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user);
    v_bad     text;
    v_owner   text;
BEGIN
    IF p_keep IS NOT NULL THEN
        v_keep := p_keep;   -- a later step's check (_apply_steps): the schemas the first found
    ELSE
        -- the schemas of the session's default path that exist ("$user" resolved), read by
        -- PostgreSQL's own parser; this function's SET clause restores the caller's path
        PERFORM set_config('search_path', (SELECT s.reset_val FROM pg_settings s WHERE s.name = 'search_path'), true);
        v_schemas := current_schemas(false);
        PERFORM set_config('search_path', 'pg_catalog, pggit_v0, pg_temp', true);
        SELECT array_agg(n.oid ORDER BY u.ord) INTO v_keep
        FROM unnest(v_schemas) WITH ORDINALITY u(nsp, ord)
        JOIN pg_namespace n ON n.nspname = u.nsp
        WHERE n.nspname NOT IN ('pg_catalog', 'pggit_v0', 'information_schema')
          AND n.nspname !~ '^pg_(temp|toast)'
          AND (n.nspname <> current_user OR n.nspowner = v_me);
    END IF;
    IF v_keep IS NULL OR cardinality(v_keep) = 0 THEN
        RETURN 'pg_catalog, pggit_v0, pg_temp';
    END IF;
    -- the names the steps may use without a schema: words before "(" (calls), and all
    -- words (relations, types), not after a "." (Z24: user objects are recorded with
    -- their schema, public.meta or public.status(code) cannot bind elsewhere; only the
    -- built-ins' and the layer's own names are bare, Z8); over-counts (words in strings,
    -- comments, column names count too)
    SELECT array_agg(DISTINCT m[1]) INTO v_names
    FROM unnest(p_steps) st
    CROSS JOIN LATERAL regexp_matches(lower(st.statement), '(?<![.\w"$])"?([a-z_][a-z0-9_$]*)"?\s*\(', 'g') m;
    SELECT array_agg(DISTINCT m[1]) INTO v_words
    FROM unnest(p_steps) st
    CROSS JOIN LATERAL regexp_matches(lower(st.statement), '(?<![.\w"$])"?([a-z_][a-z0-9_$]*)', 'g') m;
    SELECT string_agg(x.what, ', ' ORDER BY x.what), min(x.owner) INTO v_bad, v_owner
    FROM (SELECT format('function %s of role %I', p.oid::regprocedure, pg_get_userbyid(p.proowner)) AS what,
                 pg_get_userbyid(p.proowner) AS owner
          FROM pg_proc p
          WHERE p.pronamespace = ANY (v_keep) AND p.proname = ANY (v_names)
            AND EXISTS (SELECT 1 FROM pg_proc b
                        WHERE b.pronamespace IN ('pg_catalog'::regnamespace, 'pggit_v0'::regnamespace)
                          AND b.proname = p.proname)
            AND p.proowner <> v_me AND NOT (SELECT r.rolsuper FROM pg_roles r WHERE r.oid = p.proowner)
          UNION ALL
          SELECT format('operator %s of role %I', o.oid::regoperator, pg_get_userbyid(o.oprowner)),
                 pg_get_userbyid(o.oprowner)
          FROM pg_operator o
          WHERE o.oprnamespace = ANY (v_keep)
            AND EXISTS (SELECT 1 FROM pg_operator b WHERE b.oprnamespace = 'pg_catalog'::regnamespace AND b.oprname = o.oprname)
            AND o.oprowner <> v_me AND NOT (SELECT r.rolsuper FROM pg_roles r WHERE r.oid = o.oprowner)
          UNION ALL
          SELECT format('relation %s of role %I', c.oid::regclass, pg_get_userbyid(c.relowner)),
                 pg_get_userbyid(c.relowner)
          FROM pg_class c
          WHERE c.relnamespace = ANY (v_keep) AND c.relname = ANY (v_words)
            AND c.relkind IN ('r', 'v', 'm', 'p', 'f', 'S')
            AND EXISTS (SELECT 1 FROM pg_class b WHERE b.relnamespace = 'pggit_v0'::regnamespace AND b.relname = c.relname)
            AND c.relowner <> v_me AND NOT (SELECT r.rolsuper FROM pg_roles r WHERE r.oid = c.relowner)
          UNION ALL
          SELECT format('type %s of role %I', t.oid::regtype, pg_get_userbyid(t.typowner)),
                 pg_get_userbyid(t.typowner)
          FROM pg_type t
          WHERE t.typnamespace = ANY (v_keep) AND t.typname = ANY (v_words)
            AND EXISTS (SELECT 1 FROM pg_type b WHERE b.typnamespace = 'pggit_v0'::regnamespace AND b.typname = t.typname)
            -- (a table's own row type: the table is named when it matters)
            AND NOT EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind IN ('r', 'v', 'm', 'p', 'f', 'S'))
            AND t.typowner <> v_me AND NOT (SELECT r.rolsuper FROM pg_roles r WHERE r.oid = t.typowner)) x;
    IF v_bad IS NOT NULL THEN
        RAISE EXCEPTION 'the migration would run as role % with % on its search_path: the built-in or pgGit object of that name the recorded statements use could bind to it',
                        current_user, v_bad
              USING ERRCODE = '42501',
                    DETAIL = format('search_path of the steps: pg_catalog, %s, pggit_v0, pg_temp (the session''s default path, less a schema named like the role that the role does not own)',
                                    (SELECT string_agg(format('%I', n.nspname), ', ' ORDER BY u.ord)
                                     FROM unnest(v_keep) WITH ORDINALITY u(id, ord) JOIN pg_namespace n ON n.oid = u.id)),
                    HINT = format('Drop it or move it to a schema not on the search_path (ALTER ... SET SCHEMA), or apply as role %I.', v_owner);
    END IF;
    RETURN 'pg_catalog, ' || (SELECT string_agg(format('%I', n.nspname), ', ' ORDER BY u.ord)
                              FROM unnest(v_keep) WITH ORDINALITY u(id, ord) JOIN pg_namespace n ON n.oid = u.id)
           || ', pggit_v0, pg_temp';
END
$$;
COMMENT ON FUNCTION pggit_v0._apply_path(pggit_v0._migration_step[], oid[]) IS
    'search_path of a checkout''s or merge''s steps: pg_catalog, the session default''s schemas (a schema named like the role only when it owns it), pggit_v0, pg_temp; 42501 when another role''s function, operator, relation or type could take a built-in''s or pgGit''s place (V2, Z8); p_keep: the schemas, for the check _apply_steps repeats before each step (Z13, Z25)';

-- Migrate the live schema from commit p_from to the tree p_to_tree by running p_steps
-- (its migration, _steps), after checking that every blob of both trees still hashes to
-- its sha.  Returns the number of statements run.  Runs with the caller's rights.  Any
-- failure raises, so the caller's transaction leaves everything as it was.  The caller
-- then proves the result with _settle_live(), which reads how the steps were logged in
-- the transaction-local setting pggit.applied:
--   * 'logged' when they touch at most 50 objects (as many as an incremental snapshot
--     reads): capture logs them (pggit.applying = 'logged': renames are not recorded as
--     the user's), and the proof reads only the objects the log and the two trees name;
--   * 'unlogged' otherwise: pggit.applying = 'on', capture logs none of them
--     (_capture, 70_capture.sql), the proof reads the whole schema and _settle_live
--     logs the migration as one entry.  Logging each command costs a subtransaction per
--     DDL, and each ends with a walk of the transaction's relation cache and locks,
--     thousands of entries in a whole-schema checkout (quadratic: 60% of a 1,000-table
--     checkout's CPU).
CREATE OR REPLACE FUNCTION pggit_v0._apply_steps(p_from text, p_to_tree text, p_steps pggit_v0._migration_step[])
RETURNS int
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET client_min_messages = warning   -- no "does not exist, skipping" from DROP ... IF EXISTS
AS $$
DECLARE
    v_step    pggit_v0._migration_step;
    v_n       int := 0;
    v_created text[] := ARRAY[]::text[];
    v_fix     record;
    v_path    text;
    v_stmt    text;
    v_logged  boolean := (SELECT count(DISTINCT (s.schema_name, s.obj_key)) FROM unnest(p_steps) s) <= 50;
    v_source  text := current_setting('pggit.source', true);
    -- the search_path the steps run with (_apply_path): pg_catalog first, then the
    -- session's default path, less what could take a built-in's place (V2); its
    -- schemas (v_keep), for the check repeated before each step (Z13, Z25)
    v_user_path text := _apply_path(p_steps);
    v_keep    oid[];
    v_names   text[];   -- the words of the steps that name a built-in's or pgGit's object
    v_trusted oid[];    -- the applying role and the superusers
    v_ctx     text;
    v_evt     record;
    v_paused  jsonb := '[]';
    v_evts    text;
    v_evt_raised boolean;
    v_rel     record;
    v_weak    boolean := false;   -- (T5-8: the step reads a relation LOCK cannot take)
    v_lockwait text;
BEGIN
    PERFORM _verify_blobs(ARRAY[_commit_tree(p_from), p_to_tree]);
    SET LOCAL check_function_bodies = false;
    -- (a SET clause on the function would need superuser for a custom setting)
    IF v_logged THEN
        PERFORM set_config('pggit.applying', 'logged', true);
        -- (its entries say so: _renames leaves the drops it runs out of the user's history)
        PERFORM set_config('pggit.source', 'pgGit migration', true);
    ELSE
        PERFORM _unlogged_begin('checkout or merge');
    END IF;
    PERFORM set_config('pggit.applied', CASE WHEN v_logged THEN 'logged' ELSE 'unlogged' END, true);
    -- One exception block around the whole loop, not one per statement: each block is a
    -- subtransaction, and committing one walks every lock the transaction holds, so a
    -- block per statement made a whole-schema checkout quadratic (3,000 tables: 30 s).
    -- The failing step is known from v_path / v_stmt (variables survive the rollback).
    -- The database's own event triggers are paused while the steps run, as pg_restore
    -- creates them last (C16): one that adds a policy to every new table made the step
    -- adding that policy fail, and an audit trigger reading its own table failed every
    -- checkout.  Only those this role may alter (their owner's members); the others
    -- still run, and a failure names them.  Those the steps drop or make are theirs.
    FOR v_evt IN SELECT e.oid, e.evtname, e.evtenabled
                 FROM pg_catalog.pg_event_trigger e JOIN pg_catalog.pg_proc p ON p.oid = e.evtfoid
                 WHERE e.evtenabled <> 'D' AND p.pronamespace <> 'pggit_v0'::regnamespace
                   AND pg_catalog.pg_has_role(e.evtowner, 'USAGE') LOOP
        EXECUTE format('ALTER EVENT TRIGGER %I DISABLE', v_evt.evtname);
        v_paused := v_paused || jsonb_build_object('oid', v_evt.oid, 'name', v_evt.evtname, 'mode', v_evt.evtenabled);
    END LOOP;
    SELECT coalesce(array_agg(DISTINCT w.w), '{}') INTO v_names
    FROM (SELECT m[1] AS w FROM unnest(p_steps) st
          CROSS JOIN LATERAL regexp_matches(lower(st.statement), '(?<![.\w"$])"?([a-z_][a-z0-9_$]*)', 'g') m) w
    WHERE EXISTS (SELECT 1 FROM pg_proc b WHERE b.proname = w.w
                  AND b.pronamespace IN ('pg_catalog'::regnamespace, 'pggit_v0'::regnamespace))
       OR EXISTS (SELECT 1 FROM pg_class b WHERE b.relname = w.w AND b.relnamespace = 'pggit_v0'::regnamespace)
       OR EXISTS (SELECT 1 FROM pg_type b WHERE b.typname = w.w AND b.typnamespace = 'pggit_v0'::regnamespace);
    SELECT array_agg(r.oid) INTO v_trusted FROM pg_roles r WHERE r.rolsuper OR r.rolname = current_user;
    PERFORM pg_catalog.set_config('search_path', v_user_path, true);
    SELECT coalesce(pg_catalog.array_agg(n.oid ORDER BY u.ord), '{}') INTO v_keep
    FROM pg_catalog.unnest(pg_catalog.current_schemas(false)) WITH ORDINALITY u(nsp, ord)
    JOIN pg_catalog.pg_namespace n ON n.nspname OPERATOR(pg_catalog.=) u.nsp
    WHERE n.nspname OPERATOR(pg_catalog.<>) ALL (ARRAY['pg_catalog', 'pggit_v0', 'information_schema']::name[])
      AND n.nspname::text OPERATOR(pg_catalog.!~) '^pg_(temp|toast)';
    BEGIN
        FOREACH v_step IN ARRAY p_steps LOOP
            v_path := v_step.path;
            v_stmt := v_step.statement;
            -- Another role's function, operator, relation or type that could take the
            -- place of a name the steps use, committed while the earlier steps ran (Z13:
            -- one made during a long rewrite bound in a later step's CHECK): looked for
            -- again right before each step, by name and owner, whatever the rows' xmin
            -- (Z25: a row made in a savepoint carries a subtransaction's xid, which no
            -- snapshot lists, so "not visible in the first check's snapshot" missed it).
            -- Index probes for the steps' few built-in names (~30 us a step); when one
            -- is there, the full check for this step's own names.  (A statement is bound
            -- when it is parsed: what commits while a step runs is the next step's.  The
            -- first step too: _verify_blobs ran since the first check.)
            -- S4 (sec10): a statement binds its expressions only once it has its locks;
            -- a step that waited for one (another role holding ACCESS SHARE on the table)
            -- bound what that role committed meanwhile, after the probe.  So the step's
            -- relations are locked first, then probed, then the statement runs without
            -- waiting for them: its own table ACCESS EXCLUSIVE (what ALTER takes), the
            -- relations it names with their schema ACCESS SHARE (a view's or a
            -- routine's); lock waits as everywhere in the checkout (lock_timeout, then a
            -- new attempt, checked from the start).
            FOR v_rel IN
                SELECT n.nspname, c.relname, c.relkind, bool_or(x.own) AS own
                FROM (SELECT pg_catalog.to_regclass(pg_catalog.format('%I.%I', v_step.schema_name,
                                 pg_catalog.substr(v_step.obj_key, pg_catalog.strpos(v_step.obj_key, ' ') OPERATOR(pg_catalog.+) 1))) AS rel,
                             true AS own
                      WHERE pg_catalog.split_part(v_step.obj_key, ' ', 1) OPERATOR(pg_catalog.=) ANY
                            (ARRAY['table', 'foreign_table', 'view', 'materialized_view'])
                      UNION ALL
                      SELECT pg_catalog.to_regclass(m[1] OPERATOR(pg_catalog.||) '.' OPERATOR(pg_catalog.||) m[2]), false
                      FROM pg_catalog.regexp_matches(v_step.statement,
                               '(?<![\w"$.])([a-z_][a-z0-9_$]*|"[^"]+")\.([a-z_][a-z0-9_$]*|"[^"]+")(?![\w"$(.])', 'g') m) x
                JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) x.rel
                JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace
                -- (T5-8: LOCK takes tables and views only; a materialized view or
                -- foreign table is read with a false condition instead, which takes
                -- ACCESS SHARE, waiting like the step's own read, and scans nothing)
                WHERE c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'v', 'm', 'f']::"char"[])
                  -- (a foreign table of a wrapper without a handler is read by no statement)
                  AND (c.relkind OPERATOR(pg_catalog.<>) 'f' OR EXISTS (
                           SELECT 1 FROM pg_catalog.pg_foreign_table ft
                           JOIN pg_catalog.pg_foreign_server fs ON fs.oid OPERATOR(pg_catalog.=) ft.ftserver
                           JOIN pg_catalog.pg_foreign_data_wrapper w ON w.oid OPERATOR(pg_catalog.=) fs.srvfdw
                           WHERE ft.ftrelid OPERATOR(pg_catalog.=) c.oid
                             AND w.fdwhandler OPERATOR(pg_catalog.<>) 0::pg_catalog.oid))
                GROUP BY n.nspname, c.relname, c.oid, c.relkind
                HAVING CASE WHEN bool_or(x.own) AND c.relkind OPERATOR(pg_catalog.<>) ALL (ARRAY['m', 'f']::"char"[])
                            THEN pg_catalog.has_table_privilege(c.oid, 'UPDATE')
                            ELSE pg_catalog.has_table_privilege(c.oid, 'SELECT') END
                ORDER BY n.nspname, c.relname
            LOOP
                IF v_rel.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['m', 'f']::"char"[]) THEN
                    EXECUTE pg_catalog.format('SELECT FROM ONLY %I.%I WHERE false', v_rel.nspname, v_rel.relname);
                    v_weak := true;
                ELSE
                    EXECUTE pg_catalog.format('LOCK TABLE %I.%I IN %s MODE', v_rel.nspname, v_rel.relname,
                                              CASE WHEN v_rel.own THEN 'ACCESS EXCLUSIVE' ELSE 'ACCESS SHARE' END);
                END IF;
            END LOOP;
            IF cardinality(v_keep) OPERATOR(pg_catalog.>) 0 AND (
                   EXISTS (SELECT 1 FROM pg_catalog.pg_proc p
                           WHERE p.proname OPERATOR(pg_catalog.=) ANY (v_names)
                             AND p.pronamespace OPERATOR(pg_catalog.=) ANY (v_keep)
                             AND p.proowner OPERATOR(pg_catalog.<>) ALL (v_trusted))
                OR EXISTS (SELECT 1 FROM pg_catalog.pg_operator o
                           WHERE o.oprnamespace OPERATOR(pg_catalog.=) ANY (v_keep)
                             AND o.oprowner OPERATOR(pg_catalog.<>) ALL (v_trusted))
                OR EXISTS (SELECT 1 FROM pg_catalog.pg_class c
                           WHERE c.relname OPERATOR(pg_catalog.=) ANY (v_names)
                             AND c.relnamespace OPERATOR(pg_catalog.=) ANY (v_keep)
                             AND c.relowner OPERATOR(pg_catalog.<>) ALL (v_trusted))
                OR EXISTS (SELECT 1 FROM pg_catalog.pg_type t
                           WHERE t.typname OPERATOR(pg_catalog.=) ANY (v_names)
                             AND t.typnamespace OPERATOR(pg_catalog.=) ANY (v_keep)
                             AND t.typowner OPERATOR(pg_catalog.<>) ALL (v_trusted))) THEN
                PERFORM pggit_v0._apply_path(ARRAY[v_step], v_keep);
            END IF;
            IF v_weak THEN
                -- (a stronger lock the statement takes on such a relation, which only
                -- ACCESS SHARE is held on, is not waited for after the probe: the wait
                -- is cut at once, and the attempt is made again from the start)
                v_lockwait := pg_catalog.current_setting('lock_timeout');
                PERFORM pg_catalog.set_config('lock_timeout', '1ms', true);
                EXECUTE v_step.statement;
                PERFORM pg_catalog.set_config('lock_timeout', v_lockwait, true);
                v_weak := false;
            ELSE
                EXECUTE v_step.statement;
            END IF;
            IF v_step.sub_key OPERATOR(pg_catalog.=) 'definition'
               AND v_step.statement OPERATOR(pg_catalog.~) '^CREATE ' THEN
                v_created := v_created OPERATOR(pg_catalog.||) pggit_v0._path(v_step.schema_name, v_step.obj_key, 'grants');
            END IF;
            v_n := v_n OPERATOR(pg_catalog.+) 1;
        END LOOP;
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS v_ctx = PG_EXCEPTION_CONTEXT;
        -- the database's own event triggers run on the steps too (C16): name them, the
        -- one whose function the error came from first
        SELECT string_agg(format('%I', e.evtname), ', '
                          ORDER BY strpos(v_ctx, 'function ' || p.proname || '(') = 0, e.evtname),
               bool_or(strpos(v_ctx, 'function ' || p.proname || '(') > 0)
          INTO v_evts, v_evt_raised
        FROM pg_catalog.pg_event_trigger e JOIN pg_catalog.pg_proc p ON p.oid = e.evtfoid
        WHERE e.evtenabled <> 'D' AND p.pronamespace <> 'pggit_v0'::regnamespace;   -- (not paused)
        RAISE EXCEPTION 'migration step for % failed: %', v_path, SQLERRM
              USING ERRCODE = SQLSTATE, DETAIL = v_stmt,
                    HINT = 'Nothing was changed: the transaction is rolled back.'
                           || CASE WHEN v_evt_raised
                                   THEN format(' The error came from this database''s own event trigger %s, which'
                                               || ' ran on the checkout''s statements: the checkout pauses only the'
                                               || ' event triggers its role may alter. Check out as its owner.', v_evts)
                                   WHEN v_evts IS NOT NULL
                                   THEN format(' This database''s own event triggers (%s) ran on the checkout''s'
                                               || ' statements (the checkout pauses only those its role may alter):'
                                               || ' if one makes or checks objects, check out as its owner.', v_evts)
                                   ELSE '' END
                           -- (the target's definition does not hold for the rows here)
                           || CASE WHEN SQLSTATE IN ('23502', '23505', '23514', '23503', '23P01')
                                   THEN ' The rows this database holds do not fit the target''s definition:'
                                        || ' change them first (backfill, remove duplicates), or give the'
                                        || ' target a default, then check out again.'
                                   WHEN SQLSTATE IN ('22P02', '22001', '22003', '22007', '22008')
                                   THEN ' A value does not convert to the target''s type: one this database holds'
                                        || ' (change it first, then check out again), or a literal of the statement'
                                        || ' (a default naming an enum label renamed since: check out one commit at'
                                        || ' a time).'
                                   ELSE '' END;
    END;
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pggit_v0, pg_temp', true);
    -- the paused event triggers the steps left alone: as they were
    FOR v_evt IN SELECT e.evtname, x->>'mode' AS mode
                 FROM jsonb_array_elements(v_paused) x
                 JOIN pg_catalog.pg_event_trigger e ON e.oid = (x->>'oid')::oid AND e.evtenabled = 'D' LOOP
        EXECUTE format('ALTER EVENT TRIGGER %I ENABLE%s', v_evt.evtname,
                       CASE v_evt.mode WHEN 'A' THEN ' ALWAYS' WHEN 'R' THEN ' REPLICA' ELSE '' END);
    END LOOP;
    -- Objects just created also got this database's default privileges (ALTER DEFAULT
    -- PRIVILEGES); grants are recorded relative to the built-in defaults, so take each
    -- such object from its live grants back to the defaults, then to the recorded ones.
    IF cardinality(v_created) > 0 AND EXISTS (SELECT 1 FROM pg_default_acl) THEN
        FOR v_fix IN SELECT d.old_definition AS target, d.new_definition AS live
                     FROM _diff_rows(p_to_tree, NULL, true) d
                     WHERE d.object_type = 'grants' AND d.path = ANY (v_created) LOOP
            IF v_fix.live IS NOT NULL THEN
                EXECUTE _invert_grants(v_fix.live);
            END IF;
            IF v_fix.target IS NOT NULL THEN
                EXECUTE v_fix.target;
            END IF;
        END LOOP;
    END IF;
    PERFORM set_config('pggit.applying', 'off', true);
    PERFORM set_config('pggit.source', coalesce(v_source, ''), true);
    RETURN v_n;
END
$$;

-- (_apply_tree, which computed the steps itself, is gone: checkout and merges compute
-- them once for the data-loss check and the run)
DROP FUNCTION IF EXISTS pggit_v0._apply_tree(text, text);
DROP FUNCTION IF EXISTS pggit_v0._apply_tree(text, text, text);

-- After a migration to commit p_sha: prove the live catalog equals its tree (column
-- order aside), then log the migration, link the DDL logged since to it and record it as
-- the live base.  With the owner's rights (the log, the link and live base are history);
-- the proof is made here, from the real catalog, so no caller can claim a schema it does
-- not have.  When the schema differs and other sessions logged DDL since p_start (a
-- txid_current_snapshot() taken before migrating), raises 40001 naming them, else XX000
-- (a pgGit bug).
-- When the migration was logged (pggit.applied = 'logged', see _apply_steps) and the
-- live base is exact, the proof reads only some objects: the live schema is the live
-- base's tree but where the DDL logged since says it may differ (_incremental_dirty,
-- as status() and commits read it), so it is p_sha's tree if it is at those objects
-- and at those where the two trees differ (their blobs compared, recorded dependencies
-- included).  If that is not shown, the whole catalog is read once (_stage): when the
-- live root tree is p_sha's, the schema is that tree exactly (Merkle: every blob,
-- column order and recorded dependencies too).  Either way an exact match makes the
-- live base exact: the next status() and commit read only what the DDL log names
-- since, instead of the whole schema again.  Else the paths that differ are found from
-- the same read (as _diff_live finds them).  How it proved it is left in the
-- transaction-local setting pggit.settled (checkout records it with its timing).
-- A migration run unlogged by capture (pggit.applied = 'unlogged'): when capture is
-- on, one log entry stands for its statements (event 'migration',
-- tag 'PGGIT MIGRATION', object_identity the commit migrated to, statement the call that
-- migrated, as capture would log it, the role and transaction), written only after the
-- proof, so it says what the catalog now is.  generate_migration(from, to) gives the
-- statements again.
CREATE OR REPLACE FUNCTION pggit_v0._settle_live(p_sha text, p_start txid_snapshot) RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_to     text := pggit_v0._commit_tree(p_sha);
    v_exact  boolean;
    v_diff   text[];
    v_others text[];
    v_ids    bigint[];
    v_id     bigint;
    v_q      text;
    v_logged boolean := current_setting('pggit.applied', true) = 'logged';
    v_base   text;
    v_btree  text;
    v_s      text[];
    v_n      text[];
    v_rows   bigint;
    v_inc    text;
BEGIN
    PERFORM pggit_v0._lock_history();
    v_ids := pggit_v0._pending_log_ids();   -- before the proof: DDL committed later stays pending
    IF v_to IS NULL THEN
        RAISE EXCEPTION 'commit % not found', p_sha USING ERRCODE = '42704';
    END IF;
    IF v_logged THEN   -- the incremental proof, when the log proves what can differ
        v_base := (SELECT m.value FROM pggit_v0.meta m
                   WHERE m.key = 'live_base'
                     AND EXISTS (SELECT 1 FROM pggit_v0.meta x WHERE x.key = 'live_base_exact' AND x.value = m.value));
        SELECT d.parent_tree, d.dirty_s, d.dirty_n INTO v_btree, v_s, v_n
        FROM pggit_v0._incremental_dirty(v_base, v_ids, pggit_v0._capture_epoch()) d;
    END IF;
    IF v_btree IS NOT NULL THEN
        SELECT array_agg(x.s), array_agg(x.n) INTO v_s, v_n
        FROM (SELECT u.s, u.n FROM unnest(v_s, v_n) AS u(s, n)
              UNION
              SELECT c.schema_name, pggit_v0._key_bare(c.obj_key) FROM pggit_v0._changed_objects_q(v_btree, v_to) c) x;
        WITH dirty AS MATERIALIZED (
            SELECT u.s, u.n, pggit_v0._bucket(u.s, u.n) AS bk FROM unnest(v_s, v_n) AS u(s, n)
        ),
        fresh AS MATERIALIZED (   -- (as _diff_live_names reads them, recorded dependencies kept)
            SELECT sn.schema_name, sn.kind || ' ' || sn.name AS obj_key, sn.sub_key,
                   pggit_v0._sha('blob', sn.definition) AS sha, pggit_v0._bucket(sn.schema_name, sn.bare_name) AS bk
            FROM (SELECT d.s, array_agg(d.n) AS ns FROM dirty d GROUP BY d.s) g
            CROSS JOIN LATERAL pggit_v0._snapshot_names(g.s, g.ns) sn
        ),
        touched AS (SELECT d.s, d.bk FROM dirty d UNION SELECT f.schema_name, f.bk FROM fresh f),
        old_obj AS MATERIALIZED (
            SELECT t.s AS schema_name, e3.name AS obj_key, e3.entry_sha AS obj_tree
            FROM touched t
            JOIN pggit_v0.tree_entries e0 ON e0.tree_sha = v_to AND e0.name = t.s
            JOIN pggit_v0.tree_entries e1 ON e1.tree_sha = e0.entry_sha AND e1.name = left(t.bk, 1)
            JOIN pggit_v0.tree_entries e2 ON e2.tree_sha = e1.entry_sha AND e2.name = right(t.bk, 1)
            JOIN pggit_v0.tree_entries e3 ON e3.tree_sha = e2.entry_sha
            WHERE EXISTS (SELECT 1 FROM dirty d WHERE d.s = t.s AND pggit_v0._key_bare(e3.name) = d.n)
               OR EXISTS (SELECT 1 FROM fresh f WHERE f.schema_name = t.s AND f.obj_key = e3.name)
        ),
        old_blobs AS (
            SELECT o.schema_name, o.obj_key, e.name AS sub_key, e.entry_sha
            FROM old_obj o JOIN pggit_v0.tree_entries e ON e.tree_sha = o.obj_tree
        )
        SELECT count(*), array_agg(pggit_v0._path(coalesce(n.schema_name, o.schema_name), coalesce(n.obj_key, o.obj_key),
                                                  coalesce(n.sub_key, o.sub_key)))
                         FILTER (WHERE coalesce(n.sub_key, o.sub_key) NOT IN ('depends', 'columns'))
        INTO v_rows, v_diff
        FROM old_blobs o
        FULL JOIN fresh n ON n.schema_name = o.schema_name AND n.obj_key = o.obj_key AND n.sub_key = o.sub_key
        WHERE o.entry_sha IS DISTINCT FROM n.sha;
        v_exact := v_rows = 0;
        -- how it was proved, for checkout's timing row (transaction-local)
        PERFORM set_config('pggit.settled', format('proved from the log: %s name(s) read', coalesce(cardinality(v_s), 0)),
                           true);
    END IF;
    -- the whole catalog, when the log proved nothing or the objects it names differ
    -- (the full read then tells why: other sessions' DDL, or a pgGit bug); both with
    -- pggit.verify_incremental = on (the full read's answer is the one kept)
    IF v_btree IS NULL OR v_diff IS NOT NULL OR coalesce(current_setting('pggit.verify_incremental', true), '') = 'on' THEN
        IF v_btree IS NULL OR v_diff IS NOT NULL THEN   -- (not when it only checks the incremental proof)
            PERFORM set_config('pggit.settled', 'proved by reading the whole schema', true);
        END IF;
        v_inc := CASE WHEN v_btree IS NOT NULL THEN format('%s %s', v_exact, v_diff) END;
        v_diff := NULL;
        WITH st AS MATERIALIZED (
            SELECT s.depth, s.tree_sha, s.schema_name, s.obj_key, s.entry_name, s.entry_sha FROM pggit_v0._stage() s
        ),
        root AS (SELECT min(s.tree_sha) AS sha FROM st s WHERE s.depth = 0),
        live_obj AS (SELECT DISTINCT s.schema_name, s.obj_key, s.tree_sha FROM st s WHERE s.depth = 4),
        changed AS (   -- (none read when the roots are equal)
            SELECT coalesce(l.schema_name, o.schema_name) AS schema_name, coalesce(l.obj_key, o.obj_key) AS obj_key,
                   o.obj_tree AS old_tree, l.tree_sha AS new_tree
            FROM live_obj l
            FULL JOIN pggit_v0._tree_objects(v_to) o ON o.schema_name = l.schema_name AND o.obj_key = l.obj_key
            WHERE o.obj_tree IS DISTINCT FROM l.tree_sha AND (SELECT r.sha FROM root r) IS DISTINCT FROM v_to
        ),
        old_blobs AS (
            SELECT c.schema_name, c.obj_key, e.name AS sub_key, e.entry_sha
            FROM changed c JOIN pggit_v0.tree_entries e ON e.tree_sha = c.old_tree
        ),
        new_blobs AS (
            SELECT c.schema_name, c.obj_key, s.entry_name AS sub_key, s.entry_sha
            FROM changed c JOIN st s ON s.depth = 4 AND s.schema_name = c.schema_name AND s.obj_key = c.obj_key
        ),
        differ AS (
            SELECT pggit_v0._path(coalesce(n.schema_name, o.schema_name), coalesce(n.obj_key, o.obj_key),
                                  coalesce(n.sub_key, o.sub_key)) AS path
            FROM old_blobs o
            FULL JOIN new_blobs n ON n.schema_name = o.schema_name AND n.obj_key = o.obj_key AND n.sub_key = o.sub_key
            WHERE o.entry_sha IS DISTINCT FROM n.entry_sha
              AND coalesce(n.sub_key, o.sub_key) <> 'depends'   -- recorded dependencies: not a change of their own
              -- column order is reported but never migrated
              AND coalesce(n.sub_key, o.sub_key) <> 'columns'
        )
        SELECT (SELECT r.sha FROM root r) IS NOT DISTINCT FROM v_to,
               (SELECT array_agg(d.path ORDER BY d.path) FROM differ d)
        INTO v_exact, v_diff;
        -- (development safety net: an incremental proof must find what the full one finds)
        IF v_inc IS DISTINCT FROM format('%s %s', v_exact, v_diff) AND v_inc IS NOT NULL
           AND coalesce(current_setting('pggit.verify_incremental', true), '') = 'on'
           AND cardinality(pggit_v0._pending_log_ids()) = cardinality(v_ids) THEN
            RAISE EXCEPTION 'the incremental proof of the migration differs from the full one: % vs %',
                            v_inc, format('%s %s', v_exact, v_diff)
                  USING ERRCODE = 'XX000', HINT = 'SET pggit.full_snapshot = on works around it; please report it.';
        END IF;
    END IF;
    IF v_diff IS NOT NULL THEN
        SELECT array_agg(DISTINCT format('%s by %s', coalesce(l.object_identity, l.command_tag), l.role_name))
        INTO v_others
        FROM pggit_v0.ddl_log l
        WHERE l.txid <> txid_current() AND NOT txid_visible_in_snapshot(l.txid, p_start)
          AND NOT EXISTS (SELECT 1 FROM pggit_v0.ddl_log_commits lc WHERE lc.log_id = l.id);
        IF v_others IS NOT NULL THEN
            RAISE EXCEPTION 'other sessions changed the schema during the migration: %',
                            array_to_string(v_others[1:10], ', ')
                  USING ERRCODE = '40001', DETAIL = 'differing paths: ' || array_to_string(v_diff[1:20], ', '),
                        HINT = 'Nothing was changed. Retry when their DDL is done (and committed).';
        END IF;
        RAISE EXCEPTION 'the migrated schema differs from the target tree at % path(s): %',
                        cardinality(v_diff), array_to_string(v_diff[1:10], ', ')
              USING ERRCODE = 'XX000',
                    HINT = 'This is a pgGit migration bug; nothing was changed. Please report the paths.';
    END IF;
    -- the migration's log entry, where capture did not log its statements
    IF NOT v_logged
       AND EXISTS (SELECT 1 FROM pg_event_trigger e WHERE e.evtname = 'pggit_v0_capture_ddl' AND e.evtenabled <> 'D') THEN
        v_q := current_query();
        v_q := CASE WHEN length(v_q) > 20000
                    THEN pggit_v0._redact_secrets(left(v_q, 20000))
                         || E'\n-- [truncated by pgGit: ' || length(v_q) || ' characters]'
                    ELSE pggit_v0._redact_secrets(v_q) END;
        v_id := pggit_v0._capture_ids(1);
        INSERT INTO pggit_v0.ddl_log (id, event, command_tag, object_type, object_identity, schema_name, statement,
                                      role_name, txid, branch, source)
        VALUES (v_id, 'migration', 'PGGIT MIGRATION', 'commit', p_sha, NULL, v_q,
                CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END,
                txid_current(), (SELECT h.branch FROM pggit_v0.head h),
                nullif(left(current_setting('pggit.source', true), 1000), ''));
        v_ids := v_ids || v_id;
    END IF;
    PERFORM pggit_v0._link_pending(p_sha, v_ids);
    -- proved: this transaction's unlogged DDL (if any) is the migration just logged
    DELETE FROM pggit_v0.capture_faults f WHERE f.id = -txid_current() AND f.event = 'unlogged';
    IF v_exact THEN
        PERFORM pggit_v0._set_live_base(p_sha, true);
    -- the live base lets the next commit read only what changes; a tree with objects
    -- whose dependencies are not recorded (a merge's, or one made before dependencies
    -- were) is not what a snapshot of the live schema gives: the next commit reads all
    ELSIF NOT EXISTS (SELECT 1 FROM pggit_v0._tree_objects(v_to) o
                      WHERE NOT EXISTS (SELECT 1 FROM pggit_v0.tree_entries e
                                        WHERE e.tree_sha = o.obj_tree AND e.name = 'depends')) THEN
        PERFORM pggit_v0._set_live_base(p_sha, false);
    ELSE
        DELETE FROM pggit_v0.meta WHERE key = 'live_base';
    END IF;
END
$$;

-- Refuse (55000) when the live schema has changes HEAD does not record.
CREATE OR REPLACE FUNCTION pggit_v0._require_clean(p_action text) RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_paths text[];
BEGIN
    -- column order is reported but never migrated, so it does not make the schema dirty
    SELECT array_agg(s.path ORDER BY s.path) INTO v_paths FROM status() s WHERE s.object_type <> 'columns';
    IF v_paths IS NOT NULL THEN
        RAISE EXCEPTION '% refused: the live schema has % uncommitted change(s)', p_action, cardinality(v_paths)
              USING ERRCODE = '55000', DETAIL = array_to_string(v_paths[1:20], E'\n'),
                    HINT = 'Commit them first (create_basic_commit) or undo them; SELECT * FROM pggit_v0.status() lists them.';
    END IF;
END
$$;

-- The statements of the migration from commit p_from to commit p_to (its tree, or
-- p_to_tree) that would lose data in the live
-- database: dropping a table that holds rows, or dropping or narrowing a column that
-- holds non-null values.  Each entry: the statement and what it would lose.  Reads
-- rows with the caller's rights (never the owner's: no user code runs as the owner) and
-- row security off, so a relation whose rows the caller cannot all see (no privilege,
-- policies) counts as holding data; only tables and materialized views are read (an
-- unpopulated materialized view holds none, a foreign table's rows live elsewhere), and
-- only when they have a page (an empty test database's tables have none).
-- (_data_at_risk_steps reads the steps given; _data_at_risk computes them.)
DROP FUNCTION IF EXISTS pggit_v0._data_at_risk(text, text);
-- Each relation checked is locked ACCESS EXCLUSIVE first (_step_data_at_risk), so a row
-- another session commits while the migration waits for its locks is counted, not lost
-- with the table (X7).  With renames, whose subtransaction is rolled back and its locks
-- with it, the relations are locked again at the caller's level and counted once more
-- (p_relocked).
DROP FUNCTION IF EXISTS pggit_v0._data_at_risk_steps(pggit_v0._migration_step[]);
CREATE OR REPLACE FUNCTION pggit_v0._data_at_risk_steps(p_steps pggit_v0._migration_step[],
                                                        p_relocked boolean DEFAULT false)
RETURNS text[]
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET row_security = off
AS $$
DECLARE
    v_step record;
    v_loss text[];
    v_one  text;
    v_rels oid[];
    v_rel  oid;
BEGIN
    -- The steps after the renames (phase 0) name tables and columns as they are once
    -- renamed: the renames run first, in this block's subtransaction, rolled back at its
    -- end, so that each step is checked against the table it will touch (a table renamed
    -- and a column of it dropped in one commit was checked under a name no table had
    -- yet, and passed).  Phase 0's own drops (a column or table a rename takes the name
    -- of) are checked before the renames that follow them.  A rename that fails here
    -- fails the migration too, before anything is lost: the checks stop there.
    BEGIN
        FOR v_step IN SELECT * FROM unnest(p_steps) s WHERE s.phase = 0 OR 'data_deletion' = ANY (s.hazards) LOOP
            IF 'data_deletion' = ANY (v_step.hazards) THEN
                v_rels := v_rels || to_regclass(format('%I.%I', v_step.schema_name, _key_name(v_step.obj_key)))::oid;
                v_one := _step_data_at_risk(v_step.statement, v_step.schema_name, v_step.obj_key, v_step.sub_key);
                IF v_one IS NOT NULL THEN
                    v_loss := v_loss || v_one;
                END IF;
            END IF;
            IF v_step.phase = 0 THEN
                EXECUTE v_step.statement;
            END IF;
        END LOOP;
        IF EXISTS (SELECT 1 FROM unnest(p_steps) s WHERE s.phase = 0) THEN
            RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'pggit: guard rollback';
        END IF;
    EXCEPTION
        WHEN lock_not_available OR query_canceled THEN
            RAISE;   -- (a lock not had in time: the attempt is made again, X7)
        WHEN OTHERS THEN
            -- (the renames undone; a failed rename ends the checks, as it ends the migration)
            IF NOT EXISTS (SELECT 1 FROM unnest(p_steps) s WHERE s.phase = 0) THEN
                RAISE;
            END IF;
            IF NOT p_relocked AND v_rels IS NOT NULL THEN
                FOREACH v_rel IN ARRAY v_rels LOOP   -- (by oid: names as before the renames)
                    IF v_rel IS NOT NULL AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = v_rel
                                                     AND c.relkind IN ('r', 'p')) THEN
                        BEGIN
                            EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', v_rel::regclass);
                        EXCEPTION WHEN insufficient_privilege THEN NULL;   -- (the apply will say)
                        END;
                    END IF;
                END LOOP;
                RETURN _data_at_risk_steps(p_steps, true);
            END IF;
            RETURN v_loss;
    END;
    RETURN v_loss;
END
$$;

-- What one step would lose in the live database (p_statement on the table p_obj_key of
-- schema p_schema, or its column p_sub_key), as the entry _data_at_risk_steps lists, or
-- NULL.  Rights and row security as there.
CREATE OR REPLACE FUNCTION pggit_v0._step_data_at_risk(p_statement text, p_schema text, p_obj_key text, p_sub_key text)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET row_security = off
AS $$
DECLARE
    v_rel  regclass := to_regclass(format('%I.%I', p_schema, _key_name(p_obj_key)));
    v_kind "char";
    v_col  text := CASE WHEN p_sub_key LIKE 'column %' THEN substr(p_sub_key, 8) END;
    v_rows boolean;
BEGIN
    IF v_rel IS NULL
       OR (v_col IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = v_rel
                                             AND a.attname = v_col AND NOT a.attisdropped)) THEN
        RETURN NULL;
    END IF;
    v_kind := (SELECT c.relkind FROM pg_class c WHERE c.oid = v_rel);
    IF v_kind IN ('r', 'p') THEN   -- (a materialized view takes no LOCK; REFRESH writes it)
        -- the lock the step will take, before counting: a row another session commits
        -- while the migration waits for it is then counted, not dropped unannounced (X7)
        BEGIN
            EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', v_rel);
        EXCEPTION WHEN insufficient_privilege THEN NULL;   -- (the step itself will say)
        END;
    END IF;
    IF v_kind = 'f' THEN
        RETURN NULL;              -- a foreign table's rows live elsewhere
    ELSIF v_kind = 'S' THEN       -- a sequence's value is data once it has handed one out
        EXECUTE format('SELECT is_called FROM %s', v_rel) INTO v_rows;
    ELSIF v_kind NOT IN ('r', 'p', 'm') THEN
        v_rows := true;           -- never read a view (it could run anyone's code): assume data
    ELSIF v_kind IN ('r', 'm') AND pg_relation_size(v_rel) = 0
          AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = v_rel) THEN
        v_rows := false;          -- no page, no row (no query to plan, no subtransaction); an
                                  -- inheritance parent's rows may all be its children's (B4)
    ELSE
        BEGIN
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s%s)', v_rel,
                           CASE WHEN v_col IS NOT NULL THEN format(' WHERE %I IS NOT NULL', v_col) ELSE '' END)
            INTO v_rows;
        EXCEPTION
            WHEN object_not_in_prerequisite_state THEN v_rows := false;   -- unpopulated materialized view
            WHEN OTHERS THEN v_rows := true;                               -- cannot tell: assume data
        END;
    END IF;
    RETURN CASE WHEN v_rows THEN format('%s (%s holds %s)', p_statement, v_rel::text || coalesce('.' || quote_ident(v_col), ''),
                                        CASE WHEN v_kind = 'S' THEN 'its position' WHEN v_col IS NULL THEN 'rows'
                                             ELSE 'values' END) END;
END
$$;

CREATE OR REPLACE FUNCTION pggit_v0._data_at_risk(p_from text, p_to text, p_to_tree text DEFAULT NULL)
RETURNS text[]
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$ SELECT pggit_v0._data_at_risk_steps(pggit_v0._steps(p_from, p_to, p_to_tree)) $$;

-- Raise 55000 listing the statements that would lose data (p_loss, from _data_at_risk),
-- unless p_force.
CREATE OR REPLACE FUNCTION pggit_v0._refuse_loss(p_loss text[], p_force boolean, p_action text)
RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    IF p_loss IS NOT NULL AND NOT coalesce(p_force, false) THEN
        RAISE EXCEPTION '% would lose data in % statement(s)', p_action, cardinality(p_loss)
              USING ERRCODE = '55000', DETAIL = array_to_string(p_loss, E'\n'),
                    HINT = 'Back the rows up or move them first, or pass force => true to accept the loss.';
    END IF;
END
$$;

DROP FUNCTION IF EXISTS pggit_v0._refuse_data_loss(text, text, boolean, text);
DROP FUNCTION IF EXISTS pggit_v0._refuse_data_loss(text, text, boolean, text, text);

-- Prove a migration before running it for real: apply generate_migration('HEAD', to_ref)
-- to the live schema inside a subtransaction that is always rolled back, and report
-- whether the result equals to_ref's tree (and which paths differ when it does not).
-- Refuses (55000) when the live schema has uncommitted changes.
CREATE OR REPLACE FUNCTION pggit_v0.verify_migration(to_ref text)
RETURNS TABLE (ok boolean, statements int, differing_paths text[], error text, script text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_to_sha text := _resolve_ref(verify_migration.to_ref);
    v_to     text := _commit_tree(v_to_sha);
    v_from   text := _head_commit();
    v_script text;
    v_n      int;
    v_diff   text[];
    v_err    text;
    v_steps  pggit_v0._migration_step[];
    v_step   pggit_v0._migration_step;
BEGIN
    PERFORM _require_clean(format('verify_migration(%L)', verify_migration.to_ref));
    PERFORM _verify_blobs(ARRAY[_commit_tree(v_from), v_to]);
    v_script := generate_migration('HEAD', verify_migration.to_ref);
    v_steps := _steps(v_from, v_to_sha);   -- (once for the count and the run)
    v_n := cardinality(v_steps);
    BEGIN
        PERFORM set_config('check_function_bodies', 'off', true);
        -- rolled back: nothing for capture to log (a subtransaction per DDL, see _apply_steps)
        -- (a role that may not write history is logged as usual: rolled back all the same)
        IF has_function_privilege('pggit_v0._unlogged_begin(text)', 'EXECUTE') THEN
            PERFORM _unlogged_begin('verify_migration');
        END IF;
        FOREACH v_step IN ARRAY v_steps LOOP
            EXECUTE v_step.statement;
        END LOOP;
        PERFORM set_config('pggit.applying', 'off', true);
        SELECT array_agg(d.path ORDER BY d.path) INTO v_diff
        FROM _diff_rows(v_to, NULL, true) d WHERE d.object_type <> 'columns';
        RAISE EXCEPTION 'pggit verify rollback' USING ERRCODE = 'P0001';
    EXCEPTION WHEN OTHERS THEN
        IF SQLERRM <> 'pggit verify rollback' THEN
            v_err := SQLSTATE || ': ' || SQLERRM;
        END IF;
    END;
    RETURN QUERY SELECT v_err IS NULL AND v_diff IS NULL, v_n, coalesce(v_diff, ARRAY[]::text[]), v_err, v_script;
END
$$;

-- Make a branch current.  With apply, migrate the live schema to the branch's tree
-- first: refused (55000) with uncommitted changes, and refused listing them when
-- statements would lose data (see _data_at_risk) unless force.  Tables the migration does not touch
-- keep their rows.  Returns the branch's head sha.
DROP FUNCTION IF EXISTS pggit_v0.checkout_branch(text);
CREATE OR REPLACE FUNCTION pggit_v0._checkout_once(name text, apply boolean, force boolean)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_t0   timestamptz := clock_timestamp();
    v_sha   text;
    v_type  text;
    v_start txid_snapshot := txid_current_snapshot();
    v_from  text;
    v_steps pggit_v0._migration_step[];
BEGIN
    PERFORM _require_rights('checkout_branch');
    PERFORM _lock_history();
    SELECT r.target_sha, r.type INTO v_sha, v_type FROM refs r WHERE r.name = _checkout_once.name;
    IF v_type IS DISTINCT FROM 'branch' THEN
        RAISE EXCEPTION 'branch "%" not found%', _checkout_once.name,
                        CASE WHEN v_type = 'tag' THEN ' (it is a tag)' ELSE '' END
              USING ERRCODE = '42704',
                    HINT = 'SELECT name FROM pggit_v0.list_branches() lists the branches; create_branch() makes one.';
    END IF;
    IF coalesce(_checkout_once.apply, false) THEN
        PERFORM _require_clean(format('checkout_branch(%L, apply => true)', _checkout_once.name));
        v_from := _head_commit();
        v_steps := _steps(v_from, v_sha);   -- once, for the data-loss check and the apply
        PERFORM _refuse_loss(_data_at_risk_steps(v_steps), _checkout_once.force,
                             format('checkout of "%s"', _checkout_once.name));
        PERFORM _apply_steps(v_from, _commit_tree(v_sha), v_steps);
        PERFORM _settle_live(v_sha, v_start);
        PERFORM _record_timing('checkout', v_t0, _checkout_once.name
                                                 || coalesce(': ' || current_setting('pggit.settled', true), ''));
    END IF;
    PERFORM _head_update('checkout_branch', _checkout_once.name);
    RETURN v_sha;
END
$$;

-- Make a branch current (see _checkout_once), in attempts: a lock a user's transaction
-- holds on a table the migration alters is waited for a moment only, then the attempt
-- is rolled back (releasing the history lock) and made again (E6, _attempt_begin); the
-- caller's lock_timeout bounds all attempts.
CREATE OR REPLACE FUNCTION pggit_v0.checkout_branch(name text, apply boolean DEFAULT false, force boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
BEGIN
    PERFORM _require_rights('checkout_branch');   -- 42501 with its hint before anything else
    RETURN _in_attempts(format('SELECT pggit_v0._checkout_once(%L, %L, %L)',
                               checkout_branch.name, checkout_branch.apply, checkout_branch.force));
END
$$;

COMMENT ON FUNCTION pggit_v0._verify_blobs(text[]) IS
    'Raises XX001 naming the paths when a blob of the given trees does not hash to its sha';
COMMENT ON FUNCTION pggit_v0._unlogged_begin(text) IS
    'Lets this transaction''s DDL go unlogged (pggit.applying = on) behind an owner-only marker that _settle_live removes once it proves the result; a marker left is a capture fault';
COMMENT ON FUNCTION pggit_v0._settle_live(text, txid_snapshot) IS
    'Proves the live catalog equals a commit''s tree (40001 on concurrent DDL, XX000 otherwise), then logs the migration, links pending DDL and sets the live base (exact when the live root tree is the commit''s)';
COMMENT ON FUNCTION pggit_v0._apply_steps(text, text, pggit_v0._migration_step[]) IS
    'Runs the given migration steps on the live schema after verifying both trees'' blobs (unlogged by capture: _settle_live logs the migration); raises (changing nothing) on failure';
COMMENT ON FUNCTION pggit_v0._data_at_risk_steps(pggit_v0._migration_step[], boolean) IS
    'The given migration steps that would lose rows or values in the live database';
COMMENT ON FUNCTION pggit_v0._refuse_loss(text[], boolean, text) IS
    'Raises 55000 listing the statements that would lose data (from _data_at_risk) unless force';
COMMENT ON FUNCTION pggit_v0._step_data_at_risk(text, text, text, text) IS
    'What one migration step would lose in the live database (rows, values or a sequence position), or NULL';
COMMENT ON FUNCTION pggit_v0._data_at_risk(text, text, text) IS
    'Statements of the migration between two commits that would lose rows or values in the live database';
COMMENT ON FUNCTION pggit_v0.verify_migration(text) IS
    'Runs the migration HEAD -> to_ref in a rolled-back subtransaction: ok, statements, differing paths, error, script';
COMMENT ON FUNCTION pggit_v0._checkout_once(text, boolean, boolean) IS
    'One attempt of checkout_branch (see there), under the history lock';
COMMENT ON FUNCTION pggit_v0.checkout_branch(text, boolean, boolean) IS
    'Makes a branch current; with apply, migrates the live schema to it (refusing uncommitted changes and, unless force, data loss). 42704 unknown branch.';
COMMENT ON FUNCTION pggit_v0._require_clean(text) IS 'Raises 55000 listing the paths when the live schema has uncommitted changes (column order aside)';
