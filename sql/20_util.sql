-- Shared helpers: hashing, errors, ref names, ref resolution, operation timings.

-- sha256 hex of an object: type, newline, content (UTF-8).  The only hash function
-- of the layer: blobs, trees and commits all go through it.
-- Hot helpers like this one have no SET search_path clause (it would stop PostgreSQL
-- from inlining them, which costs ~0.1 ms a call over tens of thousands of rows);
-- instead every function they call is schema-qualified.
CREATE OR REPLACE FUNCTION pggit_v0._sha(p_type text, p_content text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
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

-- Why p_name is not a valid branch or tag name (git check-ref-format --branch rules),
-- or NULL when it is valid.
CREATE OR REPLACE FUNCTION pggit_v0._ref_name_problem(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE
    WHEN p_name IS NULL OR p_name = '' THEN 'it is empty'
    WHEN octet_length(p_name) > 255 THEN 'it is longer than 255 bytes'
    WHEN p_name ~ '[[:cntrl:]]' THEN 'it contains a control character'
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

-- Resolve a ref to a commit sha.  Accepts HEAD, branch and tag names, full shas,
-- unique sha prefixes of at least 4 hex digits, and the suffixes ~N and ^ (first parent).
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
    IF p_ref IS NULL OR btrim(p_ref) = '' THEN
        RAISE EXCEPTION 'ref must not be empty' USING ERRCODE = '22023',
              HINT = 'Pass a branch, tag, HEAD or a commit sha.';
    END IF;
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
    'Commit sha for HEAD, a branch, a tag, a sha or unique prefix, with ~N/^ suffixes; raises 42704 when unknown';

-- Record how long one of the layer's operations took.
CREATE OR REPLACE FUNCTION pggit_v0._record_timing(p_operation text, p_started timestamptz, p_detail text DEFAULT NULL)
RETURNS void
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
INSERT INTO op_timings (operation, started_at, duration, detail)
VALUES (p_operation, p_started, clock_timestamp() - p_started, p_detail)
$$;
COMMENT ON FUNCTION pggit_v0._record_timing(text, timestamptz, text) IS
    'Appends one timing row for analyze_query_performance()';

-- Refuse (42501) a call that writes history when the role may not, saying which grants
-- it needs (reference.md, "Roles") instead of PostgreSQL's bare "permission denied for
-- table ...".  The owner and superusers always pass.
CREATE OR REPLACE FUNCTION pggit_v0._require_rights(p_action text) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    IF NOT (has_table_privilege('pggit_v0.commit_graph', 'SELECT, INSERT')
            AND has_table_privilege('pggit_v0.refs', 'SELECT, INSERT, UPDATE')
            AND has_table_privilege('pggit_v0.head', 'SELECT, UPDATE')) THEN
        RAISE EXCEPTION '% writes pgGit history, which role % may not do', p_action, current_user
              USING ERRCODE = '42501',
                    HINT = format('As the owner of schema pggit_v0: GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA pggit_v0 TO %1$I; '
                                  'GRANT UPDATE, DELETE ON pggit_v0.refs, pggit_v0.head, pggit_v0.meta TO %1$I; '
                                  'GRANT USAGE ON ALL SEQUENCES IN SCHEMA pggit_v0 TO %1$I;', current_user);
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._require_rights(text) IS 'Raises 42501 with the needed GRANTs when the role may not write pgGit history';
