"""Tamper evidence (issue 11): the ref log records every ref and HEAD move, and
validate_data_integrity() names refs moved outside the API, commits whose branch was
changed and DDL log entries edited after they were linked to a commit."""
from __future__ import annotations

from typing import Dict

from sql_conftest import SqlDb
from test_monitoring import rewrite  # tests/sql: change history as an intruder would


def failed(d: SqlDb) -> Dict[str, str]:
    return {r["check_name"]: r["details"] for r in
            d.rows("SELECT * FROM pggit_v0.validate_data_integrity() WHERE status = 'FAILED'")}


def test_the_ref_log_records_every_move_with_role_and_call(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('t')")
    db.exec("SELECT pggit_v0.create_branch('feature/x')")
    db.exec("ALTER TABLE public.t ADD COLUMN v text")
    c2 = db.val("SELECT pggit_v0.create_basic_commit('v')")
    db.exec("SELECT pggit_v0.create_tag('v1')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    db.exec("SELECT pggit_v0.merge_branch('feature/x')")
    db.exec("SELECT pggit_v0.delete_branch('feature/x')")
    me = db.val("SELECT current_user")
    log = [(r["ref"], r["old_value"], r["new_value"], r["call"]) for r in
           db.rows("SELECT * FROM pggit_v0.ref_log WHERE call <> 'install' ORDER BY id")]
    assert log == [
        ("main", log[0][1], c1, "create_basic_commit"),
        ("feature/x", None, c1, "create_branch"),
        ("HEAD", "ref: main", "ref: feature/x", "create_branch"),
        ("feature/x", c1, c2, "create_basic_commit"),
        ("v1", None, c2, "create_tag"),
        ("HEAD", "ref: feature/x", "ref: main", "checkout_branch"),
        ("main", c1, c2, "merge_branch (fast-forward)"),
        ("feature/x", c2, None, "delete_branch"),
    ]
    assert {r["role_name"] for r in db.rows("SELECT role_name FROM pggit_v0.ref_log")} == {me}
    assert failed(db) == {}


def test_refs_and_head_moved_outside_the_api_are_named(db: SqlDb) -> None:
    root = db.val("SELECT pggit_v0.get_head_sha()")
    db.exec("CREATE TABLE public.t (id int)")
    db.exec("SELECT pggit_v0.create_basic_commit('t')")
    db.exec("SELECT pggit_v0.create_branch('feature/x', checkout => false)")
    db.exec("UPDATE pggit_v0.refs SET target_sha = %s WHERE name = 'main'", [root])   # rewind main
    bad = failed(db)
    assert set(bad) == {"ref_log"}
    assert "branch 'main' is " + root in bad["ref_log"]
    db.exec("DELETE FROM pggit_v0.refs WHERE name = 'feature/x'")
    assert "'feature/x' was removed outside the API" in failed(db)["ref_log"]
    db.exec("INSERT INTO pggit_v0.refs (name, type, target_sha) VALUES ('sneaky', 'branch', %s)", [root])
    assert "branch 'sneaky' is not in the ref log" in failed(db)["ref_log"]
    db.exec("UPDATE pggit_v0.head SET branch = 'sneaky'")
    assert "HEAD 'HEAD' is ref: sneaky" in failed(db)["ref_log"]


def test_a_commit_whose_branch_was_changed_is_named(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.t (id int)")
    sha = db.val("SELECT pggit_v0.create_basic_commit('t')")
    rewrite(db, "UPDATE pggit_v0.commit_graph SET branch = 'release/v9' WHERE commit_sha = %s", [sha])
    bad = failed(db)
    assert set(bad) == {"commit_branch"}
    assert sha in bad["commit_branch"] and "'release/v9'" in bad["commit_branch"] and "'main'" in bad["commit_branch"]


def test_edited_and_removed_ddl_log_entries_are_named(db: SqlDb) -> None:
    db.exec("CREATE TABLE public.a (id int)")
    db.exec("CREATE TABLE public.b (id int)")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('a, b')")
    db.exec("CREATE TABLE public.c (id int)")
    db.val("SELECT pggit_v0.create_basic_commit('c')")
    assert failed(db) == {}
    a_id = db.val("SELECT id FROM pggit_v0.ddl_log WHERE object_identity = 'public.a'")
    rewrite(db, "UPDATE pggit_v0.ddl_log SET statement = 'CREATE TABLE public.a (id int, innocent text)' "
                "WHERE id = %s", [a_id])
    bad = failed(db)
    assert set(bad) == {"ddl_log_chain"}
    assert f"ddl_log entry {a_id} (linked to commit {c1}) was edited" in bad["ddl_log_chain"]
    rewrite(db, "UPDATE pggit_v0.ddl_log SET statement = 'CREATE TABLE public.a (id int)' WHERE id = %s", [a_id])
    assert failed(db) == {}                      # restored exactly: the chain holds again
    # a link removed (and its entry with it) breaks the chain of the batch
    b_id = db.val("SELECT id FROM pggit_v0.ddl_log WHERE object_identity = 'public.b'")
    rewrite(db, "DELETE FROM pggit_v0.ddl_log_commits WHERE log_id = %s", [b_id])
    rewrite(db, "DELETE FROM pggit_v0.ddl_log WHERE id = %s", [b_id])
    assert "does not chain" in failed(db)["ddl_log_chain"]
