-- Integrity: validate_data_integrity(), git fsck for the store (course 2.4, exercise 10).
-- Shared helpers and the severity ladder are in 80_monitoring.sql.

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
  AND lc.entry_sha <> d.local_sha   -- (linked before times were hashed in UTC, in this time zone)
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
