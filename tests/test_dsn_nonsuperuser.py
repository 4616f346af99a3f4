"""The DSN backend as a role that is not a superuser (a shared server's CI role).

PostgreSQL 15+ lets only superusers ``ALTER DATABASE ... SET`` a custom parameter, even
the database's owner, so labelling a step's new sessions with ``pggit.source`` stopped
such a run at its first step (security round 3, Z7): the label now goes through
``PGOPTIONS`` there.
"""
from __future__ import annotations

import uuid

import psycopg
import pytest

from pytest_pggit.backends import Server

CONFTEST = """
import os
from pytest_pggit.steps import Step

def pytest_pggit_migration_steps(config, root):
    def upgrade(database):
        with database.connect(autocommit=True) as conn:   # a session of the step's own
            label = conn.execute("SELECT current_setting('pggit.source', true)").fetchone()[0]
            conn.execute("CREATE TABLE t_step (label text)")
            conn.execute("INSERT INTO t_step VALUES (%s)", (label,))
    return [Step("app", "0001 step", "a step", upgrade)]
"""

TESTS = """
import os

def test_schema(pggit_conn):
    rows = pggit_conn.execute("SELECT label FROM t_step").fetchall()
    assert rows == [("app/0001 step",)], rows
    assert pggit_conn.execute("SELECT to_regclass('t_file') IS NOT NULL").fetchone()[0]
    assert os.environ.get("PGOPTIONS") == "-c work_mem=5MB"   # the user's own, put back
"""


def test_a_createdb_role_runs_the_steps_and_labels_their_sessions(
        pytester: pytest.Pytester, pggit_server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    role = f"z7_ci_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pggit_server.dsn(), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {role} LOGIN CREATEDB")
    try:
        (pytester.path / "schema.sql").write_text("CREATE TABLE t_file (id int);\n")
        pytester.makeconftest(CONFTEST)
        pytester.makepyfile(test_app=TESTS)
        monkeypatch.setenv("PGOPTIONS", "-c work_mem=5MB")
        dsn = pggit_server.dsn().replace(f"user={pggit_server.user}", f"user={role}")
        result = pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", dsn,
                                    "--pggit-schema", "schema.sql", "--pggit-no-cache", "-p", "no:randomly")
        out = result.stdout.str()
        assert "permission denied to set parameter" not in out, out
        result.assert_outcomes(passed=1)
    finally:
        with psycopg.connect(pggit_server.dsn(), autocommit=True) as conn:
            for (name,) in conn.execute("SELECT datname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba "
                                        "WHERE r.rolname = %s", (role,)).fetchall():
                conn.execute(f'ALTER DATABASE "{name}" IS_TEMPLATE false')
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            conn.execute(f"DROP ROLE {role}")
