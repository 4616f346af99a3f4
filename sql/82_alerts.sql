-- Alerts and the dashboard: check_for_alerts() and get_dashboard_summary() (course 2.4,
-- exercise 8; 4.2's daily health check).  Severities OK < INFO < WARNING < CRITICAL
-- (_mon_rank in 80_monitoring.sql).

-- Alerts ----------------------------------------------------------------------------

-- Health checks, one row per check: integrity, capture, capture_faults,
-- uncommitted_ddl, stale_branches, head, storage_growth.
-- Promises: severity is 'OK', 'INFO', 'WARNING' or 'CRITICAL'; message states the
-- measured facts; hint says what to do (NULL when nothing).  The integrity row is
-- made from the rows of _integrity_checks(), in their order: run here, or given by a
-- caller that ran it in the same transaction already (p_integrity_*: its check_name,
-- status and details columns; the gate does, and so runs the fsck once, not twice).
DROP FUNCTION IF EXISTS pggit_v0."_alerts"(bigint);
CREATE OR REPLACE FUNCTION pggit_v0._alerts(p_paths bigint, p_integrity_names text[] DEFAULT NULL,
                                           p_integrity_status text[] DEFAULT NULL,
                                           p_integrity_details text[] DEFAULT NULL)
RETURNS TABLE (check_name text, severity text, message text, hint text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pggit_v0, pg_temp
SET jit = off
AS $$
DECLARE
    v_paths   bigint := p_paths;
    v_names   text[] := p_integrity_names;
    v_status  text[] := p_integrity_status;
    v_details text[] := p_integrity_details;
BEGIN
    IF v_status IS NULL THEN
        SELECT array_agg(i.check_name), array_agg(i.status), array_agg(i.details)
        INTO v_names, v_status, v_details
        FROM _integrity_checks() i;
    END IF;
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
    FROM unnest(v_names, v_status, v_details) AS i(check_name, status, details);

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
                            (array_agg(f.command_tag ORDER BY f.occurred_at DESC, f.id DESC))[1],
                            (array_agg(f.message ORDER BY f.occurred_at DESC, f.id DESC))[1],
                            (array_agg(f.sqlstate ORDER BY f.occurred_at DESC, f.id DESC))[1]) END,
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
COMMENT ON FUNCTION pggit_v0._alerts(bigint, text[], text[], text[]) IS
    'The rows of check_for_alerts(), given how many paths status() reports (and, optionally, the rows of _integrity_checks())';

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
