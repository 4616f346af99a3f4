"""Nothing is left behind: the DSN backend against a server this test starts itself,
after runs that pass, fail or are interrupted (SIGINT), and under pytest-xdist ``-n 2``.

(Local-backend servers and data directories after pass/fail/SIGINT/SIGKILL are
covered in tests/test_local_backend.py.)
"""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import List

import psycopg
import pytest

from pytest_pggit.backends import Server
from pytest_pggit.backends.local import LocalBackend

WORKLOAD = """
import os, pathlib, time, psycopg, pytest

@pytest.mark.parametrize("i", range(3))
def test_conn(i, pggit):
    pggit.execute(f"CREATE TABLE t{{i}} (id int)")
    pggit.commit(f"t{{i}}")
    pggit.branch(f"feature/{{i}}")
    assert [c.message for c in pggit.history(2)][0] == f"t{{i}}"
    assert len(pggit.branches()) == 2

@pytest.mark.parametrize("i", range(3))
def test_isolated(i, pggit_isolated_db):
    with psycopg.connect(pggit_isolated_db.dsn, autocommit=True) as c:
        c.execute(f"CREATE TABLE iso{{i}} (id int)")
        c.execute("SELECT pggit_v0.create_basic_commit('iso')")
        assert c.execute("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'iso%'").fetchone() == (1,)
    pathlib.Path(f"db_{{os.environ.get('PYTEST_XDIST_WORKER', 'main')}}_{{i}}.txt").write_text(
        pggit_isolated_db.name)

def test_last():
    {last}
"""


@pytest.fixture
def own_server():
    """A server this test starts itself, used through --pggit-backend dsn."""
    backend = LocalBackend()
    server = backend.start()
    yield server
    backend.stop()


def pggit_databases(server: Server) -> List[str]:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        return [r[0] for r in conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'pggit%' "
            r"AND datname NOT LIKE 'pggit\_cache\_%' ORDER BY 1")]   # cached templates stay


def dsn_args(server: Server) -> List[str]:
    return ["--pggit", "--pggit-dsn", server.dsn(), "-p", "no:randomly"]


@pytest.mark.parametrize("last,outcome", [("pass", {"passed": 7}),
                                          ("assert False", {"passed": 6, "failed": 1})])
def test_dsn_backend_leaves_no_database(pytester: pytest.Pytester, own_server: Server,
                                        last: str, outcome: dict) -> None:
    pytester.makepyfile(WORKLOAD.format(last=last))
    result = pytester.runpytest_subprocess(*dsn_args(own_server))
    result.assert_outcomes(**outcome)
    result.stdout.fnmatch_lines(["pggit: backend dsn (auto: a DSN is set): PostgreSQL *"])
    names = [p.read_text() for p in pytester.path.glob("db_*.txt")]
    assert len(set(names)) == 3 and all(n.startswith("pggit_") for n in names)
    assert pggit_databases(own_server) == []


def test_dsn_backend_sigint_leaves_no_database(pytester: pytest.Pytester, own_server: Server) -> None:
    pytester.makepyfile(WORKLOAD.format(
        last="pathlib.Path('sleeping').write_text('x'); time.sleep(120)"))
    code = ("import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
            "import pytest; sys.exit(pytest.main(sys.argv[1:]))")
    proc = subprocess.Popen([sys.executable, "-c", code, *dsn_args(own_server),
                             "-p", "no:cacheprovider"],
                            cwd=str(pytester.path), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while not (pytester.path / "sleeping").exists():
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail("inner run never reached its last test:\n" + proc.communicate()[0])
        time.sleep(0.05)
    assert pggit_databases(own_server)  # the template is there while the run is
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 2, out
    assert "KeyboardInterrupt" in out
    assert pggit_databases(own_server) == [], out


def test_xdist_two_workers_on_the_dsn_backend(pytester: pytest.Pytester, own_server: Server) -> None:
    pytester.makepyfile(WORKLOAD.format(last="pass"))
    result = pytester.runpytest_subprocess(*dsn_args(own_server), "-n", "2")
    result.assert_outcomes(passed=7)
    names = {p.read_text() for p in pytester.path.glob("db_*.txt")}
    workers = {p.name.split("_")[1] for p in pytester.path.glob("db_*.txt")}
    assert len(names) == 3
    # one run id for the whole run, the worker's name in each database
    assert len({n.split("_")[1] for n in names}) == 1
    assert all(any(f"_{w}_" in n for w in workers) for n in names)
    assert pggit_databases(own_server) == []


def test_inherited_xdist_worker_name_does_not_rename_a_controller(
    pytester: pytest.Pytester, own_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pytest started by a test of an outer xdist run inherits PYTEST_XDIST_WORKER; the
    inner run's controller must not take that name, or its databases collide with those
    of its own worker of the same name (seen as 'database ..._gw1_tpl already exists')."""
    monkeypatch.setenv("PYTEST_XDIST_WORKER", "gw1")
    pytester.makepyfile(WORKLOAD.format(last="pass"))
    result = pytester.runpytest_subprocess(*dsn_args(own_server), "-p", "no:xdist")
    result.assert_outcomes(passed=7)
    names = {p.read_text() for p in pytester.path.glob("db_*.txt")}
    assert len(names) == 3 and all("_main_" in n and "_gw1_" not in n for n in names), names
    assert pggit_databases(own_server) == []


def test_xdist_two_workers_share_one_local_server_with_the_real_layer(
    pytester: pytest.Pytester
) -> None:
    pytester.makepyfile(WORKLOAD.format(last="pass") + """
@pytest.mark.parametrize("i", range(4))
def test_server(i, pggit_server):
    pathlib.Path(f"srv_{os.environ['PYTEST_XDIST_WORKER']}_{i}.txt").write_text(
        f"{pggit_server.port} {pggit_server.base_dir}")
""")
    # --dist each: every worker runs every test, so both surely use the server
    result = pytester.runpytest_subprocess("--pggit", "-n", "2", "--dist", "each", "-p", "no:randomly")
    result.assert_outcomes(passed=22)
    servers = {p.read_text() for p in pytester.path.glob("srv_*.txt")}
    workers = {p.name.split("_")[1] for p in pytester.path.glob("srv_*.txt")}
    assert len(servers) == 1 and len(workers) == 2, (servers, workers)
    base_dir = servers.pop().split()[1]
    assert not Path(base_dir).exists()
