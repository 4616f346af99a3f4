#!/usr/bin/env python3
"""diff_commits of a small change on a large schema, before and after a change of the layer
(issue 15: count(*) of diff_commits of a 1% change on 1,000 tables under 20 ms, cold and warm).

    .venv/bin/python bench/diff_speed.py                        # HEAD's sql/ vs the working tree
    .venv/bin/python bench/diff_speed.py --ref 047ce6e --after 6614ccf --rounds 20 --tables 1000

Starts its own throwaway server (the project's local backend, stopped in a finally).  One
database gets the ref's layer, bench/core.py's schema of N tables, a full commit and the
1% change of issue 15 (on the tables ending in 3: an index dropped, two columns retyped,
30 changed paths at 1,000 tables) committed; a copy of it gets the working tree's layer
installed over it (an upgrade in place).  Both are ANALYZEd.  Then, in rounds that
alternate which layer goes first (other load on the machine hits both alike):

* cold: a new session's first call (client wall time of the statement), then
* warm: the same call again in that session (the best of three),

each as the statement's wall time seen by the client and as the server's CPU time for it
(user + system, from log_statement_stats: on a loaded machine the wall time grows, the
CPU time much less),

for ``SELECT count(*) FROM diff_commits(a, b)`` (the issue's figure), ``SELECT path ...``
and ``SELECT * ...`` (every column: the migration statements and hazards too), and
``diff_branches``.  Prints the median and the best of the rounds per layer, the load
average before and after, and exits 1 when the 'after' layer's count(*) misses 20 ms
(median wall time, cold or warm).  Rows returned by both layers are compared (every
column, in order): exit 2 when they differ.  --after REF takes the 'after' layer from
a git ref instead of the working tree (e.g. a commit holding only the files a change
touched, made with git commit-tree, to leave out others' work in progress).
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core import ROOT, Bench, change_statements, generate_schema  # noqa: E402

from pytest_pggit.backends.local import LocalBackend, find_binaries  # noqa: E402

TARGET_S = 0.020
QUERIES = {
    "count(*)": "SELECT count(*) FROM pggit_v0.diff_commits(%s, %s)",
    "path only": "SELECT path FROM pggit_v0.diff_commits(%s, %s)",
    "SELECT *": "SELECT * FROM pggit_v0.diff_commits(%s, %s)",
    "diff_branches count(*)": "SELECT count(*) FROM pggit_v0.diff_branches(%s, %s)",
}


def once(b: Bench, db: str, sql: str, params: Tuple[str, str]) -> Tuple[float, float, float, float, list]:
    """(cold s, warm s: best of three, their server CPU s, rows) of one query in a new session.
    The CPU time (user + system, log_statement_stats) does not grow with the load of the
    machine as wall time does."""
    stats: List[str] = []
    with b.connect(db) as conn:
        # (with parameters, the extended protocol: parse, bind and execute are reported apart)
        conn.add_notice_handler(lambda d: stats.append(d.message_detail or "")
                                if (d.message_primary or "").endswith("STATISTICS") else None)
        conn.execute("SET client_min_messages = log")
        conn.execute("SET log_statement_stats = on")

        def run() -> Tuple[float, float, list]:
            stats.clear()
            t0 = time.perf_counter()
            rows = conn.execute(sql, params).fetchall()
            wall = time.perf_counter() - t0
            cpu = [float(m[1]) + float(m[2]) for m in (re.search(r"([0-9.]+) s user, ([0-9.]+) s system", d)
                                                        for d in stats) if m]
            return wall, sum(cpu) if cpu else float("nan"), rows

        cold, cold_cpu, rows = run()
        warm, warm_cpu, _ = min(run() for _ in range(3))
    return cold, warm, cold_cpu, warm_cpu, rows


def main(argv: List[str] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ref", default="HEAD", help="git ref whose sql/ is the 'before' layer (default HEAD)")
    ap.add_argument("--after", metavar="REF", help="git ref whose sql/ is the 'after' layer (default: the working tree)")
    ap.add_argument("--tables", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args(argv)

    bindir = find_binaries()
    backend = LocalBackend()
    load0 = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="pggit-diff-speed-") as tmp:
        os.chmod(tmp, 0o755)
        archive = subprocess.run(["git", "archive", args.ref, "sql"], cwd=str(ROOT), capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        after_install = ROOT / "sql" / "install.sql"
        if args.after:
            (Path(tmp) / "after").mkdir()
            archive = subprocess.run(["git", "archive", args.after, "sql"], cwd=str(ROOT), capture_output=True,
                                     check=True).stdout
            subprocess.run(["tar", "-x", "-C", str(Path(tmp) / "after")], input=archive, check=True)
            after_install = Path(tmp) / "after" / "sql" / "install.sql"
        schema_file = Path(tmp) / "schema.sql"
        schema_file.write_text(generate_schema(args.tables))
        try:
            server = backend.start()
            b = Bench(server, bindir)
            before, after = "diff_before", "diff_after"
            b.create_db(before)
            b.psql_file(before, Path(tmp) / "sql" / "install.sql")
            b.psql_file(before, schema_file)
            with b.connect(before) as conn:
                base = conn.execute("SELECT pggit_v0.create_basic_commit('full')").fetchone()[0]
                for stmt in change_statements(args.tables, 3):
                    conn.execute(stmt)
                change = conn.execute("SELECT pggit_v0.create_basic_commit('1% change')").fetchone()[0]
                conn.execute("ANALYZE")
            b.admin(f'CREATE DATABASE "{after}" TEMPLATE "{before}"')
            b.psql_file(after, after_install)
            with b.connect(after) as conn:
                conn.execute("ANALYZE")
            layers = {f"{args.ref[:12]} (before)": before, f"{(args.after or 'working tree')[:12]} (after)": after}
            times: Dict[Tuple[str, str], Dict[str, List[float]]] = {}
            results: Dict[Tuple[str, str], list] = {}
            for rnd in range(args.rounds):
                order = list(layers.items())
                if rnd % 2:
                    order.reverse()
                for name, db in order:
                    for q, sql in QUERIES.items():
                        cold, warm, cold_cpu, warm_cpu, rows = once(b, db, sql, (base, change))
                        t = times.setdefault((name, q), {"cold": [], "warm": [], "cold_cpu": [], "warm_cpu": []})
                        t["cold"].append(cold)
                        t["warm"].append(warm)
                        t["cold_cpu"].append(cold_cpu)
                        t["warm_cpu"].append(warm_cpu)
                        results[(name, q)] = rows
        finally:
            backend.stop()
    load1 = os.getloadavg()

    print(f"diff_commits of a 1% change: {args.tables} tables, {results[(next(iter(layers)), 'count(*)')][0][0]} "
          f"rows, {args.rounds} rounds; load average {load0[0]:.2f} before, {load1[0]:.2f} after "
          f"({os.cpu_count()} CPUs)")
    print("wall time of the statement (client), median and best of the rounds; server CPU (user + system), median")
    print(f"{'layer':24s} {'query':24s} {'cold median':>12s} {'cold best':>10s} {'warm median':>12s} {'warm best':>10s}"
          f" {'cold CPU':>9s} {'warm CPU':>9s}")
    for (name, q), t in times.items():
        print(f"{name:24s} {q:24s} {statistics.median(t['cold']) * 1000:10.1f}ms {min(t['cold']) * 1000:8.1f}ms "
              f"{statistics.median(t['warm']) * 1000:10.1f}ms {min(t['warm']) * 1000:8.1f}ms "
              f"{statistics.median(t['cold_cpu']) * 1000:7.1f}ms {statistics.median(t['warm_cpu']) * 1000:7.1f}ms")
    names = list(layers)
    differ = [q for q in QUERIES if results[(names[0], q)] != results[(names[1], q)]]
    print("rows of both layers: " + ("the same" if not differ else f"DIFFER in {', '.join(differ)}"))
    t = times[(names[1], "count(*)")]
    miss = [k for k in ("cold", "warm") if statistics.median(t[k]) >= TARGET_S]
    cpu_miss = [k for k in ("cold", "warm") if statistics.median(t[f"{k}_cpu"]) >= TARGET_S]
    print(f"target count(*) < {TARGET_S * 1000:.0f} ms ({names[1]}, median wall time): "
          + ("met" if not miss else "MISSED " + ", ".join(miss))
          + "; in server CPU time: " + ("met" if not cpu_miss else "MISSED " + ", ".join(cpu_miss)))
    return 2 if differ else (1 if miss else 0)


if __name__ == "__main__":
    sys.exit(main())
