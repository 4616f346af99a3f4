"""A connection a migration step leaves open on the template being built does not stop
the template cache from storing it (tester B9's Y7: ``cannot clone ..._main_tpl into
..._cachenew: 1 other session(s) are still connected``, a tool's unnamed session)."""
from __future__ import annotations

import re

import pytest

from pytest_pggit.backends import Server

CONFTEST = """
import psycopg
from pytest_pggit.steps import Step

LEFT_OPEN = []   # (as a migration tool's engine keeps its connection)

def upgrade(database):
    conn = psycopg.connect(database.dsn, autocommit=True)
    conn.execute("CREATE TABLE a (id int)")
    LEFT_OPEN.append(conn)

def pytest_pggit_migration_steps(config, root):
    return [Step("app", "0001_a", "0001_a", upgrade)]
"""


def test_a_session_a_step_left_open_does_not_stop_the_cache(pytester: pytest.Pytester,
                                                              pggit_server: Server) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_it="def test_a(pggit):\n    assert pggit.execute('SELECT count(*) FROM a') == [(0,)]\n")
    args = ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", pggit_server.dsn(), "-p", "no:randomly",
            "-p", "no:cacheprovider"]
    result = pytester.runpytest_subprocess(*args)
    out = result.stdout.str() + result.stderr.str()
    assert result.ret == 0, out
    assert "still connected" not in out, out
    result = pytester.runpytest_subprocess(*args)   # and the entry stored is cloned
    out = result.stdout.str()
    assert result.ret == 0, out
    # (or, when the other xdist worker's runs pushed it out of the server's newest 3 in
    # between, named as stored and evicted: either way the first run stored it)
    assert re.search(r"template cache.*(hit|miss: the cached template of this project \(\S+\) was evicted)",
                     out), out
