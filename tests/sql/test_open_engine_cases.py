"""The engine cases docs/reference.md listed as open (Known limits, "Open engine cases",
N1-N6, found on real histories) and those testers found since (P1, P2): most are
committed, migrated from the empty baseline onto a fresh database, forward onto it and
back on the original with real psql, and judged by pg_dump (both_ways); rows inserted
before going back are checked after."""
from __future__ import annotations

from typing import Any, Dict, List, Tuple

import psycopg
import pytest

from both_ways import migrates_both_ways
from conftest import SqlDb
from test_real_schemas import pg_dump_binary


#: N1: a routine the script drops and makes again (a parameter default added, its result
#: type changed) while something the script did not drop calls it: DROP FUNCTION failed.
#: case: (schema before, the change, rows inserted before going back, a query on them,
#: what it returns once back)
N1: Dict[str, Tuple[str, str, str, str, List[Dict[str, Any]]]] = {
    # a stored generated column (with an index and a view on it, a policy reading it):
    # dropped before the routine and added back after (recomputed)
    "generated_column": ("""
CREATE FUNCTION app.norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
CREATE TABLE app.users (id int, name text, name_norm text GENERATED ALWAYS AS (app.norm(name)) STORED);
CREATE INDEX users_norm ON app.users (name_norm);
CREATE VIEW app.user_names AS SELECT id, name_norm FROM app.users;
ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;
CREATE POLICY named ON app.users USING (name_norm <> '');
""", """
CREATE OR REPLACE FUNCTION app.norm(t text DEFAULT '') RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT lower(t) $$;
""", "INSERT INTO app.users (id, name) VALUES (1, 'Ann')", "SELECT id, name_norm FROM app.users",
        [{"id": 1, "name_norm": "ann"}]),
    # a domain's CHECK and DEFAULT (the domain's other check left alone)
    "domain_check_and_default": ("""
CREATE FUNCTION app.ok(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT t <> '' $$;
CREATE FUNCTION app.seven() RETURNS int LANGUAGE sql AS $$ SELECT 7 $$;
CREATE DOMAIN app.name AS text CHECK (app.ok(VALUE)) CHECK (length(VALUE) < 10);
CREATE DOMAIN app.num AS int DEFAULT app.seven();
CREATE TABLE app.t (n app.name, k app.num);
""", """
DROP TABLE app.t; DROP DOMAIN app.name; DROP DOMAIN app.num; DROP FUNCTION app.ok(text); DROP FUNCTION app.seven();
CREATE FUNCTION app.ok(t text DEFAULT '') RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT t <> '' $$;
CREATE FUNCTION app.seven() RETURNS bigint LANGUAGE sql AS $$ SELECT 7 $$;
CREATE DOMAIN app.name AS text CHECK (app.ok(VALUE)) CHECK (length(VALUE) < 10);
CREATE DOMAIN app.num AS int DEFAULT app.seven();
CREATE TABLE app.t (n app.name, k app.num);
""", "INSERT INTO app.t (n) VALUES ('a')", "SELECT n, k FROM app.t", [{"n": "a", "k": 7}]),
    # a statistics object on an expression calling it
    "statistics_expression": ("""
CREATE FUNCTION app.f(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + 1 $$;
CREATE TABLE app.t (a int, b int);
CREATE STATISTICS app.t_st ON (app.f(a)), b FROM app.t;
""", """
CREATE OR REPLACE FUNCTION app.f(a int DEFAULT 0) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + 1 $$;
""", "INSERT INTO app.t VALUES (1, 2)", "SELECT a, b FROM app.t", [{"a": 1, "b": 2}]),
    # rules calling it, of a table and of a view
    "rules": ("""
CREATE FUNCTION app.f(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + 1 $$;
CREATE TABLE app.t (a int);
CREATE TABLE app.log (a int);
CREATE RULE t_log AS ON INSERT TO app.t WHERE app.f(NEW.a) > 0 DO ALSO INSERT INTO app.log VALUES (NEW.a);
CREATE VIEW app.v AS SELECT a FROM app.t;
CREATE RULE v_ins AS ON INSERT TO app.v DO INSTEAD INSERT INTO app.log VALUES (app.f(NEW.a));
""", """
CREATE OR REPLACE FUNCTION app.f(a int DEFAULT 0) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + 1 $$;
""", "INSERT INTO app.t VALUES (1)", "SELECT a FROM app.log", [{"a": 1}]),
    # an exclusion constraint on an expression calling it, and routines with SQL-standard
    # bodies calling it (their text changes with its result type: they are made again)
    "exclusion_and_sql_standard_callers": ("""
CREATE FUNCTION app.f(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a + 1 $$;
CREATE TABLE app.t (a int, EXCLUDE USING btree ((app.f(a)::int) WITH =));
CREATE FUNCTION app.g(a int) RETURNS int LANGUAGE sql IMMUTABLE RETURN app.f(a)::int * 2;
CREATE FUNCTION app.h(a int) RETURNS int LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT app.f(a)::int * 3; END;
""", """
DROP FUNCTION app.h(int); DROP FUNCTION app.g(int); ALTER TABLE app.t DROP CONSTRAINT t_f_excl;
DROP FUNCTION app.f(int);
CREATE FUNCTION app.f(a int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT a + 1 $$;
ALTER TABLE app.t ADD CONSTRAINT t_f_excl EXCLUDE USING btree ((app.f(a)::int) WITH =);
CREATE FUNCTION app.g(a int) RETURNS int LANGUAGE sql IMMUTABLE RETURN app.f(a)::int * 2;
CREATE FUNCTION app.h(a int) RETURNS int LANGUAGE sql IMMUTABLE BEGIN ATOMIC SELECT app.f(a)::int * 3; END;
""", "INSERT INTO app.t VALUES (1)", "SELECT a, app.g(a), app.h(a) FROM app.t", [{"a": 1, "g": 4, "h": 6}]),
    # a routine with an SQL-standard body made again (dropped and created among the views)
    # called by a check, a default, an index and a domain's check: they go before it and
    # come back after it
    "sql_standard_routine_called": ("""
CREATE FUNCTION app.f(a int) RETURNS int LANGUAGE sql IMMUTABLE RETURN a + 1;
CREATE DOMAIN app.pos AS int CHECK (app.f(VALUE) > 0);
CREATE TABLE app.t (a int CHECK (app.f(a) > 0), b int DEFAULT app.f(1), c app.pos);
CREATE INDEX t_f ON app.t (app.f(a));
""", """
ALTER TABLE app.t DROP CONSTRAINT t_a_check; ALTER TABLE app.t ALTER b DROP DEFAULT; DROP INDEX app.t_f;
ALTER DOMAIN app.pos DROP CONSTRAINT pos_check;
DROP FUNCTION app.f(int);
CREATE FUNCTION app.f(a int) RETURNS bigint LANGUAGE sql IMMUTABLE RETURN a + 1;
ALTER TABLE app.t ADD CONSTRAINT t_a_check CHECK (app.f(a) > 0); ALTER TABLE app.t ALTER b SET DEFAULT app.f(1);
CREATE INDEX t_f ON app.t (app.f(a));
ALTER DOMAIN app.pos ADD CONSTRAINT pos_check CHECK (app.f(VALUE) > 0);
""", "INSERT INTO app.t (a, c) VALUES (1, 1)", "SELECT a, b, c FROM app.t", [{"a": 1, "b": 2, "c": 1}]),
}


@pytest.mark.parametrize("case", sorted(N1))
def test_what_calls_a_routine_made_again_goes_and_comes_back(case: str, db: SqlDb, make_empty_db: Any,
                                                             pggit_server: Any, pytestconfig: pytest.Config) -> None:
    """N1: forward and back, the script drops what calls the routine before its DROP
    FUNCTION and makes it again after: pg_dump equal at each end, the rows kept."""
    before, change, rows, query, expected = N1[case]
    migrates_both_ways(db, make_empty_db, pg_dump_binary(pytestconfig, pggit_server), before, change, rows)
    assert db.rows(query) == expected


def test_a_partitioned_table_whose_key_calls_a_routine_made_again_is_made_again(
        db: SqlDb, make_empty_db: Any, pggit_server: Any, pytestconfig: pytest.Config) -> None:
    """N1: PostgreSQL cannot change a partition key, and DROP FUNCTION refuses under it (the
    history dropped the table with the routine): the table is dropped and created again
    with its partitions, announced as data loss."""
    forward, back = migrates_both_ways(db, make_empty_db, pg_dump_binary(pytestconfig, pggit_server), """
CREATE FUNCTION app.bucket(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a / 10 $$;
CREATE TABLE app.p (a int, b text) PARTITION BY RANGE ((app.bucket(a)));
CREATE TABLE app.p_low PARTITION OF app.p FOR VALUES FROM (0) TO (10) PARTITION BY LIST (b);
CREATE TABLE app.p_low_x PARTITION OF app.p_low FOR VALUES IN ('x');
CREATE TABLE app.p_high PARTITION OF app.p FOR VALUES FROM (10) TO (20);
""", """
DROP TABLE app.p; DROP FUNCTION app.bucket(int);
CREATE FUNCTION app.bucket(a int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT a / 10 $$;
CREATE TABLE app.p (a int, b text) PARTITION BY RANGE ((app.bucket(a)));
CREATE TABLE app.p_low PARTITION OF app.p FOR VALUES FROM (0) TO (10) PARTITION BY LIST (b);
CREATE TABLE app.p_low_x PARTITION OF app.p_low FOR VALUES IN ('x');
CREATE TABLE app.p_high PARTITION OF app.p FOR VALUES FROM (10) TO (20);
""")
    for script in (forward, back):
        assert "-- DATA LOSS (app/table/p): DROP TABLE IF EXISTS app.p;" in script


def test_partitions_of_a_partitioned_table_made_again_are_made_again(
        db: SqlDb, make_empty_db: Any, pggit_server: Any, pytestconfig: pytest.Config) -> None:
    """A partitioned table whose partitioning changes is dropped and created again; its
    partitions, the same on both sides, went with it and are created again (they were
    lost without a word)."""
    migrates_both_ways(db, make_empty_db, pg_dump_binary(pytestconfig, pggit_server), """
CREATE TABLE app.p (a int, b int) PARTITION BY RANGE (a);
CREATE TABLE app.p1 PARTITION OF app.p FOR VALUES FROM (0) TO (100);
CREATE INDEX p1_b ON app.p1 (b);
""", """
DROP TABLE app.p;
CREATE TABLE app.p (a int, b int) PARTITION BY RANGE (b);
CREATE TABLE app.p1 PARTITION OF app.p FOR VALUES FROM (0) TO (100);
CREATE INDEX p1_b ON app.p1 (b);
""")


#: N5: a column the script drops and adds back (a generated column whose expression
#: changes, or one reading a retyped column or calling a routine made again) lost what
#: DROP COLUMN takes along, its grants, settings, comment and statistics objects, and a
#: policy or an UPDATE OF trigger reading it made the drop fail. (the table's generated
#: column last: one added back goes last)
N5_TABLE = """
CREATE FUNCTION app.dbl(a int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a * 2 $$;
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TABLE app.g (id int PRIMARY KEY, x int, y int GENERATED ALWAYS AS ({expr}) STORED);
COMMENT ON COLUMN app.g.y IS 'doubled';
GRANT SELECT (y) ON app.g TO PUBLIC;
ALTER TABLE app.g ALTER COLUMN y SET STATISTICS 300;
CREATE STATISTICS app.g_st ON x, y FROM app.g;
ALTER TABLE app.g ENABLE ROW LEVEL SECURITY;
CREATE POLICY positive ON app.g USING (y > 0);
CREATE TRIGGER g_y AFTER UPDATE OF y ON app.g FOR EACH ROW EXECUTE FUNCTION app.touch();
"""
N5: Dict[str, Tuple[str, str]] = {
    # its expression changes (dropped with the columns, added back after them)
    "expression_changed": (N5_TABLE.format(expr="x * 2"), """
DROP STATISTICS app.g_st; DROP POLICY positive ON app.g; DROP TRIGGER g_y ON app.g;
ALTER TABLE app.g DROP COLUMN y;
ALTER TABLE app.g ADD COLUMN y int GENERATED ALWAYS AS (x * 3) STORED;
COMMENT ON COLUMN app.g.y IS 'doubled';
GRANT SELECT (y) ON app.g TO PUBLIC;
ALTER TABLE app.g ALTER COLUMN y SET STATISTICS 300;
CREATE STATISTICS app.g_st ON x, y FROM app.g;
CREATE POLICY positive ON app.g USING (y > 0);
CREATE TRIGGER g_y AFTER UPDATE OF y ON app.g FOR EACH ROW EXECUTE FUNCTION app.touch();
"""),
    # the column it reads retyped (the history dropped it and added it back: N6 too)
    "reads_a_retyped_column": (N5_TABLE.format(expr="x * 2"), """
DROP STATISTICS app.g_st; DROP POLICY positive ON app.g; DROP TRIGGER g_y ON app.g;
ALTER TABLE app.g DROP COLUMN y;
ALTER TABLE app.g ALTER COLUMN x TYPE bigint;
ALTER TABLE app.g ADD COLUMN y int GENERATED ALWAYS AS (x * 2) STORED;
COMMENT ON COLUMN app.g.y IS 'doubled';
GRANT SELECT (y) ON app.g TO PUBLIC;
ALTER TABLE app.g ALTER COLUMN y SET STATISTICS 300;
CREATE STATISTICS app.g_st ON x, y FROM app.g;
CREATE POLICY positive ON app.g USING (y > 0);
CREATE TRIGGER g_y AFTER UPDATE OF y ON app.g FOR EACH ROW EXECUTE FUNCTION app.touch();
"""),
    # the routine it calls made again (N1)
    "calls_a_routine_made_again": (N5_TABLE.format(expr="app.dbl(x)"), """
CREATE OR REPLACE FUNCTION app.dbl(a int DEFAULT 0) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT a * 2 $$;
"""),
}


@pytest.mark.parametrize("case", sorted(N5))
def test_a_column_dropped_and_added_back_keeps_what_went_with_it(case: str, db: SqlDb, make_empty_db: Any,
                                                                  pggit_server: Any,
                                                                  pytestconfig: pytest.Config) -> None:
    """N5: forward and back, the policy and the trigger reading the column go before it and
    come back, and its comment, grants, settings and statistics object are made again:
    pg_dump equal at each end, the rows kept (the generated values computed again)."""
    before, change = N5[case]
    migrates_both_ways(db, make_empty_db, pg_dump_binary(pytestconfig, pggit_server), before, change,
                       "INSERT INTO app.g (id, x) VALUES (1, 1), (2, 2)")
    assert db.rows("SELECT id, x, y FROM app.g ORDER BY id") == [{"id": 1, "x": 1, "y": 2}, {"id": 2, "x": 2, "y": 4}]


def test_a_generated_column_dropped_and_added_back_is_no_data_loss(db: SqlDb) -> None:
    """N6: a stored generated column holds no values of its own: dropping it to add it back
    (the history did, around a retype of the column it reads) is not announced as data
    loss, and a checkout over rows is not refused (one dropped for good still is, as the
    peer's acceptance cases have it)."""
    db.exec("""
CREATE SCHEMA app;
CREATE TABLE app.g (id int PRIMARY KEY, x int, y int GENERATED ALWAYS AS (x * 2) STORED,
                    z int GENERATED ALWAYS AS (x + 1) STORED);
INSERT INTO app.g (id, x) VALUES (1, 1), (2, 2);
""")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    db.exec("""
ALTER TABLE app.g DROP COLUMN y;
ALTER TABLE app.g DROP COLUMN z;
ALTER TABLE app.g ALTER COLUMN x TYPE bigint;
ALTER TABLE app.g ADD COLUMN y int GENERATED ALWAYS AS (x * 2) STORED;
ALTER TABLE app.g ADD COLUMN z int GENERATED ALWAYS AS (x + 1) STORED;
""")
    c2 = db.val("SELECT pggit_v0.create_basic_commit('c2')")
    for script in (db.val("SELECT pggit_v0.generate_migration(%s, %s)", [c1, c2]),
                   db.val("SELECT pggit_v0.generate_migration(%s, %s)", [c2, c1])):
        assert "DATA LOSS (app/table/g/column/y)" not in script and "DATA LOSS (app/table/g/column/z)" not in script
    # (back, x is narrowed to int: refused without force, rightly)
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true, force => true)")
    assert db.rows("SELECT id, y, z FROM app.g ORDER BY id") == [{"id": 1, "y": 2, "z": 2}, {"id": 2, "y": 4, "z": 3}]
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.rows("SELECT id, y, z FROM app.g ORDER BY id") == [{"id": 1, "y": 2, "z": 2}, {"id": 2, "y": 4, "z": 3}]


def test_inherited_columns_made_the_childs_own_keep_the_rows(db: SqlDb, make_empty_db: Any, pggit_server: Any,
                                                             pytestconfig: pytest.Config) -> None:
    """N3: NO INHERIT then INHERIT makes a child's inherited columns and checks its own
    too (a grandparent's as well): forward, the script does the same (ADD COLUMN refused:
    they exist), keeping the rows; back, no DDL makes them the parent's only, so the child
    is dropped and created, announced as data loss (as going back over a NO INHERIT)."""
    forward, back = migrates_both_ways(db, make_empty_db, pg_dump_binary(pytestconfig, pggit_server), """
CREATE TABLE app.g (gid int);
CREATE TABLE app.p (id int NOT NULL DEFAULT 4, a int CHECK (a > 0)) INHERITS (app.g);
CREATE TABLE app.c (b int) INHERITS (app.p);
CREATE TABLE app.d (e int) INHERITS (app.p);
""", "ALTER TABLE app.c NO INHERIT app.p; ALTER TABLE app.c INHERIT app.p;")
    assert "DATA LOSS" not in forward and "ADD COLUMN" not in forward
    assert "-- DATA LOSS (app/table/c): DROP TABLE IF EXISTS app.c;" in back
    # forward over rows: kept
    db.exec("INSERT INTO app.c (gid, id, a, b) VALUES (1, 2, 3, 4)")
    a, b = (r["commit_sha"] for r in db.rows(
        "SELECT commit_sha FROM pggit_v0.commit_graph WHERE message IN ('before', 'the change') ORDER BY committed_at"))
    db.psql("-q", sql=db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b]))
    assert db.rows("SELECT gid, id, a, b FROM app.c") == [{"gid": 1, "id": 2, "a": 3, "b": 4}]
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_a_table_moved_into_a_schema_made_in_the_same_commit_keeps_its_rows(db: SqlDb) -> None:
    """P1: ALTER TABLE ... SET SCHEMA into a schema the same commit creates: the script
    creates the schema before the moves and moves the table (it dropped and created it:
    rows lost, refused as data loss); back, moved out and the schema dropped."""
    db.exec("""
CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, v text);
CREATE SEQUENCE app.s;
INSERT INTO app.t VALUES (1, 'one');
""")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    db.exec("""
CREATE SCHEMA archive;
COMMENT ON SCHEMA archive IS 'old rows';
ALTER TABLE app.t SET SCHEMA archive;
ALTER SEQUENCE app.s SET SCHEMA archive;
""")
    c2 = db.val("SELECT pggit_v0.create_basic_commit('c2')")
    forward = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [c1, c2])
    assert "DATA LOSS" not in forward and "DROP TABLE" not in forward
    assert forward.index("CREATE SCHEMA archive;") < forward.index("ALTER TABLE app.t SET SCHEMA archive;")
    assert forward.count("CREATE SCHEMA archive") == 1
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true)")
    assert db.rows("SELECT id, v FROM app.t") == [{"id": 1, "v": "one"}]
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.rows("SELECT id, v FROM archive.t") == [{"id": 1, "v": "one"}]
    assert db.val("SELECT obj_description('archive'::regnamespace)") == "old rows"
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


@pytest.mark.parametrize("first, later, expected", [
    # an enum label the first default named renamed since (Lemmy's registration_mode)
    ("CREATE TYPE app.mode AS ENUM ('closed', 'require_application');"
     "ALTER TABLE app.t ADD COLUMN m app.mode NOT NULL DEFAULT 'require_application'",
     "ALTER TYPE app.mode RENAME VALUE 'require_application' TO 'RequireApplication'",
     "RequireApplication"),
    # a serial's sequence renamed since
    ("ALTER TABLE app.t ADD COLUMN m serial", "ALTER SEQUENCE app.t_m_seq RENAME TO t_m_seq_renamed", "1"),
    # a routine the first default called dropped since (another one called now)
    ("CREATE FUNCTION app.f1() RETURNS int LANGUAGE sql AS 'SELECT 7';"
     "ALTER TABLE app.t ADD COLUMN m int DEFAULT app.f1()",
     "CREATE FUNCTION app.f2() RETURNS int LANGUAGE sql AS 'SELECT 8';"
     "ALTER TABLE app.t ALTER COLUMN m SET DEFAULT app.f2(); DROP FUNCTION app.f1()", "8"),
], ids=["enum_label_renamed", "sequence_renamed", "routine_dropped"])
def test_a_column_whose_first_default_names_what_is_gone_is_added_with_the_targets(
        db: SqlDb, first: str, later: str, expected: str) -> None:
    """P2: a column added, then its default's referent renamed or dropped: a migration
    over both adds the column as the history first did only when that default still
    works there; else with the target's default (it failed: invalid enum label, relation
    or function gone)."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY); INSERT INTO app.t VALUES (1);")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    db.exec(first)
    db.val("SELECT pggit_v0.create_basic_commit('c2')")
    db.exec(later)
    c3 = db.val("SELECT pggit_v0.create_basic_commit('c3')")
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true, force => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c1
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c3
    assert db.val("SELECT m::text FROM app.t") == expected
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


@pytest.mark.parametrize("first, later, query, expected", [
    # renamed and given another default (P6)
    ("ALTER TABLE app.t ADD COLUMN active int DEFAULT 1",
     "ALTER TABLE app.t RENAME COLUMN active TO is_active; ALTER TABLE app.t ALTER COLUMN is_active SET DEFAULT 2",
     "SELECT is_active::text FROM app.t", "1"),
    # Django AddField(default=0) then RenameField: the commit holds no default (P6b)
    ("BEGIN; ALTER TABLE app.t ADD COLUMN score int DEFAULT 0 NOT NULL;"
     "ALTER TABLE app.t ALTER COLUMN score DROP DEFAULT; COMMIT",
     "ALTER TABLE app.t RENAME COLUMN score TO points", "SELECT points::text FROM app.t", "0"),
    # its table renamed and moved, the default changed (P6c)
    ("ALTER TABLE app.t ADD COLUMN active int DEFAULT 1",
     "ALTER TABLE app.t RENAME TO u; ALTER TABLE app.u ALTER COLUMN active SET DEFAULT 2;"
     "CREATE SCHEMA s; ALTER TABLE app.u SET SCHEMA s; ALTER TABLE s.u ALTER COLUMN active SET DEFAULT 3",
     "SELECT active::text FROM s.u", "1"),
    # Django AddField(default=0) then RenameModel (P6f)
    ("BEGIN; ALTER TABLE app.t ADD COLUMN pages int DEFAULT 0 NOT NULL;"
     "ALTER TABLE app.t ALTER COLUMN pages DROP DEFAULT; COMMIT",
     "ALTER TABLE app.t RENAME TO volume", "SELECT pages::text FROM app.volume", "0"),
    # a generated column made plain, then renamed (P6g)
    ("ALTER TABLE app.t ADD COLUMN g int GENERATED ALWAYS AS (id * 2) STORED",
     "ALTER TABLE app.t ALTER COLUMN g DROP EXPRESSION; ALTER TABLE app.t RENAME COLUMN g TO doubled",
     "SELECT doubled::text FROM app.t", "2"),
    # its table renamed while an enum it has is renamed: added with the target's type
    ("CREATE TYPE app.mood AS ENUM ('ok'); ALTER TABLE app.t ADD COLUMN m app.mood DEFAULT 'ok'",
     "ALTER TABLE app.t RENAME TO u; ALTER TYPE app.mood RENAME TO feeling;"
     "ALTER TABLE app.u ALTER COLUMN m SET DEFAULT 'ok'::app.feeling",
     "SELECT m::text FROM app.u", "ok"),
    # the label its first default names renamed, the default changed (T3: the rows got
    # the target's default, z)
    ("CREATE TYPE app.st AS ENUM ('x', 'z'); ALTER TABLE app.t ADD COLUMN s app.st NOT NULL DEFAULT 'x'",
     "ALTER TYPE app.st RENAME VALUE 'x' TO 'y'; ALTER TABLE app.t ALTER COLUMN s SET DEFAULT 'z'",
     "SELECT s::text FROM app.t", "y"),
    # the same with the column renamed too
    ("CREATE TYPE app.st AS ENUM ('x', 'z'); ALTER TABLE app.t ADD COLUMN s app.st NOT NULL DEFAULT 'x'",
     "ALTER TYPE app.st RENAME VALUE 'x' TO 'y'; ALTER TABLE app.t RENAME COLUMN s TO s2;"
     "ALTER TABLE app.t ALTER COLUMN s2 SET DEFAULT 'z'",
     "SELECT s2::text FROM app.t", "y"),
    # AddField(default='x') then the label renamed: the logged first default (the
    # script failed: invalid input value for enum)
    ("CREATE TYPE app.st AS ENUM ('x', 'z'); BEGIN; ALTER TABLE app.t ADD COLUMN s app.st NOT NULL DEFAULT 'x';"
     "ALTER TABLE app.t ALTER COLUMN s DROP DEFAULT; COMMIT",
     "ALTER TYPE app.st RENAME VALUE 'x' TO 'y'; ALTER TABLE app.t RENAME COLUMN s TO s2",
     "SELECT s2::text FROM app.t", "y"),
    # labels swapped since, the default set to the first one's name again (X1: the
    # target's column looked like the first one, the rows got x)
    ("CREATE TYPE app.st AS ENUM ('x', 'z'); ALTER TABLE app.t ADD COLUMN s app.st NOT NULL DEFAULT 'x'",
     "ALTER TYPE app.st RENAME VALUE 'x' TO 'tmp'; ALTER TYPE app.st RENAME VALUE 'z' TO 'x';"
     "ALTER TYPE app.st RENAME VALUE 'tmp' TO 'z'; ALTER TABLE app.t ALTER COLUMN s SET DEFAULT 'x'",
     "SELECT s::text FROM app.t", "z"),
    # an array of the enum, its first default an array literal (X2: the target's default)
    ("CREATE TYPE app.st AS ENUM ('x', 'z'); ALTER TABLE app.t ADD COLUMN s app.st[] NOT NULL DEFAULT '{x,z}'",
     "ALTER TYPE app.st RENAME VALUE 'x' TO 'y'; ALTER TABLE app.t ALTER COLUMN s SET DEFAULT '{z}'",
     "SELECT s::text FROM app.t", "{y,z}"),
], ids=["column_renamed", "django_rename_field", "table_renamed_and_moved", "django_rename_model",
        "generated_made_plain_renamed", "enum_renamed_table_renamed", "label_renamed_default_changed",
        "label_and_column_renamed_default_changed", "logged_default_label_renamed", "labels_swapped",
        "enum_array_literal"])
def test_a_column_added_then_renamed_keeps_what_the_history_gave_its_rows(
        db: SqlDb, first: str, later: str, query: str, expected: str) -> None:
    """P6: a column added, then renamed (or its table renamed or moved) and altered: a
    migration over both adds it as the history first did, under its new name, then alters
    it; it took the target's definition (rows got the target's default, or a NOT NULL
    column without default failed)."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY); INSERT INTO app.t VALUES (1);")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    db.exec(first)
    db.val("SELECT pggit_v0.create_basic_commit('c2')")
    db.exec(later)
    c3 = db.val("SELECT pggit_v0.create_basic_commit('c3')")
    assert db.val(query) == expected   # (what the history gave)
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true, force => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c1
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c3
    assert db.val(query) == expected
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_a_merge_of_a_column_added_then_renamed_keeps_what_the_branch_gave_its_rows(db: SqlDb) -> None:
    """P6d: a branch adds a column (DEFAULT 1) then renames it and sets DEFAULT 2; merged
    into a main that moved on, the row gets 1 as on the branch (it got 2)."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY); INSERT INTO app.t VALUES (1);")
    db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('feature', checkout => false)")
    db.exec("CREATE TABLE app.other (id int)")
    db.val("SELECT pggit_v0.create_basic_commit('main moves on')")
    db.exec("SELECT pggit_v0.checkout_branch('feature', apply => true, force => true)")
    db.exec("ALTER TABLE app.t ADD COLUMN active int DEFAULT 1")
    db.val("SELECT pggit_v0.create_basic_commit('f1')")
    db.exec("ALTER TABLE app.t RENAME COLUMN active TO is_active; ALTER TABLE app.t ALTER COLUMN is_active SET DEFAULT 2")
    db.val("SELECT pggit_v0.create_basic_commit('f2')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    db.exec("SELECT pggit_v0.merge_branch('feature')")
    assert db.rows("SELECT id, is_active FROM app.t") == [{"id": 1, "is_active": 1}]
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


@pytest.mark.parametrize("first, later, query, expected", [
    # a column added as integer with a foreign key, both sides made text later (P2c)
    ("CREATE TABLE app.folder (id serial PRIMARY KEY);"
     "ALTER TABLE app.t ADD COLUMN folder_id int REFERENCES app.folder (id)",
     "ALTER TABLE app.t DROP CONSTRAINT t_folder_id_fkey; ALTER TABLE app.folder ALTER COLUMN id DROP DEFAULT;"
     "ALTER TABLE app.folder ALTER COLUMN id TYPE text; ALTER TABLE app.t ALTER COLUMN folder_id TYPE text;"
     "ALTER TABLE app.t ADD CONSTRAINT t_folder_id_fkey FOREIGN KEY (folder_id) REFERENCES app.folder (id)",
     "SELECT coalesce(folder_id, 'null') FROM app.t", "null"),
    # columns retyped later with an index, a check and a view over them (P2d)
    ("ALTER TABLE app.t ADD COLUMN meta json, ADD COLUMN tags text",
     "ALTER TABLE app.t ALTER COLUMN meta TYPE jsonb, ALTER COLUMN tags TYPE text[] USING NULL;"
     "CREATE INDEX t_meta ON app.t USING gin (meta); ALTER TABLE app.t ADD CHECK (cardinality(tags) < 10);"
     "CREATE VIEW app.v AS SELECT meta -> 'a' AS a FROM app.t",
     "SELECT coalesce(meta::text, 'null') FROM app.t", "null"),
    # an enum column later made text, the enum dropped (P2f, Ghostfolio)
    ("CREATE TYPE app.currency AS ENUM ('USD', 'EUR');"
     "ALTER TABLE app.t ADD COLUMN currency app.currency DEFAULT 'USD' NOT NULL",
     "ALTER TABLE app.t ALTER COLUMN currency DROP DEFAULT, ALTER COLUMN currency TYPE text; DROP TYPE app.currency",
     "SELECT currency FROM app.t", "USD"),
], ids=["foreign_key", "index_check_view", "enum_dropped"])
def test_a_column_added_then_retyped_is_added_with_a_type_what_reads_it_fits(
        db: SqlDb, first: str, later: str, query: str, expected: str) -> None:
    """P2c, P2d, P2f: a column added, then retyped with what reads it made for the new
    type (or the old type dropped): a migration over both added it with its first type
    and made the foreign key, index, check or DROP TYPE before the retype (failed).  A
    first definition that gives the rows nothing is added with the target's type; a
    quoted constant default with the target's type too."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY); INSERT INTO app.t VALUES (1);")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    db.exec(first)
    db.val("SELECT pggit_v0.create_basic_commit('c2')")
    db.exec(later)
    c3 = db.val("SELECT pggit_v0.create_basic_commit('c3')")
    assert db.val(query) == expected
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [c1, c3])
    assert "DATA LOSS" not in script
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true, force => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c1
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c3
    assert db.val(query) == expected
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


@pytest.mark.parametrize("change, table", [
    ("ALTER TABLE app.users RENAME TO u2; ALTER TABLE app.u2 RENAME COLUMN v TO v_old;"
     "ALTER TABLE app.u2 ADD COLUMN v text DEFAULT 'x'", "app.u2"),
    ("ALTER TABLE app.users RENAME COLUMN v TO v_old; ALTER TABLE app.users ADD COLUMN v text DEFAULT 'x';"
     "CREATE SCHEMA s; ALTER TABLE app.users SET SCHEMA s", "s.users"),
], ids=["table_renamed", "table_moved"])
def test_a_column_renamed_away_and_added_again_in_a_renamed_table_goes_back(
        db: SqlDb, change: str, table: str) -> None:
    """P8: a table renamed (or moved), a column renamed away and a new one added under its
    name: going back drops the new column and renames the original back, with its values
    (it kept the new one and dropped the original)."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.users (id int PRIMARY KEY, v text);"
            "INSERT INTO app.users VALUES (1, 'orig');")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    db.exec(change)
    c2 = db.val("SELECT pggit_v0.create_basic_commit('c2')")
    back = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [c2, c1])
    assert "DROP COLUMN v;" in back and "RENAME COLUMN v_old TO v" in back and "v_old;" not in back
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true, force => true)")
    assert db.rows("SELECT id, v FROM app.users") == [{"id": 1, "v": "orig"}]
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.rows(f"SELECT id, v_old, v FROM {table}") == [{"id": 1, "v_old": "orig", "v": "x"}]
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


@pytest.mark.parametrize("on_target, on_source, target_table, merged", [
    ("ALTER TABLE app.users RENAME TO u2", "ALTER TABLE app.users RENAME COLUMN v TO v_old", "app.u2", "app.u2"),
    ("ALTER TABLE app.users RENAME COLUMN v TO v_old", "ALTER TABLE app.users RENAME TO u2", "app.users", "app.u2"),
    ("CREATE SCHEMA s; ALTER TABLE app.users SET SCHEMA s", "ALTER TABLE app.users RENAME COLUMN v TO v_old",
     "s.users", "s.users"),
], ids=["column_renamed_into_table_renamed", "table_renamed_into_column_renamed", "column_renamed_into_table_moved"])
def test_a_merge_of_a_table_rename_and_a_column_rename_keeps_both(
        db: SqlDb, on_target: str, on_source: str, target_table: str, merged: str) -> None:
    """P10: one branch renames (or moves) a table, the other renames one of its columns:
    the merge is clean, the merged table has both renames and keeps its rows (every path
    of the table was modified_deleted; theirs built a tree holding both tables)."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.users (id int PRIMARY KEY, v text);")
    db.val("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('b')")
    db.exec(on_source)
    db.val("SELECT pggit_v0.create_basic_commit('b')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    db.exec(on_target)
    db.val("SELECT pggit_v0.create_basic_commit('main')")
    db.exec(f"INSERT INTO {target_table} VALUES (1, 'orig')")
    assert db.rows("SELECT path, kind FROM pggit_v0.detect_merge_conflicts('b')") == []
    db.exec("SELECT pggit_v0.merge_branch('b')")
    assert db.rows(f"SELECT id, v_old FROM {merged}") == [{"id": 1, "v_old": "orig"}]
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_text_to_tsvector_is_refused_without_force(db: SqlDb) -> None:
    """P5: text to tsvector sorts the words and merges duplicates: a conversion that
    changes values, announced and refused without force (it ran silently)."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY, c text)")
    first = db.val("SELECT pggit_v0.create_basic_commit('before')")
    db.exec("ALTER TABLE app.t ALTER COLUMN c TYPE tsvector USING c::tsvector")
    db.val("SELECT pggit_v0.create_basic_commit('after')")
    assert "-- DATA LOSS (app/table/t/column/c)" in db.val("SELECT pggit_v0.generate_migration(%s, 'HEAD')", [first])
    db.exec("SELECT pggit_v0.create_branch('old', from_ref => %s, checkout => false)", [first])
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true)")
    db.exec("INSERT INTO app.t VALUES (1, 'the cat the hat')")
    with pytest.raises(psycopg.Error) as info:
        db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert info.value.sqlstate == "55000" and "app.t.c" in (info.value.diag.message_detail or ""), info.value
    assert db.val("SELECT c FROM app.t") == "the cat the hat"


@pytest.mark.parametrize("on_target, on_source, expected, conflict", [
    ("ALTER TYPE app.kind ADD VALUE 'x'", "ALTER TYPE app.kind ADD VALUE 'y'", ["a", "b", "x", "y"], False),
    ("ALTER TYPE app.kind ADD VALUE 'x'", "ALTER TYPE app.kind ADD VALUE 'y'; ALTER TYPE app.kind ADD VALUE 'w' BEFORE 'a'",
     ["w", "a", "b", "x", "y"], False),
    ("ALTER TYPE app.kind ADD VALUE 'x'", "ALTER TYPE app.kind ADD VALUE 'x'; ALTER TYPE app.kind ADD VALUE 'y'",
     ["a", "b", "x", "y"], False),
    # both between a and b: which goes first would be a guess
    ("ALTER TYPE app.kind ADD VALUE 'x' AFTER 'a'", "ALTER TYPE app.kind ADD VALUE 'y' AFTER 'a'", ["a", "x", "b"], True),
], ids=["appended_on_both", "appended_and_prepended", "one_label_on_both", "same_gap_conflicts"])
def test_labels_added_to_one_enum_on_both_branches_merge(
        db: SqlDb, on_target: str, on_source: str, expected: List[str], conflict: bool) -> None:
    """P4: both branches add labels to one enum: merged (the target's new labels, then the
    source's, in each gap) when their order is no guess; else a conflict on the type (it
    was always both_modified, and ours / theirs dropped one side's labels)."""
    db.exec("CREATE SCHEMA app; CREATE TYPE app.kind AS ENUM ('a', 'b'); CREATE TABLE app.t (id int, k app.kind)")
    db.val("SELECT pggit_v0.create_basic_commit('base')")
    db.exec("SELECT pggit_v0.create_branch('b')")
    for stmt in on_source.split("; "):
        db.exec(stmt)
    db.val("SELECT pggit_v0.create_basic_commit('b')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    for stmt in on_target.split("; "):
        db.exec(stmt)
    db.val("SELECT pggit_v0.create_basic_commit('main')")
    db.exec("INSERT INTO app.t VALUES (1, 'x')")
    conflicts = db.rows("SELECT path, kind FROM pggit_v0.detect_merge_conflicts('b')")
    if conflict:
        assert conflicts == [{"path": "app/type/kind", "kind": "both_modified"}]
        with pytest.raises(psycopg.Error) as info:
            db.exec("SELECT pggit_v0.merge_branch('b')")
        assert info.value.sqlstate == "55000"
    else:
        assert conflicts == []
        db.exec("SELECT pggit_v0.merge_branch('b')")
    assert db.val("SELECT enum_range(NULL::app.kind)::text[]") == expected
    assert db.rows("SELECT id, k::text FROM app.t") == [{"id": 1, "k": "x"}]
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_a_first_default_is_not_cast_past_a_retype_between_built_in_types(db: SqlDb) -> None:
    """The review's W11: ``price text DEFAULT '100'``, later ``TYPE numeric USING
    price::numeric / 100``.  P6's replay added the column as ``numeric DEFAULT
    '100'::numeric``: rows got 100 where the history gave 1.00, and nothing was announced.
    Between built-in types the first definition is replayed as it was, and the retype's
    cast announced as data loss (a jump cannot run the span's USING)."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY); INSERT INTO app.t VALUES (1);")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("ALTER TABLE app.t ADD COLUMN price text DEFAULT '100'")
    db.val("SELECT pggit_v0.create_basic_commit('c2')")
    db.exec("ALTER TABLE app.t ALTER COLUMN price DROP DEFAULT, "
            "ALTER COLUMN price TYPE numeric USING price::numeric / 100")
    c3 = db.val("SELECT pggit_v0.create_basic_commit('c3')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [c1, c3])
    assert "DATA LOSS (app/table/t/column/price)" in script, script
    assert "DEFAULT '100'::numeric" not in script, script


@pytest.mark.parametrize("old_type, new_type", [
    ("text", "double precision"), ("text", "real"), ("json", "jsonb"), ("text", "jsonb"),
    ("timestamp with time zone", "timestamp without time zone"),
])
def test_conversions_that_change_values_are_announced(db: SqlDb, old_type: str, new_type: str) -> None:
    """The review's W7 and tester A's T6: text read as a float keeps 6 or 15 significant
    digits, jsonb drops duplicate keys and key order, a timestamp made zoneless drops its
    offset: checkouts over them ran without force, and old values came back changed."""
    db.exec(f"CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY, c {old_type})")
    first = db.val("SELECT pggit_v0.create_basic_commit('before')")
    db.exec(f"ALTER TABLE app.t ALTER COLUMN c TYPE {new_type} USING c::{new_type}")
    db.val("SELECT pggit_v0.create_basic_commit('after')")
    assert "-- DATA LOSS (app/table/t/column/c)" in db.val("SELECT pggit_v0.generate_migration(%s, 'HEAD')", [first])


@pytest.mark.parametrize("swap", [
    "CREATE TABLE app.k_new (id text PRIMARY KEY, label text NOT NULL, org text NOT NULL)|"
    "DROP TABLE app.k; ALTER TABLE app.k_new RENAME TO k",
    # in one commit, the new one moved in from another schema
    "CREATE SCHEMA stage|"
    "CREATE TABLE stage.k (id text PRIMARY KEY, label text NOT NULL, org text NOT NULL);"
    "DROP TABLE app.k; ALTER TABLE stage.k SET SCHEMA app",
], ids=["built_and_swapped_in", "moved_in_one_commit"])
def test_a_table_the_history_dropped_and_replaced_is_dropped_and_made_anew(db: SqlDb, swap: str) -> None:
    """Tester A's T4: a new table built, the old one dropped and the new one renamed to its
    name: a jump over it altered the old table in
    place into the new one (a NOT NULL column failed on its rows, even with force; without
    one the rows the history dropped stayed).  Now the old one is dropped (announced,
    refused without force) and the new one made, both ways."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.k (id text PRIMARY KEY, label text); INSERT INTO app.k VALUES ('a', 'old')")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    first, second = swap.split("|")
    db.exec(first)
    db.val("SELECT pggit_v0.create_basic_commit('c2')")
    db.exec(second)
    c3 = db.val("SELECT pggit_v0.create_basic_commit('c3')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [c1, c3])
    assert "-- DATA LOSS (app/table/k): DROP TABLE app.k;" in script, script
    assert "ADD COLUMN org" not in script, script
    db.exec("INSERT INTO app.k VALUES ('b', 'new', 'org')")
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true, force => true)")
    assert db.rows("SELECT * FROM app.k") == []
    db.exec("INSERT INTO app.k VALUES ('a', NULL)")
    with pytest.raises(psycopg.Error) as info:
        db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert info.value.sqlstate == "55000", info.value
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    assert db.val("SELECT pggit_v0.get_head_sha()") == c3
    assert db.rows("SELECT * FROM app.k") == []
    assert [r["attname"] for r in db.rows(
        "SELECT attname FROM pg_attribute WHERE attrelid = 'app.k'::regclass AND attnum > 0 ORDER BY attnum")] \
        == ["id", "label", "org"]
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


@pytest.mark.parametrize("first, second, table, seq", [
    ("ALTER SEQUENCE app.users_id_seq RENAME TO users_id_seq2", "ALTER TABLE app.users SET SCHEMA s",
     "s.users", "s.users_id_seq2"),
    ("ALTER TABLE app.users SET SCHEMA s", "ALTER SEQUENCE s.users_id_seq RENAME TO users_id_seq2",
     "s.users", "s.users_id_seq2"),
    ("ALTER TABLE app.users RENAME TO members; ALTER SEQUENCE app.users_id_seq RENAME TO members_id_seq",
     "ALTER TABLE app.members SET SCHEMA s", "s.members", "s.members_id_seq"),
], ids=["renamed_then_moved", "moved_then_renamed", "table_renamed_too"])
def test_a_renamed_serial_sequence_moved_with_its_table_keeps_its_position(
        db: SqlDb, first: str, second: str, table: str, seq: str) -> None:
    """Tester A's P9: a serial's sequence renamed and its table moved to another schema
    (which moves the sequence along, unlogged): a jump over both dropped and made the
    sequence again (announced: it holds its position).  Now renamed where it is, then
    carried by its table, both ways."""
    db.exec("CREATE SCHEMA app; CREATE SCHEMA s; CREATE TABLE app.users (id serial PRIMARY KEY, v text);"
            "INSERT INTO app.users (v) VALUES ('a'), ('b')")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("SELECT pggit_v0.create_branch('old', checkout => false)")
    db.exec(first)
    db.val("SELECT pggit_v0.create_basic_commit('c2')")
    db.exec(second)
    c3 = db.val("SELECT pggit_v0.create_basic_commit('c3')")
    for a, b in ((c1, c3), (c3, c1)):
        script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [a, b])
        assert "DATA LOSS" not in script and "CREATE SEQUENCE" not in script, script
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true)")
    assert db.val("SELECT nextval('app.users_id_seq')") == 3
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert db.val(f"SELECT nextval('{seq}')") == 4
    assert db.val(f"SELECT count(*) FROM {table}") == 2
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0


def test_a_retype_the_history_ran_with_a_using_expression_is_announced(db: SqlDb) -> None:
    """Tester A's X4: ``ALTER COLUMN cents TYPE bigint USING cents * 100`` (or ``lower(code)``,
    ``at AT TIME ZONE 'UTC'``) was migrated as a plain cast, without a word: the rows got
    other values than the history gave them.  Now announced as data loss and refused
    without force; a plain cast the history ran is not."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int PRIMARY KEY, cents int, code varchar(10), at timestamp, n int)")
    c0 = db.val("SELECT pggit_v0.create_basic_commit('c0')")
    db.exec("ALTER TABLE app.t ALTER COLUMN cents TYPE bigint USING cents * 100, "
            "ALTER COLUMN code TYPE text USING lower(code); "
            "ALTER TABLE app.t ALTER COLUMN at TYPE timestamptz USING at AT TIME ZONE 'UTC'; "
            "ALTER TABLE app.t ALTER COLUMN n TYPE bigint USING n::bigint")
    c1 = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [c0, c1])
    for col in ("cents", "code", "at"):
        assert f"-- DATA LOSS (app/table/t/column/{col})" in script, script
    assert "column/n)" not in script, script
    db.exec("SELECT pggit_v0.create_branch('old', from_ref => %s, checkout => false)", [c0])
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true, force => true)")
    db.exec("INSERT INTO app.t VALUES (1, 1250, 'AbC', '2024-01-01 12:00', 1)")
    with pytest.raises(psycopg.Error) as info:
        db.exec("SELECT pggit_v0.checkout_branch('main', apply => true)")
    assert info.value.sqlstate == "55000" and "app.t.cents" in (info.value.diag.message_detail or ""), info.value
