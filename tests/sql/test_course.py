"""The course, run verbatim with the real psql on a fresh database, in order.

Each block runs exactly as written; after it, the state it should produce is checked.
"""
from __future__ import annotations

import os
import re
import subprocess
from typing import Any, Dict, List

import pytest

from conftest import SqlDb, install
from course import ILLUSTRATIVE, ORIGINAL, VENDORED, block, blocks

SHA = re.compile(r"^[0-9a-f]{64}$")


def run(d: SqlDb, heading: str) -> str:
    """Run one course block through psql; return what psql printed."""
    proc = d.psql(sql=block(heading).code)
    return proc.stdout


def branches(d: SqlDb) -> Dict[str, Dict[str, Any]]:
    return {r["name"]: r for r in d.rows("SELECT * FROM pggit_v0.list_branches()")}


def test_vendored_course_is_the_users_text() -> None:
    if not ORIGINAL.exists():
        pytest.skip("shared/spec is not beside this checkout")
    assert VENDORED.read_text() == ORIGINAL.read_text()


def test_every_block_is_covered() -> None:
    headings = [b.heading for b in blocks()]
    covered = {
        "Lab Setup", "Initial Schema", "Exercise 1: First Commit", "Exercise 2: Branch Management",
        "Exercise 3: Schema Comparison", "Exercise 4: Branch Cleanup", "Exercise 5: Multi-Branch Development",
        "Exercise 6: Conflict Detection", "Exercise 7: Release Management", "Exercise 8: System Monitoring",
        "Exercise 9: Analytics Deep Dive", "Exercise 10: Data Integrity", "Object Metadata", "Change Tracking",
        "CI/CD Integration", "Query Optimization", "Monitoring Setup", "Commit Practices",
        "Common Issues & Solutions", "Health Checks",
    }
    assert set(headings) == covered | ILLUSTRATIVE


def test_course_sessions_2_to_4(empty_db: SqlDb, tmp_path: Any) -> None:
    d = empty_db
    install(d)

    # 2.1 Lab setup: HEAD resolves to the baseline commit on main.
    out = run(d, "Lab Setup")
    baseline = d.val("SELECT pggit_v0.get_head_sha()")
    assert SHA.match(baseline) and baseline in out
    # "View available functions": the directory entries answer the query as written.
    listed = re.findall(r"(?m)^\s*(pggit_v0\.\w+)\s*$", out)
    assert len(listed) == 5, out
    for entry in listed:
        call = d.val(f'SELECT pggit_v0."{entry}"()')
        assert call.startswith(entry + "("), call
    assert d.val("SELECT message FROM pggit_v0.commit_graph WHERE commit_sha = %s", [baseline]).startswith(
        "pgGit baseline")
    run(d, "Initial Schema")
    assert d.val("SELECT to_regclass('training.customers') IS NOT NULL")

    # Exercise 1: the first commit is on main and history shows it.
    out = run(d, "Exercise 1: First Commit")
    c1 = d.val("SELECT pggit_v0.get_head_sha()")
    assert c1 != baseline and c1 in out and "Initial customer table setup" in out
    assert branches(d)["main"]["head_sha"] == c1

    # Exercise 2: the feature branch becomes current; the next commit lands on it.
    run(d, "Exercise 2: Branch Management")
    b = branches(d)
    feature = b["feature/customer-profiles"]
    assert feature["is_current"] and feature["description"] == "Add customer profile features"
    assert b["main"]["head_sha"] == c1 and feature["head_sha"] != c1
    assert feature["ahead"] == 1 and feature["last_message"] == "Add contact information fields"

    # Exercise 3: the diff lists exactly the phone and address columns.
    out = run(d, "Exercise 3: Schema Comparison")
    diff = d.rows("SELECT * FROM pggit_v0.diff_branches('main', 'feature/customer-profiles')")
    assert sorted((r["object_type"], r["object_name"], r["sub_name"], r["change_type"]) for r in diff) == [
        ("column", "customers", "address", "ADDED"), ("column", "customers", "phone", "ADDED")]
    assert "phone character varying(20)" in out and "address text" in out
    hist = d.rows("SELECT * FROM pggit_v0.get_object_history('training', 'customers', 5)")
    assert [(h["change_type"], h["message"]) for h in hist] == [
        ("ALTER", "Add contact information fields"), ("CREATE", "Initial customer table setup")]
    assert "ADD COLUMN phone" in hist[0]["ddl"] and "ADD COLUMN address" in hist[0]["ddl"]

    # Exercise 4: the branch is deleted; HEAD falls back to main.
    out = run(d, "Exercise 4: Branch Cleanup")
    assert list(branches(d)) == ["main"] and branches(d)["main"]["is_current"]
    assert "feature/customer-profiles" not in out.split("delete_branch")[-1]

    # Exercise 5: two branches from main; both commits land on the last one created.
    run(d, "Exercise 5: Multi-Branch Development")
    b = branches(d)
    assert b["feature/api-endpoints"]["head_sha"] == b["main"]["head_sha"]
    assert b["feature/data-validation"]["is_current"] and b["feature/data-validation"]["ahead"] == 2

    # Exercise 6: the comparison shows the committed work, not the uncommitted columns.
    out = run(d, "Exercise 6: Conflict Detection")
    diff = d.rows("SELECT * FROM pggit_v0.diff_branches('feature/api-endpoints', 'feature/data-validation')")
    paths = {r["path"] for r in diff}
    assert "training/table/api_logs" in paths
    assert "training/table/customers/constraint/email_format" in paths
    assert not any("status" in p or "account_type" in p for p in paths)
    assert {r["path"] for r in d.rows("SELECT * FROM pggit_v0.status()")} == {
        "training/table/customers/column/status", "training/table/customers/column/account_type"}

    # Exercise 7: the release commit records the two comments (and the pending columns).
    run(d, "Exercise 7: Release Management")
    diff = d.rows("SELECT * FROM pggit_v0.diff_branches('feature/data-validation', 'release/v1.0.0')")
    assert {(r["object_type"], r["object_name"]) for r in diff if r["object_type"] == "comment"} == {
        ("comment", "api_logs"), ("comment", "customers")}
    assert d.rows("SELECT * FROM pggit_v0.status()") == []

    # 2.4 Exercises 8-10: monitoring, analytics, integrity.
    for heading in ("Exercise 8: System Monitoring", "Exercise 9: Analytics Deep Dive",
                    "Exercise 10: Data Integrity"):
        run(d, heading)
    assert all(r["status"] == "OK" for r in d.rows("SELECT * FROM pggit_v0.validate_data_integrity()"))

    # 3.1 Introspection.
    out = run(d, "Object Metadata")
    ddl = d.val("SELECT pggit_v0.get_object_definition('training', 'customers')")
    assert "CREATE TABLE training.customers (" in ddl and "ADD CONSTRAINT email_format CHECK" in ddl
    assert "COMMENT ON TABLE training.customers IS 'Customer master data with validation';" in ddl
    current = {(r["object_type"], r["object_name"]): r["status"]
               for r in d.rows("SELECT * FROM pggit_v0.get_current_schema()")}
    assert current[("table", "customers")] == "committed" and current[("table", "api_logs")] == "committed"
    out = run(d, "Change Tracking")
    assert "Release v1.0.0 - production ready" in out

    # 3.2 CI/CD recipe: the shell script runs as written against this database.
    d.exec("SELECT pggit_v0.create_branch('staging', checkout => false)")
    d.exec("SELECT pggit_v0.create_branch('production', from_ref => 'main', checkout => false)")
    env = dict(os.environ, PGDATABASE=d.name, **_libpq_env(d))
    subprocess.run(["bash", "-c", block("CI/CD Integration").code], cwd=tmp_path, env=env, check=True)
    assert "OK" in (tmp_path / "validation.txt").read_text()
    assert "training/table/api_logs" in (tmp_path / "migration.sql").read_text()
    assert (tmp_path / "health_check.txt").read_text().strip()

    # 3.3 Performance and monitoring setup (creates the schema_health view).
    run(d, "Query Optimization")
    run(d, "Monitoring Setup")
    health = d.one("SELECT * FROM schema_health")
    assert health["total_commits"] == d.val("SELECT count(*) FROM pggit_v0.commit_graph")
    assert health["active_branches"] == len(branches(d))

    # 4.1 Commit practices: three commits with those messages.
    run(d, "Commit Practices")
    msgs = [r["message"] for r in d.rows("SELECT * FROM pggit_v0.get_commit_history(3)")]
    assert msgs == ["Changes to database", "Fixes", "Add user authentication with JWT token validation"]

    # 4.2 Troubleshooting and health checks.
    run(d, "Common Issues & Solutions")
    assert branches(d)["feature/new-name"]["is_current"]
    run(d, "Health Checks")


def _libpq_env(d: SqlDb) -> Dict[str, str]:
    info = d.conn.info
    env = {"PGHOST": info.host, "PGPORT": str(info.port), "PGUSER": info.user}
    if info.password:   # (the local backend's superuser has a password over TCP: S1)
        env["PGPASSWORD"] = info.password
    return env


def test_illustrative_blocks_are_not_statements(empty_db: SqlDb) -> None:
    """The two prose blocks fenced as sql fail as SQL; the docs say so and show real calls."""
    install(empty_db)
    for heading in ("Branch Strategy", "Collaboration Workflow"):
        proc = empty_db.psql(sql=block(heading).code, check=False)
        assert proc.returncode != 0 and "syntax error" in proc.stderr
