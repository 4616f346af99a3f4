-- Shared helpers: hashing, errors, ref names, ref resolution, operation timings.

-- sha256 hex of an object: type, newline, content (UTF-8).  The only hash function
-- of the layer: blobs, trees and commits all go through it.
-- Hot helpers like this one have no SET search_path clause (it would stop PostgreSQL
-- from inlining them, which costs ~0.1 ms a call over tens of thousands of rows);
-- instead every function they call is schema-qualified.
-- (STABLE, not IMMUTABLE: convert_to is STABLE, and PostgreSQL inlines a function only
-- when it is no stricter than its body; IMMUTABLE made every row a function call)
CREATE OR REPLACE FUNCTION pggit_v0._sha(p_type text, p_content text) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$ SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(p_type || E'\n' || p_content, 'UTF8')), 'hex') $$;
COMMENT ON FUNCTION pggit_v0._sha(text, text) IS 'sha256 hex over type || newline || content in UTF-8';

-- p_text as a regular expression matching exactly that text (metacharacters escaped).
CREATE OR REPLACE FUNCTION pggit_v0._re_quote(p_text text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$ SELECT regexp_replace(p_text, '([.*+?^${}()|\[\]\\])', '\\\1', 'g') $$;
COMMENT ON FUNCTION pggit_v0._re_quote(text) IS 'A regular expression matching exactly p_text';

-- Raise an error with an SQLSTATE, a message and a hint; usable inside SQL expressions.
CREATE OR REPLACE FUNCTION pggit_v0._raise(p_sqlstate text, p_message text, p_hint text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = p_sqlstate, MESSAGE = p_message, HINT = coalesce(p_hint, '');
END
$$;
COMMENT ON FUNCTION pggit_v0._raise(text, text, text) IS 'Raises p_message with SQLSTATE p_sqlstate and hint p_hint';

-- The lines of a blob that lists one quoted identifier or statement per line (a table's
-- column order, a grants blob), like string_to_array(p_text, E'\n') except that a line
-- break inside a double-quoted identifier does not end the line: a column named
-- "a<newline>b" stays one entry.
CREATE OR REPLACE FUNCTION pggit_v0._lines(p_text text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE
    WHEN p_text ~ '^(?:[^"]|"(?:[^"\n]|"")*")*$' THEN string_to_array(p_text, E'\n')   -- no quoted line break
    ELSE ARRAY(
        SELECT coalesce(string_agg(g.tok, '' ORDER BY g.o) FILTER (WHERE g.tok <> E'\n'), '')
        FROM (SELECT t.m[1] AS tok, t.o, count(*) FILTER (WHERE t.m[1] = E'\n') OVER (ORDER BY t.o) AS ln
              FROM regexp_matches(p_text, '("(?:[^"]|"")*"|[^"\n]+|\n|")', 'g') WITH ORDINALITY AS t(m, o)) g
        GROUP BY g.ln ORDER BY g.ln)
END
$$;
COMMENT ON FUNCTION pggit_v0._lines(text) IS
    'Lines of a blob, a line break inside a double-quoted identifier kept inside its line';

-- p_value, or 22023 "<p_what> must not be empty" when it is NULL or only whitespace of
-- any kind: ASCII spaces, tabs and line breaks, NBSP, the other Unicode space
-- separators (U+1680, U+2000-U+200A, U+202F, U+205F, U+3000), line and paragraph
-- separators, NEL and the invisible U+180E, U+200B-U+200D, U+2060 and U+FEFF (BOM).
-- The class is spelled out rather than \s alone, whose reach past ASCII depends on
-- the database's locale.
CREATE OR REPLACE FUNCTION pggit_v0._require_text(p_value text, p_what text, p_hint text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
BEGIN
    IF p_value IS NULL
       OR p_value ~ '^[\s\u0085\u00a0\u1680\u180e\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]*$' THEN
        RAISE EXCEPTION '% must not be empty', p_what
              USING ERRCODE = '22023',
                    HINT = coalesce(p_hint, format('Give %s at least one visible character (it was %s).', p_what,
                                                   CASE WHEN p_value IS NULL THEN 'NULL'
                                                        WHEN p_value = '' THEN 'empty'
                                                        ELSE 'only whitespace' END));
    END IF;
    RETURN p_value;
END
$$;
COMMENT ON FUNCTION pggit_v0._require_text(text, text, text) IS
    'Returns p_value; raises 22023 "<p_what> must not be empty" when it is NULL or only (Unicode) whitespace';

-- p_text as it may be written inside a comment of a generated script (-- ... or /* ... */):
-- it can never end the comment or open a nested one.  Backslashes are doubled, so the
-- escaping reads back unambiguously; control characters and every line break (CR, LF,
-- VT, FF, NEL and the C1 controls, U+2028, U+2029) and the bidirectional-text controls
-- (which can make a reviewed script read differently from what runs) become \n, \r, \t,
-- \xHH or \uHHHH; "/*" becomes "/\*" and "*/" becomes "*\/".  NULL stays NULL.
CREATE OR REPLACE FUNCTION pggit_v0._comment_text(p_text text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT replace(replace(
    CASE WHEN p_text !~ '[\u0001-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069\\]' THEN p_text
         ELSE (SELECT string_agg(CASE WHEN r.m[1] IS NOT NULL THEN r.m[1]
                                      WHEN r.m[2] = '\' THEN '\\'
                                      WHEN r.m[2] = E'\n' THEN '\n'
                                      WHEN r.m[2] = E'\r' THEN '\r'
                                      WHEN r.m[2] = E'\t' THEN '\t'
                                      WHEN ascii(r.m[2]) < 256 THEN '\x' || lpad(to_hex(ascii(r.m[2])), 2, '0')
                                      ELSE '\u' || lpad(to_hex(ascii(r.m[2])), 4, '0') END, '' ORDER BY r.o)
               FROM regexp_matches(p_text, '([^\u0001-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069\\]+)|(.)', 'g')
                    WITH ORDINALITY AS r(m, o))
    END, '/*', '/\*'), '*/', '*\/')
$$;
COMMENT ON FUNCTION pggit_v0._comment_text(text) IS
    'p_text escaped for a comment of generated SQL: the result can never end or open a comment (no line break, control character, "/*" or "*/"; backslashes doubled)';

-- Why p_name is not a valid branch or tag name (git check-ref-format --branch rules),
-- or NULL when it is valid.
CREATE OR REPLACE FUNCTION pggit_v0._ref_name_problem(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE
    WHEN p_name IS NULL OR p_name = '' THEN 'it is empty'
    WHEN octet_length(p_name) > 255 THEN 'it is longer than 255 bytes'
    WHEN p_name ~ '[[:cntrl:]\u0080-\u009f\u2028\u2029]' THEN 'it contains a control character or line break'
    WHEN p_name ~ '^[0-9a-fA-F]{4,64}$' THEN 'it looks like a commit sha'
    WHEN strpos(p_name, ' ') > 0 THEN 'it contains a space'
    WHEN p_name ~ '[~^:?*[]' OR strpos(p_name, chr(92)) > 0
        THEN 'it contains one of ~ ^ : ? * [ \'
    WHEN strpos(p_name, '..') > 0 THEN 'it contains ".."'
    WHEN strpos(p_name, '@{') > 0 OR p_name = '@' THEN 'it contains "@{" or is "@"'
    WHEN left(p_name, 1) = '-' THEN 'it starts with "-"'
    WHEN left(p_name, 1) = '/' OR right(p_name, 1) = '/' OR strpos(p_name, '//') > 0
        THEN 'it starts or ends with "/" or contains "//"'
    WHEN right(p_name, 1) = '.' THEN 'it ends with "."'
    WHEN right(p_name, 5) = '.lock' OR strpos(p_name, '.lock/') > 0 THEN 'a component ends with ".lock"'
    WHEN p_name ~ '(^|/)\.' THEN 'a component starts with "."'
    WHEN p_name = 'HEAD' THEN '"HEAD" is reserved'
END
$$;
COMMENT ON FUNCTION pggit_v0._ref_name_problem(text) IS
    'NULL when p_name is a valid ref name (git check-ref-format --branch), else the reason it is not';

-- The ref-name rules hold for every row of refs, not only for names that came through
-- create_branch/create_tag: a CHECK constraint (recreated on every install, since the
-- upgrade drops the function it calls).  An existing install that already holds a name
-- the rules refuse keeps it: the constraint is then added NOT VALID (new and updated
-- rows are checked, history stays readable) and the install prints a WARNING naming
-- each such ref with how to rename it.
ALTER TABLE pggit_v0.refs DROP CONSTRAINT IF EXISTS refs_name_valid;
DO $refs_name_valid$
DECLARE
    v_bad text;
BEGIN
    SELECT string_agg(format('%s %s (%s)', r.type, quote_literal(r.name), pggit_v0._ref_name_problem(r.name)), '; '
                      ORDER BY r.name COLLATE "C")
    INTO v_bad
    FROM pggit_v0.refs r WHERE pggit_v0._ref_name_problem(r.name) IS NOT NULL;
    IF v_bad IS NULL THEN
        ALTER TABLE pggit_v0.refs ADD CONSTRAINT refs_name_valid CHECK (pggit_v0._ref_name_problem(name) IS NULL);
    ELSE
        ALTER TABLE pggit_v0.refs ADD CONSTRAINT refs_name_valid CHECK (pggit_v0._ref_name_problem(name) IS NULL) NOT VALID;
        RAISE WARNING 'pgGit: refs with names the ref-name rules now refuse: %', v_bad
              USING DETAIL = 'They were kept (constraint refs_name_valid was added NOT VALID), but can no longer be moved: a commit or merge onto such a branch fails with 23514.',
                    HINT = 'Rename a branch through the API (so the ref log stays whole): SELECT pggit_v0.create_branch(''<new name>'', from_ref => ''<old name>'', checkout => false); '
                           'SELECT pggit_v0.delete_branch(''<old name>''); check out the new one first if the old one is current. '
                           'The next install then validates the constraint.';
    END IF;
END
$refs_name_valid$;
COMMENT ON CONSTRAINT refs_name_valid ON pggit_v0.refs IS
    'Every branch and tag name follows the ref-name rules of pggit_v0._ref_name_problem()';

-- Raise 42602 when p_name is not a valid ref name.
CREATE OR REPLACE FUNCTION pggit_v0._check_ref_name(p_name text, p_kind text DEFAULT 'branch') RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_problem text := _ref_name_problem(p_name);
BEGIN
    IF v_problem IS NOT NULL THEN
        RAISE EXCEPTION 'invalid % name "%": %', p_kind, p_name, v_problem
              USING ERRCODE = '42602',
                    HINT = 'Use names like feature/user-registration, bugfix/login-validation or release/v2.1.0.';
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._check_ref_name(text, text) IS 'Raises 42602 naming the rule p_name breaks';

-- The commit HEAD resolves to (the current branch's target, or the detached commit).
CREATE OR REPLACE FUNCTION pggit_v0._head_commit() RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
SELECT coalesce(h.detached_sha, r.target_sha)
FROM head h LEFT JOIN refs r ON r.name = h.branch
$$;
COMMENT ON FUNCTION pggit_v0._head_commit() IS 'The commit sha HEAD resolves to, NULL before the baseline exists';

-- The current branch, NULL when HEAD is detached.
CREATE OR REPLACE FUNCTION pggit_v0._current_branch() RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$ SELECT branch FROM head $$;
COMMENT ON FUNCTION pggit_v0._current_branch() IS 'The current branch name, NULL when HEAD is detached';

-- Resolve a ref to a commit sha.  Accepts HEAD, branch and tag names, root (the first
-- commit of HEAD's history, unless a branch or tag has that name), full shas, unique
-- sha prefixes of at least 4 hex digits, and the suffixes ~N and ^ (first parent).
-- Raises 42704 naming the ref when it does not resolve, 22023 when a prefix is ambiguous.
CREATE OR REPLACE FUNCTION pggit_v0._resolve_ref(p_ref text) RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_base  text := p_ref;
    v_steps int := 0;
    v_m     text[];
    v_sha   text;
    v_n     int;
BEGIN
    PERFORM _require_text(p_ref, 'ref', 'Pass a branch, tag, HEAD or a commit sha.');
    -- trailing ~N / ^ suffixes (first-parent steps), unless the whole text is a ref name
    IF NOT EXISTS (SELECT 1 FROM refs WHERE name = p_ref) THEN
        LOOP   -- one suffix at a time from the end: main~2^ , HEAD^^ , HEAD~~
            v_m := regexp_match(v_base, '(~([0-9]*)|\^)$');
            EXIT WHEN v_m IS NULL OR length(v_m[1]) >= length(v_base);
            v_base := left(v_base, length(v_base) - length(v_m[1]));
            IF length(v_m[2]) > 9 OR v_steps > 1000000000 THEN
                RAISE EXCEPTION 'ref "%" goes back past the root commit', p_ref
                      USING ERRCODE = '42704', HINT = 'The history of that ref is shorter.';
            END IF;
            v_steps := v_steps + CASE WHEN v_m[1] = '^' OR v_m[2] = '' THEN 1 ELSE v_m[2]::int END;
        END LOOP;
    END IF;

    IF v_base = 'HEAD' THEN
        v_sha := _head_commit();
    ELSE
        SELECT target_sha INTO v_sha FROM refs WHERE name = v_base;
        IF v_sha IS NULL AND v_base = 'root' THEN   -- (unless a branch or tag is named so)
            WITH RECURSIVE walk(sha, depth) AS (   -- HEAD's first-parent history, to its start
                SELECT _head_commit(), 0
                UNION ALL
                SELECT p.parent_sha, w.depth + 1 FROM walk w
                JOIN commit_parents p ON p.commit_sha = w.sha AND p.position = 1
            )
            SELECT w.sha INTO v_sha FROM walk w ORDER BY w.depth DESC LIMIT 1;
        END IF;
        IF v_sha IS NULL AND v_base ~ '^[0-9a-fA-F]{4,64}$' THEN
            SELECT count(*), min(commit_sha) INTO v_n, v_sha
            FROM commit_graph WHERE commit_sha LIKE lower(v_base) || '%';
            IF v_n > 1 THEN
                RAISE EXCEPTION 'ref "%" is ambiguous: % commits start with it', p_ref, v_n
                      USING ERRCODE = '22023', HINT = 'Give more hex digits of the commit sha.';
            END IF;
        END IF;
    END IF;
    IF v_sha IS NULL THEN
        RAISE EXCEPTION 'ref "%" not found', p_ref
              USING ERRCODE = '42704',
                    HINT = 'Use a branch (SELECT name FROM pggit_v0.list_branches()), a tag, HEAD, or a commit sha or unique prefix from get_commit_history().';
    END IF;

    FOR i IN 1 .. v_steps LOOP
        SELECT parent_sha INTO v_sha FROM commit_parents WHERE commit_sha = v_sha AND position = 1;
        IF v_sha IS NULL THEN
            RAISE EXCEPTION 'ref "%" goes back past the root commit', p_ref
                  USING ERRCODE = '42704', HINT = 'The history of that ref is shorter.';
        END IF;
    END LOOP;
    RETURN v_sha;
END
$$;
COMMENT ON FUNCTION pggit_v0._resolve_ref(text) IS
    'Commit sha for HEAD, a branch, a tag, root, a sha or unique prefix, with ~N/^ suffixes; raises 42704 when unknown';

-- Record how long one of the layer's operations took.  With the owner's rights, so that
-- roles that only read (diffs, status) need no write grant: it appends one timing row.
-- Its id defaults to _capture_ids(1) (set in 70_capture.sql), not nextval: the caller's
-- lastval() stays as it was.
-- Readers may call it (reading calls time themselves too), so what they pass is bounded
-- (S9: a reader recorded a ten-year 'commit' with 10 MB of detail; V18: 'Commit',
-- ' commit' and names with line breaks passed the writers-only test, and nothing bounded
-- the rows):
--   * the operation is one of the API's (below), compared without case after trimming
--     blanks and stored as listed; another name, or one with a control character, is
--     refused (22023);
--   * a start no earlier than the transaction's, detail of at most 1,000 characters;
--   * the operations that write history (commit, checkout, merge) only for a role that
--     may write it (for a reader: nothing recorded, no error);
--   * a reader's detail holds no control character (22023), and a reader's call records
--     nothing once 100 rows of that operation started in the last minute (an index range
--     scan of the newest rows: neither a loop of calls in one transaction nor one of
--     autocommit calls grows the table faster than 100 rows a minute, Z16).
CREATE OR REPLACE FUNCTION pggit_v0._record_timing(p_operation text, p_started timestamptz, p_detail text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_op     text := lower(btrim(p_operation, ' '));
    v_writer boolean;
BEGIN
    IF v_op IS NULL OR v_op NOT IN ('commit', 'checkout', 'merge', 'status', 'diff', 'migration',
                                    'validate_data_integrity', 'check_for_alerts', 'get_dashboard_summary',
                                    'get_recommendations') THEN
        RAISE EXCEPTION 'not a pgGit operation to time: %', coalesce(quote_literal(left(p_operation, 100)), 'NULL')
              USING ERRCODE = '22023',
                    HINT = 'Timings are recorded by the API''s own calls: commit, checkout, merge, status, diff, migration, validate_data_integrity, check_for_alerts, get_dashboard_summary, get_recommendations.';
    END IF;
    v_writer := has_function_privilege(CASE WHEN current_setting('role') = 'none' THEN session_user::text
                                            ELSE current_setting('role') END,
                                       'pggit_v0._ref_update(text, text, text, text, text)', 'EXECUTE');
    IF NOT v_writer THEN
        IF v_op IN ('commit', 'checkout', 'merge') THEN
            RETURN;
        END IF;
        IF p_detail ~ '[[:cntrl:]]' THEN
            RAISE EXCEPTION 'the detail of a timing holds a control character: %', quote_literal(left(p_detail, 100))
                  USING ERRCODE = '22023', HINT = 'Give the detail on one line, without control characters.';
        END IF;
        -- (any role's rows of the operation in the last minute: op_timings has no role
        -- column; per transaction, as before Z16, a loop of autocommit calls had no bound)
        IF (SELECT count(*) FROM (SELECT 1 FROM pggit_v0.op_timings t
                                  WHERE t.operation = v_op AND t.started_at >= now() - interval '1 minute'
                                  LIMIT 100) x) >= 100 THEN
            RETURN;
        END IF;
    END IF;
    INSERT INTO pggit_v0.op_timings (operation, started_at, duration, detail)
    VALUES (v_op, greatest(p_started, now()), clock_timestamp() - greatest(p_started, now()), left(p_detail, 1000));
END
$$;
COMMENT ON FUNCTION pggit_v0._record_timing(text, timestamptz, text) IS
    'Appends one timing row for analyze_query_performance(): an API operation''s name (22023 otherwise), start within the transaction, detail capped; writers'' operations only for writers; readers: no control characters, 100 rows per operation and minute';

-- _require_rights (who may write history) is in 52_history_writes.sql.

-- Deparsed text as PostgreSQL prints it back once that text is run again, for the forms
-- where its deparse is not a fixed point.  Two forms (the second below): a varchar column compared with
-- a list (CHECK (c IN ('a', 'b'))) prints as ((ARRAY['a'::character varying, ...])::text[])
-- (ARRAY[...]::text[] in pretty mode: views), which, run again, is stored and printed as
-- ARRAY[('a'::character varying)::text, ...] (ARRAY['a'::character varying::text, ...]).
-- Snapshots record the second form, so a schema made from source text and one made by a
-- migration (or pg_dump and restore) record the same.  Only texts holding the form are
-- rewritten (_settled is inlined: a strpos test per definition).
CREATE OR REPLACE FUNCTION pggit_v0._settle_varchar_arrays(p_def text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_item text := '(?:''(?:[^'']|'''')*''|NULL)::character varying';
    v_def  text := p_def;
    v_m    text[];
    v_pos  int;
BEGIN
    LOOP
        -- [1] the whole form, [2] its items, or [3] those of the pretty form
        v_m := regexp_match(v_def, '(\(ARRAY\[((?:' || v_item || '(?:, )?)+)\]\)::text\[\]'
                                   || '|ARRAY\[((?:' || v_item || '(?:, )?)+)\]::text\[\])');
        EXIT WHEN v_m IS NULL;
        v_pos := strpos(v_def, v_m[1]);
        v_def := left(v_def, v_pos - 1)
                 || 'ARRAY[' || CASE WHEN v_m[2] IS NOT NULL
                                     THEN regexp_replace(v_m[2], '(' || v_item || ')', '(\1)::text', 'g')
                                     ELSE regexp_replace(v_m[3], '(' || v_item || ')', '\1::text', 'g') END || ']'
                 || substr(v_def, v_pos + length(v_m[1]));
    END LOOP;
    RETURN v_def;
END
$$;
COMMENT ON FUNCTION pggit_v0._settle_varchar_arrays(text) IS
    'Rewrites (ARRAY[''a''::character varying, ...])::text[] as PostgreSQL prints it once run again';

-- The second form: a constant cast to a type (NULL::integer, 'y'::text, (1)::bigint) as a
-- whole column of a branch of a UNION, INTERSECT or EXCEPT other than the first, inside a
-- subquery, is printed bare; run again, it gets the name the parser gives a cast (the
-- type's own name: NULL::integer AS int4, as FigureColname does) and prints with it.  Pretty
-- printed view texts put each such column on a line of its own; only those lines change.
CREATE OR REPLACE FUNCTION pggit_v0._settle_set_op_literals(p_def text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT string_agg(CASE WHEN m IS NULL THEN l
                       ELSE m[1] || m[2] || ' AS ' || quote_ident(
                              CASE t.base
                                WHEN 'integer' THEN 'int4' WHEN 'bigint' THEN 'int8' WHEN 'smallint' THEN 'int2'
                                WHEN 'boolean' THEN 'bool' WHEN 'real' THEN 'float4' WHEN 'double precision' THEN 'float8'
                                WHEN 'character varying' THEN 'varchar' WHEN 'character' THEN 'bpchar'
                                WHEN 'timestamp without time zone' THEN 'timestamp'
                                WHEN 'timestamp with time zone' THEN 'timestamptz'
                                WHEN 'time without time zone' THEN 'time' WHEN 'time with time zone' THEN 'timetz'
                                WHEN 'bit varying' THEN 'varbit' WHEN '"char"' THEN 'char'
                                ELSE (parse_ident(t.base, false))[cardinality(parse_ident(t.base, false))] END)
                            || m[4] END,
                  E'\n' ORDER BY o)
FROM unnest(string_to_array(p_def, E'\n')) WITH ORDINALITY AS u(l, o)
LEFT JOIN LATERAL regexp_match(l, '^( +(?:SELECT (?:DISTINCT )?)?)((?:NULL|''(?:[^'']|'''')*''|\(-?[0-9.]+\))::((?:[a-z0-9_ .]|"(?:[^"]|"")*")+(?:\([0-9, ]+\))?(?:\[\])*))(,?)$') m ON true
LEFT JOIN LATERAL (SELECT regexp_replace(regexp_replace(m[3], '(\[\])+$', ''), '\([0-9, ]+\)', '', 'g') AS base) t ON true
$$;
COMMENT ON FUNCTION pggit_v0._settle_set_op_literals(text) IS
    'Names bare constant columns of later set-operation branches as PostgreSQL prints them once run again (NULL::integer AS int4)';

-- Both forms, in order (see _settled).
CREATE OR REPLACE FUNCTION pggit_v0._settle(p_def text) RETURNS text
LANGUAGE sql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE WHEN strpos(p_def, ' UNION') + strpos(p_def, ' INTERSECT') + strpos(p_def, ' EXCEPT') = 0 OR strpos(p_def, '::') = 0
                 -- (only views' texts: a routine's body is the user's own text)
                 OR left(p_def, 48) !~ '^CREATE (OR REPLACE )?(MATERIALIZED )?VIEW '
            THEN v.def ELSE pggit_v0._settle_set_op_literals(v.def) END
FROM (SELECT CASE WHEN strpos(p_def, '::character varying]') > 0 THEN pggit_v0._settle_varchar_arrays(p_def)
                  ELSE p_def END AS def) v
$$;
COMMENT ON FUNCTION pggit_v0._settle(text) IS
    'A deparsed definition as PostgreSQL prints it back once run again: both rewrites (see _settled)';

-- The tests that say no rewrite applies, written as one expression (no FROM, no SET
-- clause) so that the snapshot inlines them: a definition without "::" (most) costs one
-- strpos.  As a function of its own (a FROM clause is never inlined), it was called for
-- every one of a snapshot's rows: 1,000 tables, 18,905 calls, ~75 ms of 350.
CREATE OR REPLACE FUNCTION pggit_v0._settled(p_def text) RETURNS text
LANGUAGE sql IMMUTABLE
AS $$
SELECT CASE WHEN pg_catalog.strpos(p_def, '::') = 0 THEN p_def
            WHEN pg_catalog.strpos(p_def, '::character varying]') = 0
                 AND (pg_catalog.strpos(p_def, ' UNION') + pg_catalog.strpos(p_def, ' INTERSECT')
                      + pg_catalog.strpos(p_def, ' EXCEPT') = 0
                      OR pg_catalog.left(p_def, 48) OPERATOR(pg_catalog.!~) '^CREATE (OR REPLACE )?(MATERIALIZED )?VIEW ')
            THEN p_def
            ELSE pggit_v0._settle(p_def) END
$$;
COMMENT ON FUNCTION pggit_v0._settled(text) IS
    'A deparsed definition as PostgreSQL prints it back once run again (see _settle_varchar_arrays)';

-- The line that marks a recorded partitioned index made ON ONLY its table and not yet
-- valid (not attached on every partition): migrations create it ON ONLY, where they
-- create other partitioned indexes plain (pg_get_indexdef says ON ONLY of all).
CREATE OR REPLACE FUNCTION pggit_v0._on_only_mark() RETURNS text
LANGUAGE sql IMMUTABLE
-- (no SET clause: a constant, inlined)
AS $$ SELECT '-- not valid yet: ON ONLY its table, not attached on every partition'::text $$;
COMMENT ON FUNCTION pggit_v0._on_only_mark() IS
    'The line marking a recorded partitioned index made ON ONLY its table, not yet valid';
