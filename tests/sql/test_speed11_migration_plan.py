"""_migration_plan is planned with its joins in their written order (join_collapse_limit
= 1): its one statement's join search was most of a cold generate_migration's planning
(1,000 tables: 1,079 -> 733 M instructions, bench/README.md stop 29).  The joins that
needed reordering are written from the small side (owned_seqs, routine_users); the
corpus tests (test_real_schemas, test_peer_acceptance, test_migration_roundtrip, ...)
check the scripts, this only that the setting stays, and one script that goes through
both rewritten joins."""
from __future__ import annotations

from conftest import SqlDb


def test_migration_plan_keeps_its_written_join_order(db: SqlDb) -> None:
    config = db.val("SELECT p.proconfig FROM pg_proc p WHERE p.oid = 'pggit_v0._migration_plan(text, text)'::regprocedure")
    assert "join_collapse_limit=1" in config, config


def test_a_dropped_serial_table_and_a_recreated_routine_plan_as_before(db: SqlDb) -> None:
    # owned_seqs: a table with a serial column dropped (its sequence goes with it);
    # routine_users: a function recreated (new result type) that a view's column default uses
    db.exec("CREATE SCHEMA jo")
    db.exec("CREATE TABLE jo.t (id serial PRIMARY KEY, v text)")
    db.exec("CREATE FUNCTION jo.f() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 1'")
    db.exec("CREATE TABLE jo.u (id int PRIMARY KEY, n int DEFAULT jo.f())")
    base = db.val("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("DROP TABLE jo.t")
    db.exec("ALTER TABLE jo.u ALTER COLUMN n DROP DEFAULT")
    db.exec("DROP FUNCTION jo.f()")
    db.exec("CREATE FUNCTION jo.f() RETURNS bigint LANGUAGE sql IMMUTABLE AS 'SELECT 2'")
    db.exec("ALTER TABLE jo.u ALTER COLUMN n SET DEFAULT jo.f()")
    head = db.val("SELECT pggit_v0.create_basic_commit('changed')")
    forward = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [base, head])
    back = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [head, base])
    assert "jo.t_id_seq" in forward and "jo.t_id_seq" in back, (forward, back)
    # the reverse script rebuilds the base: applied, the schema reads as the base commit
    db.exec(back)
    again = db.val("SELECT pggit_v0.create_basic_commit('back')")
    assert db.val("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = %s", [again]) == \
        db.val("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = %s", [base])
