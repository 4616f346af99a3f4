-- Trees: the snapshot as a Merkle hierarchy, like git.
--   root tree      -> one entry per schema
--   schema tree    -> fan-out on the first hex digit of sha256(schema/bare name)
--   bucket tree    -> fan-out on the second hex digit
--   bucket tree    -> one entry per object, named "<kind> <name>"
--   object tree    -> one blob per sub-object, named by its sub_key ("definition",
--                     "column email", "constraint customers_pkey", ...)
-- A tree's content is its entries sorted by name (C collation), one per line:
--   "<blob|tree> <sha> <name>" with backslash and newline in names escaped.
-- Changing one table rewrites its object tree, two bucket trees, its schema tree and
-- the root, whatever the schema's size.

-- Escape a tree entry name for the canonical tree text.
CREATE OR REPLACE FUNCTION pggit_v0._esc(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT pg_catalog.replace(pg_catalog.replace(p_name, E'\\', E'\\\\'), E'\n', E'\\n') $$;

-- sha of the tree with no entries (an empty database).
CREATE OR REPLACE FUNCTION pggit_v0._empty_tree() RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT pggit_v0._sha('tree', '') $$;

-- Blobs staged as tree entries, bottom-up, without writing anything.  Input: one
-- array element per blob (schema, two-hex-digit bucket, "<kind> <name>" key, sub_key,
-- content).  One row per entry: the tree it belongs to (depth 0 = root ... 4 = object
-- tree), that tree's canonical content, the entry's name, type and sha, and for blobs
-- the content.  schema_name/obj_key say which schema and object the row belongs to.
-- p_keep_*: objects whose stored object trees are reused as they are, and
-- p_keep_bucket_*: second-level bucket trees reused as they are (an incremental commit
-- passes its parent's untouched buckets, and the unchanged objects of the buckets it
-- touches); only the trees above them are rebuilt.
DROP FUNCTION IF EXISTS pggit_v0._tree_rows(text[], text[], text[], text[], text[], text[], text[], text[], text[]);
CREATE OR REPLACE FUNCTION pggit_v0._tree_rows(p_schemas text[], p_buckets text[], p_keys text[],
                                              p_subs text[], p_defs text[],
                                              p_keep_schemas text[] DEFAULT NULL, p_keep_buckets text[] DEFAULT NULL,
                                              p_keep_keys text[] DEFAULT NULL, p_keep_trees text[] DEFAULT NULL,
                                              p_keep_bucket_schemas text[] DEFAULT NULL,
                                              p_keep_bucket_bks text[] DEFAULT NULL,
                                              p_keep_bucket_trees text[] DEFAULT NULL)
RETURNS TABLE (depth int, tree_sha text, tree_content text, entry_name text, entry_type text,
               entry_sha text, blob_content text, schema_name text, obj_key text)
LANGUAGE sql IMMUTABLE
-- (no SET clause: inlined into its callers, which pin search_path, and planned with their
-- statement once per session; with one, it was planned again at every commit)
AS $$
WITH s AS MATERIALIZED (
    SELECT u.schema_name, u.obj_key, u.sub_key, u.definition, pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to('blob' || E'\n' || u.definition, 'UTF8')), 'hex') AS sha, u.bk
    FROM unnest(p_schemas, p_buckets, p_keys, p_subs, p_defs) AS u(schema_name, bk, obj_key, sub_key, definition)
),
t4 AS MATERIALIZED (      -- object trees
    SELECT schema_name, bk, obj_key,
           string_agg('blob ' || sha || ' ' || pggit_v0._esc(sub_key), E'\n' ORDER BY sub_key COLLATE "C") AS content
    FROM s GROUP BY schema_name, bk, obj_key
),
t4s AS MATERIALIZED (
    SELECT t4.*, pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to('tree' || E'\n' || t4.content, 'UTF8')), 'hex') AS sha, true AS fresh FROM t4
    UNION ALL
    SELECT k.schema_name, k.bk, k.obj_key, NULL, k.sha, false
    FROM unnest(p_keep_schemas, p_keep_buckets, p_keep_keys, p_keep_trees) AS k(schema_name, bk, obj_key, sha)
),
t3 AS MATERIALIZED (      -- second-level buckets: objects
    SELECT schema_name, bk,
           string_agg('tree ' || sha || ' ' || pggit_v0._esc(obj_key), E'\n' ORDER BY obj_key COLLATE "C") AS content
    FROM t4s GROUP BY schema_name, bk
),
t3s AS MATERIALIZED (
    SELECT *, pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to('tree' || E'\n' || content, 'UTF8')), 'hex') AS sha FROM t3
    UNION ALL
    SELECT kb.schema_name, kb.bk, NULL, kb.sha
    FROM unnest(p_keep_bucket_schemas, p_keep_bucket_bks, p_keep_bucket_trees) AS kb(schema_name, bk, sha)
),
t2 AS MATERIALIZED (      -- first-level buckets: second hex digit
    SELECT schema_name, left(bk, 1) AS b1,
           string_agg('tree ' || sha || ' ' || right(bk, 1), E'\n' ORDER BY bk COLLATE "C") AS content
    FROM t3s GROUP BY schema_name, left(bk, 1)
),
t2s AS MATERIALIZED (SELECT *, pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to('tree' || E'\n' || content, 'UTF8')), 'hex') AS sha FROM t2),
t1 AS MATERIALIZED (      -- schema trees: first hex digit
    SELECT schema_name,
           string_agg('tree ' || sha || ' ' || b1, E'\n' ORDER BY b1 COLLATE "C") AS content
    FROM t2s GROUP BY schema_name
),
t1s AS MATERIALIZED (SELECT *, pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to('tree' || E'\n' || content, 'UTF8')), 'hex') AS sha FROM t1),
t0 AS MATERIALIZED (      -- root
    SELECT string_agg('tree ' || sha || ' ' || pggit_v0._esc(schema_name), E'\n' ORDER BY schema_name COLLATE "C") AS content
    FROM t1s
),
t0s AS MATERIALIZED (SELECT content, pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to('tree' || E'\n' || content, 'UTF8')), 'hex') AS sha FROM t0 WHERE content IS NOT NULL)
SELECT 4, t4s.sha, t4s.content, s.sub_key, 'blob', s.sha, s.definition, s.schema_name, s.obj_key
FROM s JOIN t4s ON t4s.fresh AND t4s.schema_name = s.schema_name AND t4s.bk = s.bk AND t4s.obj_key = s.obj_key
UNION ALL
SELECT 3, t3s.sha, t3s.content, t4s.obj_key, 'tree', t4s.sha, NULL, t4s.schema_name, t4s.obj_key
FROM t4s JOIN t3s USING (schema_name, bk)
UNION ALL
SELECT 2, t2s.sha, t2s.content, right(t3s.bk, 1), 'tree', t3s.sha, NULL, t3s.schema_name, NULL
FROM t3s JOIN t2s ON t2s.schema_name = t3s.schema_name AND t2s.b1 = left(t3s.bk, 1)
UNION ALL
SELECT 1, t1s.sha, t1s.content, t2s.b1, 'tree', t2s.sha, NULL, t2s.schema_name, NULL
FROM t2s JOIN t1s USING (schema_name)
UNION ALL
SELECT 0, t0s.sha, t0s.content, t1s.schema_name, 'tree', t1s.sha, NULL, t1s.schema_name, NULL
FROM t1s CROSS JOIN t0s
$$;
COMMENT ON FUNCTION pggit_v0._tree_rows(text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[]) IS
    'Blobs as Merkle tree entries (depth 0 root .. 4 object trees), computed without writing';

-- The fan-out bucket of an object: first two hex digits of sha256(schema/bare name).
-- STABLE, as convert_to is: declared IMMUTABLE over a STABLE call, it was never inlined
-- (a function call per use: 1,000 tables, 1,702 calls 4-5 ms, 18,905 calls 60 ms).
CREATE OR REPLACE FUNCTION pggit_v0._bucket(p_schema text, p_bare_name text) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$ SELECT pg_catalog.left(pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(p_schema || '/' || p_bare_name, 'UTF8')), 'hex'), 2) $$;

-- The live schema staged as tree entries (see _tree_rows).
CREATE OR REPLACE FUNCTION pggit_v0._stage()
RETURNS TABLE (depth int, tree_sha text, tree_content text, entry_name text, entry_type text,
               entry_sha text, blob_content text, schema_name text, obj_key text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
SELECT t.*
FROM (SELECT array_agg(sn.schema_name) AS ss, array_agg(_bucket(sn.schema_name, sn.bare_name)) AS bs,
             array_agg(sn.kind || ' ' || sn.name) AS ks, array_agg(sn.sub_key) AS subs, array_agg(sn.definition) AS defs
      FROM _snapshot() sn) a
CROSS JOIN LATERAL _tree_rows(a.ss, a.bs, a.ks, a.subs, a.defs) t
$$;
COMMENT ON FUNCTION pggit_v0._stage() IS
    'The live schema as Merkle tree entries (depth 0 root .. 4 object trees), computed without writing';

-- Write the live schema's trees and blobs into the store (only what is not there yet).
-- Returns the root tree sha and how many rows were written (objects + tree entries).
-- Every blob is hashed, but only the trees not stored yet are written, with their
-- entries and blobs: an unchanged object costs an index probe.  _write_tree_rows'
-- statement, written for the whole snapshot's rows as they come (no arrays: building
-- five arrays of 18,905 elements, a jsonb map of buckets and unnesting them again was
-- ~40 ms of a 1,000-table commit): each object's bucket is taken once per object, from
-- its grouped row, and the object trees are grouped from narrow rows (its blobs' sha
-- and sub-key): 18,905 blobs, 88 -> 74 ms; only the blobs of new object trees are joined
-- back by object.  (That join is a hash join whatever the data: its sides are CTEs over
-- _snapshot_whole_rows, estimated at 1,000 and 100 rows, never at one row, which made an
-- earlier join between CTEs a nested loop of 18,905 x 1,702 rows.)  Same trees, texts
-- and shas as _write_tree_rows gives for the same blobs
-- (tests/sql/test_commit_speed_full.py).
CREATE OR REPLACE FUNCTION pggit_v0._write_tree(OUT root_sha text, OUT rows_written int)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
BEGIN
    INSERT INTO objects (sha, type, size, content)
    VALUES (_empty_tree(), 'tree', 0, '') ON CONFLICT (sha) DO NOTHING;

    WITH s AS MATERIALIZED (   -- every blob (not _snapshot(): one copy of the rows fewer)
        SELECT sn.schema_name COLLATE "C" AS schema_name, (sn.kind || ' ' || sn.name) COLLATE "C" AS obj_key,
               sn.bare_name, sn.sub_key, sn.definition,
               encode(sha256(convert_to('blob' || E'\n' || sn.definition, 'UTF8')), 'hex') AS sha
        FROM _snapshot_whole_rows() sn
    ),
    -- object trees, and each object's bucket (_bucket written out).  An object with no
    -- "depends" row (it depends on nothing tracked) gets its empty one here, as
    -- _snapshot_names gives it: its line goes after the lines of the sub-keys before
    -- "depends" (lines hold no newline: _esc)
    t4 AS MATERIALIZED (
        SELECT t.schema_name, left(encode(sha256(convert_to(t.schema_name || '/' || t.bare_name, 'UTF8')), 'hex'), 2) AS bk,
               t.obj_key, t.has_depends,
               CASE WHEN t.has_depends THEN t.content
                    ELSE array_to_string((string_to_array(t.content, E'\n'))[1:t.n_before]
                                         || ('blob ' || encode(sha256(convert_to('blob' || E'\n', 'UTF8')), 'hex') || ' depends')
                                         || (string_to_array(t.content, E'\n'))[t.n_before + 1:], E'\n') END AS content
        FROM (SELECT s.schema_name, s.obj_key, min(s.bare_name) AS bare_name,
                     bool_or(s.sub_key = 'depends') AS has_depends,
                     (count(*) FILTER (WHERE s.sub_key COLLATE "C" < 'depends'))::int AS n_before,
                     string_agg('blob ' || s.sha || ' ' || _esc(s.sub_key), E'\n' ORDER BY s.sub_key COLLATE "C") AS content
              -- (grouped by a hash of the key first: the sort then compares integers, not
              -- 18,905 keys that share their first bytes, "table ..."; 40 -> 34 ms)
              FROM s GROUP BY hashtext(s.obj_key), s.schema_name, s.obj_key) t
    ),
    t4s AS MATERIALIZED (
        SELECT t.*, NOT EXISTS (SELECT 1 FROM objects x WHERE x.sha = t.sha OFFSET 0) AS new
        FROM (SELECT t4.*, encode(sha256(convert_to('tree' || E'\n' || t4.content, 'UTF8')), 'hex') AS sha FROM t4 OFFSET 0) t
    ),
    t3 AS MATERIALIZED (      -- second-level buckets: objects
        SELECT t4s.schema_name, t4s.bk,
               string_agg('tree ' || t4s.sha || ' ' || _esc(t4s.obj_key), E'\n' ORDER BY t4s.obj_key COLLATE "C") AS content
        FROM t4s GROUP BY t4s.schema_name, t4s.bk
    ),
    t3s AS MATERIALIZED (
        SELECT t.*, NOT EXISTS (SELECT 1 FROM objects x WHERE x.sha = t.sha OFFSET 0) AS new
        FROM (SELECT t3.*, encode(sha256(convert_to('tree' || E'\n' || t3.content, 'UTF8')), 'hex') AS sha FROM t3 OFFSET 0) t
    ),
    t2 AS MATERIALIZED (      -- first-level buckets: second hex digit
        SELECT t3s.schema_name, left(t3s.bk, 1) AS b1,
               string_agg('tree ' || t3s.sha || ' ' || right(t3s.bk, 1), E'\n' ORDER BY t3s.bk COLLATE "C") AS content
        FROM t3s GROUP BY t3s.schema_name, left(t3s.bk, 1)
    ),
    t2s AS MATERIALIZED (
        SELECT t.*, NOT EXISTS (SELECT 1 FROM objects x WHERE x.sha = t.sha OFFSET 0) AS new
        FROM (SELECT t2.*, encode(sha256(convert_to('tree' || E'\n' || t2.content, 'UTF8')), 'hex') AS sha FROM t2 OFFSET 0) t
    ),
    t1 AS MATERIALIZED (      -- schema trees: first hex digit
        SELECT t2s.schema_name,
               string_agg('tree ' || t2s.sha || ' ' || t2s.b1, E'\n' ORDER BY t2s.b1 COLLATE "C") AS content
        FROM t2s GROUP BY t2s.schema_name
    ),
    t1s AS MATERIALIZED (
        SELECT t.*, NOT EXISTS (SELECT 1 FROM objects x WHERE x.sha = t.sha OFFSET 0) AS new
        FROM (SELECT t1.*, encode(sha256(convert_to('tree' || E'\n' || t1.content, 'UTF8')), 'hex') AS sha FROM t1 OFFSET 0) t
    ),
    t0 AS MATERIALIZED (      -- root
        SELECT string_agg('tree ' || t1s.sha || ' ' || _esc(t1s.schema_name), E'\n' ORDER BY t1s.schema_name COLLATE "C") AS content
        FROM t1s
    ),
    t0s AS MATERIALIZED (
        SELECT t.*, NOT EXISTS (SELECT 1 FROM objects x WHERE x.sha = t.sha OFFSET 0) AS new
        FROM (SELECT t0.content, encode(sha256(convert_to('tree' || E'\n' || t0.content, 'UTF8')), 'hex') AS sha
              FROM t0 WHERE t0.content IS NOT NULL OFFSET 0) t
    ),
    nb AS MATERIALIZED (      -- the blobs of the new object trees
        SELECT t4s.sha AS tree_sha, s.sub_key, s.sha, s.definition
        FROM t4s JOIN s ON s.schema_name = t4s.schema_name AND s.obj_key = t4s.obj_key
        WHERE t4s.new
        UNION ALL   -- (and their empty "depends", see t4)
        SELECT t4s.sha, 'depends', encode(sha256(convert_to('blob' || E'\n', 'UTF8')), 'hex'), ''
        FROM t4s WHERE t4s.new AND NOT t4s.has_depends
    ),
    obj AS (
        SELECT DISTINCT ON (o.sha) o.sha, 'tree' AS type, o.content FROM (
            SELECT t4s.sha, t4s.content FROM t4s WHERE t4s.new
            UNION ALL SELECT t3s.sha, t3s.content FROM t3s WHERE t3s.new
            UNION ALL SELECT t2s.sha, t2s.content FROM t2s WHERE t2s.new
            UNION ALL SELECT t1s.sha, t1s.content FROM t1s WHERE t1s.new
            UNION ALL SELECT t0s.sha, t0s.content FROM t0s WHERE t0s.new) o
        UNION ALL
        SELECT DISTINCT ON (nb.sha) nb.sha, 'blob', nb.definition FROM nb
        WHERE NOT EXISTS (SELECT 1 FROM objects x WHERE x.sha = nb.sha)
    ),
    new_objects AS (
        INSERT INTO objects (sha, type, size, content)
        SELECT sha, type, octet_length(content), content FROM obj
        ON CONFLICT (sha) DO NOTHING
        RETURNING 1
    ),
    -- the reverse index of the "depends" blobs not indexed yet (see dep_refs)
    new_refs AS (
        INSERT INTO dep_refs (blob_sha, ref_schema, ref_key)
        SELECT DISTINCT b.sha, _dep_unesc(f[2]), _dep_unesc(f[3])
        FROM (SELECT DISTINCT nb.sha, nb.definition FROM nb
              WHERE nb.sub_key = 'depends' AND nb.definition <> ''
                AND NOT EXISTS (SELECT 1 FROM dep_refs x WHERE x.blob_sha = nb.sha)) b
        CROSS JOIN LATERAL unnest(string_to_array(b.definition, E'\n')) AS l(line)
        CROSS JOIN LATERAL string_to_array(l.line, E'\t') AS f
        ON CONFLICT DO NOTHING
    ),
    new_entries AS (
        INSERT INTO tree_entries (tree_sha, name, entry_type, entry_sha)
        SELECT DISTINCT e.tree_sha, e.name, e.entry_type, e.entry_sha FROM (
            SELECT nb.tree_sha, nb.sub_key AS name, 'blob' AS entry_type, nb.sha AS entry_sha FROM nb
            UNION ALL
            SELECT t3s.sha, t4s.obj_key, 'tree', t4s.sha
            FROM t3s JOIN t4s ON t4s.schema_name = t3s.schema_name AND t4s.bk = t3s.bk WHERE t3s.new
            UNION ALL
            SELECT t2s.sha, right(t3s.bk, 1), 'tree', t3s.sha
            FROM t2s JOIN t3s ON t3s.schema_name = t2s.schema_name AND left(t3s.bk, 1) = t2s.b1 WHERE t2s.new
            UNION ALL
            SELECT t1s.sha, t2s.b1, 'tree', t2s.sha FROM t1s JOIN t2s ON t2s.schema_name = t1s.schema_name WHERE t1s.new
            UNION ALL
            SELECT t0s.sha, t1s.schema_name, 'tree', t1s.sha FROM t0s CROSS JOIN t1s WHERE t0s.new) e
        ON CONFLICT (tree_sha, name) DO NOTHING
        RETURNING 1
    )
    SELECT coalesce((SELECT t0s.sha FROM t0s), _empty_tree()),
           (SELECT count(*) FROM new_objects) + (SELECT count(*) FROM new_entries)
    INTO root_sha, rows_written;
END
$$;
COMMENT ON FUNCTION pggit_v0._write_tree() IS
    'Stores the live schema''s blobs and trees that are not stored yet; returns the root tree sha and rows written';

-- Store the trees and blobs of the given blobs (see _tree_rows) that are not stored yet.
DROP FUNCTION IF EXISTS pggit_v0._write_tree_rows(text[], text[], text[], text[], text[], text[], text[], text[], text[]);
CREATE OR REPLACE FUNCTION pggit_v0._write_tree_rows(p_schemas text[], p_buckets text[], p_keys text[],
                                                    p_subs text[], p_defs text[],
                                                    p_keep_schemas text[] DEFAULT NULL, p_keep_buckets text[] DEFAULT NULL,
                                                    p_keep_keys text[] DEFAULT NULL, p_keep_trees text[] DEFAULT NULL,
                                                    p_keep_bucket_schemas text[] DEFAULT NULL,
                                                    p_keep_bucket_bks text[] DEFAULT NULL,
                                                    p_keep_bucket_trees text[] DEFAULT NULL,
                                                    OUT root_sha text, OUT rows_written int)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
BEGIN
    INSERT INTO objects (sha, type, size, content)
    VALUES (_empty_tree(), 'tree', 0, '') ON CONFLICT (sha) DO NOTHING;

    -- _tree_rows' trees written out (same texts), to leave out the rows of stored trees
    -- early: a stored tree has its entries, subtrees and blobs stored with it, so an
    -- object tree found in the store costs one index probe, not one per blob and entry.
    -- An object tree carries its entries as arrays (sub_key, sha, content, in the same
    -- order), so the blobs of the new ones need no join back to the blobs.  Grouped in
    -- C collation (a sort of every blob by three keys: 50 -> ~10 ms); a tree is probed in
    -- the store by index (OFFSET 0: not a hashed subplan, which read every object); each
    -- tree's sha is taken in a subquery kept apart (OFFSET 0): pulled up, it was computed
    -- twice, once more in the probe's index key.
    WITH s AS MATERIALIZED (
        SELECT u.schema_name, u.bk, u.obj_key, u.sub_key, u.definition,
               encode(sha256(convert_to('blob' || E'\n' || u.definition, 'UTF8')), 'hex') AS sha
        FROM unnest(p_schemas, p_buckets, p_keys, p_subs, p_defs) AS u(schema_name, bk, obj_key, sub_key, definition)
    ),
    t4 AS MATERIALIZED (      -- object trees
        SELECT s.schema_name COLLATE "C" AS schema_name, s.bk COLLATE "C" AS bk, s.obj_key COLLATE "C" AS obj_key,
               string_agg('blob ' || s.sha || ' ' || _esc(s.sub_key), E'\n' ORDER BY s.sub_key COLLATE "C") AS content,
               array_agg(s.sub_key) AS subs, array_agg(s.sha) AS shas, array_agg(s.definition) AS defs
        FROM s GROUP BY 1, 2, 3
    ),
    t4s AS MATERIALIZED (
        SELECT t.*, NOT EXISTS (SELECT 1 FROM objects x WHERE x.sha = t.sha OFFSET 0) AS new
        FROM (SELECT t4.*, encode(sha256(convert_to('tree' || E'\n' || t4.content, 'UTF8')), 'hex') AS sha FROM t4 OFFSET 0) t
        UNION ALL
        SELECT k.schema_name, k.bk, k.obj_key, NULL, NULL, NULL, NULL, k.sha, false
        FROM unnest(p_keep_schemas, p_keep_buckets, p_keep_keys, p_keep_trees) AS k(schema_name, bk, obj_key, sha)
    ),
    t3 AS MATERIALIZED (      -- second-level buckets: objects
        SELECT t4s.schema_name, t4s.bk,
               string_agg('tree ' || t4s.sha || ' ' || _esc(t4s.obj_key), E'\n' ORDER BY t4s.obj_key COLLATE "C") AS content
        FROM t4s GROUP BY t4s.schema_name, t4s.bk
    ),
    t3s AS MATERIALIZED (
        SELECT t.*, NOT EXISTS (SELECT 1 FROM objects x WHERE x.sha = t.sha OFFSET 0) AS new
        FROM (SELECT t3.*, encode(sha256(convert_to('tree' || E'\n' || t3.content, 'UTF8')), 'hex') AS sha FROM t3 OFFSET 0) t
        UNION ALL
        SELECT kb.schema_name, kb.bk, NULL, kb.sha, false
        FROM unnest(p_keep_bucket_schemas, p_keep_bucket_bks, p_keep_bucket_trees) AS kb(schema_name, bk, sha)
    ),
    t2 AS MATERIALIZED (      -- first-level buckets: second hex digit
        SELECT t3s.schema_name, left(t3s.bk, 1) AS b1,
               string_agg('tree ' || t3s.sha || ' ' || right(t3s.bk, 1), E'\n' ORDER BY t3s.bk COLLATE "C") AS content
        FROM t3s GROUP BY t3s.schema_name, left(t3s.bk, 1)
    ),
    t2s AS MATERIALIZED (
        SELECT t.*, NOT EXISTS (SELECT 1 FROM objects x WHERE x.sha = t.sha OFFSET 0) AS new
        FROM (SELECT t2.*, encode(sha256(convert_to('tree' || E'\n' || t2.content, 'UTF8')), 'hex') AS sha FROM t2 OFFSET 0) t
    ),
    t1 AS MATERIALIZED (      -- schema trees: first hex digit
        SELECT t2s.schema_name,
               string_agg('tree ' || t2s.sha || ' ' || t2s.b1, E'\n' ORDER BY t2s.b1 COLLATE "C") AS content
        FROM t2s GROUP BY t2s.schema_name
    ),
    t1s AS MATERIALIZED (
        SELECT t.*, NOT EXISTS (SELECT 1 FROM objects x WHERE x.sha = t.sha OFFSET 0) AS new
        FROM (SELECT t1.*, encode(sha256(convert_to('tree' || E'\n' || t1.content, 'UTF8')), 'hex') AS sha FROM t1 OFFSET 0) t
    ),
    t0 AS MATERIALIZED (      -- root
        SELECT string_agg('tree ' || t1s.sha || ' ' || _esc(t1s.schema_name), E'\n' ORDER BY t1s.schema_name COLLATE "C") AS content
        FROM t1s
    ),
    t0s AS MATERIALIZED (
        SELECT t.*, NOT EXISTS (SELECT 1 FROM objects x WHERE x.sha = t.sha OFFSET 0) AS new
        FROM (SELECT t0.content, encode(sha256(convert_to('tree' || E'\n' || t0.content, 'UTF8')), 'hex') AS sha
              FROM t0 WHERE t0.content IS NOT NULL OFFSET 0) t
    ),
    nb AS MATERIALIZED (      -- the blobs of the new object trees
        SELECT t4s.sha AS tree_sha, b.sub_key, b.sha, b.definition
        FROM t4s CROSS JOIN LATERAL unnest(t4s.subs, t4s.shas, t4s.defs) AS b(sub_key, sha, definition)
        WHERE t4s.new
    ),
    obj AS (
        SELECT DISTINCT ON (o.sha) o.sha, 'tree' AS type, o.content FROM (
            SELECT t4s.sha, t4s.content FROM t4s WHERE t4s.new
            UNION ALL SELECT t3s.sha, t3s.content FROM t3s WHERE t3s.new
            UNION ALL SELECT t2s.sha, t2s.content FROM t2s WHERE t2s.new
            UNION ALL SELECT t1s.sha, t1s.content FROM t1s WHERE t1s.new
            UNION ALL SELECT t0s.sha, t0s.content FROM t0s WHERE t0s.new) o
        UNION ALL
        SELECT DISTINCT ON (nb.sha) nb.sha, 'blob', nb.definition FROM nb
        WHERE NOT EXISTS (SELECT 1 FROM objects x WHERE x.sha = nb.sha)
    ),
    new_objects AS (
        INSERT INTO objects (sha, type, size, content)
        SELECT sha, type, octet_length(content), content FROM obj
        ON CONFLICT (sha) DO NOTHING
        RETURNING 1
    ),
    -- the reverse index of the "depends" blobs not indexed yet (see dep_refs)
    new_refs AS (
        INSERT INTO dep_refs (blob_sha, ref_schema, ref_key)
        SELECT DISTINCT b.sha, _dep_unesc(f[2]), _dep_unesc(f[3])
        FROM (SELECT DISTINCT nb.sha, nb.definition FROM nb
              WHERE nb.sub_key = 'depends' AND nb.definition <> ''
                AND NOT EXISTS (SELECT 1 FROM dep_refs x WHERE x.blob_sha = nb.sha)) b
        CROSS JOIN LATERAL unnest(string_to_array(b.definition, E'\n')) AS l(line)
        CROSS JOIN LATERAL string_to_array(l.line, E'\t') AS f
        ON CONFLICT DO NOTHING
    ),
    new_entries AS (
        INSERT INTO tree_entries (tree_sha, name, entry_type, entry_sha)
        SELECT DISTINCT e.tree_sha, e.name, e.entry_type, e.entry_sha FROM (
            SELECT nb.tree_sha, nb.sub_key AS name, 'blob' AS entry_type, nb.sha AS entry_sha FROM nb
            UNION ALL
            SELECT t3s.sha, t4s.obj_key, 'tree', t4s.sha
            FROM t3s JOIN t4s ON t4s.schema_name = t3s.schema_name AND t4s.bk = t3s.bk WHERE t3s.new
            UNION ALL
            SELECT t2s.sha, right(t3s.bk, 1), 'tree', t3s.sha
            FROM t2s JOIN t3s ON t3s.schema_name = t2s.schema_name AND left(t3s.bk, 1) = t2s.b1 WHERE t2s.new
            UNION ALL
            SELECT t1s.sha, t2s.b1, 'tree', t2s.sha FROM t1s JOIN t2s ON t2s.schema_name = t1s.schema_name WHERE t1s.new
            UNION ALL
            SELECT t0s.sha, t1s.schema_name, 'tree', t1s.sha FROM t0s CROSS JOIN t1s WHERE t0s.new) e
        ON CONFLICT (tree_sha, name) DO NOTHING
        RETURNING 1
    )
    SELECT coalesce((SELECT t0s.sha FROM t0s), _empty_tree()),
           (SELECT count(*) FROM new_objects) + (SELECT count(*) FROM new_entries)
    INTO root_sha, rows_written;
END
$$;

-- Every object of a stored tree: schema, "<kind> <name>" key and the object tree's sha.
CREATE OR REPLACE FUNCTION pggit_v0._tree_objects(p_root text)
RETURNS TABLE (schema_name text, obj_key text, obj_tree text, bucket text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
SELECT e0.name, e3.name, e3.entry_sha, e1.name || e2.name
FROM tree_entries e0
JOIN tree_entries e1 ON e1.tree_sha = e0.entry_sha
JOIN tree_entries e2 ON e2.tree_sha = e1.entry_sha
JOIN tree_entries e3 ON e3.tree_sha = e2.entry_sha
WHERE e0.tree_sha = p_root
$$;

-- Every second-level bucket tree of a stored tree: schema, two-hex-digit bucket, sha.
CREATE OR REPLACE FUNCTION pggit_v0._tree_buckets(p_root text)
RETURNS TABLE (schema_name text, bucket text, bucket_tree text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
SELECT e0.name, e1.name || e2.name, e2.entry_sha
FROM tree_entries e0
JOIN tree_entries e1 ON e1.tree_sha = e0.entry_sha
JOIN tree_entries e2 ON e2.tree_sha = e1.entry_sha
WHERE e0.tree_sha = p_root
$$;
COMMENT ON FUNCTION pggit_v0._tree_buckets(text) IS 'Every second-level bucket tree of a stored tree: schema, bucket, tree sha';

-- Every blob of a stored tree, with its schema, object key and sub_key; the recorded
-- dependencies ("depends", see _snap_depends) only when p_with_depends.
DROP FUNCTION IF EXISTS pggit_v0._tree_blobs(text);
CREATE OR REPLACE FUNCTION pggit_v0._tree_blobs(p_root text, p_with_depends boolean DEFAULT false)
RETURNS TABLE (schema_name text, obj_key text, sub_key text, blob_sha text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
SELECT o.schema_name, o.obj_key, e.name, e.entry_sha
FROM _tree_objects(p_root) o
JOIN tree_entries e ON e.tree_sha = o.obj_tree
WHERE p_with_depends OR e.name <> 'depends'
$$;

-- A name of a dependency line, unescaped (see _dep_esc); NULL for NULL.  Not declared
-- STRICT, so that it is inlined (a CASE is not strict): called once per field of every
-- line, it cost _tree_deps 60% of its time (1,000 tables: 130-190 ms -> 50-75 ms).
CREATE OR REPLACE FUNCTION pggit_v0._dep_unesc(p_text text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN pg_catalog.strpos(p_text, E'\\') = 0 THEN p_text
            ELSE pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(p_text, E'\\\\', E'\x01'),
                                    E'\\t', E'\t'), E'\\n', E'\n'), E'\x01', E'\\') END
$$;
COMMENT ON FUNCTION pggit_v0._dep_unesc(text) IS 'Unescapes a name of a dependency line (backslash, tab, newline)';

-- The recorded dependencies of the given object trees: one row per edge (see
-- _snap_depends): the object tree, the part that depends, and the schema, object key
-- and column ('' for the object itself) it depends on.  Object trees without a
-- "depends" blob (no dependencies, or recorded before dependencies were) give none.
CREATE OR REPLACE FUNCTION pggit_v0._tree_deps(p_obj_trees text[])
RETURNS TABLE (obj_tree text, part text, ref_schema text, ref_key text, ref_column text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET enable_nestloop = on   -- index lookups per tree, even when a caller turned nested loops off
AS $$
SELECT e.tree_sha, _dep_unesc(f[1]), _dep_unesc(f[2]), _dep_unesc(f[3]), _dep_unesc(f[4])
FROM (SELECT DISTINCT t FROM unnest(p_obj_trees) AS t) u
JOIN tree_entries e ON e.tree_sha = u.t AND e.name = 'depends'
JOIN objects o ON o.sha = e.entry_sha
CROSS JOIN LATERAL unnest(string_to_array(o.content, E'\n')) AS l(line)
CROSS JOIN LATERAL string_to_array(l.line, E'\t') AS f
$$;
COMMENT ON FUNCTION pggit_v0._tree_deps(text[]) IS
    'The recorded dependency edges of the given object trees: part, referenced schema, object key and column';

-- The reverse index (dep_refs) of every stored "depends" blob it does not cover yet:
-- blobs stored before it existed (an upgrade) or restored by hand.  New blobs are
-- indexed as they are stored (_write_tree_rows).
INSERT INTO pggit_v0.dep_refs (blob_sha, ref_schema, ref_key)
SELECT DISTINCT o.sha, pggit_v0._dep_unesc(f[2]), pggit_v0._dep_unesc(f[3])
FROM (SELECT DISTINCT e.entry_sha FROM pggit_v0.tree_entries e WHERE e.name = 'depends') b
JOIN pggit_v0.objects o ON o.sha = b.entry_sha
CROSS JOIN LATERAL unnest(string_to_array(o.content, E'\n')) AS l(line)
CROSS JOIN LATERAL string_to_array(l.line, E'\t') AS f
WHERE o.content <> '' AND NOT EXISTS (SELECT 1 FROM pggit_v0.dep_refs x WHERE x.blob_sha = o.sha)
ON CONFLICT DO NOTHING;


-- Kind and name of an object key "<kind> <name>".
CREATE OR REPLACE FUNCTION pggit_v0._key_kind(p_obj_key text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT pg_catalog.split_part(p_obj_key, ' ', 1) $$;

CREATE OR REPLACE FUNCTION pggit_v0._key_name(p_obj_key text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT pg_catalog.substr(p_obj_key, pg_catalog.strpos(p_obj_key, ' ') + 1) $$;

-- The bare name of an object key, as snapshots bucket and select objects by it: a
-- routine's name without its argument list (parse_ident, not strict: a quoted name may
-- hold "("), any other object's name; NULL for NULL.  (Inlinable: no SET clause,
-- qualified calls, not STRICT since a CASE is not.)
CREATE OR REPLACE FUNCTION pggit_v0._key_bare(p_obj_key text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT CASE WHEN pggit_v0._key_kind(p_obj_key) IN ('function', 'procedure', 'aggregate')
            THEN (pg_catalog.parse_ident(pggit_v0._key_name(p_obj_key), false))[1]
            ELSE pggit_v0._key_name(p_obj_key) END
$$;

-- The path users see for a blob: schema/kind/name[/subkind[/subname]], e.g.
-- training/table/customers/column/phone; NULL when an argument is NULL.  (Inlinable:
-- no SET clause, qualified calls, and not declared STRICT, since its CASE is not: a
-- STRICT _path was called as a function of its own per row, ~15 us each, 0.25 s of a
-- diff of 17,000 paths; every NULL argument still makes the concatenation NULL.)
CREATE OR REPLACE FUNCTION pggit_v0._path(p_schema text, p_obj_key text, p_sub_key text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT p_schema || '/' || pggit_v0._key_kind(p_obj_key) || '/' || pggit_v0._key_name(p_obj_key)
       || CASE WHEN p_sub_key = 'definition' THEN '' ELSE '/' || pg_catalog.regexp_replace(p_sub_key, ' ', '/') END
$$;

-- The objects whose object trees differ between two stored trees (Merkle descent that
-- stops at the object level): schema, key, bucket, old and new object tree.
-- (Inlinable twin of _changed_objects: no SET clause, tables and functions
-- schema-qualified, inlined only into functions that pin search_path.  A caller's
-- query plans the descent with itself, once per session in PL/pgSQL; a SQL function
-- with a SET clause is planned again at every call.)
CREATE OR REPLACE FUNCTION pggit_v0._changed_objects_q(p_a text, p_b text)
RETURNS TABLE (schema_name text, obj_key text, bucket text, old_tree text, new_tree text)
LANGUAGE sql STABLE
AS $$
WITH RECURSIVE d(depth, schema_name, bucket, name, a_sha, b_sha) AS (
    SELECT 0, NULL::text, ''::text, NULL::text, p_a, p_b
    WHERE p_a IS DISTINCT FROM p_b
  UNION ALL
    SELECT d.depth + 1,
           CASE WHEN d.depth = 0 THEN x.name ELSE d.schema_name END,
           CASE WHEN d.depth IN (1, 2) THEN d.bucket || x.name ELSE d.bucket END,
           x.name, x.a_sha, x.b_sha
    FROM d
    CROSS JOIN LATERAL (
        SELECT coalesce(ea.name, eb.name) AS name, ea.entry_sha AS a_sha, eb.entry_sha AS b_sha
        FROM (SELECT e.name, e.entry_sha FROM pggit_v0.tree_entries e WHERE e.tree_sha = d.a_sha) ea
        FULL JOIN (SELECT e.name, e.entry_sha FROM pggit_v0.tree_entries e WHERE e.tree_sha = d.b_sha) eb
               ON ea.name = eb.name
        WHERE ea.entry_sha IS DISTINCT FROM eb.entry_sha
    ) x
    WHERE d.depth < 4
)
SELECT d.schema_name, d.name, d.bucket, d.a_sha, d.b_sha FROM d WHERE d.depth = 4
$$;
COMMENT ON FUNCTION pggit_v0._changed_objects_q(text, text) IS
    'Objects whose trees differ between two stored root trees (Merkle descent); inlinable twin of _changed_objects';

-- The same, as a function of its own: its callers plan around one function scan.
CREATE OR REPLACE FUNCTION pggit_v0._changed_objects(p_a text, p_b text)
RETURNS TABLE (schema_name text, obj_key text, bucket text, old_tree text, new_tree text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$ SELECT * FROM pggit_v0._changed_objects_q(p_a, p_b) $$;
COMMENT ON FUNCTION pggit_v0._changed_objects(text, text) IS
    'Objects whose trees differ between two stored root trees, with old and new object tree (Merkle descent)';

-- The blob-level differences between two stored trees: the objects whose trees differ
-- (Merkle descent, _changed_objects), then their blobs side by side.  One row per
-- changed sub-object path; old_sha NULL = added, new_sha NULL = removed.
-- (Inlinable twin of _diff_trees, like _changed_objects_q: _diff_paths plans it with
-- its own query.)
CREATE OR REPLACE FUNCTION pggit_v0._diff_trees_q(p_a text, p_b text)
RETURNS TABLE (schema_name text, obj_key text, sub_key text, old_sha text, new_sha text)
LANGUAGE sql STABLE
AS $$
SELECT c.schema_name, c.obj_key, x.name, x.a_sha, x.b_sha
FROM pggit_v0._changed_objects_q(p_a, p_b) c
CROSS JOIN LATERAL (
    SELECT coalesce(ea.name, eb.name) AS name, ea.entry_sha AS a_sha, eb.entry_sha AS b_sha
    FROM (SELECT e.name, e.entry_sha FROM pggit_v0.tree_entries e WHERE e.tree_sha = c.old_tree) ea
    FULL JOIN (SELECT e.name, e.entry_sha FROM pggit_v0.tree_entries e WHERE e.tree_sha = c.new_tree) eb
           ON ea.name = eb.name
    WHERE ea.entry_sha IS DISTINCT FROM eb.entry_sha
      AND coalesce(ea.name, eb.name) <> 'depends'   -- recorded dependencies: not a change of their own
) x
$$;
COMMENT ON FUNCTION pggit_v0._diff_trees_q(text, text) IS
    'Changed blob paths between two stored root trees (Merkle descent); inlinable twin of _diff_trees';

-- The same, as a function of its own: its callers plan around one function scan.
CREATE OR REPLACE FUNCTION pggit_v0._diff_trees(p_a text, p_b text)
RETURNS TABLE (schema_name text, obj_key text, sub_key text, old_sha text, new_sha text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$ SELECT * FROM pggit_v0._diff_trees_q(p_a, p_b) $$;
COMMENT ON FUNCTION pggit_v0._diff_trees(text, text) IS
    'Changed blob paths between two stored root trees, descending only where subtree shas differ';

-- The blob-level differences between a stored tree and the live schema.  Objects are
-- compared by object-tree sha first; only objects that differ are compared blob by blob.
CREATE OR REPLACE FUNCTION pggit_v0._diff_live(p_a text)
RETURNS TABLE (schema_name text, obj_key text, sub_key text, old_sha text, new_sha text, new_content text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH st AS MATERIALIZED (SELECT * FROM _stage() s WHERE s.depth = 4),
live_obj AS (SELECT DISTINCT st.schema_name, st.obj_key, st.tree_sha FROM st),
changed AS (
    SELECT coalesce(l.schema_name, o.schema_name) AS schema_name, coalesce(l.obj_key, o.obj_key) AS obj_key,
           o.obj_tree AS old_tree, l.tree_sha AS new_tree
    FROM live_obj l
    FULL JOIN _tree_objects(p_a) o ON o.schema_name = l.schema_name AND o.obj_key = l.obj_key
    WHERE o.obj_tree IS DISTINCT FROM l.tree_sha
),
old_blobs AS (
    SELECT c.schema_name, c.obj_key, e.name AS sub_key, e.entry_sha
    FROM changed c JOIN tree_entries e ON e.tree_sha = c.old_tree
),
new_blobs AS (
    SELECT c.schema_name, c.obj_key, st.entry_name AS sub_key, st.entry_sha, st.blob_content
    FROM changed c JOIN st ON st.schema_name = c.schema_name AND st.obj_key = c.obj_key
)
SELECT coalesce(n.schema_name, o.schema_name), coalesce(n.obj_key, o.obj_key), coalesce(n.sub_key, o.sub_key),
       o.entry_sha, n.entry_sha, n.blob_content
FROM old_blobs o
FULL JOIN new_blobs n ON n.schema_name = o.schema_name AND n.obj_key = o.obj_key AND n.sub_key = o.sub_key
WHERE o.entry_sha IS DISTINCT FROM n.entry_sha
  AND coalesce(n.sub_key, o.sub_key) <> 'depends'   -- recorded dependencies: not a change of their own
$$;
COMMENT ON FUNCTION pggit_v0._diff_live(text) IS
    'Changed blob paths between a stored root tree and the live schema (uncommitted changes)';

-- Promises of the private helpers above.
COMMENT ON FUNCTION pggit_v0._esc(text) IS 'Escapes backslash and newline in a tree entry name';
COMMENT ON FUNCTION pggit_v0._empty_tree() IS 'sha of the tree with no entries';
COMMENT ON FUNCTION pggit_v0._bucket(text, text) IS 'Fan-out bucket of an object: first two hex digits of sha256(schema/bare name)';
COMMENT ON FUNCTION pggit_v0._write_tree_rows(text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[], text[]) IS 'Stores the trees and blobs of the given blobs that are not stored yet; returns the root sha and rows written';
COMMENT ON FUNCTION pggit_v0._tree_objects(text) IS 'Every object of a stored tree: schema, key, object tree sha, bucket';
COMMENT ON FUNCTION pggit_v0._tree_blobs(text, boolean) IS 'Every blob of a stored tree with its schema, object key and sub_key (recorded dependencies only when asked)';
COMMENT ON FUNCTION pggit_v0._key_kind(text) IS 'Kind part of an object key "<kind> <name>"';
COMMENT ON FUNCTION pggit_v0._key_name(text) IS 'Name part of an object key "<kind> <name>"';
COMMENT ON FUNCTION pggit_v0._key_bare(text) IS 'Bare name of an object key: a routine''s name without its arguments, else the name';
COMMENT ON FUNCTION pggit_v0._path(text, text, text) IS 'The user-facing path of a blob: schema/kind/name[/subkind[/subname]]';
