-- Analytics: analyze_query_performance(), analyze_storage_usage(),
-- get_object_size_distribution(), estimate_storage_growth() and detect_anomalies()
-- (course 2.4, exercises 8-10, and 3.3).  Every figure is measured when it runs.

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
