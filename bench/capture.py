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

``--callgrind`` counts instructions instead of timing (exact and repeatable on a busy
machine, where wall and CPU ratios move by 0.1 or more from run to run): its own server
runs under ``valgrind --tool=callgrind`` (autovacuum off), each layer's database and a
plain one are loaded once (``--runs`` times with ``--runs``), and the loading backend's
instruction totals give the ratio layer/plain and capture's instructions per statement.
Slow: ~40 s per load of 100 tables, so use ``--tables 100``.
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
    ap.add_argument("--runs", type=int, default=None, help="loads of each kind (default 7; 1 with --callgrind)")
    ap.add_argument("--sql-ref", metavar="REF", help="also measure git REF's sql/ (e.g. HEAD) in the same runs")
    ap.add_argument("--sql-dir", metavar="DIR", action="append", default=[],
                    help="also measure the layer of DIR/install.sql in the same runs (repeatable)")
    ap.add_argument("--callgrind", action="store_true",
                    help="count the loading backend's instructions under valgrind (own server; use --tables 100)")
    ap.add_argument("--port", type=int, default=None, help="--callgrind: its server's port (default 55000 + pid %% 4000)")
    args = ap.parse_args(argv)
    if args.runs is None:
        args.runs = 1 if args.callgrind else 7
    if args.callgrind:
        return callgrind(args)

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


def callgrind(args: argparse.Namespace) -> int:
    """Instructions of the loading backend, plain and with each layer, under callgrind."""
    import re
    import shutil
    from pytest_pggit.backends.local.binaries import find_binaries, resolve_os_user

    if args.dsn or not shutil.which("valgrind"):
        print("--callgrind needs valgrind on PATH and its own server (no --dsn)", file=sys.stderr)
        return 2
    bindir = find_binaries()
    run_as = resolve_os_user()
    port = args.port or 55000 + os.getpid() % 4000
    with tempfile.TemporaryDirectory(prefix="pggit-capgrind-") as tmp:
        root = Path(tmp)
        os.chmod(tmp, 0o777)
        log = root / "server.log"
        out = root / "out"
        out.mkdir()
        os.chmod(out, 0o777)
        # UTF8 as the project's servers (in a single-byte encoding length() and ltrim()
        # cost no walk through the characters)
        run_as.run([str(bindir / "initdb"), "-D", str(root / "data"), "-A", "trust", "-U", "postgres",
                    "-E", "UTF8", "--locale=C", "--no-sync"],
                   "initdb", log, root)
        server = run_as.spawn(["valgrind", "--tool=callgrind", "--trace-children=yes",
                               f"--callgrind-out-file={out}/callgrind.out.%p",
                               str(bindir / "postgres"), "-D", str(root / "data"), "-p", str(port),
                               "-k", tmp, "-c", "listen_addresses=", "-c", "autovacuum=off",
                               "-c", "fsync=off", "-c", "max_locks_per_transaction=1024"], log, root)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["PGOPTIONS"] = "-c client_min_messages=warning"
        psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", tmp, "-p", str(port), "-U", "postgres"]

        def sql(db: str, *a: str, cwd: Optional[str] = None) -> str:
            return subprocess.run(psql + ["-d", db, *a], env=env, capture_output=True, text=True,
                                  check=True, cwd=cwd).stdout

        try:
            for _ in range(240):
                if subprocess.run(psql + ["-d", "postgres", "-c", "SELECT 1"], env=env,
                                  capture_output=True).returncode == 0:
                    break
                time.sleep(0.5)
            else:
                raise RuntimeError(f"the server under valgrind did not start; see {log}")
            layers: Dict[str, Path] = {}
            if args.sql_ref:
                archive = subprocess.run(["git", "archive", args.sql_ref, "sql"], cwd=str(ROOT),
                                         capture_output=True, check=True).stdout
                (root / "ref").mkdir()
                subprocess.run(["tar", "-x", "-C", str(root / "ref")], input=archive, check=True)
                layers[f"ref {args.sql_ref}"] = root / "ref" / "sql"
            for d in args.sql_dir:
                layers[d] = Path(d).resolve()
            layers["layer"] = ROOT / "sql"
            body = generate_schema(args.tables)
            n_stmts = body.count(";\n")
            schema = root / "schema.sql"
            schema.write_text("SELECT pg_backend_pid() AS p \\gset\n\\echo PID :p\n" + body)
            os.chmod(schema, 0o644)
            tpl = {k: f"capgrind_tpl_{i}" for i, k in enumerate(layers)}
            for k, db in tpl.items():
                sql("postgres", "-c", f'CREATE DATABASE "{db}" TEMPLATE template0')
                sql(db, "-f", str(layers[k] / "install.sql"), cwd=str(layers[k]))
            totals: Dict[str, List[int]] = {}
            print(f"schema: {args.tables} tables, {n_stmts} statements; instructions of the loading backend")
            for run in range(args.runs):
                for k in ["plain", *layers]:
                    sql("postgres", "-c", "DROP DATABASE IF EXISTS capgrind_run")
                    sql("postgres", "-c", "CREATE DATABASE capgrind_run TEMPLATE "
                        + ("template0" if k == "plain" else f'"{tpl[k]}"'))
                    sql("postgres", "-c", "CHECKPOINT")   # as the timed loads: first writes log full pages
                    pid = re.search(r"PID (\d+)", sql("capgrind_run", "-f", str(schema))).group(1)
                    f = out / f"callgrind.out.{pid}"
                    for _ in range(600):   # written when the backend exits
                        if f.exists() and re.search(r"^totals: ", f.read_text(errors="replace")[-4000:], re.M):
                            break
                        time.sleep(0.5)
                    total = int(re.search(r"^(?:totals|summary): (\d+)", f.read_text(errors="replace"),
                                          re.M).group(1))
                    f.unlink()
                    totals.setdefault(k, []).append(total)
                    print(f"  run {run + 1} {k:>16}: {total / 1e6:10.2f} M", flush=True)
        finally:
            server.terminate()
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
    plain = min(totals["plain"])
    for k in layers:
        t = min(totals[k])
        print(f"{k:>16}: instructions layer/plain {t / plain:.4f}, capture {(t - plain) / n_stmts / 1e3:.1f}k "
              f"per statement (min of {args.runs} run(s))")
    return 0


if __name__ == "__main__":
    sys.exit(main())
