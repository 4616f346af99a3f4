-- Monitoring, analytics and integrity (course sections 2.4 and 3.3).
-- Every figure below is computed from the store, the catalogs or the statistics
-- collector when the function runs: no constants stand in for measurements.  Every
-- function returns at least one row; when there is nothing to report that row says
-- so (severity/status 'OK') and what was checked.
--
-- Severities (check_for_alerts, detect_anomalies, get_dashboard_summary):
--   OK < INFO < WARNING < CRITICAL
-- Priorities (get_recommendations): LOW < MEDIUM < HIGH < CRITICAL

-- Row estimates of dropped tables, taken from the statistics collector by capture's
-- sql_drop event trigger (_capture) while the table's statistics still exist (the
-- catalogs no longer do).  Lets detect_anomalies say how many rows a destructive commit
-- threw away.  Ids come from _capture_ids (no nextval in the user's session).
CREATE TABLE IF NOT EXISTS pggit_v0.dropped_table_stats (
    id              bigint PRIMARY KEY,
    dropped_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    txid            bigint NOT NULL,
    object_identity text NOT NULL,
    schema_name     text NOT NULL,
    table_name      text NOT NULL,
    live_tuples     bigint,
    original        boolean NOT NULL
);
CREATE INDEX IF NOT EXISTS dropped_table_stats_txid_idx ON pggit_v0.dropped_table_stats (txid);
COMMENT ON TABLE pggit_v0.dropped_table_stats IS
    'Tables dropped (directly or by CASCADE) with the live row estimate the statistics held at drop time';
-- Upgrade in place: the id was an identity column (nextval in the user's session); the
-- rows keep their ids and the capture_ids counter continues after the largest.
DO $drop_stats_ids$
DECLARE
    v_max bigint;
BEGIN
    LOCK TABLE pggit_v0.capture_ids_lock IN EXCLUSIVE MODE;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_attribute a
               WHERE a.attrelid = 'pggit_v0.dropped_table_stats'::regclass AND a.attname = 'id' AND a.attidentity <> '') THEN
        ALTER TABLE pggit_v0.dropped_table_stats ALTER COLUMN id DROP IDENTITY;
    END IF;
    v_max := (SELECT max(s.id) FROM pggit_v0.dropped_table_stats s);
    IF v_max >= coalesce(pg_catalog.pg_sequence_last_value('pggit_v0.capture_ids'::regclass), 0) / 16777216 THEN   -- see _capture_ids
        PERFORM pg_catalog.setval('pggit_v0.capture_ids'::regclass, v_max * 16777216);
    END IF;
END
$drop_stats_ids$;

-- Small helpers --------------------------------------------------------------------

-- "a; b; c; and 4 more": the first p_max items of a list, and how many were left out.
CREATE OR REPLACE FUNCTION pggit_v0._mon_list(p_items text[], p_max int DEFAULT 10) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT array_to_string(p_items[1:p_max], '; ')
       || CASE WHEN cardinality(p_items) > p_max
               THEN format('; and %s more', cardinality(p_items) - p_max) ELSE '' END
$$;
COMMENT ON FUNCTION pggit_v0._mon_list(text[], int) IS
    'The first p_max items joined by "; ", followed by how many more there are';

-- Rank of a severity or priority, for max() over them.
CREATE OR REPLACE FUNCTION pggit_v0._mon_rank(p_level text) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
SELECT CASE p_level WHEN 'OK' THEN 0 WHEN 'LOW' THEN 1 WHEN 'INFO' THEN 1 WHEN 'MEDIUM' THEN 2
                    WHEN 'WARNING' THEN 2 WHEN 'HIGH' THEN 3 WHEN 'CRITICAL' THEN 4 END
$$;
COMMENT ON FUNCTION pggit_v0._mon_rank(text) IS
    'Orders severities OK < INFO < WARNING < CRITICAL and priorities LOW < MEDIUM < HIGH < CRITICAL';

-- An age rounded for people: "3 days 04:12:09" without the fraction of a second.
CREATE OR REPLACE FUNCTION pggit_v0._mon_age(p_age interval) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE   -- interval output follows IntervalStyle
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$ SELECT date_trunc('second', justify_hours(p_age))::text $$;
COMMENT ON FUNCTION pggit_v0._mon_age(interval) IS 'An interval truncated to whole seconds, for messages';

-- Integrity -------------------------------------------------------------------------

-- Every inconsistency in the stored history, one row per problem: the check it
-- belongs to, the sha it concerns (NULL when there is none) and what is wrong.
-- Nothing is trusted: object shas are recomputed from content, tree contents are
-- rebuilt from tree_entries, commit contents from commit_graph and commit_parents,
-- and each commit's change count from its trees.  No rows = consistent.
CREATE OR REPLACE FUNCTION pggit_v0._integrity_problems()
RETURNS TABLE (check_name text, sha text, problem text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
-- objects: content addresses and sizes
SELECT 'object_hashes', o.sha,
       format('%s %s: content hashes to %s', o.type, o.sha, _sha(o.type, o.content))
FROM objects o WHERE _sha(o.type, o.content) <> o.sha
UNION ALL
SELECT 'object_sizes', o.sha,
       format('%s %s: size says %s bytes, content has %s', o.type, o.sha, o.size, octet_length(o.content))
FROM objects o WHERE o.size <> octet_length(o.content)
UNION ALL
-- tree entries: their tree is a stored tree, their target exists with the right type
SELECT 'tree_entries', e.tree_sha,
       format('%s tree_entries rows belong to %s, which is not a stored tree object', count(*), e.tree_sha)
FROM tree_entries e
WHERE NOT EXISTS (SELECT 1 FROM objects o WHERE o.sha = e.tree_sha AND o.type = 'tree')
GROUP BY e.tree_sha
UNION ALL
SELECT 'tree_entries', e.entry_sha,
       CASE WHEN o.sha IS NULL
            THEN format('tree %s entry %L points at %s %s, which is not stored', e.tree_sha, e.name, e.entry_type, e.entry_sha)
            ELSE format('tree %s entry %L says %s %s, which is a %s', e.tree_sha, e.name, e.entry_type, e.entry_sha, o.type)
       END
FROM tree_entries e LEFT JOIN objects o ON o.sha = e.entry_sha
WHERE o.sha IS NULL OR o.type <> e.entry_type
UNION ALL
-- tree objects: content is the canonical text of their entries (see _stage())
SELECT 'tree_content', t.sha,
       format('tree %s: content does not list its %s tree_entries rows canonically', t.sha, coalesce(e.n, 0))
FROM objects t
LEFT JOIN (SELECT x.tree_sha, count(*) AS n,
                  string_agg(x.entry_type || ' ' || x.entry_sha || ' ' || _esc(x.name), E'\n'
                             ORDER BY x.name COLLATE "C") AS content
           FROM tree_entries x GROUP BY x.tree_sha) e ON e.tree_sha = t.sha
WHERE t.type = 'tree' AND t.content IS DISTINCT FROM coalesce(e.content, '')
UNION ALL
-- commits: graph row <-> commit object
SELECT 'commit_objects', c.commit_sha,
       CASE WHEN o.sha IS NULL THEN format('commit %s has no commit object', c.commit_sha)
            ELSE format('commit %s is stored as a %s object', c.commit_sha, o.type) END
FROM commit_graph c LEFT JOIN objects o ON o.sha = c.commit_sha
WHERE o.sha IS NULL OR o.type <> 'commit'
UNION ALL
SELECT 'commit_objects', o.sha, format('commit object %s has no commit_graph row', o.sha)
FROM objects o
WHERE o.type = 'commit' AND NOT EXISTS (SELECT 1 FROM commit_graph c WHERE c.commit_sha = o.sha)
UNION ALL
SELECT 'commit_trees', c.commit_sha, format('commit %s: its tree %s is not a stored tree', c.commit_sha, c.tree_sha)
FROM commit_graph c
WHERE NOT EXISTS (SELECT 1 FROM objects o WHERE o.sha = c.tree_sha AND o.type = 'tree')
UNION ALL
-- parents: exist, numbered 1..n, belong to a commit
SELECT 'commit_parents', p.parent_sha,
       format('commit %s: parent %s (position %s) is not a commit', p.commit_sha, p.parent_sha, p.position)
FROM commit_parents p
WHERE NOT EXISTS (SELECT 1 FROM commit_graph c WHERE c.commit_sha = p.parent_sha)
UNION ALL
SELECT 'commit_parents', p.commit_sha,
       format('commit_parents rows for %s, which is not a commit', p.commit_sha)
FROM commit_parents p
WHERE NOT EXISTS (SELECT 1 FROM commit_graph c WHERE c.commit_sha = p.commit_sha)
GROUP BY p.commit_sha
UNION ALL
SELECT 'commit_parents', p.commit_sha,
       format('commit %s: parent positions %s are not 1..%s', p.commit_sha,
              array_agg(p.position ORDER BY p.position), count(*))
FROM commit_parents p
GROUP BY p.commit_sha
HAVING min(p.position) <> 1 OR max(p.position) <> count(*)
UNION ALL
-- commit objects say what the graph says: tree, parents in order, author, time, message
SELECT 'commit_content', g.commit_sha,
       CASE WHEN g.content_tree IS DISTINCT FROM g.tree_sha
                THEN format('commit %s: object says tree %s, commit_graph says %s', g.commit_sha, g.content_tree, g.tree_sha)
            WHEN g.content_parents IS DISTINCT FROM g.graph_parents
                THEN format('commit %s: object lists parents %s, commit_parents say %s', g.commit_sha,
                            g.content_parents, g.graph_parents)
            ELSE format('commit %s: author, time or message differ from its commit_graph row', g.commit_sha) END
FROM (
    SELECT c.commit_sha, c.tree_sha, o.content,
           (regexp_match(o.content, '^tree ([^\n]*)'))[1] AS content_tree,
           ARRAY(SELECT m[1] FROM regexp_matches(split_part(o.content, E'\n\n', 1), '^parent ([^\n]*)$', 'gn') AS m)
               AS content_parents,
           coalesce(pa.parents, ARRAY[]::text[]) AS graph_parents,
           _commit_text(c.tree_sha, coalesce(pa.parents, ARRAY[]::text[]), c.author, c.committed_at, c.message) AS expected
    FROM commit_graph c
    JOIN objects o ON o.sha = c.commit_sha AND o.type = 'commit'
    LEFT JOIN (SELECT p.commit_sha, array_agg(p.parent_sha ORDER BY p.position) AS parents
               FROM commit_parents p GROUP BY p.commit_sha) pa ON pa.commit_sha = c.commit_sha
) g
WHERE g.content <> g.expected
UNION ALL
-- the change count of each commit, recomputed from its tree and its first parent's
SELECT 'commit_changes', c.commit_sha,
       format('commit %s: commit_graph says %s paths changed, its trees differ in %s', c.commit_sha, c.changes, x.n)
FROM commit_graph c
LEFT JOIN commit_parents p ON p.commit_sha = c.commit_sha AND p.position = 1
LEFT JOIN commit_graph pc ON pc.commit_sha = p.parent_sha
CROSS JOIN LATERAL (
    SELECT CASE WHEN p.parent_sha IS NULL THEN (SELECT count(*) FROM _tree_blobs(c.tree_sha))
                ELSE (SELECT count(*) FROM _diff_trees(pc.tree_sha, c.tree_sha)) END AS n
) x
WHERE (p.parent_sha IS NULL OR pc.commit_sha IS NOT NULL) AND x.n <> c.changes
UNION ALL
-- refs and HEAD point at commits
SELECT 'refs', r.target_sha, format('%s %L points at %s, which is not a commit', r.type, r.name, r.target_sha)
FROM refs r WHERE NOT EXISTS (SELECT 1 FROM commit_graph c WHERE c.commit_sha = r.target_sha)
UNION ALL
SELECT 'head', NULL, 'the head table has no row: HEAD is undefined'
WHERE NOT EXISTS (SELECT 1 FROM head)
UNION ALL
SELECT 'head', h.detached_sha, format('detached HEAD points at %s, which is not a commit', h.detached_sha)
FROM head h
WHERE h.detached_sha IS NOT NULL AND NOT EXISTS (SELECT 1 FROM commit_graph c WHERE c.commit_sha = h.detached_sha)
UNION ALL
SELECT 'head', r.target_sha, format('HEAD is on %L, which is a %s, not a branch', r.name, r.type)
FROM head h JOIN refs r ON r.name = h.branch WHERE r.type <> 'branch'
UNION ALL
-- the DDL log's links to commits
SELECT 'ddl_log_commits', lc.commit_sha,
       format('ddl_log entry %s is linked to %s, which is not a commit', lc.log_id, lc.commit_sha)
FROM ddl_log_commits lc WHERE NOT EXISTS (SELECT 1 FROM commit_graph c WHERE c.commit_sha = lc.commit_sha)
UNION ALL
SELECT 'ddl_log_commits', lc.commit_sha,
       format('commit %s is linked to ddl_log entry %s, which does not exist', lc.commit_sha, lc.log_id)
FROM ddl_log_commits lc WHERE NOT EXISTS (SELECT 1 FROM ddl_log l WHERE l.id = lc.log_id)
UNION ALL
-- every ref and HEAD holds the value its last ref_log entry gave it (no write bypassed the API)
SELECT 'ref_log', coalesce(x.now_value, x.logged_value),
       CASE WHEN x.logged_value IS NULL AND x.n = 0
                THEN format('%s %L is not in the ref log: it was written outside the API', x.kind, x.ref)
            WHEN x.now_value IS NULL
                THEN format('%s %L was removed outside the API (the ref log last set it to %s)', x.kind, x.ref, x.logged_value)
            WHEN x.logged_value IS NULL
                THEN format('%s %L exists, but the ref log last deleted it', x.kind, x.ref)
            ELSE format('%s %L is %s, but the ref log last set it to %s', x.kind, x.ref, x.now_value, x.logged_value) END
FROM (
    SELECT coalesce(cur.ref, lg.ref) AS ref, coalesce(cur.kind, 'ref') AS kind, cur.value AS now_value,
           lg.new_value AS logged_value, coalesce(lg.n, 0) AS n
    FROM (SELECT r.name AS ref, r.type AS kind, r.target_sha AS value FROM refs r
          UNION ALL
          SELECT 'HEAD', 'HEAD', CASE WHEN h.branch IS NOT NULL THEN 'ref: ' || h.branch ELSE h.detached_sha END
          FROM head h) cur
    FULL JOIN (SELECT DISTINCT ON (l.ref) l.ref, l.new_value, count(*) OVER (PARTITION BY l.ref) AS n
               FROM ref_log l ORDER BY l.ref, l.id DESC) lg ON lg.ref = cur.ref
) x
WHERE x.now_value IS DISTINCT FROM x.logged_value
UNION ALL
-- the branch a commit records is the one the ref log moved to it when it was made
SELECT 'commit_branch', c.commit_sha,
       format('commit %s says it was made on %s, the ref log says on %s', c.commit_sha,
              coalesce(quote_literal(c.branch), 'a detached HEAD'),
              CASE WHEN l.ref = 'HEAD' THEN 'a detached HEAD' ELSE quote_literal(l.ref) END)
FROM commit_graph c
JOIN ref_log l ON l.new_value = c.commit_sha AND l.call IN ('create_basic_commit', 'merge_branch', 'install')
WHERE c.branch IS DISTINCT FROM CASE WHEN l.ref = 'HEAD' THEN NULL ELSE l.ref END
UNION ALL
-- DDL log entries are as they were when linked: each link's entry_sha, and the chain
SELECT 'ddl_log_chain', lc.commit_sha,
       format('ddl_log entry %s (linked to commit %s) was edited after it was logged', lc.log_id, lc.commit_sha)
FROM ddl_log_commits lc JOIN _ddl_log_shas(false) d ON d.id = lc.log_id
WHERE lc.entry_sha IS NOT NULL AND lc.entry_sha <> d.entry_sha
UNION ALL
SELECT 'ddl_log_chain', b.commit_sha,
       format('DDL log link batch %s (commit %s) does not chain to the batch before it: links were edited or removed',
              b.seq, b.commit_sha)
FROM (
    SELECT lc.seq, min(lc.commit_sha) AS commit_sha, min(lc.chain_sha) AS chain_sha, count(DISTINCT lc.chain_sha) AS chains,
           string_agg(lc.entry_sha, E'\n' ORDER BY lc.log_id) AS entries,
           lag(min(lc.chain_sha)) OVER (ORDER BY lc.seq) AS prev_chain,
           lag(lc.seq) OVER (ORDER BY lc.seq) AS prev_seq
    FROM ddl_log_commits lc WHERE lc.seq IS NOT NULL GROUP BY lc.seq
) b
WHERE b.chains <> 1 OR b.seq <> coalesce(b.prev_seq, 0) + 1
   OR b.chain_sha <> _sha('ddl-chain', coalesce(b.prev_chain, '') || E'\n' || b.entries)
$$;
COMMENT ON FUNCTION pggit_v0._integrity_problems() IS
    'One row per inconsistency in stored history (check, sha concerned, problem); no rows when consistent';

-- The integrity checks, one row each, without the live-schema comparison.
CREATE OR REPLACE FUNCTION pggit_v0._integrity_checks()
RETURNS TABLE (check_name text, status text, details text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH p AS MATERIALIZED (SELECT * FROM _integrity_problems()),
n AS MATERIALIZED (
    SELECT (SELECT count(*) FROM objects) AS objects,
           (SELECT count(*) FROM objects WHERE type = 'tree') AS trees,
           (SELECT count(*) FROM tree_entries) AS entries,
           (SELECT count(*) FROM commit_graph) AS commits,
           (SELECT count(*) FROM commit_parents) AS parents,
           (SELECT count(*) FROM refs) AS refs,
           (SELECT coalesce(h.branch, 'detached ' || h.detached_sha) FROM head h) AS head,
           (SELECT count(*) FROM ddl_log_commits) AS links
),
checks(ord, check_name, ok_details) AS (
    SELECT v.* FROM n CROSS JOIN LATERAL (VALUES
        (1, 'object_hashes', format('%s objects: every sha is the sha256 of its type and content', n.objects)),
        (2, 'object_sizes', format('%s objects: every size is the byte length of its content', n.objects)),
        (3, 'tree_entries', format('%s tree entries: all belong to stored trees and point at stored objects of their type',
                                   n.entries)),
        (4, 'tree_content', format('%s trees: every content is the canonical text of its entries', n.trees)),
        (5, 'commit_objects', format('%s commits: graph rows and commit objects match one to one', n.commits)),
        (6, 'commit_trees', format('%s commits: every tree is stored', n.commits)),
        (7, 'commit_parents', format('%s parent links: all point at commits, positions 1..n', n.parents)),
        (8, 'commit_content', format('%s commits: objects record the same tree, parents, author, time and message as the graph',
                                     n.commits)),
        (9, 'commit_changes', format('%s commits: change counts match their trees', n.commits)),
        (10, 'refs', format('%s refs: all point at commits', n.refs)),
        (11, 'head', format('HEAD (%s) resolves to a commit', n.head)),
        (12, 'ddl_log_commits', format('%s DDL log links: all join a log entry and a commit', n.links)),
        (13, 'ref_log', format('%s refs and HEAD: each holds the value its last ref log entry gave it', n.refs + 1)),
        (14, 'commit_branch', format('%s commits: each records the branch the ref log moved to it', n.commits)),
        (15, 'ddl_log_chain', format('%s DDL log links: every entry unchanged since linked, the hash chain unbroken', n.links))
    ) v(ord, check_name, ok_details)
)
SELECT c.check_name,
       CASE WHEN count(p.problem) = 0 THEN 'OK' ELSE 'FAILED' END,
       CASE WHEN count(p.problem) = 0 THEN c.ok_details
            ELSE format('%s problem%s: %s', count(p.problem), CASE WHEN count(p.problem) > 1 THEN 's' ELSE '' END,
                        _mon_list(array_agg(p.problem ORDER BY p.problem), 20)) END
FROM checks c LEFT JOIN p ON p.check_name = c.check_name
GROUP BY c.ord, c.check_name, c.ok_details
ORDER BY c.ord
$$;
COMMENT ON FUNCTION pggit_v0._integrity_checks() IS
    'The stored-history checks of validate_data_integrity(), one row each (no live-schema comparison)';

-- fsck: verifies every object, tree, commit, parent link, ref, HEAD and DDL log link
-- (see _integrity_problems), then compares the live schema with HEAD.
-- Promises: one row per check, status 'OK' or 'FAILED'; a FAILED row's details name
-- each sha concerned.  Drift between the live schema and HEAD is reported in the
-- 'live_schema' row with status 'OK' (uncommitted work is not corruption), unless
-- the comparison itself cannot be made.
CREATE OR REPLACE FUNCTION pggit_v0.validate_data_integrity()
RETURNS TABLE (check_name text, status text, details text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_t0     timestamptz := clock_timestamp();
    v_failed int;
    v_n      bigint;
    v_paths  text[];
BEGIN
    RETURN QUERY SELECT * FROM _integrity_checks();
    GET DIAGNOSTICS v_failed = ROW_COUNT;

    BEGIN
        IF _commit_tree(_head_commit()) IS NULL THEN   -- status() would call everything ADDED
            RAISE EXCEPTION 'HEAD (%) does not resolve to a commit with a tree',
                  coalesce(_head_commit(), 'no commit') USING ERRCODE = '55000';
        END IF;
        SELECT count(*), array_agg(s.change_type || ' ' || s.path ORDER BY s.path COLLATE "C")
        INTO v_n, v_paths
        FROM status() s;
        check_name := 'live_schema';
        status := 'OK';
        details := CASE WHEN v_n = 0 THEN 'the live schema is what HEAD recorded'
                        ELSE format('%s path%s differ from HEAD (uncommitted changes, not a failure): %s',
                                    v_n, CASE WHEN v_n > 1 THEN 's' ELSE '' END, _mon_list(v_paths, 10)) END;
    EXCEPTION WHEN OTHERS THEN
        check_name := 'live_schema';
        status := 'FAILED';
        details := format('cannot compare the live schema with HEAD: %s (SQLSTATE %s)', SQLERRM, SQLSTATE);
    END;
    RETURN NEXT;

    PERFORM _record_timing('validate_data_integrity', v_t0);
END
$$;
COMMENT ON FUNCTION pggit_v0.validate_data_integrity() IS
    'fsck of the store: recomputes object shas and sizes, rebuilds trees and commits from their rows, checks parents, refs, HEAD and DDL log links (OK/FAILED per check, shas named); live_schema row reports drift from HEAD as OK';

-- Drop statistics capture ---------------------------------------------------------

-- Dropped tables' row estimates are stored by capture's own sql_drop event trigger
-- (_capture, sql/70_capture.sql): one trigger and one subtransaction per DROP.  Upgrade
-- in place: the former second event trigger and its functions go (_monitor_record_drops
-- was SECURITY DEFINER and executable by PUBLIC: anyone could write capture_faults rows
-- through it).
DO $monitor$
BEGIN
    BEGIN
        DROP EVENT TRIGGER IF EXISTS pggit_v0_monitor_drop;
        DROP FUNCTION IF EXISTS pggit_v0._monitor_drop;   -- (no argument list: the helper-call check)
        DROP FUNCTION IF EXISTS pggit_v0._monitor_record_drops;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE WARNING 'pgGit: could not drop the former event trigger pggit_v0_monitor_drop: %', SQLERRM
              USING HINT = 'Reinstall as a superuser to remove it; capture records dropped tables itself.';
    END;
END
$monitor$;

-- Alerts ----------------------------------------------------------------------------

-- Health checks, one row per check: integrity, capture, capture_faults,
-- uncommitted_ddl, stale_branches, head, storage_growth.
-- Promises: severity is 'OK', 'INFO', 'WARNING' or 'CRITICAL'; message states the
-- measured facts; hint says what to do (NULL when nothing).
CREATE OR REPLACE FUNCTION pggit_v0._alerts(p_paths bigint)
RETURNS TABLE (check_name text, severity text, message text, hint text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_paths bigint := p_paths;
BEGIN
    -- integrity of stored history
    RETURN QUERY
    SELECT 'integrity',
           CASE WHEN count(*) FILTER (WHERE i.status = 'FAILED') > 0 THEN 'CRITICAL' ELSE 'OK' END,
           CASE WHEN count(*) FILTER (WHERE i.status = 'FAILED') = 0
                THEN format('all %s integrity checks passed', count(*))
                ELSE format('%s of %s integrity checks failed: %s', count(*) FILTER (WHERE i.status = 'FAILED'), count(*),
                            string_agg(i.check_name || ' (' || i.details || ')', '; ') FILTER (WHERE i.status = 'FAILED'))
           END,
           CASE WHEN count(*) FILTER (WHERE i.status = 'FAILED') > 0
                THEN 'History was changed outside pgGit. SELECT * FROM pggit_v0.validate_data_integrity() WHERE status = ''FAILED'' lists the shas; restore those rows from a backup.'
           END
    FROM _integrity_checks() i;

    -- capture
    RETURN QUERY
    SELECT 'capture',
           CASE WHEN cs.enabled THEN 'OK' WHEN cs.mode = 'snapshot-only' THEN 'INFO' ELSE 'WARNING' END,
           format('capture mode %s: %s', cs.mode, cs.detail),
           CASE WHEN cs.enabled THEN NULL
                WHEN cs.mode = 'snapshot-only'
                    THEN 'DDL is not logged; commits still snapshot the schema. Reinstall as a superuser to log DDL.'
                ELSE 'ALTER EVENT TRIGGER pggit_v0_capture_ddl ENABLE; ALTER EVENT TRIGGER pggit_v0_capture_drop ENABLE; (or reinstall the layer)'
           END
    FROM capture_status() cs;

    -- capture faults
    RETURN QUERY
    SELECT 'capture_faults',
           CASE WHEN count(*) FILTER (WHERE f.occurred_at >= now() - interval '7 days') > 0 THEN 'WARNING'
                WHEN count(*) > 0 THEN 'INFO' ELSE 'OK' END,
           CASE WHEN count(*) = 0 THEN 'no capture faults recorded'
                ELSE format('%s capture fault%s, %s in the last 7 days; latest %s ago on %s: %s (SQLSTATE %s)',
                            count(*), CASE WHEN count(*) > 1 THEN 's' ELSE '' END,
                            count(*) FILTER (WHERE f.occurred_at >= now() - interval '7 days'),
                            _mon_age(now() - max(f.occurred_at)),
                            (array_agg(f.command_tag ORDER BY f.id DESC))[1],
                            (array_agg(f.message ORDER BY f.id DESC))[1],
                            (array_agg(f.sqlstate ORDER BY f.id DESC))[1]) END,
           CASE WHEN count(*) > 0
                THEN 'Those DDL commands ran but were not logged. SELECT * FROM pggit_v0.capture_faults ORDER BY id DESC; then fix the cause.'
           END
    FROM capture_faults f;

    -- uncommitted DDL and paths (p_paths = rows of status())
    RETURN QUERY
    WITH pend AS (
        SELECT count(*) AS n, min(l.logged_at) AS oldest FROM ddl_log l
        WHERE NOT EXISTS (SELECT 1 FROM ddl_log_commits lc WHERE lc.log_id = l.id)
    )
    SELECT 'uncommitted_ddl',
           CASE WHEN pend.n > 0 AND pend.oldest < now() - interval '1 day' THEN 'WARNING'
                WHEN pend.n > 0 OR v_paths > 0 THEN 'INFO' ELSE 'OK' END,
           CASE WHEN pend.n = 0 AND v_paths = 0 THEN 'no uncommitted DDL: the live schema is what HEAD recorded'
                ELSE format('%s logged DDL command%s not yet in a commit%s; status() shows %s changed path%s',
                            pend.n, CASE WHEN pend.n = 1 THEN '' ELSE 's' END,
                            CASE WHEN pend.n > 0 THEN format(', oldest from %s ago', _mon_age(now() - pend.oldest)) ELSE '' END,
                            v_paths, CASE WHEN v_paths = 1 THEN '' ELSE 's' END) END,
           CASE WHEN pend.n > 0 OR v_paths > 0
                THEN 'Review with SELECT * FROM pggit_v0.status(); then SELECT pggit_v0.create_basic_commit(''<what changed and why>'');'
           END
    FROM pend;

    -- stale branches: no commit and no creation for 90 days
    RETURN QUERY
    WITH b AS (
        SELECT r.name, now() - greatest(c.committed_at, r.created_at) AS idle
        FROM refs r JOIN commit_graph c ON c.commit_sha = r.target_sha
        WHERE r.type = 'branch' AND r.name <> 'main'
    )
    SELECT 'stale_branches',
           CASE WHEN count(*) FILTER (WHERE b.idle > interval '180 days') > 0 THEN 'WARNING'
                WHEN count(*) FILTER (WHERE b.idle > interval '90 days') > 0 THEN 'INFO' ELSE 'OK' END,
           CASE WHEN count(*) FILTER (WHERE b.idle > interval '90 days') = 0
                THEN format('%s branch%s besides main, none idle for 90 days', count(*), CASE WHEN count(*) = 1 THEN '' ELSE 'es' END)
                ELSE format('%s of %s branches besides main have had no commit for 90 days: %s',
                            count(*) FILTER (WHERE b.idle > interval '90 days'), count(*),
                            _mon_list(array_agg(format('%s (%s days)', b.name, extract(day FROM b.idle))
                                                ORDER BY b.idle DESC) FILTER (WHERE b.idle > interval '90 days'), 10)) END,
           CASE WHEN count(*) FILTER (WHERE b.idle > interval '90 days') > 0
                THEN 'Merge or delete them: SELECT * FROM pggit_v0.get_recommendations(); lists the delete_branch() calls.'
           END
    FROM b;

    -- HEAD sanity
    RETURN QUERY
    SELECT 'head',
           CASE WHEN h.singleton IS NULL OR c.commit_sha IS NULL OR (h.branch IS NOT NULL AND r.type IS DISTINCT FROM 'branch')
                    THEN 'CRITICAL'
                WHEN h.detached_sha IS NOT NULL THEN 'INFO' ELSE 'OK' END,
           CASE WHEN h.singleton IS NULL THEN 'HEAD is undefined: pggit_v0.head has no row'
                WHEN h.branch IS NOT NULL AND r.name IS NULL THEN format('HEAD is on branch %L, which does not exist', h.branch)
                WHEN h.branch IS NOT NULL AND r.type <> 'branch' THEN format('HEAD is on %L, which is a %s', h.branch, r.type)
                WHEN c.commit_sha IS NULL THEN format('HEAD resolves to %s, which is not a commit',
                                                       coalesce(h.detached_sha, r.target_sha))
                WHEN h.detached_sha IS NOT NULL THEN format('HEAD is detached at %s', h.detached_sha)
                ELSE format('HEAD is on branch %s at %s', h.branch, r.target_sha) END,
           CASE WHEN h.singleton IS NULL OR c.commit_sha IS NULL OR (h.branch IS NOT NULL AND r.type IS DISTINCT FROM 'branch')
                    THEN 'SELECT pggit_v0.checkout_branch(''main''); then run validate_data_integrity()'
                WHEN h.detached_sha IS NOT NULL
                    THEN 'Commits made now belong to no branch: SELECT pggit_v0.create_branch(''<name>'', from_ref => ''HEAD'');'
           END
    FROM (SELECT 1) one
    LEFT JOIN head h ON true
    LEFT JOIN refs r ON r.name = h.branch
    LEFT JOIN commit_graph c ON c.commit_sha = coalesce(h.detached_sha, r.target_sha);

    -- storage growth: bytes stored in the last 7 days against the weekly mean of the 4 weeks before
    RETURN QUERY
    WITH o AS (
        SELECT count(*) AS n, coalesce(sum(o.size), 0) AS total, min(o.created_at) AS first,
               coalesce(sum(o.size) FILTER (WHERE o.created_at >= now() - interval '7 days'), 0) AS last7,
               coalesce(sum(o.size) FILTER (WHERE o.created_at >= now() - interval '35 days'
                                              AND o.created_at < now() - interval '7 days'), 0) AS prev28
        FROM objects o
    ),
    x AS (SELECT o.*, o.first < now() - interval '35 days' AS has_baseline, o.prev28 / 4.0 AS weekly FROM o)
    SELECT 'storage_growth',
           CASE WHEN x.has_baseline AND x.last7 > 1048576 AND x.last7 > 3 * x.weekly THEN 'WARNING' ELSE 'OK' END,
           format('%s objects hold %s of content; %s stored in the last 7 days', x.n, pg_size_pretty(x.total),
                  pg_size_pretty(x.last7))
           || CASE WHEN x.has_baseline
                   THEN format(', weekly mean of the 4 weeks before: %s', pg_size_pretty(round(x.weekly)))
                   ELSE format(' (store is %s days old: no 4-week baseline to compare with)',
                               coalesce(extract(day FROM now() - x.first), 0)) END,
           CASE WHEN x.has_baseline AND x.last7 > 1048576 AND x.last7 > 3 * x.weekly
                THEN 'Storage grew over 3x faster than usual: SELECT * FROM pggit_v0.detect_anomalies(); SELECT * FROM pggit_v0.estimate_storage_growth();'
           END
    FROM x;
END
$$;
COMMENT ON FUNCTION pggit_v0._alerts(bigint) IS
    'The rows of check_for_alerts(), given how many paths status() reports';

CREATE OR REPLACE FUNCTION pggit_v0.check_for_alerts()
RETURNS TABLE (check_name text, severity text, message text, hint text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_t0 timestamptz := clock_timestamp();
BEGIN
    RETURN QUERY SELECT * FROM _alerts((SELECT count(*) FROM status()));
    PERFORM _record_timing('check_for_alerts', v_t0);
END
$$;
COMMENT ON FUNCTION pggit_v0.check_for_alerts() IS
    'Health checks (integrity, capture, capture_faults, uncommitted_ddl, stale_branches, head, storage_growth), one row each with severity OK/INFO/WARNING/CRITICAL, message and hint';

-- Dashboard -------------------------------------------------------------------------

-- Key figures in one table: commits, branches, current_branch, head, tracked_objects,
-- uncommitted_changes, last_commit_age, storage, open_alerts.  status uses the
-- alert severities.
CREATE OR REPLACE FUNCTION pggit_v0.get_dashboard_summary()
RETURNS TABLE (metric text, value text, status text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_t0      timestamptz := clock_timestamp();
    v_head    text := _head_commit();
    v_paths   bigint;
    v_pending bigint;
    v_oldest  timestamptz;
BEGIN
    RETURN QUERY
    SELECT 'commits', format('%s commit%s by %s author%s since %s', count(*), CASE WHEN count(*) = 1 THEN '' ELSE 's' END,
                             count(DISTINCT c.author), CASE WHEN count(DISTINCT c.author) = 1 THEN '' ELSE 's' END,
                             coalesce(to_char(min(c.committed_at), 'YYYY-MM-DD'), 'never')),
           CASE WHEN count(*) = 0 THEN 'CRITICAL' ELSE 'OK' END
    FROM commit_graph c;
    RETURN QUERY
    SELECT 'branches', format('%s branches, %s tags', count(*) FILTER (WHERE r.type = 'branch'),
                              count(*) FILTER (WHERE r.type = 'tag')), 'OK'
    FROM refs r;
    RETURN QUERY
    SELECT 'current_branch', coalesce(h.branch, 'detached HEAD'),
           CASE WHEN h.singleton IS NULL THEN 'CRITICAL' WHEN h.branch IS NULL THEN 'INFO' ELSE 'OK' END
    FROM (SELECT 1) one LEFT JOIN head h ON true;
    RETURN QUERY
    SELECT 'head', coalesce(v_head, 'unresolved'),
           CASE WHEN EXISTS (SELECT 1 FROM commit_graph c WHERE c.commit_sha = v_head) THEN 'OK' ELSE 'CRITICAL' END;
    RETURN QUERY
    SELECT 'tracked_objects', format('%s objects in %s schemas at HEAD', count(*), count(DISTINCT t.schema_name)), 'OK'
    FROM _tree_objects(_commit_tree(v_head)) t;

    SELECT count(*) INTO v_paths FROM status();
    SELECT count(*), min(l.logged_at) INTO v_pending, v_oldest FROM ddl_log l
    WHERE NOT EXISTS (SELECT 1 FROM ddl_log_commits lc WHERE lc.log_id = l.id);
    RETURN QUERY
    SELECT 'uncommitted_changes',
           format('%s changed paths, %s logged DDL commands not committed', v_paths, v_pending),
           CASE WHEN v_pending > 0 AND v_oldest < now() - interval '1 day' THEN 'WARNING'
                WHEN v_paths > 0 OR v_pending > 0 THEN 'INFO' ELSE 'OK' END;
    RETURN QUERY
    SELECT 'last_commit_age',
           format('%s (commit %s)', _mon_age(now() - c.committed_at), left(c.commit_sha, 12)), 'OK'
    FROM commit_graph c ORDER BY c.committed_at DESC LIMIT 1;
    RETURN QUERY
    SELECT 'storage',
           format('%s on disk in %s tables; %s of object content',
                  pg_size_pretty(sum(pg_total_relation_size(c.oid))), count(*),
                  pg_size_pretty((SELECT coalesce(sum(o.size), 0) FROM objects o))),
           'OK'
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'pggit_v0' AND c.relkind IN ('r', 'p');
    RETURN QUERY
    SELECT 'open_alerts',
           CASE WHEN count(*) FILTER (WHERE a.severity <> 'OK') = 0 THEN format('0 of %s checks', count(*))
                ELSE format('%s of %s checks: %s', count(*) FILTER (WHERE a.severity <> 'OK'), count(*),
                            string_agg(a.check_name || ' ' || a.severity, ', ' ORDER BY _mon_rank(a.severity) DESC, a.check_name)
                                FILTER (WHERE a.severity <> 'OK')) END,
           (array_agg(a.severity ORDER BY _mon_rank(a.severity) DESC))[1]
    FROM _alerts(v_paths) a;
    PERFORM _record_timing('get_dashboard_summary', v_t0);
END
$$;
COMMENT ON FUNCTION pggit_v0.get_dashboard_summary() IS
    'Key figures (commits, branches, current branch, HEAD, tracked objects, uncommitted changes, last commit age, storage, open alerts) with a status each';

-- Performance -----------------------------------------------------------------------

-- Timings of the layer's operations from op_timings, slowest average first.
-- Promises: calls, average, 95th percentile (continuous) and maximum duration, and
-- when it last ran, per operation; one row 'none recorded yet' (calls 0, durations
-- NULL) when op_timings is empty.
CREATE OR REPLACE FUNCTION pggit_v0.analyze_query_performance()
RETURNS TABLE (operation text, calls bigint, avg_duration interval, p95_duration interval,
               max_duration interval, last_run timestamptz)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH t AS (   -- capture times are kept on the log rows themselves
    SELECT o.operation, o.duration, o.started_at FROM op_timings o
    UNION ALL
    SELECT 'capture', l.capture_duration, l.logged_at FROM ddl_log l WHERE l.capture_duration IS NOT NULL
)
SELECT * FROM (
    SELECT t.operation, count(*), avg(t.duration),
           percentile_cont(0.95) WITHIN GROUP (ORDER BY t.duration),
           max(t.duration), max(t.started_at)
    FROM t GROUP BY t.operation
    UNION ALL
    SELECT 'none recorded yet', 0, NULL::interval, NULL::interval, NULL::interval, NULL::timestamptz
    WHERE NOT EXISTS (SELECT 1 FROM t)
) s
ORDER BY 3 DESC NULLS LAST, 1
$$;
COMMENT ON FUNCTION pggit_v0.analyze_query_performance() IS
    'Per operation (op_timings, and capture times from ddl_log): calls, avg, p95 and max duration, last run; one row with calls 0 when nothing was timed';

-- Storage ---------------------------------------------------------------------------

-- Every table of the layer: exact row count, on-disk bytes (table, indexes, TOAST)
-- and its share of the layer's bytes, largest first.
CREATE OR REPLACE FUNCTION pggit_v0._exact_count(p_table regclass) RETURNS bigint
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
DECLARE
    v_n bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM %s', p_table) INTO v_n;
    RETURN v_n;
END
$$;
COMMENT ON FUNCTION pggit_v0._exact_count(regclass) IS 'Exact row count of a table (no libxml needed, unlike query_to_xml)';

CREATE OR REPLACE FUNCTION pggit_v0.analyze_storage_usage()
RETURNS TABLE (table_name text, row_count bigint, total_bytes bigint, total_size text, share_percent numeric)
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH t AS (
    SELECT c.relname::text AS table_name, _exact_count(c.oid::regclass) AS row_count,
           pg_total_relation_size(c.oid) AS total_bytes
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'pggit_v0' AND c.relkind IN ('r', 'p')
)
SELECT t.table_name, t.row_count, t.total_bytes, pg_size_pretty(t.total_bytes),
       round(100.0 * t.total_bytes / nullif(sum(t.total_bytes) OVER (), 0), 1)
FROM t
ORDER BY t.total_bytes DESC, t.table_name
$$;
COMMENT ON FUNCTION pggit_v0.analyze_storage_usage() IS
    'Per layer table: exact rows, pg_total_relation_size bytes and share of the layer''s bytes';

-- Stored objects by type and size bucket (powers of 4 from 256 bytes).
CREATE OR REPLACE FUNCTION pggit_v0.get_object_size_distribution()
RETURNS TABLE (object_type text, size_bucket text, bucket_min_bytes bigint, object_count bigint,
               total_bytes bigint, avg_bytes numeric, max_bytes bigint, share_of_type_percent numeric)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH b AS (
    SELECT o.type, o.size,
           coalesce((SELECT max(256::bigint << (2 * k)) FROM generate_series(0, 11) k
                     WHERE 256::bigint << (2 * k) <= o.size), 0) AS lo
    FROM objects o
),
g AS (
    SELECT b.type, b.lo, count(*) AS n, sum(b.size)::bigint AS bytes, avg(b.size) AS avg, max(b.size)::bigint AS mx
    FROM b GROUP BY b.type, b.lo
)
SELECT * FROM (
    SELECT g.type,
           CASE WHEN g.lo = 0 THEN '0 - 255 bytes'
                ELSE format('%s - %s bytes', g.lo, g.lo * 4 - 1) END,
           g.lo, g.n, g.bytes, round(g.avg, 1), g.mx,
           round(100.0 * g.n / sum(g.n) OVER (PARTITION BY g.type), 1)
    FROM g
    UNION ALL
    SELECT 'none', 'no objects stored', 0, 0, 0, NULL, NULL, NULL
    WHERE NOT EXISTS (SELECT 1 FROM objects)
) s
ORDER BY CASE s.type WHEN 'blob' THEN 1 WHEN 'tree' THEN 2 WHEN 'commit' THEN 3 ELSE 4 END, 3
$$;
COMMENT ON FUNCTION pggit_v0.get_object_size_distribution() IS
    'Objects per type and size bucket (0-255 B, then powers of 4): count, bytes, average, max, share of the type';

-- Growth projection: the least-squares slope (regr_slope) of the cumulative bytes of
-- object content stored as of each commit, against commit time, added to today's
-- bytes.  Promises: one row per horizon (now, 30, 90, 365 days); basis states how
-- many commits over how long the fit used, or why there is no projection: fewer
-- than 2 commits, or under one day of history (a fit over minutes extrapolated to a
-- year says nothing; bytes_per_day still shows the measured slope).
CREATE OR REPLACE FUNCTION pggit_v0.estimate_storage_growth()
RETURNS TABLE (horizon text, days int, projected_bytes bigint, projected_size text,
               bytes_per_day numeric, basis text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH ev AS (   -- objects and commits on one time line; objects first at equal times
    SELECT o.created_at AS t, o.size::numeric AS b, false AS is_commit FROM objects o
    UNION ALL
    SELECT c.committed_at, 0, true FROM commit_graph c
),
cum AS (
    SELECT ev.t, ev.is_commit, sum(ev.b) OVER (ORDER BY ev.t, ev.is_commit ROWS UNBOUNDED PRECEDING) AS y
    FROM ev
),
pts AS (SELECT cum.t AS committed_at, extract(epoch FROM cum.t) AS x, cum.y FROM cum WHERE cum.is_commit),
fit AS (
    SELECT count(*) AS n, (regr_slope(p.y, p.x) * 86400)::numeric AS per_day,
           regr_r2(p.y, p.x) AS r2, min(p.committed_at) AS first, max(p.committed_at) AS last
    FROM pts p
),
cur AS (SELECT coalesce(sum(o.size), 0)::bigint AS bytes FROM objects o),
f AS (
    SELECT fit.*, cur.bytes, fit.n >= 2 AND fit.per_day IS NOT NULL AND fit.last - fit.first >= interval '1 day' AS usable,
           format('%s commits spanning %s days (%s, %s .. %s)', fit.n,
                  round(extract(epoch FROM fit.last - fit.first) / 86400.0, 2), _mon_age(fit.last - fit.first),
                  to_char(fit.first, 'YYYY-MM-DD HH24:MI'), to_char(fit.last, 'YYYY-MM-DD HH24:MI')) AS span
    FROM fit CROSS JOIN cur
)
SELECT h.horizon, h.days,
       CASE WHEN h.days = 0 THEN f.bytes WHEN f.usable THEN (f.bytes + f.per_day * h.days)::bigint END,
       CASE WHEN h.days = 0 THEN pg_size_pretty(f.bytes)
            WHEN f.usable THEN pg_size_pretty((f.bytes + f.per_day * h.days)::bigint) END,
       round(f.per_day, 1),
       CASE WHEN h.days = 0 THEN format('bytes of object content stored now (%s commits)', f.n)
            WHEN f.n < 2 THEN format('only %s commit: a trend needs at least 2', f.n)
            WHEN f.per_day IS NULL THEN format('%s commits all at the same instant: no trend can be fitted', f.n)
            WHEN NOT f.usable
                THEN format('no projection: %s is under one day of history (least-squares slope shown)', f.span)
            ELSE format('least-squares fit of cumulative object bytes against commit time over %s, r2 %s%s',
                        f.span, coalesce(round(f.r2::numeric, 3)::text, 'n/a'),
                        CASE WHEN f.last - f.first < interval '7 days'
                             THEN format('; under 7 days of history extrapolated to %s days: rough', h.days)
                             ELSE '' END) END
FROM f
CROSS JOIN (VALUES ('now', 0), ('30 days', 30), ('90 days', 90), ('365 days', 365)) h(horizon, days)
ORDER BY h.days
$$;
COMMENT ON FUNCTION pggit_v0.estimate_storage_growth() IS
    'Content bytes now and projected at 30/90/365 days from the least-squares slope over commit time; basis says how many commits/days were used or why there is no projection';

-- Anomalies -------------------------------------------------------------------------

-- Things that look wrong in history and operations:
--   large_commit      a commit changing more paths than the mean + 3 standard deviations
--                     of the other non-root commits (judged with at least 8 of them)
--   removed_table     a commit whose tree loses a table (against its first parent), with
--                     the rows it held when dropped where the drop was seen
--   uncommitted_ddl   logged DDL not committed for over a day
--   capture_fault     capture errors in the last 30 days, grouped by SQLSTATE and tag
--   history_tampering failed integrity checks
-- One OK row saying what was examined when nothing is found.
CREATE OR REPLACE FUNCTION pggit_v0.detect_anomalies()
RETURNS TABLE (anomaly text, severity text, details text, commit_sha text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
WITH nonroot AS MATERIALIZED (
    SELECT c.commit_sha, c.changes::numeric AS x
    FROM commit_graph c WHERE EXISTS (SELECT 1 FROM commit_parents p WHERE p.commit_sha = c.commit_sha)
),
agg AS (SELECT count(*) AS n, sum(x) AS s, sum(x * x) AS ss FROM nonroot),
loo AS (   -- each commit against the others (leave-one-out mean and sample stddev)
    SELECT r.commit_sha, r.x, a.n - 1 AS m, (a.s - r.x) / (a.n - 1) AS mean,
           sqrt(greatest((a.ss - r.x * r.x - (a.s - r.x) ^ 2 / (a.n - 1)) / (a.n - 2), 0)) AS sd
    FROM nonroot r CROSS JOIN agg a WHERE a.n - 1 >= 8
),
removed AS MATERIALIZED (
    SELECT c.commit_sha, c.committed_at, d.schema_name, _key_name(d.obj_key) AS table_name
    FROM commit_graph c
    JOIN commit_parents p ON p.commit_sha = c.commit_sha AND p.position = 1
    JOIN commit_graph pc ON pc.commit_sha = p.parent_sha
    CROSS JOIN LATERAL _diff_trees(pc.tree_sha, c.tree_sha) d
    WHERE d.sub_key = 'definition' AND d.obj_key LIKE 'table %' AND d.new_sha IS NULL
),
removed_rows AS (
    SELECT r.*,
           (SELECT max(s.live_tuples) FROM dropped_table_stats s
            WHERE s.object_identity = format('%I.%I', r.schema_name, r.table_name)
              AND s.txid IN (SELECT l.txid FROM ddl_log_commits lc JOIN ddl_log l ON l.id = lc.log_id
                             WHERE lc.commit_sha = r.commit_sha)) AS live_tuples
    FROM removed r
),
pend AS (
    SELECT count(*) AS n, min(l.logged_at) AS oldest FROM ddl_log l
    WHERE NOT EXISTS (SELECT 1 FROM ddl_log_commits lc WHERE lc.log_id = l.id)
),
faults AS (
    SELECT f.sqlstate, f.command_tag, count(*) AS n, max(f.occurred_at) AS last,
           (array_agg(f.message ORDER BY f.id DESC))[1] AS message
    FROM capture_faults f WHERE f.occurred_at >= now() - interval '30 days'
    GROUP BY f.sqlstate, f.command_tag
),
found AS (
    SELECT 'large_commit' AS anomaly, 'WARNING' AS severity,
           format('commit changed %s paths; the other %s non-root commits average %s (stddev %s), threshold %s',
                  l.x, l.m, round(l.mean, 1), round(l.sd, 1), round(l.mean + 3 * greatest(l.sd, 1), 1)) AS details,
           l.commit_sha, 1 AS ord
    FROM loo l WHERE l.x > l.mean + 3 * greatest(l.sd, 1)
    UNION ALL
    SELECT 'removed_table', 'WARNING',
           format('commit removed table %I.%I; %s', r.schema_name, r.table_name,
                  CASE WHEN r.live_tuples IS NULL THEN 'rows it held are unknown (drop not seen by capture)'
                       ELSE format('it held about %s rows when dropped (live-row estimate of the statistics collector)',
                                   r.live_tuples) END),
           r.commit_sha, 2
    FROM removed_rows r
    UNION ALL
    SELECT 'uncommitted_ddl', 'WARNING',
           format('%s logged DDL commands not in any commit, oldest from %s ago', p.n, _mon_age(now() - p.oldest)),
           NULL, 3
    FROM pend p WHERE p.n > 0 AND p.oldest < now() - interval '1 day'
    UNION ALL
    SELECT 'capture_fault', 'WARNING',
           format('%s fault%s capturing %s (SQLSTATE %s) in the last 30 days, latest %s ago: %s',
                  f.n, CASE WHEN f.n > 1 THEN 's' ELSE '' END, coalesce(f.command_tag, '?'), coalesce(f.sqlstate, '?'),
                  _mon_age(now() - f.last), f.message),
           NULL, 4
    FROM faults f
    UNION ALL
    SELECT 'history_tampering', 'CRITICAL', i.check_name || ': ' || i.problem,
           CASE WHEN EXISTS (SELECT 1 FROM commit_graph c WHERE c.commit_sha = i.sha) THEN i.sha END, 0
    FROM _integrity_problems() i
)
SELECT a.anomaly, a.severity, a.details, a.commit_sha FROM (
SELECT f.anomaly, f.severity, f.details, f.commit_sha, f.ord FROM found f
UNION ALL
SELECT 'none', 'OK',
       format('examined %s commits (%s), %s table removals, %s pending DDL commands, capture faults of the last 30 days, and stored history integrity',
              (SELECT count(*) FROM commit_graph),
              CASE WHEN (SELECT n FROM agg) - 1 >= 8 THEN 'commit sizes compared'
                   ELSE format('commit sizes not judged: %s non-root commits, at least 9 needed', (SELECT n FROM agg)) END,
              (SELECT count(*) FROM removed), (SELECT n FROM pend)),
       NULL, 9
WHERE NOT EXISTS (SELECT 1 FROM found)
) a
ORDER BY a.ord, a.anomaly, a.commit_sha, a.details
$$;
COMMENT ON FUNCTION pggit_v0.detect_anomalies() IS
    'Unusually large commits, commits removing tables (with rows held at drop time), old uncommitted DDL, capture faults, history tampering; one OK row when none';

-- Recommendations -------------------------------------------------------------------

-- True when a commit message says nothing specific: its first line has fewer than 3
-- words or 15 characters, or only generic words ("Fixes", "Changes to database").
CREATE OR REPLACE FUNCTION pggit_v0._vague_message(p_message text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pggit_v0, pg_temp
AS $$
WITH w AS (
    SELECT lower(x) AS word FROM regexp_split_to_table(btrim(split_part(p_message, E'\n', 1)), '[^[:alnum:]_]+') x
    WHERE x <> ''
)
SELECT length(btrim(split_part(p_message, E'\n', 1))) < 15
    OR (SELECT count(*) FROM w) < 3
    OR NOT EXISTS (SELECT 1 FROM w WHERE w.word <> ALL (ARRAY[
           'fix', 'fixes', 'fixed', 'fixing', 'change', 'changes', 'changed', 'update', 'updates', 'updated',
           'modify', 'modified', 'modifications', 'misc', 'various', 'some', 'stuff', 'things', 'wip', 'tmp',
           'temp', 'test', 'tests', 'minor', 'small', 'tweak', 'tweaks', 'cleanup', 'more', 'work', 'done',
           'to', 'the', 'a', 'an', 'of', 'in', 'on', 'for', 'and', 'db', 'database', 'schema', 'sql', 'ddl',
           'table', 'tables', 'commit', 'again', 'new', 'it', 'this', 'that']))
$$;
COMMENT ON FUNCTION pggit_v0._vague_message(text) IS
    'True for commit messages too short or too generic to say what changed (e.g. ''Fixes'', ''Changes to database'')';

-- What to do next, most urgent first.  action is SQL to run where one applies.
-- Promises: priority is 'LOW', 'MEDIUM', 'HIGH' or 'CRITICAL'; reasons state the
-- measured facts; one LOW row 'No action needed' listing what was checked when
-- nothing is recommended.
CREATE OR REPLACE FUNCTION pggit_v0.get_recommendations()
RETURNS TABLE (recommendation text, priority text, reason text, action text)
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_t0    timestamptz := clock_timestamp();
    v_paths bigint;
BEGIN
    SELECT count(*) INTO v_paths FROM status();
    RETURN QUERY
    WITH failed AS (SELECT * FROM _integrity_checks() i WHERE i.status = 'FAILED'),
    cap AS (SELECT * FROM capture_status()),
    faults AS (SELECT count(*) AS n, max(f.occurred_at) AS last FROM capture_faults f
               WHERE f.occurred_at >= now() - interval '7 days'),
    pend AS (
        SELECT count(*) AS n, min(l.logged_at) AS oldest FROM ddl_log l
        WHERE NOT EXISTS (SELECT 1 FROM ddl_log_commits lc WHERE lc.log_id = l.id)
    ),
    main_anc AS (
        WITH RECURSIVE a(sha) AS (
            SELECT r.target_sha FROM refs r WHERE r.name = 'main' AND r.type = 'branch'
          UNION
            SELECT cp.parent_sha FROM a JOIN commit_parents cp ON cp.commit_sha = a.sha
        ) SELECT a.sha FROM a
    ),
    br AS (
        SELECT r.name, r.target_sha, now() - greatest(c.committed_at, r.created_at) AS idle,
               r.target_sha IN (SELECT m.sha FROM main_anc m)
               AND r.target_sha IS DISTINCT FROM (SELECT m.target_sha FROM refs m WHERE m.name = 'main')
               -- it had work of its own: its head was committed on it (not a fresh branch or a pointer)
               AND c.branch = r.name AS merged
        FROM refs r JOIN commit_graph c ON c.commit_sha = r.target_sha
        WHERE r.type = 'branch' AND r.name <> 'main'
    ),
    vague AS (
        SELECT c.commit_sha, c.message FROM commit_graph c
        WHERE _vague_message(c.message)
          AND EXISTS (SELECT 1 FROM commit_parents p WHERE p.commit_sha = c.commit_sha)
    ),
    tstats AS (
        SELECT s.relname::text AS relname, s.n_live_tup, s.n_dead_tup, s.last_vacuum, s.last_autovacuum
        FROM pg_stat_user_tables s WHERE s.schemaname = 'pggit_v0'
    ),
    timings AS (SELECT count(*) AS n, min(t.started_at) AS oldest FROM op_timings t),
    recs AS (
        SELECT 'Repair tampered history' AS recommendation, 'CRITICAL' AS priority,
               format('%s integrity check%s failed: %s', count(*), CASE WHEN count(*) > 1 THEN 's' ELSE '' END,
                      string_agg(f.check_name || ' (' || f.details || ')', '; ')) AS reason,
               'SELECT * FROM pggit_v0.validate_data_integrity() WHERE status = ''FAILED'';' AS action
        FROM failed f HAVING count(*) > 0
        UNION ALL
        SELECT 'Re-enable DDL capture', 'HIGH', format('capture mode %s: %s', cap.mode, cap.detail),
               'ALTER EVENT TRIGGER pggit_v0_capture_ddl ENABLE; ALTER EVENT TRIGGER pggit_v0_capture_drop ENABLE;'
        FROM cap WHERE NOT cap.enabled AND cap.mode <> 'snapshot-only'
        UNION ALL
        SELECT 'Investigate capture faults', 'HIGH',
               format('%s DDL command%s in the last 7 days ran without being logged (latest %s ago)',
                      faults.n, CASE WHEN faults.n > 1 THEN 's' ELSE '' END, _mon_age(now() - faults.last)),
               'SELECT * FROM pggit_v0.capture_faults ORDER BY id DESC;'
        FROM faults WHERE faults.n > 0
        UNION ALL
        SELECT 'Commit pending schema changes',
               CASE WHEN pend.n > 0 AND pend.oldest < now() - interval '1 day' THEN 'HIGH' ELSE 'MEDIUM' END,
               format('status() shows %s changed path%s; %s logged DDL command%s not in a commit%s',
                      v_paths, CASE WHEN v_paths = 1 THEN '' ELSE 's' END, pend.n, CASE WHEN pend.n = 1 THEN '' ELSE 's' END,
                      CASE WHEN pend.n > 0 THEN format(', oldest from %s ago', _mon_age(now() - pend.oldest)) ELSE '' END),
               'SELECT * FROM pggit_v0.status(); SELECT pggit_v0.create_basic_commit(''<what changed and why>'');'
        FROM pend WHERE pend.n > 0 OR v_paths > 0
        UNION ALL
        SELECT format('Delete merged branch %s', b.name), 'LOW',
               format('its head %s is already in main''s history; deleting the ref keeps every commit', left(b.target_sha, 12)),
               format('SELECT pggit_v0.delete_branch(%L);', b.name)
        FROM br b WHERE b.merged
        UNION ALL
        SELECT format('Delete or revive stale branch %s', b.name),
               CASE WHEN b.idle > interval '180 days' THEN 'MEDIUM' ELSE 'LOW' END,
               format('no commit on it for %s days and it is not merged into main (its commits stay in the store if deleted)',
                      extract(day FROM b.idle)),
               format('SELECT pggit_v0.delete_branch(%L);', b.name)
        FROM br b WHERE NOT b.merged AND b.idle > interval '90 days'
        UNION ALL
        SELECT 'Write specific commit messages', 'LOW',
               format('%s commit%s say%s nothing specific: %s', count(*), CASE WHEN count(*) > 1 THEN 's' ELSE '' END,
                      CASE WHEN count(*) > 1 THEN '' ELSE 's' END,
                      _mon_list(array_agg(format('%s %L', left(v.commit_sha, 12), v.message) ORDER BY v.commit_sha), 10)),
               NULL
        FROM vague v HAVING count(*) > 0
        UNION ALL
        SELECT 'Prune old operation timings', 'MEDIUM',
               format('op_timings holds %s rows since %s', timings.n, to_char(timings.oldest, 'YYYY-MM-DD')),
               'DELETE FROM pggit_v0.op_timings WHERE started_at < now() - interval ''90 days'';'
        FROM timings WHERE timings.n > 100000
        UNION ALL
        SELECT format('Vacuum pggit_v0.%s', s.relname), 'LOW',
               format('%s dead rows against %s live rows; last vacuum %s', s.n_dead_tup, s.n_live_tup,
                      coalesce(to_char(greatest(s.last_vacuum, s.last_autovacuum), 'YYYY-MM-DD HH24:MI'), 'never')),
               format('VACUUM ANALYZE pggit_v0.%I;', s.relname)
        FROM tstats s WHERE s.n_dead_tup > 1000 AND s.n_dead_tup > 0.2 * s.n_live_tup
    )
    SELECT x.recommendation, x.priority, x.reason, x.action FROM (
    SELECT r.recommendation, r.priority, r.reason, r.action FROM recs r
    UNION ALL
    SELECT 'No action needed', 'LOW',
           format('checked integrity, capture, capture faults, %s uncommitted paths, %s branches besides main, %s commit messages, op_timings (%s rows), dead rows of %s layer tables',
                  v_paths, (SELECT count(*) FROM br), (SELECT count(*) FROM commit_graph),
                  (SELECT timings.n FROM timings), (SELECT count(*) FROM tstats)),
           NULL
    WHERE NOT EXISTS (SELECT 1 FROM recs)
    ) x
    ORDER BY _mon_rank(x.priority) DESC, x.recommendation;
    PERFORM _record_timing('get_recommendations', v_t0);
END
$$;
COMMENT ON FUNCTION pggit_v0.get_recommendations() IS
    'Actions by priority (LOW..CRITICAL) with the facts behind them and the SQL to run: repair, capture, commit, branch cleanup, commit messages, table maintenance';
