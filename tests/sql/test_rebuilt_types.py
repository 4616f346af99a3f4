"""What goes and comes back around a rebuilt type (an enum losing a label, a domain whose
base type changes, a composite losing an attribute: renamed away, made anew, its columns
converted, the old one dropped): each change is committed, migrated from the empty
baseline onto a fresh database, forward onto it and back on the original with real psql,
and judged by pg_dump (as test_user_patterns.test_a_change_migrates_both_ways does); rows
inserted before going back are checked after."""
from __future__ import annotations

from typing import Any, Dict, List, Tuple

import pytest

from conftest import SqlDb
from both_ways import migrates_both_ways
from test_real_schemas import pg_dump_binary

#: case: (schema before, the change, rows inserted before going back, a query on them,
#: what it returns once back)
CHANGES: Dict[str, Tuple[str, str, str, str, List[Dict[str, Any]]]] = {
    # a stored generated column of an enum rebuilt going back over ADD VALUE: PostgreSQL
    # refuses DROP DEFAULT and TYPE ... USING on it, so it is dropped and added back
    # (recomputed), with the index on it (L5)
    "enum_generated_column": ("""
CREATE TYPE app.mood AS ENUM ('ok', 'sad');
CREATE TABLE app.w (id int, m app.mood GENERATED ALWAYS AS (CASE WHEN id > 0 THEN 'ok'::app.mood END) STORED);
CREATE INDEX w_m ON app.w (m);
""", "ALTER TYPE app.mood ADD VALUE 'angry';",
        "INSERT INTO app.w (id) VALUES (1), (-1);",
        "SELECT id, m::text FROM app.w ORDER BY id",
        [{"id": -1, "m": None}, {"id": 1, "m": "ok"}]),
    # the same for a domain whose base type changes (L5b)
    "domain_generated_column": ("""
CREATE DOMAIN app.code AS varchar(10) CHECK (VALUE <> '');
CREATE TABLE app.g (id int, c app.code GENERATED ALWAYS AS (('c' || id)::app.code) STORED);
""", """
DROP TABLE app.g; DROP DOMAIN app.code;
CREATE DOMAIN app.code AS text CHECK (VALUE <> '');
CREATE TABLE app.g (id int, c app.code GENERATED ALWAYS AS (('c' || id)::app.code) STORED);
""", "INSERT INTO app.g (id) VALUES (7);", "SELECT id, c FROM app.g", [{"id": 7, "c": "c7"}]),
    # a label and a routine taking the enum added together: going back, the routine is
    # dropped before the enum is renamed away (its DROP named the new type, skipped, and
    # the old type's DROP refused: L6)
    "enum_routine_removed": ("""
CREATE TYPE app.mood AS ENUM ('ok', 'sad');
CREATE TABLE app.t (id int, m app.mood);
""", """
ALTER TYPE app.mood ADD VALUE 'angry';
CREATE FUNCTION app.is_ok(x app.mood) RETURNS boolean LANGUAGE sql AS $$ SELECT x = 'ok' $$;
""", "INSERT INTO app.t VALUES (1, 'sad');", "SELECT id, m::text FROM app.t", [{"id": 1, "m": "sad"}]),
    # forward: a routine taking a composite dropped with one of its attributes (L6b)
    "composite_routine_removed": ("""
CREATE TYPE app.comp AS (a int, b text);
CREATE FUNCTION app.mk(x app.comp) RETURNS int LANGUAGE sql AS $$ SELECT (x).a $$;
""", """
DROP FUNCTION app.mk(app.comp);
ALTER TYPE app.comp DROP ATTRIBUTE b;
""", "", "SELECT 1 AS one", [{"one": 1}]),
    # a cast from an enum rebuilt: dropped before, created again after (L7)
    "enum_cast_kept": ("""
CREATE TYPE app.mood AS ENUM ('ok', 'sad');
CREATE CAST (app.mood AS int) WITH INOUT;
CREATE TABLE app.t (id int, m app.mood);
""", "ALTER TYPE app.mood ADD VALUE 'happy';",
        "INSERT INTO app.t VALUES (1, 'ok');", "SELECT id, m::text FROM app.t", [{"id": 1, "m": "ok"}]),
    # ... and one added with the label: removed before the enum is renamed away (L7)
    "enum_cast_removed": ("""
CREATE TYPE app.mood AS ENUM ('ok', 'sad');
""", """
ALTER TYPE app.mood ADD VALUE 'happy';
CREATE CAST (app.mood AS int) WITH INOUT;
""", "", "SELECT 1 AS one", [{"one": 1}]),
}


@pytest.mark.parametrize("case", sorted(CHANGES))
def test_a_change_around_a_rebuilt_type_migrates_both_ways(case: str, db: SqlDb, make_empty_db: Any,
                                                           pggit_server: Any, pytestconfig: pytest.Config) -> None:
    """The schema before is migrated from empty onto a fresh database, the change forward
    onto it and back on the original: pg_dump equal at each end, the rows kept."""
    before, change, rows, query, expected = CHANGES[case]
    migrates_both_ways(db, make_empty_db, pg_dump_binary(pytestconfig, pggit_server), before, change, rows)
    assert db.rows(query) == expected


def test_a_checkout_back_over_a_label_rebuilds_under_a_generated_column_and_a_routine(db: SqlDb) -> None:
    """checkout_branch back over ADD VALUE with a generated column of the enum and a
    routine taking it added (L5, L6): applied, the rows kept, nothing left to commit."""
    db.exec("""
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'sad');
CREATE TABLE app.w (id int, m app.mood GENERATED ALWAYS AS (CASE WHEN id > 0 THEN 'ok'::app.mood END) STORED);
""")
    a = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("""
ALTER TYPE app.mood ADD VALUE 'angry';
CREATE FUNCTION app.is_ok(x app.mood) RETURNS boolean LANGUAGE sql AS $$ SELECT x = 'ok' $$;
INSERT INTO app.w (id) VALUES (2);
""")
    db.val("SELECT pggit_v0.create_basic_commit('c2')")
    db.exec("SELECT pggit_v0.create_branch('old', from_ref => %s, checkout => false)", [a])
    db.exec("SELECT pggit_v0.checkout_branch('old', apply => true)")
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0
    assert db.val("SELECT count(*) FROM pg_proc WHERE proname = 'is_ok'") == 0
    assert db.rows("SELECT id, m::text FROM app.w") == [{"id": 2, "m": "ok"}]


def test_an_sql_standard_routine_on_a_rebuilt_type_is_dropped_and_made_once(db: SqlDb) -> None:
    """A routine with an SQL-standard body taking a rebuilt enum was both a routine using
    the type and a dependant of it: its DROP and its CREATE were emitted twice (L6)."""
    db.exec("""
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('ok', 'sad');
CREATE TABLE app.t (id int, m app.mood);
CREATE FUNCTION app.is_ok(x app.mood) RETURNS boolean LANGUAGE sql RETURN x = 'ok';
""")
    a = db.val("SELECT pggit_v0.create_basic_commit('c1')")
    db.exec("ALTER TYPE app.mood ADD VALUE 'angry'")
    b = db.val("SELECT pggit_v0.create_basic_commit('c2')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [b, a])
    assert script.count("DROP FUNCTION IF EXISTS app.is_ok(") == 1
    assert script.count("CREATE OR REPLACE FUNCTION app.is_ok(") == 1
    assert script.index("DROP FUNCTION IF EXISTS app.is_ok(") < script.index("RENAME TO mood__pggit_old")
    db.psql("-q", sql=script)
    assert db.val("SELECT app.is_ok('ok')") is True
