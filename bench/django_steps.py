"""Benchmark: building the template of a generated Django project against ``manage.py
migrate`` of the same project, on one server (issue 15, F5).

    .venv/bin/python bench/django_steps.py                       # 60 models, 240 migrations
    .venv/bin/python bench/django_steps.py --models 30 --migrations 90 --runs 1   # quick
    .venv/bin/python bench/django_steps.py --ref 319895a         # also the plugin as of a ref

The project: one app, ``--models`` models each created by a migration of its own (a
foreign key to the one before, an index, three fields), then migrations adding a field
to one model each, up to ``--migrations``.  Every migration is a step of the template:
applied alone with Django's executor, committed and tagged.

Per round, each a fresh process timed by wall clock, the order alternating:

* ``pytest --pggit --pggit-backend dsn --pggit-django --pggit-no-cache`` with one test
  using ``pggit_db`` (the template built, every migration a commit and a tag);
* the peer: ``django-admin migrate`` of the same settings into an empty database;
* with ``--ref``: the first again with the plugin and ``sql/`` as of that git ref.

Prints the medians and the ratio pggit / migrate.  Target: <= 1.3 (the template also
commits and tags every step; ``migrate`` only applies them).  Exit status 0 when met.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent))
from alembic_steps import git_copy, timed  # noqa: E402

from pytest_pggit.backends.local import LocalBackend  # noqa: E402

TARGET = 1.3


def generate_project(root: Path, models: int, migrations: int) -> None:
    """The project in ``root``: settings reading the database from ``BENCH_DB_*``."""
    files: Dict[str, str] = {
        "site_cfg/__init__.py": "",
        "site_cfg/settings.py": """
            import os
            SECRET_KEY = "x"
            INSTALLED_APPS = ["shop"]
            DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql",
                                     "NAME": os.environ.get("BENCH_DB_NAME", "nowhere"),
                                     "HOST": os.environ.get("BENCH_DB_HOST", "nowhere.invalid"),
                                     "PORT": os.environ.get("BENCH_DB_PORT", ""),
                                     "USER": os.environ.get("BENCH_DB_USER", "")}}
            DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
            USE_TZ = True
            """,
        "shop/__init__.py": "",
        "shop/migrations/__init__.py": "",
        "pytest.ini": """
            [pytest]
            DJANGO_SETTINGS_MODULE = site_cfg.settings
            pggit_django = true
            addopts = -p no:cacheprovider -p no:randomly -p no:xdist
            """,
        "test_first.py": """
            def test_first(pggit_db):
                assert pggit_db.name
            """,
    }
    prev = None
    for i in range(migrations):
        name = f"{i + 1:04d}_m{i}"
        deps = f'[("shop", "{prev}")]' if prev else "[]"
        if i < models:
            fk = (f'("parent", models.ForeignKey("shop.m{i - 1}", on_delete=models.CASCADE, null=True)),'
                  if i else "")
            op = (f'migrations.CreateModel("M{i}", fields=[("id", models.BigAutoField(primary_key=True)), '
                  f'("name", models.CharField(max_length=100, db_index=True)), '
                  f'("qty", models.IntegerField(default=0)), ("note", models.TextField(null=True)), {fk}])')
        else:
            op = (f'migrations.AddField("m{i % models}", "f{i}", '
                  f'models.CharField(max_length=50, null=True))')
        files[f"shop/migrations/{name}.py"] = f"""
            from django.db import migrations, models

            class Migration(migrations.Migration):
                dependencies = {deps}
                operations = [{op}]
            """
        prev = name
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=int, default=60)
    parser.add_argument("--migrations", type=int, default=240)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--ref", action="append", default=[], metavar="GIT_REF",
                        help="also time the plugin and sql/ as of this git ref (repeatable)")
    args = parser.parse_args()

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    times: Dict[str, List[float]] = {"pggit": [], "migrate": []}
    times.update({f"ref:{r}": [] for r in args.ref})
    backend = LocalBackend()
    with tempfile.TemporaryDirectory(prefix="pggit-bench-django-") as tmp:
        root = Path(tmp) / "project"
        generate_project(root, args.models, max(args.migrations, args.models))
        refs = {r: git_copy(r, Path(tmp) / f"ref-{i}") for i, r in enumerate(args.ref)}
        server = backend.start()
        try:
            import psycopg

            log(f"server: PostgreSQL {server.version} on {server.host}:{server.port}; "
                f"{args.models} models, {args.migrations} migrations")
            env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            pytest_cmd = [sys.executable, "-m", "pytest", "--pggit", "--pggit-backend", "dsn",
                          "--pggit-dsn", server.dsn(), "--pggit-no-cache", "-q", "test_first.py"]
            for run in range(1, args.runs + 1):
                order = ["pggit", "migrate"] if run % 2 else ["migrate", "pggit"]
                for what in order + [f"ref:{r}" for r in args.ref]:
                    if what == "migrate":
                        db = f"bench_django_{run}"
                        with psycopg.connect(server.dsn(), autocommit=True) as conn:
                            conn.execute(f"DROP DATABASE IF EXISTS {db}")
                            conn.execute(f"CREATE DATABASE {db}")
                        menv = {**env, "PYTHONPATH": str(root), "DJANGO_SETTINGS_MODULE": "site_cfg.settings",
                                "BENCH_DB_NAME": db, "BENCH_DB_HOST": str(server.host),
                                "BENCH_DB_PORT": str(server.port), "BENCH_DB_USER": str(server.user)}
                        got = timed([sys.executable, "-m", "django", "migrate", "-v", "0"], root, menv)
                    elif what == "pggit":
                        got = timed(pytest_cmd, root, env)
                    else:
                        copy = refs[what[4:]]
                        got = timed(pytest_cmd, root, {**env, "PYTHONPATH": str(copy),
                                                       "PGGIT_SQL_DIR": str(copy / "sql")})
                    times[what].append(got[0])
                    log(f"run {run}: {what}: {got[0]:.2f} s (CPU: client {got[1]:.2f} s; "
                        f"load {os.getloadavg()[0]:.1f})")
        finally:
            backend.stop()
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["pggit"] / med["migrate"]
    print(f"\nDjango steps benchmark: {args.models} models, {args.migrations} migrations, "
          f"median of {args.runs} run(s), PostgreSQL {server.version}, {os.cpu_count()} CPUs")
    print(f"  pytest --pggit --pggit-django --pggit-no-cache (template built): {med['pggit']:.2f} s")
    print(f"  django-admin migrate (peer):                                      {med['migrate']:.2f} s")
    for r in args.ref:
        print(f"  the same, plugin as of {r}: {med['ref:' + r]:.2f} s "
              f"({med['ref:' + r] / med['migrate']:.2f}x migrate)")
    print(f"  ratio pggit / migrate: {ratio:.2f} (target <= {TARGET}): "
          + ("PASS" if ratio <= TARGET else "MISS"))
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
