"""golang-migrate's folders whose files use its version table ``schema_migrations``
(Harbor's ``ALTER TABLE schema_migrations ADD COLUMN data_version int``, tester B10's
BB4) build: the table is made as golang-migrate makes it, holding the version."""
from __future__ import annotations

import pytest

from gate_project import run_gate
from pytest_pggit.backends import Server


def _folder(pytester: pytest.Pytester) -> None:
    schema = pytester.path / "schema"
    schema.mkdir()
    files = {
        "0001_users.up.sql": "CREATE TABLE users (id int PRIMARY KEY);\n",
        "0001_users.down.sql": "DROP TABLE users;\n",
        "0002_data.up.sql": "/* record the data version */\nALTER TABLE schema_migrations ADD COLUMN data_version int;\n"
                            "DO $$ BEGIN IF (SELECT version FROM schema_migrations) <> 2 THEN "
                            "RAISE EXCEPTION 'version %', (SELECT version FROM schema_migrations); END IF; END $$;\n",
        "0002_data.down.sql": "ALTER TABLE schema_migrations DROP COLUMN data_version;\n",
        "0003_more.up.sql": "ALTER TABLE users ADD COLUMN name text;\n",
        "0003_more.down.sql": "ALTER TABLE users DROP COLUMN name;\n",
    }
    for name, text in files.items():
        (schema / name).write_text(text)


def test_a_folder_using_the_version_table_builds(pytester: pytest.Pytester, pggit_server: Server) -> None:
    _folder(pytester)
    pytester.makepyfile(test_v="""
        def test_version(pggit_conn):
            assert pggit_conn.execute("SELECT version, dirty FROM schema_migrations").fetchall() == [(3, False)]
    """)
    result = run_gate(pytester, pggit_server, "--pggit-base", "root")
    out = result.stdout.str()
    assert result.ret == 0, out
    assert "pggit gate: PASSED" in out, out
    assert "updown: ok" in out or "updown" not in out or "FAILED" not in out.split("updown", 1)[1][:200], out


def test_a_folder_not_naming_it_gets_no_table(pytester: pytest.Pytester, pggit_server: Server) -> None:
    schema = pytester.path / "schema"
    schema.mkdir()
    (schema / "0001_users.up.sql").write_text("CREATE TABLE users (id int PRIMARY KEY);\n")
    (schema / "0001_users.down.sql").write_text("DROP TABLE users;\n")
    pytester.makepyfile(test_v="""
        def test_none(pggit_conn):
            assert pggit_conn.execute("SELECT to_regclass('schema_migrations')").fetchone() == (None,)
    """)
    result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(),
                                "-p", "no:randomly", "--pggit-schema", "schema")
    assert result.ret == 0, result.stdout.str()
