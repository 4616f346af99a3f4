#!/usr/bin/env python3
"""Capture overhead: the DDL load with the layer (event triggers on) against without it.

    .venv/bin/python bench/capture.py [--dsn DSN] [--tables 1000] [--runs 7] [--sql-ref REF]

The same generated schema as bench/core.py (N tables with indexes, foreign keys, views
and functions: about 4.35 statements per table) is loaded with the real ``psql -f``
(one statement per DDL) into a fresh database without the layer and into one with the
layer installed, alternating which goes first, ``--runs`` times.  The layer databases are
cloned from one template where install.sql ran once, so a run times the load only.
Prints each pair, the medians, and the ratio layer/plain (median of the per-run ratios:
the figure of issue 15, target <= 1.10), plus the ddl_log rows and capture_faults of the
last run.  ``--sql-ref B`` also measures git ref B's sql/ in the same runs (three loads
a run, rotating), for a before/after in one command; ``--sql-dir D`` a copy of sql/ in D.

Without ``--dsn`` it starts its own throwaway server with the project's local backend
(as bench/core.py), stopped at the end.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import psycopg  # noqa: E402

from core import generate_schema  # noqa: E402


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dsn", help="an existing server (superuser), e.g. 'host=127.0.0.1 port=5432 user=postgres'")
    ap.add_argument("--tables", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--sql-ref", metavar="REF", help="also measure git REF's sql/ (e.g. HEAD) in the same runs")
    ap.add_argument("--sql-dir", metavar="DIR", action="append", default=[],
                    help="also measure the layer of DIR/install.sql in the same runs (repeatable)")
    args = ap.parse_args(argv)

    backend = None
    if args.dsn:
        dsn = args.dsn
    else:
        from pytest_pggit.backends.local import LocalBackend
        backend = LocalBackend()
        server = backend.start()
        dsn = f"host={server.host} port={server.port} user={server.user}"
    params = psycopg.conninfo.conninfo_to_dict(dsn)
    psql_args = ["-h", str(params.get("host", "127.0.0.1")), "-p", str(params.get("port", 5432)),
                 "-U", str(params.get("user", "postgres"))]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["PGOPTIONS"] = "-c client_min_messages=warning"

    def admin(sql: str) -> None:
        with psycopg.connect(dsn, dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)

    def backend_cpu(path: Path) -> Optional[float]:
        try:
            fields = path.read_text().rsplit(")", 1)[1].split()
            path.unlink()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def psql_file(db: str, path: Path) -> float:
        cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", *psql_args, "-d", db, "-f", str(path)]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=str(ROOT), check=False)
        dt = time.perf_counter() - t0
        if proc.returncode != 0:
            raise RuntimeError(f"psql -f {path} failed:\n{proc.stderr[-3000:]}")
        return dt

    try:
        with tempfile.TemporaryDirectory(prefix="pggit-capbench-") as tmp:
            os.chmod(tmp, 0o755)
            schema = Path(tmp) / "schema.sql"
            body = generate_schema(args.tables)
            n_stmts = body.count(";\n")
            # the backend's own CPU time (utime + stime from /proc, when the server is on
            # this machine): steadier than wall time on a busy machine
            cpu_file = Path(tmp) / "cpu"
            schema.write_text("SELECT pg_backend_pid() AS capbench_pid \\gset\n\\setenv CAPBENCH_PID :capbench_pid\n"
                              + body + "\\! cat /proc/$CAPBENCH_PID/stat > $CAPBENCH_CPU 2>/dev/null\n")
            env["CAPBENCH_CPU"] = str(cpu_file)
            layers: Dict[str, Path] = {"layer": ROOT / "sql" / "install.sql"}
            if args.sql_ref:
                archive = subprocess.run(["git", "archive", args.sql_ref, "sql"], cwd=str(ROOT),
                                         capture_output=True, check=True).stdout
                (Path(tmp) / "ref").mkdir()
                subprocess.run(["tar", "-x", "-C", str(Path(tmp) / "ref")], input=archive, check=True)
                layers = {f"ref {args.sql_ref}": Path(tmp) / "ref" / "sql" / "install.sql", **layers}
            for d in args.sql_dir:
                layers[d] = Path(d).resolve() / "install.sql"
            kinds = ["plain", *layers]
            tpl = {k: f"capbench_tpl_{i}" for i, k in enumerate(layers)}
            for k, db in tpl.items():
                admin(f'DROP DATABASE IF EXISTS "{db}"')
                admin(f'CREATE DATABASE "{db}" TEMPLATE template0')
                psql_file(db, layers[k])
            times: Dict[str, List[float]] = {k: [] for k in kinds}
            cpus: Dict[str, List[float]] = {k: [] for k in kinds}
            print(f"schema: {args.tables} tables, {n_stmts} statements; {args.runs} runs, order rotating")
            for run in range(args.runs):
                order = kinds[run % len(kinds):] + kinds[:run % len(kinds)]
                for k in order:
                    db = "capbench_run"
                    admin(f'DROP DATABASE IF EXISTS "{db}"')
                    admin(f'CREATE DATABASE "{db}" TEMPLATE ' + ("template0" if k == "plain" else f'"{tpl[k]}"'))
                    admin("CHECKPOINT")
                    times[k].append(psql_file(db, schema))
                    cpu = backend_cpu(cpu_file)
                    if cpu is not None:
                        cpus[k].append(cpu)
                print(f"  run {run + 1}: " + ", ".join(
                    f"{k} {times[k][-1]:.3f} s" + (f" cpu {cpus[k][-1]:.2f} s" if len(cpus[k]) > run else "")
                    + ("" if k == "plain" else f" ({times[k][-1] / times['plain'][-1]:.3f})")
                    for k in kinds), flush=True)
            # the last load is a layer one only if it came last; count on a fresh layer load
            admin('DROP DATABASE IF EXISTS "capbench_run"')
            admin(f'CREATE DATABASE "capbench_run" TEMPLATE "{tpl["layer"]}"')
            psql_file("capbench_run", schema)
            with psycopg.connect(dsn, dbname="capbench_run") as conn:
                n_log, n_faults = conn.execute("SELECT (SELECT count(*) FROM pggit_v0.ddl_log), "
                                               "(SELECT count(*) FROM pggit_v0.capture_faults)").fetchone()
            admin('DROP DATABASE IF EXISTS "capbench_run"')
            for db in tpl.values():
                admin(f'DROP DATABASE IF EXISTS "{db}"')
    finally:
        if backend is not None:
            backend.stop()

    print(f"\nmedian plain load {statistics.median(times['plain']):.3f} s")
    for k in layers:
        ratios = [a / b for a, b in zip(times[k], times["plain"])]
        print(f"{k:>16}: median load {statistics.median(times[k]):.3f} s, ratio layer/plain median "
              f"{statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f})")
        if len(cpus[k]) == len(cpus["plain"]) == args.runs:
            cr = [a / b for a, b in zip(cpus[k], cpus["plain"])]
            print(f"{'':>16}  backend CPU {statistics.median(cpus[k]):.2f} s vs plain "
                  f"{statistics.median(cpus['plain']):.2f} s, ratio median {statistics.median(cr):.3f} "
                  f"(min {min(cr):.3f}, max {max(cr):.3f}); "
                  f"{(statistics.median(cpus[k]) - statistics.median(cpus['plain'])) / n_stmts * 1e6:.0f} us/statement")
    print(f"working tree layer: {n_log} ddl_log rows, {n_faults} capture_faults (one load)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
