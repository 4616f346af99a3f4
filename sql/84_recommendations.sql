-- Recommendations: get_recommendations(), actions by priority LOW < MEDIUM < HIGH <
-- CRITICAL with the facts behind them and the SQL to run (course 2.4 and 3.3).

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
