"""Templates cached across runs (pytest_pggit/template_cache.py): real pytester runs.

The projects' schema comes from a schema file and two steps of a conftest hook; each step
appends its name to ``applied.log``, so the log counts builds across runs and processes,
and each test writes the HEAD sha it sees (a rebuilt template has new commits, a clone
of the cached one the same).  The local-backend runs use a private layer cache
(``PGGIT_CACHE_DIR``); the DSN runs a server of their own, whose cache entries no other
test touches.  The SQL layer is a copy made once (``--pggit-sql-dir``): the key holds
its hash, and the layer may be edited while the tests run.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, Iterator, List

import psycopg
import pytest

from pytest_pggit.backends import Server
from pytest_pggit.backends.local import LocalBackend

CONFTEST = """
import os, pathlib, time
from pytest_pggit.steps import Step

LOG = pathlib.Path(__file__).parent / "applied.log"

def sql_step(name, sql):
    def upgrade(database):
        with open(LOG, "a") as f:
            f.write(name + "\\n")
        time.sleep(float(os.environ.get("STEP_SLEEP", "0")))   # a slow migration
        with database.connect(autocommit=True) as conn:
            conn.execute(sql)
    return Step("app", name, name, upgrade)

def pytest_pggit_migration_steps(config, root):
    return [sql_step("0001_a", "CREATE TABLE a (id int)"),
            sql_step("0002_b", "CREATE TABLE b (id int{extra})")]
"""

TESTS = """
import os, pathlib, time

def test_schema(pggit, request):
    cols = pggit.execute("SELECT string_agg(table_name || '.' || column_name, ',' "
                         "ORDER BY table_name, column_name) FROM information_schema.columns "
                         "WHERE table_schema = 'public'")[0][0]
    who = getattr(request.config, "workerinput", {{}}).get("workerid", "main")   # not the env: inherited
    pathlib.Path(f"seen_{{who}}.txt").write_text(f"{{pggit.head()}} {{cols}}")
    {sleep}
"""

SCHEMA = "CREATE TABLE s (id int PRIMARY KEY);\n"


@pytest.fixture(scope="module")
def layer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the SQL layer, fixed for this module's runs."""
    import shutil

    from pytest_pggit import sqlfiles

    target = tmp_path_factory.mktemp("layer") / "sql"
    shutil.copytree(sqlfiles.sql_dir(), target)
    return target


def make_project(pytester: pytest.Pytester, layer: Path, extra: str = "", sleep: str = "") -> None:
    pytester.makeconftest(CONFTEST.format(extra=extra))
    pytester.makepyfile(test_it=TESTS.format(sleep=sleep))
    pytester.makeini(f"[pytest]\npggit_sql_dir = {layer}\n")
    schema = pytester.path / "schema" / "001_s.sql"
    if not schema.exists():
        schema.parent.mkdir(exist_ok=True)
        schema.write_text(SCHEMA)


def applied(pytester: pytest.Pytester) -> List[str]:
    log = pytester.path / "applied.log"
    return log.read_text().split() if log.exists() else []


def seen(pytester: pytest.Pytester) -> Dict[str, str]:
    return {p.stem[len("seen_"):]: p.read_text() for p in pytester.path.glob("seen_*.txt")}


def databases(server: Server, like: str) -> List[str]:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        return [r[0] for r in conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s ORDER BY 1", (like,))]


def cache_entries(server: Server) -> List[str]:
    return databases(server, r"pggit\_cache\_%")


@pytest.fixture
def own_server() -> Iterator[Server]:
    """A server of this test, used through --pggit-backend dsn: its cache entries are its own."""
    backend = LocalBackend()
    server = backend.start()
    yield server
    backend.stop()


@pytest.fixture
def cache_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private layer cache for the local backend's runs."""
    root = Path(tempfile.mkdtemp(prefix="pytest-pggit-tplcache-",
                                 dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None))
    os.chmod(root, 0o1777)
    monkeypatch.setenv("PGGIT_CACHE_DIR", str(root))
    yield root
    import shutil

    shutil.rmtree(root, ignore_errors=True)


def dsn_args(server: Server, *more: str) -> List[str]:
    return ["--pggit", "--pggit-dsn", server.dsn(), "--pggit-schema", "schema",
            "-p", "no:randomly", "-p", "no:cacheprovider", *more]


LOCAL_ARGS = ["--pggit", "--pggit-backend", "local", "--pggit-schema", "schema",
              "-p", "no:randomly", "-p", "no:cacheprovider"]


# ----------------------------------------------------------------- hit and miss
def test_second_run_clones_the_cached_template_local(pytester: pytest.Pytester, layer: Path,
                                                     cache_dir: Path) -> None:
    make_project(pytester, layer)
    first = pytester.runpytest_subprocess(*LOCAL_ARGS)
    first.assert_outcomes(passed=1)
    # (the local backend keeps a cluster per SQL layer: none holds templates of this one)
    first.stdout.fnmatch_lines(["pggit: template cache miss: no cached template of this project "
                                "with this SQL layer yet; the template is built and kept for the next run"])
    assert applied(pytester) == ["0001_a", "0002_b"]
    sha, cols = seen(pytester)["main"].split()
    assert cols == "a.id,b.id,s.id"
    # the cluster holding the entry is kept as a generation of the layer cache entry
    assert list(cache_dir.glob("*-layer-*/templates.json")) or list(cache_dir.glob("*-tpl-*"))

    second = pytester.runpytest_subprocess(*LOCAL_ARGS, "-rA")
    second.assert_outcomes(passed=1)
    second.stdout.fnmatch_lines([
        "pggit: template cache hit: pggit_cache_* (nothing changed)",
        "pggit: template cache hit: cloned pggit_cache_* in * s (nothing changed; built * in * s, 3 step(s))",
    ])
    assert applied(pytester) == ["0001_a", "0002_b"]          # no step ran again
    assert seen(pytester)["main"] == f"{sha} {cols}"            # the same commits: a clone


def test_a_change_rebuilds_and_tests_see_the_new_schema(pytester: pytest.Pytester, layer: Path,
                                                        own_server: Server) -> None:
    make_project(pytester, layer)
    pytester.runpytest_subprocess(*dsn_args(own_server)).assert_outcomes(passed=1)
    sha = seen(pytester)["main"].split()[0]
    assert len(cache_entries(own_server)) == 1

    # a schema file changes: only the key's input that changed is named
    (pytester.path / "schema" / "001_s.sql").write_text(SCHEMA + "ALTER TABLE s ADD COLUMN t text;\n")
    result = pytester.runpytest_subprocess(*dsn_args(own_server, "-rA"))
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([
        "pggit: template cache miss: key changed: schema file schema/001_s.sql changed; *",
        "pggit: template cache miss (key changed: schema file schema/001_s.sql changed): built in *",
    ])
    assert applied(pytester) == ["0001_a", "0002_b"] * 2
    new_sha, cols = seen(pytester)["main"].split()
    assert new_sha != sha and cols == "a.id,b.id,s.id,s.t"

    # the hook's module changes
    make_project(pytester, layer, extra=", note text")
    result = pytester.runpytest_subprocess(*dsn_args(own_server))
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["pggit: template cache miss: key changed: hook conftest.py changed*"])
    assert seen(pytester)["main"].split()[1] == "a.id,b.id,b.note,s.id,s.t"

    # and nothing changed again: a hit
    result = pytester.runpytest_subprocess(*dsn_args(own_server))
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["pggit: template cache hit: pggit_cache_* (nothing changed)"])
    assert applied(pytester) == ["0001_a", "0002_b"] * 3
    # the run's own databases are gone, the entries (one per key) stay
    assert databases(own_server, "pggit%") == cache_entries(own_server)
    assert len(cache_entries(own_server)) == 3


def test_no_cache_builds_every_time_and_keeps_nothing(pytester: pytest.Pytester, layer: Path,
                                                      own_server: Server) -> None:
    make_project(pytester, layer)
    for _ in range(2):
        result = pytester.runpytest_subprocess(*dsn_args(own_server, "--pggit-no-cache"))
        result.assert_outcomes(passed=1)
        result.stdout.fnmatch_lines(["pggit: template cache: off (--pggit-no-cache)"])
    assert applied(pytester) == ["0001_a", "0002_b"] * 2
    assert databases(own_server, "pggit%") == []


def test_the_gate_on_a_cached_template_knows_the_steps(pytester: pytest.Pytester, layer: Path,
                                                       own_server: Server) -> None:
    """The steps' commits come back from the entry: the gate's base and up/down checks."""
    make_project(pytester, layer)
    args = dsn_args(own_server, "--pggit-gate", "--no-pggit-lint", "-v")
    pytester.runpytest_subprocess(*args).assert_outcomes(passed=1)
    result = pytester.runpytest_subprocess(*args)
    result.assert_outcomes(passed=1)
    assert result.ret == 0, result.stdout.str()
    result.stdout.fnmatch_lines(["*template cache hit: pggit_cache_*",
                                 "*base: app/0001_a = * (the step before the newest, app/0002_b)*"])
    assert applied(pytester) == ["0001_a", "0002_b"]


# ----------------------------------------------------------------- concurrency
def test_concurrent_runs_build_once(pytester: pytest.Pytester, layer: Path, own_server: Server) -> None:
    make_project(pytester, layer)
    env = dict(os.environ, STEP_SLEEP="1.5")   # the build outlasts the other's start
    env.pop("PYTEST_XDIST_WORKER", None)
    procs = [subprocess.Popen([sys.executable, "-m", "pytest", *dsn_args(own_server)],
                              cwd=str(pytester.path), stdout=subprocess.PIPE, env=env,
                              stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=180)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert applied(pytester) == ["0001_a", "0002_b"], outs          # one of them built
    built = [o for o in outs if "pggit: template cache miss (" in o]
    waited = [o for o in outs if "(built by a concurrent run while this one waited;" in o]
    assert len(built) == 1 and len(waited) == 1, outs
    assert len(cache_entries(own_server)) == 1
    assert databases(own_server, "pggit%") == cache_entries(own_server)   # no staging copy left


def test_xdist_builds_once_and_the_next_run_hits(pytester: pytest.Pytester, layer: Path, cache_dir: Path) -> None:
    make_project(pytester, layer)
    result = pytester.runpytest_subprocess(*LOCAL_ARGS, "-n", "2", "--dist", "each")
    result.assert_outcomes(passed=2)
    assert applied(pytester) == ["0001_a", "0002_b"]   # controller and two workers: one build
    shas = {v.split()[0] for v in seen(pytester).values()}
    assert len(seen(pytester)) == 2 and len(shas) == 1
    # the controller kept the cluster the worker built the entry in
    result = pytester.runpytest_subprocess(*LOCAL_ARGS, "-n", "2", "--dist", "each")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["pggit: template cache hit: pggit_cache_* (nothing changed)"])
    assert applied(pytester) == ["0001_a", "0002_b"]
    assert {v.split()[0] for v in seen(pytester).values()} == shas
    # the kept cluster has no pggit_layer (no process of an xdist run installs it there):
    # that is no damage, the generation stays for the next run
    result.stdout.no_fnmatch_line("*damaged*")
    assert list(cache_dir.glob("*-tpl-*/templates.json"))


def test_two_projects_missing_at_once_both_hit_next_time(pytester: pytest.Pytester, layer: Path,
                                                         cache_dir: Path) -> None:
    """D7: two projects' runs missed at the same time and each kept a generation of the
    cluster with its own template; the next run copied the newest only, so one project
    missed again ("no cached template of this project yet").  Each run now copies the
    newest generation holding its template, and pruning keeps both."""
    import shutil

    make_project(pytester, layer)
    pytester.runpytest_subprocess(*LOCAL_ARGS).assert_outcomes(passed=1)   # the layer entry
    dirs = []
    for name in ("pa", "pb"):
        d = pytester.path / name
        d.mkdir()
        for f in ("conftest.py", "test_it.py", "tox.ini", "pytest.ini"):
            if (pytester.path / f).exists():
                shutil.copy(pytester.path / f, d / f)
        shutil.copytree(pytester.path / "schema", d / "schema")
        dirs.append(d)
    env = dict(os.environ, STEP_SLEEP="1.5")   # both copy the cluster before either keeps one
    env.pop("PYTEST_XDIST_WORKER", None)

    def run(d: Path) -> "subprocess.Popen[str]":
        return subprocess.Popen([sys.executable, "-m", "pytest", *LOCAL_ARGS], cwd=str(d), env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    procs = [run(d) for d in dirs]
    outs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert all("template cache miss" in o for o in outs), outs
    for d in dirs:
        out = run(d).communicate(timeout=300)[0]
        assert "pggit: template cache hit: pggit_cache_" in out, out
    assert (dirs[0] / "applied.log").read_text().split() == ["0001_a", "0002_b"]   # built once


def test_old_entries_are_pruned(pytester: pytest.Pytester, layer: Path, own_server: Server) -> None:
    make_project(pytester, layer)
    made = []
    for key in ("one", "two", "three", "four"):
        result = pytester.runpytest_subprocess(*dsn_args(own_server, "--pggit-cache-key", key))
        result.assert_outcomes(passed=1)
        made.append(re.search(r"kept as (pggit_cache_\w+)", result.stdout.str()).group(1))
        if key == "one":
            continue
        result.stdout.fnmatch_lines(["*miss: key changed: --pggit-cache-key changed*"])
    assert cache_entries(own_server) == sorted(made[1:])     # the newest 3
    # using an entry keeps it: "two" is used, then "five" built: "three" goes
    pytester.runpytest_subprocess(*dsn_args(own_server, "--pggit-cache-key", "two")
                                  ).stdout.fnmatch_lines(["*template cache hit*"])
    result = pytester.runpytest_subprocess(*dsn_args(own_server, "--pggit-cache-key", "five"))
    five = re.search(r"kept as (pggit_cache_\w+)", result.stdout.str()).group(1)
    assert cache_entries(own_server) == sorted([made[1], made[3], five])


# ----------------------------------------------------------------- DSN: after kill -9
def _spawn_sleeping(pytester: pytest.Pytester, server: Server, marker: str) -> "subprocess.Popen[str]":
    proc = subprocess.Popen([sys.executable, "-m", "pytest", *dsn_args(server)],
                            cwd=str(pytester.path), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 90
    while not (pytester.path / marker).exists():
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            pytest.fail("the run never reached its test:\n" + proc.communicate()[0])
        time.sleep(0.05)
    return proc


def test_a_later_run_drops_the_databases_of_a_killed_run(pytester: pytest.Pytester, layer: Path,
                                                         own_server: Server) -> None:
    make_project(pytester, layer, sleep="pathlib.Path('sleeping').write_text('x'); time.sleep(120)")
    proc = _spawn_sleeping(pytester, own_server, "sleeping")
    run_dbs = [d for d in databases(own_server, "pggit%") if not d.startswith("pggit_cache_")]
    assert run_dbs, "the sleeping run's template exists"
    prefix = re.match(r"pggit_[0-9a-f]+_", run_dbs[0]).group(0)

    # a run while it lives leaves its databases alone
    pytester.makepyfile(test_it=TESTS.format(sleep=""))
    alive = pytester.runpytest_subprocess(*dsn_args(own_server))
    alive.assert_outcomes(passed=1)
    alive.stdout.no_fnmatch_line("*dropped * database(s)*")
    assert [d for d in databases(own_server, "pggit%") if d.startswith(prefix)] == run_dbs

    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert [d for d in databases(own_server, "pggit%") if d.startswith(prefix)] == run_dbs
    later = pytester.runpytest_subprocess(*dsn_args(own_server))
    later.assert_outcomes(passed=1)
    later.stdout.fnmatch_lines([f"pggit: dropped {len(run_dbs)} database(s) of 1 run(s) that ended "
                                f"without cleaning up (killed?): {prefix}*"])
    assert databases(own_server, "pggit%") == cache_entries(own_server)


# ----------------------------------------------------------------- pieces without a server
def test_generations_of_the_local_cache_are_pruned(tmp_path: Path) -> None:
    """Per layer key the newest generation stays, for the 3 layer keys with the newest
    generations; the others go once unused for a minute (a run touches the one it copies
    first).  A generation's number is when it was stored (``time_ns``)."""
    from pytest_pggit.backends.local.cache import prune_generations

    now = time.time()
    base = "15.1-101-abc-w1"
    entry = tmp_path / f"{base}-layer-k1"
    entry.mkdir()

    def gen(key: str, n: int, age: float) -> Path:
        p = tmp_path / f"{base}-tpl-{key}-{n}"
        p.mkdir()
        os.utime(p, (now - age, now - age))
        return p

    k1 = [gen("k1", n, 3600) for n in (1, 2, 3)]
    k1_recent = gen("k1", 20, 10)                     # the newest generation of all
    others = [gen(k, 10 + i, 3600) for i, k in enumerate(("k2", "k3", "k4"))]
    busy = gen("k1", 0, 5)                            # old, but copied a moment ago
    foreign = tmp_path / "16.2-101-def-w1-tpl-k1-1"   # another build: not a sibling
    foreign.mkdir()
    removed = prune_generations(entry, min_age=60)
    # k1: only the newest stays (and the busy one); k2 is the 4th newest key: gone
    assert sorted(p.name for p in removed) == sorted(p.name for p in k1 + [others[0]])
    assert all(p.exists() for p in (k1_recent, busy, others[1], others[2], foreign, entry))


def test_a_generation_holding_a_template_no_newer_one_holds_stays(tmp_path: Path) -> None:
    """D7: two runs that missed at the same time each kept a generation with their own
    template; the newer one lacks the older one's, so the older stays (up to three per
    layer key) and the run wanting it copies it instead of rebuilding."""
    import json

    from pytest_pggit.backends.local.cache import holds_project, prune_generations

    now = time.time()
    base = "15.1-101-abc-w1"
    entry = tmp_path / f"{base}-layer-k1"
    entry.mkdir()

    def gen(n: int, held: dict) -> Path:
        p = tmp_path / f"{base}-tpl-k1-{n}"
        p.mkdir()
        (p / "templates.json").write_text(json.dumps({"entries": {
            d: {"key": k, "inputs": {"rootdir": "/p/" + d[-1]}} for d, k in held.items()}}))
        os.utime(p, (now - 3600, now - 3600))
        return p

    a_only = gen(1, {"pggit_cache_a": "ka"})
    both_old = gen(2, {"pggit_cache_a": "ka", "pggit_cache_b": "kb0"})
    c_run = gen(3, {"pggit_cache_a": "ka", "pggit_cache_c": "kc"})       # concurrent with b's
    b_run = gen(4, {"pggit_cache_a": "ka", "pggit_cache_b": "kb"})       # the newest
    removed = prune_generations(entry, min_age=60)
    # a's template is in the newest; b's old key is superseded in nothing newer but is
    # unique: kept as the third; c's run is unique: kept
    assert sorted(p.name for p in removed) == [a_only.name]
    assert b_run.exists() and c_run.exists() and both_old.exists()
    assert holds_project(json.loads((c_run / "templates.json").read_text()), "/p/c")
    assert not holds_project(json.loads((b_run / "templates.json").read_text()), "/p/c")


def test_a_miss_names_what_changed() -> None:
    from pytest_pggit.template_cache import CacheKey, Entry, explain_miss

    old = {"rootdir": "/p", "layer": "a", "schema file s/1.sql": "x", "step 0000 app/1": "y",
           "hook conftest.py": "h"}
    new = dict(old, **{"schema file s/1.sql": "x2", "step 0001 app/2": "z"})
    del new["hook conftest.py"]
    entry = Entry(key="k", inputs=old, steps=[], built_at=1.0)
    other = Entry(key="o", inputs={"rootdir": "/elsewhere"}, steps=[], built_at=2.0)
    assert explain_miss(CacheKey(new), [entry, other]) == (
        "key changed: schema file s/1.sql changed, step app/2 added, hook conftest.py removed")
    assert explain_miss(CacheKey(new), [other]) == "no cached template of this project yet"
    assert explain_miss(CacheKey(dict(old)), [entry]).startswith("key changed")
    # H4: one step new in the middle of a plan of 250 shifts the later ones: they are not
    # "added" and "removed", the one step is
    plan = {f"step {i:04d} app/{i}": f"d{i}" for i in range(250)}
    shifted = {f"step {i + (i >= 100):04d} app/{i}": f"d{i}" for i in range(250)}
    shifted["step 0100 other/0011_new"] = "n"
    entry = Entry(key="k", inputs={"rootdir": "/p", **plan}, steps=[], built_at=1.0)
    assert explain_miss(CacheKey({"rootdir": "/p", **shifted}), [entry]) == (
        "key changed: step other/0011_new added")
    swapped = dict(plan, **{"step 0003 app/4": "d4", "step 0004 app/3": "d3"})
    del swapped["step 0003 app/3"], swapped["step 0004 app/4"]
    assert explain_miss(CacheKey({"rootdir": "/p", **swapped}), [entry]) == (
        "key changed: the steps' order changed")


def test_a_clone_waits_for_the_sessions_just_closed(pggit_server: Server) -> None:
    """wait_for_exits: once it returns, the closed session is gone, so CREATE DATABASE
    ... TEMPLATE does not find it there (and sleep 100 ms before looking again)."""
    from pytest_pggit.janitor import DatabaseJanitor, admin_connect
    from pytest_pggit.template_cache import wait_for_exits

    source = DatabaseJanitor(pggit_server, f"pggit_waittest_{os.getpid()}")
    db = source.create()
    try:
        with admin_connect(pggit_server) as admin:
            for by_pid in (True, False):
                with psycopg.connect(db.dsn, autocommit=True) as conn:
                    pid = conn.info.backend_pid
                wait_for_exits(admin, db.name, pid if by_pid else None)
                left = admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s",
                                     (pid,)).fetchone()
                assert left == (0,)
    finally:
        source.drop()


# ----------------------------------------------------------------- reusing a cached prefix
PREFIX_TESTS = """
import pathlib

def test_marks(pggit):
    marks = pggit.execute("SELECT string_agg(step || '@' || built_in, ',' ORDER BY step) FROM marks")[0][0]
    trees = [pggit.execute("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = %s",
                           (c.sha,))[0][0] for c in pggit.history(limit=100)]
    pathlib.Path("seen.txt").write_text(f"{marks} {','.join(trees)}")
"""


def sql_step_file(pytester: pytest.Pytester, n: int, extra: str = "") -> None:
    """``schema/00n.sql``: a table of its own and a mark naming the database it ran in
    (the template of the build that applied it)."""
    create = "CREATE TABLE marks (step text, built_in text);\n" if n == 1 else ""
    (pytester.path / "schema" / f"{n:03d}.sql").write_text(
        f"{create}CREATE TABLE t{n} (id int{extra});\n"
        f"INSERT INTO marks VALUES ('{n:03d}', current_database());\n")


def prefix_project(pytester: pytest.Pytester, layer: Path, steps: int) -> None:
    pytester.makepyfile(test_it=PREFIX_TESTS)
    pytester.makeini(f"[pytest]\npggit_sql_dir = {layer}\n")
    (pytester.path / "schema").mkdir(exist_ok=True)
    for n in range(1, steps + 1):
        sql_step_file(pytester, n)


def assert_no_reuse(result: pytest.RunResult) -> None:
    result.stdout.no_fnmatch_line("*steps can be reused from*")
    result.stdout.no_fnmatch_line("*template cache: reused*")


def marks_and_trees(pytester: pytest.Pytester) -> "tuple[Dict[str, str], List[str]]":
    marks, trees = (pytester.path / "seen.txt").read_text().split()
    return dict(m.split("@") for m in marks.split(",")), trees.split(",")


def test_a_new_step_starts_from_the_cached_prefix(pytester: pytest.Pytester, layer: Path,
                                                  own_server: Server) -> None:
    """Q3b: one step added to the end: the entry holding the others is cloned and only the
    new step runs; the template is the one a build from scratch makes (the same trees,
    commit by commit); the new entry is kept, and a hit next time."""
    prefix_project(pytester, layer, 3)
    first = pytester.runpytest_subprocess(*dsn_args(own_server))
    first.assert_outcomes(passed=1)
    first_entry = re.search(r"kept as (pggit_cache_\w+)", first.stdout.str()).group(1)
    marks, _ = marks_and_trees(pytester)
    assert len(set(marks.values())) == 1

    sql_step_file(pytester, 4)
    second = pytester.runpytest_subprocess(*dsn_args(own_server, "-rA"))
    second.assert_outcomes(passed=1)
    second.stdout.fnmatch_lines([
        f"pggit: template cache miss: key changed: schema file schema/004.sql added; 3 of 4 steps "
        f"can be reused from {first_entry}; the template is built and kept for the next run",
        f"pggit: template cache miss (key changed: schema file schema/004.sql added): built in * s, "
        f"kept as pggit_cache_*; template cache: reused 3 of 4 steps from {first_entry}, applied 1",
    ])
    marks2, trees = marks_and_trees(pytester)
    assert {k: v for k, v in marks2.items() if k != "004"} == marks   # not run again
    assert marks2["004"] != marks["001"]                               # run now
    assert len(trees) == 5                                             # root and 4 steps

    scratch = pytester.runpytest_subprocess(*dsn_args(own_server, "--pggit-no-cache"))
    scratch.assert_outcomes(passed=1)
    marks3, scratch_trees = marks_and_trees(pytester)
    assert len(set(marks3.values())) == 1
    assert scratch_trees == trees

    again = pytester.runpytest_subprocess(*dsn_args(own_server))
    again.assert_outcomes(passed=1)
    again.stdout.fnmatch_lines(["pggit: template cache hit: pggit_cache_* (nothing changed)"])
    assert marks_and_trees(pytester) == (marks2, trees)


def test_an_edited_old_step_builds_from_scratch(pytester: pytest.Pytester, layer: Path,
                                                own_server: Server) -> None:
    """The prefix is broken: nothing is reused (and a removed last step too)."""
    prefix_project(pytester, layer, 3)
    pytester.runpytest_subprocess(*dsn_args(own_server)).assert_outcomes(passed=1)
    sql_step_file(pytester, 2, extra=", note text")
    sql_step_file(pytester, 4)
    result = pytester.runpytest_subprocess(*dsn_args(own_server, "-rA"))
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([
        "pggit: template cache miss: key changed: schema file schema/002.sql changed, "
        "schema file schema/004.sql added; the template is built and kept for the next run"])
    assert_no_reuse(result)
    marks, _ = marks_and_trees(pytester)
    assert len(marks) == 4 and len(set(marks.values())) == 1

    (pytester.path / "schema" / "004.sql").unlink()   # fewer steps: no entry is a prefix
    result = pytester.runpytest_subprocess(*dsn_args(own_server, "-rA"))
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["pggit: template cache miss: key changed: "
                                 "schema file schema/004.sql removed; the template is built*"])
    assert_no_reuse(result)


def test_a_setup_hook_is_never_reused_as_a_prefix(pytester: pytest.Pytester, layer: Path,
                                                  own_server: Server) -> None:
    """The entry's state holds what the setup hook did after the steps: no prefix state."""
    prefix_project(pytester, layer, 2)
    pytester.makeconftest("def pytest_pggit_setup(connection, database):\n"
                          "    connection.execute('CREATE TABLE hooked (id int)')\n")
    pytester.runpytest_subprocess(*dsn_args(own_server)).assert_outcomes(passed=1)
    sql_step_file(pytester, 3)
    result = pytester.runpytest_subprocess(*dsn_args(own_server, "-rA"))
    result.assert_outcomes(passed=1)
    assert_no_reuse(result)
    assert len(set(marks_and_trees(pytester)[0].values())) == 1


def test_a_miss_compares_with_the_nearest_entry_of_its_kind() -> None:
    """Q4: the newest entry of the project may be a git base's (older steps): the miss
    names what changed since the project's own template; the layer, pytest-pggit and
    server are named as such."""
    from pytest_pggit.template_cache import GIT_BASE, PROJECT, CacheKey, Entry, explain_miss

    fixed = {"rootdir": "/p", "layer": "L", "pytest-pggit": "P", "server": "150000"}
    steps = {f"step {i:04d} alembic/{i}": f"d{i}" for i in range(5)}
    base = Entry(key="b", inputs=dict(fixed, **{f"step {i:04d} alembic/{i}": "old" for i in range(3)}),
                 steps=[], built_at=5.0, kind=GIT_BASE)
    mine = Entry(key="m", inputs=dict(fixed, **steps), steps=[], built_at=1.0, kind=PROJECT)
    now = CacheKey({**fixed, **steps, "step 0004 alembic/4": "edited"})
    assert explain_miss(now, [base, mine]) == "key changed: step alembic/4 changed"
    for name in ("layer", "pytest-pggit", "server"):
        key = CacheKey(dict(mine.inputs, **{name: "new"}))
        assert explain_miss(key, [base, mine]) == f"key changed: {name} changed"
    both = CacheKey(dict(mine.inputs, layer="new", **{"step 0005 alembic/5": "d5"}))
    assert explain_miss(both, [base, mine]) == "key changed: layer changed, step alembic/5 added"
    gone = CacheKey({k: v for k, v in mine.inputs.items() if k != "step 0004 alembic/4"})
    assert explain_miss(gone, [base, mine]) == "key changed: step alembic/4 removed"


def test_a_changed_layer_is_named(pytester: pytest.Pytester, tmp_path: Path,
                                  own_server: Server) -> None:
    """Q4 (a): the layer changed: "layer changed", not "no cached template of this
    project yet"; and no entry of the old layer is reused."""
    import shutil

    from pytest_pggit import sqlfiles

    layer = tmp_path / "sql"
    shutil.copytree(sqlfiles.sql_dir(), layer)
    prefix_project(pytester, layer, 2)
    pytester.runpytest_subprocess(*dsn_args(own_server)).assert_outcomes(passed=1)
    with open(layer / "install.sql", "a") as f:
        f.write("\n-- edited\n")
    sql_step_file(pytester, 3)
    result = pytester.runpytest_subprocess(*dsn_args(own_server))
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["pggit: template cache miss: key changed: layer changed, "
                                 "schema file schema/003.sql added; the template is built*"])
    assert_no_reuse(result)


def test_a_django_migration_added_reuses_the_entry_and_its_statements(
        pytester: pytest.Pytester, own_server: Server) -> None:
    """Django: a migration added starts from the entry of the others (their state, as
    Django's executor reads it from django_migrations); the statements the reused steps
    sent come back from the entry and are kept with the new one (the gate's data check
    reads them), and the template is the one a build from scratch makes."""
    pytest.importorskip("django")
    pytest.importorskip("pytest_django")
    import json
    import textwrap

    from test_tool_django import INITIAL, _one_app

    purge = """
        from django.db import migrations

        def forwards(apps, schema_editor):
            apps.get_model("appk", "Item").objects.all().delete()

        class Migration(migrations.Migration):
            dependencies = [("appk", "0001_initial")]
            operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
        """
    _one_app(pytester, "appk", {"0001_initial": INITIAL, "0002_purge": purge})
    pytester.makepyfile(test_x="""
        import pathlib

        def test_db(pggit):
            head = pggit.execute("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = %s",
                                 (pggit.head(),))[0][0]
            pathlib.Path("tree.txt").write_text(head)
        """)
    args = ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", own_server.dsn(), "-rA"]

    def entries() -> Dict[str, dict]:
        with psycopg.connect(own_server.dsn(), autocommit=True) as conn:
            return {n: json.loads(c) for n, c in conn.execute(
                "SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE datname LIKE 'pggit_cache_%'")}

    pytester.runpytest_subprocess(*args).assert_outcomes(passed=1)
    (old, meta), = entries().items()
    purged = meta["executed"]["django/appk/0002_purge"]
    assert any(s.startswith('DELETE FROM "appk_item"') for s in purged), purged
    (pytester.path / "appk" / "migrations" / "0003_b.py").write_text(textwrap.dedent("""
        from django.db import migrations, models

        class Migration(migrations.Migration):
            dependencies = [("appk", "0002_purge")]
            operations = [migrations.AddField("Item", "b", models.IntegerField(null=True))]
        """))
    result = pytester.runpytest_subprocess(*args)
    result.assert_outcomes(passed=1)
    assert f"template cache: reused 2 of 3 steps from {old}, applied 1" in result.stdout.str()
    tree = (pytester.path / "tree.txt").read_text()
    new = {n: m for n, m in entries().items() if n != old}
    (meta,) = new.values()
    assert meta["executed"]["django/appk/0002_purge"] == purged
    assert meta["reused_from"] == old and meta["applied"] == 1
    pytester.runpytest_subprocess(*args, "--pggit-no-cache").assert_outcomes(passed=1)
    assert (pytester.path / "tree.txt").read_text() == tree


def test_a_django_migration_added_to_a_project_with_djangos_apps_reuses_the_entry(
        pytester: pytest.Pytester, own_server: Server) -> None:
    """U7: with Django's own apps installed, the plan moved the last commit's migration
    after them (sessions/0001 sorts last), and once a newer one came it went back among
    them: "the steps' order changed", every new migration rebuilt the whole plan.  The
    plan is oldest first now: the untracked migration starts from the clean tree's entry,
    committing it changes nothing, and a ``git:`` base of the commit before is that
    entry too."""
    pytest.importorskip("django")
    pytest.importorskip("pytest_django")
    import textwrap

    from test_tool_django import INITIAL, _one_app

    def migration(n: int) -> str:
        return textwrap.dedent(f"""
            from django.db import migrations, models

            class Migration(migrations.Migration):
                dependencies = [("appk", "{n - 1:04d}_{'initial' if n == 2 else f'c{n - 1}'}")]
                operations = [migrations.AddField("Item", "c{n}", models.IntegerField(null=True))]
            """)

    _one_app(pytester, "appk", {"0001_initial": INITIAL})
    settings = pytester.path / "site_cfg" / "settings.py"
    settings.write_text(settings.read_text().replace(
        '["appk"]', '["django.contrib.contenttypes", "django.contrib.auth", "appk", "django.contrib.sessions"]'))
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"]

    def commit(message: str, when: int) -> None:
        env = dict(os.environ, GIT_AUTHOR_DATE=f"{when} +0000", GIT_COMMITTER_DATE=f"{when} +0000")
        subprocess.run(git + ["add", "-A"], cwd=pytester.path, check=True, env=env)
        subprocess.run(git + ["commit", "-q", "-m", message], cwd=pytester.path, check=True, env=env)

    subprocess.run(git + ["init", "-q"], cwd=pytester.path, check=True)
    commit("Django's apps and appk", 1_700_000_000)
    (pytester.path / "appk" / "migrations" / "0002_c2.py").write_text(migration(2))
    commit("c2", 1_700_001_000)
    args = ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", own_server.dsn(), "-rA",
            "-p", "no:randomly", "-p", "no:cacheprovider"]
    first = pytester.runpytest_subprocess(*args)
    first.assert_outcomes(passed=1)
    entry = re.search(r"kept as (pggit_cache_\w+)", first.stdout.str()).group(1)
    steps = int(re.search(r"(\d+) migration step\(s\) committed", first.stdout.str()).group(1))
    assert steps > 10, first.stdout.str()   # Django's apps' migrations and appk's two

    (pytester.path / "appk" / "migrations" / "0003_c3.py").write_text(migration(3))
    second = pytester.runpytest_subprocess(*args)
    second.assert_outcomes(passed=1)
    out = second.stdout.str()
    assert f"template cache: reused {steps} of {steps + 1} steps from {entry}, applied 1" in out, out
    assert "order changed" not in out, out

    # a git base of the clean tree is the first run's entry (the same steps, in order)
    based = pytester.runpytest_subprocess(*args, "--pggit-gate", "--pggit-base", "git:HEAD")
    assert f"from the template cache ({entry}, hit)" in based.stdout.str(), based.stdout.str()

    commit("c3", 1_700_002_000)
    third = pytester.runpytest_subprocess(*args)
    third.assert_outcomes(passed=1)
    third.stdout.fnmatch_lines(["pggit: template cache hit: pggit_cache_* (nothing changed)"])


def test_a_hit_names_the_build_time_in_utc(pytester: pytest.Pytester, layer: Path, own_server: Server,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """U8: the hit's build time was local time without saying so (Django sets the process's
    TZ from settings.TIME_ZONE: an entry built a minute before read as six hours old)."""
    import datetime

    make_project(pytester, layer)
    monkeypatch.setenv("TZ", "Etc/GMT+6")
    pytester.runpytest_subprocess(*dsn_args(own_server)).assert_outcomes(passed=1)
    result = pytester.runpytest_subprocess(*dsn_args(own_server, "-rA"))
    result.assert_outcomes(passed=1)
    m = re.search(r"\(nothing changed; built (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) UTC in ", result.stdout.str())
    assert m, result.stdout.str()
    built = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    assert abs((datetime.datetime.now(datetime.timezone.utc) - built).total_seconds()) < 900


def test_a_project_whose_entry_was_evicted_is_told_so(pytester: pytest.Pytester, layer: Path,
                                                      own_server: Server) -> None:
    """Q4a: once three other projects' runs had pruned a project's entry, its next run said
    "no cached template of this project yet", minutes after it had one.  The entry kept
    remembers the projects whose entries were dropped."""
    from pytest_pggit.template_cache import KEEP

    def project(name: str) -> Path:
        root = pytester.path / name
        (root / "schema").mkdir(parents=True)
        (root / "schema" / "001.sql").write_text(f"CREATE TABLE {name} (id int);\n")
        (root / "pytest.ini").write_text(f"[pytest]\npggit_sql_dir = {layer}\n")
        (root / "test_it.py").write_text("def test_db(pggit_db):\n    pass\n")
        return root

    def run(root: Path) -> pytest.RunResult:
        result = pytester.runpytest_subprocess(
            "--pggit", "--pggit-dsn", own_server.dsn(), "--pggit-schema", str(root / "schema"),
            "-p", "no:randomly", "-p", "no:cacheprovider", "--rootdir", str(root), "-c",
            str(root / "pytest.ini"), str(root))
        result.assert_outcomes(passed=1)
        return result

    first = run(project("p0"))
    entry = re.search(r"kept as (pggit_cache_\w+)", first.stdout.str()).group(1)
    for i in range(1, KEEP + 1):
        run(project(f"p{i}"))
    assert entry not in cache_entries(own_server)
    again = run(pytester.path / "p0")
    again.stdout.fnmatch_lines([f"pggit: template cache miss: the cached template of this project ({entry}) "
                                f"was evicted at * UTC: the server keeps the {KEEP} most recently used "
                                "templates, of every project using it; the template is built*"])


def test_an_alembic_revision_added_reuses_the_entry(pytester: pytest.Pytester,
                                                    own_server: Server) -> None:
    """Alembic: the new revision upgrades from the entry's ``alembic_version`` (one
    command, as a batch of one); the template is the one a build from scratch makes."""
    pytest.importorskip("alembic")
    pytest.importorskip("sqlalchemy")
    from test_tool_alembic import write_project

    def linear(n: int) -> Dict[str, tuple]:
        return {f"r{i}": (f"r{i - 1}" if i > 1 else None, f'op.execute("CREATE TABLE t{i} (id int)")',
                          f'op.execute("DROP TABLE t{i}")', "") for i in range(1, n + 1)}

    write_project(pytester.path, linear(3))
    pytester.makepyfile(test_it="""
        import pathlib

        def test_tree(pggit):
            tree = pggit.execute("SELECT tree_sha FROM pggit_v0.commit_graph WHERE commit_sha = %s",
                                 (pggit.head(),))[0][0]
            version = pggit.execute("SELECT version_num FROM alembic_version")[0][0]
            pathlib.Path("tree.txt").write_text(f"{tree} {version}")
        """)
    args = ["--pggit", "--pggit-dsn", own_server.dsn(), "--pggit-alembic", "-rA",
            "-p", "no:randomly"]
    first = pytester.runpytest_subprocess(*args)
    first.assert_outcomes(passed=1)
    entry = re.search(r"kept as (pggit_cache_\w+)", first.stdout.str()).group(1)
    write_project(pytester.path, linear(4))
    result = pytester.runpytest_subprocess(*args)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([f"*template cache: reused 3 of 4 steps from {entry}, applied 1"])
    tree, version = (pytester.path / "tree.txt").read_text().split()
    assert version == "r4"
    pytester.runpytest_subprocess(*args, "--pggit-no-cache").assert_outcomes(passed=1)
    assert (pytester.path / "tree.txt").read_text() == f"{tree} r4"


def test_an_entry_another_role_owns_is_never_cloned(pytester: pytest.Pytester, layer: Path,
                                                    own_server: Server) -> None:
    """Security round 2, V5: on a shared server a role made a database under the name of
    another's entry, copied its comment (readable by every role), and the other's next
    run cloned it for its tests and gate.  Only entries the run's role owns are used;
    the run builds its own and says why it keeps none."""
    make_project(pytester, layer)
    first = pytester.runpytest_subprocess(*dsn_args(own_server))
    first.assert_outcomes(passed=1)
    (entry,) = cache_entries(own_server)
    with psycopg.connect(own_server.dsn(), autocommit=True) as conn:
        conn.execute("CREATE ROLE v5_intruder LOGIN CREATEDB")
        conn.execute(f'ALTER DATABASE "{entry}" OWNER TO v5_intruder')   # as if it had planted it
        conn.execute(f'ALTER DATABASE "{entry}" IS_TEMPLATE false')
        with psycopg.connect(own_server.dsn(entry), autocommit=True) as planted:
            planted.execute("CREATE TABLE planted_by_v5 (id int)")
        conn.execute(f'ALTER DATABASE "{entry}" IS_TEMPLATE true')
    second = pytester.runpytest_subprocess(*dsn_args(own_server))
    second.assert_outcomes(passed=1)
    out = second.stdout.str()
    assert "template cache hit" not in out, out
    assert f"not kept: database {entry} belongs to role v5_intruder" in out, out
    assert "planted_by_v5" not in seen(pytester)["main"]
