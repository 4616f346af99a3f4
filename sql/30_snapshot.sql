-- Snapshot: the live schema as (schema, kind, name, sub_key, definition) rows, one per
-- object and per sub-object, straight from the catalogs.  One set-based query per
-- object kind; _snapshot() unions them.  Definitions are canonical DDL text with no
-- OIDs, owners, tablespaces or other instance detail, deparsed with search_path pinned
-- to pg_catalog so every user object is schema-qualified: the same schema built in two
-- databases gives the same rows.
--
-- Kinds: schema, table, view, materialized_view, sequence, function, procedure,
-- aggregate, type (enum, composite, range), domain, collation, extension, operator,
-- text_search_dictionary, text_search_configuration, statistics, operator_family,
-- operator_class, conversion, text_search_parser, text_search_template, foreign_table,
-- default_privileges, security_label; and, under the pseudo-schema pg_database (objects
-- of no schema), cast, foreign_data_wrapper, server, user_mapping, event_trigger,
-- publication, subscription (and database-wide default_privileges).
-- Sub-keys of an object: definition, column <c>, columns (order), column_settings <c>
-- (statistics target and attribute options), column_not_null <c> (an inherited column's
-- own NOT NULL), column_default <c> (an inherited column's own default), constraint <c>,
-- trigger_state <t> (a partition's clone of its parent's trigger fired otherwise),
-- index <i>, trigger <t>, policy <p>, rule <r>, replica_identity, cluster, rls, owned_by,
-- comment, column_comment <c>, constraint_comment <c>, index_comment <i>,
-- trigger_comment <t>, policy_comment <p>, grants, column_grants <c>.
-- Left out: system and temp schemas, pggit_v0, extension members, plpgsql.

-- Schemas whose objects are versioned.
CREATE OR REPLACE VIEW pggit_v0._tracked_schemas AS
SELECT n.oid, n.nspname, n.nspowner, n.nspacl
FROM pg_catalog.pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'pggit_v0')
  AND n.nspname NOT LIKE 'pg\_temp\_%'
  AND n.nspname NOT LIKE 'pg\_toast\_temp\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
                    AND d.objid = n.oid AND d.deptype = 'e');
COMMENT ON VIEW pggit_v0._tracked_schemas IS 'Schemas versioned by pgGit (not system, temp, pggit_v0 or extension-owned)';

-- Relations whose definitions are versioned, with their pgGit kind.  Sequences owned
-- by identity columns and extension members are left out.
CREATE OR REPLACE VIEW pggit_v0._tracked_relations AS
SELECT c.oid, s.nspname, c.relname, c.relkind, c.relowner, c.relacl,
       CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view'
                      WHEN 'm' THEN 'materialized_view' WHEN 'S' THEN 'sequence' END AS kind
FROM pg_catalog.pg_class c
JOIN pggit_v0._tracked_schemas s ON s.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                  WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                    AND d.objid = c.oid
                    AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype = 'i')));
COMMENT ON VIEW pggit_v0._tracked_relations IS 'Tables, views, materialized views and sequences versioned by pgGit';

-- GRANT/REVOKE statements that take an object from its default privileges to p_acl.
-- Grantors are instance detail and left out.  Of the owner's own entry, what differs
-- from what ownership gives: privileges it gave up (REVOKE ... FROM owner) and grant
-- options PostgreSQL records because the owner granted itself privileges WITH GRANT
-- OPTION (GRANT ... TO owner WITH GRANT OPTION), as pg_dump replays them; recorded like
-- any grantee's (owners are not versioned), so a grant to a role that owns the object
-- where the migration runs (a dump restored without owners) reads the same: undoing
-- such a grant asks the live catalog who owns the object (_invert_grants).
CREATE OR REPLACE FUNCTION pggit_v0._acl_statements(p_acl aclitem[], p_default aclitem[], p_owner oid,
                                                   p_on text, p_columns text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
-- plpgsql, not sql: a non-inlinable SQL function is planned again on every call,
-- which dominated snapshot time; NULL (default privileges) returns at once.
DECLARE
    v_out text;
BEGIN
    IF p_acl IS NULL THEN
        RETURN NULL;
    END IF;
WITH cur AS (SELECT grantee, privilege_type, is_grantable FROM aclexplode(coalesce(p_acl, p_default))),
     def AS (SELECT grantee, privilege_type, is_grantable FROM aclexplode(p_default)),
     changes AS (
        SELECT 'GRANT' AS verb, * FROM (SELECT * FROM cur WHERE grantee <> p_owner
                                        EXCEPT SELECT * FROM def WHERE grantee <> p_owner) g
        UNION ALL
        SELECT 'REVOKE', * FROM (SELECT * FROM def WHERE grantee <> p_owner
                                 EXCEPT SELECT * FROM cur WHERE grantee <> p_owner) r
        UNION ALL   -- the owner's: privileges given up, grant options given to itself
        SELECT 'REVOKE', d.grantee, d.privilege_type, false FROM def d
        WHERE d.grantee = p_owner
          AND NOT EXISTS (SELECT 1 FROM cur c WHERE c.grantee = p_owner AND c.privilege_type = d.privilege_type)
        UNION ALL
        SELECT 'GRANT', c.grantee, c.privilege_type, true FROM cur c WHERE c.grantee = p_owner AND c.is_grantable),
     grouped AS (
        SELECT verb, grantee, is_grantable,
               string_agg(privilege_type || coalesce(' (' || p_columns || ')', ''), ', '
                          ORDER BY privilege_type) AS privs
        FROM changes
        GROUP BY verb, grantee, is_grantable),
     named AS (
        SELECT verb, is_grantable, privs, grantee,
               CASE WHEN grantee = 0 THEN 'PUBLIC'
                    ELSE quote_ident(coalesce((SELECT rolname FROM pg_roles WHERE oid = grantee),
                                              grantee::text)) END AS who
        FROM grouped)
SELECT string_agg(
         CASE verb WHEN 'GRANT' THEN format('GRANT %s ON %s TO %s%s', privs, p_on, who,
                                            CASE WHEN is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
                   ELSE format('REVOKE %s ON %s FROM %s', privs, p_on, who) END,
         E';\n' ORDER BY verb, who, privs) || ';'
INTO v_out
FROM named;
    RETURN v_out;
END
$$;
COMMENT ON FUNCTION pggit_v0._acl_statements(aclitem[], aclitem[], oid, text, text) IS
    'Canonical GRANT/REVOKE statements from default privileges to p_acl (of the owner''s entry: privileges given up, grant options given to itself); NULL when default';

-- Schemas: definition, comment, grants.
DROP FUNCTION IF EXISTS pggit_v0._snap_schemas(text, text[]);
CREATE OR REPLACE FUNCTION pggit_v0._snap_schemas(p_schema text, p_names text[], p_all boolean DEFAULT NULL)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
SELECT s.nspname::text, 'schema', s.nspname::text, s.nspname::text, x.sub_key, x.def
FROM _tracked_schemas s
LEFT JOIN pg_description ds ON ds.objoid = s.oid AND ds.classoid = 'pg_namespace'::regclass AND ds.objsubid = 0
CROSS JOIN LATERAL unnest(ARRAY['definition', 'comment', 'grants']::text[], ARRAY[
    -- definition
    format('CREATE SCHEMA %I;', s.nspname),
    -- comment
    'COMMENT ON SCHEMA ' || quote_ident(s.nspname) || ' IS ' || quote_literal(ds.description) || ';',
    -- grants
    _acl_statements(s.nspacl, acldefault('n', s.nspowner), s.nspowner, format('SCHEMA %I', s.nspname))]::text[]
) AS x(sub_key, def)
WHERE x.def IS NOT NULL
  AND (p_schema IS NULL OR s.nspname = p_schema)
  AND (coalesce(p_all, p_names IS NULL) OR s.nspname = ANY (p_names))
$$;

-- Relations: the shell of tables (persistence, partitioning, inheritance, storage
-- options), views and materialized views (query), sequences (parameters, owner
-- column), plus replica identity and CLUSTER ON (when set), RLS flags, comments and
-- grants of each.  p_plain (a constant, see _snapshot_by_names): the relations read are
-- all plain tables (no partition, inheritance child, view, materialized view or
-- sequence), and the other kinds' branches are left out of the plan.
DROP FUNCTION IF EXISTS pggit_v0._snap_relations(text, text[]);
DROP FUNCTION IF EXISTS pggit_v0._snap_relations(text, text[], boolean);
CREATE OR REPLACE FUNCTION pggit_v0._snap_relations(p_schema text, p_names text[], p_all boolean DEFAULT NULL,
                                                   p_plain boolean DEFAULT false)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
SELECT r.nspname::text, r.kind, r.relname::text, r.relname::text, x.sub_key, x.def
FROM _tracked_relations r
JOIN pg_class c ON c.oid = r.oid
LEFT JOIN pg_sequence sq ON sq.seqrelid = r.oid
LEFT JOIN pg_description ds ON ds.objoid = r.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
CROSS JOIN LATERAL (SELECT format('%I.%I', r.nspname, r.relname) AS qname) q
-- (the sub-keys as two arrays, not a LATERAL VALUES list: PostgreSQL compiles the
-- expressions of a VALUES row without sub-selects again for every outer row, 1,000
-- tables: 29 -> 22 ms; the same for every kind below)
CROSS JOIN LATERAL unnest(ARRAY['definition', 'owned_by', 'replica_identity', 'cluster', 'rls', 'comment',
                                'grants']::text[], ARRAY[
    -- definition
    CASE
       WHEN NOT p_plain AND r.relkind IN ('r', 'p') AND c.relispartition THEN
         format('CREATE %sTABLE %s PARTITION OF %s %s%s%s;',
                CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END, q.qname,
                (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = r.oid),
                pg_get_expr(c.relpartbound, r.oid),
                CASE WHEN r.relkind = 'p' THEN ' PARTITION BY ' || pg_get_partkeydef(r.oid) ELSE '' END,
                ' WITH (' || array_to_string(c.reloptions, ', ') || ')')
       WHEN r.relkind IN ('r', 'p') THEN
         format('CREATE %sTABLE %s ()%s%s%s;',
                CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END, q.qname,
                CASE WHEN NOT p_plain THEN
                (SELECT ' INHERITS (' || string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno) || ')'
                 FROM pg_inherits i WHERE i.inhrelid = r.oid) END,
                CASE WHEN r.relkind = 'p' THEN ' PARTITION BY ' || pg_get_partkeydef(r.oid) ELSE '' END,
                ' WITH (' || array_to_string(c.reloptions, ', ') || ')')
       WHEN NOT p_plain AND r.relkind = 'v' THEN
         -- a view whose query reads the view itself is created as pg_dump does: first a
         -- placeholder of its columns (typed NULLs), then replaced by its query
         coalesce((SELECT format(E'CREATE VIEW %s AS\nSELECT%s;\n', q.qname,
                                 string_agg(format(E'\n    NULL::%s%s AS %I', format_type(a.atttypid, a.atttypmod),
                                                   CASE WHEN a.attcollation <> t.typcollation
                                                        THEN ' COLLATE ' || a.attcollation::regcollation::text END,
                                                   a.attname), ',' ORDER BY a.attnum))
                   FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                   WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
                     AND EXISTS (SELECT 1 FROM pg_rewrite ru
                                 JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = ru.oid
                                                 AND d.refclassid = 'pg_class'::regclass AND d.refobjid = r.oid
                                                 AND d.deptype = 'n'
                                                 -- (before 16 every view's query read itself as OLD and NEW)
                                                 AND (d.refobjsubid > 0 OR current_setting('server_version_num')::int >= 160000)
                                 WHERE ru.ev_class = r.oid AND ru.rulename = '_RETURN')
                   HAVING count(*) > 0) || 'CREATE OR REPLACE', 'CREATE')
         || format(E' VIEW %s%s AS\n%s;', q.qname,
                ' WITH (' || array_to_string(c.reloptions, ', ') || ')',
                rtrim(pg_get_viewdef(r.oid, true), E'; \n'))
         -- its columns' defaults (for inserts through it), as pg_dump writes them
         || coalesce((SELECT string_agg(format(E'\nALTER VIEW %s ALTER COLUMN %I SET DEFAULT %s;', q.qname, a.attname,
                                               pg_get_expr(ad.adbin, ad.adrelid)), '' ORDER BY a.attnum)
                      FROM pg_attrdef ad JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
                      WHERE ad.adrelid = r.oid), '')
       WHEN NOT p_plain AND r.relkind = 'm' THEN
         format(E'CREATE MATERIALIZED VIEW %s%s AS\n%s\nWITH NO DATA;', q.qname,
                ' WITH (' || array_to_string(c.reloptions, ', ') || ')',
                rtrim(pg_get_viewdef(r.oid, true), E'; \n'))
       WHEN NOT p_plain AND r.relkind = 'S' THEN
         format('CREATE %sSEQUENCE %s AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s CACHE %s %sCYCLE;',
                CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END, q.qname, format_type(sq.seqtypid, NULL), sq.seqincrement, sq.seqmin, sq.seqmax,
                sq.seqstart, sq.seqcache, CASE WHEN sq.seqcycle THEN '' ELSE 'NO ' END)
     END,
    -- owned_by
    CASE WHEN NOT p_plain THEN
     (SELECT format('ALTER SEQUENCE %s OWNED BY %s.%I;', q.qname, d.refobjid::regclass::text, a.attname)
      FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE r.relkind = 'S' AND d.classid = 'pg_class'::regclass AND d.objid = r.oid
        AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' AND d.refobjsubid > 0
      LIMIT 1) END,
    -- replica_identity: only when not the default (the primary key)
    CASE WHEN r.relkind IN ('r', 'p') AND c.relreplident <> 'd' THEN
       format('ALTER TABLE %s REPLICA IDENTITY %s;', q.qname,
              CASE c.relreplident WHEN 'f' THEN 'FULL' WHEN 'n' THEN 'NOTHING'
                   ELSE 'USING INDEX ' || (SELECT quote_ident(ic.relname) FROM pg_index i
                                           JOIN pg_class ic ON ic.oid = i.indexrelid
                                           WHERE i.indrelid = r.oid AND i.indisreplident) END)
     END,
    -- cluster
    (SELECT format('ALTER %s %s CLUSTER ON %I;', CASE WHEN r.relkind = 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END,
                    q.qname, ic.relname)
      FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE r.relkind IN ('r', 'm') AND i.indrelid = r.oid AND i.indisclustered),
    -- rls
    CASE WHEN c.relrowsecurity OR c.relforcerowsecurity THEN
       concat_ws(E'\n',
                 CASE WHEN c.relrowsecurity THEN format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY;', q.qname) END,
                 CASE WHEN c.relforcerowsecurity THEN format('ALTER TABLE %s FORCE ROW LEVEL SECURITY;', q.qname) END)
     END,
    -- comment
    CASE WHEN ds.description IS NOT NULL THEN
       format('COMMENT ON %s %s IS %L;',
              CASE r.kind WHEN 'materialized_view' THEN 'MATERIALIZED VIEW' ELSE upper(r.kind) END,
              q.qname, ds.description)
     END,
    -- grants: (no call for default privileges: 2-3 us each)
    CASE WHEN r.relacl IS NOT NULL THEN
       _acl_statements(r.relacl, acldefault(CASE WHEN r.relkind = 'S' THEN 's' ELSE 'r' END::"char", r.relowner),
                       r.relowner, CASE WHEN r.relkind = 'S' THEN 'SEQUENCE ' ELSE 'TABLE ' END || q.qname) END]::text[]
) AS x(sub_key, def)
WHERE x.def IS NOT NULL
  AND (p_schema IS NULL OR r.nspname = p_schema)
  AND (coalesce(p_all, p_names IS NULL) OR r.relname = ANY (p_names))
$$;

-- The name PostgreSQL gives the index it creates on a partition for a partitioned index
-- (and, with label 'seq', the sequence of an identity column: ChooseRelationName alike)
-- (CREATE INDEX or ADD CONSTRAINT on the parent, PARTITION OF, ATTACH PARTITION), as
-- ChooseIndexName does: <table>_pkey, or <table>_<index columns>_<key|excl|idx>, the two
-- names shortened alike to fit 63 bytes (makeObjectName; characters counted as bytes).
-- A name taken already would get a number: not guessed here, so such a partition index
-- is recorded as one of its own name.
CREATE OR REPLACE FUNCTION pggit_v0._clone_index_name(p_table text, p_columns text, p_label text) RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_n1    int := octet_length(p_table);
    v_n2    int := coalesce(octet_length(p_columns), 0);
    v_avail int := 63 - CASE WHEN p_columns IS NULL THEN 0 ELSE 1 END - octet_length(p_label) - 1;
BEGIN
    WHILE v_n1 + v_n2 > v_avail LOOP
        IF v_n1 > v_n2 THEN v_n1 := v_n1 - 1; ELSE v_n2 := v_n2 - 1; END IF;
    END LOOP;
    RETURN left(p_table, v_n1) || coalesce('_' || left(p_columns, v_n2), '') || '_' || p_label;
END
$$;
COMMENT ON FUNCTION pggit_v0._clone_index_name(text, text, text) IS
    'Name PostgreSQL chooses for a partition''s index cloned from a partitioned index (no collision number)';

-- (_identity_options, which wrote an identity column's options apart from the column's
-- text, is gone: _snap_columns writes them inline, with the sequence's name)
DROP FUNCTION IF EXISTS pggit_v0._identity_options(oid, int2);

-- Columns of tables (one blob each, position left out), their order (one blob per
-- table), column comments and column grants.  Columns only inherited from a parent
-- are described by the parent, but for a NOT NULL of their own (column_not_null <c>:
-- a partition's, which its parent does not have) and a default other than every
-- parent's (column_default <c>: a partition made (LIKE parent) without its defaults,
-- then attached, or given one of its own).  One pass over the columns (cols);
-- what few columns have (comments, grants, settings, an inherited NOT NULL) is made in
-- its own branch from the raw fields, and comments are joined there: joined to every
-- column, the planner looped over the table comments per column (1,000 tables: 38 ms).
-- p_plain: as _snap_relations' (plain tables have no inherited column).
DROP FUNCTION IF EXISTS pggit_v0._snap_columns(text, text[]);
DROP FUNCTION IF EXISTS pggit_v0._snap_columns(text, text[], boolean);
CREATE OR REPLACE FUNCTION pggit_v0._snap_columns(p_schema text, p_names text[], p_all boolean DEFAULT NULL,
                                                 p_plain boolean DEFAULT false)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
WITH ad_all AS MATERIALIZED (SELECT d.adrelid, d.adnum, d.adbin FROM pg_attrdef d WHERE coalesce(p_all, p_names IS NULL)),
cols AS (
    SELECT r.oid, r.nspname, r.relname, r.kind, r.relkind, r.relowner, a.attname, a.attnum, a.attislocal,
           a.attacl, a.attnotnull, a.attstattarget, a.attoptions, c.relispartition,
           -- storage other than its type's, a compression method (pg_dump's SET STORAGE
           -- and SET COMPRESSION)
           CASE WHEN a.attstorage <> t.typstorage
                THEN CASE a.attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN'
                                       ELSE 'EXTENDED' END END AS storage,
           CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END AS compression,
           -- an inherited column's default (compared with its parents' below)
           CASE WHEN NOT a.attislocal AND a.attgenerated = '' AND a.attidentity = '' AND r.relkind IN ('r', 'p')
                THEN pg_get_expr(ad.adbin, ad.adrelid) END AS inh_default,
           a.attgenerated <> '' OR a.attidentity <> '' AS attidentity_or_generated,
           -- (a table's own columns only: views' are named for their comments and grants)
           CASE WHEN r.relkind IN ('r', 'p') AND a.attislocal THEN
           format('%I %s%s%s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                  CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
                       THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END,
                  CASE a.attidentity WHEN 'a' THEN ' GENERATED ALWAYS AS IDENTITY'
                                     WHEN 'd' THEN ' GENERATED BY DEFAULT AS IDENTITY' ELSE '' END
                  -- (the sequence's options that differ from the defaults for its type and
                  -- direction, in CREATE TABLE's order, from the sequence joined below)
                  || CASE WHEN a.attidentity <> '' THEN coalesce(' (' || nullif(concat_ws(' ',
                         -- its sequence's name when it is not the one PostgreSQL gives it
                         -- now (the table or column renamed since, or a name taken then:
                         -- t_id_seq1), as pg_dump writes it (names that fit in 63 bytes need
                         -- no shortening: no call for them)
                         CASE WHEN idn.relname <> CASE WHEN octet_length(r.relname) + octet_length(a.attname) <= 58
                                                       THEN r.relname || '_' || a.attname || '_seq'
                                                       ELSE _clone_index_name(r.relname, a.attname, 'seq') END
                              THEN format('SEQUENCE NAME %I.%I', idn.nspname, idn.relname) END,
                         CASE WHEN idn.seqstart <> CASE WHEN idn.seqincrement > 0 THEN idn.seqmin ELSE idn.seqmax END
                              THEN 'START WITH ' || idn.seqstart END,
                         CASE WHEN idn.seqincrement <> 1 THEN 'INCREMENT BY ' || idn.seqincrement END,
                         CASE WHEN idn.seqmin <> CASE WHEN idn.seqincrement > 0 THEN 1 ELSE -idn.mx - 1 END
                              THEN 'MINVALUE ' || idn.seqmin END,
                         CASE WHEN idn.seqmax <> CASE WHEN idn.seqincrement > 0 THEN idn.mx ELSE -1 END
                              THEN 'MAXVALUE ' || idn.seqmax END,
                         CASE WHEN idn.seqcache <> 1 THEN 'CACHE ' || idn.seqcache END,
                         CASE WHEN idn.seqcycle THEN 'CYCLE' END), '') || ')', '')
                          ELSE '' END,
                  CASE WHEN a.attgenerated = 's' THEN ' GENERATED ALWAYS AS (' || pg_get_expr(ad.adbin, ad.adrelid) || ') STORED'
                       WHEN a.attgenerated = 'v' THEN ' GENERATED ALWAYS AS (' || pg_get_expr(ad.adbin, ad.adrelid) || ') VIRTUAL'
                       -- (an expression that reads no column is deparsed without its table:
                       -- given one, pg_get_expr opens and locks it, half of its cost)
                       WHEN ad.adbin IS NOT NULL
                       THEN ' DEFAULT ' || pg_get_expr(ad.adbin, CASE WHEN strpos(ad.adbin::text, '{VAR ') = 0 THEN 0
                                                                      ELSE ad.adrelid END)
                       ELSE '' END,
                  CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END) END AS coldef,
           -- an identity column's sequence is the column's: its grants are recorded with
           -- the column's (GRANT USAGE ON SEQUENCE t_id_seq, as PostgREST and Supabase
           -- projects give)
           CASE WHEN idn.relacl IS NOT NULL THEN
               _acl_statements(idn.relacl, acldefault('s', idn.relowner), idn.relowner,
                               format('SEQUENCE %I.%I', idn.nspname, idn.relname)) END AS seq_grants
    FROM _tracked_relations r
    JOIN pg_class c ON c.oid = r.oid
    JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_type t ON t.oid = a.atttypid
    -- its default: on a whole snapshot one hash join with every default (ad_all), not an
    -- index probe per column (1,000 tables: 10,400 probes, ~8 of 90 ms); by names a probe
    -- (p_all is a constant: each plan keeps one of the two, the other is an empty join)
    LEFT JOIN pg_attrdef ad1 ON ad1.adrelid = a.attrelid AND ad1.adnum = a.attnum AND NOT coalesce(p_all, p_names IS NULL)
    LEFT JOIN ad_all ad2 ON ad2.adrelid = a.attrelid AND ad2.adnum = a.attnum
    CROSS JOIN LATERAL (SELECT coalesce(ad1.adbin, ad2.adbin) AS adbin, coalesce(ad1.adrelid, ad2.adrelid) AS adrelid) ad
    -- an identity column's sequence, for its options and grants: an index probe per
    -- identity column (as a PL/pgSQL call and a subquery: 30-50 us each)
    LEFT JOIN LATERAL (
        SELECT sc.relacl, sc.relowner, sn.nspname, sc.relname, sq.seqstart, sq.seqincrement, sq.seqmin, sq.seqmax,
               sq.seqcache, sq.seqcycle,
               CASE sq.seqtypid WHEN 'int2'::regtype THEN 32767::bigint WHEN 'int4'::regtype THEN 2147483647::bigint
                                ELSE 9223372036854775807::bigint END AS mx
        FROM pg_depend d JOIN pg_class sc ON sc.oid = d.objid JOIN pg_namespace sn ON sn.oid = sc.relnamespace
        JOIN pg_sequence sq ON sq.seqrelid = sc.oid
        WHERE a.attidentity <> '' AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
          AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype = 'i' AND sc.relkind = 'S'
        LIMIT 1) idn ON true
    WHERE r.relkind IN ('r', 'p', 'v', 'm')
      AND (p_schema IS NULL OR r.nspname = p_schema)
      AND (coalesce(p_all, p_names IS NULL) OR r.relname = ANY (p_names))
)
SELECT nspname::text, kind, relname::text, relname::text, 'column ' || attname, coldef
FROM cols WHERE coldef IS NOT NULL
UNION ALL
SELECT nspname::text, kind, relname::text, relname::text, 'columns',
       string_agg(quote_ident(attname), E'\n' ORDER BY attnum)
FROM cols WHERE relkind IN ('r', 'p') AND NOT relispartition
GROUP BY oid, nspname, kind, relname
UNION ALL
SELECT x.nspname::text, x.kind, x.relname::text, x.relname::text, 'column_comment ' || x.attname,
       format('COMMENT ON COLUMN %I.%I.%I IS %L;', x.nspname, x.relname, x.attname, dsc.description)
FROM cols x JOIN pg_description dsc ON dsc.objoid = x.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = x.attnum
UNION ALL
SELECT nspname::text, kind, relname::text, relname::text, 'column_grants ' || attname,
       CASE WHEN seq_grants IS NULL
            THEN _acl_statements(attacl, NULL, relowner, format('TABLE %I.%I', nspname, relname), quote_ident(attname))
            ELSE concat_ws(E'\n', _acl_statements(attacl, NULL, relowner, format('TABLE %I.%I', nspname, relname),
                                                  quote_ident(attname)),
                           seq_grants) END
FROM cols WHERE attacl IS NOT NULL OR seq_grants IS NOT NULL
UNION ALL   -- per-column planner settings, as pg_dump writes them (-1 / NULL: the default)
SELECT nspname::text, kind, relname::text, relname::text, 'column_settings ' || attname,
       concat_ws(E'\n',
           CASE WHEN attstattarget::int >= 0
                THEN format('ALTER TABLE ONLY %I.%I ALTER COLUMN %I SET STATISTICS %s;',
                            nspname, relname, attname, attstattarget) END,
           CASE WHEN attoptions IS NOT NULL
                THEN format('ALTER TABLE ONLY %I.%I ALTER COLUMN %I SET (%s);',
                            nspname, relname, attname, array_to_string(attoptions, ', ')) END,
           CASE WHEN storage IS NOT NULL
                THEN format('ALTER TABLE ONLY %I.%I ALTER COLUMN %I SET STORAGE %s;',
                            nspname, relname, attname, storage) END,
           CASE WHEN compression IS NOT NULL
                THEN format('ALTER TABLE ONLY %I.%I ALTER COLUMN %I SET COMPRESSION %s;',
                            nspname, relname, attname, compression) END)
FROM cols WHERE relkind IN ('r', 'p') AND (attstattarget::int >= 0 OR attoptions IS NOT NULL
                                           OR storage IS NOT NULL OR compression IS NOT NULL)
UNION ALL   -- (inherited columns are described by the parent, but for this: an inherited
            -- column NOT NULL here but on none of its parents, a partition's own NOT NULL,
            -- PARTITION OF (c NOT NULL) or one its primary key set)
SELECT nspname::text, kind, relname::text, relname::text, 'column_not_null ' || attname,
       format('ALTER TABLE %I.%I ALTER COLUMN %I SET NOT NULL;', nspname, relname, attname)
FROM cols x WHERE NOT p_plain AND relkind IN ('r', 'p') AND attnotnull AND NOT attislocal
  AND NOT EXISTS (SELECT 1 FROM pg_inherits i
                  JOIN pg_attribute pa ON pa.attrelid = i.inhparent AND pa.attname = x.attname
                  WHERE i.inhrelid = x.oid AND pa.attnotnull)
UNION ALL   -- (and an inherited column whose default is none of its parents': PARTITION OF
            -- and INHERITS give it the parent's, ATTACH and INHERIT keep its own)
SELECT nspname::text, kind, relname::text, relname::text, 'column_default ' || attname,
       format('ALTER TABLE ONLY %I.%I ALTER COLUMN %I %s;', nspname, relname, attname,
              coalesce('SET DEFAULT ' || inh_default, 'DROP DEFAULT'))
FROM cols x WHERE NOT p_plain AND relkind IN ('r', 'p') AND NOT attislocal AND NOT x.attidentity_or_generated
  AND NOT EXISTS (SELECT 1 FROM pg_inherits i
                  JOIN pg_attribute pa ON pa.attrelid = i.inhparent AND pa.attname = x.attname
                  LEFT JOIN pg_attrdef pd ON pd.adrelid = pa.attrelid AND pd.adnum = pa.attnum
                  WHERE i.inhrelid = x.oid AND pg_get_expr(pd.adbin, pd.adrelid) IS NOT DISTINCT FROM x.inh_default)
$$;

-- The ALTER INDEX ... ATTACH PARTITION line of index p_index when it is attached to a
-- partitioned index and PostgreSQL would not have made it so by itself: its name is not
-- the one a clone gets (_clone_index_name), or it backs a constraint while the parent
-- index backs none.  NULL otherwise (not attached, or what a clone would be).
CREATE OR REPLACE FUNCTION pggit_v0._index_attach_line(p_index oid) RETURNS text
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT format(E'\nALTER INDEX %I.%I ATTACH PARTITION %I.%I;', pn.nspname, pc.relname, cn.nspname, cc.relname)
FROM pg_inherits i
JOIN pg_class cc ON cc.oid = i.inhrelid JOIN pg_namespace cn ON cn.oid = cc.relnamespace
JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
JOIN pg_index ix ON ix.indexrelid = cc.oid
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_index pix ON pix.indexrelid = pc.oid
LEFT JOIN pg_constraint pco ON pco.conindid = pc.oid AND pco.contype IN ('p', 'u', 'x')
LEFT JOIN pg_constraint cco ON cco.conindid = cc.oid AND cco.conrelid = t.oid AND cco.contype IN ('p', 'u', 'x')
WHERE i.inhrelid = p_index
  AND (pco.contype IS DISTINCT FROM cco.contype
       -- the parent's index made ON ONLY its table, not yet valid: it makes no clones
       OR NOT pix.indisvalid
       OR cc.relname::text <> _clone_index_name(
              t.relname, CASE WHEN pco.contype = 'p' THEN NULL
                              -- the columns' names now (a column renamed since keeps its old
                              -- name in the index, which a migration's CREATE INDEX would not)
                              ELSE (SELECT string_agg(coalesce(ta.attname, a.attname)::text, '_' ORDER BY a.attnum)
                                    FROM pg_attribute a
                                    LEFT JOIN pg_attribute ta ON ta.attrelid = t.oid AND ta.attnum = ix.indkey[a.attnum - 1]
                                                              AND ta.attnum > 0
                                    WHERE a.attrelid = cc.oid AND a.attnum > 0) END,
              CASE pco.contype WHEN 'p' THEN 'pkey' WHEN 'u' THEN 'key' WHEN 'x' THEN 'excl' ELSE 'idx' END))
$$;
COMMENT ON FUNCTION pggit_v0._index_attach_line(oid) IS
    'ATTACH PARTITION line of a partition''s index attached to a partitioned index under a name or kind no clone would have; NULL otherwise';

-- Constraints (check, foreign key, primary key, unique, exclusion) declared on a table
-- itself; constraints cloned onto partitions or only inherited are left to the parent.
-- A key of a partitioned table that some partition lacks (added with ALTER TABLE ONLY,
-- its index invalid until every partition's is attached) is recorded as ALTER TABLE ONLY.
DROP FUNCTION IF EXISTS pggit_v0._snap_constraints(text, text[]);
CREATE OR REPLACE FUNCTION pggit_v0._snap_constraints(p_schema text, p_names text[], p_all boolean DEFAULT NULL)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
SELECT r.nspname::text, r.kind, r.relname::text, r.relname::text, 'constraint ' || co.conname,
       format('ALTER TABLE %s%I.%I ADD CONSTRAINT %I %s;',
              -- a key of a partitioned table added to it ONLY, not (yet) on every partition
              CASE WHEN r.relkind = 'p' AND co.contype IN ('p', 'u', 'x')
                        AND EXISTS (SELECT 1 FROM pg_index ci WHERE ci.indexrelid = co.conindid AND NOT ci.indisvalid)
                   THEN 'ONLY ' ELSE '' END,
              r.nspname, r.relname, co.conname,
              -- a key's index storage parameters, which pg_get_constraintdef leaves out (as
              -- pg_dump adds them): before DEFERRABLE, where ADD CONSTRAINT takes them
              CASE WHEN co.contype IN ('p', 'u')
                        AND (SELECT ic.reloptions FROM pg_class ic WHERE ic.oid = co.conindid) IS NOT NULL
                   THEN regexp_replace(pg_get_constraintdef(co.oid), '( (NOT )?DEFERRABLE.*)?$',
                                       ' WITH (' || array_to_string((SELECT ic.reloptions FROM pg_class ic
                                                                    WHERE ic.oid = co.conindid), ', ') || ')\1')
                   ELSE pg_get_constraintdef(co.oid) END)
       -- the key of a partition attached to its parent's index (see _index_attach_line)
       || CASE WHEN co.contype IN ('p', 'u', 'x') AND r.relispartition
               THEN coalesce(_index_attach_line(co.conindid), '') ELSE '' END
FROM (SELECT tr.*, c.relispartition FROM _tracked_relations tr JOIN pg_class c ON c.oid = tr.oid) r
JOIN pg_constraint co ON co.conrelid = r.oid
WHERE co.contype IN ('c', 'f', 'p', 'u', 'x')
  AND ((co.conislocal AND co.conparentid = 0)
       OR (co.conparentid <> 0 AND r.relispartition AND co.contype IN ('p', 'u', 'x')
           AND _index_attach_line(co.conindid) IS NOT NULL))
  AND (p_schema IS NULL OR r.nspname = p_schema)
  AND (coalesce(p_all, p_names IS NULL) OR r.relname = ANY (p_names))
UNION ALL
SELECT r.nspname::text, r.kind, r.relname::text, r.relname::text, 'constraint_comment ' || co.conname,
       format('COMMENT ON CONSTRAINT %I ON %I.%I IS %L;', co.conname, r.nspname, r.relname, d.description)
FROM _tracked_relations r
JOIN pg_constraint co ON co.conrelid = r.oid
JOIN pg_description d ON d.objoid = co.oid AND d.classoid = 'pg_constraint'::regclass
WHERE co.conislocal AND co.conparentid = 0
  AND (p_schema IS NULL OR r.nspname = p_schema)
  AND (coalesce(p_all, p_names IS NULL) OR r.relname = ANY (p_names))
$$;

-- Indexes not backing a constraint and not attached to a parent's index, but for those
-- attached under a name no clone would have (with their ATTACH PARTITION line).  The
-- indexes are chosen first (OFFSET 0: not pulled up), then deparsed: pg_get_indexdef
-- costs ~30 us an index (it looks up each column's default operator class), and the
-- planner applied the constraint filter after it, deparsing every key's index too.
DROP FUNCTION IF EXISTS pggit_v0._snap_indexes(text, text[]);
CREATE OR REPLACE FUNCTION pggit_v0._snap_indexes(p_schema text, p_names text[], p_all boolean DEFAULT NULL)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
SELECT i.nspname::text, i.kind, i.relname::text, i.relname::text, x.sub_key, x.def
FROM (SELECT r.nspname, r.kind, r.relname, ix.indexrelid, ic.relname AS iname, ic.relispartition, ds.description,
             ic.relkind = 'I' AND NOT ix.indisvalid AS on_only, ix.indexprs IS NOT NULL AS has_exprs
      FROM _tracked_relations r
      JOIN pg_index ix ON ix.indrelid = r.oid
      JOIN pg_class ic ON ic.oid = ix.indexrelid
      LEFT JOIN pg_description ds ON ds.objoid = ic.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
      WHERE NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = ix.indexrelid AND co.conrelid = r.oid
                        AND co.contype IN ('p', 'u', 'x'))
        -- attached to a partitioned index (an index is a partition only then): left to
        -- it, unless no clone would be so
        AND (NOT ic.relispartition OR _index_attach_line(ix.indexrelid) IS NOT NULL)
        AND (p_schema IS NULL OR r.nspname = p_schema)
        AND (coalesce(p_all, p_names IS NULL) OR r.relname = ANY (p_names))
      OFFSET 0) i
CROSS JOIN LATERAL unnest(ARRAY['index ' || i.iname, 'index_comment ' || i.iname]::text[], ARRAY[
    -- with the statistics targets of its expression columns, as pg_dump writes them
    -- (pg_get_indexdef says ON ONLY of every partitioned index, and migrations create
    -- them plain, so partitions get theirs; one not yet valid, made ON ONLY its table
    -- and not attached on every partition, is marked so: see _on_only_mark)
    pg_get_indexdef(i.indexrelid) || ';'
        || CASE WHEN i.on_only THEN E'\n' || _on_only_mark() ELSE '' END
        -- (only expression columns take one: no lookup for an index without expressions)
        || CASE WHEN i.has_exprs THEN coalesce((
        SELECT string_agg(format(E'\nALTER INDEX %I.%I ALTER COLUMN %s SET STATISTICS %s;',
                                 i.nspname, i.iname, ia.attnum, ia.attstattarget), '' ORDER BY ia.attnum)
        FROM pg_attribute ia WHERE ia.attrelid = i.indexrelid AND ia.attnum > 0 AND ia.attstattarget::int >= 0), '')
        ELSE '' END
        -- (an index of a partition attached to its parent's under a name of its own)
        || CASE WHEN i.relispartition THEN coalesce(_index_attach_line(i.indexrelid), '') ELSE '' END,
    'COMMENT ON INDEX ' || format('%I.%I', i.nspname, i.iname) || ' IS ' || quote_literal(i.description) || ';']::text[]
) AS x(sub_key, def)
WHERE x.def IS NOT NULL
$$;

-- _snap_indexes' rows for a whole snapshot (_snapshot_q, one schema or all), the indexes
-- chosen alike (i), then deparsed.  Most of pg_get_indexdef's cost is GetDefaultOpClass,
-- a catalog scan of every btree operator class for each key column, to tell whether to
-- print its class (1,000 tables, 3,000 key columns: ~9% of a full commit).
-- Plain btree indexes (no UNIQUE, expression, INCLUDE, storage parameter, collation or
-- operator class of their own: most indexes) are written here as it writes them, each
-- column's default class looked up in dflt, made once a snapshot; every other index,
-- and every index with a column dflt cannot vouch for, goes to pg_get_indexdef
-- (tests/sql/test_speed_indexdef.py compares both on every kind of index).  Not by
-- names: for a few indexes, making dflt costs more than it saves, and planning it adds
-- to a session's first incremental commit.
-- dflt: btree's default operator class of a column type as GetDefaultOpClass picks it
-- (the type's own default class; else, for a base type that is no array, the one
-- default class of a type it casts to without a function and implicitly, the preferred
-- one of its category if several), NULL when that class takes options (its column
-- would print it); no row (pg_get_indexdef decides) for domains, arrays, enums, ranges,
-- composites and types with no or several candidates.
CREATE OR REPLACE FUNCTION pggit_v0._snap_indexes_all(p_schema text)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
WITH i AS MATERIALIZED (
    SELECT r.nspname, r.kind, r.relname, ix.indexrelid, ic.relname AS iname, ic.relispartition, ds.description,
           ic.relkind = 'I' AND NOT ix.indisvalid AS on_only, ix.indexprs IS NOT NULL AS has_exprs,
           ix.indrelid, ix.indnkeyatts, ix.indpred, ic.relkind = 'I' AS partitioned,
           -- (a plain btree index: written here when its columns are, see above)
           ic.relam = 403 AND NOT ix.indisunique AND ix.indexprs IS NULL AND ix.indnatts = ix.indnkeyatts
           AND ic.reloptions IS NULL AS plain,
           ix.indkey::int2[] AS keys, ix.indclass::oid[] AS classes, ix.indcollation::oid[] AS colls,
           ix.indoption::int2[] AS opts
    FROM _tracked_relations r
    JOIN pg_index ix ON ix.indrelid = r.oid
    JOIN pg_class ic ON ic.oid = ix.indexrelid
    LEFT JOIN pg_description ds ON ds.objoid = ic.oid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0
    WHERE NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = ix.indexrelid AND co.conrelid = r.oid
                      AND co.contype IN ('p', 'u', 'x'))
      -- attached to a partitioned index (an index is a partition only then): left to
      -- it, unless no clone would be so
      AND (NOT ic.relispartition OR _index_attach_line(ix.indexrelid) IS NOT NULL)
      AND (p_schema IS NULL OR r.nspname = p_schema)
),
bt AS MATERIALIZED (   -- btree's default operator classes (403: BTREE_AM_OID)
    SELECT o.oid, o.opcintype, ot.typtype, ot.typcategory, ot.typispreferred,
           EXISTS (SELECT 1 FROM pg_amproc p WHERE p.amprocfamily = o.opcfamily AND p.amprocnum = 5) AS takes_options
    FROM pg_opclass o JOIN pg_type ot ON ot.oid = o.opcintype
    WHERE o.opcmethod = 403 AND o.opcdefault AND EXISTS (SELECT 1 FROM i WHERE i.plain)
),
dflt AS MATERIALIZED (
    SELECT b.opcintype AS typ, CASE WHEN NOT bool_or(b.takes_options) THEN min(b.oid) END AS opc
    FROM bt b WHERE b.typtype NOT IN ('p', 'd')
    GROUP BY b.opcintype HAVING count(*) = 1
    UNION ALL
    SELECT c.castsource,
           CASE WHEN count(*) FILTER (WHERE c.preferred) = 1
                THEN CASE WHEN NOT bool_or(c.takes_options) FILTER (WHERE c.preferred) THEN min(c.oid) FILTER (WHERE c.preferred) END
                WHEN count(*) FILTER (WHERE c.preferred) = 0 AND count(*) = 1
                THEN CASE WHEN NOT bool_or(c.takes_options) THEN min(c.oid) END END
    FROM (SELECT ca.castsource, b.oid, b.takes_options,
                 b.typispreferred AND b.typcategory = st.typcategory AS preferred
          FROM pg_cast ca
          JOIN bt b ON b.opcintype = ca.casttarget
          JOIN pg_type st ON st.oid = ca.castsource
          WHERE ca.castmethod = 'b' AND ca.castcontext = 'i' AND st.typtype = 'b'
            AND NOT (st.typlen = -1 AND st.typsubscript = 'pg_catalog.array_subscript_handler'::regproc)
            AND NOT EXISTS (SELECT 1 FROM bt e WHERE e.opcintype = ca.castsource)
            -- (a default class of a type every other type is coercible to: none in core)
            AND NOT EXISTS (SELECT 1 FROM bt a WHERE a.opcintype IN ('"any"'::regtype, 'anyelement'::regtype,
                                                                   'anycompatible'::regtype, 'anynonarray'::regtype,
                                                                   'anycompatiblenonarray'::regtype))) c
    GROUP BY c.castsource
),
kc AS MATERIALIZED (   -- the plain indexes' key columns (each an index lookup: OFFSET 0)
    SELECT i.indexrelid, k.ord, k.cls, k.coll, k.opt, a.attname, a.atttypid, a.attcollation
    FROM i
    CROSS JOIN LATERAL unnest(i.keys, i.classes, i.colls, i.opts) WITH ORDINALITY AS k(attnum, cls, coll, opt, ord)
    CROSS JOIN LATERAL (SELECT a.attname, a.atttypid, a.attcollation FROM pg_attribute a
                        WHERE a.attrelid = i.indrelid AND a.attnum = k.attnum OFFSET 0) a
    WHERE i.plain
),
-- the predicates of plain indexes in the three forms most partial indexes have ("WHERE
-- c", "WHERE (NOT c)", "WHERE (c IS [NOT] NULL)" of a column c), read from the stored
-- node tree and written as pg_get_expr writes them, without it: given the table,
-- pg_get_expr opens it, and in a new session builds its relation cache entry (1,000
-- partial indexes: 126 M instructions in a session's first commit, 22 M in a later
-- one; this way ~20 M in both).  Any other predicate is left to pg_get_expr.
pf AS MATERIALIZED (   -- (LIKE only, a further "{" being a further node: regexp_match cost
                       -- +250 M, counting the "{" with replace() +11 M)
    SELECT i.indexrelid, i.indrelid, f.form,
           CASE WHEN f.form IS NOT NULL THEN split_part(split_part(p.t, ' :varattno ', 2), ' ', 1)::int2 END AS attnum
    FROM i
    CROSS JOIN LATERAL (SELECT i.indpred::text AS t) p
    CROSS JOIN LATERAL (SELECT CASE
        WHEN p.t LIKE '{VAR :varno 1 :varattno % :vartype 16 %}' AND p.t NOT LIKE '_%{%' THEN 'var'
        WHEN p.t LIKE '{BOOLEXPR :boolop not :args ({VAR :varno 1 :varattno % :vartype 16 %}) :location %}'
             AND p.t NOT LIKE '_%{%{%' THEN 'not'
        WHEN p.t LIKE '{NULLTEST :arg {VAR :varno 1 :varattno % :nulltesttype 0 :argisrow false :location %}'
             AND p.t NOT LIKE '_%{%{%' THEN 'null'
        WHEN p.t LIKE '{NULLTEST :arg {VAR :varno 1 :varattno % :nulltesttype 1 :argisrow false :location %}'
             AND p.t NOT LIKE '_%{%{%' THEN 'not null' END AS form) f
    WHERE i.plain AND i.indpred IS NOT NULL
),
pt AS MATERIALIZED (   -- (each column an index lookup: OFFSET 0)
    SELECT pf.indexrelid,
           CASE pf.form WHEN 'var' THEN quote_ident(a.attname)
                        WHEN 'not' THEN '(NOT ' || quote_ident(a.attname) || ')'
                        ELSE '(' || quote_ident(a.attname) || ' IS ' || upper(pf.form) || ')' END AS txt
    FROM pf
    CROSS JOIN LATERAL (SELECT a.attname FROM pg_attribute a
                        WHERE a.attrelid = pf.indrelid AND a.attnum = pf.attnum AND NOT a.attisdropped OFFSET 0) a
),
cols AS (   -- their columns as pg_get_indexdef writes them (ok: it would write them so)
    SELECT kc.indexrelid, count(*) AS n,
           bool_and(d.opc IS NOT NULL AND d.opc = kc.cls AND (kc.coll = 0 OR kc.coll = kc.attcollation)) AS ok,
           string_agg(quote_ident(kc.attname)
                      || CASE WHEN kc.opt & 1 <> 0 THEN ' DESC' || CASE WHEN kc.opt & 2 = 0 THEN ' NULLS LAST' ELSE '' END
                              WHEN kc.opt & 2 <> 0 THEN ' NULLS FIRST' ELSE '' END, ', ' ORDER BY kc.ord) AS txt
    FROM kc LEFT JOIN dflt d ON d.typ = kc.atttypid
    GROUP BY kc.indexrelid
)
SELECT i.nspname::text, i.kind, i.relname::text, i.relname::text, x.sub_key, x.def
FROM i
LEFT JOIN cols f ON f.indexrelid = i.indexrelid AND f.ok AND f.n = i.indnkeyatts
LEFT JOIN pt ON pt.indexrelid = i.indexrelid
CROSS JOIN LATERAL unnest(ARRAY['index ' || i.iname, 'index_comment ' || i.iname]::text[], ARRAY[
    -- with the statistics targets of its expression columns, as pg_dump writes them
    -- (pg_get_indexdef says ON ONLY of every partitioned index, and migrations create
    -- them plain, so partitions get theirs; one not yet valid, made ON ONLY its table
    -- and not attached on every partition, is marked so: see _on_only_mark)
    coalesce('CREATE INDEX ' || quote_ident(i.iname) || ' ON ' || CASE WHEN i.partitioned THEN 'ONLY ' ELSE '' END
             || quote_ident(i.nspname) || '.' || quote_ident(i.relname) || ' USING btree (' || f.txt || ')'
             || CASE WHEN i.indpred IS NOT NULL THEN ' WHERE ' || coalesce(pt.txt, pg_get_expr(i.indpred, i.indrelid)) ELSE '' END,
             pg_get_indexdef(i.indexrelid)) || ';'
        || CASE WHEN i.on_only THEN E'\n' || _on_only_mark() ELSE '' END
        -- (only expression columns take one: no lookup for an index without expressions)
        || CASE WHEN i.has_exprs THEN coalesce((
        SELECT string_agg(format(E'\nALTER INDEX %I.%I ALTER COLUMN %s SET STATISTICS %s;',
                                 i.nspname, i.iname, ia.attnum, ia.attstattarget), '' ORDER BY ia.attnum)
        FROM pg_attribute ia WHERE ia.attrelid = i.indexrelid AND ia.attnum > 0 AND ia.attstattarget::int >= 0), '')
        ELSE '' END
        -- (an index of a partition attached to its parent's under a name of its own)
        || CASE WHEN i.relispartition THEN coalesce(_index_attach_line(i.indexrelid), '') ELSE '' END,
    'COMMENT ON INDEX ' || format('%I.%I', i.nspname, i.iname) || ' IS ' || quote_literal(i.description) || ';']::text[]
) AS x(sub_key, def)
WHERE x.def IS NOT NULL
$$;

-- Triggers (user triggers only: no internal or partition-clone triggers) with their
-- firing state, policies, and comments on both.
DROP FUNCTION IF EXISTS pggit_v0._snap_triggers_policies(text, text[]);
CREATE OR REPLACE FUNCTION pggit_v0._snap_triggers_policies(p_schema text, p_names text[], p_all boolean DEFAULT NULL)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
SELECT r.nspname::text, r.kind, r.relname::text, r.relname::text, 'trigger ' || tg.tgname,
       pg_get_triggerdef(tg.oid) || ';'
       -- firing state (pg_get_triggerdef leaves it out): disabled, replica or always
       || CASE tg.tgenabled WHEN 'D' THEN E'\nALTER TABLE ' || format('%I.%I', r.nspname, r.relname) || ' DISABLE TRIGGER ' || quote_ident(tg.tgname) || ';'
                            WHEN 'R' THEN E'\nALTER TABLE ' || format('%I.%I', r.nspname, r.relname) || ' ENABLE REPLICA TRIGGER ' || quote_ident(tg.tgname) || ';'
                            WHEN 'A' THEN E'\nALTER TABLE ' || format('%I.%I', r.nspname, r.relname) || ' ENABLE ALWAYS TRIGGER ' || quote_ident(tg.tgname) || ';'
                            ELSE '' END
FROM _tracked_relations r
JOIN pg_trigger tg ON tg.tgrelid = r.oid
WHERE NOT tg.tgisinternal AND tg.tgparentid = 0
  AND (p_schema IS NULL OR r.nspname = p_schema)
  AND (coalesce(p_all, p_names IS NULL) OR r.relname = ANY (p_names))
UNION ALL   -- a partition's clone of its parent's trigger fired otherwise than the parent's
            -- (ALTER TABLE partition DISABLE TRIGGER t): its firing state
SELECT r.nspname::text, r.kind, r.relname::text, r.relname::text, 'trigger_state ' || tg.tgname,
       format('ALTER TABLE %I.%I %s TRIGGER %I;', r.nspname, r.relname,
              CASE tg.tgenabled WHEN 'D' THEN 'DISABLE' WHEN 'R' THEN 'ENABLE REPLICA' WHEN 'A' THEN 'ENABLE ALWAYS'
                                ELSE 'ENABLE' END, tg.tgname)
FROM _tracked_relations r
JOIN pg_trigger tg ON tg.tgrelid = r.oid
JOIN pg_trigger ptg ON ptg.oid = tg.tgparentid
WHERE NOT tg.tgisinternal AND tg.tgparentid <> 0 AND tg.tgenabled <> ptg.tgenabled
  AND (p_schema IS NULL OR r.nspname = p_schema)
  AND (coalesce(p_all, p_names IS NULL) OR r.relname = ANY (p_names))
UNION ALL
SELECT r.nspname::text, r.kind, r.relname::text, r.relname::text, 'policy ' || po.polname,
       format('CREATE POLICY %I ON %I.%I AS %s FOR %s TO %s%s%s;', po.polname, r.nspname, r.relname,
              CASE WHEN po.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END,
              CASE po.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                             WHEN 'd' THEN 'DELETE' ELSE 'ALL' END,
              (SELECT string_agg(CASE WHEN ro = 0 THEN 'PUBLIC'
                                      ELSE quote_ident((SELECT rolname FROM pg_roles WHERE oid = ro)) END,
                                 ', ' ORDER BY ro = 0 DESC, (SELECT rolname FROM pg_roles WHERE oid = ro))
               FROM unnest(po.polroles) AS ro),
              ' USING (' || pg_get_expr(po.polqual, po.polrelid) || ')',
              ' WITH CHECK (' || pg_get_expr(po.polwithcheck, po.polrelid) || ')')
FROM _tracked_relations r
JOIN pg_policy po ON po.polrelid = r.oid
WHERE (p_schema IS NULL OR r.nspname = p_schema)
  AND (coalesce(p_all, p_names IS NULL) OR r.relname = ANY (p_names))
UNION ALL   -- rules (a view's own _RETURN rule is its definition), with their firing state
SELECT r.nspname::text, r.kind, r.relname::text, r.relname::text, 'rule ' || ru.rulename,
       pg_get_ruledef(ru.oid)
       || CASE ru.ev_enabled WHEN 'D' THEN format(E'\nALTER TABLE %I.%I DISABLE RULE %I;', r.nspname, r.relname, ru.rulename)
                             WHEN 'R' THEN format(E'\nALTER TABLE %I.%I ENABLE REPLICA RULE %I;', r.nspname, r.relname, ru.rulename)
                             WHEN 'A' THEN format(E'\nALTER TABLE %I.%I ENABLE ALWAYS RULE %I;', r.nspname, r.relname, ru.rulename)
                             ELSE '' END
FROM _tracked_relations r
JOIN pg_rewrite ru ON ru.ev_class = r.oid AND ru.rulename <> '_RETURN'
WHERE (p_schema IS NULL OR r.nspname = p_schema)
  AND (coalesce(p_all, p_names IS NULL) OR r.relname = ANY (p_names))
UNION ALL   -- comments on triggers, policies and rules: of some relations (by name),
            -- their triggers, policies and rules looked up per relation
SELECT r.nspname::text, r.kind, r.relname::text, r.relname::text,
       CASE ds.classoid WHEN 'pg_trigger'::regclass THEN 'trigger_comment ' WHEN 'pg_rewrite'::regclass THEN 'rule_comment '
                        ELSE 'policy_comment ' END || x.n,
       format('COMMENT ON %s %I ON %I.%I IS %L;',
              CASE ds.classoid WHEN 'pg_trigger'::regclass THEN 'TRIGGER' WHEN 'pg_rewrite'::regclass THEN 'RULE' ELSE 'POLICY' END,
              x.n, r.nspname, r.relname, ds.description)
FROM _tracked_relations r
JOIN LATERAL (SELECT tg.oid, 'pg_trigger'::regclass AS cls, tg.tgname::text AS n FROM pg_trigger tg
              WHERE tg.tgrelid = r.oid AND NOT tg.tgisinternal AND tg.tgparentid = 0
              UNION ALL
              SELECT po.oid, 'pg_policy'::regclass, po.polname::text FROM pg_policy po WHERE po.polrelid = r.oid
              UNION ALL
              SELECT ru.oid, 'pg_rewrite'::regclass, ru.rulename::text FROM pg_rewrite ru
              WHERE ru.ev_class = r.oid AND ru.rulename <> '_RETURN') x ON true
JOIN pg_description ds ON ds.objoid = x.oid AND ds.classoid = x.cls AND ds.objsubid = 0
WHERE NOT coalesce(p_all, p_names IS NULL)
  AND (p_schema IS NULL OR r.nspname = p_schema)
  AND r.relname = ANY (p_names)
UNION ALL   -- (of every relation: from the comments, few; three lookups per relation
            -- cost a whole snapshot of 1,000 tables 8 ms)
SELECT r.nspname::text, r.kind, r.relname::text, r.relname::text,
       CASE ds.classoid WHEN 'pg_trigger'::regclass THEN 'trigger_comment ' WHEN 'pg_rewrite'::regclass THEN 'rule_comment '
                        ELSE 'policy_comment ' END || x.n,
       format('COMMENT ON %s %I ON %I.%I IS %L;',
              CASE ds.classoid WHEN 'pg_trigger'::regclass THEN 'TRIGGER' WHEN 'pg_rewrite'::regclass THEN 'RULE' ELSE 'POLICY' END,
              x.n, r.nspname, r.relname, ds.description)
FROM pg_description ds
JOIN LATERAL (SELECT tg.tgrelid AS rel, tg.tgname::text AS n FROM pg_trigger tg
              WHERE ds.classoid = 'pg_trigger'::regclass AND tg.oid = ds.objoid AND NOT tg.tgisinternal AND tg.tgparentid = 0
              UNION ALL
              SELECT po.polrelid, po.polname::text FROM pg_policy po
              WHERE ds.classoid = 'pg_policy'::regclass AND po.oid = ds.objoid
              UNION ALL
              SELECT ru.ev_class, ru.rulename::text FROM pg_rewrite ru
              WHERE ds.classoid = 'pg_rewrite'::regclass AND ru.oid = ds.objoid AND ru.rulename <> '_RETURN') x ON true
JOIN _tracked_relations r ON r.oid = x.rel
WHERE coalesce(p_all, p_names IS NULL)
  AND ds.classoid IN ('pg_trigger'::regclass, 'pg_policy'::regclass, 'pg_rewrite'::regclass) AND ds.objsubid = 0
  AND (p_schema IS NULL OR r.nspname = p_schema)
$$;

-- Functions, procedures and aggregates, keyed by name and identity arguments.
DROP FUNCTION IF EXISTS pggit_v0._snap_routines(text, text[]);
CREATE OR REPLACE FUNCTION pggit_v0._snap_routines(p_schema text, p_names text[], p_all boolean DEFAULT NULL)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
WITH routines AS (
    SELECT p.oid, s.nspname, p.proname, p.prokind, p.proowner, p.proacl,
           format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid)) AS key,
           format('%I.%I(%s)', s.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) AS qsig,
           CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END AS kind
    FROM pg_proc p
    JOIN _tracked_schemas s ON s.oid = p.pronamespace
    WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
                      AND d.objid = p.oid AND d.deptype IN ('e', 'i'))
      AND (p_schema IS NULL OR s.nspname = p_schema)
      AND (coalesce(p_all, p_names IS NULL) OR p.proname = ANY (p_names))
)
SELECT ro.nspname::text, ro.kind, ro.key, ro.proname::text, x.sub_key, x.def
FROM routines ro
LEFT JOIN pg_aggregate ag ON ag.aggfnoid = ro.oid
LEFT JOIN pg_description ds ON ds.objoid = ro.oid AND ds.classoid = 'pg_proc'::regclass AND ds.objsubid = 0
CROSS JOIN LATERAL unnest(ARRAY['definition', 'comment', 'grants']::text[], ARRAY[
    -- definition
    CASE WHEN ro.prokind = 'a' THEN
       -- (an aggregate of no arguments is named with (*))
       format('CREATE AGGREGATE %s (%s);', regexp_replace(ro.qsig, '\(\)$', '(*)'), concat_ws(', ',
              'SFUNC = ' || ag.aggtransfn::regproc::text,
              'STYPE = ' || format_type(ag.aggtranstype, NULL),
              CASE WHEN ag.aggtransspace <> 0 THEN 'SSPACE = ' || ag.aggtransspace END,
              CASE WHEN ag.aggfinalfn <> 0 THEN 'FINALFUNC = ' || ag.aggfinalfn::regproc::text END,
              CASE WHEN ag.aggfinalextra THEN 'FINALFUNC_EXTRA' END,
              CASE WHEN ag.aggcombinefn <> 0 THEN 'COMBINEFUNC = ' || ag.aggcombinefn::regproc::text END,
              CASE WHEN ag.aggserialfn <> 0 THEN 'SERIALFUNC = ' || ag.aggserialfn::regproc::text END,
              CASE WHEN ag.aggdeserialfn <> 0 THEN 'DESERIALFUNC = ' || ag.aggdeserialfn::regproc::text END,
              CASE WHEN ag.agginitval IS NOT NULL THEN 'INITCOND = ' || quote_literal(ag.agginitval) END,
              CASE WHEN ag.aggsortop <> 0 THEN 'SORTOP = ' || ag.aggsortop::regoperator::text END,
              CASE WHEN ag.aggkind = 'h' THEN 'HYPOTHETICAL' END))
     ELSE rtrim(pg_get_functiondef(ro.oid), E'\n') || ';' END,
    -- comment
    'COMMENT ON ' || upper(ro.kind) || ' '
     || CASE WHEN ro.prokind = 'a' THEN regexp_replace(ro.qsig, '\(\)$', '(*)') ELSE ro.qsig END
     || ' IS ' || quote_literal(ds.description) || ';',
    -- grants
    _acl_statements(ro.proacl, acldefault('f', ro.proowner), ro.proowner,
                     CASE ro.kind WHEN 'procedure' THEN 'PROCEDURE ' ELSE 'FUNCTION ' END || ro.qsig)]::text[]
) AS x(sub_key, def)
WHERE x.def IS NOT NULL
$$;

-- Enum, composite, range and domain types.
DROP FUNCTION IF EXISTS pggit_v0._snap_types(text, text[]);
CREATE OR REPLACE FUNCTION pggit_v0._snap_types(p_schema text, p_names text[], p_all boolean DEFAULT NULL)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
WITH types AS (
    SELECT t.oid, s.nspname, t.typname, t.typtype, t.typowner, t.typacl, t.typrelid,
           format('%I.%I', s.nspname, t.typname) AS qname,
           CASE WHEN t.typtype = 'd' THEN 'domain' ELSE 'type' END AS kind, t.typbasetype, t.typtypmod,
           t.typcollation, t.typnotnull, t.typdefault, t.typdefaultbin
    FROM pg_type t
    JOIN _tracked_schemas s ON s.oid = t.typnamespace
    WHERE (t.typtype IN ('e', 'd', 'r')
           OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
                      AND d.objid = t.oid AND d.deptype = 'e')
      AND (p_schema IS NULL OR s.nspname = p_schema)
      AND (coalesce(p_all, p_names IS NULL) OR t.typname = ANY (p_names))
)
SELECT ty.nspname::text, ty.kind, ty.typname::text, ty.typname::text, x.sub_key, x.def
FROM types ty
LEFT JOIN pg_description ds ON ds.objoid = ty.oid AND ds.classoid = 'pg_type'::regclass AND ds.objsubid = 0
CROSS JOIN LATERAL unnest(ARRAY['definition', 'comment', 'grants']::text[], ARRAY[
    -- definition
    CASE ty.typtype
       WHEN 'e' THEN format('CREATE TYPE %s AS ENUM (%s);', ty.qname,
                            (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                             FROM pg_enum e WHERE e.enumtypid = ty.oid))
       WHEN 'c' THEN format('CREATE TYPE %s AS (%s);', ty.qname,
                            (SELECT string_agg(format('%I %s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                                               CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation
                                                    THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END),
                                               ', ' ORDER BY a.attnum)
                             FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid
                             WHERE a.attrelid = ty.typrelid AND a.attnum > 0 AND NOT a.attisdropped))
       WHEN 'r' THEN (SELECT format('CREATE TYPE %s AS RANGE (%s);', ty.qname, concat_ws(', ',
                             'SUBTYPE = ' || format_type(rg.rngsubtype, NULL),
                             CASE WHEN NOT oc.opcdefault
                                  THEN 'SUBTYPE_OPCLASS = '
                                       || CASE WHEN oc.opcnamespace = 'pg_catalog'::regnamespace THEN ''
                                               ELSE quote_ident(oc.opcnamespace::regnamespace::text) || '.' END
                                       || quote_ident(oc.opcname) END,
                             CASE WHEN rg.rngcollation <> 0 AND rg.rngcollation <> st.typcollation
                                  THEN 'COLLATION = ' || rg.rngcollation::regcollation::text END,
                             CASE WHEN rg.rngcanonical <> 0 THEN 'CANONICAL = ' || rg.rngcanonical::regproc::text END,
                             CASE WHEN rg.rngsubdiff <> 0 THEN 'SUBTYPE_DIFF = ' || rg.rngsubdiff::regproc::text END,
                             'MULTIRANGE_TYPE_NAME = ' || rg.rngmultitypid::regtype::text))
                      FROM pg_range rg JOIN pg_opclass oc ON oc.oid = rg.rngsubopc
                      JOIN pg_type st ON st.oid = rg.rngsubtype
                      WHERE rg.rngtypid = ty.oid)
       WHEN 'd' THEN format('CREATE DOMAIN %s AS %s%s%s%s%s;', ty.qname, format_type(ty.typbasetype, ty.typtypmod),
                            CASE WHEN ty.typcollation <> 0
                                      AND ty.typcollation <> (SELECT typcollation FROM pg_type WHERE oid = ty.typbasetype)
                                 THEN ' COLLATE ' || ty.typcollation::regcollation::text ELSE '' END,
                            CASE WHEN ty.typdefaultbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(ty.typdefaultbin, 0)
                                 WHEN ty.typdefault IS NOT NULL THEN ' DEFAULT ' || quote_literal(ty.typdefault)
                                 ELSE '' END,
                            CASE WHEN ty.typnotnull THEN ' NOT NULL' ELSE '' END,
                            (SELECT coalesce(string_agg(format(' CONSTRAINT %I %s', co.conname, pg_get_constraintdef(co.oid)),
                                                        '' ORDER BY co.conname), '')
                             FROM pg_constraint co WHERE co.contypid = ty.oid AND co.contype = 'c'))
     END,
    -- comment
    'COMMENT ON ' || upper(ty.kind) || ' ' || ty.qname || ' IS ' || quote_literal(ds.description) || ';',
    -- grants
    _acl_statements(ty.typacl, acldefault('T', ty.typowner), ty.typowner,
                               CASE ty.kind WHEN 'domain' THEN 'DOMAIN ' ELSE 'TYPE ' END || ty.qname)]::text[]
) AS x(sub_key, def)
WHERE x.def IS NOT NULL
$$;

-- Collations: provider, locale(s), determinism and ICU rules (never the collation
-- version, which is instance detail), and comments.  Catalog columns moved between
-- PostgreSQL versions (collcollate/collctype, colliculocale, colllocale), so the row
-- is read through to_jsonb; the same collation gives the same text on 14 to 18.
DROP FUNCTION IF EXISTS pggit_v0._snap_collations(text, text[]);
CREATE OR REPLACE FUNCTION pggit_v0._snap_collations(p_schema text, p_names text[], p_all boolean DEFAULT NULL)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
WITH colls AS (
    SELECT c.oid, s.nspname, c.collname, format('%I.%I', s.nspname, c.collname) AS qname, to_jsonb(c) AS j
    FROM pg_collation c
    JOIN _tracked_schemas s ON s.oid = c.collnamespace
    WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_collation'::regclass
                      AND d.objid = c.oid AND d.deptype = 'e')
      AND (p_schema IS NULL OR s.nspname = p_schema)
      AND (coalesce(p_all, p_names IS NULL) OR c.collname = ANY (p_names))
)
SELECT co.nspname::text, 'collation', co.collname::text, co.collname::text, x.sub_key, x.def
FROM colls co
LEFT JOIN pg_description ds ON ds.objoid = co.oid AND ds.classoid = 'pg_collation'::regclass AND ds.objsubid = 0
CROSS JOIN LATERAL unnest(ARRAY['definition', 'comment']::text[], ARRAY[
    format('CREATE COLLATION %s (%s);', co.qname, concat_ws(', ',
            'provider = ' || CASE co.j->>'collprovider' WHEN 'i' THEN 'icu' WHEN 'b' THEN 'builtin' ELSE 'libc' END,
            CASE WHEN co.j->>'collprovider' = 'c' AND co.j->>'collcollate' IS DISTINCT FROM co.j->>'collctype'
                 THEN format('lc_collate = %L, lc_ctype = %L', co.j->>'collcollate', co.j->>'collctype')
                 ELSE 'locale = ' || quote_literal(CASE WHEN co.j->>'collprovider' = 'c' THEN co.j->>'collcollate'
                                                        ELSE coalesce(co.j->>'colllocale', co.j->>'colliculocale',
                                                                      co.j->>'collcollate') END) END,
            CASE WHEN NOT (co.j->>'collisdeterministic')::boolean THEN 'deterministic = false' END,
            'rules = ' || quote_literal(co.j->>'collicurules'))),
    'COMMENT ON COLLATION ' || co.qname || ' IS ' || quote_literal(ds.description) || ';']::text[]
) AS x(sub_key, def)
WHERE x.def IS NOT NULL
$$;

-- Extensions: name, version and schema (not their members).  plpgsql is always there.
DROP FUNCTION IF EXISTS pggit_v0._snap_extensions(text, text[]);
CREATE OR REPLACE FUNCTION pggit_v0._snap_extensions(p_schema text, p_names text[], p_all boolean DEFAULT NULL)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
SELECT n.nspname::text, 'extension', e.extname::text, e.extname::text, x.sub_key, x.def
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
-- its comment when it is not the one its control file gives (CREATE EXTENSION sets that)
LEFT JOIN pg_description ds ON ds.objoid = e.oid AND ds.classoid = 'pg_extension'::regclass AND ds.objsubid = 0
CROSS JOIN LATERAL unnest(ARRAY['definition', 'comment']::text[], ARRAY[
    format('CREATE EXTENSION IF NOT EXISTS %I WITH SCHEMA %I VERSION %L;', e.extname, n.nspname, e.extversion),
    CASE WHEN ds.description IS DISTINCT FROM (SELECT a.comment FROM pg_available_extensions a WHERE a.name = e.extname)
                     THEN format('COMMENT ON EXTENSION %I IS %L;', e.extname, coalesce(ds.description, '')) END]::text[]
) AS x(sub_key, def)
WHERE e.extname <> 'plpgsql' AND x.def IS NOT NULL
  AND (p_schema IS NULL OR n.nspname = p_schema)
  AND (coalesce(p_all, p_names IS NULL) OR e.extname = ANY (p_names))
$$;

-- A function's schema-qualified name as pg_dump writes it in CREATE OPERATOR (one index
-- lookup; NULL for 0).
CREATE OR REPLACE FUNCTION pggit_v0._proc_qname(p_oid oid) RETURNS text
LANGUAGE sql STABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT format('%I.%I', n.nspname, p.proname) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.oid = p_oid
$$;
COMMENT ON FUNCTION pggit_v0._proc_qname(oid) IS 'Schema-qualified name of a function, for the definitions that name one';

-- Operators, text search dictionaries and configurations, and extended statistics
-- objects: one definition each (a configuration with its token mappings, a statistics
-- object with its statistics target) and their comments.  Operators are keyed by name
-- and argument types (NONE for a prefix operator); shell operators (no function yet)
-- are left out, as pg_dump does.  Names are deparsed with search_path pinned to
-- pg_catalog, so only built-in objects go unqualified.
DROP FUNCTION IF EXISTS pggit_v0._snap_catalog_objects(text, text[]);
CREATE OR REPLACE FUNCTION pggit_v0._snap_catalog_objects(p_schema text, p_names text[], p_all boolean DEFAULT NULL)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
WITH objs AS (
    SELECT s.nspname, 'operator' AS kind, o.oprname AS bare,
           format('%s(%s,%s)', o.oprname, CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END,
                  format_type(o.oprright, NULL)) AS key,
           'pg_operator'::regclass AS classid, o.oid,
           format('OPERATOR %I.%s (%s, %s)', s.nspname, o.oprname,
                  CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END,
                  format_type(o.oprright, NULL)) AS target,
           format('CREATE OPERATOR %I.%s (%s);', s.nspname, o.oprname, concat_ws(', ',
                  'FUNCTION = ' || _proc_qname(o.oprcode),
                  CASE WHEN o.oprleft <> 0 THEN 'LEFTARG = ' || format_type(o.oprleft, NULL) END,
                  'RIGHTARG = ' || format_type(o.oprright, NULL),
                  (SELECT format('COMMUTATOR = OPERATOR(%I.%s)', cn.nspname, c.oprname)
                   FROM pg_operator c JOIN pg_namespace cn ON cn.oid = c.oprnamespace WHERE c.oid = o.oprcom),
                  (SELECT format('NEGATOR = OPERATOR(%I.%s)', cn.nspname, c.oprname)
                   FROM pg_operator c JOIN pg_namespace cn ON cn.oid = c.oprnamespace WHERE c.oid = o.oprnegate),
                  'RESTRICT = ' || _proc_qname(o.oprrest),
                  'JOIN = ' || _proc_qname(o.oprjoin),
                  CASE WHEN o.oprcanhash THEN 'HASHES' END,
                  CASE WHEN o.oprcanmerge THEN 'MERGES' END)) AS def
    FROM pg_operator o JOIN _tracked_schemas s ON s.oid = o.oprnamespace
    WHERE o.oprcode <> 0
      AND (p_schema IS NULL OR s.nspname = p_schema) AND (coalesce(p_all, p_names IS NULL) OR o.oprname = ANY (p_names))
    UNION ALL
    SELECT s.nspname, 'text_search_dictionary', d.dictname, d.dictname,
           'pg_ts_dict'::regclass, d.oid,
           format('TEXT SEARCH DICTIONARY %I.%I', s.nspname, d.dictname),
           format('CREATE TEXT SEARCH DICTIONARY %I.%I (TEMPLATE = %I.%I%s);', s.nspname, d.dictname,
                  tn.nspname, tm.tmplname, ', ' || d.dictinitoption)
    FROM pg_ts_dict d JOIN _tracked_schemas s ON s.oid = d.dictnamespace
    JOIN pg_ts_template tm ON tm.oid = d.dicttemplate JOIN pg_namespace tn ON tn.oid = tm.tmplnamespace
    WHERE (p_schema IS NULL OR s.nspname = p_schema) AND (coalesce(p_all, p_names IS NULL) OR d.dictname = ANY (p_names))
    UNION ALL
    SELECT s.nspname, 'text_search_configuration', c.cfgname, c.cfgname,
           'pg_ts_config'::regclass, c.oid,
           format('TEXT SEARCH CONFIGURATION %I.%I', s.nspname, c.cfgname),
           format('CREATE TEXT SEARCH CONFIGURATION %I.%I (PARSER = %I.%I);', s.nspname, c.cfgname, pn.nspname, pr.prsname)
           || coalesce((SELECT string_agg(format(E'\nALTER TEXT SEARCH CONFIGURATION %I.%I ADD MAPPING FOR %s WITH %s;',
                                                 s.nspname, c.cfgname, tt.alias, m.dicts), '' ORDER BY tt.tokid)
                        FROM (SELECT mp.maptokentype, string_agg(format('%I.%I', dn.nspname, dd.dictname), ', '
                                                                 ORDER BY mp.mapseqno) AS dicts
                              FROM pg_ts_config_map mp JOIN pg_ts_dict dd ON dd.oid = mp.mapdict
                              JOIN pg_namespace dn ON dn.oid = dd.dictnamespace
                              WHERE mp.mapcfg = c.oid GROUP BY mp.maptokentype) m
                        JOIN ts_token_type(c.cfgparser) tt ON tt.tokid = m.maptokentype), '')
    FROM pg_ts_config c JOIN _tracked_schemas s ON s.oid = c.cfgnamespace
    JOIN pg_ts_parser pr ON pr.oid = c.cfgparser JOIN pg_namespace pn ON pn.oid = pr.prsnamespace
    WHERE (p_schema IS NULL OR s.nspname = p_schema) AND (coalesce(p_all, p_names IS NULL) OR c.cfgname = ANY (p_names))
    UNION ALL
    SELECT s.nspname, 'statistics', x.stxname, x.stxname,
           'pg_statistic_ext'::regclass, x.oid,
           format('STATISTICS %I.%I', s.nspname, x.stxname),
           pg_get_statisticsobjdef(x.oid) || ';'
           || CASE WHEN (to_jsonb(x)->>'stxstattarget')::int >= 0   -- NULL (17+) or -1: the default
                   THEN format(E'\nALTER STATISTICS %I.%I SET STATISTICS %s;', s.nspname, x.stxname,
                               to_jsonb(x)->>'stxstattarget') ELSE '' END
    FROM pg_statistic_ext x JOIN _tracked_schemas s ON s.oid = x.stxnamespace
    WHERE (p_schema IS NULL OR s.nspname = p_schema) AND (coalesce(p_all, p_names IS NULL) OR x.stxname = ANY (p_names))
)
SELECT o.nspname::text, o.kind, o.key::text, o.bare::text, x.sub_key, x.def
FROM objs o
LEFT JOIN pg_description ds ON ds.objoid = o.oid AND ds.classoid = o.classid AND ds.objsubid = 0
CROSS JOIN LATERAL unnest(ARRAY['definition', 'comment']::text[], ARRAY[
    o.def,
    'COMMENT ON ' || o.target || ' IS ' || quote_literal(ds.description) || ';']::text[]
) AS x(sub_key, def)
WHERE x.def IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = o.classid AND d.objid = o.oid AND d.deptype = 'e')
$$;

-- Whether an option or connection parameter name looks like it holds a secret (the
-- words capture's _redact_secrets looks for: odbc_PWD, credentials, passfile too, Z2).
CREATE OR REPLACE FUNCTION pggit_v0._is_secret_name(p_name text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$ SELECT p_name ~* '(pass|pwd|secret|key|token|credential)' $$;
COMMENT ON FUNCTION pggit_v0._is_secret_name(text) IS
    'True for option names that look like secrets (containing pass, pwd, secret, key, token or credential, any case): never stored';

-- An option's value with the secrets inside it replaced by [redacted], the rest kept
-- (Z2): the password of a URL (scheme://user:PASSWORD@host) and the value of a
-- password-like key=value pair of a connection string (conninfo "password=...", ODBC
-- "PWD=...;", a URL's query "?password=...").  Servers, user mappings and foreign
-- tables carry connection strings under any option name (db_url, conninfo, dsn).
CREATE OR REPLACE FUNCTION pggit_v0._redact_option_value(p_value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
SET standard_conforming_strings = on   -- (its patterns' backslashes: sec10 S6)
AS $$
SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(p_value,
           '((?:^|[\s;&?{(,])[A-Za-z_]*(?:pass|pwd|secret|token|credential|api_?key|access_?key|private_?key)[A-Za-z_]*\s*=\s*)'
           '(''(?:[^''\\]|\\.)*''|\{[^}]*\}|[^\s;&]*)', '\1[redacted]', 'gi'),
           -- a key written percent-encoded (libpq decodes a URL query's keys: ?pass%77ord=)
           '((?:^|[\s;&?{])[A-Za-z_0-9]*%[0-9A-Fa-f]{2}[A-Za-z_0-9%]*\s*=\s*)[^\s;&]*', '\1[redacted]', 'g'),
           -- "password": "..." in JSON, and 'password': '...' in a Python literal (sec10 S9)
           -- ("key" as the key=value rule has it: api_key, access_key, private_key; not
           -- "partition_key" or "keyspace", the review's R10-7)
           '([''"][^''"]*(?:pass|pwd|secret|token|credential|api_?key|access_?key|private_?key)[^''"]*[''"]\s*:\s*)'
           '(?:"(?:[^"\\]|\\.)*"|''(?:[^''\\]|\\.)*'')',
           '\1"[redacted]"', 'gi'),
       -- a URL's password, "/" and "?" in it too (sec10 S9: base64 passwords): up to the "@"
       '(://[^\s/@:]*:)[^\s@]+@', '\1[redacted]@', 'g')
$$;
COMMENT ON FUNCTION pggit_v0._redact_option_value(text) IS
    'An option value with URL passwords and password-like key=value pairs replaced by [redacted] (Z2)';

-- Options of a foreign-data wrapper, server, user mapping or foreign table (text[] of
-- "name=value") as an OPTIONS clause (' OPTIONS (name ''value'', ...)', '' when none);
-- with p_hide_secrets, options named like a secret (_is_secret_name) are left out, and
-- passwords inside the other values redacted (_redact_option_value): history is
-- append-only and content-addressed, a secret once stored in it would stay forever.
CREATE OR REPLACE FUNCTION pggit_v0._options_clause(p_opts text[], p_hide_secrets boolean) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT coalesce(' OPTIONS (' || string_agg(format('%I %L', split_part(o, '=', 1),
                                                  CASE WHEN p_hide_secrets THEN _redact_option_value(substr(o, strpos(o, '=') + 1))
                                                       ELSE substr(o, strpos(o, '=') + 1) END), ', '
                                           ORDER BY n) || ')', '')
FROM unnest(p_opts) WITH ORDINALITY AS u(o, n)
WHERE NOT (p_hide_secrets AND _is_secret_name(split_part(o, '=', 1)))
$$;
COMMENT ON FUNCTION pggit_v0._options_clause(text[], boolean) IS
    'OPTIONS clause of a foreign-data object from its options array, secret-named options optionally left out';

-- The line appended to a definition whose secret options were left out, naming them
-- (never their values); '' when none were.
CREATE OR REPLACE FUNCTION pggit_v0._secrets_note(p_names text[]) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT coalesce(E'\n-- pgGit left out secret option(s) (not versioned, set them by hand): '
                || _comment_text(string_agg(DISTINCT n, ', ')), '')
FROM unnest(p_names) AS n WHERE n IS NOT NULL
$$;
COMMENT ON FUNCTION pggit_v0._secrets_note(text[]) IS
    'A comment line naming the secret options left out of a definition; empty when none';

-- A subscription's connection string without secrets: password-like key=value pairs and
-- the password of a URI are removed.  Returns the cleaned string and the names removed.
CREATE OR REPLACE FUNCTION pggit_v0._conninfo_without_secrets(p_conninfo text, OUT conninfo text, OUT removed text[])
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
SET standard_conforming_strings = on   -- (its patterns' backslashes: sec10 S6)
AS $$
SELECT btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(p_conninfo,
           -- key = value, the value quoted or not (in a URI's query: up to the next &)
           '(^|[\s&?])[A-Za-z_]*(pass|pwd|secret|key|token|credential)[A-Za-z_]*\s*=\s*(''(?:[^''\\]|\\.)*''|[^\s&]*)\s*', '\1', 'gi'),
           -- a URI query key written percent-encoded (libpq decodes it: ?pass%77ord=, sec10 S5)
           '([?&])[A-Za-z_0-9]*%[0-9A-Fa-f]{2}[A-Za-z_0-9%]*=[^&]*', '\1', 'g'),
           -- a URI's password: libpq ends the userinfo at "@" or "/" only ("?" is in it, S5)
           '^(postgres(?:ql)?://[^:/@?]*):[^@/]*@', '\1@', 'i'),
           '([?&])&+', '\1', 'g'),
           '[?&]+$', '')),
       ARRAY(SELECT DISTINCT lower(m[1]) FROM regexp_matches(p_conninfo,
                 '(?:^|[\s&?])([A-Za-z_]*(?:pass|pwd|secret|key|token|credential)[A-Za-z_]*)\s*=', 'gi') AS m)
       || CASE WHEN p_conninfo ~* '^postgres(?:ql)?://[^:/@?]*:[^@/]*@' THEN ARRAY['password'] ELSE ARRAY[]::text[] END
       || CASE WHEN p_conninfo ~ '[?&][A-Za-z_0-9]*%[0-9A-Fa-f]{2}[A-Za-z_0-9%]*=' THEN ARRAY['(a percent-encoded key)'] ELSE ARRAY[]::text[] END
$$;
COMMENT ON FUNCTION pggit_v0._conninfo_without_secrets(text) IS
    'A connection string with passwords and other secret-named parameters removed, and the names removed';

-- The ALTER PUBLICATION ... ADD statements of a publication's members, as pg_dump
-- writes them: its tables in tracked schemas (ONLY, with column lists and row filters,
-- PostgreSQL 15+), then the schemas it publishes whole (FOR TABLES IN SCHEMA, 15+).
-- PL/pgSQL: a statement is parsed when first run, so the branch naming what PostgreSQL
-- 14 lacks (pg_publication_namespace, prattrs, prqual) never runs there; plans are kept.
CREATE OR REPLACE FUNCTION pggit_v0._publication_members(p_pub oid) RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_tables text;
    v_schemas text;
BEGIN
    IF current_setting('server_version_num')::int >= 150000 THEN
        SELECT string_agg(format(E'\nALTER PUBLICATION %I ADD TABLE ONLY %I.%I%s%s;', p.pubname, rs.nspname, rc.relname,
                                 (SELECT ' (' || string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) || ')'
                                  FROM pg_attribute a WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs)),
                                 ' WHERE (' || pg_get_expr(pr.prqual, pr.prrelid) || ')'), '' ORDER BY rs.nspname, rc.relname)
        INTO v_tables
        FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
        JOIN pg_class rc ON rc.oid = pr.prrelid JOIN _tracked_schemas rs ON rs.oid = rc.relnamespace
        WHERE pr.prpubid = p_pub;
        SELECT string_agg(format(E'\nALTER PUBLICATION %I ADD TABLES IN SCHEMA %I;', p.pubname, n.nspname), '' ORDER BY n.nspname)
        INTO v_schemas
        FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid
        JOIN pg_namespace n ON n.oid = pn.pnnspid
        WHERE pn.pnpubid = p_pub;
    ELSE
        SELECT string_agg(format(E'\nALTER PUBLICATION %I ADD TABLE ONLY %I.%I;', p.pubname, rs.nspname, rc.relname),
                          '' ORDER BY rs.nspname, rc.relname)
        INTO v_tables
        FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
        JOIN pg_class rc ON rc.oid = pr.prrelid JOIN _tracked_schemas rs ON rs.oid = rc.relnamespace
        WHERE pr.prpubid = p_pub;
    END IF;
    RETURN coalesce(v_tables, '') || coalesce(v_schemas, '');
END
$$;
COMMENT ON FUNCTION pggit_v0._publication_members(oid) IS
    'ALTER PUBLICATION ... ADD statements of a publication''s tables (column lists, row filters) and schemas';

-- A subscription's catalog row as jsonb, with only the columns this role may read
-- (subconninfo is hidden from roles that are not superusers: then it is absent).
-- Dynamic SQL: the columns differ between PostgreSQL versions.
CREATE OR REPLACE FUNCTION pggit_v0._subscription_row(p_sub oid) RETURNS jsonb
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v jsonb;
BEGIN
    EXECUTE (SELECT format('SELECT jsonb_build_object(%s) FROM pg_catalog.pg_subscription s WHERE s.oid = $1',
                           string_agg(format('%L, s.%I', a.attname, a.attname), ', ' ORDER BY a.attnum))
             FROM pg_attribute a
             WHERE a.attrelid = 'pg_catalog.pg_subscription'::regclass AND a.attnum > 0 AND NOT a.attisdropped
               AND has_column_privilege('pg_catalog.pg_subscription', a.attname, 'SELECT'))
    INTO v USING p_sub;
    RETURN v;
END
$$;
COMMENT ON FUNCTION pggit_v0._subscription_row(oid) IS
    'A subscription''s catalog row as jsonb, only the columns this role may read (subconninfo needs a superuser)';

-- The kinds pg_dump knows beyond those above: operator families and classes, casts,
-- conversions, text search parsers and templates, foreign-data wrappers, servers, user
-- mappings and foreign tables, event triggers, publications, subscriptions, default
-- privileges and security labels.  One definition each, with comments and grants
-- where the kind has them; extension members are left out.  Objects that belong to no
-- schema (wrappers, servers, user mappings, casts, event triggers, publications,
-- subscriptions, database-wide default privileges) are recorded under the pseudo-schema
-- "pg_database" (no schema can be named so: the pg_ prefix is reserved).  Secret-named
-- options of servers and user mappings and the password of a subscription's connection
-- string are never recorded (a comment in the definition names them).
DROP FUNCTION IF EXISTS pggit_v0._snap_more_objects(text, text[]);
CREATE OR REPLACE FUNCTION pggit_v0._snap_more_objects(p_schema text, p_names text[], p_all boolean DEFAULT NULL)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
WITH objs AS (
    -- operator families: the family and its loose members (those of no operator class),
    -- one ALTER ... ADD per member so that a member added or dropped alters it in place
    SELECT s.nspname, 'operator_family' AS kind, format('%I USING %I', f.opfname, am.amname) AS key, f.opfname AS bare,
           'pg_opfamily'::regclass AS classid, f.oid,
           format('OPERATOR FAMILY %I.%I USING %I', s.nspname, f.opfname, am.amname) AS target,
           format('CREATE OPERATOR FAMILY %I.%I USING %I;', s.nspname, f.opfname, am.amname)
           || coalesce((SELECT string_agg(format(E'\nALTER OPERATOR FAMILY %I.%I USING %I ADD %s;', s.nspname, f.opfname,
                                                 am.amname, m.member), '' ORDER BY m.o1, m.o2, m.member)
                        FROM (SELECT 1 AS o1, ao.amopstrategy AS o2,
                                     format('OPERATOR %s %s%s', ao.amopstrategy, ao.amopopr::regoperator,
                                            (SELECT format(' FOR ORDER BY %I.%I', sn.nspname, sf.opfname)
                                             FROM pg_opfamily sf JOIN pg_namespace sn ON sn.oid = sf.opfnamespace
                                             WHERE ao.amoppurpose = 'o' AND sf.oid = ao.amopsortfamily)) AS member
                              FROM pg_amop ao
                              WHERE ao.amopfamily = f.oid
                                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_amop'::regclass
                                                AND d.objid = ao.oid AND d.refclassid = 'pg_opclass'::regclass)
                              UNION ALL
                              SELECT 2, ap.amprocnum,
                                     format('FUNCTION %s (%s, %s) %s', ap.amprocnum, format_type(ap.amproclefttype, NULL),
                                            format_type(ap.amprocrighttype, NULL), ap.amproc::regprocedure)
                              FROM pg_amproc ap
                              WHERE ap.amprocfamily = f.oid
                                AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_amproc'::regclass
                                                AND d.objid = ap.oid AND d.refclassid = 'pg_opclass'::regclass)) m), '') AS def,
           NULL::text AS grants
    FROM pg_opfamily f JOIN _tracked_schemas s ON s.oid = f.opfnamespace JOIN pg_am am ON am.oid = f.opfmethod
    WHERE (p_schema IS NULL OR s.nspname = p_schema) AND (coalesce(p_all, p_names IS NULL) OR f.opfname = ANY (p_names))
    UNION ALL
    -- operator classes, always naming their family (created first, as pg_dump would
    -- when the family has loose members)
    SELECT s.nspname, 'operator_class', format('%I USING %I', c.opcname, am.amname), c.opcname,
           'pg_opclass'::regclass, c.oid,
           format('OPERATOR CLASS %I.%I USING %I', s.nspname, c.opcname, am.amname),
           format(E'CREATE OPERATOR CLASS %I.%I %sFOR TYPE %s USING %I FAMILY %I.%I AS\n    %s;',
                  s.nspname, c.opcname, CASE WHEN c.opcdefault THEN 'DEFAULT ' ELSE '' END,
                  format_type(c.opcintype, NULL), am.amname, fn.nspname, f.opfname,
                  (SELECT string_agg(m.member, E',\n    ' ORDER BY m.o1, m.o2, m.member)
                   FROM (SELECT 1 AS o1, ao.amopstrategy AS o2,
                                format('OPERATOR %s %s%s', ao.amopstrategy, ao.amopopr::regoperator,
                                       (SELECT format(' FOR ORDER BY %I.%I', sn.nspname, sf.opfname)
                                        FROM pg_opfamily sf JOIN pg_namespace sn ON sn.oid = sf.opfnamespace
                                        WHERE ao.amoppurpose = 'o' AND sf.oid = ao.amopsortfamily)) AS member
                         FROM pg_amop ao JOIN pg_depend d ON d.classid = 'pg_amop'::regclass AND d.objid = ao.oid
                                                         AND d.refclassid = 'pg_opclass'::regclass AND d.refobjid = c.oid
                         UNION ALL
                         SELECT 2, ap.amprocnum,
                                format('FUNCTION %s (%s, %s) %s', ap.amprocnum, format_type(ap.amproclefttype, NULL),
                                       format_type(ap.amprocrighttype, NULL), ap.amproc::regprocedure)
                         FROM pg_amproc ap JOIN pg_depend d ON d.classid = 'pg_amproc'::regclass AND d.objid = ap.oid
                                                           AND d.refclassid = 'pg_opclass'::regclass AND d.refobjid = c.oid
                         UNION ALL
                         SELECT 3, 0, 'STORAGE ' || format_type(c.opckeytype, NULL) WHERE c.opckeytype <> 0) m)),
           NULL
    FROM pg_opclass c JOIN _tracked_schemas s ON s.oid = c.opcnamespace JOIN pg_am am ON am.oid = c.opcmethod
    JOIN pg_opfamily f ON f.oid = c.opcfamily JOIN pg_namespace fn ON fn.oid = f.opfnamespace
    WHERE (p_schema IS NULL OR s.nspname = p_schema) AND (coalesce(p_all, p_names IS NULL) OR c.opcname = ANY (p_names))
    UNION ALL
    -- casts with a type or function in a tracked schema (built-in casts left out)
    SELECT 'pg_database', 'cast', format('(%s AS %s)', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)),
           format('(%s AS %s)', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)),
           'pg_cast'::regclass, c.oid,
           format('CAST (%s AS %s)', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)),
           format('CREATE CAST (%s AS %s) %s%s;', format_type(c.castsource, NULL), format_type(c.casttarget, NULL),
                  CASE c.castmethod WHEN 'f' THEN 'WITH FUNCTION ' || c.castfunc::regprocedure::text
                                    WHEN 'i' THEN 'WITH INOUT' ELSE 'WITHOUT FUNCTION' END,
                  CASE c.castcontext WHEN 'a' THEN ' AS ASSIGNMENT' WHEN 'i' THEN ' AS IMPLICIT' ELSE '' END),
           NULL
    FROM pg_cast c
    WHERE c.oid >= 16384
      -- not the casts a type makes for itself (a range's to its multirange)
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid AND d.deptype = 'i')
      AND (EXISTS (SELECT 1 FROM pg_type t JOIN _tracked_schemas s ON s.oid = t.typnamespace
                   WHERE t.oid IN (c.castsource, c.casttarget))
           OR EXISTS (SELECT 1 FROM pg_proc p JOIN _tracked_schemas s ON s.oid = p.pronamespace WHERE p.oid = c.castfunc))
      AND (p_schema IS NULL OR p_schema = 'pg_database')
      AND (coalesce(p_all, p_names IS NULL) OR format('(%s AS %s)', format_type(c.castsource, NULL), format_type(c.casttarget, NULL)) = ANY (p_names))
    UNION ALL
    SELECT s.nspname, 'conversion', c.conname, c.conname, 'pg_conversion'::regclass, c.oid,
           format('CONVERSION %I.%I', s.nspname, c.conname),
           format('CREATE %sCONVERSION %I.%I FOR %L TO %L FROM %s;', CASE WHEN c.condefault THEN 'DEFAULT ' ELSE '' END,
                  s.nspname, c.conname, pg_encoding_to_char(c.conforencoding), pg_encoding_to_char(c.contoencoding),
                  _proc_qname(c.conproc)),
           NULL
    FROM pg_conversion c JOIN _tracked_schemas s ON s.oid = c.connamespace
    WHERE (p_schema IS NULL OR s.nspname = p_schema) AND (coalesce(p_all, p_names IS NULL) OR c.conname = ANY (p_names))
    UNION ALL
    SELECT s.nspname, 'text_search_parser', p.prsname, p.prsname, 'pg_ts_parser'::regclass, p.oid,
           format('TEXT SEARCH PARSER %I.%I', s.nspname, p.prsname),
           format('CREATE TEXT SEARCH PARSER %I.%I (%s);', s.nspname, p.prsname, concat_ws(', ',
                  'START = ' || _proc_qname(p.prsstart), 'GETTOKEN = ' || _proc_qname(p.prstoken),
                  'END = ' || _proc_qname(p.prsend), 'LEXTYPES = ' || _proc_qname(p.prslextype),
                  'HEADLINE = ' || _proc_qname(nullif(p.prsheadline, 0)))),
           NULL
    FROM pg_ts_parser p JOIN _tracked_schemas s ON s.oid = p.prsnamespace
    WHERE (p_schema IS NULL OR s.nspname = p_schema) AND (coalesce(p_all, p_names IS NULL) OR p.prsname = ANY (p_names))
    UNION ALL
    SELECT s.nspname, 'text_search_template', t.tmplname, t.tmplname, 'pg_ts_template'::regclass, t.oid,
           format('TEXT SEARCH TEMPLATE %I.%I', s.nspname, t.tmplname),
           format('CREATE TEXT SEARCH TEMPLATE %I.%I (%s);', s.nspname, t.tmplname, concat_ws(', ',
                  'INIT = ' || _proc_qname(nullif(t.tmplinit, 0)), 'LEXIZE = ' || _proc_qname(t.tmpllexize))),
           NULL
    FROM pg_ts_template t JOIN _tracked_schemas s ON s.oid = t.tmplnamespace
    WHERE (p_schema IS NULL OR s.nspname = p_schema) AND (coalesce(p_all, p_names IS NULL) OR t.tmplname = ANY (p_names))
    UNION ALL
    SELECT 'pg_database', 'foreign_data_wrapper', w.fdwname, w.fdwname, 'pg_foreign_data_wrapper'::regclass, w.oid,
           format('FOREIGN DATA WRAPPER %I', w.fdwname),
           format('CREATE FOREIGN DATA WRAPPER %I%s%s%s;', w.fdwname,
                  ' HANDLER ' || _proc_qname(nullif(w.fdwhandler, 0)), ' VALIDATOR ' || _proc_qname(nullif(w.fdwvalidator, 0)),
                  _options_clause(w.fdwoptions, true))
           || _secrets_note(ARRAY(SELECT split_part(o, '=', 1) FROM unnest(w.fdwoptions) o WHERE _is_secret_name(split_part(o, '=', 1)))),
           _acl_statements(w.fdwacl, acldefault('F', w.fdwowner), w.fdwowner, format('FOREIGN DATA WRAPPER %I', w.fdwname))
    FROM pg_foreign_data_wrapper w
    WHERE (p_schema IS NULL OR p_schema = 'pg_database') AND (coalesce(p_all, p_names IS NULL) OR w.fdwname = ANY (p_names))
    UNION ALL
    SELECT 'pg_database', 'server', v.srvname, v.srvname, 'pg_foreign_server'::regclass, v.oid,
           format('SERVER %I', v.srvname),
           format('CREATE SERVER %I%s%s FOREIGN DATA WRAPPER %I%s;', v.srvname, ' TYPE ' || quote_literal(v.srvtype),
                  ' VERSION ' || quote_literal(v.srvversion), w.fdwname, _options_clause(v.srvoptions, true))
           || _secrets_note(ARRAY(SELECT split_part(o, '=', 1) FROM unnest(v.srvoptions) o WHERE _is_secret_name(split_part(o, '=', 1)))),
           _acl_statements(v.srvacl, acldefault('S', v.srvowner), v.srvowner, format('FOREIGN SERVER %I', v.srvname))
    FROM pg_foreign_server v JOIN pg_foreign_data_wrapper w ON w.oid = v.srvfdw
    WHERE (p_schema IS NULL OR p_schema = 'pg_database') AND (coalesce(p_all, p_names IS NULL) OR v.srvname = ANY (p_names))
    UNION ALL
    -- user mappings: keyed "<role>@<server>" (PUBLIC for the mapping of every role);
    -- read through pg_user_mappings, which shows the options only to whom may see them
    SELECT 'pg_database', 'user_mapping',
           format('%s@%s', CASE WHEN um.umuser = 0 THEN 'PUBLIC' ELSE quote_ident(um.usename) END, quote_ident(um.srvname)),
           um.srvname, 'pg_user_mapping'::regclass, um.umid, NULL,
           format('CREATE USER MAPPING FOR %s SERVER %I%s;', CASE WHEN um.umuser = 0 THEN 'PUBLIC' ELSE quote_ident(um.usename) END,
                  um.srvname, _options_clause(um.umoptions, true))
           || _secrets_note(ARRAY(SELECT split_part(o, '=', 1) FROM unnest(um.umoptions) o WHERE _is_secret_name(split_part(o, '=', 1)))),
           NULL
    FROM pg_user_mappings um
    WHERE (p_schema IS NULL OR p_schema = 'pg_database') AND (coalesce(p_all, p_names IS NULL) OR um.srvname = ANY (p_names))
    UNION ALL
    -- foreign tables: columns (options, collation, default, not null), checks, server,
    -- options, triggers and column comments in one definition (no rows are stored here:
    -- a change drops and creates it, with the views reading it)
    SELECT s.nspname, 'foreign_table', c.relname, c.relname, 'pg_class'::regclass, c.oid,
           format('FOREIGN TABLE %I.%I', s.nspname, c.relname),
           CASE WHEN c.relispartition THEN
             format('CREATE FOREIGN TABLE %I.%I PARTITION OF %s %s SERVER %I%s;', s.nspname, c.relname,
                    (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid),
                    pg_get_expr(c.relpartbound, c.oid), fs.srvname, _options_clause(ft.ftoptions, true))
           ELSE
             format(E'CREATE FOREIGN TABLE %I.%I (%s\n)%s SERVER %I%s;', s.nspname, c.relname,
                    (SELECT string_agg(E'\n    ' || l, ',' ORDER BY o) FROM (
                         SELECT a.attnum AS o,
                                format('%I %s%s%s%s%s', a.attname, format_type(a.atttypid, a.atttypmod),
                                       _options_clause(a.attfdwoptions, true),
                                       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
                                            THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END,
                                       CASE WHEN a.attgenerated = 's' THEN ' GENERATED ALWAYS AS (' || pg_get_expr(ad.adbin, ad.adrelid) || ') STORED'
                                            WHEN ad.adbin IS NOT NULL THEN ' DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid) ELSE '' END,
                                       CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END) AS l
                         FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                         LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attislocal
                         UNION ALL
                         SELECT 100000 + row_number() OVER (ORDER BY co.conname),
                                format('CONSTRAINT %I %s', co.conname, pg_get_constraintdef(co.oid))
                         FROM pg_constraint co WHERE co.conrelid = c.oid AND co.contype = 'c' AND co.conislocal) x),
                    (SELECT ' INHERITS (' || string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno) || ')'
                     FROM pg_inherits i WHERE i.inhrelid = c.oid),
                    fs.srvname, _options_clause(ft.ftoptions, true))
           END
           -- secret-looking options of the table and its columns are left out, as a
           -- server's are (a column's named "option (column name)")
           || _secrets_note(ARRAY(SELECT split_part(o, '=', 1) FROM unnest(ft.ftoptions) o WHERE _is_secret_name(split_part(o, '=', 1))
                                  UNION ALL
                                  SELECT format('%s (column %s)', split_part(o, '=', 1), quote_ident(a.attname))
                                  FROM pg_attribute a, unnest(a.attfdwoptions) o
                                  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attfdwoptions IS NOT NULL
                                    AND _is_secret_name(split_part(o, '=', 1))))
           -- its triggers, with their firing state, as on tables
           || coalesce((SELECT string_agg(E'\n' || pg_get_triggerdef(tg.oid) || ';'
                                          || CASE tg.tgenabled WHEN 'D' THEN format(E'\nALTER FOREIGN TABLE %I.%I DISABLE TRIGGER %I;', s.nspname, c.relname, tg.tgname)
                                                               WHEN 'R' THEN format(E'\nALTER FOREIGN TABLE %I.%I ENABLE REPLICA TRIGGER %I;', s.nspname, c.relname, tg.tgname)
                                                               WHEN 'A' THEN format(E'\nALTER FOREIGN TABLE %I.%I ENABLE ALWAYS TRIGGER %I;', s.nspname, c.relname, tg.tgname)
                                                               ELSE '' END, '' ORDER BY tg.tgname)
                        FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND NOT tg.tgisinternal AND tg.tgparentid = 0), '')
           || coalesce((SELECT string_agg(format(E'\nCOMMENT ON COLUMN %I.%I.%I IS %L;', s.nspname, c.relname, a.attname,
                                                 dsc.description), '' ORDER BY a.attnum)
                        FROM pg_attribute a JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass
                                                                   AND dsc.objsubid = a.attnum
                        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), ''),
           _acl_statements(c.relacl, acldefault('r', c.relowner), c.relowner, format('TABLE %I.%I', s.nspname, c.relname))
    FROM pg_class c JOIN _tracked_schemas s ON s.oid = c.relnamespace
    JOIN pg_foreign_table ft ON ft.ftrelid = c.oid JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
    WHERE c.relkind = 'f'
      AND (p_schema IS NULL OR s.nspname = p_schema) AND (coalesce(p_all, p_names IS NULL) OR c.relname = ANY (p_names))
    UNION ALL
    -- event triggers, with their firing state; the layer's own (capture) are left out
    SELECT 'pg_database', 'event_trigger', e.evtname, e.evtname, 'pg_event_trigger'::regclass, e.oid,
           format('EVENT TRIGGER %I', e.evtname),
           format('CREATE EVENT TRIGGER %I ON %s%s EXECUTE FUNCTION %s();', e.evtname, e.evtevent,
                  (SELECT ' WHEN TAG IN (' || string_agg(quote_literal(tg), ', ' ORDER BY o) || ')'
                   FROM unnest(e.evttags) WITH ORDINALITY AS u(tg, o)),
                  _proc_qname(e.evtfoid))
           || CASE e.evtenabled WHEN 'D' THEN format(E'\nALTER EVENT TRIGGER %I DISABLE;', e.evtname)
                                WHEN 'R' THEN format(E'\nALTER EVENT TRIGGER %I ENABLE REPLICA;', e.evtname)
                                WHEN 'A' THEN format(E'\nALTER EVENT TRIGGER %I ENABLE ALWAYS;', e.evtname) ELSE '' END,
           NULL
    FROM pg_event_trigger e JOIN pg_proc fp ON fp.oid = e.evtfoid
    WHERE fp.pronamespace <> 'pggit_v0'::regnamespace AND e.evtname NOT LIKE 'pggit\_v0\_%'
      AND (p_schema IS NULL OR p_schema = 'pg_database') AND (coalesce(p_all, p_names IS NULL) OR e.evtname = ANY (p_names))
    UNION ALL
    -- publications: what they publish, then their tables (column lists, row filters) and
    -- schemas, one ALTER PUBLICATION ... ADD each, as pg_dump writes them
    SELECT 'pg_database', 'publication', p.pubname, p.pubname, 'pg_publication'::regclass, p.oid,
           format('PUBLICATION %I', p.pubname),
           format('CREATE PUBLICATION %I%s WITH (%s);', p.pubname, CASE WHEN p.puballtables THEN ' FOR ALL TABLES' ELSE '' END,
                  concat_ws(', ',
                      format('publish = %L', concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                                                       CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END)),
                      CASE WHEN p.pubviaroot THEN 'publish_via_partition_root = true' END,
                      CASE WHEN to_jsonb(p)->>'pubgencols' = 's' THEN 'publish_generated_columns = stored' END))
           || _publication_members(p.oid),
           NULL
    FROM pg_publication p
    WHERE (p_schema IS NULL OR p_schema = 'pg_database') AND (coalesce(p_all, p_names IS NULL) OR p.pubname = ANY (p_names))
    UNION ALL
    -- subscriptions of this database, created as pg_dump does (connect = false: a
    -- script never connects to the publisher), never with a password
    SELECT 'pg_database', 'subscription', sb.subname, sb.subname, 'pg_subscription'::regclass, sb.oid,
           format('SUBSCRIPTION %I', sb.subname),
           format('CREATE SUBSCRIPTION %I CONNECTION %L PUBLICATION %s WITH (%s);', sb.subname,
                  coalesce(ci.conninfo, ''),
                  (SELECT string_agg(quote_ident(pn), ', ' ORDER BY o) FROM jsonb_array_elements_text(j->'subpublications') WITH ORDINALITY AS u(pn, o)),
                  concat_ws(', ', 'connect = false',
                      'slot_name = ' || coalesce(quote_literal(j->>'subslotname'), 'NONE'),
                      CASE WHEN (j->>'subbinary')::boolean THEN 'binary = true' END,
                      'streaming = ' || CASE j->>'substream' WHEN 't' THEN 'on' WHEN 'true' THEN 'on'
                                                            WHEN 'p' THEN 'parallel' ELSE 'off' END,
                      CASE WHEN j->>'subsynccommit' <> 'off' THEN format('synchronous_commit = %L', j->>'subsynccommit') END,
                      CASE WHEN j->>'subtwophasestate' IN ('p', 'e') THEN 'two_phase = true' END,
                      CASE WHEN (j->>'subdisableonerr')::boolean THEN 'disable_on_error = true' END,
                      CASE WHEN j->>'suborigin' = 'none' THEN 'origin = none' END,
                      CASE WHEN NOT (j->>'subpasswordrequired')::boolean THEN 'password_required = false' END,
                      CASE WHEN (j->>'subrunasowner')::boolean THEN 'run_as_owner = true' END,
                      CASE WHEN (j->>'subfailover')::boolean THEN 'failover = true' END))
           || _secrets_note(ci.removed)
           || CASE WHEN ci.conninfo IS NULL THEN E'\n-- pgGit could not read the connection string (not a superuser)' ELSE '' END,
           NULL
    FROM pg_subscription sb
    CROSS JOIN LATERAL (SELECT _subscription_row(sb.oid) AS j) jj
    LEFT JOIN LATERAL _conninfo_without_secrets(jj.j->>'subconninfo') ci ON true
    WHERE sb.subdbid = (SELECT d.oid FROM pg_database d WHERE d.datname = current_database())
      AND (p_schema IS NULL OR p_schema = 'pg_database') AND (coalesce(p_all, p_names IS NULL) OR sb.subname = ANY (p_names))
)
SELECT o.nspname::text, o.kind, o.key::text, o.bare::text, x.sub_key, x.def
FROM objs o
-- (an index lookup per object: a hash of every comment of the database cost more)
CROSS JOIN LATERAL (SELECT coalesce((SELECT d.description FROM pg_description d
                                     WHERE d.objoid = o.oid AND d.classoid = o.classid AND d.objsubid = 0),
                                    (SELECT d.description FROM pg_shdescription d
                                     WHERE o.kind = 'subscription' AND d.objoid = o.oid AND d.classoid = o.classid))
                    AS description) ds
CROSS JOIN LATERAL unnest(ARRAY['definition', 'comment', 'grants']::text[], ARRAY[
    -- definition
    o.def,
    -- comment
    'COMMENT ON ' || o.target || ' IS ' || quote_literal(ds.description) || ';',
    -- grants
    o.grants]::text[]
) AS x(sub_key, def)
WHERE x.def IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = o.classid AND d.objid = o.oid AND d.deptype = 'e')
UNION ALL
-- default privileges: per role, schema (or the whole database) and object kind, the
-- statements taking them from the built-in defaults to what they are
SELECT coalesce(n.nspname, 'pg_database')::text, 'default_privileges', format('%I %s', r.rolname, lower(k.word)), r.rolname::text,
       'definition',
       (SELECT string_agg(format('ALTER DEFAULT PRIVILEGES FOR ROLE %I%s %s %s ON %s %s %s%s;', r.rolname,
                                 ' IN SCHEMA ' || quote_ident(n.nspname), g.verb, g.privs, k.word,
                                 CASE g.verb WHEN 'GRANT' THEN 'TO' ELSE 'FROM' END, g.who,
                                 CASE WHEN g.verb = 'GRANT' AND g.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END),
                          E'\n' ORDER BY g.verb, g.who, g.privs)
        FROM (SELECT c.verb, c.is_grantable,
                     CASE WHEN c.grantee = 0 THEN 'PUBLIC'
                          ELSE quote_ident(coalesce((SELECT rr.rolname FROM pg_roles rr WHERE rr.oid = c.grantee), c.grantee::text)) END AS who,
                     string_agg(c.privilege_type, ', ' ORDER BY c.privilege_type) AS privs
              FROM (SELECT 'GRANT' AS verb, * FROM (SELECT grantee, privilege_type, is_grantable FROM aclexplode(da.defaclacl)
                                                    EXCEPT SELECT grantee, privilege_type, is_grantable FROM aclexplode(k.dflt)) g
                    UNION ALL
                    SELECT 'REVOKE', * FROM (SELECT grantee, privilege_type, is_grantable FROM aclexplode(k.dflt)
                                             EXCEPT SELECT grantee, privilege_type, is_grantable FROM aclexplode(da.defaclacl)) v) c
              GROUP BY c.verb, c.grantee, c.is_grantable) g)
FROM pg_default_acl da
JOIN pg_roles r ON r.oid = da.defaclrole
LEFT JOIN pg_namespace n ON n.oid = da.defaclnamespace
CROSS JOIN LATERAL (SELECT CASE da.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES' WHEN 'f' THEN 'FUNCTIONS'
                                                 WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS' WHEN 'L' THEN 'LARGE OBJECTS' END AS word,
                           -- database-wide entries replace the built-in defaults; per-schema ones add to them
                           CASE WHEN da.defaclnamespace = 0
                                THEN acldefault(CASE da.defaclobjtype WHEN 'S' THEN 's' ELSE da.defaclobjtype END::"char", da.defaclrole)
                                END AS dflt) k
WHERE (da.defaclnamespace = 0 OR EXISTS (SELECT 1 FROM _tracked_schemas ts WHERE ts.oid = da.defaclnamespace))
  AND (p_schema IS NULL OR coalesce(n.nspname, 'pg_database') = p_schema)
  AND (coalesce(p_all, p_names IS NULL) OR r.rolname = ANY (p_names))
UNION ALL
-- security labels of tracked objects (no label provider is loaded by default: then
-- there are none), keyed "<provider> <object type> <object identity>"
SELECT CASE WHEN io.type = 'schema' THEN io.identity ELSE coalesce(io.schema, 'pg_database') END, 'security_label',
       format('%s %s %s', sl.provider, io.type, io.identity), coalesce(io.name, io.identity), 'definition',
       format('SECURITY LABEL FOR %I ON %s %s IS %L;', sl.provider,
              CASE io.type WHEN 'table column' THEN 'COLUMN' ELSE upper(io.type) END, io.identity, sl.label)
FROM (SELECT l.classoid, l.objoid, l.objsubid, l.provider, l.label FROM pg_seclabel l
      UNION ALL
      SELECT l.classoid, l.objoid, 0, l.provider, l.label FROM pg_shseclabel l
      WHERE l.classoid = 'pg_subscription'::regclass) sl
CROSS JOIN LATERAL pg_identify_object(sl.classoid, sl.objoid, sl.objsubid) io
WHERE (CASE WHEN io.type = 'schema' THEN EXISTS (SELECT 1 FROM _tracked_schemas ts WHERE ts.oid = sl.objoid)
            WHEN io.schema IS NOT NULL THEN EXISTS (SELECT 1 FROM _tracked_schemas ts WHERE ts.nspname = io.schema)
            ELSE io.type IN ('event trigger', 'publication', 'subscription', 'foreign-data wrapper', 'server') END)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = sl.classoid AND d.objid = sl.objoid AND d.deptype = 'e')
  AND (p_schema IS NULL OR CASE WHEN io.type = 'schema' THEN io.identity ELSE coalesce(io.schema, 'pg_database') END = p_schema)
  AND (coalesce(p_all, p_names IS NULL) OR coalesce(io.name, io.identity) = ANY (p_names))
$$;
COMMENT ON FUNCTION pggit_v0._snap_more_objects(text, text[], boolean) IS
    'Snapshot rows of operator families and classes, casts, conversions, text search parsers and templates, foreign-data objects, event triggers, publications, subscriptions (no secrets), default privileges and security labels';

-- Dependencies, recorded at snapshot time (issue 13).  Each object with dependencies on
-- other tracked objects gets one more blob, "depends": one line per edge,
--   <my part> TAB <their schema> TAB <their "<kind> <name>"> TAB <their column or empty>
-- sorted (C collation), names escaped (_dep_esc), holding no OIDs.  "My part" is the
-- part of the object that depends ('definition', 'column c' for a column's type or
-- default, 'constraint c', 'index i', 'trigger t', 'policy p', 'rule r', 'owned_by');
-- "their column" is set when the edge names a column of a table or view (a view
-- reading it, a statistics object, a foreign key's columns are their constraint's).
-- Edges come from pg_depend (normal and automatic dependencies), both ends mapped to
-- the tracked object they belong to (_dep_base, _dep_ref).  Edges inside one object are
-- left out, but for a table's triggers, policies and rules: those record their edges to
-- their own table too, the table itself (the automatic dependency every one has, its
-- column empty) and each column they read (a trigger's WHEN and UPDATE OF, a policy's
-- expressions, a rule's action).  PostgreSQL refuses to change the type of a column one
-- of them reads, so the migration engine drops and creates again exactly those; a
-- trigger, policy or rule with no line naming its own table was recorded before these
-- lines were (the engine then reads its text).  Readers of the graph skip lines whose
-- end is the object itself (_tree_deps' self_edge).
-- The blob is hidden from diffs: it changes only with what the object's definition
-- says, and the migration engine reads it (_tree_deps) to order statements.

-- A name inside a dependency line: backslash, tab and newline escaped.
CREATE OR REPLACE FUNCTION pggit_v0._dep_esc(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(p_name, E'\\', E'\\\\'), E'\t', E'\\t'), E'\n', E'\\n') $$;

-- Every tracked object and part as pg_depend names it: (classid, objid) -> the tracked
-- object it belongs to (owner_class, owner_oid; schema, kind, name and bare name as the
-- _snap_* functions key it) and which part of it (part_kind, resolved to a sub-key by
-- _snap_depends only for the parts that have edges: naming all of them costs more than the
-- rest).  A table's row type is the table, a view's _RETURN rule the view, a domain's
-- constraints the domain.  Every object, or (p_all false) those of the given bare names
-- (index lookups).  p_group (see _snapshot_names): only the objects of that group of
-- kinds ('rel': tables, views, materialized views, sequences; 'type': types and
-- domains; 'proc': routines; 'rest': the others); NULL: all.  Passed as a constant, it
-- leaves the other branches out of the plan.  Inlinable: no SET clause.
-- The relations of some bare names and their parts, as _dep_base gives them (its rows of
-- group 'rel' when not p_all): each part found by an index lookup per relation.  Its own
-- function so that a snapshot by names plans only this (see _dep_parts).  Inlinable.
CREATE OR REPLACE FUNCTION pggit_v0._dep_base_rel_names(p_names text[])
RETURNS TABLE (classid oid, objid oid, owner_class oid, owner_oid oid, schema_name text, kind text, name text,
               bare_name text, part_kind text, part_oid oid, part_num int2)
LANGUAGE sql STABLE
AS $$
SELECT p.classid, p.objid, 'pg_class'::regclass::oid, r.oid, r.nspname::text, r.kind, r.relname::text, r.relname::text,
       p.part_kind, p.part_oid, p.part_num
FROM pggit_v0._tracked_relations r
CROSS JOIN LATERAL (
    -- the relation itself and its row type
    SELECT 'pg_class'::regclass::oid, r.oid, 'definition', NULL::oid, NULL::int2
    UNION ALL SELECT 'pg_type'::regclass::oid, c.reltype, 'definition', NULL, NULL FROM pg_class c
              WHERE c.oid = r.oid AND c.reltype <> 0
    -- indexes, constraints, defaults, rules, triggers, policies: parts of their relation
    UNION ALL SELECT 'pg_class'::regclass::oid, ix.indexrelid, 'index', ix.indexrelid, NULL FROM pg_index ix WHERE ix.indrelid = r.oid
    UNION ALL SELECT 'pg_constraint'::regclass::oid, co.oid, 'constraint', co.oid, NULL FROM pg_constraint co WHERE co.conrelid = r.oid
    UNION ALL SELECT 'pg_attrdef'::regclass::oid, ad.oid, 'column', ad.adrelid, ad.adnum FROM pg_attrdef ad WHERE ad.adrelid = r.oid
    UNION ALL SELECT 'pg_rewrite'::regclass::oid, ru.oid, CASE WHEN ru.rulename = '_RETURN' THEN 'definition' ELSE 'rule' END, ru.oid, NULL
              FROM pg_rewrite ru WHERE ru.ev_class = r.oid
    UNION ALL SELECT 'pg_trigger'::regclass::oid, tg.oid, 'trigger', tg.oid, NULL FROM pg_trigger tg WHERE tg.tgrelid = r.oid AND NOT tg.tgisinternal
    UNION ALL SELECT 'pg_policy'::regclass::oid, po.oid, 'policy', po.oid, NULL FROM pg_policy po WHERE po.polrelid = r.oid
) AS p(classid, objid, part_kind, part_oid, part_num)
WHERE r.relname = ANY (p_names)
$$;
COMMENT ON FUNCTION pggit_v0._dep_base_rel_names(text[]) IS
    'Tracked relations of some bare names and their parts by (classid, objid): _dep_base''s group rel by names';

DROP FUNCTION IF EXISTS pggit_v0."_dep_base"(text[], boolean);
CREATE OR REPLACE FUNCTION pggit_v0._dep_base(p_names text[], p_all boolean, p_group text DEFAULT NULL)
RETURNS TABLE (classid oid, objid oid, owner_class oid, owner_oid oid, schema_name text, kind text, name text,
               bare_name text, part_kind text, part_oid oid, part_num int2)
LANGUAGE sql STABLE
AS $$
WITH tr AS MATERIALIZED (
    SELECT r.oid, r.nspname::text AS nspname, r.kind, r.relname::text AS relname, c.reltype
    FROM _tracked_relations r JOIN pg_class c ON c.oid = r.oid
    WHERE (p_group IS NULL OR p_group = 'rel') AND coalesce(p_all, p_names IS NULL)
),
-- parts of relations: (class, oid, relation, part kind)
parts AS (
    SELECT 'pg_class'::regclass::oid AS classid, ix.indexrelid AS objid, ix.indrelid AS rel, 'index' AS part_kind,
           ix.indexrelid AS part_oid, NULL::int2 AS part_num
    FROM pg_index ix
    UNION ALL SELECT 'pg_constraint'::regclass::oid, co.oid, co.conrelid, 'constraint', co.oid, NULL
              FROM pg_constraint co WHERE co.conrelid <> 0
    UNION ALL SELECT 'pg_attrdef'::regclass::oid, ad.oid, ad.adrelid, 'column', ad.adrelid, ad.adnum FROM pg_attrdef ad
    UNION ALL SELECT 'pg_rewrite'::regclass::oid, ru.oid, ru.ev_class, CASE WHEN ru.rulename = '_RETURN' THEN 'definition' ELSE 'rule' END,
                     ru.oid, NULL
              FROM pg_rewrite ru
    UNION ALL SELECT 'pg_trigger'::regclass::oid, tg.oid, tg.tgrelid, 'trigger', tg.oid, NULL FROM pg_trigger tg WHERE NOT tg.tgisinternal
    UNION ALL SELECT 'pg_policy'::regclass::oid, po.oid, po.polrelid, 'policy', po.oid, NULL FROM pg_policy po
)
SELECT 'pg_class'::regclass::oid, r.oid, 'pg_class'::regclass::oid, r.oid, r.nspname, r.kind, r.relname, r.relname,
       'definition', NULL::oid, NULL::int2
FROM tr r WHERE p_group IS NULL OR p_group = 'rel'
UNION ALL   -- table row types
SELECT 'pg_type'::regclass::oid, r.reltype, 'pg_class'::regclass::oid, r.oid, r.nspname, r.kind, r.relname, r.relname,
       'definition', NULL, NULL
FROM tr r WHERE (p_group IS NULL OR p_group = 'rel') AND r.reltype <> 0
UNION ALL   -- indexes, constraints, defaults, rules, triggers, policies: parts of their relation
SELECT p.classid, p.objid, 'pg_class'::regclass::oid, r.oid, r.nspname, r.kind, r.relname, r.relname, p.part_kind,
       p.part_oid, p.part_num
FROM tr r JOIN parts p ON p.rel = r.oid
WHERE (p_group IS NULL OR p_group = 'rel') AND coalesce(p_all, p_names IS NULL)   -- (a whole snapshot: one hash join)
UNION ALL   -- (an incremental one: index lookups per relation, the relations and row types too)
SELECT * FROM pggit_v0._dep_base_rel_names(p_names)
WHERE (p_group IS NULL OR p_group = 'rel') AND NOT coalesce(p_all, p_names IS NULL)
UNION ALL   -- foreign tables
SELECT 'pg_class'::regclass::oid, c.oid, 'pg_class'::regclass::oid, c.oid, s.nspname::text, 'foreign_table', c.relname::text,
       c.relname::text, 'definition', NULL, NULL
FROM pg_class c JOIN _tracked_schemas s ON s.oid = c.relnamespace
WHERE (p_group IS NULL OR p_group = 'rest') AND c.relkind = 'f' AND (coalesce(p_all, p_names IS NULL) OR c.relname = ANY (p_names))
UNION ALL   -- types: enum, range, domain (with its constraints), composite (with its relation)
SELECT x.cls, x.oid, 'pg_type'::regclass::oid, t.oid, s.nspname::text, CASE WHEN t.typtype = 'd' THEN 'domain' ELSE 'type' END,
       t.typname::text, t.typname::text, 'definition', NULL, NULL
FROM pg_type t JOIN _tracked_schemas s ON s.oid = t.typnamespace
CROSS JOIN LATERAL (SELECT 'pg_type'::regclass::oid, t.oid
                    UNION ALL SELECT 'pg_class'::regclass::oid, t.typrelid WHERE t.typtype = 'c'
                    UNION ALL SELECT 'pg_constraint'::regclass::oid, co.oid FROM pg_constraint co
                              WHERE t.typtype = 'd' AND co.contypid = t.oid) AS x(cls, oid)
WHERE (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))
  AND (p_group IS NULL OR p_group = 'type') AND (coalesce(p_all, p_names IS NULL) OR t.typname = ANY (p_names))
  -- (an extension's domain is no object of its own: nor are its constraints' edges)
  AND NOT EXISTS (SELECT 1 FROM pg_depend xe WHERE xe.classid = 'pg_type'::regclass AND xe.objid = t.oid AND xe.deptype = 'e')
UNION ALL
SELECT 'pg_proc'::regclass::oid, p.oid, 'pg_proc'::regclass::oid, p.oid, s.nspname::text,
       CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
       format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid)), p.proname::text, 'definition', NULL, NULL
FROM pg_proc p JOIN _tracked_schemas s ON s.oid = p.pronamespace
WHERE (p_group IS NULL OR p_group = 'proc') AND (coalesce(p_all, p_names IS NULL) OR p.proname = ANY (p_names))
UNION ALL
SELECT 'pg_extension'::regclass::oid, e.oid, 'pg_extension'::regclass::oid, e.oid, n.nspname::text, 'extension',
       e.extname::text, e.extname::text, 'definition', NULL, NULL
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE (p_group IS NULL OR p_group = 'rest') AND e.extname <> 'plpgsql' AND (coalesce(p_all, p_names IS NULL) OR e.extname = ANY (p_names))
UNION ALL
SELECT 'pg_operator'::regclass::oid, o.oid, 'pg_operator'::regclass::oid, o.oid, s.nspname::text, 'operator',
       format('%s(%s,%s)', o.oprname, CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END,
              format_type(o.oprright, NULL)), o.oprname::text, 'definition', NULL, NULL
FROM pg_operator o JOIN _tracked_schemas s ON s.oid = o.oprnamespace
WHERE (p_group IS NULL OR p_group = 'rest') AND o.oprcode <> 0 AND (coalesce(p_all, p_names IS NULL) OR o.oprname = ANY (p_names))
UNION ALL
SELECT x.classid, x.oid, x.classid, x.oid, s.nspname::text, x.kind, x.name, x.name, 'definition', NULL, NULL
FROM (SELECT 'pg_collation'::regclass::oid, c.oid, c.collnamespace, 'collation', c.collname::text FROM pg_collation c
      UNION ALL SELECT 'pg_ts_dict'::regclass::oid, d.oid, d.dictnamespace, 'text_search_dictionary', d.dictname::text FROM pg_ts_dict d
      UNION ALL SELECT 'pg_ts_config'::regclass::oid, c.oid, c.cfgnamespace, 'text_search_configuration', c.cfgname::text FROM pg_ts_config c
      UNION ALL SELECT 'pg_ts_parser'::regclass::oid, p.oid, p.prsnamespace, 'text_search_parser', p.prsname::text FROM pg_ts_parser p
      UNION ALL SELECT 'pg_ts_template'::regclass::oid, t.oid, t.tmplnamespace, 'text_search_template', t.tmplname::text FROM pg_ts_template t
      UNION ALL SELECT 'pg_statistic_ext'::regclass::oid, x.oid, x.stxnamespace, 'statistics', x.stxname::text FROM pg_statistic_ext x
      UNION ALL SELECT 'pg_conversion'::regclass::oid, c.oid, c.connamespace, 'conversion', c.conname::text FROM pg_conversion c
     ) AS x(classid, oid, nsp, kind, name)
JOIN _tracked_schemas s ON s.oid = x.nsp
WHERE (p_group IS NULL OR p_group = 'rest') AND (coalesce(p_all, p_names IS NULL) OR x.name = ANY (p_names))
UNION ALL
SELECT x.classid, x.oid, x.classid, x.oid, s.nspname::text, x.kind, format('%I USING %I', x.name, am.amname), x.name,
       'definition', NULL, NULL
FROM (SELECT 'pg_opfamily'::regclass::oid, f.oid, f.opfnamespace, 'operator_family', f.opfname::text, f.opfmethod FROM pg_opfamily f
      UNION ALL SELECT 'pg_opclass'::regclass::oid, c.oid, c.opcnamespace, 'operator_class', c.opcname::text, c.opcmethod FROM pg_opclass c
     ) AS x(classid, oid, nsp, kind, name, am)
JOIN _tracked_schemas s ON s.oid = x.nsp JOIN pg_am am ON am.oid = x.am
WHERE (p_group IS NULL OR p_group = 'rest') AND (coalesce(p_all, p_names IS NULL) OR x.name = ANY (p_names))
UNION ALL   -- objects of no schema, and a publication's tables (part of the publication)
SELECT x.classid, x.oid, x.oclass, x.ooid, 'pg_database', x.kind, x.name, x.name, 'definition', NULL, NULL
FROM (SELECT 'pg_foreign_data_wrapper'::regclass::oid, w.oid, 'pg_foreign_data_wrapper'::regclass::oid, w.oid,
             'foreign_data_wrapper', w.fdwname::text FROM pg_foreign_data_wrapper w
      UNION ALL SELECT 'pg_foreign_server'::regclass::oid, v.oid, 'pg_foreign_server'::regclass::oid, v.oid, 'server', v.srvname::text
                FROM pg_foreign_server v
      UNION ALL SELECT 'pg_publication'::regclass::oid, p.oid, 'pg_publication'::regclass::oid, p.oid, 'publication', p.pubname::text
                FROM pg_publication p
      UNION ALL SELECT 'pg_publication_rel'::regclass::oid, pr.oid, 'pg_publication'::regclass::oid, p.oid, 'publication', p.pubname::text
                FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
     ) AS x(classid, oid, oclass, ooid, kind, name)
WHERE (p_group IS NULL OR p_group = 'rest') AND (coalesce(p_all, p_names IS NULL) OR x.name = ANY (p_names))
$$;
COMMENT ON FUNCTION pggit_v0._dep_base(text[], boolean, text) IS
    'Tracked objects and their parts by (classid, objid): the object they belong to and the kind of part (all, or of some bare names; all groups of kinds, or one)';


-- _dep_base's rows for _snap_depends: every object (a whole snapshot), or those of some
-- bare names in one group of kinds.  PL/pgSQL, its statements kept for the session: a
-- snapshot by names plans only its group's lookups (for relations, _dep_base_rel_names),
-- not the whole of _dep_base with every other group's branches (planning those took 7 of
-- the 11 ms of _dep_base's share of a session's first commit of 10 tables).
CREATE OR REPLACE FUNCTION pggit_v0._dep_parts(p_names text[], p_all boolean, p_group text)
RETURNS TABLE (classid oid, objid oid, owner_class oid, owner_oid oid, schema_name text, kind text, name text,
               bare_name text, part_kind text, part_oid oid, part_num int2)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    IF coalesce(p_all, p_names IS NULL) AND p_group IS NULL THEN
        RETURN QUERY SELECT * FROM pggit_v0._dep_base(NULL, true, NULL);
    ELSIF coalesce(p_all, p_names IS NULL) THEN
        RETURN QUERY SELECT * FROM pggit_v0._dep_base(NULL, true, p_group);
    ELSIF p_group = 'rel' THEN
        RETURN QUERY SELECT * FROM pggit_v0._dep_base_rel_names(p_names);
    ELSIF p_group = 'type' THEN
        RETURN QUERY SELECT * FROM pggit_v0._dep_base(p_names, false, 'type');
    ELSIF p_group = 'proc' THEN
        RETURN QUERY SELECT * FROM pggit_v0._dep_base(p_names, false, 'proc');
    ELSIF p_group = 'rest' THEN
        RETURN QUERY SELECT * FROM pggit_v0._dep_base(p_names, false, 'rest');
    ELSE
        RETURN QUERY SELECT * FROM pggit_v0._dep_base(p_names, false, NULL);
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._dep_parts(text[], boolean, text) IS
    'Tracked objects and their parts by (classid, objid), as _dep_base gives them: all, or those of some bare names in one group of kinds (or every group)';

-- _dep_ref's lookup of the relation a default, rule, trigger or policy belongs to (no row
-- when it is gone or of another catalog).  PL/pgSQL, like _dep_ref_other: planned only
-- when an edge of the session reaches such a part, not with every incremental snapshot.
CREATE OR REPLACE FUNCTION pggit_v0._dep_ref_part(p_classid oid, p_objid oid)
RETURNS TABLE (rel oid)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    IF p_classid = 'pg_attrdef'::regclass THEN
        RETURN QUERY SELECT ad.adrelid FROM pg_attrdef ad WHERE ad.oid = p_objid;
    ELSIF p_classid = 'pg_rewrite'::regclass THEN
        RETURN QUERY SELECT ru.ev_class FROM pg_rewrite ru WHERE ru.oid = p_objid;
    ELSIF p_classid = 'pg_trigger'::regclass THEN
        RETURN QUERY SELECT tg.tgrelid FROM pg_trigger tg WHERE tg.oid = p_objid;
    ELSIF p_classid = 'pg_policy'::regclass THEN
        RETURN QUERY SELECT po.polrelid FROM pg_policy po WHERE po.oid = p_objid;
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._dep_ref_part(oid, oid) IS
    'The relation a column default, rule, trigger or policy belongs to (for _dep_ref)';

-- _dep_ref's lookup of an object of the catalogs other than pg_class, pg_type and
-- pg_proc: its namespace (0 for objects of no schema: foreign data wrappers, servers,
-- publications), kind and name as _dep_base names them; no row for an object of
-- another catalog, the plpgsql extension or a shell operator.  PL/pgSQL: each lookup is
-- planned the first time an edge of the session reaches its catalog, not with every
-- incremental snapshot's query.  Names deparse as in the snapshot (format_type under
-- the same pinned search_path).
CREATE OR REPLACE FUNCTION pggit_v0._dep_ref_other(p_classid oid, p_objid oid)
RETURNS TABLE (nsp oid, kind text, name text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    IF p_classid = 'pg_collation'::regclass THEN
        RETURN QUERY SELECT c.collnamespace, 'collation'::text, c.collname::text FROM pg_collation c WHERE c.oid = p_objid;
    ELSIF p_classid = 'pg_extension'::regclass THEN
        RETURN QUERY SELECT e.extnamespace, 'extension'::text, e.extname::text FROM pg_extension e
                     WHERE e.oid = p_objid AND e.extname <> 'plpgsql';
    ELSIF p_classid = 'pg_operator'::regclass THEN
        RETURN QUERY SELECT o.oprnamespace, 'operator'::text,
                            format('%s(%s,%s)', o.oprname, CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END,
                                   format_type(o.oprright, NULL))
                     FROM pg_operator o WHERE o.oid = p_objid AND o.oprcode <> 0;
    ELSIF p_classid = 'pg_ts_dict'::regclass THEN
        RETURN QUERY SELECT d.dictnamespace, 'text_search_dictionary'::text, d.dictname::text FROM pg_ts_dict d WHERE d.oid = p_objid;
    ELSIF p_classid = 'pg_ts_config'::regclass THEN
        RETURN QUERY SELECT c.cfgnamespace, 'text_search_configuration'::text, c.cfgname::text FROM pg_ts_config c WHERE c.oid = p_objid;
    ELSIF p_classid = 'pg_ts_parser'::regclass THEN
        RETURN QUERY SELECT x.prsnamespace, 'text_search_parser'::text, x.prsname::text FROM pg_ts_parser x WHERE x.oid = p_objid;
    ELSIF p_classid = 'pg_ts_template'::regclass THEN
        RETURN QUERY SELECT t.tmplnamespace, 'text_search_template'::text, t.tmplname::text FROM pg_ts_template t WHERE t.oid = p_objid;
    ELSIF p_classid = 'pg_statistic_ext'::regclass THEN
        RETURN QUERY SELECT x.stxnamespace, 'statistics'::text, x.stxname::text FROM pg_statistic_ext x WHERE x.oid = p_objid;
    ELSIF p_classid = 'pg_conversion'::regclass THEN
        RETURN QUERY SELECT c.connamespace, 'conversion'::text, c.conname::text FROM pg_conversion c WHERE c.oid = p_objid;
    ELSIF p_classid = 'pg_opfamily'::regclass THEN
        RETURN QUERY SELECT f.opfnamespace, 'operator_family'::text, format('%I USING %I', f.opfname, am.amname)
                     FROM pg_opfamily f JOIN pg_am am ON am.oid = f.opfmethod WHERE f.oid = p_objid;
    ELSIF p_classid = 'pg_opclass'::regclass THEN
        RETURN QUERY SELECT c.opcnamespace, 'operator_class'::text, format('%I USING %I', c.opcname, am.amname)
                     FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod WHERE c.oid = p_objid;
    ELSIF p_classid = 'pg_foreign_data_wrapper'::regclass THEN
        RETURN QUERY SELECT 0::oid, 'foreign_data_wrapper'::text, w.fdwname::text FROM pg_foreign_data_wrapper w WHERE w.oid = p_objid;
    ELSIF p_classid = 'pg_foreign_server'::regclass THEN
        RETURN QUERY SELECT 0::oid, 'server'::text, v.srvname::text FROM pg_foreign_server v WHERE v.oid = p_objid;
    ELSIF p_classid = 'pg_publication'::regclass THEN
        RETURN QUERY SELECT 0::oid, 'publication'::text, p.pubname::text FROM pg_publication p WHERE p.oid = p_objid;
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._dep_ref_other(oid, oid) IS
    'Namespace (0: none), kind and name of a collation, extension, operator, text search object, statistics object, conversion, operator family or class, wrapper, server or publication, as _dep_base names it';

-- The tracked object a referenced catalog object belongs to (see _dep_base), looked up
-- by its oid: an object internal to another (array type, multirange, range
-- constructor, identity sequence) or an extension member is its owner's.  For the few
-- edges of an incremental snapshot; whole snapshots join _dep_base instead.  One SQL
-- query, inlined into the snapshot (no SET clause: _snapshot_names pins search_path;
-- the layer's views are qualified): as PL/pgSQL, 0.2 ms an edge went on the call.
-- Written to plan small (it is planned with every session's first incremental
-- snapshot): the owner lookup once, one lateral naming the object in whichever catalog
-- it is, one schema test, and a relation's own extension test instead of the whole
-- _tracked_relations view (its schema is tested already).
DROP FUNCTION IF EXISTS pggit_v0."_dep_ref"(oid, oid);
CREATE FUNCTION pggit_v0._dep_ref(p_classid oid, p_objid oid)
RETURNS TABLE (schema_name text, kind text, name text)
LANGUAGE sql STABLE
AS $$
SELECT CASE WHEN x.nsp = 0 THEN 'pg_database' ELSE n.nspname::text END, x.kind, x.name
FROM (
    SELECT s2.cls,
           -- an index: its table
           coalesce(CASE WHEN s2.cls = 'pg_class'::regclass THEN (SELECT ix.indrelid FROM pg_index ix WHERE ix.indexrelid = s2.oid) END,
                    s2.oid) AS oid
    FROM (SELECT coalesce(o.refclassid, p_classid) AS cls, coalesce(o.refobjid, p_objid) AS oid
          FROM (SELECT 1) AS one
          LEFT JOIN LATERAL (SELECT d.refclassid, d.refobjid FROM pg_depend d
                             WHERE d.classid = p_classid AND d.objid = p_objid AND d.deptype IN ('i', 'e')
                             ORDER BY d.deptype = 'e' DESC LIMIT 1) o ON true) s1
    -- parts and row types: their relation (nothing when the part is gone)
    CROSS JOIN LATERAL (
        SELECT CASE WHEN co.conrelid <> 0 THEN 'pg_class'::regclass ELSE 'pg_type'::regclass END::oid AS cls,
               CASE WHEN co.conrelid <> 0 THEN co.conrelid ELSE co.contypid END AS oid
        FROM pg_constraint co WHERE s1.cls = 'pg_constraint'::regclass AND co.oid = s1.oid
        UNION ALL   -- (defaults, rules, triggers, policies: rarely referenced, see _dep_ref_part)
        SELECT 'pg_class'::regclass::oid, x.rel FROM pggit_v0._dep_ref_part(s1.cls, s1.oid) x
        WHERE s1.cls IN ('pg_attrdef'::regclass, 'pg_rewrite'::regclass, 'pg_trigger'::regclass, 'pg_policy'::regclass)
        UNION ALL
        SELECT CASE WHEN t.typtype = 'c' THEN 'pg_class'::regclass ELSE 'pg_type'::regclass END::oid,
               CASE WHEN t.typtype = 'c' THEN t.typrelid ELSE t.oid END
        FROM pg_type t WHERE s1.cls = 'pg_type'::regclass AND t.oid = s1.oid
        UNION ALL
        SELECT s1.cls, s1.oid
        WHERE s1.cls NOT IN ('pg_constraint'::regclass, 'pg_attrdef'::regclass, 'pg_rewrite'::regclass,
                             'pg_trigger'::regclass, 'pg_policy'::regclass, 'pg_type'::regclass)) s2
) s3
-- the object itself, named as _dep_base names it (one index lookup): relations, types
-- and routines here; objects of the other catalogs (collations, extensions, operators,
-- text search objects, statistics, conversions, operator families and classes, and the
-- objects of no schema, nsp 0: under 'pg_database') through _dep_ref_other, which plans
-- each lookup only when an edge reaches that catalog (with them written out here,
-- planning this query took about half of a session's first incremental commit of tables)
CROSS JOIN LATERAL (
    SELECT c.relnamespace AS nsp,
           CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view'
                          WHEN 'm' THEN 'materialized_view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign_table'
                          WHEN 'c' THEN 'type' END AS kind,
           CASE WHEN c.relkind = 'c' THEN (SELECT t.typname FROM pg_type t WHERE t.oid = c.reltype) ELSE c.relname END::text AS name,
           -- (a relation that is no object of its own: an extension's, or an identity
           -- column's sequence)
           c.relkind IN ('r', 'p', 'v', 'm', 'S')
           AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                         AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype = 'i'))) AS member
    FROM pg_class c WHERE s3.cls = 'pg_class'::regclass AND c.oid = s3.oid
    UNION ALL
    SELECT t.typnamespace, CASE WHEN t.typtype = 'd' THEN 'domain' ELSE 'type' END, t.typname::text, false
    FROM pg_type t WHERE s3.cls = 'pg_type'::regclass AND t.oid = s3.oid AND t.typtype IN ('e', 'd', 'r')
    UNION ALL
    SELECT p.pronamespace, CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
           format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid)), false
    FROM pg_proc p WHERE s3.cls = 'pg_proc'::regclass AND p.oid = s3.oid
    UNION ALL
    SELECT o.nsp, o.kind, o.name, false
    FROM pggit_v0._dep_ref_other(s3.cls, s3.oid) o
    WHERE s3.cls NOT IN ('pg_class'::regclass, 'pg_type'::regclass, 'pg_proc'::regclass)
) x
LEFT JOIN pggit_v0._tracked_schemas n ON n.oid = x.nsp
WHERE x.kind IS NOT NULL AND NOT x.member AND (x.nsp = 0 OR n.oid IS NOT NULL)
$$;
COMMENT ON FUNCTION pggit_v0._dep_ref(oid, oid) IS
    'The tracked object (schema, kind, name) a catalog object belongs to, found by its oid';


-- The "depends" blob of each object (see above), for the objects the snapshot reads:
-- every object, or (p_all false) those of the given bare names.  Both ends of each
-- pg_depend edge are mapped to their tracked objects: joined with the whole map on a
-- whole snapshot, looked up one by one (_dep_ref) on an incremental one.  p_group: the
-- objects of one group of kinds only (see _dep_base).
DROP FUNCTION IF EXISTS pggit_v0."_snap_depends"(text, text[], boolean);
CREATE OR REPLACE FUNCTION pggit_v0._snap_depends(p_schema text, p_names text[], p_all boolean DEFAULT NULL,
                                                 p_group text DEFAULT NULL)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
WITH a AS MATERIALIZED (SELECT * FROM _dep_parts(p_names, p_all, p_group)),
-- what is internal to a tracked object or a member of an extension is its owner's
-- (array and row types, multiranges, identity sequences, a key's index): on a whole
-- snapshot one pass over pg_depend, on an incremental one a lookup per edge
own AS MATERIALIZED (
    SELECT DISTINCT ON (o.classid, o.objid) o.classid, o.objid, o.refclassid, o.refobjid, o.deptype
    FROM pg_depend o
    WHERE o.deptype IN ('i', 'e') AND coalesce(p_all, p_names IS NULL)
    ORDER BY o.classid, o.objid, o.deptype = 'e' DESC
),
-- the edges from each object and part: on a whole snapshot one hash join with
-- pg_depend; on an incremental one an index lookup per part (LATERAL: with a new
-- database's stale statistics the planner otherwise scanned pg_depend once and every
-- part per row, 0.5 s for 2 tables)
dep0 AS (
    SELECT a.*, d.objsubid, d.deptype, d.refclassid AS refclassid0, d.refobjid AS refobjid0, d.refobjsubid,
           ow.refclassid AS own_class, ow.refobjid AS own_oid
    FROM a JOIN pg_depend d ON d.classid = a.classid AND d.objid = a.objid
    LEFT JOIN own ow ON ow.classid = d.refclassid AND ow.objid = d.refobjid
    WHERE coalesce(p_all, p_names IS NULL)
      AND d.deptype IN ('n', 'a') AND d.refclassid <> 'pg_namespace'::regclass
      AND d.refobjid >= 16384   -- built-in objects (FirstNormalObjectId) are never tracked
      -- an edge from a part of a relation to that relation (an index's, a constraint's,
      -- a default's columns: 12,600 of 16,200 edges of 1,000 tables) is left out here,
      -- before the joins, as "dep" would leave it out: a tracked relation is never
      -- internal to another object nor an extension member (no "own" row maps it away)
      AND NOT (d.refobjid = a.owner_oid AND d.refclassid = 'pg_class'::regclass
               AND a.owner_class = 'pg_class'::regclass AND a.part_kind NOT IN ('trigger', 'policy', 'rule'))
      -- extension members and internal functions (range constructors) are no objects of
      -- their own: the snapshot leaves them out
      AND NOT EXISTS (SELECT 1 FROM own x WHERE x.classid = a.classid AND x.objid = a.objid
                        AND (x.deptype = 'e' OR a.classid = 'pg_proc'::regclass))
    UNION ALL
    SELECT a.*, d.objsubid, d.deptype, d.refclassid, d.refobjid, d.refobjsubid, o.refclassid, o.refobjid
    FROM a
    CROSS JOIN LATERAL (SELECT d.* FROM pg_depend d
                        WHERE d.classid = a.classid AND d.objid = a.objid
                          AND d.deptype IN ('n', 'a') AND d.refclassid <> 'pg_namespace'::regclass
                          AND d.refobjid >= 16384
                          -- (here, not beside: a generic plan hashed all of pg_depend for it)
                          AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = a.classid AND x.objid = a.objid
                                            AND (x.deptype = 'e' OR (x.deptype = 'i' AND a.classid = 'pg_proc'::regclass)))
                        OFFSET 0) d   -- (not pulled up: an index lookup per part, whatever the estimates)
    LEFT JOIN LATERAL (SELECT o.refclassid, o.refobjid FROM pg_depend o
                       WHERE o.classid = d.refclassid AND o.objid = d.refobjid AND o.deptype IN ('i', 'e')
                       ORDER BY o.deptype = 'e' DESC LIMIT 1) o ON true
    WHERE NOT coalesce(p_all, p_names IS NULL)
),
dep AS MATERIALIZED (
    SELECT d.schema_name, d.kind, d.name, d.bare_name,
           -- the part that depends: a column of a table for its type, OWNED BY for a
           -- sequence's automatic dependency on a column
           CASE WHEN d.objsubid > 0 AND d.part_kind = 'definition' AND d.kind IN ('table', 'foreign_table')
                THEN 'column' WHEN d.kind = 'sequence' AND d.deptype = 'a' AND d.refobjsubid > 0 THEN 'owned_by'
                ELSE d.part_kind END AS part_kind,
           CASE WHEN d.objsubid > 0 AND d.part_kind = 'definition' THEN d.objid ELSE d.part_oid END AS part_oid,
           CASE WHEN d.objsubid > 0 AND d.part_kind = 'definition' THEN d.objsubid::int2 ELSE d.part_num END AS part_num,
           -- what is internal to a tracked object or a member of an extension is its owner's
           coalesce(d.own_class, d.refclassid0) AS refclassid, coalesce(d.own_oid, d.refobjid0) AS refobjid,
           d.refclassid0, d.refobjid0, d.refobjsubid
    FROM dep0 d
    -- edges to the object itself (an index on its own table's column) are left out, but
    -- for triggers, policies and rules (see the format above)
    WHERE NOT (coalesce(d.own_class, d.refclassid0) = d.owner_class AND coalesce(d.own_oid, d.refobjid0) = d.owner_oid)
       OR d.part_kind IN ('trigger', 'policy', 'rule')
),
-- the object each edge points at: by join (whole snapshot) or lookup (incremental)
ends AS (
    SELECT dp.*, b.schema_name AS r_schema, b.kind AS r_kind, b.name AS r_name
    FROM dep dp JOIN a b ON b.classid = dp.refclassid AND b.objid = dp.refobjid
    WHERE coalesce(p_all, p_names IS NULL)
    UNION ALL
    SELECT dp.*, b.schema_name, b.kind, b.name
    FROM dep dp CROSS JOIN LATERAL _dep_ref(dp.refclassid, dp.refobjid) b
    WHERE NOT coalesce(p_all, p_names IS NULL)
),
e AS (
    SELECT DISTINCT x.schema_name, x.kind, x.name, x.bare_name,
           -- (named here, for the parts that have edges; not a function: one with
           -- sub-selects is not inlined, and calling it cost 35 us per edge)
           _dep_esc(CASE x.part_kind
               WHEN 'definition' THEN 'definition'
               WHEN 'owned_by' THEN 'owned_by'
               -- (index lookups only, no joins: whole snapshots run with nested loops off)
               WHEN 'column' THEN 'column ' || (SELECT a.attname FROM pg_attribute a
                                                WHERE a.attrelid = x.part_oid AND a.attnum = x.part_num)
               WHEN 'constraint' THEN (SELECT 'constraint ' || co.conname FROM pg_constraint co WHERE co.oid = x.part_oid)
               WHEN 'index' THEN coalesce((SELECT 'constraint ' || co.conname FROM pg_constraint co
                                           WHERE co.conrelid = (SELECT i.indrelid FROM pg_index i WHERE i.indexrelid = x.part_oid)
                                             AND co.conindid = x.part_oid AND co.contype IN ('p', 'u', 'x')),
                                          (SELECT 'index ' || c.relname FROM pg_class c WHERE c.oid = x.part_oid))
               WHEN 'rule' THEN (SELECT 'rule ' || r.rulename FROM pg_rewrite r WHERE r.oid = x.part_oid)
               WHEN 'trigger' THEN (SELECT 'trigger ' || t.tgname FROM pg_trigger t WHERE t.oid = x.part_oid)
               WHEN 'policy' THEN (SELECT 'policy ' || p.polname FROM pg_policy p WHERE p.oid = x.part_oid) END)
           || E'\t' || _dep_esc(x.r_schema) || E'\t' || _dep_esc(x.r_kind || ' ' || x.r_name) || E'\t'
           || _dep_esc(CASE WHEN x.refobjsubid > 0 AND x.refclassid0 = 'pg_class'::regclass
                             AND x.r_kind IN ('table', 'foreign_table', 'view', 'materialized_view')
                            THEN 'column ' || (SELECT ra.attname FROM pg_attribute ra
                                               WHERE ra.attrelid = x.refobjid0 AND ra.attnum = x.refobjsubid)
                            ELSE '' END) AS line
    FROM ends x
    WHERE x.schema_name <> x.r_schema OR x.kind <> x.r_kind OR x.name <> x.r_name
       OR x.part_kind IN ('trigger', 'policy', 'rule')
)
SELECT e.schema_name, e.kind, e.name, e.bare_name, 'depends', string_agg(e.line, E'\n' ORDER BY e.line COLLATE "C")
FROM e
WHERE p_schema IS NULL OR e.schema_name = p_schema
GROUP BY e.schema_name, e.kind, e.name, e.bare_name
$$;
COMMENT ON FUNCTION pggit_v0._snap_depends(text, text[], boolean, text) IS
    'Snapshot rows "depends": each object''s dependencies on other tracked objects (pg_depend), one line per edge, no OIDs';

-- _snap_depends by names (p_all false), written without its whole-snapshot branches
-- (the "own" map, the hash joins), which by names fold away but were still parsed,
-- analyzed and planned with every session's first incremental snapshot.  Same rows.
CREATE OR REPLACE FUNCTION pggit_v0._snap_depends_names(p_schema text, p_names text[], p_group text)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
WITH a AS MATERIALIZED (SELECT * FROM _dep_parts(p_names, false, p_group)),
-- the edges from each object and part: an index lookup per part (LATERAL: with a new
-- database's stale statistics the planner otherwise scanned pg_depend once and every
-- part per row, 0.5 s for 2 tables); what is internal to a tracked object or a member
-- of an extension is its owner's (a lookup per edge)
dep0 AS (
    SELECT a.*, d.objsubid, d.deptype, d.refclassid AS refclassid0, d.refobjid AS refobjid0, d.refobjsubid,
           o.refclassid AS own_class, o.refobjid AS own_oid
    FROM a
    CROSS JOIN LATERAL (SELECT d.* FROM pg_depend d
                        WHERE d.classid = a.classid AND d.objid = a.objid
                          AND d.deptype IN ('n', 'a') AND d.refclassid <> 'pg_namespace'::regclass
                          AND d.refobjid >= 16384
                          -- (here, not beside: a generic plan hashed all of pg_depend for it)
                          AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = a.classid AND x.objid = a.objid
                                            AND (x.deptype = 'e' OR (x.deptype = 'i' AND a.classid = 'pg_proc'::regclass)))
                        OFFSET 0) d   -- (not pulled up: an index lookup per part, whatever the estimates)
    LEFT JOIN LATERAL (SELECT o.refclassid, o.refobjid FROM pg_depend o
                       WHERE o.classid = d.refclassid AND o.objid = d.refobjid AND o.deptype IN ('i', 'e')
                       ORDER BY o.deptype = 'e' DESC LIMIT 1) o ON true
),
dep AS MATERIALIZED (
    SELECT d.schema_name, d.kind, d.name, d.bare_name,
           -- the part that depends: a column of a table for its type, OWNED BY for a
           -- sequence's automatic dependency on a column
           CASE WHEN d.objsubid > 0 AND d.part_kind = 'definition' AND d.kind IN ('table', 'foreign_table')
                THEN 'column' WHEN d.kind = 'sequence' AND d.deptype = 'a' AND d.refobjsubid > 0 THEN 'owned_by'
                ELSE d.part_kind END AS part_kind,
           CASE WHEN d.objsubid > 0 AND d.part_kind = 'definition' THEN d.objid ELSE d.part_oid END AS part_oid,
           CASE WHEN d.objsubid > 0 AND d.part_kind = 'definition' THEN d.objsubid::int2 ELSE d.part_num END AS part_num,
           -- what is internal to a tracked object or a member of an extension is its owner's
           coalesce(d.own_class, d.refclassid0) AS refclassid, coalesce(d.own_oid, d.refobjid0) AS refobjid,
           d.refclassid0, d.refobjid0, d.refobjsubid
    FROM dep0 d
    -- edges to the object itself (an index on its own table's column) are left out, but
    -- for triggers, policies and rules (see the format above)
    WHERE NOT (coalesce(d.own_class, d.refclassid0) = d.owner_class AND coalesce(d.own_oid, d.refobjid0) = d.owner_oid)
       OR d.part_kind IN ('trigger', 'policy', 'rule')
),
-- the object each edge points at (a lookup)
ends AS (
    SELECT dp.*, b.schema_name AS r_schema, b.kind AS r_kind, b.name AS r_name
    FROM dep dp CROSS JOIN LATERAL _dep_ref(dp.refclassid, dp.refobjid) b
),
e AS (
    SELECT DISTINCT x.schema_name, x.kind, x.name, x.bare_name,
           -- (named here, for the parts that have edges; not a function: one with
           -- sub-selects is not inlined, and calling it cost 35 us per edge)
           _dep_esc(CASE x.part_kind
               WHEN 'definition' THEN 'definition'
               WHEN 'owned_by' THEN 'owned_by'
               -- (index lookups only, no joins: whole snapshots run with nested loops off)
               WHEN 'column' THEN 'column ' || (SELECT a.attname FROM pg_attribute a
                                                WHERE a.attrelid = x.part_oid AND a.attnum = x.part_num)
               WHEN 'constraint' THEN (SELECT 'constraint ' || co.conname FROM pg_constraint co WHERE co.oid = x.part_oid)
               WHEN 'index' THEN coalesce((SELECT 'constraint ' || co.conname FROM pg_constraint co
                                           WHERE co.conrelid = (SELECT i.indrelid FROM pg_index i WHERE i.indexrelid = x.part_oid)
                                             AND co.conindid = x.part_oid AND co.contype IN ('p', 'u', 'x')),
                                          (SELECT 'index ' || c.relname FROM pg_class c WHERE c.oid = x.part_oid))
               WHEN 'rule' THEN (SELECT 'rule ' || r.rulename FROM pg_rewrite r WHERE r.oid = x.part_oid)
               WHEN 'trigger' THEN (SELECT 'trigger ' || t.tgname FROM pg_trigger t WHERE t.oid = x.part_oid)
               WHEN 'policy' THEN (SELECT 'policy ' || p.polname FROM pg_policy p WHERE p.oid = x.part_oid) END)
           || E'\t' || _dep_esc(x.r_schema) || E'\t' || _dep_esc(x.r_kind || ' ' || x.r_name) || E'\t'
           || _dep_esc(CASE WHEN x.refobjsubid > 0 AND x.refclassid0 = 'pg_class'::regclass
                             AND x.r_kind IN ('table', 'foreign_table', 'view', 'materialized_view')
                            THEN 'column ' || (SELECT ra.attname FROM pg_attribute ra
                                               WHERE ra.attrelid = x.refobjid0 AND ra.attnum = x.refobjsubid)
                            ELSE '' END) AS line
    FROM ends x
    WHERE x.schema_name <> x.r_schema OR x.kind <> x.r_kind OR x.name <> x.r_name
       OR x.part_kind IN ('trigger', 'policy', 'rule')
)
SELECT e.schema_name, e.kind, e.name, e.bare_name, 'depends', string_agg(e.line, E'\n' ORDER BY e.line COLLATE "C")
FROM e
WHERE p_schema IS NULL OR e.schema_name = p_schema
GROUP BY e.schema_name, e.kind, e.name, e.bare_name
$$;
COMMENT ON FUNCTION pggit_v0._snap_depends_names(text, text[], text) IS
    'The "depends" rows of the objects of some bare names in one group of kinds: _snap_depends(p_schema, p_names, false, p_group)';

-- The "depends" rows of a whole snapshot, every join by hash.  Right after a schema is
-- loaded, before autovacuum analyzes the catalogs, a new database still has its
-- template's statistics: the planner expected one pg_depend row above
-- FirstNormalObjectId and nested a scan of 9,000 rows per edge (1,000 tables: 30 s
-- instead of 0.2 s).  A whole snapshot reads every row anyway.  PL/pgSQL, its plan
-- kept for the session (generic): as a SQL function with SET clauses it was planned
-- again at every whole snapshot, about half of its time (15-60 ms).
CREATE OR REPLACE FUNCTION pggit_v0._snap_depends_all(p_schema text)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET enable_nestloop = off
SET jit = off   -- (the cost penalty of the nested loops left would make it compile)
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    RETURN QUERY SELECT * FROM pggit_v0._snap_depends(p_schema, NULL, true);
END
$$;
COMMENT ON FUNCTION pggit_v0._snap_depends_all(text) IS
    'The "depends" rows of every object (hash joins only: robust to stale catalog statistics)';

-- The whole live schema (or one schema / one object name when filtered).  Settings that
-- change how constants deparse (time zone, date and interval styles, float digits) are pinned.
-- How a snapshot is planned.  The _snap_* functions above are SQL functions without a
-- SET clause, so the planner inlines them; _snapshot_q is their union, inlinable too;
-- _snapshot_names (PL/pgSQL, which pins search_path and the deparse settings) inlines
-- it all into one query per case and passes p_all as a constant.  The planner then
-- folds every name filter away (the whole schema) or to an index condition on the
-- names (an incremental commit), and the session keeps both plans (generic plans:
-- plan_cache_mode = force_generic_plan).  Before, each function was planned on every
-- call with its filter as "p_names IS NULL OR ...", which no index serves: a snapshot
-- of 2 tables out of 1,000 took 50-210 ms warm, now 4-8 ms.  The _snap_* functions
-- and _snapshot_q run only inside _snapshot_names (EXECUTE is revoked from PUBLIC),
-- whose search_path their unqualified names resolve in.
-- p_rare false (a constant): the kinds _snapshot_rare_kinds found none of are left out
-- of the plan (a constant-false filter makes their subqueries empty, never planned).
DROP FUNCTION IF EXISTS pggit_v0._snapshot_q(text, text[], boolean);
CREATE OR REPLACE FUNCTION pggit_v0._snapshot_q(p_schema text, p_names text[], p_all boolean, p_rare boolean DEFAULT true)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$
SELECT * FROM _snap_schemas(p_schema, p_names, p_all)
UNION ALL SELECT * FROM _snap_relations(p_schema, p_names, p_all)
UNION ALL SELECT * FROM _snap_columns(p_schema, p_names, p_all)
UNION ALL SELECT * FROM _snap_constraints(p_schema, p_names, p_all)
-- (indexes: written by _snap_indexes_all on a whole snapshot, the only use of this query)
UNION ALL SELECT * FROM _snap_indexes_all(p_schema) WHERE coalesce(p_all, p_names IS NULL)
UNION ALL SELECT * FROM _snap_indexes(p_schema, p_names, p_all) WHERE NOT coalesce(p_all, p_names IS NULL)
UNION ALL SELECT * FROM _snap_triggers_policies(p_schema, p_names, p_all) WHERE p_rare
UNION ALL SELECT * FROM _snap_routines(p_schema, p_names, p_all)
UNION ALL SELECT * FROM _snap_types(p_schema, p_names, p_all) WHERE p_rare
UNION ALL SELECT * FROM _snap_collations(p_schema, p_names, p_all) WHERE p_rare
UNION ALL SELECT * FROM _snap_extensions(p_schema, p_names, p_all)
UNION ALL SELECT * FROM _snap_catalog_objects(p_schema, p_names, p_all) WHERE p_rare
UNION ALL SELECT * FROM _snap_more_objects(p_schema, p_names, p_all) WHERE p_rare
$$;

-- Whether the database may hold objects of the kinds many schemas have none of:
-- triggers, policies and rules of tracked relations, types and domains, collations,
-- operators, text search objects, statistics objects, operator families and classes,
-- conversions, casts, foreign data wrappers, servers, user mappings and foreign tables,
-- event triggers (but the layer's), publications, subscriptions, default privileges and
-- security labels.  A superset of what _snap_triggers_policies, _snap_types,
-- _snap_collations, _snap_catalog_objects and _snap_more_objects read (each a lookup
-- that stops at the first row): false only when all of them return nothing, so that a
-- whole snapshot may leave them out (1,000 tables: their planning was ~45 ms of a
-- session's first commit, their run ~35 ms of every full snapshot).
-- PL/pgSQL, its plan kept for the session: as a SQL function with a SET clause it was
-- planned again at every whole snapshot (1,000 tables: 6.0 -> 2.8 ms).
CREATE OR REPLACE FUNCTION pggit_v0._snapshot_rare_kinds() RETURNS boolean
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    -- the tracked schemas, read once (not planned and joined in each test below)
    v_s oid[] := ARRAY(SELECT s.oid FROM _tracked_schemas s);
BEGIN
    RETURN
       -- (the few non-internal triggers first, then their tables: pg_trigger is read once,
       -- not once per schema)
       EXISTS (SELECT 1 FROM (SELECT tg.tgrelid FROM pg_trigger tg WHERE NOT tg.tgisinternal OFFSET 0) tg
               JOIN pg_class c ON c.oid = tg.tgrelid WHERE c.relnamespace = ANY (v_s))
    OR EXISTS (SELECT 1 FROM pg_policy x WHERE x.oid IS NOT NULL)
    OR EXISTS (SELECT 1 FROM pg_rewrite ru WHERE ru.rulename <> '_RETURN' AND ru.ev_class >= 16384)
    OR EXISTS (SELECT 1 FROM pg_type t WHERE t.typnamespace = ANY (v_s) AND t.typtype IN ('e', 'd', 'r', 'm'))
    -- (composite types: their relation, of kind 'c', is in the type's schema; no probe of
    -- pg_class per table row type)
    OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relkind = 'c' AND c.relnamespace = ANY (v_s))
    OR EXISTS (SELECT 1 FROM pg_collation x WHERE x.collnamespace = ANY (v_s))
    OR EXISTS (SELECT 1 FROM pg_operator x WHERE x.oprnamespace = ANY (v_s))
    OR EXISTS (SELECT 1 FROM pg_ts_dict x WHERE x.dictnamespace = ANY (v_s))
    OR EXISTS (SELECT 1 FROM pg_ts_config x WHERE x.cfgnamespace = ANY (v_s))
    OR EXISTS (SELECT 1 FROM pg_ts_parser x WHERE x.prsnamespace = ANY (v_s))
    OR EXISTS (SELECT 1 FROM pg_ts_template x WHERE x.tmplnamespace = ANY (v_s))
    OR EXISTS (SELECT 1 FROM pg_statistic_ext x WHERE x.stxnamespace = ANY (v_s))
    OR EXISTS (SELECT 1 FROM pg_opfamily x WHERE x.opfnamespace = ANY (v_s))
    OR EXISTS (SELECT 1 FROM pg_opclass x WHERE x.opcnamespace = ANY (v_s))
    OR EXISTS (SELECT 1 FROM pg_conversion x WHERE x.connamespace = ANY (v_s))
    OR EXISTS (SELECT 1 FROM pg_cast x WHERE x.oid >= 16384)
    OR EXISTS (SELECT 1 FROM pg_foreign_data_wrapper x WHERE x.oid IS NOT NULL)
    OR EXISTS (SELECT 1 FROM pg_foreign_server x WHERE x.oid IS NOT NULL)
    OR EXISTS (SELECT 1 FROM pg_user_mappings x WHERE x.umid IS NOT NULL)
    OR EXISTS (SELECT 1 FROM pg_foreign_table x WHERE x.ftrelid IS NOT NULL)
    OR EXISTS (SELECT 1 FROM pg_event_trigger e WHERE e.evtname NOT LIKE 'pggit\_v0\_%')
    OR EXISTS (SELECT 1 FROM pg_publication x WHERE x.oid IS NOT NULL)
    OR EXISTS (SELECT 1 FROM pg_subscription x WHERE x.oid IS NOT NULL)
    OR EXISTS (SELECT 1 FROM pg_default_acl x WHERE x.oid IS NOT NULL)
    OR EXISTS (SELECT 1 FROM pg_seclabel x WHERE x.objoid IS NOT NULL)
    OR EXISTS (SELECT 1 FROM pg_shseclabel x WHERE x.objoid IS NOT NULL);
END
$$;
COMMENT ON FUNCTION pggit_v0._snapshot_rare_kinds() IS
    'Whether a whole snapshot must read the kinds many schemas have none of (triggers, types, foreign objects, ...): a superset test';

-- The snapshot by names (see _snapshot_names): the kinds in groups, each group one
-- statement, run only when an object of its kinds may bear one of the names (index
-- lookups).  A group's statement is what the one query would have given for its kinds:
-- every kind (and every "depends" row, _dep_base's p_group) is in exactly one group, so
-- each group adds its own empty "depends" rows.  The executor no longer sets up the
-- whole plan (700 nodes) to read one table: 6 -> 2-3 ms a call, and the plans of groups
-- never run are never made (nor, for relations without triggers, policies or rules,
-- _snap_triggers_policies' part: 7 ms of a session's first plan of 1,000 tables).
-- The checks are supersets of the groups' filters.  Planned
-- with the joins in their written order (join_collapse_limit, from_collapse_limit = 1):
-- every statement starts from the names, and planning the relations' statement took
-- 42-47 ms instead of 17 (once per session), for the same plan speed (1,000 tables
-- too); whole snapshots keep the planner's search (there it is 30% faster).  When every
-- relation of the names is a plain table (v_plain), _snap_relations and _snap_columns
-- are planned without their branches for partitions, inheritance children, views,
-- materialized views and sequences (a session's first commit of 10 tables: ~3 ms).
CREATE OR REPLACE FUNCTION pggit_v0._snapshot_by_names(p_schema text, p_names text[])
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET TimeZone = 'UTC'
SET DateStyle = 'ISO, YMD'
SET IntervalStyle = 'postgres'
SET extra_float_digits = 1
SET quote_all_identifiers = off
SET bytea_output = 'hex'
SET plan_cache_mode = force_generic_plan
SET join_collapse_limit = 1
SET from_collapse_limit = 1
AS $$
DECLARE
    v_rel    boolean;
    v_trig   boolean;
    v_plain  boolean;
    v_type   boolean;
    v_proc   boolean;
    v_schema boolean;
    v_rest   boolean;
    v_maybe  boolean;
    v_hash   text;
    v_merge  text;
BEGIN
    SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE c.relname = ANY (p_names) AND (p_schema IS NULL OR n.nspname = p_schema)),
           -- triggers, policies or rules on a relation of those names (else the
           -- relations' statement is planned and run without them)
           EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE c.relname = ANY (p_names) AND (p_schema IS NULL OR n.nspname = p_schema)
                     AND (EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = c.oid AND NOT tg.tgisinternal)
                          OR EXISTS (SELECT 1 FROM pg_policy po WHERE po.polrelid = c.oid)
                          OR EXISTS (SELECT 1 FROM pg_rewrite ru WHERE ru.ev_class = c.oid AND ru.rulename <> '_RETURN'))),
           -- every relation of those names a plain table: no partition, inheritance
           -- child, view, materialized view or sequence (else their branches are planned)
           NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE c.relname = ANY (p_names) AND (p_schema IS NULL OR n.nspname = p_schema)
                         AND (c.relkind IN ('p', 'v', 'm', 'S')
                              OR (c.relkind = 'r' AND (c.relispartition
                                                       OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid))))),
           EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                   WHERE t.typname = ANY (p_names) AND (p_schema IS NULL OR n.nspname = p_schema)
                     -- (not a table's row type: every table has one of its name)
                     AND (t.typtype IN ('e', 'd', 'r')
                          OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))),
           EXISTS (SELECT 1 FROM pg_proc f JOIN pg_namespace n ON n.oid = f.pronamespace
                   WHERE f.proname = ANY (p_names) AND (p_schema IS NULL OR n.nspname = p_schema)),
           EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = ANY (p_names) AND (p_schema IS NULL OR n.nspname = p_schema)),
           -- the other kinds: objects of no schema, default privileges and security
           -- labels (keyed by other names), or any of those kinds bearing a name
           p_schema IS NULL OR p_schema = 'pg_database'
           OR EXISTS (SELECT 1 FROM pg_seclabel) OR EXISTS (SELECT 1 FROM pg_shseclabel)
           OR EXISTS (SELECT 1 FROM pg_default_acl da JOIN pg_roles r ON r.oid = da.defaclrole WHERE r.rolname = ANY (p_names))
           OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relname = ANY (p_names) AND c.relkind = 'f')
           OR EXISTS (SELECT 1 FROM pg_extension e WHERE e.extname = ANY (p_names)),
           -- whether any collation, operator, text search object, statistics object,
           -- operator family or class, or conversion lives in a schema other than pg_catalog
           -- and pg_toast (pinned: PostgreSQL records no dependency on them; public is not
           -- pinned): every other schema's objects depend on it in pg_depend, which is how
           -- DROP SCHEMA ... CASCADE finds them.  When none does, no object of those kinds
           -- is tracked (_tracked_schemas), and their ten catalogs need not be probed by name
           -- (nor opened and planned in a session's first incremental commit: ~3 M of
           -- ~330 M instructions net, bench/README.md stop 24)
           -- (objects made since initdb: their oids start at 16384, FirstNormalObjectId; with
           -- that bound an index scan, without it pg_depend was read whole)
           EXISTS (SELECT 1 FROM pg_depend d
                   WHERE d.classid IN ('pg_collation'::regclass, 'pg_operator'::regclass, 'pg_ts_dict'::regclass,
                                       'pg_ts_config'::regclass, 'pg_ts_parser'::regclass,
                                       'pg_ts_template'::regclass, 'pg_statistic_ext'::regclass,
                                       'pg_opfamily'::regclass, 'pg_opclass'::regclass, 'pg_conversion'::regclass)
                     AND d.objid >= 16384::oid AND d.refclassid = 'pg_namespace'::regclass),
           current_setting('enable_hashjoin'), current_setting('enable_mergejoin')
    INTO v_rel, v_trig, v_plain, v_type, v_proc, v_schema, v_rest, v_maybe, v_hash, v_merge;
    IF NOT v_rest AND v_maybe THEN
        SELECT EXISTS (SELECT 1 FROM pg_collation c WHERE c.collname = ANY (p_names))
               OR EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprname = ANY (p_names))
               OR EXISTS (SELECT 1 FROM pg_ts_dict d WHERE d.dictname = ANY (p_names))
               OR EXISTS (SELECT 1 FROM pg_ts_config c WHERE c.cfgname = ANY (p_names))
               OR EXISTS (SELECT 1 FROM pg_ts_parser x WHERE x.prsname = ANY (p_names))
               OR EXISTS (SELECT 1 FROM pg_ts_template x WHERE x.tmplname = ANY (p_names))
               OR EXISTS (SELECT 1 FROM pg_statistic_ext x WHERE x.stxname = ANY (p_names))
               OR EXISTS (SELECT 1 FROM pg_opfamily f WHERE f.opfname = ANY (p_names))
               OR EXISTS (SELECT 1 FROM pg_opclass c WHERE c.opcname = ANY (p_names))
               OR EXISTS (SELECT 1 FROM pg_conversion c WHERE c.conname = ANY (p_names))
        INTO v_rest;
    END IF;
    -- The relations' statement is planned with nested loops only (its joins are index
    -- probes from the few named relations): considering hash and merge joins for its
    -- ~180 plan nodes was ~5 M instructions of a session's first incremental commit,
    -- for plans that run the same (10 or 100 tables, bench/README.md stop 24).  Set as
    -- SET LOCAL does and set back after it (an error rolls both back with the rest).
    IF v_rel THEN
        PERFORM set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true);
    END IF;
    -- (four texts of one statement: with or without _snap_triggers_policies, which has no
    -- row when v_trig is false, and p_plain true or false; only the one run is planned)
    IF v_rel AND NOT v_trig AND v_plain THEN
        RETURN QUERY
        WITH s AS MATERIALIZED (SELECT * FROM pggit_v0._snap_relations(p_schema, p_names, false, true)
                                UNION ALL SELECT * FROM pggit_v0._snap_columns(p_schema, p_names, false, true)
                                UNION ALL SELECT * FROM pggit_v0._snap_constraints(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_indexes(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_depends_names(p_schema, p_names, 'rel'))
        SELECT * FROM s
        UNION ALL
        SELECT s.schema_name, s.kind, s.name, min(s.bare_name), 'depends', ''
        FROM s GROUP BY s.schema_name, s.kind, s.name HAVING bool_and(s.sub_key <> 'depends');
    ELSIF v_rel AND NOT v_trig THEN
        RETURN QUERY
        WITH s AS MATERIALIZED (SELECT * FROM pggit_v0._snap_relations(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_columns(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_constraints(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_indexes(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_depends_names(p_schema, p_names, 'rel'))
        SELECT * FROM s
        UNION ALL
        SELECT s.schema_name, s.kind, s.name, min(s.bare_name), 'depends', ''
        FROM s GROUP BY s.schema_name, s.kind, s.name HAVING bool_and(s.sub_key <> 'depends');
    ELSIF v_rel AND v_plain THEN
        RETURN QUERY
        WITH s AS MATERIALIZED (SELECT * FROM pggit_v0._snap_relations(p_schema, p_names, false, true)
                                UNION ALL SELECT * FROM pggit_v0._snap_columns(p_schema, p_names, false, true)
                                UNION ALL SELECT * FROM pggit_v0._snap_constraints(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_indexes(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_triggers_policies(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_depends_names(p_schema, p_names, 'rel'))
        SELECT * FROM s
        UNION ALL
        SELECT s.schema_name, s.kind, s.name, min(s.bare_name), 'depends', ''
        FROM s GROUP BY s.schema_name, s.kind, s.name HAVING bool_and(s.sub_key <> 'depends');
    ELSIF v_rel THEN   -- tables, views, materialized views, sequences
        RETURN QUERY
        WITH s AS MATERIALIZED (SELECT * FROM pggit_v0._snap_relations(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_columns(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_constraints(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_indexes(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_triggers_policies(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_depends_names(p_schema, p_names, 'rel'))
        SELECT * FROM s
        UNION ALL
        SELECT s.schema_name, s.kind, s.name, min(s.bare_name), 'depends', ''
        FROM s GROUP BY s.schema_name, s.kind, s.name HAVING bool_and(s.sub_key <> 'depends');
    END IF;
    IF v_rel THEN
        PERFORM set_config('enable_hashjoin', v_hash, true), set_config('enable_mergejoin', v_merge, true);
    END IF;
    IF v_type THEN   -- enum, composite, range types and domains
        RETURN QUERY
        WITH s AS MATERIALIZED (SELECT * FROM pggit_v0._snap_types(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_depends_names(p_schema, p_names, 'type'))
        SELECT * FROM s
        UNION ALL
        SELECT s.schema_name, s.kind, s.name, min(s.bare_name), 'depends', ''
        FROM s GROUP BY s.schema_name, s.kind, s.name HAVING bool_and(s.sub_key <> 'depends');
    END IF;
    IF v_proc THEN   -- functions, procedures, aggregates
        RETURN QUERY
        WITH s AS MATERIALIZED (SELECT * FROM pggit_v0._snap_routines(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_depends_names(p_schema, p_names, 'proc'))
        SELECT * FROM s
        UNION ALL
        SELECT s.schema_name, s.kind, s.name, min(s.bare_name), 'depends', ''
        FROM s GROUP BY s.schema_name, s.kind, s.name HAVING bool_and(s.sub_key <> 'depends');
    END IF;
    IF v_schema THEN   -- schemas (no "depends" rows of their own)
        RETURN QUERY
        WITH s AS MATERIALIZED (SELECT * FROM pggit_v0._snap_schemas(p_schema, p_names, false))
        SELECT * FROM s
        UNION ALL
        SELECT s.schema_name, s.kind, s.name, min(s.bare_name), 'depends', ''
        FROM s GROUP BY s.schema_name, s.kind, s.name HAVING bool_and(s.sub_key <> 'depends');
    END IF;
    IF v_rest THEN
        RETURN QUERY
        WITH s AS MATERIALIZED (SELECT * FROM pggit_v0._snap_collations(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_extensions(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_catalog_objects(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_more_objects(p_schema, p_names, false)
                                UNION ALL SELECT * FROM pggit_v0._snap_depends_names(p_schema, p_names, 'rest'))
        SELECT * FROM s
        UNION ALL
        SELECT s.schema_name, s.kind, s.name, min(s.bare_name), 'depends', ''
        FROM s GROUP BY s.schema_name, s.kind, s.name HAVING bool_and(s.sub_key <> 'depends');
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._snapshot_by_names(text, text[]) IS
    'The live schema''s snapshot rows of the objects of some names (in one schema, or all): _snapshot_names'' incremental half';

CREATE OR REPLACE FUNCTION pggit_v0._snapshot_names(p_schema text, p_names text[])
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET TimeZone = 'UTC'
SET DateStyle = 'ISO, YMD'
SET IntervalStyle = 'postgres'
SET extra_float_digits = 1
SET quote_all_identifiers = off
SET bytea_output = 'hex'
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    -- every object gets a "depends" blob, empty when it depends on nothing tracked: an
    -- object tree without one was recorded before dependencies were (or by a merge), and
    -- the migration engine then reads its definition instead
    IF p_names IS NULL THEN
        -- (two statements, each planned only when first run: without the kinds of
        -- _snapshot_rare_kinds when the database has none of them)
        IF pggit_v0._snapshot_rare_kinds() THEN
            RETURN QUERY
            WITH s AS MATERIALIZED (SELECT * FROM pggit_v0._snapshot_q(p_schema, NULL, true, true)
                                    UNION ALL SELECT * FROM pggit_v0._snap_depends_all(p_schema))
            -- (definitions as PostgreSQL prints them back once run again: see _settled)
            SELECT s.schema_name, s.kind, s.name, s.bare_name, s.sub_key, _settled(s.definition) FROM s
            UNION ALL
            SELECT s.schema_name, s.kind, s.name, min(s.bare_name), 'depends', ''
            FROM s GROUP BY s.schema_name, s.kind, s.name HAVING bool_and(s.sub_key <> 'depends');
        ELSE
            RETURN QUERY
            WITH s AS MATERIALIZED (SELECT * FROM pggit_v0._snapshot_q(p_schema, NULL, true, false)
                                    UNION ALL SELECT * FROM pggit_v0._snap_depends_all(p_schema))
            SELECT s.schema_name, s.kind, s.name, s.bare_name, s.sub_key, _settled(s.definition) FROM s
            UNION ALL
            SELECT s.schema_name, s.kind, s.name, min(s.bare_name), 'depends', ''
            FROM s GROUP BY s.schema_name, s.kind, s.name HAVING bool_and(s.sub_key <> 'depends');
        END IF;
        RETURN;
    END IF;
    -- by names (an incremental commit): see _snapshot_by_names
    RETURN QUERY SELECT b.schema_name, b.kind, b.name, b.bare_name, b.sub_key, _settled(b.definition)
                 FROM pggit_v0._snapshot_by_names(p_schema, p_names) b;
END
$$;
-- The whole snapshot's rows, but for the empty "depends" rows of objects that depend on
-- nothing: _snapshot_names(NULL, NULL) without the step that finds those objects (the
-- rows kept once more and grouped by object, ~15-20 ms of 1,000 tables), for
-- _write_tree, which groups the rows by object anyway and adds them there.  Planned
-- with no schema filter (a NULL constant, folded away).
CREATE OR REPLACE FUNCTION pggit_v0._snapshot_whole_rows()
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET TimeZone = 'UTC'
SET DateStyle = 'ISO, YMD'
SET IntervalStyle = 'postgres'
SET extra_float_digits = 1
SET quote_all_identifiers = off
SET bytea_output = 'hex'
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
    IF pggit_v0._snapshot_rare_kinds() THEN
        RETURN QUERY
        SELECT s.schema_name, s.kind, s.name, s.bare_name, s.sub_key, _settled(s.definition)
        FROM (SELECT * FROM pggit_v0._snapshot_q(NULL, NULL, true, true)
              UNION ALL SELECT * FROM pggit_v0._snap_depends_all(NULL)) s;
    ELSE
        RETURN QUERY
        SELECT s.schema_name, s.kind, s.name, s.bare_name, s.sub_key, _settled(s.definition)
        FROM (SELECT * FROM pggit_v0._snapshot_q(NULL, NULL, true, false)
              UNION ALL SELECT * FROM pggit_v0._snap_depends_all(NULL)) s;
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._snapshot_whole_rows() IS
    'The whole live schema as snapshot rows, without the empty "depends" rows (see _snapshot_names; _write_tree adds them)';
COMMENT ON FUNCTION pggit_v0._snapshot_q(text, text[], boolean, boolean) IS
    'The snapshot query (every kind''s rows), inlined by _snapshot_names; p_all: no name filter; p_rare false: without the kinds _snapshot_rare_kinds tests';
COMMENT ON FUNCTION pggit_v0._snapshot_names(text, text[]) IS
    'The live schema as snapshot rows, optionally only one schema and the objects of some names in it (every kind)';

-- (No SET clause, qualified names: inlined into its callers, whose rows are then not
-- copied once more; _snapshot_names pins the settings.)
CREATE OR REPLACE FUNCTION pggit_v0._snapshot(p_schema text DEFAULT NULL, p_name text DEFAULT NULL)
RETURNS TABLE (schema_name text, kind text, name text, bare_name text, sub_key text, definition text)
LANGUAGE sql STABLE
AS $$ SELECT * FROM pggit_v0._snapshot_names(p_schema, CASE WHEN p_name IS NOT NULL THEN ARRAY[p_name] END) $$;
COMMENT ON FUNCTION pggit_v0._snapshot(text, text) IS
    'The live schema as (schema_name, kind, name, bare_name, sub_key, definition) rows, optionally filtered by schema and object name';

-- What snapshots do not record, so that commits can say so instead of leaving it out
-- silently: shell operators (no function yet: pg_dump leaves them out too) in tracked
-- schemas, and user-defined casts joining only types and functions outside tracked
-- schemas.  Extension members are left out (the extension is recorded).  One row per
-- object: its type and identity as pg_identify_object() names them.
CREATE OR REPLACE FUNCTION pggit_v0._untracked_objects()
RETURNS TABLE (object_type text, object_identity text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH o(classid, objid) AS (
    SELECT 'pg_operator'::regclass, x.oid FROM pg_operator x JOIN _tracked_schemas s ON s.oid = x.oprnamespace
    WHERE x.oprcode = 0   -- shells: pg_dump leaves them out too
    UNION ALL
    SELECT 'pg_cast'::regclass, c.oid FROM pg_cast c
    WHERE c.oid >= 16384   -- not built in, not made by a type for itself, not recorded by _snap_more_objects
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid AND d.deptype = 'i')
      AND NOT EXISTS (SELECT 1 FROM pg_type t JOIN _tracked_schemas s ON s.oid = t.typnamespace
                      WHERE t.oid IN (c.castsource, c.casttarget))
      AND NOT EXISTS (SELECT 1 FROM pg_proc p JOIN _tracked_schemas s ON s.oid = p.pronamespace WHERE p.oid = c.castfunc)
      AND NOT EXISTS (SELECT 1 FROM pg_type t WHERE t.oid IN (c.castsource, c.casttarget)
                        AND t.typnamespace = 'pggit_v0'::regnamespace)
)
SELECT i.type, i.identity
FROM o CROSS JOIN LATERAL pg_identify_object(o.classid, o.objid, 0) i
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = o.classid AND d.objid = o.objid AND d.deptype = 'e')
ORDER BY 1, 2
$$;
COMMENT ON FUNCTION pggit_v0._untracked_objects() IS
    'Objects snapshots do not record (shell operators, casts outside tracked schemas), extension members left out';

-- Promises of the private helpers above.
COMMENT ON FUNCTION pggit_v0._snap_schemas(text, text[], boolean) IS 'Snapshot rows of schemas: definition, comment, grants';
COMMENT ON FUNCTION pggit_v0._snap_relations(text, text[], boolean, boolean) IS 'Snapshot rows of tables, views, materialized views and sequences: definition, owned_by, rls, comment, grants';
COMMENT ON FUNCTION pggit_v0._snap_columns(text, text[], boolean, boolean) IS 'Snapshot rows of columns (one blob each), column order, column comments and column grants, and the NOT NULL of inherited columns that no parent has';
COMMENT ON FUNCTION pggit_v0._snap_constraints(text, text[], boolean) IS 'Snapshot rows of constraints declared on a table itself, and their comments';
COMMENT ON FUNCTION pggit_v0._snap_indexes(text, text[], boolean) IS 'Snapshot rows of indexes not backing a constraint nor attached to a parent index';
COMMENT ON FUNCTION pggit_v0._snap_indexes_all(text) IS 'Snapshot rows of indexes of a whole snapshot, as _snap_indexes gives them (plain btree indexes deparsed in SQL)';
COMMENT ON FUNCTION pggit_v0._snap_triggers_policies(text, text[], boolean) IS 'Snapshot rows of user triggers, row level security policies and rules';
COMMENT ON FUNCTION pggit_v0._snap_routines(text, text[], boolean) IS 'Snapshot rows of functions, procedures and aggregates keyed by identity arguments';
COMMENT ON FUNCTION pggit_v0._snap_types(text, text[], boolean) IS 'Snapshot rows of enum, composite, range and domain types';
COMMENT ON FUNCTION pggit_v0._snap_collations(text, text[], boolean) IS 'Snapshot rows of collations (provider, locale, determinism, ICU rules) and their comments';
COMMENT ON FUNCTION pggit_v0._snap_catalog_objects(text, text[], boolean) IS 'Snapshot rows of operators, text search dictionaries and configurations, and extended statistics objects';
COMMENT ON FUNCTION pggit_v0._snap_extensions(text, text[], boolean) IS 'Snapshot rows of extensions (name, schema, version), plpgsql excluded';
