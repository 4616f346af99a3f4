-- Capture: event triggers on ddl_command_end and sql_drop log every DDL command
-- (statement, tag, object type and identity, schema, role, transaction, time, branch);
-- one on ddl_command_start keeps names before renames, so the log says what was renamed.
-- The layer's own objects, temp objects and extension members are not logged.
-- Capture never makes a user's DDL fail: any error is trapped and recorded in
-- capture_faults (or, if even that fails, raised as a WARNING).
-- Where event triggers may not be created (managed servers, non-superusers) the layer
-- installs in snapshot-only mode: commits, diffs and history still work from snapshots.
-- Capture runs in the user's session and leaves no trace there: the session's lastval()
-- and currval() are as they were (ids come from _capture_ids, not nextval), and every
-- layer table is named with its schema (a temporary table of the same name is never
-- written).  Statements are stored with their secrets redacted (_redact_secrets).

-- Ids of the rows capture writes (ddl_log, capture_faults, dropped_table_stats).  They
-- are taken without nextval(): nextval() in the user's session makes the user's next
-- lastval() name the layer's sequence (permission denied, or the layer's number).
-- A session reserves ids in blocks of 256 from one counter, the sequence capture_ids,
-- moved on with setval() (which leaves the session's lastval() and every currval()
-- alone) under a short lock; see _capture_ids.  The counter holds the last id reserved
-- times 2^24 plus the pid (mod 2^24) of the backend that reserved it.
CREATE SEQUENCE IF NOT EXISTS pggit_v0.capture_ids AS bigint;
COMMENT ON SEQUENCE pggit_v0.capture_ids IS
    'Capture''s id counter: last id reserved * 2^24 + pid (mod 2^24) of the backend that reserved it; moved only by _capture_ids with setval, never nextval';
-- What _capture_ids locks while it moves the counter: a view with no rows, so that only
-- roles with rights on it (the owner) can hold the lock, and nothing else ever takes it.
CREATE OR REPLACE VIEW pggit_v0.capture_ids_lock AS SELECT NULL::boolean AS unused WHERE false;
COMMENT ON VIEW pggit_v0.capture_ids_lock IS
    'Lock target of _capture_ids (LOCK ... IN EXCLUSIVE MODE serializes reservations on capture_ids); never holds rows';

-- p_n new ids for capture's rows; returns the first (the others follow it), NULL when
-- p_n < 1.  Promises: ids are unique across sessions; they increase in the order they
-- are taken within a session, and across sessions whenever one session's DDL follows
-- another's (a rename after the commit of the rename before it gets the larger id), as
-- nextval()'s did; the session's lastval() and currval() do not change.
-- How: a block is the 256 ids up to the counter's last id reserved (its end).  The
-- session uses the rest of the block it reserved last, keeping in the setting
-- pggit.capture_block how many of those 256 ids it has used, as that many characters 'x',
-- then ':' and the counter value ('xxx:1073741827' when 3 are used: the next id is
-- end - 255 + 3), as long as the counter still says it reserved last; otherwise it
-- reserves a new block after the counter's last id.  (A count of characters, not a
-- number: capture's fast path reads and moves it with no cast, see _capture.)  Any
-- reservation by another session in between makes the next one reserve again, so ids
-- never go back across sessions.  A reservation reads and moves the counter under an
-- EXCLUSIVE lock on capture_ids_lock, in a block that is then rolled back: that releases
-- the lock at once (not at the end of the user's transaction) and keeps the setval()
-- (sequences are not transactional).  The setting is only trusted for ids of the block
-- the counter says this backend reserved last, so a role that sets it itself can reuse
-- only its own block's ids; its DDL then meets an id already used, and capture logs it
-- again with ids of a new block (_capture_again), as capture faults take theirs (V1).
-- If the transaction rolls back, the setting goes back with the rows that used the ids.
-- Called only from SECURITY DEFINER capture code: other roles have no rights on the
-- counter.
CREATE OR REPLACE FUNCTION pggit_v0._capture_ids(p_n bigint) RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    -- counter = last id reserved * 2^24 + pid % 2^24 (16777216)
    v_ctr   bigint := coalesce(pg_catalog.pg_sequence_last_value('pggit_v0.capture_ids'::regclass), 0);
    -- (read as _capture reads it: octet lengths, no walk through the x's)
    v_used  int := CASE WHEN current_setting('pggit.capture_block', true) LIKE ('x%:' || v_ctr::text)
                             AND v_ctr % 16777216 = pg_backend_pid() % 16777216
                        THEN octet_length(current_setting('pggit.capture_block', true)) - octet_length(v_ctr::text) - 1
                        END;
    v_first bigint;
    v_size  bigint;
    v_set   text;     -- set_config's result (an assignment, not PERFORM: no executor per call)
BEGIN
    IF v_used + p_n <= 256 AND p_n >= 1 THEN   -- the rest of this session's block
        v_set := set_config('pggit.capture_block', repeat('x', v_used + p_n::int) || ':' || v_ctr, false);
        RETURN v_ctr / 16777216 - 255 + v_used;
    ELSIF p_n IS NULL OR p_n < 1 THEN
        RETURN NULL;
    END IF;
    v_size := greatest(p_n, 256);
    BEGIN
        LOCK TABLE pggit_v0.capture_ids_lock IN EXCLUSIVE MODE;
        v_ctr := coalesce(pg_catalog.pg_sequence_last_value('pggit_v0.capture_ids'::regclass), 0);
        v_first := v_ctr / 16777216 + 1;
        v_ctr := (v_first - 1 + v_size) * 16777216 + pg_backend_pid() % 16777216;
        PERFORM pg_catalog.setval('pggit_v0.capture_ids'::regclass, v_ctr);
        RAISE SQLSTATE 'PGGIT';   -- roll the block back: releases the lock, keeps the setval
    EXCEPTION WHEN SQLSTATE 'PGGIT' THEN
        NULL;
    END;
    -- used of the last 256: all of them when the block is larger (p_n > 256)
    v_set := set_config('pggit.capture_block', repeat('x', (p_n - v_size + 256)::int) || ':' || v_ctr, false);
    RETURN v_first;
END
$$;
COMMENT ON FUNCTION pggit_v0._capture_ids(bigint) IS
    'Takes p_n consecutive ids for capture''s rows and returns the first: unique across sessions, increasing in the order taken (across sessions too when one''s DDL follows another''s); no nextval, so the session''s lastval()/currval() stay as they were';

-- Upgrade in place: ddl_log, capture_faults and op_timings had identity columns (nextval in the
-- user's session).  Their ids are kept; the counter continues after the largest.  The
-- lock keeps captures of other sessions from reserving meanwhile (held to the end of
-- the install).
DO $ids$
DECLARE
    t text;
    v_max bigint;
BEGIN
    LOCK TABLE pggit_v0.capture_ids_lock IN EXCLUSIVE MODE;
    FOREACH t IN ARRAY ARRAY['ddl_log', 'capture_faults', 'op_timings'] LOOP
        IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
                   WHERE a.attrelid = format('pggit_v0.%I', t)::regclass AND a.attname = 'id' AND a.attidentity <> '') THEN
            EXECUTE format('ALTER TABLE pggit_v0.%I ALTER COLUMN id DROP IDENTITY', t);
        END IF;
    END LOOP;
    v_max := greatest((SELECT max(l.id) FROM pggit_v0.ddl_log l), (SELECT max(f.id) FROM pggit_v0.capture_faults f),
                      (SELECT max(o.id) FROM pggit_v0.op_timings o));
    IF v_max >= coalesce(pg_catalog.pg_sequence_last_value('pggit_v0.capture_ids'::regclass), 0) / 16777216 THEN
        PERFORM pg_catalog.setval('pggit_v0.capture_ids'::regclass, v_max * 16777216);
    END IF;
END
$ids$;
-- Timing rows (also written by repairs and tests by hand) take their id the same way.
ALTER TABLE pggit_v0.op_timings ALTER COLUMN id SET DEFAULT pggit_v0._capture_ids(1);

-- Provenance: which migration step and statement ran each logged command.  A tool
-- running a step sets the custom setting pggit.source first (the pytest plugin sets
-- 'schema/02_orders.sql:14' before each schema file statement, the step's tag such as
-- 'alembic/ae1027a6acf' for a tool's migration); _capture copies it (up to 1,000
-- characters) into ddl_log.source (added by 10_storage.sql, in place on a reinstall
-- over an older layer; hashed into the DDL log chain when set, see _ddl_log_shas);
-- NULL when it is unset or empty.  It is a label the session chose, not a proof: any
-- session may set it.
COMMENT ON COLUMN pggit_v0.ddl_log.source IS
    'Provenance label of the command: the setting pggit.source when it ran (a file:line, a migration step), NULL when unset';

-- Secrets out of stored statement texts.  The statement capture stores is the whole query
-- string the DDL came in, which may also carry, say, ALTER ROLE ... PASSWORD; the log is
-- readable by more roles than the role that sent it.  Redacted, each replaced by
-- '[redacted]' (the rest of the text is kept as it was):
--   * the string after a name that looks secret (contains pass, pwd, secret, key, token
--     or credential; quoted or not; qualified or not), separated by blanks, = or TO:
--     PASSWORD '...', ENCRYPTED PASSWORD '...', OPTIONS (password '...', ADD "api_key"
--     '...', SET token '...'), SET app.secret = '...'.  Strings are '...' (with ''),
--     E'...' (with \' too), U&'...', $tag$...$tag$, and ''...'' inside another string
--     (EXECUTE 'ALTER ROLE x PASSWORD ''...''');
--   * the unquoted value of password=, PWD=, token= ... in connection strings;
--   * the password of a URI (postgresql://user:...@host);
--   * the value of a JSON member named like a secret ("token": "...").
-- When unsure it redacts more: a backslash is taken as an escape in every string, and a
-- string left open at the end of the text (a truncated statement) is redacted to the end.
-- Texts without a string or without a word naming a secret, the most common DDL, cost a
-- a few LIKEs (_may_hold_secrets); others one regular expression (also in
-- _may_hold_secrets, so capture calls _redact_secrets only for texts it may change).
-- Whether a text may hold a secret _redact_secrets would replace: it has a string (a
-- quote or a dollar sign) and a word that names a secret (pass, pwd, secret, key, token,
-- credential) or a URI, and (one regular expression, tested only then) such a word
-- followed by = or : or a string, or a URI with a password.  False means
-- _redact_secrets would return the text unchanged;
-- true does not mean it changes it.  A hot inlinable helper (capture asks it for every
-- DDL command with a string): every name and operator is schema-qualified, so it needs
-- no SET clause.
-- The regular expression costs with the number of words it looks for (the six: ~100k
-- instructions on a CREATE TABLE of 400 characters; one: ~28k): when the only word
-- in the text is "key" (PRIMARY KEY, FOREIGN KEY: the common DDL with a string), it
-- looks for that word alone.  The same answer: a match of the six-word expression
-- starts at one of the words (letters folded pattern-side: only [pP], [aA] ... match,
-- and with a Turkish locale's I also the dotted one, so "credent" is looked for, not
-- "credential"), and none of the other five nor a URI is in the text.
CREATE OR REPLACE FUNCTION pggit_v0._may_hold_secrets(p_text text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT (pg_catalog.strpos(p_text, '''') OPERATOR(pg_catalog.>) 0 OR pg_catalog.strpos(p_text, '$') OPERATOR(pg_catalog.>) 0)
       -- ASCII letters only lowered: every word is ASCII; LIKE, not strpos (no search table
       -- to build for each word) nor ~* (dearer still)
       AND CASE WHEN pg_catalog.lower(p_text COLLATE "C") OPERATOR(pg_catalog.~~)
                     ANY ('{%pass%,%pwd%,%secret%,%token%,%credent%,%://%}'::text[])
                -- one test for all the forms _redact_secrets replaces; here, not in
                -- _redact_secrets, so that capture calls _redact_secrets only for texts
                -- it may change
                THEN p_text OPERATOR(pg_catalog.~*) E'(?:pass|pwd|secret|key|token|credential)(?:[^\\s=:]*|[^"]*")(?:\\s*[=:]|\\s+(?:to\\s+)?(?:[eu]&?)?[''$])|://[^\\s/@]*:[^\\s@]*@|://[^\\s''"]*%[0-9a-f]{2}[^\\s=&''"]*='
                -- "key" the only word: the same test for it alone (PRIMARY KEY has the
                -- word, seldom a string after it)
                WHEN pg_catalog.lower(p_text COLLATE "C") OPERATOR(pg_catalog.~~) '%key%'
                THEN p_text OPERATOR(pg_catalog.~*) E'key(?:[^\\s=:]*|[^"]*")(?:\\s*[=:]|\\s+(?:to\\s+)?(?:[eu]&?)?[''$])'
                ELSE false END
$$;
COMMENT ON FUNCTION pggit_v0._may_hold_secrets(text) IS
    'False when _redact_secrets would return the text unchanged (no string, no word naming a secret, or none followed by =, : or a string); cheap, inlinable';

CREATE OR REPLACE FUNCTION pggit_v0._redact_secrets(p_text text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET standard_conforming_strings = on   -- (its patterns' backslashes: sec10 S6)
AS $fn$
DECLARE
    -- a name that looks secret, then blanks, = or TO (groups 1 and 2)
    n constant text := '("[^"]*(?:pass|pwd|secret|key|token|credential)[^"]*"'
                       '|[[:alnum:]_$.]*(?:pass|pwd|secret|key|token|credential)[[:alnum:]_$.]*)'
                       '(\s*=\s*|\s+(?:to\s+)?)';
    -- a quoted member name that looks secret, then a colon (JSON, a Python literal)
    m constant text := '(?:''''|[''"])[^''"]*(?:pass|pwd|secret|key|token|credential)[^''"]*(?:''''|[''"])\s*:\s*';
BEGIN
    -- Plpgsql, not SQL: its plans are kept for the session (an SQL function with SET is
    -- planned again on every call, 30 times the cost).
    IF p_text IS NULL OR NOT pggit_v0._may_hold_secrets(p_text) THEN
        RETURN p_text;
    END IF;
    -- (_may_hold_secrets also makes the one regular expression test for all the forms below)
    RETURN regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        p_text,
        -- ''...'' inside another string
        n || '''''(?:[^'']|'''''''')*''''', '\1\2''''[redacted]''''', 'gi'),
        -- E'...'
        n || 'e''(?:[^''\\]|\\.|'''')*(?:''|$)', '\1\2E''[redacted]''', 'gi'),
        -- $tag$...$tag$ (its own name pattern, non-greedy: the shortest match, up to the first closing tag)
        '([[:alnum:]_$."]*?(?:pass|pwd|secret|key|token|credential)[[:alnum:]_$."]*)(\s*=\s*|\s+(?:to\s+)?)'
        '\$((?:[[:alpha:]_][[:alnum:]_]*)?)\$.*?(?:\$\3\$|$)', '\1\2''[redacted]''', 'gi'),
        -- '...' and U&'...'
        n || '(?!''''\[redacted\]'''')(?:u&)?''(?:[^''\\]|\\.|'''')*(?:''|$)', '\1\2''[redacted]''', 'gi'),
        -- password=... in a connection string
        '((?:pass|pwd|secret|token|credential|api_?key|access_?key|private_?key)[[:alnum:]_]*\s*=\s*)(?![eu]&?'')[^\s''"$,;)&]+',
        '\1[redacted]', 'gi'),
        -- scheme://user:password@host ("/" and "?" in the password too, as the blobs'
        -- _redact_option_value: base64 passwords, the review's R10-1)
        '(://[^\s/@:''"]*:)[^\s@''"]+@', '\1[redacted]@', 'g'),
        -- a URL query key written percent-encoded (libpq decodes it: ?pass%77ord=...)
        '((?:[?&])[A-Za-z_0-9]*%[0-9A-Fa-f]{2}[A-Za-z_0-9%]*=)[^\s&''"]*', '\1[redacted]', 'g'),
        -- "token": "..." (JSON), 'token': '...' (a Python literal), the member's name in
        -- any quotes, the literal's own quotes doubled inside a string or not inside a
        -- dollar-quoted one (sec10 S9, sec11 T5-12); each value quoting its own pass
        '(' || m || ')''''(?:[^''\\]|\\''''|\\.)*''''', '\1''''[redacted]''''', 'gi'),
        '(' || m || ')''(?!'')(?:[^''\\]|\\.)*''(?!'')', '\1''[redacted]''', 'gi'),
        '(' || m || ')"(?:[^"\\]|\\.)*"', '\1"[redacted]"', 'gi'),
        -- and inside E'...': \'password\': \'...\' (the review's R11-9)
        '(' || m || ')\\''(?:[^''\\]|\\[^''])*\\''', '\1\\''[redacted]\\''', 'gi');
END
$fn$;
COMMENT ON FUNCTION pggit_v0._redact_secrets(text) IS
    'The text with secrets replaced by ''[redacted]'': strings after PASSWORD or an option/setting named like password, secret, key, token or credential (any quoting), password= in connection strings, URI passwords, JSON secret members; redacts more when unsure';

-- Record a fault met by an event trigger function (the user's DDL goes on) in
-- capture_faults, with the statement's secrets redacted and the id of the top-level
-- transaction (column txid, added here; NULL in rows of older layers, whose xmin
-- _incremental_base reads instead); if even that fails, a WARNING naming what failed.
-- Never raises.  Invoker's rights: only capture code running as
-- the owner can write capture_faults through it.
ALTER TABLE pggit_v0.capture_faults ADD COLUMN IF NOT EXISTS txid bigint;
ALTER TABLE pggit_v0.capture_faults ALTER COLUMN txid SET DEFAULT txid_current();
COMMENT ON COLUMN pggit_v0.capture_faults.txid IS
    'Top-level transaction that met the fault (txid_current(), also inside a savepoint); NULL in rows of older layers';
CREATE OR REPLACE FUNCTION pggit_v0._capture_fault(p_event text, p_tag text, p_sqlstate text, p_message text,
                                                  p_statement text, p_what text) RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    -- The id from a new block, not from the setting pggit.capture_block: the session may
    -- have written the setting itself, so that the id was one it had used, and the fault
    -- was then recorded nowhere (V1).  The transaction recorded is the top-level one
    -- (txid_current(), also in a savepoint), which _incremental_base tests.
    PERFORM set_config('pggit.capture_block', '', false);
    INSERT INTO pggit_v0.capture_faults (id, event, command_tag, sqlstate, message, statement, txid)
    VALUES (pggit_v0._capture_ids(1), p_event, p_tag, p_sqlstate, p_message,
            pggit_v0._redact_secrets(left(p_statement, 20000)), txid_current());
EXCEPTION WHEN OTHERS THEN
    RAISE WARNING 'pgGit: % failed for "%" (%), and recording that failed too: %', p_what, p_tag, p_message, SQLERRM;
END
$$;
COMMENT ON FUNCTION pggit_v0._capture_fault(text, text, text, text, text, text) IS
    'Records an event trigger function''s fault in capture_faults (statement redacted), else a WARNING; never raises';

-- Before an ALTER TABLE, ALTER FOREIGN TABLE or ALTER SEQUENCE whose text renames or moves
-- something (RENAME, SET SCHEMA): remembers every user table's and sequence's schema,
-- name and column names by OID and column number, in capture_names (this backend's row,
-- for this transaction; the setting pggit.names_before only says that there is one), so
-- that _capture can record what a renamed one was called; before
-- an ALTER TYPE that renames, the labels of the enums it names by pg_enum OID (key
-- 't' and the type's OID), so that _capture can record a label renamed.  Any other statement
-- costs one regular expression.  Migrations pgGit runs itself (pggit.applying) are not
-- recorded as renames.  Never raises: a fault is recorded and the rename is then
-- migrated as a drop and an add, as before.
CREATE OR REPLACE FUNCTION pggit_v0._capture_names() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_q text := pg_catalog.lower(current_query() COLLATE "C");
    -- the ALTER is not in the statement's text: a routine the statement called runs it
    -- (SELECT migrate_v2()), so the names are all kept, as for EXECUTE (C10); so too when
    -- the text calls something beside an ALTER of its own (ALTER ...; SELECT migrate_v2()
    -- in one query string: R4 of the review, the rename inside was logged as none)
    -- (LIKE first: the regular expression only for the texts that have one of the words)
    v_called boolean := strpos(v_q, 'alter') = 0
                        OR (v_q OPERATOR(pg_catalog.~~) ANY ('{%select%,%call%,%do%,%perform%}'::text[])
                            AND v_q ~ '\m(select|call|do|perform)\M');
    v_names  jsonb;
BEGIN
    -- LIKE first (most ALTERs have neither word), the regular expression (dearer) after;
    -- with a comment in the text, the names too (a comment may stand between SET and
    -- SCHEMA, which the expression would miss: S12; keeping them only costs time)
    IF NOT (v_called
            OR (v_q OPERATOR(pg_catalog.~~) ANY ('{%rename%,%schema%}'::text[])
                AND (current_query() ~* '\m(rename|set\s+schema)\M'
                     OR strpos(v_q, '/*') > 0 OR strpos(v_q, '--') > 0)))
       OR coalesce(current_setting('pggit.applying', true), '') = 'logged' THEN
        RETURN;
    END IF;
    -- (two IFs: an expression with a subquery is not a simple one, so it would start an
    -- executor at every ALTER, and be planned again at each, its parameters folding it)
    IF current_setting('pggit.installing', true) = 'on' OR current_setting('pggit.applying', true) = 'on' THEN
        IF EXISTS (SELECT 1 FROM pggit_v0.capture_faults f WHERE f.id = -txid_current() AND f.event = 'unlogged') THEN
            RETURN;
        END IF;
    END IF;
    BEGIN
        IF TG_TAG = 'ALTER TYPE' THEN
            v_names := (
                SELECT jsonb_object_agg('t' || t.oid::text,
                                        (SELECT jsonb_object_agg(e.oid::text, e.enumlabel) FROM pg_enum e WHERE e.enumtypid = t.oid))
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE t.typtype = 'e' AND n.nspname <> 'pggit_v0' AND n.nspname !~ '^pg_'
                  -- (a name with a double quote is in the text with it doubled, T2)
                  AND (v_called OR strpos(v_q, lower(t.typname COLLATE "C")) > 0
                       OR strpos(v_q, replace(lower(t.typname COLLATE "C"), '"', '""')) > 0));
        ELSE
            v_names := (
                SELECT jsonb_object_agg(c.oid::text, jsonb_build_array(n.nspname, c.relname,
                           (SELECT jsonb_object_agg(a.attnum::text, a.attname) FROM pg_attribute a
                            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)))
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'f', 'S') AND n.nspname <> 'pggit_v0'
                  AND n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'
                  -- only those the statement names (what it renames is named in it; all of
                  -- them when it runs dynamic SQL): every relation's names cost 100-190 ms a
                  -- rename on 5,500 relations
                  AND (strpos(v_q, 'execute') > 0 OR v_called
                       OR strpos(v_q, lower(c.relname COLLATE "C")) > 0
                       OR strpos(v_q, replace(lower(c.relname COLLATE "C"), '"', '""')) > 0));
        END IF;
        -- the names go to capture_names, which only these functions write; the setting
        -- only says that there are some (S3: a setting alone was forged by any role)
        IF v_names IS NOT NULL THEN
            INSERT INTO pggit_v0.capture_names AS k (backend, xid, names)
            VALUES (pg_backend_pid(), txid_current(), v_names)
            ON CONFLICT (backend) DO UPDATE SET xid = EXCLUDED.xid, names = EXCLUDED.names;
        END IF;
        PERFORM set_config('pggit.names_before', CASE WHEN v_names IS NULL THEN '' ELSE 'kept' END, true);
    EXCEPTION WHEN OTHERS THEN   -- never fail the user's DDL
        PERFORM set_config('pggit.names_before', '', true);
        PERFORM pggit_v0._capture_fault(TG_EVENT, TG_TAG, SQLSTATE, SQLERRM, current_query(), 'keeping names before a rename');
    END;
END
$$;
COMMENT ON FUNCTION pggit_v0._capture_names() IS
    'Event trigger function (ddl_command_start of ALTER TABLE/FOREIGN TABLE/SEQUENCE/TYPE that renames or moves): keeps table, sequence and column names (enum labels) by OID for _capture; never raises';

-- How _capture and _capture_drop number their rows.  What counts here is how many
-- plpgsql expressions and executor nodes a DDL runs, and how large: each is set up again
-- in every DDL's transaction (a cast or an inlined function call costs more to set up
-- than to run).  So: one INSERT of all the event's rows, no function call per row, and
-- the ids (see _capture_ids) without casts: the event's row k (its place in the command
-- list) gets id end - 256 + used + k, where used is the count of 'x' in
-- pggit.capture_block, while that stays within the block: its length in bytes less the
-- counter's and the colon (octet_length: no walk through up to 256 characters as
-- length, ltrim or split_part make, ~15k instructions a statement), trusted only when
-- the setting is 'x', anything, ':' and the counter (an older layer's 'next id:counter'
-- starts with a digit; a session that writes the setting itself can only spoil its own
-- block, as before).  Rows not logged (temporary
-- objects, the layer's own, extension members) and rows beyond the block go to
-- _capture_other, which adds an 'x' for each (their ids are used up, so that the next
-- event's ids follow all of this one's); then the event adds an 'x' per logged row.  If
-- the block was not this session's or ran out, the rows beyond it are logged afterwards
-- with ids from _capture_ids (which reserves a new block), in their order.

-- Called by _capture/_capture_drop for each command row whose quick test (the usual user
-- object, its id within the block) fails: true if the row is to be logged after all
-- (_capture_keeps says so and p_used + p_ord <= 256); else it marks the row's id used
-- (one more 'x' in pggit.capture_block) and returns false.
DROP FUNCTION IF EXISTS pggit_v0."_capture_other"(bigint, bigint, bigint, boolean);
DROP FUNCTION IF EXISTS pggit_v0."_capture_other"(bigint, bigint, bigint, boolean, text, text, text);
CREATE OR REPLACE FUNCTION pggit_v0._capture_other(p_used int, p_ord bigint, p_in_extension boolean,
                                                   p_schema text, p_type text, p_identity text)
RETURNS boolean
LANGUAGE plpgsql
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_set text;
BEGIN
    IF pggit_v0._capture_keeps(p_in_extension, p_schema, p_type, p_identity) AND p_used + p_ord <= 256 THEN
        RETURN true;
    END IF;
    v_set := set_config('pggit.capture_block', 'x' || current_setting('pggit.capture_block', true), false);
    RETURN false;
END
$$;
COMMENT ON FUNCTION pggit_v0._capture_other(int, bigint, boolean, text, text, text) IS
    'Capture''s slow test of a command row: true to log it with its id in the block, else marks its id used';

-- Whether capture logs a command: not of an extension, a temporary object, the layer's
-- schema or its objects, or a part of a layer table ("t on pggit_v0.refs"; a user's name
-- with that text in it is quoted, so it never ends the identity unquoted).  NULL counts
-- as false.  Inlinable (no SET clause, qualified names).
CREATE OR REPLACE FUNCTION pggit_v0._capture_keeps(p_in_extension boolean, p_schema text, p_type text,
                                                   p_identity text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
SELECT NOT p_in_extension
       AND (p_schema IS NULL OR (p_schema OPERATOR(pg_catalog.<>) 'pggit_v0'
                                 AND p_schema OPERATOR(pg_catalog.!~~) E'pg\\_temp%'
                                 AND p_schema OPERATOR(pg_catalog.!~~) E'pg\\_toast\\_temp%'))
       AND NOT (p_type OPERATOR(pg_catalog.=) 'schema' AND p_identity OPERATOR(pg_catalog.=) 'pggit_v0')
       -- LIKE first, the regular expression only for the identities that have the text
       AND NOT (coalesce(p_identity, '') OPERATOR(pg_catalog.~~) E'% on pggit\\_v0.%'
                AND p_identity OPERATOR(pg_catalog.~) E' on pggit_v0\\.[a-z_0-9]+$')
$$;
COMMENT ON FUNCTION pggit_v0._capture_keeps(boolean, text, text, text) IS
    'Whether capture logs a DDL command: not of an extension, a temporary object or the layer itself; inlinable';

-- Capture once more when its INSERT met an id already used (unique_violation): the
-- session wrote the setting pggit.capture_block itself, with fewer ids marked used than
-- it had used, so that the ids of its block it took again were its own earlier rows'.
-- A DDL was then logged nowhere, and the capture fault that followed took such an id
-- too and was lost as well (V1 of the December security round).  The setting is dropped
-- first, so that the rows take ids of a new block (_capture_ids reserves it after the
-- counter's last id, which only the owner's capture code moves: ids no row holds), in
-- their order.  It logs what the first try would have: for ddl_command_end, each
-- command (renamed_from and renamed_label as _capture's rename path, from
-- capture_names, whose row the failed try's DELETE left in place); for sql_drop, each
-- object dropped by name and the dropped tables' row estimates.  Only a DDL whose ids
-- clashed comes here: the usual one costs nothing more.  Never raises: an error is a
-- capture fault (whose id does not come from the setting either).  Invoker's rights:
-- called by _capture and _capture_drop (SECURITY DEFINER); not executable by PUBLIC.
CREATE OR REPLACE FUNCTION pggit_v0._capture_again(p_event text, p_tag text, p_q text, p_dur interval)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_names jsonb;
BEGIN
    PERFORM set_config('pggit.capture_block', '', false);
    IF p_event = 'sql_drop' THEN
        INSERT INTO pggit_v0.ddl_log (id, event, command_tag, object_type, object_identity, schema_name,
                                      statement, role_name, txid, branch, capture_duration, source)
        SELECT pggit_v0._capture_ids(1), p_event, p_tag, d.object_type, d.object_identity, d.schema_name, p_q,
               CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END,
               txid_current(), (SELECT h.branch FROM pggit_v0.head h), p_dur,
               nullif(left(current_setting('pggit.source', true), 1000), '')
        FROM pg_event_trigger_dropped_objects() WITH ORDINALITY d
        WHERE (d.original OR d.object_type = 'table column') AND NOT d.is_temporary
          AND pggit_v0._capture_keeps(false, d.schema_name, d.object_type, d.object_identity)
        ORDER BY d.ordinality;
        INSERT INTO pggit_v0.dropped_table_stats (id, txid, object_identity, schema_name, table_name,
                                                  live_tuples, original)
        SELECT pggit_v0._capture_ids(1), txid_current(), d.object_identity, d.schema_name, d.object_name,
               pg_stat_get_live_tuples(d.objid), d.original
        FROM pg_event_trigger_dropped_objects() d
        WHERE d.object_type = 'table' AND NOT d.is_temporary
          AND coalesce(d.schema_name, '') <> 'pggit_v0';
        RETURN;
    END IF;
    IF coalesce(current_setting('pggit.names_before', true), '') <> '' THEN
        DELETE FROM pggit_v0.capture_names k WHERE k.backend = pg_backend_pid()
        RETURNING CASE WHEN k.xid = txid_current() THEN k.names END INTO v_names;
        PERFORM set_config('pggit.names_before', '', true);
    END IF;
    INSERT INTO pggit_v0.ddl_log (id, event, command_tag, object_type, object_identity, schema_name,
                                  statement, role_name, txid, branch, capture_duration, renamed_from,
                                  renamed_label, source)
    SELECT pggit_v0._capture_ids(1), p_event, c.command_tag, c.object_type, c.object_identity, c.schema_name, p_q,
           CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END,
           txid_current(), (SELECT h.branch FROM pggit_v0.head h), p_dur,
           CASE WHEN v_names IS NOT NULL AND c.object_type IN ('table', 'table column', 'foreign table', 'sequence') THEN
               (SELECT nullif(x.old, c.object_identity)
                FROM (SELECT CASE WHEN c.objsubid = 0 THEN format('%I.%I', r->>0, r->>1)
                                  WHEN r->2->>(c.objsubid::text) IS NOT NULL
                                  THEN format('%I.%I.%I', r->>0, r->>1, r->2->>(c.objsubid::text)) END AS old
                      FROM (SELECT v_names->(c.objid::text) AS r) y
                      WHERE y.r IS NOT NULL) x) END,
           CASE WHEN v_names IS NOT NULL AND c.object_type = 'type' THEN
               (SELECT ARRAY[b.value, e.enumlabel::text]
                FROM jsonb_each_text(v_names->('t' || c.objid::text)) b
                JOIN pg_enum e ON e.oid = b.key::oid
                WHERE e.enumlabel <> b.value LIMIT 1) END,
           nullif(left(current_setting('pggit.source', true), 1000), '')
    FROM pg_event_trigger_ddl_commands() WITH ORDINALITY c
    WHERE pggit_v0._capture_keeps(c.in_extension, c.schema_name, c.object_type, c.object_identity)
    ORDER BY c.ordinality;
EXCEPTION WHEN OTHERS THEN   -- never fail the user's DDL
    PERFORM pggit_v0._capture_fault(p_event, p_tag, SQLSTATE, SQLERRM, coalesce(p_q, current_query()), 'capture');
END
$$;
COMMENT ON FUNCTION pggit_v0._capture_again(text, text, text, interval) IS
    'Capture once more with ids of a new block after ids clashed (a session that wrote pggit.capture_block itself); never raises, a fault otherwise';

-- Records the commands of the running ddl_command_end event, with the layer owner's
-- rights (SECURITY DEFINER: roles doing DDL need no rights on the log).  The role logged
-- is the one that ran the DDL: the SET ROLE in effect, else the session user.  Statement
-- text is kept up to 20,000 characters (a whole script sent as one query string would
-- otherwise be stored once per command it contains), with its secrets redacted
-- (_redact_secrets; only texts with a quote or a dollar sign can hold any, and only those
-- _may_hold_secrets lets through are rewritten).  Ids as above, so the session's
-- lastval() and currval() are left as they were.  Every layer table is named with its
-- schema.  Every error is trapped into capture_faults; if even that fails, a WARNING.
-- Its own duration (up to its INSERT) goes in the log rows; the setting pggit.source,
-- when set, is recorded as their source.
-- Not logged: the layer's install (pggit.installing = on) and the statements of a
-- large migration pgGit runs itself (pggit.applying = on: checkout_branch and
-- merge_branch with apply touching more than 50 objects, verify_migration), which
-- _settle_live logs as one entry once it has proved the result (57_migration.sql;
-- smaller ones are logged, pggit.applying = 'logged'): a capture per statement costs a subtransaction
-- (the exception block below), and in one large transaction each subtransaction's end
-- walks the transaction's relation cache and locks, so that logging a whole-schema
-- checkout command by command was quadratic (1,000 tables: 2 s of capture for 1.2 s of
-- DDL).  Either setting is the session's own, so it is honoured only in a transaction
-- holding the owner-only marker (a capture_faults row, id minus the transaction id,
-- event 'unlogged') that install.sql and _unlogged_begin (57_migration.sql) write: a
-- role that sets pggit.installing or pggit.applying itself is logged as usual.
CREATE OR REPLACE FUNCTION pggit_v0._capture() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_t0   timestamptz;
    v_q    text;
    v_ctr  bigint;   -- capture_ids now: the block ends at v_ctr / 2^24
    v_used int;      -- ids of the block used, NULL when it is not this session's
    v_dur  interval;
    v_n    int;
    v_names jsonb;   -- the names _capture_names kept before a rename (capture_names)
BEGIN
    -- (the settings first, in a simple expression: the EXISTS, a subquery, costs an
    -- executor start-up at every DDL when it is in the same expression, ~45k instructions)
    IF current_setting('pggit.installing', true) = 'on' OR current_setting('pggit.applying', true) = 'on' THEN
        IF EXISTS (SELECT 1 FROM pggit_v0.capture_faults f WHERE f.id = -txid_current() AND f.event = 'unlogged') THEN
            RETURN;   -- install.sql creating or upgrading the layer itself; a migration pgGit runs (see above)
        END IF;
    END IF;
    BEGIN
        v_t0 := clock_timestamp();
        v_q := current_query();
        IF octet_length(v_q) > 20000 OR strpos(v_q, '''') > 0 OR strpos(v_q, '$') > 0 THEN
            v_q := CASE WHEN octet_length(v_q) > 20000 AND length(v_q) > 20000
                        THEN pggit_v0._redact_secrets(left(v_q, 20000))
                             || E'\n-- [truncated by pgGit: ' || length(v_q) || ' characters]'
                        WHEN pggit_v0._may_hold_secrets(v_q) THEN pggit_v0._redact_secrets(v_q)   -- (inlined)
                        ELSE v_q END;
        END IF;
        v_ctr := coalesce(pg_catalog.pg_sequence_last_value('pggit_v0.capture_ids'::regclass), 0);
        v_used := CASE WHEN current_setting('pggit.capture_block', true) LIKE ('x%:' || v_ctr::text)
                            AND v_ctr % 16777216 = pg_backend_pid() % 16777216
                       THEN octet_length(current_setting('pggit.capture_block', true)) - octet_length(v_ctr::text) - 1
                       END;
        IF coalesce(current_setting('pggit.names_before', true), '') = '' THEN
            v_dur := clock_timestamp() - v_t0;   -- (here: a volatile call in the INSERT costs a node)
            INSERT INTO pggit_v0.ddl_log (id, event, command_tag, object_type, object_identity, schema_name,
                                          statement, role_name, txid, branch, capture_duration, source)
            SELECT v_ctr / 16777216 - 256 + v_used + c.ordinality, TG_EVENT, c.command_tag, c.object_type,
                   c.object_identity, c.schema_name, v_q,
                   CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END,
                   txid_current(), (SELECT h.branch FROM pggit_v0.head h), v_dur,
                   nullif(left(current_setting('pggit.source', true), 1000), '')
            FROM pg_event_trigger_ddl_commands() WITH ORDINALITY c
            -- the usual user object with its id in the block, else _capture_other decides
            WHERE CASE WHEN NOT c.in_extension AND c.schema_name <> 'pggit_v0' AND left(c.schema_name, 3) <> 'pg_'
                            AND strpos(c.object_identity, 'pggit_v0') = 0 AND v_used + c.ordinality <= 256
                       THEN true
                       -- an extension's member (CREATE EXTENSION runs many): not logged, its id used
                       WHEN c.in_extension
                       THEN set_config('pggit.capture_block', 'x' || current_setting('pggit.capture_block', true),
                                       false) IS NULL
                       ELSE pggit_v0._capture_other(v_used, c.ordinality, c.in_extension, c.schema_name,
                                                    c.object_type, c.object_identity) END;
            GET DIAGNOSTICS v_n = ROW_COUNT;
            -- the logged rows' ids are used too; past the block (or none), the rest now
            IF v_used IS NULL
               OR octet_length(set_config('pggit.capture_block', repeat('x', v_n)
                                          || current_setting('pggit.capture_block', true), false))
                  - octet_length(v_ctr::text) - 1 > 256 THEN
                INSERT INTO pggit_v0.ddl_log (id, event, command_tag, object_type, object_identity, schema_name,
                                              statement, role_name, txid, branch, capture_duration, source)
                SELECT pggit_v0._capture_ids(1), TG_EVENT, c.command_tag, c.object_type, c.object_identity,
                       c.schema_name, v_q,
                       CASE WHEN current_setting('role') = 'none' THEN session_user::text
                            ELSE current_setting('role') END,
                       txid_current(), (SELECT h.branch FROM pggit_v0.head h), v_dur,
                       nullif(left(current_setting('pggit.source', true), 1000), '')
                FROM pg_event_trigger_ddl_commands() WITH ORDINALITY c
                WHERE pggit_v0._capture_keeps(c.in_extension, c.schema_name, c.object_type, c.object_identity)
                  AND (v_used + c.ordinality <= 256) IS NOT TRUE
                ORDER BY c.ordinality;
            END IF;
        ELSE
            -- a rename (rare): renamed_from from the names _capture_names kept in this
            -- transaction (none when the setting was set by hand: S3); the block is
            -- given up first, so that rows beyond it take new ids from _capture_ids
            DELETE FROM pggit_v0.capture_names k WHERE k.backend = pg_backend_pid()
            RETURNING CASE WHEN k.xid = txid_current() THEN k.names END INTO v_names;
            PERFORM set_config('pggit.capture_block', '', false);
            INSERT INTO pggit_v0.ddl_log (id, event, command_tag, object_type, object_identity, schema_name,
                                          statement, role_name, txid, branch, capture_duration, renamed_from,
                                          renamed_label, source)
            SELECT CASE WHEN v_used + c.ordinality <= 256 THEN v_ctr / 16777216 - 256 + v_used + c.ordinality
                        ELSE pggit_v0._capture_ids(1) END,
                   TG_EVENT, c.command_tag, c.object_type, c.object_identity, c.schema_name, v_q,
                   CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END,
                   txid_current(), (SELECT h.branch FROM pggit_v0.head h), clock_timestamp() - v_t0,
                   CASE WHEN c.object_type IN ('table', 'table column', 'foreign table', 'sequence') THEN
                       (SELECT nullif(x.old, c.object_identity)
                        FROM (SELECT CASE WHEN c.objsubid = 0 THEN format('%I.%I', r->>0, r->>1)
                                          WHEN r->2->>(c.objsubid::text) IS NOT NULL
                                          THEN format('%I.%I.%I', r->>0, r->>1, r->2->>(c.objsubid::text)) END AS old
                              FROM (SELECT v_names->(c.objid::text) AS r) y
                              WHERE y.r IS NOT NULL) x) END,
                   CASE WHEN c.object_type = 'type' THEN   -- an enum's label renamed: before, after
                       (SELECT ARRAY[b.value, e.enumlabel::text]
                        FROM jsonb_each_text(v_names->('t' || c.objid::text)) b
                        JOIN pg_enum e ON e.oid = b.key::oid
                        WHERE e.enumlabel <> b.value LIMIT 1) END,
                   nullif(left(current_setting('pggit.source', true), 1000), '')
            FROM pg_event_trigger_ddl_commands() WITH ORDINALITY c
            WHERE pggit_v0._capture_keeps(c.in_extension, c.schema_name, c.object_type, c.object_identity)
            ORDER BY c.ordinality;
            PERFORM set_config('pggit.names_before', '', true);
        END IF;
    EXCEPTION WHEN unique_violation THEN   -- ids the session had used (it wrote pggit.capture_block itself)
        PERFORM pggit_v0._capture_again(TG_EVENT, TG_TAG, v_q, clock_timestamp() - v_t0);
    WHEN OTHERS THEN   -- never fail the user's DDL: record why instead
        PERFORM pggit_v0._capture_fault(TG_EVENT, TG_TAG, SQLSTATE, SQLERRM, coalesce(v_q, current_query()), 'capture');
    END;
END
$$;
COMMENT ON FUNCTION pggit_v0._capture() IS
    'Event trigger function (ddl_command_end): logs each DDL command (statement redacted, provenance from the setting pggit.source); leaves lastval()/currval() alone; never raises, traps errors into capture_faults';

-- The same for the sql_drop event: logs each object dropped by name (original, not
-- temporary, not the layer's) and each column dropped with another object (DROP TYPE
-- ... CASCADE takes the columns of that type along: a column re-added under the name
-- later is another one, as after DROP COLUMN), and stores every dropped table's live row estimate in
-- dropped_table_stats while the statistics still hold it (for detect_anomalies).
CREATE OR REPLACE FUNCTION pggit_v0._capture_drop() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_t0   timestamptz;
    v_q    text;
    v_ctr  bigint;
    v_used int;
    v_dur  interval;
    v_n    int;
BEGIN
    IF current_setting('pggit.installing', true) = 'on' OR current_setting('pggit.applying', true) = 'on' THEN
        IF EXISTS (SELECT 1 FROM pggit_v0.capture_faults f WHERE f.id = -txid_current() AND f.event = 'unlogged') THEN
            RETURN;   -- as in _capture
        END IF;
    END IF;
    BEGIN
        v_t0 := clock_timestamp();
        v_q := current_query();
        IF octet_length(v_q) > 20000 OR strpos(v_q, '''') > 0 OR strpos(v_q, '$') > 0 THEN
            v_q := CASE WHEN octet_length(v_q) > 20000 AND length(v_q) > 20000
                        THEN pggit_v0._redact_secrets(left(v_q, 20000))
                             || E'\n-- [truncated by pgGit: ' || length(v_q) || ' characters]'
                        WHEN pggit_v0._may_hold_secrets(v_q) THEN pggit_v0._redact_secrets(v_q)
                        ELSE v_q END;
        END IF;
        v_ctr := coalesce(pg_catalog.pg_sequence_last_value('pggit_v0.capture_ids'::regclass), 0);
        v_used := CASE WHEN current_setting('pggit.capture_block', true) LIKE ('x%:' || v_ctr::text)
                            AND v_ctr % 16777216 = pg_backend_pid() % 16777216
                       THEN octet_length(current_setting('pggit.capture_block', true)) - octet_length(v_ctr::text) - 1
                       END;
        v_dur := clock_timestamp() - v_t0;
        INSERT INTO pggit_v0.ddl_log (id, event, command_tag, object_type, object_identity, schema_name, statement,
                                      role_name, txid, branch, capture_duration, source)
        SELECT v_ctr / 16777216 - 256 + v_used + d.ordinality, TG_EVENT, TG_TAG, d.object_type, d.object_identity,
               d.schema_name, v_q,
               CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END,
               txid_current(), (SELECT h.branch FROM pggit_v0.head h), v_dur,
               nullif(left(current_setting('pggit.source', true), 1000), '')
        FROM pg_event_trigger_dropped_objects() WITH ORDINALITY d
        WHERE CASE WHEN (d.original OR d.object_type = 'table column') AND NOT d.is_temporary
                        AND d.schema_name <> 'pggit_v0'
                        AND left(d.schema_name, 3) <> 'pg_' AND strpos(d.object_identity, 'pggit_v0') = 0
                        AND v_used + d.ordinality <= 256
                   THEN true
                   -- what went with the object dropped (its type, indexes...): not logged, its id used
                   WHEN NOT (d.original OR d.object_type = 'table column') OR d.is_temporary
                   THEN set_config('pggit.capture_block', 'x' || current_setting('pggit.capture_block', true),
                                   false) IS NULL
                   ELSE pggit_v0._capture_other(v_used, d.ordinality,
                                                ((d.original OR d.object_type = 'table column') AND NOT d.is_temporary)
                                                IS NOT TRUE,
                                                d.schema_name, d.object_type, d.object_identity) END;
        GET DIAGNOSTICS v_n = ROW_COUNT;
        IF v_used IS NULL
           OR octet_length(set_config('pggit.capture_block', repeat('x', v_n)
                                      || current_setting('pggit.capture_block', true), false))
              - octet_length(v_ctr::text) - 1 > 256 THEN
            INSERT INTO pggit_v0.ddl_log (id, event, command_tag, object_type, object_identity, schema_name,
                                          statement, role_name, txid, branch, capture_duration, source)
            SELECT pggit_v0._capture_ids(1), TG_EVENT, TG_TAG, d.object_type, d.object_identity, d.schema_name, v_q,
                   CASE WHEN current_setting('role') = 'none' THEN session_user::text ELSE current_setting('role') END,
                   txid_current(), (SELECT h.branch FROM pggit_v0.head h), v_dur,
                   nullif(left(current_setting('pggit.source', true), 1000), '')
            FROM pg_event_trigger_dropped_objects() WITH ORDINALITY d
            WHERE (d.original OR d.object_type = 'table column') AND NOT d.is_temporary
              AND pggit_v0._capture_keeps(false, d.schema_name, d.object_type, d.object_identity)
              AND (v_used + d.ordinality <= 256) IS NOT TRUE
            ORDER BY d.ordinality;
        END IF;
        -- every dropped table's live row estimate, also of those dropped with another
        -- object, while the statistics still hold it (for detect_anomalies)
        INSERT INTO pggit_v0.dropped_table_stats (id, txid, object_identity, schema_name, table_name,
                                                  live_tuples, original)
        SELECT pggit_v0._capture_ids(1), txid_current(), d.object_identity, d.schema_name, d.object_name,
               pg_stat_get_live_tuples(d.objid), d.original
        FROM pg_event_trigger_dropped_objects() d
        WHERE d.object_type = 'table' AND NOT d.is_temporary
          AND coalesce(d.schema_name, '') <> 'pggit_v0';
    EXCEPTION WHEN unique_violation THEN   -- ids the session had used (it wrote pggit.capture_block itself)
        PERFORM pggit_v0._capture_again(TG_EVENT, TG_TAG, v_q, clock_timestamp() - v_t0);
    WHEN OTHERS THEN   -- never fail the user's DDL: record why instead
        PERFORM pggit_v0._capture_fault(TG_EVENT, TG_TAG, SQLSTATE, SQLERRM, coalesce(v_q, current_query()), 'capture');
    END;
END
$$;
COMMENT ON FUNCTION pggit_v0._capture_drop() IS
    'Event trigger function (sql_drop): logs each object dropped by name and dropped tables'' row estimates; leaves lastval()/currval() alone; never raises, traps errors into capture_faults';

-- Roles may call the layer's functions (each checks its own rights through the tables).
GRANT USAGE ON SCHEMA pggit_v0 TO PUBLIC;

-- Install (or reinstall) the event triggers; without the privilege, snapshot-only mode.
SET LOCAL client_min_messages = notice;
DO $capture$
BEGIN
    BEGIN
        IF EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'pggit_v0_capture_ddl') THEN
            DROP EVENT TRIGGER pggit_v0_capture_ddl;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'pggit_v0_capture_drop') THEN
            DROP EVENT TRIGGER pggit_v0_capture_drop;
        END IF;
        CREATE EVENT TRIGGER pggit_v0_capture_ddl ON ddl_command_end
            EXECUTE FUNCTION pggit_v0._capture();
        CREATE EVENT TRIGGER pggit_v0_capture_drop ON sql_drop
            EXECUTE FUNCTION pggit_v0._capture_drop();
        IF EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'pggit_v0_capture_names') THEN
            DROP EVENT TRIGGER pggit_v0_capture_names;
        END IF;
        CREATE EVENT TRIGGER pggit_v0_capture_names ON ddl_command_start
            WHEN TAG IN ('ALTER TABLE', 'ALTER FOREIGN TABLE', 'ALTER SEQUENCE', 'ALTER TYPE')
            EXECUTE FUNCTION pggit_v0._capture_names();
        -- ALWAYS: also in sessions with session_replication_role = replica
        ALTER EVENT TRIGGER pggit_v0_capture_ddl ENABLE ALWAYS;
        ALTER EVENT TRIGGER pggit_v0_capture_drop ENABLE ALWAYS;
        ALTER EVENT TRIGGER pggit_v0_capture_names ENABLE ALWAYS;
        INSERT INTO pggit_v0.meta (key, value) VALUES ('capture', 'event_triggers')
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now();
    EXCEPTION WHEN insufficient_privilege THEN
        INSERT INTO pggit_v0.meta (key, value) VALUES ('capture', 'snapshot-only')
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now();
        RAISE NOTICE 'pgGit installed in snapshot-only mode: % (role %)', SQLERRM, current_user
              USING HINT = 'Commits, diffs and history work from snapshots; DDL is not logged. Reinstall as a superuser to enable capture.';
    END;
END
$capture$;
SET LOCAL client_min_messages = warning;

-- Whether DDL capture is on: mode, both event triggers present and enabled; the detail
-- also says when the rename trigger (pggit_v0_capture_names) is missing or disabled.
CREATE OR REPLACE FUNCTION pggit_v0.capture_status()
RETURNS TABLE (mode text, enabled boolean, detail text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH t AS (
    SELECT count(*) FILTER (WHERE e.evtenabled <> 'D' AND e.evtname <> 'pggit_v0_capture_names') AS on_count,
           count(*) FILTER (WHERE e.evtname <> 'pggit_v0_capture_names') AS present,
           count(*) FILTER (WHERE e.evtenabled <> 'D' AND e.evtname = 'pggit_v0_capture_names') AS names_on
    FROM pg_event_trigger e
    WHERE e.evtname IN ('pggit_v0_capture_ddl', 'pggit_v0_capture_drop', 'pggit_v0_capture_names')
)
SELECT coalesce((SELECT m.value FROM pggit_v0.meta m WHERE m.key = 'capture'), 'snapshot-only'),
       t.on_count = 2,
       CASE WHEN t.on_count = 2 THEN 'event triggers pggit_v0_capture_ddl and pggit_v0_capture_drop are enabled'
                 || CASE WHEN t.names_on = 0
                         THEN '; renames are not recorded (pggit_v0_capture_names missing or disabled): they migrate as drop and add'
                         ELSE '' END
            WHEN t.present = 0 THEN 'capture disabled: no event triggers (snapshot-only mode); DDL is not logged'
            ELSE 'capture disabled: ' || (2 - t.on_count) || ' of 2 event triggers missing or disabled' END
FROM t
$$;
COMMENT ON FUNCTION pggit_v0.capture_status() IS
    'Capture mode (event_triggers or snapshot-only), whether it is enabled, and why not';
