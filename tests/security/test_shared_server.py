"""The template cache on a shared server keeps other roles out (security round 3, Z4).

Databases get ``CONNECT`` and ``TEMPORARY`` for ``PUBLIC`` by default, so any login role
of a shared server could hold a session on another team's cached template (that team's
clones then failed with 55006 for as long as it stayed) or run ``ALTER DEFAULT
PRIVILEGES`` in it, which every later clone held.
"""
from __future__ import annotations

import uuid

import psycopg
import pytest

from pytest_pggit.backends import Server

TESTS = "def test_one(pggit_db):\n    pass\n"


def run(pytester: pytest.Pytester, server: Server) -> pytest.RunResult:
    return pytester.runpytest("--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(),
                              "--pggit-schema", "schema.sql", "-p", "no:randomly", "-p", "no:cacheprovider")


def holds(dsn: str, table: str) -> bool:
    with psycopg.connect(dsn) as conn:
        return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()[0]


def test_another_role_cannot_connect_to_a_cached_template(pytester: pytest.Pytester,
                                                          pggit_server: Server) -> None:
    marker = f"z4_{uuid.uuid4().hex[:10]}"
    (pytester.path / "schema.sql").write_text(f"CREATE TABLE {marker} (id int);\n")
    pytester.makepyfile(test_app=TESTS)
    run(pytester, pggit_server).assert_outcomes(passed=1)
    intruder = f"z4_intruder_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pggit_server.dsn(), autocommit=True) as conn:
        entries = [r[0] for r in conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'pggit\\_cache\\_%' "
            "AND datdba = (SELECT oid FROM pg_roles WHERE rolname = current_user)")]
        entry = next(e for e in entries if holds(pggit_server.dsn(e), marker))
        conn.execute(f"CREATE ROLE {intruder} LOGIN")
        try:
            with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
                psycopg.connect(pggit_server.dsn(entry).replace(f"user={pggit_server.user}",
                                                                 f"user={intruder}")).close()
            # a cache hit still clones it, and the tests' own database keeps the default
            # (tests connect to pggit_db as roles of their own)
            pytester.makepyfile(test_app=f"""
import psycopg

def test_other_roles_may_connect_to_pggit_db(pggit_db):
    dsn = pggit_db.dsn.replace("user={pggit_server.user}", "user={intruder}")
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT to_regclass('{marker}') IS NOT NULL").fetchone()[0]
""")
            second = run(pytester, pggit_server)
            second.assert_outcomes(passed=1)
            second.stdout.fnmatch_lines(["*template cache hit*"])
        finally:
            conn.execute(f"DROP ROLE {intruder}")
