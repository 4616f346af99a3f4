-- Migration SQL, stage 3: the emitters.  Each turns the rows of a plan (58_plan.sql's
-- _migration_part) into statements: (phase, order within the phase, the object and part
-- it implements, the statement, its hazards).  _migration_steps (57_migration.sql)
-- runs them all and sorts their statements by phase, then order, then name.  An emitter
-- reads only its plan rows: no joins, so each is linear in the plan.
--
-- Phases (the script's order):
--    1- 3  event triggers, default privileges, security labels, subscriptions, publications dropped
--   10-20  parts of altered tables dropped: triggers, rules, policies, foreign keys, checks,
--          indexes, columns (and foreign keys of other tables on what changes)
--   11-29  whole objects dropped or recreated: views (dependants first), routines, tables,
--          sequences, types (rebuilt ones renamed away), extensions, schemas
--   30-41  objects created: schemas, extensions, types, sequences, routines, tables,
--          routines on tables' row types; definitions altered in place (31-41)
--   41-43  columns: converted to a rebuilt type, added, changed in place, defaults again
--   44     foreign tables created; user mappings, servers, wrappers removed
--   45-49  objects removed for good (after the columns that used them), rebuilt types'
--          old copies, extensions, schemas
--   50-57  keys, checks, indexes, foreign keys (NOT VALID, then VALIDATE), statistics
--   60-68  views and SQL-standard routines (in dependency order), triggers, policies,
--          routines on views' row types, rules, publications, subscriptions
--   70-80  comments, grants, default privileges, security labels, event triggers

-- The type a domain the plan makes (p_new) or drops (NOT p_new) is over, as that side's
-- tree defines it (CREATE DOMAIN q AS <type> ...); an array of it likewise; p_type itself
-- otherwise.  The live catalog does not hold such a domain (or holds the other side's),
-- so _type_narrows alone missed a narrowing between two domains (AA1).
CREATE OR REPLACE FUNCTION pggit_v0._plan_domain_base(p_plan pggit_v0._migration_part[], p_type text, p_new boolean)
RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT coalesce((
    SELECT regexp_replace(substr(c.def, length('CREATE DOMAIN ' || x.q || ' AS ') + 1),
                          '( COLLATE | DEFAULT | NOT NULL| CONSTRAINT | CHECK |;$).*$', '')
           || coalesce(substring(p_type FROM '((\[\])+)$'), '')
    FROM unnest(p_plan) x
    CROSS JOIN LATERAL (SELECT CASE WHEN p_new THEN x.new_c ELSE x.old_c END AS def) c
    WHERE p_type ~ '^[^(]*\.' AND x.role = 'part' AND x.kind = 'domain' AND x.sub_key = 'definition'
      AND x.q = regexp_replace(p_type, '(\[\])+$', '')
      AND left(c.def, length('CREATE DOMAIN ' || x.q || ' AS ')) = 'CREATE DOMAIN ' || x.q || ' AS '
    LIMIT 1), p_type)
$$;

-- A serial made an identity or back: the last value the sequence that goes handed out
-- (p_seq_expr: an SQL expression giving its name), kept in a setting of the transaction
-- named after the column, read (_seq_pos_read) when the new sequence is set, so that it
-- continues past it (max(id) alone handed out again the ids of rows deleted, AA4).
CREATE OR REPLACE FUNCTION pggit_v0._seq_pos_keep(p_table text, p_col text, p_seq_expr text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT format('SELECT pg_catalog.set_config(%L, coalesce((SELECT s.last_value::text FROM pg_catalog.pg_sequences s '
              'WHERE pg_catalog.format(%L, s.schemaname, s.sequencename) = %s), %L), true);',
              'pggit.seqpos_' || left(md5(p_table || '.' || p_col), 16), '%I.%I', p_seq_expr, '')
$$;
COMMENT ON FUNCTION pggit_v0._seq_pos_keep(text, text, text) IS
    'A statement keeping the last value of the sequence p_seq_expr names in a transaction setting named after the column, before a serial becomes an identity or back (AA4)';

CREATE OR REPLACE FUNCTION pggit_v0._seq_pos_read(p_table text, p_col text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT format('nullif(pg_catalog.current_setting(%L, true), %L)::bigint',
              'pggit.seqpos_' || left(md5(p_table || '.' || p_col), 16), '')
$$;
COMMENT ON FUNCTION pggit_v0._seq_pos_read(text, text) IS
    'An SQL expression reading the position _seq_pos_keep kept for the column (NULL when none), for the new sequence''s setval (AA4)';

-- Whether a routine's definition names a table of which the plan drops a column.
CREATE OR REPLACE FUNCTION pggit_v0._reads_dropped_column(p_def text, p_plan pggit_v0._migration_part[])
RETURNS boolean
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM unnest(p_plan) c
                   WHERE c.role = 'part' AND c.sub_key LIKE 'column %' AND c.old_c IS NOT NULL AND c.new_c IS NULL
                     AND _qname(c.schema_name, c.obj_key) IN (SELECT q FROM _qualified_names(p_def) q))
$$;
COMMENT ON FUNCTION pggit_v0._reads_dropped_column(text, pggit_v0._migration_part[]) IS
    'Whether a definition names a table the migration plan drops a column of';

-- Whole objects dropped: removed, or recreated (dropped to be created again); routines
-- on a dependency cycle replaced by a stub first; rebuilt types renamed away, and their
-- old copies dropped once their columns are converted.
CREATE OR REPLACE FUNCTION pggit_v0._emit_drops(p_plan pggit_v0._migration_part[])
RETURNS TABLE (phase int, ord int, schema_name text, obj_key text, sub_key text, stmt text, hz text[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        -- whole objects removed or recreated (their parts go with them)
        -- Objects removed for good that columns may use (sequences and functions in
        -- defaults, types, domains, collations) go after the column changes (phase 42),
        -- those referring to others first; then rebuilt types' old copies (47),
        -- extensions and schemas.  Objects recreated go first, to make room.
        SELECT CASE -- a type or domain on the row type of a table that goes: with the tables
                    WHEN x.kind IN ('type', 'domain') AND coalesce(x.sig_going, false) THEN 21
                    WHEN x.kind IN ('function', 'procedure', 'aggregate')
                         -- its arguments or result use the row type of a table or view that
                         -- goes: dropped with the views, in dependency order (DROP TABLE
                         -- and DROP VIEW refuse while it depends on them, it refuses while
                         -- a view calls it)
                         AND coalesce(x.sig_going, false)
                         THEN 12
                    -- with views; removed for good too when it names a table that loses a
                    -- column (its body holds the columns it reads, J3), else late (a
                    -- default, check or generated column going at phase 20 may call it)
                    WHEN x.kind IN ('function', 'procedure') AND _sql_body(x.old_c)
                         AND (x.how <> 'removed' OR _reads_dropped_column(x.old_c, p_plan)) THEN 12
                    WHEN x.how = 'removed' AND x.kind IN ('function', 'procedure', 'aggregate')
                         -- replaced by a routine of the same name (VARIADIC, argument names or
                         -- OUT parameters changed): dropped before that one is created, as
                         -- DROP matches on input types and would take the new one
                         AND coalesce(x.renamed_in, false)
                         THEN 26
                    -- its signature uses a rebuilt type: before that is renamed away (27),
                    -- as when it is recreated, else DROP would name the new type (L6, L7)
                    WHEN x.how = 'removed' AND x.kind IN ('function', 'procedure', 'aggregate', 'cast')
                         AND x.rebuilt_depth IS NOT NULL
                         THEN CASE x.kind WHEN 'cast' THEN 23 WHEN 'aggregate' THEN 25 ELSE 26 END
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
                                    'conversion', 'server', 'user_mapping') THEN 23
                    WHEN x.kind IN ('text_search_dictionary', 'text_search_parser', 'text_search_template') THEN 24
                    WHEN x.how = 'removed' AND x.kind = 'extension' THEN 48
                    WHEN x.how = 'removed' AND x.kind = 'schema' THEN 49
                    ELSE CASE x.kind WHEN 'view' THEN 12 WHEN 'materialized_view' THEN 12 WHEN 'function' THEN 26
                           WHEN 'procedure' THEN 26 WHEN 'aggregate' THEN 25 WHEN 'table' THEN 21
                           WHEN 'sequence' THEN 22 WHEN 'type' THEN 27 WHEN 'domain' THEN 27
                           WHEN 'extension' THEN 28 WHEN 'collation' THEN 28 WHEN 'schema' THEN 29 END END AS phase,
               CASE WHEN x.kind IN ('view', 'materialized_view')
                         OR (x.kind IN ('function', 'procedure') AND _sql_body(x.old_c)
                             AND (x.how <> 'removed' OR _reads_dropped_column(x.old_c, p_plan)))
                         OR (x.kind IN ('function', 'procedure', 'aggregate', 'type', 'domain') AND coalesce(x.sig_going, false))
                         -- tables: whose parts read another first (see tdepth)
                         OR x.kind = 'table'
                    THEN -coalesce(x.drop_depth, 0)
                    WHEN x.kind = 'operator_class' THEN -3
                    WHEN x.kind = 'operator_family' THEN -2
                    WHEN x.kind IN ('cast', 'conversion') THEN -1
                    WHEN x.kind IN ('text_search_parser', 'text_search_template') THEN 5
                    WHEN x.kind = 'user_mapping' THEN 0 WHEN x.kind = 'server' THEN 1 WHEN x.kind = 'foreign_data_wrapper' THEN 2
                    -- (extensions too: one requiring another goes first)
                    WHEN x.how = 'removed' AND x.kind NOT IN ('table', 'view', 'materialized_view', 'schema')
                         THEN -coalesce(x.late_depth, 0)
                    ELSE 1 END AS ord,
               x.schema_name, x.obj_key, x.sub_key,
               CASE x.kind
                 WHEN 'user_mapping' THEN regexp_replace(x.q, '^(.+)@("(?:[^"]|"")+"|[^@"]+)$', 'DROP USER MAPPING IF EXISTS FOR \1 SERVER \2;')
                 -- (an aggregate of no arguments is named with (*))
                 WHEN 'aggregate' THEN format('DROP AGGREGATE IF EXISTS %s;', regexp_replace(x.q, '\(\)$', '(*)'))
                 WHEN 'default_privileges' THEN _invert_default_privileges(x.old_c)
                 WHEN 'security_label' THEN regexp_replace(x.old_c, ' IS (?:E''(?:[^''\\]|''''|\\.)*''|''(?:[^'']|'''')*'');$', ' IS NULL;')
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
        FROM unnest(p_plan) x
        WHERE x.role = 'part' AND x.sub_key = 'definition' AND x.how IN ('removed', 'recreated') AND x.old_c IS NOT NULL
          -- (an extension moved to another schema: see _emit_creates, N7)
          AND NOT (x.kind = 'extension' AND x.how = 'removed'
                   AND EXISTS (SELECT 1 FROM unnest(p_plan) y
                               WHERE y.role = 'part' AND y.sub_key = 'definition' AND y.kind = 'extension'
                                 AND y.how = 'added' AND y.obj_key = x.obj_key))
          -- (a serial's sequence whose column becomes an identity: dropped with that
          -- change, before the identity takes its name, see _emit_columns)
          AND NOT (x.kind = 'sequence' AND x.how = 'removed'
                   AND EXISTS (SELECT 1 FROM unnest(p_plan) c   -- (one-time filter: an identity added)
                               WHERE c.role = 'part' AND c.how = 'altered' AND c.sub_key LIKE 'column %'
                                 AND c.new_c LIKE '% AS IDENTITY%' AND c.old_c NOT LIKE '% AS IDENTITY%')
                   AND EXISTS (SELECT 1 FROM unnest(p_plan) ob, unnest(p_plan) c
                               WHERE ob.role = 'part' AND ob.schema_name = x.schema_name AND ob.obj_key = x.obj_key
                                 AND ob.sub_key = 'owned_by'
                                 AND c.role = 'part' AND c.how = 'altered' AND c.sub_key LIKE 'column %'
                                 AND c.new_c LIKE '% AS IDENTITY%' AND c.old_c NOT LIKE '% AS IDENTITY%'
                                 AND (_col_parts(c.new_c)).identity IS NOT NULL AND (_col_parts(c.old_c)).identity IS NULL
                                 AND ob.old_c = format('ALTER SEQUENCE %s OWNED BY %s.%s;', x.q, c.q, (_col_parts(c.new_c)).name)))
        UNION ALL
        -- a routine with an SQL-standard body on a dependency cycle with views that go:
        -- replaced first by a stub with a string body, which depends on nothing, so that
        -- the views and then the routine can be dropped (PostgreSQL refuses either first)
        SELECT 11, -1000000, x.schema_name, x.obj_key, x.sub_key, _routine_stub(x.old_c), ARRAY[]::text[]
        FROM unnest(p_plan) x
        WHERE x.role = 'part' AND x.sub_key = 'definition' AND x.how IN ('removed', 'recreated') AND x.old_c IS NOT NULL
          AND coalesce(x.drop_broken, false) AND x.kind IN ('function', 'procedure')
        UNION ALL
        -- rebuilt types: renamed away first, dropped once their columns are converted
        SELECT 27, 0, x.schema_name, x.obj_key, x.sub_key,
               format('ALTER %s %s RENAME TO %I;', upper(x.kind), x.q, _old_name(_key_name(x.obj_key))),
               ARRAY['correctness_risk']
        FROM unnest(p_plan) x
        WHERE x.role = 'part' AND x.how = 'rebuilt' AND x.sub_key = 'definition'
        UNION ALL
        SELECT 47, -coalesce(x.rebuilt_depth, 0),
               x.schema_name, x.obj_key, x.sub_key,
               format('DROP %s %I.%I;', upper(x.kind), x.schema_name, _old_name(_key_name(x.obj_key))),
               ARRAY[]::text[]
        FROM unnest(p_plan) x
        WHERE x.role = 'part' AND x.how = 'rebuilt' AND x.sub_key = 'definition';
END
$$;

-- Parts dropped: parts of altered objects removed or replaced, parts of kept tables that
-- name a rebuilt type or a retyped column or call a recreated routine (and such column
-- defaults), sequences released from a table that goes, foreign keys of kept tables on
-- what changes.
CREATE OR REPLACE FUNCTION pggit_v0._emit_part_drops(p_plan pggit_v0._migration_part[])
RETURNS TABLE (phase int, ord int, schema_name text, obj_key text, sub_key text, stmt text, hz text[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        -- parts of altered objects removed or replaced
        SELECT CASE split_part(x.sub_key, ' ', 1) WHEN 'trigger' THEN 10 WHEN 'rule' THEN 10 WHEN 'policy' THEN 11
                    WHEN 'constraint' THEN CASE WHEN x.old_c LIKE '% FOREIGN KEY %' THEN 13 ELSE 14 END
                    WHEN 'index' THEN 15 WHEN 'column' THEN 20 WHEN 'rls' THEN 11 WHEN 'owned_by' THEN 19
                    -- after the primary key holding it goes, before its parent's column may
                    WHEN 'column_not_null' THEN 19
                    ELSE 70 END,
               -- a partition's index attached to its parent's: after the parent's, which takes it along;
               -- a generated column before the columns it reads (J1)
               CASE WHEN _attach_line(x.old_c) IS NOT NULL THEN 2
                    WHEN x.sub_key LIKE 'column %' AND x.old_c ~ ' GENERATED ALWAYS AS \(' THEN 0 ELSE 1 END,
               x.schema_name, x.obj_key, x.sub_key,
               coalesce(CASE WHEN coalesce(x.drop_cascade, false)
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
                 -- a cloned trigger's own firing state gone: its parent trigger's again
                 WHEN 'trigger_state' THEN _safe_do(format(
                     'DO $pggit$ BEGIN EXECUTE (SELECT format(''ALTER TABLE %%s %%s TRIGGER %%I'', %L, CASE p.tgenabled '
                     'WHEN ''D'' THEN ''DISABLE'' WHEN ''R'' THEN ''ENABLE REPLICA'' WHEN ''A'' THEN ''ENABLE ALWAYS'' '
                     'ELSE ''ENABLE'' END, c.tgname) FROM pg_trigger c JOIN pg_trigger p ON p.oid = c.tgparentid '
                     'WHERE c.tgrelid = %L::regclass AND c.tgname = %L); END $pggit$;', x.q, x.q, substr(x.sub_key, 15)))
                 -- an inherited column's own default gone: its parent's again (as the
                 -- parent has it by then)
                 WHEN 'column_default' THEN _safe_do(format(
                     'DO $pggit$ BEGIN EXECUTE (SELECT format(''ALTER TABLE ONLY %%s ALTER COLUMN %%I %%s'', %L, a.attname, '
                     'coalesce(''SET DEFAULT '' || pg_get_expr(d.adbin, d.adrelid), ''DROP DEFAULT'')) FROM pg_inherits i '
                     'JOIN pg_attribute a ON a.attrelid = i.inhparent AND a.attname = %L LEFT JOIN pg_attrdef d '
                     'ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE i.inhrelid = %L::regclass '
                     'ORDER BY i.inhseqno LIMIT 1); END $pggit$;', x.q, substr(x.sub_key, 16), x.q))
                 ELSE regexp_replace(x.old_c, ' IS (?:E''(?:[^''\\]|''''|\\.)*''|''(?:[^'']|'''')*'');$', ' IS NULL;')   -- comments
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
        FROM unnest(p_plan) x
        WHERE x.role = 'part' AND (x.how = 'altered' OR (x.how IN ('removed', 'recreated') AND x.kind = 'table'
                                     AND x.sub_key LIKE 'constraint %' AND x.old_c LIKE '% FOREIGN KEY %'))
          AND x.old_c IS NOT NULL
          -- (a sequence moving to another owner column is released first: dropping the old
          -- column would take it along)
          AND (x.how <> 'altered' OR x.new_c IS NULL OR split_part(x.sub_key, ' ', 1) IN ('trigger', 'policy', 'rule', 'constraint', 'index', 'rls', 'grants', 'column_grants', 'owned_by'))
          -- a kept partition's attached index no longer recorded: kept (renamed, see _emit_part_creates)
          AND NOT (x.how = 'altered' AND x.new_c IS NULL AND split_part(x.sub_key, ' ', 1) IN ('index', 'constraint')
                   AND _attach_line(x.old_c) IS NOT NULL
                   AND _kept_attach(p_plan, x.schema_name, x.obj_key, _attach_line(x.old_c)))
          -- an index or key of a partition only attached to its parent's: kept (attached below)
          AND NOT (x.how = 'altered' AND x.new_c IS NOT NULL AND _without_attach(x.new_c) = x.old_c)
          -- ... or only no longer attached: its parent's index goes, taking it along (created again below)
          AND NOT (x.how = 'altered' AND x.new_c IS NOT NULL AND _attach_line(x.old_c) IS NOT NULL
                   AND x.new_c = _without_attach(x.old_c))
          -- a partitioned index made ON ONLY its table that every partition's now attaches
          -- to: PostgreSQL made it valid with the last ATTACH PARTITION (nothing to do)
          AND NOT (x.how = 'altered' AND x.new_c IS NOT NULL AND x.sub_key LIKE 'index %'
                   AND _index_became_valid(x.old_c, x.new_c))
          -- ... and its partitions' indexes, recorded while it was not valid, are now its
          -- clones: kept (attached to it already, or attached: adopted_index in the plan)
          AND NOT (x.how = 'altered' AND x.new_c IS NULL AND x.sub_key LIKE 'index %'
                   AND EXISTS (SELECT 1 FROM unnest(p_plan) pv   -- (one-time filter)
                               WHERE pv.role = 'part' AND pv.how = 'altered' AND pv.sub_key LIKE 'index %'
                                 AND _index_became_valid(pv.old_c, pv.new_c))
                   AND (EXISTS (SELECT 1 FROM unnest(p_plan) pv
                                WHERE pv.role = 'part' AND pv.how = 'altered' AND pv.sub_key LIKE 'index %'
                                  AND _index_became_valid(pv.old_c, pv.new_c)
                                  AND strpos(_attach_line(x.old_c), format('ALTER INDEX %I.%I ATTACH PARTITION ',
                                                                           pv.schema_name, substr(pv.sub_key, 7))) = 1)
                        OR EXISTS (SELECT 1 FROM unnest(p_plan) ca
                                   WHERE ca.role = 'adopted_index' AND ca.schema_name = x.schema_name
                                     AND ca.obj_key = x.obj_key AND ca.sub_key = x.sub_key)))
          AND split_part(x.sub_key, ' ', 1) NOT IN ('definition', 'columns')
          AND NOT (split_part(x.sub_key, ' ', 1) LIKE '%comment' AND x.new_c IS NOT NULL)
          -- the comment or column grants of a part dropped here go with it
          AND NOT coalesce(x.goes_with_part, false)
        UNION ALL
        -- (a generated column after the policies, triggers and rules reading it, which
        -- DROP COLUMN refuses under)
        SELECT tp.drop_phase, CASE WHEN tp.sub_key LIKE 'column %' THEN -2 ELSE -3 END, tp.schema_name, tp.obj_key, tp.sub_key,
               coalesce(_drop_part(tp.schema_name, tp.q, tp.sub_key),   -- a generated column
                        format('ALTER TABLE %s DROP COLUMN IF EXISTS %I;', tp.q, substr(tp.sub_key, 8))),
               ARRAY['access_exclusive_lock']
        FROM unnest(p_plan) tp WHERE tp.role = 'typed_part'
        UNION ALL
        -- checks and defaults of kept domains calling a routine dropped and made again
        SELECT coalesce(du.drop_phase, 24), -2, du.schema_name, du.obj_key, du.sub_key,
               CASE WHEN du.sub_key = 'default' THEN format('ALTER DOMAIN %s DROP DEFAULT;', du.q)
                    ELSE format('ALTER DOMAIN %s DROP CONSTRAINT IF EXISTS %s;', du.q, substr(du.sub_key, 12)) END,
               ARRAY[]::text[]
        FROM unnest(p_plan) du WHERE du.role = 'domain_user'
        UNION ALL
        SELECT coalesce(ru.drop_phase, 24), -2, ru.schema_name, ru.obj_key, ru.sub_key,
               format('ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;', _qname(ru.schema_name, ru.obj_key), cp.name),
               ARRAY['access_exclusive_lock']
        FROM unnest(p_plan) ru CROSS JOIN LATERAL _col_parts(ru.old_c) cp
        WHERE ru.role = 'routine_user' AND ru.sub_key LIKE 'column %' AND cp.default_expr IS NOT NULL AND cp.generated IS NULL
          -- (not of a column or table the migration drops: it goes before, E7)
          AND NOT EXISTS (SELECT 1 FROM unnest(p_plan) x
                          WHERE x.role = 'part' AND x.schema_name = ru.schema_name AND x.obj_key = ru.obj_key
                            AND ((x.sub_key = ru.sub_key AND x.old_c IS NOT NULL AND x.new_c IS NULL)
                                 OR (x.sub_key = 'definition' AND x.how IN ('removed', 'recreated'))))
        UNION ALL
        SELECT 19, 0, os.schema_name, os.obj_key, 'owned_by', format('ALTER SEQUENCE %s OWNED BY NONE;', os.q),
               ARRAY[]::text[]
        FROM unnest(p_plan) os WHERE os.role = 'owned_sequence'
        UNION ALL
        SELECT CASE WHEN f.old_c LIKE '% FOREIGN KEY %' THEN 13 ELSE 14 END, 1, f.schema_name, f.obj_key, f.sub_key,
               _drop_part(f.schema_name, f.q, f.sub_key),
               ARRAY['access_exclusive_lock']
        FROM unnest(p_plan) f WHERE f.role = 'foreign_key';
END
$$;

-- Definitions of altered objects changed in place: ALTER SEQUENCE, ALTER TYPE ... ADD
-- VALUE / ADD ATTRIBUTE, ALTER EXTENSION ... UPDATE, text search, foreign-data and
-- operator family options and members, table persistence and storage options, and
-- CREATE OR REPLACE for routines.
CREATE OR REPLACE FUNCTION pggit_v0._emit_alters(p_plan pggit_v0._migration_part[])
RETURNS TABLE (phase int, ord int, schema_name text, obj_key text, sub_key text, stmt text, hz text[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        -- definitions of altered objects
        SELECT CASE x.kind WHEN 'sequence' THEN 33 WHEN 'extension' THEN 31 WHEN 'type' THEN 32 WHEN 'table' THEN 41
                           WHEN 'text_search_dictionary' THEN 36 WHEN 'text_search_configuration' THEN 37
                           WHEN 'operator_family' THEN 38 WHEN 'foreign_data_wrapper' THEN 39 WHEN 'server' THEN 39
                           WHEN 'user_mapping' THEN 39
                           -- domains: after the routines their new checks may call
                           WHEN 'domain' THEN 41 ELSE 34 END,
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
                 WHEN 'sequence' THEN regexp_replace(x.new_c, '^CREATE (UNLOGGED )?SEQUENCE ', 'ALTER SEQUENCE ')
                                      || CASE WHEN (x.old_c LIKE 'CREATE UNLOGGED %') <> (x.new_c LIKE 'CREATE UNLOGGED %')
                                              THEN format(E'\nALTER SEQUENCE %s SET %s;', x.q,
                                                          CASE WHEN x.new_c LIKE 'CREATE UNLOGGED %' THEN 'UNLOGGED' ELSE 'LOGGED' END)
                                              ELSE '' END
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
                                                 -- (the first: before the first label it has
                                                 -- already, the next ones may be new too)
                                                 ELSE coalesce(' BEFORE ' || quote_literal(
                                                          (SELECT u.l FROM unnest(lab.nlabels) WITH ORDINALITY AS u(l, i)
                                                           WHERE u.l = ANY (_enum_labels(x.old_c)) ORDER BY u.i LIMIT 1)), '')
                                                 END), E'\n' ORDER BY nl.o)
                   FROM (SELECT _enum_labels(x.new_c) AS nlabels) lab
                   CROSS JOIN LATERAL unnest(lab.nlabels) WITH ORDINALITY AS nl(v, o)
                   WHERE NOT nl.v = ANY (_enum_labels(x.old_c))) END
                 WHEN 'table' THEN concat_ws(E'\n',
                   CASE WHEN x.old_c LIKE 'CREATE UNLOGGED %' AND x.new_c NOT LIKE 'CREATE UNLOGGED %'
                        THEN format('ALTER TABLE %s SET LOGGED;', x.q)
                        WHEN x.old_c NOT LIKE 'CREATE UNLOGGED %' AND x.new_c LIKE 'CREATE UNLOGGED %'
                        THEN format('ALTER TABLE %s SET UNLOGGED;', x.q) END,
                   CASE WHEN substring(x.old_c FROM '(?<!FOR VALUES) WITH \(([^()]*)\);$') IS DISTINCT FROM substring(x.new_c FROM '(?<!FOR VALUES) WITH \(([^()]*)\);$') THEN
                     concat_ws(E'\n',
                       (SELECT format('ALTER TABLE %s RESET (%s);', x.q, string_agg(split_part(kv, '=', 1), ', '))
                        FROM unnest(string_to_array(substring(x.old_c FROM '(?<!FOR VALUES) WITH \(([^()]*)\);$'), ', ')) AS kv
                        HAVING count(*) > 0),
                       (SELECT format('ALTER TABLE %s SET (%s);', x.q, substring(x.new_c FROM '(?<!FOR VALUES) WITH \(([^()]*)\);$'))
                        WHERE substring(x.new_c FROM '(?<!FOR VALUES) WITH \(([^()]*)\);$') IS NOT NULL)) END)
                 -- a domain keeping its type: default, NOT NULL, checks dropped then added
                 WHEN 'domain' THEN (
                   SELECT nullif(concat_ws(E'\n',
                     CASE WHEN o.dflt IS DISTINCT FROM n.dflt
                          THEN format('ALTER DOMAIN %s %s;', x.q, coalesce('SET DEFAULT ' || n.dflt, 'DROP DEFAULT')) END,
                     CASE WHEN o.not_null <> n.not_null
                          THEN format('ALTER DOMAIN %s %s NOT NULL;', x.q, CASE WHEN n.not_null THEN 'SET' ELSE 'DROP' END) END,
                     -- (IF EXISTS: one calling a routine made again went before it, domain_user)
                     (SELECT string_agg(format('ALTER DOMAIN %s DROP CONSTRAINT IF EXISTS %s;', x.q, oc.nm), E'\n' ORDER BY oc.o)
                      FROM unnest(o.check_names, o.checks) WITH ORDINALITY AS oc(nm, ck, o)
                      WHERE NOT EXISTS (SELECT 1 FROM unnest(n.check_names, n.checks) AS nc(nm, ck)
                                        WHERE nc.nm = oc.nm AND nc.ck = oc.ck)),
                     (SELECT string_agg(format('ALTER DOMAIN %s ADD CONSTRAINT %s %s;', x.q, nc.nm, nc.ck), E'\n' ORDER BY nc.o)
                      FROM unnest(n.check_names, n.checks) WITH ORDINALITY AS nc(nm, ck, o)
                      WHERE NOT EXISTS (SELECT 1 FROM unnest(o.check_names, o.checks) AS oc(nm, ck)
                                        WHERE nc.nm = oc.nm AND nc.ck = oc.ck))), '')
                   FROM _domain_parts(x.old_c) o, _domain_parts(x.new_c) n)
                 ELSE x.new_c END,   -- functions and procedures: CREATE OR REPLACE
               CASE x.kind WHEN 'extension' THEN ARRAY['extension_upgrade']
                           -- a check added or NOT NULL set: every column of the domain is checked
                           WHEN 'domain' THEN CASE WHEN (_domain_parts(x.new_c)).not_null AND NOT (_domain_parts(x.old_c)).not_null
                                                        OR EXISTS (SELECT 1 FROM unnest((_domain_parts(x.new_c)).checks) ck
                                                                   WHERE ck NOT LIKE '% NOT VALID'
                                                                     AND NOT ck = ANY ((_domain_parts(x.old_c)).checks))
                                                   THEN ARRAY['fails_on_violations', 'validation_scan'] ELSE ARRAY[]::text[] END
                           WHEN 'table' THEN ARRAY['table_rewrite', 'access_exclusive_lock']
                           ELSE ARRAY[]::text[] END
        FROM unnest(p_plan) x
        WHERE x.role = 'part' AND x.how = 'altered' AND x.sub_key = 'definition' AND x.old_c IS NOT NULL AND x.new_c IS NOT NULL
        UNION ALL
        -- a sequence its table's SET LOGGED/UNLOGGED changed, set back to its own (L3)
        SELECT 41, 1, x.schema_name, x.obj_key, x.sub_key, format('ALTER SEQUENCE %s SET %s;', x.q, x.new_c),
               ARRAY[]::text[]
        FROM unnest(p_plan) x WHERE x.role = 'seq_persistence'
        UNION ALL
        -- a partition detached (before anything else of its parent changes) or a table
        -- attached (after): its rows stay (part_moves in the plan)
        SELECT CASE WHEN po.parent IS NOT NULL THEN 5 ELSE 57 END, 0, x.schema_name, x.obj_key, x.sub_key,
               CASE WHEN po.parent IS NOT NULL THEN format('ALTER TABLE %s DETACH PARTITION %s;', po.parent, x.q)
                    ELSE format('ALTER TABLE %s ATTACH PARTITION %s %s;', pn.parent, x.q, pn.bound) END,
               CASE WHEN po.parent IS NOT NULL THEN ARRAY['access_exclusive_lock']
                    -- rows outside the bound make it fail; the default partition is scanned too
                    ELSE ARRAY['fails_on_violations', 'validation_scan', 'access_exclusive_lock'] END
        FROM unnest(p_plan) x
        LEFT JOIN LATERAL _partition_of(x.old_c) po ON true
        LEFT JOIN LATERAL _partition_of(x.new_c) pn ON true
        WHERE x.role = 'part' AND x.how = 'altered' AND x.kind = 'table' AND x.sub_key = 'definition'
          AND (po.plain = x.new_c OR pn.plain = x.old_c)
        UNION ALL
        -- a parent left (before anything else of the table changes) or given (after its
        -- columns and checks are in place): plain inheritance, its rows stay (inh_moves)
        SELECT CASE WHEN g.leave THEN 5 ELSE 57 END, g.n::int, x.schema_name, x.obj_key, x.sub_key,
               format('ALTER TABLE %s %s %s;', x.q, CASE WHEN g.leave THEN 'NO INHERIT' ELSE 'INHERIT' END, g.parent),
               ARRAY['access_exclusive_lock']
        FROM unnest(p_plan) x
        CROSS JOIN LATERAL (
            SELECT true AS leave, u.parent, u.n FROM unnest(_inherits(x.old_c)) WITH ORDINALITY AS u(parent, n)
            WHERE NOT u.parent = ANY (_inherits(x.new_c))
            UNION ALL
            SELECT false, u.parent, u.n FROM unnest(_inherits(x.new_c)) WITH ORDINALITY AS u(parent, n)
            WHERE NOT u.parent = ANY (_inherits(x.old_c))) g
        WHERE x.role = 'part' AND x.how = 'altered' AND x.kind = 'table' AND x.sub_key = 'definition'
          AND strpos(x.old_c || x.new_c, ' INHERITS (') > 0
          AND _without_inherits(x.old_c) = _without_inherits(x.new_c)
        UNION ALL
        -- a child whose inherited columns and checks become its own (N3): the parent they
        -- come through left and inherited again, as the history did; its rows stay
        SELECT 5, 100, x.schema_name, x.obj_key, x.sub_key,
               format(E'ALTER TABLE %s NO INHERIT %s;\nALTER TABLE %s INHERIT %s;', x.q, x.new_c, x.q, x.new_c),
               ARRAY['access_exclusive_lock']
        FROM unnest(p_plan) x WHERE x.role = 'inherit_again';
END
$$;

-- Columns of kept tables: converted to a rebuilt type, added (in the target's order),
-- changed in place (type, default, NOT NULL, identity, generation), and defaults that
-- call a recreated routine set again.
CREATE OR REPLACE FUNCTION pggit_v0._emit_columns(p_plan pggit_v0._migration_part[])
RETURNS TABLE (phase int, ord int, schema_name text, obj_key text, sub_key text, stmt text, hz text[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        -- columns of tables using a rebuilt type: converted to the new type
        SELECT 41, -1, x.schema_name, x.obj_key, x.sub_key,   -- before other column changes
               concat_ws(E'\n',
                 -- the current default may name the old type: always drop it first
                 format('ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;', x.q, tcl.name),
                 format('ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::text::%s;', x.q, tcl.name, tcl.type, tcl.name, tcl.type),
                 -- (set again here unless the column's own change sets it: once)
                 CASE WHEN tcl.default_expr IS NOT NULL
                           AND NOT EXISTS (SELECT 1 FROM unnest(p_plan) y
                                           WHERE y.role = 'part' AND y.how = 'altered' AND y.schema_name = x.schema_name
                                             AND y.obj_key = x.obj_key AND y.sub_key = x.sub_key AND y.old_c IS NOT NULL
                                             AND (_col_parts(y.old_c)).default_expr IS DISTINCT FROM tcl.default_expr)
                      THEN format('ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;', x.q, tcl.name, tcl.default_expr) END),
               -- (an attribute or the base of the type narrowing: values rounded, AA7, AA1b)
               CASE WHEN EXISTS (SELECT 1 FROM unnest(p_plan) r
                                 WHERE r.role = 'part' AND r.how = 'rebuilt' AND r.sub_key = 'definition'
                                   AND r.q = regexp_replace(tcl.type, '(\[\])+$', '')
                                   AND _rebuilt_narrows(r.old_c, r.new_c))
                    THEN ARRAY['data_deletion', 'correctness_risk', 'table_rewrite', 'access_exclusive_lock']
                    ELSE ARRAY['correctness_risk', 'table_rewrite', 'access_exclusive_lock'] END
        FROM unnest(p_plan) x CROSS JOIN LATERAL _col_parts(x.new_c) tcl
        WHERE x.role = 'typed_column'
        UNION ALL
        -- an identity made a serial: the identity (and its sequence) goes before the
        -- serial's sequence is created (phase 33), so that one takes its name
        SELECT 32, 100, x.schema_name, x.obj_key, x.sub_key,
               -- (its position kept first, for the serial's sequence: AA4)
               _seq_pos_keep(x.q, n.name, format('pg_catalog.pg_get_serial_sequence(%L, %L)', x.q, (parse_ident(n.name))[1]))
               || E'\n' || format('ALTER TABLE %s ALTER COLUMN %s DROP IDENTITY IF EXISTS;', x.q, n.name), ARRAY[]::text[]
        FROM unnest(p_plan) x CROSS JOIN LATERAL _col_parts(x.old_c) o CROSS JOIN LATERAL _col_parts(x.new_c) n
        WHERE x.role = 'part' AND x.how = 'altered' AND x.sub_key LIKE 'column %'
          AND x.old_c LIKE '% AS IDENTITY%' AND x.new_c NOT LIKE '% AS IDENTITY%'
          AND o.identity IS NOT NULL AND n.identity IS NULL
          AND EXISTS (SELECT 1 FROM unnest(p_plan) sq
                      WHERE sq.role = 'part' AND sq.kind = 'sequence' AND sq.how = 'added' AND sq.sub_key = 'owned_by'
                        AND sq.new_c = format('ALTER SEQUENCE %s OWNED BY %s.%s;', sq.q, x.q, n.name))
        UNION ALL
        -- columns added to existing tables, in the order the target records
        SELECT 42, CASE WHEN cp.generated IS NOT NULL THEN 1000 ELSE -1000 END + coalesce(array_position(
                   _lines(x.col_order),
                   quote_ident(substr(x.sub_key, 8))), 0),
               x.schema_name, x.obj_key, x.sub_key,
               format('ALTER TABLE %s ADD COLUMN %s;', x.q, x.new_c),
               CASE WHEN cp.generated IS NOT NULL OR cp.identity IS NOT NULL
                         OR cp.default_expr ~ '(nextval|random|clock_timestamp|gen_random_uuid|uuid_generate)'
                    THEN ARRAY['table_rewrite', 'access_exclusive_lock']
                    -- NOT NULL without a default: fails as soon as the table has a row
                    WHEN cp.not_null AND cp.default_expr IS NULL THEN ARRAY['fails_with_rows', 'access_exclusive_lock']
                    ELSE ARRAY['access_exclusive_lock'] END
        FROM unnest(p_plan) x CROSS JOIN LATERAL _col_parts(x.new_c) cp
        WHERE x.role = 'part' AND x.how = 'altered' AND x.sub_key LIKE 'column %' AND x.old_c IS NULL
        UNION ALL
        -- a generated column whose expression changes: dropped with the columns that go,
        -- before the routines it calls and the types of the columns it reads change (it
        -- would hold them), and added again after the columns changed in place (below)
        SELECT 20, 1, x.schema_name, x.obj_key, x.sub_key,
               format('ALTER TABLE %s DROP COLUMN %s;', x.q, n.name),
               CASE WHEN o.generated IS NULL THEN ARRAY['data_deletion', 'access_exclusive_lock']
                    ELSE ARRAY['access_exclusive_lock'] END
        FROM unnest(p_plan) x
        CROSS JOIN LATERAL _col_parts(x.old_c) o
        CROSS JOIN LATERAL _col_parts(x.new_c) n
        WHERE x.role = 'part' AND x.how = 'altered' AND x.sub_key LIKE 'column %' AND x.old_c IS NOT NULL AND x.new_c IS NOT NULL
          AND n.generated IS NOT NULL AND o.generated IS DISTINCT FROM n.generated
        UNION ALL
        -- a generated column made a plain one: first, before the columns it reads may go
        -- (DROP COLUMN a CASCADE, then ADD COLUMN z: J1)
        SELECT 20, 0, x.schema_name, x.obj_key, x.sub_key,
               format('ALTER TABLE %s ALTER COLUMN %s DROP EXPRESSION;', x.q, n.name), ARRAY['access_exclusive_lock']
        FROM unnest(p_plan) x
        CROSS JOIN LATERAL _col_parts(x.old_c) o
        CROSS JOIN LATERAL _col_parts(x.new_c) n
        WHERE x.role = 'part' AND x.how = 'altered' AND x.sub_key LIKE 'column %' AND x.old_c IS NOT NULL AND x.new_c IS NOT NULL
          AND o.generated IS NOT NULL AND n.generated IS NULL
        UNION ALL
        -- columns changed in place
        SELECT 42, CASE WHEN n.generated IS NOT NULL AND o.generated IS DISTINCT FROM n.generated THEN 1000 ELSE 1 END,
               x.schema_name, x.obj_key, x.sub_key,
               concat_ws(E'\n',
                 CASE WHEN o.default_expr IS NOT NULL AND (n.default_expr IS NULL OR o.type <> n.type)
                      THEN format('ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;', x.q, n.name) END,
                 CASE WHEN o.identity IS NOT NULL AND n.identity IS NULL
                           -- (unless dropped at phase 32, before a serial's sequence: below)
                           AND NOT EXISTS (SELECT 1 FROM unnest(p_plan) sq
                                           WHERE sq.role = 'part' AND sq.kind = 'sequence' AND sq.how = 'added' AND sq.sub_key = 'owned_by'
                                             AND sq.new_c = format('ALTER SEQUENCE %s OWNED BY %s.%s;', sq.q, x.q, n.name))
                      THEN format('ALTER TABLE %s ALTER COLUMN %s DROP IDENTITY IF EXISTS;', x.q, n.name) END,
                 CASE WHEN n.generated IS NOT NULL AND o.generated IS DISTINCT FROM n.generated
                      THEN format('ALTER TABLE %s ADD COLUMN %s;', x.q, x.new_c) END,
                 CASE WHEN (o.type <> n.type OR o.coll IS DISTINCT FROM n.coll)
                           AND NOT (n.generated IS NOT NULL AND o.generated IS DISTINCT FROM n.generated)
                      THEN (SELECT CASE WHEN u.using_clause IS NOT NULL THEN u.base || u.using_clause || ';'
                                        -- no cast known here to choose (G6): where it runs
                                        ELSE _retype_at_run_time(u.base || format(' USING %s::%s;', n.name, _unsized_type(n.type)),
                                                                 u.base || format(' USING %s::text::%s;', n.name, _unsized_type(n.type)),
                                                                 o.type, n.type) END
                            FROM (SELECT format('ALTER TABLE %s ALTER COLUMN %s TYPE %s%s', x.q, n.name, n.type,
                                                coalesce(' COLLATE ' || n.coll, '')) AS base,
                                  -- a generated column: no USING (PostgreSQL refuses one there and
                                  -- computes the values again, L8)
                                  CASE WHEN n.generated IS NOT NULL THEN ''
                                  -- same base type: no USING, so an overflow raises instead of truncating
                                       WHEN regexp_replace(o.type, '\([0-9, ]+\)', '', 'g')
                                            = regexp_replace(n.type, '\([0-9, ]+\)', '', 'g') THEN ''
                                       -- cast to the type without its length/precision: the
                                       -- assignment to the column then raises on a value that
                                       -- does not fit (an explicit cast would truncate it)
                                       -- to a domain known here: cast to the type it is over, without
                                       -- its length, so the assignment to the domain raises instead
                                       -- of truncating (B5)
                                       WHEN _domain_base(n.type) <> n.type AND _castable(o.type, _domain_base(n.type))
                                       THEN format(' USING %s::%s', n.name, _unsized_type(_domain_base(n.type)))
                                       -- between two user types (an enum moved to another schema,
                                       -- another enum): through text, as no cast joins them
                                       WHEN o.type ~ '^[^(]*\.' AND n.type ~ '^[^(]*\.'
                                       THEN format(' USING %s::text::%s', n.name, n.type)
                                       -- numbers <-> timestamps and dates: as epoch seconds
                                       WHEN _epoch_using(n.name, o.type, n.type) IS NOT NULL
                                       THEN ' USING ' || _epoch_using(n.name, o.type, n.type)
                                       -- no cast joins them (time to timestamp): through its
                                       -- text, which converts an empty table and raises on a
                                       -- value the new type cannot read, never guessing one
                                       -- (character and bit without a length mean one: through
                                       -- text and bit varying, so the assignment checks the length, B6)
                                       -- (bytea's input reads backslashes as escapes and its
                                       -- output is hex: its text is not the value's bytes; those
                                       -- in UTF-8, from a string type too, B7, C13)
                                       WHEN n.type = 'bytea' AND o.type <> 'bytea'
                                       THEN format(' USING convert_to(%s::text, %L)', n.name, 'UTF8')
                                       WHEN o.type = 'bytea' AND n.type <> 'bytea'
                                       THEN format(' USING convert_from(%s, %L)::%s', n.name, 'UTF8', _unsized_type(n.type))
                                       WHEN NOT _castable(o.type, n.type)
                                       THEN format(' USING %s::text::%s', n.name, _unsized_type(n.type))
                                       -- one of them not known here: a type this migration makes
                                       -- (an enum) has no cast, through text; another (an
                                       -- extension's, G6): NULL, decided where the script runs
                                       WHEN _castable(o.type, n.type) IS NULL
                                       THEN CASE WHEN EXISTS (SELECT 1 FROM unnest(p_plan) ty
                                                              WHERE ty.kind IN ('type', 'domain') AND ty.new_c IS NOT NULL
                                                                AND _qname(ty.schema_name, ty.obj_key)
                                                                    IN (regexp_replace(_unsized_type(o.type), '(\[\])+$', ''),
                                                                        regexp_replace(_unsized_type(n.type), '(\[\])+$', '')))
                                                 THEN format(' USING %s::text::%s', n.name, _unsized_type(n.type)) END
                                       ELSE format(' USING %s::%s', n.name, _unsized_type(n.type)) END AS using_clause) u) END,
                 CASE WHEN n.default_expr IS NOT NULL AND (o.default_expr IS DISTINCT FROM n.default_expr OR o.type <> n.type)
                      THEN format('ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;', x.q, n.name, n.default_expr) END,
                 CASE WHEN o.not_null AND NOT n.not_null AND n.identity IS NULL
                      THEN format('ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL;', x.q, n.name) END,
                 CASE WHEN NOT o.not_null AND n.not_null AND n.generated IS NOT DISTINCT FROM o.generated
                      THEN format('ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;', x.q, n.name) END,
                 -- a serial made an identity (Rails' conversion): the sequence that goes
                 -- goes first, so the identity's sequence takes its name (not t_id_seq1)
                 -- (its position kept first, for the identity's sequence: AA4)
                 CASE WHEN n.identity IS NOT NULL AND o.identity IS NULL
                      THEN (SELECT string_agg(_seq_pos_keep(x.q, n.name, quote_literal(sq.q)) || E'\n'
                                              || format('DROP SEQUENCE IF EXISTS %s;', sq.q), E'\n')
                            FROM unnest(p_plan) sq
                            WHERE sq.role = 'part' AND sq.kind = 'sequence' AND sq.how = 'removed' AND sq.sub_key = 'owned_by'
                              AND sq.old_c = format('ALTER SEQUENCE %s OWNED BY %s.%s;', sq.q, x.q, n.name)) END,
                 CASE WHEN n.identity IS NOT NULL AND o.identity IS NULL
                      THEN format(E'ALTER TABLE %s ALTER COLUMN %s ADD GENERATED %s AS IDENTITY%s;\n'
                                  'SELECT setval(pg_get_serial_sequence(%L, %L), coalesce(greatest(max(%s), %s), 0) + 1, false) FROM %s;',
                                  x.q, n.name, n.identity, coalesce(' (' || n.identity_options || ')', ''),
                                  -- (the column's name as it is: pg_get_serial_sequence
                                  -- takes it literally, "orderNo" quoted named none, AA8)
                                  x.q, (parse_ident(n.name))[1], n.name, _seq_pos_read(x.q, n.name), x.q)
                      WHEN n.identity IS NOT NULL AND o.identity <> n.identity
                      THEN format('ALTER TABLE %s ALTER COLUMN %s SET GENERATED %s;', x.q, n.name, n.identity) END,
                 -- its sequence named otherwise (recorded SEQUENCE NAME, else the name
                 -- PostgreSQL gives it): renamed
                 CASE WHEN n.identity IS NOT NULL AND o.identity IS NOT NULL
                           AND _identity_seq_name(o.identity_options) IS DISTINCT FROM _identity_seq_name(n.identity_options)
                      THEN (SELECT format('ALTER SEQUENCE %s RENAME TO %I;', sq.old_q, (parse_ident(sq.new_q))[2])
                            FROM (SELECT coalesce(_identity_seq_name(o.identity_options),
                                                  format('%I.%I', x.schema_name, _clone_index_name(_key_name(x.obj_key),
                                                                                                   (parse_ident(o.name))[1], 'seq'))) AS old_q,
                                         coalesce(_identity_seq_name(n.identity_options),
                                                  format('%I.%I', x.schema_name, _clone_index_name(_key_name(x.obj_key),
                                                                                                   (parse_ident(n.name))[1], 'seq'))) AS new_q) sq
                            WHERE sq.old_q <> sq.new_q) END,
                 -- sequence options changed: every option set (those gone back to their defaults)
                 CASE WHEN n.identity IS NOT NULL AND o.identity IS NOT NULL
                           AND _identity_other_options(o.identity_options) IS DISTINCT FROM _identity_other_options(n.identity_options)
                      THEN format('ALTER TABLE %s ALTER COLUMN %s %s%s;', x.q, n.name, _identity_set_options(n.identity_options),
                                  -- counting the other way: its current value is out of the new range
                                  CASE WHEN coalesce(o.identity_options, '') ~ 'INCREMENT BY -'
                                            <> coalesce(n.identity_options, '') ~ 'INCREMENT BY -'
                                       THEN ' RESTART' END) END),
               ARRAY(SELECT h FROM unnest(ARRAY[
                 -- (a domain this migration makes or drops: as that side's tree defines it, AA1)
                 CASE WHEN o.type <> n.type AND _type_narrows(_plan_domain_base(p_plan, o.type, false),
                                                             _plan_domain_base(p_plan, n.type, true))
                      THEN 'data_deletion' END,
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
        FROM unnest(p_plan) x
        CROSS JOIN LATERAL _col_parts(x.old_c) o
        CROSS JOIN LATERAL _col_parts(x.new_c) n
        WHERE x.role = 'part' AND x.how = 'altered' AND x.sub_key LIKE 'column %' AND x.old_c IS NOT NULL AND x.new_c IS NOT NULL
        UNION ALL
        -- (after the views when the routine is made among them: drop_phase 11)
        SELECT CASE WHEN ru.drop_phase = 11 THEN 67 ELSE 42 END, 5, ru.schema_name, ru.obj_key, ru.sub_key,
               format('ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;', _qname(ru.schema_name, ru.obj_key), ncp.name,
                      ncp.default_expr),
               ARRAY[]::text[]
        FROM unnest(p_plan) ru
        CROSS JOIN LATERAL _col_parts(ru.old_c) cp
        CROSS JOIN LATERAL _col_parts(ru.new_c) ncp
        WHERE ru.role = 'routine_user' AND ru.sub_key LIKE 'column %' AND ru.new_c IS NOT NULL AND cp.default_expr IS NOT NULL AND cp.generated IS NULL
          AND ncp.default_expr IS NOT NULL AND ncp.generated IS NULL;
END
$$;

-- Whether a range type's definition names, as its SUBTYPE_OPCLASS, an operator class the
-- plan creates (added or created again): the type is then created after it.  Only range
-- types with a SUBTYPE_OPCLASS (a non-default class: rare) look at the plan.
CREATE OR REPLACE FUNCTION pggit_v0._range_on_created_opclass(p_def text, p_plan pggit_v0._migration_part[])
RETURNS boolean
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT p_def ~ ' AS RANGE \(.*SUBTYPE_OPCLASS = '
       AND EXISTS (SELECT 1 FROM unnest(p_plan) y
                   WHERE y.role = 'part' AND y.kind = 'operator_class' AND y.sub_key = 'definition'
                     AND y.how IN ('added', 'recreated')
                     AND p_def ~ ('SUBTYPE_OPCLASS = (' || _re_quote(quote_ident(y.schema_name)) || '\.)?'
                                  || _re_quote(regexp_replace(_key_name(y.obj_key), ' USING [^ ]+$', '')) || '[,)]'))
$$;
COMMENT ON FUNCTION pggit_v0._range_on_created_opclass(text, pggit_v0._migration_part[]) IS
    'True when a range type''s definition names as SUBTYPE_OPCLASS an operator class the plan creates';

-- Whole objects created: added, recreated or rebuilt, in dependency order within their
-- phase (tables with their columns; routines on a dependency cycle first as a stub).
CREATE OR REPLACE FUNCTION pggit_v0._emit_creates(p_plan pggit_v0._migration_part[])
RETURNS TABLE (phase int, ord int, schema_name text, obj_key text, sub_key text, stmt text, hz text[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
        -- whole objects added, recreated or rebuilt: their definition
        SELECT CASE x.kind WHEN 'schema' THEN 30 WHEN 'extension' THEN 31 WHEN 'collation' THEN 31
                           -- a range type on an operator class the script creates: after it
                           -- (ord 3, below); other types and domains before the routines
                           WHEN 'type' THEN CASE WHEN strpos(x.new_c, ' SUBTYPE_OPCLASS = ') > 0   -- (rare: the call only then)
                                                      AND _range_on_created_opclass(x.new_c, p_plan) THEN 38
                                                 -- on a created table's row type: with the tables
                                                 WHEN coalesce(x.sig_table, false) THEN 40 ELSE 32 END
                           -- (one whose CHECK calls a routine the script creates: with the
                           -- routines, in dependency order)
                           WHEN 'domain' THEN CASE WHEN coalesce(x.sig_table, false) THEN 40
                                                   WHEN coalesce(x.body_routine, false) THEN 34 ELSE 32 END
                           WHEN 'sequence' THEN 33 WHEN 'table' THEN 40 WHEN 'view' THEN 60 WHEN 'materialized_view' THEN 60
                           -- an aggregate over a created view's or table's row type: after
                           -- it, and after its functions there (ord 100, below)
                           WHEN 'aggregate' THEN CASE WHEN coalesce(x.sig_view, false) THEN 64
                                                      WHEN coalesce(x.sig_table, false) THEN 41 ELSE 36 END
                           WHEN 'operator' THEN 37
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
                                     -- ... reading a kept table a column is added to (J3): after it
                                     WHEN _sql_body(x.new_c)
                                          AND EXISTS (SELECT 1 FROM unnest(p_plan) c
                                                      WHERE c.role = 'part' AND c.how = 'altered' AND c.sub_key LIKE 'column %'
                                                        AND c.old_c IS NULL AND c.new_c IS NOT NULL
                                                        AND _qname(c.schema_name, c.obj_key) IN (SELECT q FROM _qualified_names(x.new_c) q))
                                     THEN 60
                                     -- arguments or result use a created view's row type: after the views
                                     WHEN coalesce(x.sig_view, false) THEN 64
                                     -- ... a created table's row type: after the tables
                                     WHEN coalesce(x.sig_table, false) THEN 41
                                     WHEN coalesce(x.body_table, false) THEN 35 ELSE 34 END END,
               CASE x.kind WHEN 'text_search_parser' THEN 100 WHEN 'text_search_template' THEN 100
                           WHEN 'operator_class' THEN 1 WHEN 'conversion' THEN 2
                           WHEN 'aggregate' THEN CASE WHEN coalesce(x.sig_view, false) OR coalesce(x.sig_table, false)
                                                      THEN 100 ELSE 0 END
                           WHEN 'type' THEN CASE WHEN strpos(x.new_c, ' SUBTYPE_OPCLASS = ') > 0
                                                      AND _range_on_created_opclass(x.new_c, p_plan) THEN 3
                                                 ELSE coalesce(x.create_depth, 0) END
                           WHEN 'foreign_data_wrapper' THEN 1 WHEN 'server' THEN 2 WHEN 'user_mapping' THEN 3
                           -- a routine created as a stub (a cycle): its definition after the rest
                           ELSE CASE WHEN coalesce(x.create_broken, false) AND x.kind IN ('function', 'procedure') AND _sql_body(x.new_c)
                                     THEN 1000000 ELSE coalesce(x.create_depth, 0) END END,
               x.schema_name, x.obj_key, x.sub_key,
               CASE WHEN x.kind = 'table' THEN x.create_ddl
                    WHEN x.kind = 'materialized_view' THEN regexp_replace(x.new_c, E'\nWITH NO DATA;$', ';')
                    -- an extension one tree has in another schema: moved (ALTER EXTENSION
                    -- ... SET SCHEMA, as the history did), not made again (N7: CREATE ... IF
                    -- NOT EXISTS skipped it, then the DROP of the other removed it)
                    WHEN x.kind = 'extension' AND x.how = 'added'
                         AND EXISTS (SELECT 1 FROM unnest(p_plan) y
                                     WHERE y.role = 'part' AND y.sub_key = 'definition' AND y.kind = 'extension'
                                       AND y.how = 'removed' AND y.obj_key = x.obj_key)
                    THEN concat_ws(E'\n', format('ALTER EXTENSION %I SET SCHEMA %I;', _key_name(x.obj_key), x.schema_name),
                                   (SELECT format('ALTER EXTENSION %I UPDATE TO %L;', _key_name(x.obj_key),
                                                  substring(x.new_c FROM ' VERSION ''(.*)'';$'))
                                    FROM unnest(p_plan) y
                                    WHERE y.role = 'part' AND y.sub_key = 'definition' AND y.kind = 'extension'
                                      AND y.how = 'removed' AND y.obj_key = x.obj_key
                                      AND substring(y.old_c FROM ' VERSION ''(.*)'';$')
                                          IS DISTINCT FROM substring(x.new_c FROM ' VERSION ''(.*)'';$')
                                    LIMIT 1))
                    ELSE x.new_c END,
               CASE WHEN x.kind = 'materialized_view' THEN ARRAY['access_exclusive_lock'] ELSE ARRAY[]::text[] END
        FROM unnest(p_plan) x
        WHERE x.role = 'part' AND x.sub_key = 'definition' AND x.how IN ('added', 'recreated', 'rebuilt') AND x.new_c IS NOT NULL
        UNION ALL
        -- a routine with an SQL-standard body on a dependency cycle (it reads a view that
        -- calls it): created first as a stub with the same signature and a string body
        -- (not checked: check_function_bodies is off), then replaced by its definition in
        -- its place, as pg_dump does
        SELECT 60, -1, x.schema_name, x.obj_key, x.sub_key, _routine_stub(x.new_c), ARRAY[]::text[]
        FROM unnest(p_plan) x
        WHERE x.role = 'part' AND x.sub_key = 'definition' AND x.how IN ('added', 'recreated', 'rebuilt') AND x.new_c IS NOT NULL
          AND coalesce(x.create_broken, false) AND x.kind IN ('function', 'procedure');
END
$$;

-- Whether a kept partition's index or key attached to its parent's (p_attach: the ATTACH
-- PARTITION line recorded on one side only) is there on both sides of the plan, under
-- another name: neither the partition's definition nor the parent's index or key is
-- handled by the plan, so the partition had the attached index before and keeps it (a
-- partition renamed keeps the name its clone got; one renamed back, likewise).
CREATE OR REPLACE FUNCTION pggit_v0._kept_attach(p_plan pggit_v0._migration_part[], p_schema text, p_obj_key text,
                                                 p_attach text)
RETURNS boolean
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT p_attach IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM unnest(p_plan) y
                   WHERE y.role = 'part' AND y.schema_name = p_schema AND y.obj_key = p_obj_key AND y.sub_key = 'definition')
   AND NOT EXISTS (SELECT 1 FROM unnest(p_plan) y
                   WHERE y.role = 'part' AND split_part(y.sub_key, ' ', 1) IN ('index', 'constraint')
                     AND strpos(p_attach, format('ALTER INDEX %I.%I ATTACH ', y.schema_name,
                                                 substr(y.sub_key, strpos(y.sub_key, ' ') + 1))) = 1)
$$;
COMMENT ON FUNCTION pggit_v0._kept_attach(pggit_v0._migration_part[], text, text, text) IS
    'True when a partition''s attached index recorded on one side only is there on both (partition and parent index untouched)';

-- Parts created: parts of created objects and added or changed parts of altered ones
-- (keys, checks and foreign keys NOT VALID then VALIDATE on tables that may hold rows;
-- partitions' indexes attached to their parents'), the typed parts and foreign keys
-- dropped above added back, released sequences owned again.
CREATE OR REPLACE FUNCTION pggit_v0._emit_part_creates(p_plan pggit_v0._migration_part[])
RETURNS TABLE (phase int, ord int, schema_name text, obj_key text, sub_key text, stmt text, hz text[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
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
                    -- a kept partition's attached index recorded now (its name is not the
                    -- one PostgreSQL would give a clone now): there already, renamed below
                    WHEN x.how = 'altered' AND x.old_c IS NULL AND split_part(x.sub_key, ' ', 1) IN ('index', 'constraint')
                         AND _attach_line(x.new_c) IS NOT NULL
                         AND _kept_attach(p_plan, x.schema_name, x.obj_key, _attach_line(x.new_c)) THEN NULL
                    -- a new partition under an existing partitioned index: made out of the
                    -- index PostgreSQL cloned onto it (when the clone's name can be told)
                    WHEN x.pre_exists AND _adopt_clone(x.schema_name, _key_name(x.obj_key), x.new_c, x.parent_key) IS NOT NULL
                    THEN _adopt_clone(x.schema_name, _key_name(x.obj_key), x.new_c, x.parent_key)
                    WHEN x.how = 'altered' AND split_part(x.sub_key, ' ', 1) = 'constraint'
                         AND x.new_c ~ ' (FOREIGN KEY|CHECK) ' AND x.new_c NOT LIKE '% NOT VALID;'
                         AND NOT (x.new_c ~ ' FOREIGN KEY ' AND coalesce(x.partitioned, false))
                    THEN regexp_replace(x.new_c, ';$', ' NOT VALID;')
                         || format(E'\nALTER TABLE %s VALIDATE CONSTRAINT %I;', x.q, substr(x.sub_key, 12))
                    -- (made valid by its partitions' ATTACH lines: see _emit_part_drops)
                    WHEN x.how = 'altered' AND x.sub_key LIKE 'index %' AND _index_became_valid(x.old_c, x.new_c) THEN NULL
                    -- an index on a partitioned table: plain ON, so partitions get theirs
                    -- (but one recorded not valid yet: ON ONLY, as it was made)
                    WHEN split_part(x.sub_key, ' ', 1) = 'index' AND strpos(x.new_c, _on_only_mark()) > 0
                    THEN _without_attach(x.new_c)
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
        FROM unnest(p_plan) x
        WHERE x.role = 'part' AND x.new_c IS NOT NULL
          AND split_part(x.sub_key, ' ', 1) NOT IN ('definition', 'columns', 'column')
          -- (a created table's own column defaults: with its CREATE TABLE, see table_creates)
          AND NOT (split_part(x.sub_key, ' ', 1) = 'column_default' AND x.how IN ('added', 'recreated'))

        UNION ALL
        -- objects created under default privileges in effect (kept_default_acl: both
        -- commits hold them): the grants those gave it are taken back before its recorded
        -- grants are made, so that it gets exactly those (pg_dump revokes likewise)
        SELECT 71, -1, x.schema_name, x.obj_key, 'grants',
               format('REVOKE ALL ON %s %s FROM %s;',
                      CASE WHEN x.kind IN ('table', 'view', 'materialized_view', 'foreign_table') THEN 'TABLE'
                           WHEN x.kind IN ('function', 'aggregate') THEN 'FUNCTION'
                           ELSE upper(x.kind) END, x.q, string_agg(DISTINCT g.m[3], ', ')),
               ARRAY['authorization_change']
        -- (the few default privileges first, each joined to the plan: a join of the plan
        -- with itself, planned either way, made whole-schema scripts 4x slower)
        FROM (SELECT * FROM unnest(p_plan) k WHERE k.role = 'kept_default_acl') k
        CROSS JOIN LATERAL (SELECT * FROM unnest(p_plan) x
                            WHERE x.role = 'part' AND x.sub_key = 'definition' AND x.how IN ('added', 'recreated', 'rebuilt')
                              AND k.schema_name IN ('pg_database', x.schema_name)) x
        CROSS JOIN LATERAL unnest(_lines(k.new_c)) AS l(line)
        CROSS JOIN LATERAL (SELECT regexp_match(l.line,
                   '^ALTER DEFAULT PRIVILEGES FOR ROLE ("(?:[^"]|"")+"|[^ "]+)(?: IN SCHEMA (?:"(?:[^"]|"")+"|[^ "]+))? '
                   'GRANT .* ON (TABLES|SEQUENCES|FUNCTIONS|TYPES|SCHEMAS) TO (.+?)(?: WITH GRANT OPTION)?;$') AS m) g
        WHERE x.role = 'part' AND x.sub_key = 'definition' AND x.how IN ('added', 'recreated', 'rebuilt') AND x.new_c IS NOT NULL
          AND g.m[3] <> g.m[1]   -- (the owner's own)
          AND g.m[2] = CASE WHEN x.kind IN ('table', 'view', 'materialized_view', 'foreign_table') THEN 'TABLES'
                            WHEN x.kind = 'sequence' THEN 'SEQUENCES'
                            WHEN x.kind IN ('function', 'procedure', 'aggregate') THEN 'FUNCTIONS'
                            WHEN x.kind IN ('type', 'domain') THEN 'TYPES'
                            WHEN x.kind = 'schema' AND k.schema_name = 'pg_database' THEN 'SCHEMAS' END
        GROUP BY x.schema_name, x.obj_key, x.kind, x.q
        UNION ALL
        -- a partition's index once its parent's, made ON ONLY, is valid (see adopted_index)
        SELECT 55, 1, x.schema_name, x.obj_key, x.sub_key, x.new_c, ARRAY['index_build']
        FROM unnest(p_plan) x
        WHERE x.role = 'adopted_index'
        UNION ALL
        -- ... and attached once the parent's index exists (when it took it already: nothing to do)
        SELECT 55, 1, x.schema_name, x.obj_key, x.sub_key, _attach_line(x.new_c), ARRAY[]::text[]
        FROM unnest(p_plan) x
        WHERE x.role = 'part' AND x.new_c IS NOT NULL AND split_part(x.sub_key, ' ', 1) IN ('index', 'constraint')
          AND _attach_line(x.new_c) IS NOT NULL
          AND NOT (x.how = 'altered' AND x.old_c IS NULL AND _kept_attach(p_plan, x.schema_name, x.obj_key, _attach_line(x.new_c)))
        UNION ALL
        -- a kept partition's attached index recorded on one side only: given the name
        -- recorded, or the one PostgreSQL gives a clone of this partition now (when it can
        -- be told), whatever it is called when the script runs
        SELECT 55, 1, x.schema_name, x.obj_key, x.sub_key,
               _rename_attached(x.schema_name, _key_name(x.obj_key), _attach_line(coalesce(x.new_c, x.old_c)),
                                CASE WHEN x.new_c IS NOT NULL THEN substr(x.sub_key, strpos(x.sub_key, ' ') + 1)
                                     ELSE (SELECT k.clone FROM _clone_parts(_key_name(x.obj_key), x.old_c,
                                                                            x.sub_key LIKE 'constraint %') k) END),
               ARRAY['access_exclusive_lock']
        FROM unnest(p_plan) x
        WHERE x.role = 'part' AND x.how = 'altered' AND split_part(x.sub_key, ' ', 1) IN ('index', 'constraint')
          AND (x.old_c IS NULL) <> (x.new_c IS NULL)
          AND _attach_line(coalesce(x.new_c, x.old_c)) IS NOT NULL
          AND _kept_attach(p_plan, x.schema_name, x.obj_key, _attach_line(coalesce(x.new_c, x.old_c)))
        UNION ALL
        -- foreign keys of untouched tables, added back: NOT VALID, then VALIDATE (which
        -- takes a lighter lock than the plain ADD)
        SELECT 56, 0, f.schema_name, f.obj_key, f.sub_key,
               CASE WHEN f.new_c LIKE '% NOT VALID;'
                         OR coalesce(f.partitioned, false)
                    THEN f.new_c
                    ELSE regexp_replace(f.new_c, ';$', ' NOT VALID;')
                         || format(E'\nALTER TABLE %s VALIDATE CONSTRAINT %I;', f.q, substr(f.sub_key, 12)) END,
               ARRAY['validation_scan']
        FROM unnest(p_plan) f WHERE f.role = 'foreign_key' AND f.new_c IS NOT NULL
        UNION ALL
        -- (one calling a routine made again among the views: after them, drop_phase 11)
        SELECT CASE WHEN tp.drop_phase = 11 THEN 67 ELSE CASE split_part(tp.sub_key, ' ', 1)
                 WHEN 'constraint' THEN CASE WHEN tp.new_c LIKE '% FOREIGN KEY %' THEN 56
                                             WHEN tp.new_c LIKE '% CHECK %' THEN 51 ELSE 50 END
                 WHEN 'index' THEN 55 WHEN 'trigger' THEN 61 WHEN 'column' THEN 43 WHEN 'rule' THEN 66 ELSE 62 END END,
               0, tp.schema_name, tp.obj_key, tp.sub_key,
               CASE WHEN split_part(tp.sub_key, ' ', 1) = 'index' AND strpos(tp.new_c, _on_only_mark()) = 0
                    THEN replace(tp.new_c, ' ON ONLY ', ' ON ')
                    -- a generated column added back after the column it reads changed type
                    WHEN split_part(tp.sub_key, ' ', 1) = 'column' THEN format('ALTER TABLE %s ADD COLUMN %s;', tp.q, tp.new_c)
                    ELSE tp.new_c END,
               CASE split_part(tp.sub_key, ' ', 1) WHEN 'index' THEN ARRAY['index_build']
                                                   WHEN 'constraint' THEN ARRAY['validation_scan']
                                                   WHEN 'column' THEN ARRAY['table_rewrite', 'access_exclusive_lock']
                                                   ELSE ARRAY[]::text[] END
        FROM unnest(p_plan) tp WHERE tp.role = 'typed_part' AND tp.new_c IS NOT NULL
        UNION ALL   -- their comments (and those of foreign keys added back), with the comments
        SELECT 70, 0, pc.schema_name, pc.obj_key, pc.sub_key, pc.new_c, ARRAY[]::text[]
        FROM unnest(p_plan) pc WHERE pc.role = 'part_comment'
        UNION ALL
        -- checks and defaults of kept domains set again once the routine they call is made
        -- again (after the domains' own changes, before the columns; after the views when
        -- it is made among them, drop_phase 11)
        SELECT CASE WHEN du.drop_phase = 11 THEN 67 ELSE 41 END, 5, du.schema_name, du.obj_key, du.sub_key,
               CASE WHEN du.sub_key = 'default' THEN format('ALTER DOMAIN %s SET DEFAULT %s;', du.q, du.new_c)
                    ELSE format('ALTER DOMAIN %s ADD CONSTRAINT %s %s;', du.q, substr(du.sub_key, 12), du.new_c) END,
               CASE WHEN du.sub_key = 'default' THEN ARRAY[]::text[] ELSE ARRAY['validation_scan'] END
        FROM unnest(p_plan) du WHERE du.role = 'domain_user' AND du.new_c IS NOT NULL
        UNION ALL
        SELECT 43, 1, os.schema_name, os.obj_key, 'owned_by', os.new_c, ARRAY[]::text[]
        FROM unnest(p_plan) os
        WHERE os.role = 'owned_sequence' AND os.new_c IS NOT NULL AND os.keeps_owner
        UNION ALL
        -- a new ascending sequence owned by an integer column of a kept table (an identity
        -- made a serial again, Rails' and Prisma's id changes): moved past the values the
        -- column holds, as pg_dump's data would leave it (it started at 1: the next insert
        -- collided with the first row, A7/B2)
        SELECT 43, 2, sq.schema_name, sq.obj_key, 'owned_by',
               _safe_do(format('DO $pggit$BEGIN IF (SELECT a.atttypid FROM pg_catalog.pg_attribute a WHERE a.attrelid = %L::pg_catalog.regclass '
                      'AND a.attname = %L) IN (20, 21, 23) THEN PERFORM pg_catalog.setval(%L, x.m) FROM (SELECT greatest(max(%s), %s) AS m FROM %s) x '
                      'WHERE x.m >= (SELECT s.seqstart FROM pg_catalog.pg_sequence s WHERE s.seqrelid = %L::pg_catalog.regclass); END IF; END$pggit$;',
                      -- (past the position of the identity it replaces, too: AA4)
                      m[2], (parse_ident(m[3]))[1], m[1], m[3], _seq_pos_read(m[2], m[3]), m[2], m[1])),
               ARRAY[]::text[]
        FROM unnest(p_plan) sq
        CROSS JOIN LATERAL regexp_match(sq.new_c, '^ALTER SEQUENCE (.+) OWNED BY (.+)\.("(?:[^"]|"")+"|[^ ."]+);$') AS m
        WHERE sq.role = 'part' AND sq.kind = 'sequence' AND sq.how = 'added' AND sq.sub_key = 'owned_by' AND m IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM unnest(p_plan) d
                          WHERE d.role = 'part' AND d.schema_name = sq.schema_name AND d.obj_key = sq.obj_key
                            AND d.sub_key = 'definition' AND d.new_c LIKE '% INCREMENT BY -%')
          AND NOT EXISTS (SELECT 1 FROM unnest(p_plan) t
                          WHERE t.role = 'part' AND t.kind = 'table' AND t.sub_key = 'definition'
                            AND t.how IN ('added', 'recreated', 'rebuilt') AND t.q = m[2]);
END
$$;

COMMENT ON FUNCTION pggit_v0._emit_drops(pggit_v0._migration_part[]) IS 'Migration statements dropping whole objects (removed, recreated, rebuilt types'' old copies)';
COMMENT ON FUNCTION pggit_v0._emit_part_drops(pggit_v0._migration_part[]) IS 'Migration statements dropping parts (of altered objects, and of kept tables around what changes)';
COMMENT ON FUNCTION pggit_v0._emit_alters(pggit_v0._migration_part[]) IS 'Migration statements altering definitions in place';
COMMENT ON FUNCTION pggit_v0._emit_columns(pggit_v0._migration_part[]) IS 'Migration statements adding, changing and converting columns of kept tables';
COMMENT ON FUNCTION pggit_v0._emit_creates(pggit_v0._migration_part[]) IS 'Migration statements creating whole objects in dependency order';
COMMENT ON FUNCTION pggit_v0._emit_part_creates(pggit_v0._migration_part[]) IS 'Migration statements creating parts (keys, indexes, foreign keys, triggers, policies, comments, grants)';
