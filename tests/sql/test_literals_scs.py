"""The layer reads its own literals the same way whatever the session's
standard_conforming_strings (the review's R10-9): with it off, PL/pgSQL bodies parsed
'\\m(rename|set\\s+schema)\\M' as 'm(rename|sets+schema)M', capture recorded no rename,
and a renamed table migrated as DROP TABLE + CREATE TABLE (data loss)."""
from __future__ import annotations

import psycopg

from conftest import SqlDb


def test_renames_are_recorded_with_standard_conforming_strings_off(db: SqlDb) -> None:
    with psycopg.connect(db.dsn, autocommit=True, options="-c standard_conforming_strings=off") as c:
        assert c.execute("SHOW standard_conforming_strings").fetchone()[0] == "off"
        c.execute("CREATE TABLE public.users (id int PRIMARY KEY, note text)")
        c.execute("SELECT pggit_v0.create_basic_commit('base')")
        c.execute("SELECT pggit_v0.create_branch('feature')")
        c.execute("ALTER TABLE public.users RENAME COLUMN note TO remark")
        c.execute("ALTER TABLE public.users RENAME TO people")
        renamed = c.execute("SELECT renamed_from FROM pggit_v0.ddl_log WHERE command_tag = 'ALTER TABLE' "
                            "ORDER BY id").fetchall()
        c.execute("SELECT pggit_v0.create_basic_commit('renames')")
        script = c.execute("SELECT pggit_v0.generate_migration('main', 'feature')").fetchone()[0]
    assert all(r[0] for r in renamed), renamed
    assert "RENAME COLUMN note TO remark" in script, script
    assert "RENAME TO people" in script, script
    assert "DROP TABLE" not in script, script


def test_every_layer_function_with_a_backslash_and_a_set_clause_pins_the_setting(db: SqlDb) -> None:
    unpinned = db.rows(
        "SELECT p.oid::regprocedure::text AS fn FROM pg_proc p "
        "WHERE p.pronamespace = 'pggit_v0'::regnamespace AND p.proconfig IS NOT NULL "
        "AND strpos(p.prosrc, chr(92)) > 0 "
        "AND NOT ('standard_conforming_strings=on' = ANY (p.proconfig))")
    assert unpinned == []
