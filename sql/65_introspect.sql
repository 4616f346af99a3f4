-- Introspection: the DDL of an object (live or as of a ref), its metadata, and its
-- history across commits.

-- True, or 22023 "schema_name must not be empty" / "object_name must not be empty" when
-- either is NULL, empty or only whitespace (the introspection functions name an object
-- by both; an empty name would otherwise reach PostgreSQL's parser as "".x, 42601).
CREATE OR REPLACE FUNCTION pggit_v0._require_object_name(p_schema text, p_name text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    PERFORM _require_text(p_schema, 'schema_name',
                          format('Pass both schema_name and object_name, e.g. (''public'', %L); get_current_schema() lists the objects.',
                                 coalesce(p_name, 'users')));
    PERFORM _require_text(p_name, 'object_name',
                          format('Pass both schema_name and object_name, e.g. (%L, ''users''); get_current_schema() lists the objects.',
                                 p_schema));
    RETURN true;
END
$$;

-- The blobs of every object in one schema whose name is p_name (routines: any
-- overload), live (p_ref NULL) or as of p_ref; plus the sequences those objects own.
CREATE OR REPLACE FUNCTION pggit_v0._object_blobs(p_schema text, p_name text, p_ref text)
RETURNS TABLE (obj_key text, sub_key text, definition text, owned boolean)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
BEGIN
    RETURN QUERY   -- (the public callers refuse NULL names)
    WITH src AS (
        SELECT s.kind || ' ' || s.name AS obj_key, s.sub_key, s.definition
        FROM _snapshot(p_schema) s WHERE p_ref IS NULL AND s.sub_key <> 'depends'
        UNION ALL
        SELECT b.obj_key, b.sub_key, o.content
        FROM _tree_blobs(_commit_tree(_resolve_ref(p_ref))) b
        JOIN objects o ON o.sha = b.blob_sha
        WHERE p_ref IS NOT NULL AND b.schema_name = p_schema
    ),
    mine AS (
        SELECT DISTINCT src.obj_key FROM src
        WHERE _key_name(src.obj_key) = p_name
           OR (_key_kind(src.obj_key) IN ('function', 'procedure', 'aggregate')
               AND starts_with(_key_name(src.obj_key), quote_ident(p_name) || '('))
    ),
    owned AS (   -- sequences owned by a column of one of those tables
        SELECT DISTINCT src.obj_key FROM src JOIN mine m ON _key_kind(m.obj_key) = 'table'
        WHERE src.sub_key = 'owned_by'
          AND strpos(src.definition, ' OWNED BY ' || format('%I.%I', p_schema, _key_name(m.obj_key)) || '.') > 0
    )
    SELECT src.obj_key, src.sub_key, src.definition, src.obj_key IN (SELECT ow.obj_key FROM owned ow)
    FROM src
    WHERE src.obj_key IN (SELECT m.obj_key FROM mine m UNION SELECT ow.obj_key FROM owned ow);
END
$$;

-- Complete DDL that recreates an object on an empty database: its schema, owned
-- sequences, the object (a table: columns in order, then constraints, indexes,
-- triggers, policies, RLS, comments, grants).  Live, or as of ref when given.
-- Raises 42704 naming the object when it does not exist there.
CREATE OR REPLACE FUNCTION pggit_v0.get_object_definition(schema_name text, object_name text, ref text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_ddl text;
BEGIN
    PERFORM _require_object_name(get_object_definition.schema_name, get_object_definition.object_name);
    WITH b AS (SELECT * FROM _object_blobs(get_object_definition.schema_name, get_object_definition.object_name,
                                           get_object_definition.ref)),
    cols AS (   -- CREATE TABLE with its columns in recorded order
        SELECT b.obj_key,
               string_agg(E'    ' || c.definition, E',\n' ORDER BY o.pos) AS body
        FROM b
        CROSS JOIN LATERAL unnest(_lines(b.definition)) WITH ORDINALITY AS o(col, pos)   -- (a quoted name may hold a line break)
        JOIN b c ON c.obj_key = b.obj_key AND c.sub_key = 'column ' || (
                 SELECT a.attname FROM (SELECT CASE WHEN o.col ~ '^".*"$'
                                                    THEN replace(substr(o.col, 2, length(o.col) - 2), '""', '"')
                                                    ELSE o.col END AS attname) a)
        WHERE b.sub_key = 'columns'
        GROUP BY b.obj_key
    ),
    parts AS (
        SELECT b.obj_key, b.owned,
               CASE split_part(b.sub_key, ' ', 1)
                   WHEN 'definition' THEN 1 WHEN 'constraint' THEN 2 WHEN 'index' THEN 3 WHEN 'trigger' THEN 4
                   WHEN 'policy' THEN 5 WHEN 'rls' THEN 6 WHEN 'owned_by' THEN 7 WHEN 'comment' THEN 8
                   WHEN 'grants' THEN 10 WHEN 'column_grants' THEN 11 ELSE 9 END AS rank,
               CASE WHEN b.sub_key LIKE 'constraint %' AND b.definition LIKE '%FOREIGN KEY%' THEN 1 ELSE 0 END AS fk,
               b.sub_key,
               CASE WHEN b.sub_key = 'definition' AND cols.body IS NOT NULL
                    THEN regexp_replace(b.definition, ' \(\)', E' (\n' || replace(cols.body, '\', '\\') || E'\n)')
                    ELSE b.definition END AS ddl
        FROM b LEFT JOIN cols ON cols.obj_key = b.obj_key
        WHERE b.sub_key NOT LIKE 'column %' AND b.sub_key <> 'columns'
    )
    SELECT format(E'CREATE SCHEMA IF NOT EXISTS %I;\n\n', get_object_definition.schema_name)
           || string_agg(p.ddl, E'\n' ORDER BY CASE WHEN p.rank = 7 THEN 2 WHEN p.owned THEN 0 ELSE 1 END,
                         p.obj_key COLLATE "C", p.rank, p.fk, p.sub_key COLLATE "C")
    INTO v_ddl
    FROM parts p;

    IF v_ddl IS NULL THEN
        RAISE EXCEPTION 'object %.% not found %', get_object_definition.schema_name, get_object_definition.object_name,
                        CASE WHEN get_object_definition.ref IS NULL THEN 'in the live database'
                             ELSE 'at ref "' || get_object_definition.ref || '"' END
              USING ERRCODE = '42704',
                    HINT = 'SELECT * FROM pggit_v0.get_current_schema() lists the objects.';
    END IF;
    RETURN v_ddl;
END
$$;
COMMENT ON FUNCTION pggit_v0.get_object_definition(text, text, text) IS
    'DDL that recreates schema.object on an empty database, live or as of ref; 42704 when not found';

-- Commits (first-parent history of HEAD, newest first) that created, changed or
-- The statements captured in commit p_commit for schema.object (its parts included),
-- in the order they ran.  A function of its own (never inlined: it pins search_path),
-- so a caller only needs the right to read ddl_log.statement when it is called.
CREATE OR REPLACE FUNCTION pggit_v0._object_ddl(p_commit text, p_schema text, p_name text) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT string_agg(s.statement, E'\n' ORDER BY s.first_id)
FROM (SELECT l.statement, min(l.id) AS first_id
      FROM ddl_log_commits lc JOIN ddl_log l ON l.id = lc.log_id
      WHERE lc.commit_sha = p_commit
        AND (l.object_identity = format('%I.%I', p_schema, p_name)
             OR starts_with(l.object_identity, format('%I.%I', p_schema, p_name) || '.')
             OR starts_with(l.object_identity, format('%I.%I', p_schema, p_name) || '(')
             OR right(l.object_identity, length(format(' on %I.%I', p_schema, p_name))) = format(' on %I.%I', p_schema, p_name))
      GROUP BY l.statement) s
$$;
COMMENT ON FUNCTION pggit_v0._object_ddl(text, text, text) IS
    'The captured statements of one commit for schema.object and its parts, in the order they ran';

-- dropped an object, with the statements captured for it in that commit (ddl is NULL
-- for a role that may not read statement texts: grant_access(..., statements => true)).
CREATE OR REPLACE FUNCTION pggit_v0.get_object_history(schema_name text, object_name text, max_count int DEFAULT 10)
RETURNS TABLE (commit_sha text, change_type text, object_type text, author text, committed_at timestamptz,
               message text, ddl text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
PERFORM _require_object_name($1, $2);
RETURN QUERY
WITH RECURSIVE fp(sha, n) AS (
    SELECT _head_commit(), 0
  UNION ALL
    SELECT cp.parent_sha, fp.n + 1 FROM fp
    JOIN commit_parents cp ON cp.commit_sha = fp.sha AND cp.position = 1
),
bk AS (SELECT _bucket($1, $2) AS b),
objs AS (   -- the object's tree in each commit, found through its bucket
    SELECT fp.sha, fp.n, e3.name AS obj_key, e3.entry_sha AS obj_tree
    FROM fp
    CROSS JOIN bk
    JOIN commit_graph c ON c.commit_sha = fp.sha
    JOIN tree_entries e0 ON e0.tree_sha = c.tree_sha AND e0.name = $1
    JOIN tree_entries e1 ON e1.tree_sha = e0.entry_sha AND e1.name = left(bk.b, 1)
    JOIN tree_entries e2 ON e2.tree_sha = e1.entry_sha AND e2.name = right(bk.b, 1)
    JOIN tree_entries e3 ON e3.tree_sha = e2.entry_sha
    WHERE _key_name(e3.name) = $2
       OR (_key_kind(e3.name) IN ('function', 'procedure', 'aggregate')
           AND starts_with(_key_name(e3.name), quote_ident($2) || '('))
),
keys AS (   -- every object key present in a commit or in its first parent
    SELECT DISTINCT fp.sha, fp.n, o.obj_key FROM fp JOIN objs o ON o.n IN (fp.n, fp.n + 1)
),
changes AS (
    SELECT k.sha, k.n, k.obj_key, prev.obj_tree AS old_tree, cur.obj_tree AS new_tree
    FROM keys k
    LEFT JOIN objs cur ON cur.n = k.n AND cur.obj_key = k.obj_key
    LEFT JOIN objs prev ON prev.n = k.n + 1 AND prev.obj_key = k.obj_key
    WHERE cur.obj_tree IS DISTINCT FROM prev.obj_tree
),
classified AS (
    SELECT ch.*,
           (SELECT array_agg(DISTINCT split_part(coalesce(ea.name, eb.name), ' ', 1))
            FROM (SELECT name, entry_sha FROM tree_entries WHERE tree_sha = ch.old_tree) ea
            FULL JOIN (SELECT name, entry_sha FROM tree_entries WHERE tree_sha = ch.new_tree) eb
                   ON ea.name = eb.name
            WHERE ea.entry_sha IS DISTINCT FROM eb.entry_sha
              AND coalesce(ea.name, eb.name) <> 'depends') AS kinds
    FROM changes ch
)
SELECT c.commit_sha,
       CASE WHEN x.old_tree IS NULL THEN 'CREATE'
            WHEN x.new_tree IS NULL THEN 'DROP'
            WHEN x.kinds <@ ARRAY['comment', 'column_comment', 'constraint_comment', 'index_comment'] THEN 'COMMENT'
            WHEN x.kinds <@ ARRAY['grants', 'column_grants'] THEN 'GRANT'
            ELSE 'ALTER' END,
       _key_kind(x.obj_key), c.author, c.committed_at, c.message,
       CASE WHEN has_column_privilege('pggit_v0.ddl_log', 'statement', 'SELECT')
            THEN _object_ddl(c.commit_sha, $1, $2) END
FROM classified x
JOIN commit_graph c ON c.commit_sha = x.sha
WHERE x.kinds IS NOT NULL OR x.old_tree IS NULL OR x.new_tree IS NULL   -- not recorded dependencies alone
ORDER BY x.n, x.obj_key
LIMIT greatest(coalesce($3, 10), 0);
END
$$;
COMMENT ON FUNCTION pggit_v0.get_object_history(text, text, int) IS
    'Commits on HEAD''s first-parent line that created, altered, commented, granted or dropped schema.object, newest first, with captured DDL';

-- Facts about a live object: kind, owner, counts of its parts, size, comment, and
-- its state against HEAD.  Raises 42704 when no such object is live.
CREATE OR REPLACE FUNCTION pggit_v0.get_object_metadata(schema_name text, object_name text)
RETURNS TABLE (object_type text, qualified_name text, owner text, status text,
               columns int, constraints int, indexes int, triggers int, policies int,
               estimated_rows bigint, total_bytes bigint, comment text,
               created_in text, last_changed_in text, last_changed_at timestamptz)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_t0    timestamptz := clock_timestamp();
    v_orig  text := current_setting('lock_timeout');
    v_found boolean;
BEGIN
    PERFORM _require_object_name(get_object_metadata.schema_name, get_object_metadata.object_name);
    -- the live read waits for locks at most _lock_wait() (the caller's lock_timeout, else
    -- pggit.lock_wait: a role locking its own table under its own view held it for ever,
    -- V7, Z5); then 55P03 naming the sessions holding them
    BEGIN
    PERFORM set_config('lock_timeout', _lock_wait(), true);
    RETURN QUERY
    WITH b AS (SELECT * FROM _object_blobs(get_object_metadata.schema_name, get_object_metadata.object_name, NULL)
               WHERE NOT owned),
    -- this object's blobs at HEAD, to compare with the live ones (not get_current_schema(),
    -- which would snapshot and stage the whole database for one object's status)
    hb AS (SELECT * FROM _object_blobs(get_object_metadata.schema_name, get_object_metadata.object_name, 'HEAD')
           WHERE NOT owned),
    hist AS (SELECT h.* FROM get_object_history(get_object_metadata.schema_name,
                                                get_object_metadata.object_name, 100000) h)
    SELECT _key_kind(b.obj_key), _qname(get_object_metadata.schema_name, b.obj_key),
           coalesce((SELECT c.relowner::regrole::text FROM pg_class c
                     WHERE c.oid = to_regclass(format('%I.%I', get_object_metadata.schema_name, get_object_metadata.object_name))),
                    (SELECT t.typowner::regrole::text FROM pg_type t
                     WHERE t.oid = to_regtype(format('%I.%I', get_object_metadata.schema_name, get_object_metadata.object_name))),
                    (SELECT p.proowner::regrole::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                     WHERE n.nspname = get_object_metadata.schema_name AND p.proname = get_object_metadata.object_name LIMIT 1)),
           CASE WHEN NOT EXISTS (SELECT 1 FROM hb WHERE hb.obj_key = b.obj_key) THEN 'untracked'
                WHEN EXISTS (SELECT hb.sub_key, hb.definition FROM hb WHERE hb.obj_key = b.obj_key
                             EXCEPT SELECT x.sub_key, x.definition FROM b x WHERE x.obj_key = b.obj_key)
                  OR EXISTS (SELECT x.sub_key, x.definition FROM b x WHERE x.obj_key = b.obj_key
                             EXCEPT SELECT hb.sub_key, hb.definition FROM hb WHERE hb.obj_key = b.obj_key)
                THEN 'modified' ELSE 'committed' END,
           count(*) FILTER (WHERE b.sub_key LIKE 'column %')::int,
           count(*) FILTER (WHERE b.sub_key LIKE 'constraint %')::int,
           count(*) FILTER (WHERE b.sub_key LIKE 'index %')::int,
           count(*) FILTER (WHERE b.sub_key LIKE 'trigger %')::int,
           count(*) FILTER (WHERE b.sub_key LIKE 'policy %')::int,
           (SELECT greatest(c.reltuples, 0)::bigint FROM pg_class c
            WHERE _key_kind(b.obj_key) IN ('table', 'materialized_view')
              AND c.oid = to_regclass(format('%I.%I', get_object_metadata.schema_name, get_object_metadata.object_name))),
           (SELECT pg_total_relation_size(c.oid) FROM pg_class c
            WHERE _key_kind(b.obj_key) IN ('table', 'materialized_view', 'sequence')
              AND c.oid = to_regclass(format('%I.%I', get_object_metadata.schema_name, get_object_metadata.object_name))),
           (SELECT substring(x.definition FROM ' IS ''(.*)'';$') FROM b x
            WHERE x.obj_key = b.obj_key AND x.sub_key = 'comment'),
           (SELECT h.commit_sha FROM hist h WHERE h.object_type = _key_kind(b.obj_key) AND h.change_type = 'CREATE'
            ORDER BY h.committed_at DESC LIMIT 1),
           (SELECT h.commit_sha FROM hist h WHERE h.object_type = _key_kind(b.obj_key)
            ORDER BY h.committed_at DESC LIMIT 1),
           (SELECT h.committed_at FROM hist h WHERE h.object_type = _key_kind(b.obj_key)
            ORDER BY h.committed_at DESC LIMIT 1)
    FROM b
    GROUP BY b.obj_key;
    v_found := FOUND;
    PERFORM set_config('lock_timeout', v_orig, true);
    EXCEPTION WHEN lock_not_available THEN
        PERFORM _lock_wait_failed('get_object_metadata()', v_t0);
    END;
    IF NOT v_found THEN
        RAISE EXCEPTION 'object %.% not found in the live database', get_object_metadata.schema_name,
                        get_object_metadata.object_name
              USING ERRCODE = '42704', HINT = 'SELECT * FROM pggit_v0.get_current_schema() lists the objects.';
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0.get_object_metadata(text, text) IS
    'Kind, owner, status against HEAD, part counts, rows, bytes, comment and commits of a live object; 42704 when absent';

-- Promises of the private helpers above.
COMMENT ON FUNCTION pggit_v0._require_object_name(text, text) IS 'True; raises 22023 naming schema_name or object_name when it is NULL, empty or only whitespace';
COMMENT ON FUNCTION pggit_v0._object_blobs(text, text, text) IS 'Blobs of the objects named p_name in a schema, live or as of a ref, plus the sequences they own';

-- The dependencies recorded in a commit (default HEAD): one row per edge between two
-- tracked objects, as pg_depend had them when the commit was made (see _snap_depends):
-- the dependent object's path, the part of it that depends (definition, column c,
-- constraint c, index i, trigger t, policy p, rule r, owned_by), the path of the object
-- it depends on and, when the edge names one, that object's column.  A trigger, policy
-- or rule reading a column of its own table is listed as depending on that column; the
-- edge every one of them has to its own table is not.  Migrations are ordered by these
-- edges.  Optionally only the edges from or to one schema.object.
CREATE OR REPLACE FUNCTION pggit_v0.get_dependencies(ref text DEFAULT 'HEAD', schema_name text DEFAULT NULL,
                                                    object_name text DEFAULT NULL)
RETURNS TABLE (path text, part text, depends_on text, depends_on_column text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH o AS MATERIALIZED (SELECT * FROM _tree_objects(_commit_tree(_resolve_ref(coalesce($1, 'HEAD')))))
SELECT x.* FROM (
SELECT _path(o.schema_name, o.obj_key, 'definition') AS p, d.part, _path(d.ref_schema, d.ref_key, 'definition') AS dep,
       nullif(substr(d.ref_column, 8), '') AS col
FROM o JOIN _tree_deps(ARRAY(SELECT o2.obj_tree FROM o o2)) d ON d.obj_tree = o.obj_tree
WHERE NOT (d.ref_schema = o.schema_name AND d.ref_key = o.obj_key AND d.ref_column = '')
  AND ($3 IS NULL
   OR (($2 IS NULL OR o.schema_name = $2)
       AND (_key_name(o.obj_key) = $3 OR starts_with(_key_name(o.obj_key), quote_ident($3) || '(')))
   OR (($2 IS NULL OR d.ref_schema = $2)
       AND (_key_name(d.ref_key) = $3 OR starts_with(_key_name(d.ref_key), quote_ident($3) || '('))))
) x
ORDER BY x.p COLLATE "C", x.part COLLATE "C", x.dep COLLATE "C", x.col COLLATE "C"
$$;
COMMENT ON FUNCTION pggit_v0.get_dependencies(text, text, text) IS
    'Dependencies between tracked objects recorded in a commit (pg_depend at commit time): path, part, depends_on, column';
