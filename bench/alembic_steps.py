"""pytest --pggit --pggit-alembic --pggit-gate against pytest-alembic, on one generated
Alembic project (issue 14).

    .venv/bin/python bench/alembic_steps.py                    # 50 revisions, 3 runs
    .venv/bin/python bench/alembic_steps.py --revisions 20 --runs 1   # quick
    .venv/bin/python bench/alembic_steps.py --as-of HEAD --ref 43009fc   # committed work only

One throwaway server (the project's local backend) serves both tools; per run, each is a
pytest subprocess timed by wall clock, the order alternating between runs:

* pggit: ``pytest --pggit --pggit-backend dsn --pggit-alembic --pggit-gate --pggit-no-cache
  --pggit-base root`` and one test using ``pggit``: the template gets every revision as a
  commit and a tag, and the gate checks the whole history (integrity, alerts, hazards,
  migration, lint, single head, and the up/down check of *every* revision: ``--pggit-base
  root``).  Also timed: the default gate (``--pggit-base`` left out: the newest revision
  only), and both again with the template cache warm (the template cloned from the run
  before instead of built: a developer's next run; the up/down walk still runs).
* pytest-alembic: its ``test_upgrade`` and ``test_up_down_consistency`` (upgrade each
  revision one at a time, then downgrade them all one at a time) on an empty database of
  the same server; ``test_single_head_revision`` too, the peer of the single-head check.

The ratio is pggit's cold median (``--pggit-no-cache --pggit-base root``) over
pytest-alembic's; target <= 1.0 (no slower).  The two runs of that ratio are made back
to back in every round (their order alternating), so each pair sees about the same load
from other jobs; the paired ratios, the load average and the CPU seconds of each run
(the pytest process, and the server's backends: the postmaster's reaped children) are
printed too, as the machine this runs on is shared.
pytest-alembic 0.13.1 cannot collect under pytest 9 as a plugin, so it is installed with
``pip install --no-deps --target bench/.deps-pytest-alembic`` (never into .venv, where its
entry point would break every pytest run), its entry point disabled (``-p
no:pytest_alembic``) and its tests imported from a conftest, as its docs show.
Exit status 0 when the target is met, 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pytest_pggit.backends.local import LocalBackend  # noqa: E402

DEPS = ROOT / "bench" / ".deps-pytest-alembic"
REQUIREMENTS = ROOT / "bench" / "requirements-pytest-alembic.txt"
TARGET = 1.0

ENV_PY = '''\
from alembic import context
from sqlalchemy import engine_from_config, pool

config = context.config

# pytest-alembic's recipe: both tools pass an Engine in attributes["connection"]
connectable = config.attributes.get("connection")
if connectable is None:
    connectable = engine_from_config(config.get_section(config.config_ini_section, {}),
                                     prefix="sqlalchemy.", poolclass=pool.NullPool)
with connectable.connect() as connection:
    context.configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
'''


def revision_ops(i: int) -> "tuple[str, str]":
    """Upgrade and downgrade of revision ``i`` (1-based): tables, columns, indexes, foreign
    keys, checks and views in turn, every one reversible, none dropping data."""
    t = f"t{(i - 1) // 5 * 5 + 1:03d}"          # the table of this group of five
    prev = f"t{(i - 6) // 5 * 5 + 1:03d}" if i > 5 else None
    kind = (i - 1) % 5
    if kind == 0:
        fk = (f', sa.Column("{prev}_id", sa.BigInteger, sa.ForeignKey("{prev}.id"))' if prev else "")
        return (f'op.create_table("{t}", sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True), '
                f'sa.Column("name", sa.Text, nullable=False), '
                f'sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()){fk})',
                f'op.drop_table("{t}")')
    if kind == 1:
        return (f'op.add_column("{t}", sa.Column("amount", sa.Numeric(12, 2), server_default="0"))',
                f'op.drop_column("{t}", "amount")')
    if kind == 2:
        return (f'op.create_index("{t}_name_idx", "{t}", ["name"])',
                f'op.drop_index("{t}_name_idx", table_name="{t}")')
    if kind == 3:
        return (f'op.create_check_constraint("{t}_amount_ck", "{t}", "amount >= 0")',
                f'op.drop_constraint("{t}_amount_ck", "{t}", type_="check")')
    return (f'op.execute("CREATE VIEW {t}_named AS SELECT id, name FROM {t} WHERE name <> \'\'")',
            f'op.execute("DROP VIEW {t}_named")')


def generate_project(root: Path, revisions: int) -> None:
    versions = root / "migrations" / "versions"
    versions.mkdir(parents=True)
    (root / "alembic.ini").write_text(
        "[alembic]\nscript_location = %(here)s/migrations\npath_separator = os\n"
        "sqlalchemy.url = postgresql+psycopg://localhost/unused\n")
    (root / "migrations" / "env.py").write_text(ENV_PY)
    for i in range(1, revisions + 1):
        up, down = revision_ops(i)
        (versions / f"r{i:03d}.py").write_text(textwrap.dedent(f'''\
            """revision {i}"""
            from alembic import op
            import sqlalchemy as sa

            revision = "r{i:03d}"
            down_revision = {repr(f"r{i - 1:03d}") if i > 1 else None}


            def upgrade():
                {up}


            def downgrade():
                {down}
            '''))
    (root / "pggit_tests").mkdir()
    (root / "pggit_tests" / "test_schema.py").write_text(textwrap.dedent(f'''\
        def test_schema(pggit):
            tags = pggit.execute("SELECT count(*) FROM pggit_v0.list_tags() WHERE name LIKE 'alembic/%'")
            assert tags == [({revisions},)]
        '''))
    (root / "alembic_tests").mkdir()
    (root / "alembic_tests" / "conftest.py").write_text(textwrap.dedent('''\
        import os

        import pytest
        import sqlalchemy as sa

        pytest_plugins = ["pytest_alembic.plugin.fixtures"]


        @pytest.fixture
        def alembic_config():
            return {"file": os.environ["BENCH_ALEMBIC_INI"]}


        @pytest.fixture
        def alembic_engine():
            engine = sa.create_engine(os.environ["BENCH_ALEMBIC_URL"], poolclass=sa.pool.NullPool)
            yield engine
            engine.dispose()
        '''))
    (root / "alembic_tests" / "test_alembic.py").write_text(
        "from pytest_alembic.tests import (test_single_head_revision, test_up_down_consistency,\n"
        "                                  test_upgrade)\n")
    (root / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider -p no:randomly -q\n")


def ensure_pytest_alembic(log) -> str:
    """bench/.deps-pytest-alembic, installed (no dependencies: alembic, SQLAlchemy and
    pytest come from .venv) from the pin in requirements-pytest-alembic.txt."""
    stamp = DEPS / "requirements.installed"
    wanted = REQUIREMENTS.read_text()
    if not (stamp.exists() and stamp.read_text() == wanted):
        log(f"pytest-alembic: pip install --no-deps --target {DEPS.relative_to(ROOT)}")
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check",
                        "--no-deps", "--upgrade", "--target", str(DEPS), "-r", str(REQUIREMENTS)],
                       check=True)
        stamp.write_text(wanted)
    out = subprocess.run([sys.executable, "-c", "import importlib.metadata as m; "
                          "print(m.version('pytest-alembic'), m.version('alembic'), m.version('sqlalchemy'))"],
                         env={**os.environ, "PYTHONPATH": str(DEPS)}, capture_output=True, text=True,
                         check=True).stdout.split()
    return f"pytest-alembic {out[0]}, alembic {out[1]}, SQLAlchemy {out[2]}"


def git_copy(ref: str, dest: Path) -> Path:
    """The package and ``sql/`` as of git ``ref`` in ``dest`` (``git archive``; the index
    and the working tree are left alone): run with ``PYTHONPATH=dest`` and
    ``PGGIT_SQL_DIR=dest/sql``, it is that version of the plugin and the layer."""
    import io
    import tarfile

    dest.mkdir(parents=True)
    data = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref, "pytest_pggit", "sql"],
                          check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest)
    return dest


def server_cpu(data_dir: "Path | None") -> float:
    """CPU seconds of the server so far: the postmaster's own and its reaped children's
    (each backend's, once its connection closed); 0.0 where /proc cannot say."""
    try:
        pid = int((Path(data_dir) / "postmaster.pid").read_text().split()[0])   # type: ignore[arg-type]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, TypeError):
        return 0.0


def timed(cmd: List[str], cwd: Path, env: Dict[str, str], expect: int = 0,
          data_dir: "Path | None" = None) -> "tuple[float, float, float]":
    """Wall seconds, and CPU seconds of the pytest process and of the server."""
    import resource

    r0, s0 = resource.getrusage(resource.RUSAGE_CHILDREN), server_cpu(data_dir)
    t = time.perf_counter()
    proc = subprocess.run(cmd, cwd=str(cwd), env=env, capture_output=True, text=True)
    secs = time.perf_counter() - t
    if proc.returncode != expect:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}")
    time.sleep(0.2)   # the last backends exit and are reaped
    r1, s1 = resource.getrusage(resource.RUSAGE_CHILDREN), server_cpu(data_dir)
    return secs, (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime), s1 - s0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--revisions", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ref", action="append", default=[], metavar="GIT_REF",
                        help="also time the cold run of the plugin and sql/ as of this git ref "
                             "(a copy made with git archive), in every round right after the "
                             "working tree's: before/after on one server (repeatable)")
    parser.add_argument("--as-of", metavar="GIT_REF",
                        help="run the pggit rows with the plugin and sql/ as of this git ref (a copy "
                             "made with git archive) instead of the working tree's: committed work "
                             "only, when the working tree holds others' unfinished edits")
    args = parser.parse_args()

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    peer = ensure_pytest_alembic(log)
    backend = LocalBackend()
    times: Dict[str, List[float]] = {"pggit": [], "pggit_default": [], "pggit_warm_root": [],
                                     "pggit_warm": [], "alembic": []}
    times.update({f"ref:{ref}": [] for ref in args.ref})
    cpu: Dict[str, List["tuple[float, float]"]] = {k: [] for k in times}
    loads: List[float] = []
    with tempfile.TemporaryDirectory(prefix="pggit-bench-alembic-") as tmp:
        root = Path(tmp)
        generate_project(root, args.revisions)
        refs = {ref: git_copy(ref, Path(tmp) / f"ref-{i}") for i, ref in enumerate(args.ref)}
        as_of = git_copy(args.as_of, Path(tmp) / "as-of") if args.as_of else None
        server = backend.start()
        try:
            log(f"server: PostgreSQL {server.version} on {server.host}:{server.port}; "
                f"{args.revisions} revisions in {root}")
            py = [sys.executable, "-m", "pytest"]
            base_env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            # the pggit rows' environment: the working tree's plugin, or the --as-of copy
            pggit_env = dict(base_env) if as_of is None else {
                **base_env, "PYTHONPATH": str(as_of), "PGGIT_SQL_DIR": str(as_of / "sql")}
            pggit_cmd = py + ["--pggit", "--pggit-backend", "dsn", "--pggit-dsn", server.dsn(),
                              "--pggit-alembic", "--pggit-gate", "-p", "no:xdist", "pggit_tests"]
            import psycopg

            data_dir = getattr(server, "data_dir", None)
            if data_dir is None:
                with psycopg.connect(server.dsn(), autocommit=True) as conn:
                    data_dir = Path(conn.execute("SHOW data_directory").fetchone()[0])

            def note(key: str, run: int, what: str, got: "tuple[float, float, float]") -> None:
                times[key].append(got[0])
                cpu[key].append((got[1], got[2]))
                loads.append(os.getloadavg()[0])
                log(f"run {run}: {what}: {got[0]:.2f} s (CPU: pytest {got[1]:.2f} s, server "
                    f"{got[2]:.2f} s; load {loads[-1]:.1f})")

            for run in range(1, args.runs + 1):
                # the ratio's two runs back to back, their order alternating; then the rest
                order = ["pggit", "alembic", "more"] if run % 2 else ["alembic", "pggit", "more"]
                for tool in order:
                    if tool in ("pggit", "more"):
                        # cold: --pggit-no-cache, every revision applied and committed (a CI
                        # runner's first run); warm: the template cache's clone of the
                        # template an untimed run kept (a developer's next run)
                        for key, extra, what in (
                                ("pggit", ["--pggit-no-cache", "--pggit-base", "root"], "--pggit-no-cache --pggit-base root"),
                                ("pggit_default", ["--pggit-no-cache"], "--pggit-no-cache"),
                                ("pggit_warm_root", ["--pggit-base", "root"], "--pggit-base root (template cache)"),
                                ("pggit_warm", [], "(template cache)")):
                            if (key == "pggit") != (tool == "pggit"):
                                continue
                            if key == "pggit_warm_root":   # fill the cache first (not timed)
                                timed(pggit_cmd, root, pggit_env)
                            note(key, run, f"pytest --pggit --pggit-alembic --pggit-gate {what}",
                                 timed(pggit_cmd + extra, root, pggit_env, data_dir=data_dir))
                            if key == "pggit":   # the same run as of each --ref, right after
                                for ref, copy in refs.items():
                                    env = {**base_env, "PYTHONPATH": str(copy),
                                           "PGGIT_SQL_DIR": str(copy / "sql")}
                                    note(f"ref:{ref}", run, f"{what}, as of {ref}",
                                         timed(pggit_cmd + extra, root, env, data_dir=data_dir))
                    else:
                        db = f"bench_alembic_{run}"
                        with psycopg.connect(server.dsn(), autocommit=True) as conn:
                            conn.execute(f"DROP DATABASE IF EXISTS {db}")
                            conn.execute(f"CREATE DATABASE {db}")
                        from pytest_pggit.janitor import Database

                        url = getattr(Database(db, server.dsn(db), server), "url", None)
                        if url is None:
                            from pytest_pggit.tools import sqlalchemy_url

                            url = sqlalchemy_url(Database(db, server.dsn(db), server))
                        env = {**base_env, "PYTHONPATH": str(DEPS), "BENCH_ALEMBIC_URL": url,
                               "BENCH_ALEMBIC_INI": str(root / "alembic.ini")}
                        note("alembic", run, "pytest-alembic test_upgrade + test_up_down_consistency "
                             "+ test_single_head_revision",
                             timed(py + ["-p", "no:pytest_alembic", "-p", "no:xdist", "alembic_tests"],
                                   root, env, data_dir=data_dir))
        finally:
            backend.stop()

    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["pggit"] / med["alembic"]
    print()
    print(f"Alembic steps benchmark: {args.revisions} revisions, median of {args.runs} run(s), "
          f"PostgreSQL {server.version}, {os.cpu_count()} CPUs; {peer}"
          + (f"; pggit rows as of {args.as_of}" if args.as_of else ""))
    rows = [
        ("pggit --pggit-no-cache --pggit-base root (build + up/down of every revision)",
         med["pggit"], min(times["pggit"])),
        ("pggit --pggit-no-cache (build + default base: up/down of the newest)",
         med["pggit_default"], min(times["pggit_default"])),
        ("pggit --pggit-base root, template cache warm (up/down of every revision)",
         med["pggit_warm_root"], min(times["pggit_warm_root"])),
        ("pggit, template cache warm (default base)",
         med["pggit_warm"], min(times["pggit_warm"])),
        ("pytest-alembic test_upgrade + test_up_down_consistency + test_single_head_revision",
         med["alembic"], min(times["alembic"])),
    ]
    keys = ["pggit", "pggit_default", "pggit_warm_root", "pggit_warm", "alembic"]
    for ref in args.ref:
        rows.insert(1, (f"pggit --pggit-no-cache --pggit-base root, as of {ref}",
                        statistics.median(times[f"ref:{ref}"]), min(times[f"ref:{ref}"])))
        keys.insert(1, f"ref:{ref}")
    width = max(len(r[0]) for r in rows)
    print(f"| {'run':<{width}} | median s | best s | CPU s: pytest + server (medians) |")
    print(f"|{'-' * (width + 2)}|---------:|-------:|--------------------------------:|")
    for (name, m, b), key in zip(rows, keys):
        c = cpu[key]
        both = (f"{statistics.median(x for x, _ in c):.2f} + {statistics.median(y for _, y in c):.2f}"
                if c else "")
        print(f"| {name:<{width}} | {m:8.2f} | {b:6.2f} | {both:>31} |")
    paired = [a / b for a, b in zip(times["pggit"], times["alembic"])]
    print(f"load average (1 min) during the runs: {min(loads):.1f}-{max(loads):.1f}; paired ratios "
          f"pggit cold every revision / pytest-alembic (back to back): "
          + ", ".join(f"{r:.2f}" for r in paired))
    for ref in args.ref:
        paired_ref = [a / b for a, b in zip(times[f"ref:{ref}"], times["alembic"])]
        print(f"as of {ref}: ratio {med[f'ref:{ref}'] / med['alembic']:.2f}, paired ratios "
              + ", ".join(f"{r:.2f}" for r in paired_ref) + "; working tree / "
              f"{ref}, paired: " + ", ".join(f"{a / b:.2f}" for a, b in zip(times["pggit"], times[f"ref:{ref}"])))
    verdict = "met" if ratio <= TARGET else "MISSED"
    print(f"ratio pggit cold (every revision up/down) / pytest-alembic: {ratio:.2f} "
          f"(target <= {TARGET:.1f}: {verdict}); cold default gate: "
          f"{med['pggit_default'] / med['alembic']:.2f}; warm every revision: "
          f"{med['pggit_warm_root'] / med['alembic']:.2f}; warm default gate: "
          f"{med['pggit_warm'] / med['alembic']:.2f}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
