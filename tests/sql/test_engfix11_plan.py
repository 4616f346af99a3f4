"""Plan cases of tester A's round A10 (AA2) and the whole-schema backward migration's
super-linear parts (task 7 of engfix11), on real PostgreSQL."""
from __future__ import annotations

from conftest import SqlDb


def test_a_label_added_and_a_partition_bound_naming_it_jump_in_one_checkout(db: SqlDb) -> None:
    """AA2 (Hatchet v1_0_86): ADD VALUE 'c', then a list partition FOR VALUES IN ('c'): the
    jump added the label and created the partition in one transaction and failed, unsafe
    use of new value (55P04): a bound names the label without a cast, so the use was not
    seen; the enum is now rebuilt (its table is new)."""
    db.exec("CREATE SCHEMA app; CREATE TYPE app.st AS ENUM ('a', 'b')")
    db.exec("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("SELECT pggit_v0.create_branch('b0', checkout => false)")
    db.exec("ALTER TYPE app.st ADD VALUE 'c'")
    db.exec("CREATE TABLE app.p (id int, s app.st NOT NULL) PARTITION BY LIST (s);"
            "CREATE TABLE app.p_a PARTITION OF app.p FOR VALUES IN ('a');"
            "CREATE TABLE app.p_c PARTITION OF app.p FOR VALUES IN ('c')")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('b1', checkout => false)")
    db.exec("SELECT pggit_v0.checkout_branch('b0', apply => true)")
    db.exec("SELECT pggit_v0.checkout_branch('b1', apply => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c1
    db.exec("INSERT INTO app.p VALUES (1, 'c')")
    assert db.val("SELECT tableoid::regclass::text FROM app.p") == "app.p_c"
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_a_check_calling_a_routine_dropped_going_back_goes_before_it(db: SqlDb) -> None:
    """(A guard for the rewrite of routine_users' search, task 7: same result) a check of
    a kept table calling a routine the migration drops and makes again goes first."""
    db.exec("CREATE SCHEMA app; CREATE FUNCTION app.f(int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > 0';"
            "CREATE TABLE app.t (id int PRIMARY KEY, n int CHECK (app.f(n)))")
    c0 = db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("SELECT pggit_v0.create_branch('b0', checkout => false)")
    db.exec("ALTER TABLE app.t DROP CONSTRAINT t_n_check; DROP FUNCTION app.f(int);"
            "CREATE FUNCTION app.f(bigint) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 > 0';"
            "ALTER TABLE app.t ADD CONSTRAINT t_n_check CHECK (app.f(n))")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", (c1, c0))
    assert script.index("DROP CONSTRAINT") < script.index("DROP FUNCTION"), script
    db.exec("SELECT pggit_v0.checkout_branch('b0', apply => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c0
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0
