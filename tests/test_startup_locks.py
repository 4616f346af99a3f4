"""Which advisory locks a run takes: the run's lock (``janitor.RunLock``) on a DSN server,
which other runs sweep, and the template cache's key lock where other processes may build
the same template (a DSN server, pytest-xdist workers); none on a server of the run's own
with no workers, where they would only cost connections before the first test.

Real servers: the runs below look at ``pg_locks`` from inside their own test."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from pytest_pggit.backends import Server
from pytest_pggit.backends.local import LocalBackend
from pytest_pggit.janitor import RUN_LOCK_NAMESPACE
from pytest_pggit.template_cache import LOCK_NAMESPACE

FAKE_INSTALL = """
BEGIN;
CREATE SCHEMA IF NOT EXISTS pggit_v0;
COMMIT;
"""

#: Records the advisory locks held on the server, and by whom, while a test runs.
LOCKS_TEST = """
import json, pathlib
def test_locks(pggit_server, pggit_conn):
    rows = pggit_conn.execute(
        "SELECT l.classid::bigint, coalesce(a.application_name, '') FROM pg_locks l "
        "LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted").fetchall()
    pathlib.Path("locks.json").write_text(json.dumps([pggit_server.backend, rows]))
"""


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tempfile.mkdtemp(prefix="pytest-pggit-testcache-",
                              dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None)
    os.chmod(folder, 0o1777)
    monkeypatch.setenv("PGGIT_CACHE_DIR", folder)
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def dsn_server() -> Iterator[Server]:
    backend = LocalBackend()
    server = backend.start()
    yield server
    backend.stop()


def run_and_read_locks(pytester: pytest.Pytester, *args: str) -> list:
    import json

    sql = pytester.path / "fake_sql"
    sql.mkdir(exist_ok=True)
    (sql / "install.sql").write_text(FAKE_INSTALL)
    pytester.makepyfile(test_locks=LOCKS_TEST)
    result = pytester.runpytest_subprocess("--pggit", "--pggit-sql-dir", str(sql),
                                           "-p", "no:cacheprovider", *args)
    result.assert_outcomes(passed=1)
    return json.loads((pytester.path / "locks.json").read_text())


def test_a_private_server_takes_no_advisory_lock(pytester: pytest.Pytester, cache: Path) -> None:
    backend, locks = run_and_read_locks(pytester)
    assert backend == "local"
    assert locks == []
    # the template cache still works without its lock: the next run clones the entry
    pytester.makepyfile(test_locks=LOCKS_TEST)
    again = pytester.runpytest_subprocess("--pggit", "--pggit-sql-dir",
                                          str(pytester.path / "fake_sql"), "-p", "no:cacheprovider")
    again.assert_outcomes(passed=1)
    again.stdout.fnmatch_lines(["*template cache hit*"])


def test_a_dsn_server_still_holds_the_run_lock(pytester: pytest.Pytester,
                                               dsn_server: Server) -> None:
    backend, locks = run_and_read_locks(pytester, "--pggit-backend", "dsn",
                                        "--pggit-dsn", dsn_server.dsn())
    assert backend == "dsn"
    assert [c for c, app in locks if app.startswith("pytest-pggit run ")] == [RUN_LOCK_NAMESPACE]
    assert LOCK_NAMESPACE not in [c for c, _ in locks]   # the cache's: released after the build


@pytest.mark.parametrize("exclusive", [False, True])
def test_obtain_locks_the_key_unless_exclusive(dsn_server: Server, exclusive: bool) -> None:
    import secrets

    import psycopg

    from pytest_pggit.janitor import DatabaseJanitor, drop_database
    from pytest_pggit.template_cache import CacheKey, Entry, TemplateCache

    key = CacheKey({"test": secrets.token_hex(8)})
    cache = TemplateCache(dsn_server, key)
    held: list = []
    name = f"lockcheck_{int(exclusive)}"

    def build():
        with psycopg.connect(dsn_server.dsn(), autocommit=True) as conn:
            held.extend(conn.execute(
                "SELECT classid::bigint, objid::bigint FROM pg_locks WHERE locktype = 'advisory' "
                "AND granted").fetchall())
        janitor = DatabaseJanitor(dsn_server, name)
        janitor.create()
        return janitor, Entry(key="", inputs={}, steps=[])

    janitor, outcome = cache.obtain(name, build, name + "_new", exclusive=exclusive)
    try:
        assert not outcome.hit
        assert ((LOCK_NAMESPACE, key.lock_id) in held) is (not exclusive), held
        # stored either way: the next obtain clones it
        again, second = cache.obtain(name + "_2", build, name + "_new")
        assert second.hit
        again.drop()
    finally:
        janitor.drop()
        with psycopg.connect(dsn_server.dsn(), autocommit=True) as conn:
            drop_database(conn, key.database, dsn_server.server_version_num)
