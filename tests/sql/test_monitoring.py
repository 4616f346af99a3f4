"""Monitoring (sql/80_monitoring.sql to 84_recommendations.sql): every function is run
on data that makes it report something and on data that makes it report OK, and the
figures are checked against values computed independently here."""
from __future__ import annotations

import hashlib
import math
from datetime import timedelta
from typing import Any, Dict, List

import pytest

from conftest import SqlDb

INTEGRITY_CHECKS = [
    "object_hashes", "object_sizes", "tree_entries", "tree_content", "commit_objects", "commit_trees",
    "commit_parents", "commit_content", "commit_changes", "refs", "head", "ddl_log_commits", "ref_log",
    "commit_branch", "ddl_log_chain", "live_schema",
]
ALERT_CHECKS = ["integrity", "capture", "capture_faults", "uncommitted_ddl", "stale_branches", "head",
                "storage_growth"]
SEVERITIES = {"OK", "INFO", "WARNING", "CRITICAL"}


def commit(d: SqlDb, message: str) -> str:
    return d.val("SELECT pggit_v0.create_basic_commit(%s)", [message])


def integrity(d: SqlDb) -> Dict[str, Dict[str, Any]]:
    rows = d.rows("SELECT * FROM pggit_v0.validate_data_integrity()")
    assert [r["check_name"] for r in rows] == INTEGRITY_CHECKS
    return {r["check_name"]: r for r in rows}


def failed(d: SqlDb) -> Dict[str, str]:
    return {k: r["details"] for k, r in integrity(d).items() if r["status"] == "FAILED"}


def alerts(d: SqlDb) -> Dict[str, Dict[str, Any]]:
    rows = d.rows("SELECT * FROM pggit_v0.check_for_alerts()")
    assert [r["check_name"] for r in rows] == ALERT_CHECKS
    assert {r["severity"] for r in rows} <= SEVERITIES
    return {r["check_name"]: r for r in rows}


def anomalies(d: SqlDb) -> List[Dict[str, Any]]:
    rows = d.rows("SELECT * FROM pggit_v0.detect_anomalies()")
    assert rows
    return rows


def recommendations(d: SqlDb) -> List[Dict[str, Any]]:
    rows = d.rows("SELECT * FROM pggit_v0.get_recommendations()")
    assert rows and {r["priority"] for r in rows} <= {"LOW", "MEDIUM", "HIGH", "CRITICAL"}
    return rows


def rewrite(d: SqlDb, sql: str, params: Any = None) -> None:
    """Change history directly, as an intruder (or a botched repair) would."""
    d.exec("SET pggit.allow_history_rewrite = on")
    try:
        d.exec(sql, params)
    finally:
        d.exec("RESET pggit.allow_history_rewrite")


def sha(kind: str, content: str) -> str:
    return hashlib.sha256(f"{kind}\n{content}".encode()).hexdigest()


# -- validate_data_integrity ---------------------------------------------------------

def test_integrity_ok_with_real_counts_and_drift_reported_as_ok(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int PRIMARY KEY, v text)")
    c1 = commit(db, "Add table t with id and v")
    db.val("SELECT pggit_v0.create_branch('feature/a')")
    db.exec("ALTER TABLE public.t ADD COLUMN w int")
    commit(db, "Add column w to t")
    rows = integrity(db)
    assert all(r["status"] == "OK" for r in rows.values()), rows
    n_objects = db.val("SELECT count(*) FROM pggit_v0.objects")
    assert rows["object_hashes"]["details"].startswith(f"{n_objects} objects:")
    assert rows["tree_entries"]["details"].startswith(
        f"{db.val('SELECT count(*) FROM pggit_v0.tree_entries')} tree entries")
    assert rows["commit_content"]["details"].startswith("3 commits:")
    assert rows["ddl_log_commits"]["details"].startswith(
        f"{db.val('SELECT count(*) FROM pggit_v0.ddl_log_commits')} DDL log links")
    assert rows["live_schema"]["details"] == "the live schema is what HEAD recorded"
    assert c1 in {r["target_sha"] for r in db.rows("SELECT target_sha FROM pggit_v0.refs")}

    # uncommitted work is drift, not corruption
    db.exec("CREATE TABLE public.u (id int)")
    paths = db.rows("SELECT path FROM pggit_v0.status()")
    live = integrity(db)["live_schema"]
    assert live["status"] == "OK"
    assert live["details"].startswith(f"{len(paths)} paths differ from HEAD")
    assert "ADDED public/table/u" in live["details"]
    assert not failed(db)


def test_tampered_object_content_is_found_and_named(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    commit(db, "Add table t")
    blob = db.val("SELECT sha FROM pggit_v0.objects WHERE type = 'blob' AND content LIKE '%public.t%' LIMIT 1")
    with pytest.raises(Exception, match="append-only"):
        db.exec("UPDATE pggit_v0.objects SET content = content || ' ' WHERE sha = %s", [blob])
    rewrite(db, "UPDATE pggit_v0.objects SET content = content || ' ' WHERE sha = %s", [blob])
    bad = failed(db)
    assert set(bad) == {"object_hashes", "object_sizes"}
    assert blob in bad["object_hashes"] and blob in bad["object_sizes"]
    a = alerts(db)["integrity"]
    assert a["severity"] == "CRITICAL" and blob in a["message"] and "object_hashes" in a["message"]
    tamper = [r for r in anomalies(db) if r["anomaly"] == "history_tampering"]
    assert tamper and all(r["severity"] == "CRITICAL" for r in tamper) and any(blob in r["details"] for r in tamper)
    # the course's query finds it
    urgent = db.rows("SELECT * FROM pggit_v0.get_recommendations() WHERE priority IN ('HIGH', 'CRITICAL')")
    assert [r["recommendation"] for r in urgent] == ["Repair tampered history"] and blob in urgent[0]["reason"]


def test_tampered_ref_is_found_and_named(db: SqlDb) -> None:
    db.val("SELECT pggit_v0.create_branch('feature/x', checkout => false)")
    ghost = "ab" * 32
    db.exec("UPDATE pggit_v0.refs SET target_sha = %s WHERE name = 'feature/x'", [ghost])
    bad = failed(db)
    assert set(bad) == {"refs", "ref_log"} and ghost in bad["refs"] and "feature/x" in bad["refs"]
    assert ghost in bad["ref_log"] and "written outside the API" not in bad["ref_log"]
    assert alerts(db)["integrity"]["severity"] == "CRITICAL"


def test_tampered_parent_link_is_found_and_named(db: SqlDb) -> None:
    base = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("CREATE TABLE public.t (id int)")
    c1 = commit(db, "Add table t")
    db.exec("ALTER TABLE public.t ADD COLUMN v text")
    c2 = commit(db, "Add column v to t")
    # re-point c2 at the baseline: the parent exists, but c2's object says c1
    rewrite(db, "UPDATE pggit_v0.commit_parents SET parent_sha = %s WHERE commit_sha = %s", [base, c2])
    bad = failed(db)
    assert "commit_content" in bad and c2 in bad["commit_content"] and c1 in bad["commit_content"]
    # the change count no longer matches the (now claimed) parent either
    assert c2 in bad["commit_changes"]
    assert alerts(db)["integrity"]["severity"] == "CRITICAL"
    # a parent that is no commit at all
    ghost = "cd" * 32
    rewrite(db, "UPDATE pggit_v0.commit_parents SET parent_sha = %s WHERE commit_sha = %s", [ghost, c2])
    assert ghost in failed(db)["commit_parents"]


def test_tampered_tree_entry_commit_row_and_links_are_found(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int, v text)")
    c1 = commit(db, "Add table t with id and v")
    # swap one entry of an object tree for another stored blob
    entry = db.one("SELECT e.tree_sha, e.name FROM pggit_v0.tree_entries e "
                   "WHERE e.name = 'column v' LIMIT 1")
    other = db.val("SELECT entry_sha FROM pggit_v0.tree_entries WHERE tree_sha = %s AND name = 'column id'",
                   [entry["tree_sha"]])
    rewrite(db, "UPDATE pggit_v0.tree_entries SET entry_sha = %s WHERE tree_sha = %s AND name = 'column v'",
            [other, entry["tree_sha"]])
    bad = failed(db)
    assert set(bad) == {"tree_content"} and entry["tree_sha"] in bad["tree_content"]

    rewrite(db, "UPDATE pggit_v0.commit_graph SET message = 'Something else', changes = 99 WHERE commit_sha = %s",
            [c1])
    bad = failed(db)
    assert c1 in bad["commit_content"] and "author, time or message" in bad["commit_content"]
    assert c1 in bad["commit_changes"] and "says 99 paths" in bad["commit_changes"]

    log_id = db.val("SELECT max(log_id) FROM pggit_v0.ddl_log_commits")
    rewrite(db, "DELETE FROM pggit_v0.ddl_log WHERE id = %s", [log_id])
    assert f"ddl_log entry {log_id}, which does not exist" in failed(db)["ddl_log_commits"]


def test_deleted_commit_row_and_broken_head_are_found(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    c1 = commit(db, "Add table t")
    rewrite(db, "DELETE FROM pggit_v0.commit_graph WHERE commit_sha = %s", [c1])
    bad = failed(db)
    assert c1 in bad["commit_objects"] and "no commit_graph row" in bad["commit_objects"]
    assert c1 in bad["refs"] and c1 in bad["commit_parents"]
    assert alerts(db)["head"]["severity"] == "CRITICAL"
    live = integrity(db)["live_schema"]
    assert live["status"] == "FAILED" and "cannot compare" in live["details"]


# -- check_for_alerts ------------------------------------------------------------------

def test_alerts_all_ok_on_a_clean_store_and_course_query_runs(db: SqlDb) -> None:
    a = alerts(db)
    assert all(r["severity"] == "OK" for r in a.values()), a
    assert all(r["hint"] is None for r in a.values())
    assert db.val("SELECT count(*) FROM pggit_v0.check_for_alerts() WHERE severity = 'OK'") == len(ALERT_CHECKS)
    assert "capture mode event_triggers" in a["capture"]["message"]
    assert a["head"]["message"] == f"HEAD is on branch main at {db.val('SELECT pggit_v0.get_head_sha()')}"
    n = db.val("SELECT count(*) FROM pggit_v0.objects")
    assert a["storage_growth"]["message"].startswith(f"{n} objects hold")


def test_capture_fault_is_trapped_recorded_and_alerted(db: SqlDb) -> None:
    db.exec("ALTER TABLE pggit_v0.ddl_log ADD CONSTRAINT t CHECK (false) NOT VALID")
    db.exec("CREATE TABLE public.still_created (id int)")   # the DDL itself goes through
    assert db.val("SELECT to_regclass('public.still_created') IS NOT NULL")
    fault = db.one("SELECT * FROM pggit_v0.capture_faults")
    assert fault["sqlstate"] == "23514" and fault["command_tag"] == "CREATE TABLE"
    a = alerts(db)["capture_faults"]
    assert a["severity"] == "WARNING" and "1 capture fault, 1 in the last 7 days" in a["message"]
    assert "CREATE TABLE" in a["message"] and "23514" in a["message"]
    cf = [r for r in anomalies(db) if r["anomaly"] == "capture_fault"]
    assert len(cf) == 1 and "23514" in cf[0]["details"] and cf[0]["severity"] == "WARNING"
    recs = {r["recommendation"]: r for r in recommendations(db)}
    assert recs["Investigate capture faults"]["priority"] == "HIGH"
    # an old fault is only INFO
    db.exec("UPDATE pggit_v0.capture_faults SET occurred_at = now() - interval '10 days'")
    assert alerts(db)["capture_faults"]["severity"] == "INFO"


def test_capture_disabled_and_snapshot_only(db: SqlDb) -> None:
    db.exec("ALTER EVENT TRIGGER pggit_v0_capture_ddl DISABLE")
    a = alerts(db)["capture"]
    assert a["severity"] == "WARNING" and "1 of 2 event triggers" in a["message"]
    rec = {r["recommendation"]: r for r in recommendations(db)}["Re-enable DDL capture"]
    assert rec["priority"] == "HIGH"
    db.exec(rec["action"])                       # the suggested SQL fixes it
    assert alerts(db)["capture"]["severity"] == "OK"
    db.exec("DROP EVENT TRIGGER pggit_v0_capture_ddl")
    db.exec("DROP EVENT TRIGGER pggit_v0_capture_drop")
    db.exec("UPDATE pggit_v0.meta SET value = 'snapshot-only' WHERE key = 'capture'")
    a = alerts(db)["capture"]
    assert a["severity"] == "INFO" and "snapshot-only" in a["message"]


def test_uncommitted_ddl_counts_age_and_paths(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    db.exec("ALTER TABLE public.t ADD COLUMN v text")
    a = alerts(db)["uncommitted_ddl"]
    npaths = len(db.rows("SELECT * FROM pggit_v0.status()"))
    assert a["severity"] == "INFO"
    assert a["message"].startswith("2 logged DDL commands not yet in a commit")
    assert f"status() shows {npaths} changed paths" in a["message"]
    rewrite(db, "UPDATE pggit_v0.ddl_log SET logged_at = now() - interval '2 days 3 hours'")
    a = alerts(db)["uncommitted_ddl"]
    assert a["severity"] == "WARNING" and "oldest from 2 days 03:00:" in a["message"]
    an = [r for r in anomalies(db) if r["anomaly"] == "uncommitted_ddl"]
    assert len(an) == 1 and an[0]["details"].startswith("2 logged DDL commands")
    rec = {r["recommendation"]: r for r in recommendations(db)}["Commit pending schema changes"]
    assert rec["priority"] == "HIGH" and "create_basic_commit" in rec["action"]
    commit(db, "Add table t with column v")
    assert alerts(db)["uncommitted_ddl"]["severity"] == "OK"
    # drift without any log (snapshot-only) still shows
    db.exec("ALTER EVENT TRIGGER pggit_v0_capture_ddl DISABLE")
    db.exec("CREATE TABLE public.u (id int)")
    a = alerts(db)["uncommitted_ddl"]
    assert a["severity"] == "INFO" and a["message"].startswith("0 logged DDL commands")


def test_stale_branches_info_then_warning(db: SqlDb) -> None:
    db.val("SELECT pggit_v0.create_branch('feature/old')")
    db.exec("CREATE TABLE public.t (id int)")
    c = commit(db, "Add table t on the old feature")
    db.val("SELECT pggit_v0.checkout_branch('main')")
    assert alerts(db)["stale_branches"]["severity"] == "OK"
    rewrite(db, "UPDATE pggit_v0.commit_graph SET committed_at = now() - interval '100 days' WHERE commit_sha = %s",
            [c])
    db.exec("UPDATE pggit_v0.refs SET created_at = now() - interval '100 days' WHERE name = 'feature/old'")
    a = alerts(db)["stale_branches"]
    assert a["severity"] == "INFO" and "feature/old (100 days)" in a["message"]
    rec = {r["recommendation"]: r for r in recommendations(db)}["Delete or revive stale branch feature/old"]
    assert rec["priority"] == "LOW" and rec["action"] == "SELECT pggit_v0.delete_branch('feature/old');"
    rewrite(db, "UPDATE pggit_v0.commit_graph SET committed_at = now() - interval '200 days' WHERE commit_sha = %s",
            [c])
    db.exec("UPDATE pggit_v0.refs SET created_at = now() - interval '200 days' WHERE name = 'feature/old'")
    assert alerts(db)["stale_branches"]["severity"] == "WARNING"
    db.exec(rec["action"])
    assert alerts(db)["stale_branches"]["severity"] == "OK"


def test_head_detached_and_on_a_tag(db: SqlDb) -> None:
    h = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("UPDATE pggit_v0.head SET branch = NULL, detached_sha = %s", [h])
    a = alerts(db)["head"]
    assert a["severity"] == "INFO" and a["message"] == f"HEAD is detached at {h}"
    db.exec("UPDATE pggit_v0.head SET branch = 'main', detached_sha = NULL")
    db.val("SELECT pggit_v0.create_tag('v1')")
    db.exec("UPDATE pggit_v0.head SET branch = 'v1'")
    a = alerts(db)["head"]
    assert a["severity"] == "CRITICAL" and "which is a tag" in a["message"]
    assert "HEAD is on 'v1', which is a tag" in failed(db)["head"]


def test_storage_growth_warns_on_a_burst(db: SqlDb) -> None:
    rewrite(db, "UPDATE pggit_v0.objects SET created_at = now() - interval '60 days'")
    a = alerts(db)["storage_growth"]
    assert a["severity"] == "OK" and "0 bytes stored in the last 7 days" in a["message"]
    big = "x" * 2_000_000
    db.exec("INSERT INTO pggit_v0.objects (sha, type, size, content) VALUES (%s, 'blob', %s, %s)",
            [sha("blob", big), len(big), big])
    a = alerts(db)["storage_growth"]
    assert a["severity"] == "WARNING" and "1953 kB stored in the last 7 days" in a["message"]
    assert not failed(db)          # a well-formed object: growth, not corruption


# -- get_dashboard_summary -------------------------------------------------------------

def test_dashboard_reports_real_figures(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    commit(db, "Add table t")
    db.val("SELECT pggit_v0.create_branch('feature/y')")
    db.val("SELECT pggit_v0.create_tag('v1')")
    rows = db.rows("SELECT * FROM pggit_v0.get_dashboard_summary()")
    m = {r["metric"]: r for r in rows}
    assert list(m) == ["commits", "branches", "current_branch", "head", "tracked_objects",
                       "uncommitted_changes", "last_commit_age", "storage", "open_alerts"]
    assert m["commits"]["value"].startswith("2 commits by 1 author since")
    assert m["branches"]["value"] == "2 branches, 1 tags"
    assert m["current_branch"]["value"] == "feature/y"
    assert m["head"]["value"] == db.val("SELECT pggit_v0.get_head_sha()") and m["head"]["status"] == "OK"
    assert m["tracked_objects"]["value"] == "2 objects in 1 schemas at HEAD"   # schema public, table t
    assert m["uncommitted_changes"]["value"] == "0 changed paths, 0 logged DDL commands not committed"
    assert m["open_alerts"]["value"] == "0 of 7 checks" and m["open_alerts"]["status"] == "OK"
    db.exec("CREATE TABLE public.u (id int)")
    m = {r["metric"]: r for r in db.rows("SELECT * FROM pggit_v0.get_dashboard_summary()")}
    n = len(db.rows("SELECT * FROM pggit_v0.status()"))
    assert m["uncommitted_changes"]["value"] == f"{n} changed paths, 1 logged DDL commands not committed"
    assert m["uncommitted_changes"]["status"] == "INFO"
    assert m["open_alerts"]["value"] == "1 of 7 checks: uncommitted_ddl INFO" and m["open_alerts"]["status"] == "INFO"


# -- analyze_query_performance -------------------------------------------------------

def test_query_performance_empty_then_measured(db: SqlDb) -> None:
    db.exec("DELETE FROM pggit_v0.op_timings")
    rows = db.rows("SELECT * FROM pggit_v0.analyze_query_performance()")
    assert rows == [{"operation": "none recorded yet", "calls": 0, "avg_duration": None, "p95_duration": None,
                     "max_duration": None, "last_run": None}]
    db.exec("CREATE TABLE public.t (id int)")
    commit(db, "Add table t")
    db.rows("SELECT * FROM pggit_v0.status()")
    db.rows("SELECT * FROM pggit_v0.diff_commits('HEAD~1', 'HEAD')")
    raw = db.rows("SELECT operation, duration, started_at FROM pggit_v0.op_timings "
                  "UNION ALL SELECT 'capture', capture_duration, logged_at FROM pggit_v0.ddl_log "
                  "WHERE capture_duration IS NOT NULL")
    perf = {r["operation"]: r for r in db.rows("SELECT * FROM pggit_v0.analyze_query_performance()")}
    assert {"commit", "status", "diff", "capture"} <= set(perf)
    for op, r in perf.items():
        durs = sorted(x["duration"] for x in raw if x["operation"] == op)
        assert r["calls"] == len(durs)
        assert abs(r["avg_duration"] - sum(durs, timedelta()) / len(durs)) < timedelta(microseconds=2)
        assert r["max_duration"] == durs[-1]
        assert r["last_run"] == max(x["started_at"] for x in raw if x["operation"] == op)
    # p95 (continuous) of a known series, and the course's filter
    db.exec("INSERT INTO pggit_v0.op_timings (operation, started_at, duration) "
            "SELECT 'merge', now(), g * interval '10 ms' FROM generate_series(1, 20) g")
    merge = db.one("SELECT * FROM pggit_v0.analyze_query_performance() WHERE operation = 'merge'")
    assert merge["calls"] == 20 and merge["avg_duration"] == timedelta(milliseconds=105)
    assert merge["p95_duration"] == timedelta(milliseconds=190.5) and merge["max_duration"] == timedelta(seconds=0.2)
    slow = db.rows("SELECT operation FROM pggit_v0.analyze_query_performance() WHERE avg_duration > INTERVAL '100 ms'")
    raw = db.rows("SELECT operation, avg(duration) AS a FROM (SELECT operation, duration FROM pggit_v0.op_timings "
                  "UNION ALL SELECT 'capture', capture_duration FROM pggit_v0.ddl_log "
                  "WHERE capture_duration IS NOT NULL) t GROUP BY operation")
    assert {r["operation"] for r in slow} == {r["operation"] for r in raw if r["a"] > timedelta(milliseconds=100)}
    assert "merge" in {r["operation"] for r in slow}   # real operations are slow only on a loaded machine


# -- storage analytics -----------------------------------------------------------------

def test_storage_usage_matches_catalog(db: SqlDb) -> None:
    rows = db.rows("SELECT * FROM pggit_v0.analyze_storage_usage()")
    tables = {r["relname"] for r in db.rows(
        "SELECT relname FROM pg_class WHERE relnamespace = 'pggit_v0'::regnamespace AND relkind IN ('r', 'p')")}
    assert {r["table_name"] for r in rows} == tables
    for r in rows:
        assert r["row_count"] == db.val(f'SELECT count(*) FROM pggit_v0."{r["table_name"]}"')
        assert r["total_bytes"] == db.val("SELECT pg_total_relation_size(%s::regclass)", [f"pggit_v0.{r['table_name']}"])
    total = sum(r["total_bytes"] for r in rows)
    for r in rows:
        assert float(r["share_percent"]) == pytest.approx(100.0 * r["total_bytes"] / total, abs=0.051)
    assert [r["total_bytes"] for r in rows] == sorted((r["total_bytes"] for r in rows), reverse=True)


def test_object_size_distribution_buckets(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    db.exec("COMMENT ON TABLE public.t IS %s" % ("'" + "c" * 5000 + "'"))
    commit(db, "Add table t with a long comment")
    rows = db.rows("SELECT * FROM pggit_v0.get_object_size_distribution()")
    objs = db.rows("SELECT type, size FROM pggit_v0.objects")

    def lo(size: int) -> int:
        bucket, edge = 0, 256
        while edge <= size:
            bucket, edge = edge, edge * 4
        return bucket

    expected: Dict[Any, List[int]] = {}
    for o in objs:
        expected.setdefault((o["type"], lo(o["size"])), []).append(o["size"])
    got = {(r["object_type"], r["bucket_min_bytes"]): r for r in rows}
    assert set(got) == set(expected)
    for key, sizes in expected.items():
        r = got[key]
        assert r["object_count"] == len(sizes) and r["total_bytes"] == sum(sizes) and r["max_bytes"] == max(sizes)
    big = got[("blob", 4096)]
    assert big["size_bucket"] == "4096 - 16383 bytes" and big["object_count"] == 1


def test_storage_growth_projection_is_a_least_squares_fit(db: SqlDb) -> None:
    rows = db.rows("SELECT * FROM pggit_v0.estimate_storage_growth()")
    assert [r["horizon"] for r in rows] == ["now", "30 days", "90 days", "365 days"]
    assert rows[0]["projected_bytes"] == db.val("SELECT sum(size) FROM pggit_v0.objects")
    assert all(r["projected_bytes"] is None for r in rows[1:])
    assert rows[1]["basis"] == "only 1 commit: a trend needs at least 2"
    for i in range(4):
        db.exec(f"CREATE TABLE public.t{i} (id int, v{i} text)")
        commit(db, f"Add table t{i}")
    rows = db.rows("SELECT * FROM pggit_v0.estimate_storage_growth()")
    assert all(r["projected_bytes"] is None for r in rows[1:]) and rows[1]["bytes_per_day"] is not None
    # (the baseline commit is as old as the cached template it came from: minutes, not 0)
    assert rows[1]["basis"].startswith("no projection: 5 commits spanning 0.")
    assert "is under one day of history" in rows[1]["basis"]
    # spread the five commits over four days (object times move with their commit)
    rewrite(db, """
        WITH c AS (SELECT commit_sha, committed_at, row_number() OVER (ORDER BY committed_at) - 1 AS i
                   FROM pggit_v0.commit_graph),
        o AS (UPDATE pggit_v0.objects o SET created_at = o.created_at + (5 - (
                  SELECT coalesce(min(c.i), 5) FROM c WHERE c.committed_at >= o.created_at)) * interval '-1 day')
        UPDATE pggit_v0.commit_graph g SET committed_at = g.committed_at + (5 - c.i) * interval '-1 day'
        FROM c WHERE c.commit_sha = g.commit_sha""")
    rows = db.rows("SELECT * FROM pggit_v0.estimate_storage_growth()")
    pts = db.rows("SELECT extract(epoch FROM c.committed_at)::float8 AS x, "
                  "(SELECT sum(o.size) FROM pggit_v0.objects o WHERE o.created_at <= c.committed_at)::float8 AS y "
                  "FROM pggit_v0.commit_graph c")
    n = len(pts)
    mx = sum(p["x"] for p in pts) / n
    my = sum(p["y"] for p in pts) / n
    slope = sum((p["x"] - mx) * (p["y"] - my) for p in pts) / sum((p["x"] - mx) ** 2 for p in pts)
    now_bytes = db.val("SELECT sum(size) FROM pggit_v0.objects")
    assert float(rows[1]["bytes_per_day"]) == pytest.approx(slope * 86400, abs=0.05 + 1e-6 * slope * 86400)
    for r in rows[1:]:
        assert r["projected_bytes"] == pytest.approx(now_bytes + slope * 86400 * r["days"], abs=1.0)
        assert r["basis"].startswith("least-squares fit of cumulative object bytes against commit time over "
                                     "5 commits spanning 4.0")   # 4 days and the baseline's age
        assert "rough" in r["basis"]


# -- detect_anomalies ------------------------------------------------------------------

def test_anomalies_ok_row_states_what_was_examined(db: SqlDb) -> None:
    rows = anomalies(db)
    assert len(rows) == 1 and rows[0]["anomaly"] == "none" and rows[0]["severity"] == "OK"
    assert rows[0]["details"].startswith("examined 1 commits (commit sizes not judged: 0 non-root commits")


def test_removed_table_with_its_rows(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.keep (id int)")
    db.exec("CREATE TABLE public.gone (id int)")
    db.exec("INSERT INTO public.gone SELECT generate_series(1, 40)")
    commit(db, "Add tables keep and gone")
    db.exec("SELECT pg_stat_force_next_flush()")
    db.exec("SELECT 1")        # the pending insert counts reach the shared statistics
    db.exec("DROP TABLE public.gone")
    c = commit(db, "Drop table gone, replaced by keep")
    rows = [r for r in anomalies(db) if r["anomaly"] == "removed_table"]
    assert len(rows) == 1 and rows[0]["commit_sha"] == c and rows[0]["severity"] == "WARNING"
    assert "removed table public.gone" in rows[0]["details"]
    assert "it held about 40 rows when dropped" in rows[0]["details"]
    stats = db.one("SELECT * FROM pggit_v0.dropped_table_stats")
    assert stats["object_identity"] == "public.gone" and stats["live_tuples"] == 40 and stats["original"]


def test_removed_table_without_capture_says_rows_unknown(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.gone (id int)")
    commit(db, "Add table gone")
    db.exec("ALTER EVENT TRIGGER pggit_v0_capture_drop DISABLE")   # capture stores the row estimates
    db.exec("DROP TABLE public.gone")
    c = commit(db, "Drop table gone")
    rows = [r for r in anomalies(db) if r["anomaly"] == "removed_table"]
    assert len(rows) == 1 and rows[0]["commit_sha"] == c and "rows it held are unknown" in rows[0]["details"]


def test_large_commit_against_the_others(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    commit(db, "Add table t")
    for i in range(8):
        db.exec(f"ALTER TABLE public.t ADD COLUMN c{i} int")
        commit(db, f"Add column c{i} to t")
    # 9 non-root commits: still not enough to judge the 9th against 8 others? (needs 8 others: yes)
    assert not [r for r in anomalies(db) if r["anomaly"] == "large_commit"]
    db.exec("; ".join(f"CREATE TABLE public.big{i} (a int, b int, c int)" for i in range(6)))
    big = commit(db, "Add six reporting tables big0..big5")
    rows = [r for r in anomalies(db) if r["anomaly"] == "large_commit"]
    assert [r["commit_sha"] for r in rows] == [big]
    changes = db.val("SELECT changes FROM pggit_v0.commit_graph WHERE commit_sha = %s", [big])
    others = [r["changes"] for r in db.rows(
        "SELECT changes FROM pggit_v0.commit_graph c WHERE c.commit_sha <> %s AND EXISTS "
        "(SELECT 1 FROM pggit_v0.commit_parents p WHERE p.commit_sha = c.commit_sha)", [big])]
    mean = sum(others) / len(others)
    sd = math.sqrt(sum((x - mean) ** 2 for x in others) / (len(others) - 1))
    assert f"commit changed {changes} paths; the other {len(others)} non-root commits average {mean:.1f}" \
        in rows[0]["details"]
    assert f"(stddev {sd:.1f})" in rows[0]["details"]


# -- get_recommendations ---------------------------------------------------------------

def test_recommendations_ok_then_vague_messages_and_merged_branches(db: SqlDb) -> None:
    rows = recommendations(db)
    assert len(rows) == 1 and rows[0]["recommendation"] == "No action needed" and rows[0]["priority"] == "LOW"
    assert db.rows("SELECT * FROM pggit_v0.get_recommendations() WHERE priority IN ('HIGH', 'CRITICAL')") == []

    # feature/done: work of its own, merged into main; feature/fresh: a new branch with no commit
    db.val("SELECT pggit_v0.create_branch('feature/done')")
    db.exec("CREATE TABLE public.done (id int)")
    commit(db, "Add table done for finished work")
    db.val("SELECT pggit_v0.checkout_branch('main', apply => true)")
    db.val("SELECT pggit_v0.merge_branch('feature/done')")
    db.val("SELECT pggit_v0.create_branch('feature/fresh', checkout => false)")
    good = commit(db, "Add user authentication with JWT token validation")
    f1 = commit(db, "Fixes")
    f2 = commit(db, "Changes to database")
    db.val("SELECT pggit_v0.create_branch('feature/now', checkout => false)")   # at main's head: nothing to do
    recs = {r["recommendation"]: r for r in recommendations(db)}
    vague = recs["Write specific commit messages"]
    assert vague["priority"] == "LOW" and "2 commits say nothing specific" in vague["reason"]
    assert f1[:12] in vague["reason"] and f2[:12] in vague["reason"] and good[:12] not in vague["reason"]
    merged = {k for k in recs if k.startswith("Delete merged branch")}
    assert merged == {"Delete merged branch feature/done"}
    db.exec(recs["Delete merged branch feature/done"]["action"])
    assert db.val("SELECT count(*) FROM pggit_v0.refs WHERE name = 'feature/done'") == 0


def test_recommendations_table_maintenance(db: SqlDb) -> None:
    db.exec("ALTER TABLE pggit_v0.op_timings SET (autovacuum_enabled = false)")
    db.exec("INSERT INTO pggit_v0.op_timings (operation, started_at, duration) "
            "SELECT 'commit', now() - interval '100 days', interval '1 ms' FROM generate_series(1, 100001)")
    recs = {r["recommendation"]: r for r in recommendations(db)}
    prune = recs["Prune old operation timings"]
    assert prune["priority"] == "MEDIUM" and "op_timings holds 1000" in prune["reason"]
    db.exec(prune["action"])
    db.exec("SELECT pg_stat_force_next_flush()")
    db.exec("SELECT 1")
    recs = {r["recommendation"]: r for r in recommendations(db)}
    assert "Prune old operation timings" not in recs
    vac = recs["Vacuum pggit_v0.op_timings"]
    assert vac["action"] == "VACUUM ANALYZE pggit_v0.op_timings;" and "100001 dead rows" in vac["reason"]
    db.exec(vac["action"])
    db.exec("SELECT pg_stat_force_next_flush()")
    db.exec("SELECT 1")
    assert "Vacuum pggit_v0.op_timings" not in {r["recommendation"] for r in recommendations(db)}


# -- the course and reinstall ----------------------------------------------------------

def test_course_queries_run_as_written(db: SqlDb) -> None:
    out = db.psql(sql="""
SELECT * FROM pggit_v0.check_for_alerts();
SELECT * FROM pggit_v0.get_dashboard_summary();
SELECT * FROM pggit_v0.analyze_query_performance();
SELECT * FROM pggit_v0.analyze_storage_usage();
SELECT * FROM pggit_v0.get_object_size_distribution();
SELECT * FROM pggit_v0.estimate_storage_growth();
SELECT * FROM pggit_v0.validate_data_integrity();
SELECT * FROM pggit_v0.detect_anomalies();
SELECT * FROM pggit_v0.get_recommendations();
SELECT * FROM pggit_v0.analyze_query_performance() WHERE avg_duration > INTERVAL '100 ms';
SELECT * FROM pggit_v0.get_recommendations() WHERE priority IN ('HIGH', 'CRITICAL');
SELECT (SELECT COUNT(*) FROM pggit_v0.check_for_alerts() WHERE severity = 'OK') as healthy_checks;
""").stdout
    assert "healthy_checks" in out and "object_hashes" in out


def test_reinstall_keeps_monitoring_working(db: SqlDb) -> None:
    from conftest import install
    db.exec("CREATE TABLE public.gone (id int)")
    commit(db, "Add table gone")
    db.exec("DROP TABLE public.gone")
    install(db)
    install(db)
    assert db.val("SELECT count(*) FROM pggit_v0.dropped_table_stats") == 1
    # capture's own sql_drop trigger stores them: the former second trigger and its functions are gone
    assert db.val("SELECT count(*) FROM pg_event_trigger WHERE evtname = 'pggit_v0_monitor_drop'") == 0
    assert db.val("SELECT count(*) FROM pg_proc WHERE proname IN ('_monitor_drop', '_monitor_record_drops')") == 0
    assert not failed(db)
    # the layer's own install drops nothing into the statistics
    assert db.val("SELECT count(*) FROM pggit_v0.dropped_table_stats WHERE schema_name = 'pggit_v0'") == 0
