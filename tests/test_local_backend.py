"""Behaviour of the Python foundation: local/dsn backends, lifecycle, fixtures, config.

Fixture tests run in pytester sub-runs against a tiny fake SQL layer (so they do
not depend on the real one, tested in tests/test_sql_*.py), pointed at a server
through ``--pggit-backend dsn``.
"""
from __future__ import annotations

import fnmatch
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional

import psycopg
import pytest

from pytest_pggit import sqlfiles
from pytest_pggit.backends import Server
from pytest_pggit.backends.local import LocalBackend, find_binaries
from pytest_pggit.exceptions import BackendUnavailable, BinariesNotFound, SchemaApplyError
from pytest_pggit.janitor import DatabaseJanitor

IS_ROOT = os.geteuid() == 0

FAKE_INSTALL = r"""
-- fake SQL layer for the foundation's tests
\set ON_ERROR_STOP on
BEGIN;
\ir parts/schema.sql
COMMIT;
"""
FAKE_SCHEMA = r"""
CREATE SCHEMA IF NOT EXISTS pggit_v0;
\ir functions.sql
"""
FAKE_FUNCTIONS = r"""
CREATE TABLE IF NOT EXISTS pggit_v0.commits (id serial PRIMARY KEY, message text NOT NULL);
CREATE OR REPLACE FUNCTION pggit_v0.create_basic_commit(msg text) RETURNS int
LANGUAGE sql AS $$ INSERT INTO pggit_v0.commits (message) VALUES (msg) RETURNING id $$;
"""


def make_fake_sql(root: Path, with_commit: bool = True) -> Path:
    sql = root / "fake_sql"
    (sql / "parts").mkdir(parents=True, exist_ok=True)
    (sql / "install.sql").write_text(FAKE_INSTALL)
    (sql / "parts" / "schema.sql").write_text(FAKE_SCHEMA)
    functions = FAKE_FUNCTIONS if with_commit else FAKE_FUNCTIONS.split("CREATE OR REPLACE")[0]
    (sql / "parts" / "functions.sql").write_text(functions)
    return sql


def postmaster_running(data_dir: str) -> List[int]:
    """Pids of processes whose command line names ``data_dir``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if data_dir.encode() in argv:
            found.append(int(entry.name))
    return found


def wait_until(predicate, timeout: float = 20.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


@pytest.fixture
def own_server():
    """A private local server for tests that look at every database on it."""
    backend = LocalBackend()
    server = backend.start()
    yield server
    backend.stop()
    assert not Path(server.base_dir).exists()


def dsn_args(server: Server, sql_dir: Path) -> List[str]:
    return ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(),
            "--pggit-sql-dir", str(sql_dir)]


# ----------------------------------------------------------------- binaries
def test_bad_pg_bin_names_the_directory_and_a_hint(pytester: pytest.Pytester) -> None:
    with pytest.raises(BinariesNotFound) as info:
        find_binaries("/nonexistent/pg/bin")
    assert "/nonexistent/pg/bin" in str(info.value)
    assert info.value.hint and "pg_config --bindir" in info.value.hint

    pytester.makepyfile("def test_x(pggit_server):\n    pass\n")
    result = pytester.runpytest("--pggit", "--pggit-pg-bin", "/nonexistent/pg/bin")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*PostgreSQL binaries not found*/nonexistent/pg/bin*"])
    result.stdout.fnmatch_lines(["*hint:*pg_config --bindir*"])


def test_docker_backend_without_an_engine_says_so(pytester: pytest.Pytester, monkeypatch) -> None:
    # the docker backend itself is tested in tests/test_plugin_docker.py
    monkeypatch.setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
    pytester.makepyfile("def test_x(pggit_server):\n    pass\n")
    result = pytester.runpytest("--pggit", "--pggit-backend", "docker")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*docker backend found no Docker engine*"])
    with pytest.raises(BackendUnavailable):
        from pytest_pggit.backends import select
        from pytest_pggit.config import PggitConfig

        select(PggitConfig(backend="docker")).start()


# ----------------------------------------------------------------- the server
def test_server_answers_as_postgres_os_user(pggit_server: Server) -> None:
    with psycopg.connect(pggit_server.dsn(), autocommit=True) as conn:
        assert conn.execute("SELECT current_user, 1 + 1").fetchone() == ("postgres", 2)
        assert conn.execute("SHOW server_version_num").fetchone()[0] == str(
            pggit_server.server_version_num
        )
    assert pggit_server.backend == "local"
    assert pggit_server.host == "127.0.0.1"
    if IS_ROOT:
        uid = pwd.getpwnam("postgres").pw_uid
        status = Path(f"/proc/{pggit_server.pid}/status").read_text()
        uid_line = next(line for line in status.splitlines() if line.startswith("Uid:"))
        assert uid_line.split()[1:] == [str(uid)] * 4
        assert os.stat(pggit_server.base_dir).st_uid == uid
        assert any("running as root" in n and "'postgres'" in n for n in pggit_server.notes)


def test_non_durable_settings_are_in_effect(pggit_server: Server) -> None:
    with psycopg.connect(pggit_server.dsn(), autocommit=True) as conn:
        for name in ("fsync", "synchronous_commit", "full_page_writes"):
            assert conn.execute(f"SHOW {name}").fetchone()[0] == "off", name
        assert conn.execute("SHOW listen_addresses").fetchone()[0] == "127.0.0.1"
    if pggit_server.base_dir and pggit_server.base_dir.startswith("/dev/shm/"):
        assert Path(pggit_server.base_dir, "data", "PG_VERSION").is_file()


def test_initdb_cache_makes_the_second_start_skip_initdb() -> None:
    cache = tempfile.mkdtemp(prefix="pytest-pggit-testcache-", dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None)
    os.chmod(cache, 0o1777)
    try:
        first = LocalBackend(cache_dir=cache)
        try:
            notes = first.start().notes
            assert any("initdb cache miss: ran initdb" in n for n in notes), notes
            assert "initdb" in first.timings
        finally:
            first.stop()
        second = LocalBackend(cache_dir=cache)
        try:
            server = second.start()
            assert any("initdb cache hit" in n and "initdb skipped" in n for n in server.notes)
            assert "initdb" not in second.timings
            with psycopg.connect(server.dsn(), autocommit=True) as conn:
                assert conn.execute("SELECT 1").fetchone() == (1,)
        finally:
            second.stop()
        assert not Path(server.base_dir).exists()
    finally:
        shutil.rmtree(cache, ignore_errors=True)



@pytest.fixture
def fresh_cache(monkeypatch: pytest.MonkeyPatch):
    """An empty initdb cache folder, named by PGGIT_CACHE_DIR (where EarlyInitdb looks)."""
    cache = tempfile.mkdtemp(prefix="pytest-pggit-testcache-", dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None)
    os.chmod(cache, 0o1777)
    monkeypatch.setenv("PGGIT_CACHE_DIR", cache)
    yield Path(cache)
    shutil.rmtree(cache, ignore_errors=True)


def count_initdb_runs(monkeypatch: pytest.MonkeyPatch) -> List[Path]:
    """The data directories initdb is run for from now on."""
    from pytest_pggit.backends.local import cache as cache_module

    runs: List[Path] = []
    real = cache_module.initdb_command

    def spy(bindir: Path, target: Path) -> List[str]:
        runs.append(target)
        return real(bindir, target)

    monkeypatch.setattr(cache_module, "initdb_command", spy)
    return runs


def test_an_early_initdb_is_waited_for_not_run_again(fresh_cache: Path, monkeypatch) -> None:
    from pytest_pggit.backends.local.cache import EarlyInitdb

    runs = count_initdb_runs(monkeypatch)
    backend = LocalBackend(cache_dir=str(fresh_cache))
    backend.early_initdb = EarlyInitdb(None, None).start()
    try:
        notes = backend.start().notes
        # the same note and timing as an initdb run by the start itself
        assert any("initdb cache miss: ran initdb" in n and "pristine copy kept in" in n
                   for n in notes), notes
        assert backend.timings["initdb"] > 0
    finally:
        backend.stop()
    assert len(runs) == 1, runs
    assert [p.name for p in fresh_cache.iterdir() if p.name.startswith(".build")] == []


def test_an_early_initdb_of_another_entry_is_not_used(fresh_cache: Path, monkeypatch,
                                                      tmp_path: Path) -> None:
    """The settings changed after it started (another cache folder): the start runs its
    own initdb, as without it."""
    from pytest_pggit.backends.local.cache import EarlyInitdb

    runs = count_initdb_runs(monkeypatch)
    other = tempfile.mkdtemp(prefix="pytest-pggit-testcache-", dir=str(fresh_cache))
    os.chmod(other, 0o1777)
    backend = LocalBackend(cache_dir=other)
    backend.early_initdb = EarlyInitdb(None, None).start()
    try:
        notes = backend.start().notes
        assert any("initdb cache miss: ran initdb" in n and other in n for n in notes), notes
    finally:
        backend.stop()
        backend.early_initdb.wait()
    assert len(runs) == 2, runs


def test_a_usage_error_waits_for_the_early_initdb(pytester: pytest.Pytester,
                                                  fresh_cache: Path, monkeypatch) -> None:
    """pytest stops before pytest_configure: initdb is not left running (a half-built
    entry), its entry is kept for the next run."""
    # (under xdist the run below would inherit it, and look like a worker: no early initdb)
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)
    pytester.makepyfile("def test_x(pggit_conn):\n    pass\n")
    result = pytester.runpytest_subprocess("--pggit", "--no-such-option")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    names = [p.name for p in fresh_cache.iterdir()]
    assert not [n for n in names if n.startswith(".build")], names
    assert [n for n in names if n.endswith("-w1")], names


LAYER_TEST = """
import psycopg
def test_layer(pggit_conn):
    assert pggit_conn.execute("SELECT to_regnamespace('pggit_v0') IS NOT NULL").fetchone()[0]
"""
DAMAGING_TEST = LAYER_TEST + """
def test_damage_the_layer_database(pggit_server, pggit_db):
    with psycopg.connect(pggit_server.dsn("pggit_layer"), autocommit=True) as conn:
        conn.execute("DROP SCHEMA pggit_v0 CASCADE")
"""


def test_layer_cache_is_kept_reused_and_a_damaged_entry_heals(
        pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first run keeps its cluster with the layer installed; the next clones from it.
    An entry whose layer database lost the layer is detected, removed and rebuilt."""
    cache = Path(tempfile.mkdtemp(prefix="pytest-pggit-testcache-",
                                  dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None))
    os.chmod(cache, 0o1777)
    monkeypatch.setenv("PGGIT_CACHE_DIR", str(cache))
    entries = lambda: sorted(p.name for p in cache.glob("*-layer-*"))  # noqa: E731
    try:
        pytester.makepyfile(test_layer=LAYER_TEST)
        first = pytester.runpytest_subprocess("--pggit", "-p", "no:cacheprovider")
        first.assert_outcomes(passed=1)
        first.stdout.fnmatch_lines(["*SQL layer installed once into pggit_layer*"])
        assert len(entries()) == 1, entries()
        second = pytester.runpytest_subprocess("--pggit", "-p", "no:cacheprovider")
        second.assert_outcomes(passed=1)
        second.stdout.fnmatch_lines(["*layer cache hit*"])

        # a run that damages its layer database before the cluster is saved
        shutil.rmtree(cache / entries()[0])
        pytester.makepyfile(test_layer=DAMAGING_TEST)
        damaging = pytester.runpytest_subprocess("--pggit", "-p", "no:cacheprovider")
        damaging.assert_outcomes(passed=2)
        assert len(entries()) == 1
        pytester.makepyfile(test_layer=LAYER_TEST)
        healed = pytester.runpytest_subprocess("--pggit", "-p", "no:cacheprovider")
        healed.assert_outcomes(passed=1)
        healed.stdout.fnmatch_lines(["*pggit_layer had no SQL layer; removed the damaged cache entry*"])
        assert entries() == []
        rebuilt = pytester.runpytest_subprocess("--pggit", "-p", "no:cacheprovider")
        rebuilt.assert_outcomes(passed=1)
        rebuilt.stdout.fnmatch_lines(["*SQL layer installed once into pggit_layer*"])
        assert len(entries()) == 1
    finally:
        shutil.rmtree(cache, ignore_errors=True)


def test_old_layer_cache_entries_are_pruned(tmp_path: Path) -> None:
    from pytest_pggit.backends.local import prune_layer_entries

    now = time.time()
    made = []
    for i in range(6):
        entry = tmp_path / f"15.1-101-abc-w1-layer-{i:016x}"
        entry.mkdir()
        os.utime(entry, (now - 3600 * (6 - i), now - 3600 * (6 - i)))   # entry 5 newest
        made.append(entry)
    (tmp_path / "15.1-101-abc-w1").mkdir()               # the initdb entry: never pruned
    (tmp_path / "16.2-101-def-w1-layer-0").mkdir()       # another base: not a sibling
    removed = prune_layer_entries(made[5], keep=3, min_age=600)
    assert sorted(p.name for p in removed) == sorted(p.name for p in made[:3])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [p.name for p in made[3:]] + ["15.1-101-abc-w1", "16.2-101-def-w1-layer-0"])
    # entries used within min_age stay even beyond keep (a run may be copying them)
    os.utime(made[5], (now, now))              # just stored
    os.utime(made[3], (now - 60, now - 60))    # copied a minute ago
    assert prune_layer_entries(made[5], keep=1, min_age=600) == [made[4]]


def test_stop_is_idempotent_and_removes_everything() -> None:
    backend = LocalBackend()
    server = backend.start()
    assert postmaster_running(server.data_dir)
    backend.stop()
    backend.stop()
    assert not Path(server.base_dir).exists()
    assert not postmaster_running(server.data_dir)


# ----------------------------------------------------------------- lifecycle
RECORDING_TEST = """
import pathlib, time
def test_server(pggit_server):
    pathlib.Path("server.txt").write_text(pggit_server.data_dir)
    {body}
"""


@pytest.mark.parametrize("body,expect", [("pass", "passed"), ("assert False", "failed")])
def test_server_is_gone_after_a_run(pytester: pytest.Pytester, body: str, expect: str) -> None:
    pytester.makepyfile(RECORDING_TEST.format(body=body))
    result = pytester.runpytest_subprocess("--pggit")
    result.assert_outcomes(**{expect: 1})
    result.stdout.fnmatch_lines(["*pggit: local backend, PostgreSQL*"])
    data_dir = (pytester.path / "server.txt").read_text()
    assert not Path(data_dir).parent.exists()
    assert not postmaster_running(data_dir)


def _spawn_sleeping_run(pytester: pytest.Pytester) -> subprocess.Popen:
    pytester.makepyfile(RECORDING_TEST.format(body="time.sleep(120)"))
    # Restore Python's default SIGINT handling even if our parent ignores SIGINT.
    code = (
        "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "import pytest; sys.exit(pytest.main(['--pggit', '-p', 'no:cacheprovider']))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=str(pytester.path),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    if not wait_until(lambda: (pytester.path / "server.txt").exists(), timeout=60):
        proc.kill()
        pytest.fail("inner run never started its server:\n" + proc.communicate()[0])
    return proc


def test_sigint_still_stops_the_server(pytester: pytest.Pytester) -> None:
    proc = _spawn_sleeping_run(pytester)
    data_dir = (pytester.path / "server.txt").read_text()
    assert postmaster_running(data_dir)
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 2, out  # pytest's "interrupted"
    assert "KeyboardInterrupt" in out
    assert not Path(data_dir).parent.exists(), out
    assert not postmaster_running(data_dir), out


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_watchdog_cleans_up_after_a_killing_signal(pytester: pytest.Pytester, sig: int) -> None:
    """kill -9, and the SIGTERM a CI runner sends a cancelled job (Python's default: exit
    at once, no finally): the watchdog stops the server and removes its directory."""
    proc = _spawn_sleeping_run(pytester)
    data_dir = (pytester.path / "server.txt").read_text()
    proc.send_signal(sig)
    proc.communicate(timeout=30)
    assert wait_until(lambda: not postmaster_running(data_dir), timeout=20)
    assert wait_until(lambda: not Path(data_dir).parent.exists(), timeout=20)


# ----------------------------------------------------------------- dsn backend and fixtures
def test_dsn_backend_creates_and_drops_its_databases(
    pytester: pytest.Pytester, own_server: Server
) -> None:
    sql = make_fake_sql(pytester.path)
    pytester.makepyfile(
        """
        import pathlib
        def test_names(pggit_server, pggit_db, pggit_isolated_db):
            assert pggit_server.backend == "dsn"
            assert pggit_db.name.startswith("pggit_") and pggit_db.name.endswith("_tpl")
            assert pggit_isolated_db.name.startswith("pggit_")
            pathlib.Path("names.txt").write_text(pggit_db.name + " " + pggit_isolated_db.name)
        """
    )
    result = pytester.runpytest(*dsn_args(own_server, sql))
    result.assert_outcomes(passed=1)
    names = (pytester.path / "names.txt").read_text().split()
    with psycopg.connect(own_server.dsn(), autocommit=True) as conn:
        left = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'pggit%' "
                            r"AND datname NOT LIKE 'pggit\_cache\_%'").fetchall()  # cached templates stay
    assert left == [], (names, left)


def test_pggit_conn_rolls_back_between_tests(pytester: pytest.Pytester, pggit_server: Server) -> None:
    sql = make_fake_sql(pytester.path)
    pytester.makepyfile(
        """
        def test_a_creates(pggit_conn):
            pggit_conn.execute("CREATE TABLE t_rollback (x int)")
            pggit_conn.execute("INSERT INTO pggit_v0.commits (message) VALUES ('from a')")
            assert pggit_conn.execute("SELECT count(*) FROM t_rollback").fetchone() == (0,)

        def test_b_sees_nothing(pggit_conn):
            row = pggit_conn.execute("SELECT to_regclass('t_rollback')").fetchone()
            assert row == (None,)
            n = pggit_conn.execute(
                "SELECT count(*) FROM pggit_v0.commits WHERE message = 'from a'").fetchone()
            assert n == (0,)
            assert pggit_conn.autocommit is False
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server, sql), "-p", "no:randomly")
    result.assert_outcomes(passed=2)


def test_pggit_isolated_db_is_a_clone_and_is_dropped(
    pytester: pytest.Pytester, pggit_server: Server
) -> None:
    sql = make_fake_sql(pytester.path)
    pytester.makepyfile(
        """
        import pathlib, psycopg
        def test_1_clone(pggit_db, pggit_isolated_db):
            assert pggit_isolated_db.name != pggit_db.name
            with psycopg.connect(pggit_isolated_db.dsn, autocommit=True) as c:
                # the clone has the layer of the template ...
                assert c.execute("SELECT to_regclass('pggit_v0.commits')").fetchone() != (None,)
                c.execute("CREATE TABLE only_in_clone (x int)")
            with psycopg.connect(pggit_db.dsn, autocommit=True) as c:
                # ... and changes to the clone stay there
                assert c.execute("SELECT to_regclass('only_in_clone')").fetchone() == (None,)
            pathlib.Path("clone.txt").write_text(pggit_isolated_db.name)

        def test_2_dropped(pggit_server):
            import time
            name = pathlib.Path("clone.txt").read_text()
            with psycopg.connect(pggit_server.dsn(), autocommit=True) as c:
                for _ in range(100):  # clones are dropped on a background thread
                    n = c.execute("SELECT count(*) FROM pg_database WHERE datname = %s",
                                  (name,)).fetchone()
                    if n == (0,):
                        break
                    time.sleep(0.02)
                assert n == (0,)
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server, sql))
    result.assert_outcomes(passed=2)


def test_schema_files_are_applied_in_order_then_committed(
    pytester: pytest.Pytester, pggit_server: Server
) -> None:
    sql = make_fake_sql(pytester.path)
    schema = pytester.path / "schema"
    (schema / "sub").mkdir(parents=True)
    (schema / "b_orders.sql").write_text(
        "CREATE TABLE orders (id int PRIMARY KEY, customer int REFERENCES customers(id));\n"
    )
    (schema / "a_customers.sql").write_text("CREATE TABLE customers (id int PRIMARY KEY);\n")
    (schema / "sub" / "c_view.sql").write_text("CREATE VIEW v AS SELECT * FROM orders;\n")
    (pytester.path / "extra.sql").write_text("CREATE TABLE extra (id int);\n")
    pytester.makepyfile(
        """
        def test_schema(pggit_conn):
            assert pggit_conn.execute("SELECT to_regclass('v')").fetchone() != (None,)
            assert pggit_conn.execute("SELECT to_regclass('extra')").fetchone() != (None,)
            # one commit per schema file (a step each; this fake layer has no tags)
            rows = pggit_conn.execute("SELECT message FROM pggit_v0.commits ORDER BY id").fetchall()
            assert rows == [("sql schema/a_customers.sql: schema file",),
                            ("sql schema/b_orders.sql: schema file",),
                            ("sql schema/sub/c_view.sql: schema file",),
                            ("sql extra.sql: schema file",)]
        """
    )
    result = pytester.runpytest(
        *dsn_args(pggit_server, sql), "--pggit-schema", "schema", "--pggit-schema", "extra.sql"
    )
    result.assert_outcomes(passed=1)


def test_baseline_commit_is_skipped_without_the_function(
    pytester: pytest.Pytester, pggit_server: Server
) -> None:
    sql = make_fake_sql(pytester.path, with_commit=False)
    (pytester.path / "s.sql").write_text("CREATE TABLE s (id int);\n")
    pytester.makepyfile(
        """
        def test_schema(pggit_conn):
            assert pggit_conn.execute("SELECT to_regclass('s')").fetchone() != (None,)
        """
    )
    result = pytester.runpytest(*dsn_args(pggit_server, sql), "--pggit-schema", "s.sql")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*create_basic_commit not found: baseline commit skipped*"])


def test_broken_schema_file_fails_with_sqlstate(pytester: pytest.Pytester, pggit_server: Server) -> None:
    sql = make_fake_sql(pytester.path)
    (pytester.path / "bad.sql").write_text("CREATE TABLE ok1 (id int);\nSELECT * FROM no_such_table;\n")
    pytester.makepyfile("def test_x(pggit_db):\n    pass\n")
    result = pytester.runpytest(*dsn_args(pggit_server, sql), "--pggit-schema", "bad.sql")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*[[]42P01[]]*bad.sql*no_such_table*"])


def test_isolated_db_refuses_to_combine_with_conn(
    pytester: pytest.Pytester, pggit_server: Server
) -> None:
    sql = make_fake_sql(pytester.path)
    pytester.makepyfile("def test_x(pggit_conn, pggit_isolated_db):\n    pass\n")
    result = pytester.runpytest(*dsn_args(pggit_server, sql))
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*cannot be combined*"])


def test_disabled_plugin_touches_nothing(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
        from pytest_pggit.session import session_key
        def pytest_sessionfinish(session):
            assert session.config.stash.get(session_key, None) is None
        """
    )
    pytester.makepyfile(
        """
        def test_plain():
            pass
        def test_wants_db(pggit_server):
            pass
        """
    )
    # bogus settings must not matter while the plugin is off
    result = pytester.runpytest("--pggit-pg-bin", "/nonexistent", "--pggit-backend", "dsn")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*run pytest with --pggit*"])
    result.stdout.no_fnmatch_line("pggit: *")


def test_xdist_workers_share_one_server(pytester: pytest.Pytester) -> None:
    sql = make_fake_sql(pytester.path)
    pytester.makepyfile(
        """
        import os, pathlib, pytest

        @pytest.mark.parametrize("i", range(4))
        def test_clone(i, pggit_isolated_db):
            pass

        @pytest.mark.parametrize("i", range(4))
        def test_conn(i, pggit_server, pggit_conn):
            pathlib.Path(f"w_{os.environ['PYTEST_XDIST_WORKER']}_{i}.txt").write_text(
                f"{pggit_server.port} {pggit_server.data_dir}")
        """
    )
    # --dist each: every worker runs every test, so both surely ask for the server
    result = pytester.runpytest_subprocess("--pggit", "-n", "2", "--dist", "each", "--pggit-sql-dir", str(sql))
    result.assert_outcomes(passed=16)
    seen = {p.read_text() for p in pytester.path.glob("w_*.txt")}
    workers = {p.name.split("_")[1] for p in pytester.path.glob("w_*.txt")}
    assert len(seen) == 1 and len(workers) == 2, (seen, workers)
    data_dir = seen.pop().split()[1]
    assert not Path(data_dir).parent.exists()
    assert not postmaster_running(data_dir)


# ----------------------------------------------------------------- config
@pytest.mark.parametrize(
    "cli,ini,env,expected",
    [
        ("cli-dsn", "ini-dsn", "env-dsn", "cli-dsn"),
        (None, "ini-dsn", "env-dsn", "ini-dsn"),
        (None, None, "env-dsn", "env-dsn"),
        (None, None, None, None),
    ],
)
def test_config_precedence(pytester: pytest.Pytester, monkeypatch, cli, ini, env, expected) -> None:
    if ini:
        pytester.makeini(f"[pytest]\npggit = true\npggit_dsn = {ini}\n")
    else:
        pytester.makeini("[pytest]\npggit = true\n")
    if env:
        monkeypatch.setenv("PGGIT_DSN", env)
    else:
        monkeypatch.delenv("PGGIT_DSN", raising=False)
    pytester.makepyfile(
        f"""
        from pytest_pggit.session import session_key
        def test_cfg(pytestconfig):
            run = pytestconfig.stash[session_key]
            assert run.cfg.dsn == {expected!r}
            assert run.backend.name == {"dsn" if expected else "local"!r}
            assert run.cfg.start_timeout == 30.0
        """
    )
    args = ["--pggit-dsn", cli] if cli else []
    pytester.runpytest(*args).assert_outcomes(passed=1)


# ----------------------------------------------------------------- sqlfiles
def test_install_script_expands_includes_and_drops_meta_commands(tmp_path: Path) -> None:
    sql = make_fake_sql(tmp_path)
    text = sqlfiles.install_script(sql)
    assert not [line for line in text.splitlines() if line.lstrip().startswith("\\")]
    assert "dropped psql command: \\set ON_ERROR_STOP on" in text
    assert text.index("CREATE SCHEMA") < text.index("CREATE TABLE IF NOT EXISTS pggit_v0.commits")
    assert text.strip().startswith("-- fake SQL layer")


def test_install_runs_in_one_execute_and_recovers_from_errors(
    tmp_path: Path, pggit_server: Server
) -> None:
    sql = make_fake_sql(tmp_path)
    with DatabaseJanitor(pggit_server, f"pggit_sqlfiles_{os.getpid()}") as db:
        with psycopg.connect(db.dsn, autocommit=True) as conn:
            sqlfiles.install(conn, sql)
            assert conn.execute("SELECT pggit_v0.create_basic_commit('x')").fetchone() == (1,)
            broken = tmp_path / "broken"
            broken.mkdir()
            (broken / "install.sql").write_text(
                "BEGIN;\nCREATE TABLE half (x int);\nSELECT 1/0;\nCOMMIT;\n"
            )
            with pytest.raises(SchemaApplyError) as info:
                sqlfiles.install(conn, broken)
            assert info.value.sqlstate == "22012"
            # no position in the error: a statement-by-statement replay names the line
            assert info.value.location == f"{broken / 'install.sql'}:3", info.value.location
            # the failed transaction was rolled back: nothing half-installed, connection usable
            assert conn.execute("SELECT to_regclass('half')").fetchone() == (None,)
    with psycopg.connect(pggit_server.dsn(), autocommit=True) as conn:
        assert conn.execute(
            "SELECT count(*) FROM pg_database WHERE datname = %s", (db.name,)
        ).fetchone() == (0,)


# ----------------------------------------------------------------- the layer's digest, remembered
def _fresh_digest(sql: Path) -> str:
    import hashlib

    return hashlib.sha256(sqlfiles.install_script(sql).encode()).hexdigest()[:16]


def _forget_layers() -> None:
    from pytest_pggit import template_cache

    with template_cache._LAYER_LOCK:
        template_cache._LAYER.clear()


def test_layer_digest_is_remembered_until_a_layer_file_changes(tmp_path: Path) -> None:
    """The layer cache's key and the template cache's key come from the install script's
    hash; a start reads it from a memo in the cache folder while the layer's files are
    unchanged, and computes it again when one changed (in this process or the next)."""
    from pytest_pggit.template_cache import MEMO_FILE, layer_digest, layer_script

    sql = make_fake_sql(tmp_path)
    root = tmp_path / "cache"
    root.mkdir()
    _forget_layers()
    first = layer_digest(sql, memo_root=root)
    assert first == _fresh_digest(sql)
    memo = root / f".memo-{os.geteuid()}"
    assert (memo / MEMO_FILE).is_file()
    assert memo.stat().st_mode & 0o777 == 0o700
    assert layer_script(sql).text == sqlfiles.install_script(sql)

    _forget_layers()   # the next run: from the memo
    assert layer_digest(sql, memo_root=root) == first

    functions = sql / "parts" / "functions.sql"
    functions.write_text(functions.read_text() + "\nCOMMENT ON SCHEMA pggit_v0 IS 'v2';\n")
    second = layer_digest(sql, memo_root=root)          # same process: noticed
    assert second == _fresh_digest(sql) != first
    assert "'v2'" in layer_script(sql).text
    _forget_layers()
    assert layer_digest(sql, memo_root=root) == second  # next run: the memo was updated

    # a file added to the layer's folder (not included yet) changes the folder: computed again
    (sql / "parts" / "extra.sql").write_text("SELECT 1;\n")
    (sql / "install.sql").write_text(FAKE_INSTALL.replace("COMMIT;", "\\ir parts/extra.sql\nCOMMIT;"))
    _forget_layers()
    assert layer_digest(sql, memo_root=root) == _fresh_digest(sql) != second


def test_a_memo_others_may_write_is_not_trusted(tmp_path: Path) -> None:
    """The cache folder is shared like /tmp: a memo folder that is not private to this
    user is ignored, whatever it says."""
    import json

    from pytest_pggit.template_cache import MEMO_FILE, layer_digest

    sql = make_fake_sql(tmp_path)
    root = tmp_path / "cache"
    memo = root / f".memo-{os.geteuid()}"
    memo.mkdir(parents=True)
    files = [[str(p), p.stat().st_mtime_ns, p.stat().st_size]
             for p in [sql.resolve(), *sorted(sql.resolve().rglob("*"))]]
    (memo / MEMO_FILE).write_text(json.dumps({str(sql.resolve()): {"digest": "forged", "files": files}}))
    memo.chmod(0o777)
    _forget_layers()
    assert layer_digest(sql, memo_root=root) == _fresh_digest(sql)
    memo.chmod(0o700)   # private: the memo is this user's own, and trusted
    _forget_layers()
    assert layer_digest(sql, memo_root=root) == "forged"
    _forget_layers()


def test_the_version_pg_config_names_is_the_servers() -> None:
    """find_binaries asks pg_config for the bindir and the version at once; the version
    is what postgres --version says."""
    from pytest_pggit.backends.local import binaries

    bindir = find_binaries()
    told = binaries.server_version(bindir)
    binaries._VERSIONS.clear()
    assert binaries.server_version(bindir) == told


@pytest.mark.skipif(os.geteuid() != 0, reason="the OS user is chosen only when running as root")
def test_a_missing_os_user_is_named_in_the_hint() -> None:
    """H17: --pggit-os-user nosuchuser: the hint said `useradd ... postgres`."""
    from pytest_pggit.backends.local.binaries import resolve_os_user
    from pytest_pggit.exceptions import ServerStartError

    with pytest.raises(ServerStartError) as info:
        resolve_os_user("pggit_nosuchuser")
    assert "'pggit_nosuchuser'" in str(info.value)
    assert "useradd --system --no-create-home pggit_nosuchuser" in (info.value.hint or "")


@pytest.mark.parametrize("owner, mode, why", [
    ("nobody", 0o1777, "owned by uid *, not by this user or root"),
    (None, 0o777, "others may write in it (mode 777) and it is not sticky"),
])
def test_a_cache_folder_another_user_may_rearrange_is_not_used(owner: Optional[str], mode: int,
                                                               why: str) -> None:
    """Security round 3 (Z11): in a cache folder another local user made (or may write in
    without the sticky bit), that user could rename this user's entries, an old layer's
    cluster to the current layer's name, which the next run copied.  Such a folder is not
    used: initdb runs, and the note says why; an entry in it is no hit."""
    cache = tempfile.mkdtemp(prefix="pytest-pggit-testcache-", dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None)
    try:
        os.chmod(cache, 0o1777)
        first = LocalBackend(cache_dir=cache)   # a good entry, made while the folder was fine
        try:
            first.start()
        finally:
            first.stop()
        if owner is not None:
            if os.geteuid() != 0:
                pytest.skip("needs root to give the folder to another user")
            os.chown(cache, pwd.getpwnam(owner).pw_uid, -1)
        os.chmod(cache, mode)
        second = LocalBackend(cache_dir=cache)
        try:
            notes = second.start().notes
            assert not any("cache hit" in n for n in notes), notes
            assert [n for n in notes if fnmatch.fnmatch(n, f"initdb cache not used: {cache} is {why}; ran initdb*")], notes
            assert "initdb" in second.timings
        finally:
            second.stop()
    finally:
        shutil.rmtree(cache, ignore_errors=True)
