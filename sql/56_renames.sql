-- Renames: a table renamed or moved to another schema, or a column renamed, is migrated
-- with ALTER TABLE ... RENAME / SET SCHEMA, keeping its rows, instead of a drop and an
-- add.  Trees do not record identity (like git), so the evidence is the capture log:
-- _capture records the name before each rename the user ran, and ddl_log_commits says
-- which commit includes it.  Between two commits, the renames are those of the commits
-- only one side has: replayed forward for the target's, backward for the source's.
-- A rename is used only when the trees agree (the old name is gone and the new one is
-- new); anything else stays a drop and an add, which the data-loss guard refuses.
-- The migration engine then compares the target with the source tree "as renamed": the
-- renamed object's blobs moved under the new name, with the names inside them rewritten.

-- One rename between two trees (see _renames): kind 'table', 'sequence' (old_table and
-- new_table name it) or 'column'; 'displaced' (a column, old_*), 'displaced_table'
-- (old_schema, old_table) and 'displaced_view' (old_column: view or materialized_view)
-- name what holds the name a rename takes back: dropped first,
-- with 'displaced_part' (old_column: the sub-key of an index, constraint, trigger,
-- policy or rule of that table using a displaced column); 'dropped_table' (old_schema,
-- old_table) a table the history dropped that the target holds another one under the
-- name of: dropped first too (T4).  Only functions use it: recreated on every install.
DROP TYPE IF EXISTS pggit_v0._rename;
CREATE TYPE pggit_v0._rename AS (kind text, old_schema text, old_table text, old_column text,
                                 new_schema text, new_table text, new_column text);

-- The commits only one of p_from and p_to has in its history (fwd: p_to's), whose
-- logged renames and drops take one to the other (_renames, _label_renames).
CREATE OR REPLACE FUNCTION pggit_v0._one_side_commits(p_from text, p_to text)
RETURNS TABLE (sha text, fwd boolean)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
WITH RECURSIVE fa(sha) AS (
    SELECT p_from UNION SELECT cp.parent_sha FROM commit_parents cp JOIN fa ON cp.commit_sha = fa.sha
),
ta(sha) AS (
    SELECT p_to UNION SELECT cp.parent_sha FROM commit_parents cp JOIN ta ON cp.commit_sha = ta.sha
)
SELECT coalesce(ta.sha, fa.sha), ta.sha IS NOT NULL
FROM fa FULL JOIN ta ON ta.sha = fa.sha
WHERE ta.sha IS NULL OR fa.sha IS NULL
$$;

-- Whether stored root tree p_tree holds table p_schema.p_table (four probes).
CREATE OR REPLACE FUNCTION pggit_v0._tree_has_table(p_tree text, p_schema text, p_table text) RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT EXISTS (SELECT 1
               FROM tree_entries e0
               JOIN tree_entries e1 ON e1.tree_sha = e0.entry_sha AND e1.name = left(_bucket(p_schema, p_table), 1)
               JOIN tree_entries e2 ON e2.tree_sha = e1.entry_sha AND e2.name = right(_bucket(p_schema, p_table), 1)
               JOIN tree_entries e3 ON e3.tree_sha = e2.entry_sha AND e3.name = 'table ' || p_table
               WHERE e0.tree_sha = p_tree AND e0.name = p_schema)
$$;
COMMENT ON FUNCTION pggit_v0._tree_has_table(text, text, text) IS 'Whether a stored root tree holds a table of that name';

-- The name (schema, table) commit p_from's tree holds table p_schema.p_table under when
-- that tree has no table of that name and p_from's history renamed or moved it (the
-- logged renames of p_from's ancestors, followed oldest first); NULL otherwise.
CREATE OR REPLACE FUNCTION pggit_v0._table_renamed_in(p_from text, p_schema text, p_table text) RETURNS text[]
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_tree text := _commit_tree(p_from);
BEGIN
    IF v_tree IS NULL OR _tree_has_table(v_tree, p_schema, p_table) THEN   -- (the common case)
        RETURN NULL;
    END IF;
    RETURN (
        WITH RECURSIVE
        anc(sha) AS (
            SELECT p_from UNION SELECT cp.parent_sha FROM commit_parents cp JOIN anc ON cp.commit_sha = anc.sha
        ),
        ren AS MATERIALIZED (
            SELECT DISTINCT l.id, l.renamed_from, l.object_identity
            FROM anc JOIN ddl_log_commits lc ON lc.commit_sha = anc.sha JOIN ddl_log l ON l.id = lc.log_id
            WHERE l.object_type = 'table' AND l.renamed_from IS NOT NULL
        ),
        chain(s, n, at_id, depth) AS (
            SELECT p_schema, p_table, 0::bigint, 0
            UNION ALL
            SELECT x.n[1], x.n[2], x.id, c.depth + 1
            FROM chain c
            CROSS JOIN LATERAL (SELECT r.id, parse_ident(r.object_identity) AS n FROM ren r
                                WHERE r.renamed_from = format('%I.%I', c.s, c.n) AND r.id > c.at_id
                                ORDER BY r.id LIMIT 1) x
            WHERE c.depth < 64 AND cardinality(x.n) = 2
        )
        SELECT ARRAY[c.s, c.n] FROM chain c
        WHERE c.depth > 0 AND _tree_has_table(v_tree, c.s, c.n)
        ORDER BY c.depth DESC LIMIT 1);
END
$$;
COMMENT ON FUNCTION pggit_v0._table_renamed_in(text, text, text) IS
    'The name a commit''s tree holds a table under that its history renamed or moved from another name';

-- The renames that take commit p_from's tables, sequences and columns to commit p_to's:
-- one row per renamed table or sequence (old_column NULL) and per renamed column (table
-- names as in each tree).  Only renames the two trees agree with: the old name is in
-- p_from's tree, the new name only in p_to's (the old one may be there again: a new
-- object made after the rename), and a renamed column's table is kept or itself renamed.
CREATE OR REPLACE FUNCTION pggit_v0._renames(p_from text, p_to text)
RETURNS TABLE (kind text, old_schema text, old_table text, old_column text, new_schema text, new_table text,
               new_column text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
DECLARE
    e    record;
    f    text[];
    t    text[];
    k    text[] := '{}';   -- one entry per renamed thing: 'table', 'sequence' or 'column' ('gone': dropped since)
    os   text[] := '{}';   -- its names in p_from ...
    ot   text[] := '{}';
    oc   text[] := '{}';
    cs   text[] := '{}';   -- ... and after the renames replayed so far
    ct   text[] := '{}';
    cc   text[] := '{}';
    -- names that no longer hold the object p_from (undoing) or the merge base (replaying)
    -- has under them: renamed away, dropped, or taken by an object made since; a rename
    -- from such a name moves another object (its new name is blocked too)
    blk  text[] := '{}';
    -- columns dropped on either side (schema, table, column as named then): one of that
    -- name in both trees is another column (E11), unless renames account for it
    ds   text[] := '{}';
    dt   text[] := '{}';
    dc   text[] := '{}';
    -- tables dropped (their names, and whether on p_to's side) and the names of tables
    -- renamed, on either side (T4: a drop on both sides as often, and no rename, is the
    -- same history on both: the table both trees hold is kept)
    tdn  text[] := '{}';
    tdf  boolean[] := '{}';
    trn  text[] := '{}';
    -- schemas dropped (DROP SCHEMA ... CASCADE: its tables' drops are not logged one by one)
    sdn  text[] := '{}';
    i    int;
    v_found boolean;
    v_os text;
    v_ot text;
    v_now text[];
BEGIN
    IF p_from IS NULL OR p_to IS NULL OR p_from = p_to
       OR NOT EXISTS (SELECT 1 FROM ddl_log l
                      WHERE l.renamed_from IS NOT NULL
                         OR (l.event = 'sql_drop' AND l.object_type IN ('table column', 'table'))) THEN
        RETURN;
    END IF;
    -- the renames and drops of the commits only one side has: p_from's undone (newest
    -- first), then p_to's replayed (oldest first).  A drop ends a chain (the object is
    -- gone; one made later under the name is another: A3).  Drops a checkout or merge
    -- ran itself (source 'pgGit migration') are not the user's history.
    -- A column dropped on both sides as often (the same migration run on two branches,
    -- or merged: Temporal's drop and re-add of data_encoding, J2) is the column both
    -- trees hold: those drops cancel out, unless a rename touches its table.
    FOR e IN
        WITH one_side AS MATERIALIZED (SELECT * FROM _one_side_commits(p_from, p_to)),
        ev0 AS (
            SELECT l.id, l.object_type, l.renamed_from, l.object_identity, o.fwd
            FROM ddl_log l JOIN ddl_log_commits lc ON lc.log_id = l.id JOIN one_side o ON o.sha = lc.commit_sha
            WHERE l.renamed_from IS NOT NULL
            UNION ALL
            SELECT l.id, l.object_type, NULL, l.object_identity, o.fwd
            FROM one_side o JOIN ddl_log_commits lc ON lc.commit_sha = o.sha JOIN ddl_log l ON l.id = lc.log_id
            WHERE l.event = 'sql_drop' AND l.object_type IN ('table', 'sequence', 'table column', 'schema')
              AND l.source IS DISTINCT FROM 'pgGit migration'
        ),
        drops AS (
            SELECT d.id, d.object_identity,
                   row_number() OVER (PARTITION BY d.object_identity, d.fwd ORDER BY d.id) AS rk,
                   count(*) FILTER (WHERE d.fwd) OVER (PARTITION BY d.object_identity) AS n_fwd,
                   count(*) FILTER (WHERE NOT d.fwd) OVER (PARTITION BY d.object_identity) AS n_back,
                   d.fwd
            FROM ev0 d WHERE d.renamed_from IS NULL AND d.object_type = 'table column'
        ),
        ev AS (
            SELECT * FROM ev0 x
            WHERE NOT EXISTS (
                SELECT 1 FROM drops d
                WHERE d.id = x.id AND x.renamed_from IS NULL AND d.rk <= CASE WHEN d.fwd THEN d.n_back ELSE d.n_fwd END
                  AND NOT EXISTS (SELECT 1 FROM ev0 r
                                  WHERE r.renamed_from IS NOT NULL AND r.object_type IN ('table', 'table column')
                                    AND ((parse_ident(r.object_identity))[1:2] = (parse_ident(d.object_identity))[1:2]
                                         OR (parse_ident(r.renamed_from))[1:2] = (parse_ident(d.object_identity))[1:2])))
        )
        SELECT ev.object_type, ev.renamed_from IS NULL AS dropped, ev.fwd,
               CASE WHEN ev.renamed_from IS NULL THEN ev.object_identity
                    WHEN ev.fwd THEN ev.renamed_from ELSE ev.object_identity END AS src,
               CASE WHEN ev.renamed_from IS NULL THEN NULL
                    WHEN ev.fwd THEN ev.object_identity ELSE ev.renamed_from END AS dst
        FROM ev ORDER BY ev.fwd, CASE WHEN ev.fwd THEN ev.id ELSE -ev.id END
    LOOP
        f := parse_ident(e.src);
        t := CASE WHEN e.dst IS NOT NULL THEN parse_ident(e.dst) END;
        IF e.dropped AND e.object_type = 'schema' THEN
            sdn := sdn || f[1];
        ELSIF e.dropped THEN
            -- the chain holding it (a table: its columns' too) ends; its name is blocked
            FOR i IN 1 .. cardinality(k) LOOP
                IF cs[i] = f[1] AND ct[i] = f[2]
                   AND (CASE WHEN e.object_type = 'table column' THEN k[i] = 'column' AND cc[i] = f[3]
                             WHEN e.object_type = 'sequence' THEN k[i] = 'sequence'
                             ELSE k[i] IN ('table', 'column') END) THEN
                    IF e.object_type = 'table column' THEN   -- (p_from's column, renamed since)
                        ds := ds || os[i]; dt := dt || ot[i]; dc := dc || oc[i];
                    END IF;
                    k[i] := 'gone';
                END IF;
            END LOOP;
            blk := blk || (e.object_type || ' ' || e.src);
            IF e.object_type = 'table' THEN
                tdn := tdn || e.src; tdf := tdf || e.fwd;
            END IF;
            IF e.object_type = 'table column' AND cardinality(f) = 3 THEN
                ds := ds || f[1]; dt := dt || f[2]; dc := dc || f[3];
            END IF;
        ELSIF e.object_type = 'table column' AND cardinality(f) = 3 AND cardinality(t) = 3 THEN
            -- replaying a column rename on a table p_from's own history renamed or moved
            -- since (a merge: one branch renamed the table, the other the column, P10):
            -- under the table's name in p_from
            IF e.fwd AND NOT EXISTS (SELECT 1 FROM unnest(k, cs, ct) AS u(k, s, n)
                                     WHERE u.k IN ('table', 'column') AND u.s = f[1] AND u.n = f[2]) THEN
                v_now := _table_renamed_in(p_from, f[1], f[2]);
                IF v_now IS NOT NULL THEN
                    f := ARRAY[v_now[1], v_now[2], f[3]];
                    t := ARRAY[v_now[1], v_now[2], t[3]];
                END IF;
            END IF;
            -- undoing a rename: a column that holds its old name now was made after it (the
            -- rename freed the name; renames since are undone already): before the rename
            -- it does not exist, its chain ends (E8: a column renamed away, a new one under
            -- its name, both renamed again later)
            -- (p_from's column of that chain, or p_from's column of that name that no
            -- rename moved, is then another column than the one the rename takes back:
            -- displaced when both trees hold its name, E11)
            IF NOT e.fwd THEN
                FOR i IN 1 .. cardinality(k) LOOP
                    IF k[i] = 'column' AND cs[i] = t[1] AND ct[i] = t[2] AND cc[i] = t[3] THEN
                        ds := ds || os[i]; dt := dt || ot[i]; dc := dc || oc[i];
                        k[i] := 'gone';
                    END IF;
                END LOOP;
                IF NOT EXISTS (SELECT 1 FROM unnest(k, os, ot, oc) AS u(k, s, n, c)
                               WHERE u.k IN ('column', 'gone') AND u.s = t[1] AND u.n = t[2] AND u.c = t[3]) THEN
                    ds := ds || t[1]; dt := dt || t[2]; dc := dc || t[3];
                END IF;
            END IF;
            v_found := false;
            FOR i IN 1 .. cardinality(k) LOOP
                IF k[i] = 'column' AND cs[i] = f[1] AND ct[i] = f[2] AND cc[i] = f[3] THEN
                    cc[i] := t[3];
                    v_found := true;
                END IF;
            END LOOP;
            IF NOT v_found AND NOT ('table column ' || e.src) = ANY (blk)
               AND (NOT ('table ' || format('%I.%I', f[1], f[2])) = ANY (blk)   -- (a table another one's name went to)
                    OR EXISTS (SELECT 1 FROM unnest(k, cs, ct) AS u(k, s, n) WHERE u.k = 'table' AND u.s = f[1] AND u.n = f[2])) THEN
                v_os := f[1];
                v_ot := f[2];
                FOR i IN 1 .. cardinality(k) LOOP   -- a table renamed before: its old name
                    IF k[i] = 'table' AND cs[i] = f[1] AND ct[i] = f[2] THEN
                        v_os := os[i];
                        v_ot := ot[i];
                    END IF;
                END LOOP;
                k := k || 'column'::text; os := os || v_os; ot := ot || v_ot; oc := oc || f[3];
                cs := cs || f[1]; ct := ct || f[2]; cc := cc || t[3];
            ELSIF NOT v_found THEN   -- another object's column moves: its new name is not p_from's
                blk := blk || ('table column ' || e.dst);
            END IF;
            blk := blk || ('table column ' || e.src);
        ELSIF e.object_type IN ('table', 'sequence') AND cardinality(f) = 2 AND cardinality(t) = 2 THEN
            IF e.object_type = 'table' THEN
                trn := trn || e.src || e.dst;
            END IF;
            IF NOT e.fwd THEN   -- likewise a table (with its columns) or sequence made since
                FOR i IN 1 .. cardinality(k) LOOP
                    IF cs[i] = t[1] AND ct[i] = t[2] AND k[i] <> 'gone'
                       AND (k[i] = 'sequence') = (e.object_type = 'sequence') THEN
                        k[i] := 'gone';
                    END IF;
                END LOOP;
            END IF;
            v_found := false;
            FOR i IN 1 .. cardinality(k) LOOP
                IF cs[i] = f[1] AND ct[i] = f[2] AND (k[i] = 'sequence') = (e.object_type = 'sequence') THEN
                    cs[i] := t[1];
                    ct[i] := t[2];
                    v_found := v_found OR k[i] = e.object_type;
                END IF;
            END LOOP;
            IF NOT v_found AND NOT (e.object_type || ' ' || e.src) = ANY (blk) THEN
                k := k || e.object_type; os := os || f[1]; ot := ot || f[2]; oc := oc || NULL::text;
                cs := cs || t[1]; ct := ct || t[2]; cc := cc || NULL::text;
            ELSIF NOT v_found THEN
                blk := blk || (e.object_type || ' ' || e.dst);
            END IF;
            blk := blk || (e.object_type || ' ' || e.src);
        END IF;
    END LOOP;
    IF cardinality(k) = 0 AND cardinality(dc) = 0 AND cardinality(tdn) = 0 THEN
        RETURN;
    END IF;

    RETURN QUERY
    WITH fo_all AS MATERIALIZED (SELECT * FROM _tree_objects(_commit_tree(p_from))),
    fo AS (SELECT o.* FROM fo_all o WHERE _key_kind(o.obj_key) IN ('table', 'sequence')),
    t_o AS (SELECT o.* FROM _tree_objects(_commit_tree(p_to)) o WHERE _key_kind(o.obj_key) IN ('table', 'sequence')),
    r0 AS (
        SELECT u.* FROM unnest(k, os, ot, oc, cs, ct, cc) AS u(k, os, ot, oc, cs, ct, cc)
        WHERE (u.os, u.ot, coalesce(u.oc, '')) IS DISTINCT FROM (u.cs, u.ct, coalesce(u.cc, '')) AND u.k <> 'gone'
    ),
    -- a column renamed in a table renamed before, where p_from holds the table under its
    -- new name already (its own history renamed it alike: both branches of a merge, W12):
    -- a rename in that table.  A sequence renamed whose table moved to another schema
    -- moved along (nothing logs that: P9): in the table's schema, on p_to's side (the
    -- sequence the table owns there) or p_from's (going back)
    r AS (
        SELECT r0.k,
               CASE WHEN m.remap THEN r0.cs ELSE coalesce(sb.s, r0.os) END AS os,
               CASE WHEN m.remap THEN r0.ct ELSE r0.ot END AS ot,
               r0.oc, coalesce(sf.s, r0.cs) AS cs, r0.ct, r0.cc
        FROM r0
        CROSS JOIN LATERAL (
            SELECT r0.k = 'column' AND (r0.os, r0.ot) <> (r0.cs, r0.ct)
                   AND NOT ('table ' || format('%I.%I', r0.cs, r0.ct)) = ANY (blk)
                   AND NOT _tree_has_table(_commit_tree(p_from), r0.os, r0.ot)
                   AND _tree_has_table(_commit_tree(p_from), r0.cs, r0.ct) AS remap) m
        LEFT JOIN LATERAL (
            SELECT tb.cs AS s FROM r0 tb
            JOIN t_o q ON q.schema_name = tb.cs AND q.obj_key = 'sequence ' || r0.ct
            JOIN tree_entries e ON e.tree_sha = q.obj_tree AND e.name = 'owned_by'
            JOIN objects b ON b.sha = e.entry_sha
            WHERE r0.k = 'sequence' AND tb.k = 'table' AND tb.os = r0.cs AND tb.cs <> tb.os
              AND strpos(b.content, ' OWNED BY ' || format('%I.%I', tb.cs, tb.ct) || '.') > 0
              AND NOT EXISTS (SELECT 1 FROM t_o WHERE t_o.schema_name = r0.cs AND t_o.obj_key = 'sequence ' || r0.ct)
            LIMIT 1) sf ON true
        LEFT JOIN LATERAL (
            SELECT tb.os AS s FROM r0 tb
            JOIN fo q ON q.schema_name = tb.os AND q.obj_key = 'sequence ' || r0.ot
            JOIN tree_entries e ON e.tree_sha = q.obj_tree AND e.name = 'owned_by'
            JOIN objects b ON b.sha = e.entry_sha
            WHERE r0.k = 'sequence' AND tb.k = 'table' AND tb.cs = r0.os AND tb.cs <> tb.os
              AND strpos(b.content, ' OWNED BY ' || format('%I.%I', tb.os, tb.ot) || '.') > 0
              AND NOT EXISTS (SELECT 1 FROM fo WHERE fo.schema_name = r0.os AND fo.obj_key = 'sequence ' || r0.ot)
            LIMIT 1) sb ON true
    ),
    schemas_from AS (SELECT o.schema_name FROM fo_all o WHERE o.obj_key = 'schema ' || o.schema_name),
    -- (a schema p_to holds that p_from does not: the script creates it before the moves,
    -- _commit_steps_to, P1)
    schemas_to AS (SELECT o.schema_name FROM _tree_objects(_commit_tree(p_to)) o WHERE o.obj_key = 'schema ' || o.schema_name),
    tables AS (   -- renamed tables and sequences the trees agree with
        SELECT r.k, r.os, r.ot, r.cs, r.ct,
               EXISTS (SELECT 1 FROM fo WHERE fo.schema_name = r.cs AND fo.obj_key = r.k || ' ' || r.ct)
               AND NOT EXISTS (SELECT 1 FROM r r2 WHERE r2.k = r.k AND (r2.os, r2.ot) = (r.cs, r.ct)) AS displaces
        FROM r
        WHERE r.k IN ('table', 'sequence')
          AND EXISTS (SELECT 1 FROM fo WHERE fo.schema_name = r.os AND fo.obj_key = r.k || ' ' || r.ot)
          AND EXISTS (SELECT 1 FROM t_o WHERE t_o.schema_name = r.cs AND t_o.obj_key = r.k || ' ' || r.ct)
          -- the new name free in p_from, or (tables) held by a table made after the rename
          -- (renamed back, it is dropped first: "displaced_table"): not one renamed itself
          -- (a swap), and one nothing else in p_from depends on (its own serial
          -- sequences go with it)
          AND (NOT EXISTS (SELECT 1 FROM fo WHERE fo.schema_name = r.cs AND fo.obj_key = r.k || ' ' || r.ct)
               -- or held by one renamed away itself (a swap, a rotation: staged through a
               -- temporary name, _commit_steps)
               OR EXISTS (SELECT 1 FROM r r2 WHERE r2.k = r.k AND (r2.os, r2.ot) = (r.cs, r.ct))
               OR (r.k = 'table'
                   AND NOT EXISTS (SELECT 1 FROM r r2 WHERE r2.k = 'table' AND (r2.os, r2.ot) = (r.cs, r.ct))
                   AND NOT EXISTS (
                       SELECT 1 FROM dep_refs x
                       JOIN tree_entries e ON e.entry_sha = x.blob_sha AND e.name = 'depends'
                       JOIN fo_all o ON o.obj_tree = e.tree_sha
                       WHERE x.ref_schema = r.cs AND x.ref_key = 'table ' || r.ct
                         AND NOT (o.schema_name = r.cs AND o.obj_key = 'table ' || r.ct)
                         AND NOT (_key_kind(o.obj_key) = 'sequence'
                                  AND EXISTS (SELECT 1 FROM tree_entries e2 JOIN objects b ON b.sha = e2.entry_sha
                                              WHERE e2.tree_sha = o.obj_tree AND e2.name = 'owned_by'
                                                AND strpos(b.content, ' OWNED BY ' || format('%I.%I', r.cs, r.ct) || '.') > 0)))))
          AND (r.os = r.cs OR r.cs IN (SELECT s.schema_name FROM schemas_from s)   -- SET SCHEMA needs it
               OR r.cs IN (SELECT s.schema_name FROM schemas_to s))
    ),
    -- tables of p_from whose name the history took from them (dropped, or renamed away)
    -- while p_to holds a table renamed to that name, or the other way round: another
    -- table (T4: a new table built, the old one dropped and the new one renamed to its
    -- name).  Dropped first, as the history did ('dropped_table'), and made anew from the
    -- target, unless a rename here moves it or takes its name ('table' rows), the same
    -- drops are on both sides (and no rename of its name: one history), or something
    -- else of p_from depends on it (it stays altered in place, as before)
    gone_tables AS (
        SELECT DISTINCT n.n[1] AS s, n.n[2] AS t
        FROM unnest(blk) b CROSS JOIN LATERAL (SELECT parse_ident(substr(b, 7)) AS n) n
        WHERE b LIKE 'table %' AND b NOT LIKE 'table column %' AND cardinality(n.n) = 2
          AND EXISTS (SELECT 1 FROM fo WHERE fo.schema_name = n.n[1] AND fo.obj_key = 'table ' || n.n[2])
          AND EXISTS (SELECT 1 FROM t_o WHERE t_o.schema_name = n.n[1] AND t_o.obj_key = 'table ' || n.n[2])
          AND NOT EXISTS (SELECT 1 FROM tables tb WHERE tb.k = 'table'
                            AND ((tb.os, tb.ot) = (n.n[1], n.n[2]) OR (tb.cs, tb.ct) = (n.n[1], n.n[2])))
          -- (one end of a table's renames: p_to's table renamed into the name, or, going
          -- back, p_from's; a table dropped and made again under its name stays as it
          -- was: rows kept where the definitions allow)
          AND EXISTS (SELECT 1 FROM unnest(k, os, ot, cs, ct) AS u(k, os, ot, cs, ct)
                      WHERE u.k = 'table' AND (u.os, u.ot) IS DISTINCT FROM (u.cs, u.ct)
                        AND ((u.os, u.ot) = (n.n[1], n.n[2]) OR (u.cs, u.ct) = (n.n[1], n.n[2])))
          AND NOT (format('%I.%I', n.n[1], n.n[2]) <> ALL (trn)
                   AND (SELECT count(*) FILTER (WHERE d.f) = count(*) FILTER (WHERE NOT d.f)
                        FROM unnest(tdn, tdf) AS d(n, f) WHERE d.n = format('%I.%I', n.n[1], n.n[2])))
          AND NOT EXISTS (
                  SELECT 1 FROM dep_refs x
                  JOIN tree_entries e ON e.entry_sha = x.blob_sha AND e.name = 'depends'
                  JOIN fo_all o ON o.obj_tree = e.tree_sha
                  WHERE x.ref_schema = n.n[1] AND x.ref_key = 'table ' || n.n[2]
                    AND NOT (o.schema_name = n.n[1] AND o.obj_key = 'table ' || n.n[2])
                    AND NOT (_key_kind(o.obj_key) = 'sequence'
                             AND EXISTS (SELECT 1 FROM tree_entries e2 JOIN objects b ON b.sha = e2.entry_sha
                                         WHERE e2.tree_sha = o.obj_tree AND e2.name = 'owned_by'
                                           AND strpos(b.content, ' OWNED BY ' || format('%I.%I', n.n[1], n.n[2]) || '.') > 0)))
    ),
    -- what reads a column of a table with renamed columns from outside that table, by the
    -- edges p_from recorded (the reader's kind, its part, the column as recorded)
    col_readers AS MATERIALIZED (
        SELECT DISTINCT x.ref_schema, x.ref_key, split_part(l.line, E'\t', 4) AS ref_column,
               _key_kind(o.obj_key) AS kind, split_part(l.line, E'\t', 1) AS part,
               o.schema_name AS r_schema, o.obj_key AS r_key
        FROM (SELECT r.os, r.ot FROM r WHERE r.k = 'column'
              UNION SELECT d.s, d.t FROM unnest(ds, dt) AS d(s, t)) rc
        JOIN dep_refs x ON x.ref_schema = rc.os AND x.ref_key = 'table ' || rc.ot
        JOIN tree_entries e ON e.entry_sha = x.blob_sha AND e.name = 'depends'
        JOIN fo_all o ON o.obj_tree = e.tree_sha
        JOIN objects b ON b.sha = x.blob_sha
        CROSS JOIN LATERAL unnest(string_to_array(b.content, E'\n')) AS l(line)
        WHERE NOT (o.schema_name = rc.os AND o.obj_key = 'table ' || rc.ot)
          AND split_part(l.line, E'\t', 2) = _dep_esc(rc.os)
          AND split_part(l.line, E'\t', 3) = _dep_esc('table ' || rc.ot)
          AND split_part(l.line, E'\t', 4) LIKE 'column %'
    ),
    cols AS (
        SELECT r.os, r.ot, r.oc, r.cs, r.ct, r.cc FROM r
        JOIN fo ON fo.schema_name = r.os AND fo.obj_key = 'table ' || r.ot
        JOIN t_o ON t_o.schema_name = r.cs AND t_o.obj_key = 'table ' || r.ct
        WHERE r.k = 'column' AND r.oc <> r.cc
          AND ((r.os, r.ot) = (r.cs, r.ct)
               OR EXISTS (SELECT 1 FROM tables tb WHERE tb.k = 'table' AND (tb.os, tb.ot) = (r.os, r.ot)))
          AND EXISTS (SELECT 1 FROM tree_entries e WHERE e.tree_sha = fo.obj_tree AND e.name = 'column ' || r.oc)
          AND EXISTS (SELECT 1 FROM tree_entries e WHERE e.tree_sha = t_o.obj_tree AND e.name = 'column ' || r.cc)
          -- a column whose old name another holds in p_to (made again after the rename, or
          -- the one renamed to it undone): what reads it from outside the table (a view)
          -- would follow the rename while its text, the same in both trees, reads the
          -- other: only without such readers (else a drop and an add, guarded)
          -- (a sequence it owns and another table's foreign key to it are rewritten with
          -- the rename: not such readers)
          AND NOT (EXISTS (SELECT 1 FROM tree_entries e WHERE e.tree_sha = t_o.obj_tree AND e.name = 'column ' || r.oc)
                   AND EXISTS (SELECT 1 FROM col_readers cr
                               WHERE cr.ref_schema = r.os AND cr.ref_key = 'table ' || r.ot
                                 AND cr.ref_column = 'column ' || _dep_esc(r.oc)
                                 -- (views and routines reading it are made again, and so are
                                 -- other tables' policies and rules: _renamed_tree)
                                 AND cr.kind NOT IN ('sequence', 'view', 'materialized_view', 'function', 'procedure',
                                                     'statistics')
                                 AND cr.part NOT LIKE 'constraint %'
                                 AND split_part(cr.part, ' ', 1) NOT IN ('policy', 'rule')))
          -- the new name free in p_from, or held by a column made after the rename (renamed
          -- back, it is dropped first: "displaced"), not by one renamed itself (a swap)
          AND (NOT EXISTS (SELECT 1 FROM tree_entries e WHERE e.tree_sha = fo.obj_tree AND e.name = 'column ' || r.cc)
               OR EXISTS (SELECT 1 FROM r r2 WHERE r2.k = 'column' AND (r2.os, r2.ot, r2.oc) = (r.os, r.ot, r.cc))
               -- (its table kept or itself renamed: P8, a table renamed too)
               OR (((r.os, r.ot) = (r.cs, r.ct)
                    OR EXISTS (SELECT 1 FROM tables tb WHERE tb.k = 'table' AND (tb.os, tb.ot) = (r.os, r.ot)))
                   AND NOT EXISTS (SELECT 1 FROM r r2 WHERE r2.k = 'column' AND (r2.os, r2.ot, r2.oc) = (r.os, r.ot, r.cc))
                   -- and nothing but the table's own indexes, constraints, triggers, policies
                   -- and rules uses it (those are dropped first and made again: see
                   -- 'displaced_part'); a view, another table's foreign key or a generated
                   -- column on it keeps the rename out (a drop and an add, guarded)
                   AND NOT EXISTS (SELECT 1 FROM col_readers cr
                                   WHERE cr.ref_schema = r.os AND cr.ref_key = 'table ' || r.ot
                                     AND cr.ref_column = 'column ' || _dep_esc(r.cc))
                   AND NOT EXISTS (
                       SELECT 1 FROM tree_entries e JOIN objects b ON b.sha = e.entry_sha
                       WHERE e.tree_sha = fo.obj_tree AND e.name LIKE 'column %' AND e.name <> 'column ' || r.cc
                         AND b.content ~ _word_re(quote_ident(r.cc), true))))
    ),
    -- columns of p_from dropped first: one holding the name another is renamed (back) to,
    -- and one whose name both trees hold while the history dropped a column of that name
    -- in between (E11: dropped, then one of that name added; the values are not the
    -- history's), unless renames account for it
    disp AS (
        SELECT c.os, c.ot, c.cc FROM cols c
        JOIN fo ON fo.schema_name = c.os AND fo.obj_key = 'table ' || c.ot
        WHERE EXISTS (SELECT 1 FROM tree_entries e WHERE e.tree_sha = fo.obj_tree AND e.name = 'column ' || c.cc)
          AND NOT EXISTS (SELECT 1 FROM cols c2 WHERE (c2.os, c2.ot, c2.oc) = (c.os, c.ot, c.cc))
        UNION
        SELECT d.s, d.t, d.c FROM unnest(ds, dt, dc) AS d(s, t, c)
        JOIN fo ON fo.schema_name = d.s AND fo.obj_key = 'table ' || d.t
        JOIN t_o ON t_o.schema_name = d.s AND t_o.obj_key = 'table ' || d.t
        WHERE EXISTS (SELECT 1 FROM tree_entries e WHERE e.tree_sha = fo.obj_tree AND e.name = 'column ' || d.c)
          AND EXISTS (SELECT 1 FROM tree_entries e WHERE e.tree_sha = t_o.obj_tree AND e.name = 'column ' || d.c)
          -- (not a table renamed, nor a column a rename moves or takes back)
          AND NOT EXISTS (SELECT 1 FROM r WHERE r.k = 'table'
                            AND ((r.os, r.ot) = (d.s, d.t) OR (r.cs, r.ct) = (d.s, d.t)))
          -- (nor a column of a table the history dropped and made again under its name:
          -- that table is kept, rows and all, where the definitions allow, and so are its
          -- columns; X8: `prisma migrate reset`, every migration run again, dropped and
          -- added the columns those migrations drop and add again, between equal trees)
          AND NOT format('%I.%I', d.s, d.t) = ANY (tdn) AND NOT d.s = ANY (sdn)
          AND NOT EXISTS (SELECT 1 FROM cols c
                          WHERE (c.os, c.ot, c.oc) = (d.s, d.t, d.c) OR (c.cs, c.ct, c.cc) = (d.s, d.t, d.c))
          -- (nothing outside the table reads it, a view, another table's foreign key or
          -- policy: they would have to go first; then it stays as it was, kept)
          AND NOT EXISTS (SELECT 1 FROM col_readers cr
                          WHERE cr.ref_schema = d.s AND cr.ref_key = 'table ' || d.t
                            AND cr.ref_column = 'column ' || _dep_esc(d.c)
                            -- (a sequence it owns that p_to does not hold goes with it, as
                            -- the history dropped it: G4, a serial id made a uuid)
                            AND NOT (cr.kind = 'sequence'
                                     AND NOT EXISTS (SELECT 1 FROM t_o WHERE t_o.schema_name = cr.r_schema
                                                                        AND t_o.obj_key = cr.r_key)))
          -- (nor a generated column of its own table)
          AND NOT EXISTS (SELECT 1 FROM tree_entries e JOIN objects b ON b.sha = e.entry_sha
                          WHERE e.tree_sha = fo.obj_tree AND e.name LIKE 'column %' AND e.name <> 'column ' || d.c
                            AND b.content ~ _word_re(quote_ident(d.c), true))
    ),
    -- the table's own parts using a displaced column: PostgreSQL drops them with it, so
    -- they are dropped first, by name, and made again from the target
    parts AS (
        SELECT c.os, c.ot, e.name AS sub_key FROM disp c
        JOIN fo ON fo.schema_name = c.os AND fo.obj_key = 'table ' || c.ot
        JOIN tree_entries e ON e.tree_sha = fo.obj_tree AND e.name ~ '^(index|constraint|trigger|policy|rule) '
        JOIN objects b ON b.sha = e.entry_sha
        WHERE b.content ~ _word_re(quote_ident(c.cc), true)
    )
    SELECT tb.k, tb.os, tb.ot, NULL::text, tb.cs, tb.ct, NULL::text FROM tables tb
    UNION ALL   -- a table holding the name another one is renamed (back) to: dropped first
    SELECT 'displaced_table', tb.cs, tb.ct, NULL, NULL, NULL, NULL FROM tables tb WHERE tb.displaces
    UNION ALL   -- a table the history dropped that p_to holds another table under the name of
    SELECT 'dropped_table', g.s, g.t, NULL, NULL, NULL, NULL FROM gone_tables g
    UNION ALL   -- a view holding that name (a table renamed, a view made under its old name
                -- for old clients: G3), which p_to does not hold and nothing of p_from
                -- reads: dropped first too (old_column: its kind)
    SELECT 'displaced_view', v.schema_name, _key_name(v.obj_key), _key_kind(v.obj_key), NULL, NULL, NULL
    FROM tables tb
    JOIN fo_all v ON v.schema_name = tb.cs AND v.obj_key IN ('view ' || tb.ct, 'materialized_view ' || tb.ct)
    WHERE tb.k = 'table'
      AND NOT EXISTS (SELECT 1 FROM _tree_objects(_commit_tree(p_to)) o
                      WHERE o.schema_name = v.schema_name AND o.obj_key = v.obj_key)
      AND NOT EXISTS (SELECT 1 FROM dep_refs x
                      JOIN tree_entries e ON e.entry_sha = x.blob_sha AND e.name = 'depends'
                      JOIN fo_all o ON o.obj_tree = e.tree_sha
                      WHERE x.ref_schema = v.schema_name AND x.ref_key = v.obj_key
                        AND NOT (o.schema_name = v.schema_name AND o.obj_key = v.obj_key))
    UNION ALL
    SELECT 'column', c.os, c.ot, c.oc, c.cs, c.ct, c.cc FROM cols c
    WHERE NOT EXISTS (SELECT 1 FROM gone_tables g WHERE (g.s, g.t) = (c.os, c.ot))
    UNION ALL   -- parts using a displaced column (old_column: their sub-key)
    SELECT DISTINCT 'displaced_part', p.os, p.ot, p.sub_key, NULL, NULL, NULL FROM parts p
    WHERE NOT EXISTS (SELECT 1 FROM gone_tables g WHERE (g.s, g.t) = (p.os, p.ot))
    UNION ALL   -- a column of p_from dropped first (disp; not of a table dropped)
    SELECT 'displaced', c.os, c.ot, c.cc, NULL, NULL, NULL FROM disp c
    WHERE NOT EXISTS (SELECT 1 FROM gone_tables g WHERE (g.s, g.t) = (c.os, c.ot));
END
$$;

-- The enum labels renamed (ALTER TYPE ... RENAME VALUE, recorded by capture) between
-- commits p_from and p_to: kind 'enum_label', old_schema and old_table naming the type
-- (the same in both trees: renamed types are not followed), old_column the label in
-- p_from, new_column in p_to.  The renames of the commits only one side has, chained
-- (p_from's undone newest first, p_to's replayed oldest first; a type dropped ends its
-- labels' chains, a label renamed away is not the type's any more); only those the trees
-- agree with: the old label in p_from's enum, the new one in p_to's and not in p_from's
-- (or held there by a label renamed away itself: a swap); or, for an enum p_to lacks
-- (its column moved to text, a domain or another type, the enum dropped or renamed),
-- every label renamed before it went (X6).
-- A label renamed keeps the rows holding it; as a removal and an addition the type would
-- be made again and those rows fail the conversion.
CREATE OR REPLACE FUNCTION pggit_v0._label_renames(p_from text, p_to text)
RETURNS SETOF pggit_v0._rename
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    e     record;
    ts    text[] := '{}';   -- per renamed label: its type's schema and name ...
    tn    text[] := '{}';
    orig  text[] := '{}';   -- ... the label in p_from, and after the renames so far
    cur   text[] := '{}';
    live  boolean[] := '{}';   -- (false: its type dropped since)
    blk   text[] := '{}';   -- types dropped, labels renamed away (as in _renames)
    i     int;
    v_hit boolean;
BEGIN
    IF p_from IS NULL OR p_to IS NULL OR p_from = p_to
       OR NOT EXISTS (SELECT 1 FROM ddl_log l WHERE l.renamed_label IS NOT NULL) THEN
        RETURN;
    END IF;
    FOR e IN
        WITH one_side AS MATERIALIZED (SELECT * FROM _one_side_commits(p_from, p_to)),
        ev AS (
            SELECT l.id, l.object_identity, l.renamed_label, o.fwd
            FROM ddl_log l JOIN ddl_log_commits lc ON lc.log_id = l.id JOIN one_side o ON o.sha = lc.commit_sha
            WHERE l.renamed_label IS NOT NULL AND cardinality(l.renamed_label) = 2
            UNION ALL   -- a type dropped: its labels' chains end
            SELECT l.id, l.object_identity, NULL, o.fwd
            FROM one_side o JOIN ddl_log_commits lc ON lc.commit_sha = o.sha JOIN ddl_log l ON l.id = lc.log_id
            WHERE l.event = 'sql_drop' AND l.object_type = 'type' AND l.source IS DISTINCT FROM 'pgGit migration'
        )
        SELECT parse_ident(v.object_identity) AS t, v.object_identity AS ident, v.renamed_label IS NULL AS dropped,
               CASE WHEN v.fwd THEN v.renamed_label[1] ELSE v.renamed_label[2] END AS src,
               CASE WHEN v.fwd THEN v.renamed_label[2] ELSE v.renamed_label[1] END AS dst
        FROM ev v
        ORDER BY v.fwd, CASE WHEN v.fwd THEN v.id ELSE -v.id END
    LOOP
        CONTINUE WHEN cardinality(e.t) <> 2;
        IF e.dropped THEN
            FOR i IN 1 .. cardinality(cur) LOOP
                IF ts[i] = e.t[1] AND tn[i] = e.t[2] THEN
                    live[i] := false;
                END IF;
            END LOOP;
            blk := blk || ('type ' || e.ident);
            CONTINUE;
        END IF;
        v_hit := false;
        FOR i IN 1 .. cardinality(cur) LOOP
            IF ts[i] = e.t[1] AND tn[i] = e.t[2] AND cur[i] = e.src AND live[i] THEN
                cur[i] := e.dst;
                v_hit := true;
            END IF;
        END LOOP;
        IF NOT v_hit AND NOT ('type ' || e.ident) = ANY (blk) AND NOT ('label ' || e.ident || ' ' || e.src) = ANY (blk) THEN
            ts := ts || e.t[1]; tn := tn || e.t[2]; orig := orig || e.src; cur := cur || e.dst; live := live || true;
        ELSIF NOT v_hit THEN
            blk := blk || ('label ' || e.ident || ' ' || e.dst);
        END IF;
        blk := blk || ('label ' || e.ident || ' ' || e.src);
    END LOOP;
    IF cardinality(cur) = 0 THEN
        RETURN;
    END IF;
    RETURN QUERY
    WITH r AS (SELECT u.* FROM unnest(ts, tn, orig, cur, live) AS u(ts, tn, o, c, live) WHERE u.o <> u.c),
    enums AS MATERIALIZED (   -- the enums' definitions in each tree, read once
        SELECT x.to_side, x.schema_name, x.obj_key, b.content
        FROM (SELECT false AS to_side, o.* FROM _tree_objects(_commit_tree(p_from)) o
              UNION ALL SELECT true, o.* FROM _tree_objects(_commit_tree(p_to)) o) x
        JOIN tree_entries te ON te.tree_sha = x.obj_tree AND te.name = 'definition'
        JOIN objects b ON b.sha = te.entry_sha
        WHERE x.obj_key LIKE 'type %' AND b.content LIKE '% AS ENUM (%'
          AND (x.schema_name, substr(x.obj_key, 6)) IN (SELECT r.ts, r.tn FROM r)
    ),
    labels AS (
        SELECT DISTINCT r.ts, r.tn,
               _enum_labels((SELECT en.content FROM enums en WHERE NOT en.to_side AND en.schema_name = r.ts
                                                              AND en.obj_key = 'type ' || r.tn)) AS fl,
               _enum_labels((SELECT en.content FROM enums en WHERE en.to_side AND en.schema_name = r.ts
                                                              AND en.obj_key = 'type ' || r.tn)) AS tl
        FROM r
    )
    SELECT 'enum_label', r.ts, r.tn, r.o, r.ts, r.tn, r.c
    FROM r JOIN labels l ON l.ts = r.ts AND l.tn = r.tn
    -- (an enum p_to lacks: dropped, or renamed, after its labels were: they are renamed
    -- while it is still there, so that the rows converted off it hold the labels the
    -- history gave them, X6; the chain as it was when the type was dropped; one made
    -- again under its name: when it holds the label as renamed, the column converted
    -- through text met it there, AA5)
    WHERE r.o = ANY (l.fl) AND CASE WHEN l.tl IS NULL THEN true ELSE r.c = ANY (l.tl) END
      AND (NOT r.c = ANY (l.fl) OR EXISTS (SELECT 1 FROM r r2 WHERE (r2.ts, r2.tn, r2.o) = (r.ts, r.tn, r.c)))
      AND NOT EXISTS (SELECT 1 FROM r r2 WHERE (r2.ts, r2.tn, r2.c) = (r.ts, r.tn, r.c) AND r2.o <> r.o);
END
$$;
COMMENT ON FUNCTION pggit_v0._label_renames(text, text) IS
    'Enum labels renamed between two commits (capture''s ALTER TYPE ... RENAME VALUE), as _rename rows of kind enum_label';

-- Indexes and constraints renamed between the source tree as renamed (p_base) and the
-- target tree (p_to), found by their text, since an index holds no rows and its rename is
-- not logged: a part of a table both trees hold that only p_base has, paired with the one
-- part only p_to has whose text is the same once renamed (_renamed_part), one to one.
-- Migrated with ALTER INDEX / ALTER TABLE ... RENAME CONSTRAINT instead of a drop and a
-- create: no index build, and a foreign key resting on the index stays (C8).  Left out
-- (a drop and a create, as before): the new name held in p_src or p_base by another part
-- or relation of the schema (a swap, a chain), tables that move to another schema, and
-- partitioned tables and partitions (their parts name each other).  Rows of kind 'part':
-- old_schema, old_table name the table (in p_base), old_column and new_column the sub-keys.
CREATE OR REPLACE FUNCTION pggit_v0._part_renames(p_src text, p_base text, p_to text)
RETURNS SETOF pggit_v0._rename
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
-- (joins in the written order: ch descends both trees level by level, only where the
-- subtrees differ; reordered, the planner read every table of the base tree first and
-- probed the target once per table, and searched join orders at every call)
SET join_collapse_limit = 1
AS $$
WITH ch AS MATERIALIZED (   -- tables both trees hold whose trees differ (differing subtrees only)
    SELECT e0.name AS schema_name, e3.name AS obj_key, e3.entry_sha AS bt, f3.entry_sha AS tt
    FROM tree_entries e0
    JOIN tree_entries f0 ON f0.tree_sha = p_to AND f0.name = e0.name AND f0.entry_sha <> e0.entry_sha
    JOIN tree_entries e1 ON e1.tree_sha = e0.entry_sha
    JOIN tree_entries f1 ON f1.tree_sha = f0.entry_sha AND f1.name = e1.name AND f1.entry_sha <> e1.entry_sha
    JOIN tree_entries e2 ON e2.tree_sha = e1.entry_sha
    JOIN tree_entries f2 ON f2.tree_sha = f1.entry_sha AND f2.name = e2.name AND f2.entry_sha <> e2.entry_sha
    JOIN tree_entries e3 ON e3.tree_sha = e2.entry_sha
    JOIN tree_entries f3 ON f3.tree_sha = f2.entry_sha AND f3.name = e3.name AND f3.entry_sha <> e3.entry_sha
    WHERE e0.tree_sha = p_base AND e3.name LIKE 'table %'
),
one AS (   -- the parts only one side has (no partitioned tables or partitions)
    SELECT c.schema_name, c.obj_key, s.side, e.name, o.content
    FROM ch c
    CROSS JOIN LATERAL (VALUES (true, c.bt, c.tt), (false, c.tt, c.bt)) s(side, mine, other)
    JOIN tree_entries e ON e.tree_sha = s.mine AND split_part(e.name, ' ', 1) IN ('index', 'constraint')
    JOIN objects o ON o.sha = e.entry_sha
    WHERE NOT EXISTS (SELECT 1 FROM tree_entries e2 WHERE e2.tree_sha = s.other AND e2.name = e.name)
      AND NOT EXISTS (SELECT 1 FROM tree_entries d JOIN objects od ON od.sha = d.entry_sha
                      WHERE d.tree_sha IN (c.bt, c.tt) AND d.name = 'definition'
                        AND (od.content LIKE '% PARTITION BY %' OR od.content LIKE '% PARTITION OF %'))
),
pairs AS (
    SELECT g.schema_name, g.obj_key, g.name AS old_sub, n.name AS new_sub,
           count(*) OVER (PARTITION BY g.schema_name, g.obj_key, g.name) AS n_old,
           count(*) OVER (PARTITION BY n.schema_name, n.obj_key, n.name) AS n_new
    FROM one g
    JOIN one n ON n.schema_name = g.schema_name AND n.obj_key = g.obj_key AND NOT n.side
              AND split_part(n.name, ' ', 1) = split_part(g.name, ' ', 1)
    WHERE g.side
      AND _renamed_part(split_part(g.name, ' ', 1), g.content, g.schema_name,
                        substr(g.name, strpos(g.name, ' ') + 1), substr(n.name, strpos(n.name, ' ') + 1)) = n.content
)
SELECT 'part', p.schema_name, _key_name(p.obj_key), p.old_sub, p.schema_name, _key_name(p.obj_key), p.new_sub
FROM pairs p
WHERE p.n_old = 1 AND p.n_new = 1
  -- the new name free in the schema on both sides of the table renames: no part and no
  -- relation of the schema holds it (indexes share the relations' namespace)
  AND NOT EXISTS (
      SELECT 1 FROM _tree_objects(p_src) o
      WHERE o.schema_name = p.schema_name
        AND (_key_name(o.obj_key) = substr(p.new_sub, strpos(p.new_sub, ' ') + 1)
             OR EXISTS (SELECT 1 FROM tree_entries e WHERE e.tree_sha = o.obj_tree
                          AND e.name IN ('index ' || substr(p.new_sub, strpos(p.new_sub, ' ') + 1),
                                         'constraint ' || substr(p.new_sub, strpos(p.new_sub, ' ') + 1)))))
  AND NOT EXISTS (
      SELECT 1 FROM _tree_objects(p_base) o
      WHERE o.schema_name = p.schema_name AND o.obj_key <> p.obj_key
        AND (_key_name(o.obj_key) = substr(p.new_sub, strpos(p.new_sub, ' ') + 1)
             OR EXISTS (SELECT 1 FROM tree_entries e WHERE e.tree_sha = o.obj_tree
                          AND e.name IN ('index ' || substr(p.new_sub, strpos(p.new_sub, ' ') + 1),
                                         'constraint ' || substr(p.new_sub, strpos(p.new_sub, ' ') + 1)))))
$$;
COMMENT ON FUNCTION pggit_v0._part_renames(text, text, text) IS
    'Indexes and constraints renamed between a renamed source tree and a target (same text but the name), as _rename rows of kind part';

-- Tree p_tree as the renames p_renames (rows of _renames) would leave it:
-- each renamed table's blobs under its new name and key, renamed columns' blobs under
-- their new sub-keys, and the old names rewritten inside the renamed tables' own blobs
-- and inside other tables' and sequences' blobs that name them (partitions, children,
-- foreign keys, OWNED BY); sequences owned by a table moved to another schema move
-- with it, as SET SCHEMA does; routines taking a renamed table's row type get the new
-- name in their key and signature.  Other objects are kept as they are.  Returns the root sha.
-- With the owner's rights (readers' generate_migration stores this derived tree): it
-- only rewrites names, quoted, inside blobs already stored; no commit points at it.
CREATE OR REPLACE FUNCTION pggit_v0._renamed_tree(p_tree text, p_renames jsonb) RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_root text;
    v_dups text;
BEGIN
    -- Only for a role that may write history (Z3): with the owner's rights this stores
    -- objects and trees, and the rows of p_renames are the caller's (kind 'part': a new
    -- name of its choosing, 'then_blob': any stored blob in any slot); a reader calling it
    -- directly wrote unbounded, undeletable rows.  A reader's generate_migration across
    -- renames is refused with this message (a developer's, or the owner's, works).
    IF NOT has_function_privilege(_caller(), 'pggit_v0._ref_update(text, text, text, text, text)', 'EXECUTE') THEN
        RAISE EXCEPTION 'a migration across renames stores the renamed tree it starts from, which role % may not do (it may not write pgGit history)', _caller()
              USING ERRCODE = '42501',
                    HINT = format('Ask a role with developer access to generate it, or as the owner of schema pggit_v0: SELECT pggit_v0.grant_access(%L);', _caller());
    END IF;
    -- S11 (sec10): a developer's direct calls stored rows holding its own text (a new
    -- index name of 2,560 characters: 4.4 MB for 200 calls, undeletable).  The new
    -- names the rows bring are identifiers (or enum labels), at most NAMEDATALEN - 1
    -- bytes, quoted at most twice that; longer is no rename the engine derived: refused,
    -- so a call stores no more than a commit of such a rename would
    -- ('then_blob', 'then_default': new_table/new_column are a stored blob's sha and a
    -- ddl_log id, looked up, never stored as text).
    IF EXISTS (SELECT 1 FROM jsonb_populate_recordset(NULL::_rename, p_renames) r
               WHERE octet_length(r.new_schema) > 130
                  OR r.kind NOT IN ('then_blob', 'then_default')
                     AND (octet_length(substr(r.new_table, strpos(r.new_table, ' ') + 1)) > 130
                          OR octet_length(substr(r.new_column, strpos(r.new_column, ' ') + 1)) > 130)) THEN
        RAISE EXCEPTION 'a rename row names a new name longer than an identifier'
              USING ERRCODE = '42622';
    END IF;
    -- T5-5 (sec11): nor more rows than a commit's renames (one developer call of 20,000
    -- 'part' rows renaming one index stored 20,005 objects): the engine derives at most
    -- one 'part' row per index or constraint (_part_renames: n_old = 1) and one
    -- 'then_blob'/'then_default' row per sub-key (_added_as_then); more is refused.
    IF EXISTS (SELECT 1 FROM jsonb_populate_recordset(NULL::_rename, p_renames) r
               WHERE r.kind IN ('part', 'then_blob', 'then_default')
               GROUP BY r.kind = 'part', r.old_schema, r.old_table, r.old_column
               HAVING count(*) > 1) THEN
        RAISE EXCEPTION 'rename rows name the same index, constraint or column more than once'
              USING ERRCODE = '22023';
    END IF;
    -- rows of kind 'then_blob' (_added_as_then): blobs of p_tree replaced by other stored
    -- blobs (old_column: the sub-key, new_column: the stored blob's sha); 'then_default':
    -- by a stored column blob (new_table) with the default a logged ADD COLUMN gave it
    -- (new_column: the ddl_log id); rows of kind
    -- 'part' (_part_renames): an index or constraint of a table, and its comment, under
    -- the new name (_renamed_part); nothing else
    IF EXISTS (SELECT 1 FROM jsonb_populate_recordset(NULL::_rename, p_renames) r
               WHERE r.kind IN ('then_blob', 'then_default', 'part')) THEN
        WITH rr AS (SELECT * FROM jsonb_populate_recordset(NULL::_rename, p_renames)),
        tobj AS MATERIALIZED (SELECT o.* FROM _tree_objects(p_tree) o),
        -- (a column blob taken from a commit where the column had another name, P6: under
        -- the sub-key's name)
        th AS (SELECT r.old_schema AS schema_name, r.old_table AS obj_key, r.old_column AS sub_key,
                      r.old_column AS new_sub,
                      CASE WHEN r.old_column LIKE 'column %' THEN _col_named(o.content, substr(r.old_column, 8))
                           ELSE o.content END AS content,
                      r.old_column LIKE 'column %' AS plain_then
               FROM rr r JOIN objects o ON o.sha = r.new_column AND o.type = 'blob'
               WHERE r.kind = 'then_blob'
               UNION ALL   -- 'then_default': a stored column blob (new_table) given the
                           -- default a logged ADD COLUMN (new_column: its ddl_log id) gave
                           -- the column (_added_default, _with_default): derived from what
                           -- is stored and logged only, never from text the caller brings
               -- (the statement names the column and its table as they were then: the
               -- blob's name and the logged table)
               SELECT r.old_schema, r.old_table, r.old_column, r.old_column,
                      _with_default(_col_named(o.content, substr(r.old_column, 8)),
                                    _added_default(l.statement, (parse_ident((_col_parts(o.content)).name))[1],
                                                   (parse_ident(l.object_identity))[1], (parse_ident(l.object_identity))[2])), false
               FROM rr r JOIN objects o ON o.sha = r.new_table AND o.type = 'blob'
               JOIN ddl_log l ON l.id::text = r.new_column
               WHERE r.kind = 'then_default' AND r.old_column LIKE 'column %'
                 -- (only for a caller who may read statements: this function runs with the
                 -- owner's rights, and a reader without them read DEFAULT clauses of
                 -- other roles' statements through it, S4)
                 AND has_column_privilege(CASE WHEN current_setting('role') = 'none' THEN session_user::text
                                               ELSE current_setting('role') END,
                                          'pggit_v0.ddl_log', 'statement', 'SELECT')
               UNION ALL
               SELECT r.old_schema, 'table ' || r.old_table, e.name, k.kind || ' ' || substr(r.new_column, strpos(r.new_column, ' ') + 1),
                      _renamed_part(k.kind, o.content, r.old_schema, substr(r.old_column, strpos(r.old_column, ' ') + 1),
                                    substr(r.new_column, strpos(r.new_column, ' ') + 1)), false
               FROM rr r
               JOIN tobj t ON t.schema_name = r.old_schema AND t.obj_key = 'table ' || r.old_table
               CROSS JOIN LATERAL (VALUES (split_part(r.old_column, ' ', 1)),
                                          (split_part(r.old_column, ' ', 1) || '_comment')) k(kind)
               JOIN tree_entries e ON e.tree_sha = t.obj_tree
                                  AND e.name = k.kind || ' ' || substr(r.old_column, strpos(r.old_column, ' ') + 1)
               JOIN objects o ON o.sha = e.entry_sha
               WHERE r.kind = 'part'),
        -- (the enum labels renamed since, in its default: kind 'then_label', T3)
        thl AS (SELECT t.schema_name, t.obj_key, t.sub_key, t.new_sub, t.plain_then,
                       _col_relabeled(t.content,
                                      (SELECT jsonb_agg(jsonb_build_object('t', r.new_schema, 'o', r.new_table,
                                                                           'n', r.new_column))
                                       FROM rr r WHERE r.kind = 'then_label' AND r.old_schema = t.schema_name
                                         AND r.old_table = t.obj_key AND r.old_column = t.sub_key)) AS content
                FROM th t),
        fresh AS (
            -- (a column's first blob that gives its rows nothing, no default, generation
            -- or identity, is taken with the target's type: what reads the column, foreign
            -- keys, indexes, checks, views, is made for that type, P2c, P2d)
            SELECT o.schema_name, o.bucket, o.obj_key, coalesce(t.new_sub, b.sub_key) AS sub_key,
                   coalesce(CASE WHEN t.plain_then THEN coalesce(_col_typed_as(t.content, b.content), t.content)
                                 ELSE t.content END, b.content) AS content
            FROM tobj o JOIN _object_tree_blobs(ARRAY(SELECT t.obj_tree FROM tobj t
                                                      WHERE EXISTS (SELECT 1 FROM th WHERE th.schema_name = t.schema_name
                                                                      AND th.obj_key = t.obj_key))) b
                 ON b.obj_tree = o.obj_tree
            LEFT JOIN thl t ON t.schema_name = o.schema_name AND t.obj_key = o.obj_key AND t.sub_key = b.sub_key
            UNION ALL   -- (their recorded dependencies, as they are)
            SELECT o.schema_name, o.bucket, o.obj_key, e.name, ob.content
            FROM tobj o JOIN tree_entries e ON e.tree_sha = o.obj_tree AND e.name = 'depends'
            JOIN objects ob ON ob.sha = e.entry_sha
            WHERE EXISTS (SELECT 1 FROM th WHERE th.schema_name = o.schema_name AND th.obj_key = o.obj_key)
        ),
        kept AS (
            SELECT o.* FROM tobj o
            WHERE NOT EXISTS (SELECT 1 FROM th WHERE th.schema_name = o.schema_name AND th.obj_key = o.obj_key)
        )
        SELECT w.root_sha INTO v_root
        FROM (SELECT array_agg(f.schema_name) AS ss, array_agg(f.bucket) AS bs, array_agg(f.obj_key) AS ks,
                     array_agg(f.sub_key) AS subs, array_agg(f.content) AS defs FROM fresh f) a,
             (SELECT array_agg(k.schema_name) AS ss, array_agg(k.bucket) AS bs, array_agg(k.obj_key) AS ks,
                     array_agg(k.obj_tree) AS ts FROM kept k) b
        CROSS JOIN LATERAL _write_tree_rows(a.ss, a.bs, a.ks, a.subs, a.defs, b.ss, b.bs, b.ks, b.ts) w
        WHERE a.ss IS NOT NULL;
        RETURN v_root;
    END IF;
    WITH RECURSIVE ren AS (SELECT * FROM jsonb_populate_recordset(NULL::_rename, p_renames)),
    obj AS MATERIALIZED (SELECT * FROM _tree_objects(p_tree)),
    -- the blobs that can name another table or sequence: definitions (partitions,
    -- children), constraints (foreign keys), OWNED BY, and column defaults (nextval) when
    -- a sequence is renamed or may move with its table; read in one pass
    cand AS MATERIALIZED (
        SELECT o.schema_name, o.obj_key, e.name AS sub_key, ob.content
        FROM obj o JOIN tree_entries e ON e.tree_sha = o.obj_tree JOIN objects ob ON ob.sha = e.entry_sha
        WHERE _key_kind(o.obj_key) IN ('table', 'sequence')
          AND (e.name IN ('definition', 'owned_by') OR e.name LIKE 'constraint %'
               OR (e.name LIKE 'column %'
                   AND EXISTS (SELECT 1 FROM ren r WHERE r.kind = 'sequence' OR r.old_schema <> r.new_schema)))
    ),
    -- a column renamed on a partitioned table or a parent is renamed on its partitions
    -- and children too (ALTER TABLE ... RENAME COLUMN recurses), which the log records on
    -- the parent only: their blobs follow as well (E2, E3: a partition's index read the
    -- old name, so it was made again, or renamed to a name neither side has)
    kids(kind, old_schema, old_table, old_column, new_schema, new_table, new_column) AS (
        SELECT r.kind, r.old_schema, r.old_table, r.old_column, r.new_schema, r.new_table, r.new_column
        FROM ren r WHERE r.kind = 'column'
      UNION
        SELECT 'column', b.schema_name, _key_name(b.obj_key), k.old_column,
               coalesce(t.new_schema, b.schema_name), coalesce(t.new_table, _key_name(b.obj_key)), k.new_column
        FROM kids k
        JOIN cand b ON b.sub_key = 'definition' AND _key_kind(b.obj_key) = 'table'
                   AND (strpos(b.content, ' PARTITION OF ' || format('%I.%I', k.old_schema, k.old_table) || ' ') > 0
                        OR format('%I.%I', k.old_schema, k.old_table) = ANY (_inherits(b.content)))
        LEFT JOIN ren t ON t.kind = 'table' AND t.old_schema = b.schema_name AND t.old_table = _key_name(b.obj_key)
    ),
    ren2 AS (SELECT * FROM ren r WHERE r.kind <> 'column' UNION ALL SELECT * FROM kids),
    tabs AS (   -- every renamed table or table with renamed or displaced columns: old and new names
        SELECT DISTINCT r.old_schema, r.old_table, r.new_schema, r.new_table,
               format('%I.%I', r.old_schema, r.old_table) AS old_q, format('%I.%I', r.new_schema, r.new_table) AS new_q
        FROM ren2 r WHERE r.kind IN ('table', 'column')
        UNION   -- (a table whose only change is a column dropped first: under its own name)
        SELECT r.old_schema, r.old_table, r.old_schema, r.old_table,
               format('%I.%I', r.old_schema, r.old_table), format('%I.%I', r.old_schema, r.old_table)
        FROM ren2 r WHERE r.kind = 'displaced'
          AND NOT EXISTS (SELECT 1 FROM ren2 r2 WHERE r2.kind IN ('table', 'column')
                            AND r2.old_schema = r.old_schema AND r2.old_table = r.old_table)
    ),
    colmap AS (
        SELECT r.old_schema, r.old_table, array_agg(r.old_column ORDER BY r.old_column) AS olds,
               array_agg(r.new_column ORDER BY r.old_column) AS news
        FROM ren2 r WHERE r.kind = 'column' GROUP BY r.old_schema, r.old_table
    ),
    -- columns dropped before a renamed one takes their name (kind 'displaced')
    gone AS (
        SELECT r.old_schema, r.old_table, array_agg(r.old_column) AS cols
        FROM ren r WHERE r.kind = 'displaced' GROUP BY r.old_schema, r.old_table
    ),
    seqs AS MATERIALIZED (   -- sequences owned by a table moved to another schema move with it
        SELECT b.schema_name, b.obj_key, tb.new_schema,
               format('%I.%I', b.schema_name, _key_name(b.obj_key)) AS old_q,
               format('%I.%I', tb.new_schema, _key_name(b.obj_key)) AS new_q
        FROM cand b JOIN tabs tb ON tb.old_schema <> tb.new_schema AND b.schema_name = tb.old_schema
        WHERE _key_kind(b.obj_key) = 'sequence' AND b.sub_key = 'owned_by'
          AND strpos(b.content, ' OWNED BY ' || tb.old_q || '.') > 0
          AND NOT EXISTS (SELECT 1 FROM ren r WHERE r.kind = 'sequence' AND r.old_schema = b.schema_name
                            AND 'sequence ' || r.old_table = b.obj_key)
        UNION ALL   -- renamed or moved sequences
        SELECT r.old_schema, 'sequence ' || r.old_table, r.new_schema,
               format('%I.%I', r.old_schema, r.old_table), format('%I.%I', r.new_schema, r.new_table)
        FROM ren r WHERE r.kind = 'sequence'
    ),
    -- tables dropped before a renamed one takes their name (kind 'displaced_table'), and
    -- the sequences they own (dropped with them)
    ousted AS (
        SELECT r.old_schema AS schema_name, 'table ' || r.old_table AS obj_key
        FROM ren r WHERE r.kind IN ('displaced_table', 'dropped_table')
        UNION ALL
        SELECT r.old_schema, r.old_column || ' ' || r.old_table
        FROM ren r WHERE r.kind = 'displaced_view'
        UNION ALL
        SELECT b.schema_name, b.obj_key FROM cand b JOIN ren r ON r.kind IN ('displaced_table', 'dropped_table')
        WHERE _key_kind(b.obj_key) = 'sequence' AND b.sub_key = 'owned_by'
          AND strpos(b.content, ' OWNED BY ' || format('%I.%I', r.old_schema, r.old_table) || '.') > 0
    ),
    qmap AS (   -- qualified names to replace
        SELECT array_agg(q.old_q) AS olds, array_agg(q.new_q) AS news
        FROM (SELECT tb.old_q, tb.new_q FROM tabs tb UNION ALL SELECT sq.old_q, sq.new_q FROM seqs sq) q
    ),
    touched AS (   -- other tables and sequences with a blob naming a renamed table or sequence
        SELECT DISTINCT b.schema_name, b.obj_key FROM cand b CROSS JOIN qmap qm
        WHERE EXISTS (SELECT 1 FROM unnest(qm.olds) q WHERE strpos(b.content, q) > 0)
          AND NOT EXISTS (SELECT 1 FROM tabs tb WHERE b.schema_name = tb.old_schema AND b.obj_key = 'table ' || tb.old_table)
          AND NOT EXISTS (SELECT 1 FROM seqs sq WHERE b.schema_name = sq.schema_name AND b.obj_key = sq.obj_key)
          AND NOT EXISTS (SELECT 1 FROM ousted x WHERE x.schema_name = b.schema_name AND x.obj_key = b.obj_key)
    ),
    -- routines whose arguments name a renamed table (its row type): PostgreSQL renames
    -- the type in their signature, so their key and the blobs naming the signature follow
    -- (a body is text: left as written)
    routs AS MATERIALIZED (
        SELECT o.schema_name, o.obj_key, o.bucket, o.obj_tree, _rename_qnames(o.obj_key, qm.olds, qm.news) AS new_key
        FROM obj o CROSS JOIN qmap qm
        WHERE _key_kind(o.obj_key) IN ('function', 'procedure', 'aggregate')
          AND EXISTS (SELECT 1 FROM unnest(qm.olds) q WHERE strpos(o.obj_key, q) > 0)
    ),
    routines AS (
        SELECT r.schema_name, r.new_key AS obj_key, r.bucket, b.sub_key,
               CASE WHEN b.sub_key = 'definition'
                    THEN _rename_qnames(_routine_signature(b.content), qm.olds, qm.news)
                         || substr(b.content, length(_routine_signature(b.content)) + 1)
                    ELSE _rename_qnames(b.content, qm.olds, qm.news) END AS content
        FROM routs r CROSS JOIN qmap qm JOIN _object_tree_blobs(ARRAY(SELECT r2.obj_tree FROM routs r2)) b
             ON b.obj_tree = r.obj_tree
        UNION ALL   -- (the recorded dependencies, which _object_tree_blobs leaves out, as they are)
        SELECT r.schema_name, r.new_key, r.bucket, e.name, o.content
        FROM routs r JOIN tree_entries e ON e.tree_sha = r.obj_tree AND e.name = 'depends'
        JOIN objects o ON o.sha = e.entry_sha
    ),
    -- policies and rules reading another table that is renamed or has renamed columns
    -- (by the dependencies p_tree recorded): like the readers below, PostgreSQL makes
    -- them follow the rename, which their recorded text cannot say (A15 for table parts)
    partmarks AS MATERIALIZED (
        SELECT DISTINCT o.schema_name, o.obj_key, d.part AS sub_key
        FROM _tree_deps(ARRAY(
                 SELECT e.tree_sha
                 FROM (SELECT DISTINCT r.old_schema, r.old_table FROM ren2 r WHERE r.kind IN ('table', 'column')) rt
                 JOIN dep_refs x ON x.ref_schema = rt.old_schema AND x.ref_key = 'table ' || rt.old_table
                 JOIN tree_entries e ON e.entry_sha = x.blob_sha AND e.name = 'depends')) d
        JOIN obj o ON o.obj_tree = d.obj_tree
        WHERE split_part(d.part, ' ', 1) IN ('policy', 'rule')
          AND NOT (d.ref_schema = o.schema_name AND d.ref_key = o.obj_key)   -- (its own table's: renamed in place)
          AND EXISTS (SELECT 1 FROM ren2 r WHERE r.kind IN ('table', 'column')
                        AND d.ref_schema = r.old_schema AND d.ref_key = 'table ' || r.old_table)
    ),
    blobs AS MATERIALIZED (   -- every blob of the objects rebuilt: renamed, moved, touched or
                              -- with a policy or rule marked (made again)
        SELECT o.schema_name, o.obj_key, o.bucket, b.sub_key,
               CASE WHEN EXISTS (SELECT 1 FROM partmarks pm WHERE pm.schema_name = o.schema_name
                                   AND pm.obj_key = o.obj_key AND pm.sub_key = b.sub_key)
                    THEN b.content || E'\n-- (reads an object renamed: made again)' ELSE b.content END AS content
        FROM obj o JOIN _object_tree_blobs(ARRAY(
                 SELECT o2.obj_tree FROM obj o2
                 WHERE EXISTS (SELECT 1 FROM tabs tb WHERE o2.schema_name = tb.old_schema AND o2.obj_key = 'table ' || tb.old_table)
                    OR EXISTS (SELECT 1 FROM seqs sq WHERE o2.schema_name = sq.schema_name AND o2.obj_key = sq.obj_key)
                    OR EXISTS (SELECT 1 FROM touched t WHERE o2.schema_name = t.schema_name AND o2.obj_key = t.obj_key)
                    OR EXISTS (SELECT 1 FROM partmarks pm WHERE o2.schema_name = pm.schema_name AND o2.obj_key = pm.obj_key)))
             b ON b.obj_tree = o.obj_tree   -- object trees name their object: one each
    ),
    -- the tables only a marked policy or rule puts among the rebuilt: their blobs as
    -- they are, the marks aside, and their recorded dependencies
    partreaders AS (
        SELECT b.schema_name, b.obj_key, b.bucket, b.sub_key, b.content
        FROM blobs b
        WHERE EXISTS (SELECT 1 FROM partmarks pm WHERE pm.schema_name = b.schema_name AND pm.obj_key = b.obj_key)
          AND NOT EXISTS (SELECT 1 FROM tabs tb WHERE b.schema_name = tb.old_schema AND b.obj_key = 'table ' || tb.old_table)
          AND NOT EXISTS (SELECT 1 FROM touched t WHERE t.schema_name = b.schema_name AND t.obj_key = b.obj_key)
          AND NOT EXISTS (SELECT 1 FROM ousted x WHERE x.schema_name = b.schema_name AND x.obj_key = b.obj_key)
        UNION ALL
        SELECT o.schema_name, o.obj_key, o.bucket, e.name, ob.content
        FROM (SELECT DISTINCT pm.schema_name, pm.obj_key FROM partmarks pm) pm
        JOIN obj o ON o.schema_name = pm.schema_name AND o.obj_key = pm.obj_key
        JOIN tree_entries e ON e.tree_sha = o.obj_tree AND e.name = 'depends'
        JOIN objects ob ON ob.sha = e.entry_sha
        WHERE NOT EXISTS (SELECT 1 FROM tabs tb WHERE o.schema_name = tb.old_schema AND o.obj_key = 'table ' || tb.old_table)
          AND NOT EXISTS (SELECT 1 FROM touched t WHERE t.schema_name = o.schema_name AND t.obj_key = o.obj_key)
          AND NOT EXISTS (SELECT 1 FROM ousted x WHERE x.schema_name = o.schema_name AND x.obj_key = o.obj_key)
    ),
    own AS (   -- the renamed tables' own blobs
        SELECT tb.new_schema AS schema_name, 'table ' || tb.new_table AS obj_key,
               _bucket(tb.new_schema, tb.new_table) AS bucket,
               CASE WHEN b.sub_key ~ '^column(_[a-z]+)? ' AND cm.olds IS NOT NULL
                         AND substr(b.sub_key, strpos(b.sub_key, ' ') + 1) = ANY (cm.olds)
                    THEN split_part(b.sub_key, ' ', 1) || ' '
                         || cm.news[array_position(cm.olds, substr(b.sub_key, strpos(b.sub_key, ' ') + 1))]
                    ELSE b.sub_key END AS sub_key,
               CASE WHEN b.sub_key = 'columns' THEN   -- raw names, one per line
                        (SELECT string_agg(coalesce(cm.news[array_position(cm.olds, l)], l), E'\n' ORDER BY n)
                         FROM unnest(string_to_array(b.content, E'\n')) WITH ORDINALITY AS u(l, n)
                         WHERE NOT l = ANY (coalesce(g.cols, '{}')))
                    -- an identity column whose table or name changes keeps its sequence's
                    -- name, which is no longer the one PostgreSQL would give it: named
                    WHEN b.sub_key LIKE 'column %' AND strpos(b.content, ' AS IDENTITY') > 0
                         AND strpos(b.content, ' (SEQUENCE NAME ') = 0
                         AND _clone_index_name(tb.old_table, substr(b.sub_key, 8), 'seq')
                             <> _clone_index_name(tb.new_table, coalesce(cm.news[array_position(cm.olds, substr(b.sub_key, 8))],
                                                                         substr(b.sub_key, 8)), 'seq')
                    THEN (SELECT CASE WHEN strpos(c.c, ' AS IDENTITY (') > 0
                                      THEN replace(c.c, ' AS IDENTITY (', ' AS IDENTITY (' || c.n || ' ')
                                      ELSE replace(c.c, ' AS IDENTITY', ' AS IDENTITY (' || c.n || ')') END
                          FROM (SELECT _rename_idents(b.content, cm.olds, cm.news) AS c,
                                       format('SEQUENCE NAME %I.%I', tb.new_schema,
                                              _clone_index_name(tb.old_table, substr(b.sub_key, 8), 'seq')) AS n) c)
                    -- (the table's own qualified name kept out of the column renames: a
                    -- column named like the table)
                    ELSE _rename_qnames(replace(_rename_idents(replace(b.content, tb.old_q, chr(1)), cm.olds, cm.news),
                                                chr(1), tb.old_q), qm.olds, qm.news) END AS content
        FROM tabs tb CROSS JOIN qmap qm
        JOIN blobs b ON b.schema_name = tb.old_schema AND b.obj_key = 'table ' || tb.old_table
        LEFT JOIN colmap cm ON cm.old_schema = tb.old_schema AND cm.old_table = tb.old_table
        LEFT JOIN gone g ON g.old_schema = tb.old_schema AND g.old_table = tb.old_table
        -- (a displaced column's own blobs go with it, and so do the parts using it, with
        -- their comments)
        WHERE NOT (b.sub_key ~ '^column(_[a-z]+)? ' AND substr(b.sub_key, strpos(b.sub_key, ' ') + 1) = ANY (coalesce(g.cols, '{}')))
          AND NOT EXISTS (SELECT 1 FROM ren dp
                          WHERE dp.kind = 'displaced_part' AND dp.old_schema = tb.old_schema AND dp.old_table = tb.old_table
                            AND regexp_replace(b.sub_key, '^(index|constraint|trigger|policy|rule)_comment ', '\1 ') = dp.old_column)
    ),
    moved AS (   -- the moved or renamed sequences' blobs, under the new name
        SELECT sq.new_schema AS schema_name, 'sequence ' || (parse_ident(sq.new_q))[2] AS obj_key,
               _bucket(sq.new_schema, (parse_ident(sq.new_q))[2]) AS bucket,
               b.sub_key, _rename_qnames(_rename_refs(b.content, p_renames), ARRAY[sq.old_q], ARRAY[sq.new_q]) AS content
        FROM seqs sq JOIN blobs b ON b.schema_name = sq.schema_name AND b.obj_key = sq.obj_key
    ),
    rewritten AS (   -- every blob of those objects, the names rewritten
        SELECT b.schema_name, b.obj_key, b.bucket, b.sub_key,
               _rename_qnames(_rename_refs(b.content, p_renames), qm.olds, qm.news) AS content
        FROM touched t CROSS JOIN qmap qm JOIN blobs b ON b.schema_name = t.schema_name AND b.obj_key = t.obj_key
    ),
    -- views, materialized views and routines with SQL-standard bodies reading a renamed
    -- table or a table with renamed columns (by the dependencies p_tree recorded):
    -- PostgreSQL makes them follow the rename, which their recorded text cannot say, so
    -- their definition is marked here and the migration makes them again from the
    -- target's text (their text may be the same at both ends while the live one follows
    -- the rename: A14, A15)
    readers AS MATERIALIZED (
        SELECT DISTINCT o.schema_name, o.obj_key, o.bucket, o.obj_tree
        FROM (SELECT DISTINCT r.old_schema, r.old_table FROM ren2 r WHERE r.kind IN ('table', 'column')) rt
        JOIN dep_refs x ON x.ref_schema = rt.old_schema AND x.ref_key = 'table ' || rt.old_table
        JOIN tree_entries e ON e.entry_sha = x.blob_sha AND e.name = 'depends'
        JOIN obj o ON o.obj_tree = e.tree_sha
        WHERE _key_kind(o.obj_key) IN ('view', 'materialized_view', 'function', 'procedure', 'statistics')
          AND NOT EXISTS (SELECT 1 FROM routs rr WHERE rr.schema_name = o.schema_name AND rr.obj_key = o.obj_key)
          AND NOT EXISTS (SELECT 1 FROM ousted x WHERE x.schema_name = o.schema_name AND x.obj_key = o.obj_key)
    ),
    marked AS (
        SELECT t.schema_name, t.obj_key, t.bucket, b.sub_key,
               CASE WHEN b.sub_key = 'definition' THEN b.content || E'\n-- (reads an object renamed: made again)'
                    ELSE b.content END AS content
        FROM readers t JOIN _object_tree_blobs(ARRAY(SELECT t2.obj_tree FROM readers t2)) b ON b.obj_tree = t.obj_tree
        UNION ALL
        SELECT t.schema_name, t.obj_key, t.bucket, e.name, o.content
        FROM readers t JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name = 'depends'
        JOIN objects o ON o.sha = e.entry_sha
    ),
    -- enums with labels renamed (kind 'enum_label'): the labels as renamed, in place
    relabeled AS MATERIALIZED (
        SELECT o.schema_name, o.obj_key, o.bucket, o.obj_tree, l.olds, l.news
        FROM (SELECT r.old_schema, r.old_table, array_agg(r.old_column) AS olds, array_agg(r.new_column) AS news
              FROM ren r WHERE r.kind = 'enum_label' GROUP BY r.old_schema, r.old_table) l
        JOIN obj o ON o.schema_name = l.old_schema AND o.obj_key = 'type ' || l.old_table
    ),
    enums AS (
        SELECT t.schema_name, t.obj_key, t.bucket, b.sub_key,
               CASE WHEN b.sub_key = 'definition'
                    THEN substring(b.content FROM '^(.* AS ENUM \()')
                         || (SELECT string_agg(quote_literal(coalesce(t.news[array_position(t.olds, u.l)], u.l)), ', ' ORDER BY u.i)
                             FROM unnest(_enum_labels(b.content)) WITH ORDINALITY AS u(l, i)) || ');'
                    ELSE b.content END AS content
        FROM relabeled t JOIN _object_tree_blobs(ARRAY(SELECT t2.obj_tree FROM relabeled t2)) b ON b.obj_tree = t.obj_tree
        UNION ALL   -- (the recorded dependencies, as they are)
        SELECT t.schema_name, t.obj_key, t.bucket, e.name, o.content
        FROM relabeled t JOIN tree_entries e ON e.tree_sha = t.obj_tree AND e.name = 'depends'
        JOIN objects o ON o.sha = e.entry_sha
    ),
    fresh AS (
        SELECT x.schema_name, x.bucket, x.obj_key, x.sub_key, x.content FROM enums x
        UNION ALL
        SELECT x.schema_name, x.bucket, x.obj_key, x.sub_key, x.content FROM marked x
        UNION ALL
        SELECT x.schema_name, x.bucket, x.obj_key, x.sub_key, x.content FROM own x
        UNION ALL
        SELECT x.schema_name, x.bucket, x.obj_key, x.sub_key, x.content FROM moved x
        UNION ALL
        SELECT x.schema_name, x.bucket, x.obj_key, x.sub_key, x.content FROM rewritten x
        UNION ALL
        SELECT x.schema_name, x.bucket, x.obj_key, x.sub_key, x.content FROM routines x
        UNION ALL
        SELECT x.schema_name, x.bucket, x.obj_key, x.sub_key, x.content FROM partreaders x
    ),
    kept AS (
        SELECT o.* FROM obj o
        WHERE NOT EXISTS (SELECT 1 FROM tabs tb WHERE o.schema_name = tb.old_schema AND o.obj_key = 'table ' || tb.old_table)
          AND NOT EXISTS (SELECT 1 FROM seqs sq WHERE o.schema_name = sq.schema_name AND o.obj_key = sq.obj_key)
          AND NOT EXISTS (SELECT 1 FROM touched t WHERE t.schema_name = o.schema_name AND t.obj_key = o.obj_key)
          AND NOT EXISTS (SELECT 1 FROM routs r WHERE r.schema_name = o.schema_name AND r.obj_key = o.obj_key)
          AND NOT EXISTS (SELECT 1 FROM ousted x WHERE x.schema_name = o.schema_name AND x.obj_key = o.obj_key)
          AND NOT EXISTS (SELECT 1 FROM relabeled x WHERE x.schema_name = o.schema_name AND x.obj_key = o.obj_key)
          AND NOT EXISTS (SELECT 1 FROM readers x WHERE x.schema_name = o.schema_name AND x.obj_key = o.obj_key)
          AND NOT EXISTS (SELECT 1 FROM partmarks x WHERE x.schema_name = o.schema_name AND x.obj_key = o.obj_key)
    ),
    -- two blobs under one path, or an object rebuilt under the name of one kept: renames
    -- that do not fit the trees.  Such a tree is never written (the store is append-only
    -- and checked: E9); the call fails instead
    dups AS (
        SELECT format('%s/%s/%s', f.schema_name, f.obj_key, f.sub_key) AS p
        FROM fresh f GROUP BY f.schema_name, f.obj_key, f.sub_key HAVING count(*) > 1
        UNION ALL
        SELECT format('%s/%s', k.schema_name, k.obj_key)
        FROM kept k JOIN (SELECT DISTINCT f.schema_name, f.obj_key FROM fresh f) f
             ON f.schema_name = k.schema_name AND f.obj_key = k.obj_key
    )
    SELECT w.root_sha, (SELECT string_agg(d.p, ', ' ORDER BY d.p) FROM dups d) INTO v_root, v_dups
    FROM (SELECT array_agg(f.schema_name) AS ss, array_agg(f.bucket) AS bs, array_agg(f.obj_key) AS ks,
                 array_agg(f.sub_key) AS subs, array_agg(f.content) AS defs FROM fresh f) a
    CROSS JOIN (SELECT array_agg(k.schema_name) AS ss, array_agg(k.bucket) AS bs, array_agg(k.obj_key) AS ks,
                       array_agg(k.obj_tree) AS ts FROM kept k) b
    LEFT JOIN LATERAL _write_tree_rows(a.ss, a.bs, a.ks, a.subs, a.defs, b.ss, b.bs, b.ks, b.ts) w
           ON NOT EXISTS (SELECT 1 FROM dups);
    IF v_dups IS NOT NULL THEN
        RAISE EXCEPTION 'the renames logged between these commits do not fit their trees: they would give two things one name (%)',
                        v_dups
              USING ERRCODE = 'XX000',
                    HINT = 'Nothing was written. This is a pgGit bug: please report it with the renames '
                           'in pggit_v0.ddl_log (renamed_from) of the commits in between.';
    END IF;
    RETURN v_root;
END
$$;

-- A blob of another table or sequence with the renames p_renames applied to
-- its references: renamed tables' qualified names, and renamed columns where a foreign
-- key lists them (REFERENCES t(c, ...)) or a sequence is owned by one (OWNED BY t.c).
CREATE OR REPLACE FUNCTION pggit_v0._rename_refs(p_content text, p_renames jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v   text := p_content;
    r   record;
    m   text[];
BEGIN
    FOR r IN SELECT format('%I.%I', x.old_schema, x.old_table) AS old_q, format('%I.%I', x.new_schema, x.new_table) AS new_q,
                    array_agg(x.old_column) FILTER (WHERE x.old_column IS NOT NULL) AS olds,
                    array_agg(x.new_column) FILTER (WHERE x.old_column IS NOT NULL) AS news
             FROM jsonb_populate_recordset(NULL::_rename, p_renames) x WHERE x.kind IN ('table', 'column')
             GROUP BY 1, 2 LOOP
        CONTINUE WHEN strpos(v, r.old_q) = 0;
        IF r.olds IS NOT NULL THEN
            m := regexp_match(v, '^(.* REFERENCES ' || _re_quote(r.old_q)
                                 || '\()([^)]*)(\).*)$');
            IF m IS NOT NULL THEN
                v := m[1] || _rename_idents(m[2], r.olds, r.news) || m[3];
            END IF;
            m := regexp_match(v, '^(ALTER SEQUENCE .* OWNED BY ' || _re_quote(r.old_q)
                                 || '\.)(.*)(;)$');
            IF m IS NOT NULL THEN
                v := m[1] || _rename_idents(m[2], r.olds, r.news) || m[3];
            END IF;
        END IF;
        v := _rename_qnames(v, ARRAY[r.old_q], ARRAY[r.new_q]);
    END LOOP;
    RETURN v;
END
$$;

COMMENT ON FUNCTION pggit_v0._renames(text, text) IS
    'Tables and columns renamed between two commits (from the capture log), where both trees agree';
COMMENT ON FUNCTION pggit_v0._renamed_tree(text, jsonb) IS
    'A tree with the renames applied (blobs moved and names rewritten), or with blobs replaced by stored ones (then_blob); returns its root sha';
COMMENT ON FUNCTION pggit_v0._rename_refs(text, jsonb) IS
    'A blob naming renamed tables or columns (partition, inheritance, foreign key, OWNED BY) rewritten to the new names';
