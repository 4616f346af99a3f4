-- DDL text: reading and writing the canonical definitions snapshots record.
--
-- The migration engine (57_migration.sql, 58_plan.sql, 59_emit.sql), rename handling
-- (56_renames.sql) and merges (61_merge.sql) work on definition text, never on OIDs.
-- Everything that parses that text (a column definition into its parts, a type's labels
-- or attributes, the names a definition mentions) or writes a statement from it (a qualified name, the DROP of a
-- table's part, a CREATE TABLE with its columns inline, a rename inside a definition)
-- lives here, each function promising one reading or one writing.

-- The parts of a canonical column definition (as _snap_columns writes it):
--   name type [COLLATE c] [GENERATED ... AS IDENTITY [(options)]] [GENERATED ALWAYS AS (e) STORED | DEFAULT e] [NOT NULL]
-- (identity_options: the non-default sequence options, without parentheses)
DROP FUNCTION IF EXISTS pggit_v0._col_parts(text);   -- (OUT columns changed in 0.1.0)
CREATE OR REPLACE FUNCTION pggit_v0._col_parts(p_def text,
    OUT name text, OUT type text, OUT coll text, OUT identity text, OUT generated text,
    OUT default_expr text, OUT not_null boolean, OUT identity_options text)
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_rest text;
    v_mask text;
    v_pos  int;
    v_m    text[];
BEGIN
    v_m := regexp_match(p_def, '^("(?:[^"]|"")+"|[^ ]+) (.*)$');
    name := v_m[1];
    v_rest := v_m[2];
    -- (keywords are found outside quoted names and literals only: a type named
    -- "e DEFAULT NULL;..." is a name, V15)
    v_mask := CASE WHEN strpos(v_rest, '"') > 0 OR strpos(v_rest, '''') > 0 THEN _top_level_mask(v_rest) ELSE v_rest END;
    not_null := v_rest LIKE '% NOT NULL';
    IF not_null THEN v_rest := left(v_rest, length(v_rest) - 9); END IF;
    v_m := regexp_match(v_rest, '^(.*) GENERATED (ALWAYS|BY DEFAULT) AS IDENTITY(?: \(([^()]*)\))?$');
    IF v_m IS NOT NULL THEN
        identity := v_m[2]; identity_options := v_m[3]; v_rest := v_m[1];
    ELSE
        v_pos := strpos(v_mask, ' GENERATED ALWAYS AS ');
        IF v_pos > 0 AND substr(v_rest, v_pos + 21, 1) = '('
           AND (v_rest LIKE '%) STORED' OR v_rest LIKE '%) VIRTUAL') THEN
            -- the expression and its kind: "expr) STORED" / "expr) VIRTUAL" (PostgreSQL 18)
            generated := substr(v_rest, v_pos + 22);
            v_rest := left(v_rest, v_pos - 1);
        ELSE
            v_pos := strpos(v_mask, ' DEFAULT ');
            IF v_pos > 0 THEN
                default_expr := substr(v_rest, v_pos + 9);
                v_rest := left(v_rest, v_pos - 1);
            END IF;
        END IF;
    END IF;
    v_pos := strpos(left(v_mask, length(v_rest)), ' COLLATE ');
    IF v_pos > 0 THEN
        coll := substr(v_rest, v_pos + 9);
        v_rest := left(v_rest, v_pos - 1);
    END IF;
    type := v_rest;
END
$$;

-- (_type_parts, once the shared reader of a type's modifiers: each reader below parses them)
DROP FUNCTION IF EXISTS pggit_v0._type_parts(text);

-- The type a domain is over, with its modifiers, as format_type writes it (a domain over
-- a domain: the innermost), as this database's catalog says; p_type itself when it is
-- not a domain known here.  Only qualified names (user types) are looked up.
CREATE OR REPLACE FUNCTION pggit_v0._domain_base(p_type text) RETURNS text
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_oid oid;
    v_out text := p_type;
    r     record;
BEGIN
    IF p_type !~ '^[^(]*\.' THEN
        RETURN p_type;
    END IF;
    v_oid := to_regtype(p_type);
    LOOP
        SELECT t.typbasetype, format_type(t.typbasetype, t.typtypmod) AS base INTO r
        FROM pg_type t WHERE t.oid = v_oid AND t.typtype = 'd';
        EXIT WHEN NOT FOUND;
        v_oid := r.typbasetype;
        v_out := r.base;
    END LOOP;
    RETURN v_out;
END
$$;
COMMENT ON FUNCTION pggit_v0._domain_base(text) IS
    'The base type (with modifiers) of a domain known in this database, else the type itself';

-- A column type without its length, precision or scale, for a USING cast whose result
-- the assignment to the column then checks (an explicit cast to the sized type would
-- truncate): character and bit, which mean length one unsized, become text and bit
-- varying (arrays likewise).
CREATE OR REPLACE FUNCTION pggit_v0._unsized_type(p_type text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v text := regexp_replace(p_type, '\([0-9, ]+\)', '', 'g');
BEGIN
    RETURN CASE WHEN v ~ '^character(\[\])*$' THEN 'text' || substr(v, 10)
                WHEN v ~ '^bit(\[\])*$' THEN 'bit varying' || substr(v, 4)
                ELSE v END;
END
$$;
COMMENT ON FUNCTION pggit_v0._unsized_type(text) IS
    'A column type without its modifiers, for a USING cast the assignment then checks (character -> text, bit -> bit varying)';

-- Whether changing a column's type from p_old to p_new can lose values.
CREATE OR REPLACE FUNCTION pggit_v0._type_narrows(p_old text, p_new text) RETURNS boolean
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    ob text;  om int[];   -- base types without modifiers, and the modifiers (length,
    nb text;  nm int[];   -- precision, scale)
    v_smaller boolean := false;
BEGIN
    IF p_old = p_new THEN
        RETURN false;
    END IF;
    -- domains: as the types they are over (a domain over varchar(5) truncates, B5)
    IF p_old ~ '^[^(]*\.' OR p_new ~ '^[^(]*\.' THEN
        ob := _domain_base(p_old);
        nb := _domain_base(p_new);
        IF ob <> p_old OR nb <> p_new THEN
            RETURN _type_narrows(ob, nb);
        END IF;
    END IF;
    -- arrays: as their elements; to or from a non-array: values change shape
    IF p_old LIKE '%[]' AND p_new LIKE '%[]' THEN
        RETURN _type_narrows(left(p_old, -2), left(p_new, -2));
    ELSIF p_old LIKE '%[]' OR p_new LIKE '%[]' THEN
        RETURN true;
    END IF;
    ob := regexp_replace(p_old, '\([0-9, ]+\)', '', 'g');
    om := string_to_array(replace((regexp_match(p_old, '\(([0-9, ]+)\)'))[1], ' ', ''), ',')::int[];
    nb := regexp_replace(p_new, '\([0-9, ]+\)', '', 'g');
    nm := string_to_array(replace((regexp_match(p_new, '\(([0-9, ]+)\)'))[1], ' ', ''), ',')::int[];
    IF nm IS NOT NULL THEN   -- any modifier smaller (or one appearing where there was none)
        FOR i IN 1 .. cardinality(nm) LOOP
            v_smaller := v_smaller OR nm[i] < coalesce(om[i], nm[i] + 1);
        END LOOP;
    END IF;
    RETURN CASE
        -- floating point to a numeric with a scale, or integers to floating point: rounding
        WHEN ob IN ('double precision', 'real') AND nb = 'numeric' AND nm IS NOT NULL THEN true
        WHEN ob IN ('bigint', 'integer') AND nb IN ('real', 'double precision')
             AND NOT (ob = 'integer' AND nb = 'double precision') THEN true
        WHEN ob = nb THEN nm IS NOT NULL AND (om IS NULL OR v_smaller)
        -- a smaller fractional precision across the time types (timestamp(6) ->
        -- timestamptz(0), time -> timetz(0)): rounded, as within one (C5)
        WHEN ob ~ '^(time|timestamp) with(out)? time zone$' AND nb ~ '^(time|timestamp) with(out)? time zone$'
             AND nm IS NOT NULL AND (om IS NULL OR v_smaller) THEN true
        -- money holds two decimals (and 17 digits before them): rounded (C5)
        WHEN nb = 'money' AND ob IN ('real', 'double precision') THEN true   -- (through text)
        WHEN nb = 'money' AND ob = 'numeric'
             THEN om IS NULL OR coalesce(om[2], 0) > 2 OR om[1] - coalesce(om[2], 0) > 17
        WHEN nb = 'character varying' AND nm IS NULL AND ob IN ('text', 'character varying', 'character') THEN false
        WHEN nb IN ('character varying', 'character') AND ob IN ('text', 'character varying', 'character') THEN true
        WHEN ob = 'bigint' AND nb IN ('integer', 'smallint') THEN true
        WHEN ob = 'integer' AND nb = 'smallint' THEN true
        WHEN ob = 'numeric' AND nb IN ('real', 'double precision') THEN true
        WHEN ob IN ('numeric', 'double precision', 'real') AND nb IN ('integer', 'bigint', 'smallint') THEN true
        WHEN ob = 'double precision' AND nb = 'real' THEN true
        WHEN ob LIKE 'timestamp%' AND nb IN ('date', 'time without time zone', 'time with time zone') THEN true
        WHEN nb IN ('integer', 'bigint', 'smallint', 'numeric', 'boolean', 'date', 'uuid')
             AND ob IN ('text', 'character varying', 'character', 'jsonb', 'json') THEN true
        -- values PostgreSQL converts without an error but changes (B3, A6): numbers to
        -- booleans, floating point to numeric (15 or 6 significant digits), anything to
        -- name (63 bytes) or "char" (one byte), an interval to one with fields, a network
        -- to its cidr (host bits zeroed), a time with its offset to one without
        WHEN ob IN ('smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision') AND nb = 'boolean' THEN true
        WHEN ob IN ('real', 'double precision') AND nb = 'numeric' THEN true
        WHEN nb IN ('name', '"char"') THEN true
        WHEN ob LIKE 'interval%' AND nb LIKE 'interval %' THEN true
        WHEN ob = 'inet' AND nb = 'cidr' THEN true
        -- text search types parse their input: words sorted, duplicates and positions
        -- merged ('the cat the hat' -> 'cat' 'hat' 'the'), P5
        WHEN nb IN ('tsvector', 'tsquery') THEN true
        -- text read as a float keeps 6 or 15 significant digits; text or json read as
        -- jsonb loses duplicate keys, key order and spacing; a timestamp with its zone
        -- made one without drops the offset (the review's W7, tester A's T6)
        WHEN ob IN ('text', 'character varying', 'character') AND nb IN ('real', 'double precision') THEN true
        WHEN ob IN ('text', 'character varying', 'character', 'json') AND nb = 'jsonb' THEN true
        WHEN ob = 'timestamp with time zone' AND nb = 'timestamp without time zone' THEN true
        WHEN ob = 'time with time zone' AND nb = 'time without time zone' THEN true
        -- the same from text, which may hold an offset ('10:00:00+02' read as a time
        -- without one ignores it); an interval read as a time keeps its time of day
        -- only (26 hours -> 02:00); text read as money rounds to two decimals; any
        -- value read as an interval with fields truncates the others (AA6)
        WHEN ob IN ('text', 'character varying', 'character')
             AND nb IN ('timestamp without time zone', 'time without time zone', 'money') THEN true
        WHEN ob = 'interval' AND nb IN ('time without time zone', 'time with time zone') THEN true
        WHEN nb LIKE 'interval %' THEN true
        -- timestamps to whole epoch seconds: the fraction goes (B6)
        WHEN ob LIKE 'timestamp%' AND nb IN ('smallint', 'integer', 'bigint') THEN true
        ELSE false END;
END
$$;

-- True when ALTER COLUMN ... TYPE from p_old to p_new rewrites the table (and may fail
-- on a value).  PostgreSQL changes these in place, checked by the table's relfilenode
-- in tests: varchar and varbit lengths that grow or go, varchar <-> text, numeric
-- precision that grows at the same scale (or goes), time, timestamp and interval
-- precision that grows (or goes), cidr -> inet, xml -> text.  Anything else: true.
CREATE OR REPLACE FUNCTION pggit_v0._type_rewrites(p_old text, p_new text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    ob text;  om int[];
    nb text;  nm int[];
BEGIN
    IF p_old = p_new THEN
        RETURN false;
    END IF;
    ob := regexp_replace(p_old, '\([0-9, ]+\)', '', 'g');
    om := string_to_array(replace((regexp_match(p_old, '\(([0-9, ]+)\)'))[1], ' ', ''), ',')::int[];
    nb := regexp_replace(p_new, '\([0-9, ]+\)', '', 'g');
    nm := string_to_array(replace((regexp_match(p_new, '\(([0-9, ]+)\)'))[1], ' ', ''), ',')::int[];
    RETURN NOT CASE
        WHEN (ob, nb) IN (('cidr', 'inet'), ('xml', 'text'), ('character varying', 'text')) THEN true
        WHEN ob = 'text' AND nb = 'character varying' THEN nm IS NULL
        WHEN ob = nb AND ob IN ('character varying', 'bit varying', 'time without time zone', 'time with time zone',
                                'timestamp without time zone', 'timestamp with time zone', 'interval')
             THEN nm IS NULL OR (om IS NOT NULL AND nm[1] >= om[1])
        WHEN ob = nb AND ob = 'numeric'
             THEN nm IS NULL OR (om IS NOT NULL AND nm[1] >= om[1] AND coalesce(nm[2], 0) = coalesce(om[2], 0))
        ELSE false END;
END
$$;

-- The USING expression converting column p_col (quoted) from type p_old to p_new where
-- PostgreSQL has no cast between them: numbers to timestamps or dates as Unix epoch
-- seconds (to_timestamp; a timestamp without time zone in UTC), and timestamps back to
-- numbers as epoch seconds.  NULL when a cast exists or none of these applies.
CREATE OR REPLACE FUNCTION pggit_v0._epoch_using(p_col text, p_old text, p_new text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    ob text := regexp_replace(p_old, '\([0-9, ]+\)', '', 'g');
    nb text := regexp_replace(p_new, '\([0-9, ]+\)', '', 'g');
BEGIN
    RETURN CASE
        WHEN ob IN ('smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision') THEN
            CASE nb WHEN 'timestamp with time zone' THEN format('to_timestamp(%s)', p_col)
                    WHEN 'timestamp without time zone' THEN format('to_timestamp(%s) AT TIME ZONE %L', p_col, 'UTC')
                    WHEN 'date' THEN format('(to_timestamp(%s) AT TIME ZONE %L)::date', p_col, 'UTC') END
        WHEN ob IN ('timestamp with time zone', 'timestamp without time zone')
             AND nb IN ('smallint', 'integer', 'bigint', 'numeric', 'real', 'double precision')
            THEN format('extract(epoch FROM %s)::%s', p_col, nb) END;
END
$$;
COMMENT ON FUNCTION pggit_v0._epoch_using(text, text, text) IS
    'USING expression between numbers and timestamps or dates (Unix epoch seconds, UTC), which no cast joins; NULL otherwise';

-- Whether a column of base type p_old can be converted to p_new by a cast (USING col::new):
-- false for two base types, neither a string type nor both arrays, that no cast joins
-- (time to timestamp, uuid to bigint, jsonb to bytea, text[] to jsonb: Coder,
-- Trigger.dev), as this database's catalogs say; NULL when one is not known here (an
-- extension's type, checked out before its extension is installed: G6) and the other
-- is not a string type, nor both arrays: the database the script runs in decides.
CREATE OR REPLACE FUNCTION pggit_v0._castable(p_old text, p_new text) RETURNS boolean
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    o oid := to_regtype(regexp_replace(p_old, '\([0-9, ]+\)', '', 'g'));
    n oid := to_regtype(regexp_replace(p_new, '\([0-9, ]+\)', '', 'g'));
    b oid;
BEGIN
    IF o = n OR regexp_replace(p_old, '\([0-9, ]+\)', '', 'g') = regexp_replace(p_new, '\([0-9, ]+\)', '', 'g') THEN
        RETURN true;
    END IF;
    -- a domain: as its base type
    LOOP
        SELECT nullif(t.typbasetype, 0) INTO b FROM pg_type t WHERE t.oid = o;
        EXIT WHEN b IS NULL;
        o := b;
    END LOOP;
    LOOP
        SELECT nullif(t.typbasetype, 0) INTO b FROM pg_type t WHERE t.oid = n;
        EXIT WHEN b IS NULL;
        n := b;
    END LOOP;
    -- from or to a string type: the I/O conversion; two arrays: element by element; else
    -- a cast must join them (smallint to an enum has none: E1).
    IF EXISTS (SELECT 1 FROM pg_type t WHERE t.oid IN (o, n) AND t.typcategory = 'S')
       OR (p_old LIKE '%[]' AND p_new LIKE '%[]') THEN
        RETURN true;
    ELSIF o IS NULL OR n IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN o = n OR EXISTS (SELECT 1 FROM pg_cast c WHERE c.castsource = o AND c.casttarget = n);
END
$$;
COMMENT ON FUNCTION pggit_v0._castable(text, text) IS
    'Whether a cast joins two types (domains as their base types; string types through I/O); false sends the conversion through text, NULL leaves it to the database the script runs in';

-- A column's type change whose cast cannot be chosen here (_castable is NULL): a DO
-- statement that runs p_direct (USING col::new) where a cast from p_old to p_new exists
-- when it runs, or either is a string type, and p_via_text (USING col::text::new) otherwise.
-- One line; its dollar quote's tag is one neither statement holds.
CREATE OR REPLACE FUNCTION pggit_v0._retype_at_run_time(p_direct text, p_via_text text, p_old text, p_new text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
    SELECT format('DO %1$s BEGIN IF EXISTS (SELECT FROM pg_catalog.pg_cast c WHERE c.castsource = pg_catalog.to_regtype(%2$L)'
                  ' AND c.casttarget = pg_catalog.to_regtype(%3$L)) OR EXISTS (SELECT FROM pg_catalog.pg_type t'
                  ' WHERE t.oid IN (pg_catalog.to_regtype(%2$L), pg_catalog.to_regtype(%3$L)) AND t.typcategory = %4$L)'
                  ' THEN %5$s ELSE %6$s END IF; END %1$s;',
                  q.tag, _unsized_type(p_old), _unsized_type(p_new), 'S', p_direct, p_via_text)
    FROM (SELECT coalesce((SELECT '$pggit' || coalesce(g.i::text, '') || '$'
                           FROM (SELECT NULL::int AS i UNION ALL SELECT generate_series(1, 1000)) g
                           WHERE strpos(p_direct || p_via_text, '$pggit' || coalesce(g.i::text, '') || '$') = 0
                           ORDER BY g.i NULLS FIRST LIMIT 1),
                          -- (every one of those taken: a tag of the statements' hash)
                          '$pggit_' || md5(p_direct || p_via_text) || '$') AS tag) q
$$;
COMMENT ON FUNCTION pggit_v0._retype_at_run_time(text, text, text, text) IS
    'DO statement changing a column''s type with a cast where one exists when it runs, through text otherwise';

-- The sequence name an identity column's recorded options give (SEQUENCE NAME s.n,
-- qualified as recorded: when it is not the one PostgreSQL would choose), NULL when none;
-- and the options without it.
CREATE OR REPLACE FUNCTION pggit_v0._identity_seq_name(p_options text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$ SELECT substring(p_options FROM '^SEQUENCE NAME ((?:"(?:[^"]|"")+"|[^ ."]+)\.(?:"(?:[^"]|"")+"|[^ ."]+))') $$;
CREATE OR REPLACE FUNCTION pggit_v0._identity_other_options(p_options text) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$ SELECT nullif(regexp_replace(coalesce(p_options, ''), '^SEQUENCE NAME (?:"(?:[^"]|"")+"|[^ ."]+)\.(?:"(?:[^"]|"")+"|[^ ."]+) ?', ''), '') $$;
COMMENT ON FUNCTION pggit_v0._identity_seq_name(text) IS
    'The SEQUENCE NAME of an identity column''s recorded options (qualified), NULL when none';
COMMENT ON FUNCTION pggit_v0._identity_other_options(text) IS
    'An identity column''s recorded options without its SEQUENCE NAME; NULL when none are left';

-- ALTER COLUMN's "SET ..." clauses that give an identity column exactly p_options (as
-- _snap_columns writes them, NULL: all defaults; a SEQUENCE NAME is left out).
CREATE OR REPLACE FUNCTION pggit_v0._identity_set_options(p_options text) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
WITH o AS (
    SELECT (regexp_match(coalesce(x.o, ''), 'INCREMENT BY (-?[0-9]+)'))[1]::numeric AS inc,
           (regexp_match(coalesce(x.o, ''), 'MINVALUE (-?[0-9]+)'))[1] AS mn,
           (regexp_match(coalesce(x.o, ''), 'MAXVALUE (-?[0-9]+)'))[1] AS mx,
           (regexp_match(coalesce(x.o, ''), 'START WITH (-?[0-9]+)'))[1] AS st,
           (regexp_match(coalesce(x.o, ''), 'CACHE ([0-9]+)'))[1] AS ca,
           coalesce(x.o, '') ~ '(^| )CYCLE$' AS cy
    FROM (SELECT pggit_v0._identity_other_options(p_options) AS o) x
)
SELECT concat_ws(' ',
           'SET INCREMENT BY ' || coalesce(l.inc, 1),
           CASE WHEN l.mn IS NULL THEN 'SET NO MINVALUE' ELSE 'SET MINVALUE ' || l.mn END,
           CASE WHEN l.mx IS NULL THEN 'SET NO MAXVALUE' ELSE 'SET MAXVALUE ' || l.mx END,
           'SET START WITH ' || coalesce(l.st, CASE WHEN coalesce(l.inc, 1) > 0 THEN coalesce(l.mn, '1')
                                                    ELSE coalesce(l.mx, '-1') END),
           'SET CACHE ' || coalesce(l.ca, '1'),
           CASE WHEN l.cy THEN 'SET CYCLE' ELSE 'SET NO CYCLE' END)
FROM o l
$$;

-- A DO statement written as DO $pggit$...$pggit$; with a tag its body does not hold: a
-- name holding "$pggit$" (quoted inside the body) would end it early (C11).
CREATE OR REPLACE FUNCTION pggit_v0._safe_do(p_stmt text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_body text;
    n      int := 1;
BEGIN
    IF left(p_stmt, 10) <> 'DO $pggit$' OR right(p_stmt, 8) <> '$pggit$;'
       OR strpos(substr(p_stmt, 11, length(p_stmt) - 18), '$pggit$') = 0 THEN
        RETURN p_stmt;
    END IF;
    v_body := substr(p_stmt, 11, length(p_stmt) - 18);
    WHILE strpos(v_body, '$pggit' || n || '$') > 0 LOOP
        n := n + 1;
    END LOOP;
    RETURN 'DO $pggit' || n || '$' || v_body || '$pggit' || n || '$;';
END
$$;
COMMENT ON FUNCTION pggit_v0._safe_do(text) IS
    'A DO $pggit$ statement re-tagged when its body holds the tag';

-- GRANT <-> REVOKE for each line of a canonical grants blob.  A grant WITH GRANT OPTION
-- to a role may be one to the role that owns the object where the script runs (owners
-- are not versioned: a table restored without owners belongs to whoever made it, and
-- the owner granting itself options is recorded like any grant): undone by a DO block
-- that asks the catalog, revoking only the grant options from the owner (which keeps its
-- rights) and everything from any other role.  Lines an older layer marked "the owner's
-- own grant options" lose only the options.
CREATE OR REPLACE FUNCTION pggit_v0._invert_grants(p_grants text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT string_agg(CASE
         WHEN l ~ '^GRANT .* WITH GRANT OPTION; -- the owner''s own grant options;$'
         THEN regexp_replace(l, '^GRANT (.*) TO (.*) WITH GRANT OPTION; -- .*$', 'REVOKE GRANT OPTION FOR \1 FROM \2 CASCADE;')
         WHEN m IS NOT NULL
         THEN _safe_do(format('DO $pggit$BEGIN IF %s = %L::pg_catalog.regrole THEN REVOKE GRANT OPTION FOR %s ON %s %s FROM %s CASCADE; '
                     'ELSE REVOKE %s ON %s %s FROM %s CASCADE; END IF; END$pggit$;',
                     CASE m[2] WHEN 'TABLE' THEN format('(SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = %L::pg_catalog.regclass)', m[3])
                               WHEN 'SEQUENCE' THEN format('(SELECT c.relowner FROM pg_catalog.pg_class c WHERE c.oid = %L::pg_catalog.regclass)', m[3])
                               WHEN 'SCHEMA' THEN format('(SELECT n.nspowner FROM pg_catalog.pg_namespace n WHERE n.oid = %L::pg_catalog.regnamespace)', m[3])
                               WHEN 'TYPE' THEN format('(SELECT t.typowner FROM pg_catalog.pg_type t WHERE t.oid = %L::pg_catalog.regtype)', m[3])
                               WHEN 'DOMAIN' THEN format('(SELECT t.typowner FROM pg_catalog.pg_type t WHERE t.oid = %L::pg_catalog.regtype)', m[3])
                               ELSE format('(SELECT p.proowner FROM pg_catalog.pg_proc p WHERE p.oid = %L::pg_catalog.regprocedure)', m[3]) END,
                     m[4], m[1], m[2], m[3], m[4], m[1], m[2], m[3], m[4]))
         WHEN l ~ '^GRANT ' THEN regexp_replace(regexp_replace(l, ' WITH GRANT OPTION;$', ';'),
                                                '^GRANT (.*) TO (.*);$', 'REVOKE \1 FROM \2 CASCADE;')
         ELSE regexp_replace(l, '^REVOKE (.*) FROM (.*);$', 'GRANT \1 TO \2;') END, E'\n' ORDER BY o)
FROM unnest(_lines(p_grants)) WITH ORDINALITY AS u(l, o)   -- (a quoted name may hold a line break)
CROSS JOIN LATERAL (SELECT CASE WHEN l !~ ' TO PUBLIC WITH GRANT OPTION;$' THEN
                        regexp_match(l, '^GRANT (.*?) ON (TABLE|SEQUENCE|SCHEMA|TYPE|DOMAIN|FUNCTION|PROCEDURE) (.*) TO (.*) WITH GRANT OPTION;$')
                        END AS m) x
$$;

-- The name a rebuilt type is renamed to while its columns are converted: the name and
-- "__pggit_old", shortened (with a hash of the name) to fit in 63 bytes.
CREATE OR REPLACE FUNCTION pggit_v0._old_name(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE WHEN octet_length(p_name) <= 52 THEN p_name || '__pggit_old'
            ELSE (SELECT substr(p_name, 1, max(n)) FROM generate_series(1, 40) AS n
                  WHERE octet_length(substr(p_name, 1, n)) <= 40)
                 || '_' || left(md5(p_name), 8) || '__old' END
$$;

-- The attribute definitions of a canonical CREATE TYPE ... AS (...) statement, in order
-- (split at top-level commas: not inside parentheses or quotes).
CREATE OR REPLACE FUNCTION pggit_v0._comp_attrs(p_def text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_body  text := substring(p_def FROM '^CREATE TYPE .*? AS \((.*)\);$');
    v_out   text[] := ARRAY[]::text[];
    v_depth int := 0;
    v_quote boolean := false;
    v_start int := 1;
    v_c     text;
BEGIN
    IF v_body IS NULL OR v_body = '' THEN
        RETURN v_out;
    END IF;
    FOR i IN 1 .. length(v_body) LOOP
        v_c := substr(v_body, i, 1);
        IF v_c = '"' THEN
            v_quote := NOT v_quote;
        ELSIF NOT v_quote AND v_c = '(' THEN
            v_depth := v_depth + 1;
        ELSIF NOT v_quote AND v_c = ')' THEN
            v_depth := v_depth - 1;
        ELSIF NOT v_quote AND v_depth = 0 AND v_c = ',' THEN
            v_out := v_out || btrim(substr(v_body, v_start, i - v_start));
            v_start := i + 1;
        END IF;
    END LOOP;
    RETURN v_out || btrim(substr(v_body, v_start));
END
$$;

-- Whether converting values of a rebuilt type through text, from its source definition
-- p_old to its target one p_new (both CREATE TYPE ... AS (...) or both CREATE DOMAIN),
-- can lose values: an attribute (by position: record input is positional) or the
-- domain's base type narrowing (_type_narrows).  The record and domain input apply the
-- typmods without an error where a cast would round: numeric(10,4) -> (8,2), AA7, AA1b.
CREATE OR REPLACE FUNCTION pggit_v0._rebuilt_narrows(p_old text, p_new text) RETURNS boolean
LANGUAGE plpgsql STABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    oa text[];
    na text[];
    v_re text := '^CREATE DOMAIN (?:"(?:[^"]|"")+"|[^ ."]+)\.(?:"(?:[^"]|"")+"|[^ ."]+) AS ';
BEGIN
    IF p_old = p_new THEN
        RETURN false;
    END IF;
    IF p_old ~ '^CREATE TYPE .*? AS \(' AND p_new ~ '^CREATE TYPE .*? AS \(' THEN
        oa := _comp_attrs(p_old);
        na := _comp_attrs(p_new);
        RETURN EXISTS (SELECT 1 FROM generate_series(1, least(cardinality(oa), cardinality(na))) i
                       WHERE _type_narrows((_col_parts(oa[i])).type, (_col_parts(na[i])).type));
    ELSIF p_old ~ v_re AND p_new ~ v_re THEN
        RETURN _type_narrows(
            regexp_replace(regexp_replace(p_old, v_re, ''), '( COLLATE | DEFAULT | NOT NULL| CONSTRAINT | CHECK |;$).*$', ''),
            regexp_replace(regexp_replace(p_new, v_re, ''), '( COLLATE | DEFAULT | NOT NULL| CONSTRAINT | CHECK |;$).*$', ''));
    END IF;
    RETURN false;
END
$$;
COMMENT ON FUNCTION pggit_v0._rebuilt_narrows(text, text) IS
    'True when converting a rebuilt composite type''s or domain''s values through text, from definition p_old to p_new, may lose values (an attribute by position, or the domain''s base, narrowing: AA7, AA1b)';

-- The labels of a canonical CREATE TYPE ... AS ENUM statement, in order.
CREATE OR REPLACE FUNCTION pggit_v0._enum_labels(p_def text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
-- (a label with a backslash is written E'...', the backslash doubled: C7)
SELECT ARRAY(SELECT CASE WHEN m[1] = 'E' THEN replace(replace(m[2], '\\', '\'), '''''', '''')
                         ELSE replace(m[2], '''''', '''') END
             FROM regexp_matches(substring(p_def FROM 'AS ENUM \((.*)\);$'),
                                 '(E?)''((?:[^''\\]|''''|\\.)*)''', 'g') AS m)
$$;

-- Qualified name of an object from its schema and "<kind> <name>" key (routines keep
-- their argument list).
CREATE OR REPLACE FUNCTION pggit_v0._qname(p_schema text, p_obj_key text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
SELECT CASE WHEN p_schema IS NULL OR p_obj_key IS NULL THEN NULL   -- (not STRICT: inlined)
            WHEN pggit_v0._key_kind(p_obj_key) IN ('function', 'procedure', 'aggregate', 'operator',
                                                    'operator_class', 'operator_family')   -- "name USING method"
            THEN pg_catalog.quote_ident(p_schema) || '.' || pggit_v0._key_name(p_obj_key)
            WHEN pggit_v0._key_kind(p_obj_key) IN ('schema', 'extension', 'foreign_data_wrapper', 'server', 'event_trigger',
                                                    'publication', 'subscription')
            THEN pg_catalog.quote_ident(pggit_v0._key_name(p_obj_key))
            -- keys already written as DDL names them: "(source AS target)", "role@server", ...
            WHEN pggit_v0._key_kind(p_obj_key) IN ('cast', 'user_mapping', 'default_privileges', 'security_label')
            THEN pggit_v0._key_name(p_obj_key)
            ELSE pg_catalog.quote_ident(p_schema) || '.' || pg_catalog.quote_ident(pggit_v0._key_name(p_obj_key)) END
$$;

-- How other definitions refer to an object: its qualified name, and for routines the
-- qualified name followed by "(" (calls do not repeat the argument list).
CREATE OR REPLACE FUNCTION pggit_v0._refname(p_schema text, p_obj_key text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
SELECT CASE WHEN p_schema IS NULL OR p_obj_key IS NULL THEN NULL   -- (not STRICT: inlined)
            WHEN pggit_v0._key_kind(p_obj_key) IN ('function', 'procedure', 'aggregate')
            THEN pg_catalog.quote_ident(p_schema) || '.' || pg_catalog.split_part(pggit_v0._key_name(p_obj_key), '(', 1) || '('
            ELSE pggit_v0._qname(p_schema, p_obj_key) END
$$;

-- A regular expression matching p_name (an identifier, or a qualified name from _qname /
-- _refname) as a whole word of a deparsed definition: not inside a longer identifier,
-- and, unless p_qualified_ok, not after a dot ("x" is not found in "app.x"; with
-- p_qualified_ok a column "c" is found in "t.c").  A name ending in "(" (a routine call)
-- needs no boundary after it.
CREATE OR REPLACE FUNCTION pggit_v0._word_re(p_name text, p_qualified_ok boolean DEFAULT false) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE WHEN p_qualified_ok THEN '(^|[^a-zA-Z0-9_"])' ELSE '(^|[^a-zA-Z0-9_."])' END
       || _re_quote(p_name)
       || CASE WHEN right(p_name, 1) = '(' THEN '' ELSE '($|[^a-zA-Z0-9_"])' END
$$;

-- Whether a server's definition changes only in place (its VERSION or OPTIONS: ALTER
-- SERVER), keeping its type and wrapper; else it is dropped and created again.
CREATE OR REPLACE FUNCTION pggit_v0._server_kept(p_old text, p_new text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT regexp_replace(split_part(p_old, E'\n', 1), ' VERSION ''(?:[^'']|'''')*''| OPTIONS \(.*\);$', '', 'g')
     = regexp_replace(split_part(p_new, E'\n', 1), ' VERSION ''(?:[^'']|'''')*''| OPTIONS \(.*\);$', '', 'g')
$$;
COMMENT ON FUNCTION pggit_v0._server_kept(text, text) IS
    'True when a server''s new definition keeps its type and wrapper (only VERSION or OPTIONS change)';

-- The recorded text of an index or constraint of a table in schema p_schema (p_kind:
-- 'index', 'constraint', or their '_comment') as it reads once the part is renamed from
-- p_old to p_new: the name replaced where the snapshot writes it; NULL when the text
-- does not have it there.  A rename that leaves the rest equal is ALTER ... RENAME.
CREATE OR REPLACE FUNCTION pggit_v0._renamed_part(p_kind text, p_content text, p_schema text, p_old text, p_new text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_from text;
    v_to   text;
    v_at   int;
BEGIN
    CASE p_kind
        WHEN 'index' THEN
            v_from := format(' INDEX %I ON ', p_old);  v_to := format(' INDEX %I ON ', p_new);
            v_at := strpos(p_content, v_from);
            IF NOT (v_at = 7 AND p_content LIKE 'CREATE INDEX %' OR v_at = 14 AND p_content LIKE 'CREATE UNIQUE INDEX %') THEN
                RETURN NULL;
            END IF;
        WHEN 'constraint' THEN
            v_from := format(' ADD CONSTRAINT %I ', p_old);  v_to := format(' ADD CONSTRAINT %I ', p_new);
            v_at := strpos(p_content, v_from);
            IF v_at = 0 OR p_content NOT LIKE 'ALTER TABLE %' THEN RETURN NULL; END IF;
        WHEN 'index_comment' THEN
            v_from := format('COMMENT ON INDEX %I.%I IS ', p_schema, p_old);
            v_to := format('COMMENT ON INDEX %I.%I IS ', p_schema, p_new);
            v_at := strpos(p_content, v_from);
            IF v_at <> 1 THEN RETURN NULL; END IF;
        WHEN 'constraint_comment' THEN
            v_from := format('COMMENT ON CONSTRAINT %I ON ', p_old);  v_to := format('COMMENT ON CONSTRAINT %I ON ', p_new);
            v_at := strpos(p_content, v_from);
            IF v_at <> 1 THEN RETURN NULL; END IF;
        ELSE
            RETURN NULL;
    END CASE;
    RETURN overlay(p_content PLACING v_to FROM v_at FOR length(v_from));
END
$$;
COMMENT ON FUNCTION pggit_v0._renamed_part(text, text, text, text, text) IS
    'An index''s or constraint''s recorded text (or its comment''s) with the part renamed; NULL when the name is not where expected';

-- The statement dropping one part of a table: a trigger, policy, constraint or index
-- (sub-keys "trigger t", "policy p", "constraint c", "index i"); NULL for other parts.
CREATE OR REPLACE FUNCTION pggit_v0._drop_part(p_schema text, p_table text, p_sub_key text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE split_part(p_sub_key, ' ', 1)
         WHEN 'trigger' THEN format('DROP TRIGGER IF EXISTS %I ON %s;', substr(p_sub_key, 9), p_table)
         WHEN 'policy' THEN format('DROP POLICY IF EXISTS %I ON %s;', substr(p_sub_key, 8), p_table)
         WHEN 'rule' THEN format('DROP RULE IF EXISTS %I ON %s;', substr(p_sub_key, 6), p_table)
         WHEN 'constraint' THEN format('ALTER TABLE %s DROP CONSTRAINT IF EXISTS %I;', p_table, substr(p_sub_key, 12))
         WHEN 'index' THEN format('DROP INDEX IF EXISTS %I.%I;', p_schema, substr(p_sub_key, 7)) END
$$;

-- The ALTER INDEX ... ATTACH PARTITION line ending the definition of a partition's index
-- or key attached to its parent's index under a name of its own (_index_attach_line),
-- NULL when it has none; and the definition without it.
CREATE OR REPLACE FUNCTION pggit_v0._attach_line(p_def text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$ SELECT substring(p_def FROM '\n(ALTER INDEX [^\n]* ATTACH PARTITION [^\n]*;)$') $$;
CREATE OR REPLACE FUNCTION pggit_v0._without_attach(p_def text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$ SELECT regexp_replace(p_def, '\nALTER INDEX [^\n]* ATTACH PARTITION [^\n]*;$', '') $$;
COMMENT ON FUNCTION pggit_v0._attach_line(text) IS
    'The ATTACH PARTITION line ending a partition index or key definition; NULL when none';
COMMENT ON FUNCTION pggit_v0._without_attach(text) IS
    'A partition index or key definition without its ATTACH PARTITION line';

-- What a partition's index or key (p_def, with its ATTACH PARTITION line) is made of, and
-- the name of the index PostgreSQL clones onto partition p_table for it (CREATE TABLE ...
-- PARTITION OF clones each index of the parent; p_parent_key: the parent's is a key's):
-- name (as recorded, quoted), how (PRIMARY KEY / UNIQUE for a key), is_index, clone
-- (_clone_index_name).  No row when the columns are not plain names (expressions,
-- options, INCLUDE: not guessed).
CREATE OR REPLACE FUNCTION pggit_v0._clone_parts(p_table text, p_def text, p_parent_key boolean,
    OUT name text, OUT how text, OUT is_index boolean, OUT clone text)
RETURNS SETOF record
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
WITH m AS (
    SELECT k[1] AS name, k[2] AS how, k[3] AS cols, false AS is_index
    FROM regexp_match(split_part(p_def, E'\n', 1),
                      '^ALTER TABLE .* ADD CONSTRAINT ("(?:[^"]|"")+"|[^ ]+) (PRIMARY KEY|UNIQUE) \(([^()]*)\);$') k
    UNION ALL
    SELECT k[1], NULL, k[2], true
    FROM regexp_match(split_part(p_def, E'\n', 1),
                      '^CREATE (?:UNIQUE )?INDEX ("(?:[^"]|"")+"|[^ ]+) ON .* USING [a-z_]+ \(([^()]*)\);$') k
),
c AS (
    SELECT m.*, (SELECT CASE WHEN bool_and(u IS NOT NULL) THEN string_agg(u, '_' ORDER BY o) END
                 FROM unnest(string_to_array(m.cols, ', ')) WITH ORDINALITY AS e(col, o)
                 CROSS JOIN LATERAL (SELECT CASE WHEN e.col ~ '^"(?:[^"]|"")+"$' THEN replace(substr(e.col, 2, length(e.col) - 2), '""', '"')
                                                 WHEN e.col ~ '^[a-z_][a-z0-9_$]*$' THEN e.col END AS u) x) AS addition,
           CASE WHEN NOT m.is_index AND p_parent_key THEN CASE m.how WHEN 'PRIMARY KEY' THEN 'pkey' ELSE 'key' END
                ELSE 'idx' END AS label
    FROM m
)
SELECT c.name, c.how, c.is_index, _clone_index_name(p_table, CASE WHEN c.label <> 'pkey' THEN c.addition END, c.label)
FROM c
WHERE c.addition IS NOT NULL
LIMIT 1
$$;
COMMENT ON FUNCTION pggit_v0._clone_parts(text, text, boolean) IS
    'A partition index or key definition''s name and kind, and the name PostgreSQL gives the index it clones for it; no row when not told';

-- A statement giving name p_name to the index of partition p_schema.p_table attached to
-- the parent's index that p_attach (an ATTACH PARTITION line) names, whatever it is called
-- now: a kept partition's attached index keeps the name PostgreSQL gave it when it was
-- cloned, which depends on what the partition was called then (renamed since, say), so
-- the script looks it up when it runs.  Renaming a key's index renames the key.
CREATE OR REPLACE FUNCTION pggit_v0._rename_attached(p_schema text, p_table text, p_attach text, p_name text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT concat_ws(E'\n',
           'DO ' || x.tag,
           'DECLARE v name;',
           'BEGIN',
           '    SELECT c.relname INTO v FROM pg_catalog.pg_inherits i',
           '    JOIN pg_catalog.pg_index x ON x.indexrelid = i.inhrelid JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid',
           format('    WHERE i.inhparent = %L::regclass AND x.indrelid = %L::regclass;', a.parent, format('%I.%I', p_schema, p_table)),
           format('    IF v <> %L THEN', p_name),
           format('        EXECUTE format(''ALTER INDEX %%I.%%I RENAME TO %%I'', %L, v, %L);', p_schema, p_name),
           '    END IF;',
           'END',
           x.tag || ';')
FROM (SELECT substring(p_attach FROM '^ALTER INDEX ((?:"(?:[^"]|"")+"|[^ ."]+)\.(?:"(?:[^"]|"")+"|[^ ."]+)) ATTACH PARTITION ') AS parent) a
CROSS JOIN (SELECT '$rn' || left(md5(p_attach || p_name), 8) || '$' AS tag) x
WHERE a.parent IS NOT NULL
$$;
COMMENT ON FUNCTION pggit_v0._rename_attached(text, text, text, text) IS
    'A DO block renaming a partition''s index attached to a given parent index, whatever its name, to a given name';

-- The statement that makes a partition's index or key (p_def, with its ATTACH PARTITION
-- line) out of the index PostgreSQL cloned onto the partition for the parent's index when
-- the partition was created (the partition's own cannot be attached then): ALTER INDEX
-- ... RENAME TO (an index), ADD CONSTRAINT ... USING INDEX (a key attached to a plain
-- index), RENAME CONSTRAINT (a key attached to a key: p_parent_key).  NULL when the
-- clone's name cannot be told (_clone_parts).
CREATE OR REPLACE FUNCTION pggit_v0._adopt_clone(p_schema text, p_table text, p_def text, p_parent_key boolean)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
-- (the clone is found when the script runs, by the parent index it is attached to: its
-- name comes from the parent index's column names, which keep a column's old name after
-- a rename, E4; renaming a key's index renames the key)
SELECT CASE WHEN k.is_index OR p_parent_key
            THEN _rename_attached(p_schema, p_table, _attach_line(p_def), (parse_ident(k.name))[1])
            ELSE concat_ws(E'\n',
                     'DO ' || x.tag,
                     'DECLARE v name;',
                     'BEGIN',
                     '    SELECT c.relname INTO v FROM pg_catalog.pg_inherits i',
                     '    JOIN pg_catalog.pg_index x ON x.indexrelid = i.inhrelid JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid',
                     format('    WHERE i.inhparent = %L::regclass AND x.indrelid = %L::regclass;', a.parent,
                            format('%I.%I', p_schema, p_table)),
                     format('    EXECUTE format(''ALTER TABLE %%I.%%I ADD CONSTRAINT %%s %%s USING INDEX %%I'', %L, %L, %L, %L, v);',
                            p_schema, p_table, k.name, k.how),
                     'END',
                     x.tag || ';') END
FROM _clone_parts(p_table, p_def, p_parent_key) k
CROSS JOIN (SELECT substring(_attach_line(p_def) FROM '^ALTER INDEX ((?:"(?:[^"]|"")+"|[^ ."]+)\.(?:"(?:[^"]|"")+"|[^ ."]+)) ATTACH PARTITION ') AS parent) a
CROSS JOIN (SELECT '$ad' || left(md5(p_def), 8) || '$' AS tag) x
WHERE a.parent IS NOT NULL
$$;
COMMENT ON FUNCTION pggit_v0._adopt_clone(text, text, text, boolean) IS
    'Statement turning the index PostgreSQL cloned onto a new partition into the partition''s own recorded index or key; NULL when the clone''s name cannot be told';

-- The signature part of a routine's canonical definition (pg_get_functiondef): name,
-- arguments, result and options, without the body.  What must exist when the routine
-- is created (types of arguments and result: a table's row type, say); the body is
-- created with check_function_bodies off.
CREATE OR REPLACE FUNCTION pggit_v0._routine_signature(p_def text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
-- (quoted names and literals skipped whole: a routine named "g<newline>RETURN x" is a
-- name, V17)
AS $$ SELECT coalesce(substring(p_def FROM '^((?:"(?:[^"]|"")*"|''(?:[^'']|'''')*''|[^"''])*?)\n(?:AS |RETURN |BEGIN ATOMIC)'),
                      p_def) $$;

-- A routine's signature (_routine_signature) from its argument list on: without the
-- routine's own qualified name, which may be that of a table too.
CREATE OR REPLACE FUNCTION pggit_v0._sig_args(p_sig text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT regexp_replace(p_sig, '^CREATE (?:OR REPLACE )?(?:FUNCTION|PROCEDURE|AGGREGATE) (?:"(?:[^"]|"")+"|[^ ."(]+)\.(?:"(?:[^"]|"")+"|[^ ."(]+)', '')
$$;
COMMENT ON FUNCTION pggit_v0._sig_args(text) IS
    'A routine signature without its CREATE ... name: the arguments, result and options';

-- True when a routine's canonical definition (pg_get_functiondef) has an SQL-standard
-- body (RETURN expr, or BEGIN ATOMIC ... END): PostgreSQL parses it when the routine is
-- created, even with check_function_bodies off, and binds it to what it reads, as a view.
CREATE OR REPLACE FUNCTION pggit_v0._sql_body(p_def text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$ SELECT coalesce(substring(p_def FROM '^(?:"(?:[^"]|"")*"|''(?:[^'']|'''')*''|[^"''])*?\n(AS |RETURN |BEGIN ATOMIC)')
                      IN ('RETURN ', 'BEGIN ATOMIC'), false) $$;
COMMENT ON FUNCTION pggit_v0._sql_body(text) IS
    'True when a routine definition has an SQL-standard body (RETURN ... or BEGIN ATOMIC ... END)';

-- A stub of a routine with an SQL-standard body: its signature with a string body that
-- reads nothing (not checked: migration scripts run with check_function_bodies off).  A
-- dependency cycle through the routine (it reads a view that calls it) is broken by
-- creating the stub before the view and by replacing the routine with it before the
-- view is dropped, as pg_dump breaks such loops.  NULL for any other definition.
CREATE OR REPLACE FUNCTION pggit_v0._routine_stub(p_def text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$ SELECT _routine_signature(p_def) || E'\nAS $pggit_stub$SELECT NULL$pggit_stub$;' WHERE _sql_body(p_def) $$;
COMMENT ON FUNCTION pggit_v0._routine_stub(text) IS
    'A stub of a routine with an SQL-standard body (its signature, a string body), to break dependency cycles';

-- Every qualified name (schema.name, either part quoted or not, as format('%I.%I')
-- writes it) a definition mentions, in one pass over its text.  Deparsed definitions
-- qualify every user object, so this is what a definition refers to (and a little
-- more: alias.column pairs, which match no object).
CREATE OR REPLACE FUNCTION pggit_v0._qualified_names(p_text text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT m[1] FROM regexp_matches(p_text, '((?:"(?:[^"]|"")+"|[[:alnum:]_$]+)\.(?:"(?:[^"]|"")+"|[[:alnum:]_$]+))', 'g') AS m
$$;

-- CREATE TABLE with its columns inline, in recorded order, from a table's blobs.
-- PL/pgSQL with a generic plan: called once per table created, an SQL function was
-- planned again on every call, and so was _lines inside it (0.5 ms a table; 1,000
-- tables: 0.6 s).  Column orders without a quote are split directly.
CREATE OR REPLACE FUNCTION pggit_v0._compose_table(p_shell text, p_order text, p_columns text[], p_defs text[])
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    -- (the shell's keywords found outside quoted names only: a table named "t ()" or
    -- "x PARTITION OF y" is a name, V12)
    v_mask text := CASE WHEN strpos(p_shell, '"') > 0 THEN _top_level_mask(p_shell) ELSE p_shell END;
    v_pos  int := 0;
    v_next int;
    v_cols text;
BEGIN
    IF v_mask LIKE '% PARTITION OF %' THEN
        RETURN p_shell;
    END IF;
    LOOP   -- the first " ()" outside quotes (the mask keeps its space, not a quoted one's)
        v_next := strpos(substr(p_shell, v_pos + 1), ' ()');
        IF v_next = 0 THEN
            RETURN p_shell;
        END IF;
        v_pos := v_pos + v_next;
        EXIT WHEN substr(v_mask, v_pos, 1) = ' ';
    END LOOP;
    IF p_order IS NULL THEN   -- no recorded order: columns by name
        v_cols := coalesce((SELECT string_agg(E'\n    ' || d, ',' ORDER BY d) FROM unnest(p_defs) AS d), '');
    ELSE
        v_cols := coalesce((
            SELECT string_agg(E'\n    ' || p_defs[array_position(p_columns, u.col)], ',' ORDER BY u.o)
            -- (a quoted name may hold a line break: _lines keeps it inside its line)
            FROM unnest(CASE WHEN strpos(p_order, '"') = 0 THEN string_to_array(p_order, E'\n') ELSE _lines(p_order) END)
                 WITH ORDINALITY AS u(col, o)
            WHERE array_position(p_columns, u.col) IS NOT NULL), '');
    END IF;
    RETURN left(p_shell, v_pos - 1) || ' (' || v_cols || E'\n)' || substr(p_shell, v_pos + 3);
END
$$;

-- The statements taking a column's planner and storage settings (a column_settings
-- blob) back to the defaults: SET STATISTICS -1, RESET of each attribute option, SET
-- COMPRESSION DEFAULT, and the storage of the column's type (looked up when the script
-- runs: SET STORAGE DEFAULT is PostgreSQL 16's).
CREATE OR REPLACE FUNCTION pggit_v0._reset_column_settings(p_settings text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT string_agg(CASE
           WHEN m.st IS NOT NULL THEN m.st[1] || ' SET STATISTICS -1;'
           WHEN m.op IS NOT NULL THEN m.op[1] || ' RESET (' ||
               (SELECT string_agg(split_part(btrim(o), '=', 1), ', ') FROM unnest(string_to_array(m.op[2], ',')) o) || ');'
           WHEN m.cm IS NOT NULL THEN m.cm[1] || ' SET COMPRESSION DEFAULT;'
           WHEN m.sg IS NOT NULL THEN _safe_do(format(
               'DO $pggit$BEGIN EXECUTE %L || (SELECT CASE t.typstorage WHEN ''p'' THEN ''PLAIN'' '
               'WHEN ''e'' THEN ''EXTERNAL'' WHEN ''m'' THEN ''MAIN'' ELSE ''EXTENDED'' END '
               'FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid '
               'WHERE a.attrelid = %L::pg_catalog.regclass AND pg_catalog.quote_ident(a.attname) = %L); END$pggit$;',
               m.sg[1] || ' SET STORAGE ', m.sg[2], m.sg[3]))
           ELSE u.l END, E'\n' ORDER BY u.n)
FROM unnest(string_to_array(p_settings, E'\n')) WITH ORDINALITY u(l, n)
CROSS JOIN LATERAL (SELECT regexp_match(u.l, '^(.*) SET STATISTICS -?[0-9]+;$') AS st,
                           regexp_match(u.l, '^(.*) SET \(([^()]*)\);$') AS op,
                           regexp_match(u.l, '^(.*) SET COMPRESSION [a-z0-9]+;$') AS cm,
                           regexp_match(u.l, '^(ALTER TABLE ONLY (.*) ALTER COLUMN ("(?:[^"]|"")+"|[^ ]+)) SET STORAGE [A-Z]+;$') AS sg) m
$$;

COMMENT ON FUNCTION pggit_v0._col_parts(text) IS 'Splits a canonical column definition into name, type, collation, identity, generation, default, not null';
COMMENT ON FUNCTION pggit_v0._type_narrows(text, text) IS 'True when converting p_old to p_new may lose values (length, range, precision)';
COMMENT ON FUNCTION pggit_v0._type_rewrites(text, text) IS
    'True unless PostgreSQL changes a column from p_old to p_new in place (no table rewrite, no value can fail)';
COMMENT ON FUNCTION pggit_v0._identity_set_options(text) IS
    'SET clauses of ALTER COLUMN giving an identity column exactly the recorded sequence options';
COMMENT ON FUNCTION pggit_v0._routine_signature(text) IS
    'The part of a routine definition before its body: name, arguments, result type and options';
COMMENT ON FUNCTION pggit_v0._qualified_names(text) IS 'Every schema-qualified name a definition mentions, as format(''%I.%I'') writes them';
COMMENT ON FUNCTION pggit_v0._invert_grants(text) IS 'Turns each GRANT of a canonical grants blob into a REVOKE and back';
COMMENT ON FUNCTION pggit_v0._reset_column_settings(text) IS 'Statements resetting the per-column planner settings of a column_settings blob to the defaults';
COMMENT ON FUNCTION pggit_v0._qname(text, text) IS 'Qualified name of an object from its schema and key (routines keep their arguments)';
COMMENT ON FUNCTION pggit_v0._old_name(text) IS 'Temporary name of a rebuilt type (name__pggit_old, hashed down to fit 63 bytes)';
COMMENT ON FUNCTION pggit_v0._comp_attrs(text) IS 'Attribute definitions of a canonical CREATE TYPE ... AS (...) statement, in order';
COMMENT ON FUNCTION pggit_v0._enum_labels(text) IS 'Labels of a canonical CREATE TYPE ... AS ENUM statement, in order';
COMMENT ON FUNCTION pggit_v0._word_re(text, boolean) IS 'Regular expression finding a name as a whole word of a definition';
COMMENT ON FUNCTION pggit_v0._drop_part(text, text, text) IS 'DROP statement of a trigger, policy, rule, constraint or index of a table, from its sub-key';
COMMENT ON FUNCTION pggit_v0._compose_table(text, text, text[], text[]) IS 'CREATE TABLE with its columns inline, in recorded order';

-- p_text with every whole-word occurrence of the identifiers p_old[i] replaced by
-- p_new[i] (quoted as needed), outside single-quoted literals.  A name after a dot
-- counts (t.c); one before a dot (a qualifier: s.t, t.c) and a longer identifier
-- containing it do not.  A double-quoted identifier is one word: it is renamed when it
-- is the whole old name, never for a part of it ("total (net)" keeps its "net").
CREATE OR REPLACE FUNCTION pggit_v0._rename_idents(p_text text, p_old text[], p_new text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_out    text := '';
    v_parts  text[];
    v_part   text;
    v_quoted text[];
    n        int;
    i        int;
BEGIN
    IF p_text IS NULL OR coalesce(cardinality(p_old), 0) = 0 THEN
        RETURN p_text;
    END IF;
    -- literals, quoted identifiers, and the text between them
    v_parts := ARRAY(SELECT m[1] FROM regexp_matches(p_text, '(''(?:[^'']|'''')*''|"(?:[^"]|"")*"|[^''"]+|[''"])', 'g') AS m);
    v_quoted := ARRAY(SELECT '"' || replace(o, '"', '""') || '"' FROM unnest(p_old) o);
    FOR n IN 1 .. cardinality(v_parts) LOOP
        v_part := v_parts[n];
        IF left(v_part, 1) = '"' THEN
            i := array_position(v_quoted, v_part);
            -- (not before a dot: a qualifier)
            IF i IS NOT NULL AND left(coalesce(v_parts[n + 1], ''), 1) <> '.' THEN
                v_part := quote_ident(p_new[i]);
            END IF;
        ELSIF left(v_part, 1) <> '''' THEN
            -- all at once (a swap, x -> y and y -> x, is one): each name to a mark, then
            -- the marks to the new names
            FOR i IN 1 .. cardinality(p_old) LOOP
                CONTINUE WHEN quote_ident(p_old[i]) <> p_old[i];   -- (quoted: one word, above)
                v_part := regexp_replace(v_part,
                    '(?<![a-zA-Z0-9_"$])' || _re_quote(p_old[i])
                    -- (not before a dot: a qualifier, the schema's or a table's name)
                    || '(?![a-zA-Z0-9_"$.])',
                    chr(2) || i || chr(3), 'g');
            END LOOP;
            IF strpos(v_part, chr(2)) > 0 THEN
                FOR i IN 1 .. cardinality(p_old) LOOP
                    v_part := replace(v_part, chr(2) || i || chr(3), quote_ident(p_new[i]));
                END LOOP;
            END IF;
        END IF;
        v_out := v_out || v_part;
    END LOOP;
    RETURN v_out;
END
$$;

-- p_text with each qualified name p_old[i] (schema.name, quoted as deparsed) replaced by
-- p_new[i] wherever it is a whole name: the text split into tokens first (literals,
-- quoted identifiers, words, the rest), a name matched on whole tokens only (not inside
-- another quoted identifier or a literal, V16; not after a dot, not before a quoted
-- identifier), and a literal cast to a reg* type (nextval('public.t_id_seq'::regclass))
-- when it holds exactly the name.
CREATE OR REPLACE FUNCTION pggit_v0._rename_qnames(p_text text, p_old text[], p_new text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_re    constant text := '(''(?:[^'']|'''')*''|"(?:[^"]|"")*"|[[:alnum:]_$]+|[^''"[:alnum:]_$]+|[''"])';
    v_tok   text[];
    v_out   text[] := '{}';
    v_first text[] := '{}';   -- per old name: its first token, its tokens joined, how many
    v_join  text[] := '{}';
    v_cnt   int[] := '{}';
    v_lit   text;
    n       int;
    i       int;
    m       int;
    v_hit   boolean;
    v_any   boolean := false;
BEGIN
    IF p_text IS NULL OR coalesce(cardinality(p_old), 0) = 0 THEN
        RETURN p_text;
    END IF;
    FOR i IN 1 .. cardinality(p_old) LOOP
        IF p_old[i] <> p_new[i] AND strpos(p_text, p_old[i]) > 0 THEN
            v_any := true;
        END IF;
    END LOOP;
    IF NOT v_any THEN
        RETURN p_text;
    END IF;
    FOR i IN 1 .. cardinality(p_old) LOOP
        v_tok := ARRAY(SELECT t[1] FROM regexp_matches(coalesce(p_old[i], ''), v_re, 'g') AS t);
        v_first := v_first || v_tok[1];
        v_join := v_join || array_to_string(v_tok, chr(1));
        v_cnt := v_cnt || cardinality(v_tok);
    END LOOP;
    v_tok := ARRAY(SELECT t[1] FROM regexp_matches(p_text, v_re, 'g') AS t);
    n := 1;
    WHILE n <= cardinality(v_tok) LOOP
        v_hit := false;
        IF left(v_tok[n], 1) = '''' THEN
            -- a literal cast to a reg* type holding exactly the name
            IF v_tok[n + 1] = '::' AND left(coalesce(v_tok[n + 2], ''), 3) = 'reg' THEN
                v_lit := replace(substr(v_tok[n], 2, length(v_tok[n]) - 2), '''''', '''');
                i := array_position(p_old, v_lit);
                IF i IS NOT NULL AND p_old[i] <> p_new[i] THEN
                    v_out := v_out || quote_literal(p_new[i]);
                    v_hit := true;
                END IF;
            END IF;
        ELSIF n = 1 OR right(v_tok[n - 1], 1) <> '.' THEN
            FOR i IN 1 .. cardinality(p_old) LOOP
                CONTINUE WHEN v_first[i] IS DISTINCT FROM v_tok[n] OR p_old[i] = p_new[i];
                m := v_cnt[i];
                IF array_to_string(v_tok[n:n + m - 1], chr(1)) = v_join[i]
                   AND left(coalesce(v_tok[n + m], ''), 1) <> '"' THEN
                    v_out := v_out || p_new[i];
                    n := n + m;
                    v_hit := true;
                    EXIT;
                END IF;
            END LOOP;
            CONTINUE WHEN v_hit;
        END IF;
        IF NOT v_hit THEN
            v_out := v_out || v_tok[n];
        END IF;
        n := n + 1;
    END LOOP;
    RETURN array_to_string(v_out, '');
END
$$;

COMMENT ON FUNCTION pggit_v0._rename_idents(text, text[], text[]) IS
    'Text with whole-word identifiers renamed (old[i] -> new[i]) outside single-quoted literals';
COMMENT ON FUNCTION pggit_v0._rename_qnames(text, text[], text[]) IS
    'Text with qualified names replaced (old[i] -> new[i]) where each is a whole name';

-- The inverse of a default_privileges blob: each ALTER DEFAULT PRIVILEGES ... GRANT
-- becomes the matching REVOKE and back, so the role's defaults return to the built-in ones.
CREATE OR REPLACE FUNCTION pggit_v0._invert_default_privileges(p_def text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT string_agg(CASE
         WHEN l ~ '^ALTER DEFAULT PRIVILEGES FOR ROLE (?:"(?:[^"]|"")+"|[^ "]+)(?: IN SCHEMA (?:"(?:[^"]|"")+"|[^ "]+))? GRANT '
         THEN regexp_replace(regexp_replace(l, ' WITH GRANT OPTION;$', ';'),
                             '^(ALTER DEFAULT PRIVILEGES FOR ROLE (?:"(?:[^"]|"")+"|[^ "]+)(?: IN SCHEMA (?:"(?:[^"]|"")+"|[^ "]+))?) GRANT (.+) TO (.+);$',
                             '\1 REVOKE \2 FROM \3;')
         ELSE regexp_replace(l, '^(ALTER DEFAULT PRIVILEGES FOR ROLE (?:"(?:[^"]|"")+"|[^ "]+)(?: IN SCHEMA (?:"(?:[^"]|"")+"|[^ "]+))?) REVOKE (.+) FROM (.+);$',
                             '\1 GRANT \2 TO \3;') END, E'\n' ORDER BY o)
FROM unnest(_lines(p_def)) WITH ORDINALITY AS u(l, o)
$$;
COMMENT ON FUNCTION pggit_v0._invert_default_privileges(text) IS
    'Statements taking default privileges back to the built-in ones: each GRANT of a default_privileges blob revoked and back';

-- The options of the first statement of a foreign-data definition (CREATE FOREIGN DATA
-- WRAPPER, SERVER, USER MAPPING) as (name, quoted value) pairs, in order.
CREATE OR REPLACE FUNCTION pggit_v0._fdw_options(p_def text) RETURNS TABLE (opt text, val text, ord bigint)
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT m[1], m[2], row_number() OVER ()
FROM regexp_matches(coalesce(substring(split_part(p_def, E'\n', 1) FROM ' OPTIONS \((.*)\);$'), ''),
                    '("(?:[^"]|"")+"|[^ ,"]+) (''(?:[^'']|'''')*'')', 'g') AS m
$$;
COMMENT ON FUNCTION pggit_v0._fdw_options(text) IS
    'Options (name, quoted value) of a canonical CREATE FOREIGN DATA WRAPPER, SERVER or USER MAPPING statement';

-- ' OPTIONS (DROP a, SET b ''x'', ADD c ''y'')' taking the options of p_old's first
-- statement to p_new's; '' when they are the same.
CREATE OR REPLACE FUNCTION pggit_v0._alter_options(p_old text, p_new text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT coalesce(' OPTIONS (' || string_agg(ch, ', ' ORDER BY grp, ord) || ')', '')
FROM (SELECT 1 AS grp, o.ord, 'DROP ' || o.opt AS ch FROM _fdw_options(p_old) o
      WHERE NOT EXISTS (SELECT 1 FROM _fdw_options(p_new) n WHERE n.opt = o.opt)
      UNION ALL
      SELECT 2, n.ord, CASE WHEN o.opt IS NULL THEN 'ADD ' ELSE 'SET ' END || n.opt || ' ' || n.val
      FROM _fdw_options(p_new) n LEFT JOIN _fdw_options(p_old) o ON o.opt = n.opt
      WHERE o.val IS DISTINCT FROM n.val) c
$$;
COMMENT ON FUNCTION pggit_v0._alter_options(text, text) IS
    'OPTIONS (DROP/SET/ADD ...) clause taking a foreign-data object''s options from one definition to another';

-- The value of one clause (HANDLER, VALIDATOR: a qualified function; VERSION: a quoted
-- literal) of a canonical CREATE FOREIGN DATA WRAPPER or CREATE SERVER; NULL when absent.
CREATE OR REPLACE FUNCTION pggit_v0._fdw_clause(p_def text, p_clause text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT substring(split_part(split_part(p_def, E'\n', 1), ' OPTIONS (', 1) FROM
                 ' ' || p_clause || ' ' || CASE WHEN p_clause = 'VERSION' THEN '(''(?:[^'']|'''')*'')'
                                                ELSE '((?:"(?:[^"]|"")+"|[^ ".;]+)\.(?:"(?:[^"]|"")+"|[^ ".;]+))' END)
$$;
COMMENT ON FUNCTION pggit_v0._fdw_clause(text, text) IS
    'HANDLER, VALIDATOR or VERSION of a canonical foreign-data wrapper or server definition, NULL when absent';

-- The statement dropping one loose member of an operator family, from the line adding
-- it (ALTER OPERATOR FAMILY f USING m ADD OPERATOR n op(lefttype,righttype) / ADD
-- FUNCTION n (lefttype, righttype) f(args)).
CREATE OR REPLACE FUNCTION pggit_v0._opfamily_drop_member(p_line text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE WHEN p_line ~ ' ADD OPERATOR '
            THEN regexp_replace(p_line, ' ADD OPERATOR ([0-9]+) .*\(([^()]*)\)( FOR ORDER BY .*)?;$', ' DROP OPERATOR \1 (\2);')
            ELSE regexp_replace(p_line, ' ADD FUNCTION ([0-9]+) \(([^()]*)\) .*;$', ' DROP FUNCTION \1 (\2);') END
$$;
COMMENT ON FUNCTION pggit_v0._opfamily_drop_member(text) IS
    'ALTER OPERATOR FAMILY ... DROP statement of a loose member, from the statement adding it';

-- The parts of a recorded domain (CREATE DOMAIN q AS type [COLLATE c] [DEFAULT e]
-- [NOT NULL] [CONSTRAINT name CHECK (...) [NOT VALID]]..., as _snap_types writes it):
-- base (up to the type and collation), dflt (the default's expression or NULL),
-- not_null, and its checks' names (as written: quoted when they need it) and texts.
CREATE OR REPLACE FUNCTION pggit_v0._domain_parts(p_def text, OUT base text, OUT dflt text, OUT not_null boolean,
                                                  OUT check_names text[], OUT checks text[])
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_def  text := regexp_replace(p_def, ';$', '');
    -- (keywords found outside quoted names and literals only, on a mask of the same
    -- length: a domain named "x DEFAULT 1;..." or "x CONSTRAINT c CHECK (" is a name, V14)
    v_mask text := CASE WHEN strpos(v_def, '"') > 0 OR strpos(v_def, '''') > 0 THEN _top_level_mask(v_def)
                        ELSE v_def END;
    v_re   text := ' CONSTRAINT [^ ]+ CHECK [(_]';   -- (the mask hides parentheses too)
    v_at   int;
    v_from int;
    v_next int;
    v_head text;
    v_pos  int;
BEGIN
    check_names := ARRAY[]::text[];
    checks := ARRAY[]::text[];
    v_at := coalesce((SELECT length(m[1]) + 1 FROM regexp_match(v_mask, '^(.*?)' || v_re) m), 0);
    v_from := v_at;
    WHILE v_from > 0 LOOP
        v_next := coalesce((SELECT length(m[1]) + 1
                            FROM regexp_match(substr(v_mask, v_from + 1), '^(.*?)' || v_re) m), 0);
        v_next := CASE WHEN v_next > 0 THEN v_from + v_next ELSE 0 END;
        check_names := check_names
                       || (regexp_match(substr(v_def, v_from), '^ CONSTRAINT ("(?:[^"]|"")+"|[^ ]+) CHECK \('))[1];
        checks := checks || ('CHECK (' || substr(v_def, v_from + strpos(substr(v_mask, v_from), ' CHECK ') + 7,
                                                 CASE WHEN v_next > 0 THEN v_next - (v_from + strpos(substr(v_mask, v_from), ' CHECK ') + 7)
                                                      ELSE length(v_def) END));
        v_from := v_next;
    END LOOP;
    v_head := CASE WHEN v_at > 0 THEN left(v_def, v_at - 1) ELSE v_def END;
    not_null := v_head LIKE '% NOT NULL';
    v_head := regexp_replace(v_head, ' NOT NULL$', '');
    v_pos := strpos(left(v_mask, length(v_head)), ' DEFAULT ');
    base := CASE WHEN v_pos > 0 THEN left(v_head, v_pos - 1) ELSE v_head END;
    dflt := CASE WHEN v_pos > 0 THEN substr(v_head, v_pos + 9) END;
END
$$;
COMMENT ON FUNCTION pggit_v0._domain_parts(text) IS
    'A recorded domain''s base type, default, NOT NULL and checks (names and texts)';

-- A partition's recorded definition read: its parent (qualified, as recorded), its bound
-- (FOR VALUES ... or DEFAULT), and the definition the same table has as a plain table
-- (CREATE TABLE q ();).  No row for another definition.  (A sub-partitioned partition or
-- one with storage options gives a plain definition that never matches: not moved.)
CREATE OR REPLACE FUNCTION pggit_v0._partition_of(p_def text, OUT parent text, OUT bound text, OUT plain text)
RETURNS SETOF record
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT m[2], m[3], m[1] || ' ();'
FROM regexp_match(p_def, '^(CREATE (?:UNLOGGED )?TABLE (?:"(?:[^"]|"")+"|[^ ."]+)\.(?:"(?:[^"]|"")+"|[^ ."]+)) PARTITION OF '
                         '((?:"(?:[^"]|"")+"|[^ ."]+)\.(?:"(?:[^"]|"")+"|[^ ."]+)) (FOR VALUES .*|DEFAULT);$') m
$$;
COMMENT ON FUNCTION pggit_v0._partition_of(text) IS
    'A partition definition''s parent, bound, and the plain table definition it has once detached; no row for another';

-- The parents a table definition names in INHERITS (...) (qualified, as written; empty
-- for none), and the definition without that clause.
CREATE OR REPLACE FUNCTION pggit_v0._inherits(p_def text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT coalesce(array_agg(m[1] ORDER BY n), '{}')
FROM regexp_matches(coalesce(substring(p_def FROM ' INHERITS \(((?:"(?:[^"]|"")*"|[^()"])*)\)'), ''),
                    '((?:"(?:[^"]|"")+"|[^ ."(),]+)\.(?:"(?:[^"]|"")+"|[^ ."(),]+))', 'g') WITH ORDINALITY AS u(m, n)
$$;
CREATE OR REPLACE FUNCTION pggit_v0._without_inherits(p_def text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$ SELECT regexp_replace(p_def, ' INHERITS \((?:"(?:[^"]|"")*"|[^()"])*\)', '') $$;
COMMENT ON FUNCTION pggit_v0._inherits(text) IS 'The parents a table definition''s INHERITS clause names, qualified as written';
COMMENT ON FUNCTION pggit_v0._without_inherits(text) IS 'A table definition without its INHERITS clause';

-- What PostgreSQL leaves on partition p_table (its name, unquoted; p_q qualified) of a
-- table once detached, and takes into a table attached to it, of one part of the parent
-- (p_sub_key, p_content): its columns as they are, its keys and indexes under the names
-- their clones get (_clone_parts), its checks and foreign keys under their own names.
-- NULL for the parent's other parts (triggers, policies, comments, grants: not copied)
-- and for keys and indexes whose clone's name cannot be told.
CREATE OR REPLACE FUNCTION pggit_v0._partition_part(p_table text, p_q text, p_sub_key text, p_content text,
                                                    OUT sub_key text, OUT content text)
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE WHEN p_sub_key = 'columns' OR p_sub_key LIKE 'column %' THEN p_sub_key
            WHEN k.clone IS NOT NULL THEN split_part(p_sub_key, ' ', 1) || ' ' || k.clone
            WHEN p_sub_key LIKE 'constraint %' AND p_content ~ ' ADD CONSTRAINT \S+ (CHECK|FOREIGN KEY) ' THEN p_sub_key END,
       CASE WHEN p_sub_key = 'columns' OR p_sub_key LIKE 'column %' THEN p_content
            WHEN k.clone IS NOT NULL AND k.is_index
            THEN regexp_replace(p_content, '^CREATE (UNIQUE )?INDEX (?:"(?:[^"]|"")+"|[^ ]+) ON (?:ONLY )?(?:"(?:[^"]|"")+"|[^ ."]+)\.(?:"(?:[^"]|"")+"|[^ ."]+) ',
                                'CREATE \1INDEX ' || replace(quote_ident(k.clone), '\', '\\') || ' ON ' || replace(p_q, '\', '\\') || ' ')
            WHEN k.clone IS NOT NULL
            THEN regexp_replace(p_content, '^ALTER TABLE (?:ONLY )?(?:"(?:[^"]|"")+"|[^ ."]+)\.(?:"(?:[^"]|"")+"|[^ ."]+) ADD CONSTRAINT (?:"(?:[^"]|"")+"|[^ ]+) ',
                                'ALTER TABLE ' || replace(p_q, '\', '\\') || ' ADD CONSTRAINT ' || replace(quote_ident(k.clone), '\', '\\') || ' ')
            WHEN p_sub_key LIKE 'constraint %' AND p_content ~ ' ADD CONSTRAINT \S+ (CHECK|FOREIGN KEY) '
            THEN regexp_replace(p_content, '^ALTER TABLE (?:ONLY )?(?:"(?:[^"]|"")+"|[^ ."]+)\.(?:"(?:[^"]|"")+"|[^ ."]+) ',
                                'ALTER TABLE ' || replace(p_q, '\', '\\') || ' ') END
FROM (SELECT NULL) one
LEFT JOIN LATERAL (SELECT c.clone, c.is_index FROM _clone_parts(p_table, p_content, p_sub_key LIKE 'constraint %') c
                   WHERE (p_sub_key LIKE 'index %' OR p_sub_key LIKE 'constraint %') AND strpos(p_content, E'\n') = 0) k ON true
$$;
COMMENT ON FUNCTION pggit_v0._partition_part(text, text, text, text) IS
    'The part a partition has of one part of its parent (columns, keys and indexes under their clones'' names, checks, foreign keys); NULL for others';

-- Whether a recorded partitioned index made ON ONLY its table (p_old, not yet valid) is
-- p_new but for that: attached on every partition since, which made it valid
-- (PostgreSQL does so with the last ATTACH PARTITION).
CREATE OR REPLACE FUNCTION pggit_v0._index_became_valid(p_old text, p_new text) RETURNS boolean
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT p_old IS NOT NULL AND p_new IS NOT NULL AND strpos(p_old, _on_only_mark()) > 0
       AND strpos(p_new, _on_only_mark()) = 0 AND replace(p_old, E'\n' || _on_only_mark(), '') = p_new
$$;
COMMENT ON FUNCTION pggit_v0._index_became_valid(text, text) IS
    'True when a recorded index not yet valid (ON ONLY) is the new text but for that mark (made valid since)';

-- A recorded index's shape: its first line without its name and table (CREATE [UNIQUE]
-- INDEX USING method (columns) ...), to tell a partition's index that matches its
-- parent's.
CREATE OR REPLACE FUNCTION pggit_v0._index_shape(p_def text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT regexp_replace(split_part(p_def, E'\n', 1),
                      '^CREATE (UNIQUE )?INDEX (?:"(?:[^"]|"")+"|[^ ]+) ON (?:ONLY )?(?:"(?:[^"]|"")+"|[^ ."]+)\.(?:"(?:[^"]|"")+"|[^ ."]+) ',
                      'CREATE \1INDEX ')
$$;
COMMENT ON FUNCTION pggit_v0._index_shape(text) IS
    'A recorded index''s first line without its name and table';

-- p with every character inside quotes (with E'' escapes and dollar quotes), comments
-- or parentheses replaced by '_' (the same length): a regular expression on it sees the
-- top level of the statements only.
CREATE OR REPLACE FUNCTION pggit_v0._top_level_mask(p text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_chars text[] := regexp_split_to_array(p, '');
    v_n     int := coalesce(array_length(v_chars, 1), 0);
    v_depth int := 0;
    v_quote text;      -- ', ", a dollar tag, '--' or '/*' while inside one
    v_nest  int := 0;  -- block comments open (PostgreSQL nests them: S2)
    v_esc   boolean := false;
    v_tag   text[];
    i       int := 1;
    c       text;
BEGIN
    WHILE i <= v_n LOOP
        c := v_chars[i];
        IF v_quote = '--' THEN
            IF c = E'\n' THEN v_quote := NULL; ELSE v_chars[i] := '_'; END IF;
        ELSIF v_quote = '/*' THEN
            IF c = '*' AND i < v_n AND v_chars[i + 1] = '/' THEN
                v_chars[i + 1] := '_'; v_chars[i] := '_'; i := i + 1; v_nest := v_nest - 1;
                IF v_nest = 0 THEN v_quote := NULL; END IF;
            ELSIF c = '/' AND i < v_n AND v_chars[i + 1] = '*' THEN
                v_chars[i + 1] := '_'; v_chars[i] := '_'; i := i + 1; v_nest := v_nest + 1;
            ELSE
                v_chars[i] := '_';
            END IF;
        ELSIF v_quote LIKE '$%' THEN
            IF substr(p, i, length(v_quote)) = v_quote THEN
                FOR k IN i .. i + length(v_quote) - 1 LOOP v_chars[k] := '_'; END LOOP;
                i := i + length(v_quote) - 1; v_quote := NULL;
            ELSE
                v_chars[i] := '_';
            END IF;
        ELSIF v_quote IS NOT NULL THEN
            IF v_esc AND c = E'\\' AND i < v_n THEN
                v_chars[i + 1] := '_'; v_chars[i] := '_'; i := i + 1;
            ELSE
                IF c = v_quote THEN v_quote := NULL; END IF;
                v_chars[i] := '_';
            END IF;
        ELSIF c = '-' AND i < v_n AND v_chars[i + 1] = '-' THEN
            v_quote := '--'; v_chars[i] := '_';
        ELSIF c = '/' AND i < v_n AND v_chars[i + 1] = '*' THEN
            v_quote := '/*'; v_chars[i + 1] := '_'; v_chars[i] := '_'; i := i + 1; v_nest := 1;
        ELSIF c = '$' AND (i = 1 OR v_chars[i - 1] !~ '[A-Za-z0-9_]')
              AND substr(p, i, 70) ~ '^\$([A-Za-z_][A-Za-z0-9_]*)?\$' THEN
            v_tag := regexp_match(substr(p, i, 70), '^\$([A-Za-z_][A-Za-z0-9_]*)?\$');
            v_quote := '$' || coalesce(v_tag[1], '') || '$';
            FOR k IN i .. i + length(v_quote) - 1 LOOP v_chars[k] := '_'; END LOOP;
            i := i + length(v_quote) - 1;
        ELSIF c IN ('''', '"') THEN
            v_esc := c = '''' AND i > 1 AND v_chars[i - 1] IN ('E', 'e')
                     AND (i = 2 OR v_chars[i - 2] !~ '[A-Za-z0-9_]');
            v_quote := c; v_chars[i] := '_';
        ELSIF c = '(' THEN
            v_depth := v_depth + 1; v_chars[i] := '_';
        ELSIF c = ')' THEN
            v_depth := greatest(v_depth - 1, 0); v_chars[i] := '_';
        ELSIF v_depth > 0 THEN
            v_chars[i] := '_';
        END IF;
        i := i + 1;
    END LOOP;
    RETURN array_to_string(v_chars, '');
END
$$;

-- Whether identifier text p (as written: quoted or not) names p_name.
CREATE OR REPLACE FUNCTION pggit_v0._ident_is(p text, p_name text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE WHEN p LIKE '"%' THEN replace(substr(p, 2, length(p) - 2), '""', '"') = p_name
            ELSE lower(p) = p_name END
$$;

-- Whether an expression as written is a plain constant: a number (or arithmetic on
-- numbers), a string literal (quoted, E'' or dollar-quoted), TRUE, FALSE or NULL, in
-- parentheses or not, cast or not to a built-in type (no routine, column, user type or
-- domain: nothing a role could make run code).
CREATE OR REPLACE FUNCTION pggit_v0._plain_constant(p_expr text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT length(regexp_replace(p_expr, '[^(]', '', 'g')) = length(regexp_replace(p_expr, '[^)]', '', 'g'))
   -- (numbers and arithmetic on them, no comment: "5 -- x" hid what the script writes
   -- after the default, V9)
   AND ((p_expr ~ '^[0-9.\s+*/()-]*[0-9][0-9.\s+*/()-]*$' AND p_expr !~ '--|/\*|\*/')
        OR p_expr ~* ('^[\s(]*(-\s*)?([0-9]+(\.[0-9]*)?(e[-+]?[0-9]+)?|''(?:[^'']|'''')*''|e''(?:[^''\\]|\\.|'''')*'''
                      '|\$([A-Za-z_][A-Za-z0-9_]*|)\$[^$]*\$\5\$|true|false|null)[\s)]*'
                      '(::\s*(pg_catalog\.)?(smallint|integer|int|int2|int4|int8|bigint|numeric|decimal|real|float4|float8'
                      '|double\s+precision|text|varchar|character\s+varying|char|character|bpchar|boolean|bool|date|time'
                      '|timetz|timestamp|timestamptz|timestamp\s+with(out)?\s+time\s+zone|time\s+with(out)?\s+time\s+zone'
                      '|interval|uuid|json|jsonb|bytea|name|inet|cidr|macaddr|money)(\s*\(\s*[0-9]+(\s*,\s*[0-9]+)?\s*\))?'
                      '(\[\])*[\s)]*)?$'))
$$;
COMMENT ON FUNCTION pggit_v0._plain_constant(text) IS
    'Whether an expression as written is a plain constant, cast or not to a built-in type';

-- The DEFAULT expression that an ALTER TABLE [ONLY] [IF EXISTS] p_schema.p_table (or
-- p_table unqualified) ... ADD [COLUMN] [IF NOT EXISTS] p_col ... DEFAULT e of
-- statement text p_stmt gives the column (as the user wrote it), NULL when none does.
-- Reads the top level only (_top_level_mask: quotes, comments and parentheses aside):
-- the expression ends at NOT NULL, NULL, a constraint, COLLATE, GENERATED, the next
-- subcommand or statement.  The text is the user's, not the catalog's (S2): only a
-- plain constant (_plain_constant) is given, never what could run code in the script
-- an owner runs; an unqualified table name counts only where the text neither makes a
-- temporary table nor sets search_path (either may make it another table); and two
-- such ADDs of the column give none.
CREATE OR REPLACE FUNCTION pggit_v0._added_default(p_stmt text, p_col text, p_schema text, p_table text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_mask  text := lower(_top_level_mask(p_stmt));
    v_start int := 1;
    v_stmt  text;
    v_piece text;
    v_pos   int;
    v_orig  text;
    v_m     text[];
    v_ident text;
    v_lead  int;
    v_found text;
    v_n     int := 0;
    -- (an unqualified name is the versioned table: the text, comments and strings too,
    -- names no temporary table, no temporary schema and no search_path: R11)
    v_plain boolean := lower(p_stmt) !~ '\m(temp|temporary|search_path|pg_temp\w*)\M';
BEGIN
    FOREACH v_stmt IN ARRAY regexp_split_to_array(v_mask, ';') LOOP
        -- the statement's table: this one?
        v_m := regexp_match(v_stmt, '^([\s_]*alter\s+table\s+(only\s+)?(if\s+exists\s+)?)');
        v_orig := substr(p_stmt, v_start + coalesce(length(v_m[1]), 0));
        v_m := CASE WHEN v_m IS NOT NULL THEN regexp_match(v_orig,
                   '^("(?:[^"]|"")+"|[^\s."(,;]+)(?:\.("(?:[^"]|"")+"|[^\s."(,;]+))?') END;
        IF v_m IS NOT NULL
           AND (CASE WHEN v_m[2] IS NULL THEN v_plain AND _ident_is(v_m[1], p_table)
                     ELSE _ident_is(v_m[1], p_schema) AND _ident_is(v_m[2], p_table) END) THEN
            v_pos := v_start;
            FOREACH v_piece IN ARRAY regexp_split_to_array(v_stmt, ',') LOOP
                v_orig := substr(p_stmt, v_pos, length(v_piece));
                v_pos := v_pos + length(v_piece) + 1;
                v_m := regexp_match(v_piece, '^(.*?\madd\s+)');
                CONTINUE WHEN v_m IS NULL;
                v_lead := length(v_m[1]);
                -- (a separate, greedy match: a non-greedy one leaves the optional words out)
                v_lead := v_lead + length((regexp_match(substr(v_piece, v_lead + 1),
                                                        '^((column\s+)?(if\s+not\s+exists\s+)?)'))[1]);
                v_ident := (regexp_match(substr(v_orig, v_lead + 1), '^("(?:[^"]|"")+"|[^\s"(]+)'))[1];
                CONTINUE WHEN v_ident IS NULL OR NOT _ident_is(v_ident, p_col);
                v_m := regexp_match(substr(v_piece, v_lead + length(v_ident) + 1), '^(.*?\mdefault\s+)');
                CONTINUE WHEN v_m IS NULL;
                v_lead := v_lead + length(v_ident) + length(v_m[1]);
                v_m := regexp_match(substr(v_piece, v_lead + 1),
                                    '^(.*?)(\s+(not\s+null|null|constraint|check|unique|primary\s+key|references|generated|collate)\M.*|\s*)$');
                v_found := nullif(btrim(substr(v_orig, v_lead + 1, length(v_m[1]))), '');
                v_n := v_n + 1;
            END LOOP;
        END IF;
        v_start := v_start + length(v_stmt) + 1;
    END LOOP;
    RETURN CASE WHEN v_n = 1 AND _plain_constant(v_found) THEN v_found END;
END
$$;
DROP FUNCTION IF EXISTS pggit_v0._added_default(text, text);
COMMENT ON FUNCTION pggit_v0._top_level_mask(text) IS
    'The text with what lies inside quotes, comments or parentheses masked (same length): the statements'' top level';
COMMENT ON FUNCTION pggit_v0._ident_is(text, text) IS 'Whether an identifier as written (quoted or not) names a name';
COMMENT ON FUNCTION pggit_v0._added_default(text, text, text, text) IS
    'The DEFAULT expression an ALTER TABLE of that table ... ADD COLUMN of the statement text gives a column, as written (G2)';

-- A canonical column definition with its DEFAULT replaced by p_default (none when NULL);
-- identity and generated columns as they are.
CREATE OR REPLACE FUNCTION pggit_v0._with_default(p_def text, p_default text) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE WHEN c.identity IS NOT NULL OR c.generated IS NOT NULL THEN p_def
            ELSE c.name || ' ' || c.type || coalesce(' COLLATE ' || c.coll, '')
                 || coalesce(' DEFAULT ' || p_default, '') || CASE WHEN c.not_null THEN ' NOT NULL' ELSE '' END END
FROM _col_parts(p_def) c
$$;
COMMENT ON FUNCTION pggit_v0._with_default(text, text) IS
    'A column definition with another DEFAULT (or none); identity and generated columns unchanged';

-- A canonical column definition under another name (p_name, unquoted): the rest as it is.
CREATE OR REPLACE FUNCTION pggit_v0._col_named(p_def text, p_name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT format('%I', p_name) || substr(p_def, length((regexp_match(p_def, '^("(?:[^"]|"")+"|[^ ]+) '))[1]) + 1)
$$;
COMMENT ON FUNCTION pggit_v0._col_named(text, text) IS
    'A column definition with its name replaced by another (the type, default and the rest unchanged)';

-- A column's first definition (p_def) as the column of another type (p_other: a later
-- definition of it) can be added: one that gives its rows nothing (no default,
-- generation or identity) with p_other's type and collation; one whose default is a
-- quoted constant cast to its own type, when one of the two types is a user type
-- (schema-qualified: an enum label as the text a later conversion made of it, or text
-- made an enum), with p_other's type and the constant cast to it; any other as it is.
-- (Not between two built-in types: the retype may convert the value with USING,
-- price::numeric / 100 or status = 'active', which a cast of the constant skips: the
-- review's W11.)
CREATE OR REPLACE FUNCTION pggit_v0._col_typed_as(p_def text, p_other text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE WHEN c.identity IS NOT NULL OR c.generated IS NOT NULL
                 OR o.identity IS NOT NULL OR o.generated IS NOT NULL OR c.type = o.type
                 OR (c.default_expr IS NOT NULL AND (lit.m IS NULL OR (c.type !~ '\.' AND o.type !~ '\.')))
            THEN p_def
            ELSE c.name || ' ' || o.type || coalesce(' COLLATE ' || o.coll, '')
                 || coalesce(' DEFAULT ' || lit.m[1] || '::' || o.type, '')
                 || CASE WHEN c.not_null THEN ' NOT NULL' ELSE '' END END
FROM _col_parts(p_def) c CROSS JOIN _col_parts(p_other) o
LEFT JOIN LATERAL (SELECT regexp_match(c.default_expr, '^(''(?:[^'']|'''')*'')::(.*)$') AS m) lit
       ON (lit.m)[2] = c.type
$$;
COMMENT ON FUNCTION pggit_v0._col_typed_as(text, text) IS
    'A column''s first definition with the type of a later one, when it gives its rows nothing or a quoted constant';

-- A canonical column definition with the enum labels its DEFAULT names renamed as
-- p_labels says (a JSON array of {"t": the enum as schema.type, quoted as needed, "o":
-- the label then, "n": the label now}): a literal cast to such an enum, or the whole
-- default a bare literal of a column of that type.  The rest as it is (T3: a column
-- added with DEFAULT 'x', the label renamed to y after, is added by a jump with 'y').
CREATE OR REPLACE FUNCTION pggit_v0._col_relabeled(p_def text, p_labels jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_expr text;
    v_type text;
    v_rest text;
    v_out  text := '';
    v_new  text;
    v_lit  text;
    m      text[];
BEGIN
    IF p_def IS NULL OR p_labels IS NULL OR jsonb_typeof(p_labels) <> 'array' OR jsonb_array_length(p_labels) = 0 THEN
        RETURN p_def;
    END IF;
    SELECT c.default_expr, c.type INTO v_expr, v_type FROM _col_parts(p_def) c;
    IF v_expr IS NULL OR strpos(v_expr, '''') = 0 THEN
        RETURN p_def;
    END IF;
    m := regexp_match(v_expr, '^''((?:[^'']|'''')*)''$');
    IF m IS NOT NULL THEN   -- a bare literal: of the column's type
        SELECT l->>'n' INTO v_new FROM jsonb_array_elements(p_labels) l
        WHERE l->>'t' = v_type AND l->>'o' = replace(m[1], '''''', '''') LIMIT 1;
        RETURN CASE WHEN v_new IS NULL THEN p_def
                    ELSE _with_default(p_def, '''' || replace(v_new, '''', '''''') || '''') END;
    END IF;
    v_rest := v_expr;
    LOOP
        -- the next literal (what precedes it: no quote outside a quoted name), and a
        -- cast of it to a schema-qualified type
        m := regexp_match(v_rest, '^((?:[^''"]|"(?:[^"]|"")*")*)''((?:[^'']|'''')*)''(.*)$', 's');
        EXIT WHEN m IS NULL;
        v_out := v_out || m[1];
        v_lit := m[2];
        v_rest := m[3];
        v_new := NULL;
        m := regexp_match(v_rest, '^::((?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\.(?:"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*))(\[\])?(?![A-Za-z0-9_$."[])', 's');
        IF m IS NOT NULL AND m[2] IS NULL THEN
            SELECT l->>'n' INTO v_new FROM jsonb_array_elements(p_labels) l
            WHERE l->>'t' = m[1] AND l->>'o' = replace(v_lit, '''''', '''') LIMIT 1;
        ELSIF m IS NOT NULL AND v_lit ~ '^\{[^{}"\\'']*\}$' THEN
            -- (an array of such an enum, its elements unquoted: each renamed, X2)
            -- (a new name an array element cannot hold bare is quoted)
            SELECT '{' || string_agg(CASE WHEN n.n IS NULL THEN btrim(x.e)
                                          WHEN n.n ~ '[,{}"\\\s'']' OR n.n = '' OR lower(n.n) = 'null'
                                          THEN '"' || replace(replace(n.n, '\', '\\'), '"', '\"') || '"'
                                          ELSE n.n END, ',' ORDER BY x.i) || '}'
            INTO v_new
            FROM unnest(string_to_array(substr(v_lit, 2, length(v_lit) - 2), ',')) WITH ORDINALITY AS x(e, i)
            LEFT JOIN LATERAL (SELECT l->>'n' AS n FROM jsonb_array_elements(p_labels) l
                               WHERE l->>'t' = m[1] AND l->>'o' = btrim(x.e) LIMIT 1) n ON true;
        END IF;
        v_out := v_out || '''' || coalesce(replace(v_new, '''', ''''''), v_lit) || '''';
    END LOOP;
    v_out := v_out || v_rest;
    RETURN CASE WHEN v_out = v_expr THEN p_def ELSE _with_default(p_def, v_out) END;
END
$$;
COMMENT ON FUNCTION pggit_v0._col_relabeled(text, jsonb) IS
    'A column definition with the enum labels its default names renamed (T3)';

-- The columns an ALTER TABLE [ONLY] [IF EXISTS] p_schema.p_table (or p_table unqualified)
-- of statement text p_stmt retypes with a USING expression other than the column itself,
-- cast or not (ALTER [COLUMN] c [SET DATA] TYPE t USING e): the column as written and e.
-- Read at the top level only (_top_level_mask), as _added_default reads (X4: a checkout
-- replays a retype as a plain cast, and cents * 100 or lower(code) is not one).
CREATE OR REPLACE FUNCTION pggit_v0._logged_usings(p_stmt text, p_schema text, p_table text)
RETURNS TABLE (col text, expr text)
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_mask  text := lower(_top_level_mask(p_stmt));
    v_start int := 1;
    v_stmt  text;
    v_piece text;
    v_pos   int;
    v_orig  text;
    v_m     text[];
    v_at    int;
    v_ident text;
    v_plain boolean := lower(p_stmt) !~ '\m(temp|temporary|search_path|pg_temp\w*)\M';
BEGIN
    IF v_mask !~ '\musing\M' THEN
        RETURN;
    END IF;
    FOREACH v_stmt IN ARRAY regexp_split_to_array(v_mask, ';') LOOP
        v_m := regexp_match(v_stmt, '^([\s_]*alter\s+table\s+(only\s+)?(if\s+exists\s+)?)');
        v_orig := substr(p_stmt, v_start + coalesce(length(v_m[1]), 0));
        v_m := CASE WHEN v_m IS NOT NULL THEN regexp_match(v_orig,
                   '^("(?:[^"]|"")+"|[^\s."(,;]+)(?:\.("(?:[^"]|"")+"|[^\s."(,;]+))?') END;
        IF v_m IS NOT NULL
           AND (CASE WHEN v_m[2] IS NULL THEN v_plain AND _ident_is(v_m[1], p_table)
                     ELSE _ident_is(v_m[1], p_schema) AND _ident_is(v_m[2], p_table) END) THEN
            v_pos := v_start;
            FOREACH v_piece IN ARRAY regexp_split_to_array(v_stmt, ',') LOOP
                v_orig := substr(p_stmt, v_pos, length(v_piece));
                v_pos := v_pos + length(v_piece) + 1;
                v_m := regexp_match(v_piece, '^(.*?\malter\s+(column\s+)?)(\S+)\s+(set\s+data\s+)?type\s.*?\musing\s+');
                CONTINUE WHEN v_m IS NULL;
                v_ident := (regexp_match(substr(v_orig, length(v_m[1]) + 1), '^("(?:[^"]|"")+"|[^\s"]+)'))[1];
                CONTINUE WHEN v_ident IS NULL;
                v_at := length((regexp_match(v_piece, '^(.*?\musing\s+)'))[1]);
                col := CASE WHEN v_ident LIKE '"%' THEN replace(substr(v_ident, 2, length(v_ident) - 2), '""', '"')
                            ELSE lower(v_ident) END;
                expr := btrim(substr(v_orig, v_at + 1));
                -- (the column itself, cast or not, is the plain cast a migration writes)
                CONTINUE WHEN lower(regexp_replace(expr, '\s+', '', 'g'))
                              ~ ('^\(?"?' || regexp_replace(lower(col), '([^a-z0-9_])', '\\\1', 'g')
                                 || '"?\)?(::[a-z0-9_."\[\]()]+)*$')
                              OR lower(expr) ~ ('^cast\s*\(\s*"?' || regexp_replace(lower(col), '([^a-z0-9_])', '\\\1', 'g')
                                                || '"?\s+as\s+[a-z0-9_."\[\]() ]+\)$');
                RETURN NEXT;
            END LOOP;
        END IF;
        v_start := v_start + length(v_stmt) + 1;
    END LOOP;
END
$$;
COMMENT ON FUNCTION pggit_v0._logged_usings(text, text, text) IS
    'The columns a logged ALTER TABLE retypes with a USING expression other than a plain cast, and that expression (X4)';
