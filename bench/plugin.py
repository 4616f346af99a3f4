"""Benchmark: pytest-pggit against pytest-postgresql, measured in the same run.

    .venv/bin/python bench/plugin.py [--repeat 3] [--n 200] [--startup-only]

What is measured (each pytest run is a fresh process, as a user would start it):

* time from starting ``pytest`` to the first line of the first test that has a
  database: pytest-pggit's ``pggit_conn`` (server + SQL layer + template) cold (a
  fresh ``$PGGIT_CACHE_DIR``: initdb, the layer installed, the template built) and
  warm (the next run with it: the cached cluster copied, the cached template cloned),
  against pytest-postgresql's ``postgresql`` (it has no cache: every run runs initdb);
  targets (issue 15): cold at most 1.0x, warm at most 0.5x pytest-postgresql's;
* per-test isolation cost (not with ``--startup-only``): the median wall time of a test using the fixture
  minus the median of a test using none, in the same session: ``pggit_conn``
  (rolled-back transaction), ``pggit_isolated_db`` (cloned database) and
  pytest-postgresql's ``postgresql`` (database from its template, dropped after).

Fairness: PostgreSQL refuses to run as root and pytest-postgresql runs initdb and
pg_ctl directly, so when this script runs as root *both* tools' pytest runs are
started as the unprivileged OS user ``postgres`` (with this repository's venv,
which that user can read; the work directory is handed to it). Both get the same
PostgreSQL binaries (``pg_config --bindir``), their pytest base temp on the same
filesystem (``/dev/shm`` when present), and each run disables the other plugin
(``-p no:...``) so neither pays for loading the other.
"""
from __future__ import annotations

import argparse
import json
import os
import pwd
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

TIMING_CONFTEST = '''
import json, os, time, pytest
_times = {}

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    t0 = time.perf_counter()
    yield
    _times[item.name] = time.perf_counter() - t0

def pytest_sessionfinish(session):
    with open(os.environ["BENCH_TIMES"], "w") as fh:
        json.dump(_times, fh)
'''

FIRST_PGGIT = '''
import os, time
def test_first(pggit_conn):
    open(os.environ["BENCH_FIRST"], "w").write(repr(time.time()))
'''

FIRST_PGPG = '''
import os, time
def test_first(postgresql):
    open(os.environ["BENCH_FIRST"], "w").write(repr(time.time()))
'''

PER_TEST_PGGIT = '''
import pytest
N = {n}

@pytest.mark.parametrize("i", range(N))
def test_a_plain(i):
    pass

@pytest.mark.parametrize("i", range(N))
def test_b_conn(i, pggit_conn):
    pggit_conn.execute("SELECT 1")

@pytest.mark.parametrize("i", range(N // 2))
def test_c_isolated(i, pggit_isolated_db):
    pass
'''

PER_TEST_PGPG = '''
import pytest
N = {n}

@pytest.mark.parametrize("i", range(N))
def test_a_plain(i):
    pass

@pytest.mark.parametrize("i", range(N // 2))
def test_b_postgresql(i, postgresql):
    postgresql.execute("SELECT 1")
'''


def ensure_pytest_postgresql() -> str:
    try:
        out = subprocess.run([str(PY), "-c", "import pytest_postgresql, importlib.metadata as m; "
                              "print(m.version('pytest-postgresql'))"],
                             capture_output=True, text=True, check=True).stdout.strip()
        return out
    except subprocess.CalledProcessError:
        print("installing pytest-postgresql from PyPI into .venv ...", flush=True)
        subprocess.run([str(PY), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        "pytest-postgresql"], check=True)
        return ensure_pytest_postgresql()


def venv_site_packages() -> str:
    return subprocess.run([str(PY), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()


def system_python() -> str:
    want = subprocess.run([str(PY), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    for cand in (f"/usr/bin/python{want}", f"/usr/local/bin/python{want}"):
        if os.access(cand, os.X_OK):
            return cand
    raise SystemExit(f"no python{want} readable by the postgres user (the venv's interpreter is "
                     f"under a private directory); install python{want} or run as a normal user")


def pg_bindir() -> Path:
    out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip())


class Runner:
    """Runs pytest in ``work`` as the postgres OS user when we are root."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.user: Optional[pwd.struct_passwd] = None
        if os.geteuid() == 0:
            self.user = pwd.getpwnam("postgres")
            for p in [work, *work.rglob("*")]:
                os.chown(p, self.user.pw_uid, self.user.pw_gid)

    @property
    def who(self) -> str:
        return self.user.pw_name if self.user else pwd.getpwuid(os.geteuid()).pw_name

    def own(self, path: Path) -> Path:
        if self.user:
            os.chown(path, self.user.pw_uid, self.user.pw_gid)
        return path

    def write(self, name: str, text: str) -> Path:
        path = self.work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return self.own(path)

    def python(self) -> List[str]:
        """The venv's interpreter lives under /root (0700) when pyenv made it; the postgres
        user then runs the system python of the same minor version on the venv's packages."""
        if not self.user:
            return [str(PY)]
        return [system_python(), "-s"]

    def pytest(self, args: List[str], env: Dict[str, str], cwd: Path,
               root: Path = ROOT) -> subprocess.CompletedProcess:
        """pytest with ``root``'s pytest_pggit (this checkout's, or --ref's)."""
        full_env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("PYTEST_", "PGGIT_", "PG", "PYTHON", "VIRTUAL_ENV"))}
        full_env.update(HOME=str(self.work), PYTHONDONTWRITEBYTECODE="1", **env)
        kwargs: Dict[str, Any] = {}
        if self.user:
            kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
            full_env["PYTHONPATH"] = os.pathsep.join([str(root), venv_site_packages()])
        elif root != ROOT:
            full_env["PYTHONPATH"] = str(root)
        proc = subprocess.run([*self.python(), "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
                              cwd=str(cwd), env=full_env, capture_output=True, text=True, **kwargs)
        if proc.returncode != 0:
            raise SystemExit(f"pytest {' '.join(args)} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}")
        return proc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="runs per startup measurement (median)")
    ap.add_argument("--n", type=int, default=200, help="tests per group for per-test costs")
    ap.add_argument("--startup-only", action="store_true",
                    help="measure the start-up only (no per-test isolation costs)")
    ap.add_argument("--ref", type=Path, default=None,
                    help="also start another checkout's plugin (a folder holding pytest_pggit/ "
                    "and sql/), cold and warm, run by run alternating with this one's")
    args = ap.parse_args()

    pgpg_version = ensure_pytest_postgresql()
    bindir = pg_bindir()
    shm = Path("/dev/shm") if os.access("/dev/shm", os.W_OK) else Path(tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="pggit-bench-", dir=str(shm)))
    os.chmod(work, 0o755)
    try:
        return bench(work, bindir, pgpg_version, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench(work: Path, bindir: Path, pgpg_version: str, args: argparse.Namespace) -> int:
    runner = Runner(work)
    for d in ("pggit", "pgpg"):
        runner.own(Path(work / d)) if (work / d).mkdir() is None else None
        runner.write(f"{d}/pytest.ini", "[pytest]\n")
    runner.write("pggit/conftest.py", TIMING_CONFTEST)
    runner.write("pgpg/conftest.py", TIMING_CONFTEST)
    pggit_args = ["--pggit", "-p", "no:pytest_postgresql", "-p", "no:xdist", "-p", "no:randomly"]
    pgpg_args = ["-p", "no:pggit", "-p", "no:xdist", "-p", "no:randomly",
                 "--postgresql-exec", str(bindir / "pg_ctl"), "--postgresql-host", "127.0.0.1"]
    times = str(work / "times.json")
    first = str(work / "first.txt")

    def startup(tool: str, extra_env: Dict[str, str], root: Path = ROOT) -> float:
        d = work / tool
        base = work / f"basetemp-{tool}"
        shutil.rmtree(base, ignore_errors=True)
        env = {"BENCH_TIMES": times, "BENCH_FIRST": first, **extra_env}
        t0 = time.time()
        runner.pytest([*(pggit_args if tool == "pggit" else pgpg_args), "--basetemp", str(base),
                       "test_first.py"], env, d, root)
        return float(Path(first).read_text()) - t0

    runner.write("pggit/test_first.py", FIRST_PGGIT)
    runner.write("pgpg/test_first.py", FIRST_PGPG)
    how = (f"as OS user {runner.who!r} (PostgreSQL refuses root and pytest-postgresql runs "
           f"initdb/pg_ctl itself), interpreter {' '.join(runner.python())} with "
           f"PYTHONPATH={ROOT}:{venv_site_packages()} (the venv's own interpreter is under /root, "
           f"0700)" if runner.user else f"as {runner.who!r} with {PY}")
    print(f"both tools' pytest runs start {how}; PostgreSQL binaries {bindir}; pytest base temp "
          f"and pytest-pggit's data on {work.parent}; pytest-postgresql {pgpg_version}", flush=True)

    cold: List[float] = []
    warm: List[float] = []
    pgpg: List[float] = []
    ref_cold: List[float] = []
    ref_warm: List[float] = []
    for i in range(args.repeat):
        kinds = [("this", ROOT, cold, warm)]
        if args.ref is not None:   # which goes first alternates
            kinds.insert(i % 2, ("ref", args.ref.resolve(), ref_cold, ref_warm))
        for kind, root, c, w in kinds:
            cache = work / f"cache-{kind}-{i}"
            cache.mkdir()
            runner.own(cache)
            env = {"PGGIT_CACHE_DIR": str(cache)}
            c.append(startup("pggit", env, root))
            w.append(startup("pggit", env, root))
        pgpg.append(startup("pgpg", {}))
        ref = (f"; --ref cold {ref_cold[-1]*1000:.0f} ms, warm {ref_warm[-1]*1000:.0f} ms"
               if ref_cold else "")
        print(f"  startup run {i + 1} (load {os.getloadavg()[0]:.1f}): pggit cold "
              f"{cold[-1]*1000:.0f} ms, warm {warm[-1]*1000:.0f} ms, "
              f"pytest-postgresql {pgpg[-1]*1000:.0f} ms{ref}", flush=True)

    med = statistics.median
    load = os.getloadavg()
    res: Dict[str, Any] = {
        "startup_pggit_cold_s": med(cold), "startup_pggit_warm_s": med(warm),
        "startup_pytest_postgresql_s": med(pgpg),
        "startup_runs_s": {"pggit_cold": cold, "pggit_warm": warm, "pytest_postgresql": pgpg},
        "runs_as": runner.who, "pytest_postgresql": pgpg_version, "repeat": args.repeat,
        "loadavg_at_end": load,
    }
    print()
    print("time from `pytest` start to the first test with a database (median of "
          f"{args.repeat} runs; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}):")
    print(f"  pytest-pggit, cold (nothing cached) {res['startup_pggit_cold_s']*1000:7.0f} ms   "
          f"ratio to pytest-postgresql {med(cold)/med(pgpg):.2f} (target <= 1.00)")
    print(f"  pytest-pggit, warm (all cached)     {res['startup_pggit_warm_s']*1000:7.0f} ms   "
          f"ratio to pytest-postgresql {med(warm)/med(pgpg):.2f} (target <= 0.50)")
    print(f"  pytest-postgresql (no cache)        {res['startup_pytest_postgresql_s']*1000:7.0f} ms")
    paired = paired_ratios(cold, warm, pgpg)
    res.update(paired)
    print(f"  paired (median of each run's ratio to the pytest-postgresql run beside it): "
          f"cold {paired['paired_cold_ratio']:.2f}, warm {paired['paired_warm_ratio']:.2f}")
    if ref_cold:
        res.update(ref=str(args.ref), startup_ref_cold_s=med(ref_cold), startup_ref_warm_s=med(ref_warm),
                   startup_ref_runs_s={"pggit_cold": ref_cold, "pggit_warm": ref_warm})
        ref_paired = paired_ratios(ref_cold, ref_warm, pgpg)
        res.update({f"ref_{k}": v for k, v in ref_paired.items()})
        print(f"  --ref {args.ref}: cold {med(ref_cold)*1000:.0f} ms (ratio "
              f"{med(ref_cold)/med(pgpg):.2f}, paired {ref_paired['paired_cold_ratio']:.2f}), "
              f"warm {med(ref_warm)*1000:.0f} ms (ratio {med(ref_warm)/med(pgpg):.2f}, paired "
              f"{ref_paired['paired_warm_ratio']:.2f})")
        for kind, mine, theirs in (("cold", cold, ref_cold), ("warm", warm, ref_warm)):
            diffs = [(a - b) * 1000 for a, b in zip(mine, theirs)]
            faster = sum(d < 0 for d in diffs)
            res[f"ref_{kind}_diff_ms"] = diffs
            print(f"  this - ref, {kind}: median of pairs {med(diffs):+.0f} ms, this faster in "
                  f"{faster} of {len(diffs)}")
    if args.startup_only:
        return write_results(res)

    runner.write("pggit/test_per_test.py", PER_TEST_PGGIT.format(n=args.n))
    runner.write("pgpg/test_per_test.py", PER_TEST_PGPG.format(n=args.n))

    def per_test(tool: str) -> Dict[str, float]:
        a = pggit_args if tool == "pggit" else pgpg_args
        runner.pytest([*a, "--basetemp", str(work / f"basetemp-{tool}"), "test_per_test.py"],
                      {"BENCH_TIMES": times, "BENCH_FIRST": first}, work / tool)
        data = json.loads(Path(times).read_text())
        groups: Dict[str, List[float]] = {}
        for name, t in data.items():
            groups.setdefault(name.split("[")[0], []).append(t)
        # the first test of a group pays for session setup (server, template): left out
        return {g: statistics.median(v[1:]) for g, v in groups.items()}

    g = per_test("pggit")
    p = per_test("pgpg")
    conn = g["test_b_conn"] - g["test_a_plain"]
    iso = g["test_c_isolated"] - g["test_a_plain"]
    pgpg_test = p["test_b_postgresql"] - p["test_a_plain"]

    res.update({
        "per_test_pggit_conn_ms": conn * 1000, "per_test_pggit_isolated_db_ms": iso * 1000,
        "per_test_pytest_postgresql_ms": pgpg_test * 1000, "n": args.n,
    })
    print(f"per-test isolation cost (median test with the fixture minus median test without, "
          f"{args.n} tests):")
    print(f"  pggit_conn (rolled back)          {conn*1000:7.2f} ms   target < 5 ms   "
          f"ratio to pytest-postgresql's postgresql {conn/pgpg_test:.3f}")
    print(f"  pggit_isolated_db (clone)         {iso*1000:7.2f} ms   target < 30 ms  "
          f"ratio to pytest-postgresql's postgresql {iso/pgpg_test:.3f}")
    print(f"  pytest-postgresql postgresql      {pgpg_test*1000:7.2f} ms")
    return write_results(res)


def paired_ratios(cold: List[float], warm: List[float], pgpg: List[float]) -> Dict[str, float]:
    """The median of each run's ratio to the pytest-postgresql run of the same round: on a
    shared machine whose load drifts, steadier than the ratio of two medians."""
    return {"paired_cold_ratio": statistics.median(c / p for c, p in zip(cold, pgpg)),
            "paired_warm_ratio": statistics.median(w / p for w, p in zip(warm, pgpg))}


def write_results(res: Dict[str, Any]) -> int:
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / time.strftime("plugin-%Y%m%d-%H%M%S.json")
    out.write_text(json.dumps(res, indent=2))
    print(f"results: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
