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
from psycopg.conninfo import make_conninfo

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


def test_another_role_cannot_reach_a_template_while_it_is_built(pytester: pytest.Pytester,
                                                                pggit_server: Server) -> None:
    """Z10: the template was built in a database every role could connect to; what an
    intruder ran there while the steps ran (``ALTER DEFAULT PRIVILEGES``) was stored in
    the cache entry and recorded in its baseline commit as the project's own."""
    import threading
    import time

    marker = f"z10_{uuid.uuid4().hex[:10]}"
    (pytester.path / "schema.sql").write_text(f"CREATE TABLE {marker} (id int);\nSELECT pg_sleep(3);\n")
    pytester.makepyfile(test_app=f"""
def test_no_intruder(pggit_conn):
    rows = pggit_conn.execute("SELECT r.rolname FROM pg_default_acl d JOIN pg_roles r ON r.oid = d.defaclrole").fetchall()
    assert rows == [], rows
    assert pggit_conn.execute("SELECT to_regclass('{marker}') IS NOT NULL").fetchone()[0]
""")
    intruder = f"z10_intruder_{uuid.uuid4().hex[:8]}"
    got_in: list = []
    refused: list = []
    done = threading.Event()

    with psycopg.connect(pggit_server.dsn(), autocommit=True) as conn:   # (other runs' are not this one's)
        before = {name for (name,) in conn.execute("SELECT datname FROM pg_database")}

    def intrude() -> None:
        dsn = pggit_server.dsn().replace(f"user={pggit_server.user}", f"user={intruder}")
        seen: set = set(before)
        with psycopg.connect(pggit_server.dsn(), autocommit=True) as watch:
            while not done.is_set():
                for (name,) in watch.execute("SELECT datname FROM pg_database WHERE datname LIKE 'pggit\\_%\\_main\\_tpl'"):
                    if name in seen:
                        continue
                    try:
                        with psycopg.connect(make_conninfo(dsn, dbname=name), autocommit=True) as conn:
                            conn.execute("ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC")
                            got_in.append(name)
                    except psycopg.OperationalError as exc:
                        refused.append(str(exc))
                    seen.add(name)
                time.sleep(0.05)

    with psycopg.connect(pggit_server.dsn(), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {intruder} LOGIN")
    watcher = threading.Thread(target=intrude)
    watcher.start()
    try:
        result = run(pytester, pggit_server)
    finally:
        done.set()
        watcher.join()
    try:
        assert got_in == [], got_in
        assert refused and all("permission denied for database" in r or "not currently accepting" in r
                               for r in refused), refused
        result.assert_outcomes(passed=1)
    finally:
        with psycopg.connect(pggit_server.dsn(), autocommit=True) as conn:
            for (name,) in conn.execute("SELECT datname FROM pg_database").fetchall():
                try:
                    with psycopg.connect(pggit_server.dsn(name), autocommit=True) as db:
                        db.execute(f"DROP OWNED BY {intruder}")
                except psycopg.OperationalError:
                    pass
            conn.execute(f"DROP ROLE {intruder}")
