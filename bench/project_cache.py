"""Benchmark: a project of 50 migration files, first run (template built) against the
second (template cache hit).

    .venv/bin/python bench/project_cache.py [--files 50] [--repeat 3] [--kind sql|steps]
                                            [--dsn URI] [--json out.json]

A generated project (a temporary directory) holds ``--files`` migrations: plain SQL
schema files (``--kind sql``, ``--pggit-schema migrations``) or a conftest hook's steps
(``--kind steps``, one ``pytest_pggit_migration_steps`` step per ``.sql`` file, each run
in a session of its own like a migration tool's).  Each file creates a table with an
index and a foreign key to an earlier table, or alters an earlier one; every step is a
commit and a tag of the template's pggit history.

Measured, each pytest run a fresh process as a user starts it: the time from starting
``pytest`` to the first line of the first test (``pggit_conn``).  A round is a first run
(the key is new: ``--pggit-cache-key round-N``, the template is built and cached) and a
second run (nothing changed: the cached template is cloned).  Before the rounds a
warm-up run fills the local backend's initdb and layer caches (``$PGGIT_CACHE_DIR``, a
private directory here), so both runs start the server alike and the difference is the
template.  Prints the median of each, and the ratio (target: second <= 0.3 x first).

With ``--add-one`` each round has a third run: one migration file more (the next one),
a miss whose cached prefix is reused (only the new step is applied), then the file is
removed again.  Prints its median and its ratio to the first run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
PY = ROOT / ".venv" / "bin" / "python"
TARGET = 0.3

FIRST_TEST = '''
import os, time
def test_first(pggit_conn):
    open(os.environ["BENCH_FIRST"], "w").write(repr(time.time()))
    assert pggit_conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                              ).fetchone()[0] >= 1
'''

STEPS_CONFTEST = '''
import pathlib
from pytest_pggit.steps import Step

HERE = pathlib.Path(__file__).parent

def _run(path):
    def upgrade(database):
        with database.connect(autocommit=True) as conn:
            conn.execute(path.read_text())
    return upgrade

def pytest_pggit_migration_steps(config, root):
    files = sorted((pathlib.Path(root) / "migrations").glob("*.sql"))
    return [Step("app", f.stem, f.stem, _run(f), source=f"migrations/{f.name}") for f in files]
'''


def migration(i: int) -> str:
    """The ``i``-th migration (1-based): a table per file, every fifth file alters an
    earlier table instead (a column, an index, a check)."""
    if i % 5 == 0:
        t = i - 3
        return (f"ALTER TABLE t{t:03d} ADD COLUMN extra_{i} text;\n"
                f"CREATE INDEX t{t:03d}_extra_{i} ON t{t:03d} (extra_{i});\n"
                f"ALTER TABLE t{t:03d} ADD CONSTRAINT t{t:03d}_chk_{i} CHECK (qty >= 0);\n")
    parent = f",\n  parent_id int REFERENCES t{i - 1:03d} (id)" if i > 1 and (i - 1) % 5 else ""
    return (f"CREATE TABLE t{i:03d} (\n  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            f"  name text NOT NULL,\n  qty int NOT NULL DEFAULT 0,\n"
            f"  created_at timestamptz NOT NULL DEFAULT now(){parent}\n);\n"
            f"CREATE INDEX t{i:03d}_name ON t{i:03d} (name);\n"
            f"COMMENT ON TABLE t{i:03d} IS 'migration {i}';\n")


def make_project(root: Path, files: int, kind: str) -> List[str]:
    """Write the project; returns the pytest arguments it needs."""
    mig = root / "migrations"
    mig.mkdir(parents=True)
    for i in range(1, files + 1):
        (mig / f"{i:04d}_m.sql").write_text(migration(i))
    (root / "test_first.py").write_text(FIRST_TEST)
    (root / "pytest.ini").write_text("[pytest]\n")
    if kind == "steps":
        (root / "conftest.py").write_text(STEPS_CONFTEST)
        return []
    return ["--pggit-schema", "migrations"]


def run(root: Path, args: List[str], env: Dict[str, str]) -> Dict[str, Any]:
    """One pytest run; the seconds from its start to the first test, and its output."""
    first = root / "first.txt"
    first.unlink(missing_ok=True)
    env = dict(env, BENCH_FIRST=str(first))
    t0 = time.time()
    proc = subprocess.run([str(PY), "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly",
                           "-p", "no:xdist", "-q", "-rA", "--pggit", *args], cwd=str(root), env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0 or not first.exists():
        raise SystemExit(f"pytest failed ({proc.returncode}):\n{proc.stdout}")
    cache = [line for line in proc.stdout.splitlines() if line.startswith("pggit: template cache")]
    return {"to_first_test": float(first.read_text()) - t0, "total": time.time() - t0,
            "cache": cache}


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--kind", choices=("sql", "steps"), default="sql")
    ap.add_argument("--dsn", help="use this server (DSN backend) instead of a local one")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--add-one", action="store_true",
                    help="a third run per round: one migration more (the cached prefix reused)")
    opts = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="pggit-bench-cache-"))
    cache_dir = Path(tempfile.mkdtemp(prefix="pggit-bench-cachedir-",
                                      dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None))
    os.chmod(cache_dir, 0o1777)
    env = dict(os.environ, PGGIT_CACHE_DIR=str(cache_dir))
    env.pop("PYTEST_XDIST_WORKER", None)
    try:
        args = make_project(work / "project", opts.files, opts.kind)
        if opts.dsn:
            args += ["--pggit-backend", "dsn", "--pggit-dsn", opts.dsn]
        else:
            args += ["--pggit-backend", "local"]
        warm = run(work / "project", args + ["--pggit-no-cache"], env)
        print(f"warm-up (initdb and layer caches filled, no template cache): "
              f"{warm['to_first_test']:.2f} s to the first test")
        firsts, seconds, added = [], [], []
        for r in range(opts.repeat):
            key = ["--pggit-cache-key", f"round-{r}-{time.time_ns()}"]
            a = run(work / "project", args + key, env)
            b = run(work / "project", args + key, env)
            if not any("hit" in line for line in b["cache"]):
                raise SystemExit(f"the second run did not hit the cache: {b['cache']}")
            firsts.append(a["to_first_test"])
            seconds.append(b["to_first_test"])
            print(f"round {r + 1}: first run {a['to_first_test']:.2f} s, second run "
                  f"{b['to_first_test']:.2f} s to the first test  ({b['cache'][-1]})")
            if opts.add_one:
                new = work / "project" / "migrations" / f"{opts.files + 1:04d}_m.sql"
                new.write_text(migration(opts.files + 1))
                c = run(work / "project", args + key, env)
                new.unlink()
                if not any("reused" in line for line in c["cache"]):
                    raise SystemExit(f"the run with one step more reused nothing: {c['cache']}")
                added.append(c["to_first_test"])
                print(f"         one step more: {c['to_first_test']:.2f} s  ({c['cache'][-1]})")
        first, second = statistics.median(firsts), statistics.median(seconds)
        ratio = second / first
        print(f"\n{opts.files} migration files ({opts.kind}), "
              f"{'dsn' if opts.dsn else 'local'} backend, median of {opts.repeat}:")
        print(f"  first run  (template built):  {first:.2f} s to the first test")
        print(f"  second run (cache hit):       {second:.2f} s to the first test")
        print(f"  ratio second/first: {ratio:.2f} (target <= {TARGET}: "
              f"{'met' if ratio <= TARGET else 'NOT met'})")
        if added:
            one = statistics.median(added)
            print(f"  one step more (prefix reused): {one:.2f} s to the first test "
                  f"({one / first:.2f} x the first run)")
        if opts.json:
            opts.json.write_text(json.dumps({"files": opts.files, "kind": opts.kind,
                                             "firsts": firsts, "seconds": seconds,
                                             "first": first, "second": second,
                                             "ratio": ratio, "added": added}, indent=2))
        return 0 if ratio <= TARGET else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(cache_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
