"""A developer's object names never become code in a migration (V12-V15, V17).

The engine reads recorded definitions back to build statements: a table's shell and
its columns (_compose_table), a column's type, default and collation (_col_parts), a
domain's default and checks (_domain_parts), a comment to remove (59_emit), a routine's
signature for the stub that breaks a dependency cycle (_routine_signature).  Each took
the first keyword it met, also inside a quoted name, so a name holding `` ()``,
`` DEFAULT `` or `` IS '`` moved text out of its quotes: SQL the owner's checkout ran
(COPY ... TO PROGRAM), or a psql meta-command the owner's ``psql -f`` of the script ran.
Each case here is branched, checked out with apply (the server path) and its script
run with the real psql (the client path); the canaries (a table, a file) must not
appear, and the migration must do what it should.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sql_conftest import SqlDb, psql_binary

#: (the main branch's schema, the branch's change, a query the branch's schema answers)
CASES = {
    # V12: a table named "t ()": the column list went inside the quoted name
    "table_named_with_parens": (
        "CREATE SCHEMA app",
        'CREATE TABLE app."t ()" ("(y int);CREATE TABLE app.canary ();SELECT " integer,'
        ' "b); \\! touch canary_file #" int)',
        'SELECT count(*) FROM app."t ()"'),
    # V15: a type whose name holds " DEFAULT ": a column's default was cut inside it
    "type_named_with_default": (
        'CREATE SCHEMA app; CREATE TYPE app."e DEFAULT NULL;CREATE TABLE app.canary ();--" AS ENUM (\'a\');'
        'CREATE TABLE app.t (c app."e DEFAULT NULL;CREATE TABLE app.canary ();--")',
        "ALTER TABLE app.t ALTER COLUMN c SET DEFAULT 'a'",
        "SELECT count(*) FROM app.t"),
    # V14: a domain whose name holds " DEFAULT " (and one with " CONSTRAINT c CHECK (")
    "domain_named_with_default": (
        'CREATE SCHEMA app; CREATE DOMAIN app."x DEFAULT 1;CREATE TABLE app.canary ();--" AS integer;'
        'CREATE DOMAIN app."y CONSTRAINT c CHECK (" AS integer',
        'ALTER DOMAIN app."x DEFAULT 1;CREATE TABLE app.canary ();--" SET DEFAULT 5;'
        'ALTER DOMAIN app."y CONSTRAINT c CHECK (" ADD CONSTRAINT pos CHECK (VALUE > 0)',
        "SELECT 1"),
    # V13: a comment removed from a table whose name holds " IS '"
    "comment_on_a_name_with_is": (
        'CREATE SCHEMA app; CREATE TABLE app."a IS \'z" (); CREATE TABLE app."b\\! touch canary_file #" ();'
        'COMMENT ON TABLE app."a IS \'z" IS \'c\'; COMMENT ON TABLE app."b\\! touch canary_file #" IS \'d\'',
        'COMMENT ON TABLE app."a IS \'z" IS NULL; COMMENT ON TABLE app."b\\! touch canary_file #" IS NULL',
        "SELECT 1"),
    # V17: a routine (SQL-standard body, on a cycle with a view) whose name holds a line
    # starting RETURN: the cycle's stub was cut inside the name, leaving a quote open
    "routine_named_with_return": (
        "CREATE SCHEMA app",
        'CREATE FUNCTION app."g\nRETURN x\\! touch canary_file #"() RETURNS int LANGUAGE sql RETURN 1;'
        'CREATE VIEW app.v AS SELECT app."g\nRETURN x\\! touch canary_file #"() AS a;'
        'CREATE OR REPLACE FUNCTION app."g\nRETURN x\\! touch canary_file #"() RETURNS int LANGUAGE sql'
        ' BEGIN ATOMIC SELECT a FROM app.v; END',
        "SELECT count(*) FROM pg_views WHERE viewname = 'v'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_name_never_leaves_its_quotes_in_a_migration(case: str, db: SqlDb, make_empty_db: Any,
                                                       tmp_path: Path) -> None:
    main_schema, change, query = CASES[case]
    db.exec(main_schema)
    main = db.val("SELECT pggit_v0.create_basic_commit('main')")
    db.exec("SELECT pggit_v0.create_branch('f')")
    db.exec(change)
    branch = db.val("SELECT pggit_v0.create_basic_commit('f')")
    db.exec("SELECT pggit_v0.checkout_branch('main', apply => true, force => true)")
    # the server path: the owner applies the branch
    db.exec("SELECT pggit_v0.checkout_branch('f', apply => true)")
    assert db.val("SELECT to_regclass('app.canary') IS NULL")
    db.val(query)
    assert db.val("SELECT count(*) FROM pggit_v0.status()") == 0
    # the client path: the script, run by psql on a copy of main's schema
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [main, branch])
    target = make_empty_db()
    (tmp_path / "m.sql").write_text(script)
    for sql in (main_schema, None):
        args = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", target.dsn]
        proc = subprocess.run([psql_binary(), *args] + (["-c", sql] if sql else ["-f", "m.sql"]),
                              cwd=tmp_path, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "canary_file").exists()
    assert target.val("SELECT to_regclass('app.canary') IS NULL")


def test_a_script_means_the_same_with_standard_conforming_strings_off(db: SqlDb, make_empty_db: Any,
                                                                      tmp_path: Path) -> None:
    """V3: psql lexes a script by the session's standard_conforming_strings; with it off
    (a role's or database's setting, PGOPTIONS), a recorded '\\' did not end its literal
    and the next literal's text ran as a psql meta-command.  The script pins the setting
    before any literal."""
    db.exec("CREATE SCHEMA app")
    main = db.val("SELECT pggit_v0.create_basic_commit('main')")
    db.exec("CREATE TABLE app.t (a text DEFAULT '\\', b text CHECK (b <> ' \\! touch canary_file #'))")
    branch = db.val("SELECT pggit_v0.create_basic_commit('t')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [main, branch])
    target = make_empty_db()
    target.exec("CREATE SCHEMA app")
    (tmp_path / "m.sql").write_text(script)
    env = dict(os.environ, PGOPTIONS="-c standard_conforming_strings=off")
    proc = subprocess.run([psql_binary(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", target.dsn, "-f", "m.sql"],
                          cwd=tmp_path, capture_output=True, text=True, env=env)
    assert not (tmp_path / "canary_file").exists()
    assert proc.returncode == 0, proc.stderr
    assert target.val("SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef WHERE adrelid = 'app.t'::regclass") \
        == "'\\'::text"


def test_a_first_default_with_a_comment_is_no_plain_constant(db: SqlDb, make_empty_db: Any, tmp_path: Path) -> None:
    """V9: ADD COLUMN c int DEFAULT 5 -- 1 /* (then DROP DEFAULT): the captured default kept
    its comment, which hid the NOT NULL and the ';' the script wrote after it.  A default
    with a comment is not a plain constant: the column is added as the target has it."""
    db.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int)")
    main = db.val("SELECT pggit_v0.create_basic_commit('main')")
    db.exec("ALTER TABLE app.t ADD COLUMN c int DEFAULT 5 -- 1 /*\n NOT NULL;"
            "ALTER TABLE app.t ALTER COLUMN c DROP DEFAULT")
    branch = db.val("SELECT pggit_v0.create_basic_commit('c')")
    script = db.val("SELECT pggit_v0.generate_migration(%s, %s)", [main, branch])
    assert "--" not in "".join(line for line in script.splitlines() if "ADD COLUMN" in line)
    target = make_empty_db()
    target.exec("CREATE SCHEMA app; CREATE TABLE app.t (id int)")
    (tmp_path / "m.sql").write_text(script)
    proc = subprocess.run([psql_binary(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", target.dsn, "-f", "m.sql"],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert target.val("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'app.t'::regclass AND attname = 'c'")
