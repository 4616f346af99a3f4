-- Commits: snapshot the schema into a content-addressed commit on the current branch,
-- and read history back.

-- The tree of a commit.
CREATE OR REPLACE FUNCTION pggit_v0._commit_tree(p_commit text) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$ SELECT tree_sha FROM commit_graph WHERE commit_sha = p_commit $$;

-- The canonical text of a commit object (what its sha is computed over).  The only
-- place the format is written: _write_commit and the integrity check both use it.
-- (PL/pgSQL: its plan is kept for the session; as a SQL function with a SET clause it
-- was planned at every call, 0.2 ms, once per commit and per commit the fsck reads.)
CREATE OR REPLACE FUNCTION pggit_v0._commit_text(p_tree text, p_parents text[], p_author text,
                                                p_at timestamptz, p_message text)
RETURNS text
LANGUAGE plpgsql IMMUTABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    RETURN 'tree ' || p_tree || E'\n'
        || coalesce((SELECT string_agg('parent ' || u.p, E'\n' ORDER BY u.o) || E'\n'
                     FROM unnest(p_parents) WITH ORDINALITY AS u(p, o)), '')
        || 'author ' || replace(p_author, E'\n', ' ') || E'\n'
        || 'committed_at ' || to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || E'\n'
        || E'\n' || p_message;
END
$$;

-- Remember which commit's tree the live schema equals (apart from DDL logged since):
-- set by commits, by checkouts and merges that migrate the live schema, and at install.
-- A HEAD that moved without migrating (checkout_branch without apply, ...) no longer
-- matches it, and the next commit takes a full snapshot.  p_exact: the tree is a
-- snapshot of the live schema (a commit, or the install's baseline: the default while
-- pggit.installing = on).  A migration proves the schema equal to its target's tree
-- but for column order (a column added at the end that the target has in the middle),
-- so after one, incremental commits and status() wait for a full read (meta
-- live_base_exact names the live base only when it is exact).  (_commit_snapshot writes
-- the same two rows with its log horizon, in one statement.)
DROP FUNCTION IF EXISTS pggit_v0."_set_live_base"(text);
CREATE OR REPLACE FUNCTION pggit_v0._set_live_base(p_sha text, p_exact boolean DEFAULT NULL) RETURNS void
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
INSERT INTO meta (key, value)
VALUES ('live_base', p_sha),
       ('live_base_exact', CASE WHEN coalesce(p_exact, current_setting('pggit.installing', true) = 'on')
                                THEN p_sha ELSE '' END)
ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()
$$;
COMMENT ON FUNCTION pggit_v0._set_live_base(text, boolean) IS
    'Records the commit whose tree the live schema equals (apart from DDL logged since), and whether exactly (column order too)';

-- What DDL capture cannot see, as one fingerprint: statements that fire no event
-- trigger yet change what a snapshot records.  Those are role renames (owners and
-- grants name roles), REASSIGN OWNED (the set of roles owning objects here changes:
-- the old owner owns nothing any more), CLUSTER (CLUSTER ON) and CREATE/ALTER EVENT
-- TRIGGER.  Creating or dropping objects leaves it alone unless a role starts or stops
-- being named here; so does creating roles that this database does not use.
-- Costs a scan of the role entries of pg_shdepend and of pg_index (about 1 ms for 1,000 tables).
-- (PL/pgSQL: its plan is kept for the session; a SQL function is planned per call.)
-- _capture_epoch() writes the same expression out: a change here must be made there too.
CREATE OR REPLACE FUNCTION pggit_v0._uncaptured_fingerprint() RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_db oid := (SELECT db.oid FROM pg_database db WHERE db.datname = current_database());
BEGIN
RETURN md5(concat_ws('|',
    (SELECT string_agg(e.oid::text || ':' || e.xmin::text || ':' || e.evtenabled::text, ',' ORDER BY e.oid)
     FROM pg_event_trigger e),
    (SELECT string_agg(i.indexrelid::text, ',' ORDER BY i.indexrelid) FROM pg_index i
     WHERE i.indexrelid >= 16384 AND i.indisclustered),
    -- the roles this database's objects name (owners, grantees, policy roles: recorded in
    -- pg_shdepend, except the bootstrap superuser), with their names and whether they own
    -- something: roles other databases use leave it alone.  (Names by pg_get_userbyid,
    -- not a join with the pg_roles view: a session's first commit planned the view, 1.5 ms.)
    (SELECT string_agg(d.refobjid::text || ':' || pg_get_userbyid(d.refobjid) || ':' || d.owns::text, ','
                       ORDER BY d.refobjid)
     FROM (SELECT sd.refobjid, bool_or(sd.deptype = 'o') AS owns FROM pg_shdepend sd
           WHERE sd.refclassid = 'pg_authid'::regclass AND sd.dbid = v_db GROUP BY sd.refobjid) d)));
END
$$;
COMMENT ON FUNCTION pggit_v0._uncaptured_fingerprint() IS
    'md5 over what fires no event trigger but shows in snapshots: event triggers, role names, the roles owning user objects, CLUSTER marks';

-- Identity of the DDL capture in force: the event triggers' catalog row versions and
-- enabled states, and _uncaptured_fingerprint().  Dropping, recreating, disabling or
-- re-enabling the triggers changes it, and so does a change capture cannot log, so a
-- commit can tell whether the log covers everything since its parent.
-- NULL without capture (snapshot-only mode).
CREATE OR REPLACE FUNCTION pggit_v0._capture_epoch() RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    -- (_uncaptured_fingerprint() written out, the same text: one function and one
    -- statement fewer to set up in a session's first commit; its subqueries run only
    -- when capture is on)
    RETURN (SELECT CASE WHEN count(*) = 2 AND bool_and(e.evtenabled IN ('O', 'A'))
                        THEN string_agg(e.evtname || ':' || e.xmin::text || ':' || e.evtenabled::text, ','
                                        ORDER BY e.evtname) || ';' || md5(concat_ws('|',
            (SELECT string_agg(t.oid::text || ':' || t.xmin::text || ':' || t.evtenabled::text, ',' ORDER BY t.oid)
             FROM pg_event_trigger t),
            (SELECT string_agg(i.indexrelid::text, ',' ORDER BY i.indexrelid) FROM pg_index i
             WHERE i.indexrelid >= 16384 AND i.indisclustered),
            (SELECT string_agg(d.refobjid::text || ':' || pg_get_userbyid(d.refobjid) || ':' || d.owns::text, ','
                               ORDER BY d.refobjid)
             FROM (SELECT sd.refobjid, bool_or(sd.deptype = 'o') AS owns FROM pg_shdepend sd
                   WHERE sd.refclassid = 'pg_authid'::regclass
                     AND sd.dbid = (SELECT db.oid FROM pg_database db WHERE db.datname = current_database())
                   GROUP BY sd.refobjid) d))) END
            FROM pg_event_trigger e
            WHERE e.evtname IN ('pggit_v0_capture_ddl', 'pggit_v0_capture_drop'));
END
$$;
COMMENT ON FUNCTION pggit_v0._capture_epoch() IS
    'Identity of the capture event triggers (row versions, enabled states) and of what capture cannot log; NULL when capture is off';

-- Write a commit object for p_tree with the given parents; no ref is moved.  p_epoch:
-- the capture epoch to record (_capture_epoch(), which the 6-argument form computes;
-- _commit_snapshot passes the one it computed already).
CREATE OR REPLACE FUNCTION pggit_v0._write_commit(p_tree text, p_parents text[], p_author text,
                                                 p_message text, p_branch text, p_rows int, p_epoch text)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_at      timestamptz := clock_timestamp();
    v_content text;
    v_sha     text;
    v_changes int;
    v_parent_tree text;
BEGIN
    v_content := _commit_text(p_tree, p_parents, p_author, v_at, p_message);
    v_sha := _sha('commit', v_content);

    IF coalesce(cardinality(p_parents), 0) > 0 THEN
        v_parent_tree := (SELECT c.tree_sha FROM commit_graph c WHERE c.commit_sha = p_parents[1]);
    END IF;
    IF coalesce(cardinality(p_parents), 0) = 0 OR v_parent_tree = _empty_tree() THEN
        -- (every blob is new: counted without the diff's walk of both trees, 42 -> 20 ms
        -- for the first commit of 1,000 tables after the install's empty one)
        SELECT count(*) INTO v_changes FROM _tree_blobs(p_tree);
    ELSIF v_parent_tree = p_tree THEN
        v_changes := 0;   -- (the parent's tree: no diff to plan and walk)
    ELSE
        -- (the inlinable twin: planned once a session with this statement; _diff_trees,
        -- a function with a SET clause, was planned again at every commit, ~0.9 ms)
        SELECT count(*) INTO v_changes FROM _diff_trees_q(v_parent_tree, p_tree);
    END IF;

    INSERT INTO objects (sha, type, size, content)
    VALUES (v_sha, 'commit', octet_length(v_content), v_content);
    INSERT INTO commit_graph (commit_sha, tree_sha, author, message, committed_at, branch, changes, rows_written,
                              capture_epoch)
    VALUES (v_sha, p_tree, p_author, p_message, v_at, p_branch, v_changes,
            p_rows + 2 + coalesce(cardinality(p_parents), 0), p_epoch);
    INSERT INTO commit_parents (commit_sha, position, parent_sha)
    SELECT v_sha, o, p FROM unnest(p_parents) WITH ORDINALITY AS u(p, o);
    RETURN v_sha;
END
$$;
COMMENT ON FUNCTION pggit_v0._write_commit(text, text[], text, text, text, int, text) IS
    'Stores a commit object (with the given capture epoch) and its graph rows for a tree and ordered parents; moves no ref';

CREATE OR REPLACE FUNCTION pggit_v0._write_commit(p_tree text, p_parents text[], p_author text,
                                                 p_message text, p_branch text, p_rows int DEFAULT 0)
RETURNS text
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$ SELECT pggit_v0._write_commit(p_tree, p_parents, p_author, p_message, p_branch, p_rows, pggit_v0._capture_epoch()) $$;
COMMENT ON FUNCTION pggit_v0._write_commit(text, text[], text, text, text, int) IS
    'Stores a commit object and its graph rows for a tree and ordered parents; moves no ref';

-- The sha256 of each DDL log entry's row (all entries, or those not yet linked to a
-- commit): what the link chain in ddl_log_commits covers.  With the owner's rights, so
-- roles that may not read statement texts can still check the chain.  The provenance
-- label (source, added by 70_capture.sql) is hashed only when set, so entries logged
-- before it existed keep their shas and an upgraded install still verifies.  The time
-- is written in UTC whatever the session's TimeZone (as jsonb writes a timestamptz when
-- TimeZone is UTC): it was written in the session's, so an entry linked in one time
-- zone failed validate_data_integrity() in another.  _ddl_entry_sha_local is that
-- former form, which the integrity check still accepts for links made with it.
-- (_ddl_entry_sha: no SET clause, STABLE as the calls in it are, names qualified: inlined
-- into its callers, which pin search_path.  With a SET clause it was a function call of
-- its own per entry, ~17 us: linking the 7,200 entries of a 1,000-table load took 127 ms.)
CREATE OR REPLACE FUNCTION pggit_v0._ddl_entry_sha(l pggit_v0.ddl_log) RETURNS text
LANGUAGE sql STABLE
AS $$
SELECT pggit_v0._sha('ddl', (pg_catalog.jsonb_build_array(
                                 l.id, (pg_catalog.to_jsonb(pg_catalog.timezone('UTC', l.logged_at)) OPERATOR(pg_catalog.#>>) '{}')
                                       OPERATOR(pg_catalog.||) '+00:00',
                                 l.event, l.command_tag, l.object_type,
                                 l.object_identity, l.schema_name, l.statement, l.role_name,
                                 l.txid, l.branch, l.renamed_from)
                             OPERATOR(pg_catalog.||) CASE WHEN l.source IS NULL THEN '[]'::pg_catalog.jsonb
                                                          ELSE pg_catalog.jsonb_build_array(l.source) END)::text)
$$;
CREATE OR REPLACE FUNCTION pggit_v0._ddl_entry_sha_local(l pggit_v0.ddl_log) RETURNS text
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT pggit_v0._sha('ddl', (jsonb_build_array(l.id, l.logged_at, l.event, l.command_tag, l.object_type,
                                               l.object_identity, l.schema_name, l.statement, l.role_name,
                                               l.txid, l.branch, l.renamed_from)
                             || CASE WHEN l.source IS NULL THEN '[]'::jsonb
                                     ELSE jsonb_build_array(l.source) END)::text)
$$;
COMMENT ON FUNCTION pggit_v0._ddl_entry_sha_local(pggit_v0.ddl_log) IS
    'The former sha of a DDL log entry (its time in the session''s TimeZone), accepted for links made with it';
COMMENT ON FUNCTION pggit_v0._ddl_entry_sha(pggit_v0.ddl_log) IS
    'sha256 over one DDL log entry''s fields (the input of its link in the hash chain)';

DROP FUNCTION IF EXISTS pggit_v0._ddl_log_shas(boolean);
CREATE OR REPLACE FUNCTION pggit_v0._ddl_log_shas(p_pending_only boolean)
RETURNS TABLE (id bigint, entry_sha text, local_sha text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT l.id, pggit_v0._ddl_entry_sha(l), pggit_v0._ddl_entry_sha_local(l)
FROM pggit_v0.ddl_log l
WHERE NOT p_pending_only OR NOT EXISTS (SELECT 1 FROM pggit_v0.ddl_log_commits lc WHERE lc.log_id = l.id)
$$;
COMMENT ON FUNCTION pggit_v0._ddl_log_shas(boolean) IS
    'sha256 over each DDL log entry''s fields (id, time, event, tag, object, statement, role, transaction, branch, rename, and source when set)';

-- Where this database's transaction ids live: the cluster's system identifier and the
-- database's oid.  A log horizon (below) holds only here: a database restored from a
-- dump, or cloned as a template, counts transactions elsewhere and starts without one.
-- (PL/pgSQL: its plan is kept for the session; a SQL function is planned per call, and
-- every commit calls this three times.)
CREATE OR REPLACE FUNCTION pggit_v0._xid_space() RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    RETURN (SELECT c.system_identifier::text FROM pg_control_system() c) || ':'
           || (SELECT d.oid::text FROM pg_database d WHERE d.datname = current_database());
END
$$;
COMMENT ON FUNCTION pggit_v0._xid_space() IS
    'The cluster''s system identifier and this database''s oid: where the log horizon''s transaction ids are valid';

-- The DDL log entries not yet linked to a commit, as they are now.  A commit takes
-- this set once, before it reads the catalog, and links exactly it: DDL that other
-- sessions commit meanwhile stays pending for the next commit (which reads those
-- objects again) instead of being linked to a tree that may not show it.  Only entries
-- of transactions at or above the horizon the last commit left (meta log_horizon,
-- "<xid space>:<xid>", see _commit_snapshot) can be pending, so this reads the log's
-- newest rows by index; without a valid horizon it reads the whole log.
-- (PL/pgSQL: its plan is kept for the session; a SQL function is planned per call.)
-- p_space: _xid_space(), when the caller has it already.
DROP FUNCTION IF EXISTS pggit_v0._pending_log_ids();
CREATE OR REPLACE FUNCTION pggit_v0._pending_log_ids(p_space text DEFAULT NULL) RETURNS bigint[]
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_space   text := coalesce(p_space, pggit_v0._xid_space());
    v_horizon bigint;
BEGIN
    -- (the horizon first, so that the query below is planned knowing it: the few
    -- entries above it are read by index and each looked up in ddl_log_commits by its
    -- key; with the horizon a subquery the planner expected a third of the log and
    -- hashed all of ddl_log_commits, which grows with every commit)
    v_horizon := coalesce((SELECT substr(m.value, length(v_space) + 2)::bigint
                           FROM pggit_v0.meta m
                           WHERE m.key = 'log_horizon' AND m.value LIKE v_space || ':%'), 0);
    -- (each entry looked up by its key, OFFSET 0: commits run under force_generic_plan,
    -- whose plan, made not knowing the horizon, expected a third of the log and, as an
    -- anti-join, hashed all of ddl_log_commits, which grows with every commit: 1.2 ms
    -- warm at 7,200 entries, ~3 ms cold)
    RETURN (SELECT coalesce(array_agg(l.id ORDER BY l.id), ARRAY[]::bigint[]) FROM pggit_v0.ddl_log l
            WHERE l.txid >= v_horizon
              AND NOT EXISTS (SELECT 1 FROM pggit_v0.ddl_log_commits lc WHERE lc.log_id = l.id OFFSET 0));
END
$$;
COMMENT ON FUNCTION pggit_v0._pending_log_ids(text) IS 'Ids of the DDL log entries not yet linked to a commit';

-- Link the DDL log entries p_ids (taken with _pending_log_ids() before the catalog was
-- read) that are still unlinked to p_sha, as one batch of the hash chain: each link
-- keeps its entry's sha, and the batch's chain_sha = sha256 of the previous batch's
-- chain_sha and the entries' shas in id order.  Runs under the history lock (batches
-- are numbered by seq).
DROP FUNCTION IF EXISTS pggit_v0._link_pending(text);
CREATE OR REPLACE FUNCTION pggit_v0._link_pending(p_sha text, p_ids bigint[]) RETURNS int
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_n int;
BEGIN
    IF cardinality(p_ids) = 0 THEN
        RETURN 0;
    END IF;
    WITH pending AS MATERIALIZED (
        SELECT l.id, pggit_v0._ddl_entry_sha(l) AS entry_sha FROM pggit_v0.ddl_log l
        WHERE l.id = ANY (p_ids)
          AND NOT EXISTS (SELECT 1 FROM pggit_v0.ddl_log_commits lc WHERE lc.log_id = l.id)
    ),
    prev AS (
        SELECT lc.seq, lc.chain_sha FROM pggit_v0.ddl_log_commits lc WHERE lc.seq IS NOT NULL
        ORDER BY lc.seq DESC LIMIT 1
    ),
    batch AS (
        SELECT coalesce((SELECT p.seq FROM prev p), 0) + 1 AS seq,
               pggit_v0._sha('ddl-chain', coalesce((SELECT p.chain_sha FROM prev p), '') || E'\n'
                                          || string_agg(x.entry_sha, E'\n' ORDER BY x.id)) AS chain_sha
        FROM pending x
    )
    INSERT INTO pggit_v0.ddl_log_commits (log_id, commit_sha, seq, entry_sha, chain_sha)
    SELECT x.id, p_sha, b.seq, x.entry_sha, b.chain_sha FROM pending x CROSS JOIN batch b;
    GET DIAGNOSTICS v_n = ROW_COUNT;
    RETURN v_n;
END
$$;

-- The objects whose recorded text names relation p_rel (or only its column p_attnum),
-- as (schema, name) pairs to snapshot again after a rename: views and materialized
-- views reading it, tables whose constraints, defaults, triggers, policies or indexes
-- use it, sequences it owns, routines with SQL-standard bodies, statistics objects and
-- publications, routines whose signature names its row type.  p_classid: the catalog
-- of p_rel when it is not a relation (pg_proc for
-- a routine, pg_type for a type or domain: then also the routines, types and columns
-- that use it).  A dependent of any other kind gives a NULL name (the caller then takes
-- a full snapshot).  From pg_depend: one index range scan.
DROP FUNCTION IF EXISTS pggit_v0."_rename_dependants"(oid, int2);
CREATE OR REPLACE FUNCTION pggit_v0._rename_dependants(p_rel oid, p_attnum int2 DEFAULT NULL,
                                                      p_classid oid DEFAULT 'pg_class'::regclass)
RETURNS TABLE (schema_name text, name text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT DISTINCT x.s, x.n
FROM (SELECT * FROM pg_depend d
      WHERE d.refclassid = p_classid AND d.refobjid = p_rel AND (p_attnum IS NULL OR d.refobjsubid = p_attnum)
      UNION ALL   -- a renamed or moved relation: also what uses its row type (a routine's signature)
      SELECT d.* FROM pg_class c JOIN pg_depend d ON d.refclassid = 'pg_type'::regclass AND d.refobjid = c.reltype
      WHERE p_classid = 'pg_class'::regclass AND p_attnum IS NULL AND c.oid = p_rel AND c.reltype <> 0) d
CROSS JOIN LATERAL (
    SELECT CASE d.classid
             WHEN 'pg_rewrite'::regclass THEN (SELECT ARRAY[n.nspname::text, c.relname::text] FROM pg_rewrite r
                                               JOIN pg_class c ON c.oid = r.ev_class
                                               JOIN pg_namespace n ON n.oid = c.relnamespace WHERE r.oid = d.objid)
             WHEN 'pg_constraint'::regclass THEN (SELECT ARRAY[n.nspname::text, coalesce(c.relname, t.typname)::text]
                                                  FROM pg_constraint k
                                                  LEFT JOIN pg_class c ON c.oid = k.conrelid
                                                  LEFT JOIN pg_type t ON t.oid = k.contypid
                                                  JOIN pg_namespace n ON n.oid = coalesce(c.relnamespace, t.typnamespace)
                                                  WHERE k.oid = d.objid)
             WHEN 'pg_attrdef'::regclass THEN (SELECT ARRAY[n.nspname::text, c.relname::text] FROM pg_attrdef a
                                               JOIN pg_class c ON c.oid = a.adrelid
                                               JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.oid = d.objid)
             WHEN 'pg_trigger'::regclass THEN (SELECT ARRAY[n.nspname::text, c.relname::text] FROM pg_trigger g
                                               JOIN pg_class c ON c.oid = g.tgrelid
                                               JOIN pg_namespace n ON n.oid = c.relnamespace WHERE g.oid = d.objid)
             WHEN 'pg_policy'::regclass THEN (SELECT ARRAY[n.nspname::text, c.relname::text] FROM pg_policy o
                                              JOIN pg_class c ON c.oid = o.polrelid
                                              JOIN pg_namespace n ON n.oid = c.relnamespace WHERE o.oid = d.objid)
             WHEN 'pg_class'::regclass THEN (SELECT ARRAY[n.nspname::text, coalesce(t.relname, c.relname)::text]
                                             FROM pg_class c
                                             LEFT JOIN pg_index i ON i.indexrelid = c.oid
                                             LEFT JOIN pg_class t ON t.oid = i.indrelid
                                             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = d.objid)
             WHEN 'pg_proc'::regclass THEN (SELECT ARRAY[n.nspname::text, f.proname::text] FROM pg_proc f
                                            JOIN pg_namespace n ON n.oid = f.pronamespace WHERE f.oid = d.objid)
             WHEN 'pg_statistic_ext'::regclass THEN (SELECT ARRAY[n.nspname::text, x.stxname::text]
                                                     FROM pg_statistic_ext x
                                                     JOIN pg_namespace n ON n.oid = x.stxnamespace WHERE x.oid = d.objid)
             WHEN 'pg_publication_rel'::regclass THEN (SELECT ARRAY['pg_database', b.pubname::text]
                                                       FROM pg_publication_rel pr
                                                       JOIN pg_publication b ON b.oid = pr.prpubid WHERE pr.oid = d.objid)
             WHEN 'pg_type'::regclass THEN (SELECT ARRAY[n.nspname::text, t.typname::text] FROM pg_type t
                                            JOIN pg_namespace n ON n.oid = t.typnamespace
                                            WHERE t.oid = d.objid
                                              AND (p_classid <> 'pg_class'::regclass OR t.typrelid <> p_rel))
           END AS ident
) i
CROSS JOIN LATERAL (SELECT i.ident[1] AS s, i.ident[2] AS n) x
WHERE d.deptype IN ('n', 'a')
  AND NOT (d.classid = 'pg_type'::regclass AND i.ident IS NULL)   -- the relation's own row type
$$;
COMMENT ON FUNCTION pggit_v0._rename_dependants(oid, int2, oid) IS
    'Objects whose recorded text names a relation (or one of its columns): (schema, name) to snapshot again after a rename; NULL name for kinds it cannot place';

-- The tree of commit p_parent when the DDL log can be trusted since it, else NULL (a
-- full read is needed): capture on and unchanged (the parent's capture epoch is p_epoch,
-- the one in force), the live schema known to be exactly the parent's tree (meta
-- live_base, live_base_exact: column order too), and no capture fault since the parent,
-- nor of a transaction still running when the last commit took the log (its fault may
-- be older than that commit: not visible in that commit's snapshot, meta log_snapshot;
-- the fault's top-level transaction, capture_faults.txid (its xmin is a subtransaction's
-- id when the fault was met in a savepoint, which no snapshot lists as running: V1); in
-- rows of older layers, the row's 32-bit xmin widened against the current snapshot's
-- next id.  A layer that
-- kept only the horizon: an id at least the horizon, which any transaction of the
-- cluster running then, an autovacuum's analyze, held back: a needless full read), nor
-- any fault when no horizon tells.  NULL too
-- without a parent or with pggit.full_snapshot = on.  The first check of every
-- incremental read (_incremental_dirty), and, with no DDL logged since, the whole proof
-- that the live schema is the parent's tree: a commit or status() with nothing logged
-- asks only this (one statement, planned at a session's first call in ~1 ms; the big
-- functions behind it are not compiled).  p_space: _xid_space(), when the caller has it.
DROP FUNCTION IF EXISTS pggit_v0._incremental_base(text, text);
CREATE OR REPLACE FUNCTION pggit_v0._incremental_base(p_parent text, p_epoch text, p_space text DEFAULT NULL)
RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_space text := coalesce(p_space, _xid_space());
BEGIN
    IF p_parent IS NULL OR coalesce(current_setting('pggit.full_snapshot', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RETURN (
        SELECT c.tree_sha FROM commit_graph c
        CROSS JOIN (SELECT (SELECT substr(m.value, length(v_space) + 2)::bigint FROM meta m
                            WHERE m.key = 'log_horizon' AND m.value LIKE v_space || ':%') AS horizon,
                           (SELECT substr(m.value, length(v_space) + 2)::pg_snapshot FROM meta m
                            WHERE m.key = 'log_snapshot' AND m.value LIKE v_space || ':%') AS snap,
                           pg_snapshot_xmax(pg_current_snapshot())::text::bigint AS nxt) h
        WHERE c.commit_sha = p_parent AND c.capture_epoch = p_epoch
          AND EXISTS (SELECT 1 FROM meta m JOIN commit_graph lc ON lc.commit_sha = m.value
                      WHERE m.key = 'live_base' AND lc.tree_sha = c.tree_sha
                        AND EXISTS (SELECT 1 FROM meta x WHERE x.key = 'live_base_exact' AND x.value = m.value))
          AND NOT EXISTS (SELECT 1 FROM capture_faults f
                          CROSS JOIN LATERAL (SELECT coalesce(f.txid, h.nxt - ((h.nxt % 4294967296 - f.xmin::text::bigint
                                                                                + 4294967296) % 4294967296)) AS xid) x
                          WHERE f.occurred_at >= c.committed_at OR h.horizon IS NULL
                             OR CASE WHEN h.snap IS NOT NULL
                                     THEN NOT pg_visible_in_snapshot(x.xid::text::xid8, h.snap)
                                     ELSE x.xid >= h.horizon END));
END
$$;
COMMENT ON FUNCTION pggit_v0._incremental_base(text, text, text) IS
    'The tree of a commit when the DDL log is complete and trusted since it (capture unchanged, live schema exactly that tree, no capture fault); NULL when a full read is needed';

-- What an incremental snapshot must read again: the (schema, bare name) pairs of the
-- objects the DDL logged since commit p_parent (entries p_pending) names, or may have
-- changed, when the log is known to be complete and precise.  parent_tree is NULL when
-- a full snapshot is needed; dirty_s/dirty_n are empty when nothing was logged (the
-- schema is then the parent's tree).  Used by commits (_write_tree_incremental) and by
-- status() (_diff_live_since).  A full snapshot is needed when:
--   * pggit.full_snapshot = on, or the log names more than 50 objects (a full
--     snapshot is then cheaper);
--   * capture is off, its event triggers changed since the parent, or something
--     capture cannot log changed (role renames, REASSIGN OWNED, CLUSTER, event
--     triggers: see _capture_epoch), or a capture fault happened since (or in a
--     transaction that was running when the last commit took the log);
--   * the live schema is not known to equal the parent's tree exactly (HEAD moved
--     without migrating the schema, or a migration that does not prove column order
--     took it there: see _set_live_base);
--   * a pending entry names no object, is of a kind outside the list below, or its
--     statement attaches, detaches, drops what a role owns, sets a security label
--     (recorded as an object of its own), renames or moves (SET SCHEMA) a schema or an
--     object of a kind not handled below (those change how other objects deparse or
--     which objects exist, beyond the one logged);
--   * its statement cascades, unless what cascades is a DROP (or ALTER TABLE ... DROP
--     COLUMN/CONSTRAINT) of a table, view, materialized view, sequence, routine, type,
--     domain, schema, column or constraint: the logged ALTER TYPE/DOMAIN ... CASCADE
--     changes objects no entry names.
-- Drops are incremental: the object a dropped part belonged to is snapshotted again
-- (a dropped index's table is found in the parent's tree, and its partitions are read
-- again), and objects that go with a drop without CASCADE (a serial column's sequence,
-- a partitioned table's partitions, statistics objects) are found missing from the
-- catalog and left out.  What a DROP ... CASCADE took along is found in the parent's
-- recorded dependencies ("depends" blobs, _cascade_next): every object depending on a
-- dropped one, and on those in turn, is read again.  Renames and moves (SET SCHEMA) of
-- tables, sequences, views, routines, types and domains read the new name, the old one
-- (capture keeps it for tables and sequences; else it is the one of that kind in the
-- parent's tree that is gone from the catalog), and what names the object
-- (_rename_dependants; for a moved table also what names its sequences, which moved
-- with it).  The parent's tree is
-- read bucket-wise: only the buckets the dirty names fall in are opened.
-- Known blind spot: DDL run with event triggers off (PostgreSQL 17's event_triggers
-- setting, single-user mode) is never logged; full snapshots still see it.
CREATE OR REPLACE FUNCTION pggit_v0._incremental_dirty(p_parent text, p_pending bigint[], p_epoch text,
                                                      OUT parent_tree text, OUT dirty_s text[], OUT dirty_n text[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
-- (each statement planned once per session, not at each of a session's first five
-- commits: the flags that choose a branch are tested by the IFs around the statements)
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_parent_tree text := _incremental_base(p_parent, p_epoch);
    v_pending     int;
    v_unsafe      int;
    v_drops       boolean;
    v_cascade     boolean;
    v_moves       boolean;
    v_renamed     boolean;
    v_s           text[];
    v_n           text[];
BEGIN
    IF v_parent_tree IS NULL THEN   -- the log cannot be trusted since the parent
        RETURN;
    END IF;

    IF cardinality(p_pending) = 0 THEN   -- a complete log with nothing in it: the schema is the parent's tree
        parent_tree := v_parent_tree;   -- (without the statement below: a session's first commit plans it)
        dirty_s := ARRAY[]::text[];
        dirty_n := ARRAY[]::text[];
        RETURN;
    END IF;
    -- more than 100 relations named (each a name of its own, as below): a full snapshot,
    -- found without the tests below (a commit after loading 1,000 tables: 7,200 entries,
    -- 260 ms of regular expressions and name parsing to reach the same answer).  Only
    -- with over 100 entries, so smaller logs plan and run nothing more.
    IF cardinality(p_pending) > 100
       AND (SELECT count(DISTINCT l.object_identity) FROM ddl_log l
            WHERE l.id = ANY (p_pending) AND l.object_type IN ('table', 'view', 'materialized view', 'sequence')) > 100 THEN
        RETURN;
    END IF;
    SELECT count(*),
           count(*) FILTER (WHERE l.object_identity IS NULL
               OR l.object_type NOT IN ('table', 'view', 'materialized view', 'sequence', 'index', 'table column',
                                        'table constraint', 'trigger', 'policy', 'rule', 'default value',
                                        'function', 'procedure', 'aggregate', 'type', 'domain', 'schema')
               -- renames: of tables, sequences and columns (capture keeps the old name), of
               -- the parts of a table, which is read again whole, and of views, routines,
               -- types and domains (their old names are found gone from the catalog)
               OR (l.statement ~* '\mrename\M'
                   AND NOT ((l.object_type IN ('table', 'sequence', 'table column') AND l.renamed_from IS NOT NULL)
                            OR l.object_type IN ('index', 'table constraint', 'trigger', 'policy', 'rule')
                            OR l.object_type IN ('view', 'materialized view', 'function', 'procedure', 'aggregate',
                                                 'type', 'domain')))
               -- moves: likewise, of tables and sequences whose old names capture kept
               OR (l.statement ~* '\mset\s+schema\M'
                   AND NOT ((l.object_type IN ('table', 'sequence') AND l.renamed_from IS NOT NULL)
                            OR l.object_type IN ('view', 'materialized view', 'function', 'procedure', 'aggregate',
                                                 'type', 'domain')))
               -- (SET LOGGED/UNLOGGED of a table changes its sequences too)
               OR l.statement ~* '\m(attach|detach|inherit|owned\s+by\s+none|drop\s+owned|security\s+label|set\s+(un)?logged)\M'
               -- (the statement text may be a whole script: every entry of it says "cascade")
               OR (l.statement ~* '\mcascade\M'
                   AND CASE WHEN l.event = 'sql_drop' THEN l.object_type = 'index'   -- (its table: unknown here)
                            ELSE l.object_type IN ('type', 'domain') END)),
           -- drops that can take whole objects along without CASCADE (a serial's
           -- sequence, partitions, statistics objects)
           coalesce(bool_or(l.event = 'sql_drop' AND l.object_type IN ('table', 'table column', 'materialized view')),
                    false),
           coalesce(bool_or(l.event = 'sql_drop' AND l.statement ~* '\mcascade\M'), false),
           -- renames and moves: the old names are found gone from the catalog
           coalesce(bool_or(l.statement ~* '\m(rename|set\s+schema)\M'
                            AND l.object_type IN ('table', 'sequence', 'view', 'materialized view', 'function',
                                                  'procedure', 'aggregate', 'type', 'domain')), false),
           coalesce(bool_or(l.renamed_from IS NOT NULL), false)
    INTO v_pending, v_unsafe, v_drops, v_cascade, v_moves, v_renamed
    FROM ddl_log l
    WHERE l.id = ANY (p_pending);
    IF v_pending = 0 THEN   -- a complete log with nothing in it: the schema is the parent's tree
        parent_tree := v_parent_tree;
        dirty_s := ARRAY[]::text[];
        dirty_n := ARRAY[]::text[];
        RETURN;
    END IF;
    IF v_unsafe > 0 THEN
        RETURN;
    END IF;

    BEGIN   -- names come from object identities; anything unexpected means a full snapshot
        IF NOT v_moves AND NOT v_renamed THEN
            -- no rename or move logged: the names as logged (the same statement without
            -- the branches below that follow renames and moves, which are not planned)
            WITH RECURSIVE pending AS (
                SELECT l.event, l.object_type, l.object_identity, l.renamed_from FROM ddl_log l
                WHERE l.id = ANY (p_pending)
            ),
            parts AS (
                SELECT CASE
                         WHEN p.object_type = 'schema' THEN ARRAY[(parse_ident(p.object_identity))[1],
                                                                  (parse_ident(p.object_identity))[1]]
                         WHEN p.object_type IN ('table constraint', 'trigger', 'policy', 'rule')
                           THEN parse_ident(substring(p.object_identity FROM ' on (.*)$'))
                         WHEN p.object_type = 'default value'
                           THEN parse_ident(substring(p.object_identity FROM '^for (.*)$'))
                         -- (not strict: stops at the argument list, a quoted name may hold "(")
                         WHEN p.object_type IN ('function', 'procedure', 'aggregate')
                           THEN parse_ident(p.object_identity, false)
                         -- a dropped index: its table is looked up in the parent's tree below
                         WHEN p.object_type = 'index' AND p.event = 'sql_drop'
                           THEN ARRAY[(parse_ident(p.object_identity))[1], E'\n' || (parse_ident(p.object_identity))[2]]
                         WHEN p.object_type = 'index'
                           THEN (SELECT ARRAY[n.nspname::text, c.relname::text]
                                 FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                                 JOIN pg_namespace n ON n.oid = c.relnamespace
                                 WHERE i.indexrelid = to_regclass(p.object_identity))
                         ELSE parse_ident(p.object_identity) END AS ident
                FROM pending p
                UNION ALL   -- an identity column's sequence altered: the column records its
                            -- options (F1)
                SELECT ARRAY[n.nspname::text, c.relname::text]
                FROM pending p
                JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = to_regclass(p.object_identity)
                                AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i'
                JOIN pg_class c ON c.oid = d.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE p.object_type = 'sequence'
            ),
            named AS (SELECT DISTINCT x.ident[1] AS s, x.ident[2] AS n FROM parts x),
            with_children(s, n) AS (   -- inheritance descendants list their ancestors' columns
                SELECT named.s, named.n FROM named
                UNION
                SELECT cn.nspname::text, c.relname::text FROM with_children d
                JOIN pg_inherits i ON i.inhparent = to_regclass(format('%I.%I', d.s, d.n))
                JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
                WHERE left(d.n, 1) <> E'\n'
            )
            SELECT array_agg(s), array_agg(n) INTO v_s, v_n FROM with_children;
        ELSE
            WITH RECURSIVE pending AS (
                SELECT l.event, l.object_type, l.object_identity, l.renamed_from FROM ddl_log l
                WHERE l.id = ANY (p_pending)
            ),
            parts AS (
                SELECT CASE
                         WHEN p.object_type = 'schema' THEN ARRAY[(parse_ident(p.object_identity))[1],
                                                                  (parse_ident(p.object_identity))[1]]
                         WHEN p.object_type IN ('table constraint', 'trigger', 'policy', 'rule')
                           THEN parse_ident(substring(p.object_identity FROM ' on (.*)$'))
                         WHEN p.object_type = 'default value'
                           THEN parse_ident(substring(p.object_identity FROM '^for (.*)$'))
                         -- (not strict: stops at the argument list, a quoted name may hold "(")
                         WHEN p.object_type IN ('function', 'procedure', 'aggregate')
                           THEN parse_ident(p.object_identity, false)
                         -- a dropped index: its table is looked up in the parent's tree below
                         WHEN p.object_type = 'index' AND p.event = 'sql_drop'
                           THEN ARRAY[(parse_ident(p.object_identity))[1], E'\n' || (parse_ident(p.object_identity))[2]]
                         WHEN p.object_type = 'index'
                           THEN (SELECT ARRAY[n.nspname::text, c.relname::text]
                                 FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                                 JOIN pg_namespace n ON n.oid = c.relnamespace
                                 WHERE i.indexrelid = to_regclass(p.object_identity))
                         ELSE parse_ident(p.object_identity) END AS ident
                FROM pending p
                UNION ALL   -- a renamed table, sequence or column: its old name, and what names it
                SELECT parse_ident(p.renamed_from) FROM pending p WHERE p.renamed_from IS NOT NULL
                UNION ALL
                SELECT ARRAY[dp.schema_name, dp.name]
                FROM pending p
                CROSS JOIN LATERAL (SELECT parse_ident(p.object_identity) AS id) i
                CROSS JOIN LATERAL (SELECT CASE WHEN p.object_type = 'table column'
                                                THEN to_regclass(format('%I.%I', i.id[1], i.id[2]))
                                                ELSE to_regclass(p.object_identity) END AS rel) r
                CROSS JOIN LATERAL _rename_dependants(
                    r.rel, CASE WHEN p.object_type = 'table column'
                                THEN (SELECT a.attnum FROM pg_attribute a WHERE a.attrelid = r.rel AND a.attname = i.id[3])
                           END) dp
                WHERE p.renamed_from IS NOT NULL
                UNION ALL   -- a renamed or moved view, routine, type or domain: what names it
                SELECT ARRAY[dp.schema_name, dp.name]
                FROM pending p
                -- (a routine: every one of that name there, its argument types may have moved since)
                CROSS JOIN LATERAL (
                    SELECT coalesce(array_agg(f.oid), ARRAY[NULL::oid]) AS objs, 'pg_proc'::regclass::oid AS cls
                    FROM pg_proc f JOIN pg_namespace n ON n.oid = f.pronamespace
                    WHERE p.object_type IN ('function', 'procedure', 'aggregate')
                      AND n.nspname = (parse_ident(p.object_identity, false))[1]
                      AND f.proname = (parse_ident(p.object_identity, false))[2]
                    HAVING p.object_type IN ('function', 'procedure', 'aggregate')
                    UNION ALL
                    SELECT ARRAY[to_regtype(p.object_identity)::oid], 'pg_type'::regclass::oid
                    WHERE p.object_type IN ('type', 'domain')
                    UNION ALL
                    SELECT ARRAY[to_regclass(p.object_identity)::oid], 'pg_class'::regclass::oid
                    WHERE p.object_type IN ('view', 'materialized view')) r
                CROSS JOIN LATERAL unnest(r.objs) AS o(obj)
                -- (one not found, renamed again or dropped since: a NULL name, a full snapshot)
                CROSS JOIN LATERAL (SELECT x.schema_name, x.name FROM _rename_dependants(o.obj, NULL, r.cls) x
                                    UNION ALL SELECT NULL, NULL WHERE o.obj IS NULL) dp
                WHERE v_moves AND p.renamed_from IS NULL
                  AND p.object_type IN ('view', 'materialized view', 'function', 'procedure', 'aggregate', 'type', 'domain')
                UNION ALL   -- an identity column's sequence renamed, moved or altered: the
                            -- column records its name and options (F1, netbox's
                            -- ALTER TABLE ..._id_seq RENAME TO ...)
                SELECT ARRAY[n.nspname::text, c.relname::text]
                FROM pending p
                JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = to_regclass(p.object_identity)
                                AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i'
                JOIN pg_class c ON c.oid = d.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE p.object_type = 'sequence'
                UNION ALL   -- a moved table's sequences went along: what names them
                SELECT ARRAY[dp.schema_name, dp.name]
                FROM pending p
                JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = to_regclass(p.object_identity)
                                AND d.classid = 'pg_class'::regclass AND d.deptype = 'a'
                JOIN pg_class sq ON sq.oid = d.objid AND sq.relkind = 'S'
                CROSS JOIN LATERAL _rename_dependants(sq.oid) dp
                WHERE v_moves AND p.renamed_from IS NOT NULL AND p.object_type = 'table'
            ),
            named AS (SELECT DISTINCT x.ident[1] AS s, x.ident[2] AS n FROM parts x),
            with_children(s, n) AS (   -- inheritance descendants list their ancestors' columns
                SELECT named.s, named.n FROM named
                UNION
                SELECT cn.nspname::text, c.relname::text FROM with_children d
                JOIN pg_inherits i ON i.inhparent = to_regclass(format('%I.%I', d.s, d.n))
                JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace cn ON cn.oid = c.relnamespace
                WHERE left(d.n, 1) <> E'\n'
            )
            SELECT array_agg(s), array_agg(n) INTO v_s, v_n FROM with_children;
        END IF;

        -- DROP ... CASCADE: what depended on each dropped object (or column, or constraint)
        -- in the parent's tree, and what depended on that in turn (see _cascade_next)
        IF v_cascade THEN
            WITH RECURSIVE parent AS MATERIALIZED (SELECT * FROM _tree_objects(v_parent_tree)),
            seeds AS (
                SELECT x.s, x.bare, NULL::text AS obj_key, x.col
                FROM ddl_log l
                CROSS JOIN LATERAL (
                    SELECT CASE WHEN l.object_type IN ('function', 'procedure', 'aggregate')
                                THEN parse_ident(l.object_identity, false)
                                WHEN l.object_type = 'table constraint'
                                THEN parse_ident(substring(l.object_identity FROM ' on (.*)$'))
                                ELSE parse_ident(l.object_identity) END AS id) i
                CROSS JOIN LATERAL (SELECT i.id[1] AS s, i.id[2] AS bare,
                                           CASE l.object_type WHEN 'table column' THEN 'column ' || i.id[3]
                                                              WHEN 'table constraint' THEN '' END AS col) x
                WHERE l.id = ANY (p_pending) AND l.event = 'sql_drop' AND l.statement ~* '\mcascade\M'
                  AND l.object_type IN ('table', 'view', 'materialized view', 'sequence', 'type', 'domain',
                                        'function', 'procedure', 'aggregate', 'table column', 'table constraint')
                UNION   -- a dropped schema: every object it held
                SELECT o.schema_name, _key_bare(o.obj_key), o.obj_key, NULL
                FROM ddl_log l JOIN parent o ON o.schema_name = (parse_ident(l.object_identity))[1]
                WHERE l.id = ANY (p_pending) AND l.event = 'sql_drop' AND l.statement ~* '\mcascade\M'
                  AND l.object_type = 'schema'
            ),
            nodes(s, bare, obj_key, col) AS (
                SELECT * FROM seeds
                UNION
                SELECT x.schema_name, x.bare_name, x.obj_key, x.ref_column
                FROM nodes n
                -- the "depends" blobs naming an object of that schema and bare name, from
                -- their reverse index (dep_refs: every line of every stored "depends"
                -- blob), and the objects of the parent's tree whose trees hold them: not
                -- every object's blob read and searched (1,000 tables: 1,600 blobs a node)
                CROSS JOIN LATERAL (
                    SELECT DISTINCT o.schema_name, o.obj_key, o.obj_tree, ob.content
                    FROM dep_refs r
                    JOIN tree_entries e ON e.entry_sha = r.blob_sha AND e.name = 'depends'
                    JOIN parent o ON o.obj_tree = e.tree_sha
                    JOIN objects ob ON ob.sha = r.blob_sha
                    WHERE r.ref_schema = n.s AND _key_bare(r.ref_key) = n.bare
                      AND (n.obj_key IS NULL OR r.ref_key = n.obj_key)) b
                CROSS JOIN LATERAL _cascade_next(b.schema_name, b.obj_key, b.obj_tree) x
                WHERE EXISTS (
                    SELECT 1 FROM unnest(string_to_array(b.content, E'\n')) AS l(line)
                    CROSS JOIN LATERAL string_to_array(l.line, E'\t') AS f
                    WHERE _dep_unesc(f[2]) = n.s AND _key_bare(_dep_unesc(f[3])) = n.bare
                      AND (n.obj_key IS NULL OR _dep_unesc(f[3]) = n.obj_key)
                      AND (n.col IS NULL OR _dep_unesc(f[4]) = n.col))
            )
            SELECT v_s || array_agg(n.s),
                   v_n || array_agg(CASE WHEN n.obj_key IS NULL
                                           OR _key_kind(n.obj_key) IN ('table', 'view', 'materialized_view', 'sequence',
                                                                       'foreign_table', 'type', 'domain', 'statistics',
                                                                       'function', 'procedure', 'aggregate', 'schema')
                                         THEN n.bare END)   -- (another kind: a full snapshot)
            INTO v_s, v_n
            FROM (SELECT DISTINCT x.s, x.bare, x.obj_key FROM nodes x) n;
        END IF;
    EXCEPTION WHEN OTHERS THEN
        RETURN;
    END;
    IF v_s IS NULL OR array_position(v_s, NULL) IS NOT NULL OR array_position(v_n, NULL) IS NOT NULL
       OR cardinality(v_s) > 100 THEN   -- beyond ~50 objects the full snapshot is cheaper
        RETURN;
    END IF;

    -- nothing dropped that takes objects along, no dropped index, no rename or move (the
    -- common case): the names as they are, without setting up the statement below
    IF NOT v_drops AND NOT v_moves AND NOT EXISTS (SELECT 1 FROM unnest(v_n) AS u(n) WHERE left(u.n, 1) = E'\n') THEN
        SELECT coalesce(array_agg(d.s), ARRAY[]::text[]), coalesce(array_agg(d.n), ARRAY[]::text[])
        INTO v_s, v_n FROM (SELECT DISTINCT u.s, u.n FROM unnest(v_s, v_n) AS u(s, n)) d;
        IF cardinality(v_s) > 50 THEN
            RETURN;
        END IF;
        parent_tree := v_parent_tree;
        dirty_s := v_s;
        dirty_n := v_n;
        RETURN;
    END IF;
    -- the parent's bucket trees (256 per schema at most), the objects of the buckets the
    -- dirty names fall in, and the whole object list only when a drop may have taken
    -- objects along or a dropped index's table must be found
    IF NOT v_drops AND NOT v_moves THEN
        -- dropped indexes only: the same statement without the branches that look
        -- for objects gone from the catalog (empty then, and not planned)
        WITH parent AS MATERIALIZED (SELECT * FROM _tree_objects(v_parent_tree)),   -- read only if needed
        rels AS MATERIALIZED (
            SELECT o.schema_name, _key_name(o.obj_key) AS n, o.obj_tree FROM parent o
            WHERE _key_kind(o.obj_key) IN ('table', 'materialized_view')
        ),
        named AS (SELECT DISTINCT u.s, u.n FROM unnest(v_s, v_n) AS u(s, n)),
        -- each dropped index's table or materialized view: first among the names that start
        -- the index's up to an underscore (PostgreSQL's default index names do), looked up
        -- in their buckets (probed by index, root to bucket: the parent's ~250 bucket trees,
        -- read whole by _tree_buckets and planned again at each call for its SET clause,
        -- were ~1.3 ms of a 1% change's commit, warm or cold); else among all of the parent's
        dropped_idx AS MATERIALIZED (
            SELECT d.s, coalesce(
                       (SELECT c.n FROM (
                            SELECT left(substr(d.n, 2), g.pos - 1) AS n
                            FROM generate_series(2, length(d.n) - 1) AS g(pos)
                            WHERE substr(d.n, g.pos + 1, 1) = '_') c
                        CROSS JOIN LATERAL (SELECT _bucket(d.s, c.n) AS bk OFFSET 0) k
                        JOIN tree_entries e0 ON e0.tree_sha = v_parent_tree AND e0.name = d.s
                        JOIN tree_entries e1 ON e1.tree_sha = e0.entry_sha AND e1.name = left(k.bk, 1)
                        JOIN tree_entries e2 ON e2.tree_sha = e1.entry_sha AND e2.name = right(k.bk, 1)
                        JOIN tree_entries o ON o.tree_sha = e2.entry_sha
                                           AND o.name IN ('table ' || c.n, 'materialized_view ' || c.n)
                        JOIN tree_entries te ON te.tree_sha = o.entry_sha AND te.name = 'index ' || substr(d.n, 2)
                        LIMIT 1),
                       (SELECT r.n FROM rels r
                        JOIN tree_entries te ON te.tree_sha = r.obj_tree AND te.name = 'index ' || substr(d.n, 2)
                        WHERE r.schema_name = d.s LIMIT 1)) AS n
            FROM named d WHERE left(d.n, 1) = E'\n'
        ),
        dirty0 AS (
            SELECT d.s, d.n FROM named d WHERE left(d.n, 1) <> E'\n'
            -- (a dropped index that is not in the parent's tree, a partition's, changes nothing)
            UNION SELECT x.s, x.n FROM dropped_idx x WHERE x.n IS NOT NULL
            -- the partitions of a dropped index's table: their own indexes attached to it
            -- went with it
            UNION
            SELECT cn.nspname::text, c.relname::text
            FROM dropped_idx x
            CROSS JOIN LATERAL (
                WITH RECURSIVE tree(oid) AS (
                    SELECT i.inhrelid FROM pg_inherits i WHERE i.inhparent = to_regclass(format('%I.%I', x.s, x.n))
                    UNION
                    SELECT i.inhrelid FROM tree t JOIN pg_inherits i ON i.inhparent = t.oid
                ) SELECT t.oid FROM tree t) k
            JOIN pg_class c ON c.oid = k.oid JOIN pg_namespace cn ON cn.oid = c.relnamespace
            WHERE x.n IS NOT NULL
        )
        SELECT coalesce(array_agg(d.s), ARRAY[]::text[]), coalesce(array_agg(d.n), ARRAY[]::text[])
        INTO v_s, v_n FROM dirty0 d;
    ELSE
        WITH parent AS MATERIALIZED (SELECT * FROM _tree_objects(v_parent_tree)),   -- read only if needed
        rels AS MATERIALIZED (
            SELECT o.schema_name, _key_name(o.obj_key) AS n, o.obj_tree FROM parent o
            WHERE _key_kind(o.obj_key) IN ('table', 'materialized_view')
        ),
        named AS (SELECT DISTINCT u.s, u.n FROM unnest(v_s, v_n) AS u(s, n)),
        -- each dropped index's table or materialized view: first among the names that start
        -- the index's up to an underscore (PostgreSQL's default index names do), looked up
        -- in their buckets (probed by index, root to bucket: the parent's ~250 bucket trees,
        -- read whole by _tree_buckets and planned again at each call for its SET clause,
        -- were ~1.3 ms of a 1% change's commit, warm or cold); else among all of the parent's
        dropped_idx AS MATERIALIZED (
            SELECT d.s, coalesce(
                       (SELECT c.n FROM (
                            SELECT left(substr(d.n, 2), g.pos - 1) AS n
                            FROM generate_series(2, length(d.n) - 1) AS g(pos)
                            WHERE substr(d.n, g.pos + 1, 1) = '_') c
                        CROSS JOIN LATERAL (SELECT _bucket(d.s, c.n) AS bk OFFSET 0) k
                        JOIN tree_entries e0 ON e0.tree_sha = v_parent_tree AND e0.name = d.s
                        JOIN tree_entries e1 ON e1.tree_sha = e0.entry_sha AND e1.name = left(k.bk, 1)
                        JOIN tree_entries e2 ON e2.tree_sha = e1.entry_sha AND e2.name = right(k.bk, 1)
                        JOIN tree_entries o ON o.tree_sha = e2.entry_sha
                                           AND o.name IN ('table ' || c.n, 'materialized_view ' || c.n)
                        JOIN tree_entries te ON te.tree_sha = o.entry_sha AND te.name = 'index ' || substr(d.n, 2)
                        LIMIT 1),
                       (SELECT r.n FROM rels r
                        JOIN tree_entries te ON te.tree_sha = r.obj_tree AND te.name = 'index ' || substr(d.n, 2)
                        WHERE r.schema_name = d.s LIMIT 1)) AS n
            FROM named d WHERE left(d.n, 1) = E'\n'
        ),
        dirty0 AS (
            SELECT d.s, d.n FROM named d WHERE left(d.n, 1) <> E'\n'
            -- (a dropped index that is not in the parent's tree, a partition's, changes nothing)
            UNION SELECT x.s, x.n FROM dropped_idx x WHERE x.n IS NOT NULL
            -- the partitions of a dropped index's table: their own indexes attached to it
            -- went with it
            UNION
            SELECT cn.nspname::text, c.relname::text
            FROM dropped_idx x
            CROSS JOIN LATERAL (
                WITH RECURSIVE tree(oid) AS (
                    SELECT i.inhrelid FROM pg_inherits i WHERE i.inhparent = to_regclass(format('%I.%I', x.s, x.n))
                    UNION
                    SELECT i.inhrelid FROM tree t JOIN pg_inherits i ON i.inhparent = t.oid
                ) SELECT t.oid FROM tree t) k
            JOIN pg_class c ON c.oid = k.oid JOIN pg_namespace cn ON cn.oid = c.relnamespace
            WHERE x.n IS NOT NULL
            UNION   -- objects a drop took along, or a rename or move took away: in the
                    -- parent's tree, gone from the catalog
            SELECT o.schema_name, _key_name(o.obj_key) FROM parent o
            WHERE (v_drops OR v_moves)
              AND _key_kind(o.obj_key) IN ('table', 'view', 'materialized_view', 'sequence', 'foreign_table')
              AND NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
                              WHERE c.relname = _key_name(o.obj_key) AND ns.nspname = o.schema_name)
            UNION
            SELECT o.schema_name, _key_bare(o.obj_key) FROM parent o
            WHERE v_moves AND _key_kind(o.obj_key) IN ('function', 'procedure', 'aggregate')
              AND NOT EXISTS (SELECT 1 FROM pg_proc f JOIN pg_namespace ns ON ns.oid = f.pronamespace
                              WHERE f.proname = _key_bare(o.obj_key) AND ns.nspname = o.schema_name
                                AND format('%I(%s)', f.proname, pg_get_function_identity_arguments(f.oid))
                                    = _key_name(o.obj_key))
            UNION
            SELECT o.schema_name, _key_name(o.obj_key) FROM parent o
            WHERE v_moves AND _key_kind(o.obj_key) IN ('type', 'domain')
              AND NOT EXISTS (SELECT 1 FROM pg_type t JOIN pg_namespace ns ON ns.oid = t.typnamespace
                              WHERE t.typname = _key_name(o.obj_key) AND ns.nspname = o.schema_name)
            UNION
            SELECT o.schema_name, _key_name(o.obj_key) FROM parent o
            WHERE v_drops AND _key_kind(o.obj_key) = 'statistics'
              AND NOT EXISTS (SELECT 1 FROM pg_statistic_ext x JOIN pg_namespace ns ON ns.oid = x.stxnamespace
                              WHERE x.stxname = _key_name(o.obj_key) AND ns.nspname = o.schema_name)
        )
        SELECT coalesce(array_agg(d.s), ARRAY[]::text[]), coalesce(array_agg(d.n), ARRAY[]::text[])
        INTO v_s, v_n FROM dirty0 d;
    END IF;
    IF cardinality(v_s) > 50 THEN
        RETURN;
    END IF;
    parent_tree := v_parent_tree;
    dirty_s := v_s;
    dirty_n := v_n;
END
$$;
COMMENT ON FUNCTION pggit_v0._incremental_dirty(text, bigint[], text) IS
    'The (schema, bare name) pairs the DDL logged since a commit may have changed, when the log is complete and precise; NULL parent_tree when a full snapshot is needed';

-- What a DROP ... CASCADE that reached object p_obj_key (schema p_schema, object tree
-- p_obj_tree in the parent's tree) took along with it, as nodes to follow through the
-- parent's recorded dependencies: one row (ref_column '#', which no edge names) that
-- says the object is read again; and, if it is gone from the catalog, one that matches
-- every edge to it (ref_column NULL).  A relation still there lost at most parts: a row
-- per column gone (what named that column went with it), and one with ref_column ''
-- (edges to the relation as a whole, e.g. a foreign key to its unique index) when a
-- key (primary, unique, exclusion) or unique index of it is gone.  A routine or statistics object still there lost
-- nothing; a type or domain still there (an attribute or constraint may be gone), or an
-- object of another kind, matches every edge to it.
CREATE OR REPLACE FUNCTION pggit_v0._cascade_next(p_schema text, p_obj_key text, p_obj_tree text)
RETURNS TABLE (schema_name text, bare_name text, obj_key text, ref_column text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET plan_cache_mode = force_generic_plan   -- one plan per session, not one per object
AS $$
DECLARE
    v_kind text := _key_kind(p_obj_key);
    v_name text := _key_name(p_obj_key);
    v_rel  oid;
BEGIN
    schema_name := p_schema;
    bare_name := _key_bare(p_obj_key);
    obj_key := p_obj_key;
    ref_column := '#';
    RETURN NEXT;
    IF v_kind IN ('table', 'view', 'materialized_view', 'sequence', 'foreign_table') THEN
        SELECT c.oid INTO v_rel FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = p_schema AND c.relname = v_name
          AND c.relkind::text = ANY (CASE v_kind WHEN 'table' THEN ARRAY['r', 'p'] WHEN 'view' THEN ARRAY['v']
                                                 WHEN 'materialized_view' THEN ARRAY['m'] WHEN 'sequence' THEN ARRAY['S']
                                                 ELSE ARRAY['f'] END);
        IF v_rel IS NULL THEN
            ref_column := NULL;
            RETURN NEXT;
            RETURN;
        END IF;
        RETURN QUERY
        SELECT p_schema, bare_name, p_obj_key, e.name FROM tree_entries e
        WHERE e.tree_sha = p_obj_tree AND e.name LIKE 'column %'
          AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = v_rel AND a.attname = substr(e.name, 8)
                            AND a.attnum > 0 AND NOT a.attisdropped);
        -- (only a key or unique index can be depended on: a foreign key on it, a view
        -- grouping by the primary key; the recorded text tells, erring towards more)
        IF EXISTS (SELECT 1 FROM tree_entries e JOIN objects o ON o.sha = e.entry_sha
                   WHERE e.tree_sha = p_obj_tree
                     AND ((e.name LIKE 'constraint %'
                           AND o.content ~ '\m(PRIMARY\s+KEY|UNIQUE|EXCLUDE)\M'
                           AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                                           WHERE k.conrelid = v_rel AND k.conname = substr(e.name, 12)))
                          OR (e.name LIKE 'index %'
                              AND o.content ~ '\mUNIQUE\M'
                              AND NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                                              WHERE i.indrelid = v_rel AND ic.relname = substr(e.name, 7))))) THEN
            ref_column := '';
            RETURN NEXT;
        END IF;
    ELSIF v_kind IN ('function', 'procedure', 'aggregate') THEN
        IF NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                       WHERE n.nspname = p_schema AND p.proname = bare_name
                         AND format('%I(%s)', p.proname, pg_get_function_identity_arguments(p.oid)) = v_name) THEN
            ref_column := NULL;
            RETURN NEXT;
        END IF;
    ELSIF v_kind <> 'statistics' THEN
        ref_column := NULL;
        RETURN NEXT;
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._cascade_next(text, text, text) IS
    'An object a DROP ... CASCADE reached: read it again, and which of its recorded dependants went too (all when it is gone, those of its lost columns or constraints when not)';

-- An incremental snapshot: the tree of commit p_parent with only the objects
-- _incremental_dirty names (from the DDL log entries p_pending) snapshotted again, and
-- the trees above them rebuilt.  With nothing logged, the parent's tree is the schema
-- and no catalog is read (objects_snapshotted = 0).  root_sha is NULL when a full
-- snapshot is needed (see _incremental_dirty).
DROP FUNCTION IF EXISTS pggit_v0._write_tree_incremental(text);
DROP FUNCTION IF EXISTS pggit_v0._write_tree_incremental(text, bigint[]);
CREATE OR REPLACE FUNCTION pggit_v0._write_tree_incremental(p_parent text, p_pending bigint[], p_epoch text,
                                                           OUT root_sha text, OUT rows_written int,
                                                           OUT objects_snapshotted int)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
SET plan_cache_mode = force_generic_plan   -- planned once per session (its probes are LATERAL ... OFFSET 0)
-- (every statement it runs, and those of the functions it calls, planned with the joins in
-- their written order, which start from the few dirty names: a session's first incremental
-- commit plans ~10 M instructions fewer, for the same trees; bench/README.md stop 26)
SET join_collapse_limit = 1
SET from_collapse_limit = 1
AS $$
DECLARE
    v_parent_tree text;
    v_s           text[];
    v_n           text[];
BEGIN
    SELECT d.parent_tree, d.dirty_s, d.dirty_n INTO v_parent_tree, v_s, v_n
    FROM _incremental_dirty(p_parent, p_pending, p_epoch) d;
    IF v_parent_tree IS NULL THEN
        RETURN;
    END IF;
    IF cardinality(v_s) = 0 THEN   -- a complete log with nothing in it: the schema is the parent's tree
        root_sha := v_parent_tree;
        rows_written := 0;
        objects_snapshotted := 0;
        RETURN;
    END IF;

    -- (the parent's buckets: _tree_buckets' join written out, so that it is planned
    -- with this statement, once per session; the SQL function, which has a SET
    -- clause, was planned again at every commit: 0.5-2 ms)
    WITH buckets AS MATERIALIZED (
        SELECT e0.name AS schema_name, e1.name || e2.name AS bucket, e2.entry_sha AS bucket_tree
        FROM tree_entries e0
        JOIN tree_entries e1 ON e1.tree_sha = e0.entry_sha
        JOIN tree_entries e2 ON e2.tree_sha = e1.entry_sha
        WHERE e0.tree_sha = v_parent_tree
    ),
    dirty AS MATERIALIZED (SELECT u.s, u.n, _bucket(u.s, u.n) AS bk FROM unnest(v_s, v_n) AS u(s, n)),
    fresh AS MATERIALIZED (   -- one catalog pass per schema for all its dirty names
        SELECT sn.* FROM (SELECT d.s, array_agg(d.n) AS ns FROM dirty d GROUP BY d.s) g
        CROSS JOIN LATERAL _snapshot_names(g.s, g.ns) sn
    ),
    touched AS MATERIALIZED (   -- buckets that change: the dirty names' and the fresh rows'
        SELECT d.s AS schema_name, d.bk FROM dirty d
        UNION
        SELECT f.schema_name, _bucket(f.schema_name, f.bare_name) FROM fresh f
    ),
    kept AS MATERIALIZED (   -- the other objects of those buckets, as they are
        SELECT b.schema_name, b.bucket, e.name AS obj_key, e.entry_sha AS obj_tree
        FROM touched t
        -- (LATERAL ... OFFSET 0, from the touched buckets: only their entries are read, by
        -- index, whatever the planner guesses of the CTEs' sizes; joined the other way
        -- round, every bucket's entries were read and most thrown away)
        CROSS JOIN LATERAL (SELECT b.schema_name, b.bucket, b.bucket_tree FROM buckets b
                            WHERE b.schema_name = t.schema_name AND b.bucket = t.bk OFFSET 0) b
        CROSS JOIN LATERAL (SELECT e.name, e.entry_sha FROM tree_entries e
                            WHERE e.tree_sha = b.bucket_tree OFFSET 0) e
        WHERE NOT EXISTS (SELECT 1 FROM dirty d WHERE b.schema_name = d.s AND _key_bare(e.name) = d.n)
    ),
    kept_buckets AS (   -- untouched buckets, reused whole
        SELECT b.* FROM buckets b
        WHERE NOT EXISTS (SELECT 1 FROM touched t WHERE t.schema_name = b.schema_name AND t.bk = b.bucket)
    )
    SELECT w.root_sha, w.rows_written, (SELECT count(DISTINCT (f.schema_name, f.kind, f.name)) FROM fresh f)
    INTO root_sha, rows_written, objects_snapshotted
    FROM (SELECT array_agg(f.schema_name) AS ss, array_agg(_bucket(f.schema_name, f.bare_name)) AS bs,
                 array_agg(f.kind || ' ' || f.name) AS ks, array_agg(f.sub_key) AS subs,
                 array_agg(f.definition) AS defs FROM fresh f) a,
         (SELECT array_agg(k.schema_name) AS ss, array_agg(k.bucket) AS bs, array_agg(k.obj_key) AS ks,
                 array_agg(k.obj_tree) AS ts FROM kept k) b,
         (SELECT array_agg(kb.schema_name) AS ss, array_agg(kb.bucket) AS bs,
                 array_agg(kb.bucket_tree) AS ts FROM kept_buckets kb) c
    CROSS JOIN LATERAL _write_tree_rows(a.ss, a.bs, a.ks, a.subs, a.defs, b.ss, b.bs, b.ks, b.ts,
                                        c.ss, c.bs, c.ts) w;
END
$$;
COMMENT ON FUNCTION pggit_v0._write_tree_incremental(text, bigint[], text) IS
    'HEAD''s tree with only the objects named by the DDL logged since re-snapshotted (the parent''s tree when nothing was logged); NULL root when a full snapshot is needed';

-- (A full snapshot is _write_tree(), which writes only the object trees not stored yet:
-- the parent's tree need not be walked.)
DROP FUNCTION IF EXISTS pggit_v0._write_tree_full(text);

-- Keep the planner's statistics of the store current, so the tree walks that follow use
-- index lookups (without statistics, diffs of a 1,000-table store took 3x longer): a
-- store never analyzed, a commit that grew objects or tree_entries by more than a tenth
-- and by over 1,000 rows, or a table that has grown to twice its size at the last
-- ANALYZE (and past 16 pages) analyzes both.  Small commits thus analyze a growing store
-- a few times (at 16, 32, 64 ... pages), not at every commit that adds a tenth to a small
-- one: an ANALYZE also makes every session plan its cached statements on the store again
-- (a migration tool's 50 one-object commits ran 17 of them, 0.27 of 1.7 s of server time).
-- Only the tables' owner may analyze them; others skip.
CREATE OR REPLACE FUNCTION pggit_v0._refresh_stats(p_rows_written int) RETURNS void
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
BEGIN
    IF p_rows_written = 0 THEN   -- (a commit that wrote no tree grew nothing: the next one that does checks)
        RETURN;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_class c
               WHERE c.oid IN ('pggit_v0.objects'::regclass, 'pggit_v0.tree_entries'::regclass)
                 AND pg_has_role(c.relowner, 'USAGE')
                 AND (c.reltuples < 0
                      OR p_rows_written > greatest(0.1 * c.reltuples, 1000)
                      OR pg_relation_size(c.oid) > greatest(2 * c.relpages, 16)::bigint
                                                   * current_setting('block_size')::bigint)) THEN
        -- (not objects.content: no query chooses its plan by what blobs hold, and its
        -- 1 MB of texts was half of the ANALYZE after a 1,000-table commit)
        ANALYZE pggit_v0.objects (sha, type, size, created_at), pggit_v0.tree_entries;
    END IF;
END
$$;
COMMENT ON FUNCTION pggit_v0._refresh_stats(int) IS
    'ANALYZE objects and tree_entries when never analyzed, after a commit that grew them by over 10% and 1,000 rows, or once they doubled in size (owner only)';

-- Snapshot the live catalog into a new commit on the current branch (or detached HEAD):
-- the write half of create_basic_commit, with the layer owner's rights so that roles
-- need no write grants.  Takes nothing to store but a message and an author: the tree
-- is always a snapshot of the real catalog.  Under the history lock it reads HEAD,
-- writes the commit with HEAD's commit as parent, moves the branch (or HEAD) to it,
-- and links the DDL logged since.  Returns the commit sha.
CREATE OR REPLACE FUNCTION pggit_v0._commit_snapshot(p_message text, p_author text)
RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
-- every statement of a commit planned once per session (its plans do not depend on the
-- values: a session's second commit skips planning; measured 46 -> 32-40 ms a commit)
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_t0     timestamptz := clock_timestamp();
    v_branch text;
    v_parent text;
    v_tree   record;
    v_inc    record;
    v_full   record;
    v_sha    text;
    v_links  int;
    v_ids    bigint[];
    v_untracked      int;
    v_untracked_list text;
    v_horizon        bigint;
    v_snap           pg_snapshot;
    v_space          text := pggit_v0._xid_space();
    v_epoch          text;
    v_parent_tree    text;
    v_base           text;
BEGIN
    PERFORM pggit_v0._lock_history();
    -- read HEAD only now: a writer that held the lock before us has committed
    SELECT h.branch, coalesce(h.detached_sha, r.target_sha), c.tree_sha INTO v_branch, v_parent, v_parent_tree
    FROM pggit_v0.head h LEFT JOIN pggit_v0.refs r ON r.name = h.branch
    LEFT JOIN pggit_v0.commit_graph c ON c.commit_sha = coalesce(h.detached_sha, r.target_sha);
    -- the capture in force (once: the incremental snapshot checks it, the commit records it)
    v_epoch := pggit_v0._capture_epoch();
    -- every transaction below this horizon has ended, so its log entries are in v_ids
    -- (read after it): once linked, later commits need not look below it
    v_snap := pg_current_snapshot();
    v_horizon := pg_snapshot_xmin(v_snap)::text::bigint;
    v_ids := pggit_v0._pending_log_ids(v_space);   -- before the catalog is read: see _pending_log_ids

    IF cardinality(v_ids) = 0 THEN
        -- nothing logged since the parent: when the log can be trusted, its tree is the
        -- schema (asked directly: _write_tree_incremental and _incremental_dirty, large
        -- functions a session's first commit would compile, are left out)
        v_base := pggit_v0._incremental_base(v_parent, v_epoch, v_space);
    END IF;
    IF v_base IS NOT NULL THEN
        SELECT v_base AS root_sha, 0 AS rows_written, 0 AS objects_snapshotted INTO v_inc;
    ELSE
        v_inc := pggit_v0._write_tree_incremental(v_parent, v_ids, v_epoch);
    END IF;
    IF v_inc.root_sha IS NOT NULL THEN
        SELECT v_inc.root_sha AS root_sha, v_inc.rows_written AS rows_written INTO v_tree;
        IF coalesce(current_setting('pggit.verify_incremental', true), '') = 'on' THEN
            v_full := pggit_v0._write_tree();   -- development safety net: both ways must agree
            -- (unless other sessions committed DDL since v_ids: then the full snapshot,
            -- read later, may show it while the incremental one rightly does not)
            IF v_full.root_sha <> v_inc.root_sha
               AND cardinality(pggit_v0._pending_log_ids()) = cardinality(v_ids) THEN
                RAISE EXCEPTION 'incremental snapshot differs from the full snapshot: %',
                                (SELECT string_agg(d.path, ', ') FROM pggit_v0._diff_rows(v_full.root_sha, v_inc.root_sha) d)
                      USING ERRCODE = 'XX000', HINT = 'SET pggit.full_snapshot = on works around it; please report it.';
            END IF;
        END IF;
    ELSE
        v_tree := pggit_v0._write_tree();
    END IF;
    IF v_parent IS NOT NULL AND v_parent_tree = v_tree.root_sha THEN
        RAISE NOTICE 'nothing changed since commit %: the new commit records the same schema', left(v_parent, 12);
    END IF;
    -- never leave objects out silently (an incremental commit read only objects of
    -- tracked kinds, and anything else since its parent took a full snapshot)
    IF v_inc.root_sha IS NULL THEN
        SELECT count(*), string_agg(u.object_type || ' ' || u.object_identity, ', '
                                    ORDER BY u.object_type, u.object_identity)
        INTO v_untracked, v_untracked_list FROM pggit_v0._untracked_objects() u;
    END IF;
    IF v_untracked > 0 THEN
        RAISE WARNING 'pgGit does not record % object(s) of this database, left out of the commit: %',
                      v_untracked, left(v_untracked_list, 2000)
              USING HINT = 'Diffs, migrations and checkouts leave them as they are; docs/reference.md, "Known limits", lists the kinds not recorded yet.';
    END IF;

    v_sha := pggit_v0._write_commit(v_tree.root_sha,
                                    CASE WHEN v_parent IS NULL THEN ARRAY[]::text[] ELSE ARRAY[v_parent] END,
                                    p_author, p_message, v_branch, v_tree.rows_written, v_epoch);
    IF v_branch IS NOT NULL THEN
        PERFORM pggit_v0._ref_update('create_basic_commit', v_branch, 'branch', v_sha);
    ELSE
        PERFORM pggit_v0._head_update('create_basic_commit', NULL, v_sha);
    END IF;

    -- (calls that would do nothing are not made: a session's first commit would set
    -- each of them up)
    v_links := CASE WHEN cardinality(v_ids) > 0 THEN pggit_v0._link_pending(v_sha, v_ids) ELSE 0 END;
    -- the log horizon (one from another xid space is replaced; one of this space only
    -- moves up), and the live base: this commit, exactly (what _set_live_base(v_sha,
    -- true) writes, in the same statement)
    -- (and the snapshot the horizon came from: which transactions had ended when this
    -- commit took the log, for the capture-fault check of _incremental_base)
    INSERT INTO pggit_v0.meta AS m (key, value)
    VALUES ('log_horizon', v_space || ':' || v_horizon), ('live_base', v_sha), ('live_base_exact', v_sha),
           ('log_snapshot', v_space || ':' || v_snap::text)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()
    WHERE m.key <> 'log_horizon'
       OR m.value NOT LIKE v_space || ':%'
       OR substr(m.value, length(v_space) + 2)::bigint < v_horizon;

    IF v_tree.rows_written > 0 THEN
        PERFORM pggit_v0._refresh_stats(v_tree.rows_written);
    END IF;
    PERFORM pggit_v0._record_timing('commit', v_t0,
                           format('%s rows written, %s log entries linked, %s', v_tree.rows_written + 3, v_links,
                                  CASE WHEN v_inc.root_sha IS NULL THEN 'full snapshot'
                                       WHEN cardinality(v_ids) = 0
                                       THEN 'no DDL logged since the parent: its tree reused'
                                       ELSE format('incremental snapshot of %s object(s)', v_inc.objects_snapshotted) END));
    RETURN v_sha;
END
$$;
COMMENT ON FUNCTION pggit_v0._commit_snapshot(text, text) IS
    'Commits a snapshot of the live catalog on HEAD under the history lock (owner''s rights); returns the commit sha';

-- Snapshot the live schema into a new commit on the current branch (or detached HEAD).
-- Promises: the commit's parent is HEAD's commit as the previous writer left it
-- (concurrent commits serialize, none is lost); the current branch then points at it;
-- DDL log entries not yet in a commit are linked to it.  A commit with no change is
-- allowed (NOTICE).  Raises 42501 for a role without grant_access(), 22023 when the
-- message or author is empty or only whitespace (of any kind: _require_text).
CREATE OR REPLACE FUNCTION pggit_v0.create_basic_commit(message text, author text DEFAULT current_user)
RETURNS text
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
BEGIN
    PERFORM _require_rights('create_basic_commit');
    PERFORM _require_text(create_basic_commit.message, 'commit message',
                          'Say what changed and why, e.g. create_basic_commit(''Add customer phone and address columns'').');
    PERFORM _require_text(create_basic_commit.author, 'commit author', 'Omit author to use current_user.');
    -- The commit holds the history lock while it reads the catalog: in attempts
    -- (_attempt_begin), a lock another transaction holds on what it reads (an ALTER
    -- TABLE not committed yet) is waited for a moment only, then the attempt is rolled
    -- back, releasing the history lock, and made again (E6).
    RETURN _in_attempts(format('SELECT pggit_v0._commit_snapshot(%L, %L)',
                               create_basic_commit.message, create_basic_commit.author));
END
$$;
COMMENT ON FUNCTION pggit_v0.create_basic_commit(text, text) IS
    'Commits the live schema on the current branch; returns the commit sha. Raises 22023 on an empty message.';

-- The commit sha HEAD resolves to.
CREATE OR REPLACE FUNCTION pggit_v0.get_head_sha() RETURNS text
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_sha text := _head_commit();
BEGIN
    IF v_sha IS NULL THEN
        RAISE EXCEPTION 'HEAD does not point at a commit'
              USING ERRCODE = '55000',
                    HINT = 'Reinstall the layer (psql -f sql/install.sql) to record the baseline commit.';
    END IF;
    RETURN v_sha;
END
$$;
COMMENT ON FUNCTION pggit_v0.get_head_sha() IS 'The commit sha HEAD resolves to';

-- History in first-parent order, newest first, from a ref (default HEAD).
CREATE OR REPLACE FUNCTION pggit_v0.get_commit_history(max_count int DEFAULT 20, skip int DEFAULT 0,
                                                      ref text DEFAULT 'HEAD')
RETURNS TABLE (commit_sha text, parent_shas text[], author text, message text,
               committed_at timestamptz, branch text, changes int)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH RECURSIVE fp(sha, n) AS (
    SELECT _resolve_ref($3), 0::bigint
  UNION ALL
    SELECT cp.parent_sha, fp.n + 1
    FROM fp JOIN commit_parents cp ON cp.commit_sha = fp.sha AND cp.position = 1
    WHERE fp.n + 1 < coalesce($1, 20)::bigint + coalesce($2, 0)   -- bigint: int max + int max fits
)
SELECT c.commit_sha,
       coalesce((SELECT array_agg(p.parent_sha ORDER BY p.position) FROM commit_parents p
                 WHERE p.commit_sha = c.commit_sha), ARRAY[]::text[]),
       c.author, c.message, c.committed_at, c.branch, c.changes
FROM fp JOIN commit_graph c ON c.commit_sha = fp.sha
ORDER BY fp.n
-- LIMIT and OFFSET are evaluated before any row: negative counts are refused there
LIMIT CASE WHEN $1 < 0 OR $2 < 0
           THEN _raise('22023', format('max_count and skip must not be negative (got %s, %s)', $1, $2),
                       'Pass 0 or more, e.g. get_commit_history(20, 0).')::int
           ELSE coalesce($1, 20) END
OFFSET CASE WHEN $1 < 0 OR $2 < 0
            THEN _raise('22023', format('max_count and skip must not be negative (got %s, %s)', $1, $2),
                        'Pass 0 or more, e.g. get_commit_history(20, 0).')::int
            ELSE coalesce($2, 0) END
$$;
COMMENT ON FUNCTION pggit_v0.get_commit_history(int, int, text) IS
    'Commits reachable from ref by first parents, newest first: sha, parents, author, message, time, branch, paths changed';

-- Promises of the private helpers above.
COMMENT ON FUNCTION pggit_v0._commit_tree(text) IS 'The tree sha of a commit';
COMMENT ON FUNCTION pggit_v0._commit_text(text, text[], text, timestamptz, text) IS 'Canonical text of a commit object, the input of its sha';
COMMENT ON FUNCTION pggit_v0._link_pending(text, bigint[]) IS 'Links the given DDL log entries still unlinked to a commit, as one hash-chain batch; returns how many';
